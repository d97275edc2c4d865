// Reads one file as the command line does, in a process of its own, and prints what happened
// with the process's peak memory: run with a small --max-old-space-size, it shows a bad file is
// refused within a memory budget (a crash would be exit code 134, not a line of JSON).
import { readWorkbookFile } from '../../src/io/files.js';
import { InputError } from '../../src/io/input-error.js';

const started = performance.now();
const result = await readWorkbookFile(process.argv[2]!).then(
  (read) => ({ ok: true, sheets: read.grids.length }),
  (error: unknown) => {
    if (!(error instanceof InputError)) throw error;
    return { ok: false, problem: error.problem, vi: error.vi, en: error.en };
  },
);
process.stdout.write(`${JSON.stringify({ ...result, ms: Math.round(performance.now() - started), peakBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
