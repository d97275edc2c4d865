import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DEFAULT_SNIFF_LIMITS, readZipDirectory, sniffWorkbook, type ZipEntryInfo } from '../src/io/sniff.js';

const MB = 1024 * 1024;
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

async function excelJsWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('A').getCell('A1').value = 1;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

function oleFile(extra?: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(8 + 1024);
  bytes.set(OLE_SIGNATURE, 0);
  if (extra) bytes.set(extra, 600);
  return bytes;
}

function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf16le'));
}

/** Deterministic pseudo-random bytes (xorshift32) so the test is reproducible. */
function pseudoRandomBytes(length: number, seed = 0x9e3779b9): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/**
 * Builds a zip whose central directory uses ZIP64 sizes (extra field 0x0001) and, optionally,
 * a ZIP64 end-of-central-directory record; entry data is omitted since only the directory is read.
 */
function zip64DirectoryOnly(entries: ZipEntryInfo[], withZip64Eocd: boolean): Uint8Array {
  const names = entries.map((entry) => new TextEncoder().encode(entry.name));
  const directorySize = names.reduce((sum, name) => sum + 46 + name.length + 20, 0);
  const directoryOffset = 30; // after a dummy local header
  const tailSize = (withZip64Eocd ? 56 + 20 : 0) + 22;
  const bytes = new Uint8Array(directoryOffset + directorySize + tailSize);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x04034b50, true);

  let position = directoryOffset;
  entries.forEach((entry, i) => {
    const name = names[i]!;
    view.setUint32(position, 0x02014b50, true);
    view.setUint32(position + 20, 0xffffffff, true);
    view.setUint32(position + 24, 0xffffffff, true);
    view.setUint16(position + 28, name.length, true);
    view.setUint16(position + 30, 20, true);
    bytes.set(name, position + 46);
    const extra = position + 46 + name.length;
    view.setUint16(extra, 0x0001, true);
    view.setUint16(extra + 2, 16, true);
    view.setBigUint64(extra + 4, BigInt(entry.uncompressedSize), true);
    view.setBigUint64(extra + 12, BigInt(entry.compressedSize), true);
    position = extra + 20;
  });

  if (withZip64Eocd) {
    const record = position;
    view.setUint32(record, 0x06064b50, true);
    view.setBigUint64(record + 32, BigInt(entries.length), true);
    view.setBigUint64(record + 40, BigInt(directorySize), true);
    view.setBigUint64(record + 48, BigInt(directoryOffset), true);
    const locator = record + 56;
    view.setUint32(locator, 0x07064b50, true);
    view.setBigUint64(locator + 8, BigInt(record), true);
    position = locator + 20;
  }
  view.setUint32(position, 0x06054b50, true);
  view.setUint16(position + 10, withZip64Eocd ? 0xffff : entries.length, true);
  view.setUint32(position + 12, withZip64Eocd ? 0xffffffff : directorySize, true);
  view.setUint32(position + 16, withZip64Eocd ? 0xffffffff : directoryOffset, true);
  return bytes;
}

test('default limits are 100 MB total and 50 MB per part', () => {
  assert.deepEqual(DEFAULT_SNIFF_LIMITS, { maxTotalUncompressedBytes: 100 * MB, maxSheetUncompressedBytes: 50 * MB });
});

test('an ExcelJS workbook is xlsx, with its sheet as largestSheet', async () => {
  const result = sniffWorkbook(await excelJsWorkbook());
  assert.equal(result.kind, 'xlsx');
  assert.equal(result.largestSheet?.name, 'xl/worksheets/sheet1.xml');
  assert.ok(result.entries?.some((entry) => entry.name === 'xl/workbook.xml'));
});

test('readZipDirectory lists the same entries and sizes as JSZip for an ExcelJS file', async () => {
  const bytes = await excelJsWorkbook();
  const entries = readZipDirectory(bytes);
  assert.ok(entries);
  const zip = await JSZip.loadAsync(bytes);
  // Folder entries such as 'xl/' are real central-directory records, so they are listed too.
  assert.deepEqual(entries.map((entry) => entry.name).sort(), Object.keys(zip.files).sort());
  assert.ok(entries.some((entry) => entry.name === 'xl/workbook.xml'));
  for (const entry of entries.filter((entry) => !entry.name.endsWith('/'))) {
    const content = await zip.file(entry.name)!.async('uint8array');
    assert.equal(entry.uncompressedSize, content.length, entry.name);
    assert.ok(entry.compressedSize > 0 && entry.compressedSize <= entry.uncompressedSize + 5, entry.name);
  }
});

