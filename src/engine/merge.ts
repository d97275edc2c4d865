import { a1 } from './a1.js';
import { explicitSumFormula } from './formulas.js';
import type { CellValue } from './grid.js';
import { tidy } from './numbers.js';
import { canonicalPositions, renderAnnexSheet, type AnnexPositions, type CheckGroup } from './render.js';
import type { CellKey } from './relations.js';
import { writableSheets, type SheetSpec, type SpecCell } from './sheet-spec.js';
import { numberAt, readCell, type LocatedTable } from './table.js';
import { cellAt } from './grid.js';
import type { TemplateDef } from './template.js';
import { districtCheckGroups, checksBesideAnnex, planFormulaTotals, type RenderedChecks, type ValueOf } from './totals.js';
import type { Unit, UnitList } from './units.js';
import type { CheckedWorkbook, EngineConfig } from './workbook.js';
import { unitAnnexSheet } from './annex-sheet.js';
import type { Issue } from './issues.js';
import { hasMappingErrors } from './locate.js';

export interface MergeSource extends CheckedWorkbook {
  sha256: string;
  /** When the file was read (ISO time), for the log sheet. */
  readAt: string;
}

export interface Submission {
  unit: Unit;
  template: TemplateDef;
  table: LocatedTable;
  source: MergeSource;
  /** Taken from an earlier district workbook: a newly received file replaces it silently. */
  fromDistrictWorkbook: boolean;
  errors: number;
  warnings: number;
}

export type UnitStatus = 'received' | 'errors' | 'duplicate' | 'missing';

export interface UnitCompleteness {
  unit: Unit;
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
  reason: 'unknown-unit' | 'ambiguous-unit' | 'duplicate' | 'replaced' | 'unmapped';
  detail: string;
}

export interface MergePlan {
  units: UnitList;
  templates: readonly TemplateDef[];
  /** The tables that go into the district workbook, one per unit and annex. */
  submissions: Submission[];
  completeness: UnitCompleteness[];
  skipped: SkippedTable[];
  sources: MergeSource[];
  /** Errors found in each unit's files (unit code → issues), tables not merged included. */
  unitErrors: Map<string, Issue[]>;
}

const submissionKey = (unit: Unit, template: TemplateDef) => `${unit.code}|${template.id}`;

/**
 * Decides what goes into the district workbook. Each unit and annex is taken once: a file
 * received now replaces the same unit's sheet from an earlier district workbook; two received
 * files for the same unit are reported as duplicates and only the last one given is used.
 */
