// What each rule reports, fact by fact: the cell, the figures (worked out from the cells put in),
// the facts its message needs (the other sheet, the group, the limit), in Vietnamese AND English,
// and what it must leave alone (a note column, a blank parent, 0 against blank). Each rule runs
// alone over a clean sample (Xã Cam An), one fault put in by hand.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Grid } from '../src/engine/grid.js';
import type { Issue } from '../src/engine/issues.js';
import { canonicalPositions } from '../src/engine/render.js';
import { RULES, runRule } from '../src/engine/rules/index.js';
import { templateSiblings } from '../src/engine/rules/index.js';
import { parseTemplate, type RuleDef, type TemplateDef } from '../src/engine/template.js';
import { getNumber, sampleGrids, setCell, templateOf } from './support/factories.js';
import { runAlone, setRaw } from './support/rule-alone.js';

const clean = () => sampleGrids('19603');
type Type = RuleDef['type'];
const alone = (type: Type, grids: Grid[], scope = 1) => runAlone(type, grids, { scope });
/** An issue's params read by key: each test first asserts the issue's code, which decides the keys
 * (tests/issue-params.test.ts checks every emitted issue against its code's schema). */
const factsOf = (issue: Issue): Record<string, unknown> => ('params' in issue ? (issue.params as Record<string, unknown>) : {});
const only = (issues: Issue[]): Issue => {
  assert.equal(issues.length, 1, issues.map((i) => `${i.code} ${i.cell}`).join(', '));
  return issues[0]!;
};
/** Both messages name every fact given (figures as each language writes them). */
const says = (issue: Issue, vi: string[], en: string[]) => {
  for (const fact of vi) assert.ok(issue.message.vi.includes(fact), `vi lacks ${fact}: ${issue.message.vi}`);
  for (const fact of en) assert.ok(issue.message.en.includes(fact), `en lacks ${fact}: ${issue.message.en}`);
};
const withRules = (template: string, rules: RuleDef[], grids: Grid[], scope = 1) => runAlone(rules[0]!.type, grids, { scope, override: { template, rules } });

test('on a clean sample no rule, run alone, reports anything (no rule fires on good figures)', () => {
  for (const rule of RULES) assert.deepEqual(alone(rule.type, clean()).map((i) => `${i.code} ${i.cell}`), [], rule.type);
  // A district summary (scope 9) of the same clean figures is clean too.
  for (const rule of RULES) assert.deepEqual(alone(rule.type, clean(), 9).map((i) => i.code), [], rule.type);
});

test('an unknown rule type is refused, not skipped', () => {
  assert.throws(() => runRule({ type: 'nope' } as unknown as RuleDef, {} as never), /Unknown rule type: nope/);
});

test('two rules reading the same annex list it once', () => {
  const nv = templateOf('NV');
  const cross = nv.rules.find((r) => r.type === 'crossSheet')!;
  assert.deepEqual([...templateSiblings({ ...nv, rules: [cross, cross] })].sort(), ['PL01', 'PL02']);
});

