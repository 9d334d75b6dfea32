// README "Your own ABI", followed as written from the packed package: `zxkit init` in a
// temporary folder, install, regen, test; then the section's new syscall, the compile error
// naming its missing handler, the handler, the section's test, and `npm test` again.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../generator/helpers.js';
import { npm, packPackage, type Packed } from './packed.js';

const work = mkdtempSync(join(tmpdir(), 'zxkit-init-pack-'));
const app = join(work, 'my-abi');
let packed: Packed;
const hadDist = existsSync(join(repoRoot, 'dist'));
afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000);

/** The fenced blocks of the README section "Your own ABI", by language. */
function sectionBlocks(lang: string): string[] {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Your own ABI\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

/** `npm run <script>` in the project; stdout and stderr together, as a user reads them. */
function run(script: string) {
  const r = spawnSync('npm', ['run', '-s', script], { cwd: app, encoding: 'utf8' });
  return { code: r.status, text: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  packed = packPackage(work);
  // `npx zxkit init my-abi`, with zxkit taken from the tarball instead of the registry.
  const init = spawnSync('npm', ['exec', '--yes', '--prefer-offline', `--package=${packed.tarball}`, '--', 'zxkit', 'init', 'my-abi'], { cwd: work, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`zxkit init failed: ${init.stderr}`);
  // `npm install`, with zxkit (pinned by version in the project) from the tarball: this also
  // installs the project's other dependencies, and never asks the registry for zxkit.
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', packed.tarball], app);
}, 600_000);

describe('zxkit init, from the packed package', () => {
  it('ships the init templates and the zxkit/runtime entry, and leaves no dist/ in the repository', () => {
    expect(packed.files).toContain('templates/init/defs/counter.yaml');
    expect(packed.files).toContain('templates/init/gitignore');
    expect(packed.files).toContain('dist/runtime/index.js');
    expect(packed.files).toContain('dist/runtime/index.d.ts');
    // The build went to the copy packPackage packs from (a repository that had no dist/ still has none).
    expect(existsSync(join(work, 'src', 'dist', 'runtime', 'index.js'))).toBe(true);
    if (!hadDist) expect(existsSync(join(repoRoot, 'dist'))).toBe(false);
  });

  it('gives a project whose tests pass after npm run regen', () => {
    const regen = run('regen');
    expect(regen.code, regen.text).toBe(0);
    const test = run('test');
    expect(test.code, test.text).toBe(0);
    expect(test.text).toMatch(/# pass 3\n# fail 0/);
    expect(run('check').code).toBe(0);
  }, 300_000);

  it('takes the README\'s new syscall: a compile error names the handler until it is written', () => {
    const [yaml] = sectionBlocks('yaml');
    const [handler, testFile] = sectionBlocks('ts');
    writeFileSync(join(app, 'defs', 'counter-read.yaml'), yaml);
    expect(run('regen').code).toBe(0);
    expect(readFileSync(join(app, 'generated', 'stubs.ts'), 'utf8')).toContain('zx_counter_read(handle: number, value: { value: number }): number;');
    const before = run('check');
    expect(before.code).not.toBe(0);
    expect(before.text).toMatch(/src\/core\.ts\(\d+,\d+\): error TS2741: Property 'counterRead' is missing .* 'SyscallHandlers<CounterCore>'/);

    const corePath = join(app, 'src', 'core.ts');
    const core = readFileSync(corePath, 'utf8');
    expect(core).toContain('export const core');
    expect(core).toContain('  counterAdd,\n};');
    writeFileSync(corePath, core.replace('export const core', `${handler}\nexport const core`).replace('  counterAdd,\n};', '  counterAdd,\n  counterRead,\n};'));
    writeFileSync(join(app, 'test', 'read.test.ts'), testFile);
    const test = run('test');
    expect(test.code, test.text).toBe(0);
    expect(test.text).toMatch(/# pass 4\n# fail 0/);
    expect(run('check').code).toBe(0);
  }, 300_000);

  it('refuses to init over the project, and changes nothing', () => {
    const before = readFileSync(join(app, 'src', 'core.ts'), 'utf8');
    const again = spawnSync(join(app, 'node_modules', '.bin', 'zxkit'), ['init', '.'], { cwd: app, encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/^zxkit init: \. is not empty \(.*\); give a new or empty folder; nothing was written\n$/);
    expect(readFileSync(join(app, 'src', 'core.ts'), 'utf8')).toBe(before);
  });
});
