import { Button, Text } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { usePane } from './context.js';
import { NoticeBar } from './notice.js';
import { AssignConflicts, DuplicateChoices, HeldFiles } from './MergeDecisions.js';
import { CompletenessTable, MergeBlockers, MergeProgress, ReceivedFiles, WriteMerge } from './MergeReview.js';
import { useMergeSession } from './useMergeSession.js';

/** Gộp báo cáo: choose the received files, review what the merge would do, then write it. */
export function MergeView() {
  const { config, t } = usePane();
  const session = useMergeSession();
  const { plan, progress, outcomes } = session;
  const input = useRef<HTMLInputElement>(null);
  // Once the files are read, focus goes to the review, not to the page body.
  const review = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcomes.length) review.current?.focus();
  }, [outcomes]);

  const choose = async (list: FileList | null) => {
    await session.read(list);
    // The same files can be chosen again after a cancel or a write.
    if (input.current) input.current.value = '';
  };

  return (
    <section aria-label={t.tabMerge}>
      <Text block>{t.mergeIntro}</Text>
      <input ref={input} type="file" accept=".xlsx" multiple hidden data-testid="merge-files" onChange={(e) => void choose(e.target.files)} />
      <Button appearance="primary" onClick={() => input.current?.click()} disabled={progress !== null} style={{ marginTop: 8 }}>
        {t.chooseFiles}
      </Button>
      {progress && <MergeProgress progress={progress} onCancel={session.cancel} />}
      <NoticeBar notice={session.notice.notice} />
      {plan && (
        <div data-testid="merge-review" tabIndex={-1} ref={review}>
          <Text block weight="semibold">{`${t.completeness}: ${t.received(plan.completeness.filter((u) => u.status !== 'missing').length, plan.completeness.length)}`}</Text>
          <HeldFiles held={plan.held} units={config.units} assign={session.assign} onAssign={session.assignUnit} />
          <DuplicateChoices duplicates={plan.duplicates} onPrefer={session.preferFile} />
          <AssignConflicts conflicts={plan.conflicts} onDrop={(file) => session.assignUnit(file, '')} />
          <CompletenessTable units={plan.completeness} leftOut={session.leftOut} testId="completeness" />
          {plan.departmentCompleteness.length > 0 && (
            <>
              <Text block weight="semibold">{`${t.departments}: ${plan.departmentCompleteness.filter((u) => u.status !== 'missing').length}/${plan.departmentCompleteness.length}`}</Text>
              <CompletenessTable units={plan.departmentCompleteness} leftOut={session.leftOut} testId="department-completeness" />
            </>
          )}
          {session.undecided && <Text block>{t.decideFirst}</Text>}
          <MergeBlockers blockers={session.blockers} />
          <WriteMerge disabled={session.chosen === 0 || session.undecided} confirming={session.confirming} onWrite={(decided) => void session.write(decided)} onCancel={session.stopConfirming} />
          <Text block weight="semibold">{t.files}</Text>
          <ReceivedFiles outcomes={outcomes} excluded={session.excluded} assign={session.assign} onInclude={session.include} />
        </div>
      )}
    </section>
  );
}
