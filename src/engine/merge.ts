import { vietnamTimeOf } from './local-time.js';
import { a1 } from './a1.js';
import { explicitSumFormula } from './formulas.js';
import { cellText, type CellValue, type Grid } from './grid.js';
import { tidy } from './numbers.js';
import { canonicalPositions, renderAnnexSheet, type AnnexPositions, type CheckGroup } from './render.js';
import type { CellKey } from './relations.js';
import { writableSheets, type SheetSpec, type SpecCell } from './sheet-spec.js';
import { numberAt, readCell, type LocatedTable } from './table.js';
import { cellAt } from './grid.js';
import type { TemplateDef } from './template.js';
import { districtCheckGroups, checksBesideAnnex, planFormulaTotals, type RenderedChecks, type ValueOf } from './totals.js';
import { findReporter, isDepartment, reporterOf, reportersOf, type Department, type HeldReason, type Reporter, type UnitList } from './units.js';
import { sheetUnitOf, type CheckedWorkbook, type EngineConfig, type UnitTable } from './workbook.js';
import { assignConflict, type AssignConflict } from './assign-conflict.js';
import { unitAnnexSheet } from './annex-sheet.js';
import type { Issue } from './issues.js';
import { hasMappingErrors } from './locate.js';
import { departmentComparison, type DepartmentFigures } from './department-summary.js';
import { sectionFiveCells } from './section-five.js';

export interface MergeSource extends CheckedWorkbook {
  sha256: string;
  /** When the file was read (ISO time): the time it was received, for the log sheet. */
  readAt: string;
  /** Size in bytes and last-modified time, when known: shown when two files claim one unit. */
  size?: number;
  modifiedAt?: string;
  /** A district workbook's unit sheets: where each first came from (read from its log sheet). */
  origins?: ReadonlyMap<string, Origin>;
}

/** Where a unit sheet's figures first came from; kept across any number of re-merges. */
export interface Origin {
  file: string;
  sha256: string;
  receivedAt: string;
  sheet: string;
}

/** What the user decided about files the engine would not decide alone. */
export interface MergeDecisions {
  /** File name → code of the commune or department that sent it. */
  assign?: ReadonlyMap<string, string>;
  /** Files to use when several claim the same unit and annex. */
  prefer?: ReadonlySet<string>;
}

export interface Submission {
  unit: Reporter;
  role: 'commune' | 'department';
  template: TemplateDef;
  table: LocatedTable;
  source: MergeSource;
  origin: Origin;
  /** Taken from an earlier district workbook: a newly received file replaces it (logged). */
  fromDistrictWorkbook: boolean;
  /** The unit was named by the user (--assign, or the pane's choice), not read from the file. */
  assigned: boolean;
  /** Sheets of an earlier district workbook this received file replaces. */
  replaces: Array<{ file: string; sheet: string }>;
  errors: number;
  warnings: number;
}

export type UnitStatus = 'received' | 'errors' | 'duplicate' | 'missing';

export interface UnitCompleteness {
  unit: Reporter;
  status: UnitStatus;
  templates: string[];
  files: string[];
  errors: number;
  warnings: number;
}

export interface SkippedTable {
  file: string;
  sheet: string;
  /** `unmapped`: its columns did not map one to one onto the template's; never merged. */
  reason: 'unknown-unit' | 'ambiguous-unit' | 'duplicate' | 'replaced' | 'unmapped' | 'hidden' | 'district';
  detail: string;
}

/** A file whose sender is not certain: held back until the user names the unit. */
export interface HeldFile {
  file: string;
  sheets: string[];
  reason: 'unknown' | HeldReason;
  /** Units the file may be from; every unit of the list when nothing matched at all. */
  candidates: Reporter[];
}

/** Two or more received files for the same unit and annex: the user chooses one. */
export interface DuplicateClaim {
  unit: Reporter;
  template: string;
  claims: Array<{ source: MergeSource; sheet: string; errors: number; warnings: number }>;
}

