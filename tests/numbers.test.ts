import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectConvention, parseNumberText, sameAmount } from '../src/engine/numbers.js';

test('parses Vietnamese and US number text', () => {
  assert.deepEqual(parseNumberText('1.234,5'), { kind: 'number', value: 1234.5, convention: 'vi' });
  assert.deepEqual(parseNumberText('3.463.459,2'), { kind: 'number', value: 3463459.2, convention: 'vi' });
  assert.deepEqual(parseNumberText('1,234.5'), { kind: 'number', value: 1234.5, convention: 'en' });
  assert.deepEqual(parseNumberText('1.234.567'), { kind: 'number', value: 1234567, convention: 'vi' });
  assert.deepEqual(parseNumberText(' 12 '), { kind: 'number', value: 12 });
  assert.deepEqual(parseNumberText('(120)'), { kind: 'number', value: -120 });
  assert.deepEqual(parseNumberText('12 triệu'), { kind: 'number', value: 12 });
  assert.deepEqual(parseNumberText('1 234'), { kind: 'number', value: 1234 });
});

test('reports "1.234" as ambiguous unless the sheet convention settles it', () => {
  assert.deepEqual(parseNumberText('1.234'), { kind: 'ambiguous', vi: 1234, en: 1.234 });
  assert.deepEqual(parseNumberText('1,234'), { kind: 'ambiguous', vi: 1.234, en: 1234 });
  assert.deepEqual(parseNumberText('1.234', 'vi'), { kind: 'number', value: 1234, convention: 'vi' });
  assert.deepEqual(parseNumberText('1.234', 'en'), { kind: 'number', value: 1.234, convention: 'en' });
});

test('text that is not a number stays text', () => {
  for (const text of ['abc', '12a', '1..2', '1.23.4', '', '-', '1,2,3.4.5', '12 đồng']) assert.equal(parseNumberText(text).kind, 'not-number', text);
});

test('detects the convention a sheet uses', () => {
  assert.equal(detectConvention(['1.234,5', '12']), 'vi');
  assert.equal(detectConvention(['1,234.5']), 'en');
  assert.equal(detectConvention(['1.234']), undefined);
  assert.equal(detectConvention(['1.234,5', '1,234.5']), undefined);
});

test('float noise is equal, one unit or 0.001 is not', () => {
  assert.ok(sameAmount(0.1 + 0.2, 0.3));
  assert.ok(sameAmount(3463459.2 + 0.1 + 0.2, 3463459.5));
  assert.ok(!sameAmount(100, 101));
  assert.ok(!sameAmount(3463459.2, 3463460.2));
  assert.ok(!sameAmount(12.345, 12.346));
});
