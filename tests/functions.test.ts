import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { a1 } from '../src/engine/a1.js';
import { blankTemplateSheet } from '../src/engine/annex-sheet.js';
import { builtinTemplate, builtinTemplates } from '../src/engine/builtin.js';
import { colCount, type Grid } from '../src/engine/grid.js';
import { canonicalPositions } from '../src/engine/render.js';
import { specToGrid } from '../src/engine/spec-grid.js';
import type { RowDef } from '../src/engine/template.js';
import { validateWorkbook } from '../src/engine/validate.js';
import { sampleGrids } from './support/factories.js';
import { viNumberText } from '../src/engine/section-five.js';

/** Stands in for the runtime's CustomFunctions.Error: an Excel error code plus a message. */
class ExcelError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
    this.name = 'ExcelError';
  }
}

// The functions read the global when they throw, so it must exist before they are imported.
(globalThis as { CustomFunctions?: unknown }).CustomFunctions = {
  Error: ExcelError,
  ErrorCode: {
    invalidValue: '#VALUE!',
    notAvailable: '#N/A',
    divisionByZero: '#DIV/0!',
    invalidNumber: '#NUM!',
    nullReference: '#NULL!',
    invalidName: '#NAME?',
    invalidReference: '#REF!',
  },
};
const { KIEMTRA, LECH, MUCV, NGUONVON, DOCSO, TYLENGHEO } = await import('../functions/functions.js');

function throwsExcel(fn: () => unknown, code: string, message: RegExp | string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ExcelError, `expected a CustomFunctions.Error, got ${String(error)}`);
    assert.equal(error.code, code);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

/** What Excel passes for a range: a rectangular matrix of values, "" for an empty cell. */
function rangeOf(grid: Grid): unknown[][] {
  const width = colCount(grid);
  return Array.from({ length: grid.cells.length }, (_, r) => Array.from({ length: width }, (_, c) => grid.cells[r]?.[c]?.value ?? ''));
}

const PL02 = builtinTemplate('PL02');
const PL02_POSITIONS = canonicalPositions(PL02);
const CAPITAL = ['von_tong', 'von_dtpt', 'von_sn', 'von_nstw', 'von_nsdp', 'von_long_ghep', 'von_doanh_nghiep', 'von_cong_dong', 'von_2016', 'von_2017', 'von_2018'];

/** Capital of the i-th detail row, consistent by nature, by source and by year (whole numbers). */
function detailCapital(i: number): Record<string, number> {
  const n = i + 1;
  return {
    von_dtpt: 10 * n,
    von_sn: 30 * n,
    von_tong: 40 * n,
    von_nstw: 20 * n,
    von_nsdp: 8 * n,
    von_long_ghep: 4 * n,
    von_doanh_nghiep: 4 * n,
    von_cong_dong: 4 * n,
    von_2016: 12 * n,
    von_2017: 12 * n,
    von_2018: 16 * n,
  };
}

/** A blank Phụ lục 02 template with its capital filled in consistently, as Excel would pass it. */
function filledPl02Range(): unknown[][] {
  const values = rangeOf(specToGrid(blankTemplateSheet(PL02, 'Xã Cam An')));
  const details = PL02.rows.filter((row) => row.kind === 'detail');
  const amount = (row: RowDef, column: string): number => {
    const children = PL02.rows.filter((child) => child.parent === row.key);
    if (children.length === 0) return detailCapital(details.indexOf(row))[column]!;
    return children.reduce((sum, child) => sum + amount(child, column), 0);
  };
  for (const row of PL02.rows) {
    for (const column of CAPITAL) values[PL02_POSITIONS.rows.get(row.key)!]![PL02_POSITIONS.columns.get(column)!] = amount(row, column);
  }
  return values;
}

function pl02Cell(row: string, column: string): { r: number; c: number; address: string } {
  const r = PL02_POSITIONS.rows.get(row)!;
  const c = PL02_POSITIONS.columns.get(column)!;
  return { r, c, address: a1(r, c) };
}

