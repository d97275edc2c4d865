import { z } from 'zod';
import { sameAmount, tidy } from '../numbers.js';
import { hasMappingErrors } from '../locate.js';
import { readCell, type CellReading } from '../table.js';
import { defineRule } from './rule.js';

const cellKey = z.object({ row: z.string(), column: z.string() });

export const crossSheetOptions = z.object({
    type: z.literal('crossSheet'),
    checks: z.array(cellKey.extend({ equals: cellKey.extend({ template: z.string() }) })).min(1),
  });

/** Figures repeated in another annex of the same unit agree (capital summary vs Phụ lục 01/02). */
export const crossSheetRule = defineRule({
  type: 'crossSheet',
  schema: crossSheetOptions,
  codes: ['cross/mismatch', 'cross/missing-sheet'],
  siblings: (options) => [...new Set(options.checks.map((c) => c.equals.template))],
  references: (options) => options.checks.flatMap((c) => [['row', c.row] as ['row', string], ['column', c.column] as ['column', string]]),
  check(options, context) {
    const missing = new Set<string>();
    for (const check of options.checks) {
      const other = context.sibling(check.equals.template);
      if (!other) {
        missing.add(check.equals.template);
        continue;
      }
      // Its columns did not map: that error is reported there; comparing would only mislead.
      if (hasMappingErrors(other)) continue;
      const here = comparable(readCell(context.table, check.row, check.column));
      const there = comparable(readCell(other, check.equals.row, check.equals.column));
      if (!here || !there || (here.value === null && there.value === null)) continue;
      if (here.value !== null && there.value !== null && sameAmount(here.value, there.value)) continue;
      context.emit({
        code: 'cross/mismatch',
        cell: here.cell,
        row: check.row,
        column: check.column,
        expected: there.value === null ? null : tidy(there.value),
        actual: here.value,
        params: { otherSheet: other.grid.name, otherCell: there.cell, otherTemplate: check.equals.template },
      });
    }
    for (const template of missing) context.emit({ code: 'cross/missing-sheet', params: { otherTemplate: template } });
  },
});

/**
 * A figure, or null for a blank, with its cell. Anything else (text, an error, a row or column
 * the locator did not find) is not compared: the cell check or the locator reports it.
 */
function comparable(reading: CellReading): { value: number | null; cell: string } | undefined {
  if (reading.state === 'number') return { value: reading.value, cell: reading.cell };
  if (reading.state === 'blank') return { value: null, cell: reading.cell };
  return undefined;
}
