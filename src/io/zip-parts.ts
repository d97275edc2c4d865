// Inflates the parts of an .xlsx that ExcelJS reads, within the read limits, and hands them on
// as a stored (uncompressed) zip: ExcelJS, through JSZip, then inflates nothing itself, so a zip
// whose directory declares forged small sizes is refused after at most its declared size of real
// output, and a sheet filled down to row 1,048,576 is refused after its first 100,000 cells,
// before a single cell object exists. Browser-safe: DecompressionStream is in Node 18+ and in
// every browser Office runs the pane in.
import { InputError } from './input-error.js';
import type { ReadLimits } from './limits.js';
import type { ZipEntryInfo } from './sniff.js';

export interface ZipPart {
  name: string;
  data: Uint8Array;
}

// The parts ExcelJS 4.4 reads (the names XLSX.load switches on, its patterns unanchored as
// there); it inflates every other part only to ignore it, so those are dropped unread.
const EXCELJS_PARTS = new Set(['_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml', 'docProps/app.xml', 'docProps/core.xml']);
const WORKSHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;
const EXCELJS_PATTERNS = [
  WORKSHEET,
  /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/,
  /xl\/theme\/([a-zA-Z0-9]+)[.]xml/,
  /xl\/media\/([a-zA-Z0-9]+[.][a-zA-Z0-9]{3,4})$/,
  /xl\/drawings\/([a-zA-Z0-9]+)[.]xml/,
  /xl\/(comments\d+)[.]xml/,
  /xl\/tables\/(table\d+)[.]xml/,
  /xl\/drawings\/_rels\/([a-zA-Z0-9]+)[.]xml[.]rels/,
  /xl\/drawings\/(vmlDrawing\d+)[.]vml/,
];
const SHARED_STRINGS = 'xl/sharedStrings.xml';

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
const STORED = 0;
const DEFLATED = 8;
/**
 * Compressed bytes handed to the inflater at a time. An inflater turns one input chunk into all
 * its output without waiting for the reader, and deflate expands at most 1032:1, so this bounds
 * what is inflated past a limit before the reader sees it to about 16 MB.
 */
const FEED_BYTES = 16 * 1024;

function partName(entry: ZipEntryInfo): string {
  return entry.name.startsWith('/') ? entry.name.slice(1) : entry.name;
}

function readByExcelJs(entry: ZipEntryInfo): boolean {
  if (entry.name.endsWith('/')) return false;
  const name = partName(entry);
  return EXCELJS_PARTS.has(name) || EXCELJS_PATTERNS.some((pattern) => pattern.test(name));
}

/**
 * The parts ExcelJS reads, inflated and counted on their real output, in the zip's order.
 * Throws an InputError past any limit: too-large (bytes), too-many-cells, corrupt (a part whose
 * real size is not the size its directory declares, or whose data is damaged).
 */
export async function inflateWorkbookParts(file: string, bytes: Uint8Array, entries: readonly ZipEntryInfo[], limits: ReadLimits): Promise<ZipPart[]> {
  const wanted = entries.filter(readByExcelJs);
  const budget = { bytes: limits.maxTotalUncompressedBytes, cells: limits.maxCellsPerWorkbook };
  const parts = new Map<ZipEntryInfo, Uint8Array>();
  // Sheets last, so the workbook's own parts name the sheet that goes over its budget.
  const sheetsLast = [...wanted.filter((e) => !WORKSHEET.test(partName(e))), ...wanted.filter((e) => WORKSHEET.test(partName(e)))];
  for (const entry of sheetsLast) {
    const name = partName(entry);
    const isSheet = WORKSHEET.test(name);
    const counter = isSheet ? new ElementCounter(SHEET_ELEMENTS) : name === SHARED_STRINGS ? new ElementCounter(SHARED_STRING_ELEMENTS) : undefined;
    const cellLimit = isSheet ? Math.min(limits.maxCellsPerSheet, budget.cells) : budget.cells;
    const overBudget = (rows: boolean) => {
      const perSheet = isSheet && (rows || limits.maxCellsPerSheet <= budget.cells);
      const sheet = perSheet ? sheetName(parts, entries, name) : undefined;
      const limit = perSheet ? limits.maxCellsPerSheet : limits.maxCellsPerWorkbook;
      return new InputError(file, 'too-many-cells', `${name}: over ${limit} ${rows ? 'rows' : 'cells'}`, { sheet, limit, rows });
    };
    const byteLimit = Math.min(limits.maxPartUncompressedBytes, budget.bytes);
    if (entry.uncompressedSize > byteLimit) {
      const sheet = isSheet ? sheetName(parts, entries, name) : undefined;
      throw new InputError(file, 'too-large', `${name} expands to ${entry.uncompressedSize} bytes (limit ${byteLimit})`, { sheet, bytes: entry.uncompressedSize, limit: byteLimit });
    }
    const data = await partData(file, bytes, entry, (chunk) => {
      if (!counter) return;
      const [cells = 0, rows = 0] = counter.feed(chunk);
      if (cells > cellLimit) throw overBudget(false);
      if (rows > limits.maxCellsPerSheet) throw overBudget(true);
    });
    budget.bytes -= data.length;
    budget.cells -= counter?.counts[0] ?? 0;
    parts.set(entry, data);
  }
  return wanted.map((entry) => ({ name: entry.name, data: parts.get(entry)! }));
}