describe('of-which columns', () => {
  test('a part above its total: the part\'s cell, total expected, the part as actual, both languages', () => {
    const grids = clean();
    const total = getNumber(grids, 'PL02', 'da1_sinh_ke', 'ho_tong');
    const cell = setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_dtts', total + 3);
    const issue = only(alone('ofWhichColumns', grids));
    assert.deepEqual([issue.code, issue.cell, issue.row, issue.column, issue.expected, issue.actual], ['ofwhich/exceeds', cell, 'da1_sinh_ke', 'ho_dtts', total, total + 3]);
    assert.equal(factsOf(issue).total, 'ho_tong');
    says(issue, [String(total + 3), String(total)], [String(total + 3), String(total)]);
  });

  test('disjoint parts above the total together: reported at the total with their sum, even with one part blank', () => {
    const grids = clean();
    const total = getNumber(grids, 'PL02', 'da1_sinh_ke', 'ho_tong');
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_ngheo', null);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_can_ngheo', total - 2);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_thoat_ngheo', 5);
    const totalCell = setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_tong', total);
    const issue = only(alone('ofWhichColumns', grids));
    assert.deepEqual([issue.code, issue.cell, issue.column, issue.expected, issue.actual], ['ofwhich/parts-exceed', totalCell, 'ho_tong', total, total + 3]);
    assert.equal(factsOf(issue).parts, 3);
    says(issue, [String(total + 3), String(total)], [String(total + 3), String(total)]);
  });

  test('parts over a blank total are not compared (the blank is the cell check\'s to report)', () => {
    const grids = clean();
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_tong', null);
    assert.deepEqual(alone('ofWhichColumns', grids), []);
  });

  test('a single part declared disjoint is bounded alone, never again as a sum', () => {
    const pl02 = templateOf('PL02');
    const rule: RuleDef = { type: 'ofWhichColumns', total: 'ho_tong', parts: ['ho_dtts'], disjoint: true };
    const grids = clean();
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_dtts', getNumber(grids, 'PL02', 'da1_sinh_ke', 'ho_tong') + 1);
    assert.ok(pl02);
    assert.deepEqual(withRules('PL02', [rule], grids).map((i) => i.code), ['ofwhich/exceeds']);
  });

  test('overlapping parts (disjoint: false) over their total together, each within it: nothing reported', () => {
    // Poor households and ethnic-minority households overlap: 6 + 7 of a total 10 is possible.
    const rule: RuleDef = { type: 'ofWhichColumns', total: 'ho_tong', parts: ['ho_ngheo', 'ho_dtts'], disjoint: false };
    const grids = clean();
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_tong', 10);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_ngheo', 6);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_dtts', 7);
    assert.deepEqual(withRules('PL02', [rule], grids).filter((i) => i.row === 'da1_sinh_ke'), []);
    // The same figures declared disjoint are over the total by 3.
    const issue = only(withRules('PL02', [{ ...rule, disjoint: true }], clone(grids)).filter((i) => i.row === 'da1_sinh_ke'));
    assert.deepEqual([issue.code, issue.expected, issue.actual], ['ofwhich/parts-exceed', 10, 13]);
  });

  test('money parts are summed without float noise (0,1 + 0,2 is 0,3)', () => {
    const rule: RuleDef = { type: 'ofWhichColumns', total: 'von_tong', parts: ['von_nstw', 'von_nsdp'], disjoint: true };
    const grids = clean();
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_tong', 0.25);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_nstw', 0.1);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_nsdp', 0.2);
    const issue = withRules('PL02', [rule], grids).find((i) => i.row === 'da1_sinh_ke')!;
    assert.equal(issue.code, 'ofwhich/parts-exceed');
    assert.equal(issue.actual, 0.3);
  });

  test('one đồng (10⁻⁶ triệu) above its total is reported; a part equal to its total, or above it by float noise, is not', () => {
    const rule: RuleDef = { type: 'ofWhichColumns', total: 'von_tong', parts: ['von_nstw'], disjoint: false };
    const grids = clean();
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_tong', 0);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_nstw', 0);
    assert.deepEqual(withRules('PL02', [rule], grids).filter((i) => i.row === 'da1_sinh_ke'), []);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_nstw', 1e-6);
    assert.deepEqual(withRules('PL02', [rule], clone(grids)).filter((i) => i.row === 'da1_sinh_ke').map((i) => [i.code, i.expected, i.actual]), [['ofwhich/exceeds', 0, 1e-6]]);
    // 0,1 + 0,2 is 0,30000000000000004 in floating point: not above a total of 0,3.
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_tong', 0.3);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_nstw', 0.1 + 0.2);
    assert.deepEqual(withRules('PL02', [rule], clone(grids)).filter((i) => i.row === 'da1_sinh_ke'), []);
  });

  test('disjoint parts one đồng over their total together are reported; adding up to it with float noise, they are not', () => {
    const rule: RuleDef = { type: 'ofWhichColumns', total: 'von_tong', parts: ['von_nstw', 'von_nsdp'], disjoint: true };
    const grids = clean();
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_tong', 0.3);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_nstw', 0.1);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_nsdp', 0.2);
    assert.deepEqual(withRules('PL02', [rule], grids).filter((i) => i.row === 'da1_sinh_ke'), []);
    // Each part alone is within the total; together one đồng over it.
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_nsdp', 0.200001);
    assert.deepEqual(withRules('PL02', [rule], clone(grids)).filter((i) => i.row === 'da1_sinh_ke').map((i) => [i.code, i.expected, i.actual]), [['ofwhich/parts-exceed', 0.3, 0.300001]]);
  });
});

describe('of-which rows', () => {
  test('the NHCSXH loans above the policies: the row\'s cell, the parent row named, figures', () => {
    const grids = clean();
    const parent = getNumber(grids, 'NV', 'chinh_sach', 'nam_2017');
    const cell = setCell(grids, 'NV', 'cs_nhcsxh', 'nam_2017', parent + 5);
    const issue = only(alone('ofWhichRows', grids));
    assert.deepEqual([issue.code, issue.cell, issue.row, issue.column, issue.expected, issue.actual], ['ofwhich/exceeds', cell, 'cs_nhcsxh', 'nam_2017', parent, parent + 5]);
    assert.equal(factsOf(issue).total, 'chinh_sach');
  });

  test('only "of which" rows are bounded: a detail row above its parent is a sum error, not this one', () => {
    const grids = clean();
    setCell(grids, 'NV', 'da_dtpt', 'nam_2016', getNumber(grids, 'NV', 'du_an', 'nam_2016') + 100);
    assert.deepEqual(alone('ofWhichRows', grids), []);
  });

  test('a blank parent is not compared; a note that reads like a number is not a figure', () => {
    const grids = clean();
    setCell(grids, 'NV', 'chinh_sach', 'nam_2017', null);
    setCell(grids, 'NV', 'chinh_sach', 'ghi_chu', '1');
    setCell(grids, 'NV', 'cs_nhcsxh', 'ghi_chu', '10');
    assert.deepEqual(alone('ofWhichRows', grids), []);
  });

  test('one đồng above a parent of 0 is reported; equal to it, or above by float noise, is not', () => {
    const grids = clean();
    setCell(grids, 'NV', 'chinh_sach', 'nam_2016', 0);
    setCell(grids, 'NV', 'cs_nhcsxh', 'nam_2016', 0);
    assert.deepEqual(alone('ofWhichRows', grids), []);
    setCell(grids, 'NV', 'cs_nhcsxh', 'nam_2016', 1e-6);
    assert.deepEqual(alone('ofWhichRows', clone(grids)).map((i) => [i.code, i.expected, i.actual]), [['ofwhich/exceeds', 0, 1e-6]]);
    setCell(grids, 'NV', 'chinh_sach', 'nam_2016', 0.3);
    setCell(grids, 'NV', 'cs_nhcsxh', 'nam_2016', 0.1 + 0.2);
    assert.deepEqual(alone('ofWhichRows', clone(grids)), []);
  });
});

