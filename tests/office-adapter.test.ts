import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressLists, columnWidthPoints, HIGHLIGHT_ADDRESS_CHARS, HIGHLIGHT_FILL, HIGHLIGHT_FORMULA, OfficeWorkbook } from '../src/adapters/office-workbook.js';
import { a1, parseRange, type CellRange } from '../src/engine/a1.js';
import { blankTemplateSheet } from '../src/engine/annex-sheet.js';
import { builtinTemplates } from '../src/engine/builtin.js';
import { STYLES, type CellStyle, type SheetSpec, type SpecCell } from '../src/engine/sheet-spec.js';
import { ProtectedSheetError, UnsupportedFeatureError } from '../src/workbook-port.js';
import { FakeExcel, PropertyNotLoadedError, REQUEST_LIMIT_BYTES, type FakeSheet } from './support/fake-excel.js';

const everything = () => true;
/** An Excel that supports ExcelApi up to 1.<minor>. */
const upTo = (minor: number) => (version: string) => Number(version.split('.')[1]) <= minor;

function setup(names: string[] = ['Sheet1'], supported: (version: string) => boolean = everything, chunkBytes?: number) {
  const fake = new FakeExcel(names);
  const book = new OfficeWorkbook(fake.run, supported, chunkBytes);
  return { fake, book };
}

/** Syncs made by one call. */
async function syncsOf(fake: FakeExcel, action: () => Promise<unknown>): Promise<number> {
  const before = fake.syncCount;
  await action();
  return fake.syncCount - before;
}

function annexSpecs(units: number): SheetSpec[] {
  return Array.from({ length: units }, (_, u) =>
    builtinTemplates().map((template) => ({ ...blankTemplateSheet(template, `Xã ${u + 1}`), name: `${template.sheetName} ${u + 1}` })),
  ).flat();
}

const inside = (m: CellRange, row: number, col: number) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right;

/** Everything a sheet holds, in a form assert.deepEqual compares. */
function snapshot(sheet: FakeSheet) {
  return {
    name: sheet.name,
    cells: [...sheet.cells].sort(),
    formats: [...sheet.formats].sort(),
    merges: sheet.merges,
    columnWidths: [...sheet.columnWidths].sort(),
    rowHeights: [...sheet.rowHeights].sort(),
    frozen: sheet.frozen,
    pageLayout: sheet.pageLayout,
  };
}

/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load -- this test reads before load and sync on purpose: the fake must refuse it as Office.js does */
test('the fake refuses to show a property before load and sync, and applies writes only at sync', async () => {
  const fake = new FakeExcel(['Data']);
  fake.setCell('Data', 'A1', 5);
  fake.addConditionalFormat('Data', 'A1', { type: 'DataBar' });
  await fake.run(async (context) => {
    const range = context.workbook.worksheets.getItem('Data').getRange('A1');
    assert.throws(() => range.values, PropertyNotLoadedError);
    range.load('values');
    assert.throws(() => range.values, PropertyNotLoadedError, 'loaded but not yet synced');
    const sheets = context.workbook.worksheets;
    assert.throws(() => sheets.items, PropertyNotLoadedError);
    const missing = context.workbook.worksheets.getItemOrNullObject('Nope');
    assert.throws(() => missing.isNullObject, PropertyNotLoadedError);
    range.values = [[7]];
    assert.equal(fake.cell('Data', 'A1')?.value, 5, 'writes wait for sync');
    await context.sync();
    assert.deepEqual(range.values, [[5]], 'the load was queued before the write');
    assert.equal(fake.cell('Data', 'A1')?.value, 7);
    assert.equal(missing.isNullObject, true);
    assert.throws(() => range.formulas, PropertyNotLoadedError, 'only what was loaded is shown');

    // Like Excel, asking a data bar for its custom rule fails the whole batch.
    const formats = range.conditionalFormats.load('items/custom/rule/formula');
    await assert.rejects(context.sync(), /no custom rule/);
    formats.load('items/type,items/customOrNullObject/rule/formula');
    await context.sync();
    assert.equal(formats.items[0]?.customOrNullObject.isNullObject, true);
  });
});

/* eslint-enable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load */

test('the fake types text into cells as Excel does, so an apostrophe is what keeps text', async () => {
  const fake = new FakeExcel(['Data']);
  await fake.run(async (context) => {
    context.workbook.worksheets.getItem('Data').getRange('A1:D1').values = [['=1+1', "'=1+1", '(1)', "'(1)"]];
    await context.sync();
  });
  assert.equal(fake.cell('Data', 'A1')?.formula, '=1+1');
  assert.deepEqual(fake.cell('Data', 'B1'), { value: '=1+1' });
  assert.deepEqual(fake.cell('Data', 'C1'), { value: -1 });
  assert.deepEqual(fake.cell('Data', 'D1'), { value: '(1)' });
});

