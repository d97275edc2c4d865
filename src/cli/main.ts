import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BLANK_UNIT_NAME, blankTemplateSheet } from '../engine/annex-sheet.js';
import { categoryOf } from '../engine/categories.js';
import { LocalizedError, messageOf } from '../engine/localized-error.js';
import type { Language } from '../engine/messages.js';
import { mergeBlockers, needsDecision, type MergeBlocker, type MergeDecisions, type MergePlan, type MergeSource } from '../engine/merge.js';
import { unitListProblems } from '../engine/departments.js';
import { districtWorkbook, duplicateQuestions, engineConfigFor, fileNamed, formatGeneratedAt, mergeSource, planSessionMerge, reporterNamed, shaPrefix, unitListFromJson } from '../merge-session.js';
import { departmentSampleWorkbooks, sampleWorkbooks } from '../engine/sample.js';
import { canWriteTotals, totalsCells, totalsForTable } from '../engine/totals.js';
import { identifyUnit, reportersOf, UnitListError, type UnitList } from '../engine/units.js';
import { checkWorkbook, type EngineConfig } from '../engine/workbook.js';
import { checkOutput, OutputWriteError, readWorkbookFile, writeFileAtomic, type ReadWorkbook } from '../io/files.js';
import { InputError } from '../io/input-error.js';
import { openWorkbookBytes } from '../io/workbook-bytes.js';
import { workbookBytes, workbookGrids, writeSpecCell, writeSpecs } from '../io/xlsx.js';
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
        units: { type: 'string' },
        assign: { type: 'string', multiple: true },
        prefer: { type: 'string', multiple: true },
        unit: { type: 'string' },
        force: { type: 'boolean' },
        'allow-errors': { type: 'boolean' },
        lang: { type: 'string', default: 'vi' },
        help: { type: 'boolean', short: 'h' },
        debug: { type: 'boolean' },
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
    config = await engineConfig(values.district, values.units);
  } catch (error) {
    io.err(failureLine(error, lang));
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
  const options = {
    lang,
    json: values.json ?? false,
    output: values.output,
    force: values.force ?? false,
    unit: values.unit,
    allowErrors: values['allow-errors'] ?? false,
    assign: values.assign ?? [],
    prefer: values.prefer ?? [],
  };
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
    io.err(failureLine(error, lang));
    if (values.debug && error instanceof Error) io.err(error.stack ?? error.message);
    return 2;
  }
}

/** One line saying what failed, on which path, and what to do; the stack only with --debug. */
export function failureLine(error: unknown, lang: Language): string {
  const say = SAY[lang];
  const localized = messageOf(error, lang);
  if (localized !== undefined) return localized;
  const errno = error as NodeJS.ErrnoException;
  if (typeof errno?.code === 'string' && typeof errno.path === 'string') return say.writeFailed(errno.code, errno.path);
  return say.unexpected(error instanceof Error ? error.message : String(error));
}

interface Options {
  lang: Language;
  json: boolean;
  output: string | undefined;
  force: boolean;
  unit: string | undefined;
  allowErrors: boolean;
  assign: string[];
  prefer: string[];
}