describe('households within persons', () => {
  test('more households than persons of the same year: that year\'s persons expected, named', () => {
    const grids = clean();
    const persons = getNumber(grids, 'PL01', 'giao_duc', 'nguoi_2017');
    // Money of the same year (kp_2017) and other years' persons are not the bound.
    setCell(grids, 'PL01', 'giao_duc', 'kp_2017', 1);
    setCell(grids, 'PL01', 'giao_duc', 'nguoi_2016', persons + 100);
    setCell(grids, 'PL01', 'giao_duc', 'nguoi_2018', persons + 100);
    const cell = setCell(grids, 'PL01', 'giao_duc', 'ho_2017', persons + 2);
    const issue = only(alone('householdsWithinPersons', grids));
    assert.deepEqual([issue.code, issue.cell, issue.column, issue.expected, issue.actual], ['households/over-persons', cell, 'ho_2017', persons, persons + 2]);
    assert.equal(factsOf(issue).persons, 'nguoi_2017');
    says(issue, [String(persons)], [String(persons)]);
  });

  test('money or communes above persons are not households; blank persons are not compared', () => {
    const grids = clean();
    setCell(grids, 'PL01', 'giao_duc', 'kp_2016', getNumber(grids, 'PL01', 'giao_duc', 'nguoi_2016') + 1000);
    setCell(grids, 'PL01', 'tin_dung', 'nguoi_2018', null);
    assert.deepEqual(alone('householdsWithinPersons', grids), []);
  });

  test('household-times above person-times (Tổng 2016-2018) are reported too', () => {
    const grids = clean();
    const persons = getNumber(grids, 'PL01', 'giao_duc', 'luot_nguoi');
    setCell(grids, 'PL01', 'giao_duc', 'luot_ho', persons + 1);
    assert.equal(only(alone('householdsWithinPersons', grids)).column, 'luot_ho');
  });

  test('households of a year without a persons column are not bounded (nothing to compare with)', () => {
    // A district's own definition may count 2018 as "lượt" only: no persons column for 2018.
    const change = (t: TemplateDef): TemplateDef =>
      t.id === 'PL01' ? { ...t, columns: t.columns.map((c) => (c.key === 'nguoi_2018' ? { ...c, measure: 'count' as const } : c)) } : t;
    const grids = clean();
    setCell(grids, 'PL01', 'giao_duc', 'ho_2018', getNumber(grids, 'PL01', 'giao_duc', 'nguoi_2018') + 1);
    assert.deepEqual(runAlone('householdsWithinPersons', grids, { change }), []);
  });

  test('households equal to persons are fine; above them by any real amount they are reported', () => {
    const grids = clean();
    setCell(grids, 'PL01', 'giao_duc', 'nguoi_2016', 0);
    setCell(grids, 'PL01', 'giao_duc', 'ho_2016', 0);
    assert.deepEqual(alone('householdsWithinPersons', grids), []);
    setCell(grids, 'PL01', 'giao_duc', 'ho_2016', 1e-6);
    assert.deepEqual(alone('householdsWithinPersons', clone(grids)).map((i) => [i.code, i.expected, i.actual]), [['households/over-persons', 0, 1e-6]]);
  });
});

test('communes above the scope: the scope expected, only commune columns bounded', () => {
  const grids = clean();
  const cell = setCell(grids, 'PL01', 'giao_duc', 'xa_2018', 10);
  const issue = only(alone('communesWithinScope', grids, 9));
  assert.deepEqual([issue.code, issue.cell, issue.expected, issue.actual], ['communes/over-scope', cell, 9, 10]);
  says(issue, ['10', '9'], ['10', '9']);
});

