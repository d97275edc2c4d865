import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { writeSpecs } from '../src/io/xlsx.js';
import { tempDir } from './support/cli.js';
import { sampleFile } from './support/factories.js';

/**
 * The installed command, in a fresh process, as a user runs it: `bin/gnbv.js` over the compiled
 * CLI (`npm test` compiles it first). The in-process tests cannot see a broken entry point.
 */
const run = promisify(execFile);
const BIN = path.resolve('bin/gnbv.js');
let dir = '';

async function gnbvProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, NODE_OPTIONS: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

before(async () => {
  dir = await tempDir('gnbv-bin-');
});
after(() => rm(dir, { recursive: true, force: true }));

test('gnbv --help prints the Vietnamese usage and exits 0', async () => {
  const result = await gnbvProcess('--help');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /gnbv validate/);
  assert.match(result.stdout, /gộp|Gộp/);
});

test('gnbv validate on a clean unit file exits 0; on a file with an error exits 1', async () => {
  const clean = path.join(dir, 'Cam An.xlsx');
  await writeFile(clean, await writeSpecs(sampleFile('19603').sheets));
  const ok = await gnbvProcess('validate', clean);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /0 lỗi/);
  const planted = path.join(dir, 'Cam Hiếu.xlsx');
  await writeFile(planted, await writeSpecs(sampleFile('19615').sheets));
  const bad = await gnbvProcess('validate', planted);
  assert.equal(bad.code, 1, bad.stdout + bad.stderr);
});

test('an unknown command exits 2 with a message, not a stack trace', async () => {
  const result = await gnbvProcess('gop');
  assert.equal(result.code, 2);
  assert.doesNotMatch(result.stderr + result.stdout, /\n\s+at /);
});
