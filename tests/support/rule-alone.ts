// Runs ONE rule of the shipped templates over in-memory grids, through the engine's own
// validateWorkbook (locate, run, render both languages), so a test sees exactly what that rule
// emits and nothing another rule adds. Fast: no xlsx, no HyperFormula (run per mutant).
import { a1 } from '../../src/engine/a1.js';
import type { GridCell, Grid } from '../../src/engine/grid.js';
import type { Issue } from '../../src/engine/issues.js';
import { canonicalPositions } from '../../src/engine/render.js';
import type { RuleDef, TemplateDef } from '../../src/engine/template.js';
import { validateWorkbook } from '../../src/engine/validate.js';
import { engineConfig, templateOf } from './factories.js';

export interface AloneOptions {
  /** Reporting units the sheets cover (1: a commune's own sheet). */
  scope?: number;
  /** Replaces the chosen rules' options in the named template (e.g. a district's own definition). */
  override?: { template: string; rules: RuleDef[] };
}

/** The issues the rules of `type` alone emit over the grids (locator issues left out). */
export function runAlone(type: RuleDef['type'], grids: Grid[], options: AloneOptions = {}): Issue[] {
  const templates: TemplateDef[] = engineConfig().templates.map((template) => ({
    ...template,
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