export interface MergePlan {
  units: UnitList;
  templates: readonly TemplateDef[];
  /** The communes' tables that go into the district workbook, one per unit and annex. */
  submissions: Submission[];
  /** The departments' tables: kept beside the communes', never added into their sum. */
  departmentSubmissions: Submission[];
  completeness: UnitCompleteness[];
  departmentCompleteness: UnitCompleteness[];
  skipped: SkippedTable[];
  held: HeldFile[];
  duplicates: DuplicateClaim[];
  /** Sheets whose own unit line or title names another unit than the one assigned to their file. */
  conflicts: AssignConflict[];
  sources: MergeSource[];
  /** Errors found in each unit's files (unit code → issues), tables not merged included. */
  unitErrors: Map<string, Issue[]>;
}

/** True while some file's sender or some duplicate is undecided: nothing may be written yet. */
export const needsDecision = (plan: MergePlan): boolean => plan.held.length > 0 || plan.duplicates.length > 0 || plan.conflicts.length > 0;

const submissionKey = (unit: Reporter, template: TemplateDef) => `${isDepartment(unit) ? 'D' : 'U'}|${unit.code}|${template.id}`;

function issueCounts(source: MergeSource, sheet: string) {
  const own = source.report.issues.filter((i) => i.sheet === sheet);
  const errors = own.filter((i) => i.severity === 'error').length;
  return { errors, warnings: own.length - errors };
}

/**
 * Decides what goes into the district workbook, never guessing who sent a file. A table is
 * taken for a unit only when its identity is certain or the user named it; a file received now
 * replaces the same unit's sheet from an earlier district workbook (logged as a replacement);
 * two received files for the same unit and annex are both held until the user prefers one.
 */
