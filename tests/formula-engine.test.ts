import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { evaluateXlsx } from './support/formula-engine.js';

const CAM_AN = 'PL01 Cam An'.normalize('NFC');
const CAM_THANH = 'PL01 Cam Thành'.normalize('NFC');
const CAM_LO = 'PL02 Thị trấn Cam Lộ'.normalize('NFC');

/** Builds a workbook with ExcelJS, writes it to .xlsx bytes and evaluates those bytes. */
async function roundTrip(build: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return evaluateXlsx(await wb.xlsx.writeBuffer());
}

test('cross-sheet sums over sheets with Vietnamese names (NFC)', async () => {
  const book = await roundTrip((wb) => {
    wb.addWorksheet(CAM_AN).getCell('E9').value = 10;
    wb.addWorksheet(CAM_THANH).getCell('E9').value = 20.5;
    wb.addWorksheet(CAM_LO).getCell('E9').value = 7;
    wb.addWorksheet('Tổng hợp').getCell('E9').value = {
      formula: `'${CAM_AN}'!E9+'${CAM_THANH}'!E9+'${CAM_LO}'!E9`,
    };
  });
  assert.deepEqual(book.sheetNames(), [CAM_AN, CAM_THANH, CAM_LO, 'Tổng hợp']);
  assert.equal(book.value('Tổng hợp', 'E9'), 37.5);
});

test('SUM over a range, beyond column Z, with cached results ignored', async () => {
  const book = await roundTrip((wb) => {
    const ws = wb.addWorksheet(CAM_THANH);
    ws.getCell('AA10').value = 1.25;
    ws.getCell('AA11').value = 2;
    ws.getCell('AA12').value = 'ghi chú'; // text in a range is ignored by SUM
    ws.getCell('AB12').value = { formula: 'SUM(AA10:AA12)', result: 999 };
  });
  assert.equal(book.value(CAM_THANH, 'AB12'), 3.25);
  assert.equal(book.value(CAM_THANH, '$AA$12'), 'ghi chú');
  assert.equal(book.value(CAM_THANH, 'AC99'), null);
});

test('IF(ABS(x-y)<0.0005,"✓",x-y) check formula', async () => {
  const book = await roundTrip((wb) => {
    const ws = wb.addWorksheet(CAM_LO);
    ws.getCell('A1').value = 5.0001;
    ws.getCell('B1').value = 5;
    ws.getCell('C1').value = { formula: 'IF(ABS(A1-B1)<0.0005,"✓",A1-B1)' };
    ws.getCell('A2').value = 5.5;
    ws.getCell('B2').value = 5;
    ws.getCell('C2').value = { formula: 'IF(ABS(A2-B2)<0.0005,"✓",A2-B2)' };
    ws.getCell('C3').value = { formula: 'IF(AND(C1="✓",C2=0.5),ROUND(2.345,2),-1)' };
  });
  assert.equal(book.value(CAM_LO, 'C1'), '✓');
  assert.equal(book.value(CAM_LO, 'C2'), 0.5);
  assert.equal(book.value(CAM_LO, 'C3'), 2.35);
});

test('text that looks like a formula, number or boolean stays text', async () => {
  const book = await roundTrip((wb) => {
    const ws = wb.addWorksheet(CAM_AN);
    ws.getCell('A1').value = '=1+1'; // ExcelJS stores a plain string, not a formula
    ws.getCell('A2').value = '+SUM(B1:B9)';
    ws.getCell('A3').value = '-5';
    ws.getCell('A4').value = '@cmd';
    ws.getCell('A5').value = 'TRUE';
    ws.getCell('A6').value = { richText: [{ text: '=HYPER' }, { text: 'LINK("x")', font: { bold: true } }] };
    ws.getCell('B1').value = { formula: 'ISTEXT(A1)' };
  });
  assert.equal(book.value(CAM_AN, 'A1'), '=1+1');
  assert.equal(book.value(CAM_AN, 'A2'), '+SUM(B1:B9)');
  assert.equal(book.value(CAM_AN, 'A3'), '-5');
  assert.equal(book.value(CAM_AN, 'A4'), '@cmd');
  assert.equal(book.value(CAM_AN, 'A5'), 'TRUE');
  assert.equal(book.value(CAM_AN, 'A6'), '=HYPERLINK("x")');
  assert.equal(book.value(CAM_AN, 'B1'), true);
});

test('a reference to a missing sheet gives an error string', async () => {
  const book = await roundTrip((wb) => {
    const ws = wb.addWorksheet(CAM_AN);
    ws.getCell('A1').value = { formula: `'PL01 Cam Không Có'!E9+1` };
    ws.getCell('A2').value = { formula: 'KHONGCO(1)' };
  });
  assert.equal(book.value(CAM_AN, 'A1'), '#REF!');
  assert.equal(book.value(CAM_AN, 'A2'), '#NAME?');
});

test('shared formulas are evaluated per cell (translated)', async () => {
  const book = await roundTrip((wb) => {
    const ws = wb.addWorksheet(CAM_THANH);
    [1, 2, 3].forEach((n, i) => (ws.getCell(i + 1, 1).value = n));
    ws.fillFormula('B1:B3', 'A1*10');
  });
  assert.equal(book.value(CAM_THANH, 'B1'), 10);
  assert.equal(book.value(CAM_THANH, 'B3'), 30);
});

test('booleans, dates, error values, merged cells and TRUE keyword', async () => {
  const book = await roundTrip((wb) => {
    const ws = wb.addWorksheet('Sheet');
    ws.getCell('A1').value = true;
    ws.getCell('A2').value = { error: '#DIV/0!' };
    ws.getCell('A3').value = 4;
    ws.mergeCells('A3:B3');
    ws.getCell('C1').value = { formula: 'IF(A1=TRUE,1,0)' };
    ws.getCell('C3').value = { formula: 'B3+A3' };
    ws.getCell('D1').value = new Date(Date.UTC(2024, 0, 15));
    ws.getCell('D2').value = { formula: 'D1-DATE(2024,1,1)' };
  });
  assert.equal(book.value('Sheet', 'A1'), true);
  assert.equal(book.value('Sheet', 'A2'), '#DIV/0!');
  assert.equal(book.value('Sheet', 'B3'), null);
  assert.equal(book.value('Sheet', 'C1'), 1);
  assert.equal(book.value('Sheet', 'C3'), 4);
  assert.equal(book.value('Sheet', 'D1'), 45306); // Excel serial number
  assert.equal(book.value('Sheet', 'D2'), 14);
  assert.throws(() => book.value('Không có', 'A1'), /No sheet named/);
});
