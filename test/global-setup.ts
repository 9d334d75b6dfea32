// Before the suite: builds the generator CLI once, so tests that run `zxkit` as a process (the
// way users and CI run it) work from a fresh clone with only `npm ci` done, and refuses to run
// without the Zircon fixtures where they are required. After it: one line naming the tests
// skipped for want of the fixtures, and the CLI build removed again if the run created it, so
// the working tree is as the run found it.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { ZIRCON_TAG, zirconFixturesFailure, zirconSkipNotice } from './fixtures.js';
import { missingToolchain, TOOLCHAIN_TAG, toolchainFailure, toolchainSkipNotice } from './toolchain.js';

/**
 * Vitest runs this setup once per project that inherits it, each time from a fresh module, so
 * the mark that it ran is kept on the one global object they share.
 */
const shared = globalThis as { zxkitGlobalSetupRan?: boolean };

export default function setup(project: TestProject): () => void {
  // The build, the checks and the skip lines once per run, not once per project.
  if (shared.zxkitGlobalSetupRan) return () => {};
  shared.zxkitGlobalSetupRan = true;
  const failure = zirconFixturesFailure() ?? toolchainFailure();
  if (failure !== null) {
    // One line and exit 1: thrown, vitest would bury the message under a stack trace and a
    // misleading "No test files found".
    process.stderr.write(`${failure}\n`);
    process.exit(1);
  }
  const root = fileURLToPath(new URL('..', import.meta.url));
  const build = fileURLToPath(new URL('../dist-gen', import.meta.url));
  const hadBuild = existsSync(build);
  execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.gen.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  return () => {
    if (!hadBuild) rmSync(build, { recursive: true, force: true });
    const skipped = project.vitest.state
      .getTestModules()
      .flatMap((m) => [...m.children.allTests('skipped')].filter((t) => t.tags.includes(ZIRCON_TAG)).map(() => m.moduleId));
    if (skipped.length > 0) console.log(`\n${zirconSkipNotice(skipped)}\n`);
    // Tests skipped by a filter are not the toolchain's doing: name them only when it is missing.
    const noToolchain = missingToolchain().length === 0 ? [] : project.vitest.state
      .getTestModules()
      .flatMap((m) => [...m.children.allTests('skipped')].filter((t) => t.tags.includes(TOOLCHAIN_TAG)).map(() => relative(root, m.moduleId)));
    if (noToolchain.length > 0) console.log(`\n${toolchainSkipNotice([...new Set(noToolchain)].sort(), noToolchain.length)}\n`);
  };
}
