import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { a1 } from '../src/engine/a1.js';
import { canonicalPositions } from '../src/engine/render.js';
import { gnbv, tempDir } from './support/cli.js';
import { engineConfig, templateOf } from './support/factories.js';
import { evaluateXlsx } from './support/formula-engine.js';
import { ledRows, leadingDepartments } from '../src/engine/departments.js';
import type { Grid } from '../src/engine/grid.js';
import { locateTable } from '../src/engine/locate.js';
import { readCell } from '../src/engine/table.js';
import { viNumberText } from '../src/engine/section-five.js';
import { loadWorkbook, workbookGrids } from '../src/io/xlsx.js';

// LibreOffice is the second, independent spreadsheet engine (HyperFormula is the first):
// the district workbook's formulas, with every cached result removed, recomputed by it.
const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find(existsSync);

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (ch !== '\r') field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

test('LibreOffice recomputes the district summaries to the same figures, with every check ✓ where units agree', { skip: SOFFICE ? false : 'LibreOffice (libreoffice-calc-nogui) is not installed' }, async () => {
  const dir = await tempDir();
  assert.equal((await gnbv('sample', '-o', path.join(dir, 's'))).code, 0);
  const files = (await readdir(path.join(dir, 's'))).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(dir, 's', f));
  const district = path.join(dir, 'district.xlsx');
  assert.equal((await gnbv('merge', ...files, '-o', district, '--allow-errors')).code, 0);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(district);
  let formulas = 0;
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (!cell.formula) return;
        cell.value = { formula: cell.formula } as ExcelJS.CellFormulaValue;
        formulas++;
      }),
    ),
  );
  assert.ok(formulas > 500);
  const stripped = path.join(dir, 'nocache.xlsx');
  await workbook.xlsx.writeFile(stripped);
  execFileSync(SOFFICE!, [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', dir, stripped], { stdio: 'ignore', timeout: 120_000 });

  const hyper = await evaluateXlsx(new Uint8Array(await readFile(district)));
  let compared = 0;
  for (const template of engineConfig().templates) {
    const sheet = `${template.sheetName} Tổng hợp`;
    const csv = parseCsv(await readFile(path.join(dir, `nocache-${sheet}.csv`), 'utf8'));
    const pos = canonicalPositions(templateOf(template.id));
    for (const row of template.rows)
      for (const column of template.columns.filter((c) => c.measure !== 'text')) {
        const [r, c] = [pos.rows.get(row.key)!, pos.columns.get(column.key)!];
        const byLibreOffice = Number(csv[r]?.[c]);
        const byHyperFormula = hyper.value(sheet, a1(r, c)) as number;
        assert.ok(Math.abs(byLibreOffice - byHyperFormula) < 1e-6, `${sheet}!${a1(r, c)}: LibreOffice ${csv[r]?.[c]} vs HyperFormula ${byHyperFormula}`);
        compared++;
      }
    // Check columns: ✓ everywhere except where a planted error makes the units disagree:
    // Cam Thanh's capital by source (15 triệu, on 1.1, Dự án 1 and Tổng cộng) and Cam Hiếu's
    // "1.234" persons, which is text and so left out of the district's 2018 sum.
    // The check cells (the last column names the unit sheets that break a check: text).
    const isCheck = (v: string) => v === '✓' || (v !== '' && !Number.isNaN(Number(v)));
    const checks = template.rows.flatMap((row) => csv[pos.rows.get(row.key)!]!.slice(pos.lastColumn + 1).filter(isCheck).map((v) => `${row.key}:${v}`));
    const expected = { PL01: ['yte_bhyt_ngheo:1234'], PL02: ['total:-15', 'du_an_1:-15', 'da1_sinh_ke:-15'], NV: [] }[template.id as 'PL01'];
    assert.deepEqual(checks.filter((c) => !c.endsWith(':✓')), expected, sheet);
    assert.ok(checks.length >= template.rows.length, `${sheet} has check cells`);
  }
  assert.equal(compared, 16 * 15 + 10 * 19 + 8 * 4);

  // Departments: under each summary, for every row a department leads, the communes' sum, the
  // department's own figure and the difference, recomputed by LibreOffice, compared with what
  // the files themselves say; the summary itself is the communes' files alone.
  const readGrids = async (file: string) => workbookGrids(await loadWorkbook(new Uint8Array(await readFile(file))));
  const communeFiles = await Promise.all(files.filter((f) => /^\d{5} /.test(path.basename(f))).map(readGrids));
  const warnings = new Set<string>();
  const styled = new ExcelJS.Workbook();
  await styled.xlsx.readFile(district);
  let departmentCells = 0;
  for (const template of engineConfig().templates) {
    const summary = `${template.sheetName} Tổng hợp`;
    const csv = parseCsv(await readFile(path.join(dir, `nocache-${summary}.csv`), 'utf8'));
    const pos = canonicalPositions(templateOf(template.id));
    // As the merge reads a file: located by labels (Cam Chính's layout is shifted), text numbers parsed.
    const figure = (grids: Grid[], row: string, column: string) => {
      const grid = grids.find((g) => g.name === template.sheetName);
      const table = grid && locateTable(grid, engineConfig().templates);
      const reading = table ? readCell(table, row, column) : undefined;
      return reading?.state === 'number' ? reading.value : null;
    };
    for (const department of leadingDepartments(engineConfig().units, template)) {
      const own = await readGrids(files.find((f) => path.basename(f).startsWith(`${department.code} `))!);
      for (const row of ledRows(template, department)) {
        const at = csv.findIndex((line) => line[pos.labelColumn] === `${row.label} — chủ trì: ${department.name}`);
        assert.ok(at > pos.lastDataRow, `${summary}: comparison of ${row.key} for ${department.code}`);
        for (const column of template.columns.filter((c) => c.measure !== 'text')) {
          const c = pos.columns.get(column.key)!;
          const [communes, reported, difference] = [1, 2, 3].map((i) => csv[at + i]![c]!);
          const fromFiles = communeFiles.reduce((sum, grids) => sum + (figure(grids, row.key, column.key) ?? 0), 0);
          assert.ok(Math.abs(Number(csv[pos.rows.get(row.key)!]![c]) - fromFiles) < 1e-6, `${summary} ${row.key}/${column.key}: the summary is the communes' files only`);
          assert.ok(Math.abs(Number(communes) - fromFiles) < 1e-6, `${summary} ${row.key}/${column.key}: communes ${communes} vs files ${fromFiles}`);
          const expected = figure(own, row.key, column.key);
          assert.equal(reported === '' ? null : Number(reported), expected, `${summary} ${row.key}/${column.key}: ${department.code}`);
          if (expected === null) assert.equal(difference, '');
          else assert.ok(Math.abs(Number(difference) - (expected - fromFiles)) < 1e-6, `${summary} ${row.key}/${column.key}: difference ${difference}`);
          const fill = (styled.getWorksheet(summary)!.getCell(at + 4, c + 1).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb;
          if (fill === 'FFFFD8A8') warnings.add(`${department.code}:${row.key}`);
          assert.equal(fill === 'FFFFD8A8', expected !== null && Math.abs(expected - fromFiles) > 0.05 * Math.max(Math.abs(expected), Math.abs(fromFiles)) + 1e-9, `${summary} ${row.key}/${column.key}: warning style`);
          departmentCells++;
        }
      }
    }
  }
  assert.ok(departmentCells > 300, `${departmentCells} department cells compared`);
  // The bank's district-level lending (the sample's planted difference) is marked; education's exact figures are not.
  assert.ok(warnings.has('NHCSXH:tin_dung') && !warnings.has('P-GDDT:giao_duc'), [...warnings].join());

  // Section V: the paragraph LibreOffice computes is HyperFormula's, with LibreOffice's own total in vi-VN form.
  const nv = parseCsv(await readFile(path.join(dir, 'nocache-Nguồn vốn Tổng hợp.csv'), 'utf8'));
  const nvPos = canonicalPositions(templateOf('NV'));
  const r = nv.findIndex((line) => line.some((cell) => cell.startsWith('Tổng nguồn vốn thực hiện')));
  assert.ok(r > nvPos.lastDataRow, 'section V paragraph under the capital summary');
  const c = nv[r]!.findIndex((cell) => cell.startsWith('Tổng nguồn vốn thực hiện'));
  const paragraph = nv[r]![c]!;
  assert.equal(paragraph, hyper.value('Nguồn vốn Tổng hợp', a1(r, c)));
  const total = Number(nv[nvPos.rows.get('total')!]![nvPos.columns.get('tong')!]);
  assert.ok(total > 1000);
  assert.ok(paragraph.includes(`giai đoạn 2016-2018 là ${viNumberText(total)} triệu đồng, bao gồm:`), paragraph);
});
