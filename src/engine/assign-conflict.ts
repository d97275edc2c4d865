import type { Reporter } from './units.js';

/**
 * A sheet whose own unit line or title names, with certainty, a unit other than the one the
 * user assigned to its whole file. An assignment answers only the sheets that say nothing
 * certain: this sheet is held back (nothing is written) rather than put under the wrong unit.
 */
export interface AssignConflict {
  file: string;
  sheet: string;
  /** What the sheet itself says, and where. */
  named: Reporter;
  namedBy: 'unit-line' | 'title';
  /** What the user assigned to the file (--assign, or the pane's unit choice). */
  assigned: Reporter;
  message: { vi: string; en: string };
}

export function assignConflict(file: string, sheet: string, named: Reporter, namedBy: AssignConflict['namedBy'], assigned: Reporter): AssignConflict {
  const where = { vi: namedBy === 'unit-line' ? 'dòng "Đơn vị báo cáo"' : 'tiêu đề', en: namedBy === 'unit-line' ? 'its "Đơn vị báo cáo" line' : 'its title' };
  return {
    file,
    sheet,
    named,
    namedBy,
    assigned,
    message: {
      vi: `Chưa gộp tệp ${file}, trang "${sheet}": ${where.vi} của trang ghi ${named.name} (${named.code}), nhưng tệp được chỉ định là của ${assigned.name} (${assigned.code}). GNBV không đặt số liệu của đơn vị này vào đơn vị khác. Nếu trang ghi sai đơn vị, hãy sửa ${where.vi} trong tệp; nếu chỉ định sai, hãy bỏ chỉ định đơn vị cho tệp này.`,
      en: `Not merged ${file}, sheet "${sheet}": ${where.en} names ${named.name} (${named.code}), but the file was assigned to ${assigned.name} (${assigned.code}). GNBV never puts one unit's figures under another. If the sheet names the wrong unit, fix ${where.en} in the file; if the assignment is wrong, drop it for this file.`,
    },
  };
}
