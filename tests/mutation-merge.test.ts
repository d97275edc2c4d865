// What decides a district workbook's figures and who they belong to (src/engine/merge.ts), in
// memory and fast enough to run per mutant (`npm run mutate -- merge`). The oracles are the
// received cells themselves (read straight from the grids, added up here), the unit lines the
// tests write, and the documented rules (an assignment never overrules a sheet's own unit line,
// a received file replaces an earlier merge's sheet, two files for one unit are never chosen
// between silently).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { a1 } from '../src/engine/a1.js';
import type { Grid, GridCell } from '../src/engine/grid.js';
import { gridFromValues } from '../src/engine/grid.js';
import { districtSheets, LOG_HEADERS, mergeBlockers, needsDecision, planMerge, readOrigins, safeSheetName, type DistrictWorkbook, type MergeDecisions, type MergeSource } from '../src/engine/merge.js';
import { canonicalPositions } from '../src/engine/render.js';
import { departmentSampleWorkbooks } from '../src/engine/sample.js';
import type { SheetSpec } from '../src/engine/sheet-spec.js';
import { specToGrid } from '../src/engine/spec-grid.js';
import { findReporter, parseUnitList, reportersOf } from '../src/engine/units.js';
import { checkWorkbook } from '../src/engine/workbook.js';
import { engineConfig, gioLinhUnitList, sampleFile, sampleGrids, templateOf } from './support/factories.js';

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
  return Array.from(rows, (r) => r ?? []);
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
    assert.ok(needsDecision(p), 'needsDecision(p)');
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
    assert.ok(needsDecision(p), 'needsDecision(p)');
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

describe('who sent a file: certain, inferred from its other sheets, or held back', () => {
  test('a sheet with no unit line takes the one unit its file\'s other sheets name; a fragment of that name too', () => {
    const p = plan([commune('19603', (grids) => {
      unitLine('', 'PL02')(grids);
      unitLine('Đơn vị báo cáo: Cam An', 'Nguồn vốn')(grids);
    }, 'bao cao.xlsx')]);
    assert.deepEqual(p.submissions.map((s) => [s.unit.code, s.template.id, s.assigned]), [['19603', 'PL01', false], ['19603', 'PL02', false], ['19603', 'NV', false]]);
    assert.deepEqual(p.held, []);
  });

  test('a file that names no unit at all is held with every unit and department as candidates', () => {
    const p = plan([commune('19603', unitLine(''), 'bao cao.xlsx')]);
    assert.deepEqual(p.held.map((h) => [h.file, h.sheets, h.reason]), [['bao cao.xlsx', ['PL01', 'PL02', 'Nguồn vốn'], 'unknown']]);
    assert.deepEqual(p.held[0]!.candidates, reportersOf(config.units));
    assert.deepEqual(p.skipped.map((s) => [s.sheet, s.reason, s.detail]), [['PL01', 'unknown-unit', ''], ['PL02', 'unknown-unit', ''], ['Nguồn vốn', 'unknown-unit', '']]);
    const other = plan([commune('19603', unitLine('Đơn vị báo cáo: Hợp tác xã Tân Lập'), 'bao cao.xlsx')]);
    assert.deepEqual(other.skipped.map((s) => s.detail), ['Hợp tác xã Tân Lập', 'Hợp tác xã Tân Lập', 'Hợp tác xã Tân Lập']);
    assert.equal(p.submissions.length, 0);
    assert.ok(needsDecision(p), 'needsDecision(p)');
  });

  test('"xa cam thanh" is Cam Thanh or Cam Thành: held, both named in the skip', () => {
    const p = plan([commune('19609', unitLine('Đơn vị báo cáo: xa cam thanh'), 'bao cao.xlsx')]);
    assert.deepEqual(p.skipped.map((s) => [s.sheet, s.reason, s.detail]), [
      ['PL01', 'ambiguous-unit', 'Xã Cam Thanh / Xã Cam Thành'],
      ['PL02', 'ambiguous-unit', 'Xã Cam Thanh / Xã Cam Thành'],
      ['Nguồn vốn', 'ambiguous-unit', 'Xã Cam Thanh / Xã Cam Thành'],
    ]);
    assert.deepEqual(p.held.map((h) => [h.reason, h.candidates.map((c) => c.code)]), [['several', ['19609', '19612']]]);
  });

  test('a sheet whose unit line disagrees with its file name is held, never settled by the other sheets', () => {
    const p = plan([commune('19603', unitLine('Đơn vị báo cáo: Xã Cam Thủy', 'PL02'), 'Xã Cam An.xlsx')]);
    assert.deepEqual(p.held.map((h) => [h.sheets, h.reason, h.candidates.map((c) => c.code).sort()]), [[['PL02'], 'conflict', ['19603', '19606']]]);
    assert.deepEqual(p.submissions.map((s) => s.template.id), ['PL01', 'NV']);
    // A conflict is the reason given even when another sheet is only ambiguous.
    const both = plan([commune('19603', (grids) => {
      unitLine('Đơn vị báo cáo: Xã Cam Thủy', 'PL02')(grids);
      unitLine('Đơn vị báo cáo: xa cam thanh', 'PL01')(grids);
    }, 'Xã Cam An.xlsx')]);
    assert.deepEqual(both.held.map((h) => [h.sheets, h.reason]), [[['PL01', 'PL02'], 'conflict']]);
    // A file name fitting two communes: the blank sheet is only ambiguous, the sheets naming Cam An
    // conflict with it; the conflict is what the user is told, whichever sheet comes first.
    const mixed = plan([commune('19603', unitLine('', 'PL01'), 'xa cam thanh.xlsx')]);
    assert.deepEqual(mixed.held.map((h) => [h.sheets, h.reason]), [[['PL01', 'PL02', 'Nguồn vốn'], 'conflict']]);
  });

  test('two units named in one file: an unnamed sheet is not given to either', () => {
    const p = plan([commune('19603', (grids) => {
      unitLine('Đơn vị báo cáo: Xã Cam Thủy', 'PL02')(grids);
      unitLine('', 'Nguồn vốn')(grids);
    }, 'bao cao.xlsx')]);
    assert.deepEqual(p.submissions.map((s) => [s.unit.code, s.template.id]), [['19603', 'PL01'], ['19606', 'PL02']]);
    assert.deepEqual(p.held.map((h) => [h.sheets, h.reason]), [[['Nguồn vốn'], 'unknown']]);
  });

  test('hidden sheets and a district sheet alone are skipped and said; a district sheet in a unit\'s file is not', () => {
    const hidden = commune('19603', (grids) => (sheet(grids, 'PL02').hidden = 'hidden'));
    const district = commune('19603', unitLine('Đơn vị báo cáo: Huyện Cam Lộ'), 'huyen.xlsx');
    const mixed = commune('19606', unitLine('Đơn vị báo cáo: Huyện Cam Lộ', 'PL02'), 'thuy.xlsx');
    const p = plan([hidden, district, mixed]);
    assert.deepEqual(p.skipped.map((s) => [s.file, s.sheet, s.reason, s.detail]), [
      [hidden.file, 'PL02', 'hidden', ''],
      ['huyen.xlsx', 'PL01', 'district', 'Huyện Cam Lộ'],
      ['huyen.xlsx', 'PL02', 'district', 'Huyện Cam Lộ'],
      ['huyen.xlsx', 'Nguồn vốn', 'district', 'Huyện Cam Lộ'],
    ]);
    assert.deepEqual(p.submissions.map((s) => [s.unit.code, s.template.id]), [['19603', 'PL01'], ['19603', 'NV'], ['19606', 'PL01'], ['19606', 'NV']]);
    // A district sheet beside sheets that name nobody is said too, never dropped unseen.
    const lone = plan([commune('19603', (grids) => {
      unitLine('')(grids);
      unitLine('Đơn vị báo cáo: Huyện Cam Lộ', 'PL01')(grids);
    }, 'bao cao.xlsx')]);
    assert.deepEqual(lone.skipped.map((s) => [s.sheet, s.reason]), [['PL01', 'district'], ['PL02', 'unknown-unit'], ['Nguồn vốn', 'unknown-unit']]);
  });
});

