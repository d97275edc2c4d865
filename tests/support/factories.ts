import { a1 } from '../../src/engine/a1.js';
import { builtinTemplates, builtinUnitList } from '../../src/engine/builtin.js';
import type { CellValue, Grid } from '../../src/engine/grid.js';
import type { Issue } from '../../src/engine/issues.js';
import { canonicalPositions } from '../../src/engine/render.js';
import { sampleWorkbooks, type SampleFile } from '../../src/engine/sample.js';
import { specToGrid } from '../../src/engine/spec-grid.js';
import { checkWorkbook, type EngineConfig } from '../../src/engine/workbook.js';

export function engineConfig(): EngineConfig {
  return { templates: builtinTemplates(), units: builtinUnitList('cam-lo') };
}

let samples: SampleFile[] | undefined;
export function sampleFiles(): SampleFile[] {
  samples ??= sampleWorkbooks(engineConfig());
  return samples;
}

export function sampleFile(unitCode: string): SampleFile {
  const found = sampleFiles().find((s) => s.unit.code === unitCode);
  if (!found) throw new Error(`no sample for ${unitCode}`);
  return found;
}

/** Fresh grids of a unit's sample workbook (PL01, PL02, Nguồn vốn), safe to modify. */
export function sampleGrids(unitCode = '19603'): Grid[] {
  return sampleFile(unitCode).sheets.map(specToGrid);
}

export async function sampleBytes(unitCode: string): Promise<Uint8Array> {
  // Loaded on demand: the pure engine tests (run per mutant by `npm run mutate`) never pay for ExcelJS.
  const { writeSpecs } = await import('../../src/io/xlsx.js');
  return writeSpecs(sampleFile(unitCode).sheets);
}

export function templateOf(id: string) {
  return engineConfig().templates.find((t) => t.id === id)!;
}

/** Sets a template cell in a grid in GNBV's canonical layout. */
export function setCell(grids: Grid[], templateId: string, row: string, column: string, value: CellValue): string {
  const template = templateOf(templateId);
  const grid = grids.find((g) => g.name === template.sheetName)!;
  const pos = canonicalPositions(template);
  const r = pos.rows.get(row)!;
  const c = pos.columns.get(column)!;
  const cells = (grid.cells[r] ??= []);
  cells[c] = value === null ? undefined : { value };
  return a1(r, c);
}

export function getNumber(grids: Grid[], templateId: string, row: string, column: string): number {
  const template = templateOf(templateId);
  const grid = grids.find((g) => g.name === template.sheetName)!;
  const pos = canonicalPositions(template);
  const value = grid.cells[pos.rows.get(row)!]?.[pos.columns.get(column)!]?.value;
  if (typeof value !== 'number') throw new Error(`${row}/${column} is not a number: ${String(value)}`);
  return value;
}

export function validate(grids: Grid[], file = 'test.xlsx') {
  return checkWorkbook({ file, grids }, engineConfig()).report;
}

/** One line per issue, for asserting a whole outcome at once. */
export function flatten(issues: Issue[]): string[] {
  return issues.map((i) => `${i.sheet}!${i.cell ?? ''} ${i.code}`).sort();
}

/** Another district's unit list with two communes (Huyện Gio Linh), as a user would load it. */
export function gioLinhUnitList(departments: object[] = []) {
  return {
    id: 'gio-linh',
    district: 'Huyện Gio Linh',
    units: [
      { code: '19300', name: 'Thị trấn Gio Linh', shortName: 'TT Gio Linh' },
      { code: '19303', name: 'Xã Gio An', shortName: 'Gio An' },
    ],
    departments,
  };
}
