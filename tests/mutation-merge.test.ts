// What decides a district workbook's figures and who they belong to (src/engine/merge.ts), in
// memory and fast enough to run per mutant (`npm run mutate -- merge`). The oracles are the
// received cells themselves (read straight from the grids, added up here), the unit lines the
// tests write, and the documented rules (an assignment never overrules a sheet's own unit line,
// a received file replaces an earlier merge's sheet, two files for one unit are never chosen
// between silently).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { a1, parseA1 } from '../src/engine/a1.js';
import type { Grid, GridCell } from '../src/engine/grid.js';
import { gridFromValues } from '../src/engine/grid.js';
import { districtSheets, LOG_HEADERS, mergeBlockers, needsDecision, planMerge, readOrigins, safeSheetName, type DistrictWorkbook, type MergeDecisions, type MergeSource } from '../src/engine/merge.js';
import { canonicalPositions } from '../src/engine/render.js';
import { departmentSampleWorkbooks } from '../src/engine/sample.js';
import type { SheetSpec } from '../src/engine/sheet-spec.js';
import { specToGrid } from '../src/engine/spec-grid.js';
import { findReporter, reportersOf } from '../src/engine/units.js';
import { checkWorkbook } from '../src/engine/workbook.js';
import { engineConfig, sampleFile, sampleGrids, templateOf } from './support/factories.js';

const config = engineConfig();
const READ_AT = '2018-07-20T02:30:00.000Z';
const unit = (code: string) => findReporter(config.units, code)!;

function source(file: string, grids: Grid[], extra: Partial<MergeSource> = {}): MergeSource {
  return { ...checkWorkbook({ file, grids }, config), sha256: `sha-${file}`, readAt: READ_AT, ...extra };
}
/** A commune's sample workbook, optionally edited, under its own file name or another. */
function commune(code: string, edit: (grids: Grid[]) => void = () => {}, file = sampleFile(code).fileName): MergeSource {
  const grids = sampleGrids(code);
  edit(grids);
  return source(file, grids);
}
function department(code: string): MergeSource {
  const sample = departmentSampleWorkbooks(config).find((s) => s.unit.code === code)!;
  return source(sample.fileName, sample.sheets.map(specToGrid));
}
const sheet = (grids: Grid[], name: string) => grids.find((g) => g.name === name)!;
/** The "Đơn vị báo cáo" line (A4) of some sheets, or of all. */
const unitLine = (text: string, ...sheets: string[]) => (grids: Grid[]) => {
  for (const grid of grids) if (sheets.length === 0 || sheets.includes(grid.name)) grid.cells[3] = text ? [{ value: text }] : [];
};
/** Sets a template cell of a sample grid (GNBV's canonical layout). */
function put(grids: Grid[], templateId: string, row: string, column: string, cell: GridCell | undefined) {
  const template = templateOf(templateId);
  const pos = canonicalPositions(template);
  (sheet(grids, template.sheetName).cells[pos.rows.get(row)!] ??= [])[pos.columns.get(column)!] = cell;
}
/** The figure a received cell holds, read straight from its grid: the oracle. */
function raw(grids: Grid[], templateId: string, row: string, column: string): number | null {
  const template = templateOf(templateId);
  const pos = canonicalPositions(template);
  const value = sheet(grids, template.sheetName).cells[pos.rows.get(row)!]?.[pos.columns.get(column)!]?.value;
  return typeof value === 'number' ? value : null;
}
const specOf = (workbook: DistrictWorkbook, name: string): SheetSpec => {
  const found = workbook.sheets.find((s) => s.name === name);
  assert.ok(found, `${name} in ${workbook.sheets.map((s) => s.name).join(', ')}`);
  return found;
};
const cellOf = (spec: SheetSpec, row: number, col: number) => spec.cells.find((c) => c.row === row && c.col === col);
/** What a written cell shows: its constant or its formula's computed result. */
const shown = (spec: SheetSpec, row: number, col: number) => {
  const cell = cellOf(spec, row, col);
  return cell?.formula !== undefined ? cell.result : cell?.value;
};
/** Rows of a table sheet (completeness, log) below its header row, as lists of values. */
function tableRows(spec: SheetSpec): unknown[][] {
  const rows: unknown[][] = [];
  for (const cell of spec.cells) if (cell.row >= 4) (rows[cell.row - 4] ??= [])[cell.col] = cell.value;
  return rows.map((r) => r ?? []);
}
/** The sheet-qualified references a SUM formula adds: "'PL01 Cam An'!C9" → ['PL01 Cam An', 'C9']. */
function references(formula: string): Array<[string, string]> {
  return [...formula.matchAll(/'((?:[^']|'')+)'!([A-Z]+\d+)|(?<![\w'])([A-Z][\w.]*)!([A-Z]+\d+)/g)].map((m) => [(m[1] ?? m[3])!.replace(/''/g, "'"), (m[2] ?? m[4])!]);
}
const close = (a: unknown, b: number | null, what: string) => {
  if (b === null) return assert.ok(a === null || a === undefined, `${what}: ${String(a)} should be blank`);
  assert.equal(typeof a, 'number', `${what}: ${String(a)}`);
  assert.ok(Math.abs((a as number) - b) < 1e-6, `${what}: ${String(a)} ≠ ${b}`);
};
const plan = (sources: MergeSource[], decisions?: MergeDecisions) => planMerge(sources, config, decisions);
const GENERATED = '09:30 ngày 20/07/2018';

