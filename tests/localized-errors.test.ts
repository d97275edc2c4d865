// One bilingual error shape: every error a user can act on carries vi and en, and each face
// (CLI line, task pane notice) shows the one of its language. The English check is independent
// of the code: an English message has none of the letters only Vietnamese uses.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { failureLine } from '../src/cli/main.js';
import { LocalizedError, messageOf } from '../src/engine/localized-error.js';
import { parseTemplate, TemplateDefinitionError } from '../src/engine/template.js';
import { parseUnitList, UnitListError } from '../src/engine/units.js';
import { OutputExistsError, OutputIsInputError, OutputWriteError } from '../src/io/files.js';
import { InputError } from '../src/io/input-error.js';
import { ProtectedSheetError, UnsupportedFeatureError } from '../src/workbook-port.js';
import { MemoryWorkbook } from '../src/adapters/memory-workbook.js';
import { formatGeneratedAt } from '../src/merge-session.js';
import { describeError, paneContext } from '../taskpane/context.js';
import { engineConfig } from './support/factories.js';

const VIETNAMESE_ONLY = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹàáèéìíòóùúýõũĩ]/iu;

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('nothing thrown');
}

/** One real instance of every error class a user can meet, made the way the code makes it. */
const errors = (): Array<[string, unknown]> => [
  ['InputError', new InputError('xa-a.xlsx', 'corrupt')],
  ['UnsupportedFeatureError', new UnsupportedFeatureError('ExcelApi 1.6', 'Excel này không hỗ trợ tô màu.', 'This Excel cannot colour cells.')],
  ['ProtectedSheetError', new ProtectedSheetError(['PL01'])],
  ['OutputExistsError', new OutputExistsError('huyen.xlsx')],
  ['OutputIsInputError', new OutputIsInputError('xa-a.xlsx', 'xa-a.xlsx')],
  ['OutputWriteError', new OutputWriteError('out/huyen.xlsx', 'EACCES', new Error('EACCES'))],
  ['UnitListError', caught(() => parseUnitList({ district: 1 }, 'units.json'))],
  ['TemplateDefinitionError', caught(() => parseTemplate({ id: 'pl01' }, 'pl01.json'))],
];

test('every error class a user can meet is a LocalizedError with both languages', () => {
  for (const [name, error] of errors()) {
    assert.ok(error instanceof LocalizedError, name);
    assert.equal((error as Error).name, name);
    assert.ok(VIETNAMESE_ONLY.test(error.vi), `${name} vi: ${error.vi}`);
    assert.ok(!VIETNAMESE_ONLY.test(error.en), `${name} en: ${error.en}`);
    assert.equal(messageOf(error, 'vi'), error.vi);
    assert.equal(messageOf(error, 'en'), error.en);
  }
  assert.ok(caught(() => parseUnitList({ district: 1 }, 'units.json')) instanceof UnitListError);
  assert.ok(caught(() => parseTemplate({ id: 'pl01' }, 'pl01.json')) instanceof TemplateDefinitionError);
  assert.equal(messageOf(new Error('bug'), 'en'), undefined);
});

test('the English pane shows English for every error class, the Vietnamese pane Vietnamese', () => {
  const port = MemoryWorkbook.fromSpecs([]);
  const en = paneContext(port, engineConfig(), 'en');
  const vi = paneContext(port, engineConfig(), 'vi');
  for (const [name, error] of errors()) {
    const shownEn = describeError(error, en);
    assert.ok(!VIETNAMESE_ONLY.test(shownEn), `${name} in the English pane: ${shownEn}`);
    assert.ok(shownEn.includes((error as LocalizedError).en), name);
    assert.ok(describeError(error, vi).includes((error as LocalizedError).vi), name);
  }
});

test('the CLI says every error class in the language asked', () => {
  for (const [name, error] of errors()) {
    assert.equal(failureLine(error, 'en'), (error as LocalizedError).en, name);
    assert.equal(failureLine(error, 'vi'), (error as LocalizedError).vi, name);
  }
});

test('no error class in the product is outside the bilingual shape (bugs excepted)', () => {
  const bugsOnly = new Set(['LocalizedError', 'UnwritableCellError']);
  const classes: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.tsx?$/.test(entry.name)) for (const m of readFileSync(file, 'utf8').matchAll(/class (\w+) extends (\w+)/g)) if (m[2] === 'Error') classes.push(m[1]!);
    }
  };
  for (const dir of ['src', 'taskpane', 'functions', 'demo']) walk(dir);
  assert.deepEqual(classes.filter((name) => !bugsOnly.has(name)), []);
});

test('an unknown --district is said in the language asked, exit 2', async () => {
  const { gnbv } = await import('./support/cli.js');
  const en = await gnbv('validate', 'x.xlsx', '--district', 'dong-ha', '--lang', 'en');
  assert.equal(en.code, 2);
  assert.match(en.stderr, /^No unit list "dong-ha" \(known: .*cam-lo.*\)\. Use --units FILE\.json/);
  assert.ok(!VIETNAMESE_ONLY.test(en.stderr), en.stderr);
  const vi = await gnbv('validate', 'x.xlsx', '--district', 'dong-ha');
  assert.match(vi.stderr, /^Không có danh sách đơn vị "dong-ha"/);
});

test("the time a district workbook was made is written one way by every face, on Vietnam's clock", () => {
  const when = new Date('2018-07-20T02:05:00Z'); // 09:05 in Hà Nội, whatever this machine's zone
  assert.equal(formatGeneratedAt(when, 'vi'), '09:05 ngày 20/07/2018');
  assert.equal(formatGeneratedAt(when, 'en'), '09:05 on 20/07/2018');
});
