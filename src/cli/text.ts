import type { Language } from '../engine/messages.js';

export const HELP: Record<Language, string> = {
  vi: `gnbv - kiểm tra và tổng hợp Phụ lục 01/02 báo cáo giảm nghèo (.xlsx)

Cách dùng:
  gnbv validate TỆP… [--json]              Kiểm tra các tệp. Mã thoát: 0 không lỗi, 1 có lỗi, 2 không đọc được tệp
  gnbv merge TỆP… -o KẾT_QUẢ.xlsx [--district cam-lo] [--force]
                                           Gộp báo cáo các xã thành sổ tổng hợp của huyện
                                           (có thể đưa vào sổ tổng hợp cũ để thay số liệu một xã)
  gnbv totals TỆP -o KẾT_QUẢ.xlsx [--force] Chèn công thức tổng và ô kiểm tra vào các phụ lục
  gnbv template PL01|PL02|NV|ALL [--unit "Xã Cam An"] -o TỆP.xlsx [--force]
                                           Tạo mẫu biểu trống (tổng đã là công thức)
  gnbv sample -o THƯ_MỤC [--force]         Tạo bộ số liệu mẫu của 9 đơn vị huyện Cam Lộ

Tùy chọn chung:
  --lang en      Thông báo bằng tiếng Anh
  --district ID  Danh sách đơn vị (mặc định: cam-lo)
  --help         Trợ giúp này (gnbv LỆNH --help: trợ giúp của một lệnh)
  --version      Phiên bản
TỆP có thể là một thư mục: mọi tệp .xlsx trong đó.
`,
  en: `gnbv - check and consolidate the poverty-reduction report annexes Phụ lục 01/02 (.xlsx)

Usage:
  gnbv validate FILE… [--json]             Check files. Exit code: 0 no errors, 1 errors found, 2 a file could not be read
  gnbv merge FILE… -o OUT.xlsx [--district cam-lo] [--force]
                                           Merge the communes' workbooks into one district workbook
                                           (an earlier district workbook may be given to replace one unit)
  gnbv totals FILE -o OUT.xlsx [--force]   Insert total formulas and check cells into the annexes
  gnbv template PL01|PL02|NV|ALL [--unit "Xã Cam An"] -o FILE.xlsx [--force]
                                           Write a blank template (totals are formulas)
  gnbv sample -o DIR [--force]             Write sample workbooks for the 9 units of Cam Lộ

Common options:
  --lang en      Messages in English (Vietnamese by default)
  --district ID  Unit list (default: cam-lo)
  --help         This help (gnbv COMMAND --help: one command's help)
  --version      Version
A FILE may be a folder: every .xlsx file in it.
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
  },
} as const;

/** Help for one command (gnbv COMMAND --help). */
export const COMMAND_HELP: Record<Language, Record<'validate' | 'merge' | 'totals' | 'template' | 'sample', string>> = {
  vi: {
    validate: `gnbv validate TỆP_HOẶC_THƯ_MỤC… [--json]
  Kiểm tra các tệp báo cáo (.xlsx); một thư mục là mọi tệp .xlsx trong đó.
  Mã thoát: 0 không lỗi, 1 có lỗi, 2 không đọc được tệp.
  Ví dụ: gnbv validate "Xã Cam An.xlsx"   gnbv validate ./bao-cao --json`,
    merge: `gnbv merge TỆP_HOẶC_THƯ_MỤC… -o KẾT_QUẢ.xlsx [--force]
  Gộp báo cáo các xã thành sổ tổng hợp của huyện (tổng hợp, từng đơn vị, tình hình nộp, nhật ký).
  Có thể đưa vào sổ tổng hợp cũ để thay số liệu một xã.
  Ví dụ: gnbv merge ./bao-cao -o "Tổng hợp Cam Lộ.xlsx"`,
    totals: `gnbv totals TỆP -o KẾT_QUẢ.xlsx [--force]
  Chèn công thức tổng và ô kiểm tra vào các phụ lục của tệp; báo các ô tổng gõ tay khác công thức.`,
    template: `gnbv template PL01|PL02|NV|ALL [--unit "Xã Cam An"] -o TỆP.xlsx [--force]
  Tạo mẫu biểu trống: tổng đã là công thức, ô nhập có kiểm tra của Excel, có phần ký tên.
  --unit phải là tên một đơn vị trong danh sách (--district).`,
    sample: `gnbv sample -o THƯ_MỤC [--force]
  Tạo bộ số liệu mẫu của các đơn vị huyện Cam Lộ, kèm danh sách lỗi cài sẵn (PLANTED.md).`,
  },
  en: {
    validate: `gnbv validate FILE_OR_FOLDER… [--json]
  Check report files (.xlsx); a folder stands for every .xlsx file in it.
  Exit code: 0 no errors, 1 errors found, 2 a file could not be read.
  Example: gnbv validate "Xã Cam An.xlsx"   gnbv validate ./reports --json`,
    merge: `gnbv merge FILE_OR_FOLDER… -o OUT.xlsx [--force]
  Merge the communes' workbooks into the district workbook (summaries, units, completeness, log).
  An earlier district workbook may be given to replace one unit's figures.
  Example: gnbv merge ./reports -o "Cam Lo district.xlsx"`,
    totals: `gnbv totals FILE -o OUT.xlsx [--force]
  Insert total formulas and check cells into the file's annexes; report typed totals that differ.`,
    template: `gnbv template PL01|PL02|NV|ALL [--unit "Xã Cam An"] -o FILE.xlsx [--force]
  Write a blank template: totals are formulas, entry cells carry Excel's checks, with the signature block.
  --unit must be the name of a unit in the list (--district).`,
    sample: `gnbv sample -o FOLDER [--force]
  Write sample workbooks for the units of Cam Lộ, with the list of planted errors (PLANTED.md).`,
  },
};

/** What the argument checks say (src/cli/args.ts). */
export const ARGS_TEXT = {
  vi: {
    options: 'Tùy chọn:',
    badOption: (option: string, allowed: string, command?: string) =>
      `Tùy chọn không dùng được${command ? ` với "gnbv ${command}"` : ''}: ${option}. Các tùy chọn: ${allowed}. Xem gnbv ${command ?? ''} --help.`.replace('  ', ' '),
    badLanguage: (value: string, allowed: string) => `--lang "${value}" không có. Chọn một trong: ${allowed}.`,
    badUnit: (value: string, close: string[], all: string) =>
      `Không có đơn vị "${value}" trong danh sách.${close.length ? ` Có phải ý bạn là: ${close.map((c) => `"${c}"`).join(', ')}?` : ''} Các đơn vị: ${all}.`,
    didYouMean: (file: string, close: string[]) => `Không thấy "${file}". Có phải ý bạn là: ${close.map((c) => `"${c}"`).join(', ')}?`,
  },
  en: {
    options: 'Options:',
    badOption: (option: string, allowed: string, command?: string) =>
      `Option not accepted${command ? ` by "gnbv ${command}"` : ''}: ${option}. Options: ${allowed}. See gnbv ${command ?? ''} --help.`.replace('  ', ' '),
    badLanguage: (value: string, allowed: string) => `--lang "${value}" is not available. Choose one of: ${allowed}.`,
    badUnit: (value: string, close: string[], all: string) =>
      `No unit "${value}" in the list.${close.length ? ` Did you mean: ${close.map((c) => `"${c}"`).join(', ')}?` : ''} Units: ${all}.`,
    didYouMean: (file: string, close: string[]) => `"${file}" was not found. Did you mean: ${close.map((c) => `"${c}"`).join(', ')}?`,
  },
} as const;
