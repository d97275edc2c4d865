import { columnLetters, parseRange, rangeA1, type CellRange } from '../engine/a1.js';
import type { EntryRule } from '../engine/entry-rules.js';
import type { Grid, GridCell } from '../engine/grid.js';
import { FONT_NAME, STYLES, type CellStyle, type SheetSpec, type SpecCell, type StyleName } from '../engine/sheet-spec.js';
import { ProtectedSheetError, UnsupportedFeatureError, type Highlight, type WorkbookPort } from '../workbook-port.js';

/**
 * Bytes of queued writes after which a batch is sent before queuing more: Excel on the web
 * rejects requests over 5 MB, and the estimate below is rough, so keep a wide margin.
 */
export const WRITE_CHUNK_BYTES = 4_000_000;

/**
 * Cells read in one request. Every read is sized first; sheets are then read together up to
 * this many cells, and a larger sheet in bands of rows. At about 30 bytes a cell (values,
 * formulas and types of a number or a short label) that is 3 MB, under Excel on the web's
 * 5 MB; a response still too large (long texts) is split again and re-read.
 */
export const READ_CHUNK_CELLS = 100_000;

/** The text every GNBV highlight rule carries, so that clearHighlights can tell ours from the user's. */
export const HIGHLIGHT_MARKER = '"GNBV"';
/** A rule that is always true: the conditional format exists only to colour the cell. */
export const HIGHLIGHT_FORMULA = `=LEN(${HIGHLIGHT_MARKER})>0`;
export const HIGHLIGHT_FILL = { error: '#FFC7CE', warning: '#FFEB9C' } as const;
/**
 * Characters of one multi-area address ("E12,F13,…") given to getRanges; longer lists get more
 * rules. An assumption kept well under Excel's formula-length limit of 8,192 characters.
 */
export const HIGHLIGHT_ADDRESS_CHARS = 4_000;

/** Excel's sheet visibility (Excel.SheetVisibility) as the engine names a hidden sheet; a visible sheet has none. */
const HIDDEN_STATES: Record<`${Excel.SheetVisibility}`, Grid['hidden']> = { Visible: undefined, Hidden: 'hidden', VeryHidden: 'veryHidden' };

type Runner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

// A rough cost of one queued command (object path, method, arguments) in the request JSON.
const COMMAND_BYTES = 120;
const utf8 = new TextEncoder();
/** Bytes of a value in the request: Vietnamese letters take two or three bytes each in UTF-8. */
const jsonBytes = (value: unknown) => utf8.encode(JSON.stringify(value)).length;

export class OfficeWorkbook implements WorkbookPort {
  constructor(
    private readonly run: Runner = (batch) => Excel.run(batch),
    private readonly isSetSupported: (version: string) => boolean = (v) => Office.context.requirements.isSetSupported('ExcelApi', v),
    private readonly chunkBytes: number = WRITE_CHUNK_BYTES,
    private readonly readChunkCells: number = READ_CHUNK_CELLS,
  ) {}

