/**
 * The in-page runner of `npm run test:excel`: runs the adapter checks over the given workbook
 * and posts the results to office-addin-test-server (office-addin-test-helpers'
 * sendTestResults, https://localhost:<port>/results), which scripts/test-excel.mjs waits on.
 * Loaded only when taskpane.html is opened with ?gnbv-test=<port> (the test manifest).
 */
import { sendTestResults } from 'office-addin-test-helpers';
import type { WorkbookPort } from '../../src/workbook-port.js';
import { adapterChecks, type CheckResult, type SetHidden } from './adapter-checks.js';

export async function runAndReport(workbook: WorkbookPort, testServerPort: number, setHidden?: SetHidden): Promise<CheckResult[]> {
  const results = await adapterChecks(workbook, setHidden);
  await sendTestResults({ passed: results.every((r) => r.passed), results }, testServerPort);
  return results;
}

/** Hides a sheet of the open Excel workbook (setting Worksheet.visibility needs ExcelApi 1.2). */
export const hideInExcel: SetHidden = (sheet, hidden) =>
  Excel.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).visibility = hidden === 'veryHidden' ? 'VeryHidden' : hidden ? 'Hidden' : 'Visible';
    await context.sync();
  });