/** The shipped templates with a district's unit list: a shipped one by id, or a JSON file (--units). */
async function engineConfig(district: string, unitsFile: string | undefined): Promise<EngineConfig> {
  const { templates } = engineConfigFor();
  let units: UnitList;
  if (unitsFile) {
    let text: string;
    try {
      text = await fs.readFile(unitsFile, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new LocalizedError(`Không đọc được danh sách đơn vị ${unitsFile} (${reason}). Kiểm tra đường dẫn --units.`, `Cannot read the unit list ${unitsFile} (${reason}). Check the --units path.`, { cause: error });
    }
    units = unitListFromJson(text, unitsFile, templates);
  } else units = engineConfigFor(district).units;
  const problems = unitListProblems(units, templates);
  if (problems.length) throw new UnitListError(unitsFile ?? district, problems);
  return engineConfigFor(units);
}

type ReadResult = { ok: true; workbook: ReadWorkbook } | { ok: false; file: string; error: InputError };

/**
 * Reads files one by one, with progress on stderr once it takes more than a second. The clock is
 * the io's, so a test decides when that is (and a slow machine adds no line to a test's output).
 */
async function readAll(files: string[], io: CliIo, lang: Language): Promise<ReadResult[]> {
  const started = io.now().getTime();
  const results: ReadResult[] = [];
  for (const [i, file] of files.entries()) {
    if (io.now().getTime() - started > 1000) io.err(SAY[lang].reading(i + 1, files.length, path.basename(file)));
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
      io.out(`${report.valid ? '✓' : '✗'} ${r.file}: ${report.issues.length === 0 ? say.valid : say.fileCounts(report.stats.errors, report.stats.warnings)}`);
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
  await checkOutput(options.output, files, options.force);
  const results = await readAll(files, io, options.lang);
  const failed = results.filter((r): r is Extract<ReadResult, { ok: false }> => !r.ok);
  if (failed.length) {
    for (const f of failed) io.err(options.lang === 'en' ? f.error.en : f.error.vi);
    io.err(say.mergeRefused);
    return 2;
  }
  const readAt = io.now().toISOString();
  const sources: MergeSource[] = [];
  for (const r of results) {
    const { workbook } = r as Extract<ReadResult, { ok: true }>;
    const stat = await fs.stat(workbook.path).catch(() => undefined);
    const received = { file: workbook.file, grids: workbook.grids, sha256: workbook.sha256, size: workbook.bytes.length, ...(stat ? { modifiedAt: stat.mtime.toISOString() } : {}) };
    sources.push(mergeSource(received, config, readAt));
  }
  const decisions = mergeDecisions(options, sources.map((s) => s.file), config, io);
  if (!decisions) return 2;
  const plan = planSessionMerge(config, sources, decisions);
  if (needsDecision(plan)) {
    reportUndecided(plan, options.lang, io);
    return 1;
  }
  const blockers = mergeBlockers(plan);
  for (const line of blockerLines(blockers, options.lang)) io.err(line);
  if (blockers.length && !options.allowErrors) {
    io.err(say.mergeBlocked);
    return 1;
  }
  const district = districtWorkbook(plan, io.now());
  await writeFileAtomic(options.output, await writeSpecs(district.sheets), options.force);

  const received = plan.completeness.filter((u) => u.status !== 'missing');
  io.out(say.received(received.length, plan.completeness.length));
  const missing = plan.completeness.filter((u) => u.status === 'missing');
  if (missing.length) io.out(say.missing(missing.map((u) => u.unit.name).join(', ')));
  if (plan.departmentCompleteness.length) {
    const got = plan.departmentCompleteness.filter((u) => u.status !== 'missing');
    io.out(say.departmentsReceived(got.length, plan.departmentCompleteness.length, got.map((u) => u.unit.name).join(', ')));
  }
  for (const s of [...plan.submissions, ...plan.departmentSubmissions])
    for (const old of s.replaces) io.out(say.replaced(s.unit.name, old.sheet, old.file, s.source.file));
  for (const s of plan.skipped.filter((k) => k.reason === 'duplicate')) io.out(say.notUsed(s.file, s.sheet, s.detail));
  for (const s of plan.skipped.filter((k) => k.reason === 'hidden')) io.out(say.hiddenSheet(s.file, s.sheet));
  for (const s of plan.skipped.filter((k) => k.reason === 'district')) io.out(say.districtSheet(s.file, s.sheet));
  // Written only with --allow-errors: the unit's errors were listed, but its figures being left out must be said too.
  for (const s of plan.skipped.filter((k) => k.reason === 'unmapped')) io.out(say.unmappedSheet(s.file, s.sheet, s.detail));
  io.out(say.wrote(options.output));
  return 0;
}

/** --assign "FILE=CODE" and --prefer FILE, checked against the files given and the unit list. */
function mergeDecisions(options: Options, files: string[], config: EngineConfig, io: CliIo): MergeDecisions | undefined {
  const say = SAY[options.lang];
  const assign = new Map<string, string>();
  for (const text of options.assign) {
    const at = text.lastIndexOf('=');
    // Stryker disable next-line EqualityOperator: at 0 the file part is empty, and no file is named ""
    const file = at > 0 ? fileNamed(text.slice(0, at), files) : undefined;
    const unit = at > 0 ? reporterNamed(text.slice(at + 1), config.units) : undefined;
    if (!file || !unit) {
      io.err(say.badAssign(text, !file ? files : [], !unit ? reportersOf(config.units).map((u) => `${u.code} ${u.name}`) : []));
      return undefined;
    }
    assign.set(file, unit.code);
  }
  const prefer = new Set<string>();
  for (const text of options.prefer) {
    const file = fileNamed(text, files);
    if (!file) {
      io.err(say.badPrefer(text, files));
      return undefined;
    }
    prefer.add(file);
  }
  return { assign, prefer };
}

/** Lists every file held back and every unit sent twice, with what to type to decide. */
function reportUndecided(plan: MergePlan, lang: Language, io: CliIo): void {
  const say = SAY[lang];
  for (const held of plan.held) {
    io.err(say.held(held.file, held.sheets.join(', '), say.heldReason[held.reason]));
    for (const c of held.candidates) io.err(`     ${c.code}  ${c.name}`);
    io.err(say.assignHint(held.file, held.candidates.length === 1 ? held.candidates[0]!.code : lang === 'en' ? 'CODE' : 'MÃ')); // one candidate is what to type; among several or none, naming one would be a guess
  }
  for (const question of duplicateQuestions(plan.duplicates)) {
    io.err(say.twice(question.unit.name, question.templates.join(', ')));
    for (const s of question.sources) io.err(say.claim(s.file, s.size, s.modifiedAt && formatGeneratedAt(new Date(s.modifiedAt), lang), shaPrefix(s.sha256), s.report.stats.errors, s.report.stats.warnings));
    io.err(say.preferHint(question.sources[0]!.file));
  }
  for (const conflict of plan.conflicts) {
    io.err(conflict.message[lang]);
    io.err(say.dropAssignHint(conflict.file, conflict.assigned.code));
  }
  io.err(say.nothingWritten);
}

async function totalsCommand(files: string[], config: EngineConfig, options: Options, io: CliIo): Promise<number> {
  const say = SAY[options.lang];
  if (files.length !== 1) return usage(io, say.noInput);
  if (!options.output) return usage(io, say.noOutput);
  await checkOutput(options.output, files, options.force);
  const read = await readWorkbookFile(files[0]!);
  // Re-open the user's workbook itself so everything else in it is kept as it was.
  const workbook = await openWorkbookBytes(read.file, read.bytes);
  const { tables } = checkWorkbook({ file: read.file, grids: workbookGrids(workbook) }, config);
  if (tables.length === 0) {
    io.err(say.noAnnex(read.file));
    return 1;
  }
  let formulas = 0;
  let differed = 0;
  let converted = 0;
  const planned = tables.map(({ table }) => ({ sheet: table.grid.name, totals: totalsForTable(table) }));
  // All or nothing: a sheet whose parts a SUM would skip stops the whole output.
  const unsafe = planned.filter((p) => !canWriteTotals(p.totals));
  for (const { sheet, totals } of unsafe) {
    if (totals.unmapped) io.err(say.totalsUnmapped(sheet));
    for (const part of totals.refused) io.err(say.totalsRefusedPart(sheet, part.cell, part.text));
  }
  if (unsafe.length) {
    io.err(say.totalsRefused);
    return 1;
  }
  for (const { sheet, totals } of planned) {
    const worksheet = workbook.getWorksheet(sheet)!;
    for (const cell of totalsCells(totals)) writeSpecCell(worksheet, cell);
    formulas += totals.formulas.length;
    differed += totals.differences.length;
    converted += totals.conversions.length;
    for (const c of totals.conversions) io.out(say.totalsConverted(sheet, c.cell, c.text, formatNumber(c.value, options.lang)));
    const shown = (value: number | string | null) => (value === null ? say.blank : typeof value === 'number' ? formatNumber(value, options.lang) : `"${value}"`);
    for (const d of totals.differences) io.out(say.totalsChanged(sheet, d.cell, shown(d.typed), shown(d.formula)));
  }
  workbook.calcProperties.fullCalcOnLoad = true;
  await writeFileAtomic(options.output, await workbookBytes(workbook), options.force);
  io.out(say.totalsDone(formulas, differed));
  if (converted) io.out(say.totalsConvertedCount(converted));
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
  const unitName = options.unit ? unitLineName(options.unit, config.units) : BLANK_UNIT_NAME;
  const specs = templates.map((template) => blankTemplateSheet(template, unitName));
  // Stryker disable next-line ArrayDeclaration: a template reads no file; any list naming no existing file checks the same
  await checkOutput(options.output, [], options.force);
  await writeFileAtomic(options.output, await writeSpecs(specs), options.force);
  io.out(say.wrote(options.output));
  return 0;
}

/** The form's unit line: the list's own spelling of the unit, department or district --unit names. */
function unitLineName(typed: string, units: UnitList): string {
  const match = identifyUnit(typed, units);
  if (match.kind === 'unit') return match.unit.name;
  if (match.kind === 'department') return match.department.name;
  // Stryker disable next-line ConditionalExpression: refusedValue (args.ts) lets only a unit, a department or the district through, so `true` changes nothing here
  if (match.kind === 'district') return units.district;
  // Stryker disable next-line all: unreachable, refusedValue (args.ts) refuses any other --unit before a command runs
  return typed.normalize('NFC');
}

async function sampleCommand(config: EngineConfig, options: Options, io: CliIo): Promise<number> {
  const say = SAY[options.lang];
  if (!options.output) return usage(io, say.noOutput);
  await fs.mkdir(options.output, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    // Stryker disable next-line StringLiteral: mkdir's errors always carry a code; 'EIO' is a fallback never reached
    throw new OutputWriteError(options.output!, error.code ?? 'EIO', error);
  });
  const samples = [...sampleWorkbooks(config), ...departmentSampleWorkbooks(config)];
  const lines = ['# Bộ số liệu mẫu GNBV / GNBV sample workbooks', '', 'Lỗi cài sẵn mà `gnbv validate` phải báo (các tệp khác phải hợp lệ):', '', '| tệp | trang!ô | mã | lỗi |', '|---|---|---|---|'];
  for (const sample of samples) {
    await writeFileAtomic(path.join(options.output, sample.fileName), await writeSpecs(sample.sheets), options.force);
    for (const p of sample.planted) lines.push(`| ${sample.fileName} | ${p.sheet}!${p.cell} | ${p.code} | ${p.what} |`);
    if (sample.planted.length) io.out(say.samplePlanted(sample.fileName, sample.planted.length));
  }
  const variant = samples.find((s) => s.layout === 'variant');
  const departments = samples.filter((s) => config.units.departments.some((d) => d === s.unit));
  if (departments.length)
    lines.push('', `Tệp của ${departments.length} phòng, ban (số toàn huyện, chỉ các dòng chủ trì; dòng "Đơn vị báo cáo" ghi "… huyện …", không phải Thị trấn): ${departments.map((s) => s.fileName).join('; ')}`);
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

/** Units with errors, each with its first issues (all of them: gnbv validate). */
function blockerLines(blockers: MergeBlocker[], lang: Language): string[] {
  const say = SAY[lang];
  const SHOWN = 5;
  return blockers.flatMap((b) => [
    say.unitHasErrors(b.unit?.name ?? say.unknownUnitName, b.files.join(', '), b.issues.length),
    ...b.issues.slice(0, SHOWN).map((i) => `   ${i.sheet}${i.cell ? `!${i.cell}` : ''} ${i.code}: ${i.message[lang]}`),
    ...(b.issues.length > SHOWN ? [`   ${say.moreIssues(b.issues.length - SHOWN)}`] : []),
  ]);
}

function formatNumber(value: number, lang: Language): string {
  return value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 6 });
}
