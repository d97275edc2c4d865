/** Issues are typed data; messages are rendered late from the vi/en catalogues. */

import { z } from 'zod';

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

const issueValue = z.union([z.number(), z.string(), z.null()]);
/** A code without extra facts carries no `params` at all. */
const none = z.undefined().optional();
const count = z.number().int().nonnegative();
const sumParams = {
  /** How many parts the total adds. */
  parts: count,
  /** The part cells that hold something, as the message names them: "C13 + G13 + K13". */
  partCells: z.string(),
  /** Stated total minus the parts' sum; absent when the total is blank. */
  difference: z.number().optional(),
};
const unitKind = { unitKindVi: z.string().min(1), unitKindEn: z.string().min(1), limit: z.number().positive() };

/**
 * The extra facts each code's message reads, declared once: the emit sites and the vi/en
 * catalogues are typed from these (a misspelt or missing key does not compile), and the tests
 * parse every issue the engine emits against them. Strict: an undeclared key is refused.
 */
export const ISSUE_PARAMS = {
  'locate/no-annex': none,
  'locate/missing-row': none,
  'locate/missing-column': none,
  'locate/unknown-row': none,
  'locate/unknown-column': none,
  'locate/duplicate-row': none,
  'locate/too-large': z.strictObject({ rows: count, columns: count }),
  'cell/not-number': none,
  'cell/text-number': none,
  'cell/ambiguous-number': z.strictObject({ vi: z.number(), en: z.number() }),
  'cell/negative': none,
  'cell/not-integer': none,
  'cell/blank': none,
  'cell/formula-error': none,
  'sum/rows': z.strictObject(sumParams),
  'sum/columns': z.strictObject({ ...sumParams, groupVi: z.string().min(1).optional(), groupEn: z.string().min(1).optional() }),
  /** `total`: the key of the column (or row) the figure is part of. */
  'ofwhich/exceeds': z.strictObject({ total: z.string().min(1) }),
  'ofwhich/parts-exceed': z.strictObject({ parts: count }),
  'households/over-persons': z.strictObject({ persons: z.string().min(1) }),
  'communes/over-scope': none,
  'cross/mismatch': z.strictObject({ otherSheet: z.string(), otherCell: z.string().min(1), otherTemplate: z.string().min(1) }),
  'cross/missing-sheet': z.strictObject({ otherTemplate: z.string().min(1) }),
  'trend/jump': z.strictObject({ factor: z.number().positive(), previousCell: z.string().min(1) }),
  /** `columns`: the sheet's column letters, "D, E". */
  'locate/duplicate-column': z.strictObject({ columns: z.string().min(1) }),
  'locate/column-mismatch': z.strictObject({ columns: z.string().min(1) }),
  'locate/sheet-unreadable': none,
  'locate/annex-not-found': z.strictObject({ annex: z.string().min(1) }),
  'cell/not-finite': none,
  'cell/too-long': z.strictObject({ length: count }),
  /** `fixable`: 1 when the figure ÷ 1.000.000 is within the limit (the pane offers the fix), else 0. */
  'magnitude/money': z.strictObject({ ...unitKind, fixable: z.union([z.literal(0), z.literal(1)]) }),
  'magnitude/count': z.strictObject(unitKind),
  'sheet/hidden': z.strictObject({ state: z.enum(['hidden', 'veryHidden']) }),
  'department/unled-row': z.strictObject({ department: z.string().min(1) }),
} as const satisfies Record<IssueCode, z.ZodType>;

export type IssueParams<C extends IssueCode> = z.output<(typeof ISSUE_PARAMS)[C]>;

/** The facts every issue may carry, whatever its code. */
const issueFacts = {
  severity: z.enum(['error', 'warning']).optional(),
  cell: z.string().optional(),
  /** Template keys of the row and column. */
  row: z.string().optional(),
  column: z.string().optional(),
  expected: issueValue.optional(),
  actual: issueValue.optional(),
};

type IssueFacts = z.output<z.ZodObject<typeof issueFacts>>;

/** One code's raw issue: `params` required when the code declares any, absent otherwise. */
export type RawIssueOf<C extends IssueCode> = C extends IssueCode
  ? IssueFacts & { code: C } & (IssueParams<C> extends undefined ? { params?: undefined } : { params: IssueParams<C> })
  : never;

/** What a rule emits: the facts, no prose. A union discriminated by `code`, as zod types its own issues. */
export type RawIssue = RawIssueOf<IssueCode>;

/** What a reported issue adds to the raw one: where it is, and its message in both languages. */
const reportedFacts = {
  file: z.string().optional(),
  sheet: z.string(),
  rowLabel: z.string().optional(),
  columnLabel: z.string().optional(),
  message: z.strictObject({ vi: z.string().min(1), en: z.string().min(1) }),
};
/** A reported issue (as `--json` and the pane carry it): its severity settled, where, the messages. */
export type Issue = RawIssue & { severity: Severity } & z.output<z.ZodObject<typeof reportedFacts>>;

/** The schema of a reported issue, one strict object per code, discriminated by `code`. */
const [firstCode, ...otherCodes] = Object.keys(ISSUE_CODES) as IssueCode[];
const issueOf = (code: IssueCode) =>
  z.strictObject({ ...issueFacts, ...reportedFacts, code: z.literal(code), severity: z.enum(['error', 'warning']), params: ISSUE_PARAMS[code] });
export const issueSchema = z.discriminatedUnion('code', [issueOf(firstCode!), ...otherCodes.map(issueOf)]);
