import { z } from 'zod';
import { defineRule } from './rule.js';
import { checkTotal } from './sums.js';

/** Every total column (a column with `sumOf`, e.g. Tổng 2016-2018) equals the sum of its columns. */
export const columnTotalsRule = defineRule({
  type: 'columnTotals',
  schema: z.object({ type: z.literal('columnTotals') }),
  codes: ['sum/columns'],
  references: () => [],
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

/** A breakdown (capital by source, by year) equals the stated total in every row. */
export const columnGroupRule = defineRule({
  type: 'columnGroup',
  schema: z.object({
    type: z.literal('columnGroup'),
    total: z.string(),
    parts: z.array(z.string()).min(2),
    name: z.object({ vi: z.string().min(1), en: z.string().min(1) }),
  }),
  codes: ['sum/columns'],
  references: (options) => [options.total, ...options.parts].map((key) => ['column', key]),
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
