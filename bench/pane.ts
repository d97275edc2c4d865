// The pane's side of `npm run bench`: the demo page in Debian's Chromium reads and plans the
// given files through its file input, as a user would choose them; the time runs from the
// input's change event to the merge review on screen. Peak memory is the renderer's high-water
// mark (VmHWM) and the largest JavaScript heap seen.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export interface PaneRun {
  ms: number[];
  peakRendererBytes: number;
  peakHeapBytes: number;
  unreadable: number;
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The processes a browser started, by walking /proc from its own process. */
function descendants(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSyncSafe('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const status = readSafe(`/proc/${pid}/status`);
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
    parents.set(ppid, [...(parents.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const walk = (pid: number) => (parents.get(pid) ?? []).forEach((child) => (out.push(child), walk(child)));
  walk(root);
  return out;
}

function readdirSyncSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The largest peak RSS (VmHWM) of the browser's renderer processes. */
export function rendererPeakBytes(browserPid: number): number {
  let peak = 0;
  for (const pid of descendants(browserPid)) {
    if (!readSafe(`/proc/${pid}/cmdline`).includes('--type=renderer')) continue;
    const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(readSafe(`/proc/${pid}/status`))?.[1] ?? 0);
    peak = Math.max(peak, kb * 1024);
  }
  return peak;
}

/** Debian's Chromium with a fresh profile, and its process id (to read its renderers' memory). */
export async function launchChromium(): Promise<{ context: BrowserContext; browserPid: number }> {
  const profile = await mkdtemp(path.join(tmpdir(), 'gnbv-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    ignoreHTTPSErrors: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Chromium's profile lock is a symbolic link to "host-pid".
  const browserPid = Number(readlinkSync(path.join(profile, 'SingletonLock')).split('-').pop());
  return { context, browserPid };
}

export async function benchPane(dir: string, rounds: number): Promise<PaneRun> {
  // @ts-expect-error plain JavaScript module shared with npm start
  const { serve } = await import('../scripts/serve.mjs');
  const server = await serve({ port: 0, quiet: true });
  const base = `https://localhost:${(server.address() as AddressInfo).port}`;
  const files = (await readdir(dir)).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(dir, f));
  const { context, browserPid } = await launchChromium();
  const result: PaneRun = { ms: [], peakRendererBytes: 0, peakHeapBytes: 0, unreadable: 0 };
  try {
    for (let round = 0; round < rounds; round++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`${base}/demo.html?start=blank&view=merge`);
      await page.getByTestId('merge-files').waitFor({ state: 'attached' });
      await page.evaluate(() => {
        const input = document.querySelector('[data-testid="merge-files"]')!;
        input.addEventListener('change', () => ((window as unknown as { changedAt: number }).changedAt = performance.now()), { capture: true });
      });
      let polling = true;
      const poll = (async () => {
        while (polling) {
          const { metrics } = await cdp.send('Performance.getMetrics');
          const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
          result.peakHeapBytes = Math.max(result.peakHeapBytes, heap);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      await page.getByTestId('merge-files').setInputFiles(files);
      await page.getByTestId('merge-review').waitFor({ timeout: 600_000 });
      const ms = await page.evaluate(() => performance.now() - (window as unknown as { changedAt: number }).changedAt);
      polling = false;
      await poll;
      result.ms.push(ms);
      result.unreadable = await page.getByTestId('merge-files-table').locator('tr', { hasText: /✗|không đọc|cannot/ }).count();
      result.peakRendererBytes = Math.max(result.peakRendererBytes, rendererPeakBytes(browserPid));
      await page.close();
    }
  } finally {
    await context.close();
    server.close();
  }
  return result;
}
