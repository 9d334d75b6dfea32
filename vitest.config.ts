import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { haveZirconFixtures, ZIRCON_TAG } from './test/fixtures.js';
import { missingToolchain, TOOLCHAIN_TAG } from './test/toolchain.js';
import { wasmProgram } from './test/browser/commands.js';
import { BROWSER_SUITES, CROSS_ORIGIN_ISOLATION, NODE_ONLY_IN_BROWSER_SUITES, PAGE_ONLY_SUITES, chromiumPath } from './test/browser/projects.js';

// Tests import the package by name, from source, without a build step.
// 'zxkit/runtime' comes first: an alias also matches as a prefix of a longer import path.
const alias = {
  'zxkit/runtime': fileURLToPath(new URL('./runtime/index.ts', import.meta.url)),
  zxkit: fileURLToPath(new URL('./index.ts', import.meta.url)),
};

const toolchainTag = { name: TOOLCHAIN_TAG, description: 'needs clang for wasm32-wasi (.ci/run installs it)', skip: missingToolchain().length > 0 };

export default defineConfig({
  resolve: { alias },
  test: {
    globalSetup: ['test/global-setup.ts'],
    // The suite always runs the kernel in test mode: a syscall returning a status that its
    // definition does not document throws.
    env: { ZXKIT_TEST_MODE: '1' },
    testTimeout: 30_000,
    // Tests that read the Zircon fixtures are skipped without them (test/fixtures.ts).
    // Tests that compile C need the wasm32-wasi toolchain (test/toolchain.ts).
    tags: [
      { name: ZIRCON_TAG, description: 'needs the Zircon fixtures (ZXKIT_ZIRCON_FIXTURES)', skip: !haveZirconFixtures },
      toolchainTag,
    ],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: PAGE_ONLY_SUITES,
          pool: 'forks',
          // `npm run errors-coverage` sets ZXKIT_STATUS_LOG: then every process reports its statuses.
          ...(process.env['ZXKIT_STATUS_LOG'] ? { setupFiles: ['fuzz/status-recorder.ts'] } : {}),
        },
      },
      {
        // The conformance and idiomatic suites again, in headless Chromium: the system's
        // executable (never a downloaded one), driven by Playwright through Vitest browser mode.
        // Not `extends`: the global setup (generator build, fixtures check) is the node project's.
        // The page is cross-origin isolated, so wasm processes run in Web Workers there.
        resolve: { alias },
        server: { headers: CROSS_ORIGIN_ISOLATION },
        test: {
          name: 'browser',
          testTimeout: 30_000,
          include: [...BROWSER_SUITES, ...PAGE_ONLY_SUITES],
          tags: [toolchainTag],
          exclude: NODE_ONLY_IN_BROWSER_SUITES,
          setupFiles: ['test/browser/setup.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: chromiumPath() } }),
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
            // C programs compiled in Node for the page's wasm processes.
            commands: { wasmProgram },
          },
        },
      },
    ],
  },
});
