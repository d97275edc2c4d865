import { dirname, join } from 'node:path';
import type { Language } from '../engine/messages.js';

/** An English count with its noun in the singular for one: "1 error", "2 errors". */
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const HELP: Record<Language, string> = {
  vi: `gnbv - kiểm tra và tổng hợp Phụ lục 01/02 báo cáo giảm nghèo (.xlsx)

Cách dùng:
  gnbv validate TỆP… [--json]              Kiểm tra các tệp. Mã thoát: 0 không lỗi, 1 có lỗi, 2 không đọc được tệp
  gnbv merge TỆP… -o KẾT_QUẢ.xlsx [--force] [--allow-errors] [--assign "TỆP=MÃ"]… [--prefer TỆP]…
                                           Gộp báo cáo các xã và phòng, ban thành sổ tổng hợp của huyện
                                           (có thể đưa vào sổ tổng hợp cũ để thay số liệu một xã).
                                           Mã thoát: 0 đã ghi; 1 không ghi gì: có đơn vị có lỗi (trừ khi có
                                           --allow-errors), tệp chưa rõ đơn vị hoặc hai tệp cùng một đơn vị
                                           (chỉ rõ bằng --assign / --prefer); 2 không đọc được tệp hoặc sai cách dùng
  gnbv totals TỆP -o KẾT_QUẢ.xlsx [--force] Chèn công thức tổng và ô kiểm tra vào các phụ lục (số dạng văn bản
                                           được đổi thành số; mã thoát 1, không ghi gì nếu có ô không phải số)
  gnbv template PL01|PL02|NV|ALL [--unit "Xã Cam An"] -o TỆP.xlsx [--force]
                                           Tạo mẫu biểu trống (tổng đã là công thức)
  gnbv sample -o THƯ_MỤC [--force]         Tạo bộ số liệu mẫu của 9 đơn vị huyện Cam Lộ

Tùy chọn chung:
  --lang en      Thông báo bằng tiếng Anh
  --district ID  Danh sách đơn vị có sẵn (mặc định: cam-lo)
  --units TỆP    Danh sách đơn vị của huyện khác (JSON như templates/units/cam-lo.json)
  --debug        In chi tiết kỹ thuật khi có lỗi
  --help         Trợ giúp này (gnbv LỆNH --help: trợ giúp của một lệnh)
  --version      Phiên bản
TỆP có thể là một thư mục: mọi tệp .xlsx trong đó.
`,
  en: `gnbv - check and consolidate the poverty-reduction report annexes Phụ lục 01/02 (.xlsx)

Usage:
  gnbv validate FILE… [--json]             Check files. Exit code: 0 no errors, 1 errors found, 2 a file could not be read
  gnbv merge FILE… -o OUT.xlsx [--force] [--allow-errors] [--assign "FILE=CODE"]… [--prefer FILE]…
                                           Merge the communes' and departments' workbooks into one district
                                           workbook (an earlier district workbook may be given to replace one unit).
                                           Exit code: 0 written; 1 nothing written: units with errors (unless
                                           --allow-errors), a file whose unit is not certain or two files for one
                                           unit (decide with --assign / --prefer); 2 unreadable file or usage error
  gnbv totals FILE -o OUT.xlsx [--force]   Insert total formulas and check cells into the annexes (numbers stored
                                           as text become numbers; exit 1, nothing written, if a part is not a number)
  gnbv template PL01|PL02|NV|ALL [--unit "Xã Cam An"] -o FILE.xlsx [--force]
                                           Write a blank template (totals are formulas)
  gnbv sample -o DIR [--force]             Write sample workbooks for the 9 units of Cam Lộ

Common options:
  --lang en      Messages in English (Vietnamese by default)
  --district ID  Shipped unit list (default: cam-lo)
  --units FILE   Another district's unit list (JSON like templates/units/cam-lo.json)
  --debug        Print technical details of errors
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
    outputExists: (file: string) => `Tệp ${file} đã có: chưa ghi gì. Dùng --force để ghi đè, hoặc chọn tên khác cho -o.`,
    outputIsInput: (file: string, input: string) =>
      `Tệp kết quả ${file} chính là tệp đầu vào ${input}: không ghi đè tệp gốc (kể cả với --force). Hãy chọn tên khác cho -o.`,
    writeFailed: (code: string, file: string) => {
      const folder = dirname(file);
      switch (code) {
        case 'EACCES':
        case 'EPERM':
          return `Không có quyền ghi vào thư mục ${folder} (tệp ${file}): chưa ghi gì. Hãy chọn thư mục khác cho -o, hoặc xin quyền ghi.`;
        case 'EROFS':
          return `Ổ đĩa chứa ${file} chỉ cho đọc: chưa ghi gì. Hãy chọn thư mục trên ổ khác cho -o.`;
        case 'ENOSPC':
        case 'EDQUOT':
          return `Ổ đĩa đầy, không ghi được ${file}: chưa ghi gì. Hãy giải phóng chỗ trống hoặc chọn ổ khác cho -o.`;
        case 'EISDIR':
          return `${file} là một thư mục, không phải tệp: chưa ghi gì. Hãy ghi cả tên tệp, ví dụ -o "${join(file, 'tong-hop.xlsx')}".`;
        case 'ENOENT':
          return `Thư mục ${folder} không có: chưa ghi ${file}. Hãy tạo thư mục đó hoặc sửa đường dẫn -o.`;
        case 'ENOTDIR':
          return `Đường dẫn ${folder} đi qua một tệp, không phải thư mục: chưa ghi ${file}. Hãy sửa đường dẫn -o thành một thư mục.`;
        default:
          return `Không ghi được ${file} (${code}): chưa ghi gì. Hãy kiểm tra đường dẫn và quyền ghi rồi chạy lại.`;
      }
    },
    pipeClosed: 'Đầu ra đã bị đóng (ví dụ bởi head) nên dừng ghi; muốn xem hết, hãy chạy lại không qua ống hoặc ghi ra tệp.',
    unexpected: (message: string) => `Lỗi không mong muốn: ${message}. Chạy lại với --debug để xem chi tiết và gửi cho người hỗ trợ.`,
    departmentsReceived: (n: number, total: number, names: string) => `Phòng, ban đã nhận ${n}/${total}${names ? `: ${names}` : ''} (số toàn huyện, đặt cạnh tổng các xã, không cộng vào).`,
    replaced: (unit: string, sheet: string, oldFile: string, newFile: string) => `Thay trang "${sheet}" (${unit}) của sổ ${oldFile} bằng tệp ${newFile}.`,
    notUsed: (file: string, sheet: string, chosen: string) => `Không dùng ${file} (${sheet}): trùng đơn vị, đã chọn tệp ${chosen}.`,
    hiddenSheet: (file: string, sheet: string) => `${file}: trang ẩn "${sheet}" không được đọc, không gộp.`,
    districtSheet: (file: string, sheet: string) => `Không gộp ${file} (${sheet}): dòng "Đơn vị báo cáo" ghi cả huyện, không phải một xã hay phòng, ban. Nếu là báo cáo của một phòng, ban, hãy ghi tên phòng, ban ở dòng đó.`,
    unmappedSheet: (file: string, sheet: string, unit: string) => `Không gộp ${file} (${sheet}) của ${unit}: các cột không khớp mẫu (xem lỗi của trang), số liệu trang này KHÔNG có trong tổng huyện. Sửa tiêu đề cột theo mẫu rồi gửi lại tệp.`,
    badAssign: (text: string, files: string[], units: string[]) =>
      `--assign "${text}" không hợp lệ: cần dạng "TỆP=MÃ" với TỆP là một trong các tệp đã đưa vào${files.length ? ` (${files.join(', ')})` : ''} và MÃ là mã hoặc tên đầy đủ của một đơn vị${units.length ? `:\n  ${units.join('\n  ')}` : ''}.`,
    badPrefer: (text: string, files: string[]) => `--prefer "${text}": không có tệp này trong các tệp đã đưa vào (${files.join(', ')}).`,
    held: (file: string, sheets: string, why: string) => `Chưa gộp ${file} (${sheets}): ${why}. Đơn vị có thể là:`,
    heldReason: {
      unknown: 'không tìm thấy tên đơn vị nào ở dòng "Đơn vị báo cáo", tiêu đề hay tên tệp',
      several: 'tên khớp với nhiều đơn vị (ví dụ "cam thanh" không dấu: Cam Thanh hay Cam Thành?)',
      fragment: 'chỉ khớp một phần tên, thiếu chữ chỉ loại đơn vị (xã, thị trấn, phòng, ngân hàng…)',
      conflict: 'tên tệp và nội dung trang chỉ ra hai đơn vị khác nhau',
    },
    assignHint: (file: string, code: string) => `   → chỉ rõ đơn vị: --assign "${file}=${code}" (mã hoặc tên đầy đủ của đơn vị)`,
    twice: (unit: string, templates: string) => `Hai tệp cùng gửi ${templates} của ${unit}; GNBV không tự chọn:`,
    claim: (file: string, size: number | undefined, modified: string | undefined, sha: string, errors: number, warnings: number) =>
      `     ${file} (${size !== undefined ? `${size.toLocaleString('vi-VN')} byte; ` : ''}${modified ? `sửa lúc ${modified}; ` : ''}SHA-256 ${sha}…; ${errors} lỗi, ${warnings} cảnh báo)`,
    preferHint: (file: string) => `   → chọn tệp dùng: --prefer "${file}", hoặc bỏ tệp kia khỏi lệnh`,
    nothingWritten: 'Chưa ghi tệp kết quả: hãy quyết định các tệp trên (--assign, --prefer) rồi chạy lại.',
    dropAssignHint: (file: string, code: string) => `   → bỏ chỉ định: xóa --assign "${file}=${code}" khỏi lệnh`,
    fileCounts: (errors: number, warnings: number) => `${errors} lỗi, ${warnings} cảnh báo`,
  },
  en: {
    valid: 'valid',
    blank: '(blank)',
    error: 'error',
    warning: 'warning',
    unreadable: 'unreadable',
    summary: (files: number, errors: number, warnings: number, unreadable: number) =>
      `${count(files, 'file', 'files')}: ${count(errors, 'error', 'errors')}, ${count(warnings, 'warning', 'warnings')}${unreadable ? `, ${count(unreadable, 'unreadable file', 'unreadable files')}` : ''}.`,
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
    totalsDone: (formulas: number, differed: number) => `Inserted ${count(formulas, 'total formula', 'total formulas')}; ${count(differed, 'typed total', 'typed totals')} differed from the formula.`,
    noAnnex: (file: string) => `${file}: no annex found to insert formulas into.`,
    samplePlanted: (file: string, n: number) => `${file}: ${count(n, 'planted error', 'planted errors')} (see PLANTED.md)`,
    unitHasErrors: (unit: string, files: string, n: number) => `✗ ${unit} (${files}): ${count(n, 'error', 'errors')}`,
    unknownUnitName: 'Unidentified unit',
    moreIssues: (n: number) => `… and ${count(n, 'more error', 'more errors')} (see gnbv validate).`,
    mergeBlocked:
      "Not merged (no output written): the units above have errors that would make the district's totals wrong. Fix them and run again, or add --allow-errors to merge anyway (a table whose columns do not match the template is never merged).",
    totalsConverted: (sheet: string, cell: string, text: string, value: string) => `${sheet}!${cell}: the number stored as text "${text}" became the number ${value}`,
    totalsConvertedCount: (n: number) => `Converted ${count(n, 'number', 'numbers')} stored as text into numbers (so the formulas add them).`,
    totalsRefusedPart: (sheet: string, cell: string, text: string) => `${sheet}!${cell}: "${text}" is not a number; a total formula would skip it.`,
    totalsUnmapped: (sheet: string) => `${sheet}: the table's columns do not match the template (see gnbv validate); no formulas inserted.`,
    totalsRefused: 'No formulas inserted (no output written): enter numbers in the cells above (or leave them blank) and run again.',
    outputExists: (file: string) => `${file} already exists: nothing written. Use --force to overwrite it, or choose another name for -o.`,
    outputIsInput: (file: string, input: string) =>
      `The output ${file} is the input ${input}: an original file is never overwritten (not even with --force). Choose another name for -o.`,
    writeFailed: (code: string, file: string) => {
      const folder = dirname(file);
      switch (code) {
        case 'EACCES':
        case 'EPERM':
          return `No permission to write in the folder ${folder} (file ${file}): nothing written. Choose another folder for -o, or ask for write access.`;
        case 'EROFS':
          return `The disk holding ${file} is read-only: nothing written. Choose a folder on another disk for -o.`;
        case 'ENOSPC':
        case 'EDQUOT':
          return `The disk is full, ${file} could not be written: nothing written. Free some space or choose another disk for -o.`;
        case 'EISDIR':
          return `${file} is a folder, not a file: nothing written. Give a file name too, e.g. -o "${join(file, 'summary.xlsx')}".`;
        case 'ENOENT':
          return `The folder ${folder} does not exist: ${file} not written. Create that folder or correct the -o path.`;
        case 'ENOTDIR':
          return `The path ${folder} goes through a file, not a folder: ${file} not written. Correct the -o path to a folder.`;
        default:
          return `${file} could not be written (${code}): nothing written. Check the path and write permission and run again.`;
      }
    },
    pipeClosed: 'The output was closed (by head, for example), so writing stopped; to see everything, run again without a pipe or write to a file.',
    unexpected: (message: string) => `Unexpected error: ${message}. Run again with --debug to see the details and send them to support.`,
    departmentsReceived: (n: number, total: number, names: string) => `Departments received ${n}/${total}${names ? `: ${names}` : ''} (district-wide figures, shown beside the communes' sum, never added to it).`,
    replaced: (unit: string, sheet: string, oldFile: string, newFile: string) => `Replaced sheet "${sheet}" (${unit}) of ${oldFile} with the file ${newFile}.`,
    notUsed: (file: string, sheet: string, chosen: string) => `Not used ${file} (${sheet}): same unit, the file ${chosen} was chosen.`,
    hiddenSheet: (file: string, sheet: string) => `${file}: hidden sheet "${sheet}" was not read nor merged.`,
    districtSheet: (file: string, sheet: string) => `Not merged ${file} (${sheet}): its "Đơn vị báo cáo" line names the whole district, not a commune or a department. If it is a department's report, write the department's name on that line.`,
    unmappedSheet: (file: string, sheet: string, unit: string) => `Not merged ${file} (${sheet}) of ${unit}: its columns do not match the template (see the sheet's errors), so its figures are NOT in the district totals. Fix the column headers as in the template and send the file again.`,
    badAssign: (text: string, files: string[], units: string[]) =>
      `--assign "${text}" is not valid: write "FILE=CODE" where FILE is one of the files given${files.length ? ` (${files.join(', ')})` : ''} and CODE the code or whole name of a unit${units.length ? `:\n  ${units.join('\n  ')}` : ''}.`,
    badPrefer: (text: string, files: string[]) => `--prefer "${text}": no such file among the files given (${files.join(', ')}).`,
    held: (file: string, sheets: string, why: string) => `Not merged ${file} (${sheets}): ${why}. The unit may be:`,
    heldReason: {
      unknown: 'no unit name found in the "Đơn vị báo cáo" line, a title or the file name',
      several: 'the name fits several units (e.g. "cam thanh" without diacritics: Cam Thanh or Cam Thành?)',
      fragment: 'only part of a name matches, without its kind word (xã, thị trấn, phòng, ngân hàng…)',
      conflict: 'the file name and the sheet name two different units',
    },
    assignHint: (file: string, code: string) => `   → name the unit: --assign "${file}=${code}" (a unit's code or whole name)`,
    twice: (unit: string, templates: string) => `Two files both send ${templates} of ${unit}; GNBV does not choose:`,
    claim: (file: string, size: number | undefined, modified: string | undefined, sha: string, errors: number, warnings: number) =>
      `     ${file} (${size !== undefined ? `${size.toLocaleString('en-US')} bytes; ` : ''}${modified ? `modified ${modified}; ` : ''}SHA-256 ${sha}…; ${count(errors, 'error', 'errors')}, ${count(warnings, 'warning', 'warnings')})`,
    preferHint: (file: string) => `   → choose the file to use: --prefer "${file}", or leave the other one out`,
    nothingWritten: 'No output written: decide about the files above (--assign, --prefer) and run again.',
    dropAssignHint: (file: string, code: string) => `   → to drop the assignment: remove --assign "${file}=${code}" from the command`,
    fileCounts: (errors: number, warnings: number) => `${count(errors, 'error', 'errors')}, ${count(warnings, 'warning', 'warnings')}`,
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
