// What each rule declares about itself, checked against what it does and against the shipped
// definitions: the issue codes it may emit (each one emitted by some input, none emitted outside
// the list), the keys of its own template it names (as the templates in templates/ hold them),
// the other annexes it reads, and the sums it asserts. Oracles: the definitions' own data and
// the domain (docs/domain.md), never the rule's code read back. Each rule runs alone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Grid } from '../src/engine/grid.js';
import type { IssueCode } from '../src/engine/issues.js';
import { RULES, ruleReferences, templateRelations, templateSiblings } from '../src/engine/rules/index.js';
import { parseTemplate, type RuleDef } from '../src/engine/template.js';
import { getNumber, sampleGrids, setCell, templateOf } from './support/factories.js';
import { issuesByRule, setRaw } from './support/rule-alone.js';
import nv from '../templates/definitions/nv.json' with { type: 'json' };
import pl01 from '../templates/definitions/pl01.json' with { type: 'json' };
import pl02 from '../templates/definitions/pl02.json' with { type: 'json' };

type Type = RuleDef['type'];
interface Scenario {
  name: string;
  grids: () => Grid[];
  scope?: number;
}

const clean = () => sampleGrids('19603');
const edit = (name: string, change: (grids: Grid[]) => void, scope?: number): Scenario => ({
  name,
  grids: () => {
    const grids = clean();
    change(grids);
    return grids;
  },
  ...(scope !== undefined ? { scope } : {}),
});
const bump = (grids: Grid[], template: string, row: string, column: string, by: number) =>
  setCell(grids, template, row, column, getNumber(grids, template, row, column) + by);

/** Inputs that, between them, break every check a rule makes (one fault each). */
const SCENARIOS: Scenario[] = [
  edit('formula error', (g) => setRaw(g, 'PL01', 'giao_duc', 'kp_2016', { value: null, error: '#REF!' })),
  edit('text', (g) => setCell(g, 'PL01', 'giao_duc', 'kp_2017', 'chưa có')),
  edit('ambiguous 1.234', (g) => setCell(g, 'PL01', 'giao_duc', 'nguoi_2016', '1.234')),
  edit('number typed as text', (g) => setCell(g, 'PL01', 'giao_duc', 'kp_2016', '12,5')),
  edit('negative', (g) => setCell(g, 'PL02', 'da1_sinh_ke', 'mo_hinh', -1)),
  edit('half a commune', (g) => setCell(g, 'PL01', 'giao_duc', 'xa_2016', 0.5)),
  edit('blank in a filled row', (g) => setCell(g, 'PL01', 'giao_duc', 'xa_2017', null)),
  edit('NaN', (g) => setRaw(g, 'PL01', 'giao_duc', 'nguoi_2017', { value: Number.NaN })),
  edit('text over 32,767 characters', (g) => setCell(g, 'PL01', 'giao_duc', 'ghi_chu', 'x'.repeat(40_000))),
  edit('row total off by one', (g) => bump(g, 'PL01', 'tin_dung', 'nguoi_2017', 1)),
  edit('year total off by one', (g) => bump(g, 'PL01', 'giao_duc', 'kp_tong', 1)),
  edit('capital by source off by one', (g) => bump(g, 'PL02', 'da2_thong_tin', 'von_nstw', 1)),
  edit('ethnic-minority households above the total', (g) => setCell(g, 'PL02', 'da1_sinh_ke', 'ho_dtts', getNumber(g, 'PL02', 'da1_sinh_ke', 'ho_tong') + 1)),
  edit('poor + near-poor + escaped above the total', (g) => bump(g, 'PL02', 'da1_sinh_ke', 'ho_thoat_ngheo', getNumber(g, 'PL02', 'da1_sinh_ke', 'ho_tong'))),
  edit('of-which row above its parent', (g) => setCell(g, 'NV', 'cs_nhcsxh', 'nam_2017', getNumber(g, 'NV', 'chinh_sach', 'nam_2017') + 5)),
  edit('households above persons', (g) => setCell(g, 'PL01', 'giao_duc', 'ho_2018', getNumber(g, 'PL01', 'giao_duc', 'nguoi_2018') + 1)),
  edit('two communes on a commune sheet', (g) => setCell(g, 'PL01', 'giao_duc', 'xa_2016', 2)),
  edit('capital summary differs from PL02', (g) => bump(g, 'PL02', 'total', 'von_dtpt', 7)),
  { name: 'no PL02', grids: () => clean().filter((g) => g.name !== 'PL02') },
  edit('tenfold jump', (g) => setCell(g, 'PL01', 'yte_bhyt_ngheo', 'nguoi_2017', getNumber(g, 'PL01', 'yte_bhyt_ngheo', 'nguoi_2016') * 10)),
  edit('money in đồng', (g) => setCell(g, 'PL01', 'giao_duc', 'kp_2016', getNumber(g, 'PL01', 'giao_duc', 'kp_2016') * 1_000_000)),
  edit('persons with an extra digit', (g) => setCell(g, 'PL01', 'giao_duc', 'nguoi_2016', 60_000)),
];

