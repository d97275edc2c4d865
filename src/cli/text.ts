import type { Language } from '../engine/messages.js';

export const HELP: Record<Language, string> = {
  vi: `gnbv - kiểm tra và tổng hợp Phụ lục 01/02 báo cáo giảm nghèo (.xlsx)

Cách dùng:
  gnbv validate TỆP… [--json]              Kiểm tra các tệp. Mã thoát: 0 không lỗi, 1 có lỗi, 2 không đọc được tệp
  gnbv merge TỆP… -o KẾT_QUẢ.xlsx [--district cam-lo] [--force] [--allow-errors]
                                           Gộp báo cáo các xã thành sổ tổng hợp của huyện
                                           (có thể đưa vào sổ tổng hợp cũ để thay số liệu một xã).
                                           Mã thoát: 0 đã ghi, 1 có đơn vị có lỗi (không ghi gì nếu thiếu
                                           --allow-errors), 2 không đọc được tệp hoặc sai cách dùng
  gnbv totals TỆP -o KẾT_QUẢ.xlsx [--force] Chèn công thức tổng và ô kiểm tra vào các phụ lục (số dạng văn bản
                                           được đổi thành số; mã thoát 1, không ghi gì nếu có ô không phải số)
  gnbv template PL01|PL02|NV|ALL [--unit "Xã Cam An"] -o TỆP.xlsx [--force]
                                           Tạo mẫu biểu trống (tổng đã là công thức)
  gnbv sample -o THƯ_MỤC [--force]         Tạo bộ số liệu mẫu của 9 đơn vị huyện Cam Lộ

Tùy chọn chung:
  --lang en      Thông báo bằng tiếng Anh
  --district ID  Danh sách đơn vị (mặc định: cam-lo)
  --help         Trợ giúp này
`,
  en: `gnbv - check and consolidate the poverty-reduction report annexes Phụ lục 01/02 (.xlsx)

Usage:
  gnbv validate FILE… [--json]             Check files. Exit code: 0 no errors, 1 errors found, 2 a file could not be read
  gnbv merge FILE… -o OUT.xlsx [--district cam-lo] [--force] [--allow-errors]
                                           Merge the communes' workbooks into one district workbook
                                           (an earlier district workbook may be given to replace one unit).
                                           Exit code: 0 written, 1 units with errors (nothing written
                                           without --allow-errors), 2 unreadable file or usage error
  gnbv totals FILE -o OUT.xlsx [--force]   Insert total formulas and check cells into the annexes (numbers stored
                                           as text become numbers; exit 1, nothing written, if a part is not a number)
  gnbv template PL01|PL02|NV|ALL [--unit "Xã Cam An"] -o FILE.xlsx [--force]
                                           Write a blank template (totals are formulas)
  gnbv sample -o DIR [--force]             Write sample workbooks for the 9 units of Cam Lộ

Common options:
  --lang en      Messages in English (Vietnamese by default)
  --district ID  Unit list (default: cam-lo)
  --help         This help
`,
};