test('readZipDirectory works on a Uint8Array view with a non-zero byteOffset', async () => {
  const bytes = await excelJsWorkbook();
  const padded = new Uint8Array(bytes.length + 7);
  padded.fill(0xaa);
  padded.set(bytes, 7);
  assert.deepEqual(readZipDirectory(padded.subarray(7, 7 + bytes.length)), readZipDirectory(bytes));
});

test('an xlsx cut in half is truncated and has no readable directory', async () => {
  const bytes = await excelJsWorkbook();
  const half = bytes.slice(0, Math.floor(bytes.length / 2));
  assert.equal(readZipDirectory(half), null);
  assert.equal(sniffWorkbook(half).kind, 'truncated');
});

test('an xlsx missing only its last byte is truncated', async () => {
  const bytes = await excelJsWorkbook();
  assert.equal(sniffWorkbook(bytes.slice(0, bytes.length - 1)).kind, 'truncated');
});

test('a zip whose archive comment is cut off is truncated (JSZip would fail on it too)', async () => {
  const zip = new JSZip();
  zip.file('xl/workbook.xml', '<workbook/>');
  const bytes = await zip.generateAsync({ type: 'uint8array', comment: 'Báo cáo giảm nghèo' });
  assert.equal(sniffWorkbook(bytes).kind, 'xlsx');
  assert.equal(sniffWorkbook(bytes.slice(0, bytes.length - 3)).kind, 'truncated');
});

test('a zip with only word/document.xml is not-xlsx-zip and says it is a Word document', async () => {
  const result = sniffWorkbook(await zipOf({ 'word/document.xml': '<w:document/>' }));
  assert.equal(result.kind, 'not-xlsx-zip');
  assert.deepEqual(result.entries?.map((entry) => entry.name), ['word/', 'word/document.xml']);
  assert.match(result.detail ?? '', /Word/);
});

test('a UTF-8 CSV with Vietnamese diacritics is text', () => {
  const csv = new TextEncoder().encode('Đơn vị,Số hộ\nCam Thành,12\n');
  assert.equal(sniffWorkbook(csv).kind, 'text');
});

test('Vietnamese text in decomposed form (combining marks) is text', () => {
  const csv = new TextEncoder().encode('Đơn vị,Số hộ nghèo,Tỷ lệ\nCam Thành,12,3.5\n'.repeat(20).normalize('NFD'));
  assert.equal(sniffWorkbook(csv).kind, 'text');
});

test('HTML saved under an .xlsx name is text', () => {
  const html = new TextEncoder().encode('<html><body><table><tr><td>Xã</td><td>Hộ</td></tr></table></body></html>');
  assert.equal(sniffWorkbook(html).kind, 'text');
});

test('UTF-16 text with a BOM is text (both byte orders)', () => {
  const body = utf16le('Đơn vị\tSố hộ\r\n');
  const littleEndian = new Uint8Array([0xff, 0xfe, ...body]);
  const bigEndian = new Uint8Array([0xfe, 0xff, ...Buffer.from(body).swap16()]);
  assert.equal(sniffWorkbook(littleEndian).kind, 'text');
  assert.equal(sniffWorkbook(bigEndian).kind, 'text');
});

test('text containing a NUL byte is not text', () => {
  const bytes = new TextEncoder().encode('Đơn vị,Số hộ\u0000\nCam Thành,12\n');
  assert.equal(sniffWorkbook(bytes).kind, 'unknown');
});

test('mostly control characters (no NUL) is not text', () => {
  const bytes = new Uint8Array(200).map((_, i) => (i % 10 === 0 ? 0x41 : 0x01 + (i % 8)));
  assert.equal(sniffWorkbook(bytes).kind, 'unknown');
});

