// Where the tests find their fixtures. Two kinds:
// - the seed page, ours to reproduce byte for byte, committed beside the tests;
// - the Zircon fixtures (the real 2018 syscalls.abigen, its 170 reference pages and their
//   NAME/SYNOPSIS/RIGHTS sections). Their prose is not ours, so they never enter the
//   repository: they are looked for in ZXKIT_ZIRCON_FIXTURES, by default ../shared/abigen beside
//   the clone. Tests that need them carry the ZIRCON_TAG tag; vitest.config.ts skips that tag
//   when the fixtures are absent, and test/global-setup.ts says so in one line, or fails the run
//   when they are required (CI=true, or the variable names a folder that is not there).
// This module is the only place that knows these paths.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export const FIXTURES_ENV = 'ZXKIT_ZIRCON_FIXTURES';
const DEFAULT_DIR = join('..', 'shared', 'abigen');
/** What the folder must hold for the tests that need it. */
const CONTENTS = ['syscalls.abigen', 'reference-sections.json', 'pages'];

/** The vitest tag of every test that reads the Zircon fixtures. */
export const ZIRCON_TAG = 'zircon-fixtures';

export interface ZirconFixtures {
  /** Absolute folder looked in. */
  readonly dir: string;
  /** How it was chosen, for messages: the variable's value or the default. */
  readonly spelled: string;
  readonly fromEnv: boolean;
  /** Expected entries that are not there (empty: the fixtures are present). */
  readonly missing: readonly string[];
}

/** Relative values are taken from the repository root, as the default is, never from the cwd. */
export function locateZirconFixtures(env: NodeJS.ProcessEnv = process.env): ZirconFixtures {
  const value = env[FIXTURES_ENV];
  const fromEnv = value !== undefined && value !== '';
  const spelled = fromEnv ? value : DEFAULT_DIR;
  const dir = isAbsolute(spelled) ? spelled : resolve(repoRoot, spelled);
  return { dir, spelled, fromEnv, missing: CONTENTS.filter((name) => !existsSync(join(dir, name))) };
}

export const zirconFixtures = locateZirconFixtures();
export const haveZirconFixtures = zirconFixtures.missing.length === 0;

function where(f: ZirconFixtures): string {
  return `${f.dir} (${f.fromEnv ? `${FIXTURES_ENV}=${f.spelled}` : `the default, ${f.spelled} from the repository`})`;
}

const HOW = `point ${FIXTURES_ENV} at the folder holding ${CONTENTS.join(', ')}`;

/**
 * Why the run must stop instead of skipping, or null. Missing fixtures are fatal in CI, so CI
 * always runs the parity tests, and when the variable was set, since a mistyped path would
 * otherwise turn the parity tests off without anyone asking for it.
 */
export function zirconFixturesFailure(f: ZirconFixtures = zirconFixtures, env: NodeJS.ProcessEnv = process.env): string | null {
  const ci = env['CI'] === 'true';
  if (f.missing.length === 0 || (!ci && !f.fromEnv)) return null;
  const why = ci ? 'CI=true requires them' : `${FIXTURES_ENV} is set, so they are required (unset it to skip the tests that need them)`;
  return `zxkit: no Zircon fixtures in ${where(f)}, missing ${f.missing.join(', ')}; ${why}: ${HOW}.`;
}

/** The one line printed when tests were skipped for want of the fixtures. */
export function zirconSkipNotice(skipped: readonly string[], f: ZirconFixtures = zirconFixtures): string {
  const files = [...new Set(skipped.map((file) => relative(repoRoot, file)))].sort();
  const tests = `${skipped.length} test${skipped.length === 1 ? '' : 's'}`;
  return `zxkit: skipped ${tests} tagged ${ZIRCON_TAG} (${files.join(', ')}): no Zircon fixtures in ${where(f)}; to run them, ${HOW}.`;
}

/** Absolute path of an entry of the Zircon fixtures folder. */
export function zirconFixturePath(name: string): string {
  return join(zirconFixtures.dir, name);
}

/** A file of the Zircon fixtures folder (syscalls.abigen, reference-sections.json, pages/x.md). */
export function readZirconFixture(name: string): string {
  return readFileSync(zirconFixturePath(name), 'utf8');
}

/** The seed page, byte for byte what generated/docs/socket_share.md must be. */
export function readSeedPage(): string {
  return readFileSync(join(repoRoot, 'test', 'seed', 'socket_share.md'), 'utf8');
}
