import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { flatten, getNumber, sampleGrids, setCell, validate } from './support/factories.js';

/** A clean unit (Xã Cam An) whose sample figures agree everywhere. */
const clean = () => sampleGrids('19603');

test('a consistent unit workbook has no issue at all (every rule passes)', () => {
  const report = validate(clean());
  assert.deepEqual(flatten(report.issues), []);
  assert.equal(report.valid, true);
  assert.deepEqual(report.sheets.map((s) => s.template), ['PL01', 'PL02', 'NV']);
});

describe('cell values', () => {
  test('reports text that is not a number', () => {
    const grids = clean();
    const cell = setCell(grids, 'PL01', 'giao_duc', 'kp_2016', 'chưa có');
    assert.ok(flatten(validate(grids).issues).includes(`PL01!${cell} cell/not-number`));
  });
  test('reports a number stored as text as a warning, and still uses its value in sums', () => {
    const grids = clean();
    const value = getNumber(grids, 'PL01', 'giao_duc', 'kp_2016');
    const cell = setCell(grids, 'PL01', 'giao_duc', 'kp_2016', value.toFixed(1).replace('.', ','));
    const report = validate(grids);
    assert.deepEqual(flatten(report.issues), [`PL01!${cell} cell/text-number`]);
    assert.equal(report.issues[0]!.severity, 'warning');
    assert.equal(report.issues[0]!.expected, value);
  });
  test('reports "1.234" as ambiguous when the sheet has no convention', () => {
    const grids = clean();
    const cell = setCell(grids, 'PL01', 'giao_duc', 'nguoi_2016', '1.234');
    assert.deepEqual(flatten(validate(grids).issues), [`PL01!${cell} cell/ambiguous-number`]);
  });
  test('resolves "1.234" by the sheet convention when another text number reveals it', () => {
    const grids = clean();
    const persons = getNumber(grids, 'PL01', 'giao_duc', 'nguoi_2016');
    const money = getNumber(grids, 'PL01', 'giao_duc', 'kp_2016');
    setCell(grids, 'PL01', 'giao_duc', 'kp_2016', money.toFixed(1).replace('.', ','));
    setCell(grids, 'PL01', 'giao_duc', 'nguoi_2016', String(persons));
    const codes = validate(grids).issues.map((i) => i.code);
    assert.deepEqual(codes, ['cell/text-number', 'cell/text-number']);
  });
  test('reports negative values', () => {
    const grids = clean();
    const cell = setCell(grids, 'PL02', 'da1_sinh_ke', 'mo_hinh', -1);
    assert.ok(flatten(validate(grids).issues).includes(`PL02!${cell} cell/negative`));
  });
  test('reports counts that are not whole numbers, but not money with decimals', () => {
    const grids = clean();
    const cell = setCell(grids, 'PL01', 'giao_duc', 'xa_2016', 0.5);
    assert.deepEqual(flatten(validate(grids).issues), [`PL01!${cell} cell/not-integer`]);
    assert.ok(Number.isInteger(getNumber(grids, 'PL01', 'giao_duc', 'kp_2016') * 10));
  });
  test('reports a blank beside filled cells, but not a blank optional output', () => {
    const grids = clean();
    const cell = setCell(grids, 'PL01', 'giao_duc', 'xa_2017', null);
    assert.deepEqual(flatten(validate(grids).issues), [`PL01!${cell} cell/blank`]);
    const other = clean();
    setCell(other, 'PL02', 'da1_sinh_ke', 'mo_hinh', null);
    assert.deepEqual(flatten(validate(other).issues), []);
  });
  test('a fully blank row is "not reported", not an error', () => {
    const grids = clean();
    for (const column of ['kp', 'nguoi', 'ho', 'xa'].flatMap((m) => [2016, 2017, 2018].map((y) => `${m}_${y}`)).concat(['kp_tong', 'luot_nguoi', 'luot_ho'])) {
      setCell(grids, 'PL01', 'vay_hssv', column, null);
    }
    // The parent row now differs from its remaining children: that one is reported, the blank row is not.
    const codes = new Set(validate(grids).issues.map((i) => i.code));
    assert.ok(!codes.has('cell/blank'));
    assert.ok(codes.has('sum/rows'));
  });
  test('reports a formula error in a cell', () => {
    const grids = clean();
    const cell = setCell(grids, 'PL01', 'giao_duc', 'kp_2016', null);
    const template = grids[0]!;
    const [col, row] = [cell.replace(/\d+/, ''), Number(cell.replace(/\D+/, '')) - 1];
    template.cells[row]![col.charCodeAt(0) - 65] = { value: null, error: '#REF!' };
    assert.ok(flatten(validate(grids).issues).includes(`PL01!${cell} cell/formula-error`));
  });
});

