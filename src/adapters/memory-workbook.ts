import { parseA1 } from '../engine/a1.js';
import type { Grid, GridCell } from '../engine/grid.js';
import type { SheetSpec, SpecCell, StyleName } from '../engine/sheet-spec.js';
import { specToGrid } from '../engine/spec-grid.js';
import type { Highlight, WorkbookPort } from '../workbook-port.js';

/** One sheet of the in-memory workbook: what a viewer needs to draw it. */
export interface MemorySheet {
  name: string;
  grid: Grid;
  styles: Map<string, StyleName>;
  columnWidths: number[];
}

const key = (row: number, col: number) => `${row},${col}`;
const sameName = (a: string, b: string) => a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();

/**
 * The workbook of the demo page and the pane's tests: sheets as grids, the add-in's highlights
 * kept apart from the cells (so clearing them restores the sheet exactly), a selection.
 */
export class MemoryWorkbook implements WorkbookPort {
  private sheets: MemorySheet[] = [];
  private active = 0;
  private marks: Highlight[] = [];
  selection: { sheet: string; cell: string } | null = null;
  /** How many port calls were made: the demo and tests show the pane batches its work. */
  calls = 0;
  private listeners = new Set<() => void>();
  private watchers = new Map<string, Set<() => void>>();

  static fromSpecs(specs: readonly SheetSpec[], activeSheet?: string): MemoryWorkbook {
    const workbook = new MemoryWorkbook();
    workbook.sheets = specs.map(toMemorySheet);
    if (activeSheet) workbook.active = Math.max(0, workbook.sheets.findIndex((s) => s.name === activeSheet));
    return workbook;
  }

  /** Called after every change, so a viewer can redraw. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  get sheetList(): readonly MemorySheet[] {
    return this.sheets;
  }

  get highlights(): readonly Highlight[] {
    return this.marks;
  }

  get activeName(): string {
    return this.sheets[this.active]?.name ?? '';
  }

  activate(name: string): void {
    const index = this.sheets.findIndex((s) => s.name === name);
    if (index >= 0 && index !== this.active) {
      this.active = index;
      this.changed();
    }
  }

  private sheet(name: string): MemorySheet {
    const found = this.sheets.find((s) => s.name === name);
    if (!found) throw new Error(`Không có trang "${name}" / no sheet "${name}"`);
    return found;
  }

  async listSheets(): Promise<string[]> {
    this.calls++;
    return this.sheets.map((s) => s.name);
  }

  async activeSheet(): Promise<string> {
    this.calls++;
    return this.activeName;
  }

  async readSheets(names: readonly string[]): Promise<Grid[]> {
    this.calls++;
    return names.map((name) => {
      const { grid } = this.sheet(name);
      // As the Office adapter: a hidden sheet is named and said hidden, never read.
      return grid.hidden ? { name: grid.name, cells: [], merges: [], hidden: grid.hidden } : structuredClone(grid);
    });
  }

  /** Hides a sheet (or shows it again), as the user can in Excel. */
  setHidden(name: string, hidden: Grid['hidden']): void {
    const { grid } = this.sheet(name);
    if (hidden) grid.hidden = hidden;
    else delete grid.hidden;
    this.changed();
  }

  async writeCells(sheetName: string, cells: readonly SpecCell[], merges: SheetSpec['merges'] = []): Promise<void> {
    this.calls++;
    const sheet = this.sheet(sheetName);
    for (const cell of cells) {
      const row = (sheet.grid.cells[cell.row] ??= []);
      const value = cell.formula !== undefined ? (cell.result ?? null) : (cell.value ?? null);
      const written: GridCell = { value };
      if (cell.formula !== undefined) written.formula = cell.formula;
      row[cell.col] = value === null && cell.formula === undefined ? undefined : written;
      if (cell.style) sheet.styles.set(key(cell.row, cell.col), cell.style);
    }
    sheet.grid.merges.push(...merges);
    this.changed();
    this.edited(sheetName);
  }

  /** As a user typing into a cell beside the pane (the demo, the tests): a value, or text. */
  editCell(sheetName: string, cell: string, value: string | number | null): void {
    const { row, col } = parseA1(cell);
    const sheet = this.sheet(sheetName);
    (sheet.grid.cells[row] ??= [])[col] = value === null ? undefined : { value };
    this.changed();
    this.edited(sheetName);
  }

  async watchSheet(sheet: string, listener: () => void): Promise<() => void> {
    const own = this.watchers.get(sheet) ?? new Set();
    this.watchers.set(sheet, own);
    own.add(listener);
    return () => own.delete(listener);
  }

  /** Edits fire the sheet's watchers, as Excel's onChanged does; highlights and selection do not. */
  private edited(sheetName: string): void {
    for (const listener of [...(this.watchers.get(sheetName) ?? [])]) listener();
  }

  async replaceSheets(specs: readonly SheetSpec[]): Promise<void> {
    this.calls++;
    const activeName = this.activeName;
    for (const spec of specs) {
      const index = this.sheets.findIndex((s) => sameName(s.name, spec.name));
      this.marks = this.marks.filter((m) => !sameName(m.sheet, spec.name));
      if (index >= 0) this.sheets[index] = toMemorySheet(spec);
      else this.sheets.push(toMemorySheet(spec));
    }
    this.active = Math.max(0, this.sheets.findIndex((s) => s.name === activeName));
    this.changed();
  }

  async highlight(marks: readonly Highlight[]): Promise<void> {
    this.calls++;
    this.marks = [...this.marks, ...marks];
    this.changed();
  }

  async clearHighlights(): Promise<void> {
    this.calls++;
    this.marks = [];
    this.changed();
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    this.calls++;
    parseA1(cell);
    this.activate(sheet);
    this.selection = { sheet, cell };
    this.changed();
  }
}

function toMemorySheet(spec: SheetSpec): MemorySheet {
  return {
    name: spec.name,
    grid: specToGrid(spec),
    styles: new Map(spec.cells.flatMap((c) => (c.style ? [[key(c.row, c.col), c.style] as const] : []))),
    columnWidths: [...spec.columnWidths],
  };
}
