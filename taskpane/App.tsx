import { FluentProvider, Subtitle2, Tab, TabList, makeStyles, webLightTheme } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { MergeView } from './MergeView.js';
import { Pane, type PaneContext } from './context.js';
import { TemplatesView } from './TemplatesView.js';
import { TotalsView } from './TotalsView.js';
import { UnitListSetting } from './UnitListSetting.js';
import { usePaneUnits } from './usePaneUnits.js';
import { ValidateView } from './ValidateView.js';
import { onViewRequest } from './view-requests.js';

export type View = 'validate' | 'templates' | 'totals' | 'merge';

// The page's layout lives on an inner element: FluentProvider hands its own className to every
// portal (applyStylesToPortals), so a min-height and padding there made the Dropdown's popup a
// full-height white sheet over the pane that swallowed clicks.
const useStyles = makeStyles({
  root: { padding: '12px', fontFamily: 'Segoe UI, system-ui, sans-serif', minHeight: '100%', boxSizing: 'border-box' },
  body: { paddingTop: '12px' },
});

/** The task pane: the same component in Excel and on the demo page, over any WorkbookPort. */
export function App({ pane, initialView = 'validate' }: { pane: PaneContext; initialView?: View }) {
  const styles = useStyles();
  const [view, setView] = useState<View>(initialView);
  useEffect(() => onViewRequest(setView), []);
  // A new unit list starts the views afresh: what was read or checked under the old one no longer holds.
  const units = usePaneUnits(pane);
  const current = useMemo(() => ({ ...pane, config: { ...pane.config, units: units.list } }), [pane, units.list]);
  const { t } = pane;
  return (
    <FluentProvider theme={webLightTheme} lang={pane.language}>
      <Pane.Provider value={current}>
        <div className={styles.root}>
          <Subtitle2 as="h1" block>{t.appTitle}</Subtitle2>
          <UnitListSetting onChoose={units.choose} problem={units.problem} shipped={pane.config.units.district} />
          <TabList selectedValue={view} onTabSelect={(_, data) => setView(data.value as View)} size="small">
            <Tab value="validate">{t.tabValidate}</Tab>
            <Tab value="templates">{t.tabTemplates}</Tab>
            <Tab value="totals">{t.tabTotals}</Tab>
            <Tab value="merge">{t.tabMerge}</Tab>
          </TabList>
          <div className={styles.body} key={units.chosen}>
            {view === 'validate' && <ValidateView />}
            {view === 'templates' && <TemplatesView />}
            {view === 'totals' && <TotalsView />}
            {view === 'merge' && <MergeView />}
          </div>
        </div>
      </Pane.Provider>
    </FluentProvider>
  );
}

export function viewFromLocation(search: string): View {
  const view = new URLSearchParams(search).get('view');
  return view === 'templates' || view === 'totals' || view === 'merge' ? view : 'validate';
}