describe('one table per unit and annex', () => {
  test('two received files for one unit: both held until one is preferred; the other is logged as not used', () => {
    const a = commune('19603');
    const b = commune('19603', () => {}, 'Xã Cam An (2).xlsx');
    const undecided = plan([a, b]);
    assert.deepEqual(undecided.duplicates.map((d) => [d.unit.code, d.template, d.claims.map((c) => [c.source.file, c.sheet, c.errors, c.warnings])]), ['PL01', 'PL02', 'NV'].map((t, i) => ['19603', t, [[a.file, ['PL01', 'PL02', 'Nguồn vốn'][i], 0, 0], [b.file, ['PL01', 'PL02', 'Nguồn vốn'][i], 0, 0]]]));
    assert.ok(needsDecision(undecided), 'needsDecision(undecided)');
    assert.equal(undecided.completeness.find((u) => u.unit.code === '19603')!.status, 'duplicate');
    assert.ok(undecided.completeness.filter((u) => u.unit.code !== '19603').every((u) => u.status === 'missing'), 'undecided.completeness.filter((u) => u.unit.code !== \'19603\').every((u) => u.status === \'missing\')');
    assert.deepEqual(undecided.completeness.find((u) => u.unit.code === '19603')!.files, [a.file, b.file]);
    assert.deepEqual(undecided.skipped.map((s) => [s.file, s.reason, s.detail]).slice(0, 2), [[a.file, 'duplicate', ''], [b.file, 'duplicate', '']]);
    assert.equal(undecided.submissions.length, 0);
    // Preferring both decides nothing.
    assert.equal(plan([a, b], { prefer: new Set([a.file, b.file]) }).duplicates.length, 3);
    const decided = plan([a, b], { prefer: new Set([b.file]) });
    assert.equal(needsDecision(decided), false);
    assert.deepEqual(decided.submissions.map((s) => [s.source.file, s.template.id, s.replaces]), [[b.file, 'PL01', []], [b.file, 'PL02', []], [b.file, 'NV', []]]);
    assert.deepEqual(decided.skipped.map((s) => [s.file, s.reason, s.detail]), [[a.file, 'duplicate', b.file], [a.file, 'duplicate', b.file], [a.file, 'duplicate', b.file]]);
    const log = tableRows(specOf(districtSheets(decided, GENERATED), 'Nhật ký'));
    assert.deepEqual(log.slice(3).map((r) => [r[1], r[8]]), [[a.file, `Trùng đơn vị, đã chọn tệp ${b.file}: không dùng`], [a.file, `Trùng đơn vị, đã chọn tệp ${b.file}: không dùng`], [a.file, `Trùng đơn vị, đã chọn tệp ${b.file}: không dùng`]]);
    const undecidedLog = tableRows(specOf(districtSheets(undecided, GENERATED), 'Nhật ký'));
    assert.ok(undecidedLog.every((r) => r[8] === 'Trùng đơn vị, chưa chọn tệp: không gộp'), 'undecidedLog.every((r) => r[8] === \'Trùng đơn vị, chưa chọn tệp: không gộp\')');
  });

  test('a re-merge: a newly received file replaces its unit\'s sheet, the other sheets keep where they first came from', () => {
    const first = plan([commune('19603'), commune('19606')]);
    const grids = districtSheets(first, GENERATED).sheets.map(specToGrid);
    const earlier = source('tong hop.xlsx', grids, { origins: readOrigins(grids) });
    const fresh = commune('19603', (g) => put(g, 'PL01', 'giao_duc', 'kp_2016', { value: 777 }), 'Xã Cam An (sửa).xlsx');
    const p = plan([earlier, fresh]);
    assert.equal(needsDecision(p), false);
    const byUnit = p.submissions.map((s) => [s.unit.code, s.template.id, s.source.file, s.fromDistrictWorkbook, s.origin.file, s.origin.sheet, s.origin.sha256, s.replaces]);
    assert.deepEqual(byUnit, [
      ['19603', 'PL01', fresh.file, false, fresh.file, 'PL01', `sha-${fresh.file}`, [{ file: 'tong hop.xlsx', sheet: 'PL01 Cam An' }]],
      ['19603', 'PL02', fresh.file, false, fresh.file, 'PL02', `sha-${fresh.file}`, [{ file: 'tong hop.xlsx', sheet: 'PL02 Cam An' }]],
      ['19603', 'NV', fresh.file, false, fresh.file, 'Nguồn vốn', `sha-${fresh.file}`, [{ file: 'tong hop.xlsx', sheet: 'Nguồn vốn Cam An' }]],
      ['19606', 'PL01', 'tong hop.xlsx', true, sampleFile('19606').fileName, 'PL01', `sha-${sampleFile('19606').fileName}`, []],
      ['19606', 'PL02', 'tong hop.xlsx', true, sampleFile('19606').fileName, 'PL02', `sha-${sampleFile('19606').fileName}`, []],
      ['19606', 'NV', 'tong hop.xlsx', true, sampleFile('19606').fileName, 'Nguồn vốn', `sha-${sampleFile('19606').fileName}`, []],
    ]);
    assert.deepEqual(p.skipped.map((s) => [s.file, s.sheet, s.reason, s.detail]), [
      ['tong hop.xlsx', 'PL01 Cam An', 'replaced', fresh.file],
      ['tong hop.xlsx', 'PL02 Cam An', 'replaced', fresh.file],
      ['tong hop.xlsx', 'Nguồn vốn Cam An', 'replaced', fresh.file],
    ]);
    const written = districtSheets(p, GENERATED);
    const pos = canonicalPositions(templateOf('PL01'));
    const at = [pos.rows.get('giao_duc')!, pos.columns.get('kp_2016')!] as const;
    assert.equal(shown(specOf(written, 'PL01 Cam An'), ...at), 777);
    close(shown(specOf(written, 'PL01 Tổng hợp'), ...at), 777 + raw(sampleGrids('19606'), 'PL01', 'giao_duc', 'kp_2016')!, 'summary after the re-merge');
    const log = tableRows(specOf(written, 'Nhật ký'));
    assert.deepEqual(log.map((r) => [r[1], r[3], r[8], r[9]]), [
      [fresh.file, 'PL01', 'Đã gộp; thay trang "PL01 Cam An" của sổ "tong hop.xlsx"', 'PL01 Cam An'],
      [fresh.file, 'PL02', 'Đã gộp; thay trang "PL02 Cam An" của sổ "tong hop.xlsx"', 'PL02 Cam An'],
      [fresh.file, 'Nguồn vốn', 'Đã gộp; thay trang "Nguồn vốn Cam An" của sổ "tong hop.xlsx"', 'Nguồn vốn Cam An'],
      [sampleFile('19606').fileName, 'PL01', 'Giữ từ lần gộp trước (sổ "tong hop.xlsx")', 'PL01 Cam Thủy'],
      [sampleFile('19606').fileName, 'PL02', 'Giữ từ lần gộp trước (sổ "tong hop.xlsx")', 'PL02 Cam Thủy'],
      [sampleFile('19606').fileName, 'Nguồn vốn', 'Giữ từ lần gộp trước (sổ "tong hop.xlsx")', 'Nguồn vốn Cam Thủy'],
      [sampleFile('19603').fileName, 'PL01', `Đã thay bằng tệp ${fresh.file}`, 'PL01 Cam An'],
      [sampleFile('19603').fileName, 'PL02', `Đã thay bằng tệp ${fresh.file}`, 'PL02 Cam An'],
      [sampleFile('19603').fileName, 'Nguồn vốn', `Đã thay bằng tệp ${fresh.file}`, 'Nguồn vốn Cam An'],
    ]);
    // Merged once more: the kept sheets still name the first files (and the fresh one now its own).
    const again = districtSheets(p, GENERATED).sheets.map(specToGrid);
    const origins = readOrigins(again);
    assert.deepEqual(origins.get('PL01 Cam Thủy'), { file: sampleFile('19606').fileName, sheet: 'PL01', sha256: `sha-${sampleFile('19606').fileName}`, receivedAt: log[3]![0] });
    assert.deepEqual(origins.get('PL01 Cam An')?.file, fresh.file);
    assert.equal(origins.size, 6);
  });

  test('three earlier district workbooks and no received file: the last one given wins, the others are logged as replaced by it', () => {
    const book = (figure: number) => districtSheets(plan([commune('19603', (g) => put(g, 'PL01', 'giao_duc', 'kp_2016', { value: figure }))]), GENERATED).sheets.map(specToGrid);
    const [one, two, three] = [book(5), book(6), book(7)];
    const p = plan([source('a.xlsx', one, { origins: readOrigins(one) }), source('b.xlsx', two, { origins: readOrigins(two) }), source('c.xlsx', three, { origins: readOrigins(three) })]);
    assert.deepEqual(p.submissions.map((s) => [s.source.file, s.fromDistrictWorkbook]), [['c.xlsx', true], ['c.xlsx', true], ['c.xlsx', true]]);
    assert.deepEqual(p.skipped.map((s) => [s.file, s.sheet, s.reason, s.detail]), [
      ['a.xlsx', 'PL01 Cam An', 'replaced', 'c.xlsx'],
      ['b.xlsx', 'PL01 Cam An', 'replaced', 'c.xlsx'],
      ['a.xlsx', 'PL02 Cam An', 'replaced', 'c.xlsx'],
      ['b.xlsx', 'PL02 Cam An', 'replaced', 'c.xlsx'],
      ['a.xlsx', 'Nguồn vốn Cam An', 'replaced', 'c.xlsx'],
      ['b.xlsx', 'Nguồn vốn Cam An', 'replaced', 'c.xlsx'],
    ]);
    const pos = canonicalPositions(templateOf('PL01'));
    const written = districtSheets(p, GENERATED);
    assert.equal(shown(specOf(written, 'PL01 Cam An'), pos.rows.get('giao_duc')!, pos.columns.get('kp_2016')!), 7);
    assert.equal(shown(specOf(written, 'PL01 Tổng hợp'), pos.rows.get('giao_duc')!, pos.columns.get('kp_2016')!), 7);
  });

  test('an earlier district workbook and two received files for its unit: the log names the chosen file as the one replacing it', () => {
    const earlierGrids = districtSheets(plan([commune('19603')]), GENERATED).sheets.map(specToGrid);
    const earlier = () => source('tong hop.xlsx', earlierGrids, { origins: readOrigins(earlierGrids) });
    const a = commune('19603', (g) => put(g, 'PL01', 'giao_duc', 'kp_2016', { value: 11 }), 'an 1.xlsx');
    const b = commune('19603', (g) => put(g, 'PL01', 'giao_duc', 'kp_2016', { value: 22 }), 'an 2.xlsx');
    // Undecided: nothing can be written; the earlier sheet is to be replaced by one of the two.
    const undecided = plan([earlier(), a, b]);
    assert.ok(needsDecision(undecided), 'needsDecision(undecided)');
    assert.deepEqual(undecided.skipped.filter((s) => s.reason === 'replaced').map((s) => [s.sheet, s.detail]), [['PL01 Cam An', 'an 1.xlsx, an 2.xlsx'], ['PL02 Cam An', 'an 1.xlsx, an 2.xlsx'], ['Nguồn vốn Cam An', 'an 1.xlsx, an 2.xlsx']]);
    const p = plan([earlier(), a, b], { prefer: new Set(['an 2.xlsx']) });
    assert.equal(needsDecision(p), false);
    assert.deepEqual(p.submissions.map((s) => [s.source.file, s.replaces]), [
      ['an 2.xlsx', [{ file: 'tong hop.xlsx', sheet: 'PL01 Cam An' }]],
      ['an 2.xlsx', [{ file: 'tong hop.xlsx', sheet: 'PL02 Cam An' }]],
      ['an 2.xlsx', [{ file: 'tong hop.xlsx', sheet: 'Nguồn vốn Cam An' }]],
    ]);
    const written = districtSheets(p, GENERATED);
    const pos = canonicalPositions(templateOf('PL01'));
    assert.equal(shown(specOf(written, 'PL01 Cam An'), pos.rows.get('giao_duc')!, pos.columns.get('kp_2016')!), 22);
    const log = tableRows(specOf(written, 'Nhật ký'));
    assert.deepEqual(log.map((r) => [r[1], r[3], r[8], r[9]]), [
      ['an 2.xlsx', 'PL01', 'Đã gộp; thay trang "PL01 Cam An" của sổ "tong hop.xlsx"', 'PL01 Cam An'],
      ['an 2.xlsx', 'PL02', 'Đã gộp; thay trang "PL02 Cam An" của sổ "tong hop.xlsx"', 'PL02 Cam An'],
      ['an 2.xlsx', 'Nguồn vốn', 'Đã gộp; thay trang "Nguồn vốn Cam An" của sổ "tong hop.xlsx"', 'Nguồn vốn Cam An'],
      [sampleFile('19603').fileName, 'PL01', 'Đã thay bằng tệp an 2.xlsx', 'PL01 Cam An'],
      [sampleFile('19603').fileName, 'PL02', 'Đã thay bằng tệp an 2.xlsx', 'PL02 Cam An'],
      [sampleFile('19603').fileName, 'Nguồn vốn', 'Đã thay bằng tệp an 2.xlsx', 'Nguồn vốn Cam An'],
      ['an 1.xlsx', 'PL01', 'Trùng đơn vị, đã chọn tệp an 2.xlsx: không dùng', ''],
      ['an 1.xlsx', 'PL02', 'Trùng đơn vị, đã chọn tệp an 2.xlsx: không dùng', ''],
      ['an 1.xlsx', 'Nguồn vốn', 'Trùng đơn vị, đã chọn tệp an 2.xlsx: không dùng', ''],
    ]);
  });

  test('an earlier district workbook: a unit sheet without its unit line is neither guessed nor held; its other sheets\' errors are no unit\'s', () => {
    const grids = districtSheets(plan([commune('19603')]), GENERATED).sheets.map(specToGrid);
    unitLine('', 'PL02 Cam An')(grids);
    grids.push({ ...gridFromValues('Hỏng', []), unreadable: true });
    const earlier = source('tong hop.xlsx', grids, { origins: readOrigins(grids) });
    assert.ok(earlier.report.issues.some((i) => i.sheet === 'Hỏng'), 'earlier.report.issues.some((i) => i.sheet === \'Hỏng\')');
    const p = plan([earlier]);
    assert.deepEqual(p.submissions.map((s) => s.template.id), ['PL01', 'NV']);
    assert.deepEqual(p.skipped.map((s) => [s.sheet, s.reason]), [['PL02 Cam An', 'unknown-unit']]);
    assert.deepEqual(p.held, []);
    assert.deepEqual([...p.unitErrors.keys()], []);
  });

  test('each submission counts the errors and warnings of its own sheet', () => {
    const thanh = commune('19609');
    const count = (sheetName: string, severity: string) => thanh.report.issues.filter((i) => i.sheet === sheetName && i.severity === severity).length;
    const p = plan([thanh]);
    assert.deepEqual(p.submissions.map((s) => [s.table.grid.name, s.errors, s.warnings]), ['PL01', 'PL02', 'Nguồn vốn'].map((n) => [n, count(n, 'error'), count(n, 'warning')]));
    assert.ok(p.submissions.some((s) => s.errors > 0) && p.submissions.some((s) => s.warnings > 0), 'p.submissions.some((s) => s.errors > 0) && p.submissions.some((s) => s.warnings > 0)');
  });

  test('readOrigins reads only a GNBV log: another header or a row that was not merged gives nothing', () => {
    const header = [...LOG_HEADERS];
    const rows = [
      ['t1', 'a.xlsx', 'Xã Cam An', 'PL01', 'PL01', 'sha-a', 0, 0, 'Đã gộp', 'PL01 Cam An'],
      ['t2', 'b.xlsx', 'Xã Cam An', 'PL02', 'PL02', 'sha-b', 0, 0, 'Giữ từ lần gộp trước (sổ "x")', 'PL02 Cam An'],
      ['t3', 'c.xlsx', '', 'PL01', 'PL01', 'sha-c', 0, 0, 'Đã thay bằng tệp d.xlsx', 'PL01 Cam Thủy'],
      ['t4', 'e.xlsx', '', 'PL01', 'PL01', 'sha-e', 0, 0, 'Đã gộp', ''],
    ];
    const log = gridFromValues('Nhật ký', [['NHẬT KÝ'], [], [], header, ...rows]);
    assert.deepEqual([...readOrigins([log])], [
      ['PL01 Cam An', { receivedAt: 't1', file: 'a.xlsx', sheet: 'PL01', sha256: 'sha-a' }],
      ['PL02 Cam An', { receivedAt: 't2', file: 'b.xlsx', sheet: 'PL02', sha256: 'sha-b' }],
    ]);
    // Cells as a spreadsheet may hold them: spaces around, a sheet name in NFD, an empty row, a
    // longer note; the log found after another sheet of the workbook.
    const padded = gridFromValues('Nhật ký', [['NHẬT KÝ'], [], [], header.map((h) => ` ${h} `), [' t5 ', ' f.xlsx ', '', ' PL02 ', 'PL02', ' sha-f ', 0, 0, ' Đã gộp; thay trang "PL02 Cam Thủy" của sổ "x" ', ' PL02 Cam Thủy '.normalize('NFD')]]);
    padded.cells.splice(4, 0, undefined as unknown as GridCell[]);
    assert.deepEqual([...readOrigins([gridFromValues('PL01', [['TT']]), padded])], [['PL02 Cam Thủy', { receivedAt: 't5', file: 'f.xlsx', sheet: 'PL02', sha256: 'sha-f' }]]);
    const other = gridFromValues('Nhật ký', [['NHẬT KÝ'], [], [], [...header.slice(0, -1), 'Trang'], ...rows]);
    assert.equal(readOrigins([other]).size, 0);
    assert.equal(readOrigins([gridFromValues('Trống', [])]).size, 0);
    // A hidden log is not read, whichever port handed its cells over: a user cannot see what it claims.
    assert.equal(readOrigins([{ ...log, hidden: 'hidden' }]).size, 0);
    assert.equal(readOrigins([{ ...log, hidden: 'veryHidden' }]).size, 0);
  });
});

