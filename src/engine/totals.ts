import { a1, parseA1 as positionOfCell, type CellRange } from './a1.js';
import { hasMappingErrors } from './locate.js';
import { checkFormula, checkResult, reportedSumFormula, sumFormula, type Position } from './formulas.js';
import type { CellValue } from './grid.js';
import { colCount } from './grid.js';
import { sameAmount, tidy } from './numbers.js';
import { numberAt, readCell, type CellReading, type LocatedTable } from './table.js';
import type { CellKey, SumRelation } from './relations.js';
import type { AnnexPositions, CheckGroup } from './render.js';
import { templateRelations } from './rules/index.js';
import type { SpecCell } from './sheet-spec.js';
import type { TemplateDef } from './template.js';

/** Where template keys sit on one sheet: GNBV's canonical layout or a located user table. */
export interface KeyPositions {
  rows: ReadonlyMap<string, number>;
  columns: ReadonlyMap<string, number>;
}

export type ValueOf = (row: string, column: string) => number | null;

export interface PlannedFormula extends CellKey {
  at: Position;
  formula: string;
  /** What the formula shows: null (blank) while none of its parts is reported. */
  result: number | null;
}

function positionOf(positions: KeyPositions, key: CellKey): Position | undefined {
  const row = positions.rows.get(key.row);
  const col = positions.columns.get(key.column);
  return row === undefined || col === undefined ? undefined : { row, col };
}

const id = (key: CellKey) => `${key.row}|${key.column}`;

/**
 * Formulas that make every total a SUM of its parts (children rows, years, sources), with the
 * value each will compute. The first rule declaring a cell's total wins; later ones become checks.
 */
export function planFormulaTotals(template: TemplateDef, positions: KeyPositions, valueOf: ValueOf): PlannedFormula[] {
  const computed = new Map<string, SumRelation>();
  for (const relation of templateRelations(template)) {
    if (relation.use !== 'formula' || computed.has(id(relation.total)) || !positionOf(positions, relation.total)) continue;
    if (!relation.parts.some((part) => positionOf(positions, part))) continue;
    computed.set(id(relation.total), relation);
  }
  // The value each formula will show: the sum of the reported parts, or blank when none is.
  const memo = new Map<string, number | null>();
  const evaluate = (key: CellKey, depth = 0): number | null => {
    const relation = computed.get(id(key));
    if (!relation) return valueOf(key.row, key.column);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent (parseTemplate refuses parent and sumOf loops, so relations nest a few levels only: the guard never trips)
    if (depth > 20) return valueOf(key.row, key.column);
    const known = memo.get(id(key));
    // Stryker disable next-line ConditionalExpression: equivalent for `false` (a cache: recomputing gives the same sum); its `true` twin, killed when tested, goes with it
    if (known !== undefined) return known;
    let sum: number | null = null;
    for (const part of relation.parts) {
      // Stryker disable next-line ArithmeticOperator: equivalent (the depth only feeds the guard above, which never trips)
      const value = positionOf(positions, part) ? evaluate(part, depth + 1) : null;
      if (value !== null) sum = (sum ?? 0) + value;
    }
    const result = sum === null ? null : tidy(sum);
    memo.set(id(key), result);
    return result;
  };
  return [...computed.values()].map((relation) => ({
    ...relation.total,
    at: positionOf(positions, relation.total)!,
    formula: reportedSumFormula(relation.parts.flatMap((part) => positionOf(positions, part) ?? [])),
    result: evaluate(relation.total),
  }));
}

/** Check columns for a commune's sheet: the breakdowns that are not computed (capital by source, by year). */
export function unitCheckGroups(template: TemplateDef): CheckGroup[] {
  // The breakdowns first, then the column totals (Tổng 2016-2018 = Σ years): those are formulas,
  // and their check shows when a typed number later replaces one.
  const relations = templateRelations(template);
  return [...groupRelations(relations.filter((r) => r.use === 'check')), ...groupRelations(relations.filter((r) => r.use === 'formula' && r.direction === 'columns'))];
}

/**
 * Checks for a district summary, where every cell is a sum over units: each column relation
 * becomes a check column, and Tổng cộng is checked against its rows in one check row.
 */
export function districtCheckGroups(template: TemplateDef): CheckGroup[] {
  const totalRows = new Set(template.rows.filter((r) => r.kind === 'total').map((r) => r.key));
  const relations = templateRelations(template).filter((r) => r.direction === 'columns' || totalRows.has(r.total.row));
  return groupRelations(relations);
}

