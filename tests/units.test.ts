import assert from 'node:assert/strict';
import { test } from 'node:test';
import { identifyUnit } from '../src/engine/units.js';
import { engineConfig } from './support/factories.js';

const units = engineConfig().units;
const codeOf = (text: string) => {
  const match = identifyUnit(text, units);
  return match.kind === 'unit' ? match.unit.code : match.kind;
};

test('Cam Thanh and Cam Thành are never confused', () => {
  assert.equal(codeOf('Xã Cam Thanh'), '19609');
  assert.equal(codeOf('Xã Cam Thành'), '19612');
  assert.equal(codeOf('UBND xã Cam Thành'), '19612');
  assert.equal(codeOf('UBND xã Cam Thanh'), '19609');
  assert.equal(codeOf('Xã Cam Thành'.normalize('NFD')), '19612');
  assert.equal(codeOf('XÃ CAM THÀNH'), '19612');
  // Without any diacritics the two cannot be told apart: ambiguous, never guessed.
  assert.equal(codeOf('xa cam thanh'), 'ambiguous');
  assert.equal(codeOf('cam-thanh.xlsx'.replace('-', ' ')), 'ambiguous');
});

test('identifies units from unit lines and file names', () => {
  assert.equal(codeOf('Thị trấn Cam Lộ'), '19597');
  assert.equal(codeOf('TT Cam Lộ'), '19597');
  assert.equal(codeOf('xa cam tuyen'), '19600');
  assert.equal(codeOf('19606 Xã Cam Thủy - Phu luc 01-02.xlsx'), '19606');
  assert.equal(codeOf('bao cao cam nghia 2018.xlsx'), '19621');
  assert.equal(codeOf('Huyện Cam Lộ'), 'district');
  assert.equal(codeOf('Xã Vĩnh Long'), 'unknown');
  assert.equal(codeOf(''), 'unknown');
});

test('the town is not the district of the same name', () => {
  assert.equal(codeOf('Thị trấn Cam Lộ'), '19597');
  assert.equal(codeOf('huyen cam lo'), 'district');
});
