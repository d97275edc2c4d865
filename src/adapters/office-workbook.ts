import { columnLetters, parseRange, rangeA1, type CellRange } from '../engine/a1.js';
import type { Grid, GridCell } from '../engine/grid.js';
import { FONT_NAME, STYLES, type CellStyle, type SheetSpec, type SpecCell, type StyleName } from '../engine/sheet-spec.js';
import { UnsupportedFeatureError, type Highlight, type WorkbookPort } from '../workbook-port.js';

/**
 * Bytes of queued writes after which a batch is sent before queuing more: Excel on the web
 * rejects requests over 5 MB, and the estimate below is rough, so keep a wide margin.
 */
export const WRITE_CHUNK_BYTES = 4_000_000;

/**
 * Up to this many sheets are read in one request (an annex workbook, a small district). More
 * (a province's district workbook) are sized first, then read in requests of at most
 * READ_CHUNK_CELLS cells: values, formulas and types of that many cells stay well under 5 MB.
 */
export const SINGLE_READ_SHEETS = 12;
export const READ_CHUNK_CELLS = 100_000;

/** The text every GNBV highlight rule carries, so that clearHighlights can tell ours from the user's. */
export const HIGHLIGHT_MARKER = '"GNBV"';
/** A rule that is always true: the conditional format exists only to colour the cell. */
export const HIGHLIGHT_FORMULA = `=LEN(${HIGHLIGHT_MARKER})>0`;
export const HIGHLIGHT_FILL = { error: '#FFC7CE', warning: '#FFEB9C' } as const;

type Runner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