describe('cell values', () => {
  test('each fault gives its figures: the error, the text, both readings of 1.234, the parsed number', () => {
    const grids = clean();
    const error = setRaw(grids, 'PL01', 'giao_duc', 'kp_2016', { value: null, error: '#REF!' });
    const text = setCell(grids, 'PL01', 'giao_duc', 'kp_2017', 'chưa có');
    const ambiguous = setCell(grids, 'PL01', 'giao_duc', 'nguoi_2016', '1.234');
    const issues = alone('cellValues', grids);
    const at = (cell: string) => issues.find((i) => i.cell === cell)!;
    assert.deepEqual([at(error).code, at(error).actual], ['cell/formula-error', '#REF!']);
    assert.deepEqual([at(text).code, at(text).actual], ['cell/not-number', 'chưa có']);
    assert.deepEqual([at(ambiguous).code, at(ambiguous).params], ['cell/ambiguous-number', { vi: 1234, en: 1.234 }]);
    assert.equal(issues.length, 3);
  });

  test('a number typed as text is used at its value; 0 is a figure; a negative count is negative (once)', () => {
    const grids = clean();
    const typed = setCell(grids, 'PL01', 'giao_duc', 'kp_2016', '12,5');
    setCell(grids, 'PL01', 'giao_duc', 'kp_2017', 0);
    const negative = setCell(grids, 'PL01', 'giao_duc', 'xa_2016', -0.5);
    const money = setCell(grids, 'PL01', 'giao_duc', 'kp_2018', 7.25);
    const issues = alone('cellValues', grids);
    assert.deepEqual(issues.map((i) => `${i.cell} ${i.code} ${i.actual} ${i.expected ?? ''}`), [`${typed} cell/text-number 12,5 12.5`, `${negative} cell/negative -0.5 `]);
    assert.ok(!issues.some((i) => i.cell === money));
  });

  test('NaN and text over 32,767 characters: reported once each, the length said in both languages', () => {
    const grids = clean();
    const nan = setRaw(grids, 'PL01', 'giao_duc', 'nguoi_2017', { value: Number.NaN });
    const long = setCell(grids, 'PL01', 'giao_duc', 'ghi_chu', 'x'.repeat(40_000));
    const longNumber = setCell(grids, 'PL01', 'tin_dung', 'kp_2016', '1'.repeat(33_000));
    const issues = alone('cellValues', grids);
    assert.deepEqual(issues.map((i) => `${i.cell} ${i.code}`).sort(), [`${nan} cell/not-finite`, `${long} cell/too-long`, `${longNumber} cell/too-long`].sort());
    const tooLong = issues.find((i) => i.cell === long)!;
    assert.equal(factsOf(tooLong).length, 40_000);
    // Both name their template row and column (a note column too), not only the cell.
    assert.deepEqual([tooLong.row, tooLong.column], ['giao_duc', 'ghi_chu']);
    assert.deepEqual([issues.find((i) => i.cell === nan)!.row, issues.find((i) => i.cell === nan)!.column], ['giao_duc', 'nguoi_2017']);
    assert.match(String(tooLong.actual), /^x{40}…$/);
    says(tooLong, ['40000'], ['40000']);
    assert.equal(issues.find((i) => i.cell === nan)!.actual, 'NaN');
  });

  test('a blank counts only beside typed figures: not beside formulas alone, not in an optional column', () => {
    const grids = clean();
    for (const column of templateOf('PL01').columns.filter((c) => c.measure !== 'text')) setCell(grids, 'PL01', 'vay_hssv', column.key, null);
    setRaw(grids, 'PL01', 'vay_hssv', 'kp_tong', { value: 0, formula: 'SUM(C15,G15,K15)' });
    setCell(grids, 'PL01', 'vay_hssv', 'ghi_chu', 'không phát sinh');
    setCell(grids, 'PL02', 'da1_sinh_ke', 'ho_dtts', null);
    assert.deepEqual(alone('cellValues', grids), []);
    const typed = clean();
    const blank = setCell(typed, 'PL02', 'da1_sinh_ke', 'von_nstw', null);
    assert.deepEqual(alone('cellValues', typed).map((i) => `${i.cell} ${i.code} ${i.actual}`), [`${blank} cell/blank null`]);
  });
});

describe('sums', () => {
  test('a row total off by one: the cell, the children\'s sum, the difference, in both languages', () => {
    const grids = clean();
    const value = getNumber(grids, 'PL01', 'tin_dung', 'kp_2017');
    const cell = setCell(grids, 'PL01', 'tin_dung', 'kp_2017', value + 1.5);
    const issue = only(alone('rowSums', grids).filter((i) => i.row === 'tin_dung'));
    assert.deepEqual([issue.code, issue.cell, issue.expected, issue.actual, factsOf(issue).difference, factsOf(issue).parts], ['sum/rows', cell, value, value + 1.5, 1.5, 5]);
    says(issue, ['1,5'], ['1.5']);
  });

  test('a blank total is reported without a difference; a text total or part is left to the cell check', () => {
    const grids = clean();
    setCell(grids, 'PL01', 'tin_dung', 'kp_2017', null);
    const issue = only(alone('rowSums', grids).filter((i) => i.row === 'tin_dung'));
    assert.equal(issue.actual, null);
    assert.equal(factsOf(issue).difference, undefined);
    const text = clean();
    setCell(text, 'PL01', 'tin_dung', 'kp_2017', 'xem phụ lục');
    setCell(text, 'PL01', 'vay_hssv', 'kp_2016', 'chưa rõ');
    assert.deepEqual(alone('rowSums', text).filter((i) => i.row === 'tin_dung'), []);
  });

  test('a blank total over parts that are all 0 is still reported: blank is "not reported", 0 is "none"', () => {
    const grids = clean();
    for (const row of ['vay_ho_ngheo', 'vay_ho_can_ngheo', 'vay_ho_thoat_ngheo', 'vay_hssv', 'vay_nuoc_sach']) setCell(grids, 'PL01', row, 'nguoi_2016', 0);
    const cell = setCell(grids, 'PL01', 'tin_dung', 'nguoi_2016', null);
    const issue = only(alone('rowSums', grids).filter((i) => i.row === 'tin_dung'));
    assert.deepEqual([issue.cell, issue.expected, issue.actual], [cell, 0, null]);
  });

  test('blank parts count as 0 beside filled ones; all parts blank is "not reported", not 0', () => {
    const grids = clean();
    const part = getNumber(grids, 'PL01', 'vay_hssv', 'kp_2016');
    setCell(grids, 'PL01', 'vay_hssv', 'kp_2016', null);
    setCell(grids, 'PL01', 'tin_dung', 'kp_2016', getNumber(grids, 'PL01', 'tin_dung', 'kp_2016') - part);
    setCell(grids, 'PL01', 'total', 'kp_2016', getNumber(grids, 'PL01', 'total', 'kp_2016') - part);
    assert.deepEqual(alone('rowSums', grids), []);
    const none = clean();
    for (const row of ['vay_ho_ngheo', 'vay_ho_can_ngheo', 'vay_ho_thoat_ngheo', 'vay_hssv', 'vay_nuoc_sach']) setCell(none, 'PL01', row, 'nguoi_2016', null);
    setCell(none, 'PL01', 'tin_dung', 'nguoi_2016', 5);
    assert.deepEqual(alone('rowSums', none).filter((i) => i.row === 'tin_dung'), []);
  });

  test('float noise is removed from the expected sum and the difference (0,1 + 0,2 against 0,5)', () => {
    const grids = clean();
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_2016', 0.1);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_2017', 0.2);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_2018', 0);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_tong', 0.5);
    const issue = alone('columnGroup', grids).find((i) => i.row === 'da1_sinh_ke' && factsOf(i).groupEn === 'by year')!;
    assert.equal(issue.expected, 0.3);
    assert.equal(factsOf(issue).difference, 0.2);
  });

  test('a year total names its parts\' cells and count; a capital group names itself in each language', () => {
    const grids = clean();
    const years = ['kp_2016', 'kp_2017', 'kp_2018'].map((c) => setCell(grids, 'PL01', 'giao_duc', c, getNumber(grids, 'PL01', 'giao_duc', c)));
    setCell(grids, 'PL01', 'giao_duc', 'kp_tong', getNumber(grids, 'PL01', 'giao_duc', 'kp_tong') + 1);
    const total = only(alone('columnTotals', grids));
    assert.equal(factsOf(total).partCells, years.join(' + '));
    assert.equal(factsOf(total).parts, 3);
    says(total, [years.join(' + ')], [years.join(' + ')]);
    const capital = clean();
    setCell(capital, 'PL02', 'da2_thong_tin', 'von_nstw', getNumber(capital, 'PL02', 'da2_thong_tin', 'von_nstw') + 1);
    const group = only(alone('columnGroup', capital));
    assert.equal(factsOf(group).parts, 5);
    says(group, ['theo nguồn vốn'], ['by source']);
  });
});

