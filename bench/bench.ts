// npm run bench: time of `validate` and `merge` next to the time of merely loading the same
// files with ExcelJS, as ratios measured in the same run (goals: validate ≤ 1.25×, merge ≤ 1.5×);
// then, on 150 unit files, the command line and the pane (the demo page in Chromium) side by side
// with their peak memory (goal: the pane ≤ about 2× the command line); then the peak memory and
// time of reading each file of the hostile corpus (goal: refused within 1 GB and 10 s).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { hostileCorpus, sheetXml, workbookParts, zipParts } from '../tests/support/hostile-files.js';
import { benchPane } from './pane.js';
import { builtinTemplates, builtinUnitList } from '../src/engine/builtin.js';
import type { MergeSource } from '../src/engine/merge.js';
import { districtWorkbook, mergeSource, planSessionMerge } from '../src/merge-session.js';
import { sampleWorkbooks } from '../src/engine/sample.js';
import type { UnitList } from '../src/engine/units.js';
import { checkWorkbook, type EngineConfig } from '../src/engine/workbook.js';
import { readWorkbookBytes } from '../src/io/workbook-bytes.js';
import { loadWorkbook, writeSpecs } from '../src/io/xlsx.js';

interface InputFile {
  name: string;
  bytes: Uint8Array;
}

async function makeSet(units: UnitList): Promise<InputFile[]> {
  const config: EngineConfig = { templates: builtinTemplates(), units };
  const files: InputFile[] = [];
  for (const sample of sampleWorkbooks(config)) files.push({ name: sample.fileName, bytes: await writeSpecs(sample.sheets) });
  return files;
}

/** A province-sized unit list: Cam Lộ's 9 and 141 more communes. */
function provinceUnits(): UnitList {
  const camLo = builtinUnitList('cam-lo');
  const more = Array.from({ length: 141 }, (_, i) => ({ code: String(30000 + i), name: `Xã Thử Nghiệm ${String(i + 1).padStart(3, '0')}`, shortName: `Thử Nghiệm ${String(i + 1).padStart(3, '0')}` }));
  return { ...camLo, id: 'tinh-thu', district: 'Tỉnh Thử Nghiệm', units: [...camLo.units, ...more] };
}

async function loadOnly(files: InputFile[]): Promise<void> {
  for (const file of files) await loadWorkbook(file.bytes);
}

async function validateAll(files: InputFile[], config: EngineConfig): Promise<number> {
  let issues = 0;
  for (const file of files) issues += checkWorkbook({ file: file.name, grids: await readWorkbookBytes(file.name, file.bytes) }, config).report.issues.length;
  return issues;
}

async function mergeAll(files: InputFile[], config: EngineConfig): Promise<number> {
  const sources: MergeSource[] = [];
  for (const file of files) {
    sources.push(mergeSource({ file: file.name, grids: await readWorkbookBytes(file.name, file.bytes), sha256: 'bench' }, config, ''));
  }
  const out = await writeSpecs(districtWorkbook(planSessionMerge(config, sources), new Date()).sheets);
  return out.byteLength;
}

