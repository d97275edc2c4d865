import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { MemoryWorkbook } from '../src/adapters/memory-workbook.js';
import { CATEGORIES, ownSheetKind } from '../src/engine/categories.js';
import { ISSUE_CODES } from '../src/engine/issues.js';
import { districtSheets, planMerge } from '../src/engine/merge.js';
import { specToGrid } from '../src/engine/spec-grid.js';
import { checkWorkbook } from '../src/engine/workbook.js';
import { validateSheets } from '../src/workbook-actions.js';
import { gnbv, tempDir } from './support/cli.js';
import { engineConfig, sampleBytes, sampleFiles } from './support/factories.js';

const config = engineConfig();

test('every issue code has a category name and a one-line explanation in both languages, with correct Vietnamese', () => {
  for (const language of ['vi', 'en'] as const) {
    assert.deepEqual(Object.keys(CATEGORIES[language]).sort(), Object.keys(ISSUE_CODES).sort(), language);
    for (const [code, { name, hint }] of Object.entries(CATEGORIES[language])) {
      assert.ok(name.length > 3 && hint.length > 10, code);
      assert.ok(!/[a-z]+\/[a-z]/.test(name), `${code}: a name, not a code`);
      assert.equal(name, name.normalize('NFC'));
      assert.equal(hint, hint.normalize('NFC'));
    }
  }
  assert.notEqual(CATEGORIES.vi['sum/rows'].name, CATEGORIES.en['sum/rows'].name);
});

function districtWorkbook(): MemoryWorkbook {
  const sources = sampleFiles().map((sample) => ({ ...checkWorkbook({ file: sample.fileName, grids: sample.sheets.map(specToGrid) }, config), sha256: 'x', readAt: '2018-07-20T02:30:00Z' }));
  return MemoryWorkbook.fromSpecs(districtSheets(planMerge(sources, config), '20/7/2018').sheets, 'Tình hình nộp');
}

test("GNBV's own sheets and a blank sheet are described, not reported as errors; an annex sheet still is checked", async () => {
  const workbook = districtWorkbook();
  assert.equal(ownSheetKind('Tình hình nộp'), 'completeness');
  assert.equal(ownSheetKind('Nhật ký 2'), 'log');
  assert.equal(ownSheetKind('PL01 Tổng hợp'), null);
  let checked = await validateSheets(workbook, config, 'active');
  assert.deepEqual(checked.report.issues, []);
  assert.deepEqual(checked.notAnnex, { 'Tình hình nộp': 'completeness' });
  workbook.activate('Nhật ký');
  checked = await validateSheets(workbook, config, 'active');
  assert.deepEqual([checked.report.stats.errors, checked.notAnnex['Nhật ký']], [0, 'log']);

  const blank = MemoryWorkbook.fromSpecs([{ name: 'Sheet1', cells: [], merges: [], columnWidths: [], rowHeights: new Map(), landscape: true }]);
  checked = await validateSheets(blank, config, 'active');
  assert.deepEqual([checked.report.stats.errors, checked.notAnnex.Sheet1], [0, 'blank']);

  // A sheet with something on it but no annex is still "no annex": that is a fault worth saying.
  const other = MemoryWorkbook.fromSpecs([{ name: 'Ghi chú', cells: [{ row: 0, col: 0, value: 'Danh sách hộ' }], merges: [], columnWidths: [], rowHeights: new Map(), landscape: true }]);
  checked = await validateSheets(other, config, 'active');
  assert.deepEqual(checked.report.issues.map((i) => i.code), ['locate/no-annex']);
  assert.deepEqual(checked.notAnnex, {});
});

test("the command line's text output names the kind of issue in the official's words; --json keeps the code", async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'Cam Thanh.xlsx');
  await writeFile(file, await sampleBytes('19609'));
  const text = await gnbv('validate', file);
  assert.match(text.stdout, /Số hộ lớn hơn số người: /);
  assert.doesNotMatch(text.stdout, /households\/over-persons|cell\/text-number/);
  const english = await gnbv('validate', file, '--lang', 'en');
  assert.match(english.stdout, /More households than persons: /);
  const json = JSON.parse((await gnbv('validate', file, '--json')).stdout);
  assert.ok(JSON.stringify(json).includes('"households/over-persons"'));
});

test('times are Vietnam\'s clock whatever the machine\'s zone: the log sheet and the summary line', async () => {
  const { vietnamTime } = await import('../src/engine/local-time.js');
  assert.equal(vietnamTime(new Date('2018-07-20T02:30:00Z')), '09:30 ngày 20/07/2018');
  assert.equal(vietnamTime(new Date('2018-07-20T20:05:00Z')), '03:05 ngày 21/07/2018');
  const workbook = districtWorkbook();
  const [log] = await workbook.readSheets(['Nhật ký']);
  const texts = log!.cells.flat().map((c) => c?.value);
  assert.ok(texts.includes('09:30 ngày 20/07/2018'), 'read at 02:30 UTC');
  assert.ok(!texts.some((v) => typeof v === 'string' && /\d{4}-\d\d-\d\dT/.test(v)), 'no ISO UTC stamps');
});

test('a template inserted for a unit is named after it, not "PL01 2"', async () => {
  const { insertTemplates } = await import('../src/workbook-actions.js');
  const workbook = MemoryWorkbook.fromSpecs([{ name: 'PL01', cells: [], merges: [], columnWidths: [], rowHeights: new Map(), landscape: true }]);
  assert.deepEqual(await insertTemplates(workbook, config, ['PL01'], 'Xã Cam An'), ['PL01 Cam An']);
  assert.deepEqual(await insertTemplates(workbook, config, ['PL01'], 'Xã Cam An'), ['PL01 Cam An 2']);
});

test('figures in the pane\'s previews are formatted as the official reads them', async () => {
  const { STRINGS } = await import('../taskpane/i18n.js');
  assert.equal(STRINGS.vi.totalsTyped('C10', '1847', '1848.5'), 'C10: gõ tay 1.847, công thức cho 1.848,5');
  assert.equal(STRINGS.en.totalsTyped('C10', '1847', '—'), 'C10: typed 1,847, formula gives —');
  assert.equal(STRINGS.vi.errorCount(1), '1 lỗi');
  assert.deepEqual([STRINGS.en.errorCount(1), STRINGS.en.warningCount(1), STRINGS.en.errorCount(6)], ['1 error', '1 warning', '6 errors']);
  assert.equal(STRINGS.vi.totalsSummary(3, 0), '3 ô tổng sẽ thành công thức; 0 ô tổng gõ tay đang sai.');
});
