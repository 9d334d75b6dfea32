// The names the inspector shows for numbers, taken from the model's JSON form
// (generated/definitions.json): rights, object types, each type's signals, and each syscall's
// parameter names. The page gets them as /names.json; the kernel's snapshot stays numeric.

/** Single-bit constants as [bit, short name], in definition order. */
export type BitNames = readonly (readonly [number, string])[];

export interface PlaygroundNames {
  /** ZX_RIGHT_READ -> READ. */
  readonly rights: BitNames;
  /** ZX_OBJ_TYPE_SOCKET (14) -> socket. */
  readonly types: Readonly<Record<number, string>>;
  /** Signals every object has (the user signals, HANDLE_CLOSED). */
  readonly genericSignals: BitNames;
  /** Each object type's own signals, by ZX_OBJ_TYPE_* value. */
  readonly signals: Readonly<Record<number, BitNames>>;
  /** Parameter names of each public syscall, by C name. */
  readonly params: Readonly<Record<string, readonly string[]>>;
}

interface DefinitionsJson {
  readonly constants: readonly { readonly name: string; readonly group: string; readonly value: number | string }[];
  readonly syscalls: readonly { readonly name: string; readonly params: readonly { readonly name: string }[]; readonly attributes: readonly string[] }[];
}

const isBit = (v: unknown): v is number => typeof v === 'number' && v > 0 && (v & (v - 1)) === 0 && v <= 0x80000000;

function bits(defs: DefinitionsJson, group: string, prefix: string, skip: readonly string[] = []): BitNames {
  return defs.constants
    .filter((c) => c.group === group && isBit(c.value) && !skip.includes(c.name))
    .map((c) => [c.value as number, c.name.startsWith(prefix) ? c.name.slice(prefix.length) : c.name] as const);
}

/** The inspector's name tables from the parsed definitions.json. */
export function playgroundNames(defs: DefinitionsJson): PlaygroundNames {
  const types: Record<number, string> = {};
  const signals: Record<number, BitNames> = {};
  for (const c of defs.constants) {
    if (c.group !== 'obj_types' || typeof c.value !== 'number' || c.value === 0 || c.name === 'ZX_OBJ_TYPE_LAST') continue;
    const key = c.name.slice('ZX_OBJ_TYPE_'.length);
    types[c.value] = key.toLowerCase();
    const own = bits(defs, `${key.toLowerCase()}_signals`, `ZX_${key}_`);
    if (own.length > 0) signals[c.value] = own;
  }
  const params: Record<string, readonly string[]> = {};
  for (const s of defs.syscalls) if (!s.attributes.includes('internal')) params[`zx_${s.name}`] = s.params.map((p) => p.name);
  return {
    rights: bits(defs, 'rights', 'ZX_RIGHT_', ['ZX_RIGHT_SAME_RIGHTS']),
    types,
    genericSignals: bits(defs, 'signals', 'ZX_', ['ZX_OBJECT_READABLE', 'ZX_OBJECT_WRITABLE', 'ZX_OBJECT_PEER_CLOSED', 'ZX_OBJECT_SIGNALED']),
    signals,
    params,
  };
}
