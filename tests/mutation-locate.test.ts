// The locator at its edges, on a small template and sheets written here cell by cell, so every
// expected position is read off the sheet by hand: where a header may be, how far down a table
// goes, which rows and columns are data, and what is reported instead of dropped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gridFromValues, type CellValue, type Grid } from '../src/engine/grid.js';
import { hasMappingErrors, locateTable } from '../src/engine/locate.js';
import type { LocatedTable } from '../src/engine/table.js';
import { parseTemplate, type TemplateDef } from '../src/engine/template.js';

const base = {
  annex: 'Phụ lục thử',
  subtitle: undefined,
  sheetName: 'T1',
  unitOfMeasure: 'triệu đồng',
  ttHeader: ['TT'],
  labelHeader: ['Nội dung'],
  rules: [],
};
const T1: TemplateDef = parseTemplate(
  {
    ...base,
    id: 'T1',
    title: 'Bảng thử nghiệm một',
    anchors: ['bảng thử nghiệm một'],
    headerRows: 2,
    columns: [
      { key: 'kp_2016', header: ['Năm 2016', 'Kinh phí'], measure: 'money' },
      { key: 'ng_2016', header: ['Năm 2016', 'Số người'], measure: 'persons' },
      { key: 'kp_2017', header: ['Năm 2017', 'Kinh phí'], aliases: [['2017', 'Vốn']], measure: 'money' },
      { key: 'ghi_chu', header: ['Ghi chú'], measure: 'text' },
    ],
    rows: [
      { key: 'tong', tt: '', label: 'Tổng cộng', kind: 'total' },
      { key: 'y_te', tt: '1', label: 'Hỗ trợ bảo hiểm y tế', aliases: ['Cấp thẻ BHYT'], parent: 'tong', kind: 'item' },
      { key: 'y_te_nu', tt: '-', label: 'Trong đó: nữ', parent: 'y_te', kind: 'ofWhich' },
      { key: 'giao_duc', tt: '2', label: 'Hỗ trợ giáo dục', parent: 'tong', kind: 'item' },
      { key: 'giao_duc_nu', tt: '-', label: 'Trong đó: nữ', parent: 'giao_duc', kind: 'ofWhich' },
      { key: 'nha_o', tt: '3', label: 'Hỗ trợ nhà ở', parent: 'tong', kind: 'item' },
    ],
  },
  't1.json',
);

const HEADER: CellValue[][] = [
  ['TT', 'Nội dung', 'Năm 2016', null, 'Năm 2017', 'Ghi chú'],
  [null, null, 'Kinh phí', 'Số người', 'Kinh phí', null],
];
const BODY: CellValue[][] = [
  ['', 'Tổng cộng', 30, 6, 9, null],
  ['1', 'Hỗ trợ bảo hiểm y tế', 10, 2, 3, null],
  ['-', 'Trong đó: nữ', 4, 1, 1, null],
  ['2', 'Hỗ trợ giáo dục', 10, 2, 3, null],
  ['-', 'Trong đó: nữ', 5, 1, 2, null],
  ['3', 'Hỗ trợ nhà ở', 10, 2, 3, 'xong'],
];
const ABOVE: CellValue[][] = [['Phụ lục thử'], ['Bảng thử nghiệm một'], ['Đơn vị báo cáo: Xã Cam An']];

/** The sheet: title lines, the two header rows (TT, Nội dung, Ghi chú merged down; Năm 2016 across), the body. */
function sheet(options: { above?: CellValue[][]; header?: CellValue[][]; body?: CellValue[][]; left?: number; merges?: boolean } = {}): Grid {
  const above = options.above ?? ABOVE;
  const left = options.left ?? 0;
  const pad = (rows: CellValue[][]) => rows.map((row) => [...Array<CellValue>(left).fill(null), ...row]);
  const top = above.length;
  const merges =
    options.merges === false
      ? []
      : [
          { top, left, bottom: top + 1, right: left },
          { top, left: left + 1, bottom: top + 1, right: left + 1 },
          { top, left: left + 2, bottom: top, right: left + 3 },
          { top, left: left + 5, bottom: top + 1, right: left + 5 },
        ];
  return gridFromValues('T1', [...above, ...pad(options.header ?? HEADER), ...pad(options.body ?? BODY)], merges);
}

const located = (grid: Grid, templates: TemplateDef[] = [T1]): LocatedTable => {
  const table = locateTable(grid, templates);
  assert.ok(table, 'table found');
  return table;
};
const codes = (table: LocatedTable) => table.issues.map((i) => `${i.code}${i.cell ? ` ${i.cell}` : ''}${i.row ? ` ${i.row}` : ''}${i.column ? ` ${i.column}` : ''}`);

