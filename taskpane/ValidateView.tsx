import { Button, Spinner, makeStyles } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { dongFixes, textNumberFixes } from '../src/workbook-actions.js';
import { usePane } from './context.js';
import { NoticeBar } from './notice.js';
import { useValidation } from './useValidation.js';
import { FixActions, IssueList, IssueSummary } from './ValidateResults.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

/** Kiểm tra: check the active sheet or every annex, highlight the issues, offer the safe fixes. */
export function ValidateView() {
  const { t } = usePane();
  const styles = useStyles();
  const check = useValidation();
  const { result, busy } = check;

  // After a check the buttons were disabled: focus goes to the result, not to the page body.
  const counts = useRef<HTMLDivElement>(null);
  const focused = useRef(0);
  useEffect(() => {
    if (!busy && result && check.checks !== focused.current) {
      focused.current = check.checks;
      counts.current?.focus();
    }
  }, [busy, result, check.checks]);

  const issues = result?.report.issues ?? [];
  return (
    <section aria-label={t.tabValidate}>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void check.run('active')} disabled={busy} data-testid="validate-active">
          {t.validateActive}
        </Button>
        <Button onClick={() => void check.run('all')} disabled={busy} data-testid="validate-all">
          {t.validateAll}
        </Button>
        <Button onClick={() => void check.clearHighlights()} disabled={busy} data-testid="clear-highlights">
          {t.clearHighlights}
        </Button>
      </div>
      {busy && <Spinner size="tiny" label={t.checking} />}
      <NoticeBar notice={check.notice.notice} />
      {result && !busy && (
        <>
          <IssueSummary result={result} focusRef={counts} />
          <FixActions
            textNumbers={textNumberFixes(issues)}
            inDong={dongFixes(issues)}
            preview={check.fixes}
            onPreview={check.previewFixes}
            onApply={() => void check.applyFixes()}
            onCancel={check.cancelFixes}
          />
          <IssueList result={result} onSelect={check.selectCell} />
        </>
      )}
    </section>
  );
}
