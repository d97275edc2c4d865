import type { IssueCode, IssueValue, RawIssueOf } from './issues.js';

export type Language = 'vi' | 'en';

/** What a message may say about where an issue is, besides the raw facts (of one code). */
export type MessageFactsOf<C extends IssueCode> = RawIssueOf<C> & { rowLabel?: string; columnLabel?: string };
export type MessageFacts = MessageFactsOf<IssueCode>;

type Say = (value: IssueValue | undefined) => string;
/** Each code's message reads that code's params only (issues.ts ISSUE_PARAMS): a wrong key does not compile. */
type Catalogue = { [C in IssueCode]: (issue: MessageFactsOf<C>, say: Say) => string };

const formats: Record<Language, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }),
};

function sayer(language: Language) {
  return (value: IssueValue | undefined): string => {
    if (value === null || value === undefined) return language === 'vi' ? '(trống)' : '(blank)';
    if (typeof value === 'number') return formats[language].format(value);
    return `"${value}"`;
  };
}

const where = (i: { rowLabel?: string; columnLabel?: string }, language: Language): string => {
  const parts = [i.rowLabel && `"${shorten(i.rowLabel)}"`, i.columnLabel && `"${i.columnLabel}"`].filter(Boolean);
  if (parts.length === 0) return '';
  return language === 'vi' ? `Dòng ${parts.join(', cột ')}: ` : `Row ${parts.join(', column ')}: `;
};

/** The cells a column sum adds, as the message names them: " (C13 + G13 + K13)". */
const partCells = (i: MessageFactsOf<'sum/rows' | 'sum/columns'>): string => (i.params.partCells ? ` (${i.params.partCells})` : '');

function shorten(label: string): string {
  return label.length > 60 ? `${label.slice(0, 57)}…` : label;
}

