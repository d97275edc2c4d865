import type { View } from './App.js';

/**
 * Ribbon buttons ask the pane for a view; the pane may not be mounted yet when they do, so the
 * last request is kept for it.
 */
type Listener = (view: View) => void;
const listeners = new Set<Listener>();
let pending: View | null = null;

export function requestView(view: View): void {
  pending = view;
  for (const listener of listeners) listener(view);
}

export function onViewRequest(listener: Listener): () => void {
  listeners.add(listener);
  if (pending) listener(pending);
  return () => {
    listeners.delete(listener);
  };
}
