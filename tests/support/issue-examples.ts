import type { IssueCode, RawIssueOf } from '../../src/engine/issues.js';

/**
 * One raw issue per code with every param its schema declares (ISSUE_PARAMS), so each message
 * can be rendered in full: typed per code, so a code added without an example does not compile.
 */
export const EXAMPLE_ISSUES: { [C in IssueCode]: RawIssueOf<C> } = {
  'locate/no-annex': { code: 'locate/no-annex' },
  'locate/missing-row': { code: 'locate/missing-row', expected: 'Giáo dục' },
  'locate/missing-column': { code: 'locate/missing-column', expected: 'Năm 2016 / Kinh phí' },
  'locate/unknown-row': { code: 'locate/unknown-row', actual: 'Dòng lạ' },
  'locate/unknown-column': { code: 'locate/unknown-column', actual: 'Cột lạ' },
  'locate/duplicate-row': { code: 'locate/duplicate-row', actual: 'Giáo dục' },
  'locate/too-large': { code: 'locate/too-large', params: { rows: 70001, columns: 12 } },
  'cell/not-number': { code: 'cell/not-number', actual: 'chưa có' },
  'cell/text-number': { code: 'cell/text-number', actual: '12,5', expected: 12.5 },
  'cell/ambiguous-number': { code: 'cell/ambiguous-number', actual: '1.234', params: { vi: 1234, en: 1.234 } },
  'cell/negative': { code: 'cell/negative', actual: -1 },
  'cell/not-integer': { code: 'cell/not-integer', actual: 0.5 },
  'cell/blank': { code: 'cell/blank', actual: null },
  'cell/formula-error': { code: 'cell/formula-error', actual: '#REF!' },
  'sum/rows': { code: 'sum/rows', actual: 10, expected: 9, params: { parts: 2, partCells: 'C14 + C15', difference: 1 } },
  'sum/columns': { code: 'sum/columns', actual: 10, expected: 9, params: { parts: 3, partCells: 'C13 + G13 + K13', difference: 1, groupVi: 'theo nguồn', groupEn: 'by source' } },
  'ofwhich/exceeds': { code: 'ofwhich/exceeds', actual: 5, expected: 4, params: { total: 'tong' } },
  'ofwhich/parts-exceed': { code: 'ofwhich/parts-exceed', actual: 5, expected: 4, params: { parts: 3 } },
  'households/over-persons': { code: 'households/over-persons', actual: 5, expected: 4, params: { persons: 'nguoi_2016' } },
  'communes/over-scope': { code: 'communes/over-scope', actual: 10, expected: 9 },
  'cross/mismatch': { code: 'cross/mismatch', actual: 5, expected: 4, params: { otherSheet: 'PL02', otherCell: 'D12', otherTemplate: 'PL02' } },
  'cross/missing-sheet': { code: 'cross/missing-sheet', params: { otherTemplate: 'PL02' } },
  'trend/jump': { code: 'trend/jump', actual: 5000, expected: 50, params: { factor: 20, previousCell: 'C13' } },
  'locate/duplicate-column': { code: 'locate/duplicate-column', actual: 'Năm 2016', expected: 'Năm 2016 / Kinh phí', params: { columns: 'D, E' } },
  'locate/column-mismatch': { code: 'locate/column-mismatch', actual: 'Năm 2061', expected: 'Năm 2016 / Kinh phí', params: { columns: 'F' } },
  'locate/sheet-unreadable': { code: 'locate/sheet-unreadable' },
  'locate/annex-not-found': { code: 'locate/annex-not-found', params: { annex: 'Phụ lục 02' } },
  'cell/not-finite': { code: 'cell/not-finite', actual: 'Infinity' },
  'cell/too-long': { code: 'cell/too-long', params: { length: 40000 } },
  'magnitude/money': { code: 'magnitude/money', actual: 635_500_000, expected: 635.5, params: { limit: 200_000, unitKindVi: 'một đơn vị cấp xã', unitKindEn: 'one commune or town', fixable: 1 } },
  'magnitude/count': { code: 'magnitude/count', actual: 9_000_000, params: { limit: 100_000, unitKindVi: 'một đơn vị cấp xã', unitKindEn: 'one commune or town' } },
  'sheet/hidden': { code: 'sheet/hidden', params: { state: 'veryHidden' } },
  'department/unled-row': { code: 'department/unled-row', params: { department: 'Phòng Lao động - Thương binh và Xã hội' } },
};
