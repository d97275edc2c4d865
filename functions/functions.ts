/**
 * GNBV.* custom functions: thin wrappers over the engine. The JSDoc below is the source of
 * functions.json (custom-functions-metadata-plugin), and the plugin also appends the
 * CustomFunctions.associate calls when it bundles this file, so none are written here; the
 * bundle is its own entry, run at the top level of the shared-runtime page (webpack.config.js).
 * Every function returns or throws synchronously: nothing is left pending.
 *
 * Called as Excel calls them (Microsoft's custom-functions-runtime): a repeating parameter
 * arrives as ONE array (of ranges, for LECH), an omitted optional as null, and an invocation
 * object is appended after the declared parameters; so no rest parameters here. Error cells
 * reach the `any` parameters only because the build adds allowErrorForDataTypeAny to
 * functions.json ("Errors as custom function inputs",
 * https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors).
 */
import { builtinTemplate, builtinTemplates } from '../src/engine/builtin.js';
import { gridFromValues, type CellValue, type Grid } from '../src/engine/grid.js';
import { parseNumberText, sameAmount, tidy, type NumberConvention } from '../src/engine/numbers.js';
import type { ColumnDef } from '../src/engine/template.js';
import { validateWorkbook } from '../src/engine/validate.js';
import { locateTable } from '../src/engine/locate.js';
import { SECTION_FIVE_COLUMN, SECTION_FIVE_ROWS, sectionFiveText } from '../src/engine/section-five.js';
import { numberAt, readCell } from '../src/engine/table.js';

/* ---------------------------------------------------------------- custom functions */

/**
 * Kiểm tra một bảng phụ lục (Phụ lục 01, Phụ lục 02 hoặc bảng nguồn vốn) trong vùng chọn, gồm cả dòng tiêu đề. Trả về danh sách [ô, lỗi], hoặc "Hợp lệ". Địa chỉ ô tính từ góc trên bên trái của vùng chọn (ô đầu vùng là A1).
 * @customfunction KIEMTRA
 * @param range Vùng chứa bảng phụ lục, từ dòng tiêu đề đến dòng cuối của bảng.
 * @returns Mỗi dòng một vấn đề: ô và nội dung lỗi; "Hợp lệ" khi không có vấn đề nào.
 */
export function KIEMTRA(range: any[][]): string[][] {
  const values = rangeValues(range, 'vùng chọn');
  const { report } = validateWorkbook([gridFromRange('KIEMTRA', values)], { templates: builtinTemplates() });
  const noTable = report.issues.find((issue) => issue.code === 'locate/no-annex' || issue.code === 'locate/too-large');
  if (noTable) {
    fail('invalidValue', noTable.code === 'locate/no-annex' ? 'Không tìm thấy bảng phụ lục trong vùng chọn' : noTable.message.vi);
  }
  // A single range has no sibling annex to compare with: that warning says nothing here.
  const issues = report.issues.filter((issue) => issue.code !== 'cross/missing-sheet');
  if (issues.length === 0) return [['Hợp lệ']];
  return issues.map((issue) => [issue.cell ?? '', issue.message.vi]);
}

/**
 * Chênh lệch giữa một số tổng và tổng các phần (ô trống bỏ qua): tổng − (phần 1 + phần 2 + …), làm tròn 6 chữ số thập phân. Bằng 0 khi khớp.
 * @customfunction LECH
 * @param total Số tổng cần đối chiếu.
 * @param parts Các ô hoặc vùng là các phần cộng lại thành tổng.
 * @returns Tổng trừ tổng các phần; 0 khi khớp.
 */
// The parts are `any` so that text and error cells reach the function and get a message that
// says what to do, instead of a bare #VALUE! from Excel's own conversion to number.
export function LECH(total: number, parts?: any[][][]): number {
  const stated = requireNumber(total, 'Số tổng');
  // A repeating parameter: one array holding each argument's range (null when none was given).
  if (parts !== null && parts !== undefined && !Array.isArray(parts)) fail('invalidValue', 'Cần các vùng ô (vùng các phần).');
  let sum = 0;
  for (const part of parts ?? []) {
    for (const row of rangeValues(part, 'vùng các phần')) {
      for (const value of row) {
        if (isBlank(value)) continue;
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          fail('invalidValue', `Các phần phải là số: ${describe(value)}. Dùng GNBV.DOCSO để đổi số dạng văn bản thành số.`);
        }
        sum += value;
      }
    }
  }
  const difference = tidy(stated - sum);
  return difference === 0 ? 0 : difference;
}