describe('sums over a table missing a row or a column (the locator reports those)', () => {
  const pos = () => canonicalPositions(templateOf('PL01'));
  const pl01 = (grids: Grid[]) => grids.find((g) => g.name === 'PL01')!;

  test('a missing column is left out of the sum and of the cells named, never read as 0 in them', () => {
    const grids = clean();
    const [h16, h18] = ['ho_2016', 'ho_2018'].map((c) => setCell(grids, 'PL01', 'giao_duc', c, getNumber(grids, 'PL01', 'giao_duc', c)));
    const expected = getNumber(grids, 'PL01', 'giao_duc', 'ho_2016') + getNumber(grids, 'PL01', 'giao_duc', 'ho_2018');
    // The 2017 "Số hộ" column gone, header and figures: only its year cell (merged) stays.
    const column = pos().columns.get('ho_2017')!;
    pl01(grids).cells.forEach((row, i) => {
      if (row && i >= pos().headerBottom) row[column] = undefined;
    });
    const issue = alone('columnTotals', grids).find((i) => i.row === 'giao_duc' && i.column === 'luot_ho')!;
    assert.equal(factsOf(issue).partCells, `${h16} + ${h18}`);
    assert.equal(issue.expected, expected);
  });

  test('a missing parent row is not reported as a blank total; its children are not named as its parts', () => {
    const grids = clean();
    pl01(grids).cells[pos().rows.get('tin_dung')!] = [];
    assert.deepEqual(alone('rowSums', grids).filter((i) => i.row === 'tin_dung' || i.cell === undefined), []);
  });
});

describe('year on year', () => {
  test('a tenfold jump: the later cell, the year before expected, the factor and the earlier cell named', () => {
    const grids = clean();
    const before = setCell(grids, 'PL01', 'yte_bhyt_ngheo', 'nguoi_2016', 100);
    const after = setCell(grids, 'PL01', 'yte_bhyt_ngheo', 'nguoi_2017', 1000);
    setCell(grids, 'PL01', 'yte_bhyt_ngheo', 'nguoi_2018', 1000);
    const issue = only(alone('yearOnYear', grids));
    assert.deepEqual([issue.code, issue.cell, issue.column, issue.expected, issue.actual, factsOf(issue).factor, factsOf(issue).previousCell], ['trend/jump', after, 'nguoi_2017', 100, 1000, 5, before]);
    says(issue, [before, '5 lần'], [before, '5-fold']);
  });

  test('a fall is a jump too; from 0 is a start, not a jump', () => {
    const grids = clean();
    setCell(grids, 'PL01', 'giao_duc', 'kp_2017', 600);
    setCell(grids, 'PL01', 'giao_duc', 'kp_2018', 60);
    setCell(grids, 'PL01', 'giao_duc', 'nguoi_2016', 0);
    setCell(grids, 'PL01', 'giao_duc', 'nguoi_2017', 500);
    setCell(grids, 'PL01', 'giao_duc', 'kp_2016', 600);
    const issues = alone('yearOnYear', grids).filter((i) => i.row === 'giao_duc');
    assert.deepEqual(issues.map((i) => `${i.column} ${i.expected}→${i.actual}`), ['kp_2018 600→60']);
  });

  test('each annex pairs its own years: PL01 by measure, PL02 capital by year, the capital summary', () => {
    const grids = clean();
    setCell(grids, 'PL01', 'giao_duc', 'ho_2017', 100);
    setCell(grids, 'PL01', 'giao_duc', 'ho_2018', 1000);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_2016', 100);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_2017', 1000);
    setCell(grids, 'NV', 'huy_dong_khac', 'nam_2017', 100);
    setCell(grids, 'NV', 'huy_dong_khac', 'nam_2018', 1000);
    const jumps = alone('yearOnYear', grids).map((i) => `${i.sheet} ${i.row} ${i.column}`);
    assert.ok(jumps.includes('PL01 giao_duc ho_2018'), String(jumps));
    assert.ok(jumps.includes('PL02 da1_sinh_ke von_2017'), String(jumps));
    assert.ok(jumps.includes('Nguồn vốn huy_dong_khac nam_2018'), String(jumps));
    // Households are never compared with persons of the next year, nor a year with the total.
    assert.ok(jumps.every((j) => !j.endsWith('tong') && !j.includes('luot')), String(jumps));
  });
});

