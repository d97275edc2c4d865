// Imported by xlsx.ts just before ExcelJS, for the browser. ExcelJS's browser build runs every
// step of its streams through process.nextTick, which its bundled `process` shim implements as
// setTimeout(fn, 0); browsers clamp nested timeouts to 4 ms, so reading 150 received files in
// the pane spent 7 of its 11 s idle. The shim keeps the setTimeout it finds when ExcelJS is
// evaluated: for that moment only, zero-delay timeouts go through a MessageChannel, which is not
// clamped, and the real functions come back once the importing code has run (a microtask).
// Timeouts with a delay, and Node (whose nextTick is its own), are untouched.

interface TimerGlobals {
  setTimeout: (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;
  clearTimeout: (id: unknown) => void;
  MessageChannel?: typeof MessageChannel;
  document?: unknown;
}

const scope = globalThis as unknown as TimerGlobals;

if (scope.document !== undefined && scope.MessageChannel) {
  const realSet = scope.setTimeout;
  const realClear = scope.clearTimeout;
  const channel = new scope.MessageChannel();
  const queue: Array<{ id: number; run: () => void }> = [];
  let nextId = -1;
  channel.port1.onmessage = () => queue.shift()?.run();
  // Node's ports keep a process alive; a browser's have no unref.
  (channel.port1 as { unref?: () => void }).unref?.();
  const promptSet: TimerGlobals['setTimeout'] = (handler, ms, ...args) => {
    if (ms) return realSet.call(globalThis, handler, ms, ...args);
    const id = nextId--;
    queue.push({ id, run: () => handler(...args) });
    channel.port2.postMessage(null);
    return id;
  };
  const promptClear: TimerGlobals['clearTimeout'] = (id) => {
    const at = queue.findIndex((entry) => entry.id === id);
    if (at >= 0) queue[at]!.run = () => {};
    else realClear.call(globalThis, id);
  };
  scope.setTimeout = promptSet;
  scope.clearTimeout = promptClear;
  queueMicrotask(() => {
    if (scope.setTimeout === promptSet) scope.setTimeout = realSet;
    if (scope.clearTimeout === promptClear) scope.clearTimeout = realClear;
  });
}

export {};