test('maps every row and column to the cell it is in', () => {
  const table = located(sheet());
  assert.deepEqual(Object.fromEntries(table.rows), { tong: 5, y_te: 6, y_te_nu: 7, giao_duc: 8, giao_duc_nu: 9, nha_o: 10 });
  assert.deepEqual(Object.fromEntries(table.columns), { kp_2016: 2, ng_2016: 3, kp_2017: 4, ghi_chu: 5 });
  assert.deepEqual([table.ttColumn, table.labelColumn, table.headerTop, table.headerBottom], [0, 1, 3, 4]);
  assert.equal(table.unitText, 'Xã Cam An');
  assert.equal(table.convention, undefined);
  assert.deepEqual(codes(table), []);
  assert.equal(hasMappingErrors(table), false);
});

test('without merges the header is as many rows deep as the template says', () => {
  const table = located(sheet({ merges: false }));
  assert.equal(table.headerBottom, 4);
  assert.deepEqual(Object.fromEntries(table.columns), { kp_2016: 2, ng_2016: 3, kp_2017: 4, ghi_chu: 5 });
  assert.deepEqual(codes(table), []);
});

test('a header is looked for in the first 60 rows and 30 columns only', () => {
  const filler = (n: number) => Array.from({ length: n }, () => [null] as CellValue[]);
  assert.equal(located(sheet({ above: filler(59) })).headerTop, 59);
  assert.equal(locateTable(sheet({ above: filler(60) }), [T1]), null);
  assert.equal(located(sheet({ left: 29 })).ttColumn, 29);
  assert.equal(locateTable(sheet({ left: 30 }), [T1]), null);
});

test('the label header is one to three columns right of TT', () => {
  const spaced = (gap: number) =>
    sheet({
      merges: false,
      header: HEADER.map((row) => [row[0]!, ...Array<CellValue>(gap).fill(null), ...row.slice(1)]),
      body: BODY.map((row) => [row[0]!, ...Array<CellValue>(gap).fill(null), ...row.slice(1)]),
    });
  assert.equal(located(spaced(2)).labelColumn, 3);
  assert.equal(locateTable(spaced(3), [T1]), null);
});

test('TT is a short cell: "STT", "TT (thứ tự)" are TT; 13 characters or "TTX" are not', () => {
  const withTt = (tt: string) => sheet({ header: [[tt, ...HEADER[0]!.slice(1)], HEADER[1]!] });
  assert.equal(located(withTt('STT')).ttColumn, 0);
  assert.equal(located(withTt('TT (thứ tự)')).ttColumn, 0);
  assert.equal(located(withTt('TT thứ tự ab')).ttColumn, 0, '12 characters');
  assert.equal(locateTable(withTt('TT thứ tự abc'), [T1]), null, '13 characters');
  assert.equal(locateTable(withTt('TTX'), [T1]), null);
  assert.equal(locateTable(withTt(''), [T1]), null);
});

test('a table needs half its columns and one row; the best of several templates wins, an anchor counts', () => {
  // Only "Năm 2017 / Kinh phí" and "Ghi chú" of four columns: exactly half, still this table.
  const half = sheet({ merges: false, header: [['TT', 'Nội dung', 'Năm 2017', 'Ghi chú'], [null, null, 'Kinh phí', null]], body: BODY.map((r) => [r[0]!, r[1]!, r[4]!, r[5]!]) });
  assert.deepEqual(Object.fromEntries(located(half).columns), { kp_2017: 2, ghi_chu: 3 });
  const quarter = sheet({ merges: false, header: [['TT', 'Nội dung', 'Năm 2017'], [null, null, 'Kinh phí']], body: BODY.map((r) => [r[0]!, r[1]!, r[4]!]) });
  assert.equal(locateTable(quarter, [T1]), null);
  assert.equal(locateTable(sheet({ body: [['1', 'Dòng không có trong mẫu', 1, 2, 3]] }), [T1]), null, 'no row of the template');
  // A second template with the same header and rows, told apart only by its title line.
  const T2 = parseTemplate({ ...T1, id: 'T2', title: 'Bảng thử nghiệm hai', anchors: ['bảng thử nghiệm hai'] }, 't2.json');
  assert.equal(located(sheet(), [T2, T1]).template.id, 'T1');
  assert.equal(located(sheet({ above: [['Bảng thử nghiệm hai']] }), [T1, T2]).template.id, 'T2');
  assert.equal(located(sheet({ above: [] }), [T2, T1]).template.id, 'T2', 'no anchor: the first of equal scores');
  // More mapped columns beat the anchor bonus of 3 only when they are more than 3.
  const T3 = parseTemplate({ ...T1, id: 'T3', title: 'Khác', anchors: ['khác hẳn'], columns: T1.columns.slice(0, 2) }, 't3.json');
  assert.equal(located(sheet({ above: [['Khác hẳn']] }), [T1, T3]).template.id, 'T3', 'anchor 3 beats two more columns');
});

