// zxkit's shipped types, as a TypeScript user compiles against them: the packed package
// installed in a fresh project, the README's tsconfig.json and example, compiled by every
// TypeScript release the README claims (each installed from npm), with `strict` and
// `skipLibCheck` off so the package's own .d.ts files are checked too.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../generator/helpers.js';
import { codeBlocks, expectedLogs, readmeSection } from '../readme-examples.js';
import { cachedPackage, installInto, packPackage } from './packed.js';

/** The newest patch of every minor release from the first with `using` to today's `latest`. */
const TYPESCRIPT = ['5.2.2', '5.3.3', '5.4.5', '5.5.4', '5.6.3', '5.7.3', '5.8.3', '5.9.3', '6.0.3', '7.0.2'];

const section = readmeSection('The idiomatic layer');
const tsconfig = JSON.parse(codeBlocks(section, 'json')[0]) as { compilerOptions: Record<string, unknown> };
const example = codeBlocks(section, 'ts')[0];
/** The error the README says a missing ESNext.Disposable gives. */
const warned = /`(error TS\d+: Cannot find global type 'Disposable'\.)`/.exec(section)?.[1];

/** Beyond the README example: the raw stubs, waits, ports and a Node Buffer where bytes go. */
const RAW = `import { Channel, Event, Kernel, Port, ZX_EVENT_SIGNALED, ZX_OK, ZX_TIME_INFINITE, useProcess, type Syscalls, type zx_info_handle_basic_t } from 'zxkit';

const proc = new Kernel().createProcess('raw');
const sys: Syscalls = proc.syscalls;
const a = { value: 0 }, b = { value: 0 }, n = { value: 0 };
const bytes: Uint8Array = Buffer.from('raw bytes');
if (sys.zx_socket_create(0, a, b) !== ZX_OK) throw new Error('zx_socket_create');
sys.zx_socket_write(a.value, 0, bytes, bytes.length, n);
const into = new Uint8Array(32);
sys.zx_socket_read(b.value, 0, into, into.length, n);
console.log(new TextDecoder().decode(into.subarray(0, n.value)));

useProcess(proc);
const [c0, c1] = Channel.create();
c0.write(bytes, [Event.create()]);
const msg = c1.read();
console.log(msg.bytes.length, msg.handles.length);
const basic: zx_info_handle_basic_t = c1.info();
console.log(basic.koid > 0n);
const port = Port.create();
const ev = Event.create();
ev.waitAsync(port, 7n, ZX_EVENT_SIGNALED);
ev.signal(0, ZX_EVENT_SIGNALED);
const packet = await port.wait({ deadline: ZX_TIME_INFINITE, signal: new AbortController().signal });
console.log(String(packet.key));
`;

/**
 * A module importing the types of every entry the installed package exports, so that the
 * .d.ts files behind each of them are in the checked program.
 */
function entriesModule(): string {
  const pkg = JSON.parse(readFileSync(join(app, 'node_modules', 'zxkit', 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const typed = Object.entries(pkg.exports).filter(([key, v]) => !key.includes('*') && typeof v === 'object' && v !== null && 'types' in v);
  const names = typed.map((_, i) => `entry${i}`);
  const imports = typed.map(([key], i) => `import type * as ${names[i]} from 'zxkit${key.slice(1)}';\n`);
  return `${imports.join('')}export type { ${names.join(', ')} };\n`;
}

const work = mkdtempSync(join(tmpdir(), 'zxkit-consumer-'));
const app = join(work, 'app');
let files: string[] = [];
const typesNode = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['@types/node'];

beforeAll(() => {
  const packed = packPackage(work);
  files = packed.files;
  installInto(app, packed.tarball, [`@types/node@${typesNode}`]);
  writeFileSync(join(app, 'app.ts'), example);
  writeFileSync(join(app, 'raw.ts'), RAW);
  writeFileSync(join(app, 'entries.ts'), entriesModule());
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }), 60_000);

/** Runs a Node script in the app; resolves (never rejects) with its exit code and output. */
function node(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, args, { cwd: app, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })));
}

