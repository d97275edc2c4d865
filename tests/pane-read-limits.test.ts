import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readReceivedFiles, receivedFile } from '../src/workbook-actions.js';
import { engineConfig, sampleBytes } from './support/factories.js';

const config = engineConfig();

test('the pane refuses a chosen file over the size limit without reading it', async () => {
  let read = false;
  const outcomes = await readReceivedFiles(
    [{ name: 'rac.xlsx', size: 1.9 * 2 ** 30, bytes: async () => ((read = true), new Uint8Array(0)) }],
    config,
  );
  assert.equal(read, false);
  assert.deepEqual(outcomes.map((o) => (o.ok ? 'ok' : o.vi.split(':')[0])), ['rac.xlsx']);
  assert.match((outcomes[0] as { vi: string }).vi, /Tệp nặng 1946 MB, quá giới hạn 50 MB/);
  assert.match((outcomes[0] as { en: string }).en, /The file is 1946 MB, over the 50 MB limit/);
});

test('a chosen file (a Blob) is read when its turn comes, with its name in NFC', async () => {
  const blob = new File([(await sampleBytes('19603')) as Uint8Array<ArrayBuffer>], 'Xã Cam An.xlsx'.normalize('NFD'));
  const file = receivedFile(blob);
  assert.equal(file.name, 'Xã Cam An.xlsx'.normalize('NFC'));
  assert.equal(file.size, blob.size);
  const outcomes = await readReceivedFiles([file], config);
  assert.equal(outcomes[0]!.ok, true);
});

test('a chosen file that can no longer be read is an unreadable outcome, not a failed merge', async () => {
  const outcomes = await readReceivedFiles([{ name: 'mat.xlsx', size: 100, bytes: () => Promise.reject(new DOMException('gone', 'NotReadableError')) }], config);
  assert.equal(outcomes[0]!.ok, false);
  assert.match((outcomes[0] as { vi: string }).vi, /^mat\.xlsx: Không đọc được tệp/);
});
