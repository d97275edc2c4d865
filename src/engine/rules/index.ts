import { z } from 'zod';
import { communesWithinScopeOptions, communesWithinScopeRule, householdsWithinPersonsOptions, householdsWithinPersonsRule, ofWhichColumnsOptions, ofWhichColumnsRule, ofWhichRowsOptions, ofWhichRowsRule } from './bounds.js';
import { cellValuesOptions, cellValuesRule } from './cell-values.js';
import { columnGroupOptions, columnGroupRule, columnTotalsOptions, columnTotalsRule } from './column-sums.js';
import { crossSheetOptions, crossSheetRule } from './cross-sheet.js';
import { rowSumsOptions, rowSumsRule } from './row-sums.js';
import type { SumRelation } from '../relations.js';
import type { TemplateDef } from '../template.js';
import type { RegisteredRule, RuleContext } from './rule.js';
import { yearOnYearOptions, yearOnYearRule } from './trend.js';
import { magnitudeOptions, magnitudeRule } from './magnitude.js';

/** Every rule a template definition may declare, by its `type`: the one list to add a rule to. */
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

// Listed again by schema: built from RULES, the schema's type would depend on TemplateDef,
// which depends on this schema (TypeScript reports a cycle). tests/rules.test.ts checks both lists agree.
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

const byType = new Map<string, RegisteredRule>(RULES.map((rule) => [rule.type, rule.registered]));

function ruleFor(options: RuleOptions): RegisteredRule {
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
  return template.rules.flatMap((options) => ruleFor(options).relations(options, template));
}

/** The other annexes a template's rules read (the capital summary reads Phụ lục 01 and 02). */
export function templateSiblings(template: TemplateDef): string[] {
  return [...new Set(template.rules.flatMap((options) => ruleFor(options).siblings(options)))];
}
