// The few workbooks the CLI exit-code tests run on, written once per test file, and how a run
// is checked: its exit code, its messages, no stack trace.
import assert from 'node:assert/strict';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { a1 } from '../../src/engine/a1.js';
import { unitAnnexSheet } from '../../src/engine/annex-sheet.js';
import { canonicalPositions } from '../../src/engine/render.js';
import { writeSpecs } from '../../src/io/xlsx.js';
import { tempDir, type CliRun } from './cli.js';
import { sampleBytes, templateOf } from './factories.js';

export const exists = (file: string) => stat(file).then(() => true, () => false);

/** A copy of a workbook whose "Đơn vị báo cáo" line says something else. */
async function withUnitLine(bytes: Uint8Array, unitLine: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && /^Đơn vị báo cáo/.test(cell.value)) cell.value = unitLine;
      }),
    ),
  );
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export interface CliWorkbooks {
  dir: string;
  out: (name: string) => string;
  /** Xã Cam An (19603): valid. */
  camAn: string;
  /** The same bytes under another name: two files for one unit. */
  camAnAgain: string;
  /** Xã Cam Thanh (19609): planted errors. */
  camThanh: string;
  /** Cam An whose unit line says only "cam an": a fragment, the unit not certain. */
  unclear: string;
  /** A readable workbook without any annex. */
  noAnnex: string;
  /** Not a workbook at all. */
  broken: string;
  /** Cam An with "khoảng 12" typed in a cell a total adds up, at notANumberCell of PL01. */
  notANumber: string;
  notANumberCell: string;
}

export async function cliWorkbooks(): Promise<CliWorkbooks> {
  const dir = await tempDir();
  const out = (name: string) => path.join(dir, name);
  const camAnBytes = await sampleBytes('19603');
  const files = {
    dir,
    out,
    camAn: out('19603 Xã Cam An.xlsx'),
    camAnAgain: out('19603 ban sua.xlsx'),
    camThanh: out('19609 Xã Cam Thanh.xlsx'),
    unclear: out('bao-cao.xlsx'),
    noAnnex: out('danh-sach.xlsx'),
    broken: out('hong.xlsx'),
    notANumber: out('khong-phai-so.xlsx'),
    notANumberCell: '',
  };
  await writeFile(files.camAn, camAnBytes);
  await writeFile(files.camAnAgain, camAnBytes);
  await writeFile(files.camThanh, await sampleBytes('19609'));
  await writeFile(files.unclear, await withUnitLine(camAnBytes, 'Đơn vị báo cáo: cam an'));
  const other = new ExcelJS.Workbook();
  other.addWorksheet('Danh sách').addRow(['Họ tên', 'Địa chỉ']);
  await writeFile(files.noAnnex, new Uint8Array(await other.xlsx.writeBuffer()));
  await writeFile(files.broken, 'không phải tệp Excel');
  const pl01 = templateOf('PL01');
  const part = pl01.rows.find((row) => row.parent !== undefined && row.kind === 'item')!;
  const money = pl01.columns.find((column) => column.measure === 'money')!;
  const at = canonicalPositions(pl01);
  files.notANumberCell = a1(at.rows.get(part.key)!, at.columns.get(money.key)!);
  const edited = new ExcelJS.Workbook();
  await edited.xlsx.load(Buffer.from(camAnBytes) as unknown as ArrayBuffer);
  edited.getWorksheet(pl01.sheetName)!.getCell(files.notANumberCell).value = 'khoảng 12';
  await writeFile(files.notANumber, new Uint8Array(await edited.xlsx.writeBuffer()));
  return files;
}

export const said = (run: CliRun) => `${run.stdout}\n${run.stderr}`;

/** The run ended with this code and said each of these things, without a stack trace. */
export function exits(run: CliRun, code: number, ...messages: RegExp[]): void {
  assert.equal(run.code, code, said(run));
  for (const message of messages) assert.match(said(run), message);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace without --debug');
}

/** One annex sheet to write: a template's canonical layout, its unit line, figures by row and column key. */
export interface AnnexSheet {
  template: 'PL01' | 'PL02' | 'NV';
  unitName: string;
  values?: Record<string, Record<string, string | number>>;
  /** The sheet's own name, when not the template's. */
  name?: string;
  hidden?: boolean;
}

/** Changes made with ExcelJS after the sheets are written (a header retyped, say). */
type Edit = (workbook: ExcelJS.Workbook) => void;

/** A small workbook of the given annex sheets, written to `file` the way Excel would save it. */
export async function writeAnnexWorkbook(file: string, sheets: AnnexSheet[], edit?: Edit): Promise<string> {
  const specs = sheets.map((s) =>
    unitAnnexSheet(templateOf(s.template), { unitName: s.unitName, totals: 'values', ...(s.name ? { name: s.name } : {}), valueAt: (row, column) => s.values?.[row]?.[column] }),
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await writeSpecs(specs)) as unknown as ArrayBuffer);
  for (const [i, s] of sheets.entries()) if (s.hidden) workbook.worksheets[i]!.state = 'hidden';
  edit?.(workbook);
  await writeFile(file, new Uint8Array(await workbook.xlsx.writeBuffer()));
  return file;
}
