import type { ColumnDef, TemplateDef } from './template.js';
import { isCountColumn } from './template-queries.js';

/**
 * Excel's own entry-time check (Data Validation) for a figure cell of a blank template: a commune
 * filling the form in plain Excel, without GNBV, is stopped at a negative or fractional count,
 * and told what the column wants. The same bounds as the engine's cell rules (cell-values.ts).
 */
export interface EntryRule {
  kind: 'whole' | 'decimal';
  /** Excel allows 32 characters for the input message's title and 255 for its text. */
  title: string;
  prompt: string;
  errorTitle: string;
  error: string;
}

const WHAT: Record<string, string> = {
  persons: 'số người',
  households: 'số hộ',
  communes: 'số xã',
  count: 'số lượng',
};

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function entryRuleFor(template: TemplateDef, column: ColumnDef): EntryRule | null {
  if (column.measure === 'text') return null;
  const whole = isCountColumn(column);
  const leaf = column.header.at(-1)!;
  const blank = 'Để trống nếu chưa báo cáo; không có thì nhập 0.';
  const prompt = whole
    ? `Nhập ${WHAT[column.measure] ?? 'số lượng'}: số nguyên, không âm. ${blank}`
    : `Nhập số tiền (${template.unitOfMeasure}): số không âm, được có phần thập phân. ${blank}`;
  return {
    kind: whole ? 'whole' : 'decimal',
    title: clip(leaf, 32),
    prompt: clip(prompt, 255),
    errorTitle: 'Số liệu không hợp lệ',
    error: whole ? `Cột "${clip(leaf, 60)}" cần số nguyên không âm (0, 1, 2…).` : `Cột "${clip(leaf, 60)}" cần số không âm (${template.unitOfMeasure}).`,
  };
}