/**
 * Kiểm tra vốn của một dòng Phụ lục 02: tổng theo tính chất, theo nguồn vốn và theo năm đều phải bằng Tổng số. Chọn các ô của dòng từ cột "Tổng số" (Tổng số, đầu tư phát triển, sự nghiệp, 5 nguồn vốn, 3 năm); các ô sau cột Năm 2018 không được dùng.
 * @customfunction NGUONVON
 * @param row Một dòng Phụ lục 02, bắt đầu từ ô "Tổng số" của vốn thực hiện.
 * @returns "✓" khi cả ba cách chia khớp Tổng số; nếu không, cách chia bị lệch và số chênh lệch (Tổng số trừ tổng các phần).
 */
export function NGUONVON(row: any[][]): string {
  const values = rangeValues(row, 'dòng');
  if (values.length !== 1) fail('invalidValue', `Chỉ chọn một dòng của Phụ lục 02 (đang chọn ${values.length} dòng).`);
  const layout = capitalLayout();
  const cells = values[0]!;
  if (cells.length < layout.columns.length) {
    fail('invalidValue', `Cần ${layout.columns.length} ô, từ "${headerLabel(layout.columns[0]!)}" đến "${headerLabel(layout.columns[layout.columns.length - 1]!)}" (đang chọn ${cells.length} ô).`);
  }
  const amounts = new Map<string, number | null>();
  layout.columns.forEach((column, i) => {
    const value = cells[i];
    if (isBlank(value)) amounts.set(column.key, null);
    else if (typeof value === 'number' && Number.isFinite(value)) amounts.set(column.key, value);
    else fail('invalidValue', `Ô "${headerLabel(column)}" có ${describe(value)}, không phải số. Dùng GNBV.DOCSO để đổi số dạng văn bản thành số.`);
  });
  if ([...amounts.values()].every((amount) => amount === null)) return '';
  const total = amounts.get(layout.total) ?? null;
  const problems: string[] = [];
  for (const group of layout.groups) {
    const parts = group.parts.map((key) => amounts.get(key) ?? null);
    // A breakdown left entirely blank was not reported; there is nothing to compare.
    if (parts.every((amount) => amount === null)) continue;
    const sum = parts.reduce<number>((acc, amount) => acc + (amount ?? 0), 0);
    if (total === null) problems.push(`Tổng số trống, tổng ${group.name}: ${formatVi(sum)}`);
    else if (!sameAmount(total, sum)) problems.push(`Lệch ${group.name}: ${formatVi(total - sum)}`);
  }
  return problems.length === 0 ? '✓' : problems.join('; ');
}

/**
 * Đọc một số được gõ dưới dạng văn bản ("1.234,5", "1,234.5", " 12 ", "(120)", "12 triệu") thành số. Số đã là số thì giữ nguyên.
 * @customfunction DOCSO
 * @param text Văn bản (hoặc số) cần đọc.
 * @param locale "vi" (1.234,5) hoặc "en" (1,234.5) khi cách viết có thể hiểu hai cách, như "1.234".
 * @returns Giá trị số.
 */
export function DOCSO(text: any, locale?: string): number {
  const convention = conventionOf(locale);
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) fail('invalidValue', 'Không phải số hữu hạn.');
    return text;
  }
  if (isBlank(text)) fail('invalidValue', 'Ô trống: không có số để đọc.');
  if (typeof text !== 'string') fail('invalidValue', `Không phải số: ${describe(text)}`);
  const parsed = parseNumberText(text, convention);
  if (parsed.kind === 'number') return parsed.value;
  if (parsed.kind === 'ambiguous') {
    fail('invalidValue', `Không rõ "${text.trim()}": ${plainVi(parsed.vi)} (vi) hay ${plainVi(parsed.en)} (en)? Thêm tham số "vi" hoặc "en".`);
  }
  return fail('invalidValue', `Không phải số: "${text}"`);
}

