// Model-based test of the job tree and kills (issue 14): random job creations, process
// creations, kills, exits and handle closes from a host process, checked after every command
// against a reference model written from the spec (part 2 §8): which jobs and processes are
// alive, each job's child koid lists in creation order, its NO_PROCESSES / NO_JOBS signals,
// and the kernel's object and handle counts.
import fc from 'fast-check';
import { Kernel } from '../../runtime/kernel.js';
import type { Process } from '../../runtime/process.js';
import { Violation } from './model.js';

const S = { OK: 0, BAD_STATE: -20 } as const;
const NO_PROCESSES = 0x8, NO_JOBS = 0x10;
const INFO_JOB_CHILDREN = 8, INFO_JOB_PROCESSES = 9, INFO_HANDLE_BASIC = 2;

interface MJob { readonly parent: MJob | null; readonly handle: number; open: boolean; killed: boolean; alive: boolean; readonly jobs: MJob[]; readonly procs: MProc[]; koid: bigint }
interface MProc { readonly job: MJob; readonly real: Process; dead: boolean }

type Cmd =
  | { op: 'job'; at: number }
  | { op: 'process'; at: number }
  | { op: 'kill_job'; at: number }
  | { op: 'kill_process'; at: number; exit: boolean }
  | { op: 'close_job'; at: number };

const pick = fc.nat(1000);
export const taskCmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('job' as const), at: pick }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('process' as const), at: pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('kill_job' as const), at: pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('kill_process' as const), at: pick, exit: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('close_job' as const), at: pick }) },
);

/** One kernel, its host process (holding every job handle) and the model. */
export class TaskWorld {
  readonly kernel = new Kernel({ testMode: true });
  readonly host = this.kernel.createProcess('host');
  readonly root: MJob;
  readonly jobs: MJob[] = [];
  readonly procs: MProc[] = [];

  constructor() {
    this.root = { parent: null, handle: this.host.job, open: true, killed: false, alive: true, jobs: [], procs: [], koid: 0n };
    this.root.koid = this.koid(this.root.handle);
    this.jobs.push(this.root);
  }

  run(c: Cmd): void {
    const sys = this.host.syscalls;
    const open = this.jobs.filter((j) => j.open);
    const j = open[c.at % open.length]!;
    switch (c.op) {
      case 'job': {
        const out = { value: 0 };
        const st = sys.zx_job_create(j.handle, 0, out);
        expect('job_create', st, j.killed ? S.BAD_STATE : S.OK);
        if (st !== S.OK) return;
        const nj: MJob = { parent: j, handle: out.value, open: true, killed: false, alive: true, jobs: [], procs: [], koid: this.koid(out.value) };
        j.jobs.push(nj);
        this.jobs.push(nj);
        return;
      }
      case 'process': {
        let real: Process | null = null;
        try {
          real = this.kernel.createProcess('p', { parent: this.host, job: j.handle });
        } catch {
          real = null;
        }
        if ((real === null) !== j.killed) throw new Violation(`createProcess in a ${j.killed ? 'killed' : 'live'} job ${real === null ? 'failed' : 'succeeded'}`);
        if (real === null) return;
        const p: MProc = { job: j, real, dead: false };
        j.procs.push(p);
        this.procs.push(p);
        return;
      }
      case 'kill_job':
        if (j === this.root) return; // it holds the host process, which runs the test
        expect('task_kill(job)', sys.zx_task_kill(j.handle), S.OK);
        this.killJob(j);
        return;
      case 'kill_process': {
        const live = this.procs.filter((p) => !p.dead);
        if (live.length === 0) return;
        const p = live[c.at % live.length]!;
        if (c.exit) p.real.syscalls.zx_process_exit(7n);
        else expect('task_kill(self)', p.real.syscalls.zx_task_kill(p.real.self), S.OK);
        this.die(p);
        return;
      }
      case 'close_job':
        if (j === this.root) return;
        expect('handle_close(job)', sys.zx_handle_close(j.handle), S.OK);
        j.open = false;
        this.settle(j);
        return;
    }
  }

