// Inspects the raw bytes of a supposed .xlsx file before ExcelJS sees it, so bad input
// gets a clear explanation instead of a parser crash. Browser-safe: no Node APIs.
import { READ_LIMITS } from './limits.js';

export type SniffKind =
  | 'xlsx' // a zip with xl/workbook.xml: OK to load
  | 'empty' // 0 bytes
  | 'xls' // OLE compound file without an "EncryptedPackage" stream: Excel 97-2003
  | 'encrypted' // OLE compound file holding "EncryptedPackage": a password-protected .xlsx
  | 'text' // CSV/TSV/HTML saved under an .xlsx name
  | 'truncated' // starts like a zip but has no valid end of central directory (download cut off)
  | 'not-xlsx-zip' // a valid zip without xl/workbook.xml (.docx, .ods, a zipped folder)
  | 'too-large' // a valid xlsx whose entries would expand beyond the limits
  | 'unknown'; // anything else

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's local header starts; its data follows that header. */
  localHeaderOffset: number;
  /** 0 stored, 8 deflated; anything else is not an Excel workbook. */
  method: number;
  /** General-purpose flags; bit 0 means the entry is encrypted. */
  flags: number;
}

export interface SniffResult {
  kind: SniffKind;
  entries?: ZipEntryInfo[];
  largestSheet?: ZipEntryInfo;
  detail?: string;
}

export interface SniffLimits {
  maxTotalUncompressedBytes: number;
  maxSheetUncompressedBytes: number;
}

const MB = 1024 * 1024;

export const DEFAULT_SNIFF_LIMITS: SniffLimits = Object.freeze({
  maxTotalUncompressedBytes: READ_LIMITS.maxTotalUncompressedBytes,
  maxSheetUncompressedBytes: READ_LIMITS.maxPartUncompressedBytes,
});

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04]; // "PK\x03\x04"
const EOCD_SIGNATURE = 0x06054b50;
const EOCD_MIN_SIZE = 22;
const EOCD_SEARCH_WINDOW = EOCD_MIN_SIZE + 0xffff; // fixed record + longest possible comment
const ZIP64_EOCD_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const CENTRAL_HEADER_SIZE = 46;
const ZIP64_EXTRA_FIELD_ID = 0x0001;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;
const TEXT_SAMPLE_BYTES = 4096;
const MIN_PRINTABLE_RATIO = 0.9;
const WORKSHEET_PATH = /^xl\/worksheets\/[^/]+\.xml$/;

export function sniffWorkbook(bytes: Uint8Array, limits: SniffLimits = DEFAULT_SNIFF_LIMITS): SniffResult {
  if (bytes.length === 0) return { kind: 'empty', detail: 'the file is empty (0 bytes)' };

  if (startsWith(bytes, OLE_SIGNATURE)) {
    // Parsing the compound-file directory properly (sector chains, FAT) is a lot of code; the
    // UTF-16LE stream name is distinctive enough that finding it anywhere in the file is reliable.
    return indexOf(bytes, utf16le('EncryptedPackage')) >= 0
      ? { kind: 'encrypted', detail: 'password-protected workbook (OLE file with an EncryptedPackage stream)' }
      : { kind: 'xls', detail: 'Excel 97-2003 workbook (OLE compound file)' };
  }

  const entries = readZipDirectory(bytes);
  if (entries) return classifyZip(entries, limits);

  if (startsWith(bytes, ZIP_LOCAL_HEADER)) {
    return { kind: 'truncated', detail: 'zip data without an end of central directory record (file cut off?)' };
  }
  if (looksLikeText(bytes)) return { kind: 'text', detail: 'plain text (CSV/TSV/HTML?), not a workbook' };
  return { kind: 'unknown', detail: 'not a recognised spreadsheet format' };
}

