// Every exit code of totals, template and sample (0 written, 1 nothing written for a reason in
// the workbook, 2 usage or a file-system failure), each with its message. In-process (runCli).
import assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { gnbv } from './support/cli.js';
import { cliWorkbooks, exists, exits, writeAnnexWorkbook, type CliWorkbooks } from './support/cli-workbooks.js';

let files: CliWorkbooks;
let dir = '';
let camAn = '';
let camThanh = '';
let noAnnex = '';
let notANumber = '';
let notANumberCell = '';
const out = (name: string) => path.join(dir, name);
before(async () => {
  files = await cliWorkbooks();
  ({ dir, camAn, camThanh, noAnnex, notANumber, notANumberCell } = files);
});

describe('totals, template, sample', () => {
  test('totals: 0 with formulas written; 1 without an annex; 2 for usage', async () => {
    const target = out('tong.xlsx');
    exits(await gnbv('totals', camAn, '-o', target), 0, /^Đã chèn [1-9]\d* công thức tổng; 0 ô tổng gõ tay khác kết quả công thức\.$/m, /^Đã ghi /m);
    assert.ok(await exists(target));
    exits(await gnbv('totals', noAnnex, '-o', out('tong2.xlsx')), 1, /^danh-sach\.xlsx: không tìm thấy phụ lục nào để chèn công thức\.$/m);
    assert.equal(await exists(out('tong2.xlsx')), false);
    exits(await gnbv('totals', '-o', target), 2, /Chưa chỉ ra tệp nào/);
    exits(await gnbv('totals', camAn, camThanh, '-o', target), 2, /Chưa chỉ ra tệp nào/);
    exits(await gnbv('totals', camAn), 2, /Thiếu -o/);
  });

  test('totals: 1, nothing written, when a part is text a SUM would skip', async () => {
    const target = out('tong-loi.xlsx');
    const run = await gnbv('totals', notANumber, '-o', target);
    exits(run, 1, new RegExp(`^PL01!${notANumberCell}: "khoảng 12" không phải là số; công thức tổng sẽ bỏ qua ô này\\.$`, 'm'), /^Không chèn công thức \(chưa ghi tệp kết quả\)/m);
    assert.equal(await exists(target), false);
  });

  test('template: 0 with a blank annex for a unit; 2 for a wrong id, several ids or no -o', async () => {
    const target = out('mau.xlsx');
    exits(await gnbv('template', 'pl01', '-o', target, '--unit', 'xa cam tuyen'), 0, /^Đã ghi /m);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(target);
    assert.deepEqual(workbook.worksheets.map((s) => s.name), ['PL01']);
    const texts: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && texts.push(cell.value))));
    assert.ok(texts.some((t) => t.includes('Xã Cam Tuyền')), 'the unit\'s own name, with its marks');
    exits(await gnbv('template', 'ALL', '-o', out('tat-ca.xlsx')), 0);
    const all = new ExcelJS.Workbook();
    await all.xlsx.readFile(out('tat-ca.xlsx'));
    assert.equal(all.worksheets.length, 3);
    exits(await gnbv('template', 'PL09', '-o', out('x.xlsx')), 2, /Không có mẫu biểu "PL09" \/ no template "PL09": PL01, PL02, NV, ALL/);
    exits(await gnbv('template', 'PL01', 'PL02', '-o', out('x.xlsx')), 2, /gnbv template PL01\|PL02\|NV\|ALL -o FILE\.xlsx/);
    exits(await gnbv('template', 'PL01'), 2, /Thiếu -o/);
    exits(await gnbv('template', 'PL01', '-o', target), 2, /đã có/);
  });

  test('sample: 0 with the workbooks and the list of planted errors; 2 without -o', async () => {
    exits(await gnbv('sample'), 2, /^Thiếu -o TỆP_KẾT_QUẢ\.$/m);
    exits(await gnbv('sample', '--lang', 'en'), 2, /^Missing -o OUTPUT_FILE\.$/m);
  });

  test('an unexpected failure inside a command is one line, exit 2; --debug adds the stack', async () => {
    // The output folder is a file: the write fails with ENOTDIR.
    const run = await gnbv('template', 'PL01', '-o', path.join(camAn, 'x.xlsx'));
    exits(run, 2);
    assert.equal(run.stderr.split('\n').length, 1);
    const debug = await gnbv('sample', '-o', path.join(camAn, 'mau'), '--debug');
    assert.equal(debug.code, 2);
    assert.match(debug.stderr, /\n\s+at /);
  });
});

