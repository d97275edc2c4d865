import type { SheetSpec } from './sheet-spec.js';

/**
 * How an annex prints on A4 landscape. Squeezing a wide annex onto one page width made its
 * type 5–7 pt; a government form must stay readable. So: one page wide when that keeps the
 * smallest type (10 pt in GNBV's styles) at 8 pt or more, otherwise a fixed 80 % with the TT and
 * label columns repeated on every page, the header rows too (print titles), the annex running on
 * to the next sheet of paper across.
 */
export const MIN_PRINTED_PT = 8;
export const SMALLEST_FONT_PT = 10;
const MIN_SCALE = MIN_PRINTED_PT / SMALLEST_FONT_PT;

/** A4 landscape, less GNBV's margins (0.4 in either side): the printable width in points. */
const A4_LANDSCAPE_WIDTH_PT = 841.89 - 2 * 0.4 * 72;

/**
 * Excel's column width (characters of the default font's digit, 7 px) to points at 96 dpi, with
 * a margin: LibreOffice lays the same widths out about 1.2 times wider (measured on Phụ lục
 * 01's page break), and a title kept within the first page there is within it in Excel too.
 */
function columnPoints(width: number): number {
  return ((Math.trunc(width * 7 + 5) * 72) / 96) * 1.3;
}

export interface AnnexPrint {
  print: NonNullable<SheetSpec['print']>;
  /** First column of each printed page across (0-based; [0] when the annex is one page wide). */
  pageStarts: number[];
}

export function annexPrintLayout(columnWidths: readonly number[], titleColumns: { from: number; to: number }): AnnexPrint {
  const points = columnWidths.map(columnPoints);
  const total = points.reduce((sum, w) => sum + w, 0);
  const fit = Math.min(1, A4_LANDSCAPE_WIDTH_PT / total);
  if (fit >= MIN_SCALE) return { print: { scale: Math.floor(fit * 100) }, pageStarts: [0] };
  const scale = Math.round(MIN_SCALE * 100);
  // The pages across as Excel and LibreOffice break them: whole columns, the title columns again on each.
  const room = (A4_LANDSCAPE_WIDTH_PT * 100) / scale;
  const titles = points.slice(titleColumns.from, titleColumns.to + 1).reduce((a, b) => a + b, 0);
  const pageStarts = [0];
  let used = 0;
  points.forEach((w, c) => {
    if (used + w > room && c > titleColumns.to) {
      pageStarts.push(c);
      used = titles;
    }
    used += w;
  });
  return { print: { scale, titleColumns }, pageStarts };
}
