import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CellValue, Grid } from '../src/engine/grid.js';
import { locateTable } from '../src/engine/locate.js';
import { canonicalPositions } from '../src/engine/render.js';
import { readCell } from '../src/engine/table.js';
import { engineConfig, flatten, sampleGrids, templateOf, validate } from './support/factories.js';

const templates = engineConfig().templates;

/** A PL01 grid of Cam An's figures, transformed like a received file. */
function pl01(): Grid {
  return sampleGrids('19603')[0]!;
}

function insertRows(grid: Grid, at: number, count: number): void {
  grid.cells.splice(at, 0, ...Array.from({ length: count }, () => undefined));
  for (const m of grid.merges) {
    if (m.top >= at) m.top += count;
    if (m.bottom >= at) m.bottom += count;
  }
}

function insertColumns(grid: Grid, at: number, values: CellValue[]): void {
  grid.cells.forEach((row, r) => row?.splice(at, 0, values[r] === undefined || values[r] === null ? undefined : { value: values[r]! }));
  for (const m of grid.merges) {
    if (m.left >= at) m.left += 1;
    if (m.right >= at) m.right += 1;
  }
}

function mapText(grid: Grid, map: (text: string) => string): void {
  for (const row of grid.cells) for (const cell of row ?? []) if (cell && typeof cell.value === 'string') cell.value = map(cell.value);
}

function expectSameFigures(grid: Grid): void {
  const original = locateTable(pl01(), templates)!;
  const moved = locateTable(grid, templates);
  assert.ok(moved, 'table found');
  assert.equal(moved.template.id, 'PL01');
  assert.equal(moved.rows.size, templateOf('PL01').rows.length);
  assert.equal(moved.columns.size, templateOf('PL01').columns.length);
  for (const row of moved.template.rows)
    for (const column of moved.template.columns) {
      const a = readCell(original, row.key, column.key);
      const b = readCell(moved, row.key, column.key);
      assert.deepEqual('value' in b ? b.value : b.state, 'value' in a ? a.value : a.state, `${row.key}/${column.key}`);
    }
}

test('finds the table at another row and column', () => {
  const grid = pl01();
  insertRows(grid, 0, 4);
  insertColumns(grid, 0, []);
  insertColumns(grid, 0, []);
  expectSameFigures(grid);
});

test('tolerates blank and extra text rows inside the table', () => {
  const grid = pl01();
  const pos = canonicalPositions(templateOf('PL01'));
  insertRows(grid, pos.firstDataRow + 3, 2);
  grid.cells[pos.firstDataRow + 4] = [undefined, { value: 'Ghi chú: số liệu sơ bộ' }];
  expectSameFigures(grid);
  assert.deepEqual(flatten(validate([grid, ...sampleGrids('19603').slice(1)]).issues), []);
});

test('tolerates extra and reordered columns, reporting an extra column only if it has numbers', () => {
  const grid = pl01();
  const pos = canonicalPositions(templateOf('PL01'));
  insertColumns(grid, 2, Object.assign([], { [pos.headerTop]: 'Đơn vị thực hiện', [pos.firstDataRow]: 'UBND xã' }));
  // Swap the 2016 and 2018 groups (4 columns each, merged header above).
  for (const row of grid.cells) {
    if (!row) continue;
    const y2016 = row.slice(3, 7);
    const y2018 = row.slice(11, 15);
    row.splice(3, 4, ...y2018);
    row.splice(11, 4, ...y2016);
  }
  for (const m of grid.merges) if (m.left === 3 || m.left === 11) [m.left, m.right] = m.left === 3 ? [11, 14] : [3, 6];
  expectSameFigures(grid);
  const withNumbers = pl01();
  insertColumns(withNumbers, 2, Object.assign([], { [pos.headerTop]: 'Khác', [pos.firstDataRow]: 12 }));
  assert.deepEqual(locateTable(withNumbers, templates)!.issues.map((i) => i.code), ['locate/unknown-column']);
});

test('matches header variants: case, spacing, NFD, STT, Tổng số, "2016" for "Năm 2016"', () => {
  const grid = pl01();
  mapText(grid, (text) =>
    text === 'TT' ? 'STT' : text === 'Tổng cộng' ? 'TỔNG SỐ' : text === 'Kinh phí' ? 'Kinh  phí (triệu đồng)' : text.replace(/^Năm (\d{4})$/, '$1').normalize('NFD'),
  );
  expectSameFigures(grid);
});

test('reads a group header typed once above unmerged sub-columns', () => {
  const grid = pl01();
  grid.merges = grid.merges.filter((m) => !(m.top === canonicalPositions(templateOf('PL01')).headerTop && m.right > m.left));
  expectSameFigures(grid);
});

test('reports rows it cannot place and rows that are missing, never drops them', () => {
  const grid = pl01();
  const pos = canonicalPositions(templateOf('PL01'));
  const giaoDuc = pos.rows.get('giao_duc')!;
  grid.cells[giaoDuc]![1] = { value: 'Chính sách khác do địa phương tự đặt' };
  const table = locateTable(grid, templates)!;
  assert.deepEqual(table.issues.map((i) => i.code).sort(), ['locate/missing-row', 'locate/unknown-row']);
  assert.equal(table.issues.find((i) => i.code === 'locate/missing-row')!.row, 'giao_duc');
});

test('tells the annexes apart and finds none in an unrelated sheet', () => {
  const [a, b, c] = sampleGrids('19603');
  assert.deepEqual([a, b, c].map((g) => locateTable(g!, templates)?.template.id), ['PL01', 'PL02', 'NV']);
  const other: Grid = { name: 'Danh sách', cells: [[{ value: 'Họ tên' }, { value: 'Địa chỉ' }], [{ value: 'Nguyễn Văn A' }, { value: 'Cam An' }]], merges: [] };
  assert.equal(locateTable(other, templates), null);
  assert.deepEqual(validate([other]).issues.map((i) => i.code), ['locate/no-annex']);
});

test('reads the reporting unit from the "Đơn vị báo cáo" line', () => {
  assert.equal(locateTable(pl01(), templates)!.unitText, 'Xã Cam An');
});

test('reports a row typed twice; only the first is used', () => {
  const grid = pl01();
  const pos = canonicalPositions(templateOf('PL01'));
  const giaoDuc = pos.rows.get('giao_duc')!;
  insertRows(grid, pos.lastDataRow + 1, 1);
  grid.cells[pos.lastDataRow + 1] = structuredClone(grid.cells[giaoDuc]);
  const table = locateTable(grid, templates)!;
  assert.deepEqual(table.issues.map((i) => `${i.code} ${i.cell}`), [`locate/duplicate-row B${pos.lastDataRow + 2}`]);
  assert.equal(table.rows.get('giao_duc'), giaoDuc);
});
