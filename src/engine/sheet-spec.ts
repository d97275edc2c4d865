import type { CellRange } from './a1.js';
import type { EntryRule } from './entry-rules.js';
import type { CellValue } from './grid.js';

/** How a cell looks, independent of ExcelJS or Office.js; each adapter translates it. */
export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  horizontal?: 'left' | 'center' | 'right';
  wrap?: boolean;
  border?: boolean;
  numberFormat?: string;
  fill?: string;
  color?: string;
}

export const FONT_NAME = 'Times New Roman';
const MONEY = '#,##0.0##';
const COUNT = '#,##0';
/** ✓ (text) in the cell's green font, a difference (a number) in red: read the same by Excel and LibreOffice. */
const CHECK = `[Red]${MONEY};[Red]-${MONEY};[Red]0;@`;

export const STYLES = {
  annex: { bold: true, size: 12 },
  title: { bold: true, size: 14, horizontal: 'center', wrap: true },
  subtitle: { italic: true, size: 12, horizontal: 'center', wrap: true },
  unitLine: { size: 12 },
  measureLine: { italic: true, size: 12, horizontal: 'right' },
  header: { bold: true, size: 11, horizontal: 'center', wrap: true, border: true, fill: 'FFEFF3F8' },
  columnNumber: { italic: true, size: 10, horizontal: 'center', border: true },
  tt: { size: 12, horizontal: 'center', border: true },
  ttBold: { bold: true, size: 12, horizontal: 'center', border: true },
  label: { size: 12, wrap: true, border: true },
  labelBold: { bold: true, size: 12, wrap: true, border: true },
  money: { size: 12, border: true, numberFormat: MONEY },
  moneyBold: { bold: true, size: 12, border: true, numberFormat: MONEY },
  count: { size: 12, border: true, numberFormat: COUNT },
  countBold: { bold: true, size: 12, border: true, numberFormat: COUNT },
  text: { size: 11, wrap: true, border: true },
  check: { size: 11, horizontal: 'center', border: true, color: 'FF1F6B2E', numberFormat: CHECK },
  checkHeader: { bold: true, size: 10, horizontal: 'center', wrap: true, border: true, fill: 'FFE8F3EA' },
  plain: { size: 12 },
  plainBold: { bold: true, size: 12 },
  note: { italic: true, size: 11 },
  traceNote: { size: 10, wrap: true, border: true, color: 'FF9C0006' },
  statusError: { bold: true, size: 11, wrap: true, border: true, color: 'FF9C0006', fill: 'FFFFC7CE' },
  paragraph: { size: 12, wrap: true, horizontal: 'left' },
  differenceWarning: { bold: true, size: 12, border: true, numberFormat: MONEY, fill: 'FFFFD8A8', color: 'FF9C3D00' },
  signDate: { italic: true, size: 12, horizontal: 'center' },
  signTitle: { bold: true, size: 12, horizontal: 'center' },
  signNote: { italic: true, size: 11, horizontal: 'center' },
} as const satisfies Record<string, CellStyle>;

export type StyleName = keyof typeof STYLES;

export interface SpecCell {
  row: number;
  col: number;
  /** A constant. Text is always written as text, even when it starts with = + - @. */
  value?: CellValue;
  /** A formula without "=", in en-US syntax; `result` is its value as the engine computed it. */
  formula?: string;
  result?: CellValue;
  /** How it looks; left out when writing into a user's sheet, whose formatting is kept. */
  style?: StyleName;
  /** A number format to set without touching the rest of the cell's formatting. */
  numberFormat?: string;
}

/** A sheet to write: everything the adapters need, nothing they must decide. */
export interface SheetSpec {
  name: string;
  cells: SpecCell[];
  merges: CellRange[];
  columnWidths: number[];
  rowHeights: Map<number, number>;
  /** Rows and columns kept in view while scrolling (the header and the TT/label columns). */
  freeze?: { rows: number; columns: number };
  /** Rows repeated on every printed page. */
  printTitleRows?: { from: number; to: number };
  landscape: boolean;
  /** Print zoom in percent instead of fitting to one page wide, and columns repeated on every page (print.ts). */
  print?: { scale: number; titleColumns?: { from: number; to: number } };
  /** Excel Data Validation on figure cells a user types into (entry-rules.ts). */
  entryRules?: Array<{ row: number; col: number; rule: EntryRule }>;
}

/** Excel's limit on the characters of one cell. */
const MAX_TEXT = 32_767;

/** A cell Excel's file format cannot hold reached a writer: a bug upstream, never written. */
export class UnwritableCellError extends Error {
  constructor(
    readonly sheet: string,
    readonly cell: SpecCell,
  ) {
    super(`Không ghi ô ${sheet} (${cell.row + 1}, ${cell.col + 1}): giá trị không hợp lệ trong Excel / unwritable value at ${sheet} (${cell.row + 1}, ${cell.col + 1})`);
    this.name = 'UnwritableCellError';
  }
}

const unwritable = (value: CellValue | undefined) =>
  (typeof value === 'number' && !Number.isFinite(value)) || (typeof value === 'string' && value.length > MAX_TEXT);

/**
 * The last guard before a writer: NaN, ±Infinity and over-long text are not valid SpreadsheetML.
 * A formula's cached result that overflowed is dropped (the spreadsheet computes it, showing its
 * own error); a constant that cannot be written stops the write.
 */
export function writableCell(sheet: string, cell: SpecCell): SpecCell {
  if (unwritable(cell.value)) throw new UnwritableCellError(sheet, cell);
  if (cell.formula !== undefined && unwritable(cell.result)) {
    const { result: _dropped, ...rest } = cell;
    return rest;
  }
  return cell;
}

/** Every cell of the sheets through `writableCell`. */
export function writableSheets(specs: readonly SheetSpec[]): SheetSpec[] {
  return specs.map((spec) => ({ ...spec, cells: spec.cells.map((cell) => writableCell(spec.name, cell)) }));
}