describe('the district figures: each unit sheet is its file\'s cells, each summary cell their sum', () => {
  const CODES = ['19597', '19603', '19606', '19612'];
  const grids = new Map(CODES.map((code) => [code, sampleGrids(code)]));
  const health = department('P-YTE');
  const p = plan([...CODES.map((code) => source(sampleFile(code).fileName, grids.get(code)!)), health]);
  const written = districtSheets(p, GENERATED);

  for (const id of ['PL01', 'PL02', 'NV']) {
    test(`${id}: every figure of every unit sheet and of the summary, from the received cells`, () => {
      const template = templateOf(id);
      const pos = canonicalPositions(template);
      const summary = specOf(written, written.summaryNames.get(id)!);
      const unitSheets = CODES.map((code) => written.unitSheetNames.get(`U|${code}|${id}`)!);
      assert.deepEqual(unitSheets, CODES.map((code) => `${template.sheetName} ${unit(code).shortName}`));
      let compared = 0;
      for (const row of template.rows) {
        for (const column of template.columns) {
          const r = pos.rows.get(row.key)!;
          const c = pos.columns.get(column.key)!;
          if (column.measure === 'text') {
            assert.equal(cellOf(summary, r, c)?.formula, undefined, `${row.key}/${column.key}: text is not summed`);
            continue;
          }
          const figures = CODES.map((code) => raw(grids.get(code)!, id, row.key, column.key));
          CODES.forEach((code, i) => close(shown(specOf(written, unitSheets[i]!), r, c) ?? null, figures[i]!, `${unitSheets[i]} ${row.key}/${column.key}`));
          const cell = cellOf(summary, r, c)!;
          close(cell.result, figures.reduce<number>((sum, f) => sum + (f ?? 0), 0), `${id} summary ${row.key}/${column.key}`);
          // The formula adds the same cell of each commune's sheet, and nothing else (no department).
          assert.deepEqual(references(cell.formula!), unitSheets.map((name) => [name, a1(r, c)]), cell.formula);
          compared++;
        }
      }
      assert.ok(compared > 20, 'compared > 20');
      assert.match(String(cellOf(summary, summary.cells.find((x) => String(x.value).startsWith('Tổng hợp '))!.row, pos.labelColumn)?.value ?? summary.cells.find((x) => String(x.value).startsWith('Tổng hợp '))!.value), new RegExp(`^Tổng hợp ${CODES.length}/9 đơn vị.*\\(${CODES.length} trang\\)`));
    });
  }

  test('the workbook\'s sheets: completeness, the summaries, the communes\' then the departments\' sheets, the log; each says whose it is', () => {
    const units = CODES.map((code) => unit(code).shortName);
    assert.deepEqual(written.sheets.map((s) => s.name), [
      'Tình hình nộp',
      'PL01 Tổng hợp',
      'PL02 Tổng hợp',
      'Nguồn vốn Tổng hợp',
      ...units.flatMap((u) => [`PL01 ${u}`, `PL02 ${u}`, `Nguồn vốn ${u}`]),
      `PL01 ${unit('P-YTE').shortName}`,
      'Nhật ký',
    ]);
    assert.deepEqual([...written.summaryNames], [['PL01', 'PL01 Tổng hợp'], ['PL02', 'PL02 Tổng hợp'], ['NV', 'Nguồn vốn Tổng hợp']]);
    const unitLineOf = (name: string) => specOf(written, name).cells.find((c) => c.row === 3 && c.col === 0)?.value;
    assert.equal(unitLineOf('PL01 Tổng hợp'), 'Đơn vị báo cáo: Huyện Cam Lộ');
    assert.equal(unitLineOf('PL02 Cam Thủy'), 'Đơn vị báo cáo: Xã Cam Thủy');
    assert.equal(unitLineOf(`PL01 ${unit('P-YTE').shortName}`), 'Đơn vị báo cáo: Phòng Y tế');
    const footnote = specOf(written, 'PL02 Tổng hợp').cells.find((c) => String(c.value).startsWith('Tổng hợp '))!.value;
    assert.equal(footnote, `Tổng hợp 4/9 đơn vị. Mỗi ô là tổng các trang đơn vị (4 trang). Ô "Kiểm tra" hiện ✓ (xanh) khi tổng khớp, nếu không hiện số chênh lệch (đỏ); cột "Kiểm tra: trang đơn vị lệch" chỉ trang đơn vị có số liệu gây lệch.`);
  });

  test('PL01: under the summary, each row the health department leads: the communes\' sum, its own figure, the difference', () => {
    const template = templateOf('PL01');
    const pos = canonicalPositions(template);
    const summary = specOf(written, 'PL01 Tổng hợp');
    const healthSheet = `PL01 ${unit('P-YTE').shortName}`;
    const healthGrids = departmentSampleWorkbooks(config).find((s) => s.unit.code === 'P-YTE')!.sheets.map(specToGrid);
    const footnoteRow = summary.cells.find((c) => String(c.value).startsWith('Tổng hợp '))!.row;
    // The check row under the table, a blank row, the footnote; one blank row, then the comparison.
    assert.equal(footnoteRow, pos.lastDataRow + 3);
    assert.equal(summary.cells.find((c) => c.value === 'ĐỐI CHIẾU VỚI SỐ LIỆU CÁC PHÒNG, BAN CHỦ TRÌ (số toàn huyện)')?.row, footnoteRow + 2);
    const block = summary.cells.find((c) => c.value === `${template.rows.find((r) => r.key === 'yte')!.label} — chủ trì: Phòng Y tế`)!;
    assert.ok(block, 'the health block');
    const [sumRow, healthRow, diffRow] = [block.row + 1, block.row + 2, block.row + 3];
    assert.equal(cellOf(summary, healthRow, pos.labelColumn)?.value, `${unit('P-YTE').shortName} báo cáo`);
    let compared = 0;
    for (const column of template.columns.filter((c) => c.measure !== 'text')) {
      const c = pos.columns.get(column.key)!;
      const communes = CODES.reduce((sum, code) => sum + (raw(grids.get(code)!, 'PL01', 'yte', column.key) ?? 0), 0);
      const own = raw(healthGrids, 'PL01', 'yte', column.key);
      close(cellOf(summary, sumRow, c)?.result, communes, `communes ${column.key}`);
      const health = cellOf(summary, healthRow, c)!;
      assert.equal(health.formula, `IF('${healthSheet}'!${a1(pos.rows.get('yte')!, c)}="","",'${healthSheet}'!${a1(pos.rows.get('yte')!, c)})`);
      if (own === null) assert.equal(health.result, '');
      else {
        close(health.result, own, `health ${column.key}`);
        close(cellOf(summary, diffRow, c)?.result, own - communes, `difference ${column.key}`);
        compared++;
      }
    }
    assert.ok(compared > 0, 'the health department reported figures on its row');
  });

  test('NV: the section V paragraph one blank row under the comparison, merged across the table, tall enough to read', () => {
    const template = templateOf('NV');
    const pos = canonicalPositions(template);
    const summary = specOf(written, 'Nguồn vốn Tổng hợp');
    const comparisonTop = summary.cells.find((c) => c.value === 'ĐỐI CHIẾU VỚI SỐ LIỆU CÁC PHÒNG, BAN CHỦ TRÌ (số toàn huyện)')!.row;
    const heading = summary.cells.find((c) => String(c.value).startsWith('Đoạn văn mục V'))!;
    const comparisonBottom = Math.max(...summary.cells.filter((c) => c.row >= comparisonTop && c.row < heading.row).map((c) => c.row));
    assert.equal(heading.row, comparisonBottom + 2);
    const paragraph = cellOf(summary, heading.row + 1, pos.labelColumn)!;
    assert.equal(paragraph.style, 'paragraph');
    assert.ok(paragraph.formula, 'the paragraph is a formula over the table');
    assert.deepEqual(summary.merges.filter((m) => m.top === heading.row + 1), [{ top: heading.row + 1, left: pos.labelColumn, bottom: heading.row + 1, right: pos.lastColumn }]);
    assert.ok((summary.rowHeights.get(heading.row + 1) ?? 0) >= 100, 'a tall row for the paragraph');
    // No cell written twice anywhere on the summaries.
    for (const name of written.summaryNames.values()) {
      const seen = new Set<string>();
      for (const c of specOf(written, name).cells) {
        assert.ok(!seen.has(`${c.row}|${c.col}`), `${name}: ${c.row}/${c.col} written twice`);
        seen.add(`${c.row}|${c.col}`);
      }
    }
  });

  test('a department\'s sheet is written beside the communes, never added into their sum', () => {
    assert.deepEqual(p.departmentSubmissions.map((s) => [s.unit.code, s.role, s.template.id]), [['P-YTE', 'department', 'PL01']]);
    assert.ok(p.submissions.every((s) => s.role === 'commune'), 'p.submissions.every((s) => s.role === \'commune\')');
    const name = written.unitSheetNames.get('D|P-YTE|PL01')!;
    assert.equal(name, `PL01 ${unit('P-YTE').shortName}`);
    const footnote = specOf(written, name).cells.find((c) => String(c.value).startsWith('Nguồn:'))!;
    assert.equal(footnote.value, `Nguồn: tệp "${health.file}", trang "PL01" (chỉ chép giá trị). Số liệu phòng, ban: không cộng vào tổng các xã.`);
    const commune = specOf(written, 'PL01 Cam An').cells.find((c) => String(c.value).startsWith('Nguồn:'))!;
    assert.equal(commune.value, `Nguồn: tệp "${sampleFile('19603').fileName}", trang "PL01" (chỉ chép giá trị).`);
  });
});

