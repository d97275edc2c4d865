import { blankTemplateSheet } from './engine/annex-sheet.js';
import type { Issue } from './engine/issues.js';
import { needsDecision, safeSheetName, type MergePlan, type MergeSource } from './engine/merge.js';
import { districtWorkbook, mergeSource, planSessionMerge, type MergeChoices } from './merge-session.js';
import { canWriteTotals, totalsCells, totalsForTable, type TableTotals } from './engine/totals.js';
import { checkWorkbook, type EngineConfig, type UnitTable } from './engine/workbook.js';
import type { ValidationReport } from './engine/validate.js';
import type { Highlight, WorkbookPort } from './workbook-port.js';
import { parseA1 } from './engine/a1.js';
import type { Grid } from './engine/grid.js';
import { locateTable } from './engine/locate.js';
import { templateSiblings } from './engine/rules/index.js';
import { READ_LIMITS } from './io/limits.js';
import { ownSheetKind, type OwnSheet } from './engine/categories.js';
import { isEmptyCell } from './engine/grid.js';

/**
 * What the task pane does, as functions over a WorkbookPort: the same code runs against Excel
 * and against the demo's in-memory workbook, and each action makes a fixed number of calls.
 */

export interface SheetValidation {
  report: ValidationReport;
  tables: UnitTable[];
  /** Sheets the report covers. */
  sheets: string[];
  /**
   * Why a checked sheet holds no annex when that is no fault: blank, or one GNBV wrote itself
   * (a district workbook's completeness checklist or log). Such sheets get no "no annex" error.
   */
  notAnnex: Record<string, 'blank' | OwnSheet>;
}

/** Validates the active sheet (checked against its sibling annexes) or every annex sheet. */
export async function validateSheets(port: WorkbookPort, config: EngineConfig, scope: 'active' | 'all', file = 'Sổ đang mở'): Promise<SheetValidation> {
  const names = await port.listSheets();
  const active = scope === 'active' ? await port.activeSheet() : undefined;
  const grids = active ? await activeWithSiblings(port, config, names, active) : await port.readSheets(names);
  const notAnnex = notAnnexSheets(grids);
  const checked = checkWorkbook({ file, grids }, config);
  const tables = checked.tables;
  // "No annex" on a blank or GNBV's own sheet is no fault when nothing else is an annex either.
  const report = grids.every((g) => notAnnex[g.name]) ? withIssues(checked.report, checked.report.issues.filter((i) => i.code !== 'locate/no-annex')) : checked.report;
  if (!active) return { report, tables, sheets: names, notAnnex };
  const issues = report.issues.filter((i) => i.sheet === active);
  return {
    report: { ...withIssues(report, issues), sheets: report.sheets.filter((s) => s.sheet === active) },
    tables: tables.filter((t) => t.table.grid.name === active),
    sheets: [active],
    notAnnex: active in notAnnex ? { [active]: notAnnex[active]! } : {},
  };
}

function notAnnexSheets(grids: readonly Grid[]): Record<string, 'blank' | OwnSheet> {
  const kinds: Record<string, 'blank' | OwnSheet> = {};
  for (const grid of grids) {
    // A hidden sheet was not read: its grid is empty, but it is not known to be blank.
    if (grid.hidden) continue;
    const kind = ownSheetKind(grid.name) ?? (grid.cells.every((row) => !row || row.every(isEmptyCell)) ? 'blank' : null);
    if (kind) kinds[grid.name] = kind;
  }
  return kinds;
}

function withIssues(report: ValidationReport, issues: Issue[]): ValidationReport {
  const errors = issues.filter((i) => i.severity === 'error').length;
  return { ...report, issues, valid: errors === 0, stats: { errors, warnings: issues.length - errors, byCode: countCodes(issues) } };
}

/**
 * The active sheet alone, unless its annex checks figures against other annexes (the capital
 * summary): then the whole workbook, since any sheet may be the sibling.
 */
async function activeWithSiblings(port: WorkbookPort, config: EngineConfig, names: string[], active: string): Promise<Grid[]> {
  const [grid] = await port.readSheets([active]);
  const table = grid && locateTable(grid, config.templates);
  if (!grid || !table || templateSiblings(table.template).length === 0) return grid ? [grid] : [];
  // The active sheet is read already: only the others, kept in the workbook's order.
  const others = await port.readSheets(names.filter((name) => name !== active));
  return names.flatMap((name) => (name === active ? [grid] : others.filter((g) => g.name === name)));
}

function countCodes(issues: Issue[]): ValidationReport['stats']['byCode'] {
  const byCode: ValidationReport['stats']['byCode'] = {};
  for (const issue of issues) byCode[issue.code] = (byCode[issue.code] ?? 0) + 1;
  return byCode;
}

export function highlightsOf(issues: readonly Issue[]): Highlight[] {
  return issues.flatMap((i) => (i.cell ? [{ sheet: i.sheet, cell: i.cell, severity: i.severity }] : []));
}