  listSheets(): Promise<string[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      return sheets.items.map((sheet) => sheet.name);
    });
  }

  activeSheet(): Promise<string> {
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet().load('name');
      await context.sync();
      return sheet.name;
    });
  }

  /**
   * Sizes the sheets (and reads their merged areas and visibility) in one sync, then reads them
   * in requests under the budget. A hidden or very hidden sheet is not read, as in a received
   * file: its grid is empty and says how it is hidden, so the engine reports it and merges nothing of it.
   */
  readSheets(names: readonly string[]): Promise<Grid[]> {
    // Merged areas need ExcelApi 1.13; without them the engine still works from values alone.
    const withMerges = this.isSetSupported('1.13');
    return this.run(async (context) => {
      const probes = names.map((name) => {
        // Worksheet.visibility: ExcelApi 1.1, which the add-in requires anyway.
        const sheet = context.workbook.worksheets.getItem(name).load('name,visibility');
        const used = sheet.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount');
        // Asked of the whole sheet, not the used range: a method chained on a null object is not safe.
        const merged = withMerges ? sheet.getRange().getMergedAreasOrNullObject().load('areas/items/address') : undefined;
        return { sheet, used, merged };
      });
      await context.sync();

      const grids: Grid[] = probes.map(({ sheet, merged }) => {
        const hidden = HIDDEN_STATES[sheet.visibility];
        if (hidden) return { name: sheet.name, cells: [], merges: [], hidden };
        return { name: sheet.name, cells: [], merges: merged && !merged.isNullObject ? merged.areas.items.map((area) => parseRange(afterSheetName(area.address))) : [] };
      });
      const bands: Band[] = probes.flatMap(({ used }, sheet) => (used.isNullObject || grids[sheet]!.hidden ? [] : rowBands(sheet, used, this.readChunkCells)));
      let request: Band[] = [];
      let cells = 0;
      for (const band of bands) {
        if (request.length > 0 && cells + bandCells(band) > this.readChunkCells) {
          await this.readBands(context, names, request, grids);
          [request, cells] = [[], 0];
        }
        request.push(band);
        cells += bandCells(band);
      }
      if (request.length) await this.readBands(context, names, request, grids);
      return grids;
    });
  }

  /** Values, formulas and types of the bands in one sync; halved and re-read when the response is over the limit. */
  private async readBands(context: Excel.RequestContext, names: readonly string[], bands: readonly Band[], grids: Grid[]): Promise<void> {
    const ranges = bands.map((band) => context.workbook.worksheets.getItem(names[band.sheet]!).getRange(rangeA1(band)).load('values,formulas,valueTypes'));
    try {
      await context.sync();
    } catch (error) {
      const halves = (error as { code?: string }).code === 'RequestPayloadSizeLimitExceeded' ? halve(bands) : null;
      if (!halves) throw error;
      for (const half of halves) await this.readBands(context, names, half, grids);
      return;
    }
    bands.forEach((band, i) => addCells(grids[band.sheet]!.cells, ranges[i]!, band));
  }

  async writeCells(sheet: string, cells: readonly SpecCell[], merges: SheetSpec['merges'] = []): Promise<void> {
    try {
      await this.run(async (context) => {
        const worksheet = context.workbook.worksheets.getItem(sheet);
        const batch = new Batch(context, this.chunkBytes);
        await writeBlocks(worksheet, cells, batch);
        for (const merge of merges) worksheet.getRange(rangeA1(merge)).merge(false);
        await context.sync();
      });
    } catch (error) {
      // Excel refuses the write; say why when it is the sheet's protection.
      const [isProtected] = await this.protectedAmong([sheet]).catch(() => []);
      if (isProtected) throw new ProtectedSheetError([sheet]);
      throw error;
    }
  }

  /** The named sheets that are protected (one sync). */
  private protectedAmong(names: readonly string[]): Promise<boolean[]> {
    return this.run(async (context) => {
      const protections = names.map((name) => context.workbook.worksheets.getItem(name).protection.load('protected'));
      await context.sync();
      return protections.map((p) => p.protected);
    });
  }

  /**
   * Sheets of the same name are rewritten in place (cleared, unmerged, written), never deleted:
   * they keep their identity, so the user's formulas that point at them stay valid (deleting a
   * sheet turns them into #REF!), and a write Excel refuses leaves no sheet lost. Protected
   * sheets are refused up front, before anything is written.
   */
  replaceSheets(specs: readonly SheetSpec[]): Promise<void> {
    const withFreeze = this.isSetSupported('1.7');
    const withPageLayout = this.isSetSupported('1.9');
    const withFormats = this.isSetSupported('1.6');
    const withValidation = this.isSetSupported('1.8');
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name,items/protection/protected');
      await context.sync();

      const existing = new Map(sheets.items.map((sheet) => [sheetKey(sheet.name), sheet]));
      const reused = specs.map((spec) => existing.get(sheetKey(spec.name)));
      const locked = reused.flatMap((sheet) => (sheet?.protection.protected ? [sheet.name] : []));
      if (locked.length) throw new ProtectedSheetError(locked);

      const targets = specs.map((spec, i) => {
        const sheet = reused[i];
        if (!sheet) return sheets.add(spec.name);
        // A rename keeps the sheet; only the spelling (case, Unicode form) can differ here.
        if (sheet.name !== spec.name) sheet.name = spec.name;
        const whole = sheet.getRange();
        whole.unmerge();
        whole.clear('All');
        if (withFormats) whole.conditionalFormats.clearAll();
        // clear('All') keeps Data Validation: an earlier template's entry rules go explicitly.
        if (withValidation) whole.dataValidation.clear();
        if (withFreeze) sheet.freezePanes.unfreeze();
        return sheet;
      });

      const batch = new Batch(context, this.chunkBytes);
      for (const [i, spec] of specs.entries()) {
        await writeSheet(targets[i]!, spec, batch, { withFreeze, withPageLayout, withValidation });
      }
      await context.sync();
    });
  }

  /**
   * One conditional format per severity per sheet, over all its problem cells at once
   * (Worksheet.getRanges, ExcelApi 1.9); one per cell where only ExcelApi 1.6 is there.
   * Protected sheets are left alone and named afterwards: the others are still marked.
   */
  async highlight(marks: readonly Highlight[]): Promise<void> {
    if (!this.isSetSupported('1.6')) {
      throw new UnsupportedFeatureError(
        'ExcelApi 1.6',
        'Excel này không hỗ trợ tô màu điều kiện (ExcelApi 1.6). Danh sách lỗi vẫn xem được trong khung.',
        'This Excel does not support conditional formatting (ExcelApi 1.6). The list of problems is still shown in the pane.',
      );
    }
    const withAreas = this.isSetSupported('1.9');
    const bySheet = new Map<string, Highlight[]>();
    for (const mark of marks) bySheet.set(mark.sheet, [...(bySheet.get(mark.sheet) ?? []), mark]);
    const names = [...bySheet.keys()];
    const locked = await this.run(async (context) => {
      const protections = names.map((name) => context.workbook.worksheets.getItem(name).protection.load('protected'));
      await context.sync();
      const batch = new Batch(context, this.chunkBytes);
      for (const [i, name] of names.entries()) {
        if (protections[i]!.protected) continue;
        const sheet = context.workbook.worksheets.getItem(name);
        for (const severity of ['error', 'warning'] as const) {
          const cells = bySheet.get(name)!.filter((mark) => mark.severity === severity).map((mark) => mark.cell);
          for (const address of withAreas ? addressLists(cells) : cells) {
            await batch.add(address.length + 4 * COMMAND_BYTES);
            const target = withAreas ? sheet.getRanges(address) : sheet.getRange(address);
            // 'Custom' rather than Excel.ConditionalFormatType.custom: the same string, without needing the runtime enum.
            const format = target.conditionalFormats.add('Custom');
            format.custom.rule.formula = HIGHLIGHT_FORMULA;
            format.custom.format.fill.color = HIGHLIGHT_FILL[severity];
          }
        }
      }
      await context.sync();
      return names.filter((_, i) => protections[i]!.protected);
    });
    if (locked.length) throw new ProtectedSheetError(locked);
  }

  async clearHighlights(): Promise<void> {
    // Without ExcelApi 1.6 the add-in cannot have made any highlight.
    if (!this.isSetSupported('1.6')) return;
    await this.run(async (context) => {
      // Three round trips: conditional formats hang off ranges only, so the sheets must be known
      // before their formats can be read, and read before ours can be told apart and deleted.
      const sheets = context.workbook.worksheets.load('items/name,items/protection/protected');
      await context.sync();
      // A protected sheet cannot have been marked by us (highlight leaves it alone).
      const open = sheets.items.filter((sheet) => !sheet.protection.protected);
      // customOrNullObject, not custom: loading `custom` on a user's data bar or colour scale fails the batch.
      const collections = open.map((sheet) => sheet.getRange().conditionalFormats.load('items/type,items/customOrNullObject/rule/formula'));
      await context.sync();
      for (const formats of collections) {
        for (const format of formats.items) {
          const custom = format.customOrNullObject;
          if (format.type === 'Custom' && !custom.isNullObject && custom.rule.formula.includes(HIGHLIGHT_MARKER)) format.delete();
        }
      }
      await context.sync();
    });
  }

  private readonly watchers = new Map<string, Set<() => void>>();

  /**
   * One onChanged handler per sheet for the page's life (ExcelApi 1.7), registered on first
   * use; stopping only drops the listener here. Removing a handler needs the RequestContext it
   * was added in, which the pane has no reason to keep; an unwatched edit costs one no-op call.
   * Without 1.7 nothing is watched and the pane's buttons remain the way to re-check.
   */
  async watchSheet(sheet: string, listener: () => void): Promise<() => void> {
    if (!this.isSetSupported('1.7')) return () => undefined;
    let own = this.watchers.get(sheet);
    if (!own) {
      const listeners = new Set<() => void>();
      await this.run(async (context) => {
        context.workbook.worksheets.getItem(sheet).onChanged.add(async () => {
          for (const notify of [...listeners]) notify();
        });
        await context.sync();
      });
      this.watchers.set(sheet, (own = listeners));
    }
    own.add(listener);
    const listeners = own;
    return () => void listeners.delete(listener);
  }

  selectCell(sheet: string, cell: string): Promise<void> {
    return this.run(async (context) => {
      const worksheet = context.workbook.worksheets.getItem(sheet);
      worksheet.activate();
      worksheet.getRange(cell).select();
      await context.sync();
    });
  }
}