export function planMerge(sources: MergeSource[], config: EngineConfig): MergePlan {
  const chosen = new Map<string, Submission>();
  const skipped: SkippedTable[] = [];
  const duplicates = new Map<string, string[]>();

  const unitErrors = new Map<string, Issue[]>();
  const noteErrors = (unit: Unit, issues: Issue[]) => {
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length) unitErrors.set(unit.code, [...(unitErrors.get(unit.code) ?? []), ...errors]);
  };

  for (const source of sources) {
    const isDistrictWorkbook = source.tables.some((t) => t.unit.kind === 'district');
    // Errors on sheets without a table (a damaged or unlocatable annex) belong to the file's units.
    const tableSheets = new Set(source.tables.map((t) => t.table.grid.name));
    const fileErrors = source.report.issues.filter((i) => !tableSheets.has(i.sheet));
    const fileUnits = new Map(source.tables.flatMap(({ unit }) => (unit.kind === 'unit' ? [[unit.unit.code, unit.unit] as const] : [])));
    for (const unit of fileUnits.values()) noteErrors(unit, fileErrors);
    for (const { table, unit } of source.tables) {
      const sheet = table.grid.name;
      if (unit.kind === 'district') continue;
      if (unit.kind === 'ambiguous') {
        skipped.push({ file: source.file, sheet, reason: 'ambiguous-unit', detail: unit.candidates.map((u) => u.name).join(' / ') });
        continue;
      }
      if (unit.kind === 'unknown') {
        skipped.push({ file: source.file, sheet, reason: 'unknown-unit', detail: table.unitText ?? '' });
        continue;
      }
      const ownIssues = source.report.issues.filter((i) => i.sheet === sheet);
      noteErrors(unit.unit, ownIssues);
      if (hasMappingErrors(table)) {
        skipped.push({ file: source.file, sheet, reason: 'unmapped', detail: unit.unit.name });
        continue;
      }
      const submission: Submission = {
        unit: unit.unit,
        template: table.template,
        table,
        source,
        fromDistrictWorkbook: isDistrictWorkbook,
        errors: ownIssues.filter((i) => i.severity === 'error').length,
        warnings: ownIssues.filter((i) => i.severity === 'warning').length,
      };
      const key = submissionKey(unit.unit, table.template);
      const earlier = chosen.get(key);
      if (earlier && !earlier.fromDistrictWorkbook && !submission.fromDistrictWorkbook) {
        duplicates.set(key, [...(duplicates.get(key) ?? [earlier.source.file]), source.file]);
        skipped.push({ file: earlier.source.file, sheet: earlier.table.grid.name, reason: 'duplicate', detail: source.file });
      } else if (earlier && earlier.fromDistrictWorkbook && !submission.fromDistrictWorkbook) {
        skipped.push({ file: earlier.source.file, sheet: earlier.table.grid.name, reason: 'replaced', detail: source.file });
      } else if (earlier && submission.fromDistrictWorkbook) {
        skipped.push({ file: source.file, sheet, reason: 'replaced', detail: earlier.source.file });
        continue;
      }
      chosen.set(key, submission);
    }
  }

  const submissions: Submission[] = [];
  const completeness: UnitCompleteness[] = config.units.units.map((unit) => {
    const own = config.templates.flatMap((t) => chosen.get(submissionKey(unit, t)) ?? []);
    submissions.push(...own);
    const duplicated = config.templates.some((t) => duplicates.has(submissionKey(unit, t)));
    const errors = unitErrors.get(unit.code)?.length ?? 0;
    const status: UnitStatus = own.length === 0 && errors === 0 ? 'missing' : duplicated ? 'duplicate' : errors > 0 ? 'errors' : 'received';
    return {
      unit,
      status,
      templates: own.map((s) => s.template.id),
      files: [...new Set([...own.map((s) => s.source.file), ...config.templates.flatMap((t) => duplicates.get(submissionKey(unit, t)) ?? [])])],
      errors,
      warnings: own.reduce((n, s) => n + s.warnings, 0),
    };
  });
  return { units: config.units, templates: config.templates, submissions, completeness, skipped, sources, unitErrors };
}

/** A unit whose received files have errors, or a file with errors and no readable annex at all. */
export interface MergeBlocker {
  unit?: Unit;
  files: string[];
  issues: Issue[];
}

/**
 * What stands between a plan and the district totals: units with errors (and files with errors
 * that name no unit). Writing them needs an explicit decision: `--allow-errors`, or the pane's
 * confirmation. Tables whose columns could not be mapped are never written, decision or not.
 */
