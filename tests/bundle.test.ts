import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

// The build (npm test builds first): the pane's initial JavaScript within budget, ExcelJS only
// in a chunk loaded when files are merged, functions.json with every GNBV function.
const DIST = 'dist/addin';

test('the task pane initial JavaScript is within its 300 KB gzip budget', () => {
  const report = execFileSync(process.execPath, ['scripts/bundle-size.mjs'], { encoding: 'utf8' });
  const match = /Task pane initial JavaScript: ([\d.]+) KB gzipped/.exec(report);
  assert.ok(match, report);
  const size = Number(match[1]);
  assert.ok(size > 50 && size <= 300, `${size} KB`);
});

test('ExcelJS is not in the initial bundle: only a lazily loaded chunk reads .xlsx files', () => {
  const html = readFileSync(`${DIST}/taskpane.html`, 'utf8');
  const initial = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+\.js)"?/g)].map((m) => m[1]!).filter((src) => !src.startsWith('http'));
  // The functions (with the engine) and the pane: the two entries of the shared runtime.
  assert.equal(initial.length, 2);
  assert.match(initial[0]!, /^functions\./, 'the functions load first, at the top level of the page');
  // A string only ExcelJS's reader holds.
  const marker = 'xl/workbook.xml';
  for (const file of initial) assert.ok(!readFileSync(`${DIST}/${file}`, 'utf8').includes(marker), `ExcelJS is in the initial bundle ${file}`);
  const chunks = readdirSync(DIST).filter((f) => f.startsWith('chunk.') && f.endsWith('.js'));
  assert.ok(chunks.some((f) => readFileSync(`${DIST}/${f}`, 'utf8').includes(marker)), 'no lazily loaded ExcelJS chunk');
  assert.match(html, /<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?>/);
});

test('functions.json describes every GNBV function in Vietnamese', () => {
  const metadata = JSON.parse(readFileSync(`${DIST}/functions.json`, 'utf8')) as { functions: Array<{ id: string; description: string }> };
  assert.deepEqual(metadata.functions.map((f) => f.id).sort(), ['DOCSO', 'KIEMTRA', 'LECH', 'MUCV', 'NGUONVON', 'TYLENGHEO']);
  for (const f of metadata.functions) assert.match(f.description, /[ăâđêôơưáàảãạếềểễệóòỏõọúùủũụíìỉĩịýỳ]/i, f.id);
});
