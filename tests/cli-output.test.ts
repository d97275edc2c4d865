import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, mock, test } from 'node:test';
import { promisify } from 'node:util';
import { removeTempFiles, writeFileAtomic } from '../src/io/files.js';
import { gnbv, tempDir, type CliRun } from './support/cli.js';

// Outputs are created atomically and exclusively, an original is never replaced, and every way
// the file system or the terminal can refuse ends in one line naming the path, exit code 2.

let samples: string[] = [];
const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');
const temps = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.tmp'));

/** One line on stderr (besides reading progress), no stack trace, exit 2. */
function oneLineFailure(run: CliRun): string {
  assert.equal(run.code, 2, run.stderr);
  const lines = run.stderr.split('\n').filter((line) => !/^(Đang đọc|Reading) \d+\//.test(line));
  assert.equal(lines.length, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /\n\s+at |Error:/);
  return lines[0]!;
}

function errno(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${file}'`), { code, syscall, path: file, errno: -1 });
}

before(async () => {
  const dir = await tempDir();
  assert.equal((await gnbv('sample', '-o', dir)).code, 0);
  samples = (await readdir(dir)).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(dir, f));
});

describe('outputs', () => {
  test('two merges to the same output started together: exactly one writes, the other refuses cleanly', async () => {
    const out = path.join(await tempDir(), 'huyen.xlsx');
    // Only the sample files without planted errors: a merge with errors is refused before writing.
    const clean = samples.filter((f) => !/1960[9]|19615/.test(path.basename(f)));
    const runs = await Promise.all([gnbv('merge', ...clean, '-o', out), gnbv('merge', ...clean, '-o', out)]);
    assert.deepEqual(runs.map((r) => r.code).sort(), [0, 2]);
    assert.equal(runs.filter((r) => /Đã ghi/.test(r.stdout)).length, 1);
    const loser = runs.find((r) => r.code === 2)!;
    assert.match(oneLineFailure(loser), /huyen\.xlsx đã có: chưa ghi gì\. Dùng --force/);
    assert.deepEqual(await temps(path.dirname(out)), []);
  });

  test('an output that is one of the inputs is refused even with --force, however it is spelled, and the input is untouched', async () => {
    const input = samples[0]!;
    const before = await sha(input);
    const dir = path.dirname(input);
    const link = path.join(await tempDir(), 'lien-ket.xlsx');
    await symlink(input, link);
    for (const output of [input, path.join(dir, '..', path.basename(dir), path.basename(input)), link]) {
      const run = await gnbv('merge', ...samples, '-o', output, '--force');
      assert.match(oneLineFailure(run), /chính là tệp đầu vào .*kể cả với --force/);
    }
    const english = await gnbv('totals', input, '-o', input, '--force', '--lang', 'en');
    assert.match(oneLineFailure(english), /is the input .*not even with --force/);
    assert.equal(await sha(input), before);
  });

  test('--force replaces an output that is not an input', async () => {
    const out = path.join(await tempDir(), 'mau.xlsx');
    await writeFile(out, 'cũ');
    assert.equal((await gnbv('template', 'PL01', '-o', out, '--force')).code, 0);
    assert.notEqual((await readFile(out)).toString(), 'cũ');
  });

  test('a process interrupted while writing leaves no temp file', async () => {
    const dir = await tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/hang-while-writing.ts', path.join(dir, 'out.xlsx')], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    assert.equal((await temps(dir)).length, 1, 'the temp file exists while writing');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    assert.equal(code, 143);
    assert.deepEqual(await readdir(dir), []);
  });

  test('the temp file of a process killed outright (SIGKILL) is removed by the next write of that output', async () => {
    const dir = await tempDir();
    const stale = path.join(dir, '.mau.xlsx.999999999.0123abcd.tmp'); // no such process
    const running = path.join(dir, `.mau.xlsx.${process.pid}.89abcdef.tmp`); // a write in progress
    const other = path.join(dir, '.khac.xlsx.999999999.0123abcd.tmp'); // another output's
    for (const file of [stale, running, other]) await writeFile(file, '');
    assert.equal((await gnbv('template', 'PL01', '-o', path.join(dir, 'mau.xlsx'))).code, 0);
    assert.deepEqual((await readdir(dir)).sort(), [path.basename(other), path.basename(running), 'mau.xlsx'].sort());
  });

  test('removeTempFiles removes a temp file of a write in progress', async () => {
    const dir = await tempDir();
    const original = fsp.writeFile;
    let release: (() => void) | undefined;
    const writing = mock.method(fsp, 'writeFile', async (file: string, data: Uint8Array, options: object) => {
      await original(file, data, options);
      await new Promise<void>((resolve) => (release = resolve));
    });
    try {
      const pending = writeFileAtomic(path.join(dir, 'a.xlsx'), new Uint8Array(10), false);
      while (!release) await new Promise((r) => setTimeout(r, 5));
      assert.equal((await temps(dir)).length, 1);
      removeTempFiles();
      assert.deepEqual(await temps(dir), []);
      release();
      await pending.catch(() => {});
      assert.deepEqual(await temps(dir), []);
    } finally {
      writing.mock.restore();
    }
  });
});

