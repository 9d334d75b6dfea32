// The startup-handle contract (issue 14): every process the host makes starts with its own
// process object (process.self) and its job (process.job) in its table, counted by stats();
// `createProcess(name, { parent, job })` puts the process in that job, else in the root job.
import { describe, expect, it } from 'vitest';
import {
  Kernel, ZX_DEFAULT_JOB_RIGHTS, ZX_DEFAULT_PROCESS_RIGHTS, ZX_ERR_BAD_HANDLE, ZX_OBJ_TYPE_JOB, ZX_OBJ_TYPE_PROCESS,
  ZX_OK, ZX_RIGHT_INSPECT,
} from '../../index.js';
import { box, handleBasic } from './helpers.js';

describe('startup handles', () => {
  it('process.self is the process object and process.job its job, with the default rights', () => {
    const kernel = new Kernel();
    const p = kernel.createProcess('app');
    const self = handleBasic(p.syscalls, p.self);
    expect(self).toMatchObject({ type: ZX_OBJ_TYPE_PROCESS, rights: ZX_DEFAULT_PROCESS_RIGHTS, koid: BigInt(p.koid) });
    const job = handleBasic(p.syscalls, p.job);
    expect(job).toMatchObject({ type: ZX_OBJ_TYPE_JOB, rights: ZX_DEFAULT_JOB_RIGHTS, koid: BigInt(kernel.rootJob.koid) });
    expect(self.related_koid).toBe(job.koid); // a process's related koid is its job
    expect(job.related_koid).toBe(0n); // the root job has no parent
    expect(p.table.count).toBe(2);
  });

  it('stats() counts the startup handles and the process object like any others', () => {
    const kernel = new Kernel();
    expect(kernel.stats()).toEqual({ objects: 1, handles: 0, userPackets: 0 }); // the root job
    kernel.createProcess('a');
    expect(kernel.stats()).toEqual({ objects: 2, handles: 2, userPackets: 0 });
    kernel.createProcess('b');
    expect(kernel.stats()).toEqual({ objects: 3, handles: 4, userPackets: 0 });
  });

  it('the startup handles are ordinary handles: per-process values, closable', () => {
    const kernel = new Kernel();
    const a = kernel.createProcess('a'), b = kernel.createProcess('b');
    expect(b.syscalls.zx_handle_close(a.self)).toBe(ZX_ERR_BAD_HANDLE);
    expect(a.syscalls.zx_handle_close(a.job)).toBe(ZX_OK);
    expect(a.syscalls.zx_handle_close(a.self)).toBe(ZX_OK); // a running process keeps running
    expect(kernel.stats()).toEqual({ objects: 3, handles: 2, userPackets: 0 });
    expect(a.syscalls.zx_event_create(0, box(0))).toBe(ZX_OK);
  });

  it('createProcess(name, { parent, job }) puts the process in the job the handle names', () => {
    const kernel = new Kernel();
    const parent = kernel.createProcess('parent');
    const child = kernel.createProcess('child', { parent, job: parent.job });
    expect(handleBasic(child.syscalls, child.job).koid).toBe(BigInt(kernel.rootJob.koid));
    expect(() => kernel.createProcess('x', { parent, job: parent.self })).toThrow(/not a job handle/);
    expect(() => kernel.createProcess('x', { parent, job: 0x1234 })).toThrow(/not a live handle/);
    expect(() => kernel.createProcess('x', { job: parent.job })).toThrow(/go together/);
    const weak = box(0);
    expect(parent.syscalls.zx_handle_duplicate(parent.job, ZX_RIGHT_INSPECT, weak)).toBe(ZX_OK);
    expect(() => kernel.createProcess('x', { parent, job: weak.value })).toThrow(/MANAGE_PROCESS/);
    expect(() => kernel.createProcess('x', { parent: new Kernel().createProcess('y'), job: 1 })).toThrow(/another Kernel/);
  });
});
