import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Grid } from '../src/engine/grid.js';
import type { TemplateDef } from '../src/engine/template.js';
import { checkWorkbook } from '../src/engine/workbook.js';
import { engineConfig, getNumber, sampleGrids, setCell, validate } from './support/factories.js';

/**
 * Each bound is checked at its edge: equal is fine, one more is reported. These fail when a
 * comparison is loosened or tightened by one (`>` for `>=`), which the coarser tests miss.
 */
const clean = () => sampleGrids('19603');
const codesAt = (grids: Grid[], row: string, code: string) => validate(grids).issues.filter((i) => i.row === row && i.code === code);

describe('of-which columns', () => {
  test('a part equal to its total is fine; one more is reported', () => {
    const grids = clean();
    const total = getNumber(grids, 'PL02', 'da1_sinh_ke', 'ho_tong');
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_dtts', total);
    assert.deepEqual(codesAt(grids, 'da1_sinh_ke', 'ofwhich/exceeds'), []);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_dtts', total + 1);
    assert.equal(codesAt(grids, 'da1_sinh_ke', 'ofwhich/exceeds').length, 1);
  });

  test('disjoint parts adding up exactly to the total are fine; one more is reported', () => {
    const grids = clean();
    const total = getNumber(grids, 'PL02', 'da1_sinh_ke', 'ho_tong');
    const poor = getNumber(grids, 'PL02', 'da1_sinh_ke', 'ho_ngheo');
    const near = getNumber(grids, 'PL02', 'da1_sinh_ke', 'ho_can_ngheo');
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_thoat_ngheo', total - poor - near);
    assert.deepEqual(codesAt(grids, 'da1_sinh_ke', 'ofwhich/parts-exceed'), []);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_thoat_ngheo', total - poor - near + 1);
    assert.equal(codesAt(grids, 'da1_sinh_ke', 'ofwhich/parts-exceed').length, 1);
  });

  test('parts declared overlapping (disjoint: false) are never bounded together', () => {
    // The shipped PL02 only declares the poor/near-poor/escaped parts disjoint; a district may
    // declare them overlapping in its own definition, and then their sum may exceed the total.
    const overlapping = (template: TemplateDef): TemplateDef => ({
      ...template,
      rules: template.rules.map((rule) => (rule.type === 'ofWhichColumns' ? { ...rule, disjoint: false } : rule)),
    });
    const config = engineConfig();
    const templates = config.templates.map((t) => (t.id === 'PL02' ? overlapping(t) : t));
    const grids = clean();
    const total = getNumber(grids, 'PL02', 'da1_sinh_ke', 'ho_tong');
    const poor = getNumber(grids, 'PL02', 'da1_sinh_ke', 'ho_ngheo');
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_can_ngheo', total - poor);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_thoat_ngheo', 1);
    const report = checkWorkbook({ file: 't.xlsx', grids }, { ...config, templates }).report;
    assert.deepEqual(report.issues.filter((i) => i.row === 'da1_sinh_ke').map((i) => i.code), []);
    // The same figures under the shipped (disjoint) definition are reported.
    assert.equal(codesAt(grids, 'da1_sinh_ke', 'ofwhich/parts-exceed').length, 1);
  });
});

test('an of-which row equal to its parent is fine; above it is reported', () => {
  const grids = clean();
  const parent = getNumber(grids, 'NV', 'chinh_sach', 'nam_2017');
  setCell(grids, 'NV', 'cs_nhcsxh', 'nam_2017', parent);
  assert.deepEqual(codesAt(grids, 'cs_nhcsxh', 'ofwhich/exceeds'), []);
  setCell(grids, 'NV', 'cs_nhcsxh', 'nam_2017', parent + 0.1);
  assert.equal(codesAt(grids, 'cs_nhcsxh', 'ofwhich/exceeds').length, 1);
});

test('households equal to persons are fine; one more is reported', () => {
  const grids = clean();
  const persons = getNumber(grids, 'PL01', 'giao_duc', 'nguoi_2018');
  setCell(grids, 'PL01', 'giao_duc', 'ho_2018', persons);
  assert.deepEqual(codesAt(grids, 'giao_duc', 'households/over-persons'), []);
  setCell(grids, 'PL01', 'giao_duc', 'ho_2018', persons + 1);
  assert.equal(codesAt(grids, 'giao_duc', 'households/over-persons').length, 1);
});

