// The published package, installed the way a user installs it: `npm pack` (from a copy, so
// the repository keeps no dist/), then a fresh folder with nothing from the repository on its
// path, plain Node, no tsx.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POKE, repoRoot } from '../generator/helpers.js';
import { TOOLCHAIN_TAG } from '../toolchain.js';
import { installInto, packPackage } from './packed.js';

const work = mkdtempSync(join(tmpdir(), 'zxkit-pack-'));
const app = join(work, 'app');
let files: string[] = [];
/** The repository's own build, if any: packing must neither create nor rebuild it. */
const repoBuild = () => statSync(join(repoRoot, 'dist', 'index.js'), { throwIfNoEntry: false })?.mtimeMs ?? null;
let buildBefore: number | null = null;

beforeAll(() => {
  buildBefore = repoBuild();
  const packed = packPackage(work);
  files = packed.files;
  installInto(app, packed.tarball);
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('ships the build, the shared types and the templates, and no tests, fixtures or node_modules', () => {
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/generator/cli.js');
    expect(files).toContain('defs/types.yaml');
    expect(files).toContain('templates/reference-page.md.hbs');
    expect(files.some((f) => f.endsWith('.js.map'))).toBe(true);
    // The project `zxkit init` writes is shipped as templates, its own test included; nothing else may be a test.
    for (const f of files.filter((x) => !x.startsWith('templates/init/'))) {
      expect(f, f).not.toMatch(/(^|\/)(test|tests|node_modules|shared|fixtures|golden)\//);
      expect(f, f).not.toMatch(/\.test\.(js|ts|d\.ts)$|tsbuildinfo$/);
    }
  });

  it('ships the generated C headers where `zxkit cc` looks for them, and `zxkit cc` builds with them', { tags: [TOOLCHAIN_TAG] }, () => {
    for (const h of ['types.h', 'syscalls.h', 'syscalls/definitions.h', 'syscalls/object.h', 'syscalls/port.h', 'process.h', 'status.h']) {
      expect(files).toContain(`generated/c/include/zircon/${h}`);
    }
    // From the consumer project: the include path is resolved from the installed package.
    writeFileSync(join(app, 'hello.c'), '#include <zircon/syscalls.h>\nint main(void) { return zx_handle_close(ZX_HANDLE_INVALID) == ZX_OK ? 0 : 1; }\n');
    const r = spawnSync('npx', ['--no-install', 'zxkit', 'cc', 'hello.c', '-o', 'hello.wasm'], { cwd: app, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(join(app, 'hello.wasm')).subarray(0, 4)).toEqual(Buffer.from('\0asm'));
  });

  it('is packed without building into the repository', () => {
    expect(repoBuild()).toBe(buildBefore);
  });

  it('runs `npx zxkit --help` with plain Node', () => {
    const r = spawnSync('npx', ['--no-install', 'zxkit', '--help'], { cwd: app, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: zxkit');
    expect(r.stdout).toContain('regen');
  });

  it('runs `npx zxkit regen --defs ... --out ...` on a folder with only syscall files', () => {
    mkdirSync(join(app, 'mydefs'));
    writeFileSync(join(app, 'mydefs', 'thing.yaml'), POKE);
    const r = spawnSync('npx', ['--no-install', 'zxkit', 'regen', '--defs', 'mydefs', '--out', 'out'], { cwd: app, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(join(app, 'out', 'docs', 'thing_poke.md'), 'utf8')).toContain('# zx_thing_poke');
    expect(readFileSync(join(app, 'out', 'stubs.ts'), 'utf8')).toContain('zx_thing_poke(handle: number, options: number): number;');
  });

  it('imports zxkit from a plain Node ESM script and moves bytes through a socket', () => {
    writeFileSync(join(app, 'main.mjs'), `
import { Kernel, ZX_OK } from 'zxkit';
const sys = new Kernel().createProcess('app').syscalls;
const a = { value: 0 }, b = { value: 0 }, n = { value: 0 };
if (sys.zx_socket_create(0, a, b) !== ZX_OK) throw new Error('create');
sys.zx_socket_write(a.value, 0, new TextEncoder().encode('hello'), 5, n);
const buf = new Uint8Array(16);
sys.zx_socket_read(b.value, 0, buf, 16, n);
console.log(new TextDecoder().decode(buf.subarray(0, n.value)));
`);
    const r = spawnSync(process.execPath, ['main.mjs'], { cwd: app, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('hello');
  });
});
