import type ExcelJS from 'exceljs';
import type { Grid } from '../engine/grid.js';
import { InputError } from './input-error.js';
import { READ_LIMITS, type ReadLimits } from './limits.js';
import { sniffWorkbook } from './sniff.js';
import { loadWorkbook, workbookGrids } from './xlsx.js';
import { inflateWorkbookParts, storedZip } from './zip-parts.js';

/**
 * Reads a received workbook's bytes into grids, or throws an InputError that says what the
 * file really is and what to do. Works the same in Node and in the browser.
 */
export async function readWorkbookBytes(file: string, bytes: Uint8Array, limits: ReadLimits = READ_LIMITS): Promise<Grid[]> {
  const workbook = await openWorkbookBytes(file, bytes, limits);
  try {
    return workbookGrids(workbook);
  } catch (error) {
    throw new InputError(file, 'corrupt', error instanceof Error ? error.message : String(error));
  }
}

/**
 * Opens a received workbook with ExcelJS within the read limits: the file's size, its parts'
 * real inflated sizes and its cells are all checked before ExcelJS builds a single cell.
 */
export async function openWorkbookBytes(file: string, bytes: Uint8Array, limits: ReadLimits = READ_LIMITS): Promise<ExcelJS.Workbook> {
  if (bytes.length > limits.maxFileBytes) throw new InputError(file, 'file-too-large', undefined, { bytes: bytes.length, limit: limits.maxFileBytes });
  // Sizes are checked part by part while inflating, where a sheet over its limit can be named.
  const sniffed = sniffWorkbook(bytes, { maxTotalUncompressedBytes: Infinity, maxSheetUncompressedBytes: Infinity });
  if (sniffed.kind !== 'xlsx') throw new InputError(file, sniffed.kind, sniffed.detail);
  const parts = await inflateWorkbookParts(file, bytes, sniffed.entries!, limits).catch((error: unknown) => {
    if (error instanceof InputError) throw error;
    throw new InputError(file, 'corrupt', error instanceof Error ? error.message : String(error));
  });
  try {
    return await loadWorkbook(storedZip(parts));
  } catch (error) {
    throw new InputError(file, 'corrupt', error instanceof Error ? error.message : String(error));
  }
}
