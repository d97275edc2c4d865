import { useState } from 'react';
import type { UnitList } from '../src/engine/units.js';
import { unitListFromJson } from '../src/merge-session.js';
import type { PaneContext } from './context.js';

interface PaneUnits {
  list: UnitList;
  /** How many times the user chose a list: a new one starts the views afresh. */
  chosen: number;
  /** Why the list kept in the workbook could not be used (the shipped one is used instead). */
  problem?: unknown;
}

/** The list kept in the workbook, checked like a file the user loads; else the shipped one. */
function keptUnits(pane: PaneContext): PaneUnits {
  const kept = pane.unitListStore?.load();
  if (kept === undefined) return { list: pane.config.units, chosen: 0 };
  try {
    return { list: unitListFromJson(kept, pane.t.keptUnitListSource, pane.config.templates), chosen: 0 };
  } catch (problem) {
    return { list: pane.config.units, chosen: 0, problem };
  }
}

/**
 * The unit list of the whole pane: chosen once, used by every view while the pane lives (the
 * shared runtime keeps the page for the session), and kept in the workbook where the face can.
 */
export function usePaneUnits(pane: PaneContext) {
  const [units, setUnits] = useState(() => keptUnits(pane));
  /** Uses the list at once; resolves to why it could not be kept, if it could not. */
  const choose = async (list: UnitList): Promise<{ kept: boolean; problem?: unknown }> => {
    setUnits((now) => ({ list, chosen: now.chosen + 1 }));
    if (!pane.unitListStore) return { kept: false };
    try {
      await pane.unitListStore.save(JSON.stringify(list));
      return { kept: true };
    } catch (problem) {
      return { kept: false, problem };
    }
  };
  return { ...units, choose };
}