  private killJob(j: MJob): void {
    if (j.killed) return;
    j.killed = true;
    for (const c of [...j.jobs]) this.killJob(c);
    for (const p of [...j.procs]) this.die(p);
  }

  private die(p: MProc): void {
    p.dead = true;
    p.job.procs.splice(p.job.procs.indexOf(p), 1);
    this.settle(p.job);
  }

  /** A job with no handle and no children is gone; its parent may follow. */
  private settle(j: MJob): void {
    if (j === this.root || j.open || j.jobs.length > 0 || j.procs.length > 0 || !j.alive) return;
    j.alive = false;
    const parent = j.parent!;
    parent.jobs.splice(parent.jobs.indexOf(j), 1);
    this.settle(parent);
  }

  /** Every open job's lists and signals, every process's state, the kernel's counts. */
  check(): void {
    for (const j of this.jobs.filter((x) => x.open)) {
      expectList(`job ${j.koid} children`, this.list(j.handle, INFO_JOB_CHILDREN), j.jobs.map((x) => x.koid));
      // The host process itself is the root job's first process.
      const procs = [...(j === this.root ? [BigInt(this.host.koid)] : []), ...j.procs.map((x) => BigInt(x.real.koid))];
      expectList(`job ${j.koid} processes`, this.list(j.handle, INFO_JOB_PROCESSES), procs);
      const want = (procs.length === 0 ? NO_PROCESSES : 0) | (j.jobs.length === 0 ? NO_JOBS : 0);
      expect(`job ${j.koid} signals`, this.signalsOf(j) & (NO_PROCESSES | NO_JOBS), want);
    }
    for (const p of this.procs) if ((p.real.object.state === 'dead') !== p.dead) throw new Violation(`process ${p.real.koid}: dead is ${!p.dead} in the kernel`);
    const liveJobs = this.jobs.filter((j) => j.alive).length;
    const liveProcs = this.procs.filter((p) => !p.dead).length;
    const s = this.kernel.stats();
    expect('stats().objects', s.objects, liveJobs + 1 + liveProcs); // the host process
    expect('stats().handles', s.handles, 2 + this.jobs.filter((j) => j.open && j !== this.root).length + 2 * liveProcs);
  }

  private signalsOf(j: MJob): number {
    const h = this.host.table.lookup(j.handle);
    if (h === null) throw new Violation(`job ${j.koid}: its handle is gone`);
    return h.object.signals;
  }

  private list(handle: number, topic: number): bigint[] {
    const buf = new Uint8Array(8 * 64), actual = { value: 0 };
    expect('object_get_info', this.host.syscalls.zx_object_get_info(handle, topic, buf, buf.length, actual, null), S.OK);
    const v = new DataView(buf.buffer);
    return Array.from({ length: actual.value }, (_, i) => v.getBigUint64(8 * i, true));
  }

  private koid(handle: number): bigint {
    const buf = new Uint8Array(32);
    expect('object_get_info', this.host.syscalls.zx_object_get_info(handle, INFO_HANDLE_BASIC, buf, 32, null, null), S.OK);
    return new DataView(buf.buffer).getBigUint64(0, true);
  }
}

function expect(what: string, got: number, want: number): void {
  if (got !== want) throw new Violation(`${what}: got ${got}, the model says ${want}`);
}
function expectList(what: string, got: bigint[], want: bigint[]): void {
  if (got.join() !== want.join()) throw new Violation(`${what}: [${got.join(', ')}], the model says [${want.join(', ')}]`);
}

/** Runs `commands` task commands in kernels of up to `perRun` commands; throws the shrunk failure. */
export function runTaskFuzz(commands: number, seed: number, perRun = 200): number {
  let total = 0;
  const property = fc.property(fc.array(taskCmd, { maxLength: perRun }), (cmds) => {
    const w = new TaskWorld();
    for (const c of cmds) {
      w.run(c);
      w.check();
      total++;
    }
  });
  for (let batch = 0; total < commands; batch++) {
    fc.assert(property, { seed: (seed + batch) | 0, numRuns: Math.max(1, Math.min(50, Math.ceil((commands - total) / (perRun / 2)))) });
  }
  return total;
}
