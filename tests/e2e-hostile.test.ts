import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { launchChromium, rendererPeakBytes } from '../bench/pane.js';
import { gnbv, tempDir } from './support/cli.js';
import { hostileCorpus } from './support/hostile-files.js';

// The pane reads received files through the same src/io code as the command line: in Chromium,
// on the demo page, the hostile corpus is refused file by file, with the reason, within the
// memory budget, and the good file beside them is read.
let context: BrowserContext;
let browserPid = 0;
let server: { close(): void; address(): AddressInfo | string | null };
let base = '';

before(async () => {
  assert.ok(existsSync('dist/addin/demo.html'), 'dist/addin is missing: run npm run build');
  // @ts-expect-error plain JavaScript module shared with npm start
  const { serve } = await import('../scripts/serve.mjs');
  server = await serve({ port: 0, quiet: true });
  base = `https://localhost:${(server.address() as AddressInfo).port}`;
  ({ context, browserPid } = await launchChromium());
});

after(async () => {
  await context?.close();
  server?.close();
});

test('the pane refuses each hostile file with its reason, reads the good one, and its renderer stays under 1 GB', async () => {
  const dir = await tempDir();
  const corpus = hostileCorpus();
  for (const file of corpus) await writeFile(path.join(dir, file.name), file.bytes);
  const samples = await tempDir();
  assert.equal((await gnbv('sample', '-o', samples)).code, 0);
  const good = path.join(samples, (await readdir(samples)).find((f) => f.includes('Cam An'))!);

  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  let crashed = false;
  page.on('crash', () => (crashed = true));
  await page.goto(`${base}/demo.html?start=blank&view=merge`);
  await page.getByTestId('merge-files').setInputFiles([...corpus.map((f) => path.join(dir, f.name)), good]);
  const table = page.getByTestId('merge-files-table');
  await table.waitFor({ timeout: 120_000 });
  const rows = await table.locator('tr').allInnerTexts();
  const row = (name: string) => rows.find((r) => r.includes(name)) ?? '';
  assert.match(row('forged-sizes.xlsx'), /bị hỏng/);
  assert.match(row('filled-down.xlsx'), /Trang tính "PL01" quá lớn/);
  assert.match(row('filled-down-800k.xlsx'), /Trang tính "PL01" có hơn 100\.000 ô/);
  assert.match(row('many-sheets.xlsx'), /Sổ có hơn 500\.000 ô/);
  assert.match(row('Cam An'), /lỗi, \d+ cảnh báo/);
  // ExcelJS got its unclamped timeouts while it was evaluated; the page has its own back.
  assert.equal(await page.evaluate(() => /\[native code\]/.test(String(window.setTimeout))), true);
  assert.equal(crashed, false);
  assert.deepEqual(errors, []);
  assert.ok(rendererPeakBytes(browserPid) < 2 ** 30, `renderer peak ${rendererPeakBytes(browserPid)}`);
  assert.ok(rendererPeakBytes(browserPid) > 0, 'the renderer was found');
});
