import { setDefaultProcess } from './generated/zx.js';
import { Kernel } from './runtime/kernel.js';
// zxkit's public module: the kernel core, every constant by its Zircon name, and the
// generated C types and syscall interface.
export * from './generated/constants.js';
export type * from './generated/types.js';
export type { Syscalls } from './generated/stubs.js';
export { DOCUMENTED_STATUSES } from './generated/wrappers.js';
export * from './generated/zx.js';
export { Kernel } from './runtime/kernel.js';
export type { KernelSnapshot, SyscallEvent } from './runtime/index.js';

// The idiomatic layer's current process, until useProcess() picks another: one process of a
// kernel made on first use, so `Socket.create(options)` works out of the box.
setDefaultProcess(() => new Kernel().createProcess('main'));
// `Process` is the idiomatic class of process handles (generated/zx.js, like Job, Vmo and the
// rest); the host's process, what `kernel.createProcess` returns, is `KernelProcess` here and
// `Process` in 'zxkit/runtime'.
export type { Process as KernelProcess } from './runtime/process.js';