describe('KIEMTRA', () => {
  test('a consistent Phụ lục 02 passed as plain values (no merged header cells) is "Hợp lệ"', () => {
    assert.deepEqual(KIEMTRA(filledPl02Range()), [['Hợp lệ']]);
  });

  test('spills [cell, Vietnamese message] rows and names the cell of a planted negative number', () => {
    const range = filledPl02Range();
    const { r, c, address } = pl02Cell('da1_sinh_ke', 'von_nstw');
    range[r]![c] = -5;
    const result = KIEMTRA(range);
    assert.ok(result.every((row) => row.length === 2), 'every spilled row is [cell, message]');
    const negative = result.find(([cell]) => cell === address);
    assert.ok(negative, `no row for ${address} in ${JSON.stringify(result)}`);
    assert.match(negative[1]!, /số âm -5/);
    assert.match(negative[1]!, /Ngân sách Trung ương/);
  });

  test('cell addresses are relative to the top-left cell of the range', () => {
    const range = filledPl02Range();
    const { r, c } = pl02Cell('da2_thong_tin', 'von_2017');
    range[r]![c] = -1;
    const fromHeader = range.slice(PL02_POSITIONS.headerTop).map((row) => row.slice());
    const result = KIEMTRA(fromHeader);
    assert.ok(result.some(([cell]) => cell === a1(r - PL02_POSITIONS.headerTop, c)), JSON.stringify(result));
    assert.ok(!result.some(([cell]) => cell === a1(r, c)));
  });

  test('reports an Excel error value in a cell and a number typed as text', () => {
    const range = filledPl02Range();
    const error = pl02Cell('da3_giam_sat', 'von_sn');
    const text = pl02Cell('da3_nang_luc', 'von_dtpt');
    range[error.r]![error.c] = new ExcelError('#REF!');
    range[text.r]![text.c] = String(range[text.r]![text.c]);
    const rows = new Map(KIEMTRA(range).map(([cell, message]) => [cell, message]));
    assert.match(rows.get(error.address) ?? '', /công thức bị lỗi "#REF!"/);
    assert.match(rows.get(text.address) ?? '', /lưu dạng văn bản/);
  });

  test('ignores the blank rows and columns of a whole-column reference', () => {
    const range = filledPl02Range().map((row) => [...row, '', '', '']);
    const width = range[0]!.length;
    for (let i = 0; i < 2000; i++) range.push(Array.from({ length: width }, () => ''));
    assert.deepEqual(KIEMTRA(range), [['Hợp lệ']]);
  });

  test('ignores the "missing sibling sheet" warning: a single range has no other annex', () => {
    const nv = sampleGrids('19603').find((grid) => grid.name === builtinTemplate('NV').sheetName)!;
    const alone = validateWorkbook([nv], { templates: builtinTemplates() }).report.issues.map((issue) => issue.code);
    assert.ok(alone.includes('cross/missing-sheet'), 'the engine does warn about it');
    assert.deepEqual(KIEMTRA(rangeOf(nv)), [['Hợp lệ']]);
  });

  test('a range without an annex is #VALUE! with a Vietnamese message', () => {
    throwsExcel(() => KIEMTRA([['Họ tên', 'Tuổi'], ['An', 30]]), '#VALUE!', 'Không tìm thấy bảng phụ lục trong vùng chọn');
    throwsExcel(() => KIEMTRA([['']]), '#VALUE!', 'Không tìm thấy bảng phụ lục trong vùng chọn');
  });

  test('malformed input is #VALUE!, never a crash', () => {
    for (const bad of [null, undefined, 42, 'PL02', [], [1, 2], [[1], 2]]) {
      throwsExcel(() => KIEMTRA(bad as never), '#VALUE!', /vùng/);
    }
  });
});

