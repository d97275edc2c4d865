import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HyperFormula } from 'hyperformula';
import { MemoryWorkbook } from '../src/adapters/memory-workbook.js';
import { sameAmount } from '../src/engine/numbers.js';
import { applyTextNumberFixes, applyTotals, insertTemplates, planTotals, planWorkbookMerge, readReceivedFiles, readWorkbookMerge, showIssues, textNumberFixes, validateSheets, writeMerge } from '../src/workbook-actions.js';
import { engineConfig, sampleBytes, sampleFile, sampleFiles } from './support/factories.js';

const config = engineConfig();
const camThanh = () => MemoryWorkbook.fromSpecs(sampleFile('19609').sheets, 'PL01');

test('validating the active sheet reads only that sheet, or the workbook when its annex reads others', async () => {
  const workbook = camThanh();
  const read: string[][] = [];
  const readSheets = workbook.readSheets.bind(workbook);
  workbook.readSheets = (names) => (read.push([...names]), readSheets(names));
  const { report } = await validateSheets(workbook, config, 'active');
  assert.equal(workbook.calls, 3, 'listSheets + activeSheet + one readSheets');
  assert.deepEqual(read, [['PL01']]);
  workbook.activate('Nguồn vốn');
  read.length = 0;
  const capital = await validateSheets(workbook, config, 'active');
  assert.deepEqual(read, [['Nguồn vốn'], ['PL01', 'PL02']], 'the capital summary is checked against Phụ lục 01/02, read once each');
  assert.deepEqual(report.issues.map((i) => `${i.cell} ${i.code}`).sort(), ['G18 cell/text-number', 'M15 households/over-persons']);
  const all = await validateSheets(workbook, config, 'all');
  assert.equal(all.report.issues.length, 5);
  assert.deepEqual(capital.report.issues, all.report.issues.filter((i) => i.sheet === 'Nguồn vốn'), 'the same issues as when the whole workbook is checked');
});

test('highlights are shown in two calls whatever their number, and cleared without touching cells', async () => {
  const workbook = camThanh();
  const before = JSON.stringify(workbook.sheetList.map((s) => s.grid));
  const { report } = await validateSheets(workbook, config, 'all');
  workbook.calls = 0;
  await showIssues(workbook, report.issues);
  assert.equal(workbook.calls, 2);
  assert.equal(workbook.highlights.length, 5);
  await workbook.clearHighlights();
  assert.equal(workbook.highlights.length, 0);
  assert.equal(JSON.stringify(workbook.sheetList.map((s) => s.grid)), before);
});

test('the text-number fix shows what it will change, then writes numbers', async () => {
  const workbook = camThanh();
  const { report } = await validateSheets(workbook, config, 'active');
  const fixes = textNumberFixes(report.issues);
  assert.equal(fixes.length, 1);
  assert.equal(fixes[0]!.cell, 'G18');
  assert.match(fixes[0]!.text, /^\d{1,3}(\.\d{3})*,\d$/);
  await applyTextNumberFixes(workbook, fixes);
  const again = await validateSheets(workbook, config, 'active');
  assert.deepEqual(again.report.issues.map((i) => i.code), ['households/over-persons']);
});

test('templates are inserted under free names, never replacing a sheet', async () => {
  const workbook = camThanh();
  const names = await insertTemplates(workbook, config, ['PL01', 'PL02'], 'Xã Cam Thanh');
  assert.deepEqual(names, ['PL01 Cam Thanh', 'PL02 Cam Thanh']);
  assert.equal(workbook.sheetList.length, 5);
  assert.equal(workbook.activeName, 'PL01 Cam Thanh');
  // Taken names get a number; a name outside the unit list keeps the template's own.
  assert.deepEqual(await insertTemplates(workbook, config, ['PL01'], 'Xã Cam Thanh'), ['PL01 Cam Thanh 2']);
  assert.deepEqual(await insertTemplates(workbook, config, ['PL01'], '……………………'), ['PL01 2']);
});

test('totals are planned first, then written as formulas with check cells', async () => {
  const workbook = camThanh();
  workbook.activate('PL02');
  const plan = await planTotals(workbook, config);
  assert.ok(plan);
  assert.equal(plan.templateId, 'PL02');
  await applyTotals(workbook, plan);
  const grid = (await workbook.readSheets(['PL02']))[0]!;
  // Oracle: a real spreadsheet engine recomputes every formula written; what Excel will show
  // must be what the engine wrote as the cell's value (Cam Thanh's PL02 has one planted error:
  // its three check cells show -15, the others ✓).
  const rows = grid.cells.map((row) => (row ?? []).map((c) => (c?.formula ? `=${c.formula}` : (c?.value ?? null))));
  const hf = HyperFormula.buildFromSheets({ PL02: rows }, { licenseKey: 'gpl-v3', evaluateNullToZero: true });
  let totals = 0;
  const checks: unknown[] = [];
  grid.cells.forEach((row, r) =>
    (row ?? []).forEach((cell, c) => {
      if (!cell?.formula) return;
      const computed = hf.getCellValue({ sheet: 0, row: r, col: c });
      if (cell.formula.startsWith('IF(ABS(')) checks.push(computed);
      else totals++;
      if (typeof computed === 'number' && typeof cell.value === 'number') assert.ok(sameAmount(computed, cell.value), `${r},${c}: ${computed} vs ${cell.value}`);
      else assert.equal(computed, cell.value ?? '', `${r},${c}`);
    }),
  );
  hf.destroy();
  assert.equal(totals, plan.totals.formulas.length);
  assert.deepEqual(checks.filter((v) => v !== '✓'), [-15, -15, -15]);
  assert.ok(checks.length > 3, 'check cells written');
  // The check columns are headed in the officials' words, not with a Σ.
  const headers = grid.cells.flatMap((row) => (row ?? []).flatMap((c) => (typeof c?.value === 'string' && c.value.startsWith('Kiểm tra:') ? [c.value] : [])));
  assert.deepEqual(headers, ['Kiểm tra: Tổng = cộng theo nguồn vốn', 'Kiểm tra: Tổng = cộng theo năm', 'Kiểm tra: Vốn thực hiện 2016-2018 Tổng số = cộng các cột thành phần']);
});

