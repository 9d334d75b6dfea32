// Wasm processes (issue 13, section 7): a syscall from a guest's thread to the kernel's thread
// and back, a channel ping-pong between two wasm processes, socket throughput between two wasm
// processes; each against the same threads doing the least their transport allows. The guest
// programs (bench/wasm/*.c) time themselves with WASI's monotonic clock and print ns per
// operation per round; the baselines time themselves in their workers the same way.
// Figure and baseline alternate in blocks (figure, baseline, baseline, figure, ...); each block
// starts fresh threads and drops its first round as a warm-up.
import { Worker, type TransferListItem } from 'node:worker_threads';
import { join } from 'node:path';
import { Kernel, PA_HND, PA_USER0 } from '../../runtime/index.js';
import { nodeThreads } from '../../runtime/node/worker-host.js';
import { KERNEL_SPIN_MS, GUEST_SPIN_NS, YIELD_MS } from '../../runtime/spawn-protocol.js';
import { waitAsync } from '../../runtime/wasm-api.js';
import { compileFile, REPO } from '../../test/wasm/compile.js';
import { haveToolchain } from '../../test/toolchain.js';
import { median, type PairTiming } from '../harness.js';
import { goals, pairResult, type Row, type Settings } from '../row.js';

const program = (name: string) => compileFile(join(REPO, 'bench', 'wasm', `${name}.c`));

/** Rounds per block (the first is dropped) and blocks per side. */
const ROUNDS = 5;
const blocks = (s: Settings) => (s.quick ? 2 : 4);

/** Per-round ns figures printed one per line, without the warm-up round. */
const perRound = (text: string): number[] => text.trim().split('\n').map(Number).slice(1);

async function alternate(s: Settings, figure: () => Promise<number[]>, baseline: () => Promise<number[]>): Promise<PairTiming> {
  const f: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < blocks(s); i++) {
    const [tf, tb] = i % 2 === 0 ? [await figure(), await baseline()] : ((r) => [r[1], r[0]])([await baseline(), await figure()]);
    f.push(median(tf!));
    b.push(median(tb!));
    ratios.push(median(tf!) / median(tb!));
  }
  return { figure: { rounds: f }, baseline: { rounds: b }, ratios };
}

/** Runs wasm processes on a fresh kernel; returns the measuring one's per-round figures. */
async function wasm(run: (k: Kernel) => { measured: { exited: Promise<number> }; others: { exited: Promise<number> }[]; out: () => string }): Promise<number[]> {
  const kernel = new Kernel({ testMode: false });
  const r = run(kernel);
  const codes = await Promise.all([r.measured.exited, ...r.others.map((o) => o.exited)]);
  if (codes.some((c) => c !== 0)) throw new Error(`bench: a wasm process exited ${codes.join(', ')}`);
  return perRound(r.out());
}

function collector(): { out: (b: Uint8Array) => void; text: () => string } {
  let s = '';
  const d = new TextDecoder();
  return { out: (b) => (s += d.decode(b)), text: () => s };
}

/** Two processes of `bytes` joined by a new channel or socket, each end a startup handle; the first is measured. */
function connected(k: Kernel, bytes: Uint8Array, create: 'zx_channel_create' | 'zx_socket_create', measured: { name: string; args: string[] }, other: { name: string; args: string[] }) {
  const host = k.createProcess('host');
  const a = { value: 0 }, b = { value: 0 };
  if (host.syscalls[create](0, a, b) !== 0) throw new Error(`bench setup: ${create}`);
  const c = collector();
  const start = (handle: number) => [{ id: PA_HND(PA_USER0, 0), handle, from: host }];
  const o = k.spawn(bytes, { ...other, handles: start(b.value), host: nodeThreads });
  const m = k.spawn(bytes, { ...measured, handles: start(a.value), stdout: c.out, host: nodeThreads });
  return { measured: m, others: [o], out: c.text };
}

