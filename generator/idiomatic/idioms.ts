// Idioms: syscalls whose useful TypeScript shape is not the generic one (reads that size their
// own buffers, typed handles out of a channel, info records, port packets). Each idiom names
// the exact C parameter list it was written for; when a definition changes shape the idiom no
// longer applies and the syscall falls back to its generic method, so the layer never calls a
// stub with a stale argument list (and tsc checks every call against the stubs anyway).
import type { Model, SyscallDef } from '../model.js';
import { handleCloseMany, objectGetInfo, objectWaitMany } from './handle-idioms.js';
import { fifoCreate, fifoRead, fifoWrite, vmoOpRange } from './fifo-vmo-idioms.js';
import type { Idiom } from './idiom.js';
import { channelCall, channelRead, channelReadEtc, socketRead } from './io-idioms.js';
import { debuglogRead, debuglogWrite } from './log-idioms.js';
import { portQueue, portWait } from './port-idioms.js';
import { jobSetPolicy, objectGetChild, processCreate } from './task-idioms.js';
import { linked } from '../query.js';

export { composedDoc, type Idiom } from './idiom.js';
export { packetPayloads } from './port-idioms.js';

/** Every idiom, by the syscall it shapes. */
export const IDIOMS: Readonly<Record<string, Idiom>> = {
  socket_read: socketRead,
  channel_read: channelRead,
  channel_read_etc: channelReadEtc,
  channel_call: channelCall,
  object_get_info: objectGetInfo,
  handle_close_many: handleCloseMany,
  object_wait_many: objectWaitMany,
  port_queue: portQueue,
  port_wait: portWait,
  fifo_create: fifoCreate,
  fifo_write: fifoWrite,
  fifo_read: fifoRead,
  vmo_op_range: vmoOpRange,
  debuglog_write: debuglogWrite,
  debuglog_read: debuglogRead,
  process_create: processCreate,
  object_get_child: objectGetChild,
  job_set_policy: jobSetPolicy,
};

/** The idiom of a syscall, when the definition still has the shape the idiom was written for. */
export function idiomFor(model: Model, sc: SyscallDef): Idiom | undefined {
  const idiom = IDIOMS[sc.name];
  if (!idiom) return undefined;
  const names = sc.params.map((p) => p.name);
  if (names.length !== idiom.params.length || names.some((n, i) => n !== idiom.params[i])) return undefined;
  const l = linked(model);
  if (!(idiom.constants ?? []).every((c) => l.constants.has(c))) return undefined;
  if (!(idiom.structs ?? []).every((s) => l.structs.has(s))) return undefined;
  return idiom;
}
