import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { a1 } from '../src/engine/a1.js';
import { departmentSampleWorkbooks } from '../src/engine/sample.js';
import { canonicalPositions } from '../src/engine/render.js';
import { writeSpecs } from '../src/io/xlsx.js';
import { gnbv, tempDir } from './support/cli.js';
import { engineConfig, gioLinhUnitList, sampleBytes, templateOf } from './support/factories.js';
import { evaluateXlsx } from './support/formula-engine.js';

// Who sent each file, decided on real .xlsx files through the command line: a unit is taken
// only from its whole name; anything less is held back (exit 1, nothing written) until the
// user names it with --assign or --prefer.

let dir = '';
const UNIT_LINE = 'A4';

/** A commune's sample workbook with its unit lines (and optionally more) changed, saved under a name. */
async function unitFile(fileName: string, code: string, edit: (wb: ExcelJS.Workbook) => void = () => {}): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await sampleBytes(code)).buffer as ArrayBuffer);
  edit(workbook);
  const file = path.join(dir, fileName);
  await writeFile(file, new Uint8Array(await workbook.xlsx.writeBuffer()));
  return file;
}

const setUnitLine = (text: string) => (wb: ExcelJS.Workbook) => wb.worksheets.forEach((ws) => (ws.getCell(UNIT_LINE).value = text));

async function departmentFile(code: string, fileName?: string): Promise<string> {
  const sample = departmentSampleWorkbooks(engineConfig()).find((s) => s.unit.code === code)!;
  const file = path.join(dir, fileName ?? sample.fileName);
  await writeFile(file, await writeSpecs(sample.sheets));
  return file;
}

const out = (name: string) => path.join(dir, `${name}.xlsx`);
const pl01 = canonicalPositions(templateOf('PL01'));
const totalMoney = a1(pl01.rows.get('total')!, pl01.columns.get('kp_tong')!);

before(async () => {
  dir = await tempDir('gnbv-identity-');
});

