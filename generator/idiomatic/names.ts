// Names of the idiomatic layer (generated/zx.ts), decided here and nowhere else: class names
// from object types, method names from syscall names, option flags from constant names.
import type { SyscallDef } from '../model.js';
import { objTypeKey } from '../names.js';

/** Output path of the idiomatic layer, relative to generated/. */
export const ZX_PATH = 'zx.ts';

/** Object types whose constant hides a word boundary (ZX_OBJ_TYPE_EVENTPAIR -> EventPair). */
const CLASS_WORDS: Readonly<Record<string, string>> = {
  eventpair: 'EventPair',
  log: 'DebugLog',
  pci_device: 'PciDevice',
  suspend_token: 'SuspendToken',
};

export function camel(snake: string): string {
  return snake.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function pascal(snake: string): string {
  const c = camel(snake);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

/** ZX_OBJ_TYPE_SOCKET -> Socket; ZX_OBJ_TYPE_EVENTPAIR -> EventPair. */
export function className(objType: string): string {
  const key = objTypeKey(objType);
  return CLASS_WORDS[key] ?? pascal(key);
}

/**
 * The method a syscall becomes on its class: the family words come off the front
 * (socket_write -> write, channel_read_etc -> readEtc, object_wait_async -> waitAsync,
 * handle_duplicate -> duplicate). `prefix` is the object key for class methods.
 */
export function methodName(sc: SyscallDef, prefix: string): string {
  for (const p of [prefix, sc.family, 'object', 'handle']) {
    if (sc.name.startsWith(`${p}_`) && sc.name.length > p.length + 1) return camel(sc.name.slice(p.length + 1));
  }
  return camel(sc.name);
}

/**
 * An option flag's property name: the leading words it shares with the syscall's name go
 * (ZX_SOCKET_HAS_CONTROL on socket_create -> hasControl, ZX_WAIT_ASYNC_REPEATING on
 * object_wait_async -> repeating, ZX_SOCKET_SHUTDOWN_READ on socket_shutdown -> read).
 */
export function flagName(constant: string, sc: SyscallDef): string {
  const own = new Set([...sc.name.split('_'), sc.family].map((w) => w.toUpperCase()));
  const words = constant.replace(/^ZX_/, '').split('_');
  let i = 0;
  while (i < words.length - 1 && own.has(words[i])) i++;
  return camel(words.slice(i).join('_'));
}

/** The options interface of a method: SocketWriteOptions, WaitAsyncOptions (Handle's own). */
export function optionsTypeName(cls: string, method: string): string {
  return `${cls === 'Handle' ? '' : cls}${method.charAt(0).toUpperCase()}${method.slice(1)}Options`;
}
