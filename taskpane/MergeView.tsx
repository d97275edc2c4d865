import { Badge, Button, Checkbox, MessageBar, MessageBarBody, ProgressBar, Text, makeStyles } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { mergeBlockers, needsDecision, planMerge, type MergePlan, type MergeSource, type UnitCompleteness, type UnitStatus } from '../src/engine/merge.js';
import { readOpenDistrict, readReceivedFiles, receivedFile, writeMerge, type ReadOutcome } from '../src/workbook-actions.js';
import { usePane } from './context.js';
import { NoticeBar, useNotice } from './notice.js';
import { AssignConflicts, DuplicateChoices, HeldFiles } from './MergeDecisions.js';
import { formatGeneratedAt, unitListFromJson } from '../src/merge-session.js';
import { findReporter, reporterOf } from '../src/engine/units.js';

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', width: '100%', margin: '6px 0', '& td, & th': { borderBottom: '1px solid #e0e0e0', padding: '3px 4px', textAlign: 'left' } },
});

const STATUS_COLOR: Record<UnitStatus, 'success' | 'danger' | 'warning' | 'informative'> = {
  received: 'success',
  errors: 'danger',
  duplicate: 'warning',
  missing: 'informative',
};

export function MergeView() {
  const { port, config: paneConfig, t, language } = usePane();
  /** Another district's unit list, chosen for this merge (a JSON file like cam-lo.json). */
  const [units, setUnits] = useState(paneConfig.units);
  const config = useMemo(() => ({ ...paneConfig, units }), [paneConfig, units]);
  const listInput = useRef<HTMLInputElement>(null);
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcomes, setOutcomes] = useState<ReadOutcome[]>([]);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  /** An earlier merge in the open workbook, read once with the files (not on every checkbox). */
  const [openDistrict, setOpenDistrict] = useState<MergeSource[]>([]);
  /** The user's decisions: the unit of a file the engine would not name, the file to use of two. */
  const [assign, setAssign] = useState<Map<string, string>>(new Map());
  const [prefer, setPrefer] = useState<Set<string>>(new Set());
  const { notice, say, fail, clear } = useNotice();
  /** Units with errors are written only after the user says so, each time. */
  const [confirming, setConfirming] = useState(false);

  const chosen = outcomes.flatMap((o) => (o.ok && !excluded.has(o.source.file) ? [o.source] : []));
  // A unit whose file was read but unticked was received, just left out: not "Chưa nhận".
  const leftOut = new Set(outcomes.flatMap((o) => (o.ok && excluded.has(o.source.file) ? o.source.tables.flatMap((t) => reporterOf(t.unit)?.code ?? []) : [])));
  // Once the files are read, focus goes to the review, not to the page body.
  const review = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcomes.length) review.current?.focus();
  }, [outcomes]);
  const plan: MergePlan | null = useMemo(
    () => (outcomes.length ? planMerge([...openDistrict, ...chosen], config, { assign, prefer }) : null),
    // The plan follows the files read and the user's choices.
    [outcomes, excluded, openDistrict, assign, prefer, config],
  );
  const blockers = useMemo(() => (plan ? mergeBlockers(plan) : []), [plan]);
  const undecided = plan !== null && needsDecision(plan);

  const read = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    clear();
    setOutcomes([]);
    setExcluded(new Set());
    setAssign(new Map());
    setPrefer(new Set());
    const controller = new AbortController();
    abort.current = controller;
    try {
      const files = [...list].map(receivedFile);
      setProgress({ done: 0, total: files.length });
      const read = await readReceivedFiles(files, config, (done, total) => setProgress({ done, total }), controller.signal);
      setOpenDistrict(await readOpenDistrict(port, config));
      setOutcomes(read);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') say('info', t.cancelled);
      else fail(error);
    } finally {
      setProgress(null);
      abort.current = null;
      if (input.current) input.current.value = '';
    }
  };

  const write = async (decided = false) => {
    if (!plan) return;
    if (blockers.length && !decided) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    try {
      const names = await writeMerge(port, plan, formatGeneratedAt(new Date(), 'vi'));
      say('success', t.merged(names.length));
      setOutcomes([]);
    } catch (error) {
      fail(error);
    }
  };

  const chooseUnitList = async (list: FileList | null) => {
    const file = list?.[0];
    if (listInput.current) listInput.current.value = '';
    if (!file) return;
    clear();
    try {
      const loaded = unitListFromJson(await file.text(), file.name, paneConfig.templates);
      setUnits(loaded);
      setOutcomes([]);
      say('info', t.unitListLoaded(loaded.district, loaded.units.length, loaded.departments.length));
    } catch (error) {
      fail(error);
    }
  };

  const assignUnit = (file: string, code: string) => {
    const next = new Map(assign);
    if (code) next.set(file, code);
    else next.delete(file);
    setAssign(next);
  };
  const preferFile = (file: string, others: string[]) => setPrefer(new Set([...[...prefer].filter((f) => !others.includes(f)), file]));

  const completenessRows = (list: UnitCompleteness[]) =>
    list.map((u) => (
      <tr key={u.unit.code}>
        <td>{u.unit.name}</td>
        <td>
          <Badge appearance="tint" color={STATUS_COLOR[u.status]}>
            {u.status === 'missing' && leftOut.has(u.unit.code) ? t.leftOut : t.status[u.status]}
          </Badge>
        </td>
        <td>{u.errors ? t.errorCount(u.errors) : ''}</td>
      </tr>
    ));

  /** Who the engine says sent a file, and from what: the official sees it before writing. */
  const senderOf = (source: MergeSource) => {
    const decided = assign.get(source.file);
    if (decided) return findReporter(config.units, decided)?.name ?? decided;
    const named = new Map<string, string>();
    for (const { unit, unitSource } of source.tables) {
      const reporter = reporterOf(unit);
      if (reporter) named.set(reporter.code, `${reporter.name} (${t.unitSource[unitSource]})`);
    }
    if (named.size) return [...named.values()].join('; ');
    return source.tables.some((u) => u.unit.kind === 'district') ? config.units.district : t.unitNotFound;
  };

  const toggle = (file: string, include: boolean) => {
    const next = new Set(excluded);
    if (include) next.delete(file);
    else next.add(file);
    setExcluded(next);
    setConfirming(false);
  };

  return (
    <section aria-label={t.tabMerge}>
      <Text block>{t.mergeIntro}</Text>
      <input ref={input} type="file" accept=".xlsx" multiple hidden data-testid="merge-files" onChange={(e) => read(e.target.files)} />
      <Text block data-testid="unit-list">{t.unitList(units.district, units.units.length, units.departments.length)}</Text>
      <input ref={listInput} type="file" accept=".json,application/json" hidden data-testid="unit-list-file" onChange={(e) => chooseUnitList(e.target.files)} />
      <Button appearance="primary" onClick={() => input.current?.click()} disabled={progress !== null} style={{ marginTop: 8 }}>
        {t.chooseFiles}
      </Button>{' '}
      <Button onClick={() => listInput.current?.click()} disabled={progress !== null} style={{ marginTop: 8 }}>
        {t.chooseUnitList}
      </Button>
      {progress && (
        <div data-testid="merge-progress">
          <ProgressBar thickness="large" value={progress.total ? progress.done / progress.total : 0} />
          <Text>{t.reading(progress.done, progress.total)}</Text> <Button onClick={() => abort.current?.abort()}>{t.cancel}</Button>
        </div>
      )}
      <NoticeBar notice={notice} />
      {plan && (
        <div data-testid="merge-review" tabIndex={-1} ref={review}>
          <Text block weight="semibold">{`${t.completeness}: ${t.received(plan.completeness.filter((u) => u.status !== 'missing').length, plan.completeness.length)}`}</Text>
          <HeldFiles held={plan.held} units={config.units} assign={assign} onAssign={assignUnit} />
          <DuplicateChoices duplicates={plan.duplicates} onPrefer={preferFile} />
          <AssignConflicts conflicts={plan.conflicts} onDrop={(file) => assignUnit(file, '')} />
          <table className={styles.table} data-testid="completeness">
            <tbody>{completenessRows(plan.completeness)}</tbody>
          </table>
          {plan.departmentCompleteness.length > 0 && (
            <>
              <Text block weight="semibold">{`${t.departments}: ${plan.departmentCompleteness.filter((u) => u.status !== 'missing').length}/${plan.departmentCompleteness.length}`}</Text>
              <table className={styles.table} data-testid="department-completeness">
                <tbody>{completenessRows(plan.departmentCompleteness)}</tbody>
              </table>
            </>
          )}
          {undecided && <Text block>{t.decideFirst}</Text>}
          {blockers.length > 0 && (
            <MessageBar intent="error" data-testid="merge-blockers">
              <MessageBarBody>
                <Text block weight="semibold">{t.unitsWithErrors(blockers.length)}</Text>
                {blockers.map((b) => (
                  <details key={b.unit?.code ?? b.files.join()} data-testid="merge-blocker">
                    <summary>{`${b.unit?.name ?? t.fileWithoutUnit} (${b.files.join(', ')}): ${b.issues.length} ${t.errors} · ${t.showIssues}`}</summary>
                    <ul>
                      {b.issues.map((issue, i) => (
                        <li key={i}>{`${issue.sheet}${issue.cell ? `!${issue.cell}` : ''}: ${issue.message[language]}`}</li>
                      ))}
                    </ul>
                  </details>
                ))}
              </MessageBarBody>
            </MessageBar>
          )}
          <Button appearance="primary" onClick={() => write()} disabled={chosen.length === 0 || confirming || undecided} data-testid="merge-write">
            {t.writeMerge}
          </Button>
          {confirming && (
            <div data-testid="merge-confirm">
              <Text block>{t.confirmWrite}</Text>
              <Button appearance="primary" onClick={() => write(true)} data-testid="merge-write-anyway">
                {t.writeAnyway}
              </Button>{' '}
              <Button onClick={() => setConfirming(false)}>{t.cancel}</Button>
            </div>
          )}
          <Text block weight="semibold">{t.files}</Text>
          <table className={styles.table} data-testid="merge-files-table">
            <tbody>
              {outcomes.map((o) =>
                o.ok ? (
                  <tr key={o.source.file}>
                    <td>
                      <Checkbox checked={!excluded.has(o.source.file)} onChange={(_, data) => toggle(o.source.file, data.checked === true)} label={o.source.file} />
                    </td>
                    <td data-testid="file-sender">{senderOf(o.source)}</td>
                    <td>{`${t.errorCount(o.source.report.stats.errors)}, ${t.warningCount(o.source.report.stats.warnings)}`}</td>
                  </tr>
                ) : (
                  <tr key={o.file}>
                    <td>{o.file}</td>
                    <td>
                      <Badge color="danger">{t.unreadable}</Badge> {language === 'en' ? o.en : o.vi}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