/** Names compare as Excel users see them: the same letters, whatever their Unicode form or case. */
function sheetKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Cells as comma-separated address lists for getRanges, each under HIGHLIGHT_ADDRESS_CHARS. */
export function addressLists(cells: readonly string[]): string[] {
  const lists: string[] = [];
  let current = '';
  for (const cell of cells) {
    if (current && current.length + 1 + cell.length > HIGHLIGHT_ADDRESS_CHARS) {
      lists.push(current);
      current = '';
    }
    current = current ? `${current},${cell}` : cell;
  }
  if (current) lists.push(current);
  return lists;
}

/** "'Xã Cam An'!B2:C3" → "B2:C3": the address of an area without its sheet. */
function afterSheetName(address: string): string {
  return address.slice(address.lastIndexOf('!') + 1);
}

/** A block of rows of one sheet's used range, read in one piece. */
interface Band extends CellRange {
  /** Index of the sheet in the names read. */
  sheet: number;
}

const bandCells = (band: Band) => (band.bottom - band.top + 1) * (band.right - band.left + 1);

/** The used range in bands of whole rows of at most `budget` cells (at least one row). */
function rowBands(sheet: number, used: Excel.Range, budget: number): Band[] {
  const rows = Math.max(1, Math.floor(budget / Math.max(1, used.columnCount)));
  const bands: Band[] = [];
  for (let top = used.rowIndex; top < used.rowIndex + used.rowCount; top += rows) {
    bands.push({ sheet, top, bottom: Math.min(top + rows, used.rowIndex + used.rowCount) - 1, left: used.columnIndex, right: used.columnIndex + used.columnCount - 1 });
  }
  return bands;
}

