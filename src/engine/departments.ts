import type { Issue, RawIssue } from './issues.js';
import { readCell, type LocatedTable } from './table.js';
import type { RowDef, TemplateDef } from './template.js';
import { isNumericColumn, rowByKey } from './template-queries.js';
import type { Department, UnitList } from './units.js';

/** Rows a department leads in a template: the rows it names and every row under them. */
export function ledRows(template: TemplateDef, department: Department): RowDef[] {
  const named = new Set(department.leads[template.id] ?? []);
  const isLed = (row: RowDef | undefined): boolean => !!row && (named.has(row.key) || (row.parent !== undefined && isLed(rowByKey(template, row.parent))));
  return template.rows.filter((row) => isLed(row));
}

/**
 * Rows a department may fill: what it leads, plus the rows those add up into (its Tổng cộng is
 * the sum of its own rows). Anything else it fills is not its figure to report.
 */
export function allowedRows(template: TemplateDef, department: Department): Set<string> {
  const allowed = new Set(ledRows(template, department).map((r) => r.key));
  for (const key of [...allowed]) {
    for (let parent = rowByKey(template, key)?.parent; parent !== undefined; parent = rowByKey(template, parent)?.parent) allowed.add(parent);
  }
  return allowed;
}

/** The departments that lead at least one row of a template, in list order. */
export function leadingDepartments(units: UnitList, template: TemplateDef): Department[] {
  return units.departments.filter((d) => (d.leads[template.id]?.length ?? 0) > 0);
}

/** A warning for each row a department filled without leading it, at its first figure. */
export function unledRowIssues(table: LocatedTable, department: Department): RawIssue[] {
  const allowed = allowedRows(table.template, department);
  const columns = table.template.columns.filter(isNumericColumn);
  const issues: RawIssue[] = [];
  for (const row of table.template.rows) {
    if (allowed.has(row.key)) continue;
    for (const column of columns) {
      const reading = readCell(table, row.key, column.key);
      if (reading.state === 'absent' || reading.state === 'blank') continue;
      issues.push({ code: 'department/unled-row', cell: reading.cell, row: row.key, column: column.key, params: { department: department.name } });
      break;
    }
  }
  return issues;
}

/**
 * A department covers only its rows: a missing or blank row it does not lead, or a cross-check
 * against an annex it does not send, is normal for it, not a problem to report.
 */
export function isDepartmentNoise(issue: Issue, table: LocatedTable, department: Department, units: UnitList, templates: readonly TemplateDef[]): boolean {
  const allowed = allowedRows(table.template, department);
  const outside = issue.row !== undefined && !allowed.has(issue.row);
  if (outside && (issue.code === 'locate/missing-row' || issue.code === 'cross/mismatch' || issue.code === 'cell/blank')) return true;
  if (issue.code === 'cross/missing-sheet') {
    const other = templates.find((t) => t.id === issue.params.otherTemplate);
    return !other || !leadingDepartments(units, other).includes(department);
  }
  return false;
}

/** Led rows must exist in the templates: a typo in a district's list is reported, not ignored. */
export function unitListProblems(units: UnitList, templates: readonly TemplateDef[]): string[] {
  const problems: string[] = [];
  units.departments.forEach((department, i) => {
    for (const [templateId, rows] of Object.entries(department.leads)) {
      const template = templates.find((t) => t.id === templateId);
      if (!template) {
        problems.push(`departments.${i}.leads: không có mẫu biểu "${templateId}" / no template "${templateId}"`);
        continue;
      }
      for (const key of rows) if (!rowByKey(template, key)) problems.push(`departments.${i}.leads.${templateId}: mẫu ${templateId} không có dòng "${key}" / no row "${key}"`);
    }
  });
  return problems;
}
