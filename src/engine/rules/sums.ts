import type { IssueParams } from '../issues.js';
import { sameAmount, tidy } from '../numbers.js';
import { readCell, type CellReading } from '../table.js';
import type { RuleContext } from './rule.js';

type SumCode = 'sum/rows' | 'sum/columns';
/** The code and the rule's own params; checkTotal adds the part cells and the difference. */
export type SumIssue = { [C in SumCode]: { code: C; params: Omit<IssueParams<C>, 'partCells' | 'difference'> } }[SumCode];

/**
 * Compares a stated total with the sum of its parts. Blank parts count as 0, but when every
 * part is blank the parts were not reported and there is nothing to compare. Parts that are
 * not numbers were reported by cellValues; comparing them would only repeat that.
 */
export function checkTotal(
  context: RuleContext,
  total: { row: string; column: string },
  parts: Array<{ row: string; column: string }>,
  issue: SumIssue,
): void {
  const totalReading = readCell(context.table, total.row, total.column);
  if (totalReading.state === 'absent' || !isComparable(totalReading)) return;
  // A plain loop: this runs for every total cell of every sheet.
  let expected = 0;
  let reported = false;
  const cells: string[] = [];
  for (const part of parts) {
    const reading = readCell(context.table, part.row, part.column);
    if (!isComparable(reading)) return;
    if (reading.state !== 'absent') cells.push(reading.cell);
    if (reading.state === 'number') {
      expected += reading.value;
      reported = true;
    }
  }
  if (!reported) return;
  const actual = totalReading.state === 'number' ? totalReading.value : null;
  if (actual !== null && sameAmount(actual, expected)) return;
  const found = { cell: totalReading.cell, row: total.row, column: total.column, expected: tidy(expected), actual };
  const params = { partCells: cells.join(' + '), ...(actual !== null ? { difference: tidy(actual - expected) } : {}) };
  // One branch per code so each issue's params are checked against its own code's schema.
  context.emit(
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: equivalent (both branches build the same issue; the split is for the type checker only)
    issue.code === 'sum/rows'
      ? { code: issue.code, params: { ...issue.params, ...params }, ...found }
      : { code: issue.code, params: { ...issue.params, ...params }, ...found },
  );
}

function isComparable(reading: CellReading): boolean {
  return reading.state === 'number' || reading.state === 'blank' || reading.state === 'absent';
}