describe('an assignment answers only the sheets that say nothing certain', () => {
  test('a file whose every sheet names Cam An, assigned to Cam Thủy: every sheet held back, nothing under either unit, a decision needed', () => {
    const p = plan([commune('19603', () => {}, 'bao cao.xlsx')], { assign: new Map([['bao cao.xlsx', '19606']]) });
    assert.deepEqual(p.conflicts.map((c) => [c.file, c.sheet, c.named.code, c.namedBy, c.assigned.code]), [
      ['bao cao.xlsx', 'PL01', '19603', 'unit-line', '19606'],
      ['bao cao.xlsx', 'PL02', '19603', 'unit-line', '19606'],
      ['bao cao.xlsx', 'Nguồn vốn', '19603', 'unit-line', '19606'],
    ]);
    assert.equal(p.submissions.length, 0);
    assert.ok(needsDecision(p));
    assert.deepEqual(p.completeness.filter((u) => u.status !== 'missing'), []);
    const message = p.conflicts[0]!.message;
    for (const text of [message.vi, message.en]) for (const fact of ['bao cao.xlsx', '"PL01"', 'Xã Cam An (19603)', 'Xã Cam Thủy (19606)']) assert.ok(text.includes(fact), `${fact} in ${text}`);
    assert.match(message.vi, /dòng "Đơn vị báo cáo".*hãy sửa.*bỏ chỉ định/s);
    assert.match(message.en, /"Đơn vị báo cáo" line.*fix.*drop it/s);
  });

  test('a mixed file: the uncertain sheet takes the assigned unit, the sheets naming Cam An are held back', () => {
    const mixed = () => commune('19603', unitLine('Đơn vị báo cáo: xa cam thanh', 'PL02'), 'bao cao.xlsx');
    const undecided = plan([mixed()]);
    assert.deepEqual(undecided.held.map((h) => [h.file, h.sheets, h.reason, h.candidates.map((c) => c.code)]), [['bao cao.xlsx', ['PL02'], 'several', ['19609', '19612']]]);
    // Before the decision the certain sheets go in as Cam An, the uncertain one does not.
    assert.deepEqual(undecided.submissions.map((s) => [s.unit.code, s.template.id, s.assigned]), [['19603', 'PL01', false], ['19603', 'NV', false]]);
    const p = plan([mixed()], { assign: new Map([['bao cao.xlsx', '19609']]) });
    assert.deepEqual(p.submissions.map((s) => [s.unit.code, s.template.id, s.assigned]), [['19609', 'PL02', true]]);
    assert.deepEqual(p.conflicts.map((c) => [c.sheet, c.named.code, c.assigned.code]), [['PL01', '19603', '19609'], ['Nguồn vốn', '19603', '19609']]);
    assert.deepEqual(p.held, []);
    assert.ok(needsDecision(p));
  });

  test('assigning the unit the sheets name is no conflict; the log says the unit was named by the user', () => {
    const p = plan([commune('19603', () => {}, 'bao cao.xlsx')], { assign: new Map([['bao cao.xlsx', '19603']]) });
    assert.deepEqual(p.conflicts, []);
    assert.equal(needsDecision(p), false);
    assert.deepEqual(p.submissions.map((s) => [s.unit.code, s.assigned]), [['19603', true], ['19603', true], ['19603', true]]);
    const log = tableRows(specOf(districtSheets(p, GENERATED), 'Nhật ký'));
    assert.deepEqual(log.map((r) => r[8]), ['Đã gộp; đơn vị do người dùng chỉ định', 'Đã gộp; đơn vị do người dùng chỉ định', 'Đã gộp; đơn vị do người dùng chỉ định']);
  });

  test('a title naming the unit counts as the sheet naming it; a file name alone does not stop an assignment', () => {
    const titled = commune('19603', (grids) => {
      unitLine('')(grids);
      for (const grid of grids) grid.cells[0] = [{ value: 'UBND XÃ CAM AN' }];
    }, 'bao cao.xlsx');
    const p = plan([titled], { assign: new Map([['bao cao.xlsx', '19606']]) });
    assert.deepEqual(p.conflicts.map((c) => [c.sheet, c.namedBy]), [['PL01', 'title'], ['PL02', 'title'], ['Nguồn vốn', 'title']]);
    assert.match(p.conflicts[0]!.message.vi, /tiêu đề của trang ghi Xã Cam An/);
    assert.match(p.conflicts[0]!.message.en, /its title names Xã Cam An/);
    // Only the file name says Cam An: the user's assignment is the better word (and it is logged).
    const named = commune('19603', unitLine(''), 'Xã Cam An.xlsx');
    assert.deepEqual(plan([named]).submissions.map((s) => s.unit.code), ['19603', '19603', '19603']);
    const assigned = plan([named], { assign: new Map([['Xã Cam An.xlsx', '19606']]) });
    assert.deepEqual(assigned.conflicts, []);
    assert.deepEqual(assigned.submissions.map((s) => [s.unit.code, s.assigned]), [['19606', true], ['19606', true], ['19606', true]]);
  });

  test('an assignment never applies to an earlier district workbook', () => {
    const first = districtSheets(plan([commune('19603')]), GENERATED);
    const grids = first.sheets.map(specToGrid);
    const earlier = source('tong hop.xlsx', grids, { origins: readOrigins(grids) });
    const p = plan([earlier], { assign: new Map([['tong hop.xlsx', '19606']]) });
    assert.deepEqual(p.conflicts, []);
    assert.deepEqual(p.submissions.map((s) => [s.unit.code, s.assigned, s.fromDistrictWorkbook]), [['19603', false, true], ['19603', false, true], ['19603', false, true]]);
  });
});
