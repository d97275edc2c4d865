import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { blankTemplateSheet } from '../src/engine/annex-sheet.js';
import { builtinTemplate, builtinTemplates } from '../src/engine/builtin.js';
import { renderMessage } from '../src/engine/messages.js';
import { ISSUE_CODES } from '../src/engine/issues.js';
import { specToGrid } from '../src/engine/spec-grid.js';
import { parseTemplate, TemplateDefinitionError } from '../src/engine/template.js';
import { loadWorkbook, workbookGrids } from '../src/io/xlsx.js';
import { evaluateWorkbook } from './support/formula-engine.js';
import { a1 } from '../src/engine/a1.js';
import { canonicalPositions } from '../src/engine/render.js';
import { flatten, validate } from './support/factories.js';
import { EXAMPLE_ISSUES } from './support/issue-examples.js';

const pl01 = JSON.parse(await readFile(new URL('../templates/definitions/pl01.json', import.meta.url), 'utf8'));

test('the shipped definitions are valid', () => {
  assert.deepEqual(builtinTemplates().map((t) => t.id), ['PL01', 'PL02', 'NV']);
});

test('a broken definition fails with a message naming the field', () => {
  const cases: Array<[(d: any) => void, RegExp]> = [
    [(d) => (d.columns[0].measure = 'tiền'), /columns\.0\.measure/],
    [(d) => (d.rows[1].parent = 'khong_co'), /rows\.1\.parent: không có dòng "khong_co"/],
    [(d) => (d.columns[12].sumOf = ['kp_2016', 'kp_2099']), /columns\.12\.sumOf\.1: không có cột "kp_2099"/],
    [(d) => (d.rules[1].measures = ['communes']), /rules\.1/],
    [(d) => delete d.title, /title/],
    [(d) => (d.columns[3].sumOf = ['xa_2017', 'xa_2018']), /columns\.3\.sumOf: số xã không cộng dồn/],
    [(d) => d.rows.push({ ...d.rows[0] }), /khóa dòng trùng: yte/],
    [(d) => d.columns[4].aliases.push(['Năm 2016', 'Kinh phí']), /columns\.4\.header: tiêu đề "Năm 2016 \/ Kinh phí" trùng với cột "kp_2016"/],
  ];
  for (const [breakIt, message] of cases) {
    const broken = structuredClone(pl01);
    breakIt(broken);
    assert.throws(() => parseTemplate(broken, 'pl01.json'), (error: unknown) => error instanceof TemplateDefinitionError && message.test(error.message) && error.message.includes('pl01.json'));
  }
});

test('every issue code has a Vietnamese and an English message', () => {
  for (const code of Object.keys(ISSUE_CODES) as Array<keyof typeof ISSUE_CODES>) {
    for (const language of ['vi', 'en'] as const) {
      const text = renderMessage(EXAMPLE_ISSUES[code], language);
      assert.ok(text.length > 10 && !/undefined|NaN|\[object/.test(text), `${language} ${code}: ${text}`);
    }
  }
});

test('the committed blank templates are generated from the definitions (npm run templates)', async () => {
  for (const template of builtinTemplates()) {
    const committed = workbookGrids(await loadWorkbook(new Uint8Array(await readFile(new URL(`../templates/${template.id}.xlsx`, import.meta.url)))))[0]!;
    const expected = specToGrid(blankTemplateSheet(template));
    const strip = (grid: typeof committed) => ({
      cells: grid.cells.map((row) => row?.map((c) => (c ? { value: c.value ?? null, formula: c.formula } : undefined))),
      merges: [...grid.merges].sort((a, b) => a.top - b.top || a.left - b.left),
    });
    const a = strip(committed);
    const b = strip(expected);
    assert.deepEqual(a.merges, b.merges, `${template.id}.xlsx merges are stale: run npm run templates`);
    assert.deepEqual(JSON.stringify(a.cells), JSON.stringify(b.cells), `${template.id}.xlsx is stale: run npm run templates`);
  }
});

test('a blank template validates clean, and its totals are formulas a spreadsheet computes', async () => {
  const bytes = await readFile(new URL('../templates/PL02.xlsx', import.meta.url));
  const grids = workbookGrids(await loadWorkbook(new Uint8Array(bytes)));
  assert.deepEqual(flatten(validate(grids).issues).filter((l) => !l.includes('cross/missing-sheet')), []);
  const sheet = grids[0]!;
  const formulas = sheet.cells.flat().filter((c) => c?.formula).length;
  assert.ok(formulas > 50, `PL02 has ${formulas} formulas`);
  // Type three figures into the blank template: every total follows, the checks show the gap.
  const workbook = await loadWorkbook(new Uint8Array(bytes));
  const pos = canonicalPositions(builtinTemplate('PL02'));
  const at = (row: string, column: string) => a1(pos.rows.get(row)!, pos.columns.get(column)!);
  const worksheet = workbook.getWorksheet('PL02')!;
  worksheet.getCell(at('da1_sinh_ke', 'von_dtpt')).value = 10;
  worksheet.getCell(at('da1_sinh_ke', 'von_sn')).value = 5.5;
  worksheet.getCell(at('da1_nhan_rong', 'von_sn')).value = 1;
  worksheet.getCell(at('da1_nhan_rong', 'von_nstw')).value = 1;
  const evaluated = evaluateWorkbook(workbook);
  assert.equal(evaluated.value('PL02', at('da1_sinh_ke', 'von_tong')), 15.5);
  assert.equal(evaluated.value('PL02', at('du_an_1', 'von_tong')), 16.5);
  assert.equal(evaluated.value('PL02', at('total', 'von_tong')), 16.5);
  assert.equal(evaluated.value('PL02', at('total', 'von_sn')), 6.5);
  // Nothing reported for Dự án 2: its totals stay blank, not 0 (blank = not reported).
  assert.equal(evaluated.value('PL02', at('du_an_2', 'von_tong')), '');
  // A blank form prints as the annex does: no check columns beside it (GNBV checks the figures
  // itself; "Công thức tổng" adds them on request).
  for (const row of ['du_an_2', 'da1_nhan_rong', 'total']) assert.equal(worksheet.getCell(a1(pos.rows.get(row)!, pos.lastColumn + 1)).value, null);
  assert.ok(!sheet.cells.flat().some((c) => typeof c?.value === 'string' && /Kiểm tra [^,]|Σ/.test(c.value)));
});
