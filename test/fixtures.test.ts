// Where the Zircon fixtures are looked for, and what a run says or does when they are missing.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateZirconFixtures, zirconFixturesFailure, zirconSkipNotice } from './fixtures.js';
import { repoRoot } from './generator/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'zxkit-fixtures-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const empty = join(tmp, 'empty');
mkdirSync(empty);
const full = join(tmp, 'full');
mkdirSync(join(full, 'pages'), { recursive: true });
writeFileSync(join(full, 'syscalls.abigen'), '');
writeFileSync(join(full, 'reference-sections.json'), '{}');

describe('locateZirconFixtures', () => {
  it('defaults to ../shared/abigen beside the repository, whatever the cwd', () => {
    const f = locateZirconFixtures({});
    expect(f.dir).toBe(join(dirname(repoRoot), 'shared', 'abigen'));
    expect(f.fromEnv).toBe(false);
  });

  it('takes ZXKIT_ZIRCON_FIXTURES, a relative value from the repository root', () => {
    expect(locateZirconFixtures({ ZXKIT_ZIRCON_FIXTURES: full }).dir).toBe(full);
    const rel = relative(repoRoot, full);
    expect(locateZirconFixtures({ ZXKIT_ZIRCON_FIXTURES: rel })).toStrictEqual({ dir: full, spelled: rel, fromEnv: true, missing: [] });
    expect(locateZirconFixtures({ ZXKIT_ZIRCON_FIXTURES: '' }).fromEnv).toBe(false);
  });

  it('lists what a folder lacks', () => {
    expect(locateZirconFixtures({ ZXKIT_ZIRCON_FIXTURES: empty }).missing).toStrictEqual(['syscalls.abigen', 'reference-sections.json', 'pages']);
  });
});

describe('missing fixtures: a skip, or a failure where they are required', () => {
  const absent = { ...locateZirconFixtures({}), dir: empty, missing: ['syscalls.abigen', 'reference-sections.json', 'pages'] };

  it('are a skip by default, and nothing at all when present', () => {
    expect(zirconFixturesFailure(absent, {})).toBeNull();
    expect(zirconFixturesFailure(locateZirconFixtures({ ZXKIT_ZIRCON_FIXTURES: full }), { CI: 'true' })).toBeNull();
  });

  it('fail with CI=true, saying where they were looked for and how to point elsewhere', () => {
    expect(zirconFixturesFailure(absent, { CI: 'true' })).toBe(
      `zxkit: no Zircon fixtures in ${empty} (the default, ../shared/abigen from the repository), missing syscalls.abigen, ` +
        'reference-sections.json, pages; CI=true requires them: point ZXKIT_ZIRCON_FIXTURES at the folder holding ' +
        'syscalls.abigen, reference-sections.json, pages.',
    );
  });

  it('fail when ZXKIT_ZIRCON_FIXTURES names a folder without them', () => {
    const env = { ZXKIT_ZIRCON_FIXTURES: empty };
    expect(zirconFixturesFailure(locateZirconFixtures(env), env)).toMatch(
      new RegExp(`^zxkit: no Zircon fixtures in ${empty} \\(ZXKIT_ZIRCON_FIXTURES=${empty}\\), .*ZXKIT_ZIRCON_FIXTURES is set`),
    );
  });

  it('the skip line names the count, the files and the way to run them, on one line', () => {
    const line = zirconSkipNotice([join(repoRoot, 'test', 'b.test.ts'), join(repoRoot, 'test', 'a.test.ts'), join(repoRoot, 'test', 'b.test.ts')], absent);
    expect(line).toBe(
      `zxkit: skipped 3 tests tagged zircon-fixtures (test/a.test.ts, test/b.test.ts): no Zircon fixtures in ${empty} ` +
        '(the default, ../shared/abigen from the repository); to run them, point ZXKIT_ZIRCON_FIXTURES at the folder ' +
        'holding syscalls.abigen, reference-sections.json, pages.',
    );
    expect(line).not.toContain('\n');
  });
});