describe('sums', () => {
  test('reports a parent row that differs from its children by one unit', () => {
    const grids = clean();
    const value = getNumber(grids, 'PL01', 'tin_dung', 'nguoi_2017');
    const cell = setCell(grids, 'PL01', 'tin_dung', 'nguoi_2017', value + 1);
    const issues = validate(grids).issues.filter((i) => i.code === 'sum/rows');
    // The policy row now disagrees with its loans, and Tổng cộng with the policy rows.
    assert.deepEqual(issues.map((i) => i.row), ['tin_dung', 'total']);
    assert.equal(issues[0]!.cell, cell);
    assert.equal(issues[0]!.expected, value);
    assert.equal(issues[0]!.actual, value + 1);
  });
  test('float noise in a total is not an error', () => {
    const grids = clean();
    const value = getNumber(grids, 'PL01', 'total', 'kp_2016');
    setCell(grids, 'PL01', 'total', 'kp_2016', value + 1e-9);
    assert.deepEqual(flatten(validate(grids).issues), []);
  });
  test('reports a blank total whose parts have figures', () => {
    const grids = clean();
    const cell = setCell(grids, 'NV', 'total', 'nam_2016', null);
    const issues = validate(grids).issues.filter((i) => i.code === 'sum/rows');
    assert.deepEqual(flatten(issues), [`Nguồn vốn!${cell} sum/rows`]);
    assert.equal(issues[0]!.actual, null);
  });
  test('reports a year total that is not the sum of the years (money, person-times, household-times)', () => {
    for (const column of ['kp_tong', 'luot_nguoi', 'luot_ho']) {
      const grids = clean();
      const cell = setCell(grids, 'PL01', 'giao_duc', column, getNumber(grids, 'PL01', 'giao_duc', column) + 1);
      assert.ok(flatten(validate(grids).issues).includes(`PL01!${cell} sum/columns`), column);
    }
  });
  test('communes are never added up over years or rows', () => {
    const grids = clean();
    // Every year 1 commune, the parent 1 too: adding up would expect 3.
    assert.equal(getNumber(grids, 'PL01', 'tin_dung', 'xa_2016'), 1);
    assert.deepEqual(flatten(validate(grids).issues), []);
  });
  test('reports each capital breakdown of Phụ lục 02 (nature, source, year) that differs from Tổng số', () => {
    for (const [column, group] of [['von_sn', 'by nature'], ['von_long_ghep', 'by source'], ['von_2017', 'by year']] as const) {
      const grids = clean();
      setCell(grids, 'PL02', 'da2_thong_tin', column, getNumber(grids, 'PL02', 'da2_thong_tin', column) + 1);
      const issues = validate(grids).issues.filter((i) => i.code === 'sum/columns' && i.row === 'da2_thong_tin');
      assert.equal(issues.length, 1, group);
      assert.equal(issues[0]!.column, 'von_tong');
      if (group !== 'by nature') assert.match(issues[0]!.message.en, new RegExp(group));
    }
  });
});