test('readSheets sizes then reads one sheet in two syncs: values, formulas without "=", errors, merges, at their real positions', async () => {
  const { fake, book } = setup(['Ghi chú', 'PL01']);
  // The used range starts at C3, not A1: the grid must still put C3 at row 2, column 2.
  fake.setCell('PL01', 'C3', 'Tên đơn vị');
  fake.setCell('PL01', 'D5', 12.5);
  fake.setCell('PL01', 'E5', { value: 30, formula: '=SUM(D5:D6)' });
  fake.setCell('PL01', 'F5', { error: '#REF!', formula: '=#REF!+1' });
  fake.setCell('PL01', 'G5', true);
  fake.setCell('PL01', 'C7', '=1+1'); // text that only looks like a formula
  fake.sheet('PL01').merges.push({ top: 2, left: 2, bottom: 2, right: 4 });

  let grids: Awaited<ReturnType<typeof book.readSheets>> = [];
  assert.equal(await syncsOf(fake, async () => (grids = await book.readSheets(['PL01']))), 2);
  const grid = grids[0]!;
  assert.equal(grid.name, 'PL01');
  assert.deepEqual(grid.cells[2]?.[2], { value: 'Tên đơn vị' });
  assert.deepEqual(grid.cells[4]?.[3], { value: 12.5 });
  assert.deepEqual(grid.cells[4]?.[4], { value: 30, formula: 'SUM(D5:D6)' });
  assert.deepEqual(grid.cells[4]?.[5], { value: null, error: '#REF!', formula: '#REF!+1' });
  assert.deepEqual(grid.cells[4]?.[6], { value: true });
  assert.deepEqual(grid.cells[6]?.[2], { value: '=1+1' });
  assert.equal(grid.cells[4]?.[2], undefined, 'an empty cell is no cell');
  assert.equal(grid.cells[0], undefined);
  assert.deepEqual(grid.merges, [{ top: 2, left: 2, bottom: 2, right: 4 }]);
});

test('readSheets reads five sheets in the same two syncs', async () => {
  const names = ['PL01 A', 'PL02 A', 'PL01 B', 'PL02 B', 'Trống'];
  const { fake, book } = setup(names);
  names.slice(0, 4).forEach((name, i) => fake.setCell(name, a1(i + 1, i), `ô ${i}`));

  let grids: Awaited<ReturnType<typeof book.readSheets>> = [];
  assert.equal(await syncsOf(fake, async () => (grids = await book.readSheets(names))), 2);
  assert.deepEqual(grids.map((g) => g.name), names);
  names.slice(0, 4).forEach((_, i) => assert.deepEqual(grids[i]?.cells[i + 1]?.[i], { value: `ô ${i}` }));
  assert.deepEqual(grids[4], { name: 'Trống', cells: [], merges: [] });
});

test('readSheets of a large district workbook sizes the sheets, then reads them in requests under the cell budget', async () => {
  const names = Array.from({ length: 30 }, (_, i) => `PL01 Xã ${i + 1}`);
  const fake = new FakeExcel(names);
  names.forEach((name, i) => {
    fake.setCell(name, 'A1', `Đơn vị ${i + 1}`);
    fake.setCell(name, 'J20', i + 1);
  });
  // Each used range is A1:J20 = 200 cells; a budget of 1,000 cells takes five sheets a request.
  const book = new OfficeWorkbook(fake.run, everything, undefined, 1000);
  let grids: Awaited<ReturnType<typeof book.readSheets>> = [];
  assert.equal(await syncsOf(fake, async () => (grids = await book.readSheets(names))), 1 + 6);
  assert.deepEqual(grids.map((g) => g.name), names);
  names.forEach((_, i) => assert.deepEqual(grids[i]?.cells[19]?.[9], { value: i + 1 }));
  // With the default budget the same 30 sheets take one sizing request and one read.
  assert.equal(await syncsOf(fake, () => new OfficeWorkbook(fake.run, everything).readSheets(names)), 2);
});

test('readSheets leaves merges out, still in two syncs, when Excel lacks ExcelApi 1.13', async () => {
  const { fake, book } = setup(['PL01'], upTo(12));
  fake.setCell('PL01', 'A1', 'x');
  fake.sheet('PL01').merges.push({ top: 0, left: 0, bottom: 0, right: 3 });
  let grids: Awaited<ReturnType<typeof book.readSheets>> = [];
  assert.equal(await syncsOf(fake, async () => (grids = await book.readSheets(['PL01']))), 2);
  assert.deepEqual(grids[0]?.merges, []);
  assert.deepEqual(grids[0]?.cells[0]?.[0], { value: 'x' });
});