describe('LECH', () => {
  // A repeating parameter arrives as ONE array holding each argument's range, as Excel passes it.
  test('is the total minus the sum of every part, blanks ignored', () => {
    assert.equal(LECH(100, [[[10, 20], ['' as never, 30]], [[40]]]), 0);
    assert.equal(LECH(100, [[[30, null as never]]]), 70);
    assert.equal(LECH(100, [[[60], [70]]]), -30);
    assert.equal(LECH(100), 100);
    assert.equal(LECH(100, null as never), 100);
  });

  test('rounds float noise away and never answers -0', () => {
    assert.ok(Object.is(LECH(0.3, [[[0.1, 0.2]]]), 0));
    assert.equal(LECH(1, [[[0.1234567]]]), 0.876543);
  });

  test('a total that is not a number is #VALUE!', () => {
    throwsExcel(() => LECH('abc' as never, [[[1]]]), '#VALUE!', /Số tổng phải là số \(đang là "abc"\)/);
    throwsExcel(() => LECH(Number.NaN, [[[1]]]), '#VALUE!', /Số tổng phải là số/);
  });

  test('a part that is text (a number typed as text) is #VALUE! pointing to GNBV.DOCSO', () => {
    throwsExcel(() => LECH(10, [[['1.234' as never]]]), '#VALUE!', /"1\.234".*GNBV\.DOCSO/);
    throwsExcel(() => LECH(10, [[[true as never]]]), '#VALUE!', /true/);
  });

  test('parts that are not ranges are #VALUE!', () => {
    throwsExcel(() => LECH(10, 5 as never), '#VALUE!', /vùng/);
    throwsExcel(() => LECH(10, [5] as never), '#VALUE!', /vùng/);
  });
});

/** One Phụ lục 02 row from "Tổng số" on, in the definition's column order. */
function capitalRow(amounts: Partial<Record<string, number | string | null>>, extra: unknown[] = []): unknown[][] {
  const first = PL02.columns.findIndex((column) => column.key === 'von_tong');
  const keys = PL02.columns.slice(first, first + CAPITAL.length).map((column) => column.key);
  assert.deepEqual(keys, CAPITAL, 'the default PL02 order the function documents');
  return [[...keys.map((key) => amounts[key] ?? ''), ...extra]];
}

describe('NGUONVON', () => {
  const consistent = detailCapital(4); // Tổng số 200

  test('"✓" when by nature, by source and by year all equal Tổng số', () => {
    assert.equal(NGUONVON(capitalRow(consistent)), '✓');
  });

  test('names the breakdown that differs and by how much (Tổng số minus the parts)', () => {
    assert.equal(NGUONVON(capitalRow({ ...consistent, von_nstw: consistent.von_nstw! + 15 })), 'Lệch theo nguồn vốn: -15');
    assert.equal(NGUONVON(capitalRow({ ...consistent, von_2018: consistent.von_2018! - 2.5 })), 'Lệch theo năm: 2,5');
  });

  test('lists every breakdown that differs', () => {
    const result = NGUONVON(capitalRow({ ...consistent, von_tong: consistent.von_tong! + 10 }));
    assert.equal(result, 'Lệch theo tính chất: 10; Lệch theo nguồn vốn: 10; Lệch theo năm: 10');
  });

  test('tolerates float noise and skips a breakdown left entirely blank (not reported)', () => {
    assert.equal(NGUONVON(capitalRow({ von_tong: 0.3, von_dtpt: 0.1, von_sn: 0.2 })), '✓');
    assert.equal(NGUONVON(capitalRow({ ...consistent, von_2016: null, von_2017: null, von_2018: null })), '✓');
  });

  test('a blank Tổng số beside reported parts is reported; a blank row says nothing', () => {
    assert.match(NGUONVON(capitalRow({ ...consistent, von_tong: null })), /^Tổng số trống, tổng theo tính chất: 200/);
    assert.equal(NGUONVON(capitalRow({})), '');
  });

  test('cells after Năm 2018 are not used', () => {
    assert.equal(NGUONVON(capitalRow(consistent, [999, 'ghi chú'])), '✓');
  });

  test('a text cell is #VALUE! naming its column', () => {
    throwsExcel(() => NGUONVON(capitalRow({ ...consistent, von_nsdp: '1.234' })), '#VALUE!', /Ngân sách địa phương.*"1\.234"/);
  });

  test('more than one row, too few cells or no range is #VALUE!', () => {
    throwsExcel(() => NGUONVON([...capitalRow(consistent), ...capitalRow(consistent)]), '#VALUE!', /một dòng/);
    throwsExcel(() => NGUONVON([[200, 50, 150]]), '#VALUE!', /Cần 11 ô, từ "Tổng số" đến "Năm 2018"/);
    throwsExcel(() => NGUONVON('200' as never), '#VALUE!', /vùng/);
  });
});

