import { ISSUE_CODES, type Issue, type IssueCode, type RawIssue } from './issues.js';
import { hasMappingErrors, locateTable, MAX_GRID_COLS, MAX_GRID_ROWS } from './locate.js';
import { normalizeText } from './text.js';
import { renderMessage } from './messages.js';
import { runRule } from './rules/index.js';
import type { LocatedTable } from './table.js';
import type { TemplateDef } from './template.js';
import { colCount, rowCount, type Grid } from './grid.js';
import { columnByKey, rowByKey } from './template-queries.js';

export interface SheetSummary {
  sheet: string;
  /** Template id found on the sheet, or null when the sheet holds no annex. */
  template: string | null;
  unitText?: string;
  errors: number;
  warnings: number;
}

export interface ValidationReport {
  valid: boolean;
  file?: string;
  sheets: SheetSummary[];
  issues: Issue[];
  stats: { errors: number; warnings: number; byCode: Partial<Record<IssueCode, number>> };
}

export interface ValidateOptions {
  templates: readonly TemplateDef[];
  file?: string;
  /** Reporting units a table covers (1 for a commune; the district's unit count for its summary). */
  scopeOf?: (table: LocatedTable) => number;
}

export interface WorkbookValidation {
  tables: LocatedTable[];
  report: ValidationReport;
}

/** Locates every annex in a workbook's sheets and runs each template's declared rules. */
export function validateWorkbook(grids: readonly Grid[], options: ValidateOptions): WorkbookValidation {
  const tables: LocatedTable[] = [];
  const issues: Issue[] = [];
  const sheets: SheetSummary[] = [];
  const scopeOf = options.scopeOf ?? (() => 1);

  const located = grids.map((grid) => {
    if (rowCount(grid) > MAX_GRID_ROWS || colCount(grid) > MAX_GRID_COLS) {
      issues.push(reportedIssue({ code: 'locate/too-large', params: { rows: rowCount(grid), columns: colCount(grid) } }, grid.name, options.file));
      return { grid, table: null };
    }
    if (grid.unreadable) {
      issues.push(reportedIssue({ code: 'locate/sheet-unreadable' }, grid.name, options.file));
      return { grid, table: null };
    }
    return { grid, table: locateTable(grid, options.templates) };
  });
  for (const { table } of located) if (table) tables.push(table);
  const found = new Set(tables.map((t) => t.template.id));
  for (const { grid, table } of located) {
    if (table || grid.unreadable) continue;
    const annex = looksLikeAnnex(grid, options.templates, found);
    if (annex) issues.push(reportedIssue({ code: 'locate/annex-not-found', params: { annex: annex.annex } }, grid.name, options.file));
  }

  for (const { grid, table } of located) {
    if (table) {
      const emit = (raw: RawIssue) => issues.push(reportedIssue(raw, grid.name, options.file, table));
      table.issues.forEach(emit);
      const context = {
        table,
        scope: scopeOf(table),
        sibling: (templateId: string) => findSibling(tables, table, templateId),
        emit,
      };
      // Columns that could not be mapped one to one make every figure's meaning unsure: the
      // mapping error is what to fix, checks over misplaced figures would only add false errors.
      if (!hasMappingErrors(table)) for (const rule of table.template.rules) runRule(rule, context);
    }
    // By name: a sheet's locator-level issues (too large, unreadable, table not found) came first.
    const own = issues.filter((i) => i.sheet === grid.name);
    sheets.push({
      sheet: grid.name,
      template: table?.template.id ?? null,
      ...(table?.unitText !== undefined ? { unitText: table.unitText } : {}),
      errors: own.filter((i) => i.severity === 'error').length,
      warnings: own.filter((i) => i.severity === 'warning').length,
    });
  }
  if (tables.length === 0 && !issues.some((i) => i.severity === 'error')) {
    issues.push(reportedIssue({ code: 'locate/no-annex' }, grids[0]?.name ?? '', options.file));
  }
  return { tables, report: buildReport(issues, sheets, options.file) };
}

/** The other annex of the same unit: same "Đơn vị báo cáo" text, or the only one of its kind. */
function findSibling(tables: readonly LocatedTable[], table: LocatedTable, templateId: string): LocatedTable | undefined {
  const candidates = tables.filter((t) => t.template.id === templateId && t !== table);
  const sameUnit = candidates.filter((t) => sameUnitText(t.unitText, table.unitText));
  return sameUnit[0] ?? (candidates.length === 1 ? candidates[0] : undefined);
}

function sameUnitText(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();
}

/** A rule's raw finding made a full issue: where (file, sheet, row and column labels), how severe, and its message in both languages. */
export function reportedIssue(raw: RawIssue, sheet: string, file?: string, table?: LocatedTable): Issue {
  const rowLabel = raw.row && table ? rowByKey(table.template, raw.row)?.label : undefined;
  const column = raw.column && table ? columnByKey(table.template, raw.column) : undefined;
  const facts = {
    ...raw,
    severity: raw.severity ?? ISSUE_CODES[raw.code],
    ...(rowLabel !== undefined ? { rowLabel } : {}),
    ...(column ? { columnLabel: column.header.join(' / ') } : {}),
  };
  return {
    ...facts,
    ...(file !== undefined ? { file } : {}),
    sheet,
    message: { vi: renderMessage(facts, 'vi'), en: renderMessage(facts, 'en') },
  };
}

export function buildReport(issues: Issue[], sheets: SheetSummary[], file?: string): ValidationReport {
  const byCode: Partial<Record<IssueCode, number>> = {};
  for (const issue of issues) byCode[issue.code] = (byCode[issue.code] ?? 0) + 1;
  const errors = issues.filter((i) => i.severity === 'error').length;
  return {
    valid: errors === 0,
    ...(file !== undefined ? { file } : {}),
    sheets,
    issues,
    stats: { errors, warnings: issues.length - errors, byCode },
  };
}

/**
 * A sheet meant to hold an annex whose table was not found: named like the annex (PL02), or
 * titled "Phụ lục 02" near the top while no sheet of the workbook holds that annex (a guidance
 * sheet may quote the title too). Its figures would silently go missing from the totals.
 */
function looksLikeAnnex(grid: Grid, templates: readonly TemplateDef[], found: ReadonlySet<string>): TemplateDef | undefined {
  const name = normalizeText(grid.name);
  const titles: string[] = [];
  for (let r = 0; r < Math.min(rowCount(grid), 10); r++)
    for (const cell of grid.cells[r]?.slice(0, 10) ?? []) if (typeof cell?.value === 'string') titles.push(normalizeText(cell.value));
  return templates.find((template) => {
    if (name === normalizeText(template.sheetName) || name === normalizeText(template.annex)) return true;
    if (found.has(template.id)) return false;
    const annexWords = [template.annex, ...template.anchors].map(normalizeText).filter((a) => a.startsWith('phụ lục'));
    return titles.some((title) => annexWords.some((words) => title === words || title.startsWith(`${words} `)));
  });
}