export const SAY = {
  vi: {
    valid: 'hợp lệ',
    blank: '(trống)',
    error: 'lỗi',
    warning: 'cảnh báo',
    unreadable: 'không đọc được',
    summary: (files: number, errors: number, warnings: number, unreadable: number) =>
      `${files} tệp: ${errors} lỗi, ${warnings} cảnh báo${unreadable ? `, ${unreadable} tệp không đọc được` : ''}.`,
    reading: (i: number, n: number, file: string) => `Đang đọc ${i}/${n}: ${file}`,
    wrote: (file: string) => `Đã ghi ${file}`,
    mergeRefused: 'Không gộp vì có tệp không đọc được (chưa ghi tệp kết quả). Hãy sửa hoặc bỏ các tệp trên rồi chạy lại.',
    noOutput: 'Thiếu -o TỆP_KẾT_QUẢ.',
    noInput: 'Chưa chỉ ra tệp nào.',
    unknownCommand: (c: string) => `Lệnh không rõ: ${c}. Xem gnbv --help.`,
    received: (n: number, total: number) => `Đã nhận ${n}/${total} đơn vị.`,
    missing: (names: string) => `Chưa nhận: ${names}.`,
    duplicate: (unit: string, files: string) => `Trùng đơn vị ${unit}: ${files} (dùng tệp sau cùng).`,
    skipped: (file: string, sheet: string, why: string) => `Không gộp ${file} (${sheet}): ${why}.`,
    unknownUnit: 'không xác định được đơn vị báo cáo; hãy ghi dòng "Đơn vị báo cáo: Xã …"',
    ambiguousUnit: (names: string) => `không rõ là đơn vị nào (${names}); hãy ghi tên có dấu ở dòng "Đơn vị báo cáo"`,
    totalsChanged: (sheet: string, cell: string, typed: string, formula: string) => `${sheet}!${cell}: tổng gõ tay ${typed} khác công thức ${formula}`,
    totalsDone: (formulas: number, differed: number) => `Đã chèn ${formulas} công thức tổng; ${differed} ô tổng gõ tay khác kết quả công thức.`,
    noAnnex: (file: string) => `${file}: không tìm thấy phụ lục nào để chèn công thức.`,
    samplePlanted: (file: string, n: number) => `${file}: ${n} lỗi cài sẵn (xem PLANTED.md)`,
    unitHasErrors: (unit: string, files: string, n: number) => `✗ ${unit} (${files}): ${n} lỗi`,
    unknownUnitName: 'Đơn vị chưa xác định',
    moreIssues: (n: number) => `… và ${n} lỗi khác (xem gnbv validate).`,
    mergeBlocked:
      'Không gộp (chưa ghi tệp kết quả): các đơn vị trên có lỗi, số liệu của họ sẽ làm sai tổng của huyện. Hãy sửa và chạy lại, hoặc thêm --allow-errors để vẫn gộp (bảng có cột không khớp mẫu không bao giờ được gộp).',
    totalsConverted: (sheet: string, cell: string, text: string, value: string) => `${sheet}!${cell}: số dạng văn bản "${text}" đã đổi thành số ${value}`,
    totalsConvertedCount: (n: number) => `Đã đổi ${n} ô số dạng văn bản thành số (để công thức tổng cộng được).`,
    totalsRefusedPart: (sheet: string, cell: string, text: string) => `${sheet}!${cell}: "${text}" không phải là số; công thức tổng sẽ bỏ qua ô này.`,
    totalsUnmapped: (sheet: string) => `${sheet}: các cột của bảng không khớp mẫu (xem gnbv validate); không chèn công thức.`,
    totalsRefused: 'Không chèn công thức (chưa ghi tệp kết quả): hãy nhập số vào các ô trên (hoặc để trống) rồi chạy lại.',
  },
  en: {
    valid: 'valid',
    blank: '(blank)',
    error: 'error',
    warning: 'warning',
    unreadable: 'unreadable',
    summary: (files: number, errors: number, warnings: number, unreadable: number) =>
      `${files} files: ${errors} errors, ${warnings} warnings${unreadable ? `, ${unreadable} unreadable files` : ''}.`,
    reading: (i: number, n: number, file: string) => `Reading ${i}/${n}: ${file}`,
    wrote: (file: string) => `Wrote ${file}`,
    mergeRefused: 'Not merged because some files could not be read (no output written). Fix or remove them and run again.',
    noOutput: 'Missing -o OUTPUT_FILE.',
    noInput: 'No input files given.',
    unknownCommand: (c: string) => `Unknown command: ${c}. See gnbv --help.`,
    received: (n: number, total: number) => `Received ${n}/${total} units.`,
    missing: (names: string) => `Missing: ${names}.`,
    duplicate: (unit: string, files: string) => `Unit ${unit} sent twice: ${files} (the last file is used).`,
    skipped: (file: string, sheet: string, why: string) => `Not merged ${file} (${sheet}): ${why}.`,
    unknownUnit: 'reporting unit not identified; write a line "Đơn vị báo cáo: Xã …"',
    ambiguousUnit: (names: string) => `ambiguous unit (${names}); write the name with diacritics in the "Đơn vị báo cáo" line`,
    totalsChanged: (sheet: string, cell: string, typed: string, formula: string) => `${sheet}!${cell}: typed total ${typed} differs from the formula ${formula}`,
    totalsDone: (formulas: number, differed: number) => `Inserted ${formulas} total formulas; ${differed} typed totals differed from the formula.`,
    noAnnex: (file: string) => `${file}: no annex found to insert formulas into.`,
    samplePlanted: (file: string, n: number) => `${file}: ${n} planted errors (see PLANTED.md)`,
    unitHasErrors: (unit: string, files: string, n: number) => `✗ ${unit} (${files}): ${n} errors`,
    unknownUnitName: 'Unidentified unit',
    moreIssues: (n: number) => `… and ${n} more errors (see gnbv validate).`,
    mergeBlocked:
      "Not merged (no output written): the units above have errors that would make the district's totals wrong. Fix them and run again, or add --allow-errors to merge anyway (a table whose columns do not match the template is never merged).",
    totalsConverted: (sheet: string, cell: string, text: string, value: string) => `${sheet}!${cell}: the number stored as text "${text}" became the number ${value}`,
    totalsConvertedCount: (n: number) => `Converted ${n} numbers stored as text into numbers (so the formulas add them).`,
    totalsRefusedPart: (sheet: string, cell: string, text: string) => `${sheet}!${cell}: "${text}" is not a number; a total formula would skip it.`,
    totalsUnmapped: (sheet: string) => `${sheet}: the table's columns do not match the template (see gnbv validate); no formulas inserted.`,
    totalsRefused: 'No formulas inserted (no output written): enter numbers in the cells above (or leave them blank) and run again.',
  },
} as const;
