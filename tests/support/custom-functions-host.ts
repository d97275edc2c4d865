/**
 * Excel's side of a custom-functions call, played in headless Chromium against Microsoft's own
 * invoker: the page loads `custom-functions-runtime.js` from @microsoft/office-js (the script
 * Excel's runtime uses) and then the built functions bundle, exactly as taskpane.html loads it.
 * Calls reach the runtime as the host sends them, through its native bridge
 * (`_richApiNativeBridge`, the object the runtime looks for at load), and results come back as
 * the runtime's own SetInvocationArrayResults request.
 *
 * What the host does is shaped from the built functions.json, as Excel does with the metadata
 * ("Manually create JSON metadata for custom functions",
 * https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json):
 * - a repeating parameter receives ONE array holding every argument given for it
 *   ("Custom functions parameter options: Repeating parameters",
 *   https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-parameter-options);
 * - an omitted optional parameter is sent as null (same page, "Optional parameters");
 * - an error cell is passed only to `any` parameters and only when the top-level
 *   allowErrorForDataTypeAny is true; otherwise Excel does not call the function and the cell
 *   shows the error ("Errors as custom function inputs",
 *   https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors). How Excel
 *   then words the error is an assumption: the input's own error is shown.
 * The invocation object appended after the arguments is added by the runtime itself. Values
 * other than errors are passed as given: Excel's conversion of text to a `number` parameter is
 * not modelled (the functions check their inputs themselves).
 * Labelled assumption: the wire shapes (message type 3, entry [1, 1000, ...], flag 4 for
 * "errors allowed", an error as {type: "CustomFunctionError", code}) are read from the
 * runtime script's message handler, which is what Excel's runtime must send for it to work.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

const DIST = 'dist/addin';
const RUNTIME = 'node_modules/@microsoft/office-js/dist/custom-functions-runtime.js';
const ORIGIN = 'https://functions.gnbv.test';

/** An argument as a user types it: a value, a range (rows of values), or an error cell. */
export type CellArg = string | number | boolean | null | { error: string };
export type Arg = CellArg | CellArg[][] | undefined;

export type Outcome =
  | { value: unknown }
  /** A CustomFunctions.Error: the cell shows `error`, its tooltip `message`. */
  | { error: string; message: string }
  /** Excel did not call the function: an argument held an error it may not receive. */
  | { error: string; notCalled: true }
  /** The function threw something other than CustomFunctions.Error (Excel shows #VALUE!). */
  | { thrown: string };

interface ParameterMetadata {
  name: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
}
interface FunctionsJson {
  allowErrorForDataTypeAny?: boolean;
  functions: Array<{ id: string; parameters: ParameterMetadata[] }>;
}

// The runtime's result codes (its _getCustomFunctionResultErrorCodeFromErrorCode) → Excel's text.
const RESULT_ERRORS: Record<number, string> = { 1: '#N/A', 5: '#DIV/0!', 6: '#NUM!', 7: '#VALUE!', 8: '#NULL!' };

const isError = (value: unknown): value is { error: string } => typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { error?: unknown }).error === 'string';

export class CustomFunctionsHost {
  private nextId = 1;
  private constructor(
    private readonly page: Page,
    readonly metadata: FunctionsJson,
  ) {}

