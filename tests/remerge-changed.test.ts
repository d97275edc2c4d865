import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { a1 } from '../src/engine/a1.js';
import { locateTable } from '../src/engine/locate.js';
import { canonicalPositions } from '../src/engine/render.js';
import type { SheetSpec } from '../src/engine/sheet-spec.js';
import { specToGrid } from '../src/engine/spec-grid.js';
import { readCell } from '../src/engine/table.js';
import { writeSpecs } from '../src/io/xlsx.js';
import { gnbv, tempDir } from './support/cli.js';
import { sampleFile, templateOf } from './support/factories.js';
import { evaluateXlsx, type EvaluatedWorkbook } from './support/formula-engine.js';

/**
 * Merging again with a CHANGED file must show the new figures: the oracle is the received
 * files themselves, read cell by cell, never the previous district workbook.
 */
const CLEAN_UNITS = ['19597', '19600', '19603', '19606', '19612', '19618', '19621'];
let dir = '';
let first: EvaluatedWorkbook;
let second: EvaluatedWorkbook;
let changedFile = '';

/** Cam Tuyền's (different, consistent) figures, sent under Cam An's name. */
function changedCamAn(): SheetSpec[] {
  return sampleFile('19600').sheets.map((sheet) => ({
    ...sheet,
    cells: sheet.cells.map((cell) => (typeof cell.value === 'string' ? { ...cell, value: cell.value.replaceAll('Cam Tuyền', 'Cam An') } : cell)),
  }));
}

/** A template cell's figure in a unit's own sheets, read through the locator. */
function figure(sheets: SheetSpec[], templateId: string, row: string, column: string): number | null {
  const template = templateOf(templateId);
  const grid = sheets.map(specToGrid).find((g) => g.name === template.sheetName)!;
  const table = locateTable(grid, [template])!;
  const reading = readCell(table, row, column);
  return reading.state === 'number' ? reading.value : null;
}

before(async () => {
  dir = await tempDir();
  const inputs = await Promise.all(
    CLEAN_UNITS.map(async (code) => {
      const file = path.join(dir, sampleFile(code).fileName);
      await writeFile(file, await writeSpecs(sampleFile(code).sheets));
      return file;
    }),
  );
  const district = path.join(dir, 'district.xlsx');
  let run = await gnbv('merge', ...inputs, '-o', district);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  first = await evaluateXlsx(new Uint8Array(await readFile(district)));

  changedFile = path.join(dir, 'Xã Cam An (bản sửa).xlsx');
  await writeFile(changedFile, await writeSpecs(changedCamAn()));
  const again = path.join(dir, 'district-2.xlsx');
  run = await gnbv('merge', district, changedFile, '-o', again);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  second = await evaluateXlsx(new Uint8Array(await readFile(again)));
});

after(() => rm(dir, { recursive: true, force: true }));

test('the changed unit sheet holds the new file figures, cell by cell', () => {
  const changed = changedCamAn();
  const pos = canonicalPositions(templateOf('PL01'));
  let compared = 0;
  for (const row of templateOf('PL01').rows) {
    for (const column of templateOf('PL01').columns) {
      if (column.measure === 'text') continue;
      const expected = figure(changed, 'PL01', row.key, column.key);
      const got = second.value('PL01 Cam An', a1(pos.rows.get(row.key)!, pos.columns.get(column.key)!));
      assert.equal(got === null ? null : got, expected, `${row.key}/${column.key}`);
      compared++;
    }
  }
  assert.ok(compared > 100);
});

test('the district totals move by exactly the change of that unit', () => {
  const pos = canonicalPositions(templateOf('PL02'));
  const before = sampleFile('19603').sheets;
  const after = changedCamAn();
  for (const column of ['von_tong', 'von_dtpt', 'von_sn', 'ho_tong']) {
    const address = a1(pos.rows.get('total')!, pos.columns.get(column)!);
    const expected = (first.value('PL02 Tổng hợp', address) as number) - figure(before, 'PL02', 'total', column)! + figure(after, 'PL02', 'total', column)!;
    assert.notEqual(figure(before, 'PL02', 'total', column), figure(after, 'PL02', 'total', column), `${column} must differ for this test to mean anything`);
    assert.ok(Math.abs((second.value('PL02 Tổng hợp', address) as number) - expected) < 1e-6, column);
  }
});

test('the log names the newly received file as the source of that unit sheet', () => {
  // Nhật ký: column B the original file, I the note, J the sheet in the district workbook. The
  // replaced sheet keeps a row of its own ("Đã thay bằng tệp …"); the merged one names the new file.
  const rows: Array<[string, string]> = [];
  for (let row = 1; row <= 80; row++)
    if (second.value('Nhật ký', `J${row}`) === 'PL01 Cam An') rows.push([String(second.value('Nhật ký', `B${row}`)), String(second.value('Nhật ký', `I${row}`))]);
  const merged = rows.filter(([, note]) => note.startsWith('Đã gộp'));
  assert.deepEqual(merged.map(([file]) => file), [path.basename(changedFile)], JSON.stringify(rows));
  assert.ok(rows.some(([, note]) => note.includes(`Đã thay bằng tệp ${path.basename(changedFile)}`)), JSON.stringify(rows));
});
