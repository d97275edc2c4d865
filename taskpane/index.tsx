import { createRoot } from 'react-dom/client';
import { OfficeWorkbook } from '../src/adapters/office-workbook.js';
import { builtinTemplates, builtinUnitList } from '../src/engine/builtin.js';
import { App, viewFromLocation } from './App.js';
import { paneContext } from './context.js';
import { languageFor } from './i18n.js';
import { requestView } from './view-requests.js';

// The GNBV.* functions run in this same page (shared runtime); outside a runtime that supports
// them, the metadata plugin's CustomFunctions.associate calls would throw, so load them only there.
if (typeof CustomFunctions !== 'undefined') void import('../functions/functions.js');

/** Ribbon buttons other than "Kiểm tra biểu" switch the pane's view and show it. */
function associateRibbonCommands(): void {
  const commands = [
    ['showMergeView', 'merge'],
    ['showTotalsView', 'totals'],
    ['showTemplatesView', 'templates'],
  ] as const;
  for (const [name, view] of commands) {
    Office.actions.associate(name, (event: Office.AddinCommands.Event) => {
      requestView(view);
      Office.addin.showAsTaskpane().finally(() => event.completed());
    });
  }
}

/** The shared-runtime page: the task pane, the ribbon's buttons and the GNBV.* functions. */
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
  const config = { templates: builtinTemplates(), units: builtinUnitList('cam-lo') };
  const pane = paneContext(new OfficeWorkbook(), config, languageFor(Office.context.displayLanguage));
  const initialView = viewFromLocation(location.search);
  root.render(<App pane={pane} initialView={initialView} autoValidate={initialView === 'validate'} />);
}

// Without network office.js may not load at all: still say where the demo is.
if (typeof Office === 'undefined') {
  createRoot(document.getElementById('root')!).render(<p style={{ fontFamily: 'Segoe UI, sans-serif', padding: 16 }}>GNBV: office.js không tải được / could not be loaded. <a href="demo.html">Demo</a></p>);
} else {
  Office.onReady((info) => start(info.host));
}
