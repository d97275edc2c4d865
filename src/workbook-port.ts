import type { Grid } from './engine/grid.js';
import { LocalizedError } from './engine/localized-error.js';
import type { Severity } from './engine/issues.js';
import type { SheetSpec, SpecCell } from './engine/sheet-spec.js';

/** A problem cell to mark in place. */
export interface Highlight {
  sheet: string;
  /** A1 address of one cell, e.g. "E12". */
  cell: string;
  severity: Severity;
}

/**
 * What the task pane needs from a workbook, whether it is Excel (Office.js) or the in-memory
 * workbook of the demo page and the tests. Every method is one round trip or a fixed few:
 * adapters batch, the pane never loops over cells against the workbook.
 */
export interface WorkbookPort {
  /** Sheet names in tab order. */
  listSheets(): Promise<string[]>;
  activeSheet(): Promise<string>;
  /**
   * Grids (values as shown, formulas, merges) of the named sheets, read together. A hidden or
   * very hidden sheet is not read, as in a received file: its grid is empty and carries `hidden`.
   */
  readSheets(names: readonly string[]): Promise<Grid[]>;
  /** Writes cells (values, formulas, formats) into an existing sheet; merges are optional. */
  writeCells(sheet: string, cells: readonly SpecCell[], merges?: SheetSpec['merges']): Promise<void>;
  /** Adds the sheets, replacing any sheet of the same name (compared NFC, case-insensitive). */
  replaceSheets(specs: readonly SheetSpec[]): Promise<void>;
  /** Marks cells with the add-in's own highlights; the user's formatting is left untouched. */
  highlight(marks: readonly Highlight[]): Promise<void>;
  /** Removes every highlight the add-in made, and nothing else. */
  clearHighlights(): Promise<void>;
  /** Activates the sheet and selects the cell. */
  selectCell(sheet: string, cell: string): Promise<void>;
  /**
   * Calls `listener` after cells of the sheet are edited (Excel's worksheet onChanged, ExcelApi
   * 1.7); resolves to a function that stops it. Absent, or a no-op where the host cannot tell:
   * then the pane's live re-check falls back to the buttons.
   */
  watchSheet?(sheet: string, listener: () => void): Promise<() => void>;
}

/** Raised when Excel lacks an API the action needs; the pane shows `message` instead of failing. */
export class UnsupportedFeatureError extends LocalizedError {
  constructor(
    readonly requirement: string,
    vi: string,
    en: string,
  ) {
    super(vi, en);
  }
}

/** Raised when Excel refuses to write into protected sheets; the pane shows the message. */
export class ProtectedSheetError extends LocalizedError {
  constructor(readonly sheets: readonly string[]) {
    const names = sheets.map((name) => `"${name}"`).join(', ');
    super(
      `Trang tính ${names} đang được bảo vệ nên GNBV không ghi vào được. Bỏ bảo vệ (Xem lại › Bỏ bảo vệ trang tính) rồi làm lại.`,
      `The sheet ${names} is protected, so GNBV cannot write to it. Unprotect it (Review › Unprotect Sheet) and try again.`,
    );
  }
}
