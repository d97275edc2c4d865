import { z } from 'zod';
import { defineRule } from './rule.js';
import { checkTotal } from './sums.js';

export const columnTotalsOptions = z.object({ type: z.literal('columnTotals') });

/** Every total column (a column with `sumOf`, e.g. Tổng 2016-2018) equals the sum of its columns. */
export const columnTotalsRule = defineRule({
  type: 'columnTotals',
  schema: columnTotalsOptions,
  codes: ['sum/columns'],
  relations(_options, template) {
    return template.columns.flatMap((column) =>
      (column.sumOf ? template.rows : []).map((row) => ({
        total: { row: row.key, column: column.key },
        parts: column.sumOf!.map((part) => ({ row: row.key, column: part })),
        use: 'formula' as const,
        group: column.key,
        groupLabel: { vi: `${column.header.join(' ')} = cộng các cột thành phần`, en: `${column.header.join(' ')} = sum of its part columns` },
        direction: 'columns' as const,
      })),
    );
  },
  check(_options, context) {
    const { template } = context.table;
    for (const column of template.columns) {
      if (!column.sumOf) continue;
      for (const row of template.rows) {
        checkTotal(
          context,
          { row: row.key, column: column.key },
          column.sumOf.map((part) => ({ row: row.key, column: part })),
          { code: 'sum/columns', params: { parts: column.sumOf.length } },
        );
      }
    }
  },
});

export const columnGroupOptions = z.object({
  type: z.literal('columnGroup'),
  total: z.string(),
  parts: z.array(z.string()).min(2),
  name: z.object({ vi: z.string().min(1), en: z.string().min(1) }),
});

/** A breakdown (capital by source, by year) equals the stated total in every row. */
export const columnGroupRule = defineRule({
  type: 'columnGroup',
  schema: columnGroupOptions,
  codes: ['sum/columns'],
  references: (options) => [options.total, ...options.parts].map((key) => ['column', key]),
  relations(options, template) {
    return template.rows.map((row) => ({
      total: { row: row.key, column: options.total },
      parts: options.parts.map((part) => ({ row: row.key, column: part })),
      use: 'check' as const,
      group: `group:${options.name.vi}`,
      groupLabel: { vi: `Tổng = cộng ${options.name.vi}`, en: `Total = sum ${options.name.en}` },
      direction: 'columns' as const,
    }));
  },
  check(options, context) {
    for (const row of context.table.template.rows) {
      checkTotal(
        context,
        { row: row.key, column: options.total },
        options.parts.map((part) => ({ row: row.key, column: part })),
        { code: 'sum/columns', params: { groupVi: options.name.vi, groupEn: options.name.en, parts: options.parts.length } },
      );
    }
  },
});
