import { z } from 'zod';
import { listed, LocalizedError } from './localized-error.js';
import { foldDiacritics, normalizeText } from './text.js';

const unitSchema = z.object({
  code: z.string().min(1),
  /** The whole name with its kind word: "Xã Cam An", "Thị trấn Cam Lộ", "Phòng Y tế". */
  name: z.string().min(1),
  shortName: z.string().min(1).max(22),
  /** Other whole names the unit signs with ("Phòng LĐ-TB&XH"); each keeps its kind word. */
  aliases: z.array(z.string().min(1)).optional(),
});

/** A district department: reports the whole district, for the template rows it leads (chủ trì). */
const departmentSchema = unitSchema.extend({
  /** Template id → row keys led; a led row's detail rows are led with it. */
  leads: z.record(z.string().regex(/^[A-Z0-9]+$/), z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).min(1)),
});

export const unitListSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    district: z.string().min(1),
    districtCode: z.string().optional(),
    province: z.string().optional(),
    /** The communes and towns: each reports its own figures, added up in the district summary. */
    units: z.array(unitSchema).min(1),
    departments: z.array(departmentSchema).default([]),
    /**
     * A department's figure and the communes' sum may differ (the department also spends at
     * district level); beyond this share of the larger one the difference is marked as a warning.
     */
    departmentTolerance: z.number().min(0).max(1).default(0.05),
  })
  .superRefine((list, ctx) => {
    const codes = new Set<string>();
    [...list.units, ...list.departments].forEach((unit) => {
      // Stryker disable next-line StringLiteral: equivalent for code 'custom' only (zod keeps the issue and its message whatever the code); path and message are tested
      if (codes.has(unit.code)) ctx.addIssue({ code: 'custom', path: ['units'], message: `mã đơn vị trùng: ${unit.code}` });
      codes.add(unit.code);
    });
  });

export type UnitList = z.output<typeof unitListSchema>;
export type Unit = UnitList['units'][number];
export type Department = UnitList['departments'][number];
/** Whoever sends a file: a commune (or town) or a department. */
export type Reporter = Unit | Department;

export const isDepartment = (reporter: Reporter): reporter is Department => 'leads' in reporter;

export type HeldReason = 'several' | 'fragment' | 'conflict';

export type UnitMatch =
  | { kind: 'unit'; unit: Unit }
  | { kind: 'department'; department: Department }
  | { kind: 'district' }
  /** Not certain: several whole names, only a fragment of one, or sources that disagree. */
  | { kind: 'ambiguous'; candidates: Reporter[]; reason: HeldReason }
  | { kind: 'unknown' };

export class UnitListError extends LocalizedError {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(listed(`Danh sách đơn vị ${source} không hợp lệ`, problems), listed(`The unit list ${source} is invalid`, problems));
  }
}

