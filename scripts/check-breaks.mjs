// `npm run check:breaks [-- name...] [--list] [--no-baseline]`: are deliberate one-line breaks
// of the product caught by the tests? Issue 11 found 12 of 20 such breaks unnoticed by a green
// `npm test`; this makes that check repeatable. Each break is an exact text replacement in one
// file (the text must occur exactly once, or the script fails: the list cannot rot silently)
// plus the test files expected to catch it. Every one of those files must fail with the break
// and pass without it (the baseline), or the script exits 1.
//
// Nothing is changed in the checkout: the tracked and untracked (not ignored) files are copied
// to a temp folder with node_modules linked, a break is applied there, its test files run one at
// a time (builds only where a test needs them: the compiled CLI for bin.test.ts, the built pane
// for taskpane-office.test.ts), and the file is restored in a finally. At the end the sandbox is
// removed and `git status` of the checkout is compared with what it was before.
// Not in `npm test`: minutes (two webpack builds, a tsc build, ~30 test-file runs).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The breaks: the issue's list (first 16 entries, in its order) and more on what decides the
 * district's figures. `tests` are the files each expected to fail; the first is the fastest.
 */
const BREAKS = [
  {
    name: 'remerge-keeps-old-figures',
    what: "planMerge keeps a unit's OLD sheet from an earlier district workbook over the newly received file",
    file: 'src/engine/merge.ts',
    find: '    if (fresh.length === 0) {',
    replace: '    if (earlier.length > 0) {',
    tests: ['tests/mutation-merge.test.ts', 'tests/remerge-changed.test.ts'],
  },
  {
    name: 'bin-missing-module',
    what: 'bin/gnbv.js imports a module that does not exist',
    file: 'bin/gnbv.js',
    find: "import('../dist/src/cli/gnbv.js');",
    replace: "import('../dist/src/cli/gnbv-missing.js');",
    tests: ['tests/bin.test.ts'],
  },
  {
    name: 'pane-host-check-inverted',
    what: 'taskpane/index.tsx: the Excel host check inverted (the pane starts outside Excel, not inside)',
    file: 'taskpane/index.tsx',
    find: '  if (host !== Office.HostType.Excel) {',
    replace: '  if (host === Office.HostType.Excel) {',
    tests: ['tests/taskpane-office.test.ts'],
  },
  {
    name: 'cross-pairing-first-candidate',
    what: "cross-sheet checks pair an annex with the first other annex found, not its own unit's",
    file: 'src/engine/validate.ts',
    find: '  return sameUnit[0] ?? (candidates.length === 1 ? candidates[0] : undefined);',
    replace: '  return candidates[0];',
    tests: ['tests/rule-boundaries.test.ts'],
  },
  {
    name: 'ofwhich-disjoint-ignored-as-true',
    what: 'of-which columns: the `disjoint` flag ignored, overlapping parts (hộ DTTS) bounded together',
    file: 'src/engine/rules/bounds.ts',
    find: 'if (options.disjoint && options.parts.length > 1 &&',
    replace: 'if (options.parts.length > 1 &&',
    tests: ['tests/rule-boundaries.test.ts', 'tests/mutation-rules-facts.test.ts'],
  },
  {
    name: 'ofwhich-disjoint-ignored-as-false',
    what: 'of-which columns: the `disjoint` flag ignored, disjoint parts (nghèo + cận nghèo + thoát nghèo) never bounded together',
    file: 'src/engine/rules/bounds.ts',
    find: 'if (options.disjoint && options.parts.length > 1 &&',
    replace: 'if (false && options.parts.length > 1 &&',
    tests: ['tests/rule-boundaries.test.ts', 'tests/mutation-rules-facts.test.ts'],
  },
  {
    name: 'ofwhich-columns-equal-is-error',
    what: 'of-which column ≤ its total: `>` → `>=` (a part equal to its total reported)',
    file: 'src/engine/rules/bounds.ts',
    find: '        if (exceeds(reading.value, total))',
    replace: '        if (reading.value >= total)',
    tests: ['tests/rule-boundaries.test.ts'],
  },
  {
    name: 'bounds-one-dong-tolerated',
    what: 'of-which and households bounds: a fixed 10⁻⁶ tolerance again (one đồng over a total let through)',
    file: 'src/engine/rules/bounds.ts',
    find: 'value > bound && !sameAmount(value, bound)',
    replace: 'value > bound + 1e-6',
    tests: ['tests/mutation-rules-facts.test.ts'],
  },
  {
    name: 'bounds-float-noise-reported',
    what: 'of-which and households bounds: float noise taken for an excess (0,1 + 0,2 above 0,3)',
    file: 'src/engine/rules/bounds.ts',
    find: 'value > bound && !sameAmount(value, bound)',
    replace: 'value > bound',
    tests: ['tests/mutation-rules-facts.test.ts'],
  },
  {
    name: 'ofwhich-rows-equal-is-error',
    what: 'of-which row ≤ its parent row: `>` → `>=` (a row equal to its parent reported)',
    file: 'src/engine/rules/bounds.ts',
    find: 'exceeds(reading.value, parent)',
    replace: 'reading.value >= parent',
    tests: ['tests/rule-boundaries.test.ts'],
  },
  {
    name: 'households-equal-is-error',
    what: 'households ≤ persons: `>` → `>=` (as many households as persons reported)',
    file: 'src/engine/rules/bounds.ts',
    find: 'exceeds(reading.value, personCount)',
    replace: 'reading.value >= personCount',
    tests: ['tests/rule-boundaries.test.ts'],
  },
  {
    name: 'trend-minimum-ignored',
    what: 'year on year: the `minimum` ignored (1 → 49 households warned as a jump)',
    file: 'src/engine/rules/trend.ts',
    find: '        if (low <= 0 || high < options.minimum) continue;',
    replace: '        if (low <= 0) continue;',
    tests: ['tests/rule-boundaries.test.ts'],
  },
  {
    name: 'cross-both-blank-emits',
    what: 'cross-sheet: both cells blank reported as a mismatch',
    file: 'src/engine/rules/cross-sheet.ts',
    find: ' || (here.value === null && there.value === null)) continue;',
    replace: ') continue;',
    tests: ['tests/rule-boundaries.test.ts'],
  },
  {
    name: 'highlight-not-in-write-batch',
    what: "OfficeWorkbook.highlight: its address lists not counted in the write batch (Excel on the web's 5 MB request cap)",
    file: 'src/adapters/office-workbook.ts',
    find: '            await batch.add(address.length + 4 * COMMAND_BYTES);',
    replace: '            void COMMAND_BYTES;',
    tests: ['tests/workbook-port-contract.test.ts'],
  },
  {
    name: 'memory-replace-sheets-appends',
    what: 'MemoryWorkbook.replaceSheets appends a sheet of the same name instead of replacing it',
    file: 'src/adapters/memory-workbook.ts',
    find: '      if (index >= 0) this.sheets[index] = toMemorySheet(spec);\n      else this.sheets.push(toMemorySheet(spec));',
    replace: '      this.sheets.push(toMemorySheet(spec));',
    tests: ['tests/workbook-port-contract.test.ts'],
  },
  {
    name: 'exit-unknown-option-0',
    what: 'gnbv: an unknown option exits 0 (should be 2)',
    file: 'src/cli/main.ts',
    find: '    else io.err(`${(error as Error).message}\\n\\n${HELP.vi}`);\n    return 2;',
    replace: '    else io.err(`${(error as Error).message}\\n\\n${HELP.vi}`);\n    return 0;',
    tests: ['tests/mutation-cli-args.test.ts'],
  },
  {
    name: 'exit-validate-no-files-0',
    what: 'gnbv validate with no files exits 0 (should be 2)',
    file: 'src/cli/main.ts',
    find: '    io.err(say.noInput);\n    return 2;',
    replace: '    io.err(say.noInput);\n    return 0;',
    tests: ['tests/mutation-cli.test.ts'],
  },
  {
    name: 'exit-unknown-district-0',
    what: 'gnbv --district with an unknown district exits 0 (should be 2)',
    file: 'src/cli/main.ts',
    find: '    io.err(failureLine(error, lang));\n    return 2;\n  }\n  const refused',
    replace: '    io.err(failureLine(error, lang));\n    return 0;\n  }\n  const refused',
    tests: ['tests/mutation-cli-args.test.ts'],
  },
  {
    name: 'exit-totals-no-annex-0',
    what: 'gnbv totals on a workbook with no annex exits 0 (should be 1)',
    file: 'src/cli/main.ts',
    find: '    io.err(say.noAnnex(read.file));\n    return 1;',
    replace: '    io.err(say.noAnnex(read.file));\n    return 0;',
    tests: ['tests/mutation-cli-files.test.ts'],
  },
  {
    name: 'prototype-pollution',
    what: "a per-sheet tally kept in a plain object keyed by sheet name: a sheet named __proto__ writes into Object.prototype",
    file: 'src/engine/validate.ts',
    find: '    const own = issues.filter((i) => i.sheet === grid.name);',
    replace:
      "    const own = issues.filter((i) => i.sheet === grid.name);\n    const tally: Record<string, Record<string, number>> = {};\n    (tally[grid.name] ??= {})[table?.template.id ?? '-'] = own.length;",
    tests: ['tests/cli.test.ts'],
  },
  // What decides the district's figures.
  {
    name: 'same-amount-tolerance-wide',
    what: 'sameAmount: a one-đồng (10⁻⁶ triệu) difference taken as float noise',
    file: 'src/engine/numbers.ts',
    find: 'const SHOWN_DECIMAL = 5e-7;',
    replace: 'const SHOWN_DECIMAL = 1e-3;',
    tests: ['tests/mutation-numbers.test.ts', 'tests/rule-boundaries.test.ts'],
  },
  {
    name: 'same-amount-relative-uncapped',
    what: 'sameAmount: the relative noise term not capped, so a difference of one unit vanishes in large figures',
    file: 'src/engine/numbers.ts',
    find: '  return Math.abs(a - b) <= Math.min(NEVER_NOISE, Math.max(SHOWN_DECIMAL, noise));',
    replace: '  return Math.abs(a - b) <= Math.max(SHOWN_DECIMAL, noise);',
    tests: ['tests/mutation-numbers.test.ts'],
  },
  {
    name: 'unit-sheet-from-wrong-source',
    what: "every unit's sheet in the district workbook copies the figures of the first unit's received table",
    file: 'src/engine/merge.ts',
    find: '      valueAt: (row, column) => copiedValue(s.table, row, column),',
    replace: '      valueAt: (row, column) => copiedValue(all[0]!.table, row, column),',
    tests: ['tests/mutation-merge.test.ts'],
  },
  {
    name: 'summary-formula-leaves-out-a-unit',
    what: "the district summary's explicit sum leaves out the first unit's sheet",
    file: 'src/engine/merge.ts',
    find: 'explicitSumFormula(sheetNames, a1(',
    replace: 'explicitSumFormula(sheetNames.slice(1), a1(',
    tests: ['tests/mutation-merge.test.ts'],
  },
  {
    name: 'summary-adds-departments',
    what: "a department's district-wide figures added into the communes' sum",
    file: 'src/engine/merge.ts',
    find: '  const own = plan.submissions.filter((s) => s.template.id === template.id);',
    replace: '  const own = [...plan.submissions, ...plan.departmentSubmissions].filter((s) => s.template.id === template.id);',
    tests: ['tests/mutation-merge.test.ts'],
  },
  {
    name: 'cached-formula-result-copied',
    what: "a unit's formula total copied as its cached result, not recomputed from its parts",
    file: 'src/engine/merge.ts',
    find: '  const total = recomputedTotal(table, row, column);',
    replace: '  const total = undefined as number | null | undefined;',
    tests: ['tests/mutation-merge.test.ts'],
  },
  {
    name: 'duplicate-last-file-wins',
    what: 'two received files for one unit: the last one taken silently instead of asking which',
    file: 'src/engine/merge.ts',
    find: '    const preferred = fresh.length === 1 ? fresh : fresh.filter((s) => decisions.prefer?.has(s.source.file));',
    replace: '    const preferred = fresh.slice(-1);',
    tests: ['tests/mutation-merge.test.ts'],
  },
  {
    name: 'completeness-count-received-only',
    what: '"Đã nhận x/y đơn vị" counts only units without errors (a unit whose file has errors was received too)',
    file: 'src/engine/merge.ts',
    find: "  const received = plan.completeness.filter((u) => u.status !== 'missing').length;",
    replace: "  const received = plan.completeness.filter((u) => u.status === 'received').length;",
    tests: ['tests/mutation-merge.test.ts'],
  },
  {
    name: 'unit-status-one-error-ignored',
    what: 'a unit with exactly one error shown as "Đã nhận", not "Có lỗi"',
    file: 'src/engine/merge.ts',
    find: "errors > 0 ? 'errors' : 'received'",
    replace: "errors > 1 ? 'errors' : 'received'",
    tests: ['tests/mutation-merge.test.ts'],
  },
];