test('writeCells writes formulas, numbers and formats in one sync, and text that looks like a formula stays text', async () => {
  const { fake, book } = setup(['Data']);
  fake.sheet('Data').formats.set('6,0', { 'fill.color': '#123456' }); // the user's own colour on A7
  const cells: SpecCell[] = [
    { row: 0, col: 0, formula: 'SUM(B1:B2)', result: 3, style: 'moneyBold' },
    { row: 0, col: 1, value: 1, style: 'moneyBold' },
    { row: 1, col: 0, value: '=HYPERLINK("http://evil.example","bấm")', style: 'label' },
    { row: 1, col: 1, value: '- Hộ nghèo', style: 'label' },
    { row: 2, col: 0, value: '(1)', style: 'columnNumber' },
    { row: 2, col: 1, value: '1.1', style: 'columnNumber' },
    { row: 3, col: 0, value: '@me', style: 'text' },
    { row: 3, col: 1, value: '+84 912', style: 'text' },
    { row: 4, col: 0, value: 'Tổng số', style: 'header' },
    { row: 6, col: 0, value: 42 },
  ];
  assert.equal(await syncsOf(fake, () => book.writeCells('Data', cells, [{ top: 4, left: 0, bottom: 4, right: 1 }])), 1);

  assert.deepEqual(fake.cell('Data', 'A1'), { formula: '=SUM(B1:B2)', value: 0 });
  assert.deepEqual(fake.cell('Data', 'B1'), { value: 1 });
  assert.deepEqual(fake.cell('Data', 'A2'), { value: '=HYPERLINK("http://evil.example","bấm")' });
  assert.deepEqual(fake.cell('Data', 'B2'), { value: '- Hộ nghèo' });
  assert.deepEqual(fake.cell('Data', 'A3'), { value: '(1)' });
  assert.deepEqual(fake.cell('Data', 'B3'), { value: '1.1' });
  assert.deepEqual(fake.cell('Data', 'A4'), { value: '@me' });
  assert.deepEqual(fake.cell('Data', 'B4'), { value: '+84 912' });
  assert.deepEqual(fake.cell('Data', 'A7'), { value: 42 });
  assert.deepEqual(fake.sheet('Data').merges, [{ top: 4, left: 0, bottom: 4, right: 1 }]);

  const a1Format = fake.format('Data', 'A1');
  assert.equal(a1Format['font.name'], 'Times New Roman');
  assert.equal(a1Format['font.bold'], true);
  assert.equal(a1Format['font.size'], 12);
  assert.equal(a1Format.numberFormat, STYLES.moneyBold.numberFormat);
  for (const edge of ['top', 'bottom', 'left', 'right']) {
    for (const cell of ['A1', 'B1', 'A2', 'B2']) assert.equal(fake.format('Data', cell)[`border.${edge}.style`], 'Continuous', `${cell} ${edge}`);
  }
  assert.equal(fake.format('Data', 'A2')['font.bold'], false);
  assert.equal(fake.format('Data', 'A2').wrapText, true);
  assert.equal(fake.format('Data', 'A3')['font.italic'], true);
  assert.equal(fake.format('Data', 'A3').horizontalAlignment, 'Center');
  assert.equal(fake.format('Data', 'A5')['fill.color'], '#EFF3F8');
  assert.deepEqual(fake.format('Data', 'A7'), { 'fill.color': '#123456' }, 'a cell without a style keeps the user formatting');
});

test('replaceSheets writes 3 or 30 sheets in the same 2 syncs', async () => {
  for (const units of [1, 10]) {
    const { fake, book } = setup(['Ghi chú']);
    const specs = annexSpecs(units);
    assert.equal(specs.length, units * 3);
    assert.equal(await syncsOf(fake, () => book.replaceSheets(specs)), 2, `${specs.length} sheets`);
    assert.deepEqual(fake.sheets.map((s) => s.name), ['Ghi chú', ...specs.map((s) => s.name)]);
  }
});

