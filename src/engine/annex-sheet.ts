import type { CellValue } from './grid.js';
import { canonicalPositions, renderAnnexSheet } from './render.js';
import type { SheetSpec } from './sheet-spec.js';
import type { TemplateDef } from './template.js';
import { planFormulaTotals, checksBesideAnnex, unitCheckGroups, type ValueOf } from './totals.js';

export interface UnitSheetOptions {
  name?: string;
  unitName: string;
  /** Figures to fill in; omitted for a blank template. */
  valueAt?: (row: string, column: string) => CellValue | undefined;
  /** Totals as SUM formulas with check columns (templates), or plain values (merged copies). */
  totals: 'formulas' | 'values';
  footnote?: string;
  /** Check columns beside formula totals (default yes); a blank form to print has none. */
  checks?: boolean;
  /** The year of the place-and-date line under a form to be signed. */
  signatureYear?: number;
  /** Excel's entry-time checks on the cells to fill in, for a form filled in without GNBV. */
  entryRules?: boolean;
}

/** One annex for one unit in GNBV's layout. */
export function unitAnnexSheet(template: TemplateDef, options: UnitSheetOptions): SheetSpec {
  const name = options.name ?? template.sheetName;
  const valueOf: ValueOf = (row, column) => {
    const value = options.valueAt?.(row, column);
    return typeof value === 'number' ? value : null;
  };
  if (options.totals === 'values') {
    return renderAnnexSheet(template, { name, unitName: options.unitName, ...(options.valueAt ? { valueAt: options.valueAt } : {}), ...(options.footnote ? { footnote: options.footnote } : {}) });
  }
  const positions = canonicalPositions(template);
  const formulas = new Map(planFormulaTotals(template, positions, valueOf).map((f) => [`${f.row}|${f.column}`, f]));
  const computed: ValueOf = (row, column) => formulas.get(`${row}|${column}`)?.result ?? valueOf(row, column);
  const checks = options.checks === false ? undefined : checksBesideAnnex(unitCheckGroups(template), positions, computed);
  return renderAnnexSheet(template, {
    name,
    unitName: options.unitName,
    ...(options.valueAt ? { valueAt: options.valueAt } : {}),
    formulaAt: (row, column) => {
      const planned = formulas.get(`${row}|${column}`);
      return planned && { formula: planned.formula, result: planned.result };
    },
    ...(checks ? { checks } : {}),
    ...(options.footnote ? { footnote: options.footnote } : {}),
    ...(options.signatureYear ? { signature: { year: options.signatureYear } } : {}),
    ...(options.entryRules ? { entryRules: true } : {}),
  });
}

/** The unit name left for the official to fill in on a blank template. */
export const BLANK_UNIT_NAME = '……………………';

/** The report year the forms are for (the 2016–2018 programme's last year, domain.md). */
export const REPORT_YEAR = 2018;

/**
 * A blank template: totals already SUM formulas, printed as the form is (no check columns, which
 * would print "✓" on paper; GNBV checks the figures itself), with the signature block.
 */
export function blankTemplateSheet(template: TemplateDef, unitName = BLANK_UNIT_NAME): SheetSpec {
  return unitAnnexSheet(template, { unitName, totals: 'formulas', checks: false, signatureYear: REPORT_YEAR, entryRules: true });
}