describe('year on year in a district\'s own definition (columns are data)', () => {
  const pl01 = (change: (t: TemplateDef) => TemplateDef) => (t: TemplateDef) => (t.id === 'PL01' ? change(t) : t);
  const measured = (keys: string[], measure: 'money' | 'text') =>
    pl01((t) => ({ ...t, columns: t.columns.map((c) => (keys.includes(c.key) ? { ...c, measure } : c)) }));
  const jumps = (grids: Grid[], change: (t: TemplateDef) => TemplateDef) =>
    runAlone('yearOnYear', grids, { change }).filter((i) => i.row === 'giao_duc').map((i) => `${i.column} ${i.expected}→${i.actual}`);

  test('two money series by year are each followed on their own, by their header', () => {
    // Persons counted as money: kp_* and nguoi_* are then two money series, 2016 → 2018 each.
    const grids = clean();
    for (const [column, value] of [['kp_2016', 100], ['kp_2017', 110], ['kp_2018', 120], ['nguoi_2016', 1000], ['nguoi_2017', 1100], ['nguoi_2018', 1200]] as const)
      setCell(grids, 'PL01', 'giao_duc', column, value);
    assert.deepEqual(jumps(grids, measured(['nguoi_2016', 'nguoi_2017', 'nguoi_2018'], 'money')), []);
    setCell(grids, 'PL01', 'giao_duc', 'nguoi_2018', 11_000);
    assert.deepEqual(jumps(clone(grids), measured(['nguoi_2016', 'nguoi_2017', 'nguoi_2018'], 'money')), ['nguoi_2018 1100→11000']);
  });

  test('years in any column order are paired by year', () => {
    const grids = clean();
    setCell(grids, 'PL01', 'giao_duc', 'kp_2017', 100);
    setCell(grids, 'PL01', 'giao_duc', 'kp_2018', 1000);
    assert.deepEqual(jumps(grids, pl01((t) => ({ ...t, columns: [...t.columns].reverse() }))), ['kp_2018 100→1000']);
  });

  test('a year header typed with a space after it ("Năm 2017 ") still names the year', () => {
    const grids = clean();
    setCell(grids, 'PL01', 'giao_duc', 'kp_2017', 100);
    setCell(grids, 'PL01', 'giao_duc', 'kp_2018', 1000);
    const spaced = pl01((t) => ({ ...t, columns: t.columns.map((c) => ({ ...c, header: c.header.map((h) => (h.startsWith('Năm') ? `${h} ` : h)) })) }));
    assert.deepEqual(jumps(grids, spaced), ['kp_2018 100→1000']);
  });

  test('a year left out breaks the chain: 2016 is not compared with 2018', () => {
    const grids = clean();
    setCell(grids, 'PL01', 'giao_duc', 'nguoi_2016', 100);
    setCell(grids, 'PL01', 'giao_duc', 'nguoi_2018', 1000);
    const without2017 = pl01((t) => ({ ...t, columns: t.columns.filter((c) => c.key !== 'nguoi_2017') }));
    assert.deepEqual(jumps(grids, without2017), []);
  });

  test('note columns are never compared, even with a year and numbers in them', () => {
    const grids = clean();
    setCell(grids, 'PL01', 'giao_duc', 'xa_2016', 60);
    setCell(grids, 'PL01', 'giao_duc', 'xa_2017', 600);
    setCell(grids, 'PL01', 'giao_duc', 'xa_2018', 600);
    assert.deepEqual(jumps(grids, measured(['xa_2016', 'xa_2017'], 'text')), []);
    // The same cells as counts are compared (the test would pass vacuously otherwise).
    assert.deepEqual(jumps(clone(grids), (t) => t), ['xa_2017 60→600']);
  });
});

describe('year on year at its edges (factor 5, minimum 50 in the shipped definitions)', () => {
  /** The jump warnings at PL02's 2017 capital of one project, 2016 and 2017 set by hand. */
  const jump = (before: number, after: number) => {
    const grids = clean();
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_2016', before);
    setCell(grids, 'PL02', 'da1_sinh_ke', 'von_2017', after);
    return alone('yearOnYear', grids).filter((i) => i.row === 'da1_sinh_ke' && i.column === 'von_2017');
  };

  test('exactly five times the year before is not a jump; 100,5 after 20 is', () => {
    assert.deepEqual(jump(20, 100), []);
    assert.deepEqual(jump(20, 100.5).map((i) => `${i.expected}→${i.actual}`), ['20→100.5']);
    // A fall is measured the same way: 100 → 20 is five times, 100,5 → 20 more.
    assert.deepEqual(jump(100, 20), []);
    assert.equal(jump(100.5, 20).length, 1);
  });

  test('figures below the minimum are never compared (1 → 49); at the minimum they are (1 → 50)', () => {
    assert.deepEqual(jump(1, 49), []);
    assert.equal(jump(1, 50).length, 1);
    assert.deepEqual(jump(49, 1), []);
    assert.equal(jump(50, 1).length, 1);
  });
});

