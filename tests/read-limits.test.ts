import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, mock, test } from 'node:test';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { readReceivedBytes, readWorkbookFile } from '../src/io/files.js';
import { InputError } from '../src/io/input-error.js';
import { READ_LIMITS } from '../src/io/limits.js';
import { readWorkbookBytes } from '../src/io/workbook-bytes.js';
import { loadWorkbook, workbookGrids } from '../src/io/xlsx.js';
import { ElementCounter, inflateRaw, storedZip } from '../src/io/zip-parts.js';
import { deflateBomb, hostileCorpus, sheetXml, workbookParts, zipParts } from './support/hostile-files.js';
import { tempDir } from './support/cli.js';
import { sampleBytes } from './support/factories.js';

const GB = 1024 * 1024 * 1024;
const run = promisify(execFile);

interface ChildRead {
  ok: boolean;
  problem?: string;
  vi?: string;
  en?: string;
  peakBytes: number;
}

/**
 * Reads a file in a child process whose heap is capped at 512 MB, a quarter of what an 8 GB
 * laptop gives Node: a file read whole would kill it ("heap out of memory"), not refuse it.
 */
async function readInChild(file: string): Promise<ChildRead> {
  const { stdout } = await run(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', 'tests/support/read-in-child.ts', file], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as ChildRead;
}

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
  return error;
}

describe('hostile files are refused within the memory budget', () => {
  test('each file of the hostile corpus is refused, naming what to do, by a process with a 512 MB heap, under 1 GB', async () => {
    const dir = await tempDir();
    for (const hostile of hostileCorpus()) {
      const file = path.join(dir, hostile.name);
      await writeFile(file, hostile.bytes);
      const read = await readInChild(file);
      assert.equal(read.ok, false, hostile.name);
      assert.equal(read.problem, hostile.expect, hostile.name);
      assert.ok(read.vi!.startsWith(`${hostile.name}: `), read.vi);
      assert.ok(read.peakBytes < GB, `${hostile.name}: peak ${read.peakBytes}`);
    }
  });

  test('a 1.9 GB file is refused on its size before a byte of it is read', async () => {
    const file = path.join(await tempDir(), 'rac.xlsx');
    await writeFile(file, '');
    await truncate(file, Math.round(1.9 * GB)); // sparse: takes no disk
    const readFile = mock.method(fsp, 'readFile');
    try {
      const error = await refusal(readReceivedBytes(file));
      assert.equal(error.problem, 'file-too-large');
      assert.match(error.vi, /^rac\.xlsx: Tệp nặng 1946 MB, quá giới hạn 50 MB/);
      assert.match(error.en, /^rac\.xlsx: The file is 1946 MB, over the 50 MB limit/);
      assert.equal(readFile.mock.callCount(), 0);
    } finally {
      readFile.mock.restore();
    }
    const read = await readInChild(file);
    assert.equal(read.problem, 'file-too-large');
    assert.ok(read.peakBytes < GB);
  });

  test('bytes already in memory over the file limit are refused too (the pane checks File.size first)', async () => {
    const error = await refusal(readWorkbookBytes('lon.xlsx', await sampleBytes('19603'), { ...READ_LIMITS, maxFileBytes: 1000 }));
    assert.equal(error.problem, 'file-too-large');
  });
});

describe('zip parts are inflated through a counter of real output', () => {
  test('a sheet declared as 1 KB that inflates to 4 GB is refused as damaged after 1 KB', async () => {
    const bytes = zipParts(workbookParts([{ deflated: deflateBomb(4096), declaredSize: 1024 }]));
    const error = await refusal(readWorkbookBytes('gia-mao.xlsx', bytes));
    assert.equal(error.problem, 'corrupt');
    assert.match(error.detail ?? '', /inflates to more than its declared 1024 bytes/);
  });

  test('inflateRaw stops at its limit and gives null; under it, the exact bytes', async () => {
    const bomb = deflateBomb(64);
    let seen = 0;
    assert.equal(await inflateRaw(bomb, 1024 * 1024, (chunk) => (seen += chunk.length)), null);
    assert.ok(seen <= 1024 * 1024, `saw ${seen} bytes`);
    const whole = await inflateRaw(bomb, 64 * 1024 * 1024);
    assert.equal(whole?.length, 64 * 1024 * 1024);
  });

  test('a part that inflates to less than its declared size is damaged', async () => {
    const error = await refusal(readWorkbookBytes('thieu.xlsx', zipParts(workbookParts([{ xml: sheetXml(10), declaredSize: 100_000 }]))));
    assert.equal(error.problem, 'corrupt');
  });

  test('damaged deflate data is damaged, not a crash', async () => {
    const bytes = zipParts(workbookParts([{ deflated: new Uint8Array([0xff, 0xff, 0xff, 0x00, 0x12]), declaredSize: 10 }]));
    assert.equal((await refusal(readWorkbookBytes('hong.xlsx', bytes))).problem, 'corrupt');
  });

  test('an honest part over the size limit is refused before inflating, naming its sheet', async () => {
    const bytes = zipParts(workbookParts([{ name: 'PL02 Cam An', xml: sheetXml(5000) }]));
    const error = await refusal(readWorkbookBytes('lon.xlsx', bytes, { ...READ_LIMITS, maxPartUncompressedBytes: 100_000 }));
    assert.equal(error.problem, 'too-large');
    assert.match(error.vi, /^lon\.xlsx: Trang tính "PL02 Cam An" quá lớn: 0,2 MB khi giải nén, giới hạn 0,1 MB/);
  });
});

