import { z } from 'zod';
import { sameAmount, tidy } from '../numbers.js';
import { numberAt, readCell } from '../table.js';
import { defineRule } from './rule.js';

/**
 * Above its bound by more than float noise, with sameAmount's tolerance: one đồng (10⁻⁶ triệu)
 * over is a real excess, 0,1 + 0,2 against 0,3 is not (a fixed 10⁻⁶ let one đồng through).
 */
const exceeds = (value: number, bound: number): boolean => value > bound && !sameAmount(value, bound);

export const ofWhichColumnsOptions = z.object({
    type: z.literal('ofWhichColumns'),
    total: z.string(),
    parts: z.array(z.string()).min(1),
    disjoint: z.boolean(),
  });

/**
 * "Of which" columns never exceed their total; disjoint parts (hộ nghèo, cận nghèo, mới
 * thoát nghèo) also never exceed it together. Overlapping parts (hộ DTTS) are only bounded alone.
 */
export const ofWhichColumnsRule = defineRule({
  type: 'ofWhichColumns',
  schema: ofWhichColumnsOptions,
  codes: ['ofwhich/exceeds', 'ofwhich/parts-exceed'],
  references: (options) => [options.total, ...options.parts].map((key) => ['column', key]),
  check(options, { table, emit }) {
    for (const row of table.template.rows) {
      const total = numberAt(table, row.key, options.total);
      if (total === null) continue;
      let partsSum = 0;
      for (const part of options.parts) {
        const reading = readCell(table, row.key, part);
        if (reading.state !== 'number') continue;
        partsSum += reading.value;
        if (exceeds(reading.value, total))
          emit({ code: 'ofwhich/exceeds', cell: reading.cell, row: row.key, column: part, expected: total, actual: reading.value, params: { total: options.total } });
      }
      const totalCell = readCell(table, row.key, options.total);
      if (options.disjoint && options.parts.length > 1 && exceeds(partsSum, total) && totalCell.state === 'number')
        emit({ code: 'ofwhich/parts-exceed', cell: totalCell.cell, row: row.key, column: options.total, expected: total, actual: tidy(partsSum), params: { parts: options.parts.length } });
    }
  },
});

export const ofWhichRowsOptions = z.object({ type: z.literal('ofWhichRows') });

/** "Trong đó" rows (e.g. vay ưu đãi NHCSXH) never exceed the row they belong to. */
export const ofWhichRowsRule = defineRule({
  type: 'ofWhichRows',
  schema: ofWhichRowsOptions,
  codes: ['ofwhich/exceeds'],
  check(_options, { table, emit }) {
    const { template } = table;
    for (const row of template.rows) {
      if (row.kind !== 'ofWhich' || row.parent === undefined) continue;
      for (const column of template.columns) {
        if (column.measure === 'text') continue;
        const reading = readCell(table, row.key, column.key);
        const parent = numberAt(table, row.parent, column.key);
        if (reading.state === 'number' && parent !== null && exceeds(reading.value, parent))
          emit({ code: 'ofwhich/exceeds', cell: reading.cell, row: row.key, column: column.key, expected: parent, actual: reading.value, params: { total: row.parent } });
      }
    }
  },
});

export const householdsWithinPersonsOptions = z.object({ type: z.literal('householdsWithinPersons') });

/** A household has at least one person: households ≤ persons for the same row and year. */
export const householdsWithinPersonsRule = defineRule({
  type: 'householdsWithinPersons',
  schema: householdsWithinPersonsOptions,
  codes: ['households/over-persons'],
  check(_options, { table, emit }) {
    const { columns } = table.template;
    for (const households of columns.filter((c) => c.measure === 'households')) {
      const persons = columns.find((c) => c.measure === 'persons' && c.year === households.year);
      if (!persons) continue;
      for (const row of table.template.rows) {
        const reading = readCell(table, row.key, households.key);
        const personCount = numberAt(table, row.key, persons.key);
        if (reading.state === 'number' && personCount !== null && exceeds(reading.value, personCount))
          emit({ code: 'households/over-persons', cell: reading.cell, row: row.key, column: households.key, expected: personCount, actual: reading.value, params: { persons: persons.key } });
      }
    }
  },
});

export const communesWithinScopeOptions = z.object({ type: z.literal('communesWithinScope') });

/** Communes never add up: a commune's sheet counts at most 1, a district's at most its units. */
export const communesWithinScopeRule = defineRule({
  type: 'communesWithinScope',
  schema: communesWithinScopeOptions,
  codes: ['communes/over-scope'],
  check(_options, { table, scope, emit }) {
    for (const column of table.template.columns.filter((c) => c.measure === 'communes')) {
      for (const row of table.template.rows) {
        const reading = readCell(table, row.key, column.key);
        if (reading.state === 'number' && reading.value > scope)
          emit({ code: 'communes/over-scope', cell: reading.cell, row: row.key, column: column.key, expected: scope, actual: reading.value });
      }
    }
  },
});