describe('what is copied from a received cell', () => {
  const pos = canonicalPositions(templateOf('PL01'));
  const at = (row: string, column: string) => [pos.rows.get(row)!, pos.columns.get(column)!] as const;
  const parts = ['yte', 'giao_duc', 'dao_tao_nghe', 'nha_o', 'tro_giup_phap_ly', 'tin_dung', 'tien_dien'];

  test('a total written as a formula is copied as its parts\' sum, never its cached result; a typed total as typed', () => {
    const grids = sampleGrids('19603');
    const partsSum = parts.reduce((sum, row) => sum + (raw(grids, 'PL01', row, 'kp_2016') ?? 0), 0);
    put(grids, 'PL01', 'total', 'kp_2016', { value: 999_999, formula: 'SUM(C9:C30)' });
    put(grids, 'PL01', 'total', 'kp_2017', { value: 424_242 });
    const written = districtSheets(plan([source('a.xlsx', grids)]), GENERATED);
    const sheetSpec = specOf(written, 'PL01 Cam An');
    close(shown(sheetSpec, ...at('total', 'kp_2016')), partsSum, 'formula total');
    assert.equal(shown(sheetSpec, ...at('total', 'kp_2017')), 424_242);
    close(cellOf(specOf(written, 'PL01 Tổng hợp'), ...at('total', 'kp_2016'))!.result, partsSum, 'summary of a formula total');
    assert.equal(cellOf(specOf(written, 'PL01 Tổng hợp'), ...at('total', 'kp_2017'))!.result, 424_242);
  });

  test('a number typed as text is copied as the number, other text as text, a blank stays blank', () => {
    const grids = sampleGrids('19603');
    put(grids, 'PL01', 'nha_o', 'kp_2016', { value: '1.143,3' });
    put(grids, 'PL01', 'nha_o', 'ghi_chu', { value: 'xây mới 3 nhà' });
    put(grids, 'PL01', 'nha_o', 'kp_2017', undefined);
    put(grids, 'PL01', 'giao_duc', 'kp_2018', { value: 'chưa có' });
    const sheetSpec = specOf(districtSheets(plan([source('a.xlsx', grids)]), GENERATED), 'PL01 Cam An');
    assert.equal(shown(sheetSpec, ...at('nha_o', 'kp_2016')), 1143.3);
    assert.equal(shown(sheetSpec, ...at('nha_o', 'ghi_chu')), 'xây mới 3 nhà');
    assert.equal(shown(sheetSpec, ...at('giao_duc', 'kp_2018')), 'chưa có');
    assert.ok([null, undefined].includes(shown(sheetSpec, ...at('nha_o', 'kp_2017')) as null), 'blank');
    // A part that is text adds nothing: the typed 2018 total is now more than its parts by the
    // figure the text replaced, and the trace column names the sheet for it.
    const replaced = raw(sampleGrids('19603'), 'PL01', 'giao_duc', 'kp_2018')!;
    const summary = specOf(districtSheets(plan([source('a.xlsx', grids)]), GENERATED), 'PL01 Tổng hợp');
    const traceCol = summary.cells.find((c) => c.value === 'Kiểm tra: trang đơn vị lệch')!.col;
    const checkRowNote = String(cellOf(summary, pos.lastDataRow + 1, traceCol)?.value);
    assert.ok(checkRowNote.split('; ').includes(`PL01 Cam An K: ${replaced.toLocaleString('vi-VN')}`), checkRowNote);
    // The summary adds the number the text stood for, and nothing for the text.
    assert.equal(cellOf(summary, ...at('nha_o', 'kp_2016'))?.result, 1143.3);
    assert.equal(cellOf(summary, ...at('giao_duc', 'kp_2018'))?.result, 0);
    // A figure the unit computed with its own formula (not a template total) is copied as its value.
    const own = sampleGrids('19603');
    put(own, 'PL01', 'giao_duc', 'kp_2016', { value: 12, formula: '10+2' });
    put(own, 'PL01', 'nha_o', 'kp_2016', { value: '1.234' });
    const ownSpec = specOf(districtSheets(plan([source('b.xlsx', own)]), GENERATED), 'PL01 Cam An');
    assert.equal(shown(ownSpec, ...at('giao_duc', 'kp_2016')), 12);
    // "1.234" with nothing showing the sheet's convention: kept as the text it is.
    assert.equal(shown(ownSpec, ...at('nha_o', 'kp_2016')), '1.234');
  });

  test('parts so large their sum overflows: the total is left blank, not Infinity', () => {
    const grids = sampleGrids('19603');
    for (const row of parts) put(grids, 'PL01', row, 'kp_2016', { value: 1e308 });
    put(grids, 'PL01', 'total', 'kp_2016', { value: 0, formula: 'SUM(C9:C30)' });
    const sheetSpec = specOf(districtSheets(plan([source('a.xlsx', grids)]), GENERATED), 'PL01 Cam An');
    // A message of our own: without one, a failing assert.ok re-reads this TypeScript file to quote the call, which took minutes.
    const total = shown(sheetSpec, ...at('total', 'kp_2016'));
    assert.ok(total === null || total === undefined, `the total shows ${String(total)}`);
  });

  test('the trace column names the unit sheet whose own figures break a checked sum, by how much', () => {
    const broken = sampleGrids('19603');
    const typed = parts.reduce((sum, row) => sum + (raw(broken, 'PL01', row, 'kp_2016') ?? 0), 0) + 5;
    put(broken, 'PL01', 'total', 'kp_2016', { value: typed });
    const p = plan([source('a.xlsx', broken), source('b.xlsx', sampleGrids('19606'))]);
    const summary = specOf(districtSheets(p, GENERATED), 'PL01 Tổng hợp');
    const traceHeader = summary.cells.find((c) => c.value === 'Kiểm tra: trang đơn vị lệch')!;
    assert.equal(traceHeader.row, pos.headerTop);
    const notes = summary.cells.filter((c) => c.col === traceHeader.col && c.style === 'traceNote').map((c) => [c.row, c.value]);
    const column = a1(0, pos.columns.get('kp_2016')!).replace(/\d+$/, '');
    // Tổng cộng against its rows, on the check row under the table; Tổng 2016-2018 against the
    // years, on the Tổng cộng row (the typed 2016 total is now 5 more than the years' parts).
    assert.deepEqual(notes.sort(), [[pos.lastDataRow + 1, `PL01 Cam An ${column}: 5`], [pos.rows.get('total')!, 'PL01 Cam An: -5']].sort());
    assert.equal(cellOf(summary, pos.lastDataRow + 1, pos.columns.get('kp_2016')!)?.result, 5);
    // The header cells under the trace header are part of its merged header.
    assert.ok(summary.merges.some((m) => m.left === traceHeader.col && m.top === pos.headerTop && m.bottom === pos.headerBottom), 'summary.merges.some((m) => m.left === traceHeader.col && m.top === pos.headerTop && m.bottom === pos.headerBottom)');
  });
});

