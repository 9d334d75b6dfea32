// Regression tests for the bugs the reliability tools found (issue 6), one per bug, named after it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  Kernel,
  ZX_CHANNEL_PEER_CLOSED,
  ZX_ERR_PEER_CLOSED,
  ZX_OK,
  ZX_PKT_TYPE_SIGNAL_ONE,
} from '../../index.js';
import { loadBases } from '../../fuzz/defs/cases.js';
import { cliPath, sameSnapshot, snapshot } from '../../fuzz/defs/check.js';
import { generate, loadModel } from '../../generator/pipeline.js';
import { since } from '../kernel-stats.js';
import type { KernelStats } from '../../runtime/kernel.js';
import { blankPacket, chRead, chWrite, isValid, mkChannel, mkEvent, mkEventpair, mkPort, sig } from '../conformance/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'zxkit-regressions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Nothing left beyond `idle`, the stats taken right after the test's process was made. */
function zero(kernel: Kernel, idle: KernelStats): void {
  expect(kernel.stats()).toEqual(idle);
}

describe('channel cycle leak (kernel: endpoints only reachable through their own queues never died)', () => {
  it('an endpoint written into its own queue (via its peer) is collected when the peer closes', () => {
    const kernel = new Kernel();
    const sys = kernel.createProcess().syscalls;
    const idle = kernel.stats(); // the process, its startup handles, the root job
    const [a, b] = mkChannel(sys);
    expect(chWrite(sys, a, 'x', [b])).toBe(ZX_OK); // b now sits in its own queue
    expect(since(kernel, idle)).toEqual({ objects: 2, handles: 2, userPackets: 0 });
    expect(sys.zx_handle_close(a)).toBe(ZX_OK);
    zero(kernel, idle);
  });

  it('two endpoints inside each other\'s queues are collected once both outside ends close', () => {
    const kernel = new Kernel();
    const sys = kernel.createProcess().syscalls;
    const idle = kernel.stats(); // the process, its startup handles, the root job
    const [x0, x1] = mkChannel(sys);
    const [y0, y1] = mkChannel(sys);
    const ev = mkEvent(sys);
    expect(chWrite(sys, y0, '', [x1, ev])).toBe(ZX_OK); // x1 (and an event) in y1's queue
    expect(chWrite(sys, x0, '', [y1])).toBe(ZX_OK); // y1 in x1's queue
    expect(sys.zx_handle_close(x0)).toBe(ZX_OK);
    // y0 is still open: y1, and x1 inside it, stay alive (y0 may still write to y1).
    expect(since(kernel, idle).objects).toBe(4);
    expect(chWrite(sys, y0, 'still there')).toBe(ZX_OK);
    expect(sys.zx_handle_close(y0)).toBe(ZX_OK);
    zero(kernel, idle);
  });

  it('a cycle a process can still reach is left alone', async () => {
    const kernel = new Kernel();
    const sys = kernel.createProcess().syscalls;
    const idle = kernel.stats(); // the process, its startup handles, the root job
    const [x0, x1] = mkChannel(sys);
    const [h0, h1] = mkChannel(sys);
    expect(chWrite(sys, x0, '', [x1])).toBe(ZX_OK); // x1 in its own queue
    expect(chWrite(sys, h0, '', [x0])).toBe(ZX_OK); // x0 travels in h1's queue, h1 held here
    expect(sys.zx_handle_close(h0)).toBe(ZX_OK);
    expect(since(kernel, idle).objects).toBe(3);
    const r = chRead(sys, h1); // x0 comes back, so x1 was reachable all along
    expect(r.status).toBe(ZX_OK);
    const x0again = r.handles[0]!;
    expect(await sig(sys, x0again) & ZX_CHANNEL_PEER_CLOSED).toBe(0);
    expect(sys.zx_handle_close(x0again)).toBe(ZX_OK);
    expect(sys.zx_handle_close(h1)).toBe(ZX_OK);
    zero(kernel, idle);
  });

  it('collection reaches what the cycle carries, and tells its peers', async () => {
    const kernel = new Kernel();
    const sys = kernel.createProcess().syscalls;
    const idle = kernel.stats(); // the process, its startup handles, the root job
    const [a, b] = mkChannel(sys);
    const [e0, e1] = mkEventpair(sys);
    const port = mkPort(sys);
    expect(sys.zx_object_wait_async(e1, port, 7n, 0x4, 0)).toBe(ZX_OK); // eventpair PEER_CLOSED
    expect(chWrite(sys, a, '', [b, e0])).toBe(ZX_OK);
    expect(sys.zx_handle_close(a)).toBe(ZX_OK);
    expect(isValid(sys, e1)).toBe(true);
    const p = blankPacket();
    expect(await sys.zx_port_wait(port, 0n, p)).toBe(ZX_OK);
    expect([p.key, p.type]).toEqual([7n, ZX_PKT_TYPE_SIGNAL_ONE]);
    expect(sys.zx_handle_close_many([e1, port], 2)).toBe(ZX_OK);
    zero(kernel, idle);
  });

  it('writes into an endpoint held only by its own queue still see a live peer until then', () => {
    const kernel = new Kernel();
    const sys = kernel.createProcess().syscalls;
    const idle = kernel.stats(); // the process, its startup handles, the root job
    const [a, b] = mkChannel(sys);
    expect(chWrite(sys, a, '', [b])).toBe(ZX_OK);
    for (let i = 0; i < 3; i++) expect(chWrite(sys, a, `m${i}`)).toBe(ZX_OK);
    expect(sys.zx_object_signal_peer(a, 0, 0x01000000)).toBe(ZX_OK);
    expect(sys.zx_handle_close(a)).toBe(ZX_OK);
    zero(kernel, idle);
    expect(chWrite(sys, a, 'gone')).not.toBe(ZX_ERR_PEER_CLOSED); // a itself is closed: BAD_HANDLE
  });
});

