// One contract, two workbooks: the same WorkbookPort scenarios run against the in-memory workbook
// (demo page, pane tests) and the Office.js adapter over the fake Excel, so the pane sees the same
// workbook whichever it is given. Each adapter only says how to seed a sheet and how to see marks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { a1 } from '../src/engine/a1.js';
import type { Grid } from '../src/engine/grid.js';
import { OfficeWorkbook } from '../src/adapters/office-workbook.js';
import { MemoryWorkbook } from '../src/adapters/memory-workbook.js';
import type { SheetSpec } from '../src/engine/sheet-spec.js';
import type { Highlight, WorkbookPort } from '../src/workbook-port.js';
import { FakeExcel } from './support/fake-excel.js';

interface Subject {
  port: WorkbookPort;
  /** The marked cells as "sheet!cell severity", sorted: what the user sees coloured. */
  marked(): string[];
  /** The user hides a sheet (Excel: Format › Hide, or very hidden through VBA). */
  hide(sheet: string, state: 'hidden' | 'veryHidden'): void;
}

const spec = (name: string, cells: SheetSpec['cells']): SheetSpec => ({ name, cells, merges: [], columnWidths: [], rowHeights: new Map(), landscape: false });

const adapters: Record<string, (names: string[]) => Subject> = {
  memory(names) {
    const book = MemoryWorkbook.fromSpecs(names.map((name) => spec(name, [])));
    return { port: book, marked: () => book.highlights.map((m) => `${m.sheet}!${m.cell} ${m.severity}`).sort(), hide: (sheet, state) => book.setHidden(sheet, state) };
  },
  office(names) {
    const fake = new FakeExcel(names);
    const severityOf = (fill: unknown) => (fill === '#FFC7CE' ? 'error' : 'warning');
    return {
      port: new OfficeWorkbook(fake.run, () => true),
      marked: () =>
        fake.sheets
          .flatMap((s) => s.conditionalFormats.flatMap((f) => [f.area, ...(f.more ?? [])].map((area) => `${s.name}!${a1(area.top, area.left)} ${severityOf(f.fill)}`)))
          .sort(),
      hide: (sheet, state) => (fake.sheet(sheet).visibility = state === 'hidden' ? 'Hidden' : 'VeryHidden'),
    };
  },
};

const values = (grid: Grid) => grid.cells.map((row) => (row ?? []).map((cell) => cell?.value ?? null));

