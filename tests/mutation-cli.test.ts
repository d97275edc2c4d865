// Every exit code of the command line (0 done or valid, 1 errors found / nothing decided, 2 bad
// input or usage, as `gnbv --help` documents them), each with the line that tells the user why.
// In-process (runCli) over a few small workbooks written once, so `npm run mutate -- cli` stays
// minutes, not hours. The process-level exits (closed pipe, signals) are driven through the
// handlers themselves, with process.exit mocked.
import assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, mock, test } from 'node:test';
import ExcelJS from 'exceljs';
import { installExitHandlers, processOptions } from '../src/cli/process-exit.js';
import { gnbv, tempDir, type CliRun } from './support/cli.js';
import { sampleBytes, templateOf } from './support/factories.js';
import { a1 } from '../src/engine/a1.js';
import { canonicalPositions } from '../src/engine/render.js';

let dir = '';
/** Xã Cam An (19603): valid. Xã Cam Thanh (19609): planted errors. */
let camAn = '';
let camThanh = '';
let camAnAgain = '';
let unclear = '';
let noAnnex = '';
let broken = '';
/** Cam An with "khoảng 12" typed in a cell a total adds up. */
let notANumber = '';
let notANumberCell = '';
const exists = (file: string) => stat(file).then(() => true, () => false);
const out = (name: string) => path.join(dir, name);

/** A copy of Cam An whose "Đơn vị báo cáo" line names no unit for sure ("cam an" is a fragment). */
async function withUnitLine(bytes: Uint8Array, unitLine: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && /^Đơn vị báo cáo/.test(cell.value)) cell.value = unitLine;
      }),
    ),
  );
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

before(async () => {
  dir = await tempDir();
  const camAnBytes = await sampleBytes('19603');
  camAn = out('19603 Xã Cam An.xlsx');
  camAnAgain = out('19603 ban sua.xlsx');
  camThanh = out('19609 Xã Cam Thanh.xlsx');
  unclear = out('bao-cao.xlsx');
  noAnnex = out('danh-sach.xlsx');
  broken = out('hong.xlsx');
  await writeFile(camAn, camAnBytes);
  await writeFile(camAnAgain, camAnBytes);
  await writeFile(camThanh, await sampleBytes('19609'));
  await writeFile(unclear, await withUnitLine(camAnBytes, 'Đơn vị báo cáo: cam an'));
  const other = new ExcelJS.Workbook();
  other.addWorksheet('Danh sách').addRow(['Họ tên', 'Địa chỉ']);
  await writeFile(noAnnex, new Uint8Array(await other.xlsx.writeBuffer()));
  await writeFile(broken, 'không phải tệp Excel');
  const pl01 = templateOf('PL01');
  const part = pl01.rows.find((row) => row.parent !== undefined && row.kind === 'item')!;
  const money = pl01.columns.find((column) => column.measure === 'money')!;
  const at = canonicalPositions(pl01);
  notANumberCell = a1(at.rows.get(part.key)!, at.columns.get(money.key)!);
  const edited = new ExcelJS.Workbook();
  await edited.xlsx.load(Buffer.from(camAnBytes) as unknown as ArrayBuffer);
  edited.getWorksheet(pl01.sheetName)!.getCell(notANumberCell).value = 'khoảng 12';
  notANumber = out('khong-phai-so.xlsx');
  await writeFile(notANumber, new Uint8Array(await edited.xlsx.writeBuffer()));
});

const said = (run: CliRun) => `${run.stdout}\n${run.stderr}`;
function exits(run: CliRun, code: number, ...messages: RegExp[]): void {
  assert.equal(run.code, code, said(run));
  for (const message of messages) assert.match(said(run), message);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace without --debug');
}

