import type { Grid } from '../engine/grid.js';
import { InputError } from './input-error.js';
import { sniffWorkbook } from './sniff.js';
import { loadWorkbook, workbookGrids } from './xlsx.js';

/**
 * Reads a received workbook's bytes into grids, or throws an InputError that says what the
 * file really is and what to do. Works the same in Node and in the browser.
 */
export async function readWorkbookBytes(file: string, bytes: Uint8Array): Promise<Grid[]> {
  const sniffed = sniffWorkbook(bytes);
  if (sniffed.kind !== 'xlsx') throw new InputError(file, sniffed.kind, sniffed.detail);
  try {
    return workbookGrids(await loadWorkbook(bytes));
  } catch (error) {
    throw new InputError(file, 'corrupt', error instanceof Error ? error.message : String(error));
  }
}
