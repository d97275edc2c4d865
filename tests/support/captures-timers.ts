// Stands for ExcelJS's bundled `process` shim: imports prompt-timers first, then keeps the
// setTimeout it finds while being evaluated, as the shim does.
import '../../src/io/prompt-timers.js';

export const captured = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
