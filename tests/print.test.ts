import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { gnbv, tempDir } from './support/cli.js';

// The blank templates as they print: LibreOffice renders them to PDF on A4 landscape, and the
// PDF's own word boxes (pdftotext -bbox, poppler-utils) say how large the type came out. An
// 8 pt Times New Roman line rendered alongside gives the height an 8 pt word has in that PDF.
const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find(existsSync);
const PDFTOTEXT = ['/usr/bin/pdftotext'].find(existsSync);

interface Word {
  page: number;
  height: number;
  text: string;
}

function words(pdf: string): Word[] {
  const html = execFileSync(PDFTOTEXT!, ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const out: Word[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
    if (m) out.push({ page, height: Number(m[2]) - Number(m[1]), text: m[3]! });
  }
  return out;
}

const pageText = (pdf: string, page: number) => execFileSync(PDFTOTEXT!, ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' });

test('blank templates print like the annexes: nothing below 8 pt on A4 landscape, label columns and headers on every page, signatures, "Trang x/y", no check columns', { skip: SOFFICE && PDFTOTEXT ? false : 'LibreOffice or poppler-utils is not installed' }, async () => {
  const dir = await tempDir();
  const templates = path.join(dir, 'templates.xlsx');
  assert.equal((await gnbv('template', 'ALL', '--unit', 'Xã Cam An', '-o', templates)).code, 0);
  const ruler = new ExcelJS.Workbook();
  const sheet = ruler.addWorksheet('8pt', { pageSetup: { paperSize: 9, orientation: 'landscape', scale: 100 } });
  sheet.getCell('A1').value = 'Mẫu chữ tám điểm';
  sheet.getCell('A1').font = { name: 'Times New Roman', size: 8 };
  const rulerFile = path.join(dir, 'ruler.xlsx');
  await ruler.xlsx.writeFile(rulerFile);
  execFileSync(SOFFICE!, [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, templates, rulerFile], { stdio: 'ignore', timeout: 180_000 });

  const eight = Math.min(...words(path.join(dir, 'ruler.pdf')).map((w) => w.height));
  const pdf = path.join(dir, 'templates.pdf');
  const all = words(pdf);
  const smallest = all.reduce((a, b) => (b.height < a.height ? b : a));
  assert.ok(smallest.height >= eight - 0.01, `"${smallest.text}" on page ${smallest.page} prints at ${((8 * smallest.height) / eight).toFixed(1)} pt`);

  const pages = Math.max(...all.map((w) => w.page));
  assert.ok(pages >= 4, `wide annexes run on across pages (${pages})`);
  const texts = Array.from({ length: pages }, (_, i) => pageText(pdf, i + 1));
  texts.forEach((text, i) => assert.match(text, new RegExp(`Trang ${i + 1}/${pages}`), `footer of page ${i + 1}`));
  // Every page of Phụ lục 01 and 02 carries the TT/label columns and the header rows.
  const annexPages = texts.filter((t) => /Phụ lục 0[12]/.test(t));
  assert.ok(annexPages.length >= 4);
  for (const text of annexPages) {
    assert.match(text, /\bTT\b/);
    assert.match(text, /Tổng cộng/);
    assert.match(text, /\(\d+\)/, 'the (1)(2)… column numbers');
  }
  const whole = texts.join('\n');
  for (const line of ['Người lập biểu', 'Thủ trưởng đơn vị', '(Ký, ghi rõ họ tên)', '(Ký tên, đóng dấu)', 'ngày … tháng … năm 2018']) assert.ok(whole.includes(line), line);
  assert.doesNotMatch(whole, /Kiểm tra [^,]|✓|Σ/, 'no check columns on a blank form (a row label reads "Kiểm tra, giám sát…")');
});