describe('a file is taken for a unit only by its whole name', () => {
  test('title only: "UBND XÃ CAM THÀNH" above the table, no unit line, a file name that says nothing', async () => {
    const file = await unitFile('bao cao 2018.xlsx', '19612', setUnitLine('UBND XÃ CAM THÀNH'));
    const run = await gnbv('merge', file, '-o', out('title'), '--allow-errors');
    assert.equal(run.code, 0, run.stderr);
    assert.ok((await evaluateXlsx(new Uint8Array(await readFile(out('title'))))).sheetNames().includes('PL01 Cam Thành'));
  });

  test('file name only: no unit line, the whole name in the file name', async () => {
    const file = await unitFile('Xã Cam Thủy.xlsx', '19606', setUnitLine(''));
    const run = await gnbv('merge', file, '-o', out('filename'), '--allow-errors');
    assert.equal(run.code, 0, run.stderr);
    assert.ok((await evaluateXlsx(new Uint8Array(await readFile(out('filename'))))).sheetNames().includes('PL01 Cam Thủy'));
  });

  test('NFD text and "UBND xã …" in the unit line; Cam Thanh and Cam Thành stay apart', async () => {
    const thanh = await unitFile('a.xlsx', '19609', setUnitLine('Đơn vị báo cáo: UBND xã Cam Thanh'.normalize('NFD')));
    const thanhAccent = await unitFile('b.xlsx', '19612', setUnitLine('Đơn vị báo cáo: UBND xã Cam Thành'.normalize('NFD')));
    const run = await gnbv('merge', thanh, thanhAccent, '-o', out('nfd'), '--allow-errors');
    assert.equal(run.code, 0, run.stderr);
    const names = (await evaluateXlsx(new Uint8Array(await readFile(out('nfd'))))).sheetNames();
    assert.ok(names.includes('PL01 Cam Thanh') && names.includes('PL01 Cam Thành'), names.join());
  });

  test('"xa cam thanh" without diacritics is held back with both communes as candidates', async () => {
    const file = await unitFile('xa cam thanh.xlsx', '19609', setUnitLine('Đơn vị báo cáo: xa cam thanh'));
    const run = await gnbv('merge', file, '-o', out('ascii'), '--allow-errors');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /19609 {2}Xã Cam Thanh/);
    assert.match(run.stderr, /19612 {2}Xã Cam Thành/);
    assert.match(run.stderr, /--assign "xa cam thanh\.xlsx=/);
    assert.match(run.stderr, /Chưa ghi tệp kết quả/);
    const assigned = await gnbv('merge', file, '-o', out('ascii'), '--assign', 'xa cam thanh.xlsx=19609', '--allow-errors');
    assert.equal(assigned.code, 0, assigned.stderr);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out('ascii'));
    const notes: string[] = [];
    workbook.getWorksheet('Nhật ký')!.eachRow((row) => notes.push(String(row.getCell(9).value)));
    assert.ok(notes.some((n) => /đơn vị do người dùng chỉ định/.test(n)), notes.join('\n'));
  });

  test('a fragment ("cam nghia", no kind word) is held back; --assign by whole name merges it', async () => {
    const file = await unitFile('cam nghia.xlsx', '19621', setUnitLine(''));
    const run = await gnbv('merge', file, '-o', out('fragment'), '--allow-errors');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /chỉ khớp một phần tên/);
    assert.match(run.stderr, /19621 {2}Xã Cam Nghĩa/);
    const english = await gnbv('merge', file, '-o', out('fragment'), '--lang', 'en', '--allow-errors');
    assert.match(english.stderr, /only part of a name matches/);
    const assigned = await gnbv('merge', file, '-o', out('fragment'), '--assign', `${file}=Xã Cam Nghĩa`, '--allow-errors');
    assert.equal(assigned.code, 0, assigned.stderr);
    assert.ok((await evaluateXlsx(new Uint8Array(await readFile(out('fragment'))))).sheetNames().includes('PL01 Cam Nghĩa'));
    const bad = await gnbv('merge', file, '-o', out('fragment-bad'), '--assign', 'cam nghia.xlsx=Cam Nghia', '--allow-errors');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /19621 Xã Cam Nghĩa/);
  });

  test('--assign never overrules a sheet whose own unit line names another unit: held back, both units named, nothing written', async () => {
    const file = await unitFile('bao cao.xlsx', '19603');
    const run = await gnbv('merge', file, '-o', out('assign-conflict'), '--assign', 'bao cao.xlsx=19606', '--allow-errors');
    assert.equal(run.code, 1, run.stderr);
    for (const sheet of ['PL01', 'PL02', 'Nguồn vốn'])
      assert.ok(run.stderr.includes(`Chưa gộp tệp bao cao.xlsx, trang "${sheet}": dòng "Đơn vị báo cáo" của trang ghi Xã Cam An (19603), nhưng tệp được chỉ định là của Xã Cam Thủy (19606)`), run.stderr);
    assert.match(run.stderr, /hãy sửa dòng "Đơn vị báo cáo" trong tệp; nếu chỉ định sai, hãy bỏ chỉ định/);
    assert.match(run.stderr, /xóa --assign "bao cao\.xlsx=19606" khỏi lệnh/);
    assert.match(run.stderr, /Chưa ghi tệp kết quả/);
    assert.equal(await readFile(out('assign-conflict')).then(() => true, () => false), false);
    const english = await gnbv('merge', file, '-o', out('assign-conflict'), '--assign', 'bao cao.xlsx=19606', '--lang', 'en', '--allow-errors');
    assert.equal(english.code, 1);
    assert.match(english.stderr, /Not merged bao cao\.xlsx, sheet "PL01": its "Đơn vị báo cáo" line names Xã Cam An \(19603\), but the file was assigned to Xã Cam Thủy \(19606\)/);
    assert.equal(await readFile(out('assign-conflict')).then(() => true, () => false), false);
    // Assigning the unit the sheets name themselves is no conflict.
    const same = await gnbv('merge', file, '-o', out('assign-same'), '--assign', 'bao cao.xlsx=19603', '--allow-errors');
    assert.equal(same.code, 0, same.stderr);
    const names = (await evaluateXlsx(new Uint8Array(await readFile(out('assign-same'))))).sheetNames();
    assert.ok(names.includes('PL01 Cam An') && !names.includes('PL01 Cam Thủy'), names.join());
  });

  test('file name and sheet disagree: held back, both units listed, nothing written', async () => {
    const file = await unitFile('Xã Cam Thủy.xlsx', '19603');
    const run = await gnbv('merge', file, '-o', out('conflict'), '--allow-errors');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /tên tệp và nội dung trang chỉ ra hai đơn vị khác nhau/);
    assert.match(run.stderr, /19603 {2}Xã Cam An/);
    assert.match(run.stderr, /19606 {2}Xã Cam Thủy/);
    assert.equal(await readFile(out('conflict')).then(() => true, () => false), false);
  });
});

