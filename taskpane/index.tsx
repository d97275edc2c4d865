import { createRoot } from 'react-dom/client';
import { OfficeWorkbook } from '../src/adapters/office-workbook.js';
import { builtinTemplates, builtinUnitList } from '../src/engine/builtin.js';
import { App, viewFromLocation } from './App.js';
import { paneContext } from './context.js';
import { languageFor } from './i18n.js';
import '../functions/functions.js';

/** The shared-runtime page: the task pane, the ribbon's buttons and the GNBV.* functions. */
Office.onReady((info) => {
  const root = createRoot(document.getElementById('root')!);
  if (info.host !== Office.HostType.Excel) {
    // Outside Excel office.js resolves with no host: point to the demo instead of failing.
    root.render(
      <p style={{ fontFamily: 'Segoe UI, sans-serif', padding: 16 }}>
        GNBV chạy trong Excel. Mở <a href="demo.html">bản trình diễn</a> để xem thử không cần Excel. / GNBV runs inside Excel; open the{' '}
        <a href="demo.html">demo</a> to try it without Excel.
      </p>,
    );
    return;
  }
  const config = { templates: builtinTemplates(), units: builtinUnitList('cam-lo') };
  const pane = paneContext(new OfficeWorkbook(), config, languageFor(Office.context.displayLanguage));
  root.render(<App pane={pane} initialView={viewFromLocation(location.search)} />);
});
