// Before ExcelJS: in the browser its stream steps must not wait on clamped timeouts.
import './prompt-timers.js';
import ExcelJS from 'exceljs';
import { columnLetters, parseRange, rangeA1 } from '../engine/a1.js';
import type { CellValue, Grid, GridCell } from '../engine/grid.js';
import { FONT_NAME, STYLES, writableCell, type CellStyle, type SheetSpec, type SpecCell, type StyleName } from '../engine/sheet-spec.js';

/** Loads .xlsx bytes with ExcelJS (the caller has sniffed them first). */
export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  watchDeclaredSheets(workbook);
  // ExcelJS declares its own Buffer type; an ArrayBuffer view is what it reads.
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

/** Every worksheet as a grid: values as shown (a formula's cached result), merges, formats. */
export function workbookGrids(workbook: ExcelJS.Workbook): Grid[] {
  const grids = workbook.worksheets.map(worksheetGrid);
  // A sheet the workbook lists but whose part is missing: ExcelJS drops it without a word.
  for (const name of missingSheetParts.get(workbook) ?? []) grids.push({ name, cells: [], merges: [], unreadable: true });
  return grids;
}

const missingSheetParts = new WeakMap<ExcelJS.Workbook, string[]>();

/**
 * Notes the worksheets workbook.xml declares whose part ExcelJS could not find (its reconcile
 * step skips them silently), so a damaged file is reported instead of read as a smaller one.
 */
function watchDeclaredSheets(workbook: ExcelJS.Workbook): void {
  type Model = { sheets?: Array<{ name: string; rId: string }>; workbookRels?: Array<{ Id: string; Type: string; Target: string }>; worksheetHash?: Record<string, unknown> };
  const xlsx = workbook.xlsx as unknown as { reconcile(model: Model, options: unknown): void };
  const reconcile = xlsx.reconcile.bind(xlsx);
  xlsx.reconcile = (model, options) => {
    const rels = new Map((model.workbookRels ?? []).map((rel) => [rel.Id, rel]));
    const missing = (model.sheets ?? []).filter((sheet) => {
      const rel = rels.get(sheet.rId);
      if (rel && !rel.Type.endsWith('/worksheet')) return false; // chart sheets hold no table
      return !rel || !model.worksheetHash?.[`xl/${rel.Target.replace(/^(\s|\/xl\/)+/, '')}`];
    });
    if (missing.length) missingSheetParts.set(workbook, missing.map((sheet) => String(sheet.name)));
    reconcile(model, options);
  };
}

export function worksheetGrid(worksheet: ExcelJS.Worksheet): Grid {
  // A hidden sheet is named and said hidden, never read, as the Office adapter does: nothing in
  // it (figures, a unit line, a GNBV log claiming where sheets came from) may reach the engine.
  if (worksheet.state === 'hidden' || worksheet.state === 'veryHidden') return { name: worksheet.name, cells: [], merges: [], hidden: worksheet.state };
  const cells: Grid['cells'] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const out: Array<GridCell | undefined> = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.isMerged && cell.master !== cell) return;
      const converted = convertCell(cell);
      if (converted) out[colNumber - 1] = converted;
    });
    if (out.length) cells[rowNumber - 1] = out;
  });
  const merges = ((worksheet.model as { merges?: string[] }).merges ?? []).map(parseRange);
  return { name: worksheet.name, cells, merges };
}

// The engine reads values and formulas only; number formats are left out (reading them costs
// a style lookup per cell, a fifth of the conversion).
function convertCell(cell: ExcelJS.Cell): GridCell | undefined {
  const value = cell.value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return { value };
  if (value instanceof Date) return { value: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    if ('richText' in value) return { value: value.richText.map((run) => run.text).join('') };
    if ('error' in value) return { value: null, error: String(value.error) };
    if ('formula' in value || 'sharedFormula' in value) {
      // cell.result, not value.result: ExcelJS's value copy drops a cached result of 0.
      const result: unknown = cell.result;
      const formula = cell.formula;
      if (result && typeof result === 'object' && 'error' in result) return { value: null, error: String((result as { error: unknown }).error), formula };
      return { value: plainValue(result), formula };
    }
    if ('text' in value) return { value: String((value as { text: unknown }).text) };
  }
  return { value: String(value) };
}

function plainValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };

