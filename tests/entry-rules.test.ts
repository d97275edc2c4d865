import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { a1 } from '../src/engine/a1.js';
import { canonicalPositions } from '../src/engine/render.js';
import { isCountColumn } from '../src/engine/template-queries.js';
import { gnbv, tempDir } from './support/cli.js';
import { templateOf } from './support/factories.js';

test('blank templates carry Excel Data Validation: whole counts >= 0, money decimals >= 0, a Vietnamese input message per column; totals stay formulas', async () => {
  const dir = await tempDir();
  const file = path.join(dir, 'mau.xlsx');
  assert.equal((await gnbv('template', 'ALL', '-o', file)).code, 0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  let checked = 0;
  for (const id of ['PL01', 'PL02', 'NV']) {
    const template = templateOf(id);
    const pos = canonicalPositions(template);
    const sheet = workbook.worksheets.find((w) => w.name === template.sheetName)!;
    for (const row of template.rows)
      for (const column of template.columns) {
        const cell = sheet.getCell(a1(pos.rows.get(row.key)!, pos.columns.get(column.key)!));
        const rule = cell.dataValidation as ExcelJS.DataValidation & { promptTitle?: string; prompt?: string; showInputMessage?: boolean };
        const where = `${id}!${cell.address}`;
        if (cell.formula) {
          assert.equal(rule?.type, undefined, `${where}: a total stays a formula, no entry rule`);
          continue;
        }
        if (column.measure === 'text') {
          assert.equal(rule?.type, undefined, where);
          continue;
        }
        assert.equal(rule.type, isCountColumn(column) ? 'whole' : 'decimal', where);
        assert.equal(rule.operator, 'greaterThanOrEqual', where);
        assert.equal(Number(rule.formulae[0]), 0, where);
        assert.equal(rule.allowBlank, true, `${where}: blank means "not reported"`);
        assert.equal(rule.errorStyle, 'stop', where);
        assert.ok(rule.showInputMessage && rule.promptTitle && rule.promptTitle.length <= 32, where);
        assert.match(rule.prompt ?? '', isCountColumn(column) ? /số nguyên, không âm/ : /số không âm, được có phần thập phân/, where);
        assert.ok((rule.prompt ?? '').length <= 255);
        checked++;
      }
    // The totals are still formulas.
    assert.ok(sheet.getCell(a1(pos.rows.get(template.rows.find((r) => r.kind === 'total')!.key)!, pos.columns.get(template.columns.find((c) => c.measure !== 'text')!.key)!)).formula);
  }
  assert.ok(checked > 200, `${checked} figure cells with an entry rule`);
});
