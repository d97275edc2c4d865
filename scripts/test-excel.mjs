// npm run test:excel: the Office adapter checks (tests/excel/adapter-checks.ts) inside a real
// Excel, on a machine that has one (Windows, Mac, or Excel on the web in a browser there).
// Builds the add-in, writes dist/addin/manifest-test.xml (the same add-in, whose page runs the
// checks: taskpane.html?gnbv-test=4201), starts Microsoft's office-addin-test-server on port 4201
// and waits for the results the page posts (office-addin-test-helpers). Sideload the test
// manifest into a blank workbook (README, "Cài vào Excel"), or let office-addin-debugging do it
// on Windows/Mac when installed. The test server needs its certificate trusted
// (npx office-addin-dev-certs install), as for npm start.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { TestServer } from 'office-addin-test-server';
import { buildAddin, desktopSideloader } from './addin-dev.mjs';
import { serve } from './serve.mjs';

const TEST_PORT = 4201;
const WAIT_MINUTES = 10;

buildAddin();
const manifest = readFileSync('dist/addin/manifest.xml', 'utf8').replace(/(<bt:Url id="Taskpane\.Url" DefaultValue="[^"]*taskpane\.html)"/, `$1?gnbv-test=${TEST_PORT}"`);
writeFileSync('dist/addin/manifest-test.xml', manifest);

const server = new TestServer(TEST_PORT);
await server.startTestServer();
const site = await serve({ port: Number(process.env.PORT ?? 3000) });
console.log(`Sideload dist/addin/manifest-test.xml into a blank workbook and open the GNBV pane; waiting ${WAIT_MINUTES} minutes for results on https://localhost:${TEST_PORT}.`);

const sideloader = desktopSideloader();
if (sideloader) {
  spawn(process.execPath, [sideloader, 'start', 'dist/addin/manifest-test.xml', 'desktop', '--dev-server-port', process.env.PORT ?? '3000'], { stdio: 'inherit' });
}

const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`no results after ${WAIT_MINUTES} minutes`)), WAIT_MINUTES * 60_000));
let failed = true;
try {
  const { results } = await Promise.race([server.getTestResults(), timeout]);
  for (const result of results) console.log(`${result.passed ? 'ok    ' : 'FAILED'} ${result.name}${result.passed ? '' : `: ${result.detail}`}`);
  failed = results.some((result) => !result.passed);
  console.log(`${results.filter((r) => r.passed).length}/${results.length} passed in ${server.getPlatformName()}`);
} catch (error) {
  console.error(String(error));
} finally {
  await server.stopTestServer();
  site.close();
}
process.exit(failed ? 1 : 0);
