import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in-process, capturing what it prints. */
export async function gnbv(...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t), now: () => new Date('2018-07-20T09:30:00+07:00') });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const made = new Set<string>();
/** Removes this test file's temp folders when its process ends, whatever the outcome. */
export function removeTempDirs(): void {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
  made.clear();
}
process.once('exit', removeTempDirs);

/** A fresh temp folder of this test process, removed when it ends. */
export async function tempDir(prefix = 'gnbv-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.add(dir);
  return dir;
}