/** Validates a unit list (user-editable data); errors name the field. */
export function parseUnitList(data: unknown, source: string): UnitList {
  const result = unitListSchema.safeParse(data);
  if (result.success) return result.data;
  throw new UnitListError(source, result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(gốc)'}: ${issue.message}`));
}

/** Words of a name or a text, NFC, lower case, punctuation and dashes dropped. */
function wordsOf(text: string): string[] {
  // Stryker disable next-line Regex,MethodExpression: equivalent (a run split one by one leaves empty words, which filter(Boolean) drops and which no name contains)
  return normalizeText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

// Stryker disable next-line Regex: equivalent (`[^…]` moves the letters to the other end instead of the tones: every key is built the same way, so two keys are equal exactly when they were, and a key with a tone still never equals a folded name)
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
/**
 * A word with its tone mark moved to the end: "thủy" and "thuỷ" (old and new tone placement)
 * are the same word, while "thanh" and "thành" stay different.
 */
function wordKey(word: string): string {
  const decomposed = word.normalize('NFD');
  const tones = decomposed.match(TONES) ?? [];
  // Stryker disable next-line StringLiteral: equivalent (the join separator shows only between two tones, and a Vietnamese word has one)
  return `${decomposed.replace(TONES, '')}${tones.join('')}`.normalize('NFC');
}

/** A word as compared: its tone-placement key and its folded form (no diacritics, đ → d). */
interface Word {
  key: string;
  folded: string;
}

// The same few hundred words (names, file names, title lines) are compared over and over.
const words = new Map<string, Word>();
function word(text: string): Word {
  let found = words.get(text);
    // Stryker disable next-line ConditionalExpression: equivalent (recomputing the cached word gives the same word)
  if (!found) {
        // Stryker disable next-line all: equivalent (a cache: when it is cleared changes no answer)
    if (words.size > 20_000) words.clear();
    words.set(text, (found = { key: wordKey(text), folded: foldDiacritics(text) }));
  }
  return found;
}

/**
 * Exact: every word equal (tone placement aside). Loose: a word typed without any diacritics
 * may stand for its marked form ("xa" for "xã"); only used when it leaves one unit. A folded
 * name has no marks and no "đ", so only a word typed without them can equal it: no separate
 * "typed without marks" test is needed.
 */
function wordFits(text: Word, name: Word, loose: boolean): boolean {
  return text.key === name.key || (loose && name.folded === text.key);
}

function containsName(text: readonly Word[], name: readonly Word[], loose: boolean): boolean {
    // Stryker disable next-line all: equivalent (a shortcut: the loop below finds nothing for an empty or longer name either)
  if (name.length === 0 || name.length > text.length) return false;
  for (let start = 0; start + name.length <= text.length; start++) {
    if (name.every((w, i) => wordFits(text[start + i]!, w, loose))) return true;
  }
  return false;
}

/** "UBND" may come before a kind word ("UBND xã Cam An"); one kind word opens a whole name. */
const ADMIN_WORDS: string[][] = [['ủy', 'ban', 'nhân', 'dân'], ['ubnd']].map((words) => words.map(wordKey));
/** Kind words, longest first; what follows them alone is only a fragment of the name. */
const KIND_WORDS: string[][] = [
  ['thị', 'trấn'],
  ['tt'],
  ['xã'],
  ['phường'],
  ['huyện'],
  ['phòng', 'giao', 'dịch'],
  ['pgd'],
  ['phòng'],
  ['ngân', 'hàng'],
  ['ủy', 'ban'],
  ['ub'],
  ['bảo', 'hiểm'],
].map((words) => words.map(wordKey));

/** A kind word opens a name only when a word follows it ("Phòng Giao dịch" is "Phòng" + "Giao dịch"). */
function startsWith(words: string[], prefix: string[]): boolean {
  return words.length > prefix.length && prefix.every((word, i) => wordKey(words[i]!) === word);
}

function coreOf(name: string[]): string[] {
  let rest = name;
  const admin = ADMIN_WORDS.find((prefix) => startsWith(rest, prefix));
  if (admin) rest = rest.slice(admin.length);
  const kind = KIND_WORDS.find((prefix) => startsWith(rest, prefix));
  return kind ? rest.slice(kind.length) : rest;
}

interface NameIndex {
  reporters: Array<{ reporter: Reporter; whole: Word[][]; fragments: Word[][] }>;
  district: Word[][];
  /** Answers already given, by text: file names and title lines repeat across files. */
  answers: Map<string, UnitMatch>;
}

const wordsOfName = (names: string[][]) => names.map((name) => name.map(word));

const indexes = new WeakMap<UnitList, NameIndex>();
function indexOf(list: UnitList): NameIndex {
  let index = indexes.get(list);
    // Stryker disable next-line ConditionalExpression: equivalent (a cache: rebuilding the index gives the same index)
  if (index) return index;
  const reporters = [...list.units, ...list.departments].map((reporter) => {
    const whole = [reporter.name, ...(reporter.aliases ?? [])].map(wordsOf);
    // "TT Cam Lộ" is how the town is often written.
    for (const name of [...whole]) if (name[0] === 'thị' && name[1] === 'trấn') whole.push(['tt', ...name.slice(2)]);
        // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,MethodExpression: equivalent (an empty core matches nothing; a core that is the whole name already matched as a whole name, exactly or loosely, before fragments are tried)
    const fragments = whole.map(coreOf).filter((core, i) => core.length > 0 && core.length < whole[i]!.length);
    return { reporter, whole: wordsOfName(whole), fragments: wordsOfName(fragments) };
  });
  const districtWords = wordsOf(list.district);
  const districtCore = coreOf(districtWords);
  index = { reporters, district: wordsOfName([districtWords, ['huyện', ...districtCore]]), answers: new Map() };
  indexes.set(list, index);
  return index;
}

/**
 * Identifies who sent a text (a "Đơn vị báo cáo" line, a title line, a file name) by a unit's
 * WHOLE name with its kind word: "UBND xã Cam Thành", "xa cam tuyen", NFD text all match, but
 * "Phòng Y tế huyện Cam Lộ" is the department, never Thị trấn Cam Lộ, and "huyện Cam Lộ" is the
 * district. Text without diacritics matches only when it leaves one unit ("xa cam thanh" could
 * be Cam Thanh or Cam Thành: ambiguous). A name without its kind word ("cam nghia") is only a
 * fragment: the candidates are returned for the user to decide, never taken.
 */
export function identifyUnit(text: string, list: UnitList, options: { fragments?: boolean } = {}): UnitMatch {
  const index = indexOf(list);
    // Stryker disable next-line EqualityOperator: equivalent (swaps the two cache keys, still one per option)
  const id = `${options.fragments === false ? 0 : 1}|${text}`;
  let answer = index.answers.get(id);
    // Stryker disable next-line all: equivalent (a cache: when it is cleared or bypassed changes no answer)
  if (!answer) {
        // Stryker disable next-line all: equivalent (a cache: when it is cleared changes no answer)
    if (index.answers.size > 20_000) index.answers.clear();
    index.answers.set(id, (answer = identify(text, index, options.fragments !== false)));
  }
  return answer;
}

function identify(text: string, index: NameIndex, fragments: boolean): UnitMatch {
    // Stryker disable next-line Regex: equivalent (wordsOf splits at "." and "_" anyway; a trailing "xlsx" word is outside every name)
  const words = wordsOf(text.replace(/\.xlsx?$/i, '').replace(/_+/g, ' ')).map(word);
    // Stryker disable next-line ConditionalExpression: equivalent (a shortcut: no words match no name, so the answer is unknown below too)
  if (words.length === 0) return { kind: 'unknown' };
  for (const loose of [false, true]) {
    const hits = index.reporters.filter((r) => r.whole.some((name) => containsName(words, name, loose))).map((r) => r.reporter);
    if (hits.length === 1) return matchOf(hits[0]!);
        // Stryker disable next-line EqualityOperator: equivalent (one hit returned just above, so >= 1 is > 1 here)
    if (hits.length > 1) return { kind: 'ambiguous', candidates: hits, reason: 'several' };
  }
  if (index.district.some((name) => containsName(words, name, true))) return { kind: 'district' };
  if (fragments) {
    // Loose here: "cam thanh" alone could be either commune, so both are offered.
    const hits = index.reporters.filter((r) => r.fragments.some((core) => containsName(words, core, true))).map((r) => r.reporter);
    if (hits.length) return { kind: 'ambiguous', candidates: hits, reason: 'fragment' };
  }
  return { kind: 'unknown' };
}

export function matchOf(reporter: Reporter): UnitMatch {
  return isDepartment(reporter) ? { kind: 'department', department: reporter } : { kind: 'unit', unit: reporter };
}

/** The commune or department a definite match names. */
export function reporterOf(match: UnitMatch): Reporter | undefined {
    // Stryker disable next-line ConditionalExpression: equivalent for the second test (a district or ambiguous match has no `department`: undefined either way)
  return match.kind === 'unit' ? match.unit : match.kind === 'department' ? match.department : undefined;
}

/** Every reporting unit of the list: communes first, then departments. */
export function reportersOf(list: UnitList): Reporter[] {
  return [...list.units, ...list.departments];
}

export function findReporter(list: UnitList, code: string): Reporter | undefined {
  const wanted = code.trim().normalize('NFC').toLowerCase();
  return reportersOf(list).find((r) => r.code.toLowerCase() === wanted);
}
