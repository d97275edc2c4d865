import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language } from '../engine/messages.js';
import { identifyUnit, type UnitList } from '../engine/units.js';
import { ARGS_TEXT, COMMAND_HELP } from './text.js';

/**
 * The courteous part of the command line, before any command runs: --version, help per
 * command, option values checked against what is allowed (saying what is), near-miss names
 * suggested, a folder read as its .xlsx files. main.ts keeps the commands themselves.
 */

export const COMMANDS = ['validate', 'merge', 'totals', 'template', 'sample'] as const;
export type Command = (typeof COMMANDS)[number];

/** The options each command takes (besides --lang, --district and --help, which all take). */
export const COMMAND_OPTIONS: Record<Command, string[]> = {
  validate: ['--json'],
  merge: ['-o, --output', '--force', '--allow-errors', '--assign FILE=CODE', '--prefer FILE'],
  totals: ['-o, --output', '--force'],
  template: ['-o, --output', '--unit', '--force'],
  sample: ['-o, --output', '--force'],
};
const COMMON_OPTIONS = ['--lang vi|en', '--district ID', '--units FILE', '--debug', '-h, --help', '-V, --version'];
export const LANGUAGES = ['vi', 'en'] as const;

const isCommand = (word: string | undefined): word is Command => (COMMANDS as readonly string[]).includes(word ?? '');

/** Options whose value is the next word (`--lang en`): that word is not the command. */
const VALUE_OPTIONS = ['--lang', '--district', '--units', '-o', '--output', '--unit', '--assign', '--prefer'];
const commandOf = (argv: readonly string[]) => argv.find((a, i) => !a.startsWith('-') && !VALUE_OPTIONS.includes(argv[i - 1] ?? ''));

/** The language asked for, before the arguments are fully parsed (for the early answers). */
function languageOf(argv: readonly string[]): Language {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const value = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return value === 'en' ? 'en' : 'vi';
}

export function packageVersion(): string {
  // src/cli (tsx) and dist/src/cli (built) both sit below the package root.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (json.name === 'gnbv' && json.version) return json.version;
    }
  }
  return '?';
}

/**
 * Answers that need no command run: `gnbv --version`, `gnbv COMMAND --help`. Undefined when
 * the command line is for a command.
 */
export function earlyAnswer(argv: readonly string[], out: (text: string) => void): number | undefined {
  if (argv.includes('--version') || argv.includes('-V')) {
    out(`gnbv ${packageVersion()}`);
    return 0;
  }
  const command = commandOf(argv);
  if ((argv.includes('--help') || argv.includes('-h')) && isCommand(command)) {
    out(commandHelp(command, languageOf(argv)));
    return 0;
  }
  return undefined;
}

export function commandHelp(command: Command, lang: Language): string {
  const options = [...COMMAND_OPTIONS[command], ...COMMON_OPTIONS].map((o) => `  ${o}`).join('\n');
  return `${COMMAND_HELP[lang][command]}\n\n${ARGS_TEXT[lang].options}\n${options}\n`;
}

/** An option parseArgs refused, said with the options the command does take. */
export function optionRefused(error: Error, argv: readonly string[]): string {
  const lang = languageOf(argv);
  const command = commandOf(argv);
  const allowed = [...(isCommand(command) ? COMMAND_OPTIONS[command] : []), ...COMMON_OPTIONS];
  const option = /'([^']+)'/.exec(error.message)?.[1] ?? error.message;
  return ARGS_TEXT[lang].badOption(option, allowed.join(', '), isCommand(command) ? command : undefined);
}

/** Letters only, no diacritics, lower case: how a mistyped name is compared ("Xa Cam Ann"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = above;
    }
  }
  return row[b.length]!;
}

/** The candidates closest to what was typed, ignoring case and diacritics; none if all are far. */
export function nearest(typed: string, candidates: readonly string[]): string[] {
  const target = fold(typed);
  // "Cam Hieuu" is near "Xã Cam Hiếu": the kind of unit may be left out of what was typed.
  const bare = (name: string) => fold(name).replace(/^(xa|thi tran|phuong|huyen)\s+/u, '');
  const scored = candidates.map((c) => ({ c, d: Math.min(distance(target, fold(c)), distance(bare(typed), bare(c))) }));
  const best = Math.min(...scored.map((s) => s.d));
  if (!Number.isFinite(best) || best > Math.max(2, Math.floor(target.length / 4))) return [];
  return scored.filter((s) => s.d === best).map((s) => s.c);
}

/** --lang and --unit checked against what is allowed; a message saying what is, or null. */
export function refusedValue(values: { lang?: string | undefined; unit?: string | undefined }, units: UnitList, argv: readonly string[]): string | null {
  const lang = languageOf(argv);
  const say = ARGS_TEXT[lang];
  if (values.lang !== undefined && !(LANGUAGES as readonly string[]).includes(values.lang)) return say.badLanguage(values.lang, LANGUAGES.join(', '));
  if (values.unit !== undefined) {
    // Whatever names a unit as the files do ("ubnd xã cam thành", "Xa Cam Hieu") is fine, a
    // department's too (it sends the rows it leads); a name that names none, or several, would
    // print a wrong unit on the form.
    const names = [...units.units.map((u) => u.name), ...units.departments.map((d) => d.name), units.district];
    const match = identifyUnit(values.unit, units).kind;
    if (match !== 'unit' && match !== 'department' && match !== 'district') return say.badUnit(values.unit, nearest(values.unit, names), names.join(', '));
  }
  return null;
}

/**
 * Folders among the inputs stand for the .xlsx files directly in them (sorted, Excel's ~$ lock
 * files left out); files stay as given. A path that does not exist is kept for the command to report.
 */
export async function expandFolders(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (!stat?.isDirectory()) {
      out.push(input);
      continue;
    }
    const names = (await fs.readdir(input).catch(() => [] as string[])).filter((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$')).sort((a, b) => a.localeCompare(b, 'vi'));
    // A folder without .xlsx files (or that cannot be listed) stays an input, so its reading
    // fails with a message naming it instead of a silent "no files".
    if (names.length === 0) out.push(input);
    else out.push(...names.map((n) => path.join(input, n)));
  }
  return out;
}

/** For each input that does not exist, the near-miss names in its folder ("Xa" for "Xã"). */
export async function missingFileHints(inputs: readonly string[], lang: Language): Promise<string[]> {
  const hints: string[] = [];
  for (const input of inputs) {
    if (existsSync(input)) continue;
    const folder = path.dirname(input);
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    const close = nearest(path.basename(input), names.filter((n) => !n.startsWith('~$')));
    if (close.length) hints.push(ARGS_TEXT[lang].didYouMean(input, close.map((n) => path.join(folder, n))));
  }
  return hints;
}

const OPTION_NAMES: Record<string, string> = {
  json: '--json',
  output: '-o, --output',
  unit: '--unit',
  force: '--force',
  'allow-errors': '--allow-errors',
  assign: '--assign FILE=CODE',
  prefer: '--prefer FILE',
};

/** An option the command does not take (`gnbv template PL01 --json`), said with those it does. */
export function refusedOption(command: string | undefined, values: Record<string, unknown>, argv: readonly string[]): string | null {
  if (!isCommand(command)) return null;
  const stray = Object.keys(OPTION_NAMES).find((key) => values[key] !== undefined && !COMMAND_OPTIONS[command].includes(OPTION_NAMES[key]!));
  if (!stray) return null;
  return ARGS_TEXT[languageOf(argv)].badOption(OPTION_NAMES[stray]!, [...COMMAND_OPTIONS[command], ...COMMON_OPTIONS].join(', '), command);
}