describe('cells are counted while inflating', () => {
  test('a sheet over the cell budget is refused, naming the sheet, in Vietnamese and English', async () => {
    const bytes = zipParts(workbookParts([{ name: 'Tổng & cộng', xml: sheetXml(10) }, { name: 'PL01 Cam Tuyền', xml: sheetXml(600, 2) }]));
    const error = await refusal(readWorkbookBytes('day.xlsx', bytes, { ...READ_LIMITS, maxCellsPerSheet: 1000 }));
    assert.equal(error.problem, 'too-many-cells');
    assert.equal(error.vi.split(':')[0], 'day.xlsx');
    assert.match(error.vi, /Trang tính "PL01 Cam Tuyền" có hơn 1\.000 ô/);
    assert.match(error.en, /Sheet "PL01 Cam Tuyền" has over 1,000 cells/);
    // Exactly at the budget is read.
    assert.equal((await readWorkbookBytes('vua.xlsx', bytes, { ...READ_LIMITS, maxCellsPerSheet: 1200 })).length, 2);
  });

  test('a sheet of formatted empty rows is refused on its rows', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}" s="1" customFormat="1"/>`).join('');
    const bytes = zipParts(workbookParts([{ name: 'PL01', xml: `<worksheet><sheetData>${rows}</sheetData></worksheet>` }]));
    const error = await refusal(readWorkbookBytes('dong.xlsx', bytes, { ...READ_LIMITS, maxCellsPerSheet: 1000 }));
    assert.match(error.vi, /Trang tính "PL01" có hơn 1\.000 dòng/);
  });

  test('sheets each under their budget are refused together over the workbook budget', async () => {
    const bytes = zipParts(workbookParts([{ xml: sheetXml(400) }, { xml: sheetXml(400) }, { xml: sheetXml(400) }]));
    const error = await refusal(readWorkbookBytes('nhieu.xlsx', bytes, { ...READ_LIMITS, maxCellsPerSheet: 500, maxCellsPerWorkbook: 1000 }));
    assert.equal(error.problem, 'too-many-cells');
    assert.match(error.vi, /^nhieu\.xlsx: Sổ có hơn 1\.000 ô/);
  });

  test('shared strings count against the workbook budget', async () => {
    const strings = `<sst>${'<si><t>x</t></si>'.repeat(2000)}</sst>`;
    const bytes = zipParts(workbookParts([{ xml: sheetXml(10) }], [{ name: 'xl/sharedStrings.xml', data: new TextEncoder().encode(strings) }]));
    const error = await refusal(readWorkbookBytes('chuoi.xlsx', bytes, { ...READ_LIMITS, maxCellsPerWorkbook: 1000 }));
    assert.equal(error.problem, 'too-many-cells');
  });

  test('the counter finds every tag however the XML is cut into chunks', () => {
    const xml = new TextEncoder().encode('<row r="1"><c r="A1"><v>1</v></c><c\tr="B1"/><col/><cx/></row>\n<row\nr="2"><c/><c>2</c></row><rows/><r/>');
    const expected = [4, 2]; // <c …> ×4 (not <col>, <cx>); <row …> ×2 (not <rows>, <r>)
    for (let a = 0; a <= xml.length; a++) {
      for (let b = a; b <= xml.length; b += 3) {
        const counter = new ElementCounter([new TextEncoder().encode('c'), new TextEncoder().encode('row')]);
        counter.feed(xml.subarray(0, a));
        counter.feed(xml.subarray(a, b));
        assert.deepEqual(counter.feed(xml.subarray(b)), expected, `cut at ${a}, ${b}`);
      }
    }
  });
});

describe('what ExcelJS is handed', () => {
  test('the sample workbooks read the same through the bounded path as straight through ExcelJS', async () => {
    for (const code of ['19603', '19606']) {
      const bytes = await sampleBytes(code);
      assert.deepEqual(await readWorkbookBytes('x.xlsx', bytes), workbookGrids(await loadWorkbook(bytes)), code);
    }
  });

  test('storedZip writes a zip JSZip reads back with CRCs checked', async () => {
    const parts = [
      { name: 'a.xml', data: new TextEncoder().encode('<a>Đơn vị</a>') },
      { name: 'thư mục/b.bin', data: new Uint8Array([0, 1, 2, 255]) },
      { name: 'empty', data: new Uint8Array(0) },
    ];
    const zip = await JSZip.loadAsync(storedZip(parts), { checkCRC32: true });
    for (const part of parts) assert.deepEqual(await zip.file(part.name)!.async('uint8array'), part.data, part.name);
  });

  test('readWorkbookFile reads a sample file whole', async () => {
    const file = path.join(await tempDir(), 'Cam An.xlsx');
    await writeFile(file, await sampleBytes('19603'));
    const read = await readWorkbookFile(file);
    assert.ok(read.grids.length >= 3);
    assert.match(read.sha256, /^[0-9a-f]{64}$/);
  });
});