const vi: Catalogue = {
  'locate/no-annex': () => 'Không tìm thấy bảng Phụ lục 01, Phụ lục 02 hay bảng nguồn vốn: cần có dòng tiêu đề với cột "TT" và cột nội dung. Hãy dùng mẫu biểu của GNBV.',
  'locate/missing-row': (i, say) => `Không tìm thấy dòng ${say(i.expected)} trong bảng. Nếu đơn vị không có số liệu, vẫn giữ dòng và để trống.`,
  'locate/missing-column': (i, say) => `Không tìm thấy cột ${say(i.expected)} trong tiêu đề bảng. Kiểm tra lại tiêu đề cột.`,
  'locate/unknown-row': (i, say) => `Dòng ${say(i.actual)} có số liệu nhưng không thuộc mẫu biểu: số liệu này không được kiểm tra hay tổng hợp. Sửa tên dòng theo mẫu.`,
  'locate/unknown-column': (i, say) => `Cột ${say(i.actual)} có số liệu nhưng không thuộc mẫu biểu: không được kiểm tra hay tổng hợp.`,
  'locate/duplicate-row': (i, say) => `Dòng ${say(i.actual)} xuất hiện hai lần; chỉ dòng đầu được dùng.`,
  'locate/too-large': (i) => `Trang tính quá lớn (${i.params.rows} dòng × ${i.params.columns} cột): phụ lục chỉ có vài chục dòng. Hãy xóa các dòng, cột thừa.`,
  'cell/not-number': (i, say) => `${where(i, 'vi')}${say(i.actual)} không phải là số. Nhập số (hoặc để trống nếu không báo cáo).`,
  'cell/text-number': (i, say) => `${where(i, 'vi')}số ${say(i.actual)} đang được lưu dạng văn bản, Excel sẽ không cộng. Chuyển thành số ${say(i.expected)}.`,
  'cell/ambiguous-number': (i, say) =>
    `${where(i, 'vi')}${say(i.actual)} có thể là ${say(i.params.vi)} (kiểu Việt Nam) hoặc ${say(i.params.en)} (kiểu Anh-Mỹ). Nhập lại dưới dạng số.`,
  'cell/negative': (i, say) => `${where(i, 'vi')}số âm ${say(i.actual)}: số liệu không được âm.`,
  'cell/not-integer': (i, say) => `${where(i, 'vi')}${say(i.actual)} phải là số nguyên (đếm người, hộ, xã).`,
  'cell/blank': (i) => `${where(i, 'vi')}ô trống trong khi các ô khác của dòng có số liệu. Trống là "chưa báo cáo"; nếu không có, hãy nhập 0.`,
  'cell/formula-error': (i, say) => `${where(i, 'vi')}công thức bị lỗi ${say(i.actual)}. Sửa công thức hoặc nhập số.`,
  'sum/rows': (i, say) =>
    i.actual === null
      ? `${where(i, 'vi')}dòng tổng để trống, trong khi tổng các dòng thành phần là ${say(i.expected)}.`
      : `${where(i, 'vi')}tổng ${say(i.actual)} khác tổng các dòng thành phần ${say(i.expected)} (chênh lệch ${say(i.params.difference)}).`,
  'sum/columns': (i, say) => {
    const group = i.params.groupVi ? ` ${i.params.groupVi}` : '';
    return i.actual === null
      ? `${where(i, 'vi')}ô tổng để trống, trong khi tổng các cột${group}${partCells(i)} là ${say(i.expected)}.`
      : `${where(i, 'vi')}tổng ${say(i.actual)} khác tổng các cột${group}${partCells(i)} ${say(i.expected)} (chênh lệch ${say(i.params.difference)}).`;
  },
  'ofwhich/exceeds': (i, say) => `${where(i, 'vi')}số "trong đó" ${say(i.actual)} lớn hơn tổng ${say(i.expected)}.`,
  'ofwhich/parts-exceed': (i, say) => `${where(i, 'vi')}hộ nghèo + cận nghèo + mới thoát nghèo = ${say(i.actual)}, lớn hơn tổng số hộ ${say(i.expected)}.`,
  'households/over-persons': (i, say) => `${where(i, 'vi')}số hộ ${say(i.actual)} lớn hơn số người ${say(i.expected)}: mỗi hộ có ít nhất một người.`,
  'communes/over-scope': (i, say) => `${where(i, 'vi')}số xã ${say(i.actual)} lớn hơn số đơn vị trong phạm vi báo cáo (${say(i.expected)}). Số xã không cộng dồn.`,
  'cross/mismatch': (i, say) =>
    `${where(i, 'vi')}${say(i.actual)} khác số liệu ở trang "${i.params.otherSheet}" ô ${i.params.otherCell} (${say(i.expected)}).`,
  'cross/missing-sheet': (i) => `Không có trang ${i.params.otherTemplate} của cùng đơn vị để đối chiếu số liệu nguồn vốn.`,
  'trend/jump': (i, say) =>
    `${where(i, 'vi')}${say(i.actual)} chênh hơn ${i.params.factor} lần so với năm trước (${say(i.expected)}, ô ${i.params.previousCell}). Kiểm tra lại (gõ nhầm chữ số, đơn vị đồng/triệu đồng?).`,
  'locate/duplicate-column': (i, say) =>
    `Các cột ${i.params.columns} cùng mang tiêu đề ${say(i.actual)}, trong khi mẫu chỉ có một cột ${say(i.expected)}. Tiêu đề năm hoặc nhóm cột có thể bị gộp ô lệch hay gõ trùng: sửa tiêu đề cho đúng. Bảng này chưa được tổng hợp hay chèn công thức cho đến khi sửa.`,
  'locate/column-mismatch': (i, say) =>
    `Cột ${i.params.columns} (tiêu đề ${say(i.actual)}) có số liệu nhưng không khớp cột nào của mẫu, trong khi bảng thiếu cột ${say(i.expected)}. Tiêu đề có thể bị gộp ô lệch hoặc gõ sai: sửa tiêu đề cho đúng. Bảng này chưa được tổng hợp hay chèn công thức cho đến khi sửa.`,
  'locate/sheet-unreadable': () => 'Trang tính này bị hỏng hoặc thiếu nội dung trong tệp (không đọc được). Hãy mở tệp trong Excel, kiểm tra trang và lưu lại, hoặc xin đơn vị gửi lại tệp.',
  'locate/annex-not-found': (i) =>
    `Trang này có vẻ là ${i.params.annex} nhưng không tìm thấy bảng (cần dòng tiêu đề với cột "TT" và cột nội dung). Số liệu của trang không được kiểm tra hay tổng hợp. Hãy dùng mẫu biểu của GNBV.`,
  'cell/not-finite': (i, say) => `${where(i, 'vi')}giá trị ${say(i.actual)} không phải là số hợp lệ (tệp bị hỏng hoặc do phần mềm khác ghi). Nhập lại số.`,
  'cell/too-long': (i) => `${where(i, 'vi')}ô có ${i.params.length} ký tự, vượt giới hạn 32.767 ký tự của Excel. Rút ngắn nội dung.`,
  'magnitude/money': (i, say) =>
    `${where(i, 'vi')}kinh phí ${say(i.actual)} triệu đồng lớn hơn nhiều so với mức có thể của ${i.params.unitKindVi} (tối đa ${say(i.params.limit)} triệu): có thể đang ghi theo đồng. Nếu đúng vậy, chia cho 1.000.000: ${say(i.expected)} triệu đồng.`,
  'magnitude/count': (i, say) =>
    `${where(i, 'vi')}${say(i.actual)} vượt quá mức có thể của ${i.params.unitKindVi} (tối đa ${say(i.params.limit)}). Kiểm tra lại (gõ thừa chữ số?).`,
  'sheet/hidden': (i) =>
    `Trang này đang bị ẩn${i.params.state === 'veryHidden' ? ' ở mức "very hidden" (chỉ hiện được bằng VBA)' : ''}: GNBV không đọc trang ẩn, không dùng nó để xác định đơn vị hay gộp số liệu. Nếu trang có số liệu cần gửi, hãy hiện trang (Unhide) rồi gửi lại tệp.`,
  'department/unled-row': (i) =>
    `${where(i, 'vi')}${i.params.department} không chủ trì dòng này nhưng đã ghi số liệu. Số liệu của phòng, ban chỉ được đối chiếu ở các dòng mình chủ trì; hãy để trống dòng này hoặc kiểm tra lại danh sách dòng chủ trì trong danh sách đơn vị.`,
};