export function planMerge(sources: MergeSource[], config: EngineConfig, decisions: MergeDecisions = {}): MergePlan {
  const claims = new Map<string, Submission[]>();
  const skipped: SkippedTable[] = [];
  const held: HeldFile[] = [];
  const conflicts: AssignConflict[] = [];

  const unitErrors = new Map<string, Issue[]>();
  const noteErrors = (unit: Reporter, issues: Issue[]) => {
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length) unitErrors.set(unit.code, [...(unitErrors.get(unit.code) ?? []), ...errors]);
  };

  for (const source of sources) {
    const isDistrictWorkbook = source.tables.some((t) => t.unit.kind === 'district');
    const assignedCode = isDistrictWorkbook ? undefined : decisions.assign?.get(source.file);
    const assigned = assignedCode === undefined ? undefined : findReporter(config.units, assignedCode);
    // Sheets of one file that say nothing certain take the one unit its other sheets name.
    const named = [...new Set(source.tables.flatMap((t) => reporterOf(t.unit) ?? []))];
    // Errors on sheets without a table (a damaged or unlocatable annex) belong to the file's units.
    const tableSheets = new Set(source.tables.map((t) => t.table.grid.name));
    const fileErrors = isDistrictWorkbook ? [] : source.report.issues.filter((i) => !tableSheets.has(i.sheet));
    for (const reporter of assigned ? [assigned] : named) noteErrors(reporter, fileErrors);
    const heldHere: UnitTable[] = [];
    for (const unitTable of source.tables) {
      const { table, unit } = unitTable;
      const sheet = table.grid.name;
      if (unit.kind === 'district') {
        // A district sheet in a file with no unit sheets is not an earlier merge: say so (also
        // beside sheets that name nobody, which are skipped as unknown, so none goes unseen).
        if (named.length === 0) skipped.push({ file: source.file, sheet, reason: 'district', detail: table.unitText ?? '' });
        continue;
      }
      // An assignment answers only the sheets that say nothing certain themselves.
      const own = assigned && sheetUnitOf(table, config.units);
      if (assigned && own && own.unit !== assigned) {
        conflicts.push(assignConflict(source.file, sheet, own.unit, own.source, assigned));
        continue;
      }
      let reporter = assigned ?? reporterOf(unit);
      if (!reporter && !isDistrictWorkbook && named.length === 1 && (unit.kind === 'unknown' || (unit.kind === 'ambiguous' && unit.reason !== 'conflict' && unit.candidates.includes(named[0]!)))) reporter = named[0];
      if (!reporter) {
        skipped.push({ file: source.file, sheet, reason: unit.kind === 'ambiguous' ? 'ambiguous-unit' : 'unknown-unit', detail: unit.kind === 'ambiguous' ? unit.candidates.map((u) => u.name).join(' / ') : (table.unitText ?? '') });
        if (!isDistrictWorkbook) heldHere.push(unitTable);
        continue;
      }
      if (hasMappingErrors(table)) {
        // Never merged, decision or not; its errors still stop the merge until the file is fixed.
        noteErrors(reporter, source.report.issues.filter((i) => i.sheet === sheet));
        skipped.push({ file: source.file, sheet, reason: 'unmapped', detail: reporter.name });
        continue;
      }
      const key = submissionKey(reporter, table.template);
      const submission: Submission = {
        unit: reporter,
        role: isDepartment(reporter) ? 'department' : 'commune',
        template: table.template,
        table,
        source,
        origin: (isDistrictWorkbook && source.origins?.get(sheet.normalize('NFC'))) || { file: source.file, sha256: source.sha256, receivedAt: source.readAt, sheet },
        fromDistrictWorkbook: isDistrictWorkbook,
        assigned: assigned !== undefined,
        replaces: [],
        ...issueCounts(source, sheet),
      };
      claims.set(key, [...(claims.get(key) ?? []), submission]);
    }
    if (heldHere.length) held.push(heldFile(source.file, heldHere, config.units));
    for (const sheet of source.hiddenSheets) skipped.push({ file: source.file, sheet, reason: 'hidden', detail: '' });
  }

  const chosen = new Map<string, Submission>();
  const duplicates: DuplicateClaim[] = [];
  for (const [key, all] of claims) {
    const fresh = all.filter((s) => !s.fromDistrictWorkbook);
    const earlier = all.filter((s) => s.fromDistrictWorkbook);
    if (fresh.length === 0) {
      // Two earlier district workbooks: the last one given wins, as a re-merge always did.
      for (const old of earlier.slice(0, -1)) skipped.push({ file: old.source.file, sheet: old.table.grid.name, reason: 'replaced', detail: earlier.at(-1)!.source.file });
      chosen.set(key, earlier.at(-1)!);
      continue;
    }
    const preferred = fresh.length === 1 ? fresh : fresh.filter((s) => decisions.prefer?.has(s.source.file));
    // The log names the file that replaces the earlier sheet: the chosen one, all claimants while none is.
    const replacing = preferred.length === 1 ? preferred : fresh;
    for (const old of earlier) skipped.push({ file: old.source.file, sheet: old.table.grid.name, reason: 'replaced', detail: replacing.map((s) => s.source.file).join(', ') });
    if (preferred.length === 1) {
      // NFC: the sheet is named in the log and the CLI's text (a workbook saved on a Mac may hold NFD names).
      chosen.set(key, { ...preferred[0]!, replaces: earlier.map((old) => ({ file: old.source.file, sheet: old.table.grid.name.normalize('NFC') })) });
      for (const other of fresh) if (other !== preferred[0]) skipped.push({ file: other.source.file, sheet: other.table.grid.name, reason: 'duplicate', detail: preferred[0]!.source.file });
      continue;
    }
    duplicates.push({ unit: fresh[0]!.unit, template: fresh[0]!.template.id, claims: fresh.map((s) => ({ source: s.source, sheet: s.table.grid.name, errors: s.errors, warnings: s.warnings })) });
    for (const other of fresh) skipped.push({ file: other.source.file, sheet: other.table.grid.name, reason: 'duplicate', detail: '' });
  }

  // The errors of what goes in (a replaced or unchosen sheet's errors are not the unit's any more).
  for (const s of chosen.values()) noteErrors(s.unit, s.source.report.issues.filter((i) => i.sheet === s.table.grid.name));

  const completenessOf = (unit: Reporter, templates: readonly TemplateDef[], into: Submission[]): UnitCompleteness => {
    const own = templates.flatMap((t) => chosen.get(submissionKey(unit, t)) ?? []);
    into.push(...own);
    const disputed = duplicates.filter((d) => d.unit === unit);
    const errors = unitErrors.get(unit.code)?.length ?? 0;
    const status: UnitStatus = disputed.length ? 'duplicate' : own.length === 0 && errors === 0 ? 'missing' : errors > 0 ? 'errors' : 'received';
    return {
      unit,
      status,
      templates: own.map((s) => s.template.id),
      files: [...new Set([...own.map((s) => s.origin.file), ...disputed.flatMap((d) => d.claims.map((c) => c.source.file))])],
      errors,
      warnings: own.reduce((n, s) => n + s.warnings, 0),
    };
  };
  const submissions: Submission[] = [];
  const departmentSubmissions: Submission[] = [];
  const completeness = config.units.units.map((unit) => completenessOf(unit, config.templates, submissions));
  // Every annex a department sent is kept (values only), also one it leads no row of: its
  // figures there are flagged as unled rows, never dropped unseen.
  const departmentCompleteness = config.units.departments.map((department) => completenessOf(department, config.templates, departmentSubmissions));
  return { units: config.units, templates: config.templates, submissions, departmentSubmissions, completeness, departmentCompleteness, skipped, held, duplicates, conflicts, sources, unitErrors };
}