/** Two smaller requests for one that was too large: fewer bands, or a band of fewer rows; null when one row already. */
function halve(bands: readonly Band[]): Band[][] | null {
  if (bands.length > 1) return [bands.slice(0, bands.length >> 1), bands.slice(bands.length >> 1)];
  const band = bands[0]!;
  if (band.top === band.bottom) return null;
  const middle = band.top + ((band.bottom - band.top) >> 1);
  return [[{ ...band, bottom: middle }], [{ ...band, top: middle + 1 }]];
}

function addCells(cells: Grid['cells'], range: Excel.Range, band: Band): void {
  range.valueTypes.forEach((types, r) => {
    const row: Array<GridCell | undefined> = cells[band.top + r] ?? [];
    types.forEach((type, c) => {
      if (type === 'Empty') return;
      const value: unknown = range.values[r]?.[c];
      const formula: unknown = range.formulas[r]?.[c];
      const cell: GridCell =
        type === 'Error' ? { value: null, error: String(value) }
        : type === 'Double' || type === 'Integer' ? { value: Number(value) }
        : type === 'Boolean' ? { value: Boolean(value) }
        : { value: String(value) };
      // A text constant such as "=1+1" shows its own text under formulas too; a real formula shows its result.
      if (typeof formula === 'string' && formula.startsWith('=') && formula !== value) cell.formula = formula.slice(1);
      row[band.left + c] = cell;
    });
    if (row.length) cells[band.top + r] = row;
  });
}

/** Sends the queued commands before they grow past the request limit; otherwise does nothing. */
class Batch {
  private bytes = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    readonly limit: number,
  ) {}

  async add(bytes: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + bytes > this.limit) {
      await this.context.sync();
      this.bytes = 0;
    }
    this.bytes += bytes;
  }
}

interface Block extends CellRange {
  /** Absent when writing into a user's sheet: only the content is written, their formatting stays. */
  style: StyleName | undefined;
  numberFormat: string | undefined;
  rows: SpecCell[][];
}

/**
 * Groups cells into rectangles of one style, so that values and formats go in one command per
 * rectangle instead of one per cell: runs along a row, stacked when the next row repeats them.
 */
