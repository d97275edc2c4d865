// npm run bench: time of `validate` and `merge` next to the time of merely loading the same
// files with ExcelJS, as ratios measured in the same run (goals: validate ≤ 1.25×, merge ≤ 1.5×).
import { builtinTemplates, builtinUnitList } from '../src/engine/builtin.js';
import { districtSheets, planMerge, type MergeSource } from '../src/engine/merge.js';
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
    const checked = checkWorkbook({ file: file.name, grids: await readWorkbookBytes(file.name, file.bytes) }, config);
    sources.push({ ...checked, sha256: 'bench', readAt: '' });
  }
  const out = await writeSpecs(districtSheets(planMerge(sources, config), '').sheets);
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
await measure('Province-sized set', await makeSet(province.units), province, 5);
