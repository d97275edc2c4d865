import assert from 'node:assert/strict';
import { readdir, readFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { a1 } from '../src/engine/a1.js';
import { locateTable } from '../src/engine/locate.js';
import { canonicalPositions } from '../src/engine/render.js';
import { readCell } from '../src/engine/table.js';
import { loadWorkbook, workbookGrids } from '../src/io/xlsx.js';
import { gnbv, tempDir } from './support/cli.js';
import { engineConfig, templateOf } from './support/factories.js';
import { evaluateXlsx, type EvaluatedWorkbook } from './support/formula-engine.js';

let dir = '';
let files: string[] = [];
/** The communes' files (named by their code); the others are the departments'. */
let communeFiles: string[] = [];
let planted: Array<{ file: string; sheet: string; cell: string; code: string }> = [];

before(async () => {
  dir = await tempDir();
  const run = await gnbv('sample', '-o', path.join(dir, 's'));
  assert.equal(run.code, 0, run.stderr);
  files = (await readdir(path.join(dir, 's'))).filter((f) => f.endsWith('.xlsx')).sort().map((f) => path.join(dir, 's', f));
  communeFiles = files.filter((f) => /^\d{5} /.test(path.basename(f)));
  planted = JSON.parse(await readFile(path.join(dir, 's', 'planted.json'), 'utf8'));
});

describe('sample workbooks', () => {
  test('nine units and nine departments, two units with planted errors, one with a variant layout', () => {
    assert.equal(communeFiles.length, 9);
    assert.equal(files.length, 18);
    assert.deepEqual([...new Set(planted.map((p) => p.file.slice(0, 5)))], ['19609', '19615']);
  });

  test('validate --json reports exactly the planted errors and nothing on the clean files', async () => {
    const run = await gnbv('validate', ...files, '--json');
    assert.equal(run.code, 1);
    const result = JSON.parse(run.stdout) as { files: Array<{ file: string; report: { issues: Array<{ sheet: string; cell: string; code: string }> } }> };
    const reported = result.files.flatMap((f) => f.report.issues.map((i) => `${f.file} ${i.sheet}!${i.cell} ${i.code}`)).sort();
    const expected = planted.map((p) => `${p.file} ${p.sheet}!${p.cell} ${p.code}`).sort();
    assert.deepEqual(reported, expected);
    assert.ok(expected.length >= 10);
  });

  test('the clean files alone validate with exit code 0', async () => {
    const clean = files.filter((f) => !/1960[9]|19615/.test(path.basename(f)));
    const run = await gnbv('validate', ...clean);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /0 lỗi, 0 cảnh báo/);
  });
});

