/**
 * office.js for the built taskpane.html in a browser test: the Office and Excel globals the
 * page uses, with Excel.run over the strict fake (tests/support/fake-excel.ts) holding Xã Cam
 * Hiếu's sample workbook (it has planted errors, so a check writes highlights). Bundled by the
 * test with esbuild and served in place of Microsoft's CDN script. `window.gnbvOffice` lets the
 * test play Excel: run a ribbon command (ExecuteFunction), show or hide the pane, read the
 * fake's record of writes.
 *
 * What it models, from Microsoft's pages: a ribbon command is the function given to
 * Office.actions.associate, called with an event whose completed() ends it ("Create add-in
 * commands", https://learn.microsoft.com/office/dev/add-ins/develop/create-addin-commands);
 * Office.addin.showAsTaskpane shows the pane and onVisibilityModeChanged reports each show and
 * hide, in a shared runtime only ("Show or hide the task pane of your Office Add-in",
 * https://learn.microsoft.com/office/dev/add-ins/develop/show-hide-add-in).
 */
import { OfficeWorkbook } from '../../src/adapters/office-workbook.js';
import { builtinTemplates, builtinUnitList } from '../../src/engine/builtin.js';
import { sampleWorkbooks } from '../../src/engine/sample.js';
import { FakeExcel } from './fake-excel.js';

type Mode = 'Hidden' | 'Taskpane';

const fake = new FakeExcel(['Sheet1']);
const actions = new Map<string, (event: { completed(): void }) => void>();
const visibilityHandlers: Array<(args: { visibilityMode: Mode }) => void> = [];
const associated: string[] = [];
// The document's Office settings, seeded by ?settings={json} as a reopened workbook would hold them.
const settings = new Map<string, unknown>(Object.entries(JSON.parse(new URLSearchParams(location.search).get('settings') ?? '{}') as Record<string, unknown>));
const savedSettings: string[] = [];
let mode: Mode = new URLSearchParams(location.search).get('shown') === '1' ? 'Taskpane' : 'Hidden';

const ready = (async () => {
  const config = { templates: builtinTemplates(), units: builtinUnitList('cam-lo') };
  const unit = sampleWorkbooks(config).find((sample) => sample.unit.code === '19615')!;
  await new OfficeWorkbook(fake.run, () => true).replaceSheets(unit.sheets);
  fake.sheets.splice(0, 1);
  fake.activeSheet = unit.sheets[0]!.name;
  fake.writes.length = 0;
})();

function setVisibility(next: Mode): void {
  if (next === mode) return;
  mode = next;
  for (const handler of visibilityHandlers) handler({ visibilityMode: next });
}

const globals = globalThis as Record<string, unknown>;
globals.Office = {
  HostType: { Excel: 'Excel' },
  VisibilityMode: { hidden: 'Hidden', taskpane: 'Taskpane' },
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  onReady(callback?: (info: { host: string; platform: string }) => void) {
    return ready.then(() => {
      const info = { host: 'Excel', platform: 'OfficeOnline' };
      callback?.(info);
      return info;
    });
  },
  context: {
    displayLanguage: 'vi-VN',
    requirements: { isSetSupported: () => true },
    document: {
      // Office.Settings: get gives null for a missing name; saveAsync stores them in the document.
      settings: {
        get: (name: string) => settings.get(name) ?? null,
        set: (name: string, value: unknown) => void settings.set(name, value),
        saveAsync: (callback?: (result: { status: string }) => void) => {
          savedSettings.push(JSON.stringify(Object.fromEntries(settings)));
          callback?.({ status: 'succeeded' });
        },
      },
    },
  },
  actions: { associate: (name: string, action: (event: { completed(): void }) => void) => actions.set(name, action) },
  addin: {
    showAsTaskpane: () => Promise.resolve(setVisibility('Taskpane')),
    hide: () => Promise.resolve(setVisibility('Hidden')),
    onVisibilityModeChanged: (handler: (args: { visibilityMode: Mode }) => void) => {
      visibilityHandlers.push(handler);
      return Promise.resolve(() => Promise.resolve());
    },
  },
};
globals.Excel = { run: fake.run };
globals.CustomFunctions = { associate: (id: string) => associated.push(id), Error: class extends Error {}, ErrorCode: {} };
globals.gnbvOffice = {
  /** Presses an ExecuteFunction button; resolves when the command calls completed(). */
  command: (name: string) =>
    new Promise<void>((resolve, reject) => {
      const action = actions.get(name);
      if (!action) return reject(new Error(`no command ${name}; associated: ${[...actions.keys()].join(', ')}`));
      action({ completed: resolve });
    }),
  setVisibility,
  writes: () => [...fake.writes],
  associatedFunctions: () => [...associated],
  commands: () => [...actions.keys()],
  /** The document's settings as each saveAsync stored them. */
  savedSettings: () => [...savedSettings],
};