  static async open(browser: Browser): Promise<CustomFunctionsHost> {
    const metadata = JSON.parse(readFileSync(path.join(DIST, 'functions.json'), 'utf8')) as FunctionsJson;
    const html = readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
    // The functions entry exactly as the shared-runtime page names it.
    const bundle = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+\.js)"?/g)].map((m) => m[1]!).find((src) => /^functions\.[0-9a-f]+\.js$/.test(src));
    if (!bundle) throw new Error(`taskpane.html loads no functions bundle: ${html}`);
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route(`${ORIGIN}/**`, (route) => {
      const file = new URL(route.request().url()).pathname.slice(1);
      if (file === '') return route.fulfill({ contentType: 'text/html; charset=utf-8', body: HOST_PAGE(bundle) });
      if (file === 'custom-functions-runtime.js') return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: readFileSync(RUNTIME, 'utf8') });
      if (file === bundle) return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: readFileSync(path.join(DIST, bundle), 'utf8') });
      // The runtime asks for Office's file mapping table beside itself; Excel's runtime has it built in.
      if (file === 'o15apptofilemappingtable.js') return route.fulfill({ contentType: 'text/javascript', body: '' });
      return route.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (window as unknown as { hostReady?: boolean }).hostReady === true);
    if (errors.length) throw new Error(`the functions bundle failed to load: ${errors.join('; ')}`);
    return new CustomFunctionsHost(page, metadata);
  }

  /** Calls GNBV.<name>(...args) as Excel would; `undefined` marks an argument left out. */
  async call(name: string, ...args: Arg[]): Promise<Outcome> {
    const fn = this.metadata.functions.find((f) => f.id === name);
    if (!fn) throw new Error(`functions.json has no ${name}`);
    const values: unknown[] = [];
    let blocked: string | undefined;
    fn.parameters.forEach((parameter, i) => {
      const given = parameter.repeating ? args.slice(i).filter((arg) => arg !== undefined) : [args[i]];
      const shaped = given.map((arg) => {
        if (arg === undefined) {
          if (!parameter.optional) throw new Error(`${name}: ${parameter.name} is required`);
          return null;
        }
        const cells = Array.isArray(arg) ? arg.flat() : [arg];
        const error = cells.find(isError);
        if (error && !(parameter.type === 'any' && this.metadata.allowErrorForDataTypeAny)) blocked ??= error.error;
        const wire = (cell: CellArg) => (isError(cell) ? { type: 'CustomFunctionError', code: cell.error } : cell);
        if (parameter.dimensionality === 'matrix') return Array.isArray(arg) ? arg.map((row) => row.map(wire)) : [[wire(arg)]];
        if (Array.isArray(arg)) throw new Error(`${name}: ${parameter.name} takes one value, not a range`);
        return wire(arg);
      });
      values.push(parameter.repeating ? shaped : shaped[0]);
    });
    if (blocked) return { error: blocked, notCalled: true };
    const flags = this.metadata.allowErrorForDataTypeAny ? 4 : 0;
    const id = this.nextId++;
    const result = await this.page.evaluate(([id, name, values, flags]) => (window as unknown as { invoke: (...a: unknown[]) => Promise<unknown[]> }).invoke(id, name, values, flags), [id, name, values, flags] as const);
    const [, ok, value, code] = result as [number, boolean, unknown, number | undefined];
    if (ok) return { value };
    const error = RESULT_ERRORS[code ?? -1];
    return error ? { error, message: String(value ?? '') } : { thrown: String(value ?? '') };
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}

/**
 * The page: the native bridge first (the runtime binds to it as it loads), then the runtime,
 * then the functions bundle. `invoke` sends one invocation and resolves with its result entry.
 */
const HOST_PAGE = (bundle: string) => `<!doctype html><meta charset="utf-8"><script>
  const waiting = new Map();
  const bridge = {
    sendMessageToHost(text) {
      const request = JSON.parse(text);
      for (const action of request.message?.body?.Actions ?? []) {
        if (action.Name !== 'SetInvocationArrayResults') continue;
        for (const entry of action.ArgumentInfo.Arguments[0]) waiting.get(entry[0])?.(entry);
      }
      // The host's answer to the runtime's request: done, nothing to return.
      setTimeout(() => bridge.onMessageFromHost(JSON.stringify({ id: request.id, type: 2, message: { statusCode: 200, headers: {}, body: { Results: [] } } })));
    },
  };
  window._richApiNativeBridge = bridge;
  window.invoke = (id, functionName, parameterValues, flags) =>
    new Promise((resolve) => {
      waiting.set(id, resolve);
      const invocation = JSON.stringify([id, functionName, parameterValues, 'Sheet1!A1', flags]);
      bridge.onMessageFromHost(JSON.stringify({ type: 3, message: { entries: [[1, 1000, 0, invocation, id]] } }));
    });
</script>
<script src="custom-functions-runtime.js"></script>
<script src="${bundle}"></script>
<script>window.hostReady = true;</script>`;

/** The bundles of dist/addin, for a clear message when the build is missing. */
export function builtFunctions(): boolean {
  try {
    return readdirSync(DIST).some((f) => /^functions\.[0-9a-f]+\.js$/.test(f));
  } catch {
    return false;
  }
}