/**
 * Tỷ lệ hộ nghèo: số hộ nghèo chia tổng số hộ, dạng số thập phân (định dạng ô kiểu % để hiện phần trăm).
 * @customfunction TYLENGHEO
 * @param poorHouseholds Số hộ nghèo.
 * @param totalHouseholds Tổng số hộ trên địa bàn.
 * @returns Tỷ lệ hộ nghèo, từ 0 đến 1.
 */
export function TYLENGHEO(poorHouseholds: number, totalHouseholds: number): number {
  const poor = requireNumber(poorHouseholds, 'Số hộ nghèo');
  const total = requireNumber(totalHouseholds, 'Tổng số hộ');
  if (poor < 0 || total < 0) fail('invalidValue', 'Số hộ không được âm.');
  if (!Number.isInteger(poor) || !Number.isInteger(total)) fail('invalidValue', 'Số hộ phải là số nguyên.');
  if (total === 0) fail('invalidValue', 'Tổng số hộ bằng 0: không tính được tỷ lệ.');
  if (poor > total) fail('invalidValue', `Số hộ nghèo (${formatVi(poor)}) lớn hơn tổng số hộ (${formatVi(total)}).`);
  return poor / total;
}

/**
 * Đoạn văn mục V của báo cáo ("Tổng nguồn vốn … là … triệu đồng, bao gồm: …") theo bảng nguồn vốn trong vùng chọn, số viết kiểu Việt Nam (1.234.567,8). Sao chép rồi dán dạng giá trị vào báo cáo.
 * @customfunction MUCV
 * @param range Vùng chứa bảng nguồn vốn (mục V), từ dòng tiêu đề đến dòng cuối của bảng.
 * @returns Đoạn văn mục V với số liệu cột Tổng 2016-2018 của bảng.
 */
export function MUCV(range: any[][]): string {
  const values = rangeValues(range, 'vùng chọn');
  const table = locateTable(gridFromRange('MUCV', values), [builtinTemplate('NV')]);
  if (!table || !table.columns.has(SECTION_FIVE_COLUMN)) fail('invalidValue', 'Không tìm thấy bảng nguồn vốn (mục V, có cột "Tổng 2016-2018") trong vùng chọn.');
  const template = table.template;
  for (const row of SECTION_FIVE_ROWS) {
    const label = template.rows.find((r) => r.key === row)?.label ?? row;
    const reading = readCell(table, row, SECTION_FIVE_COLUMN);
    if (reading.state === 'absent') fail('invalidValue', `Bảng thiếu dòng "${label}".`);
    // A figure the paragraph cannot read is refused, never written as 0.
    if (reading.state !== 'number' && reading.state !== 'blank') fail('invalidValue', `Dòng "${label}", cột Tổng 2016-2018: ${reading.state === 'error' ? reading.error : `"${reading.text}"`} không phải số.`);
  }
  return sectionFiveText((row, column) => numberAt(table, row, column));
}

/* ---------------------------------------------------------------- helpers (not functions of Excel) */

type ErrorName = 'invalidValue';

/** Throws the Excel error with its message; a plain Error where the runtime is absent. */
function fail(code: ErrorName, message: string): never {
  const runtime = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (runtime?.Error && runtime.ErrorCode) throw new runtime.Error(runtime.ErrorCode[code], message);
  throw new Error(message);
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (isExcelError(value)) return value.code;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

function isExcelError(value: unknown): value is { code: string } {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string' && (value as { code: string }).code.startsWith('#');
}

function requireNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail('invalidValue', `${name} phải là số (đang là ${describe(value)}).`);
  return value;
}

/** A range as Excel passes it: a rectangular matrix; anything else is refused with a message. */
function rangeValues(range: unknown, name: string): unknown[][] {
  if (!Array.isArray(range) || range.length === 0 || !range.every((row) => Array.isArray(row))) {
    fail('invalidValue', `Cần một vùng ô (${name}).`);
  }
  return range as unknown[][];
}

