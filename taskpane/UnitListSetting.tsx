import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useRef } from 'react';
import type { UnitList } from '../src/engine/units.js';
import { unitListFromJson } from '../src/merge-session.js';
import { describeError, usePane } from './context.js';
import { NoticeBar, useNotice } from './notice.js';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 8px', margin: '4px 0 0' },
  list: { color: tokens.colorNeutralForeground2 },
});

/**
 * The pane's one setting: whose unit list every view uses (Cam Lộ's as shipped, or another
 * district's JSON file, checked against the templates before it is used).
 */
export function UnitListSetting({
  onChoose,
  problem,
  shipped,
}: {
  onChoose: (units: UnitList) => Promise<{ kept: boolean; problem?: unknown }>;
  /** Why the list kept in the workbook was not used. */
  problem?: unknown;
  /** The district of the shipped list used instead. */
  shipped: string;
}) {
  const pane = usePane();
  const { config, t } = pane;
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const { notice, say, fail, clear } = useNotice();
  const { units } = config;

  const choose = async (list: FileList | null) => {
    const file = list?.[0];
    if (input.current) input.current.value = '';
    if (!file) return;
    clear();
    try {
      const loaded = unitListFromJson(await file.text(), file.name, config.templates);
      const { kept, problem: notKept } = await onChoose(loaded);
      const where = kept ? ` ${t.unitListKept}` : notKept !== undefined ? ` ${t.unitListNotKept(describeError(notKept, pane))}` : '';
      say('info', `${t.unitListLoaded(loaded.district, loaded.units.length, loaded.departments.length)}${where}`);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <div>
      <div className={styles.row}>
        <Text size={200} className={styles.list} data-testid="unit-list">{t.unitList(units.district, units.units.length, units.departments.length)}</Text>
        <input ref={input} type="file" accept=".json,application/json" hidden data-testid="unit-list-file" onChange={(e) => void choose(e.target.files)} />
        <Button size="small" appearance="subtle" onClick={() => input.current?.click()}>
          {t.chooseUnitList}
        </Button>
      </div>
      {problem !== undefined && !notice && (
        <MessageBar intent="warning" data-testid="kept-unit-list-problem">
          <MessageBarBody>{t.keptUnitListInvalid(describeError(problem, pane), shipped)}</MessageBarBody>
        </MessageBar>
      )}
      <NoticeBar notice={notice} />
    </div>
  );
}