test('a numbering row right under the header is skipped; elsewhere, or with fewer than three numbers, it is reported', () => {
  const numbers: CellValue[] = ['1', '2', '3', '4', '5', '6'];
  assert.deepEqual(codes(located(sheet({ body: [numbers, ...BODY] }))), []);
  assert.deepEqual(codes(located(sheet({ body: [['(1)', '(2)', '(a)', null, null, null], ...BODY] }))), []);
  assert.deepEqual(codes(located(sheet({ body: [['A', 'B', '(3)', null, null, null], ...BODY] }))), []);
  assert.deepEqual(codes(located(sheet({ body: [['1', '2', '3', null, null, null], ...BODY] }))), [], 'three is enough');
  assert.deepEqual(codes(located(sheet({ body: [[null, '2', '3', null, null, null], ...BODY] }))), ['locate/unknown-row B6']);
  assert.deepEqual(codes(located(sheet({ body: [['1', null, '3', '4', '5', null], ...BODY] }))), ['locate/unknown-row B6'], 'no label: not a numbering row');
  assert.deepEqual(codes(located(sheet({ body: [['1', '2', '3', '4', '(12a)', null], ...BODY] }))), ['locate/unknown-row B6'], 'not every text a column number');
  assert.deepEqual(codes(located(sheet({ body: [BODY[0]!, numbers, ...BODY.slice(1)] }))), ['locate/unknown-row B7']);
});

test('rows with figures the template has no place for are reported, inside the table only', () => {
  const body = [...BODY.slice(0, 3), ['', 'Hỗ trợ khác', 7, null, null, null], ['', 'Ghi chú chung', null, null, null, 'chữ'], ...BODY.slice(3), ['', 'Người lập biểu', 5, null, null, null]];
  assert.deepEqual(codes(located(sheet({ body }))), ['locate/unknown-row B9']);
  const blankLabel = [...BODY.slice(0, 2), [null, null, '1.234', null, null, null], ...BODY.slice(2)];
  assert.deepEqual(codes(located(sheet({ body: blankLabel }))), ['locate/unknown-row B8'], 'a blank label with a number typed as text');
  assert.equal(located(sheet({ body: blankLabel })).issues[0]!.actual, null);
});

test('"Kiểm tra:" rows and columns (GNBV\'s own checks) are neither data nor unknown', () => {
  const body = [...BODY.slice(0, 2), ['', 'Kiểm tra: tổng', 0, 0, 0, null], ...BODY.slice(2)];
  const header = [[...HEADER[0]!, 'Kiểm tra: Năm 2016'], [...HEADER[1]!, null]];
  const table = located(sheet({ header, body: body.map((r) => [...r, 0]) }));
  assert.deepEqual(codes(table), []);
  assert.equal(table.rows.get('y_te'), 6);
  assert.equal(table.rows.get('y_te_nu'), 8);
});

test('row labels: bullets, shortened or longer wordings of at least 7 letters, aliases', () => {
  const relabel = (labels: string[]) => sheet({ body: BODY.map((row, i) => [row[0]!, labels[i] || row[1]!, ...row.slice(2)]) });
  const table = located(relabel(['TỔNG SỐ', '- Cấp thẻ BHYT', '+ Trong đó: nữ', '• Hỗ trợ giáo dục và đào tạo', '* Trong đó: nữ', 'Hỗ trợ nhà']));
  assert.deepEqual(Object.fromEntries(table.rows), { tong: 5, y_te: 6, y_te_nu: 7, giao_duc: 8, giao_duc_nu: 9, nha_o: 10 });
  // "Hỗ trợ" (6 letters) is too short to stand for a label it begins.
  const short = located(relabel(['', '', '', 'Hỗ trợ']));
  assert.deepEqual(codes(short), ['locate/unknown-row B9', 'locate/missing-row giao_duc']);
});

