// What a received file may cost to read. Received annexes are email attachments, untrusted: every
// limit is checked before the memory it guards is allocated, and each is far above a real file
// (an annex is 20–50 KB with under 2,000 cells; a province's district workbook of 150 units is
// 1.5 MB with about 100,000 cells in 455 sheets, 4,100 at most in one).

const MB = 1024 * 1024;

export interface ReadLimits {
  /** Size of the file itself, checked with stat / File.size before it is read. */
  maxFileBytes: number;
  /** All the parts inflated, counted on the real output, not the sizes the zip declares. */
  maxTotalUncompressedBytes: number;
  /** One inflated part (a sheet, the shared strings). */
  maxPartUncompressedBytes: number;
  /** Cells and rows of one sheet, counted while inflating, before any is parsed. */
  maxCellsPerSheet: number;
  /** Cells and rows of all sheets together, and shared strings. */
  maxCellsPerWorkbook: number;
}

// Measured with ExcelJS 4.4 on this project's machine: 500,000 cells load in 2 s within 0.5 GB;
// 2,000,000 take 12 s and 1.3 GB, which a 2 GB heap does not survive twice.
export const READ_LIMITS: ReadLimits = Object.freeze({
  maxFileBytes: 50 * MB,
  maxTotalUncompressedBytes: 100 * MB,
  maxPartUncompressedBytes: 50 * MB,
  maxCellsPerSheet: 100_000,
  maxCellsPerWorkbook: 500_000,
});
