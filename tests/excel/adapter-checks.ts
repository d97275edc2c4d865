/**
 * The adapter checks of `npm run test:excel`, over any WorkbookPort: in a real Excel (Windows,
 * Mac or the web) through OfficeWorkbook, and in `npm test` over the in-memory workbook in
 * Chromium, so that the runner itself is tested. They confirm in Excel what the strict fake
 * assumes (tests/support/fake-excel.ts): text from received files stays text, a number written
 * over text becomes a number, a re-merge keeps a user's formula pointing at its sheet, and
 * highlights can be made and removed, a hidden sheet is read as hidden with none of its cells
 * (when the runner can hide one). Run them in a blank workbook: they add two sheets.
 */
import { parseA1 } from '../../src/engine/a1.js';
import type { Grid } from '../../src/engine/grid.js';
import type { SheetSpec } from '../../src/engine/sheet-spec.js';
import type { WorkbookPort } from '../../src/workbook-port.js';

export interface CheckResult {
  name: string;
  passed: boolean;
  detail: string;
}

export const SCRATCH = 'GNBV kiểm thử';
export const USER_SHEET = 'GNBV công thức';
/** Texts Excel would type as errors, formulas, dates, numbers or booleans if written as is. */
export const TRICKY_TEXTS = ['#N/A', '#REF!', "'trích dẫn", ' =1+1', '\t=1+1', '＝1+1', 'Jan 5', '5/1', '=HYPERLINK("x")', '(1)', 'TRUE', 'Hộ nghèo'];

function scratchSpec(note: string): SheetSpec {
  return {
    name: SCRATCH,
    cells: [...TRICKY_TEXTS.map((value, col) => ({ row: 0, col, value, style: 'text' as const })), { row: 1, col: 0, value: note }, { row: 2, col: 0, value: 1250.5 }],
    merges: [],
    columnWidths: [],
    rowHeights: new Map(),
    landscape: false,
  };
}

async function cellOf(port: WorkbookPort, sheet: string, address: string) {
  const [grid] = await port.readSheets([sheet]);
  const { row, col } = parseA1(address);
  return grid?.cells[row]?.[col];
}

/** Hides a sheet, or shows it again (undefined), the way the user would: the port itself never hides. */
export type SetHidden = (sheet: string, hidden: Grid['hidden']) => Promise<void>;

export async function adapterChecks(port: WorkbookPort, setHidden?: SetHidden): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const check = async (name: string, run: () => Promise<string | null>) => {
    try {
      const problem = await run();
      results.push({ name, passed: problem === null, detail: problem ?? 'ok' });
    } catch (error) {
      results.push({ name, passed: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  };

  await check('text from received files is written and read back as the same text', async () => {
    await port.replaceSheets([scratchSpec('lần 1')]);
    const [grid] = await port.readSheets([SCRATCH]);
    const wrong = TRICKY_TEXTS.flatMap((text, col) => {
      const cell = grid?.cells[0]?.[col];
      return cell?.value === text && !cell.formula && !cell.error ? [] : [`${JSON.stringify(text)} → ${JSON.stringify(cell)}`];
    });
    return wrong.length ? wrong.join('; ') : null;
  });

  await check('a number written over text, with the General format, reads back as a number', async () => {
    await port.writeCells(SCRATCH, [{ row: 3, col: 0, value: '1.234' }]);
    await port.writeCells(SCRATCH, [{ row: 3, col: 0, value: 1234, numberFormat: 'General' }]);
    const cell = await cellOf(port, SCRATCH, 'A4');
    return cell?.value === 1234 ? null : `A4 is ${JSON.stringify(cell)}`;
  });

  await check("a re-merge rewrites the sheet in place: the user's formula pointing at it still does", async () => {
    const names = await port.listSheets();
    if (!names.includes(USER_SHEET)) await port.replaceSheets([{ name: USER_SHEET, cells: [], merges: [], columnWidths: [], rowHeights: new Map(), landscape: false }]);
    await port.writeCells(USER_SHEET, [{ row: 0, col: 0, formula: `'${SCRATCH}'!A3*2`, result: 2501 }]);
    await port.replaceSheets([scratchSpec('lần 2')]);
    const formula = (await cellOf(port, USER_SHEET, 'A1'))?.formula ?? '';
    const note = (await cellOf(port, SCRATCH, 'A2'))?.value;
    const sheets = (await port.listSheets()).filter((name) => name === SCRATCH).length;
    if (note !== 'lần 2') return `the sheet was not rewritten (A2 is ${JSON.stringify(note)})`;
    if (sheets !== 1) return `${sheets} sheets named ${SCRATCH}`;
    return formula.includes(SCRATCH) && !formula.includes('#REF!') ? null : `the formula became ${JSON.stringify(formula)}`;
  });

  if (setHidden) {
    await check('a hidden sheet is read as hidden, with none of its cells', async () => {
      await setHidden(SCRATCH, 'hidden');
      try {
        const [grid] = await port.readSheets([SCRATCH]);
        return grid?.hidden === 'hidden' && grid.cells.length === 0 ? null : `read as ${JSON.stringify({ hidden: grid?.hidden, rows: grid?.cells.length })}`;
      } finally {
        await setHidden(SCRATCH, undefined);
      }
    });
  }

  await check('highlights are added and removed', async () => {
    await port.highlight([{ sheet: SCRATCH, cell: 'A1', severity: 'error' }, { sheet: SCRATCH, cell: 'B1', severity: 'warning' }, { sheet: SCRATCH, cell: 'C1', severity: 'error' }]);
    await port.clearHighlights();
    return null;
  });

  return results;
}