describe('before any command runs', () => {
  test('--version and a command\'s --help answer 0', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    exits(await gnbv('--version'), 0);
    assert.equal((await gnbv('-V')).stdout, `gnbv ${version}`);
    const help = await gnbv('merge', '-h', '--lang=en');
    exits(help, 0, /^gnbv merge /, /Options:/, /--allow-errors/);
    assert.doesNotMatch(help.stdout, /--json/, 'only the options merge takes');
  });

  test('--help is both languages, or English alone with --lang en; no command at all is a usage error', async () => {
    const both = await gnbv('--help');
    exits(both, 0, /Cách dùng:/, /Usage:/);
    const english = await gnbv('--help', '--lang', 'en');
    exits(english, 0, /Usage:/);
    assert.doesNotMatch(english.stdout, /Cách dùng/);
    exits(await gnbv(), 2, /Cách dùng:/);
    exits(await gnbv('--json'), 2, /Cách dùng:/);
  });

  test('options and values refused, exit 2, naming what is allowed', async () => {
    exits(await gnbv('validate', camAn, '--bogus'), 2, /Tùy chọn không dùng được với "gnbv validate": --bogus\. Các tùy chọn: --json, --lang vi\|en/);
    exits(await gnbv('merge', camAn, '--output'), 2, /argument missing/, /Cách dùng:/);
    exits(await gnbv('template', 'PL01', '--json'), 2, /Tùy chọn không dùng được với "gnbv template": --json/);
    exits(await gnbv('validate', camAn, '--lang', 'fr'), 2, /--lang "fr" không có\. Chọn một trong: vi, en\./);
    exits(await gnbv('template', 'PL01', '-o', out('t.xlsx'), '--unit', 'Xã Cam Ann'), 2, /Không có đơn vị "Xã Cam Ann"/, /Có phải ý bạn là: "Xã Cam An"/);
    exits(await gnbv('frobnicate'), 2, /Lệnh không rõ: frobnicate\. Xem gnbv --help\./);
    exits(await gnbv('frobnicate', '--lang', 'en'), 2, /Unknown command: frobnicate/);
    assert.equal(await exists(out('t.xlsx')), false);
  });

  test('a unit list that cannot be used stops every command with exit 2', async () => {
    exits(await gnbv('validate', camAn, '--district', 'khong-co'), 2, /khong-co/);
    exits(await gnbv('validate', camAn, '--units', out('khong-co.json')), 2, /Không đọc được danh sách đơn vị .*khong-co\.json \(ENOENT\)\. Kiểm tra đường dẫn --units\./);
    exits(await gnbv('validate', camAn, '--units', out('khong-co.json'), '--lang', 'en'), 2, /Cannot read the unit list .*\(ENOENT\)\. Check the --units path\./);
    const invalid = out('ds.json');
    await writeFile(invalid, JSON.stringify({ id: 'x', district: 'Huyện X', units: [] }));
    exits(await gnbv('validate', camAn, '--units', invalid), 2, /Danh sách đơn vị .*ds\.json không hợp lệ/, /units/);
  });
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
    assert.ok(parsed.files[1]!.error!.en.length > 10);
    exits(await gnbv('validate'), 2, /^Chưa chỉ ra tệp nào\.$/m);
  });

  test('a folder is its .xlsx files; a missing file gets the near name beside it', async () => {
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

describe('the process itself', () => {
  test('the language and --debug are read before the arguments are parsed', () => {
    assert.deepEqual(processOptions(['validate', '--lang=en']), { lang: 'en', debug: false });
    assert.deepEqual(processOptions(['--lang', 'en', '--debug']), { lang: 'en', debug: true });
    assert.deepEqual(processOptions(['--lang', 'vi', 'en']), { lang: 'vi', debug: false });
    assert.deepEqual(processOptions(['en']), { lang: 'vi', debug: false }, '"en" alone is not --lang en');
  });

  test('a closed pipe exits 2 with one line; another output error says it is unexpected; signals exit 128 + n', () => {
    // The handlers installed are called directly (emitting a real signal would reach the test
    // runner's own handlers too), then removed.
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const listeners = () => ({
      stdout: process.stdout.listeners('error'),
      stderr: process.stderr.listeners('error'),
      ...Object.fromEntries(signals.map((s) => [s, process.listeners(s)])),
    });
    const old = listeners() as Record<string, Function[]>;
    const exit = mock.method(process, 'exit', () => undefined as never);
    const written: string[] = [];
    const write = mock.method(process.stderr, 'write', (text: string) => (written.push(text), true));
    installExitHandlers('en');
    const added = Object.fromEntries(Object.entries(listeners() as Record<string, Function[]>).map(([k, v]) => [k, v.filter((l) => !old[k]!.includes(l))]));
    try {
      assert.deepEqual(Object.values(added).map((v) => v.length), [1, 1, 1, 1, 1]);
      added.stdout![0]!(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      added.stdout![0]!(Object.assign(new Error('boom'), { code: 'EIO' }));
      added.stderr![0]!(new Error('closed'));
      for (const signal of signals) added[signal]![0]!(signal);
      assert.deepEqual(exit.mock.calls.map((c) => c.arguments[0]), [2, 2, 2, 130, 143, 129]);
      assert.equal(written.length, 2);
      assert.match(written[0]!, /^The output was closed/);
      assert.match(written[1]!, /^Unexpected error: boom\./);
    } finally {
      write.mock.restore();
      exit.mock.restore();
      for (const l of added.stdout!) process.stdout.off('error', l as never);
      for (const l of added.stderr!) process.stderr.off('error', l as never);
      for (const signal of signals) for (const l of added[signal]!) process.off(signal, l as never);
    }
  });
});