describe('file-system failures are one line, exit 2, naming the path and what to do', () => {
  test('the output is a folder (EISDIR)', async () => {
    const dir = await tempDir();
    assert.match(oneLineFailure(await gnbv('template', 'PL01', '-o', dir)), /là một thư mục, không phải tệp: chưa ghi gì\. Hãy ghi cả tên tệp/);
    assert.match(oneLineFailure(await gnbv('merge', ...samples, '-o', dir, '--force', '--lang', 'en')), /is a folder, not a file: nothing written/);
  });

  test('the output folder does not exist (ENOENT), or is a file (ENOTDIR)', async () => {
    const dir = await tempDir();
    const missing = path.join(dir, 'khong-co', 'x.xlsx');
    assert.match(oneLineFailure(await gnbv('merge', ...samples, '-o', missing)), new RegExp(`Thư mục .*khong-co không có: chưa ghi .*Hãy tạo thư mục`));
    await writeFile(path.join(dir, 'tep'), '');
    assert.match(oneLineFailure(await gnbv('template', 'PL01', '-o', path.join(dir, 'tep', 'x.xlsx'), '--lang', 'en')), /The path .*tep goes through a file, not a folder: .*x\.xlsx not written\. Correct the -o path to a folder\./);
  });

  // Run as root here, the permission, read-only and full-disk errors are those Node gives,
  // raised where Node raises them (the temp file's creation, or its write after a first part).
  for (const [code, vi, en] of [
    ['EACCES', /Không có quyền ghi vào thư mục .*Hãy chọn thư mục khác cho -o/, /No permission to write in the folder/],
    ['EROFS', /chỉ cho đọc: chưa ghi gì/, /is read-only: nothing written/],
    ['ENOSPC', /Ổ đĩa đầy, không ghi được .*mau\.xlsx: chưa ghi gì/, /The disk is full, .*mau\.xlsx could not be written/],
  ] as const) {
    test(`${code} while writing the output`, async () => {
      const dir = await tempDir();
      const out = path.join(dir, 'mau.xlsx');
      const original = fsp.writeFile;
      const failing = mock.method(fsp, 'writeFile', async (file: string, data: Uint8Array, options: object) => {
        if (code === 'ENOSPC') await original(file, data.subarray(0, 100), options);
        throw errno(code, code === 'ENOSPC' ? 'write' : 'open', file);
      });
      try {
        assert.match(oneLineFailure(await gnbv('template', 'PL01', '-o', out)), vi);
        assert.match(oneLineFailure(await gnbv('template', 'PL01', '-o', out, '--lang', 'en')), en);
      } finally {
        failing.mock.restore();
      }
      assert.deepEqual(await readdir(dir), [], 'no output, no temp file');
    });
  }

  test('--debug adds the stack trace after the line', async () => {
    const run = await gnbv('template', 'PL01', '-o', await tempDir(), '--debug');
    assert.equal(run.code, 2);
    assert.match(run.stderr.split('\n')[0]!, /là một thư mục/);
    assert.match(run.stderr, /\n\s+at /);
  });

  test('the sample folder cannot be created', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'tep'), '');
    assert.match(oneLineFailure(await gnbv('sample', '-o', path.join(dir, 'tep', 'mau'))), /tep đi qua một tệp, không phải thư mục: chưa ghi .*mau\. Hãy sửa đường dẫn -o thành một thư mục\./);
  });

  test('an unreadable input folder given as a file is a clear input error', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'thu-muc.xlsx'));
    const run = await gnbv('validate', path.join(dir, 'thu-muc.xlsx'));
    assert.equal(run.code, 2);
    assert.match(run.stdout, /thu-muc\.xlsx: Không đọc được tệp/);
  });

  test('a closed pipe (gnbv validate … | head) ends with one line and exit 2, no stack trace', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/gnbv.ts', 'validate', ...samples, ...samples], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // as head does once it has its lines
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    assert.equal(code, 2);
    const lines = stderr.trim().split('\n').filter((l) => !l.startsWith('Đang đọc'));
    assert.deepEqual(lines, ['Đầu ra đã bị đóng (ví dụ bởi head) nên dừng ghi; muốn xem hết, hãy chạy lại không qua ống hoặc ghi ra tệp.']);
  });

  test('the closed-pipe line is in English with --lang en', async () => {
    const { stdout } = await promisify(execFile)('sh', ['-c', `"${process.execPath}" --import tsx src/cli/gnbv.ts validate --lang en "${samples[0]}" 2>&1 >/dev/full | tail -1; true`]);
    // /dev/full refuses writes with ENOSPC: not a pipe, so the generic one-line failure.
    assert.match(stdout, /^Unexpected error: .*ENOSPC.*--debug/m);
  });
});

