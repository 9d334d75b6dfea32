import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { haveZirconFixtures, ZIRCON_TAG } from './test/fixtures.js';
import { missingToolchain, TOOLCHAIN_TAG } from './test/toolchain.js';

export default defineConfig({
  resolve: {
    // Tests import the package by name, from source, without a build step.
    // 'zxkit/runtime' comes first: an alias also matches as a prefix of a longer import path.
    alias: {
      'zxkit/runtime': fileURLToPath(new URL('./runtime/index.ts', import.meta.url)),
      zxkit: fileURLToPath(new URL('./index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The suite always runs the kernel in test mode: a syscall returning a status that its
    // definition does not document throws.
    env: { ZXKIT_TEST_MODE: '1' },
    testTimeout: 30_000,
    // Tests that read the Zircon fixtures are skipped without them (test/fixtures.ts).
    // Tests that compile C need the wasm32-wasi toolchain (test/toolchain.ts).
    tags: [
      { name: ZIRCON_TAG, description: 'needs the Zircon fixtures (ZXKIT_ZIRCON_FIXTURES)', skip: !haveZirconFixtures },
      { name: TOOLCHAIN_TAG, description: 'needs clang for wasm32-wasi (.ci/run installs it)', skip: missingToolchain().length > 0 },
    ],
    pool: 'forks',
  },
});
