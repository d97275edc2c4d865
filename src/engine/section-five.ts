import { a1 } from './a1.js';
import type { KeyPositions, ValueOf } from './totals.js';
import type { SpecCell } from './sheet-spec.js';
import type { TemplateDef } from './template.js';

/**
 * The paragraph of section V of the written report, as live text over the capital summary:
 * "Tổng nguồn vốn … là … triệu đồng, bao gồm: …". Numbers are written the vi-VN way
 * (1.234.567,8) by arithmetic in the formula, since TEXT() reads its format with the
 * separators of whatever locale Excel runs in.
 */

/** The capital summary's rows the paragraph names, in reading order. */
export const SECTION_FIVE_ROWS = ['total', 'chinh_sach', 'cs_nhcsxh', 'du_an', 'da_dtpt', 'da_sn', 'quy_vi_nguoi_ngheo', 'huy_dong_khac'] as const;
type Part = (typeof SECTION_FIVE_ROWS)[number];
/** The capital summary's column the paragraph reads: the whole period 2016-2018. */
export const SECTION_FIVE_COLUMN = 'tong';
const COLUMN = SECTION_FIVE_COLUMN;

/** "1.234.567,8": thousands with ".", one decimal with "," (dropped when it is 0). */
export function viNumberText(value: number): string {
  const rounded = Math.round(Math.abs(value) * 10) / 10;
  const integer = Math.floor(rounded);
  const tenth = Math.round((rounded - integer) * 10);
  const grouped = String(integer).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0 && rounded > 0 ? '-' : ''}${grouped}${tenth > 0 ? `,${tenth}` : ''}`;
}

/** The same text as an Excel formula over one cell: only INT, MOD, ROUND, RIGHT and &. */
export function viNumberFormula(ref: string): string {
  const r = `ROUND(ABS(${ref}),1)`;
  const i = `INT(${r})`;
  // Powers of ten written out: not every engine reads 1E6 in a formula.
  const power = (k: number) => `1${'0'.repeat(k)}`;
  const group = (k: number) => (k === 0 ? `MOD(${i},1000)` : `INT(MOD(${i},${power(3 * k + 3)})/${power(3 * k)})`);
  const padded = (k: number) => `RIGHT("00"&${group(k)},3)`;
  const head = (k: number) => (k === 3 ? `INT(${i}/${power(9)})` : group(k));
  const joined = (top: number) => [head(top), ...Array.from({ length: top }, (_, j) => padded(top - 1 - j))].join('&"."&');
  const integer = `IF(${i}>=${power(9)},${joined(3)},IF(${i}>=${power(6)},${joined(2)},IF(${i}>=1000,${joined(1)},${joined(0)})))`;
  const tenth = `ROUND((${r}-${i})*10,0)`;
  return `IF(ROUND(${ref},1)<0,"-","")&${integer}&IF(${tenth}>0,","&${tenth},"")`;
}

function sentence(number: (part: Part) => string, quote: (text: string) => string): string[] {
  return [
    quote('Tổng nguồn vốn thực hiện các chính sách, dự án giảm nghèo giai đoạn 2016-2018 là '),
    number('total'),
    quote(' triệu đồng, bao gồm: vốn thực hiện các chính sách giảm nghèo '),
    number('chinh_sach'),
    quote(' triệu đồng (trong đó vay ưu đãi Ngân hàng Chính sách xã hội '),
    number('cs_nhcsxh'),
    quote(' triệu đồng); vốn thực hiện các dự án thuộc Chương trình '),
    number('du_an'),
    quote(' triệu đồng (vốn đầu tư phát triển '),
    number('da_dtpt'),
    quote(' triệu đồng, vốn sự nghiệp '),
    number('da_sn'),
    quote(' triệu đồng); Quỹ "Ngày vì người nghèo" '),
    number('quy_vi_nguoi_ngheo'),
    quote(' triệu đồng; nguồn vốn huy động khác '),
    number('huy_dong_khac'),
    quote(' triệu đồng.'),
  ];
}

/** The paragraph as the engine computes it (the formula's cached result). */
export function sectionFiveText(valueOf: ValueOf): string {
  return sentence((part) => viNumberText(valueOf(part, COLUMN) ?? 0), (text) => text).join('');
}

/** Cells under the capital summary: a caption and the paragraph's formula. Null for other annexes. */
export function sectionFiveCells(template: TemplateDef, positions: KeyPositions & { labelColumn: number }, row: number, valueOf: ValueOf): SpecCell[] | null {
  const col = positions.columns.get(COLUMN);
  if (col === undefined || !SECTION_FIVE_ROWS.every((part) => positions.rows.has(part))) return null;
  const ref = (part: Part) => a1(positions.rows.get(part)!, col);
  // Quotes inside the text as CHAR(34): a doubled "" is not read the same by every engine.
  const literal = (text: string) => text.split('"').map((piece) => `"${piece}"`).join('&CHAR(34)&');
  const formula = sentence((part) => `(${viNumberFormula(ref(part))})`, literal).join('&');
  return [
    { row, col: positions.labelColumn, value: `Đoạn văn mục V (công thức theo bảng trên; sao chép rồi dán dạng giá trị vào báo cáo):`, style: 'plainBold' },
    { row: row + 1, col: positions.labelColumn, formula, result: sectionFiveText(valueOf), style: 'paragraph' },
  ];
}
