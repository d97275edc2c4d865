import { z } from 'zod';
import { readCell } from '../table.js';
import type { ColumnDef } from '../template.js';
import { defineRule } from './rule.js';

export const yearOnYearOptions = z.object({
    type: z.literal('yearOnYear'),
    factor: z.number().gt(1),
    /** Small figures jump naturally (1 → 6 households); only compare from this size up. */
    minimum: z.number().nonnegative(),
  });

/**
 * A figure that jumps by more than `factor` from one year to the next is worth a second look
 * (a slipped digit, a value in đồng instead of triệu đồng). A warning, never an error.
 */
export const yearOnYearRule = defineRule({
  type: 'yearOnYear',
  schema: yearOnYearOptions,
  codes: ['trend/jump'],
  check(options, { table, emit }) {
    for (const [previous, next] of consecutiveYearColumns(table.template.columns)) {
      for (const row of table.template.rows) {
        const before = readCell(table, row.key, previous.key);
        const after = readCell(table, row.key, next.key);
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent (a reading that is not a number has no value: Math.min/max give NaN and every comparison below is false)
        if (before.state !== 'number' || after.state !== 'number') continue;
        const [low, high] = [Math.min(before.value, after.value), Math.max(before.value, after.value)];
        if (low <= 0 || high < options.minimum) continue;
        if (high / low > options.factor)
          emit({ code: 'trend/jump', cell: after.cell, row: row.key, column: next.key, expected: before.value, actual: after.value, params: { factor: options.factor, previousCell: before.cell } });
      }
    }
  },
});

/** Pairs of columns measuring the same thing in consecutive years (Kinh phí 2016 → 2017). */
function consecutiveYearColumns(columns: ColumnDef[]): Array<[ColumnDef, ColumnDef]> {
  const series = new Map<string, ColumnDef[]>();
  for (const column of columns) {
    if (column.year === undefined || column.measure === 'text') continue;
    // The series is the header path without its year label: ["Năm 2016", "Kinh phí"] (PL01),
    // ["…", "Theo năm", "Năm 2016"] (PL02) and ["Năm 2016"] (NV) each pair with the next year.
    const year = String(column.year);
    const id = [column.measure, ...column.header.filter((h) => h.replace(/^năm\s*/i, '').trim() !== year)].join('|');
    // Stryker disable next-line ArrayDeclaration: equivalent (a string put first has no year: its comparisons are NaN, read as equal, so the sort leaves it first, and it pairs with none)
    const earlier = series.get(id) ?? [];
    series.set(id, [...earlier, column]);
  }
  // Stryker disable next-line ArrayDeclaration: equivalent (a string entry splits into two letters, and "S" can never be a column key: that reading is absent, skipped)
  const pairs: Array<[ColumnDef, ColumnDef]> = [];
  for (const list of series.values()) {
    const sorted = [...list].sort((a, b) => a.year! - b.year!);
    for (let i = 1; i < sorted.length; i++) if (sorted[i]!.year === sorted[i - 1]!.year! + 1) pairs.push([sorted[i - 1]!, sorted[i]!]);
  }
  return pairs;
}
