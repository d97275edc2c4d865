import { z } from 'zod';
import { columnGroupOptions, columnTotalsOptions } from './column-sums.js';
import { rowSumsOptions } from './row-sums.js';
import { communesWithinScopeOptions, householdsWithinPersonsOptions, ofWhichColumnsOptions, ofWhichRowsOptions } from './bounds.js';
import { cellValuesOptions } from './cell-values.js';
import { crossSheetOptions } from './cross-sheet.js';
import { yearOnYearOptions } from './trend.js';
import { communesWithinScopeRule, householdsWithinPersonsRule, ofWhichColumnsRule, ofWhichRowsRule } from './bounds.js';
import { cellValuesRule } from './cell-values.js';
import { columnGroupRule, columnTotalsRule } from './column-sums.js';
import { crossSheetRule } from './cross-sheet.js';
import { rowSumsRule } from './row-sums.js';
import type { SumRelation } from '../relations.js';
import type { TemplateDef } from '../template.js';
import type { RuleContext } from './rule.js';
import { yearOnYearRule } from './trend.js';
import { magnitudeOptions, magnitudeRule } from './magnitude.js';

/** Every rule a template definition may declare, by its `type`. */
export const RULES = [
  cellValuesRule,
  rowSumsRule,
  columnTotalsRule,
  columnGroupRule,
  ofWhichColumnsRule,
  ofWhichRowsRule,
  householdsWithinPersonsRule,
  communesWithinScopeRule,
  crossSheetRule,
  yearOnYearRule,
  magnitudeRule,
] as const;

export const ruleSchema = z.discriminatedUnion('type', [
  cellValuesOptions,
  rowSumsOptions,
  columnTotalsOptions,
  columnGroupOptions,
  ofWhichColumnsOptions,
  ofWhichRowsOptions,
  householdsWithinPersonsOptions,
  communesWithinScopeOptions,
  crossSheetOptions,
  yearOnYearOptions,
  magnitudeOptions,
]);

export type RuleOptions = z.output<typeof ruleSchema>;

// The union of rule definitions, erased to one callable shape: each rule's options were
// produced by its own schema, so the pairing by `type` is safe.
interface AnyRule {
  type: string;
  references(options: RuleOptions): Array<['row' | 'column', string]>;
  check(options: RuleOptions, context: RuleContext): void;
  relations?(options: RuleOptions, template: TemplateDef): SumRelation[];
  siblings?(options: RuleOptions): string[];
}
const byType = new Map<string, AnyRule>(RULES.map((rule) => [rule.type, rule as unknown as AnyRule]));

function ruleFor(options: RuleOptions): AnyRule {
  const rule = byType.get(options.type);
  if (!rule) throw new Error(`Unknown rule type: ${options.type}`);
  return rule;
}

export function ruleReferences(options: RuleOptions): Array<['row' | 'column', string]> {
  return ruleFor(options).references(options);
}

export function runRule(options: RuleOptions, context: RuleContext): void {
  ruleFor(options).check(options, context);
}

/** Every sum a template's rules assert, in rule order. */
export function templateRelations(template: TemplateDef): SumRelation[] {
  return template.rules.flatMap((options) => ruleFor(options).relations?.(options, template) ?? []);
}

/** The other annexes a template's rules read (the capital summary reads Phụ lục 01 and 02). */
export function templateSiblings(template: TemplateDef): string[] {
  return [...new Set(template.rules.flatMap((options) => ruleFor(options).siblings?.(options) ?? []))];
}
