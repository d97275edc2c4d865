import type { Grid, GridCell } from './grid.js';
import type { SheetSpec } from './sheet-spec.js';

/** The grid a sheet spec shows once written: formulas carry the value the engine computed. */
export function specToGrid(spec: SheetSpec): Grid {
  const cells: Grid['cells'] = [];
  for (const cell of spec.cells) {
    const value = cell.formula !== undefined ? (cell.result ?? null) : (cell.value ?? null);
    if (value === null && cell.formula === undefined) continue;
    const row = (cells[cell.row] ??= []);
    const out: GridCell = { value };
    if (cell.formula !== undefined) out.formula = cell.formula;
    row[cell.col] = out;
  }
  return { name: spec.name, cells, merges: spec.merges.map((m) => ({ ...m })) };
}