function heldFile(file: string, tables: UnitTable[], units: UnitList): HeldFile {
  const ambiguous = tables.flatMap((t) => (t.unit.kind === 'ambiguous' ? [t.unit] : []));
  const candidates = [...new Set(ambiguous.flatMap((m) => m.candidates))];
  return {
    file,
    sheets: tables.map((t) => t.table.grid.name),
    reason: ambiguous.find((m) => m.reason === 'conflict')?.reason ?? ambiguous[0]?.reason ?? 'unknown',
    candidates: candidates.length ? candidates : reportersOf(units),
  };
}

/** A unit whose received files have errors, or a file with errors and no readable annex at all. */
export interface MergeBlocker {
  unit?: Reporter;
  files: string[];
  issues: Issue[];
}

/**
 * What stands between a plan and the district totals: units with errors (and files with errors
 * that name no unit). Writing them needs an explicit decision: `--allow-errors`, or the pane's
 * confirmation. Tables whose columns could not be mapped are never written, decision or not.
 */
export function mergeBlockers(plan: MergePlan): MergeBlocker[] {
  const blockers: MergeBlocker[] = [...plan.completeness, ...plan.departmentCompleteness].flatMap((u) => {
    const issues = plan.unitErrors.get(u.unit.code) ?? [];
    return issues.length ? [{ unit: u.unit, files: [...new Set(issues.flatMap((i) => (i.file ? [i.file] : [])))], issues }] : [];
  });
  // A file whose every annex is damaged names no unit, yet it was meant to: its figures are
  // missing. (Tables of an unidentified unit are reported as not merged, and merge nothing.)
  for (const source of plan.sources) {
    if (source.tables.length > 0) continue;
    const errors = source.report.issues.filter((i) => i.severity === 'error');
    // Stryker disable next-line ConditionalExpression: equivalent, a file with no table always has an error (validateWorkbook adds locate/no-annex when it finds none and no other error)
    if (errors.length) blockers.push({ files: [source.file], issues: errors });
  }
  return blockers;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique when compared NFC. */
export function safeSheetName(name: string, taken: Set<string>): string {
  const base = name.normalize('NFC').replace(/[:\\/?*[\]]/g, '-').replace(/^'+|'+$/g, '').slice(0, 31).trim() || 'Sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

const STATUS_TEXT: Record<UnitStatus, string> = {
  received: 'Đã nhận',
  errors: 'Có lỗi',
  duplicate: 'Trùng tệp',
  missing: 'Chưa nhận',
};

export interface DistrictWorkbook {
  sheets: SheetSpec[];
  /** Summary sheet name for each template id. */
  summaryNames: Map<string, string>;
  /** Unit and department sheet name for each submission (D|U, code, template id). */
  unitSheetNames: Map<string, string>;
}

/**
 * Unit sheets (values only), summary sheets (explicit sums of the communes, checks, and the
 * departments' figures beside them), department sheets (values only), completeness and log.
 */
export function districtSheets(plan: MergePlan, generatedAt: string): DistrictWorkbook {
  const taken = new Set<string>();
  const completenessName = safeSheetName('Tình hình nộp', taken);
  const summaryNames = new Map(plan.templates.map((t) => [t.id, safeSheetName(`${t.sheetName} Tổng hợp`, taken)]));
  const all = [...plan.submissions, ...plan.departmentSubmissions];
  const unitSheetNames = new Map(all.map((s) => [submissionKey(s.unit, s.template), safeSheetName(`${s.template.sheetName} ${s.unit.shortName}`, taken)]));
  const logName = safeSheetName('Nhật ký', taken);

  const summaries = plan.templates.map((template) => summarySheet(plan, template, summaryNames.get(template.id)!, unitSheetNames));
  const unitSheets = all.map((s) =>
    unitAnnexSheet(s.template, {
      name: unitSheetNames.get(submissionKey(s.unit, s.template))!,
      unitName: s.unit.name,
      totals: 'values',
      valueAt: (row, column) => copiedValue(s.table, row, column),
      footnote: `Nguồn: tệp "${s.origin.file}", trang "${s.origin.sheet}" (chỉ chép giá trị).${s.role === 'department' ? ' Số liệu phòng, ban: không cộng vào tổng các xã.' : ''}`,
    }),
  );
  return {
    sheets: writableSheets([completenessSheet(plan, completenessName, generatedAt), ...summaries, ...unitSheets, logSheet(plan, logName, generatedAt, unitSheetNames)]),
    summaryNames,
    unitSheetNames,
  };
}

/**
 * What each total of a received table computes from its parts, as the template declares them.
 * A total the unit wrote as a formula is copied as this value, never as the formula's cached
 * result: a file saved without recalculation may cache a figure its parts no longer give.
 */
const recomputed = new WeakMap<LocatedTable, Map<string, number | null>>();
function recomputedTotal(table: LocatedTable, row: string, column: string): number | null | undefined {
  const at = cellAt(table.grid, table.rows.get(row) ?? -1, table.columns.get(column) ?? -1);
  if (at?.formula === undefined) return undefined;
  let totals = recomputed.get(table);
  if (!totals) {
    const valueOf: ValueOf = (r, c) => numberAt(table, r, c);
    totals = new Map(planFormulaTotals(table.template, table, valueOf).map((f) => [`${f.row}|${f.column}`, f.result]));
    recomputed.set(table, totals);
  }
  const value = totals.get(`${row}|${column}`);
  // Parts so large that their sum overflows: no figure to copy (the magnitude check reports them).
  return value === null || value === undefined || Number.isFinite(value) ? value : null;
}

/** Values only: numbers (text numbers parsed), text kept as text; formulas never copied. */
function copiedValue(table: LocatedTable, row: string, column: string): CellValue | undefined {
  const total = recomputedTotal(table, row, column);
  if (total !== undefined) return total ?? undefined;
  const reading = readCell(table, row, column);
  switch (reading.state) {
    case 'number':
      return reading.value;
    case 'text':
    case 'ambiguous':
      return reading.text;
    default:
      return undefined;
  }
}

function summarySheet(plan: MergePlan, template: TemplateDef, name: string, unitSheetNames: Map<string, string>): SheetSpec {
  // Communes only: a department's district-wide figure is never part of the communes' sum.
  const own = plan.submissions.filter((s) => s.template.id === template.id);
  const sheetNames = own.map((s) => unitSheetNames.get(submissionKey(s.unit, s.template))!);
  const positions = canonicalPositions(template);
  const total: ValueOf = (row, column) => {
    let sum = 0;
    for (const s of own) {
      const value = copiedValue(s.table, row, column);
      if (typeof value === 'number') sum += value;
    }
    return tidy(sum);
  };
  const groups = districtCheckGroups(template);
  const checks = withTraceColumn(checksBesideAnnex(groups, positions, total), groups, positions, own, sheetNames);
  const spec = renderAnnexSheet(template, {
    name,
    unitName: plan.units.district,
    formulaAt: (row, column) => {
      const col = template.columns.find((c) => c.key === column);
      if (!col || col.measure === 'text') return undefined;
      return { formula: explicitSumFormula(sheetNames, a1(positions.rows.get(row)!, positions.columns.get(column)!)), result: total(row, column) };
    },
    checks,
    footnote: `Tổng hợp ${own.length}/${plan.units.units.length} đơn vị. Mỗi ô là tổng các trang đơn vị (${sheetNames.length} trang). Ô "Kiểm tra" hiện ✓ (xanh) khi tổng khớp, nếu không hiện số chênh lệch (đỏ); cột "${TRACE_HEADER}" chỉ trang đơn vị có số liệu gây lệch.`,
  });
  spec.columnWidths[positions.lastColumn + checks.columns] = 28;
  const received = new Map<string, DepartmentFigures>();
  for (const s of plan.departmentSubmissions.filter((d) => d.template.id === template.id) as Array<Submission & { unit: Department }>)
    received.set(s.unit.code, {
      department: s.unit,
      sheet: unitSheetNames.get(submissionKey(s.unit, s.template))!,
      // The same values its sheet is written with, so the warning follows what the cells show.
      figure: (row, column) => {
        const value = copiedValue(s.table, row, column);
        return typeof value === 'number' ? value : null;
      },
    });
  const comparison = departmentComparison(template, plan.units, received, positions, positions.lastDataRow + checks.rows + 4, total);
  spec.cells.push(...comparison.cells);
  spec.merges.push(...comparison.merges);
  // Under the capital summary: the section V paragraph of the written report, live.
  const paragraphRow = positions.lastDataRow + checks.rows + 4 + comparison.rows + 1;
  const paragraph = sectionFiveCells(template, positions, paragraphRow, total);
  if (paragraph) {
    spec.cells.push(...paragraph);
    spec.merges.push({ top: paragraphRow + 1, left: positions.labelColumn, bottom: paragraphRow + 1, right: positions.lastColumn });
    spec.rowHeights.set(paragraphRow + 1, 110);
  }
  return spec;
}

const TRACE_HEADER = 'Kiểm tra: trang đơn vị lệch';

/**
 * One more column beside the check columns naming, for each check, the unit sheets whose own
 * figures break that sum (as Excel's Trace Precedents would lead there), with their difference.
 * The check row's breaks (a total against its rows) are named in the same column, on that row.
 */
function withTraceColumn(checks: RenderedChecks, groups: CheckGroup[], positions: AnnexPositions, own: Submission[], sheetNames: string[]): RenderedChecks {
  const col = positions.lastColumn + 1 + checks.columns;
  const notes = new Map<number, string[]>();
  const number = (s: Submission, key: CellKey) => {
    const value = copiedValue(s.table, key.row, key.column);
    return typeof value === 'number' ? value : null;
  };
  for (const group of groups) {
    for (const relation of group.relations) {
      const row = group.direction === 'columns' ? positions.rows.get(relation.total.row)! : positions.lastDataRow + 1;
      own.forEach((s, i) => {
        const parts = relation.parts.map((p) => number(s, p));
        const total = number(s, relation.total);
        if (total === null && parts.every((p) => p === null)) return;
        const difference = tidy((total ?? 0) - parts.reduce<number>((sum, p) => sum + (p ?? 0), 0));
        if (Math.abs(difference) < 0.000001) return;
        const where = group.direction === 'rows' ? ` ${a1(row, positions.columns.get(relation.total.column)!).replace(/\d+$/, '')}` : '';
        const note = `${sheetNames[i]}${where}: ${difference.toLocaleString('vi-VN', { maximumFractionDigits: 6 })}`;
        notes.set(row, [...(notes.get(row) ?? []), note]);
      });
    }
  }
  const cells: SpecCell[] = [...checks.cells, { row: positions.headerTop, col, value: TRACE_HEADER, style: 'checkHeader' }];
  for (let r = positions.headerTop + 1; r <= positions.headerBottom; r++) cells.push({ row: r, col, value: null, style: 'checkHeader' });
  const merges = positions.headerBottom > positions.headerTop ? [...checks.merges, { top: positions.headerTop, left: col, bottom: positions.headerBottom, right: col }] : checks.merges;
  for (const [row, list] of notes) cells.push({ row, col, value: [...new Set(list)].join('; '), style: 'traceNote' });
  return { cells, merges, columns: checks.columns + 1, rows: Math.max(checks.rows, notes.has(positions.lastDataRow + 1) ? 1 : 0) };
}

function tableSheet(name: string, title: string, subtitle: string, headers: string[], widths: number[], rows: CellValue[][]): SheetSpec {
  const cells: SpecCell[] = [
    { row: 0, col: 0, value: title, style: 'plainBold' },
    { row: 1, col: 0, value: subtitle, style: 'note' },
  ];
  headers.forEach((h, c) => cells.push({ row: 3, col: c, value: h, style: 'header' }));
  rows.forEach((values, r) => values.forEach((value, c) => cells.push({ row: 4 + r, col: c, value, style: typeof value === 'number' ? 'count' : 'text' })));
  return { name, cells, merges: [], columnWidths: widths, rowHeights: new Map([[3, 30]]), freeze: { rows: 4, columns: 0 }, printTitleRows: { from: 3, to: 3 }, landscape: true };
}

function completenessSheet(plan: MergePlan, name: string, generatedAt: string): SheetSpec {
  const received = plan.completeness.filter((u) => u.status !== 'missing').length;
  const line = (u: UnitCompleteness, i: number): CellValue[] => [
    i + 1,
    u.unit.code,
    u.unit.name,
    STATUS_TEXT[u.status],
    ...plan.templates.map((t) => (u.templates.includes(t.id) ? '✓' : isDepartment(u.unit) && !u.unit.leads[t.id] ? '—' : '')),
    u.errors,
    u.warnings,
    u.files.join('; '),
  ];
  const rows: CellValue[][] = plan.completeness.map(line);
  if (plan.departmentCompleteness.length) {
    const got = plan.departmentCompleteness.filter((u) => u.status !== 'missing').length;
    rows.push([], ['', '', `PHÒNG, BAN CẤP HUYỆN (số toàn huyện, chỉ các dòng chủ trì; "—": không chủ trì biểu này): đã nhận ${got}/${plan.departmentCompleteness.length}`]);
    rows.push(...plan.departmentCompleteness.map(line));
  }
  for (const file of plan.held) {
    rows.push(['', '', `Chưa rõ đơn vị: ${file.candidates.map((c) => c.name).join(' / ')}`, 'Không gộp', ...plan.templates.map(() => ''), '', '', `${file.file} (${file.sheets.join(', ')})`]);
  }
  const sheet = tableSheet(
    name,
    `TÌNH HÌNH NỘP BÁO CÁO - ${plan.units.district.toUpperCase()}`,
    `Đã nhận ${received}/${plan.completeness.length} đơn vị. Tổng hợp lúc ${generatedAt}.`,
    ['STT', 'Mã', 'Đơn vị', 'Trạng thái', ...plan.templates.map((t) => t.sheetName), 'Số lỗi', 'Số cảnh báo', 'Tệp nguồn'],
    [6, 10, 24, 14, ...plan.templates.map(() => 10), 9, 11, 50],
    rows,
  );
  // Units with errors stand out in the error style (dark red on light red, as Excel's "Bad").
  const withErrors = new Set(plan.completeness.flatMap((u, i) => (u.status === 'errors' ? [4 + i] : [])));
  for (const cell of sheet.cells) if (withErrors.has(cell.row) && cell.col === 3) cell.style = 'statusError';
  return sheet;
}

/** Headers of the log sheet; "Trang trong sổ" lets a later merge find each sheet's origin again. */
export const LOG_HEADERS = ['Thời gian nhận', 'Tệp gốc', 'Đơn vị', 'Trang gốc', 'Mẫu', 'SHA-256', 'Số lỗi', 'Số cảnh báo', 'Ghi chú', 'Trang trong sổ'] as const;
const KEPT = 'Giữ từ lần gộp trước';
const MERGED = 'Đã gộp';

function logSheet(plan: MergePlan, name: string, generatedAt: string, sheetNames: Map<string, string>): SheetSpec {
  const rows: CellValue[][] = [];
  for (const s of [...plan.submissions, ...plan.departmentSubmissions]) {
    const note = s.fromDistrictWorkbook
      ? `${KEPT} (sổ "${s.source.file}")`
      : [MERGED, s.assigned ? 'đơn vị do người dùng chỉ định' : '', ...s.replaces.map((k) => `thay trang "${k.sheet}" của sổ "${k.file}"`)].filter(Boolean).join('; ');
    rows.push([vietnamTimeOf(s.origin.receivedAt), s.origin.file, s.unit.name, s.origin.sheet, s.template.id, s.origin.sha256, s.errors, s.warnings, note, sheetNames.get(submissionKey(s.unit, s.template)) ?? '']);
  }
  for (const source of plan.sources) {
    const isDistrictWorkbook = source.tables.some((t) => t.unit.kind === 'district');
    for (const skip of plan.skipped.filter((k) => k.file === source.file)) {
      const table = source.tables.find((t) => t.table.grid.name === skip.sheet);
      const { errors, warnings } = issueCounts(source, skip.sheet);
      const origin = (isDistrictWorkbook && source.origins?.get(skip.sheet.normalize('NFC'))) || { file: source.file, sha256: source.sha256, receivedAt: source.readAt, sheet: skip.sheet };
      const note = {
        'unknown-unit': 'Không xác định được đơn vị: không gộp',
        'ambiguous-unit': `Chưa rõ đơn vị (${skip.detail}): không gộp`,
        duplicate: skip.detail ? `Trùng đơn vị, đã chọn tệp ${skip.detail}: không dùng` : 'Trùng đơn vị, chưa chọn tệp: không gộp',
        replaced: `Đã thay bằng tệp ${skip.detail}`,
        hidden: 'Trang ẩn: không đọc, không gộp',
        district: 'Trang của cả huyện, không phải của một xã hay phòng, ban: không gộp',
        unmapped: 'Cột không khớp mẫu: không gộp',
      }[skip.reason];
      const unit = table ? (reporterOf(table.unit)?.name ?? table.table.unitText ?? '') : '';
      rows.push([vietnamTimeOf(origin.receivedAt), origin.file, unit, origin.sheet, table?.table.template.id ?? '', origin.sha256, errors, warnings, note, isDistrictWorkbook ? skip.sheet.normalize('NFC') : '']);
    }
    if (source.tables.length === 0) rows.push([vietnamTimeOf(source.readAt), source.file, '', '', '', source.sha256, source.report.stats.errors, source.report.stats.warnings, 'Không có phụ lục', '']);
  }
  return tableSheet(name, 'NHẬT KÝ TỔNG HỢP', `Tạo lúc ${generatedAt} bởi GNBV. Mỗi trang đơn vị giữ tên tệp gốc, SHA-256 và thời gian nhận qua mọi lần gộp lại.`, [...LOG_HEADERS], [20, 34, 20, 16, 7, 66, 8, 10, 36, 18], rows);
}

/**
 * Reads an earlier district workbook's log sheet: for each of its unit sheets, the file it first
 * came from. Without it, a re-merge would name the district workbook as every sheet's source.
 */
export function readOrigins(grids: readonly Grid[]): Map<string, Origin> {
  const origins = new Map<string, Origin>();
  for (const grid of grids) {
    // A hidden log is not read (whatever port gave the grid): provenance comes only from what the user can see.
    if (grid.hidden) continue;
    const header = grid.cells[3]?.map((cell) => cellText(cell).trim());
    if (!header || LOG_HEADERS.some((h, i) => header[i] !== h)) continue;
    for (const row of grid.cells.slice(4)) {
      const text = (i: number) => cellText(row?.[i]).trim();
      const note = text(8);
      if (!text(9) || !(note.startsWith(MERGED) || note.startsWith(KEPT))) continue;
      origins.set(text(9).normalize('NFC'), { receivedAt: text(0), file: text(1), sheet: text(3), sha256: text(5) });
    }
  }
  return origins;
}
