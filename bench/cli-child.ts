// The command line's side of `npm run bench`, in a process of its own so its peak memory is its
// own: reads and plans the files of a folder as `gnbv merge` does (what the pane does before
// its review), then writes the district workbook; prints the times and the peak RSS as JSON.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { builtinTemplates, builtinUnitList } from '../src/engine/builtin.js';
import { districtSheets, planMerge, type MergeSource } from '../src/engine/merge.js';
import { checkWorkbook, type EngineConfig } from '../src/engine/workbook.js';
import { readWorkbookFile } from '../src/io/files.js';
import { writeSpecs } from '../src/io/xlsx.js';

const dir = process.argv[2]!;
const config: EngineConfig = { templates: builtinTemplates(), units: builtinUnitList('cam-lo') };
const files = (await readdir(dir)).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(dir, f));
const started = performance.now();
const sources: MergeSource[] = [];
for (const file of files) {
  const read = await readWorkbookFile(file);
  sources.push({ ...checkWorkbook({ file: read.file, grids: read.grids }, config), sha256: read.sha256, readAt: '' });
}
const plan = planMerge(sources, config);
const planned = performance.now();
await writeSpecs(districtSheets(plan, '').sheets);
const written = performance.now();
process.stdout.write(`${JSON.stringify({ readPlanMs: planned - started, mergeMs: written - started, peakBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