describe('every other exit path', () => {
  for (const [args, code, said] of [
    [[], 2, /gnbv - kiểm tra/],
    [['--help'], 0, /Cách dùng/],
    [['--bogus'], 2, /Tùy chọn không dùng được: --bogus/],
    [['frobnicate'], 2, /Lệnh không rõ: frobnicate/],
    [['validate'], 2, /Chưa chỉ ra tệp nào/],
    [['validate', 'x.xlsx', '--district', 'khong-co'], 2, /khong-co/],
    [['merge'], 2, /Chưa chỉ ra tệp nào/],
    [['merge', 'x.xlsx'], 2, /Thiếu -o/],
    [['totals'], 2, /Chưa chỉ ra tệp nào/],
    [['template', 'PL09', '-o', 'x.xlsx'], 2, /Không có mẫu biểu "PL09"/],
    [['sample'], 2, /Thiếu -o/],
  ] as const) {
    test(`gnbv ${args.join(' ')} exits ${code}`, async () => {
      const run = await gnbv(...args);
      assert.equal(run.code, code, run.stderr);
      assert.match(`${run.stdout}\n${run.stderr}`, said);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    });
  }

  test('an unexpected error is one line that suggests --debug; --debug prints its stack', async () => {
    const stat = mock.method(fsp, 'stat', async () => {
      throw new Error('hỏng bất ngờ');
    });
    try {
      const out = path.join(await tempDir(), 'x.xlsx');
      assert.match(oneLineFailure(await gnbv('template', 'PL01', '-o', out)), /^Lỗi không mong muốn: hỏng bất ngờ\. Chạy lại với --debug/);
      assert.match(oneLineFailure(await gnbv('template', 'PL01', '-o', out, '--lang', 'en')), /^Unexpected error: hỏng bất ngờ\. Run again with --debug/);
      assert.match((await gnbv('template', 'PL01', '-o', out, '--debug')).stderr, /\n\s+at /);
    } finally {
      stat.mock.restore();
    }
  });

  test('a file refused for its size: validate lists it and exits 2, merge writes nothing', async () => {
    const dir = await tempDir();
    const big = path.join(dir, 'lon.xlsx');
    await writeFile(big, '');
    await (await import('node:fs/promises')).truncate(big, 60 * 2 ** 20);
    const validate = await gnbv('validate', big, samples[0]!);
    assert.equal(validate.code, 2);
    assert.match(validate.stdout, /✗ lon\.xlsx: Tệp nặng 60 MB, quá giới hạn 50 MB/);
    const merge = await gnbv('merge', big, ...samples, '-o', path.join(dir, 'out.xlsx'));
    assert.equal(merge.code, 2);
    assert.match(merge.stderr, /Không gộp vì có tệp không đọc được/);
    assert.deepEqual((await readdir(dir)).sort(), ['lon.xlsx']);
  });
});

// The same failures from real file systems: a full and a read-only tmpfs, and a folder the
// unprivileged user "nobody" may not write in. Mounting needs root; elsewhere this is skipped.
describe('real file-system failures (root only)', { skip: process.getuid?.() !== 0 ? 'needs root to mount a tmpfs' : false }, () => {
  const sh = promisify(execFile);

  test('ENOSPC on a full disk and EROFS on a read-only one: one line, nothing left behind', async (t) => {
    const mount = await tempDir();
    try {
      await sh('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount]);
    } catch (error) {
      return t.skip(`cannot mount a tmpfs here: ${String(error)}`);
    }
    try {
      await writeFile(path.join(mount, 'day'), new Uint8Array(60_000));
      assert.match(oneLineFailure(await gnbv('template', 'ALL', '-o', path.join(mount, 'x.xlsx'))), /^Ổ đĩa đầy, không ghi được .*x\.xlsx: chưa ghi gì/);
      assert.deepEqual(await readdir(mount), ['day']);
      await sh('mount', ['-o', 'remount,ro', mount]);
      assert.match(oneLineFailure(await gnbv('template', 'PL01', '-o', path.join(mount, 'y.xlsx'), '--lang', 'en')), /is read-only: nothing written/);
    } finally {
      await sh('umount', [mount]);
    }
  });

  test('EACCES in a folder the user may not write in', async () => {
    const dir = await tempDir();
    await (await import('node:fs/promises')).chmod(dir, 0o555);
    const run = await sh('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--import', 'tsx', 'src/cli/gnbv.ts', 'template', 'PL01', '-o', path.join(dir, 'z.xlsx')]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    assert.equal(run.code, 2);
    assert.match(run.stderr.trim(), /^Không có quyền ghi vào thư mục .*: chưa ghi gì\. Hãy chọn thư mục khác cho -o, hoặc xin quyền ghi\.$/);
    assert.deepEqual(await readdir(dir), []);
  });
});
