import { cellText, type Grid } from './grid.js';
import { isDepartmentNoise, unledRowIssues } from './departments.js';
import type { LocatedTable } from './table.js';
import type { TemplateDef } from './template.js';
import { identifyUnit, reporterOf, type Reporter, type UnitList, type UnitMatch } from './units.js';
import { buildReport, reportedIssue, validateWorkbook, type ValidationReport } from './validate.js';

export interface WorkbookInput {
  /** File name as the user knows it; also the last resort to identify the unit. */
  file: string;
  grids: readonly Grid[];
}

export interface UnitTable {
  table: LocatedTable;
  unit: UnitMatch;
  /** Where the unit was read from: the "Đơn vị báo cáo" line, a title line above the table, or the file name. */
  unitSource: 'unit-line' | 'title' | 'file-name' | 'none';
}

export interface CheckedWorkbook {
  file: string;
  tables: UnitTable[];
  report: ValidationReport;
  /** Sheets hidden in the file: not read, not used to identify the unit. */
  hiddenSheets: string[];
}

export interface EngineConfig {
  templates: readonly TemplateDef[];
  units: UnitList;
}

const definite = (match: UnitMatch) => match.kind === 'unit' || match.kind === 'department' || match.kind === 'district';

type SheetIdentity = { match: UnitMatch; source: UnitTable['unitSource'] };
const identities = new WeakMap<LocatedTable, { units: UnitList; identity: SheetIdentity }>();

/** What the sheet itself says: the "Đơn vị báo cáo" line, else a title line (whole names only). */
function sheetIdentity(table: LocatedTable, units: UnitList): SheetIdentity {
  const known = identities.get(table);
  if (known?.units === units) return known.identity;
  const identity = readSheetIdentity(table, units);
  identities.set(table, { units, identity });
  return identity;
}

function readSheetIdentity(table: LocatedTable, units: UnitList): SheetIdentity {
  const fromLine = table.unitText ? identifyUnit(table.unitText, units) : { kind: 'unknown' as const };
  if (definite(fromLine)) return { match: fromLine, source: 'unit-line' };
  const titles: UnitMatch[] = [];
  for (let r = 0; r < table.headerTop; r++)
    for (const cell of table.grid.cells[r] ?? []) {
      const text = cellText(cell);
      if (text && text.normalize('NFC') !== table.unitText && !/^\s*đơn vị báo cáo/iu.test(text.normalize('NFC'))) {
        const match = identifyUnit(text, units, { fragments: false });
        if (match.kind !== 'unknown') titles.push(match);
      }
    }
  const named = [...new Set(titles.flatMap((m) => reporterOf(m) ?? []))];
  if (named.length === 1 && titles.every((m) => definite(m))) return { match: titles.find((m) => reporterOf(m))!, source: 'title' };
  // Only a unit line makes a sheet the district's own summary; "UBND HUYỆN …" above a table is
  // the letterhead of whoever wrote it, and says nothing certain about the sender.
  if (titles.length > 0) {
    const candidates = [...new Set(titles.flatMap((m) => (m.kind === 'ambiguous' ? m.candidates : (reporterOf(m) ?? []))))];
    if (candidates.length) return { match: { kind: 'ambiguous', candidates, reason: 'several' }, source: 'title' };
  }
  return { match: fromLine, source: fromLine.kind === 'unknown' ? 'none' : 'unit-line' };
}

/**
 * The unit a sheet's OWN unit line or title names with certainty (never the file name): what a
 * user's assignment of the whole file may not overrule.
 */
export function sheetUnitOf(table: LocatedTable, units: UnitList): { unit: Reporter; source: 'unit-line' | 'title' } | undefined {
  const { match, source } = sheetIdentity(table, units);
  const unit = reporterOf(match);
  // A certain reporter is only ever read from the unit line or a title (see readSheetIdentity).
  return unit && (source === 'unit-line' || source === 'title') ? { unit, source } : undefined;
}

