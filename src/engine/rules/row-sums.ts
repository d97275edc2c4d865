import { z } from 'zod';
import { measureSchema } from '../measure.js';
import { childRows } from '../template-queries.js';
import { defineRule } from './rule.js';
import { checkTotal } from './sums.js';

export const rowSumsOptions = z.object({
  type: z.literal('rowSums'),
  /** Measures that add up over rows; communes never do. */
  measures: z.array(measureSchema.exclude(['communes', 'text'])).min(1),
});

/** A parent row (a policy, a project, Tổng cộng) equals the sum of its child rows. */
export const rowSumsRule = defineRule({
  type: 'rowSums',
  schema: rowSumsOptions,
  codes: ['sum/rows'],
  relations(options, template) {
    const columns = template.columns.filter((c) => (options.measures as string[]).includes(c.measure));
    return template.rows.flatMap((row) => {
      const children = childRows(template, row.key);
      if (children.length === 0) return [];
      return columns.map((column) => ({
        total: { row: row.key, column: column.key },
        parts: children.map((child) => ({ row: child.key, column: column.key })),
        use: 'formula' as const,
        group: 'rows',
        groupLabel: { vi: 'Tổng = cộng các dòng chi tiết', en: 'Total = sum of the detail rows' },
        direction: 'rows' as const,
      }));
    });
  },
  check(options, context) {
    const { template } = context.table;
    const columns = template.columns.filter((c) => (options.measures as string[]).includes(c.measure));
    for (const row of template.rows) {
      const children = childRows(template, row.key);
      // Stryker disable next-line ConditionalExpression: equivalent (with no parts checkTotal finds none reported and returns; the skip only saves reading the cells)
      if (children.length === 0) continue;
      for (const column of columns) {
        checkTotal(
          context,
          { row: row.key, column: column.key },
          children.map((child) => ({ row: child.key, column: column.key })),
          { code: 'sum/rows', params: { parts: children.length } },
        );
      }
    }
  },
});
