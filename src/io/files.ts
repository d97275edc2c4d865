import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, rmSync } from 'node:fs';
import path from 'node:path';
import { SAY } from '../cli/text.js';
import type { Grid } from '../engine/grid.js';
import { LocalizedError } from '../engine/localized-error.js';
import { InputError } from './input-error.js';
import { READ_LIMITS, type ReadLimits } from './limits.js';
import { readWorkbookBytes } from './workbook-bytes.js';

export interface ReadWorkbook {
  file: string;
  path: string;
  bytes: Uint8Array;
  sha256: string;
  grids: Grid[];
}

/** Reads a received workbook; its size is checked before a byte is read. */
export async function readWorkbookFile(filePath: string, limits: ReadLimits = READ_LIMITS): Promise<ReadWorkbook> {
  const bytes = await readReceivedBytes(filePath, limits);
  const file = path.basename(filePath).normalize('NFC');
  const grids = await readWorkbookBytes(file, bytes, limits);
  return { file, path: filePath, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), grids };
}

/** A received file's bytes, or an InputError: missing, unreadable, or too large to read at all. */
export async function readReceivedBytes(filePath: string, limits: ReadLimits = READ_LIMITS): Promise<Uint8Array> {
  const file = path.basename(filePath).normalize('NFC');
  try {
    const stat = await fs.stat(filePath);
    if (!stat.isFile()) throw new InputError(file, 'unreadable');
    if (stat.size > limits.maxFileBytes) throw new InputError(file, 'file-too-large', undefined, { bytes: stat.size, limit: limits.maxFileBytes });
    return new Uint8Array(await fs.readFile(filePath));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not-found' : 'unreadable');
  }
}

/** Temp files being written, removed by removeTempFiles when the process is interrupted. */
const liveTempFiles = new Set<string>();

/**
 * Writes beside the target, then links or renames it into place: a crash or a full disk never
 * leaves half a workbook. Without overwrite the target is created exclusively (a hard link
 * fails if the name exists), so of two writers started together exactly one wins and the other
 * gets OutputExistsError. Throws OutputWriteError for what the file system refuses. The temp
 * file is removed on every path.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array, overwrite: boolean): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await removeStaleTempFiles(target);
  liveTempFiles.add(temp);
  try {
    await fs.writeFile(temp, bytes, { flag: 'wx' });
    if (overwrite) await fs.rename(temp, target);
    else await createExclusively(temp, target);
  } catch (error) {
    if (error instanceof OutputExistsError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      const isFolder = await fs.stat(target).then((s) => s.isDirectory(), () => false);
      throw isFolder ? new OutputWriteError(target, 'EISDIR', error) : new OutputExistsError(target);
    }
    throw typeof code === 'string' ? new OutputWriteError(target, code, error) : error;
  } finally {
    await fs.rm(temp, { force: true }).catch(() => {});
    liveTempFiles.delete(temp);
  }
}

async function createExclusively(temp: string, target: string): Promise<void> {
  try {
    await fs.link(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Some file systems (FAT on a USB stick, some network shares) have no hard links: reserve
    // the name exclusively, then rename over the reservation.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    await (await fs.open(target, 'wx')).close();
    await fs.rename(temp, target);
  }
}

/**
 * Removes the temp files an earlier write of the same target left when its process was killed
 * outright (SIGKILL, a power cut), recognised by their name and a process id no longer running.
 */
async function removeStaleTempFiles(target: string): Promise<void> {
  const folder = path.dirname(target);
  const prefix = `.${path.basename(target)}.`;
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const pid = name.startsWith(prefix) ? /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid && !processRunning(Number(pid))) await fs.rm(path.join(folder, name), { force: true }).catch(() => {});
  }
}

function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temp files of writes in progress; for an interrupted process (SIGINT, SIGTERM). */
export function removeTempFiles(): void {
  for (const temp of liveTempFiles) rmSync(temp, { force: true });
  liveTempFiles.clear();
}

export class OutputExistsError extends LocalizedError {
  constructor(readonly target: string) {
    super(SAY.vi.outputExists(target), SAY.en.outputExists(target));
  }
}

/** The file system refused to write an output (no permission, read-only, full, a folder…). */
export class OutputWriteError extends LocalizedError {
  constructor(
    readonly target: string,
    readonly code: string,
    cause: unknown,
  ) {
    super(SAY.vi.writeFailed(code, target), SAY.en.writeFailed(code, target), { cause });
  }
}

/** An output that is one of the inputs: refused even with --force, so no original is replaced. */
export class OutputIsInputError extends LocalizedError {
  constructor(
    readonly target: string,
    readonly input: string,
  ) {
    super(SAY.vi.outputIsInput(target, input), SAY.en.outputIsInput(target, input));
  }
}

/**
 * Checks an output before any input is read, so a run that cannot write fails at once: its
 * folder must exist, it must not be a folder, nor an existing file without --force, nor one of
 * the inputs however spelled (relative, through a link, another case on a case-insensitive
 * disk), even with --force. Writing checks again; this only fails early.
 */
export async function checkOutput(output: string, inputs: readonly string[], overwrite: boolean): Promise<void> {
  const folder = await fs.stat(path.dirname(path.resolve(output))).catch((error: NodeJS.ErrnoException) => error);
  if (folder instanceof Error) throw typeof folder.code === 'string' ? new OutputWriteError(output, folder.code, folder) : folder;
  if (!folder.isDirectory()) throw new OutputWriteError(output, 'ENOTDIR', null);
  const target = await fs.stat(output).catch(() => null);
  if (!target) return;
  if (target.isDirectory()) throw new OutputWriteError(output, 'EISDIR', null);
  const real = await fs.realpath(output);
  for (const input of inputs) {
    const source = await fs.stat(input).catch(() => null);
    const same = source && ((source.dev === target.dev && source.ino === target.ino && target.ino !== 0) || (await fs.realpath(input)) === real);
    if (same) throw new OutputIsInputError(output, input);
  }
  if (!overwrite) throw new OutputExistsError(output);
}
