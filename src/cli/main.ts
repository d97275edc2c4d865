import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BLANK_UNIT_NAME, blankTemplateSheet } from '../engine/annex-sheet.js';
import { builtinTemplates, builtinUnitList } from '../engine/builtin.js';
import { categoryOf } from '../engine/categories.js';
import { vietnamTime } from '../engine/local-time.js';
import type { Language } from '../engine/messages.js';
import { districtSheets, planMerge, type MergeSource } from '../engine/merge.js';
import { sampleWorkbooks } from '../engine/sample.js';
import { totalsForTable } from '../engine/totals.js';
import { identifyUnit } from '../engine/units.js';
import { checkWorkbook, type EngineConfig } from '../engine/workbook.js';
import { readWorkbookFile, writeFileAtomic, OutputExistsError, type ReadWorkbook } from '../io/files.js';
import { InputError } from '../io/input-error.js';
import { loadWorkbook, workbookBytes, workbookGrids, writeSpecCell, writeSpecs } from '../io/xlsx.js';
import { HELP, SAY } from './text.js';
import { earlyAnswer, expandFolders, missingFileHints, optionRefused, refusedOption, refusedValue } from './args.js';
import type { ValidationReport } from '../engine/validate.js';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  now: () => Date;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  now: () => new Date(),
};

