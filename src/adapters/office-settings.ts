import type { UnitListStore } from '../unit-list-store.js';

/** The document setting that keeps the unit list the user chose, in the workbook itself. */
const KEY = 'gnbv.unitList';

/**
 * The unit list kept in the open document's Office settings (Office.context.document.settings):
 * it travels with the district workbook, so reopening it brings back its district's list, and a
 * workbook of another district is never checked against it. Saved into the document the next
 * time the user saves the workbook.
 */
export function officeUnitListStore(settings: Office.Settings): UnitListStore {
  return {
    load: () => {
      const value: unknown = settings.get(KEY);
      return typeof value === 'string' ? value : undefined;
    },
    save: (json) =>
      new Promise((resolve, reject) => {
        settings.set(KEY, json);
        settings.saveAsync((result) => (result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error(result.error?.message ?? 'saveAsync'))));
      }),
  };
}