describe('DOCSO', () => {
  test('reads numbers typed as text the way Vietnamese officials type them', () => {
    assert.equal(DOCSO('1.234,5'), 1234.5);
    assert.equal(DOCSO('1,234.5'), 1234.5);
    assert.equal(DOCSO(' 12 '), 12);
    assert.equal(DOCSO('(120)'), -120);
    assert.equal(DOCSO('3.463.459,2'), 3463459.2);
    assert.equal(DOCSO('12 triệu'), 12);
  });

  test('a number passes through', () => {
    assert.equal(DOCSO(7.5), 7.5);
    assert.equal(DOCSO(-3, 'en'), -3);
  });

  test('the locale settles "1.234"', () => {
    assert.equal(DOCSO('1.234', 'vi'), 1234);
    assert.equal(DOCSO('1.234', 'en'), 1.234);
    assert.equal(DOCSO('1.234', 'vi-VN'), 1234);
    assert.equal(DOCSO('1.234', ' EN '), 1.234);
  });

  test('"1.234" without a locale is #VALUE! asking for "vi" or "en"', () => {
    throwsExcel(() => DOCSO('1.234'), '#VALUE!', 'Không rõ "1.234": 1234 (vi) hay 1,234 (en)? Thêm tham số "vi" hoặc "en".');
    throwsExcel(() => DOCSO('1.234', ''), '#VALUE!', /Không rõ/);
  });

  test('text that is not a number, a blank, a boolean or an unknown locale is #VALUE!', () => {
    throwsExcel(() => DOCSO('chưa có'), '#VALUE!', 'Không phải số: "chưa có"');
    throwsExcel(() => DOCSO(''), '#VALUE!', /Ô trống/);
    throwsExcel(() => DOCSO(null), '#VALUE!', /Ô trống/);
    throwsExcel(() => DOCSO(true), '#VALUE!', /Không phải số: true/);
    throwsExcel(() => DOCSO(Number.POSITIVE_INFINITY), '#VALUE!', /hữu hạn/);
    throwsExcel(() => DOCSO('1.234', 'fr'), '#VALUE!', /"vi" hoặc "en" \(đang là "fr"\)/);
  });
});

describe('TYLENGHEO', () => {
  test('is poor households over all households, as a fraction', () => {
    assert.equal(TYLENGHEO(12, 480), 0.025);
    assert.equal(TYLENGHEO(0, 480), 0);
    assert.equal(TYLENGHEO(480, 480), 1);
  });

  test('no households, more poor than all, negatives, fractions or text are #VALUE!', () => {
    throwsExcel(() => TYLENGHEO(0, 0), '#VALUE!', /Tổng số hộ bằng 0/);
    throwsExcel(() => TYLENGHEO(500, 480), '#VALUE!', 'Số hộ nghèo (500) lớn hơn tổng số hộ (480).');
    throwsExcel(() => TYLENGHEO(-1, 480), '#VALUE!', /không được âm/);
    throwsExcel(() => TYLENGHEO(1, -480), '#VALUE!', /không được âm/);
    throwsExcel(() => TYLENGHEO(1.5, 480), '#VALUE!', /số nguyên/);
    throwsExcel(() => TYLENGHEO('12' as never, 480), '#VALUE!', /Số hộ nghèo phải là số/);
  });
});

