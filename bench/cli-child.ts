// The command line's side of `npm run bench`, in a process of its own so its peak memory is its
// own: reads and plans the files of a folder as `gnbv merge` does (what the pane does before
// its review), then writes the district workbook; prints the times and the peak RSS as JSON.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { MergeSource } from '../src/engine/merge.js';
import { districtWorkbook, engineConfigFor, mergeSource, planSessionMerge } from '../src/merge-session.js';
import { readWorkbookFile } from '../src/io/files.js';
import { writeSpecs } from '../src/io/xlsx.js';

const dir = process.argv[2]!;
const config = engineConfigFor();
const files = (await readdir(dir)).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(dir, f));
const started = performance.now();
const sources: MergeSource[] = [];
for (const file of files) {
  const read = await readWorkbookFile(file);
  sources.push(mergeSource({ file: read.file, grids: read.grids, sha256: read.sha256 }, config, ''));
}
const plan = planSessionMerge(config, sources);
const planned = performance.now();
await writeSpecs(districtWorkbook(plan, new Date()).sheets);
const written = performance.now();
process.stdout.write(`${JSON.stringify({ readPlanMs: planned - started, mergeMs: written - started, peakBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
