import { a1, sheetRef } from './a1.js';
import { ledRows, leadingDepartments } from './departments.js';
import type { CellRange } from './a1.js';
import type { CellValue } from './grid.js';
import { tidy } from './numbers.js';
import type { AnnexPositions } from './render.js';
import type { SpecCell } from './sheet-spec.js';
import type { TemplateDef } from './template.js';
import type { ValueOf } from './totals.js';
import type { Department, UnitList } from './units.js';

export interface DepartmentFigures {
  department: Department;
  /** The department's sheet in the district workbook, when received. */
  sheet?: string;
  /** A figure as that sheet holds it (totals recomputed from their parts, never a cached result). */
  figure?: (row: string, column: string) => number | null;
}

/** True when a department's figure and the communes' sum differ by more than the tolerance. */
export function beyondTolerance(communes: number, department: number, tolerance: number): boolean {
  const difference = Math.abs(department - communes);
  return difference > 1e-6 && difference > tolerance * Math.max(Math.abs(communes), Math.abs(department));
}

/**
 * Under a district summary: for every row a department leads, the communes' sum and the
 * department's own district-wide figure side by side in the annex's columns, and their
 * difference as a formula. Neither is added into the other; which one goes upward is the
 * consolidator's choice. A difference beyond the list's tolerance gets the warning style.
 */
export function departmentComparison(
  template: TemplateDef,
  units: UnitList,
  received: ReadonlyMap<string, DepartmentFigures>,
  positions: AnnexPositions,
  firstRow: number,
  communeSum: ValueOf,
): { cells: SpecCell[]; merges: CellRange[]; rows: number } {
  const departments = leadingDepartments(units, template);
  const cells: SpecCell[] = [];
  const merges: CellRange[] = [];
  if (departments.length === 0) return { cells, merges, rows: 0 };
  const numeric = template.columns.filter((c) => c.measure !== 'text');
  const label = positions.labelColumn;
  const percent = Math.round(units.departmentTolerance * 1000) / 10;
  let r = firstRow;
  cells.push({ row: r++, col: label, value: 'ĐỐI CHIẾU VỚI SỐ LIỆU CÁC PHÒNG, BAN CHỦ TRÌ (số toàn huyện)', style: 'plainBold' });
  cells.push({
    row: r++,
    col: label,
    value: `Chênh lệch = số phòng, ban − tổng các xã; tô màu khi lệch quá ${String(percent).replace('.', ',')}% số lớn hơn. Hai số có thể khác nhau (phòng, ban còn chi ở cấp huyện); người tổng hợp chọn số báo cáo lên. Số phòng, ban không cộng vào tổng các xã.`,
    style: 'note',
  });
  for (const department of departments) {
    const figures = received.get(department.code);
    for (const row of ledRows(template, department)) {
      const summaryRow = positions.rows.get(row.key)!;
      cells.push({ row: r, col: positions.ttColumn, value: row.tt || null, style: 'ttBold' });
      cells.push({ row: r, col: label, value: `${row.label} — chủ trì: ${department.name}`, style: 'labelBold' });
      for (const column of numeric) cells.push({ row: r, col: positions.columns.get(column.key)!, value: null, style: 'count' });
      const [sumRow, deptRow, diffRow] = [r + 1, r + 2, r + 3];
      cells.push({ row: sumRow, col: label, value: 'Tổng các xã (như bảng trên)', style: 'label' });
      cells.push({ row: deptRow, col: label, value: figures?.sheet ? `${department.shortName} báo cáo` : `${department.shortName}: chưa nhận`, style: 'label' });
      cells.push({ row: diffRow, col: label, value: 'Chênh lệch (phòng, ban − các xã)', style: 'label' });
      for (const column of numeric) {
        const c = positions.columns.get(column.key)!;
        const style = column.measure === 'money' ? 'money' : 'count';
        const communes = communeSum(row.key, column.key) ?? 0;
        cells.push({ row: sumRow, col: c, formula: a1(summaryRow, c), result: communes, style });
        const own: CellValue = figures?.figure?.(row.key, column.key) ?? null;
        if (figures?.sheet) {
          const ref = sheetRef(figures.sheet, a1(summaryRow, c));
          cells.push({ row: deptRow, col: c, formula: `IF(${ref}="","",${ref})`, result: own ?? '', style });
        } else cells.push({ row: deptRow, col: c, value: null, style });
        const [sumCell, deptCell] = [a1(sumRow, c), a1(deptRow, c)];
        const difference = typeof own === 'number' ? tidy(own - communes) : '';
        const warn = typeof own === 'number' && beyondTolerance(communes, own, units.departmentTolerance);
        cells.push({ row: diffRow, col: c, formula: `IF(${deptCell}="","",${deptCell}-${sumCell})`, result: difference, style: warn ? 'differenceWarning' : style });
      }
      r += 4;
    }
  }
  return { cells, merges, rows: r - firstRow };
}
