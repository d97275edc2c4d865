// Every exit code of validate and merge (0 done or valid, 1 errors found / nothing decided, 2 bad
// input or usage, as `gnbv --help` documents them), each with the line that tells the user why.
// In-process (runCli) over a few small workbooks written once. The other commands:
// tests/mutation-cli-files.test.ts; what is answered before a command runs and the process's own
// exits: tests/mutation-cli-args.test.ts. Split so a mutant runs only the files that reach it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { before, describe, test } from 'node:test';
import { runCli } from '../src/cli/main.js';
import { gnbv } from './support/cli.js';
import { cliWorkbooks, exists, exits, writeAnnexWorkbook, type CliWorkbooks } from './support/cli-workbooks.js';

let files: CliWorkbooks;
let dir = '';
let camAn = '';
let camThanh = '';
let camAnAgain = '';
let unclear = '';
let broken = '';
const out = (name: string) => path.join(dir, name);
before(async () => {
  files = await cliWorkbooks();
  ({ dir, camAn, camThanh, camAnAgain, unclear, broken } = files);
});

describe('validate', () => {
  test('0 when valid, with one line per file and the summary', async () => {
    const run = await gnbv('validate', camAn);
    exits(run, 0);
    assert.deepEqual(run.stdout.split('\n'), ['✓ 19603 Xã Cam An.xlsx: hợp lệ', '1 tệp: 0 lỗi, 0 cảnh báo.']);
  });

  test('1 when a file has errors, each issue at its sheet and cell; 2 when a file cannot be read', async () => {
    const run = await gnbv('validate', camAn, camThanh);
    exits(run, 1, /^✗ 19609 Xã Cam Thanh\.xlsx: [1-9]\d* lỗi, \d+ cảnh báo$/m, /^ {3}\[lỗi\] PL0[12]!\w+\d+ /m);
    assert.match(run.stdout, /^2 tệp: [1-9]\d* lỗi, \d+ cảnh báo\.$/m);
    const english = await gnbv('validate', camThanh, '--lang', 'en');
    exits(english, 1, /^ {3}\[error\] /m);
    const unreadable = await gnbv('validate', camThanh, broken);
    exits(unreadable, 2, /^✗ hong\.xlsx/m, /, 1 tệp không đọc được\.$/m);
    const json = await gnbv('validate', camAn, broken, '--json');
    assert.equal(json.code, 2);
    const parsed = JSON.parse(json.stdout) as { files: Array<{ file: string; error?: { en: string } }>; summary: Record<string, number> };
    assert.deepEqual(parsed.summary, { files: 2, errors: 0, warnings: 0, unreadable: 1 });
    assert.equal(parsed.files[1]!.file, 'hong.xlsx');
    // The English a user reads: the file, what it really is, what to do.
    assert.equal(parsed.files[1]!.error?.en, 'hong.xlsx: The file is text (CSV or a web page) named .xlsx. Open it in Excel and save it as .xlsx.');
    exits(await gnbv('validate'), 2, /^Chưa chỉ ra tệp nào\.$/m);
  });

  test('a missing file gets the near name beside it', async () => {
    const run = await gnbv('validate', out('19603 Xa Cam An.xlsx'));
    exits(run, 2, /Không thấy ".*19603 Xa Cam An\.xlsx"\. Có phải ý bạn là: ".*19603 Xã Cam An\.xlsx"\?/);
  });
});

