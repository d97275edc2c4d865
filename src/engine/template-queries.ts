import type { ColumnDef, RowDef, TemplateDef } from './template.js';

export function childRows(def: TemplateDef, parentKey: string): RowDef[] {
  return def.rows.filter((row) => row.parent === parentKey && row.kind !== 'ofWhich');
}

export function columnByKey(def: TemplateDef, key: string): ColumnDef | undefined {
  return def.columns.find((c) => c.key === key);
}

export function rowByKey(def: TemplateDef, key: string): RowDef | undefined {
  return def.rows.find((r) => r.key === key);
}

export function isNumericColumn(column: ColumnDef): boolean {
  return column.measure !== 'text';
}

/** Counts must be whole numbers; money may have decimals. */
export function isCountColumn(column: ColumnDef): boolean {
  return column.measure !== 'money' && column.measure !== 'text';
}