test('0 bytes is empty', () => {
  assert.equal(sniffWorkbook(new Uint8Array(0)).kind, 'empty');
});

test('an OLE compound file without EncryptedPackage is xls', () => {
  assert.equal(sniffWorkbook(oleFile()).kind, 'xls');
});

test('an OLE compound file naming EncryptedPackage in UTF-16LE is encrypted', () => {
  assert.equal(sniffWorkbook(oleFile(utf16le('EncryptedPackage'))).kind, 'encrypted');
});

test('EncryptedPackage in ASCII (not UTF-16LE) does not make an OLE file encrypted', () => {
  assert.equal(sniffWorkbook(oleFile(new TextEncoder().encode('EncryptedPackage'))).kind, 'xls');
});

test('random bytes are unknown', () => {
  assert.equal(sniffWorkbook(pseudoRandomBytes(8192)).kind, 'unknown');
  assert.equal(readZipDirectory(pseudoRandomBytes(8192)), null);
});

test('a 5 MB compressible sheet is too-large under a 1 MB sheet limit, xlsx under the defaults', async () => {
  const bytes = await zipOf({
    'xl/workbook.xml': '<workbook/>',
    'xl/worksheets/sheet1.xml': 'a'.repeat(5 * MB),
    'xl/worksheets/sheet2.xml': '<worksheet/>',
  });
  assert.ok(bytes.length < MB / 10, 'fixture should be highly compressed');

  const limited = sniffWorkbook(bytes, { maxTotalUncompressedBytes: 200 * MB, maxSheetUncompressedBytes: MB });
  assert.equal(limited.kind, 'too-large');
  assert.equal(limited.largestSheet?.name, 'xl/worksheets/sheet1.xml');
  assert.equal(limited.largestSheet?.uncompressedSize, 5 * MB);
  assert.ok((limited.largestSheet?.compressedSize ?? Infinity) < MB / 10);

  const byDefault = sniffWorkbook(bytes);
  assert.equal(byDefault.kind, 'xlsx');
  assert.equal(byDefault.largestSheet?.name, 'xl/worksheets/sheet1.xml');
});

test('the total uncompressed limit also yields too-large', async () => {
  const bytes = await zipOf({
    'xl/workbook.xml': '<workbook/>',
    'xl/worksheets/sheet1.xml': 'a'.repeat(MB),
    'xl/media/image1.png': 'b'.repeat(2 * MB),
  });
  const result = sniffWorkbook(bytes, { maxTotalUncompressedBytes: 2 * MB, maxSheetUncompressedBytes: 60 * MB });
  assert.equal(result.kind, 'too-large');
  assert.equal(result.largestSheet?.uncompressedSize, MB);
});

test('ZIP64 sizes in the extra field are read, with and without a ZIP64 EOCD record', () => {
  const entries: ZipEntryInfo[] = [
    { name: 'xl/workbook.xml', compressedSize: 300, uncompressedSize: 1200, localHeaderOffset: 0, method: 0, flags: 0 },
    { name: 'xl/worksheets/sheet1.xml', compressedSize: 5_000_000_123, uncompressedSize: 6 * 2 ** 30 + 7, localHeaderOffset: 0, method: 0, flags: 0 },
  ];
  for (const withZip64Eocd of [false, true]) {
    const bytes = zip64DirectoryOnly(entries, withZip64Eocd);
    assert.deepEqual(readZipDirectory(bytes), entries, `withZip64Eocd=${withZip64Eocd}`);
    const result = sniffWorkbook(bytes);
    assert.equal(result.kind, 'too-large');
    assert.deepEqual(result.largestSheet, entries[1]);
  }
});

test('a central directory pointing outside the buffer gives null', async () => {
  const bytes = (await excelJsWorkbook()).slice();
  const view = new DataView(bytes.buffer);
  const eocd = bytes.length - 22;
  assert.equal(view.getUint32(eocd, true), 0x06054b50);
  view.setUint32(eocd + 16, bytes.length, true);
  assert.equal(readZipDirectory(bytes), null);
  assert.equal(sniffWorkbook(bytes).kind, 'truncated');
});