test("a commune's own sheet may count 1 commune, not 2", () => {
  const grids = clean();
  setCell(grids, 'PL01', 'giao_duc', 'xa_2016', 1);
  assert.deepEqual(codesAt(grids, 'giao_duc', 'communes/over-scope'), []);
  setCell(grids, 'PL01', 'giao_duc', 'xa_2016', 2);
  assert.equal(codesAt(grids, 'giao_duc', 'communes/over-scope').length, 1);
});

describe('year on year (factor 5, minimum 50 in the shipped definitions)', () => {
  /** Sets two consecutive years of the same measure; returns the jump warnings of that row. */
  const jump = (before: number, after: number) => {
    const grids = clean();
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_2016', before);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_2017', after);
    return validate(grids).issues.filter((i) => i.code === 'trend/jump' && i.row === 'da1_sinh_ke' && i.column === 'von_2017');
  };
  test('exactly the factor is not a jump; above it is', () => {
    assert.deepEqual(jump(20, 100), []);
    assert.equal(jump(20, 100.5).length, 1);
  });
  test('figures below the minimum are never compared; at the minimum they are', () => {
    assert.deepEqual(jump(1, 49), []);
    assert.equal(jump(1, 50).length, 1);
  });
});

describe('cross-sheet figures', () => {
  test('both blank is agreement; one blank and one filled is reported', () => {
    const grids = clean();
    setCell(grids, 'PL02', 'total', 'von_dtpt', null);
    setCell(grids, 'NV', 'da_dtpt', 'nam_2016', null);
    const mismatches = (g: Grid[]) => validate(g).issues.filter((i) => i.code === 'cross/mismatch' && i.row === 'da_dtpt');
    // The NV line is compared with PL02's đầu tư phát triển total: blank against a figure.
    const before = mismatches(grids).length;
    assert.equal(before, 1);
    const both = clean();
    const { row, column } = crossPair(both);
    setCell(both, 'NV', row, column, null);
    setCell(both, 'PL02', 'total', 'von_dtpt', null);
    assert.deepEqual(mismatches(both), []);
  });

  test('each unit of a district workbook is paired with its own other annex, by its unit line', () => {
    // Two units' annexes in one workbook (as in a district workbook): Cam An's capital summary
    // must be compared with Cam An's Phụ lục 01/02, not with the first PL01 found.
    const rename = (grids: Grid[], suffix: string) => grids.map((g) => ({ ...g, name: `${g.name} ${suffix}` }));
    const together = [...rename(sampleGrids('19600'), 'Cam Tuyền'), ...rename(sampleGrids('19603'), 'Cam An')];
    const report = validate(together);
    assert.deepEqual(report.issues.filter((i) => i.code.startsWith('cross/')).map((i) => `${i.sheet} ${i.code}`), []);
  });
});

/** The capital-summary cell compared with PL02's đầu tư phát triển total. */
function crossPair(grids: Grid[]): { row: string; column: string } {
  const issue = (() => {
    const copy = grids.map((g) => ({ ...g, cells: g.cells.map((r) => (r ? [...r] : r)) }));
    setCell(copy, 'PL02', 'total', 'von_dtpt', getNumber(copy, 'PL02', 'total', 'von_dtpt') + 1);
    return validate(copy).issues.find((i) => i.code === 'cross/mismatch');
  })();
  assert.ok(issue?.row && issue.column);
  return { row: issue.row, column: issue.column };
}

test('one đồng (0,000001 triệu) is a real difference: a part changed by it makes its row and column totals disagree', () => {
  const grids = clean();
  const part = getNumber(grids, 'PL02', 'da1_sinh_ke', 'von_nstw');
  const rowTotal = getNumber(grids, 'PL02', 'da1_sinh_ke', 'von_tong');
  setCell(grids, 'PL02', 'da1_sinh_ke', 'von_nstw', part + 0.000001);
  const sums = validate(grids).issues.filter((i) => i.code.startsWith('sum/'));
  // The row's own total (Tổng vốn = its sources) is one đồng short of its parts.
  const row = sums.find((i) => i.code === 'sum/columns' && i.row === 'da1_sinh_ke' && i.column === 'von_tong');
  assert.deepEqual([row?.actual, row?.expected], [rowTotal, Number((rowTotal + 0.000001).toFixed(6))]);
  // So is the project's total of its sub-projects in that source column.
  assert.deepEqual(sums.filter((i) => i.column === 'von_nstw').map((i) => i.code), ['sum/rows']);
  assert.equal(sums.length, 2);
});