function groupRelations(relations: SumRelation[]): CheckGroup[] {
  const groups = new Map<string, CheckGroup>();
  for (const relation of relations) {
    const group = groups.get(relation.group) ?? { direction: relation.direction, label: relation.groupLabel, relations: [] };
    group.relations.push(relation);
    groups.set(relation.group, group);
  }
  return [...groups.values()];
}

export interface CheckPlacement {
  /** First free column to the right of the table, for check columns. */
  firstColumn: number;
  /** Row under the table, for a check row. */
  checkRow: number;
  /** Rows that carry the check columns' headers (merged top to bottom). */
  headerRow: number;
  headerBottom?: number;
  labelColumn: number;
}

/** Check cells: ✓ where a total equals its parts, else the difference. */
export interface RenderedChecks {
  cells: SpecCell[];
  merges: CellRange[];
  /** Check columns added right of the table, and check rows added under it. */
  columns: number;
  rows: number;
}

export function renderChecks(groups: CheckGroup[], positions: KeyPositions, placement: CheckPlacement, valueOf: ValueOf): RenderedChecks {
  const cells: SpecCell[] = [];
  const merges: CellRange[] = [];
  const headerBottom = placement.headerBottom ?? placement.headerRow;
  let column = placement.firstColumn;
  let rows = 0;
  for (const group of groups) {
    if (group.direction === 'columns') {
      cells.push({ row: placement.headerRow, col: column, value: `Kiểm tra: ${group.label.vi}`, style: 'checkHeader' });
      for (let r = placement.headerRow + 1; r <= headerBottom; r++) cells.push({ row: r, col: column, value: null, style: 'checkHeader' });
      if (headerBottom > placement.headerRow) merges.push({ top: placement.headerRow, left: column, bottom: headerBottom, right: column });
      for (const relation of group.relations) {
        const cell = checkCell(relation, positions, valueOf, (total) => ({ row: total.row, col: column }));
        if (cell) cells.push(cell);
      }
      column++;
    } else {
      rows = 1;
      cells.push({ row: placement.checkRow, col: placement.labelColumn, value: `Kiểm tra: ${group.label.vi}`, style: 'checkHeader' });
      for (const relation of group.relations) {
        const cell = checkCell(relation, positions, valueOf, (total) => ({ row: placement.checkRow, col: total.col }));
        if (cell) cells.push(cell);
      }
    }
  }
  return { cells, merges, columns: column - placement.firstColumn, rows };
}

/** Checks in GNBV's own layout: columns right of the table, a row under it. */
export function checksBesideAnnex(groups: CheckGroup[], positions: AnnexPositions, valueOf: ValueOf): RenderedChecks {
  return renderChecks(groups, positions, {
    firstColumn: positions.lastColumn + 1,
    checkRow: positions.lastDataRow + 1,
    headerRow: positions.headerTop,
    headerBottom: positions.headerBottom,
    labelColumn: positions.labelColumn,
  }, valueOf);
}

/** The check of one relation, at the place `placed` gives for its total's cell; none when the total or every part is off the sheet. */
function checkCell(relation: SumRelation, positions: KeyPositions, valueOf: ValueOf, placed: (total: Position) => Position): SpecCell | undefined {
  const total = positionOf(positions, relation.total);
  const parts = relation.parts.flatMap((p) => positionOf(positions, p) ?? []);
  if (!total || parts.length === 0) return undefined;
  const at = placed(total);
  const partsValue = relation.parts.reduce((sum, p) => sum + (valueOf(p.row, p.column) ?? 0), 0);
  const result: CellValue = checkResult(valueOf(relation.total.row, relation.total.column) ?? 0, partsValue);
  return { row: at.row, col: at.col, formula: checkFormula(a1(total.row, total.col), sumFormula(parts)), result, style: 'check' };
}

export interface TypedTotalDifference extends CellKey {
  cell: string;
  typed: number | string | null;
  formula: number | null;
}

/** A part typed as text that is clearly a number: converted in the same action as the formulas. */
export interface PartConversion extends CellKey {
  cell: string;
  text: string;
  value: number;
}

/** A part that is neither a number nor blank: a SUM would skip it, so nothing is written. */
export interface RefusedPart extends CellKey {
  cell: string;
  text: string;
  why: 'text' | 'ambiguous' | 'error' | 'invalid';
}