describe('the trace column beside a summary\'s checks', () => {
  /** The trace column of a summary sheet: its header cell, and its notes by row. */
  function trace(summary: SheetSpec) {
    const header = summary.cells.find((c) => c.value === 'Kiểm tra: trang đơn vị lệch')!;
    const notes = new Map(summary.cells.filter((c) => c.col === header.col && c.style === 'traceNote').map((c) => [c.row, c.value]));
    return { header, notes };
  }
  const nv = templateOf('NV');
  const nvPos = canonicalPositions(nv);
  /** Sets a figure of a unit's NV sheet; returns what was there. */
  const setNv = (grids: Grid[], row: string, column: string, value: number | undefined) => {
    const before = raw(grids, 'NV', row, column)!;
    put(grids, 'NV', row, column, value === undefined ? undefined : { value });
    return before;
  };

  test('NV: each sheet whose own sum breaks is named on the check\'s row, with its difference in Vietnamese digits, several joined', () => {
    const an = sampleGrids('19603');
    const thuy = sampleGrids('19606');
    // Cam An typed its 2016 total 1 234,5 too high: the 2016 column no longer adds up (check row,
    // column C), nor does the total row across the years (the difference the other way).
    const parts2016 = ['chinh_sach', 'du_an', 'quy_vi_nguoi_ngheo', 'huy_dong_khac'].reduce((sum, row) => sum + raw(an, 'NV', row, 'nam_2016')!, 0);
    setNv(an, 'total', 'nam_2016', parts2016 + 1234.5);
    // Its "other" row has years but no total: the row misses their sum, the total column gains it.
    const years = ['nam_2016', 'nam_2017', 'nam_2018'].reduce((sum, column) => sum + raw(an, 'NV', 'huy_dong_khac', column)!, 0);
    setNv(an, 'huy_dong_khac', 'tong', undefined);
    // Cam Thủy's project row total is 2,0625 short of its years (all four decimals shown).
    const projectTotal = raw(thuy, 'NV', 'du_an', 'tong')!;
    setNv(thuy, 'du_an', 'tong', projectTotal - 2.0625);
    // Its fund row keeps its total with no year filled in; its "other" row lost its total and 2016.
    const [q16, q17, q18] = ['nam_2016', 'nam_2017', 'nam_2018'].map((column) => setNv(thuy, 'quy_vi_nguoi_ngheo', column, undefined));
    const fundTotal = raw(thuy, 'NV', 'quy_vi_nguoi_ngheo', 'tong')!;
    const otherTotal = setNv(thuy, 'huy_dong_khac', 'tong', undefined);
    const h16 = setNv(thuy, 'huy_dong_khac', 'nam_2016', undefined);
    const h1718 = raw(thuy, 'NV', 'huy_dong_khac', 'nam_2017')! + raw(thuy, 'NV', 'huy_dong_khac', 'nam_2018')!;
    const written = districtSheets(plan([source('an.xlsx', an), source('thuy.xlsx', thuy)]), GENERATED);
    const summary = specOf(written, 'Nguồn vốn Tổng hợp');
    const { header, notes } = trace(summary);
    const vi = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 6 });
    assert.equal(vi(1234.5), '1.234,5');
    assert.deepEqual([...notes].sort(), [
      [nvPos.rows.get('total')!, 'Nguồn vốn Cam An: -1.234,5'],
      [nvPos.rows.get('du_an')!, 'Nguồn vốn Cam Thủy: -2,0625'],
      [nvPos.rows.get('quy_vi_nguoi_ngheo')!, `Nguồn vốn Cam Thủy: ${vi(fundTotal)}`],
      [nvPos.rows.get('huy_dong_khac')!, `Nguồn vốn Cam An: ${vi(-years)}; Nguồn vốn Cam Thủy: ${vi(-h1718)}`],
      [nvPos.lastDataRow + 1, `Nguồn vốn Cam An C: 1.234,5; Nguồn vốn Cam Thủy C: ${vi(q16! + h16!)}; Nguồn vốn Cam Thủy D: ${vi(q17!)}; Nguồn vốn Cam Thủy E: ${vi(q18!)}; Nguồn vốn Cam An F: ${vi(years)}; Nguồn vốn Cam Thủy F: ${vi(2.0625 + otherTotal!)}`],
    ].sort());
    // One column right of the last check column; a one-row header: one cell, nothing merged.
    const checkHeaders = summary.cells.filter((c) => c.row === nvPos.headerTop && c.style === 'checkHeader' && c !== header);
    assert.ok(checkHeaders.length > 0, 'NV has check columns');
    assert.equal(header.col, Math.max(...checkHeaders.map((c) => c.col)) + 1);
    assert.deepEqual([header.row, header.style], [nvPos.headerTop, 'checkHeader']);
    assert.deepEqual(summary.merges.filter((m) => m.left <= header.col && m.right >= header.col), []);
    assert.deepEqual(summary.cells.filter((c) => c.col === header.col && c.row !== header.row && c.style !== 'traceNote').map((c) => c.row), []);
    assert.ok((summary.columnWidths[header.col] ?? 0) >= 20, `trace column width ${summary.columnWidths[header.col]}`);
  });

  test('PL02: a total that breaks three sums on its row is named once there; the header spans the three header rows', () => {
    const an = sampleGrids('19603');
    const typed = raw(an, 'PL02', 'du_an_1', 'von_tong')!;
    put(an, 'PL02', 'du_an_1', 'von_tong', { value: typed + 5 });
    const pos = canonicalPositions(templateOf('PL02'));
    const summary = specOf(districtSheets(plan([source('an.xlsx', an)]), GENERATED), 'PL02 Tổng hợp');
    const { header, notes } = trace(summary);
    // by kind of capital, by source and by year: the same 5 on the same row, said once; the
    // projects no longer add up to the total row's figure (column C).
    assert.deepEqual([...notes].sort(), [[pos.rows.get('du_an_1')!, 'PL02 Cam An: 5'], [pos.lastDataRow + 1, 'PL02 Cam An C: -5']].sort());
    assert.deepEqual([pos.headerTop, pos.headerBottom], [5, 7]);
    assert.ok(summary.merges.some((m) => m.left === header.col && m.right === header.col && m.top === 5 && m.bottom === 7), 'trace header merged over rows 6-8');
    assert.deepEqual(summary.cells.filter((c) => c.col === header.col && c.row > 5 && c.row <= 7).map((c) => [c.row, c.value, c.style]), [[6, null, 'checkHeader'], [7, null, 'checkHeader']]);
  });
});