test('replaceSheets replaces a sheet of the same NFC name, even when it is the only sheet', async () => {
  const spec = { ...blankTemplateSheet(builtinTemplates()[0]!, 'Xã Cam An'), name: 'Xã Cam An' };
  const decomposed = 'XÃ CAM AN'.normalize('NFD');
  assert.notEqual(decomposed, spec.name.toUpperCase());

  const { fake, book } = setup([decomposed]);
  fake.setCell(decomposed, 'Z99', 'cũ');
  assert.equal(await syncsOf(fake, () => book.replaceSheets([spec])), 2);
  assert.deepEqual(fake.sheets.map((s) => s.name), ['Xã Cam An']);
  assert.equal(fake.cell('Xã Cam An', 'Z99'), undefined, 'the old content is gone');

  const other = setup(['Ghi chú', decomposed, 'Tổng hợp']);
  const before = other.fake.sheets[1];
  await other.book.replaceSheets([spec]);
  assert.deepEqual(other.fake.sheets.map((s) => s.name), ['Ghi chú', 'Xã Cam An', 'Tổng hợp'], 'rewritten where it was');
  assert.equal(other.fake.sheets[1], before, 'the same sheet, renamed to the new spelling');

  // The very same name: rewritten in place.
  const same = setup(['PL01']);
  same.fake.setCell('PL01', 'Z99', 'cũ');
  await same.book.replaceSheets([{ ...spec, name: 'PL01' }]);
  assert.deepEqual(same.fake.sheets.map((s) => s.name), ['PL01']);
  assert.equal(same.fake.cell('PL01', 'Z99'), undefined);
});

test('replaceSheets writes every value, formula, merge, width, height, freeze and page setup of a PL01 spec', async () => {
  const spec = blankTemplateSheet(builtinTemplates()[0]!, 'Xã Cam An');
  const { fake, book } = setup(['Sheet1']);
  await book.replaceSheets([spec]);
  const sheet = fake.sheet(spec.name);

  for (const cell of spec.cells) {
    const address = a1(cell.row, cell.col);
    const hidden = spec.merges.some((m) => inside(m, cell.row, cell.col) && (m.top !== cell.row || m.left !== cell.col));
    const stored = fake.cell(spec.name, address);
    if (cell.formula !== undefined) assert.equal(stored?.formula, `=${cell.formula}`, address);
    else if (!hidden && cell.value !== undefined && cell.value !== null && cell.value !== '') assert.deepEqual(stored, { value: cell.value }, address);
    if (cell.style && (STYLES[cell.style] as CellStyle).border) {
      for (const edge of ['top', 'bottom', 'left', 'right']) assert.equal(fake.format(spec.name, address)[`border.${edge}.weight`], 'Thin', `${address} ${edge}`);
    }
  }
  assert.deepEqual([...sheet.merges].sort((x, y) => x.top - y.top || x.left - y.left), [...spec.merges].sort((x, y) => x.top - y.top || x.left - y.left));
  assert.deepEqual([...sheet.columnWidths].sort((x, y) => x[0] - y[0]), spec.columnWidths.map((w, i) => [i, columnWidthPoints(w)]));
  assert.deepEqual(new Map(sheet.rowHeights), spec.rowHeights);
  assert.deepEqual(sheet.frozen, spec.freeze);
  assert.deepEqual(sheet.pageLayout, {
    orientation: 'Landscape',
    paperSize: 'A4',
    printTitleRows: `$${spec.printTitleRows!.from + 1}:$${spec.printTitleRows!.to + 1}`,
    zoom: { scale: spec.print!.scale },
    printTitleColumns: '$A:$B',
    centerFooter: 'Trang &P/&N',
  });
  // Excel's entry checks on exactly the cells to fill in, in runs down each column.
  const covered = new Map<string, Record<string, unknown>>();
  for (const [address, validation] of sheet.validations) {
    const { top, left, bottom, right } = parseRange(address);
    assert.equal(left, right, address);
    for (let r = top; r <= bottom; r++) covered.set(a1(r, left), validation);
  }
  assert.deepEqual([...covered.keys()].sort(), spec.entryRules!.map((e) => a1(e.row, e.col)).sort());
  for (const { row, col, rule } of spec.entryRules!) {
    const validation = covered.get(a1(row, col))!;
    assert.deepEqual(validation.rule, { [rule.kind === 'whole' ? 'wholeNumber' : 'decimal']: { formula1: 0, operator: 'GreaterThanOrEqualTo' } });
    assert.deepEqual(validation.prompt, { showPrompt: true, title: rule.title, message: rule.prompt });
    assert.equal(validation.ignoreBlanks, true);
  }
  assert.ok(sheet.validations.size < spec.entryRules!.length / 3, `${sheet.validations.size} ranges`);
});