function excelStyle(style: CellStyle): Partial<ExcelJS.Style> {
  return {
    font: { name: FONT_NAME, size: style.size ?? 12, bold: style.bold ?? false, italic: style.italic ?? false, ...(style.color ? { color: { argb: style.color } } : {}) },
    alignment: { horizontal: style.horizontal, vertical: 'middle', wrapText: style.wrap ?? false },
    ...(style.border ? { border: { top: THIN, left: THIN, bottom: THIN, right: THIN } } : {}),
    ...(style.numberFormat ? { numFmt: style.numberFormat } : {}),
    ...(style.fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: style.fill } } } : {}),
  };
}

/**
 * Writes one spec cell. Text stays text: ExcelJS stores a string as a string cell even when it
 * starts with "=", so received text can never become a formula in the district workbook.
 */
export function writeSpecCell(worksheet: ExcelJS.Worksheet, spec: SpecCell): void {
  const cell = writableCell(worksheet.name, spec);
  const target = worksheet.getCell(cell.row + 1, cell.col + 1);
  if (cell.formula !== undefined) {
    target.value = { formula: cell.formula, ...(cell.result !== undefined && cell.result !== null ? { result: cell.result } : {}) } as ExcelJS.CellFormulaValue;
  } else {
    target.value = cell.value ?? null;
  }
  if (cell.style) target.style = excelStyleOf(cell.style);
  if (cell.numberFormat) target.numFmt = cell.numberFormat;
}

// One object per style name: ExcelJS recognises a style object it has seen (a WeakMap), so
// sharing them saves re-serialising fonts and borders for every cell written.
const excelStyles = new Map<StyleName, Partial<ExcelJS.Style>>();
function excelStyleOf(name: StyleName): Partial<ExcelJS.Style> {
  let style = excelStyles.get(name);
  if (!style) excelStyles.set(name, (style = excelStyle(STYLES[name])));
  return style;
}

export function addSpecSheet(workbook: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const worksheet = workbook.addWorksheet(spec.name, {
    pageSetup: {
      paperSize: 9,
      orientation: spec.landscape ? 'landscape' : 'portrait',
      // An annex prints at its own zoom (print.ts); other sheets one page wide.
      ...(spec.print ? { fitToPage: false, scale: spec.print.scale } : { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      ...(spec.printTitleRows ? { printTitlesRow: `${spec.printTitleRows.from + 1}:${spec.printTitleRows.to + 1}` } : {}),
      ...(spec.print?.titleColumns ? { printTitlesColumn: `${columnLetters(spec.print.titleColumns.from)}:${columnLetters(spec.print.titleColumns.to)}` } : {}),
    },
    // "Trang 3/32" on every printed page.
    headerFooter: { oddFooter: `&C&"${FONT_NAME},Regular"&10Trang &P/&N` },
    views: spec.freeze ? [{ state: 'frozen', xSplit: spec.freeze.columns, ySplit: spec.freeze.rows }] : [],
  });
  spec.columnWidths.forEach((width, i) => (worksheet.getColumn(i + 1).width = width));
  for (const cell of spec.cells) writeSpecCell(worksheet, cell);
  for (const merge of spec.merges) worksheet.mergeCells(rangeA1(merge));
  for (const [row, height] of spec.rowHeights) worksheet.getRow(row + 1).height = height;
  for (const { row, col, rule } of spec.entryRules ?? []) {
    worksheet.getCell(row + 1, col + 1).dataValidation = {
      type: rule.kind,
      operator: 'greaterThanOrEqual',
      formulae: [0],
      allowBlank: true,
      showInputMessage: true,
      promptTitle: rule.title,
      prompt: rule.prompt,
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: rule.errorTitle,
      error: rule.error,
    };
  }
  return worksheet;
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  // Fast deflate: most of writing a district workbook went into JSZip's default (slow) deflate;
  // level 1 writes several times faster for files about a fifth larger.
  return new Uint8Array(await workbook.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as ExcelJS.XlsxWriteOptions));
}

/** A new .xlsx holding the given sheets, in order. */
export async function writeSpecs(specs: SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'GNBV';
  workbook.calcProperties.fullCalcOnLoad = true;
  for (const spec of specs) addSpecSheet(workbook, spec);
  return workbookBytes(workbook);
}
