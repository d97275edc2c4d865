import { createRoot } from 'react-dom/client';
import { officeUnitListStore } from '../src/adapters/office-settings.js';
import { OfficeWorkbook } from '../src/adapters/office-workbook.js';
import { engineConfigFor } from '../src/merge-session.js';
import { App, viewFromLocation } from './App.js';
import { paneContext } from './context.js';
import { languageFor } from './i18n.js';
import { requestCheck, requestView } from './view-requests.js';

// The shared runtime starts this page when a GNBV.* formula calculates, when an ExecuteFunction
// button is pressed, or when the pane is opened, and afterwards only shows and hides the pane
// ("Configure your Office Add-in to use a shared runtime",
// https://learn.microsoft.com/office/dev/add-ins/develop/configure-your-add-in-to-use-a-shared-runtime).
// So nothing here writes to the workbook on load: the check runs when the user asks for it.
// The GNBV.* functions are the page's other entry (webpack.config.js), associated at its top level.

/** True from a ribbon command showing the pane until the pane is hidden again. */
let shownByCommand = false;

/** Ribbon buttons other than "Kiểm tra biểu" switch the pane's view and show it; they write nothing. */
function associateRibbonCommands(): void {
  const commands = [
    ['showMergeView', 'merge'],
    ['showTotalsView', 'totals'],
    ['showTemplatesView', 'templates'],
  ] as const;
  for (const [name, view] of commands) {
    Office.actions.associate(name, (event: Office.AddinCommands.Event) => {
      shownByCommand = true;
      requestView(view);
      Office.addin.showAsTaskpane().finally(() => event.completed());
    });
  }
}

/**
 * "Kiểm tra biểu" is a ShowTaskpane button: once the page exists, a click only makes the hidden
 * pane visible again. Shown not by one of our commands, the pane takes that as the click:
 * back to the check view, and check. (A click while the pane is already visible fires nothing.)
 */
function followVisibility(): void {
  if (!Office.context.requirements.isSetSupported('SharedRuntime', '1.1')) return;
  void Office.addin.onVisibilityModeChanged((args) => {
    if (args.visibilityMode !== Office.VisibilityMode.taskpane) {
      shownByCommand = false;
      return;
    }
    if (!shownByCommand) requestCheck();
  });
}

/** The shared-runtime page: the task pane and the ribbon's buttons. */
function start(host: Office.HostType | null): void {
  const root = createRoot(document.getElementById('root')!);
  if (host !== Office.HostType.Excel) {
    // Outside Excel office.js resolves with no host: point to the demo instead of failing.
    root.render(
      <p style={{ fontFamily: 'Segoe UI, sans-serif', padding: 16 }}>
        GNBV chạy trong Excel. Mở <a href="demo.html">bản trình diễn</a> để xem thử không cần Excel. / GNBV runs inside Excel; open the{' '}
        <a href="demo.html">demo</a> to try it without Excel.
      </p>,
    );
    return;
  }
  associateRibbonCommands();
  followVisibility();
  const config = engineConfigFor();
  const pane = paneContext(new OfficeWorkbook(), config, languageFor(Office.context.displayLanguage), officeUnitListStore(Office.context.document.settings));
  root.render(<App pane={pane} initialView={viewFromLocation(location.search)} />);
  // npm run test:excel opens the pane with ?gnbv-test=<port>: the adapter checks run in this Excel.
  const testServer = Number(new URLSearchParams(location.search).get('gnbv-test'));
  if (testServer > 0) void import('../tests/excel/in-excel.js').then(({ runAndReport, hideInExcel }) => runAndReport(new OfficeWorkbook(), testServer, hideInExcel));
}

// Without network office.js may not load at all: still say where the demo is.
if (typeof Office === 'undefined') {
  createRoot(document.getElementById('root')!).render(<p style={{ fontFamily: 'Segoe UI, sans-serif', padding: 16 }}>GNBV: office.js không tải được / could not be loaded. <a href="demo.html">Demo</a></p>);
} else {
  Office.onReady((info) => start(info.host));
}
