import { Badge, Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState, type RefObject } from 'react';
import { categoryOf } from '../src/engine/categories.js';
import type { Issue } from '../src/engine/issues.js';
import type { SheetValidation, TextNumberFix } from '../src/workbook-actions.js';
import { usePane } from './context.js';

// The check view's parts: they only render what useValidation found.

const useStyles = makeStyles({
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  // Counts on a line of their own: badges never shrink, the sheet list wraps below them.
  counts: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center', margin: '12px 0 4px' },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  sheets: { display: 'block', color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  unit: { margin: '14px 0 0', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  sheetHeading: { margin: '8px 0 0', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  group: { margin: '6px 0 0' },
  hint: { display: 'block', color: tokens.colorNeutralForeground3 },
  issue: { display: 'block', width: '100%', textAlign: 'left', justifyContent: 'flex-start', height: 'auto', padding: '6px 8px', fontWeight: tokens.fontWeightRegular },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, marginRight: '6px' },
  list: { listStyle: 'none', margin: 0, padding: 0 },
});

const PAGE = 40;

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return [...groups];
}

/** Errors before warnings, each kind once: how an official reads a sheet's issues. */
function byCategory(issues: readonly Issue[]): Array<[string, Issue[]]> {
  const ordered = [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity === 'warning')];
  return groupBy(ordered, (i) => `${i.severity}|${i.code}`);
}

/** The counts, the sheets checked, and what the check found in a word. */
export function IssueSummary({ result, focusRef }: { result: SheetValidation; focusRef: RefObject<HTMLDivElement> }) {
  const { t } = usePane();
  const styles = useStyles();
  const { issues } = result.report;
  const notAnnex = result.sheets.length === 1 ? result.notAnnex[result.sheets[0]!] : undefined;
  return (
    <>
      <div className={styles.counts} data-testid="issue-counts" aria-live="polite" tabIndex={-1} ref={focusRef}>
        <Badge appearance="filled" color="danger" className={styles.badge}>{t.errorCount(result.report.stats.errors)}</Badge>
        <Badge appearance="filled" color="warning" className={styles.badge}>{t.warningCount(result.report.stats.warnings)}</Badge>
      </div>
      <Text size={200} className={styles.sheets} data-testid="checked-sheets">{t.checkedSheets(result.sheets)}</Text>
      {notAnnex ? (
        <Text block data-testid="not-annex">{t.notAnnex[notAnnex]}</Text>
      ) : (
        result.report.sheets.every((s) => s.template === null) && issues.every((i) => i.code === 'locate/no-annex') && <Text block data-testid="not-annex">{t.noAnnex}</Text>
      )}
      {issues.length === 0 && result.report.sheets.some((s) => s.template) && (
        <MessageBar intent="success">
          <MessageBarBody>{t.valid}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** The one-click fixes on offer, and the preview of the one chosen before anything is written. */
export function FixActions({
  textNumbers,
  inDong,
  preview,
  onPreview,
  onApply,
  onCancel,
}: {
  textNumbers: TextNumberFix[];
  inDong: TextNumberFix[];
  preview: TextNumberFix[] | null;
  onPreview: (fixes: TextNumberFix[]) => void;
  onApply: () => void;
  onCancel: () => void;
}) {
  const { t, language } = usePane();
  const styles = useStyles();
  const number = (value: number) => value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US');
  if (!preview)
    return (
      <>
        {textNumbers.length > 0 && (
          <Button appearance="secondary" onClick={() => onPreview(textNumbers)} data-testid="fix-text-numbers">
            {t.fixTextNumbers(textNumbers.length)}
          </Button>
        )}
        {inDong.length > 0 && (
          <Button appearance="secondary" onClick={() => onPreview(inDong)} data-testid="fix-dong">
            {t.fixDong(inDong.length)}
          </Button>
        )}
      </>
    );
  return (
    <div data-testid="fix-preview">
      <Text weight="semibold">{preview.some((f) => f.keepFormat) ? t.fixDongPreview : t.fixPreview}</Text>
      <ul>
        {preview.map((f) => (
          <li key={`${f.sheet}!${f.cell}`}>{f.keepFormat ? `${f.sheet}!${f.cell}: ${f.text} → ${number(f.value)}` : t.fixLine(`${f.sheet}!${f.cell}`, f.text, number(f.value))}</li>
        ))}
      </ul>
      <div className={styles.row}>
        <Button appearance="primary" onClick={onApply}>
          {t.apply}
        </Button>
        <Button onClick={onCancel}>{t.cancel}</Button>
      </div>
    </div>
  );
}

/** Issues by unit, then sheet, then kind, a page at a time; a click selects the cell. */
export function IssueList({ result, onSelect }: { result: SheetValidation; onSelect: (sheet: string, cell: string) => void }) {
  const { t, language } = usePane();
  const styles = useStyles();
  const [shown, setShown] = useState<Record<string, number>>({});
  const unitOf = new Map(result.report.sheets.map((s) => [s.sheet, s.unitText?.replace(/^\s*Đơn vị báo cáo\s*:?\s*/iu, '').trim() ?? '']));
  return (
    <>
      {groupBy(result.report.issues, (i) => unitOf.get(i.sheet) ?? '').map(([unit, unitIssues]) => (
        <div key={unit} data-testid="issue-unit">
          <Text as="h2" block className={styles.unit}>{unit || t.unitUnknown}</Text>
          {groupBy(unitIssues, (i) => i.sheet).map(([sheet, sheetIssues]) => (
            <div key={sheet}>
              <Text as="h3" block className={styles.sheetHeading}>{`${t.sheet} ${sheet}`}</Text>
              {byCategory(sheetIssues).map(([key, group]) => {
                const { code, severity } = group[0]!;
                const category = categoryOf(code, language);
                const id = `${sheet}|${key}`;
                return (
                  <div key={key} className={styles.group} data-testid="issue-group" data-code={code}>
                    <Text weight="semibold" title={code}>{`${severity === 'error' ? t.error : t.warning} · ${category.name} (${group.length})`}</Text>
                    <Text size={200} className={styles.hint}>{category.hint}</Text>
                    <ul className={styles.list} data-testid="issue-list">
                      {group.slice(0, shown[id] ?? PAGE).map((issue, i) => (
                        <li key={`${issue.sheet}!${issue.cell}!${i}`}>
                          <Button
                            appearance="subtle"
                            className={styles.issue}
                            data-testid="issue"
                            data-cell={issue.cell ? `${issue.sheet}!${issue.cell}` : ''}
                            onClick={() => issue.cell && onSelect(issue.sheet, issue.cell)}
                          >
                            <span className={styles.cell}>{issue.cell ?? issue.sheet}</span>
                            {issue.message[language]}
                          </Button>
                        </li>
                      ))}
                    </ul>
                    {group.length > (shown[id] ?? PAGE) && (
                      <Button appearance="transparent" onClick={() => setShown({ ...shown, [id]: (shown[id] ?? PAGE) + PAGE })}>
                        {t.showMore}
                      </Button>
                    )}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      ))}
    </>
  );
}