test('a label used by two rows goes to the one with its TT, in order; a row typed twice is reported', () => {
  // The two "Trong đó: nữ" rows swapped with their parents: each follows its own parent.
  const swapped = [BODY[0]!, BODY[3]!, BODY[4]!, BODY[1]!, BODY[2]!, BODY[5]!];
  const table = located(sheet({ body: swapped }));
  assert.deepEqual(Object.fromEntries(table.rows), { tong: 5, giao_duc: 6, giao_duc_nu: 7, y_te: 8, y_te_nu: 9, nha_o: 10 });
  const twice = located(sheet({ body: [...BODY, BODY[3]!, ['2', 'Hỗ trợ giáo dục', null, null, null, null]] }));
  assert.deepEqual(codes(twice), ['locate/duplicate-row B12']);
  assert.equal(twice.rows.get('giao_duc'), 8);
  assert.equal(twice.issues[0]!.actual, 'Hỗ trợ giáo dục');
});

test('a row is looked for at most 2000 rows under the header', () => {
  const far = (gap: number) => sheet({ body: [...BODY.slice(0, 5), ...Array.from({ length: gap }, () => [] as CellValue[]), BODY[5]!] });
  assert.equal(located(far(1994)).rows.get('nha_o'), 5 + 1994 + 5, 'the 2000th row under the header');
  assert.deepEqual(codes(located(far(1995))), ['locate/missing-row nha_o']);
});

test('columns: a header typed twice is an error at the last one, naming both columns', () => {
  const header = [[...HEADER[0]!, 'Năm 2016'], [...HEADER[1]!, 'Kinh phí']];
  const table = located(sheet({ header, body: BODY.map((r) => [...r, 1]) }));
  assert.deepEqual(codes(table), ['locate/duplicate-column G4 kp_2016', 'locate/missing-column kp_2016']);
  assert.deepEqual(table.issues[0]!.params, { columns: 'C, G' });
  assert.equal(table.issues[0]!.actual, 'Năm 2016 / Kinh phí');
  assert.equal(table.issues[0]!.expected, 'Năm 2016 / Kinh phí');
  assert.equal(hasMappingErrors(table), true);
});

test('an unknown column is reported only with figures; with a template column missing it is a mismatch', () => {
  const extra = (top: string, values: CellValue[]) => sheet({ header: [[...HEADER[0]!, top], [...HEADER[1]!, null]], body: BODY.map((r, i) => [...r, values[i] ?? null]) });
  assert.deepEqual(codes(located(extra('Đơn vị thực hiện', ['UBND xã']))), []);
  const withFigures = located(extra('Khác', [12]));
  assert.deepEqual(codes(withFigures), ['locate/unknown-column G4']);
  assert.equal(withFigures.issues[0]!.actual, 'Khác');
  assert.equal(hasMappingErrors(withFigures), false);
  // "Năm 2017 / Vốn" is the alias; "Năm 2017 / Vốn NS" is not a column of the template.
  const renamed = (sub: string) => sheet({ header: [HEADER[0]!, [null, null, 'Kinh phí', 'Số người', sub, null]] });
  assert.equal(located(renamed('Vốn')).columns.get('kp_2017'), 4);
  const mismatch = located(renamed('Tiền'));
  assert.deepEqual(codes(mismatch), ['locate/column-mismatch E4', 'locate/missing-column kp_2017']);
  assert.deepEqual(mismatch.issues[0]!.params, { columns: 'E' });
  assert.equal(mismatch.issues[0]!.expected, 'Năm 2017 / Kinh phí');
  assert.equal(hasMappingErrors(mismatch), true);
  // A missing text column does not make an unknown column with figures a mismatch.
  const noNote = sheet({ merges: false, header: [[...HEADER[0]!.slice(0, 5), 'Khác'], HEADER[1]!], body: BODY.map((r) => [...r.slice(0, 5), 1]) });
  assert.deepEqual(codes(located(noNote)), ['locate/unknown-column F4', 'locate/missing-column ghi_chu']);
});