function blocks(cells: readonly SpecCell[]): Block[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const out: Block[] = [];
  let open = new Map<string, Block>();
  let next = new Map<string, Block>();
  let row = -1;
  let run: SpecCell[] = [];
  const closeRun = () => {
    const first = run[0];
    const last = run[run.length - 1];
    if (!first || !last) return;
    const key = `${first.col}:${last.col}:${first.style}:${first.numberFormat}`;
    const above = open.get(key);
    if (above && above.bottom === first.row - 1) {
      above.bottom = first.row;
      above.rows.push(run);
      next.set(key, above);
    } else {
      const block = { top: first.row, bottom: first.row, left: first.col, right: last.col, style: first.style, numberFormat: first.numberFormat, rows: [run] };
      out.push(block);
      next.set(key, block);
    }
    run = [];
  };
  for (const cell of sorted) {
    const last = run[run.length - 1];
    if (cell.row !== row) {
      closeRun();
      open = next;
      next = new Map();
      row = cell.row;
    } else if (!last || cell.col !== last.col + 1 || cell.style !== last.style || cell.numberFormat !== last.numberFormat) {
      closeRun();
    }
    run.push(cell);
  }
  closeRun();
  return out;
}

/**
 * What to type into a cell. Excel parses every string set through values or formulas as if
 * typed: "=…" (even after a space or a tab, or as the full-width "＝") becomes a formula, "#N/A"
 * an error, "(1)" -1, "Jan 5" a date, TRUE a boolean, and a leading apostrophe disappears. So
 * every text goes in behind an apostrophe, which Excel keeps as a text marker and never shows.
 */
export function cellInput(cell: SpecCell): string | number | boolean {
  if (cell.formula !== undefined) return `=${cell.formula}`;
  const value = cell.value ?? '';
  if (typeof value !== 'string' || value === '') return value;
  return `'${value}`;
}

/** "FFEFF3F8" (ARGB, as the specs and ExcelJS write colours) → "#EFF3F8". */
function cssColor(argb: string): string {
  return `#${argb.slice(-6)}`;
}

type BorderSide = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical';

/** A block cut into bands of whole rows of at most `bytes` of input each, so one write fits a request. */
function rowBandsOf(block: Block, bytes: number): Block[] {
  const bands: Block[] = [];
  let rows: SpecCell[][] = [];
  let size = 0;
  const close = () => {
    if (!rows.length) return;
    const top = block.top + bands.reduce((n, band) => n + band.rows.length, 0);
    bands.push({ ...block, top, bottom: top + rows.length - 1, rows });
    [rows, size] = [[], 0];
  };
  for (const row of block.rows) {
    const rowBytes = jsonBytes(row.map(cellInput)) * (block.numberFormat || block.style ? 2 : 1);
    if (rows.length && size + rowBytes > bytes) close();
    rows.push(row);
    size += rowBytes;
  }
  close();
  return bands;
}

