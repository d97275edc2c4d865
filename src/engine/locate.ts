import { a1, columnLetters } from './a1.js';
import { cellAt, cellText, colCount, mergedValueAt, rowCount, type Grid } from './grid.js';
import type { RawIssue } from './issues.js';
import { detectConvention } from './numbers.js';
import type { LocatedTable } from './table.js';
import type { ColumnDef, TemplateDef } from './template.js';
import { headerKey, normalizeText } from './text.js';

/** Where a header may start; tables further down or right are not annexes. */
const HEADER_SEARCH_ROWS = 60;
const HEADER_SEARCH_COLS = 30;
/** Rows scanned below the header: the annexes have tens of rows, not thousands. */
const MAX_TABLE_ROWS = 2000;
export const MAX_GRID_ROWS = 20000;
export const MAX_GRID_COLS = 300;

/**
 * Finds which annex a sheet holds and maps each template row and column to a cell, by header
 * and row labels, so shifted tables, inserted rows and reordered columns still map.
 * Returns null when no template's header is found.
 */
export function locateTable(grid: Grid, templates: readonly TemplateDef[]): LocatedTable | null {
  let best: { table: LocatedTable; score: number } | null = null;
  const shortTexts = headerCandidates(grid);
  for (const template of templates) {
    for (const header of findHeaders(grid, template, shortTexts)) {
      const table = mapTable(grid, template, header);
      const score = table.columns.size + table.rows.size + (hasAnchor(grid, template, header.top) ? 3 : 0);
      if (table.columns.size >= Math.ceil(template.columns.length / 2) && table.rows.size > 0 && (!best || score > best.score)) {
        best = { table, score };
      }
    }
  }
  if (best) finishTable(best.table);
  return best?.table ?? null;
}

interface HeaderPosition {
  top: number;
  bottom: number;
  ttColumn: number;
  labelColumn: number;
}

/** Keys of a template's own wordings, computed once per template. */
interface TemplateKeys {
  tt: string[];
  label: string[];
  rows: Map<string, string[]>;
}
const templateKeys = new WeakMap<TemplateDef, TemplateKeys>();
function keysOf(template: TemplateDef): TemplateKeys {
  let keys = templateKeys.get(template);
  if (!keys) {
    keys = {
      tt: template.ttHeader.map(headerKey),
      label: template.labelHeader.map(headerKey),
      rows: new Map(template.rows.map((row) => [row.key, [row.label, ...row.aliases].map(labelKey)])),
    };
    templateKeys.set(template, keys);
  }
  return keys;
}

function matchesAny(text: string, wantedKeys: readonly string[]): boolean {
  if (!text) return false;
  const key = headerKey(text);
  return wantedKeys.some((wanted) => key === wanted || key.startsWith(`${wanted} `));
}

/** Short texts in the header search area: where a "TT" header can be. Collected once per grid. */
function headerCandidates(grid: Grid): Array<{ r: number; c: number; text: string }> {
  const found: Array<{ r: number; c: number; text: string }> = [];
  const rows = Math.min(rowCount(grid), HEADER_SEARCH_ROWS);
  for (let r = 0; r < rows; r++) {
    const cells = grid.cells[r];
    if (!cells) continue;
    const cols = Math.min(cells.length, HEADER_SEARCH_COLS);
    for (let c = 0; c < cols; c++) {
      const value = cells[c]?.value;
      if (typeof value === 'string' && value.length <= 12) found.push({ r, c, text: value });
    }
  }
  return found;
}

function findHeaders(grid: Grid, template: TemplateDef, candidates: ReturnType<typeof headerCandidates>): HeaderPosition[] {
  const found: HeaderPosition[] = [];
  const keys = keysOf(template);
  for (const { r, c, text } of candidates) {
    {
      if (!matchesAny(text, keys.tt)) continue;
      for (let l = c + 1; l <= c + 3; l++) {
        if (!matchesAny(cellText(mergedValueAt(grid, r, l)), keys.label)) continue;
        const ttMerge = grid.merges.find((m) => m.top === r && m.left === c && m.bottom > r);
        const bottom = ttMerge ? ttMerge.bottom : r + template.headerRows - 1;
        found.push({ top: r, bottom, ttColumn: c, labelColumn: l });
        break;
      }
    }
  }
  return found;
}

