import { a1 } from './a1.js';
import { unitAnnexSheet } from './annex-sheet.js';
import type { CellValue } from './grid.js';
import type { IssueCode } from './issues.js';
import { canonicalPositions } from './render.js';
import type { SheetSpec, SpecCell } from './sheet-spec.js';
import type { TemplateDef } from './template.js';
import { childRows } from './template-queries.js';
import type { Department, Unit } from './units.js';
import { ledRows } from './departments.js';
import { tidy } from './numbers.js';
import type { EngineConfig } from './workbook.js';

/**
 * Realistic filled workbooks for a district's units: plausible figures that agree with each
 * other across rows, years, sources and sheets, plus documented planted errors in two units
 * and one unit with a shifted, variant layout.
 */

export interface PlantedIssue {
  code: IssueCode;
  sheet: string;
  cell: string;
  what: string;
}

export interface SampleFile {
  fileName: string;
  unit: Unit;
  sheets: SheetSpec[];
  planted: PlantedIssue[];
  layout: 'standard' | 'variant';
}

/** Figures of one annex: row key → column key → value. Money is kept in tenths while built. */
type Figures = Map<string, Map<string, CellValue>>;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Builder {
  readonly figures: Figures = new Map();
  constructor(readonly template: TemplateDef) {}
  set(row: string, column: string, value: CellValue): void {
    const cells = this.figures.get(row) ?? new Map<string, CellValue>();
    cells.set(column, value);
    this.figures.set(row, cells);
  }
  get(row: string, column: string): CellValue | undefined {
    return this.figures.get(row)?.get(column);
  }
  num(row: string, column: string): number {
    const value = this.get(row, column);
    return typeof value === 'number' ? value : 0;
  }
  /** Parents (and Tổng cộng) as the sum of their children, deepest first; blank stays blank. */
  sumParents(columns: string[]): void {
    const depth = (key: string): number => {
      const parent = this.template.rows.find((r) => r.key === key)?.parent;
      return parent ? 1 + depth(parent) : 0;
    };
    const parents = this.template.rows.filter((r) => childRows(this.template, r.key).length > 0).sort((a, b) => depth(b.key) - depth(a.key));
    for (const parent of parents) {
      for (const column of columns) {
        const values = childRows(this.template, parent.key).map((c) => this.get(c.key, column)).filter((v): v is number => typeof v === 'number');
        if (values.length) this.set(parent.key, column, values.reduce((a, b) => a + b, 0));
      }
    }
  }
  /** Tenths of a million đồng → triệu đồng, exactly. */
  money(columns: string[]): void {
    for (const cells of this.figures.values())
      for (const column of columns) {
        const value = cells.get(column);
        if (typeof value === 'number') cells.set(column, Math.round(value) / 10);
      }
  }
}

const YEARS = [2016, 2017, 2018];

/** Splits an amount (integer tenths) into parts by weight, exactly. */
function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[0]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

interface UnitFigures {
  pl01: Builder;
  pl02: Builder;
  nv: Builder;
}

/** Base persons per year and money per person (triệu đồng) of each policy's leaf rows. */
const POLICY_SCALE: Record<string, [persons: number, moneyPerPerson: number, personsPerHousehold: number]> = {
  yte_bhyt_ngheo: [420, 0.7, 3.2],
  yte_bhyt_can_ngheo: [380, 0.5, 3.4],
  yte_bhyt_dtts: [60, 0.7, 3.8],
  giao_duc: [90, 1.4, 2.6],
  dao_tao_nghe: [30, 3.0, 1.6],
  nha_o: [14, 8.5, 3.5],
  tro_giup_phap_ly: [18, 0.4, 1.8],
  vay_ho_ngheo: [70, 12.0, 2.4],
  vay_ho_can_ngheo: [55, 11.0, 2.5],
  vay_ho_thoat_ngheo: [25, 10.0, 2.5],
  vay_hssv: [35, 9.0, 1.5],
  vay_nuoc_sach: [60, 4.5, 3.0],
  tien_dien: [210, 0.2, 3.3],
};