/** Clears the previous marks and marks the new issues: two calls, whatever the count. */
export async function showIssues(port: WorkbookPort, issues: readonly Issue[]): Promise<void> {
  await port.clearHighlights();
  const marks = highlightsOf(issues);
  if (marks.length) await port.highlight(marks);
}

/**
 * The live re-check's write: nothing when the marks are the ones already shown, else the two
 * calls of showIssues. Returns the marks now shown. (Our own highlight writes can never start
 * another re-check that writes: the next one finds the same marks.)
 */
export async function updateIssues(port: WorkbookPort, shown: readonly Highlight[], issues: readonly Issue[]): Promise<Highlight[]> {
  const marks = highlightsOf(issues);
  const key = (list: readonly Highlight[]) => list.map((m) => `${m.sheet}!${m.cell}!${m.severity}`).sort().join('\n');
  if (key(marks) === key(shown)) return [...shown];
  await showIssues(port, issues);
  return marks;
}

export interface TextNumberFix {
  sheet: string;
  cell: string;
  text: string;
  value: number;
  /** A number rescaled (đồng → triệu đồng) keeps the cell's number format; a text number gets General. */
  keepFormat?: boolean;
}

/** The one-click fix for numbers stored as text: shown to the user before it is applied. */
export function textNumberFixes(issues: readonly Issue[]): TextNumberFix[] {
  return issues.flatMap((i) =>
    i.code === 'cell/text-number' && i.cell && typeof i.expected === 'number' && typeof i.actual === 'string'
      ? [{ sheet: i.sheet, cell: i.cell, text: i.actual, value: i.expected }]
      : [],
  );
}

/** The ÷ 1.000.000 fix for money typed in đồng, where that lands within the unit's range. */
export function dongFixes(issues: readonly Issue[]): TextNumberFix[] {
  return issues.flatMap((i) =>
    i.code === 'magnitude/money' && i.params.fixable === 1 && i.cell && typeof i.actual === 'number' && typeof i.expected === 'number'
      ? [{ sheet: i.sheet, cell: i.cell, text: i.actual.toLocaleString('vi-VN'), value: i.expected, keepFormat: true }]
      : [],
  );
}

