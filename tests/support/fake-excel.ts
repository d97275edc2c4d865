/**
 * A strict in-memory stand-in for the part of the Excel JavaScript API that OfficeWorkbook uses.
 * Like Office.js it queues every write and load, runs them in order at context.sync(), and
 * refuses to show a property that was not loaded and synced. It does not calculate formulas.
 *
 * Labelled assumptions, each from the Microsoft page it cites; `npm run test:excel` checks the
 * ones the adapter relies on inside a real Excel (tests/excel/adapter-checks.ts):
 * - REQUEST LIMIT: a sync whose request or response is over 5 MB fails with
 *   RequestPayloadSizeLimitExceeded ("Resource limits and performance optimization for Office
 *   Add-ins": "Excel on the web has a payload size limit for requests and responses of 5MB",
 *   https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization).
 *   Sizes are the UTF-8 JSON of the written arrays and of the loaded values, plus a fixed cost
 *   per command.
 * - PROTECTED SHEETS: writing to a protected sheet fails the batch with AccessDenied; the
 *   sheet's `protection.protected` tells beforehand ("Work with worksheets: Protect worksheet
 *   data", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-worksheets#protect-worksheet-data).
 *   The error code is an assumption.
 * - RENAME AND DELETE: renaming a sheet rewrites other sheets' formulas that point at it;
 *   deleting it turns those references into #REF! (Excel's own behaviour: Microsoft Support,
 *   "How to correct a #REF! error" (support.microsoft.com);
 *   the add-in docs do not restate it for the API).
 * - TYPING (an assumption: the page on Range.values and Range.formulas, "Set or get Excel range
 *   values, text, and formulas", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values,
 *   does not say how strings are parsed): strings set through the API are parsed as typed input:
 *   "#N/A" and the other error texts become errors; "=" after leading spaces or a tab, and the
 *   full-width "＝", start a formula (an assumption from the design brief's platform facts);
 *   "Jan 5" and "5/1" become dates, and a leading apostrophe keeps the rest as text (Microsoft
 *   Support, "Stop automatically changing numbers to dates"); in a cell formatted as Text ("@")
 *   any input stays text (Microsoft Support, "Format numbers as text").
 * - VISIBILITY: `Worksheet.visibility` reads "Visible", "Hidden" or "VeryHidden" (ExcelApi 1.1
 *   for reading it; Excel.SheetVisibility, https://learn.microsoft.com/javascript/api/excel/excel.sheetvisibility,
 *   and the Worksheet class, https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-visibility-member).
 *   A hidden sheet's cells stay readable through the API (an assumption: the pages do not say
 *   otherwise; the adapter chooses not to read them);
 *   the fake does not model the rule that one sheet must stay visible.
 */
import { a1, parseRange, type CellRange } from '../../src/engine/a1.js';

const MAX_ROWS = 1_048_576;
/** 5 MB: the request and response limit of Excel on the web. */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
/** What one queued command costs in the request besides its arrays (object path, method). */
const COMMAND_COST = 100;
const ERROR_TEXTS = ['#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA'];
const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const utf8 = new TextEncoder();
/** UTF-8 bytes of a value as JSON, as it travels in a request or a response. */
const jsonBytes = (value: unknown) => utf8.encode(JSON.stringify(value)).length;
const MAX_COLUMNS = 16_384;

export interface FakeCell {
  /** What the cell shows; for an error, its text such as "#REF!". */
  value: string | number | boolean;
  /** Formula text with its leading "=". */
  formula?: string;
  error?: boolean;
}

export interface FakeConditionalFormat {
  id: number;
  type: 'Custom' | 'CellValue' | 'DataBar' | 'ColorScale';
  area: CellRange;
  /** Further areas of a format added over RangeAreas. */
  more?: CellRange[];
  formula?: string;
  fill?: string;
}

export interface FakeSheet {
  name: string;
  cells: Map<string, FakeCell>;
  /** Per cell: "font.bold", "fill.color", "border.top", "numberFormat", ... as last written. */
  formats: Map<string, Record<string, unknown>>;
  merges: CellRange[];
  conditionalFormats: FakeConditionalFormat[];
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  frozen?: { rows: number; columns: number };
  pageLayout: Record<string, unknown>;
  /** Data Validation per range address ("C10:C12"), as last set: rule, prompt, errorAlert, ignoreBlanks. */
  validations: Map<string, Record<string, unknown>>;
  /** Worksheet.onChanged handlers (ExcelApi 1.7), called by userEdit. */
  changeHandlers: Array<(args: { source: string; address: string; changeType: string }) => Promise<void>>;
  protected?: boolean;
  /** Worksheet.visibility (see VISIBILITY above); absent is "Visible". */
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
}