/** Test files that need a build of the sandbox first, and the source folders each build reads. */
const BUILDS = {
  cli: { command: ['npm', 'run', 'build:cli', '--silent'], inputs: ['src/', 'templates/', 'tsconfig'] },
  addin: { command: ['npm', 'run', 'build', '--silent'], inputs: ['src/', 'templates/', 'taskpane/', 'functions/', 'demo/', 'manifest.xml', 'webpack.config.js', 'assets/'] },
};
const NEEDS = { 'tests/bin.test.ts': 'cli', 'tests/taskpane-office.test.ts': 'addin' };
const TIMEOUT_MS = Number(process.env.CHECK_BREAKS_TIMEOUT ?? 600) * 1000;

const args = process.argv.slice(2);
const named = args.filter((a) => !a.startsWith('--'));
for (const name of named) if (!BREAKS.some((b) => b.name === name)) fail(`unknown break ${name}; known: ${BREAKS.map((b) => b.name).join(', ')}`);
const chosen = named.length ? BREAKS.filter((b) => named.includes(b.name)) : BREAKS;

function fail(message) {
  console.error(`check-breaks: ${message}`);
  process.exit(1);
}

/** The file's text with the break applied; throws unless the text occurs exactly once. */
function applied(original, brk) {
  const count = original.split(brk.find).length - 1;
  if (count !== 1) throw new Error(`${brk.name}: the text to replace occurs ${count} times in ${brk.file} (expected once); update the list:\n${brk.find}`);
  return original.replace(brk.find, () => brk.replace);
}

