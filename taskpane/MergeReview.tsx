import { Badge, Button, Checkbox, MessageBar, MessageBarBody, ProgressBar, Text, makeStyles } from '@fluentui/react-components';
import type { MergeBlocker, MergeSource, UnitCompleteness, UnitStatus } from '../src/engine/merge.js';
import { findReporter, reporterOf, type UnitList } from '../src/engine/units.js';
import type { ReadOutcome } from '../src/workbook-actions.js';
import { usePane } from './context.js';
import type { Strings } from './i18n.js';

// The merge review's parts: they only render what useMergeSession decided.

const useStyles = makeStyles({
  table: { borderCollapse: 'collapse', width: '100%', margin: '6px 0', '& td, & th': { borderBottom: '1px solid #e0e0e0', padding: '3px 4px', textAlign: 'left' } },
});

const STATUS_COLOR: Record<UnitStatus, 'success' | 'danger' | 'warning' | 'informative'> = {
  received: 'success',
  errors: 'danger',
  duplicate: 'warning',
  missing: 'informative',
};

export function MergeProgress({ progress, onCancel }: { progress: { done: number; total: number }; onCancel: () => void }) {
  const { t } = usePane();
  return (
    <div data-testid="merge-progress">
      <ProgressBar thickness="large" value={progress.total ? progress.done / progress.total : 0} />
      <Text>{t.reading(progress.done, progress.total)}</Text> <Button onClick={onCancel}>{t.cancel}</Button>
    </div>
  );
}

/** Each unit of the list and what came from it; a unit whose file was unticked is "left out". */
export function CompletenessTable({ units, leftOut, testId }: { units: readonly UnitCompleteness[]; leftOut: ReadonlySet<string>; testId: string }) {
  const { t } = usePane();
  const styles = useStyles();
  return (
    <table className={styles.table} data-testid={testId}>
      <tbody>
        {units.map((u) => (
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
  );
}

/** The units with errors, each with its issues one click away. */
export function MergeBlockers({ blockers }: { blockers: readonly MergeBlocker[] }) {
  const { t, language } = usePane();
  if (blockers.length === 0) return null;
  return (
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
  );
}

/** The write button, and the second, explicit confirmation when units with errors would be written. */
export function WriteMerge({ disabled, confirming, onWrite, onCancel }: { disabled: boolean; confirming: boolean; onWrite: (decided: boolean) => void; onCancel: () => void }) {
  const { t } = usePane();
  return (
    <>
      <Button appearance="primary" onClick={() => onWrite(false)} disabled={disabled || confirming} data-testid="merge-write">
        {t.writeMerge}
      </Button>
      {confirming && (
        <div data-testid="merge-confirm">
          <Text block>{t.confirmWrite}</Text>
          <Button appearance="primary" onClick={() => onWrite(true)} data-testid="merge-write-anyway">
            {t.writeAnyway}
          </Button>{' '}
          <Button onClick={onCancel}>{t.cancel}</Button>
        </div>
      )}
    </>
  );
}

/** Who the engine says sent a file, and from what: the official sees it before writing. */
export function senderOf(source: MergeSource, assigned: string | undefined, units: UnitList, t: Strings): string {
  if (assigned) return findReporter(units, assigned)?.name ?? assigned;
  const named = new Map<string, string>();
  for (const { unit, unitSource } of source.tables) {
    const reporter = reporterOf(unit);
    if (reporter) named.set(reporter.code, `${reporter.name} (${t.unitSource[unitSource]})`);
  }
  if (named.size) return [...named.values()].join('; ');
  return source.tables.some((u) => u.unit.kind === 'district') ? units.district : t.unitNotFound;
}

/** Every file read, ticked to be merged, with its sender and counts; a file that could not be read says why. */
export function ReceivedFiles({
  outcomes,
  excluded,
  assign,
  onInclude,
}: {
  outcomes: readonly ReadOutcome[];
  excluded: ReadonlySet<string>;
  assign: ReadonlyMap<string, string>;
  onInclude: (file: string, included: boolean) => void;
}) {
  const { t, language, config } = usePane();
  const styles = useStyles();
  return (
    <table className={styles.table} data-testid="merge-files-table">
      <tbody>
        {outcomes.map((o) =>
          o.ok ? (
            <tr key={o.source.file}>
              <td>
                <Checkbox checked={!excluded.has(o.source.file)} onChange={(_, data) => onInclude(o.source.file, data.checked === true)} label={o.source.file} />
              </td>
              <td data-testid="file-sender">{senderOf(o.source, assign.get(o.source.file), config.units, t)}</td>
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
  );
}
