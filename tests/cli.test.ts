import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { a1 } from '../src/engine/a1.js';
import { canonicalPositions } from '../src/engine/render.js';
import { gnbv, tempDir } from './support/cli.js';
import { sampleBytes, templateOf } from './support/factories.js';
import { evaluateXlsx } from './support/formula-engine.js';

let dir = '';
let good = '';
before(async () => {
  dir = await tempDir();
  good = path.join(dir, 'Cam An.xlsx');
  await writeFile(good, await sampleBytes('19603'));
});

const exists = (file: string) => stat(file).then(() => true, () => false);

async function workbookFile(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  const file = path.join(dir, name);
  await writeFile(file, new Uint8Array(await workbook.xlsx.writeBuffer()));
  return file;
}

function oleBytes(withEncryptedPackage: boolean): Uint8Array {
  const bytes = new Uint8Array(2048);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  if (withEncryptedPackage) bytes.set(new Uint8Array(Buffer.from('EncryptedPackage', 'utf16le')), 1024);
  return bytes;
}

describe('bad input gets a clear message naming the file, exit code 2, no output', () => {
  const cases: Array<[string, () => Promise<Uint8Array> | Uint8Array, RegExp]> = [
    ['khong-phai-zip.xlsx', () => new Uint8Array(Buffer.from('\x00\x01\x02\x03 not a workbook at all \xff\xfe'.repeat(20), 'latin1')), /Không nhận ra định dạng tệp/],
    ['cat-cut.xlsx', async () => (await sampleBytes('19603')).slice(0, 3000), /bị cắt cụt/],
    ['bao-cao-cu.xlsx', () => oleBytes(false), /Excel 97-2003.*lưu lại dạng \.xlsx/],
    ['mat-khau.xlsx', () => oleBytes(true), /đặt mật khẩu/],
    ['bang.xlsx', () => new Uint8Array(Buffer.from('Đơn vị,Số hộ\nXã Cam Thành,12\n')), /CSV/],
    ['rong.xlsx', () => new Uint8Array(0), /rỗng/],
  ];
  for (const [name, bytes, message] of cases) {
    test(name, async () => {
      const file = path.join(dir, name);
      await writeFile(file, await bytes());
      const run = await gnbv('validate', file);
      assert.equal(run.code, 2);
      assert.match(run.stdout, new RegExp(name.replace('.', '\\.')));
      assert.match(run.stdout, message);
      const json = JSON.parse((await gnbv('validate', file, '--json')).stdout);
      assert.ok(json.files[0].error.en.length > 20);
      const out = path.join(dir, `${name}.merged.xlsx`);
      const merge = await gnbv('merge', good, file, '-o', out);
      assert.equal(merge.code, 2);
      assert.match(merge.stderr, /chưa ghi tệp kết quả/);
      assert.equal(await exists(out), false);
    });
  }

  test('a missing file', async () => {
    const run = await gnbv('validate', path.join(dir, 'khong-co.xlsx'));
    assert.equal(run.code, 2);
    assert.match(run.stdout, /khong-co\.xlsx: Không tìm thấy tệp/);
  });

  test('the English messages are available', async () => {
    const run = await gnbv('validate', path.join(dir, 'bao-cao-cu.xlsx'), '--lang', 'en');
    assert.match(run.stdout, /Excel 97-2003.*save it as \.xlsx/);
  });
});

describe('readable workbooks without an annex', () => {
  test('an empty workbook is reported as having no annex (exit 1)', async () => {
    const file = await workbookFile('trong.xlsx', (wb) => wb.addWorksheet('Sheet1'));
    const run = await gnbv('validate', file);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /Không có bảng phụ lục: Không tìm thấy bảng Phụ lục 01/);
    // totals on it has nothing to put formulas into: exit 1, and no output written.
    const out = path.join(dir, 'trong-tong.xlsx');
    const totals = await gnbv('totals', file, '-o', out);
    assert.equal(totals.code, 1, totals.stderr);
    assert.match(totals.stderr, /trong\.xlsx/);
    assert.equal(await exists(out), false);
  });

  test('an absurdly large sheet is refused with a message, not loaded into the checks', async () => {
    const file = await workbookFile('qua-lon.xlsx', (wb) => {
      const ws = wb.addWorksheet('PL01');
      for (let r = 1; r <= 20_500; r++) ws.getCell(r, 1).value = r;
    });
    const run = await gnbv('validate', file);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /Trang tính quá lớn: Trang tính quá lớn \(20500 dòng/);
  });

  test('sheet names such as __proto__ and constructor are just names', async () => {
    const source = new ExcelJS.Workbook();
    await source.xlsx.load((await sampleBytes('19603')).buffer as ArrayBuffer);
    source.worksheets[0]!.name = '__proto__';
    source.worksheets[1]!.name = 'constructor';
    source.worksheets[2]!.name = 'hasOwnProperty';
    const file = path.join(dir, 'proto.xlsx');
    await writeFile(file, new Uint8Array(await source.xlsx.writeBuffer()));
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const run = await gnbv('validate', file, '--json');
    assert.equal(run.code, 0, run.stdout);
    const report = JSON.parse(run.stdout).files[0].report;
    assert.deepEqual(report.sheets.map((s: { sheet: string }) => s.sheet), ['__proto__', 'constructor', 'hasOwnProperty']);
    const out = path.join(dir, 'proto-merged.xlsx');
    assert.equal((await gnbv('merge', file, '-o', out)).code, 0);
    // Nothing a received file names may add to or replace what every object inherits.
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeBefore);
    assert.equal(typeof Object.prototype.hasOwnProperty, 'function');
  });
});