describe('the district and its departments are not the town of the same name', () => {
  test('"Phòng Y tế huyện Cam Lộ" is the health department: beside the communes, never in their sum, never the town', async () => {
    const town = await unitFile('19597 Thị trấn Cam Lộ.xlsx', '19597');
    const health = await departmentFile('P-YTE', 'Phòng Y tế huyện Cam Lộ.xlsx');
    const townOnly = await gnbv('merge', town, '-o', out('town'), '--allow-errors');
    const both = await gnbv('merge', town, health, '-o', out('town-health'), '--allow-errors');
    assert.equal(both.code, 0, both.stderr);
    assert.match(both.stdout, /Phòng, ban đã nhận 1\/9: Phòng Y tế/);
    assert.doesNotMatch(both.stdout, /Trùng|Thay trang/);
    const alone = await evaluateXlsx(new Uint8Array(await readFile(out('town'))));
    const merged = await evaluateXlsx(new Uint8Array(await readFile(out('town-health'))));
    assert.equal(townOnly.code, 0);
    assert.equal(merged.value('PL01 Tổng hợp', totalMoney), alone.value('PL01 Tổng hợp', totalMoney));
    assert.equal(merged.value('PL01 TT Cam Lộ', totalMoney), alone.value('PL01 TT Cam Lộ', totalMoney));
    assert.ok(merged.sheetNames().includes('PL01 P.Y tế - BHXH'));
  });

  test('a file named only "huyện Cam Lộ" is not the town: held back', async () => {
    const file = await unitFile('Bao cao huyen Cam Lo.xlsx', '19597', setUnitLine(''));
    const run = await gnbv('merge', file, '-o', out('district-name'), '--allow-errors');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /không tìm thấy tên đơn vị/);
  });

  test('"UBND HUYỆN CAM LỘ" as the only title is not the town nor a district summary: held back; a district unit line is said, not merged', async () => {
    const letterhead = await unitFile('bao cao.xlsx', '19597', setUnitLine('UBND HUYỆN CAM LỘ'));
    const held = await gnbv('merge', letterhead, '-o', out('letterhead'), '--allow-errors');
    assert.equal(held.code, 1);
    assert.match(held.stderr, /Chưa gộp bao cao\.xlsx/);
    const district = await unitFile('bao cao huyen.xlsx', '19597', setUnitLine('Đơn vị báo cáo: Huyện Cam Lộ'));
    const run = await gnbv('merge', district, '-o', out('district-line'), '--allow-errors');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Không gộp bao cao huyen\.xlsx \(PL01\): dòng "Đơn vị báo cáo" ghi cả huyện/);
    assert.match(run.stdout, /Đã nhận 0\/9 đơn vị/);
  });

  test('department files validate with district scope; the same file as a commune would not', async () => {
    const health = await departmentFile('P-YTE');
    const ok = await gnbv('validate', health);
    assert.equal(ok.code, 0, ok.stdout);
    // Signed by a commune, 9 communes reached is more than one commune can report.
    const asCommune = path.join(dir, 'Xã Cam An.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(health);
    workbook.worksheets.forEach((ws) => (ws.getCell(UNIT_LINE).value = 'Đơn vị báo cáo: Xã Cam An'));
    await workbook.xlsx.writeFile(asCommune);
    const bad = await gnbv('validate', asCommune);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /Số xã vượt phạm vi báo cáo/);
  });

  test('a department that fills a row it does not lead gets a warning naming the row and itself', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await departmentFile('P-TP'));
    const cell = a1(pl01.rows.get('nha_o')!, pl01.columns.get('kp_2016')!);
    workbook.getWorksheet('PL01')!.getCell(cell).value = 12;
    const file = path.join(dir, 'tu phap them dong.xlsx');
    await workbook.xlsx.writeFile(file);
    const run = await gnbv('validate', file, '--json');
    const issues = JSON.parse(run.stdout).files[0].report.issues as Array<{ code: string; cell: string; message: { vi: string } }>;
    const unled = issues.filter((i) => i.code === 'department/unled-row');
    assert.deepEqual(unled.map((i) => i.cell), [cell]);
    assert.match(unled[0]!.message.vi, /nhà ở.*Phòng Tư pháp không chủ trì dòng này/);
  });
});

