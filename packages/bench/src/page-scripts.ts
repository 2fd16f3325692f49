// Code that runs inside the page, as source text: the bench compiles without the DOM library
// (testenv and the server need Node's crypto types, which clash with the DOM's).

/** A table cell showing one of the bench's pod names (the proxy's and the list's: bench-00042). */
const podCellCheck = String.raw`const podName = (cell) => /^bench-\d+$/.test(cell.textContent.trim()) ? cell.textContent.trim() : undefined;
  const podCells = (root) => [...root.querySelectorAll('td, [role="cell"], [role="gridcell"]')].filter(podName);`;

/**
 * Before the SPA loads: notes (in `window.benchFirstRowAt`, ms since navigation start) the frame
 * in which the first pod row is on screen.
 */
export const watchForFirstRow = `(() => {
  ${podCellCheck}
  const check = () => {
    if (podCells(document).length > 0) window.benchFirstRowAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()`;

export interface ScrollResult {
  ms: number;
  steps: number;
  /** Steps after which rows were still placeholders and the scroll waited for their page. */
  waits: number;
  /** Time spent waiting for placeholders to fill. */
  waitedMs: number;
  seen: number;
  scrollHeight: number;
  stepPx: number;
  scroller: string;
}

/**
 * Scrolls the pods table's scroller (the nearest scrollable ancestor of a pod cell, else the
 * document) to the end one viewport at a time (larger steps when that would take more than
 * `maxSteps`; the SPA's pages are 100 rows of 40 px, so 600 steps still read every page of 50k
 * pods), as a person reading it would: after each step it
 * waits (up to 2 s) until the rendered rows show pods instead of placeholders. Counts the distinct
 * pod names it saw.
 */
export function scrollThrough(maxMs: number, maxSteps: number) {
  return `(async () => {
  ${podCellCheck}
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const seen = new Set();
  window.benchSeen = seen;
  let scroller = podCells(document)[0]?.parentElement ?? null;
  while (scroller) {
    const style = getComputedStyle(scroller);
    if (/(auto|scroll)/.test(style.overflowY) && scroller.scrollHeight > scroller.clientHeight + 1) break;
    scroller = scroller.parentElement;
  }
  const element = scroller ?? document.scrollingElement ?? document.documentElement;
  const root = scroller ?? document;
  // Data rows rendered but still empty (skeletons) while their page loads.
  const placeholders = () =>
    [...root.querySelectorAll('tr[aria-rowindex], [role="row"][aria-rowindex]')].filter(
      (row) => Number(row.getAttribute('aria-rowindex')) > 1 && row.textContent.trim() === '',
    ).length;
  // One viewport per step, or larger steps on a long table so that it takes at most maxSteps.
  const stepPx = Math.max(element.clientHeight, Math.ceil(element.scrollHeight / ${maxSteps}));
  const start = performance.now();
  let steps = 0;
  let waits = 0;
  let stillAtEnd = 0;
  let lastReport = start;
  let waitedMs = 0;
  while (performance.now() - start < ${maxMs}) {
    const waitStart = performance.now();
    if (placeholders() > 0) waits++;
    while (placeholders() > 0 && performance.now() - waitStart < 2000) await frame();
    waitedMs += performance.now() - waitStart;
    if (performance.now() - lastReport > 10000) {
      lastReport = performance.now();
      // Read by the bench (page.on('console')) to show progress.
      console.log('bench-scroll', JSON.stringify({ steps, waits, waitedMs: Math.round(waitedMs), seen: seen.size,
        top: element.scrollTop, height: element.scrollHeight, placeholders: placeholders() }));
    }
    for (const cell of podCells(root)) seen.add(podName(cell));
    const atEnd = element.scrollTop + element.clientHeight >= element.scrollHeight - 1;
    if (atEnd && ++stillAtEnd >= 10) break;
    if (!atEnd) stillAtEnd = 0;
    element.scrollTop += stepPx;
    steps++;
    await frame();
  }
  return {
    ms: performance.now() - start,
    steps,
    waits,
    waitedMs,
    seen: seen.size,
    scrollHeight: element.scrollHeight,
    stepPx,
    scroller: element === document.scrollingElement ? 'document' : element.tagName.toLowerCase(),
  };
})()`;
}