const PROJECT_SCALE: Record<string, { capital: number; investment: number; households?: number; models?: number; classes?: number; persons?: number }> = {
  da1_sinh_ke: { capital: 650, investment: 0.35, households: 48 },
  da1_nhan_rong: { capital: 210, investment: 0.2, households: 22, models: 2 },
  da2_truyen_thong: { capital: 28, investment: 0, persons: 260 },
  da2_thong_tin: { capital: 35, investment: 0.4, persons: 140 },
  da3_nang_luc: { capital: 32, investment: 0, classes: 4, persons: 120 },
  da3_giam_sat: { capital: 14, investment: 0, persons: 35 },
};

function buildFigures(config: EngineConfig, unit: Unit, index: number, planted?: PlantedErrors): UnitFigures {
  const [pl01t, pl02t, nvt] = ['PL01', 'PL02', 'NV'].map((id) => config.templates.find((t) => t.id === id)!);
  const rnd = random(Number(unit.code) * 7919 + 2018);
  const size = index === 0 ? 1.6 : 0.7 + rnd() * 0.7;
  const vary = () => 0.85 + rnd() * 0.35;

  const pl01 = new Builder(pl01t!);
  for (const [row, [persons, perPerson, perHousehold]] of Object.entries(POLICY_SCALE)) {
    const base = persons * size;
    for (const year of YEARS) {
      const p = Math.max(2, Math.round(base * vary()));
      pl01.set(row, `nguoi_${year}`, p);
      pl01.set(row, `ho_${year}`, Math.max(1, Math.round(p / perHousehold)));
      pl01.set(row, `kp_${year}`, Math.round(p * perPerson * 10 * vary()));
      pl01.set(row, `xa_${year}`, 1);
    }
  }
  const pl02 = new Builder(pl02t!);
  for (const [row, scale] of Object.entries(PROJECT_SCALE)) {
    const capital = Math.round(scale.capital * size * 10 * vary());
    const investment = Math.round(capital * scale.investment);
    pl02.set(row, 'von_tong', capital);
    pl02.set(row, 'von_dtpt', investment);
    pl02.set(row, 'von_sn', capital - investment);
    const sources = split(capital, [0.6 + rnd() * 0.1, 0.12 + rnd() * 0.06, 0.1, 0.03 + rnd() * 0.04, 0.05 + rnd() * 0.03]);
    ['nstw', 'nsdp', 'long_ghep', 'doanh_nghiep', 'cong_dong'].forEach((s, i) => pl02.set(row, `von_${s}`, sources[i]!));
    split(capital, YEARS.map(() => vary())).forEach((v, i) => pl02.set(row, `von_${YEARS[i]}`, v));
    if (scale.households) {
      const total = Math.max(12, Math.round(scale.households * size * vary()));
      const poor = Math.round(total * (0.45 + rnd() * 0.1));
      const nearPoor = Math.round(total * (0.18 + rnd() * 0.06));
      const escaped = Math.max(0, Math.min(Math.round(total * 0.08), total - poor - nearPoor - 3));
      pl02.set(row, 'ho_tong', total);
      pl02.set(row, 'ho_ngheo', poor);
      pl02.set(row, 'ho_can_ngheo', nearPoor);
      pl02.set(row, 'ho_thoat_ngheo', escaped);
      pl02.set(row, 'ho_dtts', Math.round(total * 0.04));
    }
    if (scale.models) pl02.set(row, 'mo_hinh', scale.models);
    if (scale.classes) pl02.set(row, 'lop_tap_huan', scale.classes);
    if (scale.persons) pl02.set(row, 'luot_nguoi', Math.round(scale.persons * size * vary()));
  }
  const nv = new Builder(nvt!);
  for (const year of YEARS) {
    nv.set('quy_vi_nguoi_ngheo', `nam_${year}`, Math.round(120 * size * vary()));
    nv.set('huy_dong_khac', `nam_${year}`, Math.round(350 * size * vary()));
  }
  const figures = { pl01, pl02, nv };
  planted?.beforeTotals?.(figures);
  sumUp(figures);
  planted?.afterTotals?.(figures);
  toMillions(figures);
  return figures;
}

