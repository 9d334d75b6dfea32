// `zxkit init DIR` as users run it: what it writes, that the project's definitions load on the
// shipped types (and how a constants block extends or a types.yaml replaces them), and that it
// refuses a folder in use without writing anything.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../generator/diagnostics.js';
import { defsSources, loadModel } from '../../generator/pipeline.js';
import { repoRoot } from './helpers.js';

const cli = join(repoRoot, 'dist-gen', 'generator', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'zxkit-init-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const zxkit = (args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile()).map((p) => p.split('\\').join('/')).sort();
const loadDefs = (defs: string) => {
  const r = loadModel(defsSources(defs));
  return { model: r.model, diagnostics: r.diagnostics.map(formatDiagnostic).map((d) => d.replace(`${relative(process.cwd(), defs)}/`, '')) };
};

describe('zxkit init', () => {
  it('writes the template project, with the folder name and this zxkit version filled in', () => {
    const r = zxkit(['init', 'nested/My Abi']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Next: cd nested/My Abi && npm install && npm run regen && npm test');
    const dir = join(work, 'nested', 'My Abi');
    expect(filesUnder(dir)).toEqual([
      '.gitignore', 'README.md', 'defs/constants.yaml', 'defs/counter.yaml', 'package.json',
      'src/core.ts', 'src/counter.ts', 'test/counter.test.ts', 'tsconfig.json',
    ]);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string; scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string>;
    };
    const ours = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string; devDependencies: Record<string, string> };
    expect(pkg.name).toBe('my-abi');
    expect(Object.keys(pkg.scripts).sort()).toEqual(['check', 'regen', 'test']);
    expect(pkg.dependencies).toEqual({ zxkit: ours.version });
    // Exact pins, the same TypeScript and Node types the repository is built with.
    for (const [name, version] of Object.entries(pkg.devDependencies)) expect(version, name).toBe(ours.devDependencies[name]);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/^# my-abi\n/);
  });

  it("gives definitions that load on zxkit's shipped types, which they extend", () => {
    const dir = join(work, 'loads');
    expect(zxkit(['init', 'loads']).code).toBe(0);
    const { model, diagnostics } = loadDefs(join(dir, 'defs'));
    expect(diagnostics).toEqual([]);
    expect(model!.syscalls.map((s) => s.name).sort()).toEqual(['counter_add', 'counter_create']);
    const names = new Set(model!.constants.map((c) => c.name));
    for (const n of ['ZX_OBJ_TYPE_COUNTER', 'ZX_RIGHT_INCREMENT', 'ZX_COUNTER_POSITIVE', 'ZX_OK', 'ZX_RIGHT_READ', 'ZX_OBJ_TYPE_SOCKET']) expect(names, n).toContain(n);
  });

  it('refuses to redefine a shipped constant, and a types.yaml of its own replaces the shipped one', () => {
    const dir = join(work, 'rules');
    expect(zxkit(['init', 'rules']).code).toBe(0);
    const constants = join(dir, 'defs', 'constants.yaml');
    const original = readFileSync(constants, 'utf8');
    writeFileSync(constants, original.replace('      ZX_RIGHT_INCREMENT: 0x100000\n', '      ZX_RIGHT_INCREMENT: 0x100000\n      ZX_RIGHT_READ: 0x4\n'));
    expect(loadDefs(join(dir, 'defs')).diagnostics.join('\n')).toMatch(/constants\.yaml:\d+:\d+: duplicate constant "ZX_RIGHT_READ"/);
    writeFileSync(constants, original);
    writeFileSync(join(dir, 'defs', 'types.yaml'), 'constants:\n  status:\n    kind: status\n    type: zx_status_t\n    values:\n      ZX_OK: 0\n');
    const replaced = loadDefs(join(dir, 'defs')).diagnostics.join('\n');
    expect(replaced).toContain('ZX_RIGHT_TRANSFER'); // the shipped rights are gone
    expect(replaced).toContain('ZX_ERR_INVALID_ARGS'); // and so are the shipped statuses
  });

  it('accepts an empty folder', () => {
    mkdirSync(join(work, 'empty'));
    expect(zxkit(['init', 'empty']).code).toBe(0);
    expect(filesUnder(join(work, 'empty'))).toContain('src/core.ts');
  });

  it('refuses a folder that is not empty, or a file, and writes nothing', () => {
    const dir = join(work, 'busy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const r = zxkit(['init', 'busy']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe('zxkit init: busy is not empty (notes.txt); give a new or empty folder; nothing was written\n');
    expect(filesUnder(dir)).toEqual(['notes.txt']);
    const f = zxkit(['init', 'busy/notes.txt']);
    expect(f.code).toBe(1);
    expect(f.err).toBe('zxkit init: busy/notes.txt exists and is not a folder; nothing was written\n');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});
