import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Grid } from '../engine/grid.js';
import { InputError } from './input-error.js';
import { readWorkbookBytes } from './workbook-bytes.js';

export interface ReadWorkbook {
  file: string;
  path: string;
  bytes: Uint8Array;
  sha256: string;
  grids: Grid[];
}

export async function readWorkbookFile(filePath: string): Promise<ReadWorkbook> {
  const file = path.basename(filePath).normalize('NFC');
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(filePath);
    if (!stat.isFile()) throw new InputError(file, 'unreadable');
    bytes = new Uint8Array(await fs.readFile(filePath));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not-found' : 'unreadable');
  }
  const grids = await readWorkbookBytes(file, bytes);
  return { file, path: filePath, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), grids };
}

/**
 * Writes beside the target, then renames: a crash or a full disk never leaves half a workbook,
 * and an existing file is replaced only when the caller says so.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array, overwrite: boolean): Promise<void> {
  if (!overwrite) {
    const exists = await fs.stat(target).then(() => true, () => false);
    if (exists) throw new OutputExistsError(target);
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, bytes, { flag: 'wx' });
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

export class OutputExistsError extends Error {
  constructor(readonly target: string) {
    super(`Tệp ${target} đã có. Dùng --force để ghi đè, hoặc chọn tên khác. / ${target} exists: use --force to overwrite, or choose another name.`);
    this.name = 'OutputExistsError';
  }
}
