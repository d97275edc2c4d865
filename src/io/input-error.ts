import { LocalizedError } from '../engine/localized-error.js';

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
  | 'corrupt'
  | 'file-too-large'
  | 'too-many-cells';

/** Figures a message names: the sheet over its budget, the limit, the file's size. */
export interface InputFacts {
  sheet?: string;
  limit?: number;
  bytes?: number;
  /** The sheet is over its budget in rows, not cells. */
  rows?: boolean;
}

type Text = { vi: string; en: string };

const MESSAGES: Record<InputProblem, Text | ((facts: InputFacts) => Text)> = {
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
  'too-large': ({ sheet, bytes = 0, limit = 0 }) =>
    sheet === undefined
      ? {
          vi: 'Tệp quá lớn so với một phụ lục (trang tính có quá nhiều ô). Hãy xóa các dòng, cột thừa rồi lưu lại.',
          en: 'The file is far too large for an annex (a sheet has too many cells). Delete the extra rows and columns and save again.',
        }
      : {
          vi: `Trang tính "${sheet}" quá lớn: ${megabytes(bytes, 'vi')} MB khi giải nén, giới hạn ${megabytes(limit, 'vi')} MB (một phụ lục chỉ vài chục KB), có lẽ một cột đã bị điền xuống tới dòng 1.048.576: không đọc. Hãy xóa các dòng, cột thừa rồi lưu lại.`,
          en: `Sheet "${sheet}" is too large: ${megabytes(bytes, 'en')} MB uncompressed, over the ${megabytes(limit, 'en')} MB limit (an annex is a few dozen KB); a column was probably filled down to row 1,048,576: not read. Delete the extra rows and columns and save it again.`,
        },
  unknown: { vi: 'Không nhận ra định dạng tệp: đây không phải tệp .xlsx.', en: 'Unrecognised file format: this is not an .xlsx file.' },
  corrupt: {
    vi: 'Tệp .xlsx bị hỏng, không đọc được nội dung. Hãy mở trong Excel (Excel có thể sửa tệp) và lưu lại.',
    en: 'The .xlsx file is damaged and its content cannot be read. Open it in Excel (which may repair it) and save it again.',
  },
  'file-too-large': ({ bytes = 0, limit = 0 }) => ({
    vi: `Tệp nặng ${megabytes(bytes, 'vi')} MB, quá giới hạn ${megabytes(limit, 'vi')} MB cho một tệp báo cáo (một phụ lục chỉ vài chục KB): không đọc. Hãy kiểm tra có đúng tệp không; nếu đúng, mở trong Excel, xóa hình ảnh và các dòng, cột thừa rồi lưu lại.`,
    en: `The file is ${megabytes(bytes, 'en')} MB, over the ${megabytes(limit, 'en')} MB limit for a report file (an annex is a few dozen KB): not read. Check that it is the right file; if it is, open it in Excel, delete pictures and extra rows and columns, and save it again.`,
  }),
  'too-many-cells': ({ sheet, limit = 0, rows }) =>
    rows
      ? {
          vi: `Trang tính "${sheet}" có hơn ${count(limit, 'vi')} dòng (một phụ lục chỉ vài chục dòng), có lẽ đã bị định dạng xuống tới dòng 1.048.576: không đọc. Hãy chọn từ dòng trống đầu tiên dưới bảng đến cuối trang (Ctrl+Shift+↓), xóa các dòng đó rồi lưu lại.`,
          en: `Sheet "${sheet}" has over ${count(limit, 'en')} rows (an annex has a few dozen); it was probably formatted down to row 1,048,576: not read. Select from the first empty row below the table to the end of the sheet (Ctrl+Shift+Down), delete those rows and save it again.`,
        }
      : sheet === undefined
      ? {
          vi: `Sổ có hơn ${count(limit, 'vi')} ô (một phụ lục chỉ dưới 2.000 ô): không đọc. Hãy xóa các trang tính, dòng, cột thừa rồi lưu lại.`,
          en: `The workbook has over ${count(limit, 'en')} cells (an annex has under 2,000): not read. Delete the extra sheets, rows and columns and save it again.`,
        }
      : {
          vi: `Trang tính "${sheet}" có hơn ${count(limit, 'vi')} ô (một phụ lục chỉ dưới 2.000 ô), có lẽ một cột đã bị điền hoặc định dạng xuống tới dòng 1.048.576: không đọc. Hãy chọn từ dòng trống đầu tiên dưới bảng đến cuối trang (Ctrl+Shift+↓), xóa các dòng đó (và các cột thừa) rồi lưu lại.`,
          en: `Sheet "${sheet}" has over ${count(limit, 'en')} cells (an annex has under 2,000); a column was probably filled or formatted down to row 1,048,576: not read. Select from the first empty row below the table to the end of the sheet (Ctrl+Shift+Down), delete those rows (and extra columns) and save it again.`,
        },
};

function count(n: number, lang: 'vi' | 'en'): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, lang === 'vi' ? '.' : ',');
}

function megabytes(bytes: number, lang: 'vi' | 'en'): string {
  const text = (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
  return lang === 'vi' ? text.replace('.', ',') : text;
}

export class InputError extends LocalizedError {
  constructor(
    readonly file: string,
    readonly problem: InputProblem,
    readonly detail?: string,
    readonly facts: InputFacts = {},
  ) {
    const message = MESSAGES[problem];
    const text = typeof message === 'function' ? message(facts) : message;
    super(`${file}: ${text.vi}`, `${file}: ${text.en}`);
  }
}
