// `npm run test:order [-- --all] [files...]`: do the tests depend on each other's order?
// node 20 has no --test-shuffle or --test-randomize, so this checks it from outside:
//  1. every test of every file run ALONE (`--test-name-pattern` on its exact name): a test that
//     only passes after an earlier one (a temp file it wrote, module state, env, cwd) fails here;
//  2. the files run one at a time in reverse order, then in a shuffled order (seed printed,
//     ORDER_SEED=n repeats it): a file that leans on what another left behind fails here.
// Slow files (Chromium, LibreOffice, a build: bin.test.ts runs the compiled CLI) only with --all; --files-only skips step 1 (the
// long one: a process per test). Not in CI: tens of minutes, one process at a time so it does
// not crowd the shared cores.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const SLOW = ['bin', 'bundle', 'e2e', 'e2e-hostile', 'excel-runner', 'functions-runtime', 'libreoffice', 'manifest', 'print', 'serve', 'taskpane-office'].map((n) => `tests/${n}.test.ts`);
const args = process.argv.slice(2);
const all = args.includes('--all');
const filesOnly = args.includes('--files-only');
const named = args.filter((a) => !a.startsWith('--'));
const files = named.length
  ? named
  : readdirSync('tests')
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => `tests/${f}`)
      .filter((f) => all || !SLOW.includes(f))
      .sort();

function run(testFiles, pattern) {
  const argv = ['--import', 'tsx', '--test', '--test-reporter=tap', '--test-concurrency=1', ...(pattern ? [`--test-name-pattern=${pattern}`] : []), ...testFiles];
  const child = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const count = (what) => Number(new RegExp(`^# ${what} (\\d+)$`, 'm').exec(child.stdout)?.[1] ?? NaN);
  return { pass: count('pass'), fail: count('fail'), cancelled: count('cancelled'), stdout: child.stdout, code: child.status };
}

// TAP escapes "#" and "\" in names.
const unescape = (name) => name.replace(/\\([#\\])/g, '$1');
const exact = (name) => `^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`;

/** The leaf tests of a TAP stream (subtests with none of their own), in order. */
function leaves(tap) {
  const lines = tap.split('\n');
  const names = [];
  lines.forEach((line, i) => {
    const m = /^( *)# Subtest: (.*)$/.exec(line);
    if (!m) return;
    const next = lines.slice(i + 1).find((l) => /^ *# Subtest: |^ *(not )?ok \d+ /.test(l)) ?? '';
    // A suite's next line is its first child's "# Subtest:", indented deeper.
    if (!(next.startsWith(`${m[1]}    # Subtest: `))) names.push(unescape(m[2]));
  });
  return names;
}

const problems = [];
const started = Date.now();
for (const file of filesOnly ? [] : files) {
  const whole = run([file]);
  if (whole.fail || whole.cancelled || whole.code !== 0) {
    console.log(`FAIL ${file}: fails on its own, in its own order`);
    problems.push(`${file}: fails on its own, in its own order (fix that first)`);
    continue;
  }
  const names = leaves(whole.stdout);
  const counts = new Map();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const name of new Set(names)) {
    const alone = run([file], exact(name));
    const ok = alone.fail === 0 && alone.cancelled === 0 && alone.code === 0 && alone.pass === counts.get(name);
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${file} › ${name}${counts.get(name) > 1 ? ` (×${counts.get(name)})` : ''}`);
    if (!ok) problems.push(`${file} › ${name}: alone ${alone.pass} passed, ${alone.fail} failed, ${alone.cancelled} cancelled`);
  }
}

let seed = Number(process.env.ORDER_SEED ?? Date.now() % 100000);
console.log(`shuffle seed ${seed} (ORDER_SEED=${seed} repeats it)`);
const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
const shuffled = [...files];
for (let i = shuffled.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
}
for (const [label, order] of [['reverse', [...files].reverse()], ['shuffled', shuffled]]) {
  const result = run(order);
  console.log(`${result.fail || result.code !== 0 ? 'FAIL' : 'ok  '} files in ${label} order: ${result.pass} passed, ${result.fail} failed`);
  if (result.fail || result.cancelled || result.code !== 0) problems.push(`files in ${label} order (${order.join(' ')}): ${result.fail} failed, ${result.cancelled} cancelled`);
}

console.log(`\n${files.length} files, ${((Date.now() - started) / 1000).toFixed(0)} s`);
if (problems.length) {
  console.log(`\n${problems.length} order dependence(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exitCode = 1;
} else console.log('no test depends on another one having run before it');
