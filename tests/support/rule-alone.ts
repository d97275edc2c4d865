// Runs ONE rule of the shipped templates over in-memory grids, through the engine's own
// validateWorkbook (locate, run, render both languages), so a test sees exactly what that rule
// emits and nothing another rule adds. Fast: no xlsx, no HyperFormula (run per mutant).
import { a1 } from '../../src/engine/a1.js';
import type { GridCell, Grid } from '../../src/engine/grid.js';
import type { Issue } from '../../src/engine/issues.js';
import { canonicalPositions } from '../../src/engine/render.js';
import type { RuleDef, TemplateDef } from '../../src/engine/template.js';
import { hasMappingErrors } from '../../src/engine/locate.js';
import { runRule } from '../../src/engine/rules/index.js';
import { reportedIssue, validateWorkbook } from '../../src/engine/validate.js';
import { engineConfig, templateOf } from './factories.js';

export interface AloneOptions {
  /** Reporting units the sheets cover (1: a commune's own sheet). */
  scope?: number;
  /** Replaces the chosen rules' options in the named template (e.g. a district's own definition). */
  override?: { template: string; rules: RuleDef[] };
  /** Changes a shipped template before the run (a district's own definition). */
  change?: (template: TemplateDef) => TemplateDef;
}

/** The issues the rules of `type` alone emit over the grids (locator issues left out). */
export function runAlone(type: RuleDef['type'], grids: Grid[], options: AloneOptions = {}): Issue[] {
  const templates: TemplateDef[] = engineConfig().templates.map((template) => ({
    ...(options.change ? options.change(template) : template),
    rules: options.override?.template === template.id ? options.override.rules : template.rules.filter((rule) => rule.type === type),
  }));
  const scope = options.scope ?? 1;
  const { report } = validateWorkbook(grids, { templates, file: 'x.xlsx', scopeOf: () => scope });
  return report.issues.filter((issue) => !issue.code.startsWith('locate/'));
}

/** Puts a raw grid cell (a formula, an error, NaN) at a template cell of the canonical layout. */
export function setRaw(grids: Grid[], templateId: string, row: string, column: string, cell: GridCell | undefined): string {
  const template = templateOf(templateId);
  const grid = grids.find((g) => g.name === template.sheetName)!;
  const pos = canonicalPositions(template);
  const r = pos.rows.get(row)!;
  const c = pos.columns.get(column)!;
  (grid.cells[r] ??= [])[c] = cell;
  return a1(r, c);
}

/**
 * Every rule of the shipped templates run over the grids, its issues kept per rule type. The
 * tables are located once (locating costs as much as all the rules), then each template's rules
 * run as validateWorkbook runs them: not on a table whose columns did not map, with the other
 * annex of the unit as sibling (one table per annex here, as in one unit's workbook).
 */
export function issuesByRule(grids: Grid[], scope = 1): Map<RuleDef['type'], Issue[]> {
  const shipped = engineConfig().templates;
  const { tables } = validateWorkbook(grids, { templates: shipped.map((template) => ({ ...template, rules: [] })) });
  const byType = new Map<RuleDef['type'], Issue[]>();
  for (const table of tables) {
    if (hasMappingErrors(table)) continue;
    for (const rule of shipped.find((t) => t.id === table.template.id)!.rules) {
      const issues = byType.get(rule.type) ?? [];
      byType.set(rule.type, issues);
      runRule(rule, {
        table,
        scope,
        sibling: (id) => tables.find((other) => other.template.id === id && other !== table),
        emit: (raw) => issues.push(reportedIssue(raw, table.grid.name, 'x.xlsx', table)),
      });
    }
  }
  return byType;
}
