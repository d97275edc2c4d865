// Issue params are typed per code (src/engine/issues.ts ISSUE_PARAMS): a wrong or missing key at
// an emit site or in a message catalogue does not compile (the @ts-expect-error lines below are
// checked by `tsc --noEmit` in `npm test`: if one of them compiled, tsc would fail on the unused
// directive), and every issue the engine emits parses against its code's strict schema.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ISSUE_CODES, issueSchema, type Issue, type IssueCode, type RawIssue } from '../src/engine/issues.js';
import { CATALOGUES, type MessageFactsOf } from '../src/engine/messages.js';
import { departmentSampleWorkbooks } from '../src/engine/sample.js';
import { specToGrid } from '../src/engine/spec-grid.js';
import { canonicalPositions } from '../src/engine/render.js';
import { checkWorkbook } from '../src/engine/workbook.js';
import { gridFromValues, type Grid } from '../src/engine/grid.js';
import { engineConfig, getNumber, sampleFiles, sampleGrids, setCell, templateOf } from './support/factories.js';

test('a misspelt, missing or mistyped param does not compile, at an emit site or in a message', () => {
  const emitted: RawIssue[] = [];
  const emit = (issue: RawIssue) => emitted.push(issue);
  // Never called: these lines are here for tsc only.
  const compileOnly = () => {
    // @ts-expect-error misspelt key ("diference")
    emit({ code: 'sum/rows', actual: 2, expected: 1, params: { parts: 2, partCells: 'C1 + C2', diference: 1 } });
    // @ts-expect-error a key the code does not declare
    emit({ code: 'trend/jump', params: { factor: 10, previousCell: 'C13', ratio: 3 } });
    // @ts-expect-error params missing on a code that declares them
    emit({ code: 'cross/mismatch', cell: 'D12' });
    // @ts-expect-error a required key missing
    emit({ code: 'magnitude/money', params: { limit: 1, unitKindVi: 'xã', unitKindEn: 'commune' } });
    // @ts-expect-error params on a code that has none
    emit({ code: 'cell/blank', params: { length: 1 } });
    // @ts-expect-error a value outside its type
    emit({ code: 'sheet/hidden', params: { state: 'shown' } });
    // @ts-expect-error a message reading a key its code does not have
    const misspelt = (i: MessageFactsOf<'sum/rows'>) => `${i.params.diference}`;
    const catalogue: typeof CATALOGUES.vi = {
      ...CATALOGUES.vi,
      // @ts-expect-error a catalogue entry reading another code's key
      'trend/jump': (i) => `${i.params.otherCell}`,
    };
    return [misspelt, catalogue];
  };
  assert.equal(typeof compileOnly, 'function');
  assert.deepEqual(emitted, []);
});

/** Every issue parses against its code's schema; returns the codes seen. */
function parseAll(issues: readonly Issue[], where: string): Set<IssueCode> {
  for (const issue of issues) {
    const parsed = issueSchema.safeParse(issue);
    assert.ok(parsed.success, `${where} ${issue.sheet}!${issue.cell ?? ''} ${issue.code}: ${parsed.error?.message}\n${JSON.stringify(issue)}`);
    // A round trip through JSON (the --json output, the pane) keeps it valid and unchanged.
    assert.deepEqual(issueSchema.parse(JSON.parse(JSON.stringify(issue))), JSON.parse(JSON.stringify(issue)));
  }
  return new Set(issues.map((i) => i.code));
}

const check = (grids: Grid[], file = 'Xa Cam An.xlsx') => checkWorkbook({ file, grids }, engineConfig()).report.issues;

