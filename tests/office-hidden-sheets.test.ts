// A hidden or very hidden sheet of the OPEN workbook (Excel, through the Office adapter) is
// treated as in a received file: not read, not merged, reported as sheet/hidden.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { OfficeWorkbook } from '../src/adapters/office-workbook.js';
import type { Issue } from '../src/engine/issues.js';
import type { MergeSource } from '../src/engine/merge.js';
import { planWorkbookMerge, readOpenDistrict, readReceivedFiles, validateSheets, writeMerge } from '../src/workbook-actions.js';
import { engineConfig, sampleBytes, sampleFiles } from './support/factories.js';
import { FakeExcel } from './support/fake-excel.js';

const config = engineConfig();
const CAM_AN = '19603';

/** Two clean units' files as received sources (Cam An and one other). */
async function received(codes: readonly string[]) {
  const files = await Promise.all(
    sampleFiles()
      .filter((s) => codes.includes(s.unit.code))
      .map(async (s) => ({ name: s.fileName, bytes: await sampleBytes(s.unit.code) })),
  );
  return (await readReceivedFiles(files, config)).flatMap((o) => (o.ok ? [o.source] : []));
}

/** A district workbook in (fake) Excel, merged from Cam An and another unit; the sheet names written. */
async function districtInExcel() {
  const other = sampleFiles().find((s) => s.unit.code !== CAM_AN && s.planted.length === 0)!.unit.code;
  const fake = new FakeExcel(['Sheet1']);
  const book = new OfficeWorkbook(fake.run, () => true);
  const sources = await received([CAM_AN, other]);
  const written = await writeMerge(book, await planInto(book, sources), new Date('2026-11-29T01:00:00Z'));
  const camAnSheets = (await readOpenDistrict(book, config))[0]!.tables.filter((t) => t.unit.kind === 'unit' && t.unit.unit.code === CAM_AN).map((t) => t.table.grid.name);
  assert.equal(camAnSheets.length, 3, 'Cam An has its three annex sheets in the district workbook');
  return { fake, book, other, written, camAnSheets, otherSources: sources.filter((s) => !s.file.startsWith(CAM_AN)) };
}

/** The pane's plan: the open workbook read now, then the received sources. */
async function planInto(book: OfficeWorkbook, sources: MergeSource[]) {
  return planWorkbookMerge(config, { outcomes: sources.map((source) => ({ ok: true as const, source })), open: await readOpenDistrict(book, config) });
}

const statusOf = (plan: Awaited<ReturnType<typeof planInto>>, code: string) => plan.completeness.find((u) => u.unit.code === code)!.status;
/** What a reader sees of an issue, whatever the file it came from. */
const seen = (issue: Issue) => ({ code: issue.code, severity: issue.severity, sheet: issue.sheet, params: issue.params, message: issue.message });

test('a hidden sheet of the open workbook is read as hidden, with no cells, in the same two syncs', async () => {
  const { fake, book, camAnSheets } = await districtInExcel();
  const [hidden, veryHidden, visible] = camAnSheets as [string, string, string];
  fake.sheet(hidden).visibility = 'Hidden';
  fake.sheet(veryHidden).visibility = 'VeryHidden';
  assert.ok(fake.sheet(hidden).cells.size > 0 && fake.sheet(veryHidden).cells.size > 0, 'the hidden sheets hold figures');
  const before = fake.syncCount;
  const grids = await book.readSheets([hidden, veryHidden, visible]);
  assert.equal(fake.syncCount - before, 2);
  assert.deepEqual(grids.map((g) => [g.name, g.hidden, g.cells.length, g.merges.length]), [
    [hidden, 'hidden', 0, 0],
    [veryHidden, 'veryHidden', 0, 0],
    [visible, undefined, grids[2]!.cells.length, grids[2]!.merges.length],
  ]);
  assert.ok(grids[2]!.cells.length > 10 && grids[2]!.merges.length > 0, 'the visible sheet is read whole');
});