/** A JavaScript worker from source text (CommonJS), resolving with its one message. */
function jsWorker<T>(code: string, data: unknown, transfer: readonly TransferListItem[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: data, transferList: [...transfer] });
    w.once('message', (m: T) => { resolve(m); void w.terminate(); });
    w.once('error', reject);
  });
}

/**
 * The floor of the design: a worker's round trip through a mailbox word to this thread and back,
 * served the way the kernel's thread serves syscalls (poll while calls come, then waitAsync on
 * the doorbell; the guest spins, then waits). No decoding, no wrapper, no kernel.
 */
const FLOOR_WORKER = `
const { workerData: d, parentPort } = require('node:worker_threads');
const box = new Int32Array(d.box), bell = new Int32Array(d.bell), out = [];
for (let r = 0; r < d.rounds; r++) {
  const t0 = performance.now();
  for (let i = 0; i < d.n; i++) {
    box[1] = i;
    Atomics.store(box, 0, 1);
    Atomics.add(bell, 0, 1);
    if (Atomics.load(bell, 1) !== 0) Atomics.notify(bell, 0);
    let s = Atomics.load(box, 0);
    const until = performance.now() + d.spinNs / 1e6;
    while (s === 1 && performance.now() < until) for (let k = 0; k < 64 && s === 1; k++) s = Atomics.load(box, 0);
    while (s === 1) { Atomics.wait(box, 0, 1); s = Atomics.load(box, 0); }
    if (box[2] !== i) throw new Error('floor: lost reply');
    Atomics.store(box, 0, 0);
  }
  out.push((performance.now() - t0) * 1e6 / d.n);
}
parentPort.postMessage(out);`;

async function atomicsFloor(n: number): Promise<number[]> {
  const box = new Int32Array(new SharedArrayBuffer(16));
  const bell = new Int32Array(new SharedArrayBuffer(8));
  let done = false;
  const served = (async () => {
    let busySince = performance.now();
    while (!done) {
      const seen = Atomics.load(bell, 0);
      if (Atomics.load(box, 0) === 1) {
        box[2] = box[1]!;
        Atomics.store(box, 0, 2);
        Atomics.notify(box, 0);
      }
      if (performance.now() - busySince > YIELD_MS) {
        await nodeThreads.yieldToEvents();
        busySince = performance.now();
      }
      const until = performance.now() + KERNEL_SPIN_MS;
      let rung = false;
      while (!rung && performance.now() < until) {
        await null;
        rung = Atomics.load(bell, 0) !== seen;
      }
      if (rung) continue;
      Atomics.store(bell, 1, 1);
      const w = waitAsync(bell, 0, seen);
      if (w.async) await w.value;
      Atomics.store(bell, 1, 0);
      busySince = performance.now();
    }
  })();
  const out = await jsWorker<number[]>(FLOOR_WORKER, { box: box.buffer, bell: bell.buffer, rounds: ROUNDS, n, spinNs: GUEST_SPIN_NS });
  done = true;
  Atomics.add(bell, 0, 1);
  Atomics.notify(bell, 0);
  await served;
  return out.slice(1);
}

const SIGNALS = 20_000;

export const wasmObjectSignal: Row = {
  name: 'zx_object_signal from a wasm process, round trip',
  async run(s) {
    const bytes = program('signal');
    const t = await alternate(
      s,
      () => wasm((k) => {
        const c = collector();
        return { measured: k.spawn(bytes, { name: 'signal', args: [String(ROUNDS), String(SIGNALS)], stdout: c.out, host: nodeThreads }), others: [], out: c.text };
      }),
      () => atomicsFloor(SIGNALS),
    );
    return pairResult(this.name, 'bare Atomics round trip, same two threads, same polling', goals.ratioAtMost(1.5), t);
  },
};