describe('bounds', () => {
  test('reports an "of which" column above its total, and disjoint parts above it together', () => {
    const grids = clean();
    const total = getNumber(grids, 'PL02', 'da1_sinh_ke', 'ho_tong');
    const cell = setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_dtts', total + 1);
    assert.ok(flatten(validate(grids).issues).includes(`PL02!${cell} ofwhich/exceeds`));
    const other = clean();
    const near = getNumber(other, 'PL02', 'da1_sinh_ke', 'ho_can_ngheo');
    const poor = getNumber(other, 'PL02', 'da1_sinh_ke', 'ho_ngheo');
    setCell(other, 'PL02', 'da1_sinh_ke', 'ho_thoat_ngheo', total - poor - near + 1);
    const issues = validate(other).issues.filter((i) => i.row === 'da1_sinh_ke');
    assert.deepEqual(issues.map((i) => i.code), ['ofwhich/parts-exceed']);
  });
  test('overlapping parts (ethnic-minority households) are only bounded alone', () => {
    const grids = clean();
    const total = getNumber(grids, 'PL02', 'da1_sinh_ke', 'ho_tong');
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_dtts', total);
    assert.deepEqual(validate(grids).issues.filter((i) => i.row === 'da1_sinh_ke').map((i) => i.code), []);
  });
  test('reports an "of which" row above its parent row', () => {
    const grids = clean();
    const parent = getNumber(grids, 'NV', 'chinh_sach', 'nam_2017');
    const cell = setCell(grids, 'NV', 'cs_nhcsxh', 'nam_2017', parent + 5);
    assert.ok(flatten(validate(grids).issues).includes(`Nguồn vốn!${cell} ofwhich/exceeds`));
  });
  test('reports more households than persons for the same row and year', () => {
    const grids = clean();
    const persons = getNumber(grids, 'PL01', 'giao_duc', 'nguoi_2018');
    const cell = setCell(grids, 'PL01', 'giao_duc', 'ho_2018', persons + 1);
    assert.ok(flatten(validate(grids).issues).includes(`PL01!${cell} households/over-persons`));
  });
  test('reports more communes than the units in scope; a district sheet may count its 9', () => {
    const grids = clean();
    const cell = setCell(grids, 'PL01', 'giao_duc', 'xa_2016', 2);
    assert.ok(flatten(validate(grids).issues).includes(`PL01!${cell} communes/over-scope`));
    const district = clean();
    for (const g of district) g.cells[3] = [{ value: 'Đơn vị báo cáo: Huyện Cam Lộ' }];
    setCell(district, 'PL01', 'giao_duc', 'xa_2016', 9);
    assert.deepEqual(validate(district).issues.filter((i) => i.code === 'communes/over-scope'), []);
    setCell(district, 'PL01', 'giao_duc', 'xa_2016', 10);
    assert.equal(validate(district).issues.filter((i) => i.code === 'communes/over-scope').length, 1);
  });
});

describe('cross-sheet and trends', () => {
  test('reports a capital summary line that differs from Phụ lục 01/02', () => {
    const grids = clean();
    const cell = setCell(grids, 'PL02', 'total', 'von_dtpt', getNumber(grids, 'PL02', 'total', 'von_dtpt') + 1);
    const issues = validate(grids).issues.filter((i) => i.code === 'cross/mismatch');
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.sheet, 'Nguồn vốn');
    assert.equal(issues[0]!.row, 'da_dtpt');
    assert.equal(issues[0]!.params?.otherCell, cell);
  });
  test('warns when the other annex of the unit is missing', () => {
    const grids = clean().filter((g) => g.name !== 'PL02');
    assert.deepEqual(validate(grids).issues.map((i) => i.code), ['cross/missing-sheet']);
  });
  test('warns on a year-on-year jump, never errors', () => {
    const grids = clean();
    const before = getNumber(grids, 'PL01', 'yte_bhyt_ngheo', 'nguoi_2016');
    setCell(grids, 'PL01', 'yte_bhyt_ngheo', 'nguoi_2017', before * 10);
    const jumps = validate(grids).issues.filter((i) => i.code === 'trend/jump');
    assert.ok(jumps.length >= 1);
    assert.ok(jumps.every((i) => i.severity === 'warning'));
  });
});

test('every issue names sheet, cell, template row and column, and speaks both languages', () => {
  const grids = clean();
  setCell(grids, 'PL01', 'giao_duc', 'kp_2016', -3);
  const [issue] = validate(grids, 'Cam An.xlsx').issues;
  assert.ok(issue);
  assert.equal(issue.file, 'Cam An.xlsx');
  assert.equal(issue.sheet, 'PL01');
  assert.match(issue.cell!, /^[A-Z]+\d+$/);
  assert.equal(issue.row, 'giao_duc');
  assert.equal(issue.column, 'kp_2016');
  assert.match(issue.message.vi, /âm/);
  assert.match(issue.message.en, /negative/);
  assert.doesNotThrow(() => JSON.parse(JSON.stringify(validate(grids))));
});

test('the rule registry and the rule schema list the same rules, in the same order', async () => {
  const { RULES, ruleSchema } = await import('../src/engine/rules/index.js');
  assert.deepEqual(
    ruleSchema.options.map((schema) => schema.shape.type.value),
    RULES.map((rule) => rule.type),
  );
});
