// A gnbv process caught by a signal in the middle of writing its output: the temp file exists
// (its first bytes written) and the write never finishes. The test sends SIGTERM on "writing".
import { promises as fsp } from 'node:fs';
import { mock } from 'node:test';
import { installExitHandlers } from '../../src/cli/process-exit.js';
import { writeFileAtomic } from '../../src/io/files.js';

installExitHandlers('vi');
const writeFile = fsp.writeFile;
mock.method(fsp, 'writeFile', async (file: string, data: Uint8Array, options: object) => {
  await writeFile(file, data.subarray(0, 10), options);
  process.stdout.write('writing\n');
  await new Promise(() => setInterval(() => {}, 1000));
});
await writeFileAtomic(process.argv[2]!, new Uint8Array(100), false);
