import { z } from 'zod';
import { listed, LocalizedError } from './localized-error.js';
import { measureSchema } from './measure.js';
import { ruleReferences, ruleSchema } from './rules/index.js';
import { headerKey } from './text.js';


const keySchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'khóa chỉ gồm chữ thường, số, dấu _ (a-z0-9_)');
const labelSchema = z.string().trim().min(1);

export const columnSchema = z.object({
  key: keySchema,
  /** Header path through the header rows, top to bottom, e.g. ["Năm 2016", "Kinh phí"]. */
  header: z.array(labelSchema).min(1).max(3),
  /** Other wordings of the same path seen in received files. */
  aliases: z.array(z.array(labelSchema).min(1).max(3)).default([]),
  measure: measureSchema,
  year: z.number().int().min(2000).max(2100).optional(),
  /** A total column: the sum of these columns (written as a formula by `totals`). */
  sumOf: z.array(keySchema).min(2).optional(),
  width: z.number().positive().max(80).optional(),
});

export const rowSchema = z.object({
  key: keySchema,
  /** Number shown in the TT column: I, 1, 1.1, "-" or "". */
  tt: z.string(),
  label: labelSchema,
  aliases: z.array(labelSchema).default([]),
  /** Row this one adds up into; "of which" rows are bounded by it instead. */
  parent: keySchema.optional(),
  kind: z.enum(['total', 'group', 'item', 'detail', 'ofWhich']),
});

export const templateSchema = z
  .object({
    id: z.string().regex(/^[A-Z0-9]+$/),
    /** "Phụ lục 01": the first line of the sheet. */
    annex: labelSchema,
    title: labelSchema,
    subtitle: z.string().optional(),
    /** Words of the title that identify the annex when found above the table. */
    anchors: z.array(labelSchema).min(1),
    sheetName: z.string().min(1).max(20),
    unitOfMeasure: labelSchema,
    ttHeader: z.array(labelSchema).min(1),
    labelHeader: z.array(labelSchema).min(1),
    labelWidth: z.number().positive().max(120).default(50),
    headerRows: z.number().int().min(1).max(3),
    columns: z.array(columnSchema).min(1),
    rows: z.array(rowSchema).min(1),
    rules: z.array(ruleSchema),
  })
  .superRefine((def, ctx) => {
    const columnKeys = new Set<string>();
    def.columns.forEach((column, i) => {
      if (columnKeys.has(column.key)) ctx.addIssue({ code: 'custom', path: ['columns', i, 'key'], message: `khóa cột trùng: ${column.key}` });
      columnKeys.add(column.key);
      if (column.header.length > def.headerRows)
        ctx.addIssue({ code: 'custom', path: ['columns', i, 'header'], message: `tiêu đề có ${column.header.length} tầng, nhiều hơn headerRows = ${def.headerRows}` });
    });
    // Two columns reachable by the same header path would make a received column ambiguous.
    const paths = new Map<string, string>();
    def.columns.forEach((column, i) => {
      for (const path of [column.header, ...column.aliases]) {
        const key = path.map(headerKey).join(' / ');
        const other = paths.get(key);
        if (other !== undefined && other !== column.key)
          ctx.addIssue({ code: 'custom', path: ['columns', i, 'header'], message: `tiêu đề "${path.join(' / ')}" trùng với cột "${other}"` });
        paths.set(key, column.key);
      }
    });
    def.columns.forEach((column, i) => {
      if (column.sumOf && column.measure === 'communes')
        ctx.addIssue({ code: 'custom', path: ['columns', i, 'sumOf'], message: 'số xã không cộng dồn qua các năm' });
      column.sumOf?.forEach((part, j) => {
        if (!columnKeys.has(part)) ctx.addIssue({ code: 'custom', path: ['columns', i, 'sumOf', j], message: `không có cột "${part}"` });
      });
    });
    const rowKeys = new Set<string>();
    def.rows.forEach((row, i) => {
      if (rowKeys.has(row.key)) ctx.addIssue({ code: 'custom', path: ['rows', i, 'key'], message: `khóa dòng trùng: ${row.key}` });
      rowKeys.add(row.key);
    });
    def.rows.forEach((row, i) => {
      if (row.parent !== undefined && !rowKeys.has(row.parent))
        ctx.addIssue({ code: 'custom', path: ['rows', i, 'parent'], message: `không có dòng "${row.parent}"` });
    });
    // A total among its own parts (a row under itself, a column adding itself up) would be written
    // as a formula that refers to itself: Excel's circular reference, showing 0 or an old value.
    const parents = new Map(def.rows.map((row) => [row.key, row.parent]));
    def.rows.forEach((row, i) => {
      const seen = new Set<string>();
      for (let up = row.parent; up !== undefined && !seen.has(up); up = parents.get(up)) {
        if (up === row.key) ctx.addIssue({ code: 'custom', path: ['rows', i, 'parent'], message: `dòng "${row.key}" nằm dưới chính nó (vòng dòng cha)` });
        seen.add(up);
      }
    });
    const sumOf = new Map(def.columns.map((column) => [column.key, column.sumOf ?? []]));
    def.columns.forEach((column, i) => {
      const seen = new Set<string>();
      const pending = [...(column.sumOf ?? [])];
      while (pending.length) {
        const part = pending.pop()!;
        if (seen.has(part)) continue;
        seen.add(part);
        if (part === column.key) ctx.addIssue({ code: 'custom', path: ['columns', i, 'sumOf'], message: `cột "${column.key}" cộng cả chính nó (vòng sumOf)` });
        pending.push(...(sumOf.get(part) ?? []));
      }
    });
    def.rules.forEach((rule, i) => {
      for (const [field, key] of ruleReferences(rule)) {
        const known = field === 'row' ? rowKeys : columnKeys;
        if (!known.has(key)) ctx.addIssue({ code: 'custom', path: ['rules', i], message: `quy tắc ${rule.type}: không có ${field === 'row' ? 'dòng' : 'cột'} "${key}"` });
      }
    });
  });

export type TemplateDef = z.output<typeof templateSchema>;
export type ColumnDef = TemplateDef['columns'][number];
export type RowDef = TemplateDef['rows'][number];
export type RuleDef = TemplateDef['rules'][number];


export class TemplateDefinitionError extends LocalizedError {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(listed(`Định nghĩa mẫu biểu ${source} không hợp lệ`, problems), listed(`The template definition ${source} is invalid`, problems));
  }
}

/** Validates a template definition (user-editable data); errors name the field. */
export function parseTemplate(data: unknown, source: string): TemplateDef {
  const result = templateSchema.safeParse(data);
  if (result.success) return result.data;
  throw new TemplateDefinitionError(
    source,
    result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(gốc)'}: ${issue.message}`),
  );
}

