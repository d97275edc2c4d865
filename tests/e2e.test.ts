import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { gnbv, tempDir } from './support/cli.js';

// The task pane in a real headless Chromium (Debian's), on the demo page: the same React pane
// over the in-memory workbook. .ci/run installs chromium; `npm test` builds dist/addin first.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts');

let browser: Browser;
let server: { close(): void; address(): AddressInfo | string | null };
let base = '';
let samples: string[] = [];

before(async () => {
  assert.ok(existsSync('dist/addin/demo.html'), 'dist/addin is missing: run npm run build');
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  await mkdir(ARTIFACTS, { recursive: true });
  // @ts-expect-error plain JavaScript module shared with npm start
  const { serve } = await import('../scripts/serve.mjs');
  server = await serve({ port: 0, quiet: true, ephemeral: true });
  base = `https://localhost:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const dir = await tempDir();
  assert.equal((await gnbv('sample', '-o', dir)).code, 0);
  samples = (await readdir(dir)).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(dir, f));
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open(query = ''): Promise<Page> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 860 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/demo.html${query}`);
  await page.getByTestId('sheet').waitFor();
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

describe('demo page in Chromium', () => {
  test('Kiểm tra biểu lists and highlights the planted errors; a click selects the cell; clearing restores the sheet', async () => {
    const page = await open();
    const sheet = page.getByTestId('sheet');
    assert.equal(await sheet.getAttribute('data-sheet'), 'PL01 Cam Hiếu');
    const before = await sheet.innerHTML();

    await page.getByTestId('validate-active').click();
    await page.getByTestId('issue-counts').waitFor();
    const cells = await page.getByTestId('issue').evaluateAll((items) => items.map((i) => i.getAttribute('data-cell')));
    assert.deepEqual(cells.sort(), ['PL01 Cam Hiếu!C14', 'PL01 Cam Hiếu!J16', 'PL01 Cam Hiếu!L10']);
    assert.match(await page.getByTestId('issue-counts').innerText(), /3 lỗi/);
    for (const cell of ['C14', 'J16', 'L10']) assert.equal(await page.locator(`td[data-cell="${cell}"]`).getAttribute('data-mark'), 'error');
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-validate.png') });

    await page.locator('[data-testid="issue"][data-cell="PL01 Cam Hiếu!C14"]').click();
    await page.locator('td[data-cell="C14"].selected').waitFor();

    await page.getByTestId('clear-highlights').click();
    await page.locator('td[data-mark]').first().waitFor({ state: 'detached' });
    // Everything as before but the selection, which stays on the cell as it would in Excel.
    assert.equal((await sheet.innerHTML()).replace(/ class="selected"| selected(?=")/g, ''), before);
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-cleared.png') });
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
  });

  test('merging the sample files through the file input writes the district summary and the completeness checklist', async () => {
    const page = await open('?start=blank&view=merge');
    await page.getByTestId('merge-files').setInputFiles(samples);
    const completeness = page.getByTestId('completeness');
    await completeness.waitFor();
    const rows = await completeness.locator('tr').allInnerTexts();
    assert.equal(rows.length, 9);
    assert.ok(rows.some((r) => r.includes('Xã Cam Thanh') && r.includes('Có lỗi')));
    assert.ok(rows.some((r) => r.includes('Xã Cam Thành') && r.includes('Đã nhận')));
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-merge-review.png') });

    // Two units carry planted errors: the pane names them, shows their issues, and asks first.
    const blockers = page.getByTestId('merge-blocker');
    assert.deepEqual((await blockers.allInnerTexts()).map((text) => text.split(' (')[0]), ['Xã Cam Thanh', 'Xã Cam Hiếu']);
    await blockers.first().locator('summary').click();
    assert.match(await blockers.first().innerText(), /PL01!M15: Dòng "Chính sách hỗ trợ về nhà ở/);
    await page.getByTestId('merge-write').click();
    await page.getByTestId('merge-confirm').waitFor();
    assert.ok(!(await page.getByTestId('sheet-tab').allInnerTexts()).includes('Tình hình nộp'), 'nothing written before the user decides');
    await page.getByTestId('merge-write-anyway').click();
    await page.locator('[data-testid="sheet"][data-sheet="Tình hình nộp"]').waitFor();
    const tabs = await page.getByTestId('sheet-tab').allInnerTexts();
    for (const name of ['Tình hình nộp', 'PL01 Tổng hợp', 'PL02 Tổng hợp', 'Nguồn vốn Tổng hợp', 'PL01 Cam Thành', 'Nhật ký']) assert.ok(tabs.includes(name), name);
    assert.match(await page.getByTestId('sheet').innerText(), /Đã nhận 9\/9 đơn vị/);
    await page.getByTestId('sheet-tab').filter({ hasText: /^PL01 Tổng hợp$/ }).click();
    await page.locator('[data-testid="sheet"][data-sheet="PL01 Tổng hợp"]').waitFor();
    assert.match((await page.locator('td[data-cell="C13"]').getAttribute('title')) ?? '', /^=SUM\('PL01 TT Cam Lộ'!C13,/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-merged.png') });
  });

  test('the merge review asks: a dropdown of units for a file named by a fragment, the choice between two files for one unit', async () => {
    const dir = await tempDir();
    const camAn = samples.find((f) => path.basename(f).startsWith('19603 '))!;
    const again = path.join(dir, 'Cam An gửi lại.xlsx');
    await copyFile(camAn, again);
    const fragment = path.join(dir, 'cam nghia.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(samples.find((f) => path.basename(f).startsWith('19621 '))!);
    workbook.worksheets.forEach((ws) => (ws.getCell('A4').value = ''));
    await workbook.xlsx.writeFile(fragment);
    const health = samples.find((f) => path.basename(f).startsWith('P-YTE '))!;
    const communes = samples.filter((f) => /^\d{5} /.test(path.basename(f)) && !path.basename(f).startsWith('19621 '));

    const page = await open('?start=blank&view=merge');
    await page.getByTestId('merge-files').setInputFiles([...communes, again, fragment, health]);
    const held = page.locator('[data-testid="held-file"][data-file="cam nghia.xlsx"]');
    await held.waitFor();
    assert.match(await held.innerText(), /thiếu chữ chỉ loại đơn vị/);
    const duplicates = page.getByTestId('duplicate');
    assert.equal(await duplicates.count(), 1, 'one question for the two files of Cam An');
    assert.match(await duplicates.innerText(), /Hai tệp cùng gửi PL01, PL02, NV của Xã Cam An/);
    assert.match(await duplicates.first().innerText(), /Cam An gửi lại\.xlsx — [\d.]+ byte, sửa lúc .+, SHA-256 [0-9a-f]{12}…, 0 lỗi, 0 cảnh báo/);
    assert.equal(await page.getByTestId('merge-write').isDisabled(), true, 'nothing can be written while undecided');
    const senders = await page.getByTestId('file-sender').allInnerTexts();
    assert.ok(senders.includes('Phòng Y tế (dòng Đơn vị báo cáo)'), senders.join(' | '));
    assert.ok(senders.includes('không xác định được đơn vị'), senders.join(' | '));
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-merge-decisions.png') });

    await held.getByTestId('assign-unit').selectOption('19621');
    // Preferring a file settles every annex it holds.
    await duplicates.first().getByText(/^Cam An gửi lại\.xlsx/).click();
    await duplicates.first().waitFor({ state: 'detached' });
    await page.locator('[data-testid="merge-write"]:not([disabled])').waitFor();
    assert.match(await page.getByTestId('department-completeness').innerText(), /Phòng Y tế\s+Đã nhận/);
    await page.getByTestId('merge-write').click();
    // Cam Thanh and Cam Hiếu carry planted errors: the pane asks once more before writing them.
    await page.getByTestId('merge-write-anyway').click();
    await page.locator('[data-testid="sheet"][data-sheet="Tình hình nộp"]').waitFor();
    const tabs = await page.getByTestId('sheet-tab').allInnerTexts();
    for (const name of ['PL01 Cam Nghĩa', 'PL01 Cam An', 'PL01 P.Y tế - BHXH']) assert.ok(tabs.includes(name), name);
    assert.match(await page.getByTestId('sheet').innerText(), /Đã nhận 9\/9 đơn vị/);
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
  });

  test("another district's unit list is chosen in the merge review, then its files merge with no code change", async () => {
    const dir = await tempDir();
    const list = path.join(dir, 'gio-linh.json');
    const units = [
      { code: '19300', name: 'Thị trấn Gio Linh', shortName: 'TT Gio Linh' },
      { code: '19303', name: 'Xã Gio An', shortName: 'Gio An' },
    ];
    await writeFile(list, JSON.stringify({ id: 'gio-linh', district: 'Huyện Gio Linh', units, departments: [{ code: 'YT', name: 'Phòng Y tế', shortName: 'P.Y tế', leads: { PL01: ['yte'] } }] }));
    assert.equal((await gnbv('sample', '--units', list, '-o', path.join(dir, 's'))).code, 0);
    const files = (await readdir(path.join(dir, 's'))).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(dir, 's', f));

    const page = await open('?start=blank&view=merge');
    await page.getByTestId('unit-list-file').setInputFiles(list);
    await page.getByTestId('unit-list').filter({ hasText: 'Huyện Gio Linh (2 xã, thị trấn; 1 phòng, ban)' }).waitFor();
    await page.getByTestId('merge-files').setInputFiles(files);
    const completeness = page.getByTestId('completeness');
    await completeness.waitFor();
    assert.deepEqual((await completeness.locator('tr').allInnerTexts()).map((r) => r.split('\t')[0]), ['Thị trấn Gio Linh', 'Xã Gio An']);
    assert.match(await page.getByTestId('department-completeness').innerText(), /Phòng Y tế\s+Đã nhận/);
    await page.getByTestId('merge-write').click();
    await page.locator('[data-testid="sheet"][data-sheet="Tình hình nộp"]').waitFor();
    assert.match(await page.getByTestId('sheet').innerText(), /HUYỆN GIO LINH/);

    await writeFile(list, '{ "id": "x" ');
    await page.getByTestId('unit-list-file').setInputFiles(list);
    await page.getByText(/Danh sách đơn vị .*gio-linh\.json không hợp lệ/).waitFor();
  });

  test('the pane works from the keyboard: Enter on Kiểm tra biểu, then Enter on an issue selects its cell', async () => {
    const page = await open();
    await page.getByTestId('validate-active').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('issue-counts').waitFor();
    await page.getByTestId('issue').first().focus();
    const cell = (await page.getByTestId('issue').first().getAttribute('data-cell'))!.split('!')[1]!;
    await page.keyboard.press('Enter');
    await page.locator(`td[data-cell="${cell}"].selected`).waitFor();
  });

  test('Mẫu biểu inserts a blank annex for the chosen unit; Công thức tổng previews, then writes formulas and checks', async () => {
    const page = await open('?start=unit&view=templates');
    await page.getByRole('radio', { name: /Phụ lục 02/ }).check();
    await page.getByTestId('insert-template').click();
    await page.locator('[data-testid="sheet"][data-sheet="PL02 2"]').waitFor();
    assert.match(await page.getByTestId('sheet').innerText(), /Đơn vị báo cáo: Thị trấn Cam Lộ/);

    await page.getByRole('tab', { name: 'Tổng' }).click();
    await page.getByTestId('sheet-tab').filter({ hasText: /^PL02$/ }).click();
    await page.getByTestId('totals-preview').click();
    const plan = page.getByTestId('totals-plan');
    await plan.waitFor();
    assert.match(await plan.innerText(), /PL02 \(PL02\): \d+ ô tổng sẽ thành công thức; 0 ô tổng gõ tay khác tổng thành phần/);
    assert.equal(await page.locator('td[data-cell="C10"]').getAttribute('title'), null, 'nothing written before the user confirms');
    await page.getByTestId('totals-apply').click();
    await page.locator('td[data-cell="C10"][title^="=IF(COUNT("]').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-totals.png') });
  });

  test('Công thức tổng refuses a sheet whose part is text that is not surely a number, naming the cell', async () => {
    const page = await open('?view=totals');
    await page.getByTestId('totals-preview').click();
    const refused = page.getByTestId('totals-refused');
    await refused.waitFor();
    assert.match(await refused.innerText(), /1 ô thành phần không phải là số[\s\S]*L10: "1\.234"/);
    assert.equal(await page.getByTestId('totals-apply').isDisabled(), true);
  });

  test('opened as by the ribbon button Kiểm tra biểu, the pane checks the active sheet at once', async () => {
    const page = await open('?autorun=1');
    await page.getByTestId('issue-counts').waitFor();
    assert.equal(await page.getByTestId('issue').count(), 3);
  });

  test('the pane speaks English when asked', async () => {
    const page = await open('?lang=en');
    await page.getByRole('button', { name: 'Check this sheet' }).click();
    await page.getByTestId('issue-counts').waitFor();
    assert.match(await page.getByTestId('issue-counts').innerText(), /3 errors/);
  });
});