const emittedBy = new Map<Type, Map<IssueCode, string[]>>(RULES.map((rule) => [rule.type, new Map()]));
for (const scenario of SCENARIOS)
  for (const [type, issues] of issuesByRule(scenario.grids(), scenario.scope))
    for (const issue of issues) {
      const codes = emittedBy.get(type)!;
      codes.set(issue.code, [...(codes.get(issue.code) ?? []), scenario.name]);
    }

describe('each rule emits exactly the codes it declares', () => {
  for (const rule of RULES) {
    test(rule.type, () => {
      const emitted = emittedBy.get(rule.type)!;
      const outside = [...emitted.keys()].filter((code) => !rule.codes.includes(code));
      assert.deepEqual(outside, [], `${rule.type} emitted undeclared codes (${outside.map((c) => `${c} in ${emitted.get(c)}`).join('; ')})`);
      const never = rule.codes.filter((code) => !emitted.has(code));
      assert.deepEqual(never, [], `${rule.type} declares codes no input made it emit`);
    });
  }
  test('the codes each scenario is about come from the rule meant (one fault, one rule)', () => {
    // Which rule reports what is the product's contract (docs/domain.md's checks), written out here.
    const expected: Record<Type, IssueCode[]> = {
      cellValues: ['cell/formula-error', 'cell/not-number', 'cell/ambiguous-number', 'cell/text-number', 'cell/negative', 'cell/not-integer', 'cell/blank', 'cell/not-finite', 'cell/too-long'],
      rowSums: ['sum/rows'],
      columnTotals: ['sum/columns'],
      columnGroup: ['sum/columns'],
      ofWhichColumns: ['ofwhich/exceeds', 'ofwhich/parts-exceed'],
      ofWhichRows: ['ofwhich/exceeds'],
      householdsWithinPersons: ['households/over-persons'],
      communesWithinScope: ['communes/over-scope'],
      crossSheet: ['cross/mismatch', 'cross/missing-sheet'],
      yearOnYear: ['trend/jump'],
      magnitude: ['magnitude/money', 'magnitude/count'],
    };
    for (const rule of RULES) assert.deepEqual([...rule.codes].sort(), [...expected[rule.type]].sort(), rule.type);
  });
});