/** Cam An's clean sheets with one change each: every code the engine can emit, from real figures. */
function hostileWorkbooks(): Array<[string, Grid[]]> {
  const cases: Array<[string, (grids: Grid[]) => Grid[] | void]> = [];
  const at = (name: string, edit: (grids: Grid[]) => Grid[] | void) => cases.push([name, edit]);
  const pl01 = canonicalPositions(templateOf('PL01'));
  const sheet = (grids: Grid[], id: string) => grids.find((g) => g.name === templateOf(id).sheetName)!;
  const put = (grid: Grid, row: number, col: number, value: string | number) => ((grid.cells[row] ??= [])[col] = { value });

  at('cell values', (g) => {
    setCell(g, 'PL01', 'giao_duc', 'kp_2016', 'chưa có');
    setCell(g, 'PL01', 'giao_duc', 'kp_2017', '12,5');
    setCell(g, 'PL01', 'giao_duc', 'nguoi_2016', '1.234');
    setCell(g, 'PL02', 'da1_sinh_ke', 'mo_hinh', -1);
    setCell(g, 'PL01', 'giao_duc', 'xa_2016', 0.5);
    setCell(g, 'PL01', 'giao_duc', 'xa_2017', null);
    setCell(g, 'PL01', 'tin_dung', 'kp_2016', Number.NaN);
    setCell(g, 'PL01', 'tin_dung', 'kp_2017', 'x'.repeat(40_000));
    const grid = sheet(g, 'PL01');
    grid.cells[pl01.rows.get('tin_dung')!]![pl01.columns.get('kp_2018')!] = { value: null, error: '#REF!' };
  });
  at('sums and bounds', (g) => {
    setCell(g, 'PL01', 'tin_dung', 'nguoi_2017', getNumber(g, 'PL01', 'tin_dung', 'nguoi_2017') + 1);
    setCell(g, 'PL01', 'giao_duc', 'kp_2016', getNumber(g, 'PL01', 'giao_duc', 'kp_2016') + 1);
    setCell(g, 'PL02', 'da2_thong_tin', 'von_dtpt', getNumber(g, 'PL02', 'da2_thong_tin', 'von_dtpt') + 1);
  });
  at('bounds', (g) => {
    const total = getNumber(g, 'PL02', 'da1_sinh_ke', 'ho_tong');
    setCell(g, 'PL02', 'da1_sinh_ke', 'ho_dtts', total + 1);
    setCell(g, 'PL02', 'da1_sinh_ke', 'ho_thoat_ngheo', total);
    setCell(g, 'NV', 'cs_nhcsxh', 'nam_2017', getNumber(g, 'NV', 'chinh_sach', 'nam_2017') + 5);
    setCell(g, 'PL01', 'giao_duc', 'ho_2018', getNumber(g, 'PL01', 'giao_duc', 'nguoi_2018') + 1);
    setCell(g, 'PL01', 'yte_bhyt_ngheo', 'xa_2016', 2);
  });
  at('cross-sheet, trend and magnitude', (g) => {
    setCell(g, 'PL02', 'total', 'von_dtpt', getNumber(g, 'PL02', 'total', 'von_dtpt') + 1);
    setCell(g, 'PL01', 'yte_bhyt_ngheo', 'nguoi_2017', getNumber(g, 'PL01', 'yte_bhyt_ngheo', 'nguoi_2016') * 10);
    setCell(g, 'PL01', 'giao_duc', 'kp_2018', 635_500_000);
    setCell(g, 'PL01', 'giao_duc', 'nguoi_2018', 9_000_000);
  });
  at('a missing annex', (g) => g.filter((grid) => grid.name !== templateOf('PL02').sheetName));
  at('rows and columns out of place', (g) => {
    const grid = sheet(g, 'PL01');
    const first = pl01.rows.get('giao_duc')!;
    put(grid, first, pl01.labelColumn, 'Dòng không có trong mẫu');
    put(grid, pl01.rows.get('tin_dung')!, pl01.labelColumn, String(grid.cells[pl01.rows.get('yte_bhyt_ngheo')!]![pl01.labelColumn]!.value));
    const width = Math.max(...grid.cells.map((r) => r?.length ?? 0));
    put(grid, pl01.headerTop, width, 'Cột lạ');
    put(grid, first + 1, width, 5);
  });
  at('a column header typed twice', (g) => {
    const grid = sheet(g, 'PL01');
    const top = grid.cells[pl01.headerTop]!;
    const years = top.map((c, i) => [String(c?.value ?? ''), i] as const).filter(([text]) => /2017/.test(text));
    const [, from] = years[0]!;
    const [text] = years[0]!;
    put(grid, pl01.headerTop, from, text.replace('2017', '2016'));
  });
  at('a column header mistyped', (g) => {
    const grid = sheet(g, 'PL01');
    const top = grid.cells[pl01.headerTop]!;
    const index = top.findIndex((c) => /2017/.test(String(c?.value ?? '')));
    put(grid, pl01.headerTop, index, String(top[index]!.value).replace('2017', '2071'));
  });
  at('damaged, hidden, oversized and unrecognised sheets', (g) => [
    ...g,
    { name: 'Ẩn', cells: [], merges: [], hidden: 'hidden' },
    { name: 'Rất ẩn', cells: [], merges: [], hidden: 'veryHidden' },
    { name: 'Hỏng', cells: [], merges: [], unreadable: true },
    { name: 'Lớn', cells: Array.from({ length: 20_001 }, (_, r) => (r % 1000 === 0 ? [{ value: r }] : undefined)), merges: [] },
  ]);
  at('an annex sheet without its table', (g) => [...g.filter((grid) => grid.name !== templateOf('PL02').sheetName), gridFromValues(templateOf('PL02').sheetName, [['Phụ lục 02'], ['Không có bảng']])]);
  return cases.map(([name, edit]) => {
    const grids = sampleGrids('19603');
    return [name, edit(grids) ?? grids];
  });
}

test('every issue the engine emits parses against its code\'s schema, and every code is emitted at least once', () => {
  const seen = new Set<IssueCode>();
  const add = (codes: Set<IssueCode>) => codes.forEach((code) => seen.add(code));
  for (const sample of sampleFiles()) add(parseAll(check(sample.sheets.map(specToGrid), sample.fileName), sample.fileName));
  for (const sample of departmentSampleWorkbooks(engineConfig())) {
    const grids = sample.sheets.map(specToGrid);
    add(parseAll(check(grids, sample.fileName), sample.fileName));
    // A department's figure on a row it does not lead.
    const grid = grids[0]!;
    const template = engineConfig().templates.find((t) => t.sheetName === grid.name)!;
    const positions = canonicalPositions(template);
    const column = template.columns.find((c) => c.measure !== 'text')!;
    for (const row of template.rows) {
      const r = positions.rows.get(row.key)!;
      const c = positions.columns.get(column.key)!;
      if (grid.cells[r]?.[c] === undefined) ((grid.cells[r] ??= [])[c] = { value: 1 });
    }
    add(parseAll(check(grids, sample.fileName), `${sample.fileName} (unled rows filled)`));
  }
  add(parseAll(check([gridFromValues('Sheet1', [['Báo cáo'], ['không có bảng nào']])], 'trống.xlsx'), 'no annex'));
  for (const [name, grids] of hostileWorkbooks()) add(parseAll(check(grids), name));
  const missing = (Object.keys(ISSUE_CODES) as IssueCode[]).filter((code) => !seen.has(code));
  assert.deepEqual(missing, []);
});