describe('year series of a definition written by a district (one table built by hand)', () => {
  /** A one-row table of the given columns, figures in the same order, through the rule alone. */
  const jumps = (columns: Array<{ key: string; header: string[]; year?: number; measure?: string }>, figures: Array<number | null>) => {
    const template = parseTemplate(
      {
        id: 'RIENG',
        annex: 'Phụ lục riêng',
        title: 'Bảng của huyện',
        anchors: ['Bảng của huyện'],
        sheetName: 'Riêng',
        unitOfMeasure: 'Triệu đồng',
        ttHeader: ['TT'],
        labelHeader: ['Nội dung'],
        headerRows: 3,
        columns: columns.map((c) => ({ measure: 'money', ...c })),
        rows: [{ key: 'mot', tt: '1', label: 'Dự án một', kind: 'item' }],
        rules: [{ type: 'yearOnYear', factor: 5, minimum: 50 }],
      },
      'riêng.json',
    );
    const grid: Grid = { name: 'Riêng', cells: [[undefined, { value: 'Dự án một' }, ...figures.map((value) => (value === null ? undefined : { value }))]], merges: [] };
    const table = { template, grid, rows: new Map([['mot', 0]]), columns: new Map(columns.map((c, i) => [c.key, i + 2])), ttColumn: 0, labelColumn: 1, headerTop: 0, headerBottom: 0, issues: [] };
    const emitted: Array<{ column?: string; expected?: unknown; actual?: unknown }> = [];
    runRule(template.rules[0]!, { table, scope: 1, sibling: () => undefined, emit: (issue) => emitted.push(issue) });
    return emitted.map((i) => `${i.column} ${String(i.expected)}→${String(i.actual)}`);
  };

  test('a year label typed without its space ("Năm2017") still names the year', () => {
    const columns = [2016, 2017].map((year) => ({ key: `kp_${year}`, header: ['Kinh phí', `Năm${year}`], year }));
    assert.deepEqual(jumps(columns, [100, 1000]), ['kp_2017 100→1000']);
    // Written the usual way, the same figures give the same warning.
    assert.deepEqual(jumps(columns.map((c) => ({ ...c, header: ['Kinh phí', `Năm ${c.year}`] })), [100, 1000]), ['kp_2017 100→1000']);
  });

  test('a column without a year, headed like the series and placed between its years, is not part of it', () => {
    const columns = [
      { key: 'kp_2016', header: ['Kinh phí', 'Năm 2016'], year: 2016 },
      { key: 'kp_tong', header: ['Kinh phí'] },
      { key: 'kp_2017', header: ['Kinh phí', 'Năm 2017'], year: 2017 },
    ];
    assert.deepEqual(jumps(columns, [100, 1100, 1000]), ['kp_2017 100→1000']);
  });

  test('two series are told apart level by level, not by their labels run together', () => {
    // "Vốn" + "NSTW" and "VốnNS" + "TW" read the same once joined without a separator.
    const columns = [
      { key: 'a_2016', header: ['Vốn', 'NSTW', 'Năm 2016'], year: 2016 },
      { key: 'b_2017', header: ['VốnNS', 'TW', 'Năm 2017'], year: 2017 },
      { key: 'b_2018', header: ['VốnNS', 'TW', 'Năm 2018'], year: 2018 },
    ];
    assert.deepEqual(jumps(columns, [100, 1000, 10_000]), ['b_2018 1000→10000']);
  });
});

describe('magnitude', () => {
  test('money in đồng on a commune\'s sheet: ÷ 1.000.000 offered as fixable, the limit and the kind of unit said', () => {
    const grids = clean();
    const cell = setCell(grids, 'PL01', 'giao_duc', 'kp_2016', 635_500_000);
    const issue = only(alone('magnitude', grids));
    assert.deepEqual([issue.code, issue.cell, issue.actual, issue.expected, factsOf(issue).fixable, factsOf(issue).limit], ['magnitude/money', cell, 635_500_000, 635.5, 1, 200_000]);
    says(issue, ['635,5', '200.000', 'một đơn vị cấp xã'], ['635.5', '200,000', 'one commune or town']);
  });

  test('the limit itself is plausible; above it, ÷ 1.000.000 is offered only when that lands within it', () => {
    const at = (value: number, scope = 1) => {
      const grids = clean();
      setCell(grids, 'PL01', 'giao_duc', 'kp_2016', value);
      return alone('magnitude', grids, scope);
    };
    assert.deepEqual(at(200_000), []);
    assert.equal(factsOf(only(at(200_000.5))).fixable, 1);
    assert.equal(factsOf(only(at(200_000_000_000))).fixable, 1);
    assert.equal(factsOf(only(at(200_000_000_001))).fixable, 0);
    // The offered figure to the đồng (6 decimals of triệu), without float noise: 200.001,1 đồng
    // is 0,200001 triệu (÷ 1.000.000 alone gives 0,20000110000000001).
    assert.equal(only(at(200_001.1)).expected, 0.200001);
    // A whole district may spend ten times more.
    assert.deepEqual(at(300_000, 9), []);
    const district = only(at(3_000_000, 9));
    assert.equal(factsOf(district).limit, 2_000_000);
    says(district, ['cả huyện'], ['a whole district']);
  });

  test('a count above what the unit can have: the limit and kind said; a measure without a limit is not bounded', () => {
    const grids = clean();
    const cell = setCell(grids, 'PL01', 'giao_duc', 'nguoi_2016', 60_000);
    const issue = only(alone('magnitude', grids));
    assert.deepEqual([issue.code, issue.cell, factsOf(issue).limit], ['magnitude/count', cell, 50_000]);
    says(issue, ['50.000', 'một đơn vị cấp xã'], ['50,000', 'one commune or town']);
    const moneyOnly: RuleDef = { type: 'magnitude', unit: { money: 200_000 }, district: { money: 2_000_000 } };
    assert.deepEqual(withRules('PL01', [moneyOnly], clone(grids)), []);
  });
});