/** Collects garbage between runs (node --expose-gc) so one job does not pay for another's heap. */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function time(run: () => Promise<unknown>): Promise<number> {
  collect();
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Runs the three jobs interleaved, several rounds, and keeps each one's median. */
async function measure(label: string, files: InputFile[], config: EngineConfig, rounds: number): Promise<void> {
  await loadOnly(files.slice(0, 3));
  const samples = { load: [] as number[], validate: [] as number[], merge: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    samples.load.push(await time(() => loadOnly(files)));
    samples.validate.push(await time(() => validateAll(files, config)));
    samples.merge.push(await time(() => mergeAll(files, config)));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const load = median(samples.load);
  const validate = median(samples.validate);
  const merge = median(samples.merge);
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  process.stdout.write(
    `${label} (${files.length} files, median of ${rounds}):\n` +
      `  load with ExcelJS  ${fmt(load)}\n` +
      `  validate           ${fmt(validate)}  = ${(validate / load).toFixed(2)}× load  (goal ≤ 1.25×)\n` +
      `  merge              ${fmt(merge)}  = ${(merge / load).toFixed(2)}× load  (goal ≤ 1.50×)\n`,
  );
}

const camLo: EngineConfig = { templates: builtinTemplates(), units: builtinUnitList('cam-lo') };
await measure('Sample set, huyện Cam Lộ', await makeSet(camLo.units), camLo, 15);
const province: EngineConfig = { templates: builtinTemplates(), units: provinceUnits() };
const provinceFiles = await makeSet(province.units);
await measure('Province-sized set', provinceFiles, province, 5);

const run = promisify(execFile);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/** Runs a TypeScript file in a Node process of its own and parses the JSON line it prints. */
async function child<T>(script: string, args: string[], heapMB = 2048): Promise<T> {
  const { stdout } = await run(process.execPath, [`--max-old-space-size=${heapMB}`, '--import', 'tsx', script, ...args], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as T;
}

async function cliBesidePane(files: InputFile[], rounds: number): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gnbv-bench-'));
  for (const file of files) await writeFile(path.join(dir, file.name), file.bytes);
  const cli: Array<{ readPlanMs: number; mergeMs: number; peakBytes: number }> = [];
  for (let round = 0; round < rounds; round++) cli.push(await child('bench/cli-child.ts', [dir]));
  const readPlan = median(cli.map((c) => c.readPlanMs));
  process.stdout.write(
    `${files.length} unit files, command line beside the pane (Cam Lộ's unit list, median of ${rounds}):\n` +
      `  command line: read + check + plan  ${seconds(readPlan)}; with writing the district workbook ${seconds(median(cli.map((c) => c.mergeMs)))}; peak ${megabytes(Math.max(...cli.map((c) => c.peakBytes)))} RSS\n`,
  );
  if (!existsSync('dist/addin/demo.html')) {
    process.stdout.write('  pane: skipped, dist/addin is missing (npm run build)\n');
    return;
  }
  const pane = await benchPane(dir, rounds);
  const paneMs = median(pane.ms);
  process.stdout.write(
    `  pane (demo page, Chromium): read + check + plan  ${seconds(paneMs)} = ${(paneMs / readPlan).toFixed(2)}× the command line (goal ≤ 2×); ` +
      `peak ${megabytes(pane.peakRendererBytes)} renderer RSS, ${megabytes(pane.peakHeapBytes)} JS heap\n`,
  );
}

/** Each hostile file read by the command line's code in a process whose heap is capped at 2 GB. */
async function hostile(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gnbv-hostile-'));
  process.stdout.write('Hostile corpus, each file read in its own process (--max-old-space-size=2048; goal: within 1 GB and 10 s):\n');
  // Beside the corpus: the largest workbook the budgets accept (5 sheets of 99,995 cells), and
  // 1.9 GB of junk (a sparse file: no disk used).
  const largest = { name: 'largest-accepted.xlsx', bytes: zipParts(workbookParts(Array.from({ length: 5 }, () => ({ xml: sheetXml(19_999, 5) })))) };
  for (const file of [...hostileCorpus(), largest, { name: 'junk-1.9GB.xlsx', bytes: new Uint8Array(0) }]) {
    const target = path.join(dir, file.name);
    await writeFile(target, file.bytes);
    if (file.name.startsWith('junk')) await truncate(target, Math.round(1.9 * 2 ** 30));
    const read = await child<{ ok: boolean; problem?: string; ms: number; peakBytes: number }>('tests/support/read-in-child.ts', [target]);
    const size = file.bytes.length || 1.9 * 2 ** 30;
    process.stdout.write(`  ${file.name.padEnd(24)} ${(size / 2 ** 20).toFixed(1).padStart(6)} MB  ${read.ok ? 'read' : `refused (${read.problem})`}  ${seconds(read.ms)}  peak ${megabytes(read.peakBytes)} RSS\n`);
  }
}

await cliBesidePane(provinceFiles, 3);
await hostile();
