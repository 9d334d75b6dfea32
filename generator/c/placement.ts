// Which <zircon/...> header holds each constant, typedef and struct: Zircon's own include tree
// (shared/spec/c-headers.md §1.2, §1.4). Decided by name, so a group added to types.yaml lands
// where a Zircon program looks for it without naming a header in the definitions.
import type { ConstantDef, StructDef, TypeDef } from '../model.js';

export const H = {
  compiler: 'zircon/compiler.h',
  errors: 'zircon/errors.h',
  limits: 'zircon/limits.h',
  rights: 'zircon/rights.h',
  types: 'zircon/types.h',
  time: 'zircon/time.h',
  status: 'zircon/status.h',
  assert: 'zircon/assert.h',
  syscalls: 'zircon/syscalls.h',
  definitions: 'zircon/syscalls/definitions.h',
  syscallTypes: 'zircon/syscalls/types.h',
  object: 'zircon/syscalls/object.h',
  port: 'zircon/syscalls/port.h',
  policy: 'zircon/syscalls/policy.h',
  resource: 'zircon/syscalls/resource.h',
  log: 'zircon/syscalls/log.h',
  process: 'zircon/process.h',
  processargs: 'zircon/processargs.h',
} as const;
export type Header = (typeof H)[keyof typeof H];

/** First match wins; a constant no rule names is a types.h constant, as most of Zircon's are. */
const CONSTANT_HOMES: readonly (readonly [RegExp, Header])[] = [
  [/^ZX_(OK$|ERR_)/, H.errors],
  [/^ZX_(RIGHT_|RIGHTS_|DEFAULT_\w+_RIGHTS$)/, H.rights],
  [/^ZX_PAGE_/, H.limits],
  [/^ZX_(INFO_|OBJ_PROP_|PROP_|THREAD_STATE_)/, H.object],
  [/^ZX_(PKT_|WAIT_ASYNC_|PORT_|PAGER_VMO_)/, H.port],
  [/^ZX_(JOB_POL_|POL_)/, H.policy],
  [/^ZX_RSRC_/, H.resource],
  [/^ZX_LOG_/, H.log],
  [/^(PA_|ZX_PROCARGS_)/, H.processargs],
];

const STRUCT_HOMES: readonly (readonly [RegExp, Header])[] = [
  [/^zx_info_/, H.object],
  [/^zx_(port_packet|packet_)/, H.port],
  [/^zx_policy_/, H.policy],
  [/^zx_log_record_t$/, H.log],
  [/^zx_proc_args_t$/, H.processargs],
];

const TYPE_HOMES: readonly (readonly [RegExp, Header])[] = [
  [/^zx_rights_t$/, H.rights],
  [/^zx_(object_info_topic|obj_props|thread_state|info_maps_type)_t$/, H.object],
  [/^zx_rsrc_(kind|flags)_t$/, H.resource],
];

const home = (rules: readonly (readonly [RegExp, Header])[], name: string, fallback: Header): Header =>
  rules.find(([re]) => re.test(name))?.[1] ?? fallback;

export function constantHeader(c: ConstantDef): Header {
  return home(CONSTANT_HOMES, c.name, c.constKind === 'status' ? H.errors : H.types);
}

export function structHeader(s: StructDef): Header {
  return home(STRUCT_HOMES, s.name, H.types);
}

/** Opaque types are forward declarations in syscalls/types.h, as Zircon declares its PCI and SMC structs. */
export function typedefHeader(t: TypeDef): Header {
  return t.kind === 'opaque' ? H.syscallTypes : home(TYPE_HOMES, t.name, H.types);
}

/** The names C and its standard headers already define: no typedef of ours. */
export const STANDARD_TYPES: ReadonlySet<string> = new Set([
  'void', 'any', 'bool', 'char', 'int', 'size_t', 'uintptr_t',
  'int8_t', 'int16_t', 'int32_t', 'int64_t', 'uint8_t', 'uint16_t', 'uint32_t', 'uint64_t',
]);

/** The headers `<zircon/syscalls.h>` includes (Zircon's, less pci.h and profile.h, which zxkit lacks). */
export const SYSCALLS_H_INCLUDES: readonly Header[] = [H.types, H.syscallTypes, H.object];
