// What generated/wrappers.ts imports instead of carrying code in strings: the argument shape
// tests, the release of consumed handles, and the small interpreter that runs the checks of
// the syscalls the kernel core does not implement from a descriptor table. It knows nothing of
// any one syscall: the generator lowers each into a plan (generator/plan.ts), prints the
// implemented ones as code and the others as descriptors for `tableSyscalls`.

/** What the wrappers need from the calling process's handle table (generated/binding.ts's ProcessAbi). */
export interface HandleTable<H> {
  lookup(value: number): H | null;
  take(value: number): H | null;
  close(handle: H): void;
}

/** What the wrappers read of a handle record. */
export interface HandleRecord {
  readonly rights: number;
  readonly object: { readonly type: number };
}

// Shape tests: plain functions so the JIT inlines them on the hot path.
export const isU32 = (v: unknown): v is number => typeof v === 'number' && v >>> 0 === v;
export const isI32 = (v: unknown): v is number => typeof v === 'number' && (v | 0) === v;
export const isUint = (v: unknown, bits: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** bits;
export const isInt = (v: unknown, bits: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** (bits - 1)) && v < 2 ** (bits - 1);
export const isSize = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const U64_MAX = 0xffffffffffffffffn;
const I64_MIN = -0x8000000000000000n;
const I64_MAX = 0x7fffffffffffffffn;
export const isU64 = (v: unknown): v is bigint => typeof v === 'bigint' && v >= 0n && v <= U64_MAX;
export const isI64 = (v: unknown): v is bigint => typeof v === 'bigint' && v >= I64_MIN && v <= I64_MAX;
export const isBox = (v: unknown): boolean => typeof v === 'object' && v !== null;
export const isObj = isBox;
/** A byte buffer of at least n bytes; null stands for "no buffer" and needs n === 0. */
export const isBytes = (b: unknown, n: unknown): boolean => (b === null ? n === 0 : b instanceof Uint8Array && typeof n === 'number' && b.length >= n);
export const isHandles = (a: unknown, n: unknown): boolean => {
  if (a === null) return n === 0;
  if (typeof n !== 'number') return false;
  if (a instanceof Uint32Array) return a.length >= n;
  if (!Array.isArray(a) || a.length < n) return false;
  for (let i = 0; i < n; i++) if (!isU32(a[i])) return false;
  return true;
};
export const isHandlesOut = (a: unknown, n: unknown): boolean =>
  a === null ? n === 0 : typeof n === 'number' && (a instanceof Uint32Array || Array.isArray(a)) && a.length >= n;
export const isArrayOf = (a: unknown, n: unknown, each: (v: unknown) => boolean): boolean => {
  if (a === null) return n === 0;
  if (typeof n !== 'number' || !Array.isArray(a) || a.length < n) return false;
  for (let i = 0; i < n; i++) if (!each(a[i])) return false;
  return true;
};

/** Close a consumed handle value if it is live. */
export const consumeOne = <H>(abi: HandleTable<H>, v: unknown): void => {
  if (!isU32(v) || v === 0) return;
  const h = abi.take(v);
  if (h !== null) abi.close(h);
};
export const consumeMany = <H>(abi: HandleTable<H>, a: ArrayLike<number> | null, n: number): void => {
  if (a === null) return;
  for (let i = 0; i < n; i++) consumeOne(abi, a[i]);
};

// ---- the descriptor table of the syscalls the core does not implement ---------------

export type Scalar = 'u8' | 'u16' | 'u32' | 'i8' | 'i16' | 'i32' | 'u64' | 'i64' | 'size' | 'bool';

/** An argument by position, or a field of a struct argument. */
export type Ref = number | readonly [number, string];

/** An element count: a literal, or the product of arguments. */
export type Count = number | readonly Ref[];

export type Shape =
  | { readonly is: 'scalar'; readonly scalar: Scalar }
  | { readonly is: 'struct'; readonly test: (v: unknown) => boolean; readonly nullable: boolean }
  | { readonly is: 'box'; readonly optional: boolean }
  | { readonly is: 'object' }
  | { readonly is: 'bytes'; readonly count: Count }
  | { readonly is: 'handles'; readonly count: Count; readonly out: boolean }
  | { readonly is: 'array'; readonly count: Count; readonly each: Scalar | 'object' | 'any' | ((v: unknown) => boolean) };

/** A consumed argument to release on failure: still raw in the table, or already taken. */
export interface Release {
  readonly arg: number;
  readonly taken: boolean;
}

export type When = { readonly arg: number; readonly is: number | bigint } | { readonly arg: number; readonly has: number | bigint };

interface Fails {
  readonly status: number;
  readonly release?: readonly Release[];
}

export type Op =
  | ({ readonly op: 'shape'; readonly arg: number; readonly shape: Shape } & Fails)
  | ({ readonly op: 'check'; readonly arg: Ref; readonly test: 'allowed' | 'one_of' | 'max' | 'min' | 'not_null'; readonly values: readonly (number | bigint)[] } & Fails)
  | ({ readonly op: 'lookup'; readonly arg: number; readonly take: boolean; readonly invalidOk: boolean } & Fails)
  | ({ readonly op: 'rights'; readonly arg: number; readonly mask: number; readonly when?: When } & Fails)
  | ({ readonly op: 'type'; readonly arg: number; readonly types: readonly number[]; readonly when?: When } & Fails)
  /** The end of every descriptor: the call fails here once every check has passed. */
  | ({ readonly op: 'fail' } & Fails);

/** How a syscall returns its status: as is, as a bigint (a time), thrown (void), or as a promise (blocking). */
export type Returns = 'status' | 'bigint' | 'void' | 'promise';

export interface Descriptor {
  readonly returns: Returns;
  readonly ops: readonly Op[];
}

const SCALARS: Readonly<Record<Scalar, (v: unknown) => boolean>> = {
  u8: (v) => isUint(v, 8),
  u16: (v) => isUint(v, 16),
  u32: isU32,
  i8: (v) => isInt(v, 8),
  i16: (v) => isInt(v, 16),
  i32: isI32,
  u64: isU64,
  i64: isI64,
  size: isSize,
  bool: (v) => typeof v === 'boolean',
};

function read(args: readonly unknown[], ref: Ref): unknown {
  if (typeof ref === 'number') return args[ref];
  const o = args[ref[0]] as Record<string, unknown> | null;
  return o?.[ref[1]];
}

function count(args: readonly unknown[], c: Count): unknown {
  if (typeof c === 'number') return c;
  let n = 1;
  for (const r of c) {
    const v = read(args, r);
    if (typeof v !== 'number') return v;
    n *= v;
  }
  return n;
}

function shapeOk(s: Shape, v: unknown, args: readonly unknown[]): boolean {
  switch (s.is) {
    case 'scalar': return SCALARS[s.scalar](v);
    case 'struct': return (s.nullable && v === null) || s.test(v);
    case 'box': return (s.optional && v === null) || isBox(v);
    case 'object': return isObj(v);
    case 'bytes': return isBytes(v, count(args, s.count));
    case 'handles': return s.out ? isHandlesOut(v, count(args, s.count)) : isHandles(v, count(args, s.count));
    case 'array': {
      const e = s.each;
      const each = typeof e === 'function' ? e : e === 'object' ? isObj : e === 'any' ? () => true : SCALARS[e];
      return isArrayOf(v, count(args, s.count), each);
    }
  }
}

function checkOk(test: Extract<Op, { op: 'check' }>['test'], x: unknown, values: readonly (number | bigint)[]): boolean {
  // The argument's shape has passed by now, so it is a number or bigint of its C type.
  const n = x as number;
  switch (test) {
    case 'allowed': return (n & ~values.reduce<number>((a, v) => a | Number(v), 0)) === 0;
    case 'one_of': return values.includes(n);
    case 'max': return !(n > values[0]!);
    case 'min': return !(n < values[0]!);
    case 'not_null': return x !== null;
  }
}

function applies(when: When | undefined, args: readonly unknown[]): boolean {
  if (when === undefined) return true;
  const v = args[when.arg] as number;
  return 'is' in when ? v === when.is : (v & Number(when.has)) !== 0;
}

/** Runs `ops` over one call's arguments and returns the status of the first that fails. */
export function runChecks<H extends HandleRecord>(abi: HandleTable<H>, ops: readonly Op[], args: readonly unknown[]): number {
  const held: (H | null)[] = [];
  for (const o of ops) {
    let ok: boolean;
    switch (o.op) {
      case 'shape': ok = shapeOk(o.shape, args[o.arg], args); break;
      case 'check': ok = checkOk(o.test, read(args, o.arg), o.values); break;
      case 'lookup': {
        const v = args[o.arg] as number;
        if (o.invalidOk && v === 0) { held[o.arg] = null; ok = true; break; }
        const h = o.take ? abi.take(v) : abi.lookup(v);
        held[o.arg] = h;
        ok = h !== null;
        break;
      }
      case 'rights': {
        const h = held[o.arg];
        ok = h == null || !applies(o.when, args) || (~h.rights & o.mask) === 0;
        break;
      }
      case 'type': {
        const h = held[o.arg];
        ok = h == null || !applies(o.when, args) || o.types.includes(h.object.type);
        break;
      }
      case 'fail': ok = false; break;
    }
    if (ok) continue;
    for (const r of o.release ?? []) {
      const h = held[r.arg];
      if (!r.taken) consumeOne(abi, args[r.arg]);
      else if (h != null) abi.close(h);
    }
    return o.status;
  }
  throw new Error('runChecks: a descriptor must end with a fail op');
}

/** The syscalls of `table`, each running its checks and answering with the status it stops at. */
export function tableSyscalls<H extends HandleRecord, K extends string>(
  abi: HandleTable<H>,
  table: Readonly<Record<K, Descriptor>>,
  failVoid: (name: K, status: number) => never,
): Record<K, (...args: unknown[]) => unknown> {
  const out = {} as Record<K, (...args: unknown[]) => unknown>;
  for (const name of Object.keys(table) as K[]) {
    const { returns, ops } = table[name];
    const run = (args: unknown[]) => runChecks(abi, ops, args);
    switch (returns) {
      case 'status': out[name] = (...args) => run(args); break;
      case 'bigint': out[name] = (...args) => BigInt(run(args)); break;
      case 'promise': out[name] = (...args) => Promise.resolve(run(args)); break;
      case 'void': out[name] = (...args) => failVoid(name, run(args)); break;
    }
  }
  return out;
}

// ---- test mode and status reporting ---------------------------------------------------

export interface InstrumentOptions<K extends string> {
  /** Throw when a syscall returns a status its definition does not document. */
  readonly testMode?: boolean;
  /** Called with every status returned, e.g. to measure error coverage. */
  readonly onStatus?: (syscall: K, status: number) => void;
}

/** What `instrument` checks against: the generated tables of one ABI. */
export interface StatusTables<K extends string> {
  /** The statuses each syscall documents. */
  readonly documented: Readonly<Record<K, readonly number[]>>;
  /** The syscalls that return a status (the others, returning a time say, pass through). */
  readonly statusReturning: ReadonlySet<string>;
  /** Status names for messages. */
  readonly names: Readonly<Record<number, string>>;
}

/** Wraps every syscall to report its statuses and, in test mode, reject undocumented ones. */
export function instrument<S extends object>(syscalls: S, options: InstrumentOptions<keyof S & string>, tables: StatusTables<keyof S & string>): S {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(syscalls) as (keyof S & string)[]) {
    const fn = syscalls[name] as (...args: unknown[]) => number | Promise<number>;
    const allowed = tables.documented[name];
    const seen = (st: number): number => {
      options.onStatus?.(name, st);
      if (options.testMode && !allowed.includes(st)) {
        throw new Error(`${name} returned ${tables.names[st] ?? st}, which its definition does not document`);
      }
      return st;
    };
    if (!tables.statusReturning.has(name)) {
      // No status to return (void, or a value): a normal return counts as ZX_OK (0) for the
      // report, and an argument refused by the wrapper throws a VoidFailure carrying its status.
      out[name] = options.onStatus === undefined ? fn : (...args: unknown[]) => {
        try {
          const r = fn(...args);
          options.onStatus!(name, 0);
          return r;
        } catch (e) {
          if (e instanceof VoidFailure) options.onStatus!(name, e.status);
          throw e;
        }
      };
      continue;
    }
    out[name] = (...args: unknown[]) => {
      const r = fn(...args);
      return typeof r === 'number' ? seen(r) : r.then(seen);
    };
  }
  return out as S;
}

/** The failure of a void syscall, which has no status to return: it throws, naming the status. */
/** What a syscall without a status return throws when its wrapper refuses an argument. */
export class VoidFailure extends Error {
  constructor(
    message: string,
    /** The status a status-returning syscall would have returned. */
    readonly status: number,
  ) {
    super(message);
  }
}

export function voidFailure(names: Readonly<Record<number, string>>): (name: string, status: number) => never {
  return (name, status) => {
    throw new VoidFailure(`${name} failed with ${names[status] ?? status}`, status);
  };
}
