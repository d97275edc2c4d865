// Reports the size of each built file, and the task pane's initial JavaScript gzipped against
// its budget (300 KB; the lazily loaded ExcelJS chunk is not part of it). Exit 1 over budget.
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve('dist/addin');
const BUDGET = 300 * 1024;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const html = readFileSync(path.join(dir, 'taskpane.html'), 'utf8');
const initial = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+\.js)"?/g)].map((m) => m[1]).filter((src) => !src.startsWith("http"));
let initialGzip = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js')).sort()) {
  const bytes = readFileSync(path.join(dir, file));
  const gzip = gzipSync(bytes).length;
  const isInitial = initial.includes(file);
  if (isInitial) initialGzip += gzip;
  console.log(`${file.padEnd(44)} ${kb(bytes.length).padStart(10)} ${kb(gzip).padStart(10)} gzip${isInitial ? '  (task pane, initial)' : ''}`);
}
console.log(`Task pane initial JavaScript: ${kb(initialGzip)} gzipped (budget ${kb(BUDGET)})`);
if (initialGzip > BUDGET) process.exitCode = 1;