describe('an annex a department leads no row of', () => {
  test('is kept in the district workbook (values only, never in the sum) and its figures are flagged, not dropped unseen', async () => {
    const samples = departmentSampleWorkbooks(engineConfig());
    const front = samples.find((s) => s.unit.code === 'MTTQ')!;
    const law = samples.find((s) => s.unit.code === 'P-TP')!;
    const pl01 = law.sheets.find((s) => s.name === 'PL01')!;
    const signed = { ...pl01, cells: pl01.cells.map((c) => (c.row === 3 && c.col === 0 ? { ...c, value: 'Đơn vị báo cáo: Ủy ban MTTQ huyện Cam Lộ' } : c)) };
    const file = path.join(dir, 'MTTQ them PL01.xlsx');
    await writeFile(file, await writeSpecs([...front.sheets, signed]));
    const validate = JSON.parse((await gnbv('validate', file, '--json')).stdout).files[0].report.issues as Array<{ code: string; sheet: string }>;
    assert.ok(validate.some((i) => i.code === 'department/unled-row' && i.sheet === 'PL01'));
    const run = await gnbv('merge', file, '-o', out('front'), '--allow-errors');
    assert.equal(run.code, 0, run.stderr);
    const merged = await evaluateXlsx(new Uint8Array(await readFile(out('front'))));
    assert.ok(merged.sheetNames().includes('PL01 UB MTTQ'), merged.sheetNames().join());
    assert.equal(merged.value('PL01 Tổng hợp', totalMoney), 0, 'no commune sent anything: the sum stays 0');
  });
});

describe('hidden sheets are never read', () => {
  test('a hidden sheet claiming another unit, and a very hidden one, are reported and left out', async () => {
    const file = await unitFile('19603 Xã Cam An.xlsx', '19603', (wb) => {
      const pl02 = wb.getWorksheet('PL02')!;
      pl02.getCell(UNIT_LINE).value = 'Đơn vị báo cáo: Xã Cam Thủy';
      pl02.state = 'hidden';
      wb.getWorksheet('Nguồn vốn')!.state = 'veryHidden';
    });
    const validate = await gnbv('validate', file, '--json');
    const issues = JSON.parse(validate.stdout).files[0].report.issues as Array<{ code: string; sheet: string }>;
    assert.deepEqual(issues.filter((i) => i.code === 'sheet/hidden').map((i) => i.sheet), ['PL02', 'Nguồn vốn']);
    const run = await gnbv('merge', file, '-o', out('hidden'), '--allow-errors');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /trang ẩn "PL02" không được đọc/);
    const names = (await evaluateXlsx(new Uint8Array(await readFile(out('hidden'))))).sheetNames();
    assert.ok(names.includes('PL01 Cam An'));
    assert.ok(!names.some((n) => /Cam Thủy|PL02 Cam An|Nguồn vốn Cam An/.test(n)), names.join());
  });
});

