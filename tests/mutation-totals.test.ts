// The totals GNBV writes (src/engine/totals.ts), in memory and fast enough to run per mutant
// (`npm run mutate -- totals`). Oracles: figures added up here by hand from the cells the test
// sets, and every planned formula and check EVALUATED over those cells (tests/support/
// sum-evaluator.ts, itself pinned below), never only compared as text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { a1, parseA1 } from '../src/engine/a1.js';
import type { CellRange } from '../src/engine/a1.js';
import { gridFromValues, type CellValue, type Grid, type GridCell } from '../src/engine/grid.js';
import { locateTable } from '../src/engine/locate.js';
import { canonicalPositions } from '../src/engine/render.js';
import type { SpecCell } from '../src/engine/sheet-spec.js';
import type { LocatedTable } from '../src/engine/table.js';
import { parseTemplate, TemplateDefinitionError, type TemplateDef } from '../src/engine/template.js';
import { canWriteTotals, checksBesideAnnex, districtCheckGroups, planFormulaTotals, renderChecks, totalsCells, totalsForTable, unitCheckGroups, type KeyPositions, type ValueOf } from '../src/engine/totals.js';
import { evaluateFormula, FormulaValueError, type Scalar } from './support/sum-evaluator.js';
import { templateOf } from './support/factories.js';

const PL01 = templateOf('PL01');
const PL02 = templateOf('PL02');
const NV = templateOf('NV');
const YEARS = ['kp_2016', 'kp_2017', 'kp_2018'];
/** PL01's rows that hold figures of their own (the others are sums of them). */
const PL01_LEAVES = ['yte_bhyt_ngheo', 'yte_bhyt_can_ngheo', 'yte_bhyt_dtts', 'giao_duc', 'dao_tao_nghe', 'nha_o', 'tro_giup_phap_ly', 'vay_ho_ngheo', 'vay_ho_can_ngheo', 'vay_ho_thoat_ngheo', 'vay_hssv', 'vay_nuoc_sach', 'tien_dien'];
const YTE = ['yte_bhyt_ngheo', 'yte_bhyt_can_ngheo', 'yte_bhyt_dtts'];
const TIN_DUNG = ['vay_ho_ngheo', 'vay_ho_can_ngheo', 'vay_ho_thoat_ngheo', 'vay_hssv', 'vay_nuoc_sach'];

/** A distinct figure per cell, so any wrong or missing reference changes a sum. */
const figure = (row: string, column: string) => 1000 * (PL01.rows.findIndex((r) => r.key === row) + 1) + 7 * (PL01.columns.findIndex((c) => c.key === column) + 1) + 0.25;

/** Evaluates every planned formula over a sheet whose other cells come from `value`. */
function sheetOf(cells: SpecCell[], value: (row: number, col: number) => Scalar) {
  const byAddress = new Map(cells.map((c) => [a1(c.row, c.col), c]));
  const seen = new Set<string>();
  const at = (row: number, col: number): Scalar => {
    const cell = byAddress.get(a1(row, col));
    if (cell?.formula === undefined) return cell && 'value' in cell ? ((cell.value ?? null) as Scalar) : value(row, col);
    assert.ok(!seen.has(a1(row, col)), `circular at ${a1(row, col)}`);
    seen.add(a1(row, col));
    const result = evaluateFormula(cell.formula, at);
    seen.delete(a1(row, col));
    return result;
  };
  return at;
}

describe('the test\'s own formula evaluator', () => {
  test('gives the hand-worked values of the formulas GNBV writes', () => {
    const grid: Record<string, Scalar> = { C9: 1, C10: 2.5, C11: null, C12: 'x', D9: 4, E9: '' };
    const at = (row: number, col: number) => grid[a1(row, col)] ?? null;
    assert.equal(evaluateFormula('SUM(C9:C12,D9)', at), 7.5);
    assert.equal(evaluateFormula('IF(COUNT(C11,E9)=0,"",SUM(C11,E9))', at), '');
    assert.equal(evaluateFormula('IF(COUNT(C9:C11)=0,"",SUM(C9:C11))', at), 3.5);
    assert.equal(evaluateFormula('IF(ABS(SUM(D9)-(SUM(C9:C10)))<0.000001,"✓",ROUND(SUM(D9)-(SUM(C9:C10)),6))', at), 0.5);
    assert.equal(evaluateFormula('IF(ABS(SUM(C9)-(SUM(C9)))<0.000001,"✓",ROUND(SUM(C9)-(SUM(C9)),6))', at), '✓');
    assert.equal(evaluateFormula('-C9+D9', at), 3);
    assert.throws(() => evaluateFormula('C12+1', at), FormulaValueError);
  });
});