for (const [name, make] of Object.entries(adapters)) {
  test(`${name}: replaceSheets replaces a sheet of the same name (NFC, any case) in place and adds the others`, async () => {
    const { port } = make(['Ghi chú', 'Tổng hợp PL01', 'Cuối']);
    await port.writeCells('Tổng hợp PL01', [{ row: 0, col: 0, value: 'cũ' }, { row: 3, col: 2, value: 99 }]);
    // Decomposed "ợ" and upper case: still the same sheet to Excel.
    await port.replaceSheets([spec('TỔNG HỢP PL01'.normalize('NFD'), [{ row: 0, col: 1, value: 'mới' }]), spec('Mới thêm', [{ row: 1, col: 0, value: 7 }])]);
    const names = await port.listSheets();
    assert.equal(names.length, 4, names.join(', '));
    assert.deepEqual(names.map((n) => n.normalize('NFC').toLowerCase()), ['ghi chú', 'tổng hợp pl01', 'cuối', 'mới thêm']);
    const [replaced, added] = await port.readSheets([names[1]!, 'Mới thêm']);
    // Nothing of the old sheet is left: not its text, not its number.
    assert.deepEqual(values(replaced!).flat().filter((v) => v !== null), ['mới']);
    assert.deepEqual(values(added!).flat().filter((v) => v !== null), [7]);
  });

  test(`${name}: a hidden or very hidden sheet is listed, and read as hidden with none of its cells`, async () => {
    const { port, hide } = make(['A', 'Ẩn', 'Rất ẩn']);
    for (const sheet of ['A', 'Ẩn', 'Rất ẩn']) await port.writeCells(sheet, [{ row: 0, col: 0, value: `số liệu ${sheet}` }, { row: 1, col: 1, value: 5 }]);
    hide('Ẩn', 'hidden');
    hide('Rất ẩn', 'veryHidden');
    assert.deepEqual(await port.listSheets(), ['A', 'Ẩn', 'Rất ẩn']);
    const grids = await port.readSheets(['A', 'Ẩn', 'Rất ẩn']);
    assert.deepEqual(
      grids.map((g) => [g.name, g.hidden, values(g).flat().filter((v) => v !== null), g.merges]),
      [
        ['A', undefined, ['số liệu A', 5], []],
        ['Ẩn', 'hidden', [], []],
        ['Rất ẩn', 'veryHidden', [], []],
      ],
    );
  });

  test(`${name}: writeCells writes values and formulas that readSheets gives back, other sheets untouched`, async () => {
    const { port } = make(['A', 'B']);
    await port.writeCells('B', [{ row: 1, col: 1, value: 12.5 }, { row: 1, col: 2, value: 'Xã Cam Thành' }, { row: 2, col: 1, formula: 'B2*2', result: 25 }]);
    const [a, b] = await port.readSheets(['A', 'B']);
    assert.deepEqual(values(a!).flat().filter((v) => v !== null), []);
    assert.equal(b!.cells[1]![1]!.value, 12.5);
    assert.equal(b!.cells[1]![2]!.value, 'Xã Cam Thành');
    assert.equal(b!.cells[2]![1]!.formula, 'B2*2');
  });

  test(`${name}: highlight marks exactly the cells given, adds up across calls, and clearHighlights removes them all`, async () => {
    const subject = make(['PL01', 'PL02']);
    const marks: Highlight[] = [
      { sheet: 'PL01', cell: 'E12', severity: 'error' },
      { sheet: 'PL01', cell: 'F12', severity: 'warning' },
      { sheet: 'PL02', cell: 'C9', severity: 'error' },
    ];
    await subject.port.highlight(marks.slice(0, 2));
    await subject.port.highlight(marks.slice(2));
    assert.deepEqual(subject.marked(), ['PL01!E12 error', 'PL01!F12 warning', 'PL02!C9 error']);
    await subject.port.clearHighlights();
    assert.deepEqual(subject.marked(), []);
  });

  test(`${name}: replacing a sheet drops the marks on it, not those on other sheets`, async () => {
    const subject = make(['PL01', 'PL02']);
    await subject.port.highlight([{ sheet: 'PL01', cell: 'B2', severity: 'error' }, { sheet: 'PL02', cell: 'C3', severity: 'warning' }]);
    await subject.port.replaceSheets([spec('PL01', [{ row: 0, col: 0, value: 1 }])]);
    assert.deepEqual(subject.marked(), ['PL02!C3 warning']);
  });

  test(`${name}: selectCell makes that sheet the active one`, async () => {
    const { port } = make(['Một', 'Hai', 'Ba']);
    assert.equal(await port.activeSheet(), 'Một');
    await port.selectCell('Ba', 'D7');
    assert.equal(await port.activeSheet(), 'Ba');
    assert.deepEqual(await port.listSheets(), ['Một', 'Hai', 'Ba']);
  });
}

test('office: highlight counts its address lists in the write batch, so a small budget means more, smaller requests', async () => {
  const cells = Array.from({ length: 3000 }, (_, i) => a1(i, 4));
  const marks = cells.map((cell) => ({ sheet: 'PL01', cell, severity: 'error' as const }));
  const syncs = async (budget?: number) => {
    const fake = new FakeExcel(['PL01']);
    await new OfficeWorkbook(fake.run, () => true, budget).highlight(marks);
    assert.equal(fake.sheet('PL01').conditionalFormats.flatMap((f) => [f.area, ...(f.more ?? [])]).length, cells.length);
    return fake.syncCount;
  };
  const whole = await syncs();
  // Each address list is up to 4 000 characters: with a 4 500-byte budget no two fit one request.
  const small = await syncs(4_500);
  assert.equal(whole, 2);
  assert.ok(small > whole + 2, `${small} syncs under a 4 500-byte budget`);
});