describe('cross-sheet', () => {
  test('blank against 0 is a difference (blank is "not reported", 0 is "none"), both ways', () => {
    const grids = clean();
    setCell(grids, 'NV', 'da_sn', 'tong', null);
    setCell(grids, 'PL02', 'total', 'von_sn', 0);
    const issue = only(alone('crossSheet', grids));
    assert.deepEqual([issue.row, issue.expected, issue.actual], ['da_sn', 0, null]);
    const other = clean();
    setCell(other, 'NV', 'da_sn', 'tong', 0);
    setCell(other, 'PL02', 'total', 'von_sn', null);
    const back = only(alone('crossSheet', other));
    assert.deepEqual([back.row, back.expected, back.actual], ['da_sn', null, 0]);
  });

  test('text on either side is the cell check\'s to report, never a difference; both blank agree', () => {
    for (const [nv, pl02] of [['chưa có', 5], [5, 'chưa có'], [null, null]] as const) {
      const grids = clean();
      setCell(grids, 'NV', 'da_sn', 'tong', nv);
      setCell(grids, 'PL02', 'total', 'von_sn', pl02);
      assert.deepEqual(alone('crossSheet', grids), [], `${nv} / ${pl02}`);
    }
  });

  test('the other sheet, its cell and its annex are named; its figure without float noise', () => {
    const grids = clean();
    const other = setCell(grids, 'PL02', 'total', 'von_sn', 0.1 + 0.2);
    const issue = only(alone('crossSheet', grids));
    assert.deepEqual([issue.expected, factsOf(issue).otherSheet, factsOf(issue).otherCell, factsOf(issue).otherTemplate], [0.3, 'PL02', other, 'PL02']);
    says(issue, ['"PL02"', other], ['"PL02"', other]);
  });

  test('an annex whose columns could not be mapped is not compared (its mapping error is what to fix)', () => {
    const grids = clean();
    const pl02 = grids.find((g) => g.name === 'PL02')!;
    // A second "Ghi chú" column after the first, header merged the same way: the locator cannot
    // map the columns one to one (locate/duplicate-column), though von_sn itself is found.
    const notes = templateOf('PL02').columns.findIndex((c) => c.key === 'ghi_chu') + 2;
    for (const m of pl02.merges.filter((m) => m.left === notes && m.right === notes)) pl02.merges.push({ ...m, left: notes + 1, right: notes + 1 });
    pl02.cells.forEach((row) => {
      if (typeof row?.[notes]?.value === 'string') row[notes + 1] = { ...row[notes]! };
    });
    setCell(grids, 'PL02', 'total', 'von_sn', 12345);
    assert.deepEqual(alone('crossSheet', grids), []);
  });

  test('a row the locator did not find, on either side, is not compared (the locator reports it)', () => {
    const grids = clean();
    const rowOf = (template: string, row: string) => canonicalPositions(templateOf(template)).rows.get(row)!;
    // The capital summary's public-service line gone: nothing to set against PL02's figure.
    grids.find((g) => g.name === 'Nguồn vốn')!.cells[rowOf('NV', 'da_sn')] = [];
    setCell(grids, 'PL02', 'total', 'von_sn', 12345);
    // PL01's credit group gone: the NHCSXH loans of the capital summary have nothing to match.
    grids.find((g) => g.name === 'PL01')!.cells[rowOf('PL01', 'tin_dung')] = [];
    setCell(grids, 'NV', 'cs_nhcsxh', 'tong', 12345);
    assert.deepEqual(alone('crossSheet', grids).map((i) => `${i.code} ${i.row}`), []);
    // The same figures with both rows in place differ (the test would pass vacuously otherwise).
    const whole = clean();
    setCell(whole, 'PL02', 'total', 'von_sn', 12345);
    setCell(whole, 'NV', 'cs_nhcsxh', 'tong', 12345);
    assert.deepEqual(alone('crossSheet', whole).map((i) => `${i.code} ${i.row}`).sort(), ['cross/mismatch cs_nhcsxh', 'cross/mismatch da_sn']);
  });

  test('in a district workbook each unit is compared with its own annex, found by its unit line', () => {
    // Cam Tuyền's sheets first: taking the first PL02 found would set Cam An's summary against them.
    const named = (grids: Grid[], unit: string) => grids.map((g) => ({ ...g, name: `${g.name} ${unit}` }));
    const tuyen = sampleGrids('19600');
    const an = clean();
    const other = setCell(an, 'PL02', 'total', 'von_sn', getNumber(an, 'PL02', 'total', 'von_sn') + 7);
    const issues = alone('crossSheet', [...named(tuyen, 'Cam Tuyền'), ...named(an, 'Cam An')]);
    assert.deepEqual(
      issues.map((i) => [i.sheet, i.row, factsOf(i).otherSheet, factsOf(i).otherCell]),
      [['Nguồn vốn Cam An', 'da_sn', 'PL02 Cam An', other]],
    );
  });

  test('the missing annex is named in both languages', () => {
    const issue = only(alone('crossSheet', clean().filter((g) => g.name !== 'PL01')));
    assert.deepEqual([issue.code, factsOf(issue).otherTemplate], ['cross/missing-sheet', 'PL01']);
    says(issue, ['PL01'], ['PL01']);
  });
});

function clone(grids: Grid[]): Grid[] {
  return grids.map((g) => ({ ...g, cells: g.cells.map((r) => (r ? [...r] : r)) }));
}