test('merging files into the open workbook, then merging again, replaces units and duplicates nothing', async () => {
  const files = await Promise.all(sampleFiles().map(async (s) => ({ name: s.fileName, bytes: await sampleBytes(s.unit.code) })));
  const progress: number[] = [];
  const workbook = MemoryWorkbook.fromSpecs([{ name: 'Sheet1', cells: [], merges: [], columnWidths: [], rowHeights: new Map(), landscape: true }]);
  const merge = await readWorkbookMerge(workbook, config, files, (done) => progress.push(done));
  assert.equal(merge.outcomes.filter((o) => o.ok).length, 9);
  assert.deepEqual(progress, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(merge.open, [], 'a blank workbook holds no earlier merge');
  const plan = planWorkbookMerge(config, merge);
  assert.equal(plan.completeness.filter((u) => u.status !== 'missing').length, 9);
  workbook.calls = 0;
  const written = await writeMerge(workbook, plan, new Date('2018-07-20T02:30:00Z'));
  assert.equal(workbook.calls, 2, 'one replaceSheets + one selectCell');
  const sheetCount = workbook.sheetList.length;
  assert.equal(sheetCount, 1 + written.length);
  // Stamped with Vietnam's clock (UTC+7), as the CLI and the demo stamp theirs.
  assert.ok(workbook.sheetList.some((s) => s.grid.cells.some((row) => row?.some((c) => String(c?.value ?? '').includes('09:30 ngày 20/07/2018')))));

  // Again with Cam An's file only (the others unticked): the open workbook's units stay, Cam An is replaced.
  const again = await readWorkbookMerge(workbook, config, files);
  assert.equal(again.open.length, 1, 'the earlier merge is read from the open workbook');
  const others = new Set(files.map((f) => f.name).filter((name) => !name.includes('19603')));
  const replan = planWorkbookMerge(config, again, { excluded: others });
  assert.ok(!replan.completeness.some((u) => u.status === 'duplicate'));
  assert.equal(replan.completeness.filter((u) => u.status !== 'missing').length, 9);
  assert.deepEqual(
    replan.submissions.filter((s) => s.replaces.length).map((s) => `${s.unit.name} ${s.template.id}`),
    ['Xã Cam An PL01', 'Xã Cam An PL02', 'Xã Cam An NV'],
    'only the file kept replaces its unit',
  );
  await writeMerge(workbook, replan, new Date());
  assert.equal(workbook.sheetList.length, sheetCount);
});

test('an unreadable received file is an outcome with a message, not a crash', async () => {
  const outcomes = await readReceivedFiles([{ name: 'cu.xlsx', bytes: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]) }], config);
  assert.equal(outcomes[0]!.ok, false);
  assert.match((outcomes[0] as { vi: string }).vi, /cu\.xlsx: Tệp \.xls/);
});

test('cancelling stops reading between files', async () => {
  const controller = new AbortController();
  const files = await Promise.all(sampleFiles().slice(0, 3).map(async (s) => ({ name: s.fileName, bytes: await sampleBytes(s.unit.code) })));
  await assert.rejects(
    readReceivedFiles(files, config, (done) => done === 1 && controller.abort(), controller.signal),
    (error: unknown) => error instanceof DOMException && error.name === 'AbortError',
  );
});

test('the live re-check rewrites highlights only when they changed, and follows a user\'s edit', async () => {
  const { updateIssues, highlightsOf } = await import('../src/workbook-actions.js');
  const workbook = MemoryWorkbook.fromSpecs(sampleFile('19615').sheets, 'PL01');
  const heard: string[] = [];
  const stop = await workbook.watchSheet('PL01', () => heard.push('PL01'));
  const first = await validateSheets(workbook, config, 'active');
  assert.ok(first.report.issues.some((i) => i.cell === 'C14' && i.code === 'cell/negative'));
  const shown = await updateIssues(workbook, [], first.report.issues);
  assert.deepEqual(shown, highlightsOf(first.report.issues));
  workbook.calls = 0;
  assert.deepEqual(await updateIssues(workbook, shown, first.report.issues), shown);
  assert.equal(workbook.calls, 0, 'the same marks: nothing written');
  assert.equal(heard.length, 0, 'highlighting is no edit');
  workbook.editCell('PL01', 'C14', 15.5);
  assert.deepEqual(heard, ['PL01']);
  const second = await validateSheets(workbook, config, 'active');
  assert.ok(!second.report.issues.some((i) => i.cell === 'C14'), 'fixed by the edit');
  workbook.calls = 0;
  await updateIssues(workbook, shown, second.report.issues);
  assert.equal(workbook.calls, 2, 'changed marks: cleared and marked again');
  assert.ok(!workbook.highlights.some((h) => h.cell === 'C14'));
  stop();
  workbook.editCell('PL01', 'C14', 16);
  assert.deepEqual(heard, ['PL01']);
});
