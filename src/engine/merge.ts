import { vietnamTimeOf } from './local-time.js';
import { a1 } from './a1.js';
import { explicitSumFormula } from './formulas.js';
import type { CellValue } from './grid.js';
import { tidy } from './numbers.js';
import { canonicalPositions, renderAnnexSheet } from './render.js';
import type { SheetSpec, SpecCell } from './sheet-spec.js';
import { readCell, type LocatedTable } from './table.js';
import type { TemplateDef } from './template.js';
import { districtCheckGroups, checksBesideAnnex, type ValueOf } from './totals.js';
import type { Unit, UnitList } from './units.js';
import type { CheckedWorkbook, EngineConfig } from './workbook.js';
import { unitAnnexSheet } from './annex-sheet.js';

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
  reason: 'unknown-unit' | 'ambiguous-unit' | 'duplicate' | 'replaced';
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

  for (const source of sources) {
    const isDistrictWorkbook = source.tables.some((t) => t.unit.kind === 'district');
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
    const errors = own.reduce((n, s) => n + s.errors, 0);
    const status: UnitStatus = own.length === 0 ? 'missing' : duplicated ? 'duplicate' : errors > 0 ? 'errors' : 'received';
    return {
      unit,
      status,
      templates: own.map((s) => s.template.id),
      files: [...new Set([...own.map((s) => s.source.file), ...config.templates.flatMap((t) => duplicates.get(submissionKey(unit, t)) ?? [])])],
      errors,
      warnings: own.reduce((n, s) => n + s.warnings, 0),
    };
  });
  return { units: config.units, templates: config.templates, submissions, completeness, skipped, sources };
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
    sheets: [completenessSheet(plan, completenessName, generatedAt), ...summaries, ...unitSheets, logSheet(plan, logName, generatedAt)],
    summaryNames,
    unitSheetNames,
  };
}

/** Values only: numbers (text numbers parsed), text kept as text; formulas never copied. */
function copiedValue(table: LocatedTable, row: string, column: string): CellValue | undefined {
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
      const reading = readCell(s.table, row, column);
      if (reading.state === 'number') sum += reading.value;
    }
    return tidy(sum);
  };
  const checks = checksBesideAnnex(districtCheckGroups(template), positions, total);
  return renderAnnexSheet(template, {
    name,
    unitName: plan.units.district,
    formulaAt: (row, column) => {
      const col = template.columns.find((c) => c.key === column);
      if (!col || col.measure === 'text') return undefined;
      return { formula: explicitSumFormula(sheetNames, a1(positions.rows.get(row)!, positions.columns.get(column)!)), result: total(row, column) };
    },
    checks,
    footnote: `Tổng hợp ${own.length}/${plan.units.units.length} đơn vị. Mỗi ô là tổng các trang đơn vị (${sheetNames.length} trang). Ô "Kiểm tra" hiện ✓ khi tổng khớp, nếu không hiện số chênh lệch.`,
  });
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
  return tableSheet(
    name,
    `TÌNH HÌNH NỘP BÁO CÁO - ${plan.units.district.toUpperCase()}`,
    `Đã nhận ${received}/${plan.completeness.length} đơn vị. Tổng hợp lúc ${generatedAt}.`,
    ['STT', 'Mã', 'Đơn vị', 'Trạng thái', ...plan.templates.map((t) => t.sheetName), 'Số lỗi', 'Số cảnh báo', 'Tệp nguồn'],
    [6, 8, 24, 14, ...plan.templates.map(() => 10), 9, 11, 50],
    rows,
  );
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
              : 'Không xác định được đơn vị: không gộp';
      rows.push([
        vietnamTimeOf(source.readAt),
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
    if (source.tables.length === 0) rows.push([vietnamTimeOf(source.readAt), source.file, '', '', '', source.sha256, source.report.stats.errors, source.report.stats.warnings, 'Không có phụ lục']);
  }
  return tableSheet(name, 'NHẬT KÝ TỔNG HỢP', `Tạo lúc ${generatedAt} bởi GNBV.`, ['Thời gian đọc', 'Tệp', 'Đơn vị', 'Trang', 'Mẫu', 'SHA-256', 'Số lỗi', 'Số cảnh báo', 'Ghi chú'], [20, 34, 20, 16, 7, 66, 8, 10, 36], rows);
}
