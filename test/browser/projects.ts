// What the browser project of vitest.config.ts runs, and with which Chromium.

/** The suites that also run in headless Chromium. */
export const BROWSER_SUITES = ['test/conformance/**/*.test.ts', 'test/idiomatic/**/*.test.ts'];

/**
 * Files of those suites that genuinely need Node: backend.test.ts compiles a generated layer
 * into a temporary folder with node:fs and runs tsc on it.
 */
export const NODE_ONLY_IN_BROWSER_SUITES = ['test/idiomatic/backend.test.ts'];

/** The system Chromium (Debian's `chromium` package); ZXKIT_CHROMIUM names another executable. */
export function chromiumPath(): string {
  return process.env['ZXKIT_CHROMIUM'] ?? '/usr/bin/chromium';
}
