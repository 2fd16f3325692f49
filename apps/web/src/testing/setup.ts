import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// The first render of a file loads the whole app (and lazy pages) while other files run in
// parallel; the default 1 s wait for an element is too tight for that.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  // The CSRF cookie a test set must not reach the next one.
  document.cookie = 'bokujo_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
});

// jsdom lacks the layout APIs the component library asks for.
if (typeof window.matchMedia !== 'function') {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        addListener: () => undefined,
        removeListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList,
  });
}

globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// Comboboxes scroll the selected option into view.
if (typeof Element.prototype.scrollIntoView !== 'function') {
  Object.defineProperty(Element.prototype, 'scrollIntoView', { configurable: true, value: () => undefined });
}

// Menus and popovers hide when their anchor looks clipped by a scrolling ancestor, and jsdom lays
// nothing out (every box is 0×0, which reads as clipped). Give every element a small box and every
// container a 1280×800 inside, so they behave as in a browser.
Object.defineProperties(Element.prototype, {
  clientWidth: { configurable: true, get: () => 1280 },
  clientHeight: { configurable: true, get: () => 800 },
});
Object.defineProperty(Element.prototype, 'getBoundingClientRect', {
  configurable: true,
  value: () => DOMRect.fromRect({ x: 16, y: 16, width: 120, height: 24 }),
});

// Autosizing text areas resize again once web fonts have loaded.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: Object.assign(new EventTarget(), { ready: Promise.resolve() }),
  });
}
