import { createRoot } from 'react-dom/client';
import { MemoryWorkbook } from '../src/adapters/memory-workbook.js';
import { departmentSampleWorkbooks, sampleWorkbooks } from '../src/engine/sample.js';
import { districtWorkbook, engineConfigFor, mergeSource, planSessionMerge } from '../src/merge-session.js';
import type { SheetSpec } from '../src/engine/sheet-spec.js';
import { specToGrid } from '../src/engine/spec-grid.js';
import type { EngineConfig } from '../src/engine/workbook.js';
import { App, viewFromLocation } from '../taskpane/App.js';
import { paneContext } from '../taskpane/context.js';
import { languageFor } from '../taskpane/i18n.js';
import { requestCheck } from '../taskpane/view-requests.js';
import { SheetView } from './SheetView.js';

/**
 * The demo page: the task pane beside a rendered sheet, over the in-memory workbook, with no
 * Office at all. ?start=district (default) opens the sample district workbook of Cam Lộ,
 * ?start=unit Xã Cam Hiếu's own workbook (&unit=CODE another unit's), ?start=blank an empty workbook; ?lang=en for English;
 * ?autorun=1 checks the active sheet on opening, as the pane does when Kiểm tra biểu opens it in Excel.
 */
function startingWorkbook(config: EngineConfig, start: string | null): MemoryWorkbook {
  const samples = sampleWorkbooks(config);
  if (start === 'blank') return MemoryWorkbook.fromSpecs([{ name: 'Sheet1', cells: [], merges: [], columnWidths: [], rowHeights: new Map(), landscape: true }]);
  if (start === 'unit') return MemoryWorkbook.fromSpecs(samples.find((s) => s.unit.code === (params.get('unit') ?? '19615'))!.sheets);
  const readAt = new Date().toISOString();
  const sources = [...samples, ...departmentSampleWorkbooks(config)].map((sample) => mergeSource({ file: sample.fileName, grids: sample.sheets.map(specToGrid), sha256: '(mẫu)' }, config, readAt));
  const sheets: SheetSpec[] = districtWorkbook(planSessionMerge(config, sources), new Date()).sheets;
  return MemoryWorkbook.fromSpecs(sheets, 'PL01 Cam Hiếu');
}

const params = new URLSearchParams(location.search);
const config: EngineConfig = engineConfigFor();
const workbook = startingWorkbook(config, params.get('start'));
const language = languageFor(params.get('lang') ?? 'vi');
(window as unknown as { gnbvWorkbook: MemoryWorkbook }).gnbvWorkbook = workbook;
// ?autorun=1 plays the ribbon's *Kiểm tra biểu* click.
if (params.get('autorun') === '1') requestCheck();

createRoot(document.getElementById('root')!).render(
  <div className="demo">
    <main className="demo-sheet">
      <SheetView workbook={workbook} />
    </main>
    <aside className="demo-pane" aria-label="GNBV">
      <App pane={paneContext(workbook, config, language)} initialView={viewFromLocation(location.search)} />
    </aside>
  </div>,
);