test('replaceSheets skips page setup without ExcelApi 1.9 and freezing without 1.7, in the same 2 syncs', async () => {
  const spec = blankTemplateSheet(builtinTemplates()[0]!);
  for (const [minor, frozen, validated] of [[8, spec.freeze, true], [6, undefined, false]] as const) {
    const { fake, book } = setup(['Sheet1'], upTo(minor));
    assert.equal(await syncsOf(fake, () => book.replaceSheets([spec])), 2);
    assert.deepEqual(fake.sheet(spec.name).pageLayout, {});
    assert.deepEqual(fake.sheet(spec.name).frozen, frozen);
    assert.equal(fake.sheet(spec.name).validations.size > 0, validated, 'Data Validation needs ExcelApi 1.8');
  }
});

test('replaceSheets sends more, smaller requests under a small chunk budget, with the same result', async () => {
  const specs = annexSpecs(1);
  const whole = setup(['Ghi chú']);
  await whole.book.replaceSheets(specs);
  // A block of one style is one command: the largest (PL01's three check columns, 16 formulas
  // each) is about 6.5 KB, so the budget sits above it.
  const budget = 8_000;
  const chunked = setup(['Ghi chú'], everything, budget);
  const syncs = await syncsOf(chunked.fake, () => chunked.book.replaceSheets(specs));

  assert.ok(syncs > 5, `${syncs} syncs`);
  assert.ok(Math.max(...chunked.fake.syncPayloads) <= budget, `largest request ${Math.max(...chunked.fake.syncPayloads)}`);
  assert.ok(Math.max(...whole.fake.syncPayloads) > budget, 'the unchunked write is one large request');
  assert.deepEqual(chunked.fake.sheets.map(snapshot), whole.fake.sheets.map(snapshot));
});

test('highlight marks cells across sheets with one conditional format per severity per sheet, in two syncs', async () => {
  const { fake, book } = setup(['PL01', 'PL02']);
  const marks = [
    { sheet: 'PL01', cell: 'E12', severity: 'error' as const },
    { sheet: 'PL01', cell: 'F12', severity: 'warning' as const },
    { sheet: 'PL01', cell: 'G20', severity: 'error' as const },
    { sheet: 'PL02', cell: 'C9', severity: 'error' as const },
  ];
  assert.equal(await syncsOf(fake, () => book.highlight(marks)), 2);
  const summary = (name: string) => fake.sheet(name).conditionalFormats.map((f) => ({ cells: [f.area, ...(f.more ?? [])].map((a) => a1(a.top, a.left)), formula: f.formula, fill: f.fill }));
  assert.deepEqual(summary('PL01'), [
    { cells: ['E12', 'G20'], formula: HIGHLIGHT_FORMULA, fill: HIGHLIGHT_FILL.error },
    { cells: ['F12'], formula: HIGHLIGHT_FORMULA, fill: HIGHLIGHT_FILL.warning },
  ]);
  assert.deepEqual(summary('PL02'), [{ cells: ['C9'], formula: HIGHLIGHT_FORMULA, fill: '#FFC7CE' }]);

  // Without ExcelApi 1.9 (no getRanges): one format per cell, the same marks.
  const old = setup(['PL01', 'PL02'], upTo(8));
  await old.book.highlight(marks);
  assert.deepEqual(old.fake.sheet('PL01').conditionalFormats.map((f) => [a1(f.area.top, f.area.left), f.more, f.fill]), [
    ['E12', undefined, HIGHLIGHT_FILL.error],
    ['G20', undefined, HIGHLIGHT_FILL.error],
    ['F12', undefined, HIGHLIGHT_FILL.warning],
  ]);
});

test('highlight splits a long list of cells into address lists under the limit', async () => {
  const cells = Array.from({ length: 3000 }, (_, i) => a1(i, 4));
  const lists = addressLists(cells);
  assert.ok(lists.length > 1 && lists.every((list) => list.length <= HIGHLIGHT_ADDRESS_CHARS));
  assert.deepEqual(lists.join(',').split(','), cells);
  const { fake, book } = setup(['PL01']);
  await book.highlight(cells.map((cell) => ({ sheet: 'PL01', cell, severity: 'error' as const })));
  assert.equal(fake.sheet('PL01').conditionalFormats.length, lists.length);
});

