import { useEffect, useRef, useState } from 'react';
import { applyTextNumberFixes, highlightsOf, showIssues, updateIssues, validateSheets, type SheetValidation, type TextNumberFix } from '../src/workbook-actions.js';
import type { Highlight } from '../src/workbook-port.js';
import { usePane } from './context.js';
import { useNotice } from './notice.js';
import { onCheckRequest } from './view-requests.js';

/** How long the user may pause typing before the live re-check runs. */
const LIVE_DELAY_MS = 700;

/**
 * The check view's state and its calls to the workbook. Checks run only when the user asks:
 * the buttons, or *Kiểm tra biểu* on the ribbon (a check request). Mounting writes nothing.
 */
export function useValidation() {
  const { port, config, t } = usePane();
  const notice = useNotice();
  const { say, fail } = notice;
  const [result, setResult] = useState<SheetValidation | null>(null);
  const [busy, setBusy] = useState(false);
  /** The fixes previewed, written only when the user applies them. */
  const [fixes, setFixes] = useState<TextNumberFix[] | null>(null);
  /** Counts the checks the user asked for (not the live re-checks): focus follows them. */
  const [checks, setChecks] = useState(0);
  const scope = useRef<'active' | 'all'>('active');
  const marks = useRef<Highlight[]>([]);

  const run = async (asked: 'active' | 'all', confirmation?: string) => {
    scope.current = asked;
    setBusy(true);
    notice.clear();
    setFixes(null);
    try {
      const validation = await validateSheets(port, config, asked);
      setResult(validation);
      setChecks((n) => n + 1);
      await showIssues(port, validation.report.issues);
      marks.current = highlightsOf(validation.report.issues);
      if (confirmation) say('success', confirmation);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const clearHighlights = async () => {
    try {
      await port.clearHighlights();
      marks.current = [];
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

  const selectCell = (sheet: string, cell: string) => void port.selectCell(sheet, cell).catch((error) => fail(error));

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
      const validation = await validateSheets(port, config, scope.current);
      setResult(validation);
      setFixes(null);
      marks.current = await updateIssues(port, marks.current, validation.report.issues);
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

  return { notice, result, busy, checks, fixes, previewFixes: setFixes, cancelFixes: () => setFixes(null), run, clearHighlights, applyFixes, selectCell };
}
