import assert from 'node:assert/strict';
import { test } from 'node:test';
import { identifyUnit } from '../src/engine/units.js';
import { engineConfig } from './support/factories.js';

const units = engineConfig().units;
const codeOf = (text: string) => {
  const match = identifyUnit(text, units);
  return match.kind === 'unit' ? match.unit.code : match.kind === 'department' ? match.department.code : match.kind === 'ambiguous' ? `${match.reason}:${match.candidates.map((c) => c.code).join(',')}` : match.kind;
};

test('Cam Thanh and Cam Thành are never confused', () => {
  assert.equal(codeOf('Xã Cam Thanh'), '19609');
  assert.equal(codeOf('Xã Cam Thành'), '19612');
  assert.equal(codeOf('UBND xã Cam Thành'), '19612');
  assert.equal(codeOf('UBND xã Cam Thanh'), '19609');
  assert.equal(codeOf('Xã Cam Thành'.normalize('NFD')), '19612');
  assert.equal(codeOf('XÃ CAM THÀNH'), '19612');
  // Without any diacritics the two cannot be told apart: ambiguous, never guessed.
  assert.equal(codeOf('xa cam thanh'), 'several:19609,19612');
  assert.equal(codeOf('cam-thanh.xlsx'), 'fragment:19609,19612');
});

test('identifies units from unit lines and file names', () => {
  assert.equal(codeOf('Thị trấn Cam Lộ'), '19597');
  assert.equal(codeOf('TT Cam Lộ'), '19597');
  assert.equal(codeOf('xa cam tuyen'), '19600');
  assert.equal(codeOf('19606 Xã Cam Thủy - Phu luc 01-02.xlsx'), '19606');
  assert.equal(codeOf('Xã Cam Thuỷ'), '19606', 'old tone placement (thuỷ) is the same word');
  assert.equal(codeOf('Huyện Cam Lộ'), 'district');
  assert.equal(codeOf('Xã Vĩnh Long'), 'unknown');
  assert.equal(codeOf(''), 'unknown');
});

test('the town is not the district of the same name', () => {
  assert.equal(codeOf('Thị trấn Cam Lộ'), '19597');
  assert.equal(codeOf('huyen cam lo'), 'district');
});

test('a name without its kind word is only a fragment: candidates, never a unit', () => {
  assert.equal(codeOf('bao cao cam nghia 2018.xlsx'), 'fragment:19621');
  assert.equal(codeOf('Cam An'), 'fragment:19603');
  assert.equal(codeOf('y te.xlsx'), 'fragment:P-YTE');
});

test('departments are identified by their whole names, never as the town or the district', () => {
  assert.equal(codeOf('Phòng Y tế huyện Cam Lộ'), 'P-YTE');
  assert.equal(codeOf('Phong Y te huyen Cam Lo.xlsx'), 'P-YTE');
  assert.equal(codeOf('Bảo hiểm xã hội huyện Cam Lộ'), 'P-YTE');
  assert.equal(codeOf('Phòng LĐ-TB&XH huyện Cam Lộ'), 'P-LDTBXH');
  assert.equal(codeOf('PGD NHCSXH huyện Cam Lộ'), 'NHCSXH');
  assert.equal(codeOf('Ủy ban MTTQ huyện Cam Lộ'), 'MTTQ');
  assert.equal(codeOf('UBND huyện Cam Lộ'), 'district');
  assert.equal(codeOf('Phòng Tài chính - Kế hoạch huyện Cam Lộ'), 'district');
  assert.equal(codeOf('Xã Cam An, huyện Cam Lộ, tỉnh Quảng Trị'), '19603');
  assert.equal(codeOf('Xã Cam An và Xã Cam Thủy'), 'several:19603,19606');
});
