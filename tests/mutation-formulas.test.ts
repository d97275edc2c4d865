// The formulas the engine writes, evaluated by a real spreadsheet engine (HyperFormula) over
// cells whose values are known: the oracle is the sum of those values, not the formula text.
// Pure and quick (no xlsx), so mutation testing of formulas.ts can run it per mutant.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HyperFormula, type RawCellContent } from 'hyperformula';
import { checkFormula, checkResult, explicitSumFormula, reportedSumFormula, sumFormula, type Position } from '../src/engine/formulas.js';

const options = { licenseKey: 'gpl-v3', useArrayArithmetic: false, evaluateNullToZero: true } as const;

/** A 30×10 sheet whose cell (r, c) holds a distinct value, so a wrong reference changes the sum. */
const valueAt = (row: number, col: number) => 2 ** (col % 5) * 1000 + row * 7 + 1;
function evaluate(formula: string, blank: (p: Position) => boolean = () => false): unknown {
  const rows: RawCellContent[][] = Array.from({ length: 30 }, (_, r) => Array.from({ length: 10 }, (_, c) => (blank({ row: r, col: c }) ? null : valueAt(r, c))));
  rows[0]![11] = `=${formula}`;
  const hf = HyperFormula.buildFromSheets({ S: rows }, options);
  const value = hf.getCellValue({ sheet: hf.getSheetId('S')!, row: 0, col: 11 });
  hf.destroy();
  return value;
}

const sets: Position[][] = [
  [{ row: 8, col: 2 }, { row: 13, col: 2 }, { row: 9, col: 2 }, { row: 10, col: 2 }],
  [{ row: 4, col: 2 }, { row: 4, col: 3 }, { row: 4, col: 5 }],
  [{ row: 4, col: 5 }, { row: 4, col: 4 }, { row: 4, col: 3 }, { row: 4, col: 2 }],
  [{ row: 6, col: 3 }],
  [{ row: 6, col: 3 }, { row: 7, col: 4 }, { row: 8, col: 3 }, { row: 7, col: 3 }, { row: 2, col: 9 }],
  [{ row: 1, col: 1 }, { row: 2, col: 2 }],
  [{ row: 3, col: 1 }, { row: 3, col: 2 }, { row: 4, col: 1 }],
];

test('sumFormula sums exactly the cells given, each once, however they are ordered or grouped', () => {
  for (const cells of sets) {
    const expected = cells.reduce((sum, p) => sum + valueAt(p.row, p.col), 0);
    assert.equal(evaluate(sumFormula(cells)), expected, `${sumFormula(cells)} for ${JSON.stringify(cells)}`);
  }
});

test('sumFormula writes runs as ranges: down a column, and along a row of neighbours', () => {
  assert.equal(sumFormula(sets[0]!), 'SUM(C9:C11,C14)');
  assert.equal(sumFormula(sets[2]!), 'SUM(C5:F5)');
  assert.equal(sumFormula(sets[1]!), 'SUM(C5,D5,F5)');
  assert.equal(sumFormula(sets[3]!), 'SUM(D7)');
});

test('reportedSumFormula: blank while every part is blank, 0 when they are 0, else the sum', () => {
  const cells = sets[0]!;
  const inSet = (p: Position) => cells.some((c) => c.row === p.row && c.col === p.col);
  assert.equal(evaluate(reportedSumFormula(cells), inSet), '');
  const onlyFirstReported = (p: Position) => inSet(p) && !(p.row === 8 && p.col === 2);
  assert.equal(evaluate(reportedSumFormula(cells), onlyFirstReported), valueAt(8, 2));
  assert.equal(evaluate(reportedSumFormula(cells)), cells.reduce((sum, p) => sum + valueAt(p.row, p.col), 0));
});

function evaluateAcross(sheetCount: number): { formula: string; value: unknown } {
  const names = Array.from({ length: sheetCount }, (_, i) => `PL01 Xã ${i + 1}`);
  const sheets: Record<string, RawCellContent[][]> = { 'Tổng hợp': [[null]] };
  names.forEach((name, i) => (sheets[name] = [[null, i + 1]]));
  const formula = explicitSumFormula(names, 'B1');
  sheets['Tổng hợp']![0]![0] = `=${formula}`;
  const hf = HyperFormula.buildFromSheets(sheets, options);
  const value = hf.getCellValue({ sheet: hf.getSheetId('Tổng hợp')!, row: 0, col: 0 });
  hf.destroy();
  return { formula, value };
}

/** The most arguments any one function call in the formula has. */
function widestCall(formula: string): number {
  let widest = 0;
  const stack: number[] = [];
  let quoted = false;
  for (const ch of formula) {
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === '(') stack.push(1);
    else if (ch === ',') stack[stack.length - 1]!++;
    else if (ch === ')') widest = Math.max(widest, stack.pop()!);
  }
  return widest;
}

test("explicitSumFormula adds every unit's cell once, never over Excel's 255 arguments per function", () => {
  assert.equal(explicitSumFormula([], 'E9'), '0');
  for (const count of [1, 2, 255, 256, 600]) {
    const { formula, value } = evaluateAcross(count);
    assert.equal(value, (count * (count + 1)) / 2, `${count} sheets`);
    assert.ok(widestCall(formula) <= 255, `${count} sheets: ${widestCall(formula)} arguments`);
  }
  // Up to the limit one flat SUM keeps each unit's reference readable.
  assert.match(evaluateAcross(255).formula, /^SUM\('PL01 Xã 1'!B1,/);
  // Excel refuses SUM() with no argument ("too few arguments"): never written, even at 2 × 255.
  for (const count of [255, 510]) assert.ok(!explicitSumFormula(Array.from({ length: count }, (_, i) => `S${i}`), 'B1').includes('SUM()'), `${count} sheets`);
});

test('check formula and its precomputed result agree: ✓ within float noise, else the difference', () => {
  const cases: Array<[number | null, number, unknown]> = [
    [300, 300, '✓'],
    [0.3, 0.1 + 0.2, '✓'],
    [300, 299, 1],
    [299, 300, -1],
    [10.5, 10.25, 0.25],
    [null, 7, -7],
    [5, 5.000002, -0.000002],
    // Exactly the tolerance is a difference in Excel's check formula; the engine must say the same.
    [0.000001, 0, 0.000001],
  ];
  for (const [total, parts, expected] of cases) {
    const hf = HyperFormula.buildFromSheets({ S: [[total, parts, `=${checkFormula('A1', 'B1')}`]] }, options);
    const computed = hf.getCellValue({ sheet: 0, row: 0, col: 2 });
    hf.destroy();
    assert.equal(computed, expected, `Excel: total ${total}, parts ${parts}`);
    assert.equal(checkResult(total ?? 0, parts), expected, `engine: total ${total}, parts ${parts}`);
  }
});