describe('completeness, blockers and sheet names', () => {
  test('each unit\'s status, templates, errors and files; a department\'s unled annex is "—"; a held file is listed', () => {
    const cleanAn = commune('19603');
    const thanh = commune('19609');
    const unknown = commune('19603', unitLine(''), 'bao cao.xlsx');
    const p = plan([cleanAn, thanh, unknown, department('P-YTE')]);
    const status = (code: string) => [...p.completeness, ...p.departmentCompleteness].find((u) => u.unit.code === code)!;
    assert.deepEqual([status('19603').status, status('19603').templates, status('19603').files, status('19603').errors], ['received', ['PL01', 'PL02', 'NV'], [cleanAn.file], 0]);
    const thanhIssues = thanh.report.issues;
    assert.deepEqual([status('19609').status, status('19609').errors, status('19609').warnings], ['errors', thanhIssues.filter((i) => i.severity === 'error').length, thanhIssues.filter((i) => i.severity === 'warning').length]);
    assert.equal(status('19618').status, 'missing');
    assert.equal(status('P-YTE').status, 'received');
    assert.equal(status('P-GDDT').status, 'missing');
    const sheetSpec = specOf(districtSheets(p, GENERATED), 'Tình hình nộp');
    const rows = tableRows(sheetSpec);
    assert.deepEqual(rows[1], [2, '19600', 'Xã Cam Tuyền', 'Chưa nhận', '', '', '', 0, 0, '']);
    assert.deepEqual(rows[2], [3, '19603', 'Xã Cam An', 'Đã nhận', '✓', '✓', '✓', 0, 0, cleanAn.file]);
    assert.deepEqual(rows[4]!.slice(0, 4), [5, '19609', 'Xã Cam Thanh', 'Có lỗi']);
    assert.equal(sheetSpec.cells.find((c) => c.row === 4 + 4 && c.col === 3)!.style, 'statusError');
    assert.equal(sheetSpec.cells.find((c) => c.row === 4 + 2 && c.col === 3)!.style, 'text');
    assert.equal(rows[9]!.length, 0, 'a blank row before the departments');
    assert.match(String(rows[10]![2]), /^PHÒNG, BAN CẤP HUYỆN .*đã nhận 1\/9$/);
    const yte = rows.find((r) => r[1] === 'P-YTE')!;
    assert.deepEqual(yte.slice(3, 7), ['Đã nhận', '✓', '—', '—']);
    const gddt = rows.find((r) => r[1] === 'P-GDDT')!;
    assert.deepEqual(gddt.slice(3, 7), ['Chưa nhận', '', '—', '—']);
    assert.deepEqual(rows.at(-1), ['', '', `Chưa rõ đơn vị: ${reportersOf(config.units).map((u) => u.name).join(' / ')}`, 'Không gộp', '', '', '', '', '', 'bao cao.xlsx (PL01, PL02, Nguồn vốn)']);
    assert.equal(sheetSpec.cells.find((c) => c.row === 1)!.value, `Đã nhận 2/9 đơn vị. Tổng hợp lúc ${GENERATED}.`);
    assert.equal(sheetSpec.cells.find((c) => c.row === 0)!.value, 'TÌNH HÌNH NỘP BÁO CÁO - HUYỆN CAM LỘ');
  });

  test('blockers: a unit with errors (with its files), a file whose annexes are all unreadable; an unmapped table is never merged', () => {
    const thanh = commune('19609');
    const junk = source('rac.xlsx', [gridFromValues('Sheet1', [['TT', 'Chính sách', 'Năm 2016'], ['1', 'x', 'abc']])]);
    const p = plan([commune('19603'), thanh, junk]);
    const blockers = mergeBlockers(p);
    const errors = thanh.report.issues.filter((i) => i.severity === 'error');
    assert.ok(errors.length > 0, 'errors.length > 0');
    assert.deepEqual(blockers.filter((b) => b.unit).map((b) => [b.unit!.code, b.files, b.issues.length]), [['19609', [thanh.file], errors.length]]);
    const junkErrors = junk.report.issues.filter((i) => i.severity === 'error');
    assert.equal(junk.tables.length, 0);
    // No table found: always an error (locate/no-annex), so such a file always blocks.
    assert.deepEqual(junkErrors.map((i) => i.code), ['locate/no-annex']);
    assert.deepEqual(blockers.filter((b) => !b.unit).map((b) => [b.files, b.issues]), [[['rac.xlsx'], junkErrors]]);
    const log = tableRows(specOf(districtSheets(p, GENERATED), 'Nhật ký'));
    assert.deepEqual(log.at(-1)!.slice(1, 9), ['rac.xlsx', '', '', '', 'sha-rac.xlsx', junk.report.stats.errors, junk.report.stats.warnings, 'Không có phụ lục']);
  });

  test('errors on a sheet without a table belong to the unit the file names (or the one assigned)', () => {
    const withBroken = (file: string, edit: (grids: Grid[]) => void = () => {}) =>
      commune('19603', (grids) => {
        edit(grids);
        grids.push({ ...gridFromValues('Hỏng', []), unreadable: true });
      }, file);
    const named = withBroken('a.xlsx');
    const broken = named.report.issues.filter((i) => i.sheet === 'Hỏng');
    assert.deepEqual(broken.map((i) => i.severity), ['error']);
    const p = plan([named]);
    assert.deepEqual(p.unitErrors.get('19603'), broken);
    assert.equal(p.completeness.find((u) => u.unit.code === '19603')!.status, 'errors');
    assert.deepEqual(mergeBlockers(p).map((b) => [b.unit?.code, b.files]), [['19603', ['a.xlsx']]]);
    // The file says nothing certain; the user names Cam Tuyền: the errors are Cam Tuyền's.
    const assigned = plan([withBroken('b.xlsx', unitLine(''))], { assign: new Map([['b.xlsx', '19600']]) });
    assert.deepEqual(assigned.unitErrors.get('19600')?.map((i) => [i.sheet, i.code]), [['Hỏng', 'locate/sheet-unreadable']]);
    assert.equal(assigned.unitErrors.has('19603'), false);
  });

  test('a table whose columns do not map onto the template is never merged, and its errors stop the merge', () => {
    const p = plan([commune('19603', (grids) => (sheet(grids, 'PL01').cells[6]![2] = { value: 'Số người' }))]);
    assert.deepEqual(p.submissions.map((s) => s.template.id), ['PL02', 'NV']);
    assert.deepEqual(p.skipped.map((s) => [s.sheet, s.reason, s.detail]), [['PL01', 'unmapped', 'Xã Cam An']]);
    const errors = p.unitErrors.get('19603')!;
    assert.ok(errors.length > 0 && errors.every((i) => i.sheet === 'PL01' && i.severity === 'error'), 'errors.length > 0 && errors.every((i) => i.sheet === \'PL01\' && i.severity === \'error\')');
    assert.equal(p.completeness.find((u) => u.unit.code === '19603')!.status, 'errors');
    assert.deepEqual(p.completeness.find((u) => u.unit.code === '19603')!.templates, ['PL02', 'NV']);
    // Its errors are counted once, beside the merged sheets' own (a negative figure on PL02).
    const both = commune('19603', (grids) => {
      sheet(grids, 'PL01').cells[6]![2] = { value: 'Số người' };
      put(grids, 'PL02', 'da1_sinh_ke', 'von_nstw', { value: -5 });
    });
    const all = both.report.issues.filter((i) => i.severity === 'error');
    assert.ok(all.some((i) => i.sheet === 'PL02') && all.some((i) => i.sheet === 'PL01'), 'all.some((i) => i.sheet === \'PL02\') && all.some((i) => i.sheet === \'PL01\')');
    assert.equal(plan([both]).unitErrors.get('19603')!.length, all.length);
    // Nothing merged but errors: the unit has errors, it is not missing.
    const only = plan([source('a.xlsx', [sheet(sampleGrids('19603'), 'PL01')].map((g) => ((g.cells[6]![2] = { value: 'Số người' }), g)))]);
    assert.equal(only.submissions.length, 0);
    assert.equal(only.completeness.find((u) => u.unit.code === '19603')!.status, 'errors');
    const log = tableRows(specOf(districtSheets(p, GENERATED), 'Nhật ký'));
    assert.deepEqual(log.at(-1)!.slice(1, 5).concat(log.at(-1)![8]), [sampleFile('19603').fileName, 'Xã Cam An', 'PL01', 'PL01', 'Cột không khớp mẫu: không gộp']);
  });

  test('safe sheet names: no forbidden characters, at most 31, unique whatever the case', () => {
    const taken = new Set<string>();
    assert.equal(safeSheetName('a:b\\c/d?e*f[g]h', taken), 'a-b-c-d-e-f-g-h');
    assert.equal(safeSheetName("'quoted'", taken), 'quoted');
    // Excel refuses a sheet name that begins or ends with an apostrophe; one inside is fine.
    assert.equal(safeSheetName("''Cam'An''", taken), "Cam'An");
    assert.equal(safeSheetName('', taken), 'Sheet');
    assert.equal(safeSheetName("''", taken), 'Sheet 2');
    const long = 'Phụ lục 02 Phòng Nông nghiệp và PTNT';
    assert.equal(safeSheetName(long, taken), long.slice(0, 31).trim());
    assert.equal(safeSheetName(long, taken), `${long.slice(0, 29)} 2`);
    assert.equal(safeSheetName('A-B-C-D-E-F-G-H', taken), 'A-B-C-D-E-F-G-H 2');
    assert.equal(safeSheetName('Cam Thủy'.normalize('NFD'), taken), 'Cam Thủy');
    assert.equal(safeSheetName('Cam Thủy', taken), 'Cam Thủy 2');
    for (let i = 3; i <= 10; i++) assert.equal(safeSheetName('x'.repeat(40), taken), i === 3 ? 'x'.repeat(31) : `${'x'.repeat(31 - String(i - 2).length - 1)} ${i - 2}`);
  });
});