// ---- generator ---------------------------------------------------------------------------------

const bases = loadBases();
const base = bases.find((b) => b.family === 'channel')!;

/** The built CLI (dist-gen, built by test/global-setup.ts), as users run it. */
function cli(args: string[], cwd: string): { code: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, [cliPath(), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

function defsFolder(dir: string): void {
  mkdirSync(join(dir, 'defs'), { recursive: true });
  for (const s of base.sources) writeFileSync(join(dir, 'defs', `${s.stem}.yaml`), s.text);
}

describe('regen partial write (generator: a failed rename left earlier files replaced and temp files behind)', () => {
  it('a folder where a late file must go: exit 1, the previous output byte for byte, no temp files', () => {
    const dir = join(tmp, 'partial');
    defsFolder(dir);
    expect(cli(['regen', '--defs', 'defs', '--out', 'out'], dir).code).toBe(0);
    // An older output: every file different, and a folder where types.ts goes (sorted late).
    for (const [k, v] of snapshot(join(dir, 'out'))) if (!k.endsWith('/')) writeFileSync(join(dir, 'out', k), `${v}\n// older\n`, 'latin1');
    rmSync(join(dir, 'out', 'types.ts'));
    mkdirSync(join(dir, 'out', 'types.ts'));
    rmSync(join(dir, 'defs', 'syscalls.lock.json'));
    const before = snapshot(dir);
    const r = cli(['regen', '--defs', 'defs', '--out', 'out'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/previous output left as it was/);
    expect(sameSnapshot(before, snapshot(dir))).toBeNull();
  });

  it('import-abigen: a folder where a family file must go writes nothing either', () => {
    const dir = join(tmp, 'import');
    mkdirSync(join(dir, 'out', 'vmo.yaml'), { recursive: true });
    writeFileSync(join(dir, 'out', 'keep.yaml'), 'previous\n');
    // Two families: vmo.yaml is blocked, event.yaml could be written but must not be.
    writeFileSync(
      join(dir, 'in.abigen'),
      [
        '#^ Create an event.',
        'syscall event_create (options: uint32_t) returns (zx_status_t, out: zx_handle_t handle_acquire);',
        '#^ Create a VM object.',
        'syscall vmo_create (size: uint64_t, options: uint32_t) returns (zx_status_t, out: zx_handle_t handle_acquire);',
        '',
      ].join('\n'),
    );
    const before = snapshot(dir);
    const r = cli(['import-abigen', 'in.abigen', '--out', 'out'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/vmo\.yaml exists and is not a regular file/);
    expect(sameSnapshot(before, snapshot(dir))).toBeNull();
  });
});

describe('generate crash on missing ZX_OK (generator: a definition set without ZX_OK loaded, then the wrappers backend threw)', () => {
  it('is a positioned diagnostic instead', () => {
    const types = base.sources[0]!;
    const text = types.text.replace(/^(\s+)ZX_OK: 0\n/m, '');
    expect(text).not.toBe(types.text);
    const r = loadModel([{ ...types, text }, ...base.sources.slice(1)]);
    expect(r.model).toBeNull();
    expect(r.diagnostics.map((d) => d.message)).toContain('the generated wrappers need ZX_OK, a status constant equal to 0');
    expect(r.diagnostics.every((d) => d.line >= 1 && d.col >= 1)).toBe(true);
  });

  it('ZX_OK with another value is refused too (the wrappers test success as 0)', () => {
    const types = base.sources[0]!;
    const text = types.text.replace(/^(\s+)ZX_OK: 0$/m, '$1ZX_OK: 1');
    const r = loadModel([{ ...types, text }, ...base.sources.slice(1)]);
    expect(r.model).toBeNull();
    expect(r.diagnostics.some((d) => d.message.includes('ZX_OK'))).toBe(true);
  });
});

describe('generate crash on a non-pointer handle field (generator: handle.field naming a plain field loaded, then the wrappers backend threw)', () => {
  it('is a positioned diagnostic at the field instead', () => {
    const fam = base.sources[2]!;
    const text = fam.text.replace(/handle:(\s*)\{([^}]*)field: wr_handles/, 'handle:$1{$2field: wr_num_bytes');
    expect(text).not.toBe(fam.text);
    const r = loadModel([...base.sources.slice(0, 2), { ...fam, text }]);
    expect(r.model).toBeNull();
    const d = r.diagnostics.find((x) => x.message.includes('wr_num_bytes'))!;
    expect(d.message).toMatch(/must be a handle array/);
    expect(text.split('\n')[d.line - 1]).toContain('field: wr_num_bytes');
  });

  it('the real definitions still load and generate', () => {
    const r = loadModel(base.sources);
    expect(r.diagnostics).toEqual([]);
    expect(() => generate(r.model!, { docsStyle: 'seed', command: 'x' })).not.toThrow();
  });
});

describe('yaml warning on stderr (generator: a collection used as a key printed a Node warning next to the diagnostics)', () => {
  it('stderr holds only the positioned diagnostic and the summary', () => {
    const dir = join(tmp, 'warning');
    mkdirSync(join(dir, 'defs'), { recursive: true });
    writeFileSync(join(dir, 'defs', 'x.yaml'), '? [a]\n: b\n');
    const r = cli(['regen', '--defs', 'defs', '--out', 'out'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/Warning/);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^defs\/x\.yaml:1:1: unknown key "\[ a \]"/),
      'zxkit: 1 error in definitions; nothing written',
    ]);
  });
});
