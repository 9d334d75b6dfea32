// How a core of another ABI plugs into this runtime: its generated `createSyscalls` and its
// handlers are bound to an existing process (Process.bind), so both syscall surfaces share one
// handle table and the built-in waits and ports see the new object types.
import type { Handle } from './handle.js';
import type { HandleTable } from './handle-table.js';
import type { Process } from './process.js';

/**
 * Options every generated `createSyscalls` accepts. `Process.bind` fills in `testMode` from the
 * process; an ABI's own `SyscallOptions` may add more (its `onStatus` hook, for example).
 */
export interface AbiOptions {
  /** Throw when a syscall returns a status its definition does not document. */
  readonly testMode?: boolean;
}

/**
 * The shape of a generated `createSyscalls` (from any defs folder's `generated/wrappers.ts`),
 * as `Process.bind` calls it: the process, its handle table, the ABI's handlers, the options.
 * `C` is the handlers object (`SyscallHandlers<YourCore>`), `S` the ABI's `Syscalls`.
 */
export type AbiFactory<C, S, O extends AbiOptions> = (proc: Process, abi: HandleTable, core: C, options: O) => S;

/**
 * The CoreTypes of an ABI served by this runtime. `Base` is the ABI's generated `CoreTypes`
 * (from its `generated/binding.ts`); `Own` gives the handle type of the object types whose
 * handlers want their object narrowed (`{ counter: TypedHandle<CounterObject> }`). Every other
 * object type gets a plain {@link Handle}.
 *
 * @example
 * ```ts
 * import type { CoreTypes, SyscallHandlers } from '../generated/binding.js';
 * type CounterCore = CoreOf<CoreTypes, { counter: TypedHandle<CounterObject> }>;
 * export const core: SyscallHandlers<CounterCore> = { counterCreate, counterAdd };
 * ```
 */
export type CoreOf<Base extends { typed: object }, Own extends { [K in keyof Own]: K extends keyof Base['typed'] ? Handle : never } = Record<never, never>> = {
  process: Process;
  handle: Handle;
  typed: { [K in keyof Base['typed']]: K extends keyof Own ? Own[K] : Handle };
};