test('the unit line: its text, or the next cell with text, above the header only', () => {
  const unitOf = (above: CellValue[][]) => located(sheet({ above })).unitText;
  assert.equal(unitOf([['ĐƠN VỊ BÁO CÁO : Xã Cam Thành ']]), 'Xã Cam Thành');
  assert.equal(unitOf([['Đơn vị báo cáo:', null, ' ', 'Xã Cam Hiếu', 'Xã khác']]), 'Xã Cam Hiếu');
  assert.equal(unitOf([['Đơn vị báo cáo'], ['Đơn vị báo cáo: Xã Cam Tuyền']]), 'Xã Cam Tuyền', 'an empty unit line gives way to the next');
  assert.equal(unitOf([['Đơn vị báo cáo: Xã Cam Lộ'], ['Đơn vị báo cáo: Xã Cam Tuyền']]), 'Xã Cam Lộ', 'the first that names one');
  assert.equal(unitOf([[null, 'Ghi chú: đơn vị báo cáo: Xã X']]), undefined, 'only at the start of a cell');
  assert.equal(unitOf([['Đơn vị báo cáo: Xã Cam Thủy'.normalize('NFD')]]), 'Xã Cam Thủy');
  assert.equal(located(sheet({ above: [], body: [...BODY, [null, 'Đơn vị báo cáo: Xã Cam An']] })).unitText, undefined);
});

test('the convention is the one the mapped cells\' own number texts use', () => {
  const typed = (text: string) => sheet({ body: BODY.map((r, i) => (i === 1 ? [r[0]!, r[1]!, text, ...r.slice(3)] : r)) });
  assert.equal(located(typed('1.234,5')).convention, 'vi');
  assert.equal(located(typed('1,234.5')).convention, 'en');
  assert.equal(located(typed('12')).convention, undefined);
  assert.equal(located(sheet({ above: [['1.234,5']] })).convention, undefined, 'a number outside the table tells nothing');
});

test('columns are mapped up to the 300th', () => {
  const far = (at: number) => {
    const gap = (row: CellValue[]) => [...row.slice(0, 5), ...Array<CellValue>(at - 5).fill(null), row[5] ?? null];
    return sheet({ merges: false, header: HEADER.map(gap), body: BODY.map(gap) });
  };
  assert.equal(located(far(299)).columns.get('ghi_chu'), 299);
  assert.deepEqual(codes(located(far(300))), ['locate/missing-column ghi_chu']);
});

test('merged header cells: the TT merge gives the header bottom; other merges do not', () => {
  // TT merged down three rows (D4:D6 style, here A4:A6) on a two-row template: the third header row is empty.
  // Listed before it: "Ghi chú" merged down two rows and the TT cells of two body rows merged.
  const rows: CellValue[][] = [...ABOVE, HEADER[0]!, HEADER[1]!, [null, null, null, null, null, null], ...BODY];
  const merges = [
    { top: 7, left: 0, bottom: 8, right: 0 },
    { top: 3, left: 5, bottom: 4, right: 5 },
    { top: 3, left: 2, bottom: 3, right: 3 },
    { top: 3, left: 0, bottom: 5, right: 0 },
  ];
  const table = located(gridFromValues('T1', rows, merges));
  assert.equal(table.headerBottom, 5);
  assert.deepEqual(Object.fromEntries(table.columns), { kp_2016: 2, ng_2016: 3, kp_2017: 4, ghi_chu: 5 });
  assert.deepEqual(Object.fromEntries(table.rows), { tong: 6, y_te: 7, y_te_nu: 8, giao_duc: 9, giao_duc_nu: 10, nha_o: 11 });
  // TT merged across two columns on one row: not a deeper header, the template's two rows hold.
  const wide = gridFromValues('T1', [
    ...ABOVE,
    ['TT', null, 'Nội dung', 'Năm 2016', null, 'Năm 2017', 'Ghi chú'],
    [null, null, null, 'Kinh phí', 'Số người', 'Kinh phí', null],
    ...BODY.map((r) => [r[0]!, null, ...r.slice(1)]),
  ], [{ top: 3, left: 0, bottom: 3, right: 1 }]);
  const wideTable = located(wide);
  assert.deepEqual([wideTable.ttColumn, wideTable.labelColumn, wideTable.headerBottom], [0, 2, 4]);
  assert.deepEqual(Object.fromEntries(wideTable.columns), { kp_2016: 3, ng_2016: 4, kp_2017: 5, ghi_chu: 6 });
});