describe('a district workbook merged again takes its provenance only from a log the user can see', () => {
  /** Cam An merged once; its log then says the sheets came from "gia mao.xlsx", the log left visible or hidden. */
  async function forgedDistrict(name: string, state: 'visible' | 'hidden' | 'veryHidden'): Promise<string> {
    const first = await gnbv('merge', await unitFile('19603 Xã Cam An.xlsx', '19603'), '-o', out(`${name}-first`), '--allow-errors');
    assert.equal(first.code, 0, first.stderr);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out(`${name}-first`));
    const log = workbook.getWorksheet('Nhật ký')!;
    let forged = 0;
    log.eachRow((row, n) => {
      if (n > 4 && String(row.getCell(2).value).includes('Cam An')) (row.getCell(2).value = 'gia mao.xlsx'), forged++;
    });
    assert.equal(forged, 3, 'the log names the three sheets of Cam An');
    log.state = state;
    await workbook.xlsx.writeFile(out(name));
    return out(name);
  }
  const logFiles = async (file: string) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const files: string[] = [];
    workbook.getWorksheet('Nhật ký')!.eachRow((row, n) => void (n > 4 && files.push(String(row.getCell(2).value))));
    return files;
  };

  test('a visible log is read: the unit sheets keep the file it names (the control)', async () => {
    const run = await gnbv('merge', await forgedDistrict('log-shown', 'visible'), '-o', out('log-shown-again'), '--allow-errors');
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(await logFiles(out('log-shown-again')), ['gia mao.xlsx', 'gia mao.xlsx', 'gia mao.xlsx']);
  });

  for (const state of ['hidden', 'veryHidden'] as const) {
    test(`a ${state} log is not read: the sheets are said to come from the district workbook itself, and the hidden sheet is reported`, async () => {
      const district = await forgedDistrict(`log-${state}`, state);
      const run = await gnbv('merge', district, '-o', out(`log-${state}-again`), '--allow-errors');
      assert.equal(run.code, 0, run.stderr);
      const files = await logFiles(out(`log-${state}-again`));
      assert.ok(!files.includes('gia mao.xlsx'), files.join());
      // Cam An's three sheets, and the row saying the hidden log was not read.
      assert.deepEqual(files, Array(4).fill(path.basename(district)));
      assert.match(run.stdout, /trang ẩn "Nhật ký" không được đọc/);
    });
  }
});

describe('two files for one unit', () => {
  test('are listed (size, SHA-256 prefix, errors) and nothing is written until --prefer names one', async () => {
    const first = await unitFile('19603 Xã Cam An.xlsx', '19603');
    const second = await unitFile('Xã Cam An gửi lại.xlsx', '19603', (wb) => {
      wb.getWorksheet('PL01')!.getCell(a1(pl01.rows.get('giao_duc')!, pl01.columns.get('kp_2016')!)).value = -1;
    });
    const run = await gnbv('merge', first, second, '-o', out('twice'), '--allow-errors');
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Hai tệp cùng gửi PL01, PL02, NV của Xã Cam An/);
    assert.match(run.stderr, /19603 Xã Cam An\.xlsx \([\d.]+ byte; sửa lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}; SHA-256 [0-9a-f]{12}…; 0 lỗi/);
    assert.match(run.stderr, /Xã Cam An gửi lại\.xlsx \(.*; [1-9]\d* lỗi/);
    assert.equal(await readFile(out('twice')).then(() => true, () => false), false);

    const chosen = await gnbv('merge', first, second, '-o', out('twice'), '--prefer', second, '--allow-errors');
    assert.equal(chosen.code, 0, chosen.stderr);
    assert.match(chosen.stdout, /Không dùng 19603 Xã Cam An\.xlsx \(PL01\): trùng đơn vị, đã chọn tệp Xã Cam An gửi lại\.xlsx/);
    const merged = await evaluateXlsx(new Uint8Array(await readFile(out('twice'))));
    assert.equal(merged.value('PL01 Cam An', a1(pl01.rows.get('giao_duc')!, pl01.columns.get('kp_2016')!)), -1);
  });
});

