// Every exit code of validate and merge (0 done or valid, 1 errors found / nothing decided, 2 bad
// input or usage, as `gnbv --help` documents them), each with the line that tells the user why.
// In-process (runCli) over a few small workbooks written once. The other commands:
// tests/mutation-cli-files.test.ts; what is answered before a command runs and the process's own
// exits: tests/mutation-cli-args.test.ts. Split so a mutant runs only the files that reach it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { gnbv } from './support/cli.js';
import { cliWorkbooks, exists, exits, type CliWorkbooks } from './support/cli-workbooks.js';

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