/** Totals of every annex from its leaves, and the capital summary from Phụ lục 01/02. */
function sumUp({ pl01, pl02, nv }: UnitFigures): void {
  const pl01Columns = YEARS.flatMap((y) => [`kp_${y}`, `nguoi_${y}`, `ho_${y}`]);
  pl01.sumParents(pl01Columns);
  for (const row of pl01.template.rows) {
    for (const [total, part] of [['kp_tong', 'kp'], ['luot_nguoi', 'nguoi'], ['luot_ho', 'ho']] as const)
      pl01.set(row.key, total, YEARS.reduce((sum, y) => sum + pl01.num(row.key, `${part}_${y}`), 0));
    // Communes never add up: a parent counts the commune once if any child reached it.
    for (const y of YEARS)
      if (pl01.get(row.key, `xa_${y}`) === undefined && childRows(pl01.template, row.key).length)
        pl01.set(row.key, `xa_${y}`, childRows(pl01.template, row.key).some((c) => pl01.num(c.key, `xa_${y}`) > 0) ? 1 : 0);
  }
  pl01.set('total', 'xa_2016', 1);
  pl01.set('total', 'xa_2017', 1);
  pl01.set('total', 'xa_2018', 1);

  const pl02Columns = pl02.template.columns.filter((c) => c.measure !== 'text').map((c) => c.key);
  pl02.sumParents(pl02Columns);

  const policyTotal = YEARS.map((y) => pl01.num('total', `kp_${y}`));
  const credit = YEARS.map((y) => pl01.num('tin_dung', `kp_${y}`));
  const projects = YEARS.map((y) => pl02.num('total', `von_${y}`));
  const investment = split(pl02.num('total', 'von_dtpt'), projects);
  YEARS.forEach((y, i) => {
    const column = `nam_${y}`;
    if (nv.get('chinh_sach', column) === undefined) nv.set('chinh_sach', column, policyTotal[i]!);
    if (nv.get('cs_nhcsxh', column) === undefined) nv.set('cs_nhcsxh', column, credit[i]!);
    nv.set('du_an', column, projects[i]!);
    nv.set('da_dtpt', column, investment[i]!);
    nv.set('da_sn', column, projects[i]! - investment[i]!);
  });
  nv.sumParents(YEARS.map((y) => `nam_${y}`));
  for (const row of nv.template.rows)
    if (nv.get(row.key, 'tong') === undefined) nv.set(row.key, 'tong', YEARS.reduce((sum, y) => sum + nv.num(row.key, `nam_${y}`), 0));
}

function toMillions({ pl01, pl02, nv }: UnitFigures): void {
  pl01.money(pl01.template.columns.filter((c) => c.measure === 'money').map((c) => c.key));
  pl02.money(pl02.template.columns.filter((c) => c.measure === 'money').map((c) => c.key));
  nv.money(nv.template.columns.map((c) => c.key));
}

/** Writes a number the way it arrives when copied from Word in a Vietnamese document. */
function viText(value: number): string {
  const [integer, fraction] = value.toFixed(1).split('.');
  return `${integer!.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${fraction}`;
}

export function sampleWorkbooks(config: EngineConfig): SampleFile[] {
  return config.units.units.map((unit, index) => {
    const planted: Array<{ template: string; row: string; column: string; code: IssueCode; what: string }> = [];
    const textCells: Array<[string, string, string, string]> = [];
    const plant = (template: string, row: string, column: string, code: IssueCode, what: string) => planted.push({ template, row, column, code, what });
    const figures = buildFigures(config, unit, index, PLANTED_ERRORS.get(unit.code)?.({ plant, textCells }));
    for (const [template, row, column, text] of textCells) figures[template === 'PL01' ? 'pl01' : template === 'PL02' ? 'pl02' : 'nv'].set(row, column, text);
    const note = GHI_CHU.get(unit.code);
    if (note) figures.pl01.set('total', 'ghi_chu', note);

    const layout = unit.code === VARIANT_UNIT ? 'variant' : 'standard';
    const sheets = [figures.pl01, figures.pl02, figures.nv].map((b) => {
      const spec = unitAnnexSheet(b.template, {
        unitName: unit.name,
        totals: 'values',
        valueAt: (row, column) => b.get(row, column),
      });
      return layout === 'variant' ? variantLayout(b.template, spec) : spec;
    });
    const resolved: PlantedIssue[] = planted.map((p) => {
      const template = config.templates.find((t) => t.id === p.template)!;
      return { code: p.code, sheet: template.sheetName, cell: plantedCell(template, p.row, p.column, layout), what: p.what };
    });
    return { fileName: `${unit.code} ${unit.name} - Phu luc 01-02.xlsx`.normalize('NFC'), unit, sheets, planted: resolved, layout };
  });
}

