// What the browser project of vitest.config.ts runs, and with which Chromium.

/** The suites that also run in headless Chromium. */
export const BROWSER_SUITES = ['test/conformance/**/*.test.ts', 'test/idiomatic/**/*.test.ts'];

/**
 * Files of those suites that genuinely need Node: backend.test.ts compiles a generated layer
 * into a temporary folder with node:fs and runs tsc on it.
 */
export const NODE_ONLY_IN_BROWSER_SUITES = ['test/idiomatic/backend.test.ts'];

/**
 * Tests that run only in the page (the node project leaves them out): wasm processes in Web
 * Workers of a cross-origin isolated page.
 */
export const PAGE_ONLY_SUITES = ['test/browser/wasm-*.test.ts'];

/** The headers that make a page cross-origin isolated: SharedArrayBuffer, and so wasm processes in Web Workers. */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** The system Chromium (Debian's `chromium` package); ZXKIT_CHROMIUM names another executable. */
export function chromiumPath(): string {
  return process.env['ZXKIT_CHROMIUM'] ?? '/usr/bin/chromium';
}