/** One part's bytes, never more than its declared size (which the caller has checked). */
async function partData(file: string, bytes: Uint8Array, entry: ZipEntryInfo, onChunk: (chunk: Uint8Array) => void): Promise<Uint8Array> {
  const corrupt = (why: string) => new InputError(file, 'corrupt', `${entry.name}: ${why}`);
  if (entry.flags & 1) throw corrupt('encrypted entry');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeaderOffset;
  if (header + LOCAL_HEADER_SIZE > bytes.length || view.getUint32(header, true) !== LOCAL_HEADER_SIGNATURE) throw corrupt('no local header');
  const start = header + LOCAL_HEADER_SIZE + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw corrupt('data runs past the end of the file');
  const compressed = bytes.subarray(start, end);

  let data: Uint8Array;
  if (entry.method === STORED) {
    data = compressed;
    onChunk(data);
  } else if (entry.method === DEFLATED) {
    // The declared size bounds the output: a part that inflates to more lies about its size.
    const inflated = await inflateRaw(compressed, entry.uncompressedSize, onChunk);
    if (!inflated) throw corrupt(`inflates to more than its declared ${entry.uncompressedSize} bytes`);
    data = inflated;
  } else {
    throw corrupt(`compression method ${entry.method}`);
  }
  if (data.length !== entry.uncompressedSize) throw corrupt(`${data.length} bytes where ${entry.uncompressedSize} are declared`);
  return data;
}

/**
 * Inflates raw deflate data, stopping as soon as the output passes maxBytes (then null). Output
 * chunks are passed to onChunk as they come; if it throws, inflating stops and the error is thrown.
 */
export async function inflateRaw(compressed: Uint8Array, maxBytes: number, onChunk: (chunk: Uint8Array) => void = () => {}): Promise<Uint8Array | null> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const feeding = (async () => {
    for (let at = 0; at < compressed.length; at += FEED_BYTES) await writer.write(compressed.subarray(at, at + FEED_BYTES) as Uint8Array<ArrayBuffer>);
    await writer.close();
  })();
  // A feeding error (damaged data) also errors the reader, which reports it.
  feeding.catch(() => {});
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return null;
      }
      onChunk(value);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  }
  await feeding;
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

// What a cell budget counts: the <c> and, apart, the <row> of a sheet (ExcelJS makes an object
// of every one, valued or only formatted), the <si> of the shared strings.
const SHEET_ELEMENTS = ['c', 'row'].map(ascii);
const SHARED_STRING_ELEMENTS = ['si'].map(ascii);
const LT = 0x3c;
const NO = -1;
const CUT = -2;
const NAME_ENDS = new Set([0x20, 0x09, 0x0a, 0x0d, 0x2f, 0x3e]); // space, tab, LF, CR, '/', '>'

/** Counts start tags of the given names in XML that arrives in chunks cut anywhere. */
export class ElementCounter {
  /** How many start tags of each name, in the order given. */
  readonly counts: number[];
  /** The start of a tag cut by the end of the previous chunk. */
  private pending: Uint8Array | null = null;

  constructor(private readonly names: readonly Uint8Array[]) {
    this.counts = names.map(() => 0);
  }

