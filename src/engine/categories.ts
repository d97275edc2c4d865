import type { IssueCode } from './issues.js';
import type { Language } from './messages.js';

/**
 * What an official calls each kind of issue, with one line saying what it means. The code stays
 * the stable key (in --json, and as a tooltip in the pane); people read these names.
 */
export interface Category {
  name: string;
  hint: string;
}

export const CATEGORIES: Record<Language, Record<IssueCode, Category>> = {
  vi: {
    'locate/no-annex': { name: 'Không có bảng phụ lục', hint: 'Không nhận ra bảng Phụ lục 01, 02 hay nguồn vốn trên trang này.' },
    'locate/missing-row': { name: 'Thiếu dòng của mẫu', hint: 'Một dòng của mẫu biểu không có trong bảng.' },
    'locate/missing-column': { name: 'Thiếu cột của mẫu', hint: 'Một cột của mẫu biểu không có trong tiêu đề bảng.' },
    'locate/unknown-row': { name: 'Dòng lạ', hint: 'Dòng có số liệu nhưng không có trong mẫu: không được kiểm tra, không được tổng hợp.' },
    'locate/unknown-column': { name: 'Cột lạ', hint: 'Cột có số liệu nhưng không có trong mẫu: không được kiểm tra, không được tổng hợp.' },
    'locate/duplicate-row': { name: 'Dòng lặp lại', hint: 'Cùng một dòng của mẫu xuất hiện hai lần.' },
    'locate/too-large': { name: 'Trang tính quá lớn', hint: 'Trang có quá nhiều dòng, cột so với một phụ lục.' },
    'cell/not-number': { name: 'Ô không phải số', hint: 'Ô số liệu chứa chữ.' },
    'cell/text-number': { name: 'Số ghi dạng văn bản', hint: 'Số đúng nhưng lưu dạng văn bản nên Excel không cộng; có thể sửa bằng một nút.' },
    'cell/ambiguous-number': { name: 'Số không rõ cách viết', hint: 'Dấu chấm, dấu phẩy có thể hiểu theo hai cách; cần nhập lại thành số.' },
    'cell/negative': { name: 'Số âm', hint: 'Số liệu báo cáo không được âm.' },
    'cell/not-integer': { name: 'Phải là số nguyên', hint: 'Số người, số hộ, số xã là số nguyên.' },
    'cell/blank': { name: 'Ô bỏ trống', hint: 'Ô trống trong dòng đã có số liệu; không có thì nhập 0.' },
    'cell/formula-error': { name: 'Công thức bị lỗi', hint: 'Công thức cho kết quả lỗi (#VALUE!, #REF!…).' },
    'sum/rows': { name: 'Tổng không khớp các dòng thành phần', hint: 'Dòng tổng khác tổng các dòng bên dưới nó.' },
    'sum/columns': { name: 'Tổng không khớp các cột thành phần', hint: 'Cột tổng khác tổng các cột thành phần cùng dòng.' },
    'ofwhich/exceeds': { name: '"Trong đó" lớn hơn tổng', hint: 'Số "trong đó" không được lớn hơn số tổng.' },
    'ofwhich/parts-exceed': { name: 'Các loại hộ vượt tổng số hộ', hint: 'Hộ nghèo + cận nghèo + mới thoát nghèo lớn hơn tổng số hộ.' },
    'households/over-persons': { name: 'Số hộ lớn hơn số người', hint: 'Mỗi hộ có ít nhất một người.' },
    'communes/over-scope': { name: 'Số xã vượt phạm vi báo cáo', hint: 'Số xã không thể lớn hơn số đơn vị được báo cáo.' },
    'cross/mismatch': { name: 'Lệch giữa các phụ lục', hint: 'Cùng một số liệu ghi khác nhau ở hai phụ lục của cùng đơn vị.' },
    'cross/missing-sheet': { name: 'Thiếu phụ lục để đối chiếu', hint: 'Không có phụ lục kia của cùng đơn vị để so số liệu.' },
    'trend/jump': { name: 'Chênh lệch lớn so với năm trước', hint: 'Số liệu khác năm trước nhiều lần: có thể gõ nhầm.' },
    'locate/duplicate-column': { name: 'Cột trùng tiêu đề', hint: 'Hai cột mang cùng một tiêu đề của mẫu (tiêu đề năm gộp ô lệch hay gõ trùng): bảng không được tổng hợp cho đến khi sửa.' },
    'locate/column-mismatch': { name: 'Cột không khớp mẫu', hint: 'Cột có số liệu dưới tiêu đề lạ trong khi thiếu một cột của mẫu: bảng không được tổng hợp cho đến khi sửa.' },
    'locate/sheet-unreadable': { name: 'Trang bị hỏng', hint: 'Trang có trong sổ nhưng không đọc được nội dung: cần mở lại trong Excel và lưu, hoặc xin gửi lại.' },
    'locate/annex-not-found': { name: 'Không tìm thấy bảng trên trang phụ lục', hint: 'Trang có tên hay tiêu đề phụ lục nhưng không có bảng (thiếu dòng tiêu đề TT, nội dung).' },
    'cell/not-finite': { name: 'Số không hợp lệ', hint: 'Giá trị không phải số thật (NaN, vô cực): tệp hỏng hoặc do phần mềm khác ghi.' },
    'cell/too-long': { name: 'Ô quá dài', hint: 'Ô có hơn 32.767 ký tự, quá giới hạn của Excel.' },
    'magnitude/money': { name: 'Kinh phí quá lớn (có thể ghi theo đồng)', hint: 'Số tiền lớn hơn nhiều so với mức có thể; có lẽ đang ghi theo đồng thay vì triệu đồng.' },
    'magnitude/count': { name: 'Số lượng quá lớn', hint: 'Số người, số hộ vượt quá mức có thể của đơn vị: có thể gõ thừa chữ số.' },
    'sheet/hidden': { name: 'Trang bị ẩn', hint: 'GNBV không đọc trang ẩn, không dùng nó để xác định đơn vị hay tổng hợp.' },
    'department/unled-row': { name: 'Phòng, ban ghi dòng không chủ trì', hint: 'Số liệu của phòng, ban chỉ được đối chiếu ở các dòng mình chủ trì.' },
  },
  en: {
    'locate/no-annex': { name: 'No annex table', hint: 'No Phụ lục 01, 02 or capital summary table recognised on this sheet.' },
    'locate/missing-row': { name: 'Template row missing', hint: 'A row of the template is not in the table.' },
    'locate/missing-column': { name: 'Template column missing', hint: 'A column of the template is not in the table header.' },
    'locate/unknown-row': { name: 'Unknown row', hint: 'A row with figures that is not in the template: neither checked nor merged.' },
    'locate/unknown-column': { name: 'Unknown column', hint: 'A column with figures that is not in the template: neither checked nor merged.' },
    'locate/duplicate-row': { name: 'Repeated row', hint: 'The same template row appears twice.' },
    'locate/too-large': { name: 'Sheet too large', hint: 'Far more rows or columns than an annex has.' },
    'cell/not-number': { name: 'Not a number', hint: 'A figure cell holds text.' },
    'cell/text-number': { name: 'Number stored as text', hint: 'A right number stored as text, which Excel does not add; one button fixes it.' },
    'cell/ambiguous-number': { name: 'Number written ambiguously', hint: 'Its dots and commas read two ways; re-enter it as a number.' },
    'cell/negative': { name: 'Negative figure', hint: 'Report figures cannot be negative.' },
    'cell/not-integer': { name: 'Whole number needed', hint: 'Persons, households and communes are counted in whole numbers.' },
    'cell/blank': { name: 'Blank cell', hint: 'Blank in a row that has figures; enter 0 for none.' },
    'cell/formula-error': { name: 'Formula error', hint: 'A formula gives an error (#VALUE!, #REF!…).' },
    'sum/rows': { name: 'Total differs from its rows', hint: 'A total row differs from the rows below it.' },
    'sum/columns': { name: 'Total differs from its columns', hint: 'A total column differs from its part columns in the same row.' },
    'ofwhich/exceeds': { name: '"Of which" exceeds the total', hint: 'An "of which" figure cannot exceed its total.' },
    'ofwhich/parts-exceed': { name: 'Household kinds exceed the total', hint: 'Poor + near-poor + newly escaped is more than all households.' },
    'households/over-persons': { name: 'More households than persons', hint: 'Every household has at least one person.' },
    'communes/over-scope': { name: 'More communes than the report covers', hint: 'The commune count cannot exceed the units reported.' },
    'cross/mismatch': { name: 'Annexes disagree', hint: 'The same figure differs between two annexes of one unit.' },
    'cross/missing-sheet': { name: 'Annex to compare with missing', hint: "The unit's other annex is not there to compare figures with." },
    'trend/jump': { name: 'Large change from last year', hint: 'Many times last year’s figure: perhaps a slipped digit.' },
    'locate/duplicate-column': { name: 'Duplicate column header', hint: 'Two columns carry one template header (a year header merged one column off, or typed twice): the table is not merged until fixed.' },
    'locate/column-mismatch': { name: 'Column does not match the template', hint: 'A column with figures under an unknown header while a template column is missing: the table is not merged until fixed.' },
    'locate/sheet-unreadable': { name: 'Damaged sheet', hint: 'The workbook lists the sheet but its content cannot be read: save it again in Excel, or ask for it again.' },
    'locate/annex-not-found': { name: 'No table on an annex sheet', hint: 'The sheet is named or titled as an annex but holds no table (no TT and label header).' },
    'cell/not-finite': { name: 'Invalid number', hint: 'Not a real number (NaN, infinity): a damaged file or another program wrote it.' },
    'cell/too-long': { name: 'Cell too long', hint: "More than 32,767 characters, Excel's limit." },
    'magnitude/money': { name: 'Funding far too large (in đồng?)', hint: 'Far above what the unit can spend; perhaps typed in đồng instead of million đồng.' },
    'magnitude/count': { name: 'Count far too large', hint: "Persons or households beyond the unit's population: perhaps an extra digit." },
    'sheet/hidden': { name: 'Hidden sheet', hint: 'GNBV does not read hidden sheets, nor use them to identify the unit or merge.' },
    'department/unled-row': { name: 'Department filled a row it does not lead', hint: "A department's figures are compared only on the rows it leads." },
  },
};

export function categoryOf(code: IssueCode, language: Language): Category {
  return CATEGORIES[language][code];
}

/** The sheets GNBV writes into a district workbook besides the annexes: described, never checked as annexes. */
export type OwnSheet = 'completeness' | 'log';

const OWN_SHEETS: ReadonlyArray<[RegExp, OwnSheet]> = [
  [/^Tình hình nộp( \d+)?$/u, 'completeness'],
  [/^Nhật ký( \d+)?$/u, 'log'],
];

export function ownSheetKind(sheetName: string): OwnSheet | null {
  const name = sheetName.normalize('NFC');
  return OWN_SHEETS.find(([pattern]) => pattern.test(name))?.[1] ?? null;
}
