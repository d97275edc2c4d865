import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { TRICKY_TEXTS, type CheckResult } from './excel/adapter-checks.js';

// npm run test:excel's in-page runner (tests/excel/in-excel.ts), run here in Chromium over the
// in-memory workbook: the checks run and their results reach the test server as
// office-addin-test-helpers sends them. The server is a stand-in answering as Microsoft's
// office-addin-test-server does (GET /ping, POST /results/?data=<JSON>, CORS open), because
// the real one installs its certificate with sudo on Linux.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Browser;
let server: Server;
let port = 0;
let page = '';
const received: unknown[] = [];

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  const bundled = await build({ entryPoints: ['tests/excel/memory-page.ts'], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'silent' });
  page = `<!doctype html><meta charset="utf-8"><script>${bundled.outputFiles[0]!.text.replaceAll('</script', '<\\/script')}</script>`;
  // @ts-expect-error plain JavaScript module shared with npm start
  const { certificate } = await import('../scripts/serve.mjs');
  const { key, cert } = await certificate({ ephemeral: true });
  server = createServer({ key, cert }, (request, response) => {
    const url = new URL(request.url ?? '/', 'https://localhost');
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', 'Content-Type');
    if (request.method === 'OPTIONS') return response.writeHead(204).end();
    if (url.pathname === '/') return response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
    if (url.pathname === '/ping') return response.end('Chromium');
    if (url.pathname.startsWith('/results') && request.method === 'POST') {
      received.push(JSON.parse(url.searchParams.get('data') ?? 'null'));
      request.resume();
      return response.end('200');
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the test:excel runner runs every adapter check over the in-memory workbook and posts the results', async () => {
  const tab = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
  await tab.goto(`https://localhost:${port}/`);
  const results = (await tab.evaluate(`runRunner(${port})`)) as CheckResult[];
  assert.equal(results.length, 5);
  for (const result of results) assert.ok(result.passed, `${result.name}: ${result.detail}`);
  assert.deepEqual(received, [{ passed: true, results }]);
  assert.ok(TRICKY_TEXTS.includes('#N/A'));
});