// Every break's text first, before any time is spent: a rotted entry stops the run.
const problems = [];
for (const brk of BREAKS) {
  const file = path.join(ROOT, brk.file);
  if (!existsSync(file)) problems.push(`${brk.name}: ${brk.file} does not exist`);
  else {
    try {
      const text = applied(readFileSync(file, 'utf8'), brk);
      // A break that does not even parse would be "caught" by any test: refuse it.
      await transform(text, { loader: path.extname(brk.file).slice(1).replace('mjs', 'js'), logLevel: 'silent' }).catch((error) => problems.push(`${brk.name}: the broken ${brk.file} does not parse: ${error.message}`));
    } catch (error) {
      problems.push(error.message);
    }
  }
  for (const test of brk.tests) if (!existsSync(path.join(ROOT, test))) problems.push(`${brk.name}: ${test} does not exist`);
}
if (problems.length) fail(`the list of breaks is out of date:\n${problems.join('\n')}`);
if (args.includes('--list')) {
  for (const brk of chosen) console.log(`${brk.name.padEnd(36)} ${brk.file.padEnd(34)} ${brk.tests.join(', ')}\n  ${brk.what}`);
  console.log(`${chosen.length} breaks; every text to replace found exactly once.`);
  process.exit(0);
}

const git = (...a) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout;
const statusBefore = git('status', '--porcelain');

