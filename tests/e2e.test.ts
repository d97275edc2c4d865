import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { gnbv, tempDir } from './support/cli.js';
import { gioLinhUnitList } from './support/factories.js';

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

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * axe-core over the pane and its popups (Fluent mounts them in portals at the end of the body),
 * not over the demo's stand-in for Excel's grid. Serious and critical violations fail the test.
 * Tabster's focus-redirecting dummies (<i data-tabster-dummy tabindex=0 aria-hidden>, which Fluent's
 * TabList and popups add on purpose so that screen readers skip them) are left out: a known false
 * positive of aria-hidden-focus, "by design" (microsoft/fluentui#27517, microsoft/tabster#288).
 */
async function accessible(page: Page, state: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const portals = [...document.body.children].filter((e) => e.id !== 'root' && e.tagName === 'DIV').map((e) => e);
    const result = await axe.run({ include: [document.querySelector('.demo-pane'), ...portals], exclude: ['[data-tabster-dummy]'] }, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [], `axe-core, ${state}`);
}

async function open(query = '', width = 1400): Promise<Page> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width, height: 860 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${base}/demo.html${query}`);
  await page.getByTestId('sheet').waitFor();
  (page as Page & { errors: string[] }).errors = errors;
  return page;
}

/** Another district's unit list, two communes, as an official would load it: a JSON file. */
async function gioLinhList(dir: string, departments: object[]): Promise<string> {
  const list = path.join(dir, 'gio-linh.json');
  await writeFile(list, JSON.stringify(gioLinhUnitList(departments)));
  return list;
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
    assert.ok(await page.evaluate(() => document.querySelector('[data-testid="merge-review"]')!.contains(document.activeElement)), 'focus on the review, not the page body');
    await accessible(page, 'merge review');
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-merge-review.png') });
    // Unticked, a received file's unit is "left out", not "not received".
    const camAn = page.getByRole('checkbox', { name: /Xã Cam An/ });
    await camAn.uncheck();
    assert.match((await completeness.locator('tr', { hasText: 'Xã Cam An' }).innerText()).replace(/\s+/g, ' '), /Đã nhận, không đưa vào/);
    await camAn.check();
    assert.doesNotMatch(await completeness.locator('tr', { hasText: 'Xã Cam An' }).innerText(), /không đưa vào/);

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

  test('the unit chosen for a held file never overrules a sheet that names its own unit: shown, nothing written until dropped', async () => {
    const dir = await tempDir();
    const mixed = path.join(dir, 'bao cao.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(samples.find((f) => path.basename(f).startsWith('19603 '))!);
    workbook.getWorksheet('PL02')!.getCell('A4').value = 'Đơn vị báo cáo: xa cam thanh';
    await workbook.xlsx.writeFile(mixed);

    const page = await open('?start=blank&view=merge');
    await page.getByTestId('merge-files').setInputFiles([mixed]);
    const held = page.locator('[data-testid="held-file"][data-file="bao cao.xlsx"]');
    await held.waitFor();
    await held.getByTestId('assign-unit').selectOption('19609');
    const conflicts = page.getByTestId('assign-conflict');
    await conflicts.first().waitFor();
    const texts = await conflicts.allInnerTexts();
    assert.equal(texts.length, 2, texts.join('\n'));
    assert.match(texts[0]!, /Chưa gộp tệp bao cao\.xlsx, trang "PL01": dòng "Đơn vị báo cáo" của trang ghi Xã Cam An \(19603\), nhưng tệp được chỉ định là của Xã Cam Thanh \(19609\)/);
    assert.match(texts[1]!, /trang "Nguồn vốn"/);
    assert.equal(await page.getByTestId('merge-write').isDisabled(), true, 'nothing can be written while a sheet contradicts the choice');
    await accessible(page, 'assignment conflict');
    await conflicts.first().getByTestId('drop-assign').click();
    await conflicts.first().waitFor({ state: 'detached' });
    await held.waitFor();
    assert.equal(await held.getByTestId('assign-unit').inputValue(), '');
    assert.deepEqual((page as Page & { errors: string[] }).errors, []);
  });

  test("another district's unit list is chosen in the merge review, then its files merge with no code change", async () => {
    const dir = await tempDir();
    const list = await gioLinhList(dir, [{ code: 'YT', name: 'Phòng Y tế', shortName: 'P.Y tế', leads: { PL01: ['yte'] } }]);
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

  test("the unit list chosen once serves every tab: Mẫu biểu offers its units, Kiểm tra counts its communes", async () => {
    const dir = await tempDir();
    const list = await gioLinhList(dir, []);
    const page = await open('?start=blank&view=templates');
    await page.getByTestId('unit-list').filter({ hasText: 'Huyện Cam Lộ' }).waitFor();
    await page.getByTestId('unit-list-file').setInputFiles(list);
    await page.getByTestId('unit-list').filter({ hasText: 'Huyện Gio Linh (2 xã, thị trấn; 0 phòng, ban)' }).waitFor();

    await page.getByRole('radio', { name: /Phụ lục 01/ }).check();
    await page.getByRole('combobox', { name: 'Đơn vị báo cáo' }).click();
    assert.deepEqual(await page.getByRole('option').allInnerTexts(), ['Thị trấn Gio Linh', 'Xã Gio An', 'Huyện Gio Linh']);
    await page.getByRole('option', { name: 'Huyện Gio Linh' }).click();
    await page.getByTestId('insert-template').click();
    await page.locator('[data-testid="sheet"][data-sheet="PL01"]').waitFor();
    assert.match(await page.getByTestId('sheet').innerText(), /Đơn vị báo cáo: Huyện Gio Linh/);
    await accessible(page, 'unit list of another district');

    // The district's sheet covers its 2 communes (Cam Lộ's list would not know the district: 1).
    const edit = (value: number) =>
      page.evaluate((v) => (window as unknown as { gnbvWorkbook: { editCell(s: string, c: string, v: number): void } }).gnbvWorkbook.editCell('PL01', 'F10', v), value);
    await page.getByRole('tab', { name: 'Kiểm tra' }).click();
    await edit(2);
    await page.getByTestId('validate-active').click();
    await page.getByTestId('issue-counts').waitFor();
    assert.equal(await page.locator('[data-testid="issue-group"][data-code="communes/over-scope"]').count(), 0, '2 communes of 2');
    await edit(3);
    await page.getByTestId('validate-active').click();
    const over = page.locator('[data-testid="issue"][data-cell="PL01!F10"]');
    await over.waitFor();
    assert.match(await over.innerText(), /số xã 3 lớn hơn số đơn vị trong phạm vi báo cáo \(2\)/);
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
    await page.locator('[data-testid="sheet"][data-sheet="PL02 TT Cam Lộ"]').waitFor();
    assert.match(await page.getByTestId('sheet').innerText(), /Đơn vị báo cáo: Thị trấn Cam Lộ/);

    await page.getByRole('tab', { name: 'Tổng' }).click();
    await page.getByTestId('sheet-tab').filter({ hasText: /^PL02$/ }).click();
    await page.getByTestId('totals-preview').click();
    const plan = page.getByTestId('totals-plan');
    await plan.waitFor();
    assert.match(await plan.innerText(), /^Trang "PL02" \(Phụ lục 02\): \d+ ô tổng sẽ thành công thức; 0 ô tổng gõ tay đang sai\./);
    assert.equal(await page.locator('td[data-cell="C10"]').getAttribute('title'), null, 'nothing written before the user confirms');
    await accessible(page, 'totals preview');
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

  test('Mẫu biểu: the unit list opens by mouse over a usable pane, and the inserted annex names the unit picked', async () => {
    const page = await open('?start=unit&view=templates');
    await page.getByRole('radio', { name: /Phụ lục 02/ }).check();
    // Bounded waits: before the fix the list never opened and the clicks waited for ever.
    await page.getByRole('combobox', { name: 'Đơn vị báo cáo' }).click({ timeout: 10_000 });
    const option = page.getByRole('option', { name: 'Xã Cam Thành' });
    await option.waitFor({ timeout: 10_000 });
    // The popup is a list, not a page-high sheet over the pane.
    const box = (await page.getByRole('listbox').boundingBox())!;
    assert.ok(box.height < 500, `listbox height ${box.height}`);
    await accessible(page, 'templates, unit list open');
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-templates-dropdown.png') });
    await option.click({ timeout: 10_000 });
    assert.equal(await page.getByRole('combobox', { name: 'Đơn vị báo cáo' }).innerText(), 'Xã Cam Thành');
    await page.getByTestId('insert-template').click({ timeout: 5000 });
    await page.locator('[data-testid="sheet"][data-sheet^="PL02"]').waitFor();
    assert.match(await page.getByTestId('sheet').innerText(), /Đơn vị báo cáo: Xã Cam Thành/);
    await accessible(page, 'templates, inserted');
  });

  test('issues read in the official\'s words at 320 px: unit, sheet, category; counts on their own line; GNBV\'s own sheets described', async () => {
    const page = await open();
    await page.addStyleTag({ content: '.demo-pane { width: 320px !important; }' });
    await page.getByTestId('validate-all').click();
    const counts = page.getByTestId('issue-counts');
    await counts.waitFor();
    // Focus lands on the result, not on the page body.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'issue-counts');
    const [errors, warnings] = await counts.locator('.fui-Badge').all();
    const [e, w, c, list] = [await errors!.boundingBox(), await warnings!.boundingBox(), await counts.boundingBox(), await page.getByTestId('checked-sheets').boundingBox()];
    assert.ok(e && w && c && list);
    assert.equal(Math.round(e.y), Math.round(w.y), 'both counts on one line');
    assert.ok(e.height < 30 && w.height < 30, `counts not squeezed or stacked: ${e.height}, ${w.height}`);
    assert.ok(list.y >= c.y + c.height - 1, 'the sheet list comes below the counts');
    assert.match(await errors!.innerText(), /^\d+ lỗi$/);
    const pane = await page.locator('.demo-pane').innerText();
    assert.doesNotMatch(pane, /\b(cell|sum|cross|locate|ofwhich|communes|households)\/[a-z-]+/, 'no internal codes on screen');
    assert.match(pane, /Xã Cam Hiếu/);
    assert.match(pane, /Trang PL01 Cam Hiếu/);
    assert.match(pane, /Lỗi · Số âm \(1\)/);
    assert.equal(await page.locator('[data-testid="issue-group"][data-code="cell/negative"] [title]').first().getAttribute('title'), 'cell/negative');
    await accessible(page, 'validate all, 320 px');
    await page.screenshot({ path: path.join(ARTIFACTS, 'demo-validate-all-320.png') });

    await page.getByTestId('sheet-tab').filter({ hasText: /^Tình hình nộp$/ }).click();
    await page.getByTestId('validate-active').click();
    await page.getByTestId('not-annex').waitFor();
    assert.match(await page.getByTestId('not-annex').innerText(), /do GNBV ghi khi gộp báo cáo/);
    assert.match(await counts.innerText(), /0 lỗi/);
    assert.equal(await page.getByTestId('issue').count(), 0);
    await accessible(page, 'own sheet');
  });

  test('the text-number fix previews text and number plainly, and its confirmation stays after the re-check', async () => {
    const page = await open('?start=unit&unit=19609');
    await page.getByTestId('sheet-tab').filter({ hasText: /^PL01$/ }).click();
    await page.getByTestId('validate-active').click();
    await page.getByTestId('fix-text-numbers').click();
    const preview = await page.getByTestId('fix-preview').innerText();
    assert.match(preview, /PL01!G18: chữ "[^"]+" → số [\d.]+/);
    await accessible(page, 'fix preview');
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await page.getByText('Đã chuyển 1 ô thành số.').waitFor();
    await page.getByTestId('issue-counts').waitFor();
    assert.equal(await page.locator('[data-testid="issue"][data-cell="PL01!G18"]').count(), 0, 're-checked');
    assert.equal(await page.getByText('Đã chuyển 1 ô thành số.').count(), 1, 'the confirmation is still shown');
  });

  test('live re-check: after Kiểm tra biểu, an edit in the sheet re-checks it without a click', async () => {
    const page = await open();
    await page.getByTestId('validate-active').click();
    await page.locator('[data-testid="issue"][data-cell="PL01 Cam Hiếu!C14"]').waitFor();
    // The official corrects the negative figure beside the pane, as in Excel.
    await page.evaluate(() => (window as unknown as { gnbvWorkbook: { editCell(s: string, c: string, v: number): void } }).gnbvWorkbook.editCell('PL01 Cam Hiếu', 'C14', 15.5));
    await page.locator('[data-testid="issue"][data-cell="PL01 Cam Hiếu!C14"]').waitFor({ state: 'detached' });
    await page.locator('td[data-cell="C14"][data-mark]').waitFor({ state: 'detached' });
    // The copied totals no longer add up with the new figure: the re-check says so, as it should.
    assert.ok((await page.locator('[data-testid="issue-group"][data-code="sum/rows"]').count()) > 0);
    assert.equal(await page.locator('td[data-cell="J16"]').getAttribute('data-mark'), 'error', 'the other marks stay');
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
    await accessible(page, 'English');
    // English plurals, and every tab label whole at the pane's 360 px.
    await page.getByTestId('sheet-tab').filter({ hasText: /^Nhật ký$/ }).click();
    await page.getByRole('button', { name: 'Check this sheet' }).click();
    await page.getByTestId('not-annex').waitFor();
    assert.match(await page.getByTestId('issue-counts').innerText(), /0 errors\s*0 warnings/);
    const cut = await page.getByRole('tab').evaluateAll((tabs) => tabs.filter((t) => t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > document.querySelector('.demo-pane')!.getBoundingClientRect().right).map((t) => t.textContent));
    assert.deepEqual(cut, []);
  });
});
