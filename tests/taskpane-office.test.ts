import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { gioLinhUnitList } from './support/factories.js';

// The built taskpane.html (the shared-runtime page) in Chromium with an Office stub over the
// strict fake Excel (tests/support/office-stub.ts): loading the runtime and pressing the ribbon's
// ExecuteFunction buttons write nothing; only the user's own request for a check does.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

let browser: Browser;
let server: { close(): void; address(): AddressInfo | string | null };
let base = '';
let stub = '';

before(async () => {
  assert.ok(existsSync('dist/addin/taskpane.html'), 'dist/addin is missing: run npm run build');
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  const bundled = await build({ entryPoints: ['tests/support/office-stub.ts'], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2022', logLevel: 'silent' });
  stub = bundled.outputFiles[0]!.text;
  // @ts-expect-error plain JavaScript module shared with npm start
  const { serve } = await import('../scripts/serve.mjs');
  server = await serve({ port: 0, quiet: true, ephemeral: true });
  base = `https://localhost:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
});

after(async () => {
  await browser?.close();
  server?.close();
});

interface OfficeControls {
  command(name: string): Promise<void>;
  setVisibility(mode: 'Hidden' | 'Taskpane'): void;
  writes(): string[];
  associatedFunctions(): string[];
  commands(): string[];
  savedSettings(): string[];
}

async function openPane(query = ''): Promise<Page> {
  const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(OFFICE_JS, (route) => route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: stub }));
  await page.goto(`${base}/taskpane.html${query}`);
  await page.getByTestId('validate-active').waitFor();
  assert.deepEqual(errors, []);
  return page;
}

const office = <T>(page: Page, call: (controls: OfficeControls) => T | Promise<T>) =>
  page.evaluate(`(${call.toString()})(window.gnbvOffice)`) as Promise<T>;
const selectedTab = (page: Page) => page.getByRole('tab', { selected: true }).innerText();

describe('the shared-runtime page over the strict fake Excel', () => {
  test('loading writes nothing; the functions are associated at load, the ribbon commands too', async () => {
    const page = await openPane();
    assert.deepEqual(await office(page, (o) => o.associatedFunctions().sort()), ['DOCSO', 'KIEMTRA', 'LECH', 'MUCV', 'NGUONVON', 'TYLENGHEO']);
    assert.deepEqual(await office(page, (o) => o.commands().sort()), ['showMergeView', 'showTemplatesView', 'showTotalsView']);
    assert.equal(await selectedTab(page), 'Kiểm tra');
    assert.deepEqual(await office(page, (o) => o.writes()), []);
    assert.equal(await page.getByTestId('issue-counts').count(), 0, 'no check ran');
  });

  test('each ExecuteFunction button switches the view and writes nothing; returning to Kiểm tra does not check', async () => {
    const page = await openPane();
    for (const [command, tab] of [['showMergeView', 'Gộp báo cáo'], ['showTotalsView', 'Tổng'], ['showTemplatesView', 'Mẫu biểu']] as const) {
      await office(page, new Function('o', `return o.command(${JSON.stringify(command)})`) as (o: OfficeControls) => Promise<void>);
      await page.getByRole('tab', { name: tab, selected: true }).waitFor();
      assert.deepEqual(await office(page, (o) => o.writes()), [], command);
    }
    await page.getByRole('tab', { name: 'Kiểm tra' }).click();
    await page.getByTestId('validate-active').waitFor();
    assert.equal(await page.getByTestId('issue-counts').count(), 0);
    assert.deepEqual(await office(page, (o) => o.writes()), []);
  });

  test('"Kiểm tra biểu" on a hidden pane brings back the check view and checks; a tab switch later does not check again', async () => {
    const page = await openPane();
    await office(page, (o) => o.command('showMergeView'));
    await page.getByRole('tab', { name: 'Gộp báo cáo', selected: true }).waitFor();
    await office(page, (o) => o.setVisibility('Hidden'));
    assert.deepEqual(await office(page, (o) => o.writes()), []);

    // ShowTaskpane on a pane that exists only shows it again: that is the user's click.
    await office(page, (o) => o.setVisibility('Taskpane'));
    await page.getByTestId('issue-counts').waitFor();
    assert.equal(await selectedTab(page), 'Kiểm tra');
    const written = await office(page, (o) => o.writes());
    assert.ok(written.some((w) => w.startsWith('conditional format')), `the check marks the planted errors: ${written.join('; ')}`);

    await page.getByRole('tab', { name: 'Mẫu biểu' }).click();
    await page.getByRole('tab', { name: 'Kiểm tra' }).click();
    await page.getByTestId('validate-active').waitFor();
    assert.deepEqual(await office(page, (o) => o.writes()), written, 'returning to the tab wrote nothing more');
  });
});

describe('the unit list of the whole pane, kept in the workbook', () => {
  const gioLinh = gioLinhUnitList();
  const unitList = (page: Page) => page.getByTestId('unit-list').innerText();

  test('a list chosen is used at once and kept in the document settings; nothing is written to the sheets', async () => {
    const page = await openPane();
    assert.match(await unitList(page), /Huyện Cam Lộ/);
    await page.getByTestId('unit-list-file').setInputFiles({ name: 'gio-linh.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(gioLinh)) });
    await page.getByTestId('unit-list').filter({ hasText: 'Huyện Gio Linh (2 xã, thị trấn; 0 phòng, ban)' }).waitFor();
    await page.getByText(/Đã lưu vào sổ này/).waitFor();
    const saved = await office(page, (o) => o.savedSettings());
    assert.equal(saved.length, 1);
    const kept = JSON.parse(JSON.parse(saved[0]!)['gnbv.unitList']);
    assert.deepEqual(kept.units.map((u: { name: string }) => u.name), ['Thị trấn Gio Linh', 'Xã Gio An']);
    assert.deepEqual(await office(page, (o) => o.writes()), []);
  });

  test('a workbook that keeps a list opens with it; one that keeps a broken list says so and uses the shipped one', async () => {
    const reopened = await openPane(`?settings=${encodeURIComponent(JSON.stringify({ 'gnbv.unitList': JSON.stringify(gioLinh) }))}`);
    assert.match(await unitList(reopened), /Huyện Gio Linh/);
    await reopened.getByRole('tab', { name: 'Mẫu biểu' }).click();
    await reopened.getByRole('combobox', { name: 'Đơn vị báo cáo' }).click();
    assert.deepEqual(await reopened.getByRole('option').allInnerTexts(), ['Thị trấn Gio Linh', 'Xã Gio An', 'Huyện Gio Linh']);

    const broken = await openPane(`?settings=${encodeURIComponent(JSON.stringify({ 'gnbv.unitList': '{"id": "x"' }))}`);
    assert.match(await unitList(broken), /Huyện Cam Lộ/);
    assert.match(await broken.getByTestId('kept-unit-list-problem').innerText(), /Danh sách đơn vị \(lưu trong sổ đang mở\) không hợp lệ[\s\S]*Đang dùng danh sách có sẵn của Huyện Cam Lộ/);
  });
});

test('without office.js (no network) the page still loads and points to the demo', async () => {
  const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
  await page.route(OFFICE_JS, (route) => route.abort());
  await page.goto(`${base}/taskpane.html`);
  // The functions entry fails at its CustomFunctions.associate calls; the pane's entry still runs.
  await page.getByText('office.js không tải được').waitFor();
  assert.equal(await page.getByRole('link', { name: 'Demo' }).getAttribute('href'), 'demo.html');
});
