// The exit codes decided before a command runs (--version, help, refused options and values, a
// unit list that cannot be used) and those of the process itself (closed pipe, signals), each
// with its message. No workbook is read: a mutant here is tested in about a second.
import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, mock, test } from 'node:test';
import { expandFolders, fold, missingFileHints, nearest } from '../src/cli/args.js';
import { failureLine } from '../src/cli/main.js';
import { installExitHandlers, processOptions } from '../src/cli/process-exit.js';
import { gnbv, tempDir, type CliRun } from './support/cli.js';

let dir = '';
/** A path that is never read: every run here stops before reading its files. */
let camAn = '';
const exists = (file: string) => stat(file).then(() => true, () => false);
const out = (name: string) => path.join(dir, name);

before(async () => {
  dir = await tempDir();
  camAn = out('19603 Xã Cam An.xlsx');
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

describe('before any command runs: the rest of the head', () => {
  test('-h is --help: both languages, 0', async () => {
    const both = await gnbv('-h');
    exits(both, 0, /^gnbv - kiểm tra và tổng hợp Phụ lục 01\/02/, /^Usage:$/m);
    assert.equal((await gnbv('-h', '--lang', 'en')).stdout.startsWith('gnbv - check and consolidate'), true);
  });

  test('a unit list that is not shipped, a folder, or not JSON: one line saying which and what to do', async () => {
    exits(await gnbv('validate', camAn, '--district', 'khong-co'), 2);
    assert.equal((await gnbv('validate', camAn, '--district', 'khong-co')).stderr, 'Không có danh sách đơn vị "khong-co" (có: cam-lo). Dùng --units TỆP.json cho huyện khác.');
    assert.equal((await gnbv('validate', camAn, '--district', 'khong-co', '--lang', 'en')).stderr, 'No unit list "khong-co" (known: cam-lo). Use --units FILE.json for another district.');
    const folder = out('ds-thu-muc');
    await mkdir(folder);
    const notAFile = await gnbv('validate', camAn, '--units', folder);
    exits(notAFile, 2);
    assert.equal(notAFile.stderr, `Không đọc được danh sách đơn vị ${folder} (EISDIR). Kiểm tra đường dẫn --units.`);
    const broken = out('hong.json');
    await writeFile(broken, '{ "id": ');
    const run = await gnbv('validate', camAn, '--units', broken, '--lang', 'en');
    exits(run, 2);
    assert.equal(run.stderr, `The unit list ${broken} is invalid:\n  - JSON: Unexpected end of JSON input`);
  });

  test('a failure without a message of ours: the path and what to do for a file-system error, else "unexpected"', () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: path.join('/srv', 'bao-cao', 'tong.xlsx') });
    assert.equal(failureLine(denied, 'vi'), 'Không có quyền ghi vào thư mục /srv/bao-cao (tệp /srv/bao-cao/tong.xlsx): chưa ghi gì. Hãy chọn thư mục khác cho -o, hoặc xin quyền ghi.');
    assert.equal(failureLine(denied, 'en'), 'No permission to write in the folder /srv/bao-cao (file /srv/bao-cao/tong.xlsx): nothing written. Choose another folder for -o, or ask for write access.');
    // A code without a path (or a path without a code) is not said as a write failure.
    assert.equal(failureLine(Object.assign(new Error('boom'), { code: 'EIO' }), 'en'), 'Unexpected error: boom. Run again with --debug to see the details and send them to support.');
    assert.equal(failureLine(Object.assign(new Error('boom'), { path: '/srv/x.xlsx' }), 'en'), 'Unexpected error: boom. Run again with --debug to see the details and send them to support.');
    assert.equal(failureLine('chuỗi', 'vi'), 'Lỗi không mong muốn: chuỗi. Chạy lại với --debug để xem chi tiết và gửi cho người hỗ trợ.');
    assert.equal(failureLine(undefined, 'en'), 'Unexpected error: undefined. Run again with --debug to see the details and send them to support.');
  });
});

