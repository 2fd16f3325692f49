import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { type BenchContext, MissingPieceError } from '../context.ts';
import { adminPassword, log, onInterrupt } from '../environment.ts';
import { figure } from '../report.ts';
import { round } from '../stats.ts';
import { ensureSeeded } from './list.ts';
import { type ScrollResult, scrollThrough, watchForFirstRow } from '../page-scripts.ts';

const mb = 1_000_000;
// Debian's Chromium kept off Google's hosts, which this closed network refuses (e2e does the same).
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The pods page in Chromium at full size: time to the first rows, then a scroll to the end and the heap. */
export async function browserScenario(context: BenchContext) {
  const { server, clusterId, options } = context;
  const seeded = await ensureSeeded(context);
  // Inside the server's temporary data dir, so that a Ctrl-C, which removes that, removes it too.
  const profile = await mkdtemp(join(server.dataDir, 'chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env['BOKUJO_CHROMIUM'] ?? '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false,
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
    baseURL: server.url,
  });
  const forget = onInterrupt(() => browser.close());
  try {
    const login = await browser.request.post('/api/v1/auth/login', {
      data: { username: 'admin', password: adminPassword },
    });
    if (!login.ok()) throw new Error(`login answered ${login.status()}: ${await login.text()}`);
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.addInitScript({ content: watchForFirstRow });
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Performance.enable');

    // What the page fetched before its first rows, to tell a slow API from a slow page.
    const requests: { url: string; status: number; ms: number }[] = [];
    page.on('requestfinished', (request) => {
      void request.response().then((response) => {
        const timing = request.timing();
        requests.push({
          url: request.url().replace(server.url, ''),
          status: response?.status() ?? 0,
          ms: round(timing.responseEnd),
        });
      });
    });
    const navigationStart = performance.now();
    await page.goto(`/c/${clusterId}/pods`, { waitUntil: 'commit' });
    const table = page.getByRole('table', { name: 'Pods' });
    const firstRow = table
      .getByRole('row')
      .filter({ hasText: /bench-\d/ })
      .first();
    try {
      await firstRow.waitFor({ state: 'visible', timeout: 60_000 });
    } catch {
      throw new MissingPieceError(
        `no table "Pods" with pod rows at /c/${clusterId}/pods within 60 s (is the pods page built into ${server.webDir}?)`,
      );
    }
    const waitedMs = performance.now() - navigationStart;
    const shownMs = (await page.evaluate<number | undefined>('window.benchFirstRowAt')) ?? waitedMs;
    log(`browser: first pod rows after ${round(shownMs)} ms (page clock), ${round(waitedMs)} ms (Playwright)`);
    const firstLoadRequests = requests.splice(0);
    // Again with the SPA's files in the browser's cache, as on every visit after the first.
    await page.reload({ waitUntil: 'commit' });
    await firstRow.waitFor({ state: 'visible', timeout: 60_000 });
    const reloadMs = (await page.evaluate<number | undefined>('window.benchFirstRowAt')) ?? Number.NaN;
    log(`browser: first pod rows after ${round(reloadMs)} ms on reload`);

    page.on('console', (message) => {
      if (message.text().startsWith('bench-scroll')) log(`browser: ${message.text()}`);
    });
    const scroll = await page.evaluate<ScrollResult>(scrollThrough(15 * 60_000, options.scrollSteps));
    log(
      `browser: scrolled ${scroll.steps} steps of ${scroll.stepPx} px in ${round(scroll.ms / 1000, 1)} s, ${scroll.seen} pods seen`,
    );
    const heapAfterScroll = await jsHeapUsed(cdp);
    await page.evaluate('window.benchSeen = null');
    await cdp.send('HeapProfiler.collectGarbage');
    const heapAfterGc = await jsHeapUsed(cdp);
    const totalPods = seeded.podCount + (context.details.proxy ? options.proxyPods : 0);
    context.figures.push(
      figure('browser', `pods page shown (first rows) at ${seeded.podCount} pods`, round(shownMs), 'ms', { max: 1000 }),
      figure('browser', 'pods page shown again on reload (files cached)', round(reloadMs), 'ms', { max: 1000 }),
      figure(
        'browser',
        'scroll to the end',
        round(scroll.ms / 1000, 1),
        's',
        undefined,
        `${scroll.steps} steps of ${scroll.stepPx} px, ${scroll.waits} waited for rows`,
      ),
      figure('browser', 'distinct pods rendered while scrolling', scroll.seen, '', undefined, `of ≥ ${totalPods}`),
      figure('browser', 'JS heap used after scrolling', round(heapAfterScroll / mb, 1), 'MB', { max: 150 }),
      figure('browser', 'JS heap used after GC', round(heapAfterGc / mb, 1), 'MB', { max: 150 }),
    );
    context.details.browser = {
      shownMs: round(shownMs),
      reloadShownMs: round(reloadMs),
      firstLoadRequests,
      playwrightWaitMs: round(waitedMs),
      scroll: { ...scroll, ms: round(scroll.ms), waitedMs: round(scroll.waitedMs) },
      jsHeapUsedAfterScrollBytes: heapAfterScroll,
      jsHeapUsedAfterGcBytes: heapAfterGc,
    };
  } finally {
    forget();
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function jsHeapUsed(cdp: {
  send(method: 'Performance.getMetrics'): Promise<{ metrics: { name: string; value: number }[] }>;
}) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
}
