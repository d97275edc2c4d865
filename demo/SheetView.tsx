import { useEffect, useReducer, useRef } from 'react';
import { a1, columnLetters } from '../src/engine/a1.js';
import { colCount, rowCount } from '../src/engine/grid.js';
import { STYLES } from '../src/engine/sheet-spec.js';
import type { MemoryWorkbook } from '../src/adapters/memory-workbook.js';

const MAX_ROWS = 80;
const MAX_COLS = 32;

function display(value: unknown, numberFormat: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    const decimals = numberFormat?.includes('.0') ? 1 : 0;
    return value.toLocaleString('vi-VN', { minimumFractionDigits: decimals, maximumFractionDigits: 3 });
  }
  return String(value);
}

/** A read-only rendering of the in-memory workbook: what Excel would show beside the pane. */
export function SheetView({ workbook }: { workbook: MemoryWorkbook }) {
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const unsubscribe = workbook.subscribe(redraw);
    return () => {
      unsubscribe();
    };
  }, [workbook]);
  const selectedRef = useRef<HTMLTableCellElement>(null);
  // Block body: newer browsers return a Promise from scrollIntoView, which React must not get.
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: 'center', inline: 'center' });
  });

  const sheet = workbook.sheetList.find((s) => s.name === workbook.activeName);
  if (!sheet) return null;
  const marks = new Map(workbook.highlights.filter((h) => h.sheet === sheet.name).map((h) => [h.cell, h.severity]));
  const rows = Math.min(rowCount(sheet.grid), MAX_ROWS);
  const cols = Math.min(Math.max(colCount(sheet.grid), 1), MAX_COLS);
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of sheet.grid.merges) {
    spans.set(a1(m.top, m.left), { rowSpan: m.bottom - m.top + 1, colSpan: m.right - m.left + 1 });
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(a1(r, c));
  }
  const selected = workbook.selection?.sheet === sheet.name ? workbook.selection.cell : null;
  const widths = Array.from({ length: cols }, (_, c) => Math.max(28, (sheet.columnWidths[c] ?? 9) * 6.5));

  return (
    <div className="sheet-view">
      <div className="sheet-scroll">
        {/* A fixed layout keeps Excel's column widths; it needs the table's own width. */}
        <table className="sheet" data-testid="sheet" data-sheet={sheet.name} style={{ width: 36 + widths.reduce((a, b) => a + b, 0) }}>
          <colgroup>
            <col style={{ width: 36 }} />
            {widths.map((width, c) => (
              <col key={c} style={{ width }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th />
              {Array.from({ length: cols }, (_, c) => (
                <th key={c}>{columnLetters(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th>{r + 1}</th>
                {Array.from({ length: cols }, (_, c) => {
                  const address = a1(r, c);
                  if (covered.has(address)) return null;
                  const cell = sheet.grid.cells[r]?.[c];
                  const styleName = sheet.styles.get(`${r},${c}`);
                  const style = styleName ? (STYLES[styleName] as (typeof STYLES)[keyof typeof STYLES] & { bold?: boolean; italic?: boolean; horizontal?: string; border?: boolean; fill?: string; numberFormat?: string; color?: string }) : undefined;
                  const mark = marks.get(address);
                  const classes = [mark ? `mark-${mark}` : '', style?.border ? 'bordered' : '', selected === address ? 'selected' : ''].filter(Boolean).join(' ');
                  return (
                    <td
                      key={c}
                      {...spans.get(address)}
                      ref={selected === address ? selectedRef : undefined}
                      className={classes || undefined}
                      data-cell={address}
                      data-mark={mark}
                      title={cell?.formula ? `=${cell.formula}` : undefined}
                      style={{
                        fontWeight: style?.bold ? 700 : undefined,
                        fontStyle: style?.italic ? 'italic' : undefined,
                        textAlign: (style?.horizontal as 'left' | 'center' | 'right' | undefined) ?? (typeof cell?.value === 'number' ? 'right' : undefined),
                        background: !mark && style?.fill ? `#${style.fill.slice(2)}` : undefined,
                        // As Excel shows it: a number under a "[Red]" format in red, else the font colour.
                        color: typeof cell?.value === 'number' && style?.numberFormat?.startsWith('[Red]') ? '#c00000' : style?.color ? `#${style.color.slice(2)}` : undefined,
                      }}
                    >
                      {cell?.error ?? display(cell?.value, style?.numberFormat)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="sheet-tabs" aria-label="Sheets">
        {workbook.sheetList.map((s) => (
          <button key={s.name} className={s.name === sheet.name ? 'active' : undefined} onClick={() => workbook.activate(s.name)} data-testid="sheet-tab">
            {s.name}
          </button>
        ))}
      </nav>
    </div>
  );
}
