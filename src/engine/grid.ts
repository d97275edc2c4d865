import type { CellRange } from './a1.js';

/** What a cell shows: numbers, text, booleans; null for an empty cell. */
export type CellValue = number | string | boolean | null;

export interface GridCell {
  value: CellValue;
  /** Formula text without the leading "=", when the cell holds one. */
  formula?: string;
  /** Excel error such as "#REF!" when the cell evaluates to an error. */
  error?: string;
  numberFormat?: string;
}

/**
 * One sheet as the engine sees it, whatever it was read from (Excel, an .xlsx file, memory).
 * Rows and columns are 0-based; `cells[r][c]` is undefined for an empty cell.
 */
export interface Grid {
  name: string;
  cells: Array<Array<GridCell | undefined> | undefined>;
  merges: CellRange[];
  /** The workbook lists this sheet but its content could not be read (a missing or damaged part). */
  unreadable?: boolean;
  /** Hidden or very hidden in the workbook: never read as an annex, only reported. */
  hidden?: 'hidden' | 'veryHidden';
}

export function cellAt(grid: Grid, row: number, col: number): GridCell | undefined {
  return grid.cells[row]?.[col];
}

export function rowCount(grid: Grid): number {
  return grid.cells.length;
}

export function colCount(grid: Grid): number {
  let max = 0;
  for (const row of grid.cells) if (row && row.length > max) max = row.length;
  return max;
}

export function isEmptyCell(cell: GridCell | undefined): boolean {
  return !cell || (cell.error === undefined && (cell.value === null || (typeof cell.value === 'string' && cell.value.trim() === '')));
}

/** Text of a cell for label matching; numbers become text, empty becomes "". */
export function cellText(cell: GridCell | undefined): string {
  if (!cell || cell.value === null) return '';
  return String(cell.value);
}

/** Builds a grid from a plain matrix of values (tests, the demo, custom functions). */
export function gridFromValues(name: string, values: CellValue[][], merges: CellRange[] = []): Grid {
  return {
    name,
    cells: values.map((row) => row.map((value) => (value === null || value === '' ? undefined : { value }))),
    merges,
  };
}

/**
 * The value a merged area shows in each of its cells: Excel stores it only in the top-left
 * cell, but a header matcher must see it in every covered column.
 */
export function mergedValueAt(grid: Grid, row: number, col: number): GridCell | undefined {
  const own = cellAt(grid, row, col);
  if (!isEmptyCell(own)) return own;
  for (const m of grid.merges) {
    if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) return cellAt(grid, m.top, m.left);
  }
  return own;
}
