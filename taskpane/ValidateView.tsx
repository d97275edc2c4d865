import { Badge, Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { categoryOf } from '../src/engine/categories.js';
import type { Issue } from '../src/engine/issues.js';
import { applyTextNumberFixes, dongFixes, highlightsOf, showIssues, textNumberFixes, updateIssues, validateSheets, type SheetValidation, type TextNumberFix } from '../src/workbook-actions.js';
import type { Highlight } from '../src/workbook-port.js';
import { usePane } from './context.js';
import { NoticeBar, useNotice } from './notice.js';
import { onCheckRequest } from './view-requests.js';

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
/** How long the user may pause typing before the live re-check runs. */
const LIVE_DELAY_MS = 700;

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

/**
 * Checks run only when the user asks: the buttons, or *Kiểm tra biểu* on the ribbon (a check
 * request). Mounting the view (the pane loading, the user returning to this tab) writes nothing.
 */
export function ValidateView() {
  const pane = usePane();
  const { port, config, t, language } = pane;
  const styles = useStyles();
  const [result, setResult] = useState<SheetValidation | null>(null);
  const [busy, setBusy] = useState(false);
  const { notice, say, fail, clear: clearNotice } = useNotice();
  const [fixes, setFixes] = useState<TextNumberFix[] | null>(null);
  const [shown, setShown] = useState<Record<string, number>>({});

  const countsRef = useRef<HTMLDivElement>(null);
  const focusCounts = useRef(false);
  // After a check the buttons were disabled: focus goes to the result, not to the page body.
  useEffect(() => {
    if (!busy && result && focusCounts.current) {
      focusCounts.current = false;
      countsRef.current?.focus();
    }
  }, [busy, result]);

  const scopeRef = useRef<'active' | 'all'>('active');
  const marksRef = useRef<Highlight[]>([]);

  const run = async (scope: 'active' | 'all', confirmation?: string) => {
    scopeRef.current = scope;
    setBusy(true);
    clearNotice();
    setFixes(null);
    try {
      const validation = await validateSheets(port, config, scope);
      setResult(validation);
      setShown({});
      focusCounts.current = true;
      await showIssues(port, validation.report.issues);
      marksRef.current = highlightsOf(validation.report.issues);
      if (confirmation) say('success', confirmation);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const clear = async () => {
    try {
      await port.clearHighlights();
      marksRef.current = [];
    } catch (error) {
      fail(error);
    }
  };

  const applyFixes = async () => {
    if (!fixes) return;
    try {
      await applyTextNumberFixes(port, fixes);
      setFixes(null);
      // The re-check clears the notice: the confirmation comes after it, so it stays in view.
      await run(result && result.sheets.length === 1 ? 'active' : 'all', t.fixed(fixes.length));
    } catch (error) {
      fail(error);
    }
  };

  // `run` closes over this render's state; the request only needs the latest one.
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => onCheckRequest(() => void runRef.current('active')), []);

  /**
   * Live re-check, like Excel's own error checking: once sheets have been checked, an edit in
   * one of them re-checks (after a pause in typing), the list follows, and the highlights are
   * rewritten only when they changed. Focus and the notice stay where they are.
   */
  const recheck = async () => {
    try {
      const validation = await validateSheets(port, config, scopeRef.current);
      setResult(validation);
      setFixes(null);
      marksRef.current = await updateIssues(port, marksRef.current, validation.report.issues);
    } catch (error) {
      fail(error);
    }
  };
  const recheckRef = useRef(recheck);
  recheckRef.current = recheck;
  const watched = result?.sheets.join('\n') ?? '';
  useEffect(() => {
    if (!watched || !port.watchSheet) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const stops: Array<() => void> = [];
    const edited = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void recheckRef.current(), LIVE_DELAY_MS);
    };
    void Promise.all(watched.split('\n').map((sheet) => port.watchSheet!(sheet, edited))).then(
      (unwatch) => (stopped ? unwatch.forEach((stop) => stop()) : stops.push(...unwatch)),
      () => undefined, // No live re-check here: the buttons still work.
    );
    return () => {
      stopped = true;
      clearTimeout(timer);
      stops.forEach((stop) => stop());
    };
  }, [watched, port]);

  const issues = result?.report.issues ?? [];
  const available = textNumberFixes(issues);
  const inDong = dongFixes(issues);
  const unitOf = new Map((result?.report.sheets ?? []).map((s) => [s.sheet, s.unitText?.replace(/^\s*Đơn vị báo cáo\s*:?\s*/iu, '').trim() ?? '']));
  const notAnnex = result && result.sheets.length === 1 ? result.notAnnex[result.sheets[0]!] : undefined;
  return (
    <section aria-label={t.tabValidate}>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => run('active')} disabled={busy} data-testid="validate-active">
          {t.validateActive}
        </Button>
        <Button onClick={() => run('all')} disabled={busy} data-testid="validate-all">
          {t.validateAll}
        </Button>
        <Button onClick={clear} disabled={busy} data-testid="clear-highlights">
          {t.clearHighlights}
        </Button>
      </div>
      {busy && <Spinner size="tiny" label={t.checking} />}
      <NoticeBar notice={notice} />
      {result && !busy && (
        <>
          <div className={styles.counts} data-testid="issue-counts" aria-live="polite" tabIndex={-1} ref={countsRef}>
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
          {available.length > 0 && !fixes && (
            <Button appearance="secondary" onClick={() => setFixes(available)} data-testid="fix-text-numbers">
              {t.fixTextNumbers(available.length)}
            </Button>
          )}
          {inDong.length > 0 && !fixes && (
            <Button appearance="secondary" onClick={() => setFixes(inDong)} data-testid="fix-dong">
              {t.fixDong(inDong.length)}
            </Button>
          )}
          {fixes && (
            <div data-testid="fix-preview">
              <Text weight="semibold">{fixes.some((f) => f.keepFormat) ? t.fixDongPreview : t.fixPreview}</Text>
              <ul>
                {fixes.map((f) => (
                  <li key={`${f.sheet}!${f.cell}`}>
                    {f.keepFormat
                      ? `${f.sheet}!${f.cell}: ${f.text} → ${f.value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US')}`
                      : t.fixLine(`${f.sheet}!${f.cell}`, f.text, f.value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US'))}
                  </li>
                ))}
              </ul>
              <div className={styles.row}>
                <Button appearance="primary" onClick={applyFixes}>
                  {t.apply}
                </Button>
                <Button onClick={() => setFixes(null)}>{t.cancel}</Button>
              </div>
            </div>
          )}
          {groupBy(issues, (i) => unitOf.get(i.sheet) ?? '').map(([unit, unitIssues]) => (
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
                                onClick={() => issue.cell && port.selectCell(issue.sheet, issue.cell).catch((error) => fail(error))}
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
      )}
    </section>
  );
}
