// zxkit's public module: the kernel core, every constant by its Zircon name, and the
// generated C types and syscall interface.
export * from './generated/constants.js';
export type * from './generated/types.js';
export type { Syscalls } from './generated/stubs.js';
export { DOCUMENTED_STATUSES } from './generated/wrappers.js';
export * from './generated/zx.js';
export { Kernel } from './runtime/kernel.js';
export type { Process } from './runtime/process.js';