test('group headers typed once without a merge name their sub-columns in reports, not the label column', () => {
  // G: "Năm 2018" typed once above "Kinh phí" (G) and "Số người" (H), no merge; I: "Khác" merged down.
  const header = [[...HEADER[0]!, 'Năm 2018', null, 'Khác'], [...HEADER[1]!, 'Kinh phí', 'Số người', null]];
  const grid = gridFromValues('T1', [...ABOVE, ...header, ...BODY.map((r) => [...r, 1, 2, 3])], [{ top: 3, left: 8, bottom: 4, right: 8 }]);
  const table = located(grid);
  assert.deepEqual(codes(table), ['locate/unknown-column G4', 'locate/unknown-column H4', 'locate/unknown-column I4']);
  assert.deepEqual(table.issues.map((i) => i.actual), ['Năm 2018 / Kinh phí', 'Năm 2018 / Số người', 'Khác']);
  // Right of the label column, a sub-header with nothing above: only its own text.
  const first = gridFromValues('T1', [
    ...ABOVE,
    ['TT', 'Nội dung', null, 'Năm 2016', null, 'Năm 2017', 'Ghi chú'],
    [null, null, 'Số hộ', 'Kinh phí', 'Số người', 'Kinh phí', null],
    ...BODY.map((r) => [r[0]!, r[1]!, 4, ...r.slice(2)]),
  ]);
  const firstTable = located(first);
  assert.deepEqual(codes(firstTable), ['locate/unknown-column C4']);
  assert.equal(firstTable.issues[0]!.actual, 'Số hộ');
  assert.deepEqual(Object.fromEntries(firstTable.columns), { kp_2016: 3, ng_2016: 4, kp_2017: 5, ghi_chu: 6 });
});

test('column headers: a group only is no column, extra words after a header word, a group above "Ghi chú"', () => {
  // G: "Năm 2016" with nothing below is not "Năm 2016 / Kinh phí": an unknown column.
  const groupOnly = located(sheet({ header: [[...HEADER[0]!, 'Năm 2016'], [...HEADER[1]!, null]], body: BODY.map((r) => [...r, 1]) }));
  assert.deepEqual(codes(groupOnly), ['locate/unknown-column G4']);
  // "Năm 2016 (ước thực hiện)" still names the 2016 columns; "Ghi chú" under a group "Thông tin khác" is still "Ghi chú".
  const header = [['TT', 'Nội dung', 'Năm 2016 (ước thực hiện)', null, 'Năm 2017', 'Thông tin khác'], [null, null, 'Kinh phí', 'Số người', 'Kinh phí', 'Ghi chú']];
  const table = located(sheet({ merges: false, header }));
  assert.deepEqual(Object.fromEntries(table.columns), { kp_2016: 2, ng_2016: 3, kp_2017: 4, ghi_chu: 5 });
  assert.deepEqual(codes(table), []);
});

test('row labels at the edges: bullets with or without spaces, 7-letter and mid-word prefixes, short exact labels', () => {
  const relabel = (labels: string[], template: TemplateDef = T1) =>
    located(sheet({ body: BODY.map((row, i) => [row[0]!, labels[i] || row[1]!, ...row.slice(2)]) }), [template]);
  const all = { tong: 5, y_te: 6, y_te_nu: 7, giao_duc: 8, giao_duc_nu: 9, nha_o: 10 };
  assert.deepEqual(Object.fromEntries(relabel(['', '  - Cấp thẻ BHYT', '-Trong đó: nữ', '+  Hỗ trợ giáo dục', '–Trong đó: nữ']).rows), all);
  assert.deepEqual(Object.fromEntries(relabel(['', 'Cấp thẻ']).rows), all, '"Cấp thẻ": exactly 7 letters of "Cấp thẻ BHYT"');
  assert.deepEqual(Object.fromEntries(relabel(['', 'Cấp thẻ BH']).rows), all, 'cut off inside a word');
  // A dash inside a label is not a bullet: "Hỗ trợ nhà ở - xây mới" is a longer "Hỗ trợ nhà ở", not "xây mới".
  assert.deepEqual(Object.fromEntries(relabel(['', '', '', '', '', 'Hỗ trợ nhà ở - xây mới']).rows), all);
  const T5 = parseTemplate({ ...T1, id: 'T5', rows: T1.rows.map((row) => (row.key === 'nha_o' ? { ...row, label: 'Nhà ở' } : row)) }, 't5.json');
  assert.equal(relabel(['', '', '', '', '', 'Nhà ở'], T5).rows.get('nha_o'), 10, 'a label under 7 letters typed exactly');
  // A bullet alone is no label: its figures are an unknown row, the rows below still map.
  const bare = located(sheet({ body: [BODY[0]!, ['', '-', 7, null, null, null], ...BODY.slice(1)] }));
  assert.deepEqual(codes(bare), ['locate/unknown-row B7']);
  assert.equal(bare.rows.get('y_te'), 7);
});

