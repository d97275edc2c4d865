// Number text as officials type it, at the edges the first mutation run showed untested: signs,
// brackets, spacing, digit grouping, and what counts as float noise. Expected values are what the
// text means to a reader, not what the code happens to return.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectConvention, parseNumberText, sameAmount, tidy } from '../src/engine/numbers.js';

const number = (value: number, convention?: 'vi' | 'en') => (convention ? { kind: 'number', value, convention } : { kind: 'number', value });

test('signs: minus (ASCII or typographic), plus, spaces after them, minus inside accounting brackets', () => {
  assert.deepEqual(parseNumberText('-120'), number(-120));
  assert.deepEqual(parseNumberText('- 12'), number(-12));
  assert.deepEqual(parseNumberText('−1.234,5'), number(-1234.5, 'vi'));
  assert.deepEqual(parseNumberText('+12'), number(12));
  assert.deepEqual(parseNumberText('+ 12'), number(12));
  assert.deepEqual(parseNumberText('( 120 )'), number(-120));
  assert.deepEqual(parseNumberText('(-120)'), number(120));
  assert.deepEqual(parseNumberText('12-'), { kind: 'not-number' });
  assert.deepEqual(parseNumberText('12+'), { kind: 'not-number' });
});

test('brackets count only around the whole text', () => {
  for (const text of ['5(120)', '(120)5', '(120', '120)']) assert.deepEqual(parseNumberText(text), { kind: 'not-number' }, text);
});

test('spaces group thousands only in threes; any run of spaces is one space', () => {
  assert.deepEqual(parseNumberText('1  234'), number(1234));
  assert.deepEqual(parseNumberText('1\u00a0234\u202f567'), number(1234567));
  assert.deepEqual(parseNumberText('12 5'), { kind: 'not-number' });
  assert.deepEqual(parseNumberText('1 234,5 6'), { kind: 'not-number' });
});

test('the money unit is dropped only at the end, with or without a space before it', () => {
  assert.deepEqual(parseNumberText('12tr'), number(12));
  assert.deepEqual(parseNumberText('12 triệu đồng'), number(12));
  assert.deepEqual(parseNumberText('1 triệu 234'), { kind: 'not-number' });
  assert.deepEqual(parseNumberText('tr 12'), { kind: 'not-number' });
});

test('thousands groups: one to three digits first, exactly three after', () => {
  // "1234.567" cannot be Vietnamese grouping (four digits before the dot): only 1234.567.
  assert.deepEqual(parseNumberText('1234.567'), number(1234.567, 'en'));
  assert.deepEqual(parseNumberText('1.2345'), number(1.2345, 'en'));
  assert.deepEqual(parseNumberText('12.345'), { kind: 'ambiguous', vi: 12345, en: 12.345 });
  assert.deepEqual(parseNumberText('1.234.56'), { kind: 'not-number' });
  assert.deepEqual(parseNumberText('1,234,56'), { kind: 'not-number' });
});

test('a sheet whose only unambiguous number is Vietnamese is Vietnamese, whatever text sits beside it', () => {
  assert.equal(detectConvention(['abc', '1.234', '1.234,5']), 'vi');
  assert.equal(detectConvention(['12', '1,234.5', 'ghi chú']), 'en');
  assert.equal(detectConvention(['12', 'abc']), undefined);
});

test('float noise is relative: two amounts one float step apart are equal even at ten billion', () => {
  const tenBillion = 1e10;
  assert.ok(sameAmount(tenBillion, tenBillion * (1 + Number.EPSILON)));
  assert.ok(sameAmount(tenBillion * (1 + Number.EPSILON), tenBillion));
  assert.ok(!sameAmount(tenBillion, tenBillion + 1));
  assert.ok(sameAmount(-5, -5 + 1e-9));
  assert.ok(!sameAmount(0, 0.001));
});

test('tidy rounds to six decimals: float noise gone, real decimals kept', () => {
  assert.equal(tidy(0.1 + 0.2), 0.3);
  assert.equal(tidy(1.23456789), 1.234568);
  assert.equal(tidy(3463459.2), 3463459.2);
  assert.equal(tidy(-2.0000004), -2);
});

test('one unit, 0.001 triệu and one đồng are never noise, however large the figure', () => {
  // The old tolerance (1e-12 relative) took these for float noise above 10¹² and 10⁹.
  for (const size of [1e12, 4e12, 2 ** 52]) assert.ok(!sameAmount(size, size + 1), `${size} + 1`);
  for (const size of [1e9, 1e10]) assert.ok(!sameAmount(size, size + 0.001), `${size} + 0.001`);
  // One đồng (the sixth decimal of triệu) at a district's magnitude.
  assert.ok(!sameAmount(12345.678901, 12345.678902));
  assert.ok(!sameAmount(0, 0.000001));
  // Below what the sheet shows at six decimals: a formula's seventh decimal.
  assert.ok(sameAmount(0.6666667, 0.666667));
  assert.ok(sameAmount(98765.4321234, 98765.432123));
});

test('the float noise of a sum of hundreds of six-decimal figures is never a difference', () => {
  // Each figure exact in millionths (BigInt), so the true total is known without floats.
  let micro = 0n;
  let float = 0;
  for (let i = 0; i < 500; i++) {
    const millionths = 12_345_678_901n + ((BigInt(i) * 104_729n) % 9_876_543_211n); // 12 345,678901 to ~12 398 triệu
    micro += millionths;
    float += Number(millionths) / 1e6;
  }
  const exact = Number(micro) / 1e6;
  assert.notEqual(float, exact, 'the float sum carries noise here (else this test checks nothing)');
  assert.ok(sameAmount(float, exact));
  assert.ok(sameAmount(exact, float));
  assert.ok(!sameAmount(float, exact + 0.000001));
});