describe('the keys a rule names are its own template\'s, as the shipped definitions hold them', () => {
  const definitions = { NV: nv, PL01: pl01, PL02: pl02 } as Record<string, { rules: unknown[] }>;

  /** Every template key a rule's options name, found by walking the options (not under `equals`: another annex's keys). */
  function namedKeys(value: unknown, rows: Set<string>, columns: Set<string>, out: Array<[string, string]> = []): Array<[string, string]> {
    if (typeof value === 'string') {
      if (rows.has(value)) out.push(['row', value]);
      if (columns.has(value)) out.push(['column', value]);
    } else if (Array.isArray(value)) value.forEach((v) => namedKeys(v, rows, columns, out));
    else if (value && typeof value === 'object')
      for (const [key, v] of Object.entries(value)) if (key !== 'equals' && key !== 'type' && key !== 'name') namedKeys(v, rows, columns, out);
    return out;
  }

  for (const id of ['PL01', 'PL02', 'NV']) {
    test(id, () => {
      const template = templateOf(id);
      const rows = new Set(template.rows.map((r) => r.key));
      const columns = new Set(template.columns.map((c) => c.key));
      template.rules.forEach((rule, i) => {
        const found = namedKeys(definitions[id]!.rules[i], rows, columns);
        const declared = ruleReferences(rule);
        const key = (pairs: Array<[string, string]>) => [...new Set(pairs.map(([f, k]) => `${f}:${k}`))].sort();
        assert.deepEqual(key(declared), key(found), `${id} rule ${i} (${rule.type})`);
      });
    });
  }

  test('the shipped definitions name keys at all (the walk above is not vacuous)', () => {
    const all = ['PL01', 'PL02', 'NV'].flatMap((id) => templateOf(id).rules.flatMap((rule) => ruleReferences(rule)));
    // PL02's optional columns, capital groups and of-which columns; NV's 14 cross-sheet lines.
    assert.ok(all.some(([f, k]) => f === 'column' && k === 'von_nstw'));
    assert.ok(all.some(([f, k]) => f === 'column' && k === 'lop_tap_huan'));
    assert.ok(all.some(([f, k]) => f === 'row' && k === 'cs_nhcsxh'));
  });

  /** A copy of a shipped definition with one rule's options changed. */
  const withRule = (source: { rules: unknown[] }, index: number, change: (rule: Record<string, unknown>) => void) => {
    const copy = structuredClone(source) as { rules: Array<Record<string, unknown>> };
    change(copy.rules[index]!);
    return copy;
  };
  const rejection = (data: unknown): string => {
    try {
      parseTemplate(data, 'test.json');
    } catch (error) {
      return String((error as Error).message);
    }
    return 'accepted';
  };
  const indexOf = (source: { rules: unknown[] }, type: string) => source.rules.findIndex((r) => (r as { type: string }).type === type);

  test('a definition naming a column its template lacks is refused, naming the rule and the column', () => {
    const cases: Array<[string, { rules: unknown[] }, string, (rule: Record<string, unknown>) => void]> = [
      ['cellValues optionalColumns', pl02, 'cellValues', (r) => ((r.optionalColumns as string[])[1] = 'khong_co')],
      ['columnGroup total', pl02, 'columnGroup', (r) => (r.total = 'khong_co')],
      ['columnGroup part', pl02, 'columnGroup', (r) => ((r.parts as string[])[4] = 'khong_co')],
      ['ofWhichColumns total', pl02, 'ofWhichColumns', (r) => (r.total = 'khong_co')],
      ['ofWhichColumns part', pl02, 'ofWhichColumns', (r) => ((r.parts as string[])[2] = 'khong_co')],
      ['crossSheet column', nv, 'crossSheet', (r) => ((r.checks as Array<{ column: string }>)[5]!.column = 'khong_co')],
    ];
    for (const [name, source, type, change] of cases) {
      const message = rejection(withRule(source, indexOf(source, type), change));
      assert.match(message, new RegExp(`${type}: không có cột "khong_co"`), name);
    }
  });

  test('communes and notes never add up over rows: a definition asking it is refused; money is accepted', () => {
    // docs/domain.md: "Communes never add up over years or policies"; a note is no figure.
    for (const measure of ['communes', 'text']) {
      const message = rejection(withRule(pl01, indexOf(pl01, 'rowSums'), (r) => (r.measures = ['money', measure])));
      assert.match(message, /measures/, measure);
    }
    assert.equal(rejection(withRule(pl01, indexOf(pl01, 'rowSums'), (r) => (r.measures = ['money']))), 'accepted');
  });

  test('a cross-sheet check naming a row its template lacks is refused as a row; the other annex\'s keys are not checked here', () => {
    const message = rejection(withRule(nv, indexOf(nv, 'crossSheet'), (r) => ((r.checks as Array<{ row: string }>)[13]!.row = 'khong_co')));
    assert.match(message, /crossSheet: không có dòng "khong_co"/);
    // `equals` names PL01's or PL02's keys: NV's own definition cannot know them.
    const other = withRule(nv, indexOf(nv, 'crossSheet'), (r) => ((r.checks as Array<{ equals: { row: string } }>)[0]!.equals.row = 'not_in_nv'));
    assert.equal(rejection(other), 'accepted');
  });
});

