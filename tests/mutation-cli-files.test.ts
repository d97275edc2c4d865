// Every exit code of totals, template and sample (0 written, 1 nothing written for a reason in
// the workbook, 2 usage or a file-system failure), each with its message. In-process (runCli).
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { gnbv } from './support/cli.js';
import { cliWorkbooks, exists, exits, type CliWorkbooks } from './support/cli-workbooks.js';

let files: CliWorkbooks;
let dir = '';
let camAn = '';
let camThanh = '';
let noAnnex = '';
let notANumber = '';
let notANumberCell = '';
const out = (name: string) => path.join(dir, name);
before(async () => {
  files = await cliWorkbooks();
  ({ dir, camAn, camThanh, noAnnex, notANumber, notANumberCell } = files);
});

describe('totals, template, sample', () => {
  test('totals: 0 with formulas written; 1 without an annex; 2 for usage', async () => {
    const target = out('tong.xlsx');
    exits(await gnbv('totals', camAn, '-o', target), 0, /^Đã chèn [1-9]\d* công thức tổng; 0 ô tổng gõ tay khác kết quả công thức\.$/m, /^Đã ghi /m);
    assert.ok(await exists(target));
    exits(await gnbv('totals', noAnnex, '-o', out('tong2.xlsx')), 1, /^danh-sach\.xlsx: không tìm thấy phụ lục nào để chèn công thức\.$/m);
    assert.equal(await exists(out('tong2.xlsx')), false);
    exits(await gnbv('totals', '-o', target), 2, /Chưa chỉ ra tệp nào/);
    exits(await gnbv('totals', camAn, camThanh, '-o', target), 2, /Chưa chỉ ra tệp nào/);
    exits(await gnbv('totals', camAn), 2, /Thiếu -o/);
  });

  test('totals: 1, nothing written, when a part is text a SUM would skip', async () => {
    const target = out('tong-loi.xlsx');
    const run = await gnbv('totals', notANumber, '-o', target);
    exits(run, 1, new RegExp(`^PL01!${notANumberCell}: "khoảng 12" không phải là số; công thức tổng sẽ bỏ qua ô này\\.$`, 'm'), /^Không chèn công thức \(chưa ghi tệp kết quả\)/m);
    assert.equal(await exists(target), false);
  });

  test('template: 0 with a blank annex for a unit; 2 for a wrong id, several ids or no -o', async () => {
    const target = out('mau.xlsx');
    exits(await gnbv('template', 'pl01', '-o', target, '--unit', 'xa cam tuyen'), 0, /^Đã ghi /m);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(target);
    assert.deepEqual(workbook.worksheets.map((s) => s.name), ['PL01']);
    const texts: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && texts.push(cell.value))));
    assert.ok(texts.some((t) => t.includes('Xã Cam Tuyền')), 'the unit\'s own name, with its marks');
    exits(await gnbv('template', 'ALL', '-o', out('tat-ca.xlsx')), 0);
    const all = new ExcelJS.Workbook();
    await all.xlsx.readFile(out('tat-ca.xlsx'));
    assert.equal(all.worksheets.length, 3);
    exits(await gnbv('template', 'PL09', '-o', out('x.xlsx')), 2, /Không có mẫu biểu "PL09" \/ no template "PL09": PL01, PL02, NV, ALL/);
    exits(await gnbv('template', 'PL01', 'PL02', '-o', out('x.xlsx')), 2, /gnbv template PL01\|PL02\|NV\|ALL -o FILE\.xlsx/);
    exits(await gnbv('template', 'PL01'), 2, /Thiếu -o/);
    exits(await gnbv('template', 'PL01', '-o', target), 2, /đã có/);
  });

  test('sample: 0 with the workbooks and the list of planted errors; 2 without -o', async () => {
    exits(await gnbv('sample'), 2, /^Thiếu -o TỆP_KẾT_QUẢ\.$/m);
    const folder = out('mau');
    const run = await gnbv('sample', '-o', folder);
    exits(run, 0, /19609 Xã Cam Thanh - Phu luc 01-02\.xlsx: [1-9]\d* lỗi cài sẵn \(xem PLANTED\.md\)/);
    const files = await readdir(folder);
    assert.ok(files.includes('PLANTED.md') && files.includes('planted.json'));
    assert.match(run.stdout, new RegExp(`Đã ghi .*mau \\(${files.filter((f) => f.endsWith('.xlsx')).length}\\)$`, 'm'));
  });

  test('an unexpected failure inside a command is one line, exit 2; --debug adds the stack', async () => {
    // The output folder is a file: the write fails with ENOTDIR.
    const run = await gnbv('template', 'PL01', '-o', path.join(camAn, 'x.xlsx'));
    exits(run, 2);
    assert.equal(run.stderr.split('\n').length, 1);
    const debug = await gnbv('sample', '-o', path.join(camAn, 'mau'), '--debug');
    assert.equal(debug.code, 2);
    assert.match(debug.stderr, /\n\s+at /);
  });
});