describe('the courteous part: help per command, options refused, near names, folders', () => {
  test("a command's --help: its usage, then its options and the common ones, one a line", async () => {
    const run = await gnbv('sample', '--help', '--lang', 'en');
    exits(run, 0);
    assert.equal(
      run.stdout,
      'gnbv sample -o FOLDER [--force]\n  Write sample workbooks for the units of Cam Lộ, with the list of planted errors (PLANTED.md).\n\nOptions:\n  -o, --output\n  --force\n  --lang vi|en\n  --district ID\n  --units FILE\n  --debug\n  -h, --help\n  -V, --version\n',
    );
    const vi = await gnbv('validate', '--help');
    assert.equal(vi.stdout.split('\n\n')[1], 'Tùy chọn:\n  --json\n  --lang vi|en\n  --district ID\n  --units FILE\n  --debug\n  -h, --help\n  -V, --version\n');
    assert.match(vi.stdout, /^gnbv validate TỆP_HOẶC_THƯ_MỤC… \[--json\]$/m);
  });

  test("each command's own options in its help; the language may come before the command", async () => {
    const options = async (command: string) => (await gnbv('--lang=en', command, '-h')).stdout.split('Options:\n')[1];
    const common = '  --lang vi|en\n  --district ID\n  --units FILE\n  --debug\n  -h, --help\n  -V, --version\n';
    assert.equal(await options('merge'), `  -o, --output\n  --force\n  --allow-errors\n  --assign FILE=CODE\n  --prefer FILE\n${common}`);
    assert.equal(await options('totals'), `  -o, --output\n  --force\n${common}`);
    assert.equal(await options('template'), `  -o, --output\n  --unit\n  --force\n${common}`);
    assert.equal((await gnbv('--lang', 'en', 'validate', '--bogus')).stderr.split(':')[0], 'Option not accepted by "gnbv validate"');
    assert.equal((await gnbv('--lang=en', 'validate', '--bogus')).stderr.split(':')[0], 'Option not accepted by "gnbv validate"');
  });

  test('an option another command takes is refused by name; a --unit naming a unit, a department or the district passes', async () => {
    const common = '--lang vi|en, --district ID, --units FILE, --debug, -h, --help, -V, --version';
    for (const [option, shown] of [['--force', '--force'], ['--allow-errors', '--allow-errors'], ['--prefer=a.xlsx', '--prefer FILE'], ['--assign=a=1', '--assign FILE=CODE']] as const)
      assert.equal((await gnbv('validate', camAn, option)).stderr, `Tùy chọn không dùng được với "gnbv validate": ${shown}. Các tùy chọn: --json, ${common}. Xem gnbv validate --help.`);
    for (const unit of ['xa cam an', 'Phòng Y tế', 'Huyện Cam Lộ']) exits(await gnbv('template', 'NV', '-o', out(`mau-${fold(unit).replace(/ /g, '-')}.xlsx`), '--unit', unit), 0);
  });

  test('an unknown option without a command: the common options only', async () => {
    assert.deepEqual(await gnbv('--bogus'), { code: 2, stdout: '', stderr: 'Tùy chọn không dùng được: --bogus. Các tùy chọn: --lang vi|en, --district ID, --units FILE, --debug, -h, --help, -V, --version. Xem gnbv --help.' });
    assert.equal((await gnbv('--bogus', '--lang=en')).stderr, 'Option not accepted: --bogus. Options: --lang vi|en, --district ID, --units FILE, --debug, -h, --help, -V, --version. See gnbv --help.');
  });

  test('fold: letters only, no marks, đ as d, lower case, single spaces', () => {
    assert.equal(fold('  Đường   ĐI  Xã Cam Hiếu '), 'duong di xa cam hieu');
    assert.equal(fold('đồng đội'), 'dong doi', 'lower-case đ too');
    assert.equal(fold('Xa\u0303 Cam An'), 'xa cam an', 'NFD marks too');
  });

  test('nearest: within 2 edits (or a quarter of a long name), the kind word optional; ties all given; none when far', () => {
    const names = ['Xã Cam An', 'Xã Cam Thanh', 'Xã Cam Thành', 'Xã Cam Hiếu', 'Thị trấn Cam Lộ'];
    assert.deepEqual(nearest('xa cam ann', names), ['Xã Cam An']);
    assert.deepEqual(nearest('Cam Hieuu', names), ['Xã Cam Hiếu'], 'without "Xã"');
    assert.deepEqual(nearest('cam thanh', names), ['Xã Cam Thanh', 'Xã Cam Thành'], 'both fold to the same name');
    assert.deepEqual(nearest('Xã Cam Axx', names), ['Xã Cam An'], 'two edits');
    assert.deepEqual(nearest('Xã Cam Axxx', names), [], 'three edits on an 11-letter name (a quarter is 2): too far');
    // 15 letters: a quarter is 3 edits.
    assert.deepEqual(nearest('thi tran xxx lo', names), ['Thị trấn Cam Lộ'], 'three edits');
    assert.deepEqual(nearest('thi tran xxx xo', names), [], 'four edits');
    assert.deepEqual(nearest('Xã Cam An', []), []);
  });

  test('a folder: its .xlsx files (any case) in Vietnamese order, no Excel lock files; an empty folder stays as given', async () => {
    const folder = out('thu-muc-doc');
    await mkdir(folder);
    for (const name of ['Đông.xlsx', 'b.XLSX', '~$b.xlsx', 'a.xlsx', 'ghi-chu.txt', 'Dung.xlsx']) await writeFile(path.join(folder, name), '');
    const empty = out('rong');
    await mkdir(empty);
    assert.deepEqual(await expandFolders([folder, camAn, empty]), [...['a.xlsx', 'b.XLSX', 'Dung.xlsx', 'Đông.xlsx'].map((n) => path.join(folder, n)), camAn, empty]);
  });

  test('a missing file: the near names in its folder (no lock files), in each language; none when far or present', async () => {
    const folder = out('gan-dung');
    await mkdir(folder);
    for (const name of ['Xã Cam An.xlsx', '~$Xa Cam An.xlsx', 'khac.xlsx']) await writeFile(path.join(folder, name), '');
    const typed = path.join(folder, 'Xa Cam An.xlsx');
    assert.deepEqual(await missingFileHints([typed], 'vi'), [`Không thấy "${typed}". Có phải ý bạn là: "${path.join(folder, 'Xã Cam An.xlsx')}"?`]);
    assert.deepEqual(await missingFileHints([typed], 'en'), [`"${typed}" was not found. Did you mean: "${path.join(folder, 'Xã Cam An.xlsx')}"?`]);
    assert.deepEqual(await missingFileHints([path.join(folder, 'Xã Cam An.xlsx'), path.join(folder, 'hoan-toan-khac-biet.xlsx'), path.join(out('khong-co'), 'x.xlsx')], 'vi'), []);
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
