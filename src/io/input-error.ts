/** Why a received file could not be read, with what to do, in Vietnamese first. */
export type InputProblem =
  | 'not-found'
  | 'unreadable'
  | 'empty'
  | 'xls'
  | 'encrypted'
  | 'text'
  | 'truncated'
  | 'not-xlsx-zip'
  | 'too-large'
  | 'unknown'
  | 'corrupt';

const MESSAGES: Record<InputProblem, { vi: string; en: string }> = {
  'not-found': { vi: 'Không tìm thấy tệp. Kiểm tra lại đường dẫn.', en: 'File not found. Check the path.' },
  unreadable: { vi: 'Không đọc được tệp (không có quyền hoặc là thư mục).', en: 'The file cannot be read (no permission, or it is a folder).' },
  empty: { vi: 'Tệp rỗng (0 byte). Hãy xin đơn vị gửi lại tệp.', en: 'The file is empty (0 bytes). Ask the unit to send it again.' },
  xls: {
    vi: 'Tệp .xls (Excel 97-2003): hãy mở trong Excel và lưu lại dạng .xlsx (Tệp > Lưu thành > Sổ làm việc Excel).',
    en: 'An .xls file (Excel 97-2003): open it in Excel and save it as .xlsx (File > Save As > Excel Workbook).',
  },
  encrypted: {
    vi: 'Tệp được đặt mật khẩu. Hãy mở bằng mật khẩu, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi lưu lại.',
    en: 'The workbook is password-protected. Open it with the password, remove the password (File > Info > Protect Workbook) and save it again.',
  },
  text: {
    vi: 'Tệp là văn bản (CSV hoặc trang web) được đặt tên .xlsx. Hãy mở trong Excel và lưu lại dạng .xlsx.',
    en: 'The file is text (CSV or a web page) named .xlsx. Open it in Excel and save it as .xlsx.',
  },
  truncated: {
    vi: 'Tệp bị cắt cụt (tải về chưa xong hoặc đính kèm lỗi). Hãy tải lại hoặc xin đơn vị gửi lại.',
    en: 'The file is truncated (an unfinished download or a broken attachment). Download it again or ask the unit to resend it.',
  },
  'not-xlsx-zip': {
    vi: 'Tệp không phải sổ làm việc Excel (.xlsx) mà là loại tệp khác (Word, OpenDocument, .xlsb…). Hãy lưu lại dạng .xlsx.',
    en: 'The file is not an Excel workbook (.xlsx) but another kind (Word, OpenDocument, .xlsb…). Save it as .xlsx.',
  },
  'too-large': {
    vi: 'Tệp quá lớn so với một phụ lục (trang tính có quá nhiều ô). Hãy xóa các dòng, cột thừa rồi lưu lại.',
    en: 'The file is far too large for an annex (a sheet has too many cells). Delete the extra rows and columns and save again.',
  },
  unknown: { vi: 'Không nhận ra định dạng tệp: đây không phải tệp .xlsx.', en: 'Unrecognised file format: this is not an .xlsx file.' },
  corrupt: {
    vi: 'Tệp .xlsx bị hỏng, không đọc được nội dung. Hãy mở trong Excel (Excel có thể sửa tệp) và lưu lại.',
    en: 'The .xlsx file is damaged and its content cannot be read. Open it in Excel (which may repair it) and save it again.',
  },
};

export class InputError extends Error {
  readonly vi: string;
  readonly en: string;
  constructor(
    readonly file: string,
    readonly problem: InputProblem,
    readonly detail?: string,
  ) {
    const text = MESSAGES[problem];
    super(`${file}: ${text.vi}`);
    this.name = 'InputError';
    this.vi = `${file}: ${text.vi}`;
    this.en = `${file}: ${text.en}`;
  }
}