describe('provenance', () => {
  test('the log keeps each unit sheet\'s original file, SHA-256 and time across re-merges, and logs replacements', async () => {
    const camAn = await unitFile('19603 Xã Cam An.xlsx', '19603');
    const camThuy = await unitFile('19606 Xã Cam Thủy.xlsx', '19606');
    const corrected = await unitFile('19606 Xã Cam Thủy (sửa).xlsx', '19606', (wb) => {
      wb.getWorksheet('PL01')!.getCell(a1(pl01.rows.get('giao_duc')!, pl01.columns.get('ghi_chu')!)).value = 'đã sửa';
    });
    assert.equal((await gnbv('merge', camAn, camThuy, '-o', out('round1'), '--allow-errors')).code, 0);
    const round2 = await gnbv('merge', out('round1'), corrected, '-o', out('round2'), '--allow-errors');
    assert.equal(round2.code, 0, round2.stderr);
    assert.match(round2.stdout, /Thay trang "PL01 Cam Thủy" \(Xã Cam Thủy\) của sổ round1\.xlsx bằng tệp 19606 Xã Cam Thủy \(sửa\)\.xlsx/);
    assert.equal((await gnbv('merge', out('round2'), '-o', out('round3'), '--allow-errors')).code, 0);

    const sha = (bytes: Buffer) => import('node:crypto').then(({ createHash }) => createHash('sha256').update(bytes).digest('hex'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out('round3'));
    const rows: Record<string, string[]> = {};
    workbook.getWorksheet('Nhật ký')!.eachRow((row, n) => {
      if (n > 4) rows[String(row.getCell(10).value)] = [1, 2, 6, 9].map((c) => String(row.getCell(c).value));
    });
    assert.deepEqual(rows['PL01 Cam An']!.slice(1, 3), ['19603 Xã Cam An.xlsx', await sha(await readFile(camAn))]);
    assert.deepEqual(rows['PL01 Cam Thủy']!.slice(1, 3), ['19606 Xã Cam Thủy (sửa).xlsx', await sha(await readFile(corrected))]);
    // Received at 09:30 in Vietnam (02:30 UTC), shown on Vietnam's clock through every re-merge.
    assert.equal(rows['PL01 Cam An']![0]!, '09:30 ngày 20/07/2018');
    assert.match(rows['PL01 Cam An']![3]!, /Giữ từ lần gộp trước/);
  });
});

describe('another district is data, not code', () => {
  test('--units loads its list: sample, validate and merge with its communes and departments; a bad list is refused', async () => {
    const list = { ...gioLinhUnitList([{ code: 'YT', name: 'Phòng Y tế', shortName: 'P.Y tế', leads: { PL01: ['yte'] } }]), departmentTolerance: 0.1 };
    const units = path.join(dir, 'gio-linh.json');
    await writeFile(units, JSON.stringify(list));
    const samples = path.join(dir, 'gio-linh');
    assert.equal((await gnbv('sample', '--units', units, '-o', samples)).code, 0);
    const files = ['19300 Thị trấn Gio Linh - Phu luc 01-02.xlsx', '19303 Xã Gio An - Phu luc 01-02.xlsx', 'YT Phòng Y tế huyện Gio Linh - Phu luc.xlsx'].map((f) => path.join(samples, f));
    assert.equal((await gnbv('validate', '--units', units, ...files)).code, 0);
    const run = await gnbv('merge', '--units', units, ...files, '-o', out('gio-linh'), '--allow-errors');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Đã nhận 2\/2 đơn vị/);
    assert.match(run.stdout, /Phòng, ban đã nhận 1\/1: Phòng Y tế/);
    const merged = await evaluateXlsx(new Uint8Array(await readFile(out('gio-linh'))));
    assert.deepEqual(merged.sheetNames().filter((n) => n.startsWith('PL01')), ['PL01 Tổng hợp', 'PL01 TT Gio Linh', 'PL01 Gio An', 'PL01 P.Y tế']);
    assert.equal(merged.value('PL01 Tổng hợp', 'A4'), 'Đơn vị báo cáo: Huyện Gio Linh');
    // The shipped Cam Lộ list does not know these units: held back, nothing written.
    assert.equal((await gnbv('merge', ...files, '-o', out('gio-linh-as-cam-lo'), '--allow-errors')).code, 1);

    await writeFile(units, JSON.stringify({ ...list, departments: [{ ...list.departments[0], leads: { PL01: ['y_te'] } }] }));
    const bad = await gnbv('validate', '--units', units, ...files);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /departments\.0\.leads\.PL01: mẫu PL01 không có dòng "y_te"/);
  });
});
