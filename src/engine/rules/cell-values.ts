import { z } from 'zod';
import { cellAt } from '../grid.js';
import { isCountColumn, isNumericColumn } from '../template-queries.js';
import { readCell, type CellReading } from '../table.js';
import { defineRule } from './rule.js';

export const cellValuesOptions = z.object({
    type: z.literal('cellValues'),
    /** Columns that may stay blank in a filled row (outputs that do not apply to every row). */
    optionalColumns: z.array(z.string()).default([]),
  });

/**
 * Every numeric cell holds a usable number: not text, not negative, whole for counts. A blank
 * beside filled cells of the same row is flagged: blank means "not reported", 0 means "none".
 */
export const cellValuesRule = defineRule({
  type: 'cellValues',
  schema: cellValuesOptions,
  codes: ['cell/formula-error', 'cell/not-number', 'cell/ambiguous-number', 'cell/text-number', 'cell/negative', 'cell/not-integer', 'cell/blank', 'cell/not-finite', 'cell/too-long'],
  references: (options) => options.optionalColumns.map((k) => ['column', k]),
  check(options, { table, emit }) {
    const columns = table.template.columns.filter((c) => isNumericColumn(c) && table.columns.has(c.key));
    const textColumns = table.template.columns.filter((c) => !isNumericColumn(c) && table.columns.has(c.key));
    const emitInvalid = (reading: Extract<CellReading, { state: 'invalid' }>, at: { row: string; column: string }) =>
      emit(
        reading.reason === 'not-finite'
          ? { code: 'cell/not-finite', cell: reading.cell, ...at, actual: reading.text }
          : { code: 'cell/too-long', cell: reading.cell, ...at, actual: reading.text, params: { length: reading.length } },
      );
    for (const row of table.template.rows) {
      if (!table.rows.has(row.key)) continue;
      const readings = columns.map((column) => ({ column, reading: readCell(table, row.key, column.key) }));
      // Typed figures make a row "reported"; a total formula showing 0 over blanks does not.
      const gridRow = table.rows.get(row.key)!;
      const rowIsFilled = readings.some(
        ({ column, reading }) => reading.state !== 'blank' && reading.state !== 'absent' && cellAt(table.grid, gridRow, table.columns.get(column.key)!)?.formula === undefined,
      );
      for (const column of textColumns) {
        const reading = readCell(table, row.key, column.key);
        if (reading.state === 'invalid') emitInvalid(reading, { row: row.key, column: column.key });
      }
      for (const { column, reading } of readings) {
        const at = { row: row.key, column: column.key };
        switch (reading.state) {
          case 'invalid':
            emitInvalid(reading, at);
            break;
          case 'error':
            emit({ code: 'cell/formula-error', cell: reading.cell, ...at, actual: reading.error });
            break;
          case 'text':
            emit({ code: 'cell/not-number', cell: reading.cell, ...at, actual: reading.text });
            break;
          case 'ambiguous':
            emit({ code: 'cell/ambiguous-number', cell: reading.cell, ...at, actual: reading.text, params: { vi: reading.vi, en: reading.en } });
            break;
          case 'blank':
            if (rowIsFilled && !options.optionalColumns.includes(column.key)) emit({ code: 'cell/blank', cell: reading.cell, ...at, actual: null });
            break;
          case 'number':
            if (reading.typedAsText !== undefined)
              emit({ code: 'cell/text-number', cell: reading.cell, ...at, actual: reading.typedAsText, expected: reading.value });
            if (reading.value < 0) emit({ code: 'cell/negative', cell: reading.cell, ...at, actual: reading.value });
            else if (isCountColumn(column) && !Number.isInteger(reading.value))
              emit({ code: 'cell/not-integer', cell: reading.cell, ...at, actual: reading.value });
            break;
        }
      }
    }
  },
});