/** The header path of a column: merged cells count in every column they cover. */
function headerPath(grid: Grid, header: HeaderPosition, col: number): string[] {
  const path: string[] = [];
  for (let r = header.top; r <= header.bottom; r++) {
    let text = cellText(mergedValueAt(grid, r, col)).trim();
    // A group header typed once above its sub-columns, without a merge (or passed as plain
    // values to a custom function): carry it right over columns that have sub-headers below.
    if (!text && hasTextBelow(grid, r, col, header.bottom)) {
      for (let c = col - 1; c > header.labelColumn && !text; c--) text = cellText(mergedValueAt(grid, r, c)).trim();
    }
    const key = headerKey(text);
    if (key && path[path.length - 1] !== key) path.push(key);
  }
  return path;
}

/** A column's header as the user typed it, top to bottom: "Năm 2017 / Kinh phí". */
function headerText(grid: Grid, { top, bottom, labelColumn }: Pick<HeaderPosition, 'top' | 'bottom' | 'labelColumn'>, col: number): string {
  const texts: string[] = [];
  for (let r = top; r <= bottom; r++) {
    let text = cellText(mergedValueAt(grid, r, col)).trim();
    if (!text && hasTextBelow(grid, r, col, bottom)) {
      for (let c = col - 1; c > labelColumn && !text; c--) text = cellText(mergedValueAt(grid, r, c)).trim();
    }
    if (text && texts[texts.length - 1] !== text) texts.push(text.normalize('NFC'));
  }
  return texts.join(' / ');
}

function hasTextBelow(grid: Grid, row: number, col: number, bottom: number): boolean {
  for (let r = row + 1; r <= bottom; r++) if (cellText(mergedValueAt(grid, r, col)).trim()) return true;
  return false;
}

function pathMatches(cellPath: string[], templatePath: readonly string[]): boolean {
  if (templatePath.length > cellPath.length) return false;
  const tail = cellPath.slice(cellPath.length - templatePath.length);
  return templatePath.every((wanted, i) => {
    const want = headerKey(wanted);
    const have = tail[i]!;
    return have === want || have.startsWith(`${want} `);
  });
}

function columnMatches(cellPath: string[], column: ColumnDef): boolean {
  return [column.header, ...column.aliases].some((path) => pathMatches(cellPath, path));
}

/** Row labels arrive with bullets, numbering and shortened wordings. */
const labelKey = (text: string): string => headerKey(text.replace(/^\s*[-+•*–]\s*/, ''));

function labelMatches(key: string, wantedKeys: readonly string[]): boolean {
  if (!key) return false;
  return wantedKeys.some((wanted) => {
    if (key === wanted) return true;
    const [shorter, longer] = key.length < wanted.length ? [key, wanted] : [wanted, key];
    return shorter.length >= 7 && (longer.startsWith(`${shorter} `) || longer.startsWith(shorter));
  });
}

/** GNBV's own check columns and rows ("Kiểm tra: …") are not data. */
const isCheckLabel = (text: string) => /^\s*kiểm tra\s*:/u.test(text.normalize('NFC').toLocaleLowerCase('vi'));

const COLUMN_NUMBER = /^\(?[0-9a-zA-Z]{1,2}\)?$/;

function isColumnNumberRow(grid: Grid, row: number, header: HeaderPosition): boolean {
  const texts = (grid.cells[row] ?? []).map((cell) => cellText(cell).trim()).filter(Boolean);
  return texts.length >= 3 && texts.every((t) => COLUMN_NUMBER.test(t)) && cellText(cellAt(grid, row, header.labelColumn)).trim() !== '';
}