describe('planFormulaTotals: each total a SUM of its parts, with the value it will show', () => {
  const pos = canonicalPositions(PL01);
  const valueOf: ValueOf = (row, column) => (PL01_LEAVES.includes(row) && YEARS.includes(column) ? figure(row, column) : row === 'total' ? 123 : null);
  const planned = planFormulaTotals(PL01, pos, valueOf);
  const find = (row: string, column: string) => planned.find((f) => f.row === row && f.column === column);
  const sheet = sheetOf(planned.map((f) => ({ row: f.at.row, col: f.at.col, formula: f.formula })), (r, c) => {
    const row = [...pos.rows].find(([, n]) => n === r)?.[0];
    const column = [...pos.columns].find(([, n]) => n === c)?.[0];
    return row && column ? valueOf(row, column) : null;
  });
  const byHand = (rows: string[], columns: string[]) => rows.reduce((s, r) => s + columns.reduce((t, c) => t + figure(r, c), 0), 0);

  test('hand sums: a group is its details, Tổng cộng every leaf row, Tổng 2016-2018 the three years', () => {
    assert.equal(find('yte', 'kp_2016')!.result, byHand(YTE, ['kp_2016']));
    assert.equal(find('tin_dung', 'kp_2017')!.result, byHand(TIN_DUNG, ['kp_2017']));
    assert.equal(find('total', 'kp_2018')!.result, byHand(PL01_LEAVES, ['kp_2018']));
    assert.equal(find('giao_duc', 'kp_tong')!.result, byHand(['giao_duc'], YEARS));
    assert.equal(find('total', 'kp_tong')!.result, byHand(PL01_LEAVES, YEARS));
    // The typed Tổng cộng (123) is replaced, never added.
    assert.notEqual(find('total', 'kp_2016')!.result, 123);
  });

  test('every formula, evaluated over the cells, shows the value planned; nothing reported stays blank', () => {
    assert.ok(planned.length > 40, `${planned.length} formulas planned`);
    for (const f of planned) {
      const shown = sheet(f.at.row, f.at.col);
      assert.equal(f.result === null ? '' : f.result, shown === null ? '' : shown, `${f.row}/${f.column} ${f.formula}`);
      assert.deepEqual(f.at, { row: pos.rows.get(f.row)!, col: pos.columns.get(f.column)! });
    }
    // No persons reported at all: those totals are blank (not 0) and their formulas show "".
    assert.equal(find('total', 'nguoi_2016')!.result, null);
    assert.equal(sheet(pos.rows.get('total')!, pos.columns.get('nguoi_2016')!), '');
    assert.equal(find('total', 'luot_nguoi')!.result, null);
  });

  test('the first rule declaring a total wins: Tổng cộng of Tổng 2016-2018 adds the rows, not the years', () => {
    const f = find('total', 'kp_tong')!;
    const cells = [...f.formula.matchAll(/[A-Z]+\d+/g)].map((m) => parseA1(m[0]));
    assert.ok(cells.every((c) => c.col === pos.columns.get('kp_tong')), f.formula);
    assert.equal(planned.filter((p) => p.row === 'total' && p.column === 'kp_tong').length, 1);
  });

  test('a part missing from the table is left out of its formula; a total with no part on the sheet, or not on it, gets none', () => {
    const rows = new Map(pos.rows);
    rows.delete('yte_bhyt_dtts');
    const columns = new Map(pos.columns);
    columns.delete('kp_2017');
    const partial: KeyPositions = { rows, columns };
    const some = planFormulaTotals(PL01, partial, valueOf);
    const yte = some.find((f) => f.row === 'yte' && f.column === 'kp_2016')!;
    assert.equal(yte.result, byHand(['yte_bhyt_ngheo', 'yte_bhyt_can_ngheo'], ['kp_2016']));
    assert.equal(some.find((f) => f.row === 'giao_duc' && f.column === 'kp_tong')!.result, byHand(['giao_duc'], ['kp_2016', 'kp_2018']));
    assert.equal(some.some((f) => f.column === 'kp_2017'), false);
    const noDetails = new Map(pos.rows);
    for (const r of YTE) noDetails.delete(r);
    assert.equal(planFormulaTotals(PL01, { rows: noDetails, columns: pos.columns }, valueOf).some((f) => f.row === 'yte' && YEARS.includes(f.column)), false);
    const evaluated = sheetOf(some.map((f) => ({ row: f.at.row, col: f.at.col, formula: f.formula })), (r, c) => {
      const row = [...rows].find(([, n]) => n === r)?.[0];
      const column = [...columns].find(([, n]) => n === c)?.[0];
      return row && column ? valueOf(row, column) : null;
    });
    for (const f of some) assert.equal(f.result ?? '', evaluated(f.at.row, f.at.col) ?? '', `${f.row}/${f.column}`);
  });

  test('results are tidy: 0.1 + 0.2 shows 0.3', () => {
    const tiny: ValueOf = (row, column) => (row === 'yte_bhyt_ngheo' && column === 'kp_2016' ? 0.1 : row === 'yte_bhyt_can_ngheo' && column === 'kp_2016' ? 0.2 : null);
    assert.equal(planFormulaTotals(PL01, pos, tiny).find((f) => f.row === 'yte' && f.column === 'kp_2016')!.result, 0.3);
  });
});