/** The capital-sources sheet (NV) of Xã Cam An: 1 + 1 = 2 cells typed as text and totals typed by hand. */
const NV_FIGURES = {
  // Typed totals: C8 misses the 0.3 of C11; D8 and the 2016-2018 totals F8, F9, F11 are right.
  total: { nam_2016: 1234567.5, nam_2018: 0, tong: 3233068.1734567 },
  chinh_sach: { nam_2016: 1234567.5, nam_2017: '2.000.000,25', tong: 3234567.75 },
  da_dtpt: { nam_2016: 0.1, nam_2017: 0.1234567, tong: 0.2234567 },
  da_sn: { nam_2016: 0.2, tong: 0.2 },
  du_an: { tong: 0.4234567 },
  quy_vi_nguoi_ngheo: { tong: 'chưa tính' },
  huy_dong_khac: { nam_2018: -1500, tong: -1500 },
};

describe('totals: what it says about each cell, in Vietnamese and English numbers', () => {
  // Worked out by hand from NV_FIGURES (rows 8 total, 9 chính sách, 11 dự án = 12 + 13, 14 quỹ,
  // 15 huy động khác; columns C 2016, D 2017, E 2018, F 2016-2018 = C + D + E):
  //   C11 = 0.1 + 0.2 = 0.3 (typed blank); C8 = 1,234,567.5 + 0.3 = 1,234,567.8 (typed 1,234,567.5);
  //   D9 "2.000.000,25" becomes 2,000,000.25; D11 = 0.1234567 → 0.123457 at 6 decimals (typed blank);
  //   D8 = 2,000,000.25 + 0.1234567 = 2,000,000.3734567 → 2,000,000.373457 (typed blank);
  //   E8 = -1,500 (typed 0); F14 "chưa tính" where nothing is to add up (blank).
  // Formulas: rows 8 and 11 in C, D, E (6) and F in each of the 8 rows: 14. Differences: 6.
  let nv = '';
  before(async () => {
    nv = await writeAnnexWorkbook(out('nguon-von.xlsx'), [{ template: 'NV', unitName: 'Xã Cam An', values: NV_FIGURES }]);
  });

  test('vi: each converted cell and each typed total that differs, then the counts', async () => {
    const target = out('nv-tong.xlsx');
    const run = await gnbv('totals', nv, '-o', target);
    exits(run, 0);
    assert.deepEqual(run.stdout.split('\n'), [
      'Nguồn vốn!D9: số dạng văn bản "2.000.000,25" đã đổi thành số 2.000.000,25',
      'Nguồn vốn!C8: tổng gõ tay 1.234.567,5 khác công thức 1.234.567,8',
      'Nguồn vốn!D8: tổng gõ tay (trống) khác công thức 2.000.000,373457',
      'Nguồn vốn!E8: tổng gõ tay 0 khác công thức -1.500',
      'Nguồn vốn!C11: tổng gõ tay (trống) khác công thức 0,3',
      'Nguồn vốn!D11: tổng gõ tay (trống) khác công thức 0,123457',
      'Nguồn vốn!F14: tổng gõ tay "chưa tính" khác công thức (trống)',
      'Đã chèn 14 công thức tổng; 6 ô tổng gõ tay khác kết quả công thức.',
      'Đã đổi 1 ô số dạng văn bản thành số (để công thức tổng cộng được).',
      `Đã ghi ${target}`,
    ]);
    assert.equal(run.stderr, '');
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(target);
    const sheet = written.getWorksheet('Nguồn vốn')!;
    assert.equal(sheet.getCell('D9').value, 2000000.25, 'the text became a number');
    assert.match(String((sheet.getCell('C11').value as { formula?: string }).formula), /\bSUM\(C12:C13\)/);
    assert.equal(sheet.getCell('C15').value, null, 'a blank part stays blank');
    assert.equal(sheet.getCell('A4').value, 'Đơn vị báo cáo: Xã Cam An', 'the rest of the workbook is kept');
    const workbookXml = await (await JSZip.loadAsync(await readFile(target))).file('xl/workbook.xml')!.async('string');
    assert.match(workbookXml, /<calcPr[^>]*fullCalcOnLoad="1"/, 'Excel recomputes the new formulas on opening');
  });

  test('en: the same lines with English numbers (1,234,567.5)', async () => {
    const target = out('nv-totals.xlsx');
    const run = await gnbv('totals', nv, '-o', target, '--lang', 'en');
    exits(run, 0);
    assert.deepEqual(run.stdout.split('\n'), [
      'Nguồn vốn!D9: the number stored as text "2.000.000,25" became the number 2,000,000.25',
      'Nguồn vốn!C8: typed total 1,234,567.5 differs from the formula 1,234,567.8',
      'Nguồn vốn!D8: typed total (blank) differs from the formula 2,000,000.373457',
      'Nguồn vốn!E8: typed total 0 differs from the formula -1,500',
      'Nguồn vốn!C11: typed total (blank) differs from the formula 0.3',
      'Nguồn vốn!D11: typed total (blank) differs from the formula 0.123457',
      'Nguồn vốn!F14: typed total "chưa tính" differs from the formula (blank)',
      'Inserted 14 total formulas; 6 typed totals differed from the formula.',
      'Converted 1 number stored as text into numbers (so the formulas add them).',
      `Wrote ${target}`,
    ]);
  });

  test('the output is never the input, even with --force; an output written already needs --force', async () => {
    const before = await readFile(nv);
    const same = await gnbv('totals', nv, '-o', nv, '--force', '--lang', 'en');
    exits(same, 2);
    assert.equal(same.stderr, `The output ${nv} is the input ${nv}: an original file is never overwritten (not even with --force). Choose another name for -o.`);
    assert.deepEqual(await readFile(nv), before);
    const target = out('nv-hai-lan.xlsx');
    await writeFile(target, 'cũ');
    const refused = await gnbv('totals', nv, '-o', target);
    exits(refused, 2);
    assert.equal(refused.stderr, `Tệp ${target} đã có: chưa ghi gì. Dùng --force để ghi đè, hoặc chọn tên khác cho -o.`);
    assert.equal(await readFile(target, 'utf8'), 'cũ');
    exits(await gnbv('totals', nv, '-o', target, '--force'), 0);
    assert.notEqual(await readFile(target, 'utf8'), 'cũ');
  });

  test('right totals and no text: only the count and the file, no conversion line', async () => {
    const right = await writeAnnexWorkbook(out('nv-dung.xlsx'), [
      { template: 'NV', unitName: 'Xã Cam An', values: { total: { nam_2016: 7, tong: 7 }, huy_dong_khac: { nam_2016: 7, tong: 7 } } },
    ]);
    const target = out('nv-dung-tong.xlsx');
    const run = await gnbv('totals', right, '-o', target);
    exits(run, 0);
    assert.deepEqual(run.stdout.split('\n'), ['Đã chèn 14 công thức tổng; 0 ô tổng gõ tay khác kết quả công thức.', `Đã ghi ${target}`]);
  });

  test('a folder holding one workbook stands for it; a missing file gets the near name', async () => {
    const folder = out('mot-tep');
    await mkdir(folder);
    await copyFile(nv, path.join(folder, 'nguon-von.xlsx'));
    const target = out('tu-thu-muc.xlsx');
    const run = await gnbv('totals', folder, '-o', target);
    exits(run, 0, /^Đã chèn 14 công thức tổng; 6 ô tổng gõ tay khác kết quả công thức\.$/m);
    const typo = out('nguon-vonn.xlsx');
    const missing = await gnbv('totals', typo, '-o', out('sai-ten.xlsx'));
    exits(missing, 2);
    assert.equal(missing.stderr.split('\n')[0], `Không thấy "${typo}". Có phải ý bạn là: "${nv}"?`);
    assert.equal(await exists(out('sai-ten.xlsx')), false);
  });

  test('1, nothing written: a sheet whose columns do not match, and every text part, each named', async () => {
    const retyped = await writeAnnexWorkbook(
      out('nv-cot-la.xlsx'),
      [
        { template: 'NV', unitName: 'Xã Cam An', values: { da_sn: { nam_2016: 'khoảng 5' }, huy_dong_khac: { nam_2017: '#N/A' } } },
        { template: 'NV', name: 'NV cũ', unitName: 'Xã Cam An', values: {} },
      ],
      (workbook) => void (workbook.getWorksheet('NV cũ')!.getCell('D6').value = 'Năm 2016'),
    );
    const target = out('nv-cot-la-tong.xlsx');
    const run = await gnbv('totals', retyped, '-o', target);
    exits(run, 1);
    assert.equal(run.stdout, '');
    assert.deepEqual(run.stderr.split('\n'), [
      'Nguồn vốn!D15: "#N/A" không phải là số; công thức tổng sẽ bỏ qua ô này.',
      'Nguồn vốn!C13: "khoảng 5" không phải là số; công thức tổng sẽ bỏ qua ô này.',
      'NV cũ: các cột của bảng không khớp mẫu (xem gnbv validate); không chèn công thức.',
      'Không chèn công thức (chưa ghi tệp kết quả): hãy nhập số vào các ô trên (hoặc để trống) rồi chạy lại.',
    ]);
    assert.equal(await exists(target), false);
    const english = await gnbv('totals', retyped, '-o', target, '--lang', 'en');
    assert.deepEqual(english.stderr.split('\n'), [
      'Nguồn vốn!D15: "#N/A" is not a number; a total formula would skip it.',
      'Nguồn vốn!C13: "khoảng 5" is not a number; a total formula would skip it.',
      'NV cũ: the table\'s columns do not match the template (see gnbv validate); no formulas inserted.',
      'No formulas inserted (no output written): enter numbers in the cells above (or leave them blank) and run again.',
    ]);
    exits(await gnbv('totals', files.noAnnex, '-o', target, '--lang', 'en'), 1, /^danh-sach\.xlsx: no annex found to insert formulas into\.$/m);
    assert.equal(await exists(target), false);
  });
});