test("clearHighlights removes GNBV's conditional formats only, in 3 syncs however many sheets", async () => {
  for (const names of [['PL01'], ['PL01', 'PL02', 'Nguồn vốn', 'Ghi chú', 'Tổng hợp']]) {
    const { fake, book } = setup(names);
    const userCustom = fake.addConditionalFormat('PL01', 'C5:C20', { type: 'Custom', formula: '=C5>100', fill: '#00FF00' });
    const userBar = fake.addConditionalFormat('PL01', 'D5:D20', { type: 'DataBar' });
    await book.highlight(names.flatMap((sheet) => [{ sheet, cell: 'C6', severity: 'error' as const }, { sheet, cell: 'H2', severity: 'warning' as const }]));
    assert.equal(fake.sheets.flatMap((s) => s.conditionalFormats).length, 2 + names.length * 2);

    assert.equal(await syncsOf(fake, () => book.clearHighlights()), 3, `${names.length} sheets`);
    assert.deepEqual(fake.sheets.flatMap((s) => s.conditionalFormats), [userCustom, userBar]);
  }
});

test('highlight on an Excel without ExcelApi 1.6 rejects with a Vietnamese UnsupportedFeatureError, touching nothing', async () => {
  const { fake, book } = setup(['PL01'], upTo(5));
  await assert.rejects(book.highlight([{ sheet: 'PL01', cell: 'A1', severity: 'error' }]), (error: unknown) => {
    assert.ok(error instanceof UnsupportedFeatureError);
    assert.equal(error.requirement, 'ExcelApi 1.6');
    assert.match(error.message, /không hỗ trợ tô màu/);
    assert.equal(error.message, error.vi);
    assert.match(error.en, /does not support conditional formatting/);
    return true;
  });
  assert.equal(await syncsOf(fake, () => book.clearHighlights()), 0, 'nothing of ours can exist to clear');
  assert.equal(fake.syncCount, 0);
});

test('listSheets, activeSheet and selectCell take one sync each', async () => {
  const { fake, book } = setup(['PL01', 'PL02']);
  let names: string[] = [];
  assert.equal(await syncsOf(fake, async () => (names = await book.listSheets())), 1);
  assert.deepEqual(names, ['PL01', 'PL02']);
  let active = '';
  assert.equal(await syncsOf(fake, async () => (active = await book.activeSheet())), 1);
  assert.equal(active, 'PL01');
  assert.equal(await syncsOf(fake, () => book.selectCell('PL02', 'E12')), 1);
  assert.equal(fake.activeSheet, 'PL02');
  assert.deepEqual(fake.selection, { sheet: 'PL02', address: 'E12' });
});

test('a number written with its own number format (the text-number fix) sets that format too, in one sync', async () => {
  const { fake, book } = setup(['PL01']);
  fake.sheet('PL01').formats.set('9,2', { numberFormat: '@', 'font.bold': true });
  assert.equal(await syncsOf(fake, () => book.writeCells('PL01', [{ row: 9, col: 2, value: 1250.5, numberFormat: 'General' }])), 1);
  assert.equal(fake.cell('PL01', 'C10')?.value, 1250.5);
  assert.equal(fake.sheet('PL01').formats.get('9,2')?.numberFormat, 'General');
  assert.equal(fake.sheet('PL01').formats.get('9,2')?.['font.bold'], true, 'the rest of the formatting stays');
});

/* ---------------------------------------------------------------- what Excel does that the fake learned (see its header) */

test('the fake, as Excel: renaming a sheet rewires formulas on other sheets, deleting it turns them into #REF!', async () => {
  const fake = new FakeExcel(['Tổng hợp PL01', 'Báo cáo', 'Phụ']);
  fake.setCell('Báo cáo', 'A1', { value: 5, formula: "='Tổng hợp PL01'!C13*2" });
  fake.setCell('Báo cáo', 'A2', { value: 1, formula: '=Phụ!B2+1' });
  await fake.run(async (context) => {
    context.workbook.worksheets.getItem('Tổng hợp PL01').name = 'Cũ';
    await context.sync();
  });
  assert.equal(fake.cell('Báo cáo', 'A1')?.formula, "='Cũ'!C13*2");
  await fake.run(async (context) => {
    context.workbook.worksheets.getItem('Cũ').delete();
    await context.sync();
  });
  assert.deepEqual(fake.cell('Báo cáo', 'A1'), { value: '#REF!', error: true, formula: '=#REF!C13*2' });
  assert.equal(fake.cell('Báo cáo', 'A2')?.formula, '=Phụ!B2+1', 'other references are untouched');
});