describe('check groups and check cells', () => {
  test('a commune\'s sheet: the breakdowns first (by source, by year), then the column totals', () => {
    const groups = unitCheckGroups(PL02);
    assert.deepEqual(groups.map((g) => [g.direction, g.relations.length]), [['columns', PL02.rows.length], ['columns', PL02.rows.length], ['columns', PL02.rows.length]]);
    assert.deepEqual(unitCheckGroups(PL02).map((g) => g.relations[0]!.parts.map((p) => p.column)), [
      ['von_nstw', 'von_nsdp', 'von_long_ghep', 'von_doanh_nghiep', 'von_cong_dong'],
      ['von_2016', 'von_2017', 'von_2018'],
      ['von_dtpt', 'von_sn'],
    ]);
    // Sums down the rows are formulas on a commune's sheet, not checks.
    assert.deepEqual(unitCheckGroups(PL01).map((g) => g.direction), unitCheckGroups(PL01).map(() => 'columns'));
    assert.deepEqual(unitCheckGroups(PL01).flatMap((g) => g.relations).filter((r) => r.total.row === 'giao_duc' && r.total.column === 'kp_tong').map((r) => r.parts.map((p) => p.column)), [YEARS]);
  });

  test('a district summary: every column relation, and only Tổng cộng against its rows', () => {
    const groups = districtCheckGroups(NV);
    const rows = groups.filter((g) => g.direction === 'rows').flatMap((g) => g.relations);
    assert.deepEqual(rows.map((r) => `${r.total.row}|${r.total.column}`), ['total|nam_2016', 'total|nam_2017', 'total|nam_2018', 'total|tong']);
    const columns = groups.filter((g) => g.direction === 'columns').flatMap((g) => g.relations);
    assert.deepEqual(columns.map((r) => r.total.row).sort(), ['chinh_sach', 'cs_nhcsxh', 'da_dtpt', 'da_sn', 'du_an', 'huy_dong_khac', 'quy_vi_nguoi_ngheo', 'total']);
    // One group per relation group: the rows relations share one check row.
    assert.equal(groups.filter((g) => g.direction === 'rows').length, 1);
  });

  test('check cells beside the annex: ✓ where a total equals its parts, else the difference, evaluated', () => {
    const pos = canonicalPositions(NV);
    const values = new Map<string, number>([
      ['chinh_sach|nam_2016', 10], ['du_an|nam_2016', 20], ['quy_vi_nguoi_ngheo|nam_2016', 3], ['huy_dong_khac|nam_2016', 0.5],
      ['total|nam_2016', 33.5], ['total|nam_2017', 8], ['chinh_sach|nam_2017', 8.25], ['total|tong', 41.5],
      ['du_an|tong', 19], ['du_an|nam_2016', 20],
    ]);
    const valueOf: ValueOf = (row, column) => values.get(`${row}|${column}`) ?? null;
    const groups = districtCheckGroups(NV);
    const checks = checksBesideAnnex(groups, pos, valueOf);
    const columnGroups = groups.filter((g) => g.direction === 'columns');
    assert.equal(checks.columns, columnGroups.length);
    assert.equal(checks.rows, 1);
    const header = checks.cells.filter((c) => c.style === 'checkHeader' && c.row === pos.headerTop);
    assert.deepEqual(header.map((c) => [c.col, c.value]), [
      ...columnGroups.map((g, i) => [pos.lastColumn + 1 + i, `Kiểm tra: ${g.label.vi}`]),
    ]);
    const label = checks.cells.find((c) => c.row === pos.lastDataRow + 1 && c.col === pos.labelColumn)!;
    assert.equal(label.value, `Kiểm tra: ${groups.find((g) => g.direction === 'rows')!.label.vi}`);
    assert.equal(checks.merges.length, pos.headerBottom > pos.headerTop ? columnGroups.length : 0);
    const sheet = sheetOf([], (r, c) => {
      const row = [...pos.rows].find(([, n]) => n === r)?.[0];
      const column = [...pos.columns].find(([, n]) => n === c)?.[0];
      return row && column ? valueOf(row, column) : null;
    });
    const check = (row: number, col: number) => {
      const cell = checks.cells.find((c) => c.row === row && c.col === col && c.style === 'check')!;
      assert.equal(evaluateFormula(cell.formula!, sheet), cell.result, cell.formula);
      return cell.result;
    };
    const checkRow = pos.lastDataRow + 1;
    // By hand: 2016: 10 + 20 + 3 + 0.5 = 33.5 = the total ✓; 2017: 8 − 8.25 = −0.25; 2018: nothing, ✓.
    assert.equal(check(checkRow, pos.columns.get('nam_2016')!), '✓');
    assert.equal(check(checkRow, pos.columns.get('nam_2017')!), -0.25);
    assert.equal(check(checkRow, pos.columns.get('nam_2018')!), '✓');
    // Tổng 2016-2018 of the total row: 41.5 − (33.5 + 8 + 0) = 0 ✓; of Dự án: 19 − 20 = −1.
    const tongColumn = pos.lastColumn + 1 + columnGroups.findIndex((g) => g.relations.some((r) => r.total.column === 'tong'));
    assert.equal(check(pos.rows.get('total')!, tongColumn), '✓');
    assert.equal(check(pos.rows.get('du_an')!, tongColumn), -1);
  });

  test('renderChecks at a user\'s positions: one header row, no merge; a relation whose total is off the sheet is left out', () => {
    const pos = canonicalPositions(PL02);
    const rows = new Map(pos.rows);
    const columns = new Map(pos.columns);
    columns.delete('von_2017');
    const groups = unitCheckGroups(PL02);
    // Every cell on the sheet holds 1 (as a table's reading gives nothing for a cell not on it).
    const ones: ValueOf = (row, column) => (rows.has(row) && columns.has(column) ? 1 : null);
    const checks = renderChecks(groups, { rows, columns }, { firstColumn: 30, checkRow: 40, headerRow: 2, labelColumn: 1 }, ones);
    assert.equal(checks.merges.length, 0);
    assert.equal(checks.rows, 0);
    assert.equal(checks.columns, groups.length);
    assert.deepEqual(checks.cells.filter((c) => c.style === 'checkHeader').map((c) => [c.row, c.col]), groups.map((_, i) => [2, 30 + i]));
    const cells = checks.cells.filter((c) => c.style === 'check');
    // One check per row of the table in each group's column.
    assert.deepEqual(groups.map((_, i) => cells.filter((c) => c.col === 30 + i).map((c) => c.row).sort((x, y) => x - y)), groups.map(() => [...rows.values()].sort((x, y) => x - y)));
    // By year without 2017: the check adds 2016 and 2018 only (each 1): 1 − 2 = −1.
    const byYear = cells.find((c) => c.col === 31 && c.row === rows.get('total'))!;
    assert.equal(byYear.result, -1);
    assert.equal(evaluateFormula(byYear.formula!, () => 1), -1);
    // By source, all five there: 1 − 5 = −4.
    assert.equal(cells.find((c) => c.col === 30 && c.row === rows.get('total'))!.result, -4);
    rows.delete('total');
    const without = renderChecks(groups, { rows, columns }, { firstColumn: 30, checkRow: 40, headerRow: 2, labelColumn: 1 }, ones).cells.filter((c) => c.style === 'check');
    assert.equal(without.length, cells.length - groups.length);
    // No year column at all: the by-year checks have no parts, so none is written.
    for (const year of ['von_2016', 'von_2018']) columns.delete(year);
    const noYears = renderChecks(groups, { rows, columns }, { firstColumn: 30, checkRow: 40, headerRow: 2, labelColumn: 1 }, ones).cells.filter((c) => c.style === 'check');
    assert.equal(noYears.filter((c) => c.col === 31).length, 0);
    assert.equal(noYears.filter((c) => c.col === 30).length, rows.size);
  });
});

/**
 * A template of its own, where a breakdown's total is NOT also a formula (in the shipped ones
 * every check total is): Tổng số typed, checked against Nguồn 1 + Nguồn 2; Tổng cộng adds rows A and B.
 */