test('the capital summary reads Phụ lục 01 and 02; the annexes themselves read no other', () => {
  assert.deepEqual([...templateSiblings(templateOf('NV'))].sort(), ['PL01', 'PL02']);
  assert.deepEqual(templateSiblings(templateOf('PL01')), []);
  assert.deepEqual(templateSiblings(templateOf('PL02')), []);
});

describe('the sums a template asserts (what totals become formulas, what is only checked)', () => {
  const relation = (id: string, row: string, column: string) =>
    templateRelations(templateOf(id)).filter((r) => r.total.row === row && r.total.column === column);
  const cells = (parts: Array<{ row: string; column: string }>) => parts.map((p) => `${p.row}/${p.column}`);

  test('a year total is the formula sum of its years, in its own row', () => {
    const [sum, ...more] = relation('PL01', 'giao_duc', 'kp_tong');
    assert.equal(more.length, 0);
    assert.deepEqual(cells(sum!.parts), ['giao_duc/kp_2016', 'giao_duc/kp_2017', 'giao_duc/kp_2018']);
    assert.equal(sum!.use, 'formula');
    assert.equal(sum!.direction, 'columns');
    assert.equal(sum!.group, 'kp_tong');
    // Named by its header path (Tổng 2016-2018 / Kinh phí), the same in both languages.
    assert.deepEqual(sum!.groupLabel, { vi: 'Tổng 2016-2018 Kinh phí = cộng các cột thành phần', en: 'Tổng 2016-2018 Kinh phí = sum of its part columns' });
  });

  test('a group row is the formula sum of its child rows, column by column', () => {
    const rows = relation('PL01', 'tin_dung', 'nguoi_2017');
    assert.equal(rows.length, 1);
    assert.deepEqual(cells(rows[0]!.parts), ['vay_ho_ngheo', 'vay_ho_can_ngheo', 'vay_ho_thoat_ngheo', 'vay_hssv', 'vay_nuoc_sach'].map((r) => `${r}/nguoi_2017`));
    assert.equal(rows[0]!.use, 'formula');
    assert.equal(rows[0]!.direction, 'rows');
    assert.equal(rows[0]!.group, 'rows');
    assert.deepEqual(rows[0]!.groupLabel, { vi: 'Tổng = cộng các dòng chi tiết', en: 'Total = sum of the detail rows' });
    // Communes never add up (rowSums measures leave them out), and a leaf row sums nothing.
    assert.deepEqual(relation('PL01', 'tin_dung', 'xa_2017'), []);
    assert.deepEqual(relation('PL01', 'vay_hssv', 'nguoi_2017'), []);
  });

  test('PL02\'s total capital is checked (not written) against each breakdown, by source and by year', () => {
    const groups = relation('PL02', 'da2_thong_tin', 'von_tong').filter((r) => r.use === 'check');
    assert.deepEqual(groups.map((g) => g.groupLabel.en), ['Total = sum by source', 'Total = sum by year']);
    assert.deepEqual(groups.map((g) => g.groupLabel.vi), ['Tổng = cộng theo nguồn vốn', 'Tổng = cộng theo năm']);
    assert.deepEqual(groups.map((g) => g.group), ['group:theo nguồn vốn', 'group:theo năm']);
    assert.ok(groups.every((g) => g.direction === 'columns'));
    assert.deepEqual(cells(groups[1]!.parts), ['von_2016', 'von_2017', 'von_2018'].map((c) => `da2_thong_tin/${c}`));
    assert.equal(groups[0]!.parts.length, 5);
    // Every row of PL02 carries both checks.
    const all = templateRelations(templateOf('PL02')).filter((r) => r.use === 'check');
    assert.equal(all.length, 2 * templateOf('PL02').rows.length);
  });
});
