// Generated hostile workbooks (never committed): each is built in memory from a few parts, with
// the zip's declared sizes chosen by the test, so a forged directory is as easy as an honest one.
import { constants, deflateRawSync } from 'node:zlib';

export interface RawPart {
  name: string;
  /** The part's bytes, stored deflated… */
  data?: Uint8Array;
  /** …or its deflated bytes as they are (then declaredSize is required). */
  deflated?: Uint8Array;
  /** The uncompressed size the directory declares; the real one unless forging. */
  declaredSize?: number;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts of a minimal workbook around the given sheets' XML (named "Sheet1", "Sheet2"… unless given). */
export function workbookParts(sheets: Array<{ name?: string; xml?: Uint8Array | string; deflated?: Uint8Array; declaredSize?: number }>, extra: RawPart[] = []): RawPart[] {
  const text = (s: string) => new TextEncoder().encode(s);
  const escape = (name: string) => name.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const sheetList = sheets.map((s, i) => `<sheet name="${escape(s.name ?? `Sheet${i + 1}`)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  return [
    { name: '[Content_Types].xml', data: text('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: '_rels/.rels', data: text(`<?xml version="1.0"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: text(`<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetList}</sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: text(`<?xml version="1.0"?><Relationships xmlns="${PKG}">${rels}</Relationships>`) },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: typeof s.xml === 'string' ? text(s.xml) : s.xml, deflated: s.deflated, declaredSize: s.declaredSize })),
    ...extra,
  ];
}

/** Sheet XML with the given rows, each holding `cols` numeric cells. */
export function sheetXml(rows: number, cols = 1, firstRow = 1): Uint8Array {
  const head = `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>`;
  const chunks: string[] = [head];
  for (let r = firstRow; r < firstRow + rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < cols; c++) row += `<c r="${String.fromCharCode(65 + c)}${r}"><v>${r}</v></c>`;
    chunks.push(`${row}</row>`);
  }
  chunks.push('</sheetData></worksheet>');
  return new TextEncoder().encode(chunks.join(''));
}

/** A zip of the parts, deflated, with each directory entry declaring `declaredSize` when given. */
export function zipParts(parts: RawPart[]): Uint8Array {
  const encoder = new TextEncoder();
  const entries = parts.map((part) => ({
    name: encoder.encode(part.name),
    compressed: part.deflated ?? deflateRawSync(part.data!, { level: 1 }),
    size: part.declaredSize ?? part.data!.length,
  }));
  const total = entries.reduce((n, e) => n + 30 + e.name.length + e.compressed.length + 46 + e.name.length, 0) + 22;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 8, 8, true);
    view.setUint32(at + 18, e.compressed.length, true);
    view.setUint32(at + 22, e.size, true);
    view.setUint16(at + 26, e.name.length, true);
    out.set(e.name, at + 30);
    out.set(e.compressed, at + 30 + e.name.length);
    at += 30 + e.name.length + e.compressed.length;
  }
  const directory = at;
  entries.forEach((e, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true);
    view.setUint16(at + 6, 20, true);
    view.setUint16(at + 10, 8, true);
    view.setUint32(at + 20, e.compressed.length, true);
    view.setUint32(at + 24, e.size, true);
    view.setUint16(at + 28, e.name.length, true);
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(e.name, at + 46);
    at += 46 + e.name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - directory, true);
  view.setUint32(at + 16, directory, true);
  return out;
}

/** Repetitive bytes of the given size: what a zip bomb inflates to. */
export function filler(bytes: number): Uint8Array {
  const unit = new TextEncoder().encode('<row r="1"><c r="A1"><v>0</v></c></row>');
  const out = new Uint8Array(bytes);
  for (let at = 0; at < bytes; at += unit.length) out.set(unit.subarray(0, Math.min(unit.length, bytes - at)), at);
  return out;
}

/**
 * Deflated data that inflates to `megabytes` MB of sheet rows, built in milliseconds: after a full
 * flush a compressor starts afresh, so one flushed megabyte can be repeated as often as wanted.
 */
export function deflateBomb(megabytes: number): Uint8Array {
  const block = deflateRawSync(filler(1024 * 1024), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const out = new Uint8Array(block.length * megabytes + 2);
  for (let i = 0; i < megabytes; i++) out.set(block, i * block.length);
  out.set([0x03, 0x00], block.length * megabytes); // a last, empty block
  return out;
}

/** The hostile corpus of issue 9, one workbook per category, each built in a second or so. */
export function hostileCorpus(): Array<{ name: string; bytes: Uint8Array; expect: string }> {
  return [
    // 4 GB of sheet rows from a 4 MB attachment, declared as 1 KB: refused after 1 KB of real output.
    { name: 'forged-sizes.xlsx', bytes: zipParts(workbookParts([{ deflated: deflateBomb(4096), declaredSize: 1024 }])), expect: 'corrupt' },
    // Column A filled down to row 1,048,576: 54 MB of XML, refused on its declared size.
    { name: 'filled-down.xlsx', bytes: zipParts(workbookParts([{ name: 'PL01', xml: sheetXml(1_048_576) }])), expect: 'too-large' },
    // Filled down to row 800,000 (41 MB, under the size limit): refused after its first 100,000 cells.
    { name: 'filled-down-800k.xlsx', bytes: zipParts(workbookParts([{ name: 'PL01', xml: sheetXml(800_000) }])), expect: 'too-many-cells' },
    // Six sheets of 90,000 cells: each under the sheet budget, together over the workbook's.
    { name: 'many-sheets.xlsx', bytes: zipParts(workbookParts(Array.from({ length: 6 }, () => ({ xml: sheetXml(90_000) })))), expect: 'too-many-cells' },
  ];
}
