import { Badge, Button, Checkbox, ProgressBar, Text, makeStyles } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { planMerge, type MergePlan, type MergeSource, type UnitStatus } from '../src/engine/merge.js';
import { readOpenDistrict, readReceivedFiles, writeMerge, type ReadOutcome } from '../src/workbook-actions.js';
import { usePane } from './context.js';
import { NoticeBar, useNotice } from './notice.js';
import { vietnamTime } from '../src/engine/local-time.js';

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
  const { port, config, t, language } = usePane();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcomes, setOutcomes] = useState<ReadOutcome[]>([]);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  /** An earlier merge in the open workbook, read once with the files (not on every checkbox). */
  const [openDistrict, setOpenDistrict] = useState<MergeSource[]>([]);
  const { notice, say, fail, clear } = useNotice();

  const chosen = outcomes.flatMap((o) => (o.ok && !excluded.has(o.source.file) ? [o.source] : []));
  // A unit whose file was read but unticked was received, just left out: not "Chưa nhận".
  const leftOut = new Set(outcomes.flatMap((o) => (o.ok && excluded.has(o.source.file) ? o.source.tables.flatMap((t) => (t.unit.kind === 'unit' ? [t.unit.unit.code] : [])) : [])));
  // Once the files are read, focus goes to the review, not to the page body.
  const review = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcomes.length) review.current?.focus();
  }, [outcomes]);
  const plan: MergePlan | null = useMemo(
    () => (outcomes.length ? planMerge([...openDistrict, ...chosen], config) : null),
    // The plan follows the files read and the user's choice of which to include.
    [outcomes, excluded, openDistrict],
  );

  const read = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    clear();
    setOutcomes([]);
    setExcluded(new Set());
    const controller = new AbortController();
    abort.current = controller;
    try {
      const files = await Promise.all([...list].map(async (file) => ({ name: file.name.normalize('NFC'), bytes: new Uint8Array(await file.arrayBuffer()) })));
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

  const write = async () => {
    if (!plan) return;
    try {
      const names = await writeMerge(port, plan, vietnamTime(new Date()));
      say('success', t.merged(names.length));
      setOutcomes([]);
    } catch (error) {
      fail(error);
    }
  };

  const toggle = (file: string, include: boolean) => {
    const next = new Set(excluded);
    if (include) next.delete(file);
    else next.add(file);
    setExcluded(next);
  };

  return (
    <section aria-label={t.tabMerge}>
      <Text block>{t.mergeIntro}</Text>
      <input ref={input} type="file" accept=".xlsx" multiple hidden data-testid="merge-files" onChange={(e) => read(e.target.files)} />
      <Button appearance="primary" onClick={() => input.current?.click()} disabled={progress !== null} style={{ marginTop: 8 }}>
        {t.chooseFiles}
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
          <table className={styles.table} data-testid="completeness">
            <tbody>
              {plan.completeness.map((u) => (
                <tr key={u.unit.code}>
                  <td>{u.unit.name}</td>
                  <td>
                    <Badge appearance="tint" color={STATUS_COLOR[u.status]}>
                      {u.status === 'missing' && leftOut.has(u.unit.code) ? t.leftOut : t.status[u.status]}
                    </Badge>
                  </td>
                  <td>{u.errors ? t.errorCount(u.errors) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Button appearance="primary" onClick={write} disabled={chosen.length === 0} data-testid="merge-write">
            {t.writeMerge}
          </Button>
          <Text block weight="semibold">{t.files}</Text>
          <table className={styles.table} data-testid="merge-files-table">
            <tbody>
              {outcomes.map((o) =>
                o.ok ? (
                  <tr key={o.source.file}>
                    <td>
                      <Checkbox checked={!excluded.has(o.source.file)} onChange={(_, data) => toggle(o.source.file, data.checked === true)} label={o.source.file} />
                    </td>
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
