// Public entry point of the in-process kernel core.
export { Kernel, type KernelStats } from './kernel.js';
export { Process, type ProcessOptions, type Syscalls } from './process.js';
export { Handle, type TypedHandle } from './handle.js';
export { KernelObject, PeeredObject } from './kernel-object.js';
export { SocketObject } from './objects/socket.js';
export { ChannelObject } from './objects/channel.js';
export { EventObject } from './objects/event.js';
export { EventPairObject } from './objects/event-pair.js';
export { PortObject } from './objects/port.js';
export { core } from './core.js';
export type { Core } from './core-types.js';