function mapTable(grid: Grid, template: TemplateDef, header: HeaderPosition): LocatedTable {
  const issues: RawIssue[] = [];
  const columns = new Map<string, number>();
  const width = Math.min(colCount(grid), MAX_GRID_COLS);
  const unplacedColumns: number[] = [];
  // Each header path must name exactly one template column and each template column be named
  // once: a year typed twice or a group header merged one column off maps nothing of its own.
  const claims = new Map<string, number[]>();
  for (let c = header.labelColumn + 1; c < width; c++) {
    if (isCheckLabel(cellText(mergedValueAt(grid, header.top, c)))) continue;
    // A column with no header text at all is unplaced too: figures typed there are reported
    // (reportUnplaced), never dropped in silence.
    const path = headerPath(grid, header, c);
    const column = path.length === 0 ? undefined : template.columns.find((candidate) => columnMatches(path, candidate));
    if (column) claims.set(column.key, [...(claims.get(column.key) ?? []), c]);
    else unplacedColumns.push(c);
  }
  for (const [key, claimed] of claims) {
    if (claimed.length === 1) {
      columns.set(key, claimed[0]!);
      continue;
    }
    // Reported at the last of them: the first is usually where the header belongs.
    const last = claimed[claimed.length - 1]!;
    const column = template.columns.find((candidate) => candidate.key === key)!;
    issues.push({
      code: 'locate/duplicate-column',
      cell: a1(header.top, last),
      column: key,
      actual: headerText(grid, header, last),
      expected: column.header.join(' / '),
      params: { columns: claimed.map(columnLetters).join(', ') },
    });
  }

  const rows = new Map<string, number>();
  const last = Math.min(rowCount(grid), header.bottom + 1 + MAX_TABLE_ROWS);
  let cursor = 0;
  const unplacedRows: number[] = [];
  const duplicateRows: number[] = [];
  for (let r = header.bottom + 1; r < last; r++) {
    if (r === header.bottom + 1 && isColumnNumberRow(grid, r, header)) continue;
    const label = cellText(cellAt(grid, r, header.labelColumn));
    if (!label) {
      unplacedRows.push(r);
      continue;
    }
    if (isCheckLabel(label)) continue;
    const key = labelKey(label);
    const rowKeys = keysOf(template).rows;
    const tt = normalizeText(cellText(cellAt(grid, r, header.ttColumn)));
    const candidates = template.rows.filter((row) => !rows.has(row.key) && labelMatches(key, rowKeys.get(row.key)!));
    const chosen =
      candidates.find((row) => normalizeText(row.tt) === tt && template.rows.indexOf(row) >= cursor) ??
      candidates.find((row) => template.rows.indexOf(row) >= cursor) ??
      candidates[0];
    if (chosen) {
      rows.set(chosen.key, r);
      cursor = template.rows.indexOf(chosen) + 1;
    } else if (template.rows.some((row) => rows.has(row.key) && labelMatches(key, rowKeys.get(row.key)!))) {
      duplicateRows.push(r);
    } else {
      unplacedRows.push(r);
    }
  }

  const table: LocatedTable = {
    template,
    grid,
    rows,
    columns,
    ttColumn: header.ttColumn,
    labelColumn: header.labelColumn,
    headerTop: header.top,
    headerBottom: header.bottom,
    issues,
  };
  reportUnplaced(table, unplacedRows, unplacedColumns, duplicateRows);
  return table;
}