const PING_PONG = `
const { workerData: d, parentPort } = require('node:worker_threads');
const port = d.port;
if (d.rounds === 0) { port.on('message', (m) => port.postMessage(m)); }
else (async () => {
  const buf = new Uint8Array(64), out = [];
  for (let r = 0; r < d.rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < d.n; i++) {
      const got = new Promise((res) => port.once('message', res));
      port.postMessage(buf);
      await got;
    }
    out.push((performance.now() - t0) * 1e6 / d.n);
  }
  port.close();
  parentPort.postMessage(out);
})();`;

const TRIPS = 3000;

export const wasmChannelPingPong: Row = {
  name: 'channel ping-pong, 64 B, between two wasm processes',
  async run(s) {
    const bytes = program('ping');
    const t = await alternate(
      s,
      () => wasm((k) => connected(k, bytes, 'zx_channel_create', { name: 'ping', args: [String(ROUNDS), String(TRIPS)] }, { name: 'pong', args: [] })),
      async () => {
        const { port1, port2 } = new MessageChannel();
        const ponger = new Worker(PING_PONG, { eval: true, workerData: { port: port2, rounds: 0 }, transferList: [port2] });
        const out = await jsWorker<number[]>(PING_PONG, { port: port1, rounds: ROUNDS, n: TRIPS }, [port1]);
        await ponger.terminate();
        return out.slice(1);
      },
    );
    return pairResult(this.name, 'MessageChannel ping-pong between two workers', goals.ratioAtMost(1), t);
  },
};

/** The same 64 KiB chunks through a SharedArrayBuffer ring of four, between two workers. */
const RING = `
const { workerData: d, parentPort } = require('node:worker_threads');
const ctl = new Int32Array(d.ctl), ring = new Uint8Array(d.ring), chunk = new Uint8Array(65536), out = [];
const SLOTS = ring.length / 65536, W = 0, R = 1;
for (let r = 0; r < d.rounds; r++) {
  const t0 = performance.now();
  for (let i = 0; i < d.n; i++) {
    if (d.writer) {
      const w = ctl[W], at = (w % SLOTS) * 65536;
      for (let rd = Atomics.load(ctl, R); w - rd >= SLOTS; rd = Atomics.load(ctl, R)) Atomics.wait(ctl, R, rd);
      ring.set(chunk, at);
      Atomics.store(ctl, W, w + 1);
      Atomics.notify(ctl, W);
    } else {
      const rd = ctl[R], at = (rd % SLOTS) * 65536;
      for (let w = Atomics.load(ctl, W); w === rd; w = Atomics.load(ctl, W)) Atomics.wait(ctl, W, w);
      chunk.set(ring.subarray(at, at + 65536));
      Atomics.store(ctl, R, rd + 1);
      Atomics.notify(ctl, R);
    }
  }
  out.push((performance.now() - t0) * 1e6 / d.n);
}
parentPort.postMessage(out);`;

const CHUNKS = 2000;

export const wasmSocketStream: Row = {
  name: 'socket stream, 64 KiB writes, between two wasm processes',
  async run(s) {
    const bytes = program('stream');
    const t = await alternate(
      s,
      () => wasm((k) => connected(k, bytes, 'zx_socket_create', { name: 'reader', args: ['r', String(ROUNDS), String(CHUNKS)] }, { name: 'writer', args: ['w', String(ROUNDS), String(CHUNKS)] })),
      async () => {
        const ctl = new SharedArrayBuffer(8);
        const ring = new SharedArrayBuffer(4 * 65536);
        const data = { ctl, ring, rounds: ROUNDS, n: CHUNKS };
        const [, read] = await Promise.all([jsWorker(RING, { ...data, writer: true }), jsWorker<number[]>(RING, { ...data, writer: false })]);
        return read.slice(1);
      },
    );
    return pairResult(this.name, 'SharedArrayBuffer ring of 64 KiB chunks, same two threads', goals.throughputAtLeast(0.5), t);
  },
};

/** The rows, when clang can build the guest programs (the benchmark names what is missing otherwise). */
export const wasmRows = (): Row[] => (haveToolchain('wasm benchmark rows') ? [wasmObjectSignal, wasmChannelPingPong, wasmSocketStream] : []);