test('"Kiểm tra:" with spaces before it or before the colon is a check row; "kiểm tra:" inside a label is not', () => {
  const withRow = (label: string) => located(sheet({ body: [...BODY.slice(0, 2), ['', label, 1, 1, 1, null], ...BODY.slice(2)] }));
  assert.deepEqual(codes(withRow('   Kiểm tra: tổng')), []);
  assert.deepEqual(codes(withRow('Kiểm tra : tổng')), []);
  assert.deepEqual(codes(withRow('Chênh lệch kiểm tra: tổng')), ['locate/unknown-row B8']);
});

test('a numbering row may use two-character numbers', () => {
  assert.deepEqual(codes(located(sheet({ body: [['1', '2', '3', '4', '5', '10'], ...BODY] }))), []);
  assert.deepEqual(codes(located(sheet({ body: [['(1)', '(2)', '(10)', '(11)', '(12)', '(13)'], ...BODY] }))), []);
});

test('a label shared by rows: its TT decides, else the first at or after the last row placed', () => {
  const T6 = parseTemplate(
    {
      ...T1,
      id: 'T6',
      rows: [
        { key: 'tong', tt: '', label: 'Tổng cộng', kind: 'total' },
        { key: 'ngheo_1', tt: '1.1', label: 'Hộ nghèo', kind: 'item', parent: 'tong' },
        { key: 'ngheo_2', tt: '2.1', label: 'Hộ nghèo', kind: 'item', parent: 'tong' },
      ],
    },
    't6.json',
  );
  // Only the second "Hộ nghèo" typed, with its TT: it is that row, the first is missing.
  const table = located(sheet({ body: [BODY[0]!, ['2.1', 'Hộ nghèo', 1, 1, 1, null]] }), [T6]);
  assert.deepEqual(Object.fromEntries(table.rows), { tong: 5, ngheo_2: 6 });
  // The "Trong đó: nữ" rows swapped with their parents and typed without TT: each follows its parent.
  const noTt = (row: CellValue[]) => (row[1] === 'Trong đó: nữ' ? [null, ...row.slice(1)] : row);
  const swapped = [BODY[0]!, BODY[3]!, BODY[4]!, BODY[1]!, BODY[2]!, BODY[5]!].map(noTt);
  assert.deepEqual(Object.fromEntries(located(sheet({ body: swapped })).rows), { tong: 5, giao_duc: 6, giao_duc_nu: 7, y_te: 8, y_te_nu: 9, nha_o: 10 });
});

test('what counts as a figure in a row with no label', () => {
  const reported = (value: CellValue) => codes(located(sheet({ body: [BODY[0]!, [null, null, value, null, null, null], ...BODY.slice(1)] }))).length > 0;
  for (const figure of ['1 234', '-5', '(5)', ' 12 ', '1.234,5']) assert.equal(reported(figure), true, figure);
  for (const text of ['abc 12', '12 người', 'x12', '12ha', '--5']) assert.equal(reported(text), false, text);
});

test('the unit line without a colon, without a space after it, or indented', () => {
  const unitOf = (above: CellValue[][]) => located(sheet({ above })).unitText;
  assert.equal(unitOf([['Đơn vị báo cáo Xã Cam An']]), 'Xã Cam An');
  assert.equal(unitOf([['Đơn vị báo cáo:Xã Cam Nghĩa']]), 'Xã Cam Nghĩa');
  assert.equal(unitOf([['   Đơn vị báo cáo: Xã Cam Phước']]), 'Xã Cam Phước');
});

test('scores: more rows win; a template needs only one of its anchors; the label header may be any of its wordings', () => {
  const few = parseTemplate({ ...T1, id: 'FEW', rows: T1.rows.slice(0, 1) }, 'few.json');
  assert.equal(located(sheet(), [few, T1]).template.id, 'T1', '4 + 6 beats 4 + 1');
  const T2 = parseTemplate({ ...T1, id: 'T2', title: 'Bảng thử nghiệm hai', anchors: ['bảng thử nghiệm hai', 'biểu số 2'] }, 't2.json');
  assert.equal(located(sheet({ above: [['Bảng thử nghiệm hai']] }), [T1, T2]).template.id, 'T2');
  const T7 = parseTemplate({ ...T1, id: 'T7', labelHeader: ['Nội dung', 'Chỉ tiêu'] }, 't7.json');
  assert.equal(located(sheet({ header: [['TT', 'Chỉ tiêu', ...HEADER[0]!.slice(2)], HEADER[1]!] }), [T7]).labelColumn, 1);
});

