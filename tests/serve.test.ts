import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import path from 'node:path';
import { test } from 'node:test';
import { tempDir } from './support/cli.js';

// What `npm start` serves: office-addin-dev-certs' own certificate (the one its `install` makes
// Office trust), and cache headers under which a cached page never names a missing bundle.

function get(url: string, ca?: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, ca ? { ca } : { rejectUnauthorized: false }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('on Linux without sudo: the certificate is office-addin-dev-certs\' own, signed by its CA, and the skipped install is explained', { skip: process.platform !== 'linux' && 'the Linux path' }, async () => {
  const home = await tempDir('gnbv-home-');
  const child = spawn(process.execPath, ['scripts/serve.mjs'], { env: { ...process.env, HOME: home, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /https:\/\/localhost:(\d+)\/demo\.html/.exec(output);
        if (match && output.includes('sudo npx office-addin-dev-certs install')) resolve(`https://localhost:${match[1]}`);
      });
      child.once('exit', (code) => reject(new Error(`serve.mjs exited (${code}): ${output}`)));
    });
    const ca = path.join(home, '.office-addin-dev-certs', 'ca.crt');
    assert.ok(existsSync(ca), 'the CA lives where office-addin-dev-certs install looks for it');
    assert.match(output, /cần sudo nên bị bỏ qua/);
    // Trusting only that CA, the https request succeeds: the served certificate is signed by it.
    const page = await get(`${url}/taskpane.html`, readFileSync(ca));
    assert.ok(page.status === 200 || page.status === 404, String(page.status));
  } finally {
    child.kill();
  }
});

test('pages, functions.json and the manifest are revalidated; hashed bundles are cached for good', async (t) => {
  // @ts-expect-error plain JavaScript module shared with npm start
  const { cacheControl, serve } = await import('../scripts/serve.mjs');
  assert.equal(cacheControl('taskpane.html'), 'no-cache');
  assert.equal(cacheControl('functions.json'), 'no-cache');
  assert.equal(cacheControl('manifest.xml'), 'no-cache');
  assert.equal(cacheControl('taskpane.b9efd4c7.js'), 'public, max-age=31536000, immutable');
  if (!existsSync('dist/addin/taskpane.html')) return t.skip('run npm run build first');
  const server = await serve({ port: 0, quiet: true, ephemeral: true });
  try {
    const base = `https://localhost:${server.address().port}`;
    assert.equal((await get(`${base}/taskpane.html`)).headers['cache-control'], 'no-cache');
    assert.equal((await get(`${base}/functions.json`)).headers['cache-control'], 'no-cache');
  } finally {
    server.close();
  }
});