export async function applyTextNumberFixes(port: WorkbookPort, fixes: readonly TextNumberFix[]): Promise<void> {
  for (const [sheet, own] of groupBy(fixes, (f) => f.sheet)) {
    // General format too: a cell formatted as Text would keep even a typed number as text.
    await port.writeCells(sheet, own.map((f) => ({ ...parseA1(f.cell), value: f.value, ...(f.keepFormat ? {} : { numberFormat: 'General' }) })));
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/** Adds blank templates for a unit under names not yet taken: nothing of the user's is replaced. */
export async function insertTemplates(port: WorkbookPort, config: EngineConfig, templateIds: readonly string[], unitName: string): Promise<string[]> {
  const taken = new Set((await port.listSheets()).map((n) => n.normalize('NFC').toLowerCase()));
  // Named after the unit ("PL01 Cam An"), as the district workbook names them, not "PL01 2".
  const unit = config.units.units.find((u) => u.name === unitName);
  const specs = config.templates
    .filter((t) => templateIds.includes(t.id))
    .map((t) => ({ ...blankTemplateSheet(t, unitName), name: safeSheetName(unit ? `${t.sheetName} ${unit.shortName}` : t.sheetName, taken) }));
  await port.replaceSheets(specs);
  if (specs[0]) await port.selectCell(specs[0].name, 'A1');
  return specs.map((s) => s.name);
}

export interface TotalsPlan {
  sheet: string;
  templateId: string;
  totals: TableTotals;
}

/** Plans formula totals for the active sheet; nothing is written until applyTotals. */
export async function planTotals(port: WorkbookPort, config: EngineConfig): Promise<TotalsPlan | null> {
  const { tables, sheets } = await validateSheets(port, config, 'active');
  const found = tables[0];
  if (!found) return null;
  return { sheet: sheets[0]!, templateId: found.table.template.id, totals: totalsForTable(found.table) };
}

/** Writes the converted parts, the formulas and the check cells in one call; refuses an unsafe plan. */
export async function applyTotals(port: WorkbookPort, plan: TotalsPlan): Promise<void> {
  if (!canWriteTotals(plan.totals)) throw new Error('totals plan has parts that are not numbers');
  await port.writeCells(plan.sheet, totalsCells(plan.totals));
}

export interface ReceivedFile {
  name: string;
  /** The bytes, or how to read them: a File is read only once its size is known to be within the limit. */
  bytes: Uint8Array | (() => Promise<Uint8Array>);
  size?: number;
  /** Last-modified time (ISO), shown when two files claim the same unit. */
  modifiedAt?: string;
}

/** A file the user chose, read only when its turn comes (and not at all when too large). */
export function receivedFile(file: Blob & { name: string; lastModified?: number }): ReceivedFile {
  return {
    name: file.name.normalize('NFC'),
    size: file.size,
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
    ...(file.lastModified !== undefined ? { modifiedAt: new Date(file.lastModified).toISOString() } : {}),
  };
}

/** Time the pane may work between two paints of its progress bar. */
const SLICE_MS = 50;

export type ReadOutcome = { ok: true; source: MergeSource } | { ok: false; file: string; vi: string; en: string };

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Reads received files one by one (ExcelJS is loaded only now, as its own chunk), reporting
 * progress and stopping when cancelled. A file that cannot be read is an outcome, not a crash.
 */
export async function readReceivedFiles(
  files: readonly ReceivedFile[],
  config: EngineConfig,
  onProgress: (done: number, total: number, file: string) => void = () => {},
  signal?: AbortSignal,
): Promise<ReadOutcome[]> {
  const { readWorkbookBytes } = await import('./io/workbook-bytes.js');
  const { InputError } = await import('./io/input-error.js');
  const outcomes: ReadOutcome[] = [];
  const readAt = new Date().toISOString();
  let painted = performance.now();
  for (const [i, file] of files.entries()) {
    if (signal?.aborted) throw new DOMException('cancelled', 'AbortError');
    onProgress(i, files.length, file.name);
    try {
      const size = file.size ?? (file.bytes instanceof Uint8Array ? file.bytes.length : 0);
      if (size > READ_LIMITS.maxFileBytes) throw new InputError(file.name, 'file-too-large', undefined, { bytes: size, limit: READ_LIMITS.maxFileBytes });
      // A chosen file can vanish or change before its turn (NotReadableError): unreadable, not a crash.
      const bytes = file.bytes instanceof Uint8Array ? file.bytes : await file.bytes().catch(() => Promise.reject(new InputError(file.name, 'unreadable')));
      const grids = await readWorkbookBytes(file.name, bytes);
      const received = { file: file.name, grids, sha256: await sha256(bytes), size: bytes.length, ...(file.modifiedAt ? { modifiedAt: file.modifiedAt } : {}) };
      outcomes.push({ ok: true, source: mergeSource(received, config, readAt) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      outcomes.push({ ok: false, file: file.name, vi: error.vi, en: error.en });
    }
    // Let the pane paint its progress bar now and then: a timeout per file cost 4 ms each
    // (browsers clamp nested timeouts), more than reading a small file.
    if (performance.now() - painted > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      painted = performance.now();
    }
  }
  onProgress(files.length, files.length, '');
  return outcomes;
}

/**
 * The unit sheets an earlier merge left in the open workbook, as a merge source: a newly
 * received file replaces them. Empty when the open workbook is not a district workbook.
 */
export async function readOpenDistrict(port: WorkbookPort, config: EngineConfig): Promise<MergeSource[]> {
  const grids = await port.readSheets(await port.listSheets());
  const open = mergeSource({ file: 'Sổ đang mở', grids, sha256: '' }, config, '');
  return open.tables.some((t) => t.unit.kind === 'district') ? [open] : [];
}

/**
 * A merge into the open workbook: the received files and the units an earlier merge left in
 * the open workbook, read once. The pane plans it again on each choice without reading again.
 */
export interface WorkbookMerge {
  outcomes: ReadOutcome[];
  open: MergeSource[];
}

/** Reads the received files (see readReceivedFiles), then the open workbook's earlier merge. */
export async function readWorkbookMerge(
  port: WorkbookPort,
  config: EngineConfig,
  files: readonly ReceivedFile[],
  onProgress?: (done: number, total: number, file: string) => void,
  signal?: AbortSignal,
): Promise<WorkbookMerge> {
  const outcomes = await readReceivedFiles(files, config, onProgress, signal);
  return { outcomes, open: await readOpenDistrict(port, config) };
}

/** The files that could be read, as merge sources. */
export const receivedSources = (outcomes: readonly ReadOutcome[]): MergeSource[] => outcomes.flatMap((o) => (o.ok ? [o.source] : []));

/** Plans the merge of the files read into the open workbook, with the user's choices. */
export function planWorkbookMerge(config: EngineConfig, merge: WorkbookMerge, choices: MergeChoices = {}): MergePlan {
  return planSessionMerge(config, receivedSources(merge.outcomes), choices, merge.open);
}

export async function writeMerge(port: WorkbookPort, plan: MergePlan, now: Date): Promise<string[]> {
  // The pane disables writing while a decision is open; this guards every other caller.
  if (needsDecision(plan)) throw new Error('Còn tệp chưa rõ đơn vị hoặc trùng đơn vị: hãy chọn trước khi ghi. / Some files still need a decision.');
  const { sheets } = districtWorkbook(plan, now);
  await port.replaceSheets(sheets);
  await port.selectCell(sheets[0]!.name, 'A1');
  return sheets.map((s) => s.name);
}