export interface TableTotals {
  formulas: PlannedFormula[];
  checkCells: SpecCell[];
  /** Totals the user had typed that the parts (text numbers converted) do not add up to. */
  differences: TypedTotalDifference[];
  /** Parts stored as text numbers, written as numbers together with the formulas. */
  conversions: PartConversion[];
  /** Parts a formula could not add: while any is left, the totals are not written. */
  refused: RefusedPart[];
  /** The table's columns did not map one to one onto the template: no totals at all. */
  unmapped: boolean;
}

/**
 * Totals for a table located in a user's own sheet: formulas at the user's positions, check
 * columns right of the used area, and the typed totals that were wrong. Every part a formula or
 * check adds must be a number or blank first: Excel's SUM skips text, so "1.143,3" typed as
 * text would silently drop out of the total.
 */
export function totalsForTable(table: LocatedTable): TableTotals {
  if (hasMappingErrors(table)) return { formulas: [], checkCells: [], differences: [], conversions: [], refused: [], unmapped: true };
  const valueOf: ValueOf = (row, column) => numberAt(table, row, column);
  const formulas = planFormulaTotals(table.template, table, valueOf);
  const computed = new Map(formulas.map((f) => [`${f.row}|${f.column}`, f.result]));
  const after: ValueOf = (row, column) => computed.get(`${row}|${column}`) ?? valueOf(row, column);
  const differences: TypedTotalDifference[] = [];
  for (const planned of formulas) {
    const reading = readCell(table, planned.row, planned.column);
    const typed = typedIn(reading);
    if (typed === null && planned.result === null) continue;
    if (typeof typed === 'number' && planned.result !== null && sameAmount(typed, planned.result)) continue;
    differences.push({ row: planned.row, column: planned.column, cell: a1(planned.at.row, planned.at.col), typed, formula: planned.result });
  }
  const groups = unitCheckGroups(table.template);
  const checks = renderChecks(groups, table, {
    firstColumn: colCount(table.grid) + 1,
    // Stryker disable next-line ArithmeticOperator,MethodExpression: equivalent (a commune's sheet has no check row: unitCheckGroups gives check columns only, as no rule declares a check down the rows)
    checkRow: Math.max(...table.rows.values()) + 1,
    headerRow: table.headerTop,
    headerBottom: table.headerBottom,
    labelColumn: table.labelColumn,
  }, after);
  return { formulas, checkCells: checks.cells, differences, ...partsToFix(table, computed), unmapped: false };
}

/** What a total's cell holds as the user typed it: a number, null when blank, else its text or error. */
function typedIn(reading: CellReading): number | string | null {
  if (reading.state === 'number') return reading.value;
  if (reading.state === 'blank') return null;
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent (a planned total is on the sheet, so its reading is never absent)
  if (reading.state === 'absent') return null;
  return 'text' in reading ? reading.text : reading.error;
}

/** The parts of every formula and check that are not plain numbers or blanks. */
function partsToFix(table: LocatedTable, computed: ReadonlyMap<string, number | null>): Pick<TableTotals, 'conversions' | 'refused'> {
  const conversions: PartConversion[] = [];
  const refused: RefusedPart[] = [];
  const seen = new Set<string>();
  for (const relation of templateRelations(table.template)) {
    for (const part of relation.parts) {
      const key = id(part);
      if (seen.has(key) || computed.has(key)) continue;
      seen.add(key);
      const reading = readCell(table, part.row, part.column);
      switch (reading.state) {
        case 'number':
          if (reading.typedAsText !== undefined) conversions.push({ ...part, cell: reading.cell, text: reading.typedAsText, value: reading.value });
          break;
        case 'text':
        case 'ambiguous':
        case 'invalid':
          refused.push({ ...part, cell: reading.cell, text: reading.text, why: reading.state });
          break;
        case 'error':
          refused.push({ ...part, cell: reading.cell, text: reading.error, why: 'error' });
          break;
      }
    }
  }
  return { conversions, refused };
}

/** The cells a totals action writes: converted parts (as numbers, General format), formulas, checks. */
export function totalsCells(totals: TableTotals): SpecCell[] {
  return [
    ...totals.conversions.map((c) => ({ ...positionOfCell(c.cell), value: c.value, numberFormat: 'General' })),
    ...totals.formulas.map((f) => ({ row: f.at.row, col: f.at.col, formula: f.formula, result: f.result })),
    ...totals.checkCells,
  ];
}

/** True when the totals can be written: columns mapped and every part a number or blank. */
export const canWriteTotals = (totals: TableTotals): boolean => !totals.unmapped && totals.refused.length === 0;
