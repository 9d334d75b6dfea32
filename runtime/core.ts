// The SyscallHandlers object the generated wrappers call: one thin function per syscall,
// grouped by family under syscalls/.
import type { SyscallHandlers } from '../generated/binding.js';
import type { Core } from './core-types.js';
import { channelCall, channelCreate, channelRead, channelReadEtc, channelWrite } from './syscalls/channel.js';
import { objectGetCookie, objectSetCookie } from './syscalls/cookie.js';
import { eventCreate, eventpairCreate } from './syscalls/event.js';
import { fifoCreate, fifoRead, fifoWrite } from './syscalls/fifo.js';
import { handleClose, handleCloseMany, handleDuplicate, handleReplace } from './syscalls/handle.js';
import { objectGetInfo, objectGetProperty, objectSetProperty } from './syscalls/object-info.js';
import { objectSignal, objectSignalPeer, objectWaitAsync, objectWaitMany, objectWaitOne } from './syscalls/object.js';
import { jobCreate, jobSetPolicy } from './syscalls/job.js';
import { portCancel, portCreate, portQueue, portWait } from './syscalls/port.js';
import { socketAccept, socketCreate, socketRead, socketShare, socketShutdown, socketWrite } from './syscalls/socket.js';
import { vmoClone, vmoCreate, vmoGetSize, vmoOpRange, vmoRead, vmoReplaceAsExecutable, vmoSetCachePolicy, vmoSetSize, vmoWrite } from './syscalls/vmo.js';
import { objectGetChild, processCreate, processExit, taskKill } from './syscalls/task.js';
import { clockGet, clockGetMonotonic, clockGetNew, deadlineAfter, nanosleep, ticksGet, ticksPerSecond } from './syscalls/time.js';
import { systemGetDcacheLineSize, systemGetFeatures, systemGetNumCpus, systemGetPhysmem, systemGetVersion } from './syscalls/system.js';
import { cprngAddEntropy, cprngDraw } from './syscalls/cprng.js';
import { timerCancel, timerCreate, timerSet } from './syscalls/timer.js';
import { debuglogCreate, debuglogRead, debuglogWrite } from './syscalls/debuglog.js';

/** zxkit's own kernel core: the handlers of the Zircon syscalls it implements. */
export const core: SyscallHandlers<Core> = {
  socketCreate,
  socketWrite,
  socketRead,
  socketShare,
  socketAccept,
  socketShutdown,
  handleClose,
  handleCloseMany,
  handleDuplicate,
  handleReplace,
  objectWaitOne,
  objectWaitMany,
  objectWaitAsync,
  objectSignal,
  objectSignalPeer,
  objectGetInfo,
  objectGetProperty,
  objectSetProperty,
  channelCreate,
  channelWrite,
  channelRead,
  channelReadEtc,
  channelCall,
  eventCreate,
  eventpairCreate,
  portCreate,
  portQueue,
  portWait,
  portCancel,
  fifoCreate,
  fifoWrite,
  fifoRead,
  vmoCreate,
  vmoRead,
  vmoWrite,
  vmoGetSize,
  vmoSetSize,
  vmoOpRange,
  vmoClone,
  vmoReplaceAsExecutable,
  vmoSetCachePolicy,
  jobCreate,
  jobSetPolicy,
  processCreate,
  processExit,
  taskKill,
  objectGetChild,
  objectSetCookie,
  objectGetCookie,
  clockGet,
  clockGetNew,
  clockGetMonotonic,
  ticksGet,
  ticksPerSecond,
  deadlineAfter,
  nanosleep,
  systemGetNumCpus,
  systemGetVersion,
  systemGetPhysmem,
  systemGetFeatures,
  systemGetDcacheLineSize,
  cprngDraw,
  cprngAddEntropy,
  timerCreate,
  timerSet,
  timerCancel,
  debuglogCreate,
  debuglogWrite,
  debuglogRead,
};