describe('the completeness and log sheets, every row as the official reads it', () => {
  const TIME = '09:30 ngày 20/07/2018'; // READ_AT on Vietnam's clock
  const NAMES = reportersOf(config.units).map((u) => u.name).join(' / ');
  const file = (code: string) => sampleFile(code).fileName;

  test('the completeness sheet: one row per commune, then the departments, then the files held back', () => {
    const thanh = commune('19609');
    const health = department('P-YTE');
    const p = plan([commune('19603'), thanh, commune('19606', () => {}, 'thuy 1.xlsx'), commune('19606', () => {}, 'thuy 2.xlsx'), health, commune('19603', unitLine(''), 'bao cao.xlsx'), commune('19609', unitLine('Đơn vị báo cáo: xa cam thanh'), 'thanh.xlsx')]);
    const errorsOf = (s: MergeSource) => s.report.issues.filter((i) => i.severity === 'error').length;
    const warningsOf = (s: MergeSource) => s.report.issues.filter((i) => i.severity === 'warning').length;
    assert.ok(errorsOf(thanh) > 0 && warningsOf(thanh) > 0, 'Cam Thanh\'s sample has errors and warnings');
    const spec = specOf(districtSheets(p, GENERATED), 'Tình hình nộp');
    const missing = (n: number, code: string, name: string) => [n, code, name, 'Chưa nhận', '', '', '', 0, 0, ''];
    const rows = tableRows(spec);
    assert.deepEqual(rows, [
      missing(1, '19597', 'Thị trấn Cam Lộ'),
      missing(2, '19600', 'Xã Cam Tuyền'),
      [3, '19603', 'Xã Cam An', 'Đã nhận', '✓', '✓', '✓', 0, 0, file('19603')],
      [4, '19606', 'Xã Cam Thủy', 'Trùng tệp', '', '', '', 0, 0, 'thuy 1.xlsx; thuy 2.xlsx'],
      [5, '19609', 'Xã Cam Thanh', 'Có lỗi', '✓', '✓', '✓', errorsOf(thanh), warningsOf(thanh), file('19609')],
      missing(6, '19612', 'Xã Cam Thành'),
      missing(7, '19615', 'Xã Cam Hiếu'),
      missing(8, '19618', 'Xã Cam Chính'),
      missing(9, '19621', 'Xã Cam Nghĩa'),
      [],
      ['', '', 'PHÒNG, BAN CẤP HUYỆN (số toàn huyện, chỉ các dòng chủ trì; "—": không chủ trì biểu này): đã nhận 1/9'],
      // A department's annex it leads no row of is "—", not missing.
      [1, 'P-LDTBXH', 'Phòng Lao động - Thương binh và Xã hội', 'Chưa nhận', '', '', '—', 0, 0, ''],
      [2, 'P-YTE', 'Phòng Y tế', 'Đã nhận', '✓', '—', '—', errorsOf(health), warningsOf(health), health.file],
      [3, 'P-GDDT', 'Phòng Giáo dục và Đào tạo', 'Chưa nhận', '', '—', '—', 0, 0, ''],
      [4, 'P-KTHT', 'Phòng Kinh tế và Hạ tầng', 'Chưa nhận', '', '—', '—', 0, 0, ''],
      [5, 'P-TP', 'Phòng Tư pháp', 'Chưa nhận', '', '—', '—', 0, 0, ''],
      [6, 'NHCSXH', 'Phòng giao dịch Ngân hàng Chính sách xã hội huyện', 'Chưa nhận', '', '—', '', 0, 0, ''],
      [7, 'P-NNPTNT', 'Phòng Nông nghiệp và Phát triển nông thôn', 'Chưa nhận', '—', '', '—', 0, 0, ''],
      [8, 'P-VHTT', 'Phòng Văn hóa và Thông tin', 'Chưa nhận', '—', '', '—', 0, 0, ''],
      [9, 'MTTQ', 'Ủy ban Mặt trận Tổ quốc Việt Nam huyện', 'Chưa nhận', '—', '—', '', 0, 0, ''],
      ['', '', `Chưa rõ đơn vị: ${NAMES}`, 'Không gộp', '', '', '', '', '', 'bao cao.xlsx (PL01, PL02, Nguồn vốn)'],
      ['', '', 'Chưa rõ đơn vị: Xã Cam Thanh / Xã Cam Thành', 'Không gộp', '', '', '', '', '', 'thanh.xlsx (PL01, PL02, Nguồn vốn)'],
    ]);
    const at = (row: number, col: number) => spec.cells.find((c) => c.row === row && c.col === col);
    assert.deepEqual([at(0, 0)?.value, at(0, 0)?.style], ['TÌNH HÌNH NỘP BÁO CÁO - HUYỆN CAM LỘ', 'plainBold']);
    // Received: every commune not missing (a disputed one and one with errors too).
    assert.deepEqual([at(1, 0)?.value, at(1, 0)?.style], [`Đã nhận 3/9 đơn vị. Tổng hợp lúc ${GENERATED}.`, 'note']);
    assert.deepEqual(spec.cells.filter((c) => c.row === 3).map((c) => [c.col, c.value, c.style]), ['STT', 'Mã', 'Đơn vị', 'Trạng thái', 'PL01', 'PL02', 'Nguồn vốn', 'Số lỗi', 'Số cảnh báo', 'Tệp nguồn'].map((h, i) => [i, h, 'header']));
    assert.equal(spec.cells.filter((c) => c.row === 2).length, 0);
    // Only Cam Thanh's status stands out; figures are counts, everything else text.
    for (const cell of spec.cells.filter((c) => c.row >= 4)) {
      const expected = cell.row === 4 + 4 && cell.col === 3 ? 'statusError' : typeof cell.value === 'number' ? 'count' : 'text';
      assert.equal(cell.style, expected, `${cell.row}/${cell.col} ${String(cell.value)}`);
    }
    // Each column has its width; the header row stays in view and is printed on every page.
    assert.equal(spec.columnWidths.length, 10);
    assert.ok(spec.columnWidths.every((w) => w > 0), 'spec.columnWidths.every((w) => w > 0)');
    assert.deepEqual([spec.freeze, spec.printTitleRows, spec.landscape, [...spec.rowHeights]], [{ rows: 4, columns: 0 }, { from: 3, to: 3 }, true, [[3, 30]]]);
    assert.deepEqual(spec.merges, []);
  });

  test('a district with no departments: only its communes, no departments\' part', () => {
    const gioLinh = { templates: config.templates, units: parseUnitList(gioLinhUnitList(), 'gio-linh.json') };
    const spec = specOf(districtSheets(planMerge([], gioLinh), GENERATED), 'Tình hình nộp');
    assert.deepEqual(tableRows(spec), [
      [1, '19300', 'Thị trấn Gio Linh', 'Chưa nhận', '', '', '', 0, 0, ''],
      [2, '19303', 'Xã Gio An', 'Chưa nhận', '', '', '', 0, 0, ''],
    ]);
    assert.deepEqual(spec.cells.filter((c) => c.row < 2).map((c) => c.value), ['TÌNH HÌNH NỘP BÁO CÁO - HUYỆN GIO LINH', `Đã nhận 0/2 đơn vị. Tổng hợp lúc ${GENERATED}.`]);
  });

  test('the log sheet: every sheet merged, kept, replaced or left out, each with its origin and why', () => {
    const firstGrids = districtSheets(plan([commune('19603'), commune('19606')]), GENERATED).sheets.map(specToGrid);
    // Its unit sheets' names came back in NFD (as a Mac may save them): still found in its log.
    for (const grid of firstGrids) if (/Cam (An|Thủy)$/.test(grid.name)) grid.name = grid.name.normalize('NFD');
    const earlier = source('tong hop.xlsx', firstGrids, { origins: readOrigins(firstGrids) });
    const fresh = commune('19603', () => {}, 'an moi.xlsx');
    const assigned = commune('19600', unitLine(''), 'tuyen.xlsx');
    const unknown = commune('19603', unitLine(''), 'khong ro.xlsx');
    const ambiguous = commune('19609', unitLine('Đơn vị báo cáo: xa cam thanh'), 'thanh.xlsx');
    const hidden = commune('19615', (grids) => (sheet(grids, 'PL02').hidden = 'hidden'));
    const district = commune('19603', unitLine('Đơn vị báo cáo: Huyện Cam Lộ'), 'huyen.xlsx');
    const unmapped = commune('19612', (grids) => (sheet(grids, 'PL01').cells[6]![2] = { value: 'Số người' }));
    const nghia1 = commune('19621', () => {}, 'nghia 1.xlsx');
    const nghia2 = commune('19621', () => {}, 'nghia 2.xlsx');
    const junk = source('rac.xlsx', [gridFromValues('Sheet1', [['ghi chú']])]);
    const p = plan([earlier, fresh, assigned, unknown, ambiguous, hidden, district, unmapped, nghia1, nghia2, junk], { assign: new Map([['tuyen.xlsx', '19600']]), prefer: new Set(['nghia 2.xlsx']) });
    const spec = specOf(districtSheets(p, GENERATED), 'Nhật ký');
    const SHEETS = [['PL01', 'PL01'], ['PL02', 'PL02'], ['Nguồn vốn', 'NV']] as const;
    const three = (row: (sheet: string, template: string) => unknown[]) => SHEETS.map(([s, t]) => row(s, t));
    const MERGED = 'Đã gộp';
    // Errors and warnings of that sheet, as the file's own report counts them.
    const own = (s: MergeSource, sheetName: string) => [s.report.issues.filter((i) => i.sheet === sheetName && i.severity === 'error').length, s.report.issues.filter((i) => i.sheet === sheetName && i.severity === 'warning').length];
    const expected = [
      // Merged: the communes in the list's order, each annex in the templates' order.
      ...three((s, t) => [TIME, 'tuyen.xlsx', 'Xã Cam Tuyền', s, t, 'sha-tuyen.xlsx', ...own(assigned, s), 'Đã gộp; đơn vị do người dùng chỉ định', `${s} Cam Tuyền`]),
      ...three((s, t) => [TIME, 'an moi.xlsx', 'Xã Cam An', s, t, 'sha-an moi.xlsx', ...own(fresh, s), `${MERGED}; thay trang "${s} Cam An" của sổ "tong hop.xlsx"`, `${s} Cam An`]),
      // Kept from the earlier merge: still the file, sheet, hash and time it first came with.
      ...three((s, t) => [TIME, file('19606'), 'Xã Cam Thủy', s, t, `sha-${file('19606')}`, ...own(earlier, `${s} Cam Thủy`.normalize('NFD')), 'Giữ từ lần gộp trước (sổ "tong hop.xlsx")', `${s} Cam Thủy`]),
      [TIME, file('19612'), 'Xã Cam Thành', 'PL02', 'PL02', `sha-${file('19612')}`, ...own(unmapped, 'PL02'), MERGED, 'PL02 Cam Thành'],
      [TIME, file('19612'), 'Xã Cam Thành', 'Nguồn vốn', 'NV', `sha-${file('19612')}`, ...own(unmapped, 'Nguồn vốn'), MERGED, 'Nguồn vốn Cam Thành'],
      [TIME, file('19615'), 'Xã Cam Hiếu', 'PL01', 'PL01', `sha-${file('19615')}`, ...own(hidden, 'PL01'), MERGED, 'PL01 Cam Hiếu'],
      [TIME, file('19615'), 'Xã Cam Hiếu', 'Nguồn vốn', 'NV', `sha-${file('19615')}`, ...own(hidden, 'Nguồn vốn'), MERGED, 'Nguồn vốn Cam Hiếu'],
      ...three((s, t) => [TIME, 'nghia 2.xlsx', 'Xã Cam Nghĩa', s, t, 'sha-nghia 2.xlsx', ...own(nghia2, s), MERGED, `${s} Cam Nghĩa`]),
      // Then what was left out, file by file, in the order given.
      ...three((s, t) => [TIME, file('19603'), 'Xã Cam An', s, t, `sha-${file('19603')}`, ...own(earlier, `${s} Cam An`.normalize('NFD')), 'Đã thay bằng tệp an moi.xlsx', `${s} Cam An`]),
      ...three((s, t) => [TIME, 'khong ro.xlsx', '', s, t, 'sha-khong ro.xlsx', ...own(unknown, s), 'Không xác định được đơn vị: không gộp', '']),
      ...three((s, t) => [TIME, 'thanh.xlsx', 'xa cam thanh', s, t, 'sha-thanh.xlsx', ...own(ambiguous, s), 'Chưa rõ đơn vị (Xã Cam Thanh / Xã Cam Thành): không gộp', '']),
      [TIME, file('19615'), '', 'PL02', '', `sha-${file('19615')}`, 0, 1, 'Trang ẩn: không đọc, không gộp', ''],
      // A file of district sheets reads as a district workbook: its sheets are named as in it.
      ...three((s, t) => [TIME, 'huyen.xlsx', 'Huyện Cam Lộ', s, t, 'sha-huyen.xlsx', ...own(district, s), 'Trang của cả huyện, không phải của một xã hay phòng, ban: không gộp', s]),
      [TIME, file('19612'), 'Xã Cam Thành', 'PL01', 'PL01', `sha-${file('19612')}`, ...own(unmapped, 'PL01'), 'Cột không khớp mẫu: không gộp', ''],
      ...three((s, t) => [TIME, 'nghia 1.xlsx', 'Xã Cam Nghĩa', s, t, 'sha-nghia 1.xlsx', ...own(nghia1, s), 'Trùng đơn vị, đã chọn tệp nghia 2.xlsx: không dùng', '']),
      [TIME, 'rac.xlsx', '', '', '', 'sha-rac.xlsx', 1, 0, 'Không có phụ lục', ''],
    ];
    // Row by row: a failing deepEqual over the whole sheet takes minutes to print its diff.
    const rows = tableRows(spec);
    expected.forEach((row, i) => assert.deepEqual(rows[i], row, `log row ${i + 1}`));
    assert.equal(rows.length, expected.length);
    const at = (row: number, col: number) => spec.cells.find((c) => c.row === row && c.col === col);
    assert.deepEqual([at(0, 0)?.value, at(1, 0)?.value], ['NHẬT KÝ TỔNG HỢP', `Tạo lúc ${GENERATED} bởi GNBV. Mỗi trang đơn vị giữ tên tệp gốc, SHA-256 và thời gian nhận qua mọi lần gộp lại.`]);
    assert.deepEqual(spec.cells.filter((c) => c.row === 3).map((c) => c.value), [...LOG_HEADERS]);
    assert.equal(spec.columnWidths.length, LOG_HEADERS.length);
  });
});