/**
 * District-level spending of some departments, on top of what the communes report: the
 * department sends the communes' figures plus those of one more "commune-sized" activity, so
 * its figure differs from the communes' sum beyond the tolerance (a warning to look at).
 */
const DISTRICT_LEVEL = new Map([['NHCSXH', 1]]);

/**
 * A file for each department of the list: its led rows with district-wide figures (the sum of
 * the communes' clean figures, plus district-level spending for some), the rows they add up
 * into, and nothing else. The unit line reads like "Phòng Y tế huyện Cam Lộ": a department,
 * never Thị trấn Cam Lộ.
 */
export function departmentSampleWorkbooks(config: EngineConfig): SampleFile[] {
  const communes = config.units.units.map((unit, index) => buildFigures(config, unit, index));
  const districtCore = config.units.district.replace(/^huyện\s+/iu, '');
  return config.units.departments.flatMap((department) => {
    const templates = config.templates.filter((t) => department.leads[t.id]);
    if (templates.length === 0) return [];
    const unitName = /huyện$/u.test(department.name) ? `${department.name} ${districtCore}` : `${department.name} huyện ${districtCore}`;
    const sheets = templates.map((template) => {
      const key = template.id === 'PL01' ? 'pl01' : template.id === 'PL02' ? 'pl02' : 'nv';
      const builder = departmentFigures(template, department, communes.map((f) => f[key]), DISTRICT_LEVEL.get(department.code));
      return unitAnnexSheet(template, { unitName, totals: 'values', valueAt: (row, column) => builder.get(row, column) });
    });
    return [{ fileName: `${department.code} ${unitName} - Phu luc.xlsx`.normalize('NFC'), unit: department, sheets, planted: [], layout: 'standard' as const }];
  });
}

function departmentFigures(template: TemplateDef, department: Department, communes: Builder[], extra: number | undefined): Builder {
  const builder = new Builder(template);
  const numeric = template.columns.filter((c) => c.measure !== 'text');
  for (const row of ledRows(template, department))
    for (const column of numeric) {
      const values = communes.map((c) => c.get(row.key, column.key)).filter((v): v is number => typeof v === 'number');
      if (values.length === 0) continue;
      let sum = values.reduce((a, b) => a + b, 0);
      // Communes reached are counted, never scaled: a district has at most its units.
      if (extra !== undefined && column.measure !== 'communes') sum += communes[extra]!.num(row.key, column.key);
      builder.set(row.key, column.key, tidy(sum));
    }
  // "Of which" rows (vay ưu đãi NHCSXH) are part of the row above: it holds at least as much.
  for (const row of template.rows)
    if (row.kind === 'ofWhich' && row.parent && builder.figures.has(row.key) && !builder.figures.has(row.parent))
      for (const column of numeric) {
        const value = builder.get(row.key, column.key);
        if (value !== undefined) builder.set(row.parent, column.key, value);
      }
  builder.sumParents(numeric.filter((c) => c.measure !== 'communes').map((c) => c.key));
  for (const column of numeric.filter((c) => c.measure === 'communes'))
    for (const row of [...template.rows].reverse())
      if (builder.get(row.key, column.key) === undefined && childRows(template, row.key).some((c) => builder.get(c.key, column.key) !== undefined))
        builder.set(row.key, column.key, Math.max(...childRows(template, row.key).map((c) => builder.num(c.key, column.key))));
  for (const cells of builder.figures.values()) for (const [column, value] of cells) if (typeof value === 'number') cells.set(column, tidy(value));
  return builder;
}

interface PlantedErrors {
  /** Changes to leaf figures, before parents and totals are added up from them. */
  beforeTotals?: (f: UnitFigures) => void;
  /** Changes to figures that are themselves totals or copies. */
  afterTotals?: (f: UnitFigures) => void;
}

interface PlantContext {
  plant: (template: string, row: string, column: string, code: IssueCode, what: string) => void;
  textCells: Array<[string, string, string, string]>;
}

const VARIANT_UNIT = '19618';

