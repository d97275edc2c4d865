// `npm run mutate [-- scope...]`: mutation testing of what decides figures, one scope at a time.
// Why per scope: with the tap runner Stryker re-runs every test FILE that covers a mutant, and the
// broad files (sample generation, xlsx round trips, HyperFormula) cost 5–13 s each on 2 loaded
// cores, so one run over everything never finishes. Each scope names the few fast test files that
// hold independent oracles for it; each keeps its own incremental file so reruns only test what
// changed. Not in CI (still minutes per scope). Reports: reports/mutation/<scope>.html|json.
import { existsSync } from 'node:fs';
import { Stryker } from '@stryker-mutator/core';

const RULE_TESTS = [
  'tests/mutation-rules-contract.test.ts',
  'tests/mutation-rules-facts.test.ts',
  'tests/mutation-rules.test.ts',
  'tests/rule-boundaries.test.ts',
  'tests/rules.test.ts',
];

// The per-file rules scopes run only the two files written against the rules' mutants: a score
// measured there is a lower bound (the `rules` scope adds the older files, which can only kill more).
const FAST_RULE_TESTS = RULE_TESTS.slice(0, 2);

const scopes = {
  numbers: { mutate: ['src/engine/numbers.ts'], tests: ['tests/numbers.test.ts', 'tests/mutation-numbers.test.ts'] },
  units: { mutate: ['src/engine/units.ts'], tests: ['tests/units.test.ts', 'tests/mutation-units.test.ts'] },
  // Small sheets written cell by cell; tests/locate.test.ts builds the sample workbooks first
  // (seconds per mutant on loaded cores) and stays in npm test.
  locate: { mutate: ['src/engine/locate.ts'], tests: ['tests/mutation-locate.test.ts'] },
  // Every file of rules/ (the final measured run). The rules' own fast files come first: the
  // contract (declared codes, references, relations) and the facts each rule reports, one rule alone.
  rules: { mutate: ['src/engine/rules/**/*.ts'], tests: RULE_TESTS },
  // One rule file at a time, to iterate on its tests (the whole folder takes 20+ min on 2 loaded
  // cores); on demand only, `npm run mutate` alone runs `rules` once, not each file again.
  'rules-bounds': { onDemand: true, mutate: ['src/engine/rules/bounds.ts'], tests: FAST_RULE_TESTS },
  'rules-trend': { onDemand: true, mutate: ['src/engine/rules/trend.ts'], tests: FAST_RULE_TESTS },
  'cross-sheet': { onDemand: true, mutate: ['src/engine/rules/cross-sheet.ts'], tests: FAST_RULE_TESTS },
  'rules-values': { onDemand: true, mutate: ['src/engine/rules/cell-values.ts', 'src/engine/rules/magnitude.ts'], tests: FAST_RULE_TESTS },
  'rules-sums': { onDemand: true, mutate: ['src/engine/rules/sums.ts', 'src/engine/rules/column-sums.ts', 'src/engine/rules/row-sums.ts'], tests: FAST_RULE_TESTS },
  'rules-registry': { onDemand: true, mutate: ['src/engine/rules/index.ts', 'src/engine/rules/rule.ts'], tests: FAST_RULE_TESTS },
  formulas: { mutate: ['src/engine/formulas.ts'], tests: ['tests/mutation-formulas.test.ts'] },
  totals: { mutate: ['src/engine/totals.ts'], tests: ['tests/mutation-totals.test.ts'] },
  // In memory only: the xlsx/CLI round trip of remerge-changed.test.ts costs ~15 s per mutant.
  merge: { mutate: ['src/engine/merge.ts'], tests: ['tests/mutation-merge.test.ts'] },
  // The exit codes: runCli in-process over a few small workbooks (tests/cli.test.ts evaluates
  // formulas with HyperFormula: too slow to run per mutant).
  cli: { mutate: ['src/cli/main.ts', 'src/cli/args.ts', 'src/cli/process-exit.ts'], tests: ['tests/mutation-cli-args.test.ts', 'tests/mutation-cli.test.ts', 'tests/mutation-cli-files.test.ts'] },
  // On demand: args.ts and process-exit.ts against their own fast file only (every runCli of the
  // other two files reaches args.ts too, so in \`cli\` each of its mutants costs all three): a lower bound.
  'cli-args': { onDemand: true, mutate: ['src/cli/args.ts', 'src/cli/process-exit.ts'], tests: ['tests/mutation-cli-args.test.ts'] },
};