// The sandbox: what the checkout holds (tracked and untracked, not ignored), node_modules linked.
const sandbox = mkdtempSync(path.join(tmpdir(), 'gnbv-breaks-'));
let running = null;
const cleanUp = () => {
  if (running) killGroup(running);
  rmSync(sandbox, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});
for (const file of git('ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean)) {
  const from = path.join(ROOT, file);
  if (!existsSync(from)) continue;
  mkdirSync(path.dirname(path.join(sandbox, file)), { recursive: true });
  copyFileSync(from, path.join(sandbox, file));
}
symlinkSync(path.join(ROOT, 'node_modules'), path.join(sandbox, 'node_modules'), 'dir');

function killGroup(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Runs a command in the sandbox, in its own process group (killed whole on timeout). */
function exec(command, argv) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, argv, { cwd: sandbox, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    running = child;
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      running = null;
      resolve({ code, timedOut, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** The source state each build was made from ('clean' or the active break's name). */
const built = {};
let active = null;
const affects = (kind, brk) => brk !== null && BUILDS[kind].inputs.some((p) => brk.file.startsWith(p));

async function runTestFile(test) {
  const kind = NEEDS[test];
  if (kind) {
    const state = affects(kind, active) ? active.name : 'clean';
    if (built[kind] !== state) {
      const build = await exec(BUILDS[kind].command[0], BUILDS[kind].command.slice(1));
      if (build.code !== 0) return { failed: true, detail: `build ${kind} failed`, seconds: build.seconds, output: build.output };
      built[kind] = state;
    }
  }
  const run = await exec(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', test]);
  // The first failing test in TAP order is a leaf (subtests are reported before their suite).
  const first = /^\s*not ok \d+ - (.*?)(?:\s+#.*)?$/m.exec(run.output)?.[1];
  const failed = run.code !== 0 || run.timedOut;
  const detail = run.timedOut ? `timed out after ${TIMEOUT_MS / 1000} s` : (first ?? (failed ? `exit ${run.code}` : ''));
  return { failed, timedOut: run.timedOut, detail, seconds: run.seconds, output: run.output };
}

const rows = [];
let bad = false;
try {
  // Baseline: each test file named passes on the unbroken sandbox, or its failing proves nothing.
  if (!args.includes('--no-baseline')) {
    for (const test of [...new Set(chosen.flatMap((b) => b.tests))]) {
      const result = await runTestFile(test);
      console.log(`baseline ${test}: ${result.failed ? `FAILS (${result.detail})` : 'passes'} (${result.seconds.toFixed(1)} s)`);
      if (result.failed) {
        bad = true;
        console.log(result.output.split('\n').slice(-40).join('\n'));
      }
    }
    if (bad) throw new Error('a test file fails without any break: fix that first');
  }
  for (const brk of chosen) {
    const file = path.join(sandbox, brk.file);
    const original = readFileSync(file, 'utf8');
    const results = [];
    try {
      writeFileSync(file, applied(original, brk));
      active = brk;
      for (const test of brk.tests) results.push({ test, ...(await runTestFile(test)) });
    } finally {
      writeFileSync(file, original);
      active = null;
    }
    const caughtBy = results.filter((r) => r.failed);
    const missed = results.filter((r) => !r.failed);
    // A hang is caught too (the file never passes), but says so: such a test costs the timeout.
    const caught = caughtBy.length > 0 && missed.length === 0;
    const result = caughtBy.length === 0 ? 'SURVIVED' : missed.length ? `caught, but not by ${missed.map((r) => r.test).join(', ')}` : caughtBy.some((r) => r.timedOut) ? 'caught (timed out)' : 'caught';
    if (!caught) bad = true;
    rows.push({ brk, caughtBy, result, caught });
    console.log(`${caught ? 'caught  ' : 'PROBLEM '} ${brk.name} (${results.map((r) => `${path.basename(r.test)} ${r.failed ? 'failed' : 'passed'} in ${r.seconds.toFixed(1)} s`).join(', ')})`);
    for (const r of caughtBy) console.log(`           ${path.basename(r.test)}: ${r.detail}`);
  }
} finally {
  cleanUp();
}

console.log('\n| break | file | caught by | result |\n|---|---|---|---|');
for (const { brk, caughtBy, result } of rows) {
  const by = caughtBy.map((r) => `${path.basename(r.test)}: "${r.detail.slice(0, 90)}"`).join('; ') || '—';
  console.log(`| ${brk.name} | ${brk.file} | ${by} | ${result} |`);
}
const survived = rows.filter((r) => !r.caught).length;
console.log(`\n${rows.length - survived} of ${rows.length} breaks caught${survived ? `; ${survived} not (or not by every file named)` : ''}.`);

// The checkout itself was never written to; make sure of it.
if (git('status', '--porcelain') !== statusBefore) {
  console.error('check-breaks: the checkout changed during the run (git status differs); look at `git diff`.');
  bad = true;
}
process.exit(bad ? 1 : 0);