async function writeBlocks(sheet: Excel.Worksheet, cells: readonly SpecCell[], batch: Batch): Promise<void> {
  for (const block of blocks(cells).flatMap((whole) => rowBandsOf(whole, batch.limit / 2))) {
    const inputs = block.rows.map((row) => row.map(cellInput));
    const style: CellStyle | undefined = block.style && STYLES[block.style];
    const numberFormat = block.numberFormat ?? style?.numberFormat;
    const numberFormats = numberFormat ? block.rows.map((row) => row.map(() => numberFormat)) : undefined;
    await batch.add(jsonBytes(inputs) + (numberFormats ? jsonBytes(numberFormats) : 0) + 16 * COMMAND_BYTES);

    const range = sheet.getRange(rangeA1(block));
    // The format first: a cell formatted as Text ("@") would keep even a number typed into it as text.
    if (numberFormats) range.numberFormat = numberFormats;
    // formulas, not values: both parse input as typed, and formulas says what is meant.
    range.formulas = inputs;
    if (!style) continue;
    range.format.font.name = FONT_NAME;
    range.format.font.size = style.size ?? 12;
    range.format.font.bold = style.bold ?? false;
    range.format.font.italic = style.italic ?? false;
    range.format.font.color = style.color ? cssColor(style.color) : '#000000';
    range.format.horizontalAlignment = style.horizontal === 'left' ? 'Left' : style.horizontal === 'center' ? 'Center' : style.horizontal === 'right' ? 'Right' : 'General';
    range.format.verticalAlignment = 'Center';
    range.format.wrapText = style.wrap ?? false;
    if (style.fill) range.format.fill.color = cssColor(style.fill);
    if (style.border) {
      const sides: BorderSide[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
      // Inside borders only exist when the block has more than one row or column.
      if (block.bottom > block.top) sides.push('InsideHorizontal');
      if (block.right > block.left) sides.push('InsideVertical');
      for (const side of sides) {
        const border = range.format.borders.getItem(side);
        border.style = 'Continuous';
        border.weight = 'Thin';
        border.color = '#000000';
      }
    }
  }
}

const sameRule = (a: EntryRule, b: EntryRule) => a.kind === b.kind && a.title === b.title && a.prompt === b.prompt && a.error === b.error;

/** Excel's own entry checks (ExcelApi 1.8), one range per run of cells down a column with the same rule. */
async function writeEntryRules(sheet: Excel.Worksheet, spec: SheetSpec, batch: Batch): Promise<void> {
  const rules = [...(spec.entryRules ?? [])].sort((a, b) => a.col - b.col || a.row - b.row);
  const runs: Array<{ range: CellRange; rule: EntryRule }> = [];
  for (const { row, col, rule } of rules) {
    const last = runs.at(-1);
    if (last && last.range.left === col && last.range.bottom === row - 1 && sameRule(last.rule, rule)) last.range.bottom = row;
    else runs.push({ range: { top: row, left: col, bottom: row, right: col }, rule });
  }
  for (const { range, rule } of runs) {
    await batch.add(rule.prompt.length + rule.error.length + 5 * COMMAND_BYTES);
    const validation = sheet.getRange(rangeA1(range)).dataValidation;
    validation.ignoreBlanks = true;
    const bound = { formula1: 0, operator: 'GreaterThanOrEqualTo' as const };
    validation.rule = rule.kind === 'whole' ? { wholeNumber: bound } : { decimal: bound };
    validation.prompt = { showPrompt: true, title: rule.title, message: rule.prompt };
    validation.errorAlert = { showAlert: true, style: 'Stop', title: rule.errorTitle, message: rule.error };
  }
}

/**
 * ExcelJS widths are characters of the default font, Office.js widths are points: a character
 * is about 7 pixels plus 5 pixels of padding per column, and a pixel is 0.75 point at 96 dpi.
 */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

async function writeSheet(sheet: Excel.Worksheet, spec: SheetSpec, batch: Batch, features: { withFreeze: boolean; withPageLayout: boolean; withValidation: boolean }): Promise<void> {
  await batch.add((spec.columnWidths.length + spec.rowHeights.size + spec.merges.length + 8) * COMMAND_BYTES);
  spec.columnWidths.forEach((width, col) => {
    const letters = columnLetters(col);
    sheet.getRange(`${letters}:${letters}`).format.columnWidth = columnWidthPoints(width);
  });
  // ExcelJS row heights are points already.
  for (const [row, height] of spec.rowHeights) sheet.getRange(`${row + 1}:${row + 1}`).format.rowHeight = height;
  if (features.withPageLayout) {
    sheet.pageLayout.orientation = spec.landscape ? 'Landscape' : 'Portrait';
    sheet.pageLayout.paperSize = 'A4';
    if (spec.printTitleRows) sheet.pageLayout.setPrintTitleRows(`$${spec.printTitleRows.from + 1}:$${spec.printTitleRows.to + 1}`);
    // As the file writer (src/io/xlsx.ts): an annex's own zoom and repeated columns, page numbers.
    if (spec.print) sheet.pageLayout.zoom = { scale: spec.print.scale };
    const titles = spec.print?.titleColumns;
    if (titles) sheet.pageLayout.setPrintTitleColumns(`$${columnLetters(titles.from)}:$${columnLetters(titles.to)}`);
    sheet.pageLayout.headersFooters.defaultForAllPages.centerFooter = 'Trang &P/&N';
  }
  if (features.withValidation) await writeEntryRules(sheet, spec, batch);
  if (features.withFreeze && spec.freeze) {
    const { rows, columns } = spec.freeze;
    if (rows > 0 && columns > 0) sheet.freezePanes.freezeAt(sheet.getRange(rangeA1({ top: 0, left: 0, bottom: rows - 1, right: columns - 1 })));
    else if (rows > 0) sheet.freezePanes.freezeRows(rows);
    else if (columns > 0) sheet.freezePanes.freezeColumns(columns);
  }
  await writeBlocks(sheet, spec.cells, batch);
  // Merged after the values, like the file writer: the top-left cell keeps what was written.
  for (const merge of spec.merges) sheet.getRange(rangeA1(merge)).merge(false);
}