function classifyZip(entries: ZipEntryInfo[], limits: SniffLimits): SniffResult {
  if (!entries.some((entry) => entry.name === 'xl/workbook.xml')) {
    return { kind: 'not-xlsx-zip', entries, detail: `zip archive without xl/workbook.xml${describeZip(entries)}` };
  }

  const sheets = entries.filter((entry) => WORKSHEET_PATH.test(entry.name));
  const largestSheet = sheets.reduce<ZipEntryInfo | undefined>(
    (largest, sheet) => (!largest || sheet.uncompressedSize > largest.uncompressedSize ? sheet : largest),
    undefined,
  );
  const totalUncompressed = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  const withSheet = largestSheet ? { largestSheet } : {};

  // Sizes come from the central directory as declared: this catches honest giants and ordinary
  // zip bombs before anything is inflated; a forged directory is caught while inflating (zip-parts).
  if (largestSheet && largestSheet.uncompressedSize > limits.maxSheetUncompressedBytes) {
    const detail = `${largestSheet.name} expands to ${formatMB(largestSheet.uncompressedSize)} (limit ${formatMB(limits.maxSheetUncompressedBytes)})`;
    return { kind: 'too-large', entries, ...withSheet, detail };
  }
  if (totalUncompressed > limits.maxTotalUncompressedBytes) {
    const detail = `workbook expands to ${formatMB(totalUncompressed)} (limit ${formatMB(limits.maxTotalUncompressedBytes)})`;
    return { kind: 'too-large', entries, ...withSheet, detail };
  }
  return { kind: 'xlsx', entries, ...withSheet };
}

/** Names the likely real format of a zip that is not an xlsx, for the error message. */
function describeZip(entries: ZipEntryInfo[]): string {
  const has = (name: string) => entries.some((entry) => entry.name === name);
  if (has('xl/workbook.bin')) return ' (an Excel binary .xlsb workbook)';
  if (has('word/document.xml')) return ' (a Word document)';
  if (has('ppt/presentation.xml')) return ' (a PowerPoint presentation)';
  if (has('content.xml') && has('mimetype')) return ' (an OpenDocument file, e.g. .ods)';
  return '';
}

/** Lists the entries of a zip from its central directory; null when there is no valid one. */
export function readZipDirectory(bytes: Uint8Array): ZipEntryInfo[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const searchStop = Math.max(0, bytes.length - EOCD_SEARCH_WINDOW);
  // Walk backwards because the EOCD is the last record; a candidate that does not lead to a
  // valid central directory may be stray bytes inside compressed data, so keep looking.
  for (let eocd = bytes.length - EOCD_MIN_SIZE; eocd >= searchStop; eocd--) {
    if (view.getUint32(eocd, true) !== EOCD_SIGNATURE) continue;
    const entries = readCentralDirectory(view, eocd);
    if (entries) return entries;
  }
  return null;
}

