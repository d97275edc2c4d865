import assert from 'node:assert/strict';
import { test } from 'node:test';

test('in a browser, a module evaluated right after prompt-timers keeps an unclamped zero-delay setTimeout; the page gets its own back', async () => {
  const real = globalThis.setTimeout;
  const scope = globalThis as { document?: unknown };
  scope.document = {}; // prompt-timers acts only where there is a DOM
  try {
    const { captured } = await import('./support/captures-timers.js');
    assert.equal(globalThis.setTimeout, real, 'restored once the importing code has run');
    assert.notEqual(captured.setTimeout, real);
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      captured.setTimeout(() => order.push('delayed'), 20);
      captured.setTimeout(() => order.push('zero'), 0);
      const cancelled = captured.setTimeout(() => order.push('cancelled'), 0);
      captured.clearTimeout(cancelled);
      captured.setTimeout(() => setTimeout(resolve, 40), 0);
    });
    assert.deepEqual(order, ['zero', 'delayed']);
  } finally {
    delete scope.document;
  }
});