describe('functions.json metadata (what custom-functions-metadata-plugin generates)', () => {
  const source = fileURLToPath(new URL('../functions/functions.ts', import.meta.url));

  test('every function is present, with a Vietnamese description, and the file has no errors', async () => {
    const result = await generateCustomFunctionsMetadata(source);
    assert.deepEqual(result.errors, []);
    const metadata = JSON.parse(result.metadataJson) as {
      functions: Array<{ id: string; name: string; description?: string; parameters: Array<{ name: string; description?: string; dimensionality?: string; repeating?: boolean; optional?: boolean }>; result: { dimensionality?: string; type?: string } }>;
    };
    const byId = new Map(metadata.functions.map((f) => [f.id, f]));
    assert.deepEqual([...byId.keys()].sort(), ['DOCSO', 'KIEMTRA', 'LECH', 'MUCV', 'NGUONVON', 'TYLENGHEO']);
    const vietnamese = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/iu;
    for (const f of metadata.functions) {
      assert.equal(f.name, f.id);
      assert.match(f.description ?? '', vietnamese, `${f.id} has a Vietnamese description`);
      for (const p of f.parameters) assert.match(p.description ?? '', vietnamese, `${f.id}(${p.name}) is described in Vietnamese`);
    }
    assert.equal(byId.get('KIEMTRA')!.result.dimensionality, 'matrix');
    assert.equal(byId.get('KIEMTRA')!.parameters[0]!.dimensionality, 'matrix');
    const parts = byId.get('LECH')!.parameters[1]!;
    assert.deepEqual([parts.name, parts.repeating, parts.dimensionality, parts.optional], ['parts', true, 'matrix', true]);
    for (const f of metadata.functions) assert.ok(f.id.length >= 3, `${f.id}: Excel needs names of at least three characters`);
    assert.equal(byId.get('DOCSO')!.parameters[1]!.optional, true);
  });

  test('the plugin associates each function with its own name (no hand-written associate calls)', async () => {
    assert.doesNotMatch(readFileSync(source, 'utf8'), /CustomFunctions\.associate\s*\(/);
    const result = await generateCustomFunctionsMetadata(source);
    assert.deepEqual(
      result.associate.map((a) => [a.id, a.functionName]).sort(),
      [['DOCSO', 'DOCSO'], ['KIEMTRA', 'KIEMTRA'], ['LECH', 'LECH'], ['MUCV', 'MUCV'], ['NGUONVON', 'NGUONVON'], ['TYLENGHEO', 'TYLENGHEO']],
    );
  });
});

describe('MUCV', () => {
  const nvGrid = () => sampleGrids('19603').find((g) => g.name === 'Nguồn vốn')!;
  const NV = canonicalPositions(builtinTemplate('NV'));
  const tong = (grid: Grid, row: string) => grid.cells[NV.rows.get(row)!]![NV.columns.get('tong')!]!.value as number;

  test('writes the section V paragraph from a capital summary range, numbers the vi-VN way', () => {
    const grid = nvGrid();
    const text = MUCV(rangeOf(grid) as any[][]);
    assert.ok(text.startsWith(`Tổng nguồn vốn thực hiện các chính sách, dự án giảm nghèo giai đoạn 2016-2018 là ${viNumberText(tong(grid, 'total'))} triệu đồng, bao gồm: vốn thực hiện các chính sách giảm nghèo ${viNumberText(tong(grid, 'chinh_sach'))} triệu đồng`), text);
    assert.ok(text.endsWith(`nguồn vốn huy động khác ${viNumberText(tong(grid, 'huy_dong_khac'))} triệu đồng.`), text);
    assert.match(text, /là \d{1,3}(\.\d{3})+(,\d)? triệu đồng/);
  });

  test('refuses a figure it cannot read, and a range without the capital summary', () => {
    const grid = nvGrid();
    grid.cells[NV.rows.get('du_an')!]![NV.columns.get('tong')!] = { value: 'khoảng 600' };
    throwsExcel(() => MUCV(rangeOf(grid) as any[][]), '#VALUE!', /Vốn thực hiện các dự án thuộc Chương trình.*"khoảng 600" không phải số/);
    throwsExcel(() => MUCV([['a', 'b'], [1, 2]]), '#VALUE!', /Không tìm thấy bảng nguồn vốn/);
  });
});
