import { a1 } from './a1.js';
import { cellAt, type Grid } from './grid.js';
import type { RawIssue } from './issues.js';
import { parseNumberText, type NumberConvention } from './numbers.js';
import type { TemplateDef } from './template.js';

/** Where a table's parts sit on a sheet: GNBV's own layout or one found in a user's sheet. */
export interface TableFrame {
  /** Template row key → 0-based grid row. */
  rows: Map<string, number>;
  /** Template column key → 0-based grid column. */
  columns: Map<string, number>;
  ttColumn: number;
  labelColumn: number;
  headerTop: number;
  headerBottom: number;
}

/** A template's table found in a grid: every template row and column mapped to a cell. */
export interface LocatedTable extends TableFrame {
  template: TemplateDef;
  grid: Grid;
  /** Text after "Đơn vị báo cáo:" above the table, when there is such a line. */
  unitText?: string;
  /** Decimal convention the sheet's own text numbers reveal. */
  convention?: NumberConvention;
  /** What the locator could not place, reported, never dropped. */
  issues: RawIssue[];
}

export type CellReading =
  | { state: 'absent' }
  | { state: 'blank'; cell: string }
  | { state: 'number'; value: number; cell: string; typedAsText?: string }
  | { state: 'ambiguous'; cell: string; text: string; vi: number; en: number }
  | { state: 'text'; cell: string; text: string }
  | { state: 'error'; cell: string; error: string }
  /** What Excel's file format cannot hold: NaN, ±Infinity, text over 32,767 characters. */
  | { state: 'invalid'; cell: string; reason: 'not-finite' | 'too-long'; text: string; length: number };

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_TEXT = 32_767;

const ABSENT: CellReading = { state: 'absent' };

/**
 * Rules read the same cells many times (a total is a part of the next total up): each table
 * keeps its readings, keyed by the grid position.
 */
const readingCache = new WeakMap<LocatedTable, Map<number, CellReading>>();

/** Reads one template cell of a located table; text that is a number is parsed, not trusted. */
export function readCell(table: LocatedTable, rowKey: string, columnKey: string): CellReading {
  const row = table.rows.get(rowKey);
  const col = table.columns.get(columnKey);
  if (row === undefined || col === undefined) return ABSENT;
  let cache = readingCache.get(table);
  if (!cache) readingCache.set(table, (cache = new Map()));
  const id = row * 16384 + col;
  let reading = cache.get(id);
  if (!reading) cache.set(id, (reading = readGridCell(table, row, col)));
  return reading;
}

function readGridCell(table: LocatedTable, row: number, col: number): CellReading {
  const address = a1(row, col);
  const cell = cellAt(table.grid, row, col);
  if (cell?.error !== undefined) return { state: 'error', cell: address, error: cell.error };
  const value = cell?.value ?? null;
  if (value === null || (typeof value === 'string' && value.trim() === '')) return { state: 'blank', cell: address };
  if (typeof value === 'number')
    return Number.isFinite(value) ? { state: 'number', value, cell: address } : { state: 'invalid', cell: address, reason: 'not-finite', text: String(value), length: 0 };
  if (typeof value === 'boolean') return { state: 'text', cell: address, text: String(value) };
  if (value.length > MAX_CELL_TEXT) return { state: 'invalid', cell: address, reason: 'too-long', text: `${value.slice(0, 40)}…`, length: value.length };
  const parsed = parseNumberText(value, table.convention);
  if (parsed.kind === 'number') return { state: 'number', value: parsed.value, cell: address, typedAsText: value };
  if (parsed.kind === 'ambiguous') return { state: 'ambiguous', cell: address, text: value, vi: parsed.vi, en: parsed.en };
  return { state: 'text', cell: address, text: value };
}

/** The number a cell stands for, or null when it is blank, absent or not a usable number. */
export function numberAt(table: LocatedTable, rowKey: string, columnKey: string): number | null {
  const reading = readCell(table, rowKey, columnKey);
  return reading.state === 'number' ? reading.value : null;
}