test('the fake, as Excel: "#N/A" typed is an error, "=" after a space or tab or as "＝" a formula, "Jan 5" a date, Text format keeps text', async () => {
  const fake = new FakeExcel(['Data']);
  fake.sheet('Data').formats.set('1,0', { numberFormat: '@' });
  await fake.run(async (context) => {
    context.workbook.worksheets.getItem('Data').getRange('A1:F1').values = [['#N/A', ' =1+1', '\t=1+1', '＝1+1', 'Jan 5', "'#N/A"]];
    context.workbook.worksheets.getItem('Data').getRange('A2').values = [[1234]];
    await context.sync();
  });
  assert.deepEqual(fake.cell('Data', 'A1'), { value: '#N/A', error: true });
  for (const cell of ['B1', 'C1', 'D1']) assert.equal(fake.cell('Data', cell)?.formula, '=1+1', cell);
  assert.equal(typeof fake.cell('Data', 'E1')?.value, 'number');
  assert.deepEqual(fake.cell('Data', 'F1'), { value: '#N/A' });
  assert.deepEqual(fake.cell('Data', 'A2'), { value: '1234' }, 'a number typed into a Text cell stays text');
});

test('the fake, as Excel on the web: a request over 5 MB fails; a protected sheet refuses writes', async () => {
  const fake = new FakeExcel(['Data', 'Khóa']);
  const big = Array.from({ length: 600 }, () => Array.from({ length: 100 }, () => 'x'.repeat(90)));
  await assert.rejects(
    fake.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('A1:CV600').values = big;
      await context.sync();
    }),
    /RequestPayloadSizeLimitExceeded/,
  );
  assert.equal(fake.sheet('Data').cells.size, 0);
  fake.sheet('Khóa').protected = true;
  await assert.rejects(
    fake.run(async (context) => {
      context.workbook.worksheets.getItem('Khóa').getRange('A1').values = [[1]];
      await context.sync();
    }),
    /AccessDenied/,
  );
  assert.deepEqual(fake.writes, []);
});

/* ---------------------------------------------------------------- the adapter in front of those behaviours */

test('a re-merge rewrites the district sheets in place: a formula of the user pointing at one survives', async () => {
  const spec = (unit: string): SheetSpec => ({ ...blankTemplateSheet(builtinTemplates()[0]!, unit), name: 'Tổng hợp PL01' });
  const { fake, book } = setup(['Ghi chú']);
  await book.replaceSheets([spec('Huyện Cam Lộ')]);
  fake.addSheet('Báo cáo của tôi');
  fake.setCell('Báo cáo của tôi', 'B2', { value: 0, formula: "='Tổng hợp PL01'!C13" });
  fake.sheet('Tổng hợp PL01').merges.push({ top: 40, left: 0, bottom: 40, right: 5 }); // a merge the new spec does not have
  fake.setCell('Tổng hợp PL01', 'Z99', 'cũ');
  const sheet = fake.sheet('Tổng hợp PL01');

  await book.replaceSheets([spec('Huyện Cam Lộ (lần 2)')]);
  assert.deepEqual(fake.cell('Báo cáo của tôi', 'B2'), { value: 0, formula: "='Tổng hợp PL01'!C13" }, 'not #REF!, not rewired elsewhere');
  assert.equal(fake.sheet('Tổng hợp PL01'), sheet, 'the same sheet');
  assert.equal(fake.cell('Tổng hợp PL01', 'Z99'), undefined, 'cleared before writing');
  assert.ok(!fake.sheet('Tổng hợp PL01').merges.some((m) => m.top === 40), 'unmerged before writing');
  assert.ok(!fake.writes.some((w) => w.startsWith('delete sheet')), 'no sheet deleted');
});

test('a protected sheet: replaceSheets refuses before writing anything, highlight marks the others, writeCells names it', async () => {
  const { fake, book } = setup(['Tổng hợp PL01', 'PL02']);
  fake.sheet('Tổng hợp PL01').protected = true;
  const spec = { ...blankTemplateSheet(builtinTemplates()[0]!, 'Huyện'), name: 'Tổng hợp PL01' };
  const refused = (error: unknown) => {
    assert.ok(error instanceof ProtectedSheetError);
    assert.deepEqual(error.sheets, ['Tổng hợp PL01']);
    assert.match(error.vi, /"Tổng hợp PL01" đang được bảo vệ/);
    assert.match(error.en, /is protected/);
    return true;
  };
  await assert.rejects(book.replaceSheets([spec, { ...spec, name: 'Mới' }]), refused);
  assert.deepEqual(fake.writes, [], 'nothing written, not even the new sheet');

  await assert.rejects(book.highlight([{ sheet: 'Tổng hợp PL01', cell: 'C5', severity: 'error' }, { sheet: 'PL02', cell: 'C5', severity: 'error' }]), refused);
  assert.equal(fake.sheet('PL02').conditionalFormats.length, 1, 'the open sheet is still marked');
  await book.clearHighlights();
  assert.equal(fake.sheet('PL02').conditionalFormats.length, 0);

  await assert.rejects(book.writeCells('Tổng hợp PL01', [{ row: 0, col: 0, value: 1 }]), refused);
});