/** Runs TypeScript `version`'s tsc on the app with `config` as its tsconfig.json. */
async function tsc(version: string, name: string, config: object, outDir: string): Promise<{ code: number; out: string }> {
  const bin = join(cachedPackage('typescript', version), 'node_modules', 'typescript', 'bin', 'tsc');
  const project = join(app, `tsconfig.${name}.${version}.json`);
  writeFileSync(project, JSON.stringify(config));
  const r = await node([bin, '-p', project, '--outDir', outDir]);
  return { code: r.code, out: r.stdout + r.stderr };
}

describe('the consumer project', () => {
  it("imports the types of every typed entry of the package, 'zxkit' itself included", () => {
    expect(readFileSync(join(app, 'entries.ts'), 'utf8')).toContain("import type * as entry0 from 'zxkit';");
  });
});

describe('the README tsconfig.json and example', () => {
  it('are in the README: a config naming ESNext.Disposable, an example using `using`, the error it warns about', () => {
    expect(tsconfig.compilerOptions.lib).toContain('ESNext.Disposable');
    expect(tsconfig.compilerOptions.skipLibCheck).toBeUndefined(); // off, the default
    expect(example).toMatch(/\busing \w+ =/);
    expect(warned).toBeDefined();
    // The versions the README claims are the ones tested here.
    const minor = (v: string) => v.replace(/\.\d+$/, '');
    const prose = section.replace(/\s+/g, ' ');
    expect(prose).toContain(`**TypeScript ${minor(TYPESCRIPT[0])} or later**`);
    expect(prose).toContain(`every minor release from ${minor(TYPESCRIPT[0])} to ${minor(TYPESCRIPT.at(-1)!)} from npm`);
  });
});

// Each tsc is a process of its own, so the versions run side by side.
describe.concurrent.each(TYPESCRIPT)('TypeScript %s', (version) => {
  it('compiles the example and the raw-stub user with no error, and the output runs on Node', async ({ expect }) => {
    const out = join(app, 'out', version);
    const r = await tsc(version, 'readme', { ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, strict: true, skipLibCheck: false } }, out);
    expect(r.out).toBe('');
    expect(r.code).toBe(0);
    const ex = await node([join(out, 'app.js')]);
    expect(ex.stderr).toBe('');
    expect(ex.stdout.trim().split('\n')).toEqual(expectedLogs(example));
    const raw = await node([join(out, 'raw.js')]);
    expect(raw.stderr).toBe('');
    expect(raw.stdout.trim().split('\n')).toEqual(['raw bytes', '9 1', 'true', '7']);
  }, 240_000);

  it('without ESNext.Disposable (and no @types/node) gives the error the README warns about', async ({ expect }) => {
    const { lib, ...rest } = tsconfig.compilerOptions as { lib: string[] };
    const options = { ...rest, lib: lib.filter((l) => l !== 'ESNext.Disposable'), types: [], noEmit: true };
    const r = await tsc(version, 'nolib', { ...tsconfig, compilerOptions: options }, join(app, 'out', 'none'));
    expect(r.code).not.toBe(0);
    expect(r.out).toContain(warned);
  }, 240_000);
});

describe('TSDoc links in the shipped .d.ts files', () => {
  it('each point at a file in the package', () => {
    const dts = files.filter((f) => f.endsWith('.d.ts'));
    expect(dts).toContain('dist/generated/stubs.d.ts');
    const shipped = new Set(files);
    const targets: string[] = [];
    for (const f of dts) {
      const text = readFileSync(join(app, 'node_modules', 'zxkit', f), 'utf8');
      for (const comment of text.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
        for (const [, target] of comment.matchAll(/\]\(([^)\s]+)\)/g)) {
          targets.push(target);
          expect(shipped.has(posix.join(posix.dirname(f), target)), `${f}: ${target}`).toBe(true);
        }
      }
    }
    // Every stub links its page: the check above has real links to look at.
    expect(targets.length).toBeGreaterThanOrEqual(170);
  });

  it('reach pages that are the generated ones, byte for byte', () => {
    const pages = readdirSync(join(repoRoot, 'generated', 'docs'));
    for (const page of pages) {
      const shipped = join(app, 'node_modules', 'zxkit', 'dist', 'generated', 'docs', page);
      expect(existsSync(shipped), page).toBe(true);
      expect(readFileSync(shipped, 'utf8')).toBe(readFileSync(join(repoRoot, 'generated', 'docs', page), 'utf8'));
    }
  });
});
