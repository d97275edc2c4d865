import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { a1 } from '../src/engine/a1.js';
import { blankTemplateSheet } from '../src/engine/annex-sheet.js';
import { builtinTemplate } from '../src/engine/builtin.js';
import { colCount } from '../src/engine/grid.js';
import { canonicalPositions } from '../src/engine/render.js';
import { specToGrid } from '../src/engine/spec-grid.js';
import { builtFunctions, CustomFunctionsHost, type CellArg } from './support/custom-functions-host.js';

// The built GNBV.* functions called through Microsoft's own custom-functions runtime, as Excel
// calls them: arguments shaped from functions.json, the invocation object appended by the runtime.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let browser: Browser;
let excel: CustomFunctionsHost;

before(async () => {
  assert.ok(builtFunctions(), 'dist/addin has no functions bundle: run npm run build');
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  excel = await CustomFunctionsHost.open(browser);
});

after(async () => {
  await excel?.close();
  await browser?.close();
});

const PL02 = builtinTemplate('PL02');
const POSITIONS = canonicalPositions(PL02);
const CAPITAL = ['von_tong', 'von_dtpt', 'von_sn', 'von_nstw', 'von_nsdp', 'von_long_ghep', 'von_doanh_nghiep', 'von_cong_dong', 'von_2016', 'von_2017', 'von_2018'];

/** A blank Phụ lục 02 with one detail row's capital filled consistently, as a range of cell values. */
function pl02Range(): CellArg[][] {
  const grid = specToGrid(blankTemplateSheet(PL02, 'Xã Cam An'));
  const width = colCount(grid);
  return Array.from({ length: grid.cells.length }, (_, r) => Array.from({ length: width }, (_, c) => (grid.cells[r]?.[c]?.value ?? '') as CellArg));
}

describe('GNBV.* through Microsoft\'s custom-functions runtime', () => {
  test('functions.json lets error cells reach the functions (allowErrorForDataTypeAny, top level)', () => {
    assert.equal(excel.metadata.allowErrorForDataTypeAny, true);
    for (const fn of excel.metadata.functions) assert.ok(fn.id.length >= 3, `${fn.id}: at least three characters`);
  });

  test('LECH: the repeating parts arrive as one array of ranges, the invocation object after them', async () => {
    assert.deepEqual(await excel.call('LECH', 100, [[10, 20], ['', 30]], [[40]]), { value: 0 });
    assert.deepEqual(await excel.call('LECH', 100, [[60], [70]]), { value: -30 });
    assert.deepEqual(await excel.call('LECH', 100, 25, [[5]]), { value: 70 }, 'a single cell as a part');
    assert.deepEqual(await excel.call('LECH', 100), { value: 100 }, 'no part at all');
    assert.deepEqual(await excel.call('LECH', 0.3, [[0.1, 0.2]]), { value: 0 });
  });

  test('LECH: a text part or an error part is #VALUE! with a message saying what to do', async () => {
    const text = await excel.call('LECH', 10, [['1.234']]);
    assert.equal('error' in text && text.error, '#VALUE!');
    assert.match('message' in text ? text.message : '', /"1\.234".*GNBV\.DOCSO/);
    const error = await excel.call('LECH', 10, [[1], [{ error: '#DIV/0!' }]]);
    assert.equal('error' in error && error.error, '#VALUE!');
    assert.match('message' in error ? error.message : '', /#DIV\/0!/);
    // The total is a number parameter: an error there is Excel's own, the function is not called.
    assert.deepEqual(await excel.call('LECH', { error: '#N/A' }, [[1]]), { error: '#N/A', notCalled: true });
  });

  test('KIEMTRA: a consistent table is "Hợp lệ"; a table with an error cell and a negative number lists both', async () => {
    const range = pl02Range();
    assert.deepEqual(await excel.call('KIEMTRA', range), { value: [['Hợp lệ']] });
    const row = POSITIONS.rows.get('da1_sinh_ke')!;
    const [tong, nstw] = [POSITIONS.columns.get('von_tong')!, POSITIONS.columns.get('von_nstw')!];
    range[row]![tong] = { error: '#N/A' };
    range[row]![nstw] = -5;
    const outcome = await excel.call('KIEMTRA', range);
    assert.ok('value' in outcome, JSON.stringify(outcome));
    const rows = new Map((outcome.value as string[][]).map(([cell, message]) => [cell, message]));
    assert.match(rows.get(a1(row, tong)) ?? '', /#N\/A/, JSON.stringify(outcome.value));
    assert.match(rows.get(a1(row, nstw)) ?? '', /số âm -5/);
  });

  test('KIEMTRA: a range with no annex is #VALUE! with a Vietnamese message', async () => {
    assert.deepEqual(await excel.call('KIEMTRA', [['Họ tên', 'Tuổi'], ['An', 30]]), { error: '#VALUE!', message: 'Không tìm thấy bảng phụ lục trong vùng chọn' });
  });

  test('NGUONVON: one Phụ lục 02 row, checked three ways', async () => {
    const consistent = [200, 50, 150, 100, 40, 20, 20, 20, 60, 60, 80];
    assert.equal(CAPITAL.length, consistent.length);
    assert.deepEqual(await excel.call('NGUONVON', [consistent]), { value: '✓' });
    const off = [...consistent];
    off[3] = 115;
    assert.deepEqual(await excel.call('NGUONVON', [off]), { value: 'Lệch theo nguồn vốn: -15' });
    const error = await excel.call('NGUONVON', [[200, 50, { error: '#REF!' }, 100, 40, 20, 20, 20, 60, 60, 80]]);
    assert.equal('error' in error && error.error, '#VALUE!', 'an error cell is reported, not swallowed');
    assert.match('message' in error ? error.message : '', /#REF!/);
  });

  test('DOCSO: the omitted locale arrives as null; an ambiguous number asks for it', async () => {
    assert.deepEqual(await excel.call('DOCSO', '1.234,5'), { value: 1234.5 });
    assert.deepEqual(await excel.call('DOCSO', '1.234', 'vi'), { value: 1234 });
    assert.deepEqual(await excel.call('DOCSO', '1.234', 'en'), { value: 1.234 });
    assert.deepEqual(await excel.call('DOCSO', '1.234'), { error: '#VALUE!', message: 'Không rõ "1.234": 1234 (vi) hay 1,234 (en)? Thêm tham số "vi" hoặc "en".' });
    const error = await excel.call('DOCSO', { error: '#N/A' });
    assert.equal('error' in error && error.error, '#VALUE!');
    assert.match('message' in error ? error.message : '', /#N\/A/);
  });

  test('TYLENGHEO: a fraction, or #VALUE! with the reason', async () => {
    assert.deepEqual(await excel.call('TYLENGHEO', 12, 480), { value: 0.025 });
    assert.deepEqual(await excel.call('TYLENGHEO', 500, 480), { error: '#VALUE!', message: 'Số hộ nghèo (500) lớn hơn tổng số hộ (480).' });
  });
});
