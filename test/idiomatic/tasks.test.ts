// The idiomatic Job and Process classes: create, getChild by koid, kill(), `await process.exited`.
import { expect, it } from 'vitest';
import { Handle, Job, Process } from '../../generated/zx.js';
import { Kernel } from '../../runtime/kernel.js';

it('a job, a process in it, getChild, kill, and exited with the return code', async () => {
  const kernel = new Kernel({ testMode: true });
  const host = kernel.createProcess('host');
  const root = Handle.fromRaw(host, host.job);
  expect(root).toBeInstanceOf(Job);
  const job = Job.create(host, root as Job);
  const [proc, vmar] = Process.create(host, job, 'worker');
  expect(vmar.constructor).toBe(Handle);
  const koid = proc.info().koid;
  const again = job.getChild(koid);
  expect(again).toBeInstanceOf(Process);
  expect(again.info().koid).toBe(koid);
  const exited = proc.exited;
  proc.kill();
  expect(await exited).toBe(-1n);
  expect(await (again as Process).exited).toBe(-1n); // already dead: settles at once
  expect(() => job.getChild(koid)).toThrow(/ZX_ERR_NOT_FOUND/); // dead children are gone
});

it('a host process seen through its own process.self: exit records the code', async () => {
  const kernel = new Kernel({ testMode: true });
  const watcher = kernel.createProcess('watcher');
  const worker = kernel.createProcess('worker');
  const child = (Handle.fromRaw(watcher, watcher.job) as Job).getChild(BigInt(worker.koid)) as Process;
  const exited = child.exited;
  worker.syscalls.zx_process_exit(3n);
  expect(await exited).toBe(3n);
});

it("'zxkit' exports the idiomatic Process and Job classes, and the host's process as the type KernelProcess", async () => {
  const zxkit = await import('zxkit');
  expect(zxkit.Process).toBe(Process);
  expect(zxkit.Job).toBe(Job);
  const host: import('zxkit').KernelProcess = new zxkit.Kernel({ testMode: true }).createProcess('host');
  const job = zxkit.Handle.fromRaw(host, host.job) as Job;
  const [proc] = zxkit.Process.create(host, job, 'child');
  expect(proc).toBeInstanceOf(Process);
  proc.kill();
  expect(await proc.exited).toBe(-1n);
});