const asked = process.argv.slice(2);
for (const name of asked) if (!(name in scopes)) throw new Error(`unknown scope ${name}; known: ${Object.keys(scopes).join(', ')}`);
const chosen = asked.length ? asked : Object.keys(scopes).filter((name) => !scopes[name].onDemand);

const score = (f) => (100 * (f.killed + f.timeout)) / Math.max(1, f.killed + f.timeout + f.survived + f.noCoverage);
const rows = [];
for (const name of chosen) {
  const scope = scopes[name];
  const stryker = new Stryker({
    // MUTATE_ONLY narrows a scope to some files (comma-separated) while working on their tests.
    mutate: process.env.MUTATE_ONLY ? process.env.MUTATE_ONLY.split(',') : scope.mutate,
    // MUTATE_CONCURRENCY: test processes at once (default: Stryker's own, all cores); 1 when the
    // 2 cores are shared with other runs, or the runs slow each other into timeouts.
    ...(process.env.MUTATE_CONCURRENCY ? { concurrency: Number(process.env.MUTATE_CONCURRENCY) } : {}),
    // MUTATE_TIMEOUT_MS: more slack before a slow run counts as a Timeout (which Stryker scores as
    // killed) when the cores are loaded far more than during the first, timed run.
    ...(process.env.MUTATE_TIMEOUT_MS ? { timeoutMS: Number(process.env.MUTATE_TIMEOUT_MS) } : {}),
    tempDirName: `.stryker-tmp/${name}`,
    // Stryker ignores only its own temp folder: without this a scope's sandbox copies the other
    // scopes' sandboxes running beside it, and the built pane (dist/) it cannot parse.
    ignorePatterns: ['/.stryker-tmp', '/reports', '/dist', '/out', '/test-artifacts'],
    tap: { testFiles: scope.tests.filter((f) => existsSync(f)), nodeArgs: ['--import', 'tsx'] },
    incrementalFile: `reports/stryker-incremental-${name}.json`,
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    jsonReporter: { fileName: `reports/mutation/${name}.json` },
    reporters: ['clear-text', 'progress', 'html', 'json'],
    // The type checker is a third process on 2 cores; a mutant tsc would reject mostly fails at run time too.
    checkers: process.env.MUTATE_CHECK ? ['typescript'] : [],
    // Incremental mode keeps a mutant's old "survived" when only a NEW test file covers it
    // (seen with the tap runner): after adding tests, MUTATE_FORCE=1 tests every mutant again.
    force: Boolean(process.env.MUTATE_FORCE),
  });
  const results = await stryker.runMutationTest();
  const byFile = new Map();
  for (const r of results) {
    const f = byFile.get(r.fileName) ?? { killed: 0, survived: 0, noCoverage: 0, timeout: 0, other: 0 };
    if (r.status === 'Killed') f.killed++;
    else if (r.status === 'Survived') f.survived++;
    else if (r.status === 'NoCoverage') f.noCoverage++;
    else if (r.status === 'Timeout') f.timeout++;
    else f.other++; // CompileError, RuntimeError, Ignored: not counted in the score, like Stryker's own
    byFile.set(r.fileName, f);
  }
  const own = [...byFile].map(([file, f]) => ({ file: file.replace(process.cwd() + '/', ''), ...f }));
  rows.push(...own);
  // Each scope's rows as soon as it ends: a long run cut short still leaves the scopes it finished.
  for (const f of own) console.log(`[${name}] ${f.file} | ${f.killed} | ${f.survived} | ${f.noCoverage} | ${f.timeout} | ${score(f).toFixed(1)} %`);
}

console.log('\nfile | killed | survived | no coverage | timeout | score');
for (const f of rows) console.log(`${f.file} | ${f.killed} | ${f.survived} | ${f.noCoverage} | ${f.timeout} | ${score(f).toFixed(1)} %`);