// A rough cost of one queued command (object path, method, arguments) in the request JSON.
const COMMAND_BYTES = 120;

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

  readSheets(names: readonly string[]): Promise<Grid[]> {
    return this.run(async (context) => {
      if (names.length <= SINGLE_READ_SHEETS) return this.readBatch(context, names);
      const sizes = names.map((name) => context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true).load('cellCount'));
      await context.sync();
      const grids: Grid[] = [];
      let batch: string[] = [];
      let cells = 0;
      for (const [i, name] of names.entries()) {
        const count = sizes[i]!.isNullObject ? 0 : sizes[i]!.cellCount;
        if (batch.length > 0 && cells + count > this.readChunkCells) {
          grids.push(...(await this.readBatch(context, batch)));
          [batch, cells] = [[], 0];
        }
        batch.push(name);
        cells += count;
      }
      if (batch.length) grids.push(...(await this.readBatch(context, batch)));
      return grids;
    });
  }

  /** Values, formulas, types and merges of the sheets, in one sync. */
  private async readBatch(context: Excel.RequestContext, names: readonly string[]): Promise<Grid[]> {
    // Merged areas need ExcelApi 1.13; without them the engine still works from values alone.
    const withMerges = this.isSetSupported('1.13');
    const reads = names.map((name) => {
      const sheet = context.workbook.worksheets.getItem(name).load('name');
      const used = sheet.getUsedRangeOrNullObject(true).load('values,formulas,valueTypes,rowIndex,columnIndex');
      // Asked of the whole sheet, not the used range: a method chained on a null object is not safe.
      const merged = withMerges ? sheet.getRange().getMergedAreasOrNullObject().load('areas/items/address') : undefined;
      return { sheet, used, merged };
    });
    await context.sync();
    return reads.map(({ sheet, used, merged }) => ({
      name: sheet.name,
      cells: used.isNullObject ? [] : gridCells(used),
      merges: merged && !merged.isNullObject ? merged.areas.items.map((area) => parseRange(afterSheetName(area.address))) : [],
    }));
  }

  writeCells(sheet: string, cells: readonly SpecCell[], merges: SheetSpec['merges'] = []): Promise<void> {
    return this.run(async (context) => {
      const worksheet = context.workbook.worksheets.getItem(sheet);
      const batch = new Batch(context, this.chunkBytes);
      await writeBlocks(worksheet, cells, batch);
      for (const merge of merges) worksheet.getRange(rangeA1(merge)).merge(false);
      await context.sync();
    });
  }

  replaceSheets(specs: readonly SheetSpec[]): Promise<void> {
    const withFreeze = this.isSetSupported('1.7');
    const withPageLayout = this.isSetSupported('1.9');
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();

      const wanted = new Set(specs.map((spec) => sheetKey(spec.name)));
      const taken = new Set(sheets.items.map((sheet) => sheetKey(sheet.name)));
      const replaced = sheets.items.filter((sheet) => wanted.has(sheetKey(sheet.name)));
      // Old sheets step aside under a temporary name and go after the new ones exist: Excel
      // refuses both a second sheet of the same name and deleting the workbook's last sheet.
      replaced.forEach((sheet, i) => (sheet.name = temporaryName(i, taken)));
      const added = specs.map((spec) => sheets.add(spec.name));
      for (const sheet of replaced) sheet.delete();

      const batch = new Batch(context, this.chunkBytes);
      for (const [i, spec] of specs.entries()) {
        await writeSheet(added[i]!, spec, batch, { withFreeze, withPageLayout });
      }
      await context.sync();
    });
  }

  async highlight(marks: readonly Highlight[]): Promise<void> {
    if (!this.isSetSupported('1.6')) {
      throw new UnsupportedFeatureError(
        'ExcelApi 1.6',
        'Excel này không hỗ trợ tô màu điều kiện (ExcelApi 1.6). Danh sách lỗi vẫn xem được trong khung.',
        'This Excel does not support conditional formatting (ExcelApi 1.6). The list of problems is still shown in the pane.',
      );
    }
    await this.run(async (context) => {
      const batch = new Batch(context, this.chunkBytes);
      const sheets = new Map<string, Excel.Worksheet>();
      for (const mark of marks) {
        let sheet = sheets.get(mark.sheet);
        if (!sheet) sheets.set(mark.sheet, (sheet = context.workbook.worksheets.getItem(mark.sheet)));
        await batch.add(4 * COMMAND_BYTES);
        // 'Custom' rather than Excel.ConditionalFormatType.custom: the same string, without needing the runtime enum.
        const format = sheet.getRange(mark.cell).conditionalFormats.add('Custom');
        format.custom.rule.formula = HIGHLIGHT_FORMULA;
        format.custom.format.fill.color = HIGHLIGHT_FILL[mark.severity];
      }
      await context.sync();
    });
  }

  async clearHighlights(): Promise<void> {
    // Without ExcelApi 1.6 the add-in cannot have made any highlight.
    if (!this.isSetSupported('1.6')) return;
    await this.run(async (context) => {
      // Three round trips: conditional formats hang off ranges only, so the sheets must be known
      // before their formats can be read, and read before ours can be told apart and deleted.
      const sheets = context.workbook.worksheets.load('items/name');
      await context.sync();
      // customOrNullObject, not custom: loading `custom` on a user's data bar or colour scale fails the batch.
      const collections = sheets.items.map((sheet) => sheet.getRange().conditionalFormats.load('items/type,items/customOrNullObject/rule/formula'));
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

function temporaryName(i: number, taken: ReadonlySet<string>): string {
  let name = `gnbv-old-${i}`;
  while (taken.has(name)) name += '~';
  return name;
}

/** "'Xã Cam An'!B2:C3" → "B2:C3": the address of an area without its sheet. */
function afterSheetName(address: string): string {
  return address.slice(address.lastIndexOf('!') + 1);
}

function gridCells(used: Excel.Range): Grid['cells'] {
  const cells: Grid['cells'] = [];
  used.valueTypes.forEach((types, r) => {
    const row: Array<GridCell | undefined> = [];
    types.forEach((type, c) => {
      if (type === 'Empty') return;
      const value: unknown = used.values[r]?.[c];
      const formula: unknown = used.formulas[r]?.[c];
      const cell: GridCell =
        type === 'Error' ? { value: null, error: String(value) }
        : type === 'Double' || type === 'Integer' ? { value: Number(value) }
        : type === 'Boolean' ? { value: Boolean(value) }
        : { value: String(value) };
      // A text constant such as "=1+1" shows its own text under formulas too; a real formula shows its result.
      if (typeof formula === 'string' && formula.startsWith('=') && formula !== value) cell.formula = formula.slice(1);
      row[used.columnIndex + c] = cell;
    });
    if (row.length) cells[used.rowIndex + r] = row;
  });
  return cells;
}

/** Sends the queued commands before they grow past the request limit; otherwise does nothing. */
class Batch {
  private bytes = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly limit: number,
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
 * What to type into a cell. Text Excel would read as something else (a formula, a number,
 * "(1)" as -1, a date, TRUE) gets a leading apostrophe, which Excel keeps as a text marker.
 */
export function cellInput(cell: SpecCell): string | number | boolean {
  if (cell.formula !== undefined) return `=${cell.formula}`;
  const value = cell.value ?? '';
  if (typeof value !== 'string' || value === '') return value;
  return /^[=+\-@]|^\s*[\d.($]|^\s*(true|false)\s*$/i.test(value) ? `'${value}` : value;
}

/** "FFEFF3F8" (ARGB, as the specs and ExcelJS write colours) → "#EFF3F8". */
function cssColor(argb: string): string {
  return `#${argb.slice(-6)}`;
}

type BorderSide = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical';

async function writeBlocks(sheet: Excel.Worksheet, cells: readonly SpecCell[], batch: Batch): Promise<void> {
  for (const block of blocks(cells)) {
    const inputs = block.rows.map((row) => row.map(cellInput));
    const style: CellStyle | undefined = block.style && STYLES[block.style];
    const numberFormat = block.numberFormat ?? style?.numberFormat;
    const numberFormats = numberFormat ? block.rows.map((row) => row.map(() => numberFormat)) : undefined;
    await batch.add(JSON.stringify(inputs).length + (numberFormats ? JSON.stringify(numberFormats).length : 0) + 16 * COMMAND_BYTES);

    const range = sheet.getRange(rangeA1(block));
    // formulas, not values: both parse input as typed, and formulas says what is meant.
    range.formulas = inputs;
    if (numberFormats) range.numberFormat = numberFormats;
    if (!style) continue;
    const format = range.format;
    format.font.name = FONT_NAME;
    format.font.size = style.size ?? 12;
    format.font.bold = style.bold ?? false;
    format.font.italic = style.italic ?? false;
    format.font.color = style.color ? cssColor(style.color) : '#000000';
    format.horizontalAlignment = style.horizontal === 'left' ? 'Left' : style.horizontal === 'center' ? 'Center' : style.horizontal === 'right' ? 'Right' : 'General';
    format.verticalAlignment = 'Center';
    format.wrapText = style.wrap ?? false;
    if (style.fill) format.fill.color = cssColor(style.fill);
    if (style.border) {
      const sides: BorderSide[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
      // Inside borders only exist when the block has more than one row or column.
      if (block.bottom > block.top) sides.push('InsideHorizontal');
      if (block.right > block.left) sides.push('InsideVertical');
      for (const side of sides) {
        const border = format.borders.getItem(side);
        border.style = 'Continuous';
        border.weight = 'Thin';
        border.color = '#000000';
      }
    }
  }
}

/**
 * ExcelJS widths are characters of the default font, Office.js widths are points: a character
 * is about 7 pixels plus 5 pixels of padding per column, and a pixel is 0.75 point at 96 dpi.
 */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

async function writeSheet(sheet: Excel.Worksheet, spec: SheetSpec, batch: Batch, features: { withFreeze: boolean; withPageLayout: boolean }): Promise<void> {
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
  }
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
