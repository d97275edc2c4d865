// The in-page runner of npm run test:excel over the in-memory workbook, for tests/excel-runner.test.ts.
import { MemoryWorkbook } from '../../src/adapters/memory-workbook.js';
import { runAndReport } from './in-excel.js';

(globalThis as Record<string, unknown>).runRunner = (port: number) => {
  const book = MemoryWorkbook.fromSpecs([{ name: 'Sheet1', cells: [], merges: [], columnWidths: [], rowHeights: new Map(), landscape: false }]);
  return runAndReport(book, port, async (sheet, hidden) => book.setHidden(sheet, hidden));
};