describe('merge', () => {
  test('usage: 2 without files or without -o', async () => {
    exits(await gnbv('merge'), 2, /Chưa chỉ ra tệp nào\./);
    exits(await gnbv('merge', camAn), 2, /^Thiếu -o TỆP_KẾT_QUẢ\.$/m);
  });

  test('0: writes the district workbook, saying what was received and what is missing', async () => {
    const target = out('huyen.xlsx');
    const run = await gnbv('merge', camAn, '-o', target);
    exits(run, 0, /^Đã nhận 1\/9 đơn vị\.$/m, /^Chưa nhận: Thị trấn Cam Lộ, .*Xã Cam Thanh/m, new RegExp(`^Đã ghi ${target.replace(/[.\\]/g, '\\$&')}$`, 'm'));
    assert.doesNotMatch(run.stdout, /Chưa nhận: .*Xã Cam An/);
    assert.ok(await exists(target));
    // Written already: 2 without --force, 0 with it.
    exits(await gnbv('merge', camAn, '-o', target), 2, /đã có: chưa ghi gì\. Dùng --force/);
    exits(await gnbv('merge', camAn, '-o', target, '--force'), 0);
  });

  test('1, nothing written: a unit with errors, unless --allow-errors', async () => {
    const target = out('loi.xlsx');
    const blocked = await gnbv('merge', camAn, camThanh, '-o', target);
    exits(blocked, 1, /^✗ Xã Cam Thanh \(19609 Xã Cam Thanh\.xlsx\): [1-9]\d* lỗi$/m, /Không gộp \(chưa ghi tệp kết quả\)/, /--allow-errors/);
    assert.doesNotMatch(blocked.stderr, /Xã Cam An \(/, 'a valid unit is not listed');
    assert.equal(await exists(target), false);
    exits(await gnbv('merge', camAn, camThanh, '-o', target, '--allow-errors'), 0, /^Đã nhận 2\/9 đơn vị\.$/m);
    assert.ok(await exists(target));
  });

  test('1, nothing written: a file whose unit is not certain, until --assign says it', async () => {
    const target = out('chua-ro.xlsx');
    const held = await gnbv('merge', unclear, '-o', target);
    exits(held, 1, /^Chưa gộp bao-cao\.xlsx \(.*\): chỉ khớp một phần tên/m, /^ {5}19603 {2}Xã Cam An$/m, /--assign "bao-cao\.xlsx=19603"/, /Chưa ghi tệp kết quả: hãy quyết định/);
    assert.equal(await exists(target), false);
    exits(await gnbv('merge', unclear, '-o', target, '--assign', 'bao-cao.xlsx=19603'), 0, /^Đã nhận 1\/9 đơn vị\.$/m);
    exits(await gnbv('merge', unclear, '-o', out('b.xlsx'), '--assign', `${unclear}=Xã Cam An`), 0, /^Đã nhận 1\/9 đơn vị\.$/m);
  });

  test('1, nothing written: two files for one unit, until --prefer chooses', async () => {
    const target = out('hai-tep.xlsx');
    const twice = await gnbv('merge', camAn, camAnAgain, '-o', target);
    exits(twice, 1, /^Hai tệp cùng gửi .* của Xã Cam An; GNBV không tự chọn:$/m, /--prefer "19603 Xã Cam An\.xlsx"/, /Chưa ghi tệp kết quả/);
    assert.equal(await exists(target), false);
    const chosen = await gnbv('merge', camAn, camAnAgain, '-o', target, '--prefer', '19603 ban sua.xlsx');
    exits(chosen, 0, /^Không dùng 19603 Xã Cam An\.xlsx \(.*\): trùng đơn vị, đã chọn tệp 19603 ban sua\.xlsx\.$/m);
  });

  test('2: --assign and --prefer that name no file or no unit, saying what is possible', async () => {
    const target = out('sai.xlsx');
    exits(await gnbv('merge', unclear, '-o', target, '--assign', 'bao-cao.xlsx'), 2, /--assign "bao-cao\.xlsx" không hợp lệ: cần dạng "TỆP=MÃ"/, /\(bao-cao\.xlsx\)/, /19603 Xã Cam An/);
    const badUnit = await gnbv('merge', unclear, '-o', target, '--assign', 'bao-cao.xlsx=99999');
    exits(badUnit, 2, /--assign "bao-cao\.xlsx=99999" không hợp lệ/, /^ {2}19603 Xã Cam An$/m);
    assert.doesNotMatch(badUnit.stderr, /\(bao-cao\.xlsx\)/, 'the file was right: not listed');
    const badFile = await gnbv('merge', unclear, '-o', target, '--assign', 'khac.xlsx=19603');
    exits(badFile, 2, /\(bao-cao\.xlsx\)/);
    assert.doesNotMatch(badFile.stderr, /19603 Xã Cam An/, 'the unit was right: not listed');
    exits(await gnbv('merge', unclear, '-o', target, '--assign', '=19603'), 2, /--assign "=19603" không hợp lệ/);
    exits(await gnbv('merge', camAn, '-o', target, '--prefer', 'khac.xlsx'), 2, /^--prefer "khac\.xlsx": không có tệp này trong các tệp đã đưa vào \(19603 Xã Cam An\.xlsx\)\.$/m);
    assert.equal(await exists(target), false);
  });

  test('2: a file that cannot be read stops the merge before anything is written', async () => {
    const target = out('doc-loi.xlsx');
    exits(await gnbv('merge', camAn, broken, '-o', target), 2, /hong\.xlsx/, /^Không gộp vì có tệp không đọc được \(chưa ghi tệp kết quả\)/m);
    exits(await gnbv('merge', camAn, out('khong-co.xlsx'), '-o', target), 2, /khong-co\.xlsx/);
    assert.equal(await exists(target), false);
  });
});

/** Grouped by hand as a Vietnamese (16.323) or English (16,323) reader writes a byte count. */
const grouped = (n: number, separator: string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);

describe('merge: what it reports after writing, and what it writes', () => {
  // Three communes (Cam An, Cam Thanh, Cam Nghĩa) and two departments (NHCSXH, leads NV's loans
  // of the bank; UB MTTQ, leads Quỹ "Ngày vì người nghèo"), capital-sources sheets only: each
  // file is read in milliseconds.
  let units = '';
  let an = '';
  let thanh = '';
  let mttq = '';
  let nhcsxh = '';
  let district = '';
  let thanhErrors = '';
  const nv = (n: number) => ({ total: { nam_2016: n, tong: n }, huy_dong_khac: { nam_2016: n, tong: n } });
  before(async () => {
    const list = JSON.parse(await readFile('templates/units/cam-lo.json', 'utf8')) as { units: Array<{ code: string }>; departments: Array<{ code: string }> };
    list.units = list.units.filter((u) => ['19603', '19609', '19621'].includes(u.code));
    list.departments = list.departments.filter((d) => d.code === 'NHCSXH' || d.code === 'MTTQ');
    units = out('ba-xa.json');
    await writeFile(units, JSON.stringify(list));
    // Cam Nghĩa only on a hidden sheet of Cam An's file: not read, so still missing.
    an = await writeAnnexWorkbook(out('an.xlsx'), [
      { template: 'NV', unitName: 'Xã Cam An', values: nv(10) },
      { template: 'NV', name: 'Nháp', unitName: 'Xã Cam Nghĩa', values: nv(1), hidden: true },
    ]);
    thanh = await writeAnnexWorkbook(out('thanh.xlsx'), [{ template: 'NV', unitName: 'Xã Cam Thanh', values: nv(20) }]);
    nhcsxh = await writeAnnexWorkbook(out('nhcsxh.xlsx'), [{ template: 'NV', unitName: 'Ngân hàng Chính sách xã hội huyện Cam Lộ', values: { total: { nam_2016: 4, tong: 4 }, chinh_sach: { nam_2016: 4, tong: 4 }, cs_nhcsxh: { nam_2016: 4, tong: 4 } } }]);
    mttq = await writeAnnexWorkbook(out('mttq.xlsx'), [{ template: 'NV', unitName: 'Ủy ban MTTQ huyện Cam Lộ', values: { total: { nam_2016: 5, tong: 5 }, quy_vi_nguoi_ngheo: { nam_2016: 5, tong: 5 } } }]);
    district = await writeAnnexWorkbook(out('huyen-cu.xlsx'), [{ template: 'NV', unitName: 'Huyện Cam Lộ', values: nv(99) }]);
    // Cam Thanh with totals typed wrong. By hand: C8 20 ≠ rows 5 + 20 = 25; F8 20 ≠ rows 4 + 21 = 25;
    // C11 blank ≠ 3 and F11 blank ≠ 2 (row 12 alone); F8 20 ≠ C8 + D8 + E8 = 22; F9 4 ≠ 5; F12 2 ≠ 3;
    // F15 21 ≠ 20: 8 errors, 4 of the rows (sum/rows) first.
    thanhErrors = await writeAnnexWorkbook(out('thanh-loi.xlsx'), [
      { template: 'NV', unitName: 'Xã Cam Thanh', values: { total: { nam_2016: 20, nam_2017: 1, nam_2018: 1, tong: 20 }, chinh_sach: { nam_2016: 5, tong: 4 }, da_dtpt: { nam_2016: 3, tong: 2 }, huy_dong_khac: { nam_2016: 20, tong: 21 } } },
    ]);
  });

  test('vi: received, missing, departments, hidden and district sheets left out, then the file', async () => {
    const target = out('huyen-ba-xa.xlsx');
    const run = await gnbv('merge', an, thanh, nhcsxh, mttq, district, '-o', target, '--units', units);
    exits(run, 0);
    assert.equal(run.stderr, '');
    assert.deepEqual(run.stdout.split('\n'), [
      'Đã nhận 2/3 đơn vị.',
      'Chưa nhận: Xã Cam Nghĩa.',
      'Phòng, ban đã nhận 2/2: Phòng giao dịch Ngân hàng Chính sách xã hội huyện, Ủy ban Mặt trận Tổ quốc Việt Nam huyện (số toàn huyện, đặt cạnh tổng các xã, không cộng vào).',
      'an.xlsx: trang ẩn "Nháp" không được đọc, không gộp.',
      'Không gộp huyen-cu.xlsx (Nguồn vốn): dòng "Đơn vị báo cáo" ghi cả huyện, không phải một xã hay phòng, ban. Nếu là báo cáo của một phòng, ban, hãy ghi tên phòng, ban ở dòng đó.',
      `Đã ghi ${target}`,
    ]);
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(target);
    const names = written.worksheets.map((s) => s.name);
    for (const name of ['Nguồn vốn Tổng hợp', 'Nguồn vốn Cam An', 'Nguồn vốn Cam Thanh', 'Nguồn vốn UB MTTQ']) assert.ok(names.includes(name), name);
    assert.ok(!names.some((n) => /Nghĩa|Nháp/.test(n)), 'the hidden sheet is not merged');
    // The communes' sum: 10 + 20; the department's 5 stays beside it.
    const summary = written.getWorksheet('Nguồn vốn Tổng hợp')!;
    assert.deepEqual(summary.getCell('C8').value, { formula: "SUM('Nguồn vốn Cam An'!C8,'Nguồn vốn Cam Thanh'!C8)", result: 30 });
    assert.equal(written.getWorksheet('Nguồn vốn UB MTTQ')!.getCell('C14').value, 5);
    // The log: made and read at the io's time (09:30 in Vietnam), each file with its unit.
    const log = written.getWorksheet('Nhật ký')!;
    assert.match(String(log.getCell('A2').value), /^Tạo lúc 09:30 ngày 20\/07\/2018 bởi GNBV\./);
    assert.deepEqual([log.getCell('A5').value, log.getCell('B5').value, log.getCell('C5').value], ['09:30 ngày 20/07/2018', 'an.xlsx', 'Xã Cam An']);
  });

  test('en: the same report; no department received, every commune but one', async () => {
    const target = out('district-two.xlsx');
    const run = await gnbv('merge', an, thanh, '-o', target, '--units', units, '--lang', 'en');
    exits(run, 0);
    assert.deepEqual(run.stdout.split('\n'), [
      'Received 2/3 units.',
      'Missing: Xã Cam Nghĩa.',
      "Departments received 0/2 (district-wide figures, shown beside the communes' sum, never added to it).",
      'an.xlsx: hidden sheet "Nháp" was not read nor merged.',
      `Wrote ${target}`,
    ]);
    const district = await gnbv('merge', an, thanh, mttq, districtFile(), '-o', out('district-three.xlsx'), '--units', units, '--lang', 'en');
    assert.match(district.stdout, /^Departments received 1\/2: Ủy ban Mặt trận Tổ quốc Việt Nam huyện \(district-wide figures, shown beside the communes' sum, never added to it\)\.$/m);
    assert.match(
      district.stdout,
      /^Not merged huyen-cu\.xlsx \(Nguồn vốn\): its "Đơn vị báo cáo" line names the whole district, not a commune or a department\. If it is a department's report, write the department's name on that line\.$/m,
    );
  });
  const districtFile = () => district;

  test('every unit received: no "missing" line', async () => {
    const nghia = await writeAnnexWorkbook(out('nghia.xlsx'), [{ template: 'NV', unitName: 'Xã Cam Nghĩa', values: nv(1) }]);
    const target = out('du.xlsx');
    const run = await gnbv('merge', an, thanh, nghia, '-o', target, '--units', units);
    exits(run, 0);
    assert.deepEqual(run.stdout.split('\n').slice(0, 2), ['Đã nhận 3/3 đơn vị.', 'Phòng, ban đã nhận 0/2 (số toàn huyện, đặt cạnh tổng các xã, không cộng vào).']);
  });

  test('1: a unit with errors, its first five issues at their cells, the rest counted', async () => {
    const target = out('loi-ba-xa.xlsx');
    const run = await gnbv('merge', an, thanhErrors, '-o', target, '--units', units);
    exits(run, 1);
    assert.equal(run.stdout, '');
    assert.deepEqual(run.stderr.split('\n'), [
      '✗ Xã Cam Thanh (thanh-loi.xlsx): 8 lỗi',
      '   Nguồn vốn!C8 sum/rows: Dòng "Tổng nguồn vốn", cột "Năm 2016": tổng 20 khác tổng các dòng thành phần 25 (chênh lệch -5).',
      '   Nguồn vốn!F8 sum/rows: Dòng "Tổng nguồn vốn", cột "Tổng 2016-2018": tổng 20 khác tổng các dòng thành phần 25 (chênh lệch -5).',
      '   Nguồn vốn!C11 sum/rows: Dòng "Vốn thực hiện các dự án thuộc Chương trình", cột "Năm 2016": dòng tổng để trống, trong khi tổng các dòng thành phần là 3.',
      '   Nguồn vốn!F11 sum/rows: Dòng "Vốn thực hiện các dự án thuộc Chương trình", cột "Tổng 2016-2018": dòng tổng để trống, trong khi tổng các dòng thành phần là 2.',
      '   Nguồn vốn!F8 sum/columns: Dòng "Tổng nguồn vốn", cột "Tổng 2016-2018": tổng 20 khác tổng các cột (C8 + D8 + E8) 22 (chênh lệch -2).',
      '   … và 3 lỗi khác (xem gnbv validate).',
      'Không gộp (chưa ghi tệp kết quả): các đơn vị trên có lỗi, số liệu của họ sẽ làm sai tổng của huyện. Hãy sửa và chạy lại, hoặc thêm --allow-errors để vẫn gộp (bảng có cột không khớp mẫu không bao giờ được gộp).',
    ]);
    assert.equal(await exists(target), false);
    const english = await gnbv('merge', an, thanhErrors, '-o', target, '--units', units, '--lang', 'en', '--allow-errors');
    exits(english, 0);
    assert.deepEqual(english.stderr.split('\n').filter((l) => !l.startsWith('   Nguồn vốn!')), ['✗ Xã Cam Thanh (thanh-loi.xlsx): 8 errors', '   … and 3 more errors (see gnbv validate).']);
    assert.match(english.stderr, /^ {3}Nguồn vốn!C8 sum\/rows: Row "Tổng nguồn vốn", column "Năm 2016": /m);
    assert.deepEqual(english.stdout.split('\n').slice(0, 2), ['Received 2/3 units.', 'Missing: Xã Cam Nghĩa.']);
    assert.ok(await exists(target), '--allow-errors writes');
  });

  test('1: exactly five errors are all listed, with no "more" line', async () => {
    // By hand: C8 10 ≠ rows 2 + 1 + 10 = 13; F8 10 ≠ 3 + 1 + 10 = 14; C11 and F11 blank ≠ 1 (row 13);
    // F9 3 ≠ C9 2. Nothing else: F8 = C8, and rows 13 to 15 add up across.
    const five = await writeAnnexWorkbook(out('nam-loi.xlsx'), [
      { template: 'NV', unitName: 'Xã Cam Thanh', values: { total: { nam_2016: 10, tong: 10 }, chinh_sach: { nam_2016: 2, tong: 3 }, da_sn: { nam_2016: 1, tong: 1 }, quy_vi_nguoi_ngheo: { nam_2016: 1, tong: 1 }, huy_dong_khac: { nam_2016: 10, tong: 10 } } },
    ]);
    const run = await gnbv('merge', five, '-o', out('nam-loi-huyen.xlsx'), '--units', units, '--lang', 'en');
    exits(run, 1);
    const lines = run.stderr.split('\n');
    assert.equal(lines[0], '✗ Xã Cam Thanh (nam-loi.xlsx): 5 errors');
    assert.deepEqual(lines.slice(1, 6).map((l) => l.split(':')[0]), ['   Nguồn vốn!C8 sum/rows', '   Nguồn vốn!F8 sum/rows', '   Nguồn vốn!C11 sum/rows', '   Nguồn vốn!F11 sum/rows', '   Nguồn vốn!F9 sum/columns']);
    assert.match(lines[6]!, /^Not merged \(no output written\)/);
    assert.equal(lines.length, 7);
  });

  test('1: a file whose only annex has no table: an unidentified unit, the error at its sheet', async () => {
    // Every column header of row 6 retyped "Năm 2016": no TT / content header row is left to find.
    const broken = await writeAnnexWorkbook(out('hong-bang.xlsx'), [{ template: 'NV', unitName: 'Xã Cam An', values: nv(1) }], (workbook) => {
      for (const cell of ['C6', 'D6', 'E6', 'F6']) workbook.worksheets[0]!.getCell(cell).value = 'Năm 2016';
    });
    const run = await gnbv('merge', broken, '-o', out('hong-bang-huyen.xlsx'), '--units', units);
    exits(run, 1);
    assert.deepEqual(run.stderr.split('\n').slice(0, 2), [
      '✗ Đơn vị chưa xác định (hong-bang.xlsx): 1 lỗi',
      '   Nguồn vốn locate/annex-not-found: Trang này có vẻ là Mục V nhưng không tìm thấy bảng (cần dòng tiêu đề với cột "TT" và cột nội dung). Số liệu của trang không được kiểm tra hay tổng hợp. Hãy dùng mẫu biểu của GNBV.',
    ]);
    const english = await gnbv('merge', broken, '-o', out('hong-bang-huyen.xlsx'), '--units', units, '--lang', 'en');
    assert.equal(english.stderr.split('\n')[0], '✗ Unidentified unit (hong-bang.xlsx): 1 error');
  });

  test('1: a file naming no unit: every unit listed, and a placeholder to type, never one of them', async () => {
    const nameless = await writeAnnexWorkbook(out('bao-cao-quy-2.xlsx'), [{ template: 'NV', unitName: '……………………', values: nv(1) }]);
    const run = await gnbv('merge', nameless, '-o', out('khong-ten.xlsx'), '--units', units);
    exits(run, 1);
    assert.deepEqual(run.stderr.split('\n'), [
      'Chưa gộp bao-cao-quy-2.xlsx (Nguồn vốn): không tìm thấy tên đơn vị nào ở dòng "Đơn vị báo cáo", tiêu đề hay tên tệp. Đơn vị có thể là:',
      '     19603  Xã Cam An',
      '     19609  Xã Cam Thanh',
      '     19621  Xã Cam Nghĩa',
      '     NHCSXH  Phòng giao dịch Ngân hàng Chính sách xã hội huyện',
      '     MTTQ  Ủy ban Mặt trận Tổ quốc Việt Nam huyện',
      '   → chỉ rõ đơn vị: --assign "bao-cao-quy-2.xlsx=MÃ" (mã hoặc tên đầy đủ của đơn vị)',
      'Chưa ghi tệp kết quả: hãy quyết định các tệp trên (--assign, --prefer) rồi chạy lại.',
    ]);
    const english = await gnbv('merge', nameless, '-o', out('khong-ten.xlsx'), '--units', units, '--lang', 'en');
    assert.match(english.stderr, /^Not merged bao-cao-quy-2\.xlsx \(Nguồn vốn\): no unit name found in the "Đơn vị báo cáo" line, a title or the file name\. The unit may be:$/m);
    assert.match(english.stderr, /^ {3}→ name the unit: --assign "bao-cao-quy-2\.xlsx=CODE" \(a unit's code or whole name\)$/m);
    assert.equal(await exists(out('khong-ten.xlsx')), false);
  });

  test('1: an --assign that contradicts the sheet is dropped or the sheet fixed, never followed', async () => {
    const target = out('chi-dinh-sai.xlsx');
    const run = await gnbv('merge', an, thanh, '-o', target, '--units', units, '--assign', 'an.xlsx=19609');
    exits(run, 1);
    assert.deepEqual(run.stderr.split('\n').slice(1), ['   → bỏ chỉ định: xóa --assign "an.xlsx=19609" khỏi lệnh', 'Chưa ghi tệp kết quả: hãy quyết định các tệp trên (--assign, --prefer) rồi chạy lại.']);
    assert.match(run.stderr, /^Chưa gộp tệp an\.xlsx, trang "Nguồn vốn": .*Xã Cam An \(19603\).*Xã Cam Thanh \(19609\)/);
    const english = await gnbv('merge', an, thanh, '-o', target, '--units', units, '--assign', 'an.xlsx=19609', '--lang', 'en');
    assert.deepEqual(english.stderr.split('\n').slice(1), ['   → to drop the assignment: remove --assign "an.xlsx=19609" from the command', 'No output written: decide about the files above (--assign, --prefer) and run again.']);
    assert.equal(await exists(target), false);
  });

  test('merging again with an earlier district workbook: each replaced sheet named with both files', async () => {
    const first = out('huyen-lan-1.xlsx');
    exits(await gnbv('merge', camAn, '-o', first), 0);
    const second = out('huyen-lan-2.xlsx');
    const run = await gnbv('merge', first, camAnAgain, '-o', second);
    exits(run, 0);
    const replaced = run.stdout.split('\n').filter((l) => l.startsWith('Thay '));
    assert.deepEqual(replaced, [
      'Thay trang "PL01 Cam An" (Xã Cam An) của sổ huyen-lan-1.xlsx bằng tệp 19603 ban sua.xlsx.',
      'Thay trang "PL02 Cam An" (Xã Cam An) của sổ huyen-lan-1.xlsx bằng tệp 19603 ban sua.xlsx.',
      'Thay trang "Nguồn vốn Cam An" (Xã Cam An) của sổ huyen-lan-1.xlsx bằng tệp 19603 ban sua.xlsx.',
    ]);
    const english = await gnbv('merge', first, camAnAgain, '-o', out('huyen-lan-3.xlsx'), '--lang', 'en');
    assert.match(english.stdout, /^Replaced sheet "PL01 Cam An" \(Xã Cam An\) of huyen-lan-1\.xlsx with the file 19603 ban sua\.xlsx\.$/m);
  });

  test('a department sent again: its sheet replaced by the new file, with its new figures', async () => {
    const first = out('huyen-mttq-1.xlsx');
    exits(await gnbv('merge', mttq, '-o', first, '--units', units), 0);
    const newer = await writeAnnexWorkbook(out('mttq-moi.xlsx'), [{ template: 'NV', unitName: 'Ủy ban MTTQ huyện Cam Lộ', values: { total: { nam_2016: 6, tong: 6 }, quy_vi_nguoi_ngheo: { nam_2016: 6, tong: 6 } } }]);
    const second = out('huyen-mttq-2.xlsx');
    const run = await gnbv('merge', first, newer, '-o', second, '--units', units);
    exits(run, 0);
    assert.deepEqual(run.stdout.split('\n'), [
      'Đã nhận 0/3 đơn vị.',
      'Chưa nhận: Xã Cam An, Xã Cam Thanh, Xã Cam Nghĩa.',
      'Phòng, ban đã nhận 1/2: Ủy ban Mặt trận Tổ quốc Việt Nam huyện (số toàn huyện, đặt cạnh tổng các xã, không cộng vào).',
      'Thay trang "Nguồn vốn UB MTTQ" (Ủy ban Mặt trận Tổ quốc Việt Nam huyện) của sổ huyen-mttq-1.xlsx bằng tệp mttq-moi.xlsx.',
      `Đã ghi ${second}`,
    ]);
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(second);
    assert.equal(written.getWorksheet('Nguồn vốn UB MTTQ')!.getCell('C14').value, 6, 'the new figure, not the 5 of the earlier merge');
  });

  test('two files for one unit: each with its size, time, SHA-256 and errors, to choose from', async () => {
    // Fixed times, so the line can be written out: 19 and 20 July 2018, 08:05 and 16:40 UTC, said
    // on Vietnam's clock (UTC+7) as every time GNBV writes: 15:05 and 23:40.
    await utimes(camAn, new Date('2018-07-19T08:05:00Z'), new Date('2018-07-19T08:05:00Z'));
    await utimes(camAnAgain, new Date('2018-07-20T16:40:00Z'), new Date('2018-07-20T16:40:00Z'));
    const size = (await stat(camAn)).size;
    const sha = createHash('sha256').update(await readFile(camAn)).digest('hex').slice(0, 12);
    const run = await gnbv('merge', camAn, camAnAgain, '-o', out('hai.xlsx'));
    exits(run, 1);
    assert.deepEqual(run.stderr.split('\n'), [
      'Hai tệp cùng gửi PL01, PL02, NV của Xã Cam An; GNBV không tự chọn:',
      `     19603 Xã Cam An.xlsx (${grouped(size, '.')} byte; sửa lúc 15:05 ngày 19/07/2018; SHA-256 ${sha}…; 0 lỗi, 0 cảnh báo)`,
      `     19603 ban sua.xlsx (${grouped(size, '.')} byte; sửa lúc 23:40 ngày 20/07/2018; SHA-256 ${sha}…; 0 lỗi, 0 cảnh báo)`,
      '   → chọn tệp dùng: --prefer "19603 Xã Cam An.xlsx", hoặc bỏ tệp kia khỏi lệnh',
      'Chưa ghi tệp kết quả: hãy quyết định các tệp trên (--assign, --prefer) rồi chạy lại.',
    ]);
    assert.ok(size > 1000, 'large enough to be grouped');
    const english = await gnbv('merge', camAn, camAnAgain, '-o', out('hai.xlsx'), '--lang', 'en');
    assert.deepEqual(english.stderr.split('\n'), [
      'Two files both send PL01, PL02, NV of Xã Cam An; GNBV does not choose:',
      `     19603 Xã Cam An.xlsx (${grouped(size, ',')} bytes; modified 15:05 on 19/07/2018; SHA-256 ${sha}…; 0 errors, 0 warnings)`,
      `     19603 ban sua.xlsx (${grouped(size, ',')} bytes; modified 23:40 on 20/07/2018; SHA-256 ${sha}…; 0 errors, 0 warnings)`,
      '   → choose the file to use: --prefer "19603 Xã Cam An.xlsx", or leave the other one out',
      'No output written: decide about the files above (--assign, --prefer) and run again.',
    ]);
    const chosen = await gnbv('merge', camAn, camAnAgain, '-o', out('hai.xlsx'), '--prefer', '19603 ban sua.xlsx', '--lang', 'en');
    assert.match(chosen.stdout, /^Not used 19603 Xã Cam An\.xlsx \(PL01\): same unit, the file 19603 ban sua\.xlsx was chosen\.$/m);
  });

  test('a folder stands for its .xlsx files; a missing file gets the near name, then the merge stops', async () => {
    const folder = out('nhan-duoc');
    await mkdir(folder);
    await copyFile(an, path.join(folder, 'an.xlsx'));
    await copyFile(thanh, path.join(folder, 'thanh.xlsx'));
    const target = out('tu-thu-muc.xlsx');
    const run = await gnbv('merge', folder, '-o', target, '--units', units);
    exits(run, 0);
    assert.deepEqual(run.stdout.split('\n').slice(0, 2), ['Đã nhận 2/3 đơn vị.', 'Chưa nhận: Xã Cam Nghĩa.']);
    const typo = path.join(folder, 'thanhh.xlsx');
    const missing = await gnbv('merge', typo, '-o', out('sai-ten.xlsx'), '--units', units);
    exits(missing, 2);
    assert.equal(missing.stderr.split('\n')[0], `Không thấy "${typo}". Có phải ý bạn là: "${path.join(folder, 'thanh.xlsx')}"?`);
    assert.equal(await exists(out('sai-ten.xlsx')), false);
  });

  test('--allow-errors: a sheet whose columns do not match the template is said to be left out of the district totals', async () => {
    // Cam Thanh's "Năm 2017" header retyped "Năm 2016": two columns claim one key, so the sheet cannot be mapped.
    const twice = await writeAnnexWorkbook(out('thanh-hai-cot.xlsx'), [{ template: 'NV', unitName: 'Xã Cam Thanh', values: nv(20) }], (wb) => {
      wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => void (cell.value === 'Năm 2017' && (cell.value = 'Năm 2016'))));
    });
    const target = out('huyen-hai-cot.xlsx');
    const run = await gnbv('merge', an, twice, '-o', target, '--units', units, '--allow-errors');
    exits(run, 0);
    assert.ok(
      run.stdout.split('\n').includes('Không gộp thanh-hai-cot.xlsx (Nguồn vốn) của Xã Cam Thanh: các cột không khớp mẫu (xem lỗi của trang), số liệu trang này KHÔNG có trong tổng huyện. Sửa tiêu đề cột theo mẫu rồi gửi lại tệp.'),
      run.stdout,
    );
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(target);
    assert.ok(!written.worksheets.some((s) => s.name === 'Nguồn vốn Cam Thanh'), 'the unmapped sheet is not written');
    assert.deepEqual(written.getWorksheet('Nguồn vốn Tổng hợp')!.getCell('C8').value, { formula: "SUM('Nguồn vốn Cam An'!C8)", result: 10 });
    const en = await gnbv('merge', an, twice, '-o', out('district-two-columns.xlsx'), '--units', units, '--allow-errors', '--lang', 'en');
    assert.ok(
      en.stdout.split('\n').includes("Not merged thanh-hai-cot.xlsx (Nguồn vốn) of Xã Cam Thanh: its columns do not match the template (see the sheet's errors), so its figures are NOT in the district totals. Fix the column headers as in the template and send the file again."),
      en.stdout,
    );
  });

  test('a list without departments: no departments line', async () => {
    const list = JSON.parse(await readFile(units, 'utf8')) as { departments: unknown[] };
    list.departments = [];
    const communesOnly = out('chi-xa.json');
    await writeFile(communesOnly, JSON.stringify(list));
    const target = out('chi-xa.xlsx');
    const run = await gnbv('merge', an, thanh, '-o', target, '--units', communesOnly);
    exits(run, 0);
    assert.deepEqual(run.stdout.split('\n'), ['Đã nhận 2/3 đơn vị.', 'Chưa nhận: Xã Cam Nghĩa.', 'an.xlsx: trang ẩn "Nháp" không được đọc, không gộp.', `Đã ghi ${target}`]);
  });

  test('--assign takes the file name up to the last "=" (a name may hold one)', async () => {
    const named = out('an=ban-2.xlsx');
    await copyFile(an, named);
    const run = await gnbv('merge', named, '-o', out('dau-bang.xlsx'), '--units', units, '--assign', 'an=ban-2.xlsx=19603');
    exits(run, 0, /^Đã nhận 1\/3 đơn vị\.$/m);
  });

  test('2: an --assign without "=", or without a file part, lists both the files and the units', async () => {
    const units5 = ['19603 Xã Cam An', '19609 Xã Cam Thanh', '19621 Xã Cam Nghĩa', 'NHCSXH Phòng giao dịch Ngân hàng Chính sách xã hội huyện', 'MTTQ Ủy ban Mặt trận Tổ quốc Việt Nam huyện'];
    const both = (text: string) => `--assign "${text}" không hợp lệ: cần dạng "TỆP=MÃ" với TỆP là một trong các tệp đã đưa vào (an.xlsx, thanh.xlsx) và MÃ là mã hoặc tên đầy đủ của một đơn vị:\n  ${units5.join('\n  ')}.`;
    const merge = (assign: string) => gnbv('merge', an, thanh, '-o', out('chi-dinh.xlsx'), '--units', units, '--assign', assign);
    for (const text of ['19603', '=19603', 'an.xlsxX']) {
      const run = await merge(text);
      exits(run, 2);
      assert.equal(run.stderr, both(text), text);
    }
    // Only the wrong half is listed: the units for a wrong code, the files for a wrong file.
    assert.equal((await merge('an.xlsx=99999')).stderr, `--assign "an.xlsx=99999" không hợp lệ: cần dạng "TỆP=MÃ" với TỆP là một trong các tệp đã đưa vào và MÃ là mã hoặc tên đầy đủ của một đơn vị:\n  ${units5.join('\n  ')}.`);
    assert.equal((await merge('khac.xlsx=19603')).stderr, '--assign "khac.xlsx=19603" không hợp lệ: cần dạng "TỆP=MÃ" với TỆP là một trong các tệp đã đưa vào (an.xlsx, thanh.xlsx) và MÃ là mã hoặc tên đầy đủ của một đơn vị.');
    assert.equal(await exists(out('chi-dinh.xlsx')), false);
  });

  test('2: an unreadable file is said in the language asked, then why nothing is merged', async () => {
    const run = await gnbv('merge', an, broken, '-o', out('doc-loi-en.xlsx'), '--units', units, '--lang', 'en');
    exits(run, 2);
    assert.deepEqual(run.stderr.split('\n'), [
      'hong.xlsx: The file is text (CSV or a web page) named .xlsx. Open it in Excel and save it as .xlsx.',
      'Not merged because some files could not be read (no output written). Fix or remove them and run again.',
    ]);
    const vi = await gnbv('merge', an, broken, '-o', out('doc-loi-en.xlsx'), '--units', units);
    assert.match(vi.stderr.split('\n')[0]!, /^hong\.xlsx: Tệp là văn bản/);
    assert.equal(await exists(out('doc-loi-en.xlsx')), false);
  });

  test('the output is never one of the inputs, even with --force', async () => {
    const copy = out('an-ban-sao.xlsx');
    await copyFile(an, copy);
    const before = await readFile(copy);
    const run = await gnbv('merge', copy, '-o', copy, '--force', '--units', units);
    exits(run, 2);
    assert.equal(run.stderr, `Tệp kết quả ${copy} chính là tệp đầu vào ${copy}: không ghi đè tệp gốc (kể cả với --force). Hãy chọn tên khác cho -o.`);
    assert.deepEqual(await readFile(copy), before);
  });

  test('en: a file whose unit is not certain, with the candidates and what to type', async () => {
    const run = await gnbv('merge', unclear, '-o', out('chua-ro-en.xlsx'), '--lang', 'en');
    exits(run, 1);
    assert.deepEqual(run.stderr.split('\n'), [
      'Not merged bao-cao.xlsx (PL01, PL02, Nguồn vốn): only part of a name matches, without its kind word (xã, thị trấn, phòng, ngân hàng…). The unit may be:',
      '     19603  Xã Cam An',
      '   → name the unit: --assign "bao-cao.xlsx=19603" (a unit\'s code or whole name)',
      'No output written: decide about the files above (--assign, --prefer) and run again.',
    ]);
  });
});

describe('validate: each line an official reads', () => {
  // Capital-sources sheets of Xã Cam An, alone in their file (so PL01 and PL02 are missing to
  // compare with: two warnings each). `right`: 1 in 2016, 0 in 2017 and 2018, totals right.
  // `wrong`: 10 in 2016 and 2 in 2017 on row 15; F8 typed 10 where its rows (F15 12) and its
  // columns (C8 10 + D8 2) both give 12: two errors; E8 and E15 left blank: two warnings.
  let right = '';
  let wrong = '';
  before(async () => {
    right = await writeAnnexWorkbook(out('dung.xlsx'), [{ template: 'NV', unitName: 'Xã Cam An', values: { total: { nam_2016: 1, nam_2017: 0, nam_2018: 0, tong: 1 }, huy_dong_khac: { nam_2016: 1, nam_2017: 0, nam_2018: 0, tong: 1 } } }]);
    wrong = await writeAnnexWorkbook(out('sai.xlsx'), [{ template: 'NV', unitName: 'Xã Cam An', values: { total: { nam_2016: 10, nam_2017: 2, tong: 10 }, huy_dong_khac: { nam_2016: 10, nam_2017: 2, tong: 12 } } }]);
  });

  test('vi: a file with warnings only passes (✓, exit 0 alone); each issue at its cell, or its sheet', async () => {
    const run = await gnbv('validate', right, wrong);
    exits(run, 1);
    const missingAnnex = (id: string) => `   [cảnh báo] Nguồn vốn Thiếu phụ lục để đối chiếu: Không có trang ${id} của cùng đơn vị để đối chiếu số liệu nguồn vốn.`;
    const blank = (cell: string, row: string) => `   [cảnh báo] Nguồn vốn!${cell} Ô bỏ trống: Dòng "${row}", cột "Năm 2018": ô trống trong khi các ô khác của dòng có số liệu. Trống là "chưa báo cáo"; nếu không có, hãy nhập 0.`;
    assert.deepEqual(run.stdout.split('\n'), [
      '✓ dung.xlsx: 0 lỗi, 2 cảnh báo',
      missingAnnex('PL01'),
      missingAnnex('PL02'),
      '✗ sai.xlsx: 2 lỗi, 4 cảnh báo',
      blank('E8', 'Tổng nguồn vốn'),
      blank('E15', 'Nguồn vốn huy động khác'),
      '   [lỗi] Nguồn vốn!F8 Tổng không khớp các dòng thành phần: Dòng "Tổng nguồn vốn", cột "Tổng 2016-2018": tổng 10 khác tổng các dòng thành phần 12 (chênh lệch -2).',
      '   [lỗi] Nguồn vốn!F8 Tổng không khớp các cột thành phần: Dòng "Tổng nguồn vốn", cột "Tổng 2016-2018": tổng 10 khác tổng các cột (C8 + D8 + E8) 12 (chênh lệch -2).',
      missingAnnex('PL01'),
      missingAnnex('PL02'),
      '2 tệp: 2 lỗi, 6 cảnh báo.',
    ]);
    exits(await gnbv('validate', right), 0);
  });

  test('en: counts said in the singular for one; an unreadable file says why and what to do, exit 2', async () => {
    const one = await gnbv('validate', right, '--lang', 'en');
    assert.deepEqual(one.stdout.split('\n').filter((l) => !l.startsWith('   ')), ['✓ dung.xlsx: 0 errors, 2 warnings', '1 file: 0 errors, 2 warnings.']);
    assert.match(one.stdout, /^ {3}\[warning\] Nguồn vốn Annex to compare with missing: No PL01 sheet of the same unit to cross-check the capital figures against\.$/m);
    const run = await gnbv('validate', files.notANumber, broken, '--lang', 'en');
    exits(run, 2);
    assert.deepEqual(run.stdout.split('\n'), [
      '✗ khong-phai-so.xlsx: 1 error, 0 warnings',
      `   [error] PL01!${files.notANumberCell} Not a number: Row "Chính sách hỗ trợ về giáo dục - đào tạo cho hộ nghèo", column "Năm 2016 / Kinh phí": "khoảng 12" is not a number. Enter a number (or leave it blank if not reported).`,
      '✗ hong.xlsx: The file is text (CSV or a web page) named .xlsx. Open it in Excel and save it as .xlsx.',
      '2 files: 1 error, 0 warnings, 1 unreadable file.',
    ]);
    const vi = await gnbv('validate', broken);
    assert.deepEqual(vi.stdout.split('\n')[1], '1 tệp: 0 lỗi, 0 cảnh báo, 1 tệp không đọc được.');
    assert.match(vi.stdout, /^✗ hong\.xlsx: Tệp là văn bản/);
  });

  test('--json: every report and every unreadable file with both languages, the summary counted', async () => {
    const run = await gnbv('validate', wrong, broken, '--json');
    assert.equal(run.code, 2);
    const parsed = JSON.parse(run.stdout) as {
      files: Array<{ file: string; report?: { valid: boolean; stats: { errors: number; warnings: number }; issues: Array<{ code: string; sheet: string; cell?: string }> }; error?: { problem: string; vi: string; en: string } }>;
      summary: Record<string, number>;
    };
    assert.deepEqual(parsed.summary, { files: 2, errors: 2, warnings: 4, unreadable: 1 });
    const [first, second] = parsed.files;
    assert.equal(first!.file, 'sai.xlsx');
    assert.equal(first!.report!.valid, false);
    assert.deepEqual(first!.report!.issues.filter((i) => i.cell === 'F8').map((i) => i.code), ['sum/rows', 'sum/columns']);
    assert.equal(second!.file, 'hong.xlsx');
    assert.equal(second!.error!.en, 'hong.xlsx: The file is text (CSV or a web page) named .xlsx. Open it in Excel and save it as .xlsx.');
    assert.match(second!.error!.vi, /^hong\.xlsx: /);
    assert.equal(second!.error!.problem, 'text');
    const valid = await gnbv('validate', right, '--json');
    assert.equal(valid.code, 0);
    assert.deepEqual((JSON.parse(valid.stdout) as { summary: unknown }).summary, { files: 1, errors: 0, warnings: 2, unreadable: 0 });
  });
});

describe('reading many files', () => {
  test('after more than a second, each file read is said on stderr (the io clock: 500 ms a call)', async () => {
    // The clock is read once at the start and once per file: 0.5 s, 1.0 s (not yet more than a
    // second), 1.5 s: only the third file is announced.
    const run = async (...args: string[]) => {
      let ms = Date.parse('2018-07-20T02:30:00Z');
      const err: string[] = [];
      const code = await runCli(args, { out: () => undefined, err: (t) => err.push(t), now: () => new Date((ms += 500)) });
      return { code, err };
    };
    assert.deepEqual(await run('validate', camAn, camAnAgain, unclear), { code: 0, err: ['Đang đọc 3/3: bao-cao.xlsx'] });
    assert.deepEqual(await run('validate', camAn, camAnAgain, unclear, '--lang', 'en'), { code: 0, err: ['Reading 3/3: bao-cao.xlsx'] });
  });
});
