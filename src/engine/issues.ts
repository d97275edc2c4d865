/** Issues are typed data; messages are rendered late from the vi/en catalogues. */

export type Severity = 'error' | 'warning';

/** Stable codes; a code's meaning never changes once shipped. Default severity beside each. */
export const ISSUE_CODES = {
  'locate/no-annex': 'error',
  'locate/missing-row': 'warning',
  'locate/missing-column': 'warning',
  'locate/unknown-row': 'warning',
  'locate/unknown-column': 'warning',
  'locate/duplicate-row': 'warning',
  'locate/too-large': 'error',
  'cell/not-number': 'error',
  'cell/text-number': 'warning',
  'cell/ambiguous-number': 'error',
  'cell/negative': 'error',
  'cell/not-integer': 'error',
  'cell/blank': 'warning',
  'cell/formula-error': 'error',
  'sum/rows': 'error',
  'sum/columns': 'error',
  'ofwhich/exceeds': 'error',
  'ofwhich/parts-exceed': 'error',
  'households/over-persons': 'error',
  'communes/over-scope': 'error',
  'cross/mismatch': 'error',
  'cross/missing-sheet': 'warning',
  'trend/jump': 'warning',
  'locate/duplicate-column': 'error',
  'locate/column-mismatch': 'error',
  'locate/sheet-unreadable': 'error',
  'locate/annex-not-found': 'error',
  'cell/not-finite': 'error',
  'cell/too-long': 'error',
  'magnitude/money': 'error',
  'magnitude/count': 'error',
  'sheet/hidden': 'warning',
  'department/unled-row': 'warning',
} as const satisfies Record<string, Severity>;

export type IssueCode = keyof typeof ISSUE_CODES;

export type IssueValue = number | string | null;

/** What a rule emits: the facts, no prose. */
export interface RawIssue {
  code: IssueCode;
  severity?: Severity;
  cell?: string;
  row?: string;
  column?: string;
  expected?: IssueValue;
  actual?: IssueValue;
  /** Extra facts a message needs (a group name, a parsed value, another sheet). */
  params?: Record<string, string | number>;
}

export interface Issue extends RawIssue {
  severity: Severity;
  file?: string;
  sheet: string;
  rowLabel?: string;
  columnLabel?: string;
  message: { vi: string; en: string };
}
