import type { z } from 'zod';
import type { IssueCode, RawIssue } from '../issues.js';
import type { SumRelation } from '../relations.js';
import type { LocatedTable } from '../table.js';
import type { TemplateDef } from '../template.js';

export interface RuleContext {
  table: LocatedTable;
  /** Reporting units the sheet covers: 1 for a commune's own sheet, 9 for Cam Lộ's summary. */
  scope: number;
  /** Another annex of the same reporting unit, for cross-sheet checks. */
  sibling(templateId: string): LocatedTable | undefined;
  emit(issue: RawIssue): void;
}

/** A rule is declarative options (checked by its schema) plus one check function. */
export interface RuleDefinition<Schema extends z.ZodObject> {
  type: z.output<Schema>['type'];
  schema: Schema;
  codes: readonly IssueCode[];
  /** Keys of the rule's own template that its options name, checked when a definition loads (none if left out). */
  references?(options: z.output<Schema>): Array<['row' | 'column', string]>;
  check(options: z.output<Schema>, context: RuleContext): void;
  /** Other annexes (template ids) this rule reads, so a caller knows to load them too. */
  siblings?(options: z.output<Schema>): string[];
  /** Sums this rule asserts, so totals can be written as formulas and verified by check cells. */
  relations?(options: z.output<Schema>, template: TemplateDef): SumRelation[];
}

/**
 * A rule as the registry calls it, whatever its options: each call reads the options through the
 * rule's own schema (they were produced by it, so this only re-checks), which is what lets one
 * list of rules be called by `type` without a cast.
 */
export interface RegisteredRule {
  type: string;
  references(options: unknown): Array<['row' | 'column', string]>;
  check(options: unknown, context: RuleContext): void;
  relations(options: unknown, template: TemplateDef): SumRelation[];
  siblings(options: unknown): string[];
}

export function defineRule<Schema extends z.ZodObject>(rule: RuleDefinition<Schema>): RuleDefinition<Schema> & { registered: RegisteredRule } {
  const own = (options: unknown): z.output<Schema> => rule.schema.parse(options);
  const registered: RegisteredRule = {
    type: String(rule.type),
    references: (options) => rule.references?.(own(options)) ?? [],
    check: (options, context) => rule.check(own(options), context),
    relations: (options, template) => rule.relations?.(own(options), template) ?? [],
    siblings: (options) => rule.siblings?.(own(options)) ?? [],
  };
  return { ...rule, registered };
}
