import { z } from 'zod';
import { tidy } from '../numbers.js';
import { readCell } from '../table.js';
import { defineRule } from './rule.js';

/** The most one cell can plausibly hold, per measure (money in triệu đồng, counts as counted). */
const limitsSchema = z.object({
  money: z.number().positive().optional(),
  persons: z.number().positive().optional(),
  households: z.number().positive().optional(),
  count: z.number().positive().optional(),
});

export const magnitudeOptions = z.object({
  type: z.literal('magnitude'),
  /** Limits for one reporting unit's own sheet (a commune, a town). */
  unit: limitsSchema,
  /** Limits for a sheet covering the whole district (its summary, a department's figures). */
  district: limitsSchema,
});

/** A money figure this many times too large was typed in đồng instead of triệu đồng. */
export const DONG_PER_TRIEU = 1_000_000;

const KIND = {
  unit: { vi: 'một đơn vị cấp xã', en: 'one commune or town' },
  district: { vi: 'cả huyện', en: 'a whole district' },
};

/**
 * Figures far beyond what the unit can have: money in đồng instead of triệu đồng (635.500.000
 * for 635,5, with the ÷ 1.000.000 fix when that lands in range), counts above any population
 * the unit could have. Limits are data, per measure and per kind of sheet.
 */
export const magnitudeRule = defineRule({
  type: 'magnitude',
  schema: magnitudeOptions,
  codes: ['magnitude/money', 'magnitude/count'],
  check(options, { table, scope, emit }) {
    const kind = scope > 1 ? 'district' : 'unit';
    const limits = options[kind];
    const who = { unitKindVi: KIND[kind].vi, unitKindEn: KIND[kind].en };
    for (const column of table.template.columns) {
      if (column.measure === 'text' || column.measure === 'communes') continue;
      const limit = limits[column.measure];
      if (limit === undefined) continue;
      for (const row of table.template.rows) {
        const reading = readCell(table, row.key, column.key);
        if (reading.state !== 'number' || reading.value <= limit) continue;
        const at = { cell: reading.cell, row: row.key, column: column.key, actual: reading.value };
        if (column.measure === 'money') {
          const inTrieu = tidy(reading.value / DONG_PER_TRIEU);
          emit({ code: 'magnitude/money', ...at, expected: inTrieu, params: { limit, ...who, fixable: inTrieu <= limit ? 1 : 0 } });
        } else {
          emit({ code: 'magnitude/count', ...at, params: { limit, ...who } });
        }
      }
    }
  },
});