/** The grid of a range's values; the locator reads group headers typed once, without merges. */
function gridFromRange(name: string, range: unknown[][]): Grid {
  const rows = withoutTrailingBlanks(range);
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  const errors: Array<{ row: number; col: number; code: string }> = [];
  const values: CellValue[][] = rows.map((row, r) =>
    Array.from({ length: width }, (_, c) => {
      const value = row[c];
      if (isExcelError(value)) {
        errors.push({ row: r, col: c, code: value.code });
        return null;
      }
      if (typeof value === 'number') return Number.isFinite(value) ? value : null;
      if (typeof value === 'string' || typeof value === 'boolean') return value;
      return null;
    }),
  );
  const grid = gridFromValues(name, values);
  for (const { row, col, code } of errors) (grid.cells[row] ??= [])[col] = { value: null, error: code };
  return grid;
}

/** A whole-column reference (A:Z) passes a million rows; only the filled part is a table. */
function withoutTrailingBlanks(range: unknown[][]): unknown[][] {
  let bottom = range.length;
  while (bottom > 0 && range[bottom - 1]!.every(isBlank)) bottom--;
  return range.slice(0, bottom).map((row) => {
    let right = row.length;
    while (right > 0 && isBlank(row[right - 1])) right--;
    return right === row.length ? row : row.slice(0, right);
  });
}

interface CapitalLayout {
  /** The capital columns of Phụ lục 02, in the definition's order, from "Tổng số". */
  columns: ColumnDef[];
  total: string;
  groups: Array<{ name: string; parts: string[] }>;
}

let capital: CapitalLayout | undefined;

/**
 * Where each capital figure sits in a Phụ lục 02 row, read from the definition: the total
 * column's own `sumOf` (by nature) and the `columnGroup` rules (by source, by year).
 */
function capitalLayout(): CapitalLayout {
  if (capital) return capital;
  const template = builtinTemplate('PL02');
  const groupRules = template.rules.flatMap((rule) => (rule.type === 'columnGroup' ? [rule] : []));
  const total = groupRules[0]?.total;
  const totalColumn = template.columns.find((column) => column.key === total);
  if (!total || !totalColumn?.sumOf) throw new Error('templates/definitions/pl02.json: thiếu cột tổng vốn và các cách chia vốn');
  const groups = [
    { name: natureName(template.columns, totalColumn.sumOf), parts: totalColumn.sumOf },
    ...groupRules.filter((rule) => rule.total === total).map((rule) => ({ name: rule.name.vi, parts: rule.parts })),
  ];
  const indexOf = (key: string) => template.columns.findIndex((column) => column.key === key);
  const first = indexOf(total);
  const last = Math.max(...groups.flatMap((group) => group.parts.map(indexOf)));
  capital = { columns: template.columns.slice(first, last + 1), total, groups };
  return capital;
}

/** "theo tính chất": the header level the parts of the total column share. */
function natureName(columns: readonly ColumnDef[], parts: readonly string[]): string {
  const level = columns.find((column) => column.key === parts[0])?.header[1];
  return level ? level.charAt(0).toLowerCase() + level.slice(1) : 'theo tính chất';
}

function headerLabel(column: ColumnDef): string {
  return column.header[column.header.length - 1]!;
}

const viNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 });

function formatVi(value: number): string {
  return viNumber.format(value);
}

/** A number written without grouping, with the Vietnamese decimal comma: 1234 or 1,234. */
function plainVi(value: number): string {
  return String(tidy(value)).replace('.', ',');
}

function conventionOf(locale: unknown): NumberConvention | undefined {
  if (isBlank(locale)) return undefined;
  const key = typeof locale === 'string' ? locale.trim().toLowerCase() : '';
  if (key === 'vi' || key.startsWith('vi-')) return 'vi';
  if (key === 'en' || key.startsWith('en-')) return 'en';
  return fail('invalidValue', `Tham số thứ hai phải là "vi" hoặc "en" (đang là ${describe(locale)}).`);
}