/** Each sheet's name and its "Đơn vị báo cáo" line (A4), as the official sees them. */
async function unitLines(file: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((sheet) => `${sheet.name}: ${String(sheet.getCell('A4').value)}`);
}

describe('template: the forms written and the unit named on them', () => {
  test('no --unit: a dotted line to fill in; the totals are formulas, the figures blank', async () => {
    const target = out('mau-nv.xlsx');
    exits(await gnbv('template', 'NV', '-o', target, '--lang', 'en'), 0);
    assert.deepEqual(await unitLines(target), ['Nguồn vốn: Đơn vị báo cáo: ……………………']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(target);
    const sheet = workbook.getWorksheet('Nguồn vốn')!;
    // Row 8 Tổng nguồn vốn = rows 9 + 11 + 14 + 15; row 11 = 12 + 13; column F = C + D + E.
    assert.match(String((sheet.getCell('C11').value as { formula?: string }).formula), /\bSUM\(C12:C13\)/);
    assert.match(String((sheet.getCell('F15').value as { formula?: string }).formula), /\bSUM\(C15:E15\)/);
    assert.equal(sheet.getCell('C15').value, null);
  });

  test('--unit names the commune, the department or the district as the list writes it', async () => {
    const commune = out('mau-xa.xlsx');
    const run = await gnbv('template', 'pl02', '-o', commune, '--unit', 'ubnd xa cam tuyen');
    assert.deepEqual([run.code, run.stdout], [0, `Đã ghi ${commune}`]);
    assert.deepEqual(await unitLines(commune), ['PL02: Đơn vị báo cáo: Xã Cam Tuyền']);
    const department = out('mau-phong.xlsx');
    const english = await gnbv('template', 'NV', '-o', department, '--unit', 'phòng y tế', '--lang', 'en');
    assert.deepEqual([english.code, english.stdout], [0, `Wrote ${department}`]);
    assert.deepEqual(await unitLines(department), ['Nguồn vốn: Đơn vị báo cáo: Phòng Y tế']);
    const district = out('mau-huyen.xlsx');
    exits(await gnbv('template', 'all', '-o', district, '--unit', 'huyện cam lộ'), 0);
    assert.deepEqual(await unitLines(district), ['PL01: Đơn vị báo cáo: Huyện Cam Lộ', 'PL02: Đơn vị báo cáo: Huyện Cam Lộ', 'Nguồn vốn: Đơn vị báo cáo: Huyện Cam Lộ']);
  });

  test('a form written already: refused without --force, written with it', async () => {
    const target = out('mau-lai.xlsx');
    await writeFile(target, 'cũ');
    exits(await gnbv('template', 'NV', '-o', target, '--lang', 'en'), 2, new RegExp(`^${target.replace(/[.\\/]/g, '\\$&')} already exists: nothing written\\. Use --force to overwrite it, or choose another name for -o\\.$`, 'm'));
    assert.equal(await readFile(target, 'utf8'), 'cũ');
    exits(await gnbv('template', 'NV', '-o', target, '--force'), 0);
    assert.deepEqual(await unitLines(target), ['Nguồn vốn: Đơn vị báo cáo: ……………………']);
  });

  test('a name that is no unit of the list is refused, nothing written, with the names that are', async () => {
    const target = out('mau-sai.xlsx');
    const run = await gnbv('template', 'NV', '-o', target, '--unit', 'Phòng Y tê', '--lang', 'en');
    exits(run, 2, /^No unit "Phòng Y tê" in the list\. Did you mean: "Phòng Y tế"\? Units: Thị trấn Cam Lộ, Xã Cam Tuyền, .*, Xã Cam Nghĩa, Phòng Lao động - Thương binh và Xã hội, .*, Huyện Cam Lộ\.$/m);
    assert.equal(await exists(target), false);
  });
});

describe('sample: the workbooks, PLANTED.md and planted.json', () => {
  // A unit list of two communes (Cam Thanh with its planted errors, Cam Chính in the variant
  // layout) and two departments, so the sample is four workbooks written in about a second.
  let units = '';
  before(async () => {
    const list = JSON.parse(await readFile('templates/units/cam-lo.json', 'utf8')) as { units: Array<{ code: string }>; departments: Array<{ code: string }> };
    list.units = list.units.filter((u) => u.code === '19609' || u.code === '19618');
    list.departments = list.departments.filter((d) => d.code === 'P-YTE' || d.code === 'MTTQ');
    units = out('hai-xa.json');
    await writeFile(units, JSON.stringify(list));
  });

  const THANH = '19609 Xã Cam Thanh - Phu luc 01-02.xlsx';
  const CHINH = '19618 Xã Cam Chính - Phu luc 01-02.xlsx';
  const YTE = 'P-YTE Phòng Y tế huyện Cam Lộ - Phu luc.xlsx';
  const MTTQ = 'MTTQ Ủy ban Mặt trận Tổ quốc Việt Nam huyện Cam Lộ - Phu luc.xlsx';
  // Cam Thanh's planted errors where gnbv validate reports them (checked once with gnbv validate):
  // households over persons at PL01!M15 (nhà ở, 2018), the credit pasted as text at PL01!G18,
  // and 1.1's NSĐP raised by 15 in PL02's Tổng số column at rows 12, 11 and 10 (1.1, Dự án 1, Tổng cộng).
  const PLANTED = [
    ['PL01', 'M15', 'households/over-persons'],
    ['PL01', 'G18', 'cell/text-number'],
    ['PL02', 'C12', 'sum/columns'],
    ['PL02', 'C11', 'sum/columns'],
    ['PL02', 'C10', 'sum/columns'],
  ];

  test('vi: one line per workbook with planted errors, the count written; the list of what to find', async () => {
    const folder = out('mau-nho');
    const run = await gnbv('sample', '-o', folder, '--units', units);
    exits(run, 0);
    assert.deepEqual(run.stdout.split('\n'), [`${THANH}: 5 lỗi cài sẵn (xem PLANTED.md)`, `Đã ghi ${folder} (4)`]);
    assert.deepEqual((await readdir(folder)).sort(), [THANH, CHINH, MTTQ, YTE, 'PLANTED.md', 'planted.json'].sort());
    const planted = JSON.parse(await readFile(path.join(folder, 'planted.json'), 'utf8')) as Array<{ file: string; sheet: string; cell: string; code: string; what: string }>;
    assert.deepEqual(planted.map((p) => [p.file, p.sheet, p.cell, p.code]), PLANTED.map((p) => [THANH, ...p]));
    assert.equal(planted[0]!.what, 'Hỗ trợ nhà ở 2018: 9 hộ nhưng chỉ 6 người');
    const md = await readFile(path.join(folder, 'PLANTED.md'), 'utf8');
    assert.equal(
      md,
      [
        '# Bộ số liệu mẫu GNBV / GNBV sample workbooks',
        '',
        'Lỗi cài sẵn mà `gnbv validate` phải báo (các tệp khác phải hợp lệ):',
        '',
        '| tệp | trang!ô | mã | lỗi |',
        '|---|---|---|---|',
        ...planted.map((p) => `| ${THANH} | ${p.sheet}!${p.cell} | ${p.code} | ${p.what} |`),
        '',
        `Tệp của 2 phòng, ban (số toàn huyện, chỉ các dòng chủ trì; dòng "Đơn vị báo cáo" ghi "… huyện …", không phải Thị trấn): ${YTE}; ${MTTQ}`,
        '',
        `Bố cục khác mẫu (bảng lệch vị trí, STT, dòng trống, tiêu đề năm không gộp ô, NFD, cột đảo thứ tự): ${CHINH}`,
        '',
      ].join('\n'),
    );
    // Written already: refused without --force (nothing overwritten), written again with it.
    exits(await gnbv('sample', '-o', folder, '--units', units), 2, /đã có: chưa ghi gì\. Dùng --force/);
    const again = await gnbv('sample', '-o', folder, '--units', units, '--force', '--lang', 'en');
    exits(again, 0);
    assert.deepEqual(again.stdout.split('\n'), [`${THANH}: 5 planted errors (see PLANTED.md)`, `Wrote ${folder} (4)`]);
  });

  test('a list without departments or a variant layout: no line for them in PLANTED.md', async () => {
    const list = JSON.parse(await readFile('templates/units/cam-lo.json', 'utf8')) as { units: Array<{ code: string }>; departments: unknown[] };
    list.units = list.units.filter((u) => u.code === '19603');
    list.departments = [];
    const one = out('mot-xa.json');
    await writeFile(one, JSON.stringify(list));
    const folder = path.join(out('mau-mot'), 'xa');
    const run = await gnbv('sample', '-o', folder, '--units', one);
    assert.deepEqual([run.code, run.stdout], [0, `Đã ghi ${folder} (1)`]);
    assert.equal(
      await readFile(path.join(folder, 'PLANTED.md'), 'utf8'),
      '# Bộ số liệu mẫu GNBV / GNBV sample workbooks\n\nLỗi cài sẵn mà `gnbv validate` phải báo (các tệp khác phải hợp lệ):\n\n| tệp | trang!ô | mã | lỗi |\n|---|---|---|---|\n',
    );
    assert.equal(await readFile(path.join(folder, 'planted.json'), 'utf8'), '[]\n');
  });

  test('a folder that cannot be made: one line naming it, exit 2, nothing written', async () => {
    const folder = path.join(camAn, 'mau');
    const run = await gnbv('sample', '-o', folder, '--units', units);
    exits(run, 2);
    assert.deepEqual(run.stderr.split('\n'), [`Đường dẫn ${camAn} đi qua một tệp, không phải thư mục: chưa ghi ${folder}. Hãy sửa đường dẫn -o thành một thư mục.`]);
  });
});
