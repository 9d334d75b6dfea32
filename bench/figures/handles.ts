// Syscall dispatch and handle-table figures: object_signal through the wrappers, duplicate +
// close at 200,000 live handles, and memory per live handle.
import { Kernel, ZX_EVENT_SIGNALED, ZX_OBJ_TYPE_EVENT, ZX_RIGHT_SAME_RIGHTS, ZX_RIGHT_SIGNAL } from '../../index.js';
import { core } from '../../runtime/core.js';
import { expectOk, interleave, yieldToLoop, type Body } from '../harness.js';
import { goals, pairResult, soloResult, type Row } from '../row.js';

function newProcess() {
  const kernel = new Kernel({ testMode: false });
  const proc = kernel.createProcess('bench');
  return { kernel, proc, sys: proc.syscalls };
}

/**
 * zx_object_signal on an event through the wrappers, and the core handler called directly with
 * the handle record already resolved. One call per body, alternately setting and clearing the
 * bit, so every call changes the signal word and no two calls can be folded together.
 */
export function signalBodies(): { wrapper: Body; checked: Body; core: Body; release: () => void } {
  const { proc, sys } = newProcess();
  const ev = { value: 0 };
  expectOk('zx_event_create', sys.zx_event_create(0, ev));
  // `let`, not `const`: V8 may fold constant closure slots into the compiled body, and then
  // the baseline would be timing a pre-resolved object address rather than a call.
  let hv = ev.value;
  let rec = proc.table.lookup(hv)!;
  const SIG = ZX_EVENT_SIGNALED;
  expectOk('zx_object_signal', sys.zx_object_signal(hv, 0, SIG));
  let onW = 0;
  let onC = 0;
  let onK = 0;
  const table = proc.table;
  // Plain locals, as the generated wrappers hold their constants: an imported binding is live
  // and V8 does not fold it into the compiled body.
  const RIGHT = ZX_RIGHT_SIGNAL;
  const TYPE = ZX_OBJ_TYPE_EVENT;
  return {
    wrapper: () => {
      onW ^= SIG;
      sys.zx_object_signal(hv, onW ^ SIG, onW);
    },
    // The floor the mission allows (issue 13 §7): the lookup with its generation check, the
    // rights and type checks, then the core call, written by hand with nothing else.
    checked: () => {
      onK ^= SIG;
      const h = table.lookup(hv);
      if (h === null || (~h.rights & RIGHT) !== 0 || h.object.type !== TYPE) return;
      core.objectSignal(proc, h, onK ^ SIG, onK);
    },
    core: () => {
      onC ^= SIG;
      core.objectSignal(proc, rec, onC ^ SIG, onC);
    },
    release: () => {
      hv = 0;
      rec = null!;
    },
  };
}

export const objectSignal: Row = {
  name: 'zx_object_signal (event) via process.syscalls',
  async run(s) {
    const b = signalBodies();
    const t = await interleave({ name: 'wrapper', body: b.wrapper }, { name: 'checked', body: b.checked }, s.micro);
    b.release();
    return pairResult(this.name, 'hand-written minimal checked call (lookup, rights, type, core)', goals.ratioAtMost(1.25, 60), t);
  },
};

/**
 * A process holding `live` handles (duplicates of one event), and a body that duplicates one
 * handle and closes the duplicate, as a program does with a handle it is working with.
 *
 * `scattered` instead draws the source handle from the whole table in a scattered order (a
 * fixed prime stride), so every call touches a different, cold handle record: that measures
 * the machine's cache misses more than the table (see the informational row).
 */
export function dupCloseCase(live: number, scattered: boolean): Body {
  const { sys } = newProcess();
  const ev = { value: 0 };
  expectOk('zx_event_create', sys.zx_event_create(0, ev));
  const values = new Uint32Array(live);
  values[0] = ev.value;
  const out = { value: 0 };
  for (let i = 1; i < live; i++) {
    expectOk('zx_handle_duplicate', sys.zx_handle_duplicate(ev.value, ZX_RIGHT_SAME_RIGHTS, out));
    values[i] = out.value;
  }
  expectOk('zx_handle_duplicate', sys.zx_handle_duplicate(values[live >> 1]!, ZX_RIGHT_SAME_RIGHTS, out));
  expectOk('zx_handle_close', sys.zx_handle_close(out.value));
  if (!scattered) {
    const source = values[live >> 1]!; // a handle from the middle of the table
    return () => {
      sys.zx_handle_duplicate(source, ZX_RIGHT_SAME_RIGHTS, out);
      sys.zx_handle_close(out.value);
    };
  }
  const stride = 7919; // prime, so i visits every index
  let i = 0;
  return () => {
    i += stride;
    if (i >= live) i -= live;
    sys.zx_handle_duplicate(values[i]!, ZX_RIGHT_SAME_RIGHTS, out);
    sys.zx_handle_close(out.value);
  };
}

export const dupClose: Row = {
  name: 'zx_handle_duplicate + zx_handle_close, 200,000 live handles',
  async run(s) {
    const big = dupCloseCase(200_000, false);
    const small = dupCloseCase(1_000, false);
    const t = await interleave({ name: '200k', body: big }, { name: '1k', body: small }, s.micro);
    return pairResult(this.name, 'the same with 1,000 live handles', goals.ratioAtMost(2.0, 150), t);
  },
};

/** Informational: the same, with the source handle drawn from all live handles. */
export const dupCloseScattered: Row = {
  name: 'zx_handle_duplicate + zx_handle_close, source drawn from all 200,000 live handles',
  informational: true,
  async run(s) {
    const big = dupCloseCase(200_000, true);
    const small = dupCloseCase(1_000, true);
    const t = await interleave({ name: '200k scattered', body: big }, { name: '1k scattered', body: small }, s.micro);
    return pairResult(this.name, 'the same drawn from 1,000 live handles', goals.none(), t);
  },
};

function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run the benchmarks with node --expose-gc');
  gc();
  gc();
}

/** Bytes the heap grows by when one process fills with `n` live handles (kept until measured). */
function bytesForHandles(n: number, values: Uint32Array): number {
  fullGc();
  const before = heapBytes();
  // Everything the kernel allocates counts, including its fixed-size arena bookkeeping.
  const { kernel, sys } = newProcess();
  const ev = { value: 0 };
  expectOk('zx_event_create', sys.zx_event_create(0, ev));
  const out = { value: 0 };
  values[0] = ev.value;
  for (let i = 1; i < n; i++) {
    sys.zx_handle_duplicate(ev.value, ZX_RIGHT_SAME_RIGHTS, out);
    values[i] = out.value;
  }
  fullGc();
  const after = heapBytes();
  // Used after the measurement, so the kernel is certainly alive while it is taken.
  // n made here, plus the process's two startup handles.
  if (kernel.stats().handles !== n + 2) throw new Error(`expected ${n + 2} live handles, have ${kernel.stats().handles}`);
  return after - before;
}

export const memoryPerHandle: Row = {
  name: 'memory per live handle at 200,000 handles',
  async run(s) {
    const N = 200_000;
    const samples: number[] = [];
    // Where the caller keeps its handle values is the caller's memory, not the kernel's.
    const values = new Uint32Array(N);
    for (let r = 0; r < (s.quick ? 3 : 7); r++) {
      // A separate call and a trip through the event loop per sample, so the previous sample's
      // kernel is unreachable (no stale stack slot) and collected before the next baseline.
      await yieldToLoop();
      samples.push(bytesForHandles(N, values) / N);
    }
    return soloResult(this.name, 'B', goals.atMost(150, '≤ 150 B'), samples);
  },
};