export function mergeBlockers(plan: MergePlan): MergeBlocker[] {
  const blockers: MergeBlocker[] = plan.completeness.flatMap((u) => {
    const issues = plan.unitErrors.get(u.unit.code) ?? [];
    return issues.length ? [{ unit: u.unit, files: [...new Set(issues.flatMap((i) => (i.file ? [i.file] : [])))], issues }] : [];
  });
  // A file whose every annex is damaged names no unit, yet it was meant to: its figures are
  // missing. (Tables of an unidentified unit are reported as not merged, and merge nothing.)
  for (const source of plan.sources) {
    const errors = source.report.issues.filter((i) => i.severity === 'error');
    if (source.tables.length === 0 && errors.length) blockers.push({ files: [source.file], issues: errors });
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
  /** Unit sheet name for each submission (unit code|template id). */
  unitSheetNames: Map<string, string>;
}

/** Unit sheets (values only), summary sheets (explicit sums, checks), completeness and log. */
export function districtSheets(plan: MergePlan, generatedAt: string): DistrictWorkbook {
  const taken = new Set<string>();
  const completenessName = safeSheetName('Tình hình nộp', taken);
  const summaryNames = new Map(plan.templates.map((t) => [t.id, safeSheetName(`${t.sheetName} Tổng hợp`, taken)]));
  const unitSheetNames = new Map(plan.submissions.map((s) => [submissionKey(s.unit, s.template), safeSheetName(`${s.template.sheetName} ${s.unit.shortName}`, taken)]));
  const logName = safeSheetName('Nhật ký', taken);

  const summaries = plan.templates.map((template) => summarySheet(plan, template, summaryNames.get(template.id)!, unitSheetNames));
  const unitSheets = plan.submissions.map((s) =>
    unitAnnexSheet(s.template, {
      name: unitSheetNames.get(submissionKey(s.unit, s.template))!,
      unitName: s.unit.name,
      totals: 'values',
      valueAt: (row, column) => copiedValue(s.table, row, column),
      footnote: `Nguồn: tệp "${s.source.file}", trang "${s.table.grid.name}" (chỉ chép giá trị).`,
    }),
  );
  return {
    sheets: writableSheets([completenessSheet(plan, completenessName, generatedAt), ...summaries, ...unitSheets, logSheet(plan, logName, generatedAt)]),
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
  const sheet = renderAnnexSheet(template, {
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
  sheet.columnWidths[positions.lastColumn + checks.columns] = 28;
  return sheet;
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
  const rows: CellValue[][] = plan.completeness.map((u, i) => [
    i + 1,
    u.unit.code,
    u.unit.name,
    STATUS_TEXT[u.status],
    ...plan.templates.map((t) => (u.templates.includes(t.id) ? '✓' : '')),
    u.errors,
    u.warnings,
    u.files.join('; '),
  ]);
  for (const skip of plan.skipped.filter((s) => s.reason === 'unknown-unit' || s.reason === 'ambiguous-unit')) {
    rows.push(['', '', skip.reason === 'ambiguous-unit' ? `Không rõ đơn vị: ${skip.detail}` : 'Không xác định được đơn vị', 'Không gộp', ...plan.templates.map(() => ''), '', '', `${skip.file} (${skip.sheet})`]);
  }
  const sheet = tableSheet(
    name,
    `TÌNH HÌNH NỘP BÁO CÁO - ${plan.units.district.toUpperCase()}`,
    `Đã nhận ${received}/${plan.completeness.length} đơn vị. Tổng hợp lúc ${generatedAt}.`,
    ['STT', 'Mã', 'Đơn vị', 'Trạng thái', ...plan.templates.map((t) => t.sheetName), 'Số lỗi', 'Số cảnh báo', 'Tệp nguồn'],
    [6, 8, 24, 14, ...plan.templates.map(() => 10), 9, 11, 50],
    rows,
  );
  // Units with errors stand out in the error style (dark red on light red, as Excel's "Bad").
  const withErrors = new Set(plan.completeness.flatMap((u, i) => (u.status === 'errors' ? [4 + i] : [])));
  for (const cell of sheet.cells) if (withErrors.has(cell.row) && cell.col === 3) cell.style = 'statusError';
  return sheet;
}

function logSheet(plan: MergePlan, name: string, generatedAt: string): SheetSpec {
  const used = new Set(plan.submissions.map((s) => `${s.source.file}|${s.table.grid.name}`));
  const rows: CellValue[][] = [];
  for (const source of plan.sources) {
    for (const { table, unit } of source.tables) {
      const sheet = table.grid.name;
      const skip = plan.skipped.find((s) => s.file === source.file && s.sheet === sheet);
      const issues = source.report.issues.filter((i) => i.sheet === sheet);
      const note = used.has(`${source.file}|${sheet}`)
        ? 'Đã gộp'
        : unit.kind === 'district'
          ? 'Trang tổng hợp cũ: không gộp'
          : skip?.reason === 'duplicate'
            ? `Trùng đơn vị với tệp ${skip.detail}: không dùng`
            : skip?.reason === 'replaced'
              ? `Thay bằng tệp ${skip.detail}`
              : skip?.reason === 'unmapped'
                ? 'Cột không khớp mẫu: không gộp'
                : 'Không xác định được đơn vị: không gộp';
      rows.push([
        source.readAt,
        source.file,
        unit.kind === 'unit' ? unit.unit.name : (table.unitText ?? ''),
        sheet,
        table.template.id,
        source.sha256,
        issues.filter((i) => i.severity === 'error').length,
        issues.filter((i) => i.severity === 'warning').length,
        note,
      ]);
    }
    if (source.tables.length === 0) rows.push([source.readAt, source.file, '', '', '', source.sha256, source.report.stats.errors, source.report.stats.warnings, 'Không có phụ lục']);
  }
  return tableSheet(name, 'NHẬT KÝ TỔNG HỢP', `Tạo lúc ${generatedAt} bởi GNBV.`, ['Thời gian đọc', 'Tệp', 'Đơn vị', 'Trang', 'Mẫu', 'SHA-256', 'Số lỗi', 'Số cảnh báo', 'Ghi chú'], [20, 34, 20, 16, 7, 66, 8, 10, 36], rows);
}