  feed(chunk: Uint8Array): number[] {
    if (this.pending) {
      const joined = new Uint8Array(this.pending.length + Math.min(chunk.length, 8));
      joined.set(this.pending);
      joined.set(chunk.subarray(0, joined.length - this.pending.length), this.pending.length);
      this.pending = null;
      const verdict = this.match(joined, 0);
      if (verdict >= 0) this.counts[verdict]!++;
      else if (verdict === CUT) this.pending = joined;
    }
    for (let i = chunk.indexOf(LT); i >= 0; i = chunk.indexOf(LT, i + 1)) {
      const verdict = this.match(chunk, i);
      if (verdict >= 0) this.counts[verdict]!++;
      else if (verdict === CUT) this.pending = chunk.slice(i);
    }
    return this.counts;
  }

  /** The index of the name whose start tag is at `at`, NO, or CUT when the bytes end too soon to tell. */
  private match(bytes: Uint8Array, at: number): number {
    let cut = false;
    for (const [index, name] of this.names.entries()) {
      let k = 0;
      while (k < name.length && at + 1 + k < bytes.length && bytes[at + 1 + k] === name[k]) k++;
      if (k < name.length) {
        if (at + 1 + k >= bytes.length) cut = true;
        continue;
      }
      const end = bytes[at + 1 + name.length];
      if (end === undefined) cut = true;
      else if (NAME_ENDS.has(end)) return index;
    }
    return cut ? CUT : NO;
  }
}

function ascii(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** The name the workbook gives a sheet part, for messages; the part's file name if not found. */
function sheetName(parts: ReadonlyMap<ZipEntryInfo, Uint8Array>, entries: readonly ZipEntryInfo[], part: string): string {
  const text = (name: string) => {
    const entry = entries.find((e) => partName(e) === name);
    const data = entry && parts.get(entry);
    return data ? new TextDecoder().decode(data) : '';
  };
  const targets = new Map<string, string>();
  for (const [tag] of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const [tag] of text('xl/workbook.xml').matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const id = attribute(tag, '(?:\\w+:)?id');
    const name = attribute(tag, 'name');
    if (id && name && targets.get(id) === part) return name;
  }
  return part.slice(part.lastIndexOf('/') + 1);
}

function attribute(tag: string, name: string): string | undefined {
  const found = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  const raw = found?.[1] ?? found?.[2];
  return raw?.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (entity[0] !== '#') return named[entity.toLowerCase()]!;
    return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
  });
}

/** A zip of the given parts, stored uncompressed, with real CRC-32s: what ExcelJS is handed. */
export function storedZip(parts: readonly ZipPart[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = parts.map((part) => encoder.encode(part.name));
  const localSize = parts.reduce((sum, part, i) => sum + LOCAL_HEADER_SIZE + names[i]!.length + part.data.length, 0);
  const directorySize = names.reduce((sum, name) => sum + 46 + name.length, 0);
  const out = new Uint8Array(localSize + directorySize + 22);
  const view = new DataView(out.buffer);
  const UTF8_NAMES = 0x0800;
  const DOS_DATE_1980 = 0x21;
  let at = 0;
  const offsets: number[] = [];
  const crcs = parts.map((part) => crc32(part.data));
  parts.forEach((part, i) => {
    const name = names[i]!;
    offsets.push(at);
    view.setUint32(at, LOCAL_HEADER_SIGNATURE, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, UTF8_NAMES, true);
    view.setUint16(at + 8, STORED, true);
    view.setUint16(at + 12, DOS_DATE_1980, true);
    view.setUint32(at + 14, crcs[i]!, true);
    view.setUint32(at + 18, part.data.length, true);
    view.setUint32(at + 22, part.data.length, true);
    view.setUint16(at + 26, name.length, true);
    out.set(name, at + LOCAL_HEADER_SIZE);
    out.set(part.data, at + LOCAL_HEADER_SIZE + name.length);
    at += LOCAL_HEADER_SIZE + name.length + part.data.length;
  });
  const directory = at;
  parts.forEach((part, i) => {
    const name = names[i]!;
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 8, UTF8_NAMES, true);
    view.setUint16(at + 10, STORED, true);
    view.setUint16(at + 14, DOS_DATE_1980, true);
    view.setUint32(at + 16, crcs[i]!, true);
    view.setUint32(at + 20, part.data.length, true);
    view.setUint32(at + 24, part.data.length, true);
    view.setUint16(at + 28, name.length, true);
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(name, at + 46);
    at += 46 + name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, parts.length, true);
  view.setUint16(at + 10, parts.length, true);
  view.setUint32(at + 12, at - directory, true);
  view.setUint32(at + 16, directory, true);
  return out;
}

let CRC_TABLE: Uint32Array | undefined;

function crc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
