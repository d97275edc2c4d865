import { Badge, Button, MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Issue, IssueCode } from '../src/engine/issues.js';
import { applyTextNumberFixes, dongFixes, showIssues, textNumberFixes, validateSheets, type SheetValidation, type TextNumberFix } from '../src/workbook-actions.js';
import { usePane } from './context.js';
import { NoticeBar, useNotice } from './notice.js';
import { onCheckRequest } from './view-requests.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  counts: { display: 'flex', gap: '12px', alignItems: 'center', margin: '12px 0 4px' },
  group: { margin: '10px 0 0' },
  issue: { display: 'block', width: '100%', textAlign: 'left', justifyContent: 'flex-start', height: 'auto', padding: '6px 8px', fontWeight: tokens.fontWeightRegular },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold, marginRight: '6px' },
  list: { listStyle: 'none', margin: 0, padding: 0 },
});

const PAGE = 40;

function groupByCode(issues: Issue[]): Array<[IssueCode, Issue[]]> {
  const groups = new Map<IssueCode, Issue[]>();
  for (const issue of issues) groups.set(issue.code, [...(groups.get(issue.code) ?? []), issue]);
  return [...groups];
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

  const run = async (scope: 'active' | 'all') => {
    setBusy(true);
    clearNotice();
    setFixes(null);
    try {
      const validation = await validateSheets(port, config, scope);
      setResult(validation);
      setShown({});
      await showIssues(port, validation.report.issues);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const clear = async () => {
    try {
      await port.clearHighlights();
    } catch (error) {
      fail(error);
    }
  };

  const applyFixes = async () => {
    if (!fixes) return;
    try {
      await applyTextNumberFixes(port, fixes);
      say('success', t.fixed(fixes.length));
      setFixes(null);
      await run(result && result.sheets.length === 1 ? 'active' : 'all');
    } catch (error) {
      fail(error);
    }
  };

  // `run` closes over this render's state; the request only needs the latest one.
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => onCheckRequest(() => void runRef.current('active')), []);

  const issues = result?.report.issues ?? [];
  const available = textNumberFixes(issues);
  const inDong = dongFixes(issues);
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
          <div className={styles.counts} data-testid="issue-counts" aria-live="polite">
            <Badge appearance="filled" color="danger">{`${result.report.stats.errors} ${t.errors}`}</Badge>
            <Badge appearance="filled" color="warning">{`${result.report.stats.warnings} ${t.warnings}`}</Badge>
            <Text size={200}>{result.sheets.join(', ')}</Text>
          </div>
          {result.report.sheets.every((s) => s.template === null) && <Text>{t.noAnnex}</Text>}
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
                  <li key={`${f.sheet}!${f.cell}`}>{`${f.sheet}!${f.cell}: ${f.keepFormat ? f.text : `"${f.text}"`} → ${f.value.toLocaleString(language === 'vi' ? 'vi-VN' : 'en-US')}`}</li>
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
          {(['error', 'warning'] as const).map((severity) =>
            groupByCode(issues.filter((i) => i.severity === severity)).map(([code, group]) => (
              <div key={code} className={styles.group}>
                <Text weight="semibold">{`${severity === 'error' ? t.error : t.warning} · ${code} (${group.length})`}</Text>
                <ul className={styles.list} data-testid="issue-list">
                  {group.slice(0, shown[code] ?? PAGE).map((issue, i) => (
                    <li key={`${issue.sheet}!${issue.cell}!${i}`}>
                      <Button
                        appearance="subtle"
                        className={styles.issue}
                        data-testid="issue"
                        data-cell={issue.cell ? `${issue.sheet}!${issue.cell}` : ''}
                        onClick={() => issue.cell && port.selectCell(issue.sheet, issue.cell).catch((error) => fail(error))}
                      >
                        <span className={styles.cell}>{issue.cell ? `${issue.sheet}!${issue.cell}` : issue.sheet}</span>
                        {issue.message[language]}
                      </Button>
                    </li>
                  ))}
                </ul>
                {group.length > (shown[code] ?? PAGE) && (
                  <Button appearance="transparent" onClick={() => setShown({ ...shown, [code]: (shown[code] ?? PAGE) + PAGE })}>
                    {t.showMore}
                  </Button>
                )}
              </div>
            )),
          )}
        </>
      )}
    </section>
  );
}