/**
 * Which unit a table reports for, never guessed: the sheet (unit line or title) and the file
 * name must not disagree, and a fragment of a name ("cam nghia") is never enough. A file that
 * holds a district summary is a district workbook: its file name says nothing about its units.
 */
export function unitOfTable(table: LocatedTable, file: string, units: UnitList, districtWorkbook = false): Omit<UnitTable, 'table'> {
  const sheet = sheetIdentity(table, units);
  if (sheet.match.kind === 'district' || districtWorkbook) return { unit: sheet.match, unitSource: sheet.source };
  const fromName = identifyUnit(file.replace(/^.*[\\/]/, ''), units);
  const sheetReporter = reporterOf(sheet.match);
  const nameReporter = reporterOf(fromName);
  const conflict = (candidates: Reporter[]): Omit<UnitTable, 'table'> => ({ unit: { kind: 'ambiguous', candidates: [...new Set(candidates)], reason: 'conflict' }, unitSource: sheet.source });

  if (sheetReporter) {
    if (nameReporter && nameReporter !== sheetReporter) return conflict([sheetReporter, nameReporter]);
    if (fromName.kind === 'ambiguous' && !fromName.candidates.includes(sheetReporter)) return conflict([sheetReporter, ...fromName.candidates]);
    return { unit: sheet.match, unitSource: sheet.source };
  }
  if (nameReporter) {
    if (sheet.match.kind === 'ambiguous' && !sheet.match.candidates.includes(nameReporter)) return conflict([...sheet.match.candidates, nameReporter]);
    return { unit: fromName, unitSource: 'file-name' };
  }
  if (sheet.match.kind === 'ambiguous') return { unit: sheet.match, unitSource: sheet.source };
  if (fromName.kind === 'ambiguous') return { unit: fromName, unitSource: 'file-name' };
  return { unit: { kind: 'unknown' }, unitSource: 'none' };
}

/**
 * Validates every annex of one workbook, each against the scope of the unit it reports for:
 * a commune covers 1 commune, the district and its departments all of the district's units.
 * Hidden sheets are reported and left out.
 */
export function checkWorkbook(input: WorkbookInput, config: EngineConfig): CheckedWorkbook {
  const visible = input.grids.filter((grid) => !grid.hidden);
  const hidden = input.grids.filter((grid) => grid.hidden);
  const { tables, report } = validateWorkbook(visible, {
    templates: config.templates,
    file: input.file,
    scopeOf: (table) => {
      const kind = unitOfTable(table, input.file, config.units).unit.kind;
      return kind === 'district' || kind === 'department' ? config.units.units.length : 1;
    },
  });
  const districtWorkbook = tables.some((t) => sheetIdentity(t, config.units).match.kind === 'district');
  const unitTables = tables.map((table) => ({ table, ...unitOfTable(table, input.file, config.units, districtWorkbook) }));
  const extra = hidden.map((grid) => reportedIssue({ code: 'sheet/hidden', params: { state: grid.hidden! } }, grid.name, input.file));
  let issues = report.issues;
  for (const { table, unit } of unitTables) {
    if (unit.kind !== 'department') continue;
    const sheet = table.grid.name;
    issues = issues.filter((issue) => issue.sheet !== sheet || !isDepartmentNoise(issue, table, unit.department, config.units, config.templates));
    extra.push(...unledRowIssues(table, unit.department).map((raw) => reportedIssue(raw, sheet, input.file, table)));
  }
  if (extra.length === 0 && issues === report.issues) return { file: input.file, tables: unitTables, report, hiddenSheets: [] };
  const all = [...issues, ...extra];
  const sheets = report.sheets.map((s) => {
    const own = all.filter((i) => i.sheet === s.sheet);
    return { ...s, errors: own.filter((i) => i.severity === 'error').length, warnings: own.filter((i) => i.severity === 'warning').length };
  });
  return { file: input.file, tables: unitTables, report: buildReport(all, sheets, input.file), hiddenSheets: hidden.map((g) => g.name) };
}
