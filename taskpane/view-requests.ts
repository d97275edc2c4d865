import type { View } from './App.js';

/**
 * Requests from outside the pane's React tree (ribbon buttons, the pane being shown again):
 * a view to switch to, and a check of the active sheet. The pane may not be mounted yet when
 * they come, so the last one is kept until a listener takes it. A check request is delivered
 * once: a view mounted later (the user returning to the Kiểm tra tab) does not run it again.
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

type CheckListener = () => void;
let checkListener: CheckListener | null = null;
let checkPending = false;

/** The user asked for a check (Kiểm tra biểu): show the check view and run it, once. */
export function requestCheck(): void {
  requestView('validate');
  if (checkListener) checkListener();
  else checkPending = true;
}

export function onCheckRequest(listener: CheckListener): () => void {
  checkListener = listener;
  if (checkPending) {
    checkPending = false;
    listener();
  }
  return () => {
    if (checkListener === listener) checkListener = null;
  };
}