const en: Catalogue = {
  'locate/no-annex': () => 'No Phụ lục 01, Phụ lục 02 or capital summary table found: a header row with a "TT" column and a label column is needed. Use the GNBV templates.',
  'locate/missing-row': (i, say) => `Row ${say(i.expected)} was not found in the table. If the unit has no figures, keep the row and leave it blank.`,
  'locate/missing-column': (i, say) => `Column ${say(i.expected)} was not found in the table header. Check the column headers.`,
  'locate/unknown-row': (i, say) => `Row ${say(i.actual)} has figures but is not part of the template: they are neither checked nor merged. Rename the row as in the template.`,
  'locate/unknown-column': (i, say) => `Column ${say(i.actual)} has figures but is not part of the template: they are neither checked nor merged.`,
  'locate/duplicate-row': (i, say) => `Row ${say(i.actual)} appears twice; only the first is used.`,
  'locate/too-large': (i) => `The sheet is too large (${i.params.rows} rows × ${i.params.columns} columns): an annex has a few dozen rows. Delete the extra rows and columns.`,
  'cell/not-number': (i, say) => `${where(i, 'en')}${say(i.actual)} is not a number. Enter a number (or leave it blank if not reported).`,
  'cell/text-number': (i, say) => `${where(i, 'en')}the number ${say(i.actual)} is stored as text, which Excel does not add up. Convert it to the number ${say(i.expected)}.`,
  'cell/ambiguous-number': (i, say) =>
    `${where(i, 'en')}${say(i.actual)} may be ${say(i.params.vi)} (Vietnamese style) or ${say(i.params.en)} (US style). Re-enter it as a number.`,
  'cell/negative': (i, say) => `${where(i, 'en')}negative value ${say(i.actual)}: figures cannot be negative.`,
  'cell/not-integer': (i, say) => `${where(i, 'en')}${say(i.actual)} must be a whole number (persons, households, communes).`,
  'cell/blank': (i) => `${where(i, 'en')}blank while the rest of the row has figures. Blank means "not reported"; enter 0 for none.`,
  'cell/formula-error': (i, say) => `${where(i, 'en')}the formula gives the error ${say(i.actual)}. Fix the formula or enter a number.`,
  'sum/rows': (i, say) =>
    i.actual === null
      ? `${where(i, 'en')}the total is blank while its child rows add up to ${say(i.expected)}.`
      : `${where(i, 'en')}the total ${say(i.actual)} differs from the sum of its child rows ${say(i.expected)} (difference ${say(i.params.difference)}).`,
  'sum/columns': (i, say) => {
    const group = i.params.groupEn ? ` ${i.params.groupEn}` : '';
    return i.actual === null
      ? `${where(i, 'en')}the total is blank while its columns${group}${partCells(i)} add up to ${say(i.expected)}.`
      : `${where(i, 'en')}the total ${say(i.actual)} differs from the sum of its columns${group}${partCells(i)} ${say(i.expected)} (difference ${say(i.params.difference)}).`;
  },
  'ofwhich/exceeds': (i, say) => `${where(i, 'en')}the "of which" figure ${say(i.actual)} exceeds its total ${say(i.expected)}.`,
  'ofwhich/parts-exceed': (i, say) => `${where(i, 'en')}poor + near-poor + newly escaped households = ${say(i.actual)}, more than the total ${say(i.expected)}.`,
  'households/over-persons': (i, say) => `${where(i, 'en')}${say(i.actual)} households is more than ${say(i.expected)} persons: every household has at least one person.`,
  'communes/over-scope': (i, say) => `${where(i, 'en')}${say(i.actual)} communes is more than the units this report covers (${say(i.expected)}). Communes do not add up.`,
  'cross/mismatch': (i, say) => `${where(i, 'en')}${say(i.actual)} differs from sheet "${i.params.otherSheet}" cell ${i.params.otherCell} (${say(i.expected)}).`,
  'cross/missing-sheet': (i) => `No ${i.params.otherTemplate} sheet of the same unit to cross-check the capital figures against.`,
  'trend/jump': (i, say) =>
    `${where(i, 'en')}${say(i.actual)} differs more than ${i.params.factor}-fold from the year before (${say(i.expected)}, cell ${i.params.previousCell}). Check for a slipped digit or đồng vs triệu đồng.`,
  'locate/duplicate-column': (i, say) =>
    `Columns ${i.params.columns} all carry the header ${say(i.actual)}, while the template has one column ${say(i.expected)}. A year or group header may be merged over the wrong columns or typed twice: fix the header. This table is neither merged nor totalled until then.`,
  'locate/column-mismatch': (i, say) =>
    `Column ${i.params.columns} (header ${say(i.actual)}) has figures but matches no template column, while the table lacks ${say(i.expected)}. The header may be merged over the wrong columns or mistyped: fix it. This table is neither merged nor totalled until then.`,
  'locate/sheet-unreadable': () => 'This sheet is damaged or missing from the file (it cannot be read). Open the file in Excel, check the sheet and save it again, or ask the unit to resend it.',
  'locate/annex-not-found': (i) =>
    `This sheet looks like ${i.params.annex} but no table was found (a header row with a "TT" column and a label column is needed). Its figures are neither checked nor merged. Use the GNBV templates.`,
  'cell/not-finite': (i, say) => `${where(i, 'en')}${say(i.actual)} is not a valid number (a damaged file, or written by another program). Enter the number again.`,
  'cell/too-long': (i) => `${where(i, 'en')}the cell holds ${i.params.length} characters, more than Excel's limit of 32,767. Shorten it.`,
  'magnitude/money': (i, say) =>
    `${where(i, 'en')}${say(i.actual)} million đồng is far more than ${i.params.unitKindEn} can spend (at most ${say(i.params.limit)} million): it may be typed in đồng. If so, divide by 1,000,000: ${say(i.expected)} million đồng.`,
  'magnitude/count': (i, say) => `${where(i, 'en')}${say(i.actual)} is more than ${i.params.unitKindEn} can have (at most ${say(i.params.limit)}). Check it (an extra digit?).`,
  'sheet/hidden': (i) =>
    `This sheet is hidden${i.params.state === 'veryHidden' ? ' as "very hidden" (only VBA can show it)' : ''}: GNBV does not read hidden sheets, nor use them to identify the unit or merge figures. If it holds figures to send, unhide it and send the file again.`,
  'department/unled-row': (i) =>
    `${where(i, 'en')}${i.params.department} does not lead this row but filled it. A department's figures are compared only on the rows it leads; leave this row blank or check the led rows in the unit list.`,
};

export const CATALOGUES: Record<Language, Catalogue> = { vi, en };

export function renderMessage<C extends IssueCode>(issue: MessageFactsOf<C> & { code: C }, language: Language): string {
  const message: Catalogue[C] = CATALOGUES[language][issue.code];
  return message(issue, sayer(language));
}