test('a re-merge neither reads nor merges a hidden unit sheet of the open workbook: that annex counts as not received, and no district formula points at it', async () => {
  const { fake, book, other, camAnSheets, otherSources } = await districtInExcel();
  // Control: with every sheet visible, a re-merge of the other unit keeps Cam An from the open workbook.
  const control = await planInto(book, otherSources);
  assert.equal(statusOf(control, CAM_AN), 'received');
  assert.deepEqual(control.completeness.find((u) => u.unit.code === CAM_AN)!.templates.length, 3);

  const pl01 = camAnSheets[0]!;
  fake.sheet(pl01).visibility = 'Hidden';
  const plan = await planInto(book, otherSources);
  const camAn = plan.completeness.find((u) => u.unit.code === CAM_AN)!;
  assert.equal(camAn.templates.length, 2, 'the hidden annex is not taken');
  assert.ok(!camAn.templates.includes('PL01'));
  assert.deepEqual(plan.skipped.filter((s) => s.reason === 'hidden').map((s) => s.sheet), [pl01]);
  assert.equal(statusOf(plan, other), 'received');

  await writeMerge(book, plan, new Date('2026-11-29T02:00:00Z'));
  // The district PL01 summary adds the unit sheets by explicit references: none to the hidden one.
  const formulas = fake.sheets.flatMap((s) => [...s.cells.values()].flatMap((c) => (c.formula ? [c.formula] : [])));
  assert.ok(formulas.length > 0);
  assert.ok(!formulas.some((f) => f.includes(pl01)), 'no formula reads the hidden sheet');
  assert.ok(formulas.some((f) => f.includes(camAnSheets[1]!)), 'the visible annexes of Cam An are still added');
});

test('a hidden sheet of the open workbook is reported as sheet/hidden exactly as the same sheet hidden in a received file', async () => {
  const { fake, book, camAnSheets } = await districtInExcel();
  const [hidden, veryHidden] = camAnSheets as [string, string];
  fake.sheet(hidden).visibility = 'Hidden';
  fake.sheet(veryHidden).visibility = 'VeryHidden';
  const open = (await readOpenDistrict(book, config))[0]!;
  const openIssues = open.report.issues.filter((i) => i.code === 'sheet/hidden');
  assert.deepEqual(open.hiddenSheets, [hidden, veryHidden]);
  assert.deepEqual(openIssues.map((i) => [i.sheet, i.params]), [
    [hidden, { state: 'hidden' }],
    [veryHidden, { state: 'veryHidden' }],
  ]);
  // The pane's check of the whole open workbook says the same.
  const checked = await validateSheets(book, config, 'all');
  assert.deepEqual(checked.report.issues.filter((i) => i.code === 'sheet/hidden').map(seen), openIssues.map(seen));

  // Cam An's own file with its sheets named and hidden the same way, received as a file.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await sampleBytes(CAM_AN)).buffer as ArrayBuffer);
  const [first, second] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
  [first.name, first.state] = [hidden, 'hidden'];
  [second.name, second.state] = [veryHidden, 'veryHidden'];
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const [outcome] = await readReceivedFiles([{ name: 'Cam An an trang.xlsx', bytes }], config);
  assert.ok(outcome?.ok);
  const fileIssues = outcome.source.report.issues.filter((i) => i.code === 'sheet/hidden');
  assert.deepEqual(fileIssues.map(seen), openIssues.map(seen));
  assert.deepEqual(outcome.source.hiddenSheets, open.hiddenSheets);
});

test('a workbook whose only annex is hidden is not taken for a blank one: "no annex" and the hidden sheet are both said', async () => {
  const fake = new FakeExcel(['Sheet1']);
  const book = new OfficeWorkbook(fake.run, () => true);
  const camAn = sampleFiles().find((s) => s.unit.code === CAM_AN)!;
  await book.replaceSheets([camAn.sheets[0]!]);
  const annex = camAn.sheets[0]!.name;
  const control = await validateSheets(book, config, 'all');
  assert.ok(!control.report.issues.some((i) => i.code === 'locate/no-annex' || i.code === 'sheet/hidden'));
  fake.sheet(annex).visibility = 'Hidden';
  const checked = await validateSheets(book, config, 'all');
  assert.deepEqual(
    checked.report.issues.map((i) => `${i.sheet} ${i.code}`).sort(),
    [`${annex} sheet/hidden`, 'Sheet1 locate/no-annex'].sort(),
  );
  assert.equal(checked.notAnnex[annex], undefined, 'not described as a blank sheet');
});