/** Notes officials really write; text starting with = + - @ must stay text when merged. */
const GHI_CHU = new Map([
  ['19600', '- Số liệu đến 30/6/2018'],
  ['19603', '=HYPERLINK("http://example.invalid","Xem chi tiết")'],
  ['19621', '@Phòng LĐ-TB&XH đối chiếu'],
]);

/** The errors planted in the sample, each with what the validator must report. */
const PLANTED_ERRORS = new Map<string, (c: PlantContext) => PlantedErrors>([
  [
    '19609', // Xã Cam Thanh
    ({ plant, textCells }) => ({
      beforeTotals: (f) => {
      [12, 10, 6].forEach((n, i) => f.pl01.set('nha_o', `nguoi_${YEARS[i]}`, n));
      [4, 3, 9].forEach((n, i) => f.pl01.set('nha_o', `ho_${YEARS[i]}`, n));
      plant('PL01', 'nha_o', 'ho_2018', 'households/over-persons', 'Hỗ trợ nhà ở 2018: 9 hộ nhưng chỉ 6 người');
      const credit = Math.round(f.pl01.num('vay_ho_ngheo', 'kp_2017')) | 1;
      f.pl01.set('vay_ho_ngheo', 'kp_2017', credit);
      textCells.push(['PL01', 'vay_ho_ngheo', 'kp_2017', viText(credit / 10)]);
      plant('PL01', 'vay_ho_ngheo', 'kp_2017', 'cell/text-number', `Cho vay hộ nghèo 2017 dán từ Word dạng văn bản "${viText(credit / 10)}"`);
      f.pl02.set('da1_sinh_ke', 'von_nsdp', f.pl02.num('da1_sinh_ke', 'von_nsdp') + 150);
      for (const row of ['da1_sinh_ke', 'du_an_1', 'total'])
        plant('PL02', row, 'von_tong', 'sum/columns', 'Nguồn vốn NSĐP của 1.1 tăng 15 triệu: vốn theo nguồn không khớp Tổng số (dòng 1.1, Dự án 1, Tổng cộng)');
      },
    }),
  ],
  [
    '19615', // Xã Cam Hiếu
    ({ plant, textCells }) => ({
      beforeTotals: (f) => {
      f.pl01.set('dao_tao_nghe', 'kp_2016', -155);
      plant('PL01', 'dao_tao_nghe', 'kp_2016', 'cell/negative', 'Kinh phí đào tạo nghề 2016 âm (-15,5)');
      f.pl01.set('tro_giup_phap_ly', 'xa_2017', 2);
      plant('PL01', 'tro_giup_phap_ly', 'xa_2017', 'communes/over-scope', 'Một xã báo cáo 2 xã được trợ giúp pháp lý');
      f.pl01.set('yte_bhyt_ngheo', 'nguoi_2018', 1234);
      textCells.push(['PL01', 'yte_bhyt_ngheo', 'nguoi_2018', '1.234']);
      plant('PL01', 'yte_bhyt_ngheo', 'nguoi_2018', 'cell/ambiguous-number', 'Số người có thẻ BHYT 2018 gõ "1.234": 1234 hay 1,234?');
      const total = f.pl02.num('da1_nhan_rong', 'ho_tong');
      const others = f.pl02.num('da1_nhan_rong', 'ho_can_ngheo') + f.pl02.num('da1_nhan_rong', 'ho_thoat_ngheo');
      f.pl02.set('da1_nhan_rong', 'ho_ngheo', total - others + 2);
      plant('PL02', 'da1_nhan_rong', 'ho_tong', 'ofwhich/parts-exceed', 'Nhân rộng mô hình: hộ nghèo + cận nghèo + mới thoát nghèo vượt tổng số hộ 2 hộ');
      },
      afterTotals: (f) => {
        f.nv.set('cs_nhcsxh', 'nam_2018', f.nv.num('cs_nhcsxh', 'nam_2018') + 1000);
        f.nv.set('cs_nhcsxh', 'tong', f.nv.num('cs_nhcsxh', 'tong') + 1000);
        plant('NV', 'cs_nhcsxh', 'nam_2018', 'cross/mismatch', 'Vay NHCSXH 2018 ở bảng nguồn vốn lớn hơn Phụ lục 01 100 triệu');
        plant('NV', 'cs_nhcsxh', 'tong', 'cross/mismatch', 'Vì thế tổng 2016-2018 của dòng vay NHCSXH cũng lệch Phụ lục 01');
      },
    }),
  ],
]);