export class PropertyNotLoadedError extends Error {
  readonly code = 'PropertyNotLoaded';
  constructor(property: string) {
    super(`The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
  }
}

const key = (row: number, col: number) => `${row},${col}`;
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase(); // Excel: case-insensitive, no Unicode normalisation
const intersects = (a: CellRange, b: CellRange) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

/** "B2", "B2:D5", "C:C" or "3:3" (the forms the adapter passes) as a 0-based area. */
function parseAddress(address: string): CellRange {
  const columns = /^([A-Z]+):([A-Z]+)$/i.exec(address);
  if (columns) return { ...parseRange(`${columns[1]}1:${columns[2]}1`), top: 0, bottom: MAX_ROWS - 1 };
  const rows = /^(\d+):(\d+)$/.exec(address);
  if (rows) return { top: Number(rows[1]) - 1, bottom: Number(rows[2]) - 1, left: 0, right: MAX_COLUMNS - 1 };
  return parseRange(address);
}

function* cellsOf(area: CellRange): Generator<[number, number]> {
  for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) yield [r, c];
}

/**
 * What Excel makes of input typed (or set through values/formulas) into a cell; undefined
 * clears it. `numberFormat` is the cell's format when the input arrives.
 */
export function typed(input: unknown, numberFormat?: unknown): FakeCell | undefined {
  if (input === '' || input === undefined) return undefined;
  if (numberFormat === '@') return { value: typeof input === 'string' && input.startsWith("'") ? input.slice(1) : String(input) };
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input };
  const text = String(input);
  if (text.startsWith("'")) return { value: text.slice(1) };
  if (ERROR_TEXTS.includes(text.trim().toUpperCase())) return { value: text.trim().toUpperCase(), error: true };
  if (/^[\s]+[=+\-@]./.test(text) || /^\s*[＝＋－＠]./.test(text)) return { formula: `=${text.trim().replace(/^[=＝]/, '')}`, value: 0 };
  const date = new RegExp(`^\\s*(?:(${MONTHS})[a-z]*\\.?\\s+\\d{1,2}|\\d{1,2}\\s+(${MONTHS})[a-z]*|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?)\\s*$`, 'i');
  if (date.test(text)) return { value: 46000 + text.length }; // a date serial; which day does not matter here
  const number = /^([+-]?)\(?(\d+(?:\.\d+)?|\.\d+)\)?(%?)$/.exec(text);
  if (number) {
    const n = Number(number[2]) * (number[1] === '-' || text.includes('(') ? -1 : 1);
    return { value: number[3] ? n / 100 : n };
  }
  if (/^(true|false)$/i.test(text)) return { value: text.toLowerCase() === 'true' };
  if (/^[=+\-@]./.test(text)) return { formula: text.startsWith('=') ? text : `=${text}`, value: 0 };
  return { value: text };
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  activeSheet: string;
  selection?: { sheet: string; address: string };
  syncCount = 0;
  /** Every change made to the workbook, in order (what, and where). Selecting is not a change. */
  readonly writes: string[] = [];
  /** UTF-8 bytes of the cell arrays written in each sync, in order. */
  readonly syncPayloads: number[] = [];
  private nextId = 1;

  constructor(names: readonly string[] = ['Sheet1']) {
    for (const name of names) this.addSheet(name);
    this.activeSheet = names[0] ?? '';
  }

  addSheet(name: string): FakeSheet {
    if (name.length > 31 || /[:\\/?*[\]]/.test(name)) throw new Error(`InvalidArgument: bad sheet name ${name}`);
    if (this.sheets.some((s) => sameName(s.name, name))) throw new Error(`ItemAlreadyExists: a sheet named ${name} exists`);
    const sheet: FakeSheet = { name, cells: new Map(), formats: new Map(), merges: [], conditionalFormats: [], columnWidths: new Map(), rowHeights: new Map(), pageLayout: {}, validations: new Map(), changeHandlers: [] };
    this.sheets.push(sheet);
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((s) => sameName(s.name, name));
    if (!found) throw new Error(`ItemNotFound: no sheet ${name}`);
    return found;
  }

  /** Seeds a cell as stored (no parsing): a plain value, or { value, formula } / { error }. */
  setCell(sheet: string, address: string, cell: FakeCell | string | number | boolean | { error: string; formula?: string }): void {
    const { top, left } = parseAddress(address);
    const stored: FakeCell = typeof cell !== 'object' ? { value: cell } : 'error' in cell && typeof cell.error === 'string' ? { value: cell.error, error: true, ...(cell.formula ? { formula: cell.formula } : {}) } : (cell as FakeCell);
    this.sheet(sheet).cells.set(key(top, left), stored);
  }

  /** The user typing into a cell: the value lands, then the sheet's onChanged handlers run. */
  async userEdit(sheet: string, address: string, value: string | number): Promise<void> {
    this.setCell(sheet, address, value);
    for (const handler of this.sheet(sheet).changeHandlers) await handler({ source: 'Local', address, changeType: 'RangeEdited' });
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    const { top, left } = parseAddress(address);
    return this.sheet(sheet).cells.get(key(top, left));
  }

  format(sheet: string, address: string): Record<string, unknown> {
    const { top, left } = parseAddress(address);
    return this.sheet(sheet).formats.get(key(top, left)) ?? {};
  }

  addConditionalFormat(sheet: string, address: string, format: Omit<FakeConditionalFormat, 'id' | 'area'>): FakeConditionalFormat {
    const added = { ...format, id: this.nextId++, area: parseAddress(address) };
    this.sheet(sheet).conditionalFormats.push(added);
    return added;
  }

  newId(): number {
    return this.nextId++;
  }

  /** Excel.run: a fresh context per batch; commands still queued when the batch ends are sent too. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = new FakeContext(this);
    // The fake implements only what the adapter uses; this is the one place it poses as Office.js.
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.pending) await context.sync();
    return result;
  };
}

class FakeContext {
  readonly workbook: FakeWorkbook;
  /** Counts completed syncs: a proxy may show isNullObject once one has happened since it was made. */
  generation = 0;
  payload = 0;
  private queue: Array<() => void> = [];

  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }

  get pending(): boolean {
    return this.queue.length > 0;
  }

  /** Bytes of loaded values in the response being built by the running sync. */
  response = 0;

  enqueue(command: () => void): void {
    this.queue.push(command);
  }

  /** A command that changes the workbook; refused on a protected sheet, recorded in `writes`. */
  write(what: string, sheet: (() => FakeSheet) | null, command: () => void): void {
    this.enqueue(() => {
      const target = sheet?.();
      if (target?.protected) throw new Error(`AccessDenied: the sheet ${target.name} is protected`);
      command();
      this.excel.writes.push(target ? `${what} ${target.name}` : what);
    });
  }

  async sync(): Promise<void> {
    await Promise.resolve();
    const commands = this.queue;
    this.queue = [];
    this.excel.syncCount++;
    this.excel.syncPayloads.push(this.payload);
    const request = this.payload + commands.length * COMMAND_COST;
    this.payload = 0;
    this.response = 0;
    try {
      if (request > REQUEST_LIMIT_BYTES) throw Object.assign(new Error(`RequestPayloadSizeLimitExceeded: request of ${request} bytes`), { code: 'RequestPayloadSizeLimitExceeded' });
      // Office.js runs a batch's commands in order and stops at the first that fails.
      for (const command of commands) command();
      if (this.response > REQUEST_LIMIT_BYTES) throw Object.assign(new Error(`RequestPayloadSizeLimitExceeded: response of ${this.response} bytes`), { code: 'RequestPayloadSizeLimitExceeded' });
    } finally {
      this.generation++;
    }
  }
}

/** A proxy: loads and writes are queued; loaded values appear only after sync. */
abstract class FakeObject {
  private readonly data = new Map<string, unknown>();
  private readonly born: number;

  constructor(protected readonly ctx: FakeContext) {
    this.born = ctx.generation;
  }

  load(spec?: string | string[]): this {
    const paths = (Array.isArray(spec) ? spec : (spec ?? '').split(',')).map((p) => p.trim()).filter(Boolean);
    this.ctx.enqueue(() => paths.forEach((path) => this.fetch(path)));
    return this;
  }

  /** Reads a load path now (at sync): "name", or "format/font/bold" through navigation properties. */
  fetch(path: string): void {
    const [head = '', ...rest] = path.split('/');
    if (rest.length) return this.child(head).fetch(rest.join('/'));
    const value = this.isNull() ? null : this.read(head);
    this.ctx.response += jsonBytes(value ?? null);
    this.data.set(head, value);
  }

  protected child(name: string): FakeObject {
    throw new Error(`InvalidArgument: ${this.constructor.name}.${name} is not a navigation property`);
  }

  protected read(name: string): unknown {
    throw new Error(`InvalidArgument: ${this.constructor.name}.${name} cannot be loaded`);
  }

  protected loaded<T>(name: string): T {
    if (!this.data.has(name)) throw new PropertyNotLoadedError(name);
    return this.data.get(name) as T;
  }

  isNull(): boolean {
    return false;
  }

  get isNullObject(): boolean {
    if (this.ctx.generation === this.born) throw new PropertyNotLoadedError('isNullObject');
    return this.isNull();
  }
}

/** A collection: `items` are made from the workbook at the sync that loads them. */
abstract class FakeCollection<T extends FakeObject> extends FakeObject {
  private list?: T[];
  private madeAt = -1;

  protected abstract source(): T[];

  get items(): T[] {
    if (!this.list) throw new PropertyNotLoadedError('items');
    return this.list;
  }

  override fetch(path: string): void {
    // One set of items per sync, whatever number of paths load into it.
    if (this.madeAt !== this.ctx.generation) {
      this.list = this.source();
      this.madeAt = this.ctx.generation;
    }
    const rest = path.replace(/^items\/?/, '');
    if (rest) for (const item of this.list ?? []) item.fetch(rest);
  }
}

class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
  }
}

class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  protected source(): FakeWorksheet[] {
    return this.ctx.excel.sheets.map((sheet) => new FakeWorksheet(this.ctx, () => sheet));
  }

  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.sheet(name));
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.sheets.find((s) => sameName(s.name, name)) ?? null, true);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.excel.sheet(this.ctx.excel.activeSheet));
  }

  add(name: string): FakeWorksheet {
    let added: FakeSheet | undefined;
    this.ctx.write(`add sheet ${name}`, null, () => (added = this.ctx.excel.addSheet(name)));
    return new FakeWorksheet(this.ctx, () => added ?? null);
  }
}

class FakeWorksheet extends FakeObject {
  private bound?: FakeSheet | null;

  constructor(
    ctx: FakeContext,
    private readonly find: () => FakeSheet | null,
    private readonly nullable = false,
  ) {
    super(ctx);
    // A proxy is tied to its sheet when first used in a sync, and follows it through renames.
    if (nullable) ctx.enqueue(() => this.sheetOrNull());
  }

  sheetOrNull(): FakeSheet | null {
    if (this.bound === undefined) this.bound = this.find();
    return this.bound;
  }

  sheet(): FakeSheet {
    const sheet = this.sheetOrNull();
    if (!sheet) throw new Error('ItemNotFound: the worksheet does not exist');
    return sheet;
  }

  override isNull(): boolean {
    return this.nullable && this.sheetOrNull() === null;
  }

  protected override read(name: string): unknown {
    if (name === 'name') return this.sheet().name;
    if (name === 'visibility') return this.sheet().visibility ?? 'Visible';
    return super.read(name);
  }

  get name(): string {
    return this.loaded('name');
  }

  get visibility(): string {
    return this.loaded('visibility');
  }

  set name(name: string) {
    this.ctx.write('rename', () => this.sheet(), () => {
      const sheet = this.sheet();
      if (this.ctx.excel.sheets.some((s) => s !== sheet && sameName(s.name, name))) throw new Error(`ItemAlreadyExists: ${name}`);
      // Formulas elsewhere follow the sheet to its new name.
      rewriteReferences(this.ctx.excel, sheet.name, () => sheetReference(name));
      sheet.name = name;
    });
  }

  delete(): void {
    this.ctx.write('delete sheet', () => this.sheet(), () => {
      const excel = this.ctx.excel;
      const sheet = this.sheet();
      if (excel.sheets.length === 1) throw new Error("InvalidOperation: a workbook must keep at least one visible sheet");
      excel.sheets.splice(excel.sheets.indexOf(sheet), 1);
      // Formulas elsewhere that pointed at it now point nowhere.
      rewriteReferences(excel, sheet.name, null);
      if (sameName(excel.activeSheet, sheet.name)) excel.activeSheet = excel.sheets[0]!.name;
    });
  }

  private protectionProxy?: FakeObject & { readonly protected: boolean };

  get protection(): FakeObject & { readonly protected: boolean } {
    const sheet = this;
    return (this.protectionProxy ??= new (class extends FakeObject {
      protected override read(name: string): unknown {
        if (name === 'protected') return sheet.sheet().protected ?? false;
        return super.read(name);
      }
      get protected(): boolean {
        return this.loaded('protected');
      }
    })(this.ctx));
  }

  protected override child(name: string): FakeObject {
    if (name === 'protection') return this.protection;
    return super.child(name);
  }

  /** Several areas at once ("A1:B2, D4"), ExcelApi 1.9. */
  getRanges(address: string): FakeRangeAreasOfSheet {
    return new FakeRangeAreasOfSheet(this.ctx, this, address.split(',').map((part) => parseAddress(part.trim())));
  }

  activate(): void {
    this.ctx.enqueue(() => (this.ctx.excel.activeSheet = this.sheet().name));
  }

  getRange(address?: string): FakeRange {
    const area = address === undefined ? { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLUMNS - 1 } : parseAddress(address);
    return new FakeRange(this.ctx, this, () => area);
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, this, () => usedArea(this.sheet(), valuesOnly), true);
  }

  /** Worksheet.onChanged.add: registered when the request is synced; removal is not modelled. */
  get onChanged() {
    return {
      add: (handler: FakeSheet['changeHandlers'][number]) => {
        this.ctx.enqueue(() => this.sheet().changeHandlers.push(handler));
        return { remove: () => { throw new Error('fake: removing an event handler is not modelled'); } };
      },
    };
  }

  get freezePanes() {
    return {
      freezeRows: (rows = 1) => this.ctx.write('freeze', () => this.sheet(), () => (this.sheet().frozen = { rows, columns: 0 })),
      freezeColumns: (columns = 1) => this.ctx.write('freeze', () => this.sheet(), () => (this.sheet().frozen = { rows: 0, columns })),
      unfreeze: () => this.ctx.write('unfreeze', () => this.sheet(), () => (this.sheet().frozen = undefined)),
      freezeAt: (range: FakeRange | string) =>
        this.ctx.write('freeze', () => this.sheet(), () => {
          const area = typeof range === 'string' ? parseAddress(range) : range.area();
          if (area.top !== 0 || area.left !== 0) throw new Error('InvalidArgument: freezeAt takes a range from A1');
          this.sheet().frozen = { rows: area.bottom + 1, columns: area.right + 1 };
        }),
    };
  }

  get pageLayout() {
    const set = (property: string, value: unknown) => this.ctx.write('page layout', () => this.sheet(), () => (this.sheet().pageLayout[property] = value));
    return {
      set orientation(value: string) { set('orientation', value); },
      set paperSize(value: string) { set('paperSize', value); },
      setPrintTitleRows: (rows: string) => set('printTitleRows', rows),
      setPrintTitleColumns: (columns: string) => set('printTitleColumns', columns),
      set zoom(value: unknown) { set('zoom', value); },
      headersFooters: { defaultForAllPages: { set centerFooter(value: string) { set('centerFooter', value); } } },
    };
  }
}

function usedArea(sheet: FakeSheet, valuesOnly: boolean): CellRange | null {
  const keys = [...sheet.cells.keys(), ...(valuesOnly ? [] : sheet.formats.keys())];
  if (!keys.length) return null;
  const points = keys.map((k) => k.split(',').map(Number) as [number, number]);
  const rows = points.map((p) => p[0]);
  const cols = points.map((p) => p[1]);
  return { top: Math.min(...rows), bottom: Math.max(...rows), left: Math.min(...cols), right: Math.max(...cols) };
}

type Matrix = unknown[][];

class FakeRange extends FakeObject {
  private resolved?: CellRange | null;
  private formatProxy?: FakeRangeFormat;
  private formatsProxy?: FakeConditionalFormatCollection;

  constructor(
    ctx: FakeContext,
    readonly worksheet: FakeWorksheet,
    private readonly locate: () => CellRange | null,
    private readonly nullable = false,
  ) {
    super(ctx);
    if (nullable) ctx.enqueue(() => this.areaOrNull());
  }

  areaOrNull(): CellRange | null {
    if (this.resolved === undefined) this.resolved = this.locate();
    return this.resolved;
  }

  area(): CellRange {
    const area = this.areaOrNull();
    if (!area) throw new Error('InvalidOperation: the range is a null object');
    return area;
  }

  override isNull(): boolean {
    return this.nullable && this.areaOrNull() === null;
  }

  protected override child(name: string): FakeObject {
    if (name === 'conditionalFormats') return this.conditionalFormats;
    return super.child(name);
  }

  protected override read(name: string): unknown {
    const area = this.area();
    const sheet = this.worksheet.sheet();
    const grid = (f: (cell: FakeCell | undefined, r: number, c: number) => unknown) => {
      if ((area.bottom - area.top + 1) * (area.right - area.left + 1) > 1_000_000) throw new Error('fake: range too large to read');
      const out: Matrix = [];
      for (let r = area.top; r <= area.bottom; r++) {
        const row: unknown[] = [];
        for (let c = area.left; c <= area.right; c++) row.push(f(sheet.cells.get(key(r, c)), r, c));
        out.push(row);
      }
      return out;
    };
    switch (name) {
      case 'values': return grid((cell) => cell?.value ?? '');
      case 'formulas': return grid((cell) => cell?.formula ?? cell?.value ?? '');
      case 'valueTypes': return grid((cell) => (!cell ? 'Empty' : cell.error ? 'Error' : typeof cell.value === 'number' ? 'Double' : typeof cell.value === 'boolean' ? 'Boolean' : 'String'));
      case 'numberFormat': return grid((_, r, c) => sheet.formats.get(key(r, c))?.numberFormat ?? 'General');
      case 'rowIndex': return area.top;
      case 'columnIndex': return area.left;
      case 'rowCount': return area.bottom - area.top + 1;
      case 'columnCount': return area.right - area.left + 1;
      case 'cellCount': return (area.bottom - area.top + 1) * (area.right - area.left + 1);
      case 'address': return `${sheet.name}!${a1(area.top, area.left)}:${a1(area.bottom, area.right)}`;
    }
    return super.read(name);
  }

  get values(): Matrix { return this.loaded('values'); }
  get formulas(): Matrix { return this.loaded('formulas'); }
  get valueTypes(): string[][] { return this.loaded('valueTypes'); }
  get numberFormat(): Matrix { return this.loaded('numberFormat'); }
  get rowIndex(): number { return this.loaded('rowIndex'); }
  get columnIndex(): number { return this.loaded('columnIndex'); }
  get cellCount(): number { return this.loaded('cellCount'); }
  get rowCount(): number { return this.loaded('rowCount'); }
  get columnCount(): number { return this.loaded('columnCount'); }
  get address(): string { return this.loaded('address'); }

  set values(matrix: Matrix) { this.writeCells(matrix); }
  set formulas(matrix: Matrix) { this.writeCells(matrix); }
  set numberFormat(matrix: Matrix) {
    this.eachCell(matrix, (r, c, value) => (formatOf(this.worksheet.sheet(), r, c).numberFormat = value));
  }

  /** Range.clear(): contents and formats (what the adapter asks for: "All"). */
  clear(applyTo = 'All'): void {
    this.ctx.write('clear', () => this.worksheet.sheet(), () => {
      if (applyTo !== 'All') throw new Error(`fake: clear(${applyTo}) is not modelled`);
      const area = this.area();
      const sheet = this.worksheet.sheet();
      for (const [k] of [...sheet.cells]) if (inArea(k, area)) sheet.cells.delete(k);
      for (const [k] of [...sheet.formats]) if (inArea(k, area)) sheet.formats.delete(k);
    });
  }

  unmerge(): void {
    this.ctx.write('unmerge', () => this.worksheet.sheet(), () => {
      const area = this.area();
      const sheet = this.worksheet.sheet();
      sheet.merges = sheet.merges.filter((m) => !intersects(m, area));
    });
  }

  /** Values and formulas are both taken as typed input, as Excel does: "=..." becomes a formula. */
  private writeCells(matrix: Matrix): void {
    this.eachCell(matrix, (r, c, input) => {
      const sheet = this.worksheet.sheet();
      const cells = sheet.cells;
      if (input === null) return; // Office.js: null leaves the cell as it is
      const cell = typed(input, sheet.formats.get(key(r, c))?.numberFormat);
      if (cell) cells.set(key(r, c), cell);
      else cells.delete(key(r, c));
    });
  }

  private eachCell(matrix: Matrix, apply: (r: number, c: number, value: unknown) => void): void {
    this.ctx.payload += jsonBytes(matrix);
    this.ctx.write('cells', () => this.worksheet.sheet(), () => {
      const area = this.area();
      if (matrix.length !== area.bottom - area.top + 1 || matrix.some((row) => row.length !== area.right - area.left + 1)) {
        throw new Error(`InvalidArgument: the array does not match the size of ${a1(area.top, area.left)}:${a1(area.bottom, area.right)}`);
      }
      for (const [r, c] of cellsOf(area)) apply(r, c, matrix[r - area.top]![c - area.left]);
    });
  }

  get format(): FakeRangeFormat {
    return (this.formatProxy ??= new FakeRangeFormat(this.ctx, this));
  }

  /**
   * Range.dataValidation (ExcelApi 1.8): rule, prompt, errorAlert and ignoreBlanks set per range;
   * clear() removes every rule overlapping the range. Whole sheets only are cleared by the adapter.
   */
  get dataValidation() {
    const sheet = () => this.worksheet.sheet();
    const address = () => {
      const area = this.area();
      return `${a1(area.top, area.left)}:${a1(area.bottom, area.right)}`;
    };
    const set = (property: string, value: unknown) =>
      this.ctx.write('data validation', sheet, () => {
        const rules = sheet().validations;
        rules.set(address(), { ...(rules.get(address()) ?? {}), [property]: value });
      });
    return {
      set rule(value: unknown) { set('rule', value); },
      set prompt(value: unknown) { set('prompt', value); },
      set errorAlert(value: unknown) { set('errorAlert', value); },
      set ignoreBlanks(value: boolean) { set('ignoreBlanks', value); },
      clear: () => this.ctx.write('data validation', sheet, () => sheet().validations.clear()),
    };
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this.formatsProxy ??= new FakeConditionalFormatCollection(this.ctx, { worksheet: this.worksheet, areas: () => [this.area()] }));
  }

  merge(across = false): void {
    this.ctx.write('merge', () => this.worksheet.sheet(), () => {
      if (across) throw new Error('fake: merge(true) is not modelled');
      const area = this.area();
      const sheet = this.worksheet.sheet();
      if (sheet.merges.some((m) => intersects(m, area))) throw new Error('InvalidOperation: the range overlaps a merged area');
      sheet.merges.push(area);
      // Excel keeps only the top-left cell's content.
      for (const [r, c] of cellsOf(area)) if (r !== area.top || c !== area.left) sheet.cells.delete(key(r, c));
    });
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, () => {
      const area = this.area();
      const merges = this.worksheet.sheet().merges.filter((m) => intersects(m, area));
      return merges.length ? merges.map((m) => new FakeRange(this.ctx, this.worksheet, () => m)) : null;
    });
  }

  select(): void {
    this.ctx.enqueue(() => {
      const sheet = this.worksheet.sheet();
      if (!sameName(this.ctx.excel.activeSheet, sheet.name)) throw new Error('InvalidOperation: select() needs the range on the active sheet');
      const area = this.area();
      this.ctx.excel.selection = { sheet: sheet.name, address: area.top === area.bottom && area.left === area.right ? a1(area.top, area.left) : `${a1(area.top, area.left)}:${a1(area.bottom, area.right)}` };
    });
  }
}

function formatOf(sheet: FakeSheet, r: number, c: number): Record<string, unknown> {
  let format = sheet.formats.get(key(r, c));
  if (!format) sheet.formats.set(key(r, c), (format = {}));
  return format;
}

class FakeRangeAreas extends FakeObject {
  private resolved?: FakeRange[] | null;
  private collection?: FakeRangeCollection;

  constructor(ctx: FakeContext, private readonly locate: () => FakeRange[] | null) {
    super(ctx);
    ctx.enqueue(() => this.ranges());
  }

  ranges(): FakeRange[] | null {
    if (this.resolved === undefined) this.resolved = this.locate();
    return this.resolved;
  }

  override isNull(): boolean {
    return this.ranges() === null;
  }

  protected override child(name: string): FakeObject {
    if (name === 'areas') return this.areas;
    return super.child(name);
  }

  get areas(): FakeRangeCollection {
    return (this.collection ??= new FakeRangeCollection(this.ctx, () => this.ranges() ?? []));
  }
}

class FakeRangeCollection extends FakeCollection<FakeRange> {
  constructor(ctx: FakeContext, private readonly ranges: () => FakeRange[]) {
    super(ctx);
  }
  protected source(): FakeRange[] {
    return this.ranges();
  }
}

/** Writes one format property to every cell of the range at sync. */
function setFormat(ctx: FakeContext, range: FakeRange, property: string, value: unknown): void {
  ctx.write(property, () => range.worksheet.sheet(), () => {
    const sheet = range.worksheet.sheet();
    for (const [r, c] of cellsOf(range.area())) formatOf(sheet, r, c)[property] = value;
  });
}

class FakeRangeFormat {
  readonly font;
  readonly fill;
  readonly borders;

  constructor(private readonly ctx: FakeContext, private readonly range: FakeRange) {
    const set = (property: string) => (value: unknown) => setFormat(ctx, range, property, value);
    this.font = setters(['name', 'size', 'bold', 'italic', 'color'], (p) => set(`font.${p}`));
    this.fill = setters(['color'], () => set('fill.color'));
    this.borders = { getItem: (side: string) => setters(['style', 'weight', 'color'], (p) => this.borderWriter(side, p)) };
  }

  set horizontalAlignment(value: string) { setFormat(this.ctx, this.range, 'horizontalAlignment', value); }
  set verticalAlignment(value: string) { setFormat(this.ctx, this.range, 'verticalAlignment', value); }
  set wrapText(value: boolean) { setFormat(this.ctx, this.range, 'wrapText', value); }
  set columnWidth(points: number) {
    this.ctx.write('column width', () => this.range.worksheet.sheet(), () => {
      const area = this.range.area();
      for (let c = area.left; c <= area.right; c++) this.range.worksheet.sheet().columnWidths.set(c, points);
    });
  }
  set rowHeight(points: number) {
    this.ctx.write('row height', () => this.range.worksheet.sheet(), () => {
      const area = this.range.area();
      for (let r = area.top; r <= area.bottom; r++) this.range.worksheet.sheet().rowHeights.set(r, points);
    });
  }

  /** A border side as the cells see it: inside borders become the top/bottom or left/right of inner cells. */
  private borderWriter(side: string, property: string) {
    return (value: unknown) =>
      this.ctx.write('border', () => this.range.worksheet.sheet(), () => {
        const area = this.range.area();
        const sheet = this.range.worksheet.sheet();
        const edges: Record<string, (r: number, c: number) => string[]> = {
          EdgeTop: (r) => (r === area.top ? ['top'] : []),
          EdgeBottom: (r) => (r === area.bottom ? ['bottom'] : []),
          EdgeLeft: (_, c) => (c === area.left ? ['left'] : []),
          EdgeRight: (_, c) => (c === area.right ? ['right'] : []),
          InsideHorizontal: (r) => [...(r > area.top ? ['top'] : []), ...(r < area.bottom ? ['bottom'] : [])],
          InsideVertical: (_, c) => [...(c > area.left ? ['left'] : []), ...(c < area.right ? ['right'] : [])],
        };
        const edgesOf = edges[side];
        if (!edgesOf) throw new Error(`InvalidArgument: border ${side}`);
        for (const [r, c] of cellsOf(area)) for (const edge of edgesOf(r, c)) formatOf(sheet, r, c)[`border.${edge}.${property}`] = value;
      });
  }
}

/** An object whose listed properties can only be written, each write going to `writer(property)`. */
function setters(properties: readonly string[], writer: (property: string) => (value: unknown) => void): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  for (const property of properties) {
    const write = writer(property);
    Object.defineProperty(target, property, {
      set: write,
      get: () => {
        throw new PropertyNotLoadedError(property);
      },
    });
  }
  return target;
}

class FakeConditionalFormatCollection extends FakeCollection<FakeConditionalFormatProxy> {
  constructor(ctx: FakeContext, private readonly range: { worksheet: FakeWorksheet; areas(): CellRange[] }) {
    super(ctx);
  }

  protected source(): FakeConditionalFormatProxy[] {
    const areas = this.range.areas();
    const formats = this.range.worksheet.sheet().conditionalFormats.filter((f) => [f.area, ...(f.more ?? [])].some((a) => areas.some((b) => intersects(a, b))));
    return formats.map((format) => new FakeConditionalFormatProxy(this.ctx, this.range.worksheet, () => format));
  }

  clearAll(): void {
    this.ctx.write('clear conditional formats', () => this.range.worksheet.sheet(), () => {
      const sheet = this.range.worksheet.sheet();
      const areas = this.range.areas();
      sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => ![f.area, ...(f.more ?? [])].some((a) => areas.some((b) => intersects(a, b))));
    });
  }

  add(type: string): FakeConditionalFormatProxy {
    let added: FakeConditionalFormat | undefined;
    this.ctx.write('conditional format', () => this.range.worksheet.sheet(), () => {
      if (type !== 'Custom') throw new Error(`fake: conditional format type ${type} is not modelled`);
      const [area, ...more] = this.range.areas();
      added = { id: this.ctx.excel.newId(), type: 'Custom', area: area!, ...(more.length ? { more } : {}) };
      this.range.worksheet.sheet().conditionalFormats.push(added);
    });
    return new FakeConditionalFormatProxy(this.ctx, this.range.worksheet, () => {
      if (!added) throw new Error('fake: conditional format used before it was added');
      return added;
    });
  }
}

class FakeConditionalFormatProxy extends FakeObject {
  private customProxy?: FakeCustomFormat;
  private customOrNullProxy?: FakeCustomFormat;

  constructor(ctx: FakeContext, private readonly worksheet: FakeWorksheet, readonly entity: () => FakeConditionalFormat) {
    super(ctx);
  }

  protected override read(name: string): unknown {
    if (name === 'type') return this.entity().type;
    if (name === 'id') return String(this.entity().id);
    return super.read(name);
  }

  protected override child(name: string): FakeObject {
    if (name === 'custom') return this.custom;
    if (name === 'customOrNullObject') return this.customOrNullObject;
    return super.child(name);
  }

  get type(): string {
    return this.loaded('type');
  }

  /** Like Excel, fails the batch when the format is of another type. */
  get custom(): FakeCustomFormat {
    return (this.customProxy ??= new FakeCustomFormat(this.ctx, this.entity, false));
  }

  get customOrNullObject(): FakeCustomFormat {
    return (this.customOrNullProxy ??= new FakeCustomFormat(this.ctx, this.entity, true));
  }

  delete(): void {
    this.ctx.write('delete conditional format', () => this.worksheet.sheet(), () => {
      const formats = this.worksheet.sheet().conditionalFormats;
      const index = formats.indexOf(this.entity());
      if (index < 0) throw new Error('ItemNotFound: conditional format');
      formats.splice(index, 1);
    });
  }
}

class FakeCustomFormat extends FakeObject {
  readonly rule: FakeRule;
  readonly format: { fill: Record<string, unknown> };

  constructor(ctx: FakeContext, readonly entity: () => FakeConditionalFormat, private readonly nullable: boolean) {
    super(ctx);
    this.rule = new FakeRule(ctx, this);
    this.format = { fill: setters(['color'], () => (value) => ctx.write('conditional fill', null, () => (this.custom().fill = String(value)))) };
  }

  custom(): FakeConditionalFormat {
    const entity = this.entity();
    if (entity.type !== 'Custom') throw new Error(`InvalidOperation: a ${entity.type} conditional format has no custom rule`);
    return entity;
  }

  override isNull(): boolean {
    return this.nullable && this.entity().type !== 'Custom';
  }

  protected override child(name: string): FakeObject {
    if (name === 'rule') return this.rule;
    return super.child(name);
  }
}

class FakeRule extends FakeObject {
  constructor(ctx: FakeContext, private readonly owner: FakeCustomFormat) {
    super(ctx);
  }

  override isNull(): boolean {
    return this.owner.isNull();
  }

  protected override read(name: string): unknown {
    if (name === 'formula') return this.owner.custom().formula ?? '';
    return super.read(name);
  }

  get formula(): string {
    return this.loaded('formula');
  }

  set formula(formula: string) {
    this.ctx.write('conditional rule', null, () => (this.owner.custom().formula = formula));
  }
}

const inArea = (k: string, area: CellRange) => {
  const [r, c] = k.split(',').map(Number) as [number, number];
  return r >= area.top && r <= area.bottom && c >= area.left && c <= area.right;
};

/** How a formula names a sheet: quoted unless it is plain letters, digits and underscores. */
function sheetReference(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

/** Points every formula's references to `name` elsewhere (`to`), or turns them into #REF! (null). */
function rewriteReferences(excel: FakeExcel, name: string, to: (() => string) | null): void {
  const quoted = name.replace(/'/g, "''").replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const plain = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const reference = new RegExp(`(?:'${quoted}'|(?<![A-Za-z0-9_.'])${plain})!(\\$?[A-Z]{1,3}\\$?\\d+(?::\\$?[A-Z]{1,3}\\$?\\d+)?)`, 'gi');
  for (const sheet of excel.sheets) {
    if (sameName(sheet.name, name)) continue;
    for (const [k, cell] of sheet.cells) {
      if (!cell.formula || !reference.test(cell.formula)) continue;
      reference.lastIndex = 0;
      if (to) sheet.cells.set(k, { ...cell, formula: cell.formula.replace(reference, (_, address: string) => `${to()}${address}`) });
      else sheet.cells.set(k, { value: '#REF!', error: true, formula: cell.formula.replace(reference, (_, address: string) => `#REF!${address}`) });
      reference.lastIndex = 0;
    }
  }
}

/** Several areas of one sheet (Worksheet.getRanges, ExcelApi 1.9): what highlights are added over. */
class FakeRangeAreasOfSheet extends FakeObject {
  readonly conditionalFormats: FakeConditionalFormatCollection;
  constructor(ctx: FakeContext, readonly worksheet: FakeWorksheet, private readonly list: CellRange[]) {
    super(ctx);
    this.conditionalFormats = new FakeConditionalFormatCollection(ctx, { worksheet, areas: () => this.list });
  }
}
