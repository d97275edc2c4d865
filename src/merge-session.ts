import { vietnamTime } from './engine/local-time.js';
import { builtinTemplates, builtinUnitList } from './engine/builtin.js';
import type { Grid } from './engine/grid.js';
import type { Language } from './engine/messages.js';
import { districtSheets, planMerge, readOrigins, type DuplicateClaim, type MergeDecisions, type MergePlan, type MergeSource } from './engine/merge.js';
import { unitListProblems } from './engine/departments.js';
import type { TemplateDef } from './engine/template.js';
import { findReporter, identifyUnit, parseUnitList, reporterOf, UnitListError, type Reporter, type UnitList } from './engine/units.js';
import { checkWorkbook, type EngineConfig } from './engine/workbook.js';

/**
 * The one merge flow behind the CLI, the task pane and the demo: received workbooks become
 * merge sources (checked, identified, with their provenance), the user's decisions are parsed
 * the same way everywhere, then `planMerge` and `districtSheets` do the rest.
 */

export interface ReceivedWorkbook {
  file: string;
  grids: readonly Grid[];
  sha256: string;
  size?: number;
  /** Last-modified time (ISO), when the face knows it. */
  modifiedAt?: string;
}

/** A received workbook, checked against the unit it reports for, ready to plan a merge. */
export function mergeSource(received: ReceivedWorkbook, config: EngineConfig, readAt: string): MergeSource {
  const checked = checkWorkbook({ file: received.file, grids: received.grids }, config);
  const origins = readOrigins(received.grids);
  return {
    ...checked,
    sha256: received.sha256,
    readAt,
    ...(received.size !== undefined ? { size: received.size } : {}),
    ...(received.modifiedAt !== undefined ? { modifiedAt: received.modifiedAt } : {}),
    ...(origins.size ? { origins } : {}),
  };
}

/**
 * The engine config of every face, built here only: the shipped templates with a district's
 * unit list (a shipped one by id, Cam Lộ's by default, or one the user loaded).
 */
export function engineConfigFor(units: UnitList | string = 'cam-lo'): EngineConfig {
  return { templates: builtinTemplates(), units: typeof units === 'string' ? builtinUnitList(units) : units };
}

/** When a district workbook was made, as its summary and log sheets say it: "09:30 ngày 20/07/2018". */
export function formatGeneratedAt(date: Date, lang: Language): string {
  // Vietnam's clock (Asia/Ho_Chi_Minh) whatever the machine's zone, in either language.
  const time = vietnamTime(date);
  return lang === 'vi' ? time : time.replace(' ngày ', ' on ');
}

/** What the user chose for a merge: received files left out, the unit of a held file, the file to use of two. */
export interface MergeChoices extends MergeDecisions {
  excluded?: ReadonlySet<string>;
}

/**
 * The plan of every face: the units an earlier merge left in the open district workbook first
 * (a newly received file replaces them), then the received files the user kept, with the
 * user's decisions. The CLI writes a new workbook and has no open one.
 */
export function planSessionMerge(config: EngineConfig, received: readonly MergeSource[], choices: MergeChoices = {}, open: readonly MergeSource[] = []): MergePlan {
  const kept = received.filter((source) => !choices.excluded?.has(source.file));
  return planMerge([...open, ...kept], config, choices);
}

/** The district workbook's sheets as every face writes them, made at `now` (Vietnam's clock). */
export function districtWorkbook(plan: MergePlan, now: Date): ReturnType<typeof districtSheets> {
  return districtSheets(plan, formatGeneratedAt(now, 'vi'));
}

/** A district's unit list from JSON text, checked against the templates; errors name the field. */
export function unitListFromJson(text: string, source: string, templates: readonly TemplateDef[]): UnitList {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UnitListError(source, [`JSON: ${(error as Error).message}`]);
  }
  const units = parseUnitList(data, source);
  const problems = unitListProblems(units, templates);
  if (problems.length) throw new UnitListError(source, problems);
  return units;
}

/** A unit named by the user: its code ("19612", "P-YTE") or its whole name ("Xã Cam Thành"). */
export function reporterNamed(text: string, units: UnitList): Reporter | undefined {
  const byCode = findReporter(units, text);
  if (byCode) return byCode;
  return reporterOf(identifyUnit(text, units, { fragments: false }));
}

/** Matches a file the user names (a path or a file name) against the files read, NFC. */
export function fileNamed(text: string, files: readonly string[]): string | undefined {
  const name = text.replace(/^.*[\\/]/, '').normalize('NFC');
  return files.find((file) => file === name);
}

/** Short SHA-256 shown to tell two files apart. */
export const shaPrefix = (sha256: string) => sha256.slice(0, 12);

/** One question per unit and set of files: the same two files for PL01, PL02 and NV are one choice. */
export interface DuplicateQuestion {
  unit: Reporter;
  templates: string[];
  sources: MergeSource[];
}

export function duplicateQuestions(duplicates: readonly DuplicateClaim[]): DuplicateQuestion[] {
  const questions = new Map<string, DuplicateQuestion>();
  for (const dup of duplicates) {
    const sources = dup.claims.map((c) => c.source);
    const key = `${dup.unit.code}|${sources.map((s) => s.file).join('|')}`;
    const question = questions.get(key) ?? { unit: dup.unit, templates: [], sources };
    question.templates.push(dup.template);
    questions.set(key, question);
  }
  return [...questions.values()];
}
