import { createContext, useContext } from 'react';
import type { EngineConfig } from '../src/engine/workbook.js';
import type { Language } from '../src/engine/messages.js';
import type { UnitListStore } from '../src/unit-list-store.js';
import type { WorkbookPort } from '../src/workbook-port.js';
import { UnsupportedFeatureError } from '../src/workbook-port.js';
import { messageOf } from '../src/engine/localized-error.js';
import { STRINGS, type Strings } from './i18n.js';

export interface PaneContext {
  port: WorkbookPort;
  config: EngineConfig;
  language: Language;
  t: Strings;
  /** Where the chosen unit list is kept beyond this session, when the face has such a place. */
  unitListStore?: UnitListStore;
}

export const Pane = createContext<PaneContext | null>(null);

export function usePane(): PaneContext {
  const pane = useContext(Pane);
  if (!pane) throw new Error('usePane outside <Pane.Provider>');
  return pane;
}

export function paneContext(port: WorkbookPort, config: EngineConfig, language: Language, unitListStore?: UnitListStore): PaneContext {
  return { port, config, language, t: STRINGS[language], ...(unitListStore ? { unitListStore } : {}) };
}

/** A failure as the official should read it: what is missing, or what went wrong. */
export function describeError(error: unknown, pane: PaneContext): string {
  const localized = messageOf(error, pane.language);
  if (error instanceof UnsupportedFeatureError) return `${pane.t.unsupported} ${localized}`;
  if (localized !== undefined) return localized;
  return `${pane.t.failed} ${error instanceof Error ? error.message : String(error)}`;
}