/** Where a planted figure sits in the written sheet, standard or variant layout. */
function plantedCell(template: TemplateDef, row: string, column: string, layout: SampleFile['layout']): string {
  const pos = canonicalPositions(template);
  const r = pos.rows.get(row)!;
  const c = pos.columns.get(column)!;
  if (layout === 'standard') return a1(r, c);
  const map = variantMaps(template);
  return a1(map.row(r), map.col(c));
}

/**
 * Cam Chính's layout, as received files really differ: the table two rows lower and one column
 * to the right, "STT", a blank row under the header, no column numbers, "Tổng số" for Tổng cộng,
 * labels in NFD Unicode, years typed "2016" without merged cells; in Phụ lục 02 the year and
 * source groups swapped and Tổng cộng moved to the bottom.
 */
function variantMaps(template: TemplateDef): { row: (r: number) => number; col: (c: number) => number } {
  const pos = canonicalPositions(template);
  const shiftRow = 2;
  const shiftCol = 1;
  const totalFirst = template.rows[0]?.kind === 'total';
  const sources = ['von_nstw', 'von_nsdp', 'von_long_ghep', 'von_doanh_nghiep', 'von_cong_dong'].map((k) => pos.columns.get(k));
  const years = YEARS.map((y) => pos.columns.get(`von_${y}`));
  const swap = sources.every((c) => c !== undefined) && years.every((c) => c !== undefined);
  return {
    row: (r) => {
      let mapped = r;
      if (r >= pos.firstDataRow && totalFirst) mapped = r === pos.firstDataRow ? pos.lastDataRow : r - 1;
      // The column-number row becomes a blank row.
      return mapped + shiftRow;
    },
    col: (c) => {
      let mapped = c;
      if (swap) {
        const firstSource = sources[0]!;
        if (c >= firstSource && c < firstSource + sources.length) mapped = c + years.length;
        else if (c >= years[0]! && c < years[0]! + years.length) mapped = c - sources.length;
      }
      return mapped + shiftCol;
    },
  };
}

function variantLayout(template: TemplateDef, spec: SheetSpec): SheetSpec {
  const pos = canonicalPositions(template);
  const map = variantMaps(template);
  const yearHeader = /^Năm (\d{4})$/;
  const cells: SpecCell[] = [];
  for (const cell of spec.cells) {
    if (cell.row === pos.numberRow) continue;
    let value = cell.value;
    if (typeof value === 'string') {
      if (value === 'TT' && cell.row === pos.headerTop) value = 'STT';
      else if (value === 'Tổng cộng') value = 'Tổng số';
      else if (yearHeader.test(value)) value = value.replace(yearHeader, '$1');
      if (cell.row >= pos.firstDataRow) value = value.normalize('NFD');
    }
    const moved = cell.row < pos.headerTop ? { row: cell.row + 2, col: cell.col } : { row: map.row(cell.row), col: map.col(cell.col) };
    cells.push({ ...cell, ...moved, value: value ?? null });
  }
  // Year groups typed once above their sub-columns instead of merged (the locator carries them).
  const isYearGroup = (m: { top: number; left: number }) => {
    const text = spec.cells.find((c) => c.row === m.top && c.col === m.left)?.value;
    return typeof text === 'string' && yearHeader.test(text);
  };
  const merges = spec.merges.flatMap((m) => {
    if (m.top < pos.headerTop) return [{ ...m, top: m.top + 2, bottom: m.bottom + 2 }];
    if (isYearGroup(m)) return [];
    const covered = Array.from({ length: m.right - m.left + 1 }, (_, i) => map.col(m.left + i));
    return [{ top: map.row(m.top), bottom: map.row(m.bottom), left: Math.min(...covered), right: Math.max(...covered) }];
  });
  const rowHeights = new Map([...spec.rowHeights].map(([r, h]) => [r < pos.headerTop ? r + 2 : map.row(r), h]));
  return { ...spec, cells, merges, rowHeights, columnWidths: [4, ...spec.columnWidths], freeze: { rows: map.row(pos.headerBottom) + 1, columns: 3 } };
}
