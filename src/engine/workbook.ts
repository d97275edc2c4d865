import type { Grid } from './grid.js';
import type { LocatedTable } from './table.js';
import type { TemplateDef } from './template.js';
import { identifyUnit, type UnitList, type UnitMatch } from './units.js';
import { validateWorkbook, type ValidationReport } from './validate.js';

export interface WorkbookInput {
  /** File name as the user knows it; also the last resort to identify the unit. */
  file: string;
  grids: readonly Grid[];
}

export interface UnitTable {
  table: LocatedTable;
  unit: UnitMatch;
  /** Where the unit was read from: the "Đơn vị báo cáo" line or the file name. */
  unitSource: 'unit-line' | 'file-name' | 'none';
}

export interface CheckedWorkbook {
  file: string;
  tables: UnitTable[];
  report: ValidationReport;
}

export interface EngineConfig {
  templates: readonly TemplateDef[];
  units: UnitList;
}

/** Which unit a table reports for: its "Đơn vị báo cáo" line, else the file name. */
export function unitOfTable(table: LocatedTable, file: string, units: UnitList): Omit<UnitTable, 'table'> {
  if (table.unitText) {
    const unit = identifyUnit(table.unitText, units);
    if (unit.kind !== 'unknown') return { unit, unitSource: 'unit-line' };
  }
  const fromName = identifyUnit(file.replace(/^.*[\\/]/, ''), units);
  if (fromName.kind !== 'unknown') return { unit: fromName, unitSource: 'file-name' };
  return { unit: { kind: 'unknown' }, unitSource: 'none' };
}

/** Validates every annex of one workbook, each against the scope of the unit it reports for. */
export function checkWorkbook(input: WorkbookInput, config: EngineConfig): CheckedWorkbook {
  const units = new Map<LocatedTable, Omit<UnitTable, 'table'>>();
  const unitFor = (table: LocatedTable) => {
    let found = units.get(table);
    if (!found) units.set(table, (found = unitOfTable(table, input.file, config.units)));
    return found;
  };
  const { tables, report } = validateWorkbook(input.grids, {
    templates: config.templates,
    file: input.file,
    scopeOf: (table) => (unitFor(table).unit.kind === 'district' ? config.units.units.length : 1),
  });
  return { file: input.file, tables: tables.map((table) => ({ table, ...unitFor(table) })), report };
}