const OWN_DEFINITION = {
  id: 'T9',
  annex: 'Phụ lục thử',
  title: 'Bảng thử nghiệm',
  anchors: ['bảng thử nghiệm'],
  sheetName: 'T9',
  unitOfMeasure: 'triệu đồng',
  ttHeader: ['TT'],
  labelHeader: ['Nội dung'],
  headerRows: 1,
  columns: [
    { key: 'tong', header: ['Tổng số'], measure: 'money' },
    { key: 'x', header: ['Nguồn 1'], measure: 'money' },
    { key: 'y', header: ['Nguồn 2'], measure: 'money' },
  ],
  rows: [
    { key: 'total', tt: '', label: 'Tổng cộng', kind: 'total' },
    { key: 'a', tt: '1', label: 'Dòng A', parent: 'total', kind: 'item' },
    { key: 'b', tt: '2', label: 'Dòng B', parent: 'total', kind: 'item' },
  ],
  rules: [
    { type: 'rowSums', measures: ['money'] },
    { type: 'columnGroup', total: 'tong', parts: ['x', 'y'], name: { vi: 'theo nguồn', en: 'by source' } },
  ],
};
const OWN: TemplateDef = parseTemplate(OWN_DEFINITION, 't9.json');

describe('a breakdown whose total is typed, not computed (a template of its own)', () => {
  const pos = canonicalPositions(OWN);
  // By hand: A = 10 typed, 4 + 5 = 9 by source; B = 20 typed, 12 + 8 = 20.
  const values = new Map<string, number>([['a|tong', 10], ['a|x', 4], ['a|y', 5], ['b|tong', 20], ['b|x', 12], ['b|y', 8]]);
  const valueOf: ValueOf = (row, column) => values.get(`${row}|${column}`) ?? null;

  test('formulas only where the rules say compute: Tổng cộng\'s three cells; the typed Tổng số of A and B stay typed', () => {
    const planned = planFormulaTotals(OWN, pos, valueOf);
    assert.deepEqual(planned.map((f) => [f.row, f.column, f.result]), [['total', 'tong', 30], ['total', 'x', 16], ['total', 'y', 13]]);
  });

  test('on a commune\'s sheet the breakdown is one check column; on a district summary Tổng cộng\'s row check comes too', () => {
    assert.deepEqual(unitCheckGroups(OWN).map((g) => [g.direction, g.label.vi, g.relations.map((r) => r.total.row)]), [['columns', 'Tổng = cộng theo nguồn', ['total', 'a', 'b']]]);
    assert.deepEqual(districtCheckGroups(OWN).map((g) => [g.direction, g.label.vi, g.relations.map((r) => `${r.total.row}|${r.total.column}`)]), [
      ['rows', 'Tổng = cộng các dòng chi tiết', ['total|tong', 'total|x', 'total|y']],
      ['columns', 'Tổng = cộng theo nguồn', ['total|tong', 'a|tong', 'b|tong']],
    ]);
    // The check column shows A's difference (10 − 9 = 1) and ✓ for B, counting Tổng cộng as its formula gives it (30 − 29 = 1).
    const planned = new Map(planFormulaTotals(OWN, pos, valueOf).map((f) => [`${f.row}|${f.column}`, f.result]));
    const after: ValueOf = (row, column) => planned.get(`${row}|${column}`) ?? valueOf(row, column);
    const checks = checksBesideAnnex(unitCheckGroups(OWN), pos, after);
    assert.deepEqual(checks.cells.filter((c) => c.style === 'check').map((c) => [c.row, c.col, c.result]), [
      [pos.rows.get('total'), pos.lastColumn + 1, 1],
      [pos.rows.get('a'), pos.lastColumn + 1, 1],
      [pos.rows.get('b'), pos.lastColumn + 1, '✓'],
    ]);
  });
});

test('a template whose totals would add themselves up is refused: no formula may refer to its own cell', () => {
  const problems = (change: (d: typeof OWN_DEFINITION) => unknown) => {
    try {
      planFormulaTotals(parseTemplate(change(structuredClone(OWN_DEFINITION)), 'vong.json'), pos, () => 1);
      return [];
    } catch (error) {
      assert.ok(error instanceof TemplateDefinitionError, String(error));
      return error.problems;
    }
  };
  const pos = canonicalPositions(OWN);
  const rows = (d: typeof OWN_DEFINITION, parents: Record<string, string>) => ({ ...d, rows: d.rows.map((r) => (r.key in parents ? { ...r, parent: parents[r.key] } : r)) });
  // A under B under A: A = SUM(B) and B = SUM(A) would be circular.
  assert.deepEqual(problems((d) => rows(d, { a: 'b', b: 'a' })), ['rows.1.parent: dòng "a" nằm dưới chính nó (vòng dòng cha)', 'rows.2.parent: dòng "b" nằm dưới chính nó (vòng dòng cha)']);
  assert.deepEqual(problems((d) => rows(d, { a: 'a' })), ['rows.1.parent: dòng "a" nằm dưới chính nó (vòng dòng cha)']);
  // Below a loop but not in it: only the rows of the loop are named.
  assert.deepEqual(problems((d) => rows(d, { total: 'a', a: 'b', b: 'a' })), ['rows.1.parent: dòng "a" nằm dưới chính nó (vòng dòng cha)', 'rows.2.parent: dòng "b" nằm dưới chính nó (vòng dòng cha)']);
  const columns = (d: typeof OWN_DEFINITION, sums: Record<string, string[]>) => ({ ...d, columns: d.columns.map((c) => (c.key in sums ? { ...c, sumOf: sums[c.key] } : c)) });
  // Tổng số = Nguồn 1 + Nguồn 2 where Nguồn 1 = Tổng số + Nguồn 2.
  assert.deepEqual(problems((d) => columns(d, { tong: ['x', 'y'], x: ['tong', 'y'] })), ['columns.0.sumOf: cột "tong" cộng cả chính nó (vòng sumOf)', 'columns.1.sumOf: cột "x" cộng cả chính nó (vòng sumOf)']);
  assert.deepEqual(problems((d) => columns(d, { tong: ['tong', 'y'] })), ['columns.0.sumOf: cột "tong" cộng cả chính nó (vòng sumOf)']);
  // A sum of plain columns is no loop.
  assert.deepEqual(problems((d) => columns(d, { tong: ['x', 'y'] })), []);
});