test('missing and mismatched columns name the template headers; a duplicate names its own column', () => {
  const noKp = located(sheet({ header: [HEADER[0]!, [null, null, 'Tiền', 'Người', 'Kinh phí', null]], body: [...BODY] }));
  assert.deepEqual(codes(noKp), ['locate/column-mismatch C4', 'locate/column-mismatch D4', 'locate/missing-column kp_2016', 'locate/missing-column ng_2016']);
  assert.equal(noKp.issues[0]!.expected, 'Năm 2016 / Kinh phí; Năm 2016 / Số người');
  assert.equal(noKp.issues[2]!.expected, 'Năm 2016 / Kinh phí');
  // Header on row 12: the column letter drops every digit.
  const filler = Array.from({ length: 11 }, () => [null] as CellValue[]);
  const low = located(sheet({ above: filler, header: [HEADER[0]!, [null, null, 'Kinh phí', 'Số người', 'Tiền', null]] }));
  assert.deepEqual(low.issues[0]!.params, { columns: 'E' });
  const twice = located(sheet({ header: [[...HEADER[0]!, 'Ghi chú'], [...HEADER[1]!, null]], body: BODY.map((r) => [...r, 'x']) }));
  assert.deepEqual(codes(twice), ['locate/duplicate-column G4 ghi_chu', 'locate/missing-column ghi_chu']);
  assert.equal(twice.issues[0]!.expected, 'Ghi chú');
});

test('a group header typed once is carried right over sub-columns whose top cell holds only a space', () => {
  // "Năm 2016" typed once in C over three sub-columns; D and E hold a stray space above their sub-headers.
  const grid = (subs: [string, string], at: number) =>
    gridFromValues('T1', [
      ...ABOVE,
      ['TT', 'Nội dung', 'Năm 2016', ' ', ' ', 'Năm 2017', 'Ghi chú'],
      [null, null, 'Kinh phí', ...subs, 'Kinh phí', null],
      ...BODY.map((r) => { const row = [...r]; row.splice(at, 0, 7); return row; }),
    ]);
  const middle = located(grid(['Số hộ', 'Số người'], 3));
  assert.deepEqual(Object.fromEntries(middle.columns), { kp_2016: 2, ng_2016: 4, kp_2017: 5, ghi_chu: 6 });
  assert.deepEqual(codes(middle), ['locate/unknown-column D4']);
  assert.equal(middle.issues[0]!.actual, 'Năm 2016 / Số hộ');
  const last = located(grid(['Số người', 'Số hộ'], 4));
  assert.deepEqual(Object.fromEntries(last.columns), { kp_2016: 2, ng_2016: 3, kp_2017: 5, ghi_chu: 6 });
  assert.deepEqual(codes(last), ['locate/unknown-column E4']);
  assert.equal(last.issues[0]!.actual, 'Năm 2016 / Số hộ');
});

test('numbering row and label cells holding only spaces; title texts on the header row itself are no title', () => {
  assert.deepEqual(codes(located(sheet({ body: [['1', '2', '3', '4', '5', ' '], ...BODY] }))), [], 'a stray space is no text');
  assert.deepEqual(codes(located(sheet({ body: [['1', ' ', '3', '4', '5', null], ...BODY] }))), ['locate/unknown-row B6'], 'a space is no label');
  // The unit line and the anchor are looked for above the header, not in its top row.
  const header = [[...HEADER[0]!, null, 'Đơn vị báo cáo: Xã Cam An', 'Bảng thử nghiệm hai'], [...HEADER[1]!, null, null, null]];
  const T2 = parseTemplate({ ...T1, id: 'T2', title: 'Bảng thử nghiệm hai', anchors: ['bảng thử nghiệm hai'] }, 't2.json');
  const table = located(sheet({ above: [], header }), [T1, T2]);
  assert.equal(table.template.id, 'T1');
  assert.equal(table.unitText, undefined);
});

test('figures in a column with no header text at all are reported at that column, never dropped in silence', () => {
  // Column G (index 6) has no header in either header row; its figures are on mapped rows.
  const header = HEADER.map((row) => [...row, null]);
  const body = BODY.map((row, i) => [...row, i === 1 ? 7 : null]);
  const table = located(sheet({ header, body }));
  const unknown = table.issues.filter((i) => i.code === 'locate/unknown-column');
  assert.deepEqual(unknown.map((i) => [i.cell, i.actual]), [['G4', null]]);
  // The same column left empty says nothing: only figures are worth a warning.
  const quiet = located(sheet({ header, body: BODY.map((row) => [...row, null]) }));
  assert.deepEqual(quiet.issues.filter((i) => i.code === 'locate/unknown-column'), []);
});