test('text from received files is written as text, whatever Excel would make of it', async () => {
  const texts = ['#N/A', '#REF!', "'trích dẫn", ' =1+1', '\t=1+1', '＝1+1', 'Jan 5', '5/1', '=HYPERLINK("x")', '(1)', 'TRUE', 'Hộ nghèo'];
  const { fake, book } = setup(['Data']);
  await book.writeCells('Data', texts.map((value, col) => ({ row: 0, col, value })));
  texts.forEach((text, col) => assert.deepEqual(fake.cell('Data', a1(0, col)), { value: text }, JSON.stringify(text)));
  const district = setup(['Sheet1']);
  await district.book.replaceSheets([{ name: 'Xã A', cells: texts.map((value, col) => ({ row: 0, col, value, style: 'text' as const })), merges: [], columnWidths: [], rowHeights: new Map(), landscape: false }]);
  texts.forEach((text, col) => assert.deepEqual(district.fake.cell('Xã A', a1(0, col)), { value: text }, JSON.stringify(text)));
});

test('readSheets reads a sheet too large for one request in bands of rows, halving a band whose response is still over 5 MB', async () => {
  const { fake, book } = setup(['Lớn', 'Nhỏ']);
  const long = 'Ghi chú rất dài của xã về tình hình thực hiện chương trình '.repeat(3);
  for (let r = 0; r < 12_000; r++) for (let c = 0; c < 10; c++) fake.sheet('Lớn').cells.set(`${r},${c}`, { value: c === 0 ? r : `${long}${r}` });
  fake.setCell('Nhỏ', 'B2', 'x');
  let grids: Awaited<ReturnType<typeof book.readSheets>> = [];
  await book.readSheets(['Lớn', 'Nhỏ']).then((read) => (grids = read));
  assert.equal(grids[0]!.cells.length, 12_000);
  assert.deepEqual(grids[0]!.cells[11_999]?.[0], { value: 11_999 });
  assert.deepEqual(grids[0]!.cells[6_000]?.[9], { value: `${long}6000` });
  assert.deepEqual(grids[1]!.cells[1]?.[1], { value: 'x' });
});

test('a district sheet larger than 5 MB of text is written in several requests, each under the limit', async () => {
  const { fake, book } = setup(['Sheet1']);
  const note = 'Ý kiến của xã: cần bổ sung vốn cho các hộ mới thoát nghèo, '.repeat(2);
  const cells = Array.from({ length: 48_000 }, (_, i) => ({ row: Math.floor(i / 8), col: i % 8, value: `${note}${i}`, style: 'text' as const }));
  const spec: SheetSpec = { name: 'Ghi chú các xã', cells, merges: [], columnWidths: [], rowHeights: new Map(), landscape: false };
  assert.ok(Buffer.byteLength(JSON.stringify(cells.map((c) => c.value))) > REQUEST_LIMIT_BYTES, 'the text alone is over 5 MB');
  await book.replaceSheets([spec]);
  assert.ok(fake.syncPayloads.filter((bytes) => bytes > 0).length > 1);
  assert.deepEqual(fake.cell('Ghi chú các xã', a1(5_999, 7)), { value: `${note}47999` });
});

test('watchSheet: one onChanged handler per sheet, registered once; a user edit calls the listeners still watching; without ExcelApi 1.7 nothing is registered', async () => {
  const { fake, book } = setup(['PL01', 'PL02']);
  const heard: string[] = [];
  const stopA = await book.watchSheet('PL01', () => heard.push('a'));
  await book.watchSheet('PL01', () => heard.push('b'));
  assert.equal(fake.sheet('PL01').changeHandlers.length, 1, 'one handler for the sheet');
  assert.equal(fake.sheet('PL02').changeHandlers.length, 0);
  await fake.userEdit('PL01', 'C10', 5);
  assert.deepEqual(heard, ['a', 'b']);
  stopA();
  await fake.userEdit('PL01', 'C11', 6);
  assert.deepEqual(heard, ['a', 'b', 'b']);
  await fake.userEdit('PL02', 'C10', 1);
  assert.deepEqual(heard, ['a', 'b', 'b'], 'another sheet is not watched');

  const old = setup(['PL01'], upTo(6));
  await old.book.watchSheet('PL01', () => heard.push('x'));
  assert.equal(old.fake.sheet('PL01').changeHandlers.length, 0);
});