describe('renderChecks: where each check cell goes, what it says, how it looks', () => {
  test('check columns on a three-row header: the header text on top, the rows below blank, merged down, in the check style', () => {
    const pos = canonicalPositions(PL02);
    const groups = unitCheckGroups(PL02);
    const checks = renderChecks(groups, pos, { firstColumn: 30, checkRow: 40, headerRow: 5, headerBottom: 7, labelColumn: 1 }, consistentPL02);
    // The labels as the user reads them, from pl02.json: two breakdowns, then Tổng số = ĐTPT + SN.
    const labels = ['Kiểm tra: Tổng = cộng theo nguồn vốn', 'Kiểm tra: Tổng = cộng theo năm', 'Kiểm tra: Vốn thực hiện 2016-2018 Tổng số = cộng các cột thành phần'];
    assert.deepEqual(
      checks.cells.filter((c) => c.style === 'checkHeader'),
      labels.flatMap((label, i) => [5, 6, 7].map((row) => ({ row, col: 30 + i, value: row === 5 ? label : null, style: 'checkHeader' }))),
    );
    assert.deepEqual(checks.merges, [30, 31, 32].map((col) => ({ top: 5, left: col, bottom: 7, right: col })));
    assert.deepEqual([checks.columns, checks.rows], [3, 0]);
    // Everything else is a check cell, one per table row in each column, each ✓ on this consistent sheet.
    const cells = checks.cells.filter((c) => c.style !== 'checkHeader');
    assert.ok(cells.every((c) => c.style === 'check' && c.result === '✓'), JSON.stringify(cells.find((c) => c.style !== 'check' || c.result !== '✓')));
    assert.deepEqual(cells.map((c) => `${c.row}:${c.col}`).sort(), [30, 31, 32].flatMap((col) => [...pos.rows.values()].map((row) => `${row}:${col}`)).sort());
    const sheet = sheetOf([], (r, c) => {
      const row = [...pos.rows].find(([, n]) => n === r)?.[0];
      const column = [...pos.columns].find(([, n]) => n === c)?.[0];
      return row && column ? consistentPL02(row, column) : null;
    });
    for (const c of cells) assert.equal(evaluateFormula(c.formula!, sheet), '✓', c.formula);
  });

  test('a check row under a district summary: its label in the label column, a check under each money column, in the check styles', () => {
    const pos = canonicalPositions(NV);
    // By hand: 2016 adds up (5 + 7 + 1 + 2 = 15); 2017's total is 4 over its rows (10 typed, 6 under it).
    const values = new Map<string, number>([
      ['total|nam_2016', 15], ['chinh_sach|nam_2016', 5], ['du_an|nam_2016', 7], ['quy_vi_nguoi_ngheo|nam_2016', 1], ['huy_dong_khac|nam_2016', 2],
      ['total|nam_2017', 10], ['chinh_sach|nam_2017', 6],
    ]);
    const valueOf: ValueOf = (row, column) => values.get(`${row}|${column}`) ?? null;
    const rowGroups = districtCheckGroups(NV).filter((g) => g.direction === 'rows');
    const checks = checksBesideAnnex(rowGroups, pos, valueOf);
    const checkRow = pos.lastDataRow + 1;
    assert.deepEqual([checks.columns, checks.rows, checks.merges], [0, 1, []]);
    assert.deepEqual(checks.cells[0], { row: checkRow, col: pos.labelColumn, value: 'Kiểm tra: Tổng = cộng các dòng chi tiết', style: 'checkHeader' });
    const cells = checks.cells.slice(1);
    assert.deepEqual(cells.map((c) => [c.row, c.col, c.style]), ['nam_2016', 'nam_2017', 'nam_2018', 'tong'].map((k) => [checkRow, pos.columns.get(k)!, 'check']));
    assert.deepEqual(cells.map((c) => c.result), ['✓', 4, '✓', '✓']);
    const sheet = sheetOf([], (r, c) => {
      const row = [...pos.rows].find(([, n]) => n === r)?.[0];
      const column = [...pos.columns].find(([, n]) => n === c)?.[0];
      return row && column ? valueOf(row, column) : null;
    });
    assert.deepEqual(cells.map((c) => evaluateFormula(c.formula!, sheet)), ['✓', 4, '✓', '✓']);
    // A column off the sheet gets no check in the row, and the others keep their places.
    const columns = new Map(pos.columns);
    columns.delete('nam_2018');
    const without = renderChecks(rowGroups, { rows: pos.rows, columns }, { firstColumn: 30, checkRow, headerRow: 0, labelColumn: 1 }, valueOf);
    assert.deepEqual(without.cells.slice(1).map((c) => [c.row, c.col, c.result]), [[checkRow, columns.get('nam_2016'), '✓'], [checkRow, columns.get('nam_2017'), 4], [checkRow, columns.get('tong'), '✓']]);
  });

  test('a check column beside a one-row header: its header cell alone, no merge', () => {
    const pos = canonicalPositions(NV);
    const columnGroups = districtCheckGroups(NV).filter((g) => g.direction === 'columns');
    const checks = checksBesideAnnex(columnGroups, pos, () => null);
    assert.deepEqual(checks.merges, []);
    assert.deepEqual(checks.cells.filter((c) => c.style === 'checkHeader'), [{ row: pos.headerTop, col: pos.lastColumn + 1, value: 'Kiểm tra: Tổng 2016-2018 = cộng các cột thành phần', style: 'checkHeader' }]);
    assert.deepEqual([checks.columns, checks.rows], [1, 0]);
  });
});

/**
 * An annex as a user's sheet holds it, written here cell by cell from the template (no sample
 * generator: that one plans its totals with the code under test, so a mutant could hang or bend
 * the fixture itself): the Phụ lục line, the title, the unit line, the header rows (a group's
 * text merged across its columns, a column's last header text merged down to the header's
 * bottom row), then one row per template row at GNBV's canonical positions holding `figure`.
 */
