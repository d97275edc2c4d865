import { a1, sheetRef } from './a1.js';
import type { CellValue } from './grid.js';
import { tidy } from './numbers.js';

export interface Position {
  row: number;
  col: number;
}

/** SUM over cells, with contiguous runs of one column written as ranges: SUM(C9:C11,C14). */
export function sumFormula(cells: Position[]): string {
  const sorted = [...cells].sort((a, b) => a.col - b.col || a.row - b.row);
  const pieces: string[] = [];
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i];
    if (cur && cur.col === prev.col && cur.row === prev.row + 1) continue;
    const first = sorted[start]!;
    pieces.push(first.row === prev.row ? a1(first.row, first.col) : `${a1(first.row, first.col)}:${a1(prev.row, prev.col)}`);
    start = i;
  }
  // A horizontal run of single cells reads better as one range too.
  const singles = pieces.every((p) => !p.includes(':'));
  const sameRow = sorted.every((c) => c.row === sorted[0]?.row);
  if (singles && sameRow && sorted.length > 1 && sorted.every((c, i) => i === 0 || c.col === sorted[i - 1]!.col + 1)) {
    return `SUM(${a1(sorted[0]!.row, sorted[0]!.col)}:${a1(sorted[0]!.row, sorted[sorted.length - 1]!.col)})`;
  }
  return `SUM(${pieces.join(',')})`;
}

/**
 * A total that stays blank while none of its parts is reported: blank means "not reported" and
 * 0 means "none", and a total must not turn the one into the other.
 */
export function reportedSumFormula(cells: Position[]): string {
  const sum = sumFormula(cells);
  return `IF(COUNT(${sum.slice(4, -1)})=0,"",${sum})`;
}

/** Excel's limit on a function's arguments. */
const MAX_ARGUMENTS = 255;

/**
 * SUM('PL01 Cam An'!E9,'PL01 Cam Tuyền'!E9,…): one reference per unit, so each unit's share
 * stays visible and inserting a sheet changes nothing (unlike a 3-D range). SUM rather than "+"
 * so a unit cell left as text (reported as an error) cannot turn the district total into #VALUE!.
 */
export function explicitSumFormula(sheetNames: string[], address: string): string {
  if (sheetNames.length === 0) return '0';
  const refs = sheetNames.map((name) => sheetRef(name, address));
  if (refs.length <= MAX_ARGUMENTS) return `SUM(${refs.join(',')})`;
  const chunks: string[] = [];
  for (let i = 0; i < refs.length; i += MAX_ARGUMENTS) chunks.push(`SUM(${refs.slice(i, i + MAX_ARGUMENTS).join(',')})`);
  return `SUM(${chunks.join(',')})`;
}

/**
 * ✓ when a total equals its parts, else the difference (a number the official can read).
 * SUM(total) reads a blank or "" total as 0 where a bare reference would give #VALUE!.
 */
export function checkFormula(total: string, parts: string): string {
  const difference = `SUM(${total})-(${parts})`;
  return `IF(ABS(${difference})<0.000001,"✓",ROUND(${difference},6))`;
}

export function checkResult(total: number, parts: number): CellValue {
  const difference = tidy(total - parts);
  return Math.abs(total - parts) < 0.000001 ? '✓' : difference;
}
