import { useMemo, useRef, useState } from 'react';
import { mergeBlockers, needsDecision, type MergePlan } from '../src/engine/merge.js';
import { reporterOf } from '../src/engine/units.js';
import { planWorkbookMerge, readWorkbookMerge, receivedFile, receivedSources, writeMerge, type ReadOutcome, type WorkbookMerge } from '../src/workbook-actions.js';
import { usePane } from './context.js';
import { useNotice } from './notice.js';

/** Units whose file was read but unticked: received, just left out (not "Chưa nhận"). */
export function leftOutUnits(outcomes: readonly ReadOutcome[], excluded: ReadonlySet<string>): Set<string> {
  return new Set(receivedSources(outcomes).flatMap((s) => (excluded.has(s.file) ? s.tables.flatMap((t) => reporterOf(t.unit)?.code ?? []) : [])));
}

/**
 * The merge review's state and its calls to the workbook: the files and the open workbook are
 * read once, the plan follows every choice of the user (the same planWorkbookMerge as the
 * tests), and nothing is written before the user confirms.
 */
export function useMergeSession() {
  const { port, config, t } = usePane();
  const notice = useNotice();
  const { say, fail, clear } = notice;
  const abort = useRef<AbortController | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [merge, setMerge] = useState<WorkbookMerge | null>(null);
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  /** The user's decisions: the unit of a file the engine would not name, the file to use of two. */
  const [assign, setAssign] = useState<ReadonlyMap<string, string>>(new Map());
  const [prefer, setPrefer] = useState<ReadonlySet<string>>(new Set());
  /** Units with errors are written only after the user says so, each time. */
  const [confirming, setConfirming] = useState(false);

  const outcomes = merge?.outcomes ?? [];
  const plan: MergePlan | null = useMemo(
    () => (merge && merge.outcomes.length ? planWorkbookMerge(config, merge, { excluded, assign, prefer }) : null),
    [merge, excluded, assign, prefer, config],
  );
  const blockers = useMemo(() => (plan ? mergeBlockers(plan) : []), [plan]);
  const chosen = receivedSources(outcomes).filter((s) => !excluded.has(s.file)).length;

  const read = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    clear();
    setMerge(null);
    setExcluded(new Set());
    setAssign(new Map());
    setPrefer(new Set());
    const controller = new AbortController();
    abort.current = controller;
    try {
      const files = [...list].map(receivedFile);
      setProgress({ done: 0, total: files.length });
      setMerge(await readWorkbookMerge(port, config, files, (done, total) => setProgress({ done, total }), controller.signal));
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') say('info', t.cancelled);
      else fail(error);
    } finally {
      setProgress(null);
      abort.current = null;
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
      const names = await writeMerge(port, plan, new Date());
      say('success', t.merged(names.length));
      setMerge(null);
    } catch (error) {
      fail(error);
    }
  };

  const include = (file: string, included: boolean) => {
    const next = new Set(excluded);
    if (included) next.delete(file);
    else next.add(file);
    setExcluded(next);
    setConfirming(false);
  };
  const assignUnit = (file: string, code: string) => {
    const next = new Map(assign);
    if (code) next.set(file, code);
    else next.delete(file);
    setAssign(next);
  };
  const preferFile = (file: string, others: readonly string[]) => setPrefer(new Set([...[...prefer].filter((f) => !others.includes(f)), file]));

  return {
    notice,
    progress,
    cancel: () => abort.current?.abort(),
    outcomes,
    excluded,
    assign,
    plan,
    blockers,
    undecided: plan !== null && needsDecision(plan),
    chosen,
    leftOut: leftOutUnits(outcomes, excluded),
    confirming,
    stopConfirming: () => setConfirming(false),
    read,
    write,
    include,
    assignUnit,
    preferFile,
  };
}