function annexGrid(template: TemplateDef, figure: (row: string, column: string) => CellValue): Grid {
  const pos = canonicalPositions(template);
  const values: CellValue[][] = [];
  const merges: CellRange[] = [];
  const put = (row: number, col: number, value: CellValue) => ((values[row] ??= [])[col] = value);
  put(0, 0, template.annex);
  put(1, 0, template.title);
  put(3, 0, 'Đơn vị báo cáo: Xã Cam An');
  for (const [col, text] of [[pos.ttColumn, template.ttHeader[0]!], [pos.labelColumn, template.labelHeader[0]!]] as const) {
    put(pos.headerTop, col, text);
    merges.push({ top: pos.headerTop, left: col, bottom: pos.headerBottom, right: col });
  }
  template.columns.forEach((column, i) => {
    const col = pos.columns.get(column.key)!;
    column.header.forEach((text, level) => {
      const row = pos.headerTop + level;
      const last = level === column.header.length - 1;
      const sameGroup = (other?: (typeof template.columns)[number]) => other !== undefined && other.header.slice(0, level + 1).join('|') === column.header.slice(0, level + 1).join('|');
      if (!last && sameGroup(template.columns[i - 1])) return; // typed once, in the group's first column
      put(row, col, text);
      let span = 1;
      while (!last && sameGroup(template.columns[i + span])) span++;
      const bottom = last ? pos.headerBottom : row;
      if (span > 1 || bottom > row) merges.push({ top: row, left: col, bottom, right: col + span - 1 });
    });
  });
  for (const row of template.rows) {
    const r = pos.rows.get(row.key)!;
    put(r, pos.ttColumn, row.tt || null);
    put(r, pos.labelColumn, row.label);
    for (const column of template.columns) put(r, pos.columns.get(column.key)!, figure(row.key, column.key));
  }
  return gridFromValues(template.sheetName, Array.from({ length: values.length }, (_, r) => values[r] ?? []), merges);
}

/** PL01's year columns of each kind, and the Tổng 2016-2018 column that adds them. */
const PL01_SPANS: Record<string, string[]> = {
  kp_tong: YEARS,
  luot_nguoi: ['nguoi_2016', 'nguoi_2017', 'nguoi_2018'],
  luot_ho: ['ho_2016', 'ho_2017', 'ho_2018'],
};
/**
 * A consistent PL01 typed by hand: `figure` in each leaf row's year columns, each group and
 * Tổng cộng the sum of the rows under it, each Tổng 2016-2018 the sum of its three years.
 */
function consistentPL01(row: string, column: string): number | null {
  if (column in PL01_SPANS) return PL01_SPANS[column]!.reduce((s, c) => s + consistentPL01(row, c)!, 0);
  if (!/^(kp|nguoi|ho)_\d{4}$/.test(column)) return null;
  const children = PL01.rows.filter((r) => r.parent === row);
  return children.length ? children.reduce((s, r) => s + consistentPL01(r.key, column)!, 0) : figure(row, column);
}

/**
 * A consistent PL02 typed by hand: in the k-th project detail row, capital of 100k + 15 split
 * three ways (by kind 100k + 10 and 5; by source 100k + 1, 2, 3, 4 and 5; by year 100k, 10 and
 * 5), Tổng số their sum; each project and Tổng cộng the sum of the rows under it.
 */
function consistentPL02(row: string, column: string): number | null {
  const children = PL02.rows.filter((r) => r.parent === row);
  if (children.length) {
    const parts = children.map((r) => consistentPL02(r.key, column));
    return parts.every((v) => v === null) ? null : parts.reduce((s: number, v) => s + (v ?? 0), 0);
  }
  const k = PL02.rows.filter((r) => r.kind === 'detail').findIndex((r) => r.key === row) + 1;
  const split: Record<string, number> = {
    von_tong: 100 * k + 15, von_dtpt: 100 * k + 10, von_sn: 5,
    von_nstw: 100 * k + 1, von_nsdp: 2, von_long_ghep: 3, von_doanh_nghiep: 4, von_cong_dong: 5,
    von_2016: 100 * k, von_2017: 10, von_2018: 5,
  };
  return split[column] ?? null;
}

/** PL01 of a commune's sheet, consistent unless `edit` changes it, located as a user's table is. */
function locatedPL01(edit: (set: (row: string, column: string, cell: GridCell | undefined) => void, grid: Grid) => void = () => {}): LocatedTable {
  const grid = annexGrid(PL01, consistentPL01);
  const pos = canonicalPositions(PL01);
  edit((row, column, cell) => ((grid.cells[pos.rows.get(row)!] ??= [])[pos.columns.get(column)!] = cell), grid);
  return locateTable(grid, [PL01])!;
}
const firstCheckColumn = (cells: SpecCell[]) => Math.min(...cells.map((c) => c.col));
const cellName = (row: string, column: string) => a1(canonicalPositions(PL01).rows.get(row)!, canonicalPositions(PL01).columns.get(column)!);
const rawValue = (table: LocatedTable, row: string, column: string) => table.grid.cells[table.rows.get(row)!]?.[table.columns.get(column)!]?.value;

