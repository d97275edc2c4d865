import type { CellRange } from './a1.js';
import type { CellValue } from './grid.js';
import type { SumRelation } from './relations.js';
import type { SheetSpec, SpecCell, StyleName } from './sheet-spec.js';
import type { TableFrame } from './table.js';
import { annexPrintLayout } from './print.js';
import { entryRuleFor } from './entry-rules.js';
import type { RenderedChecks } from './totals.js';
import type { ColumnDef, RowDef, TemplateDef } from './template.js';

/** Where each template row and column sits in GNBV's own (canonical) layout. */
export interface AnnexPositions extends TableFrame {
  numberRow: number;
  firstDataRow: number;
  lastDataRow: number;
  lastColumn: number;
}

const TITLE_ROWS = 5;

export function canonicalPositions(template: TemplateDef): AnnexPositions {
  const headerTop = TITLE_ROWS;
  const headerBottom = headerTop + template.headerRows - 1;
  const numberRow = headerBottom + 1;
  const firstDataRow = numberRow + 1;
  const rows = new Map(template.rows.map((row, i) => [row.key, firstDataRow + i]));
  const columns = new Map(template.columns.map((column, i) => [column.key, 2 + i]));
  return {
    rows,
    columns,
    ttColumn: 0,
    labelColumn: 1,
    headerTop,
    headerBottom,
    numberRow,
    firstDataRow,
    lastDataRow: firstDataRow + template.rows.length - 1,
    lastColumn: 1 + template.columns.length,
  };
}

/** A check column (one breakdown per row) or a check row (Tổng cộng against its rows). */
export interface CheckGroup {
  direction: 'columns' | 'rows';
  label: { vi: string; en: string };
  relations: SumRelation[];
}

export interface AnnexSheetOptions {
  name: string;
  /** Text after "Đơn vị báo cáo:". */
  unitName: string;
  valueAt?(row: string, column: string): CellValue | undefined;
  formulaAt?(row: string, column: string): { formula: string; result?: CellValue } | undefined;
  checks?: RenderedChecks;
  footnote?: string;
  /** Excel's entry-time checks on the figure cells a user types into (not on formulas). */
  entryRules?: boolean;
  /** The place-and-date line and the two signatures under the table, as on the printed form. */
  signature?: { year: number };
}

const isBoldRow = (row: RowDef) => row.kind === 'total' || row.kind === 'group';

function dataStyle(column: ColumnDef, row: RowDef): StyleName {
  if (column.measure === 'text') return 'text';
  const base = column.measure === 'money' ? 'money' : 'count';
  return isBoldRow(row) ? (`${base}Bold` as StyleName) : base;
}

/** An annex in GNBV's layout: Phụ lục line, title, unit line, merged header, TT, totals. */
export function renderAnnexSheet(template: TemplateDef, options: AnnexSheetOptions): SheetSpec {
  const pos = canonicalPositions(template);
  const width = pos.lastColumn + (options.checks?.columns ?? 0);
  const cells: SpecCell[] = [];
  const merges: CellRange[] = [];
  const columnWidths = [6, template.labelWidth, ...template.columns.map((c) => c.width ?? 10)];
  while (columnWidths.length < width + 1) columnWidths.push(11);
  const layout = annexPrintLayout(columnWidths, { from: pos.ttColumn, to: pos.labelColumn });
  // Printed over several pages across, the title spans the first page's own columns: spanning the
  // whole annex it would be cut mid-word, and in the TT/label columns it would repeat, cut, on every page.
  const split = layout.pageStarts.length > 1;
  const titleLeft = split ? pos.labelColumn + 1 : 0;
  const titleRight = split ? Math.max(titleLeft, layout.pageStarts[1]! - 1) : pos.lastColumn;
  const fullWidth = (row: number): CellRange => ({ top: row, left: titleLeft, bottom: row, right: titleRight });

  cells.push({ row: 0, col: 0, value: template.annex, style: 'annex' });
  cells.push({ row: 1, col: titleLeft, value: template.title, style: 'title' });
  merges.push(fullWidth(1));
  if (template.subtitle) {
    cells.push({ row: 2, col: titleLeft, value: template.subtitle, style: 'subtitle' });
    merges.push(fullWidth(2));
  }
  cells.push({ row: 3, col: 0, value: `Đơn vị báo cáo: ${options.unitName}`, style: 'unitLine' });
  merges.push({ top: 3, left: 0, bottom: 3, right: Math.min(pos.lastColumn, 6) });
  cells.push({ row: 4, col: Math.max(2, pos.lastColumn - 3), value: `Đơn vị tính: ${template.unitOfMeasure}`, style: 'measureLine' });
  merges.push({ top: 4, left: Math.max(2, pos.lastColumn - 3), bottom: 4, right: pos.lastColumn });

  renderHeader(template, pos, cells, merges);

  const entryRules: NonNullable<SheetSpec['entryRules']> = [];
  for (const row of template.rows) {
    const r = pos.rows.get(row.key)!;
    const bold = isBoldRow(row);
    cells.push({ row: r, col: pos.ttColumn, value: row.tt || null, style: bold ? 'ttBold' : 'tt' });
    cells.push({ row: r, col: pos.labelColumn, value: row.label, style: bold ? 'labelBold' : 'label' });
    for (const column of template.columns) {
      const c = pos.columns.get(column.key)!;
      const formula = options.formulaAt?.(row.key, column.key);
      const style = dataStyle(column, row);
      if (formula) cells.push({ row: r, col: c, formula: formula.formula, ...(formula.result !== undefined ? { result: formula.result } : {}), style });
      else {
        cells.push({ row: r, col: c, value: options.valueAt?.(row.key, column.key) ?? null, style });
        const rule = options.entryRules ? entryRuleFor(template, column) : null;
        if (rule) entryRules.push({ row: r, col: c, rule });
      }
    }
  }
  cells.push(...(options.checks?.cells ?? []));
  merges.push(...(options.checks?.merges ?? []));
  const lastRow = pos.lastDataRow + (options.checks?.rows ?? 0);
  if (options.footnote) cells.push({ row: lastRow + 2, col: 1, value: options.footnote, style: 'note' });
  if (options.signature) signatureBlock(lastRow + (options.footnote ? 4 : 2), { left: titleLeft, right: titleRight, split }, options.signature.year, cells, merges);

  const rowHeights = new Map<number, number>([[1, 36]]);
  if (template.subtitle) rowHeights.set(2, 30);
  for (let r = pos.headerTop; r <= pos.headerBottom; r++) rowHeights.set(r, template.headerRows === 1 ? 36 : 30);
  for (const row of template.rows) {
    const lines = Math.ceil(row.label.length / (template.labelWidth * 1.15));
    if (lines > 1) rowHeights.set(pos.rows.get(row.key)!, 16 * lines + 2);
  }

  return {
    name: options.name,
    cells,
    merges,
    columnWidths,
    rowHeights,
    freeze: { rows: pos.numberRow + 1, columns: 2 },
    printTitleRows: { from: pos.headerTop, to: pos.numberRow },
    landscape: true,
    print: layout.print,
    ...(entryRules.length ? { entryRules } : {}),
  };
}

