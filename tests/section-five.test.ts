import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { viNumberFormula, viNumberText } from '../src/engine/section-five.js';
import { gnbv, tempDir } from './support/cli.js';
import { evaluateXlsx } from './support/formula-engine.js';
import { templateOf } from './support/factories.js';
import { canonicalPositions } from '../src/engine/render.js';
import { a1 } from '../src/engine/a1.js';

const VALUES: Array<[number, string]> = [
  [0, '0'],
  [7, '7'],
  [35.1, '35,1'],
  [1234.5, '1.234,5'],
  [100000, '100.000'],
  [1234567.25, '1.234.567,3'],
  [2000000000.1, '2.000.000.000,1'],
  [-15.5, '-15,5'],
  [0.04, '0'],
];

test('numbers in the vi-VN way, by the engine and by the formula a spreadsheet evaluates', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Số');
  VALUES.forEach(([value], i) => {
    sheet.getCell(i + 1, 1).value = value;
    sheet.getCell(i + 1, 2).value = { formula: viNumberFormula(`A${i + 1}`) } as ExcelJS.CellFormulaValue;
  });
  const evaluated = await evaluateXlsx(await workbook.xlsx.writeBuffer());
  VALUES.forEach(([value, text], i) => {
    assert.equal(viNumberText(value), text, `engine ${value}`);
    assert.equal(evaluated.value('Số', `B${i + 1}`), text, `formula ${value}`);
  });
});

test('the district workbook carries the section V paragraph as live text over the capital summary', async () => {
  const dir = await tempDir();
  assert.equal((await gnbv('sample', '-o', path.join(dir, 's'))).code, 0);
  const files = ['19603 Xã Cam An - Phu luc 01-02.xlsx', '19606 Xã Cam Thủy - Phu luc 01-02.xlsx'].map((f) => path.join(dir, 's', f));
  const out = path.join(dir, 'd.xlsx');
  assert.equal((await gnbv('merge', ...files, '-o', out)).code, 0);
  const bytes = new Uint8Array(await readFile(out));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
  const summary = workbook.getWorksheet('Nguồn vốn Tổng hợp')!;
  let address = '';
  summary.eachRow((row) => row.eachCell((cell) => {
    if (cell.formula?.startsWith('"Tổng nguồn vốn')) address = cell.address;
  }));
  assert.ok(address, 'paragraph cell');
  const evaluated = await evaluateXlsx(bytes);
  const text = evaluated.value('Nguồn vốn Tổng hợp', address) as string;
  // The figures in the text are the summary's, as the spreadsheet computes them (Tổng 2016-2018).
  const pos = canonicalPositions(templateOf('NV'));
  const figure = (row: string) => viNumberText(evaluated.value('Nguồn vốn Tổng hợp', a1(pos.rows.get(row)!, pos.columns.get('tong')!)) as number);
  assert.equal(
    text,
    `Tổng nguồn vốn thực hiện các chính sách, dự án giảm nghèo giai đoạn 2016-2018 là ${figure('total')} triệu đồng, bao gồm: vốn thực hiện các chính sách giảm nghèo ${figure('chinh_sach')} triệu đồng (trong đó vay ưu đãi Ngân hàng Chính sách xã hội ${figure('cs_nhcsxh')} triệu đồng); vốn thực hiện các dự án thuộc Chương trình ${figure('du_an')} triệu đồng (vốn đầu tư phát triển ${figure('da_dtpt')} triệu đồng, vốn sự nghiệp ${figure('da_sn')} triệu đồng); Quỹ "Ngày vì người nghèo" ${figure('quy_vi_nguoi_ngheo')} triệu đồng; nguồn vốn huy động khác ${figure('huy_dong_khac')} triệu đồng.`,
  );
  assert.match(text, /là \d{1,3}(\.\d{3})+(,\d)? triệu đồng/);
  assert.equal(summary.getCell(address).result, text, 'cached result = the formula');
});