/** Anything numeric the template has no place for is reported, never dropped. */
function reportUnplaced(table: LocatedTable, unplacedRows: number[], unplacedColumns: number[], duplicateRows: number[]): void {
  const { grid, issues } = table;
  const mappedColumns = [...table.columns.values()];
  const lastRow = Math.max(table.headerBottom, ...table.rows.values());
  const hasNumbers = (r: number) => mappedColumns.some((c) => isNumberLike(cellAt(grid, r, c)?.value));
  for (const r of unplacedRows) {
    if (r > lastRow || !hasNumbers(r)) continue;
    issues.push({ code: 'locate/unknown-row', cell: a1(r, table.labelColumn), actual: cellText(cellAt(grid, r, table.labelColumn)) || null });
  }
  for (const r of duplicateRows) {
    if (hasNumbers(r)) issues.push({ code: 'locate/duplicate-row', cell: a1(r, table.labelColumn), actual: cellText(cellAt(grid, r, table.labelColumn)) || null });
  }
  const mappedRows = [...table.rows.values()];
  for (const c of unplacedColumns) {
    if (!mappedRows.some((r) => isNumberLike(cellAt(grid, r, c)?.value))) continue;
    issues.push({ code: 'locate/unknown-column', cell: a1(table.headerTop, c), actual: headerText(grid, { top: table.headerTop, bottom: table.headerBottom, labelColumn: table.labelColumn }, c) || null });
  }
}

function isNumberLike(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && /^\s*[-(]?\d[\d.,\s]*\)?\s*$/.test(value));
}

function hasAnchor(grid: Grid, template: TemplateDef, headerTop: number): boolean {
  for (let r = 0; r < headerTop; r++) {
    for (const cell of grid.cells[r] ?? []) {
      const text = normalizeText(cellText(cell));
      if (text && template.anchors.some((anchor) => text.includes(normalizeText(anchor)))) return true;
    }
  }
  return false;
}

const UNIT_LINE = /^\s*đơn vị báo cáo\s*:?\s*/iu;

/** Adds what only the chosen table needs: missing rows/columns, the unit line, the convention. */
function finishTable(table: LocatedTable): void {
  const { grid, template } = table;
  for (const row of template.rows)
    if (!table.rows.has(row.key)) table.issues.push({ code: 'locate/missing-row', row: row.key, expected: row.label });
  const missing = template.columns.filter((column) => !table.columns.has(column.key));
  for (const column of missing) table.issues.push({ code: 'locate/missing-column', column: column.key, expected: column.header.join(' / ') });
  // A column with figures under a header the template does not know, while a template column
  // is missing: most likely that column under a shifted or mistyped header. Its figures would
  // land in no column or a wrong one, so the table is not merged or totalled until it is fixed.
  const missingNumeric = missing.filter((column) => column.measure !== 'text');
  if (missingNumeric.length > 0) {
    table.issues = table.issues.map((issue) =>
      issue.code === 'locate/unknown-column' && issue.cell
        ? {
            ...issue,
            code: 'locate/column-mismatch',
            expected: missingNumeric.map((column) => column.header.join(' / ')).join('; '),
            params: { columns: issue.cell.replace(/\d+$/, '') },
          }
        : issue,
    );
  }

  for (let r = 0; r < table.headerTop && table.unitText === undefined; r++) {
    const cells = grid.cells[r] ?? [];
    for (let c = 0; c < cells.length; c++) {
      const text = cellText(cells[c]).normalize('NFC');
      if (!UNIT_LINE.test(text)) continue;
      const rest = text.replace(UNIT_LINE, '').trim();
      table.unitText = rest || cells.slice(c + 1).map((cell) => cellText(cell).trim()).find(Boolean) || undefined;
      break;
    }
  }

  const texts: string[] = [];
  for (const r of table.rows.values())
    for (const c of table.columns.values()) {
      const value = cellAt(grid, r, c)?.value;
      if (typeof value === 'string') texts.push(value);
    }
  table.convention = detectConvention(texts);
}

/** Locator errors after which a table's columns cannot be trusted: it is neither merged nor totalled. */
export const MAPPING_ERRORS: ReadonlySet<string> = new Set(['locate/duplicate-column', 'locate/column-mismatch']);

/** True when the table's columns could not be mapped one to one onto the template's. */
export function hasMappingErrors(table: Pick<LocatedTable, 'issues'>): boolean {
  return table.issues.some((issue) => MAPPING_ERRORS.has(issue.code));
}