function readCentralDirectory(view: DataView, eocd: number): ZipEntryInfo[] | null {
  const commentLength = view.getUint16(eocd + 20, true);
  if (eocd + EOCD_MIN_SIZE + commentLength > view.byteLength) return null;

  let entryCount = view.getUint16(eocd + 10, true);
  let directorySize = view.getUint32(eocd + 12, true);
  let directoryOffset = view.getUint32(eocd + 16, true);
  if (entryCount === U16_MAX || directorySize === U32_MAX || directoryOffset === U32_MAX) {
    const zip64 = readZip64Eocd(view, eocd);
    if (!zip64) return null;
    ({ entryCount, directorySize, directoryOffset } = zip64);
  }
  const directoryEnd = directoryOffset + directorySize;
  if (directoryEnd > eocd) return null; // central directory lies outside the buffer

  const nameDecoder = new TextDecoder('utf-8');
  const entries: ZipEntryInfo[] = [];
  let position = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (position + CENTRAL_HEADER_SIZE > directoryEnd) return null;
    if (view.getUint32(position, true) !== CENTRAL_HEADER_SIGNATURE) return null;
    const flags = view.getUint16(position + 8, true);
    const method = view.getUint16(position + 10, true);
    let compressedSize = view.getUint32(position + 20, true);
    let uncompressedSize = view.getUint32(position + 24, true);
    let localHeaderOffset = view.getUint32(position + 42, true);
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const entryCommentLength = view.getUint16(position + 32, true);
    const nameStart = position + CENTRAL_HEADER_SIZE;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + entryCommentLength;
    if (next > directoryEnd) return null;

    if (compressedSize === U32_MAX || uncompressedSize === U32_MAX || localHeaderOffset === U32_MAX) {
      const zip64Extra = findExtraField(view, extraStart, extraLength, ZIP64_EXTRA_FIELD_ID);
      if (!zip64Extra) return null;
      // The zip64 field holds only the values whose 32-bit slot is 0xFFFFFFFF, uncompressed first.
      let cursor = zip64Extra.start;
      const takeU64 = (): number | null => {
        if (cursor + 8 > zip64Extra.end) return null;
        const value = readU64(view, cursor);
        cursor += 8;
        return value;
      };
      if (uncompressedSize === U32_MAX) uncompressedSize = takeU64() ?? -1;
      if (compressedSize === U32_MAX) compressedSize = takeU64() ?? -1;
      if (localHeaderOffset === U32_MAX) localHeaderOffset = takeU64() ?? -1;
      if (uncompressedSize < 0 || compressedSize < 0 || localHeaderOffset < 0) return null;
    }

    const nameBytes = new Uint8Array(view.buffer, view.byteOffset + nameStart, nameLength);
    entries.push({ name: nameDecoder.decode(nameBytes), compressedSize, uncompressedSize, localHeaderOffset, method, flags });
    position = next;
  }
  return entries;
}

function readZip64Eocd(
  view: DataView,
  eocd: number,
): { entryCount: number; directorySize: number; directoryOffset: number } | null {
  const locator = eocd - 20;
  if (locator < 0 || view.getUint32(locator, true) !== ZIP64_EOCD_LOCATOR_SIGNATURE) return null;
  const record = readU64(view, locator + 8);
  if (record + 56 > locator || view.getUint32(record, true) !== ZIP64_EOCD_SIGNATURE) return null;
  return {
    entryCount: readU64(view, record + 32),
    directorySize: readU64(view, record + 40),
    directoryOffset: readU64(view, record + 48),
  };
}

function findExtraField(view: DataView, start: number, length: number, id: number): { start: number; end: number } | null {
  const end = start + length;
  for (let position = start; position + 4 <= end; ) {
    const fieldId = view.getUint16(position, true);
    const fieldEnd = position + 4 + view.getUint16(position + 2, true);
    if (fieldEnd > end) return null;
    if (fieldId === id) return { start: position + 4, end: fieldEnd };
    position = fieldEnd;
  }
  return null;
}

/** Reads a little-endian 64-bit unsigned integer as a Number (exact below 2^53, plenty for file sizes). */
function readU64(view: DataView, offset: number): number {
  return view.getUint32(offset, true) + view.getUint32(offset + 4, true) * 2 ** 32;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, TEXT_SAMPLE_BYTES);
  const [first, second] = sample;
  if ((first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff)) return true; // UTF-16 BOM
  if (sample.includes(0)) return false;

  const characters = Array.from(new TextDecoder('utf-8').decode(sample));
  const printable = characters.filter((character) => /[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}\t\n\r\f]/u.test(character));
  return printable.length >= MIN_PRINTABLE_RATIO * characters.length;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const firstByte = needle[0];
  if (firstByte === undefined) return 0;
  let start = haystack.indexOf(firstByte);
  while (start >= 0 && start + needle.length <= haystack.length) {
    const at = start;
    if (needle.every((byte, j) => haystack[at + j] === byte)) return at;
    start = haystack.indexOf(firstByte, start + 1);
  }
  return -1;
}

function utf16le(text: string): Uint8Array {
  const encoded = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    encoded[2 * i] = code & 0xff;
    encoded[2 * i + 1] = code >> 8;
  }
  return encoded;
}

function formatMB(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}