describe('totalsForTable: the totals action on a user\'s own sheet', () => {
  test('the hand-built sheets are read as users\' tables: every row and column where written, nothing reported', () => {
    for (const [template, figures] of [[PL01, consistentPL01], [PL02, consistentPL02]] as const) {
      const table = locateTable(annexGrid(template, figures), [template])!;
      const pos = canonicalPositions(template);
      assert.deepEqual([...table.rows], [...pos.rows], template.id);
      assert.deepEqual([...table.columns], [...pos.columns], template.id);
      assert.deepEqual(table.issues, [], template.id);
      assert.deepEqual([table.headerTop, table.headerBottom], [pos.headerTop, pos.headerBottom], template.id);
    }
    // Spot checks of the figures typed, added up here: Tổng cộng of 2016 in PL02 is 100 + 200 + … + 600.
    assert.equal(consistentPL02('total', 'von_2016'), 2100);
    assert.equal(consistentPL02('total', 'von_tong'), 2100 + 6 * 15);
    assert.equal(consistentPL02('du_an_2', 'von_nstw'), 301 + 401);
    assert.equal(consistentPL01('yte', 'kp_tong'), YTE.reduce((s, r) => s + YEARS.reduce((t, y) => t + figure(r, y), 0), 0));
  });

  test('a consistent sheet: formulas everywhere, no difference, nothing to convert or refuse', () => {
    const table = locatedPL01();
    const totals = totalsForTable(table);
    assert.equal(totals.unmapped, false);
    assert.deepEqual([totals.differences, totals.conversions, totals.refused], [[], [], []]);
    assert.equal(canWriteTotals(totals), true);
    const total = totals.formulas.find((f) => f.row === 'total' && f.column === 'kp_2016')!;
    const byHand = PL01_LEAVES.reduce((s, r) => s + ((rawValue(table, r, 'kp_2016') as number) ?? 0), 0);
    assert.ok(Math.abs(total.result! - byHand) < 1e-9, `${total.result} vs ${byHand}`);
    assert.equal(total.at.row, table.rows.get('total'));
  });

  test('typed totals that differ, a blank total, a text total, an error total: each reported with the formula\'s value', () => {
    const table = locatedPL01((set) => {
      set('giao_duc', 'kp_tong', { value: 1 });
      set('yte', 'kp_2016', undefined);
      set('tin_dung', 'kp_2017', { value: 'nhiều' });
      set('total', 'kp_2018', { value: 0, error: '#REF!' });
    });
    const totals = totalsForTable(table);
    const parts = (row: string, columns: string[]) => columns.reduce((s, c) => s + ((rawValue(table, row, c) as number) ?? 0), 0);
    const diff = (row: string, column: string) => totals.differences.find((d) => d.row === row && d.column === column);
    assert.deepEqual(diff('giao_duc', 'kp_tong'), { row: 'giao_duc', column: 'kp_tong', cell: cellName('giao_duc', 'kp_tong'), typed: 1, formula: parts('giao_duc', YEARS) });
    assert.deepEqual(diff('yte', 'kp_2016'), { row: 'yte', column: 'kp_2016', cell: cellName('yte', 'kp_2016'), typed: null, formula: YTE.reduce((s, r) => s + (rawValue(table, r, 'kp_2016') as number), 0) });
    assert.equal(diff('tin_dung', 'kp_2017')!.typed, 'nhiều');
    assert.equal(diff('total', 'kp_2018')!.typed, '#REF!');
    assert.equal(totals.differences.length, 4);
    // The totals are formulas: their own text or error is no part to refuse.
    assert.deepEqual(totals.refused, []);
    assert.equal(canWriteTotals(totals), true);
  });

  test('a total typed where every part is blank: a difference against a blank formula; an ambiguous typed total keeps its text', () => {
    const table = locatedPL01((set) => {
      for (const r of YTE) set(r, 'kp_2016', undefined);
      set('yte', 'kp_2016', { value: 5 });
      set('nha_o', 'kp_tong', { value: '1.234' });
    });
    const totals = totalsForTable(table);
    assert.deepEqual(totals.differences.find((d) => d.row === 'yte' && d.column === 'kp_2016'), { row: 'yte', column: 'kp_2016', cell: cellName('yte', 'kp_2016'), typed: 5, formula: null });
    assert.equal(totals.differences.find((d) => d.row === 'nha_o' && d.column === 'kp_tong')!.typed, '1.234');
  });

  test('0 and blank are different answers: a blank total over parts of 0, a 0 total over blank parts, both reported', () => {
    const table = locatedPL01((set) => {
      for (const r of YTE) set(r, 'kp_2016', { value: 0 });
      set('yte', 'kp_2016', undefined);
      for (const y of YEARS) set('giao_duc', y, undefined);
      set('giao_duc', 'kp_tong', { value: 0 });
    });
    const totals = totalsForTable(table);
    assert.deepEqual(totals.differences.find((d) => d.row === 'yte' && d.column === 'kp_2016'), { row: 'yte', column: 'kp_2016', cell: cellName('yte', 'kp_2016'), typed: null, formula: 0 });
    assert.deepEqual(totals.differences.find((d) => d.row === 'giao_duc' && d.column === 'kp_tong'), { row: 'giao_duc', column: 'kp_tong', cell: cellName('giao_duc', 'kp_tong'), typed: 0, formula: null });
  });

  test('PL02: a breakdown by source that does not add up is checked against the total the formula gives, cached and evaluated', () => {
    const grid = annexGrid(PL02, consistentPL02);
    const pos = canonicalPositions(PL02);
    const at = (row: string, column: string) => [pos.rows.get(row)!, pos.columns.get(column)!] as const;
    const [r, c] = at('da1_sinh_ke', 'von_nstw');
    const before = grid.cells[r]![c]!.value as number;
    grid.cells[r]![c] = { value: before + 7 };
    const table = locateTable(grid, [PL02])!;
    const totals = totalsForTable(table);
    const cells = totalsCells(totals);
    const sheet = sheetOf(cells, (row, col) => {
      const v = grid.cells[row]?.[col]?.value ?? null;
      return typeof v === 'boolean' ? null : v;
    });
    const bySource = totals.checkCells.filter((x) => x.style === 'check' && x.row === r);
    const results = bySource.map((x) => [x.result, sheet(x.row, x.col)]);
    // Vốn = ĐTPT + SN (a formula) against NSTW + NSĐP + … with NSTW 7 more: −7, both before and after recalculation.
    assert.ok(results.some(([cached, evaluated]) => cached === -7 && evaluated === -7), JSON.stringify(results));
    assert.ok(results.every(([cached, evaluated]) => cached === evaluated), JSON.stringify(results));
  });

  test('a total typed within rounding of its parts is no difference; a blank total of blank parts neither', () => {
    const table = locatedPL01((set) => {
      for (const r of YTE) set(r, 'kp_2016', undefined);
      set('yte', 'kp_2016', undefined);
      set('giao_duc', 'kp_2016', { value: 0.1 });
      set('giao_duc', 'kp_2017', { value: 0.2 });
      set('giao_duc', 'kp_2018', undefined);
      set('giao_duc', 'kp_tong', { value: 0.3 });
    });
    const totals = totalsForTable(table);
    assert.equal(totals.differences.find((d) => d.row === 'yte' && d.column === 'kp_2016'), undefined);
    assert.equal(totals.differences.find((d) => d.row === 'giao_duc' && d.column === 'kp_tong'), undefined);
    assert.equal(totals.formulas.find((f) => f.row === 'yte' && f.column === 'kp_2016')!.result, null);
  });

  test('parts typed as text: a clear number is converted (General format), anything else refuses the whole action', () => {
    const table = locatedPL01((set) => {
      set('giao_duc', 'kp_2016', { value: '1.143,3' });
      set('nha_o', 'kp_2016', { value: 'chưa có' });
      set('dao_tao_nghe', 'kp_2016', { value: 0, error: '#N/A' });
      set('tien_dien', 'kp_2016', { value: Number.POSITIVE_INFINITY });
      set('tro_giup_phap_ly', 'kp_2016', { value: '1.234' });
    });
    const totals = totalsForTable(table);
    // "1.143,3" shows the sheet writes Vietnamese numbers, so "1.234" is 1234 there.
    assert.deepEqual(totals.conversions, [
      { row: 'giao_duc', column: 'kp_2016', cell: cellName('giao_duc', 'kp_2016'), text: '1.143,3', value: 1143.3 },
      { row: 'tro_giup_phap_ly', column: 'kp_2016', cell: cellName('tro_giup_phap_ly', 'kp_2016'), text: '1.234', value: 1234 },
    ]);
    assert.deepEqual(totals.refused.map((r) => [r.row, r.cell, r.text, r.why]).sort(), [
      ['dao_tao_nghe', cellName('dao_tao_nghe', 'kp_2016'), '#N/A', 'error'],
      ['nha_o', cellName('nha_o', 'kp_2016'), 'chưa có', 'text'],
      ['tien_dien', cellName('tien_dien', 'kp_2016'), 'Infinity', 'invalid'],
    ].sort());
    assert.equal(canWriteTotals(totals), false);
    // The converted part counts in its total's planned value.
    const total = totals.formulas.find((f) => f.row === 'total' && f.column === 'kp_2016')!;
    const others = PL01_LEAVES.filter((r) => !['giao_duc', 'nha_o', 'dao_tao_nghe', 'tien_dien', 'tro_giup_phap_ly'].includes(r));
    const byHand = others.reduce((s, r) => s + ((rawValue(table, r, 'kp_2016') as number) ?? 0), 0) + 1143.3 + 1234;
    assert.ok(Math.abs(total.result! - byHand) < 1e-9, `${total.result} vs ${byHand}`);
    // Each part is looked at once, though several relations add it.
    assert.equal(totals.refused.filter((r) => r.row === 'nha_o').length, 1);
    // Without a number that shows the convention, "1.234" could be 1234 or 1.234: refused.
    const unsure = totalsForTable(locatedPL01((set) => set('nha_o', 'kp_2017', { value: '1.234' })));
    assert.deepEqual(unsure.refused.map((r) => [r.row, r.column, r.text, r.why]), [['nha_o', 'kp_2017', '1.234', 'ambiguous']]);
    assert.deepEqual(unsure.conversions, []);
  });

  test('the written cells, evaluated: converted parts, formulas and checks agree with what was planned', () => {
    const table = locatedPL01((set) => {
      set('giao_duc', 'kp_2016', { value: '1.143,3' });
      set('total', 'kp_tong', { value: 5 });
    });
    const totals = totalsForTable(table);
    const cells = totalsCells(totals);
    const conversion = cells.find((c) => c.numberFormat === 'General')!;
    assert.deepEqual(conversion, { ...parseA1(cellName('giao_duc', 'kp_2016')), value: 1143.3, numberFormat: 'General' });
    assert.equal(cells.length, totals.conversions.length + totals.formulas.length + totals.checkCells.length);
    const sheet = sheetOf(cells, (r, c) => {
      const v = table.grid.cells[r]?.[c]?.value ?? null;
      return typeof v === 'boolean' ? null : v;
    });
    for (const f of totals.formulas) {
      const shown = sheet(f.at.row, f.at.col);
      if (f.result === null) assert.equal(shown, '', `${f.row}/${f.column}`);
      else assert.ok(typeof shown === 'number' && Math.abs(shown - f.result) < 1e-9, `${f.row}/${f.column}: ${shown} vs ${f.result}`);
    }
    const checks = cells.filter((c) => c.style === 'check');
    assert.ok(checks.length > 0, 'check cells written');
    for (const c of checks) {
      assert.equal(sheet(c.row, c.col), '✓', `${a1(c.row, c.col)} ${c.formula}`);
      // The value shown before Excel recalculates is the same: it counts the formulas, not the typed 5.
      assert.equal(c.result, '✓', `${a1(c.row, c.col)} cached`);
    }
    // Every header row of the table carries the check columns' header cells.
    const headerCells = totals.checkCells.filter((c) => c.style === 'checkHeader' && c.col === firstCheckColumn(totals.checkCells));
    assert.deepEqual(headerCells.map((c) => c.row), Array.from({ length: table.headerBottom - table.headerTop + 1 }, (_, i) => table.headerTop + i));
    assert.ok(table.headerBottom > table.headerTop, 'a header of several rows');
    // Placed right of the used area, from the header row.
    const firstCheck = Math.min(...totals.checkCells.map((c) => c.col));
    assert.equal(firstCheck, Math.max(...table.grid.cells.map((r) => r?.length ?? 0)) + 1);
    assert.ok(totals.checkCells.some((c) => c.row === table.headerTop && c.style === 'checkHeader'), 'a check header on the header\'s top row');
  });

  test('a table whose columns do not map: no totals at all, and none may be written', () => {
    const table = locatedPL01((_, grid) => (grid.cells[6]![2] = { value: 'Số người' }));
    const totals = totalsForTable(table);
    assert.deepEqual(totals, { formulas: [], checkCells: [], differences: [], conversions: [], refused: [], unmapped: true });
    assert.equal(canWriteTotals(totals), false);
  });
});