describe('outputs', () => {
  test('merge refuses to overwrite without --force, and leaves the file untouched', async () => {
    const out = path.join(dir, 'existing.xlsx');
    await writeFile(out, 'công việc của tôi');
    const run = await gnbv('merge', good, '-o', out);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--force/);
    assert.equal(await readFile(out, 'utf8'), 'công việc của tôi');
    assert.equal((await gnbv('merge', good, '-o', out, '--force')).code, 0);
    assert.notEqual(await readFile(out, 'utf8'), 'công việc của tôi');
  });

  test('template writes a blank annex for a unit, totals as formulas', async () => {
    const out = path.join(dir, 'pl01-cam-thanh.xlsx');
    const run = await gnbv('template', 'PL01', '--unit', 'ubnd xã cam thành', '-o', out);
    assert.equal(run.code, 0, run.stderr);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('PL01')!;
    assert.equal(sheet.getCell('A4').value, 'Đơn vị báo cáo: Xã Cam Thành');
    assert.equal(sheet.getCell('A1').value, 'Phụ lục 01');
    const pos = canonicalPositions(templateOf('PL01'));
    assert.equal(sheet.getCell(a1(pos.rows.get("total")!, pos.columns.get("kp_2016")!)).formula, "IF(COUNT(C9,C13:C17,C23)=0,\"\",SUM(C9,C13:C17,C23))");
    assert.equal(sheet.pageSetup.orientation, 'landscape');
    assert.equal(sheet.pageSetup.paperSize, 9);
    const all = path.join(dir, 'all.xlsx');
    assert.equal((await gnbv('template', 'all', '-o', all)).code, 0);
    assert.deepEqual((await evaluateXlsx(new Uint8Array(await readFile(all)))).sheetNames(), ['PL01', 'PL02', 'Nguồn vốn']);
    assert.equal((await gnbv('template', 'PL09', '-o', path.join(dir, 'x.xlsx'))).code, 2);
  });

  test('help is in Vietnamese and English; a usage error exits 2', async () => {
    const help = await gnbv('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Cách dùng/);
    assert.match(help.stdout, /Usage/);
    assert.equal((await gnbv('frobnicate')).code, 2);
    assert.equal((await gnbv('merge', good)).code, 2);
  });
});

describe('totals', () => {
  test('turns typed totals into formulas, adds check columns and lists the typed totals that were wrong', async () => {
    const source = new ExcelJS.Workbook();
    await source.xlsx.load((await sampleBytes('19609')).buffer as ArrayBuffer);
    const pl01 = canonicalPositions(templateOf('PL01'));
    const totalCell = a1(pl01.rows.get('total')!, pl01.columns.get('kp_2016')!);
    const typed = source.getWorksheet('PL01')!.getCell(totalCell);
    const correct = typed.value as number;
    typed.value = correct + 1;
    const file = path.join(dir, 'cam-thanh-typed.xlsx');
    await writeFile(file, new Uint8Array(await source.xlsx.writeBuffer()));
    const out = path.join(dir, 'cam-thanh-totals.xlsx');
    const run = await gnbv('totals', file, '-o', out);
    assert.equal(run.code, 0, run.stderr);
    const vi = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 6 }).replace(/\./g, '\\.');
    assert.match(run.stdout, new RegExp(`PL01!${totalCell}: tổng gõ tay ${vi(correct + 1)} khác công thức ${vi(correct)}`));
    const evaluated = await evaluateXlsx(new Uint8Array(await readFile(out)));
    assert.equal(evaluated.value('PL01', totalCell), correct);
    // Cam Thanh's source breakdown is off by 15 triệu in row 1.1: the check column says so.
    const pl02 = canonicalPositions(templateOf('PL02'));
    const sourceCheck = a1(pl02.rows.get('da1_sinh_ke')!, pl02.lastColumn + 2);
    assert.equal(evaluated.value('PL02', sourceCheck), -15);
    assert.equal(evaluated.value('PL02', a1(pl02.rows.get('da2_thong_tin')!, pl02.lastColumn + 2)), '✓');
    // The result validates without sum errors: the totals can no longer be typed wrong.
    const check = await gnbv('validate', out, '--json');
    const codes = JSON.parse(check.stdout).files[0].report.issues.map((i: { code: string }) => i.code);
    assert.ok(!codes.includes('sum/rows'));
  });
});
