// What object_get_info and the name property read from jobs and processes: ZX_INFO_PROCESS,
// the koid lists of ZX_INFO_JOB_CHILDREN / ZX_INFO_JOB_PROCESSES, and ZX_PROP_NAME.
import { ZX_ERR_BUFFER_TOO_SMALL, ZX_ERR_WRONG_TYPE, ZX_INFO_JOB_CHILDREN, ZX_INFO_PROCESS, ZX_OK } from '../../generated/constants.js';
import { encode_zx_info_process_t, LAYOUTS } from '../../generated/structs.js';
import type { Box } from '../core-types.js';
import type { KernelObject } from '../kernel-object.js';
import { putU64 } from '../le.js';
import { JobObject } from '../objects/job.js';
import { ProcessObject } from '../objects/process-object.js';
import type { ObjectName } from '../objects/task-name.js';
import { singleRecord } from './object-info.js';

const KOID_SIZE = 8;

/** The name of a named object (jobs and processes here), or null. */
export function nameOf(obj: KernelObject): ObjectName | null {
  return obj instanceof JobObject || obj instanceof ProcessObject ? obj.name : null;
}

/** ZX_INFO_PROCESS, ZX_INFO_JOB_CHILDREN or ZX_INFO_JOB_PROCESSES of `obj` (rights and type checked). */
export function taskInfo(obj: KernelObject, topic: number, buffer: Uint8Array | null, bufferSize: number, actual: Box<number> | null, avail: Box<number> | null): number {
  if (topic === ZX_INFO_PROCESS) {
    if (!(obj instanceof ProcessObject)) return ZX_ERR_WRONG_TYPE;
    const out = singleRecord(buffer, bufferSize, LAYOUTS.lp64.zx_info_process_t.size, actual, avail);
    if (out === null) return ZX_ERR_BUFFER_TOO_SMALL;
    encode_zx_info_process_t({ return_code: obj.returnCode, started: obj.started, exited: obj.state === 'dead', debugger_attached: false }, out);
    return ZX_OK;
  }
  if (!(obj instanceof JobObject)) return ZX_ERR_WRONG_TYPE;
  const list = topic === ZX_INFO_JOB_CHILDREN ? obj.jobs : obj.processes;
  // The multi-record rule: as many koids as fit, all of them counted in avail, OK either way.
  const k = buffer === null ? 0 : Math.min(list.length, Math.floor(bufferSize / KOID_SIZE));
  for (let i = 0; i < k; i++) putU64(buffer!, i * KOID_SIZE, list[i]!.koid);
  if (actual !== null) actual.value = k;
  if (avail !== null) avail.value = list.length;
  return ZX_OK;
}
