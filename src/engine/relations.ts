/** A total and the cells it adds up, as the rules declare them (used for formulas and checks). */
export interface CellKey {
  row: string;
  column: string;
}

export interface SumRelation {
  total: CellKey;
  parts: CellKey[];
  /** `formula`: the total is computed from its parts; `check`: a second breakdown to verify. */
  use: 'formula' | 'check';
  /** Groups relations into one check column or row: "rows", a sumOf column key, a breakdown name. */
  group: string;
  groupLabel: { vi: string; en: string };
  direction: 'rows' | 'columns';
}
