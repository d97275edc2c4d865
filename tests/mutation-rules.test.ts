// Cross-sheet facts the mutation run found unchecked: what a mismatch says (which figure was
// expected, from which sheet and cell), blank against a figure, and a missing other annex.
// Oracles are the figures put into the sample, not the rule's own arithmetic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Grid } from '../src/engine/grid.js';
import { getNumber, sampleGrids, setCell, validate } from './support/factories.js';

const cross = (grids: Grid[]) => validate(grids).issues.filter((i) => i.code.startsWith('cross/'));

test('a capital summary figure that differs from PL02 names both figures and the other cell', () => {
  const grids = sampleGrids('19603');
  const total = getNumber(grids, 'PL02', 'total', 'von_dtpt');
  setCell(grids, 'PL02', 'total', 'von_dtpt', total + 7);
  const [issue, ...others] = cross(grids);
  assert.equal(others.length, 0);
  assert.equal(issue!.code, 'cross/mismatch');
  assert.equal(issue!.expected, total + 7);
  assert.equal(issue!.actual, total);
  assert.equal(issue!.sheet, 'Nguồn vốn');
  assert.match(issue!.message.en, /PL02/);
});

test('a figure against a blank other cell expects blank (null), not 0', () => {
  const grids = sampleGrids('19603');
  setCell(grids, 'PL02', 'total', 'von_dtpt', null);
  const [issue] = cross(grids);
  assert.equal(issue!.code, 'cross/mismatch');
  assert.equal(issue!.expected, null);
  assert.equal(typeof issue!.actual, 'number');
});

test('text in either cell is reported by the cell check, never as a cross-sheet difference', () => {
  const grids = sampleGrids('19603');
  setCell(grids, 'PL02', 'total', 'von_dtpt', 'chưa có');
  assert.deepEqual(cross(grids).map((i) => i.code), []);
});

test('a capital summary without its PL02 says which annex is missing, once', () => {
  const grids = sampleGrids('19603').filter((g) => g.name !== 'PL02');
  const issues = cross(grids);
  assert.deepEqual(issues.map((i) => i.code), ['cross/missing-sheet']);
  assert.match(issues[0]!.message.en, /PL02/);
});
