/** A1 addresses, 0-based row/column indexes inside the engine, 1-based only in A1 text. */

export function columnLetters(col: number): string {
  let n = col + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const letters: string[] = [];

export function a1(row: number, col: number): string {
  // Column letters are asked for constantly while validating; compute each once.
  const columnName = (letters[col] ??= columnLetters(col));
  return `${columnName}${row + 1}`;
}

export function parseA1(address: string): { row: number; col: number } {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!match) throw new Error(`Not an A1 address: ${address}`);
  let col = 0;
  for (const ch of match[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, col: col - 1 };
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function parseRange(ref: string): CellRange {
  const [start, end = start] = ref.split(':') as [string, string?];
  const s = parseA1(start);
  const e = parseA1(end!);
  return { top: s.row, left: s.col, bottom: e.row, right: e.col };
}

export function rangeA1(range: CellRange): string {
  const start = a1(range.top, range.left);
  const end = a1(range.bottom, range.right);
  return start === end ? start : `${start}:${end}`;
}

/** Quotes a sheet name for use in a formula: 'PL01 Cam An'!E9. */
export function sheetRef(sheetName: string, address: string): string {
  return `'${sheetName.replace(/'/g, "''")}'!${address}`;
}
