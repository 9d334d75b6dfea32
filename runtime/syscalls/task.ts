// Task syscalls: process_create, process_exit, task_kill and object_get_child.
import {
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_BAD_STATE,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NO_MEMORY,
  ZX_ERR_NOT_FOUND,
  ZX_ERR_WRONG_TYPE,
  ZX_MAX_NAME_LEN,
  ZX_OBJ_TYPE_PROCESS,
  ZX_OK,
  ZX_RIGHT_MANAGE_PROCESS,
  ZX_RIGHT_SAME_RIGHTS,
} from '../../generated/constants.js';
import type { Handlers } from '../core-types.js';
import { JobObject } from '../objects/job.js';
import { ProcessObject } from '../objects/process-object.js';
import { VmarObject } from '../objects/vmar.js';
import { Process } from '../process.js';
import { lookupJob } from './task-lookup.js';
import { newHandle } from './util.js';

// zx_status_t zx_process_create: policy, name, job, in that order (options came first).
export const processCreate: Handlers['processCreate'] = (proc, job, name, nameSize, _options, procOut, vmarOut) => {
  if (!proc.mayCreate(ZX_OBJ_TYPE_PROCESS)) return ZX_ERR_ACCESS_DENIED;
  if (name === null) return ZX_ERR_INVALID_ARGS; // a null name faults even with a size of 0
  const parent = lookupJob(proc, job, ZX_RIGHT_MANAGE_PROCESS);
  if (typeof parent === 'number') return parent;
  if (!parent.ready) return ZX_ERR_BAD_STATE;
  const k = proc.kernel;
  if (k.arena.available < 2) return ZX_ERR_NO_MEMORY;
  const child = new Process(k, '', { testMode: proc.testMode }, { job: parent, started: false });
  child.object.name.set(name.subarray(0, Math.min(nameSize, ZX_MAX_NAME_LEN)));
  procOut.value = newHandle(k, child.object, ProcessObject.defaultRights);
  vmarOut.value = newHandle(k, new VmarObject(k), VmarObject.rootRights);
  return ZX_OK;
};

// void zx_process_exit
export const processExit: Handlers['processExit'] = (proc, retcode) => {
  proc.object.exit(retcode);
};

// zx_status_t zx_task_kill (DESTROY checked): jobs and processes; this kernel has no threads.
export const taskKill: Handlers['taskKill'] = (_proc, handle) => {
  const obj = handle.object;
  if (obj instanceof JobObject || obj instanceof ProcessObject) {
    obj.kill();
    return ZX_OK;
  }
  return ZX_ERR_WRONG_TYPE;
};

// zx_status_t zx_object_get_child (ENUMERATE checked): rights come from the parent's handle.
export const objectGetChild: Handlers['objectGetChild'] = (proc, handle, koid, rights, out) => {
  const r = rights === ZX_RIGHT_SAME_RIGHTS ? handle.rights : rights;
  if ((r & ~handle.rights) !== 0) return ZX_ERR_ACCESS_DENIED;
  const obj = handle.object;
  if (obj instanceof ProcessObject) return ZX_ERR_NOT_FOUND; // its children would be threads
  if (!(obj instanceof JobObject)) return ZX_ERR_WRONG_TYPE;
  const child = koid <= BigInt(Number.MAX_SAFE_INTEGER) ? obj.child(Number(koid)) : undefined;
  if (child === undefined) return ZX_ERR_NOT_FOUND;
  const h = proc.kernel.arena.alloc(child, r);
  if (h === null) return ZX_ERR_NO_MEMORY;
  out.value = h;
  return ZX_OK;
};
