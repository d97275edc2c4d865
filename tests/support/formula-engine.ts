/**
 * Test helper: evaluate the formulas of a real .xlsx workbook with a real
 * spreadsheet engine (HyperFormula, GPL-3.0, test-only dependency), so tests can
 * assert what a formula computes instead of comparing formula strings.
 */
import ExcelJS from 'exceljs';
import { DetailedCellError, HyperFormula, type RawCellContent } from 'hyperformula';

export interface EvaluatedWorkbook {
  /** Computed value of a cell: number, string, boolean, null for empty, or an error string such as '#REF!' / '#NAME?'. */
  value(sheetName: string, a1: string): number | string | boolean | null;
  sheetNames(): string[];
}

/** Loads the bytes with ExcelJS, then evaluates every formula. */
export async function evaluateXlsx(bytes: Uint8Array | ArrayBuffer): Promise<EvaluatedWorkbook> {
  const workbook = new ExcelJS.Workbook();
  const buffer = Buffer.from(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes);
  // ExcelJS's typings declare their own global `Buffer`, which clashes with @types/node's.
  await workbook.xlsx.load(buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return evaluateWorkbook(workbook);
}

export function evaluateWorkbook(workbook: ExcelJS.Workbook): EvaluatedWorkbook {
  const sheets: Record<string, RawCellContent[][]> = {};
  for (const ws of workbook.worksheets) {
    const rows: RawCellContent[][] = [];
    ws.eachRow((row, rowNumber) => {
      const cells: RawCellContent[] = [];
      row.eachCell((cell, colNumber) => {
        while (cells.length < colNumber - 1) cells.push(null);
        cells[colNumber - 1] = toRawContent(cell, ws.name);
      });
      while (rows.length < rowNumber - 1) rows.push([]);
      rows[rowNumber - 1] = cells;
    });
    sheets[ws.name] = rows;
  }

  // Options from HyperFormula's "Compatibility with Microsoft Excel" guide.
  const hf = HyperFormula.buildFromSheets(sheets, {
    licenseKey: 'gpl-v3',
    evaluateNullToZero: true, // Excel: =A1 with A1 empty is 0
    useArrayArithmetic: true,
    ignoreWhiteSpace: 'any',
    leapYear1900: true,
    nullDate: { year: 1899, month: 12, day: 31 },
    accentSensitive: true,
    localeLang: 'en-US',
  });
  // Excel has TRUE/FALSE as keywords; HyperFormula only as functions.
  hf.addNamedExpression('TRUE', '=TRUE()');
  hf.addNamedExpression('FALSE', '=FALSE()');

  return {
    sheetNames: () => hf.getSheetNames(),
    value(sheetName, a1) {
      const sheet = hf.getSheetId(sheetName);
      if (sheet === undefined) throw new Error(`No sheet named ${JSON.stringify(sheetName)}`);
      const v = hf.getCellValue({ sheet, ...parseA1(a1) });
      return v instanceof DetailedCellError ? v.value : v;
    },
  };
}

/** Converts one ExcelJS cell to HyperFormula input. */
function toRawContent(cell: ExcelJS.Cell, sheetName: string): RawCellContent {
  // A merged cell's non-master cells echo the master's value; in Excel they are empty.
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  // `cell.formula` covers {formula}, {formula, result} and, for shared-formula
  // children ({sharedFormula: 'B2'}), the master's formula already translated.
  const formula = cell.formula;
  if (formula) return '=' + formula;

  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  // A leading apostrophe makes HyperFormula store the rest as literal text: no
  // formula ('=1+1'), boolean ('TRUE'), number ('123', '10%'), date or error parsing.
  if (typeof v === 'string') return "'" + v;
  if (v instanceof Date) return v.getTime() / 86_400_000 + 25_569; // Excel serial (1900 system)
  if ('richText' in v) return "'" + v.richText.map((run) => run.text).join('');
  if ('error' in v) return v.error;
  if ('hyperlink' in v) return "'" + v.text;
  throw new Error(`Cannot evaluate ${sheetName}!${cell.address}: ${JSON.stringify(v)}`);
}

/** 'AB12' or '$AB$12' -> 0-based { row: 11, col: 27 }. */
function parseA1(a1: string): { row: number; col: number } {
  const m = /^\$?([A-Z]{1,3})\$?([1-9]\d*)$/i.exec(a1);
  if (!m) throw new Error(`Not an A1 cell address: ${JSON.stringify(a1)}`);
  const [, letters = '', digits = ''] = m;
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(digits) - 1, col: col - 1 };
}
