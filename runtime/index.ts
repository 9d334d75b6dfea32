// zxkit/runtime: the in-process kernel core, exported for cores of other ABIs. Everything a
// core needs to add an object type and its syscall handlers is here; nothing else is public.
export { Kernel, type KernelOptions, type KernelStats } from './kernel.js';
export { Process, type ProcessOptions, type Syscalls } from './process.js';
export type { AbiFactory, AbiOptions, CoreOf } from './abi.js';
export { Handle, IN_TRANSIT, type HandleOwner, type TypedHandle } from './handle.js';
export { HandleArena } from './handle-arena.js';
export { HandleTable } from './handle-table.js';
export { KernelObject, PeeredObject } from './kernel-object.js';
export { HANDLED, NEED_REMOVAL, SignalObserver } from './observer.js';
export { waitMany, waitOne } from './wait.js';
export type { Clock } from './deadline.js';
export { resolved } from './resolved.js';
export { derivedRights, hasRights } from './rights.js';
export { handOutPair, mayCreate, newHandle } from './syscalls/util.js';
export { SocketObject } from './objects/socket.js';
export { ChannelObject } from './objects/channel.js';
export { EventObject } from './objects/event.js';
export { EventPairObject } from './objects/event-pair.js';
export { PortObject } from './objects/port.js';
export { JobObject } from './objects/job.js';
export { ProcessObject, type ProcessState } from './objects/process-object.js';
export { VmarObject } from './objects/vmar.js';
export { core } from './core.js';
export type { Box, Core } from './core-types.js';