/** Exit codes: 0 done / valid, 1 errors found, 2 bad input or usage. */
export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const early = earlyAnswer(argv, io.out);
  if (early !== undefined) return early;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        district: { type: 'string', default: 'cam-lo' },
        unit: { type: 'string' },
        force: { type: 'boolean' },
        lang: { type: 'string', default: 'vi' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') io.err(optionRefused(error as Error, argv));
    else io.err(`${(error as Error).message}\n\n${HELP.vi}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const lang: Language = values.lang === 'en' ? 'en' : 'vi';
  const [command, ...files] = positionals;
  if (values.help || !command) {
    io.out(values.lang === 'en' ? HELP.en : `${HELP.vi}\n${HELP.en}`);
    return values.help ? 0 : 2;
  }
  const say = SAY[lang];
  let config: EngineConfig;
  try {
    config = { templates: builtinTemplates(), units: builtinUnitList(values.district) };
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  const refused = refusedOption(command, values, argv) ?? refusedValue(values, config.units, argv);
  if (refused) {
    io.err(refused);
    return 2;
  }
  // A folder stands for its .xlsx files; a missing file gets the near-miss names beside it.
  if (command === 'validate' || command === 'merge' || command === 'totals') {
    files.splice(0, files.length, ...(await expandFolders(files)));
    for (const hint of await missingFileHints(files, lang)) io.err(hint);
  }
  const options = { lang, json: values.json ?? false, output: values.output, force: values.force ?? false, unit: values.unit };
  try {
    switch (command) {
      case 'validate':
        return await validateCommand(files, config, options, io);
      case 'merge':
        return await mergeCommand(files, config, options, io);
      case 'totals':
        return await totalsCommand(files, config, options, io);
      case 'template':
        return await templateCommand(files, config, options, io);
      case 'sample':
        return await sampleCommand(config, options, io);
      default:
        io.err(say.unknownCommand(command));
        return 2;
    }
  } catch (error) {
    if (error instanceof OutputExistsError || error instanceof InputError) {
      io.err(lang === 'en' && error instanceof InputError ? error.en : error.message);
      return 2;
    }
    throw error;
  }
}

interface Options {
  lang: Language;
  json: boolean;
  output: string | undefined;
  force: boolean;
  unit: string | undefined;
}

type ReadResult = { ok: true; workbook: ReadWorkbook } | { ok: false; file: string; error: InputError };

/** Reads files one by one, with progress on stderr once it takes more than a moment. */
async function readAll(files: string[], io: CliIo, lang: Language): Promise<ReadResult[]> {
  const started = Date.now();
  const results: ReadResult[] = [];
  for (const [i, file] of files.entries()) {
    if (Date.now() - started > 1000) io.err(SAY[lang].reading(i + 1, files.length, path.basename(file)));
    try {
      results.push({ ok: true, workbook: await readWorkbookFile(file) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      results.push({ ok: false, file, error });
    }
  }
  return results;
}

async function validateCommand(files: string[], config: EngineConfig, options: Options, io: CliIo): Promise<number> {
  const say = SAY[options.lang];
  if (files.length === 0) {
    io.err(say.noInput);
    return 2;
  }
  const results = await readAll(files, io, options.lang);
  const reports: Array<{ file: string; report?: ValidationReport; error?: { problem: string; vi: string; en: string } }> = [];
  for (const result of results) {
    if (!result.ok) {
      reports.push({ file: result.error.file, error: { problem: result.error.problem, vi: result.error.vi, en: result.error.en } });
      continue;
    }
    const { report } = checkWorkbook({ file: result.workbook.file, grids: result.workbook.grids }, config);
    reports.push({ file: result.workbook.file, report });
  }
  const errors = reports.reduce((n, r) => n + (r.report?.stats.errors ?? 0), 0);
  const warnings = reports.reduce((n, r) => n + (r.report?.stats.warnings ?? 0), 0);
  const unreadable = reports.filter((r) => r.error).length;
  if (options.json) {
    io.out(JSON.stringify({ files: reports, summary: { files: reports.length, errors, warnings, unreadable } }, null, 2));
  } else {
    for (const r of reports) {
      if (r.error) {
        io.out(`✗ ${options.lang === 'en' ? r.error.en : r.error.vi}`);
        continue;
      }
      const report = r.report!;
      io.out(`${report.valid ? '✓' : '✗'} ${r.file}: ${report.issues.length === 0 ? say.valid : `${report.stats.errors} ${say.error}, ${report.stats.warnings} ${say.warning}`}`);
      for (const issue of report.issues) {
        const where = issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet;
        io.out(`   [${issue.severity === 'error' ? say.error : say.warning}] ${where} ${categoryOf(issue.code, options.lang).name}: ${issue.message[options.lang]}`);
      }
    }
    io.out(say.summary(reports.length, errors, warnings, unreadable));
  }
  return unreadable > 0 ? 2 : errors > 0 ? 1 : 0;
}

async function mergeCommand(files: string[], config: EngineConfig, options: Options, io: CliIo): Promise<number> {
  const say = SAY[options.lang];
  if (files.length === 0) return usage(io, say.noInput);
  if (!options.output) return usage(io, say.noOutput);
  if (!options.force && (await exists(options.output))) throw new OutputExistsError(options.output);
  const results = await readAll(files, io, options.lang);
  const failed = results.filter((r): r is Extract<ReadResult, { ok: false }> => !r.ok);
  if (failed.length) {
    for (const f of failed) io.err(options.lang === 'en' ? f.error.en : f.error.vi);
    io.err(say.mergeRefused);
    return 2;
  }
  const readAt = io.now().toISOString();
  const sources: MergeSource[] = results.map((r) => {
    const { workbook } = r as Extract<ReadResult, { ok: true }>;
    return { ...checkWorkbook({ file: workbook.file, grids: workbook.grids }, config), sha256: workbook.sha256, readAt };
  });
  const plan = planMerge(sources, config);
  const district = districtSheets(plan, formatTime(io.now()));
  await writeFileAtomic(options.output, await writeSpecs(district.sheets), options.force);

  const received = plan.completeness.filter((u) => u.status !== 'missing');
  io.out(say.received(received.length, plan.completeness.length));
  const missing = plan.completeness.filter((u) => u.status === 'missing');
  if (missing.length) io.out(say.missing(missing.map((u) => u.unit.name).join(', ')));
  for (const u of plan.completeness.filter((c) => c.status === 'duplicate')) io.out(say.duplicate(u.unit.name, u.files.join(', ')));
  for (const s of plan.skipped.filter((k) => k.reason === 'unknown-unit' || k.reason === 'ambiguous-unit'))
    io.out(say.skipped(s.file, s.sheet, s.reason === 'unknown-unit' ? say.unknownUnit : say.ambiguousUnit(s.detail)));
  io.out(say.wrote(options.output));
  return 0;
}

async function totalsCommand(files: string[], config: EngineConfig, options: Options, io: CliIo): Promise<number> {
  const say = SAY[options.lang];
  if (files.length !== 1) return usage(io, say.noInput);
  if (!options.output) return usage(io, say.noOutput);
  if (!options.force && (await exists(options.output))) throw new OutputExistsError(options.output);
  const read = await readWorkbookFile(files[0]!);
  // Re-open the user's workbook itself so everything else in it is kept as it was.
  const workbook = await loadWorkbook(read.bytes);
  const { tables } = checkWorkbook({ file: read.file, grids: workbookGrids(workbook) }, config);
  if (tables.length === 0) {
    io.err(say.noAnnex(read.file));
    return 1;
  }
  let formulas = 0;
  let differed = 0;
  for (const { table } of tables) {
    const worksheet = workbook.getWorksheet(table.grid.name)!;
    const totals = totalsForTable(table);
    for (const planned of totals.formulas) writeSpecCell(worksheet, { ...planned.at, formula: planned.formula, result: planned.result });
    for (const check of totals.checkCells) writeSpecCell(worksheet, check);
    formulas += totals.formulas.length;
    differed += totals.differences.length;
    for (const d of totals.differences) io.out(say.totalsChanged(table.grid.name, d.cell, String(d.typed ?? say.blank), String(d.formula ?? say.blank)));
  }
  workbook.calcProperties.fullCalcOnLoad = true;
  await writeFileAtomic(options.output, await workbookBytes(workbook), options.force);
  io.out(say.totalsDone(formulas, differed));
  io.out(say.wrote(options.output));
  return 0;
}

async function templateCommand(ids: string[], config: EngineConfig, options: Options, io: CliIo): Promise<number> {
  const say = SAY[options.lang];
  if (ids.length !== 1) return usage(io, 'gnbv template PL01|PL02|NV|ALL -o FILE.xlsx');
  if (!options.output) return usage(io, say.noOutput);
  const wanted = ids[0]!.toUpperCase();
  const templates = wanted === 'ALL' ? [...config.templates] : config.templates.filter((t) => t.id === wanted);
  if (templates.length === 0) return usage(io, `Không có mẫu biểu "${ids[0]}" / no template "${ids[0]}": ${config.templates.map((t) => t.id).join(', ')}, ALL`);
  let unitName = BLANK_UNIT_NAME;
  if (options.unit) {
    const match = identifyUnit(options.unit, config.units);
    unitName = match.kind === 'unit' ? match.unit.name : match.kind === 'district' ? config.units.district : options.unit.normalize('NFC');
  }
  const specs = templates.map((template) => blankTemplateSheet(template, unitName));
  await writeFileAtomic(options.output, await writeSpecs(specs), options.force);
  io.out(say.wrote(options.output));
  return 0;
}

async function sampleCommand(config: EngineConfig, options: Options, io: CliIo): Promise<number> {
  const say = SAY[options.lang];
  if (!options.output) return usage(io, say.noOutput);
  await fs.mkdir(options.output, { recursive: true });
  const samples = sampleWorkbooks(config);
  const lines = ['# Bộ số liệu mẫu GNBV / GNBV sample workbooks', '', 'Lỗi cài sẵn mà `gnbv validate` phải báo (các tệp khác phải hợp lệ):', '', '| tệp | trang!ô | mã | lỗi |', '|---|---|---|---|'];
  for (const sample of samples) {
    await writeFileAtomic(path.join(options.output, sample.fileName), await writeSpecs(sample.sheets), options.force);
    for (const p of sample.planted) lines.push(`| ${sample.fileName} | ${p.sheet}!${p.cell} | ${p.code} | ${p.what} |`);
    if (sample.planted.length) io.out(say.samplePlanted(sample.fileName, sample.planted.length));
  }
  const variant = samples.find((s) => s.layout === 'variant');
  if (variant) lines.push('', `Bố cục khác mẫu (bảng lệch vị trí, STT, dòng trống, tiêu đề năm không gộp ô, NFD, cột đảo thứ tự): ${variant.fileName}`);
  const planted = samples.flatMap((s) => s.planted.map((p) => ({ file: s.fileName, ...p })));
  await writeFileAtomic(path.join(options.output, 'PLANTED.md'), new TextEncoder().encode(`${lines.join('\n')}\n`), options.force);
  await writeFileAtomic(path.join(options.output, 'planted.json'), new TextEncoder().encode(`${JSON.stringify(planted, null, 2)}\n`), options.force);
  io.out(say.wrote(`${options.output} (${samples.length})`));
  return 0;
}

function usage(io: CliIo, message: string): number {
  io.err(message);
  return 2;
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}

function formatTime(date: Date): string {
  return vietnamTime(date);
}