describe('merge', () => {
  let out = '';
  let evaluated: EvaluatedWorkbook;
  before(async () => {
    out = path.join(dir, 'district.xlsx');
    const run = await gnbv('merge', ...files, '-o', out, '--allow-errors');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Đã nhận 9\/9 đơn vị/);
    evaluated = await evaluateXlsx(new Uint8Array(await readFile(out)));
  });

  test('every summary cell, evaluated by a spreadsheet engine, is the sum of the units cell by cell', async () => {
    const units = engineConfig().units.units;
    const bytesOf = await Promise.all(files.map(async (f) => workbookGrids(await loadWorkbook(new Uint8Array(await readFile(f))))));
    let compared = 0;
    for (const id of ['PL01', 'PL02', 'NV']) {
      const template = templateOf(id);
      const pos = canonicalPositions(template);
      const summary = `${template.sheetName} Tổng hợp`;
      for (const row of template.rows)
        for (const column of template.columns.filter((c) => c.measure !== 'text')) {
          const address = a1(pos.rows.get(row.key)!, pos.columns.get(column.key)!);
          const unitValues = units.map((u) => evaluated.value(`${template.sheetName} ${u.shortName}`, address));
          const expected = unitValues.reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
          const actual = evaluated.value(summary, address);
          assert.equal(typeof actual, 'number', `${summary}!${address}`);
          assert.ok(Math.abs((actual as number) - expected) < 1e-6, `${summary}!${address}: ${actual} vs ${expected}`);
          compared++;
        }
    }
    assert.ok(compared > 400);
    // And the unit sheets hold what the received files said (Cam An, a standard layout).
    const camAn = bytesOf[files.findIndex((f) => f.includes('19603'))]![0]!;
    const pos = canonicalPositions(templateOf('PL01'));
    const address = a1(pos.rows.get('total')!, pos.columns.get('kp_tong')!);
    assert.equal(evaluated.value('PL01 Cam An', address), camAn.cells[pos.rows.get('total')!]![pos.columns.get('kp_tong')!]!.value);
  });

  test('every unit sheet holds what its file said, whatever the layout of the file (Cam Chính is shifted and reordered)', async () => {
    const units = engineConfig().units.units;
    let compared = 0;
    for (const file of communeFiles) {
      const grids = workbookGrids(await loadWorkbook(new Uint8Array(await readFile(file))));
      const unit = units.find((u) => path.basename(file).startsWith(u.code))!;
      for (const grid of grids) {
        const table = locateTable(grid, engineConfig().templates)!;
        const pos = canonicalPositions(table.template);
        for (const row of table.template.rows)
          for (const column of table.template.columns.filter((c) => c.measure !== 'text')) {
            const reading = readCell(table, row.key, column.key);
            const merged = evaluated.value(`${table.template.sheetName} ${unit.shortName}`, a1(pos.rows.get(row.key)!, pos.columns.get(column.key)!));
            const expected = reading.state === 'number' ? reading.value : reading.state === 'blank' ? null : 'text' in reading ? reading.text : null;
            assert.equal(merged, expected, `${path.basename(file)} ${grid.name} ${row.key}/${column.key}`);
            compared++;
          }
      }
    }
    assert.equal(compared, 9 * (16 * 15 + 10 * 19 + 8 * 4), `${compared} cells compared`);
  });

  test('summary formulas are explicit per-unit sums, and the check cells show ✓ where units agree', async () => {
    const workbook = await loadWorkbook(new Uint8Array(await readFile(out)));
    const pos = canonicalPositions(templateOf('PL01'));
    const formula = workbook.getWorksheet('PL01 Tổng hợp')!.getCell(a1(pos.rows.get('giao_duc')!, pos.columns.get('kp_2016')!)).formula;
    assert.match(formula, /^SUM\('PL01 TT Cam Lộ'!C13,'PL01 Cam Tuyền'!C13,/);
    assert.equal(formula.match(/!/g)!.length, 9);
    // PL01 check columns: kinh phí, lượt người, lượt hộ = Σ years; all units agree there.
    const checks = [1, 2, 3].map((i) => evaluated.value('PL01 Tổng hợp', a1(pos.rows.get('giao_duc')!, pos.lastColumn + i)));
    assert.deepEqual(checks, ['✓', '✓', '✓']);
    // Cam Thanh's planted source error shows as a 15 triệu gap in the district's PL02 source check.
    const pl02 = canonicalPositions(templateOf('PL02'));
    const sourceCheck = evaluated.value('PL02 Tổng hợp', a1(pl02.rows.get('da1_sinh_ke')!, pl02.lastColumn + 2));
    assert.equal(sourceCheck, -15);
  });

  test('the completeness sheet lists all 9 units with their status', () => {
    const names = engineConfig().units.units.map((u, i) => evaluated.value('Tình hình nộp', `C${5 + i}`));
    assert.deepEqual(names, engineConfig().units.units.map((u) => u.name));
    const status = engineConfig().units.units.map((_, i) => evaluated.value('Tình hình nộp', `D${5 + i}`));
    assert.deepEqual(status, ['Đã nhận', 'Đã nhận', 'Đã nhận', 'Đã nhận', 'Có lỗi', 'Đã nhận', 'Có lỗi', 'Đã nhận', 'Đã nhận']);
  });

  test('the log sheet records each source file with its SHA-256', async () => {
    const workbook = await loadWorkbook(new Uint8Array(await readFile(out)));
    const log = workbook.getWorksheet('Nhật ký')!;
    const hashes = new Set<string>();
    log.eachRow((row) => {
      const value = row.getCell(6).value;
      if (typeof value === 'string' && /^[0-9a-f]{64}$/.test(value)) hashes.add(value);
    });
    assert.equal(hashes.size, 18);
  });

  test('text starting with = + - @ lands as text, never as a formula', async () => {
    const workbook = await loadWorkbook(new Uint8Array(await readFile(out)));
    const pos = canonicalPositions(templateOf('PL01'));
    const note = (sheet: string) => workbook.getWorksheet(sheet)!.getCell(a1(pos.rows.get('total')!, pos.columns.get('ghi_chu')!));
    assert.equal(note('PL01 Cam An').value, '=HYPERLINK("http://example.invalid","Xem chi tiết")');
    assert.equal(note('PL01 Cam An').formula, undefined);
    assert.equal(evaluated.value('PL01 Cam An', note('PL01 Cam An').address), '=HYPERLINK("http://example.invalid","Xem chi tiết")');
    assert.equal(evaluated.value('PL01 Cam Tuyền', note('PL01 Cam Tuyền').address), '- Số liệu đến 30/6/2018');
    assert.equal(evaluated.value('PL01 Cam Nghĩa', note('PL01 Cam Nghĩa').address), '@Phòng LĐ-TB&XH đối chiếu');
  });

  test('sheet names are readable and at most 31 characters', () => {
    for (const name of evaluated.sheetNames()) assert.ok(name.length <= 31 && !/[:\\/?*[\]]/.test(name), name);
    assert.ok(evaluated.sheetNames().includes('PL01 Cam Thanh') && evaluated.sheetNames().includes('PL01 Cam Thành'));
  });

  test('merging again with a corrected file replaces that unit; nothing is duplicated', async () => {
    const camAn = files.find((f) => f.includes('19603'))!;
    const again = path.join(dir, 'district-2.xlsx');
    const run = await gnbv('merge', out, camAn, '-o', again, '--allow-errors');
    assert.equal(run.code, 0, run.stderr);
    const second = await evaluateXlsx(new Uint8Array(await readFile(again)));
    assert.deepEqual(second.sheetNames().sort(), evaluated.sheetNames().sort());
    const pos = canonicalPositions(templateOf('PL01'));
    const address = a1(pos.rows.get('total')!, pos.columns.get('kp_tong')!);
    assert.equal(second.value('PL01 Tổng hợp', address), evaluated.value('PL01 Tổng hợp', address));
    const status = engineConfig().units.units.map((_, i) => second.value('Tình hình nộp', `D${5 + i}`));
    assert.ok(!status.includes('Trùng tệp'));
  });

  test('two files claiming the same unit are never resolved silently: exit 1 until --prefer, then summed once', async () => {
    const camAn = files.find((f) => f.includes('19603'))!;
    const copy = path.join(dir, 'Cam An gửi lại.xlsx');
    await copyFile(camAn, copy);
    const target = path.join(dir, 'dup.xlsx');
    const run = await gnbv('merge', ...files, copy, '-o', target, '--allow-errors');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Hai tệp cùng gửi PL01, PL02, NV của Xã Cam An/);
    const chosen = await gnbv('merge', ...files, copy, '-o', target, '--prefer', copy, '--allow-errors');
    assert.equal(chosen.code, 0, chosen.stderr);
    const dup = await evaluateXlsx(new Uint8Array(await readFile(target)));
    const pos = canonicalPositions(templateOf('PL01'));
    const address = a1(pos.rows.get('total')!, pos.columns.get('kp_tong')!);
    assert.equal(dup.value('PL01 Tổng hợp', address), evaluated.value('PL01 Tổng hợp', address));
    assert.equal(dup.value('Tình hình nộp', 'J7'), 'Cam An gửi lại.xlsx');
  });

  test('a missing unit is listed as not received', async () => {
    const target = path.join(dir, 'partial.xlsx');
    const run = await gnbv('merge', ...files.filter((f) => !f.includes('19612')), '-o', target, '--allow-errors');
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Chưa nhận: Xã Cam Thành/);
    const partial = await evaluateXlsx(new Uint8Array(await readFile(target)));
    assert.equal(partial.value('Tình hình nộp', 'D10'), 'Chưa nhận');
    assert.equal(partial.value('Tình hình nộp', 'D9'), 'Có lỗi');
  });
});