/**
 * Under the table, as the printed annex has it: "……, ngày … tháng … năm 2018" over the head of
 * unit's signature on the right, the person who filled the form in on the left. Printed over
 * several pages across, both go on the first page (the columns `span` gives, which every
 * spreadsheet's page holds) and not in the repeated TT/label columns, which print on every page.
 */
function signatureBlock(top: number, span: { left: number; right: number; split: boolean }, year: number, cells: SpecCell[], merges: CellRange[]): void {
  const signer = span.split ? span.left : 1;
  const left = Math.max(signer + 3, span.right - 5);
  const place = (row: number, from: number, to: number, value: string, style: StyleName) => {
    cells.push({ row, col: from, value, style });
    if (to > from) merges.push({ top: row, left: from, bottom: row, right: to });
  };
  const leftTo = span.split ? signer + 2 : signer;
  place(top, left, span.right, `……, ngày … tháng … năm ${year}`, 'signDate');
  place(top + 1, signer, leftTo, 'Người lập biểu', 'signTitle');
  place(top + 1, left, span.right, 'Thủ trưởng đơn vị', 'signTitle');
  place(top + 2, signer, leftTo, '(Ký, ghi rõ họ tên)', 'signNote');
  place(top + 2, left, span.right, '(Ký tên, đóng dấu)', 'signNote');
}

/** Header cells, merged where consecutive columns share a level, and the (1)(2)… number row. */
function renderHeader(template: TemplateDef, pos: AnnexPositions, cells: SpecCell[], merges: CellRange[]): void {
  const { headerTop, headerBottom, numberRow } = pos;
  const spanDown = (col: number, text: string) => {
    cells.push({ row: headerTop, col, value: text, style: 'header' });
    for (let r = headerTop + 1; r <= headerBottom; r++) cells.push({ row: r, col, value: null, style: 'header' });
    if (headerBottom > headerTop) merges.push({ top: headerTop, left: col, bottom: headerBottom, right: col });
  };
  spanDown(pos.ttColumn, 'TT');
  spanDown(pos.labelColumn, template.labelHeader[0]!);

  const columns = template.columns;
  for (let level = 0; level < template.headerRows; level++) {
    const row = headerTop + level;
    for (let i = 0; i < columns.length; ) {
      const column = columns[i]!;
      const col = pos.columns.get(column.key)!;
      if (level >= column.header.length) {
        i++;
        continue;
      }
      // Columns sharing this level's text under the same parent path are one merged cell.
      let j = i + 1;
      while (j < columns.length && sharesPrefix(columns[j]!, column, level)) j++;
      const isLeaf = level === column.header.length - 1;
      const bottom = isLeaf ? headerBottom : row;
      cells.push({ row, col, value: column.header[level]!, style: 'header' });
      for (let c = col; c < col + (j - i); c++)
        for (let r = row; r <= bottom; r++) if (c !== col || r !== row) cells.push({ row: r, col: c, value: null, style: 'header' });
      if (j - i > 1 || bottom > row) merges.push({ top: row, left: col, bottom, right: col + (j - i) - 1 });
      i = j;
    }
  }
  cells.push({ row: numberRow, col: pos.ttColumn, value: 'A', style: 'columnNumber' });
  cells.push({ row: numberRow, col: pos.labelColumn, value: 'B', style: 'columnNumber' });
  columns.forEach((column, i) => cells.push({ row: numberRow, col: pos.columns.get(column.key)!, value: `(${i + 1})`, style: 'columnNumber' }));
}

function sharesPrefix(a: ColumnDef, b: ColumnDef, level: number): boolean {
  if (a.header.length <= level || b.header.length <= level) return false;
  if (a.header.length - 1 === level || b.header.length - 1 === level) return false;
  for (let l = 0; l <= level; l++) if (a.header[l] !== b.header[l]) return false;
  return true;
}
