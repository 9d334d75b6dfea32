// The typed model every backend reads. It is plain data (JSON-serialisable but for
// bigint constant values), built once by `build-model.ts` from validated definitions,
// and written verbatim to generated/definitions.json. Backends never see YAML.

export const FORMAT_VERSION = 2;

/** Where a definition came from. Diagnostics print all of it; generated output names only the
 *  file (names.ts defsFile), so that output does not move with lines or the path as typed. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export type Direction = 'in' | 'out' | 'inout';
export type Ownership = 'use' | 'acquire' | 'release' | 'release_always';

export const ATTRIBUTES = [
  'blocking',
  'noreturn',
  'vdsocall',
  'internal',
  'const',
  'deprecated',
  'test_category1',
  'test_category2',
] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

export const CONSTANT_KINDS = [
  'status',
  'right',
  'obj_type',
  'rsrc_kind',
  'signal',
  'option',
  'property',
  'topic',
  'packet_type',
  'limit',
  'misc',
] as const;
export type ConstantKind = (typeof CONSTANT_KINDS)[number];

/** A C type. `any` is raw bytes; `opaque` keeps an unknown imported type by name. */
export type TypeDef =
  | {
      readonly kind: 'int';
      readonly name: string;
      readonly bits: 8 | 16 | 32 | 64;
      readonly signed: boolean;
      /** JavaScript representation: 64-bit values are bigint, except sizes (size_t) kept as number. */
      readonly js: 'number' | 'bigint';
      /** Pointer-sized in C (size_t, uintptr_t): `bits` is its LP64 width; wasm32 has 32. */
      readonly pointerSized?: true;
    }
  | { readonly kind: 'handle'; readonly name: string }
  | { readonly kind: 'bool'; readonly name: string }
  | { readonly kind: 'char'; readonly name: string }
  | { readonly kind: 'void'; readonly name: string }
  | { readonly kind: 'any'; readonly name: string }
  | { readonly kind: 'struct'; readonly name: string }
  | { readonly kind: 'opaque'; readonly name: string };

export interface StructField {
  readonly name: string;
  readonly type: string;
  readonly offset: number;
  /** For pointer fields: the sibling field that holds the element count. */
  readonly pointer?: string;
  /** For inline arrays: the element count. */
  readonly count?: number;
  /**
   * C only: the other members of the anonymous union this field is one member of (the same
   * bytes seen as other types). The TypeScript view keeps the field alone; the union's widest
   * member and strictest alignment decide the layout.
   */
  readonly cUnion?: readonly UnionMember[];
  /** C only: a pointer field to const data (zx_channel_call_args_t.wr_bytes). */
  readonly cConst?: true;
}

/** One member of a field's C union: a name, a type and, for arrays, an element count. */
export interface UnionMember {
  readonly name: string;
  readonly type: string;
  readonly count?: number;
}

export interface StructDef {
  readonly kind: 'struct';
  readonly name: string;
  readonly size: number;
  readonly fields: readonly StructField[];
  readonly source: SourcePos;
}

export interface ConstantDef {
  readonly kind: 'constant';
  readonly name: string;
  readonly group: string;
  readonly constKind: ConstantKind;
  /** C type of the group, e.g. zx_rights_t. */
  readonly type: string;
  /** Resolved numeric value. 64-bit groups hold bigint. */
  readonly value: number | bigint;
  /** For aggregates: the constants OR-ed together, as written. */
  readonly members?: readonly string[];
  /** For aliases: the constant whose value this one shares (declared with `alias_of`). */
  readonly aliasOf?: string;
  readonly source: SourcePos;
}

export interface HandleSpec {
  readonly ownership: Ownership;
  /** ZX_HANDLE_INVALID passes through as null (handle_close). */
  readonly invalidOk: boolean;
  /** For struct params: the handle-array field (channel_call's args.wr_handles). */
  readonly field?: string;
  /** `core`: raw values go to the kernel core, which does its own lookups. */
  readonly lookup: 'wrapper' | 'core';
  /** For acquire outputs: the input handle whose rights bound this output's (the wrapper checks). */
  readonly rightsFrom?: string;
  /** For acquire outputs: declared not to be bounded by any input's rights (a new or other object). */
  readonly escalates: boolean;
  /**
   * For consumed handle arrays: no entry may refer to the object of this (earlier resolved)
   * handle parameter; the entry fails with `error` after its rights check, as channel_write
   * refuses to carry its own endpoint. On a single handle it fails right after that handle's own
   * checks; `orPeer` refuses the other handle's peer too (socket_share).
   */
  readonly notObjectOf?: { readonly param: string; readonly error: string; readonly orPeer?: true };
}

export interface ParamDef {
  readonly name: string;
  readonly type: string;
  readonly dir: Direction;
  /** Array length: a parameter name, a literal, or `a*b`. Absent for scalars. */
  readonly count?: string | number;
  readonly optional: boolean;
  readonly handle?: HandleSpec;
  readonly source: SourcePos;
}

export type Condition =
  | { readonly param: string; readonly op: 'is'; readonly value: string }
  | { readonly param: string; readonly op: '&'; readonly value: string };

/** One sentence of the RIGHTS section; also what the wrapper enforces. */
export interface RightsClause {
  readonly param: string;
  /** self: the handle itself; each: every entry of a handle array;
   *  entry_field: a handle field of every struct entry; field: every handle of a struct field. */
  readonly scope: 'self' | 'each' | 'entry_field' | 'field';
  readonly field?: string;
  readonly types: readonly string[];
  readonly rights: readonly string[];
  readonly resource?: string;
  readonly when?: Condition;
  readonly source: SourcePos;
}

export type CheckStep =
  | { readonly kind: 'resolve'; readonly param: string }
  | {
      readonly kind: 'check';
      /** A parameter, or `param.field` for a struct field. */
      readonly param: string;
      readonly test: 'allowed' | 'one_of' | 'max' | 'min' | 'not_null';
      /** Constant names or integers; resolved values sit in `values`. */
      readonly operands: readonly (string | number)[];
      readonly values: readonly (number | bigint)[];
      readonly error: string;
      readonly source: SourcePos;
    };

export interface ErrorDef {
  readonly status: string;
  readonly text: string;
}

export interface SyscallDef {
  readonly kind: 'syscall';
  readonly name: string;
  /** The definition file's stem: socket.yaml -> "socket". */
  readonly family: string;
  /** One sentence; empty when the definition has none (imported syscalls without `#^`). */
  readonly summary: string;
  readonly attributes: readonly Attribute[];
  readonly params: readonly ParamDef[];
  readonly returns: string;
  /** 'none' is an explicit "None."; undefined means nothing was stated. */
  readonly rights: readonly RightsClause[] | 'none' | undefined;
  /** Normalised: every handle-carrying param appears once as a resolve step. */
  readonly checks: readonly CheckStep[];
  readonly errors: readonly ErrorDef[];
  readonly description: string;
  readonly returnValue: string;
  readonly limitations?: string;
  readonly seeAlso: readonly string[];
  readonly source: SourcePos;
  /** False for a syscall zxkit's kernel core does not implement: it returns ZX_ERR_NOT_SUPPORTED. */
  readonly implemented: boolean;
  /** Why the kernel core does not implement it (only with `implemented: false`); shown on its page. */
  readonly unsupportedReason?: string;
  /** The stable syscall number from the lock file (ZX_SYS_<name>), once assigned. */
  readonly number?: number;
}

export interface Model {
  readonly formatVersion: number;
  readonly types: readonly TypeDef[];
  readonly structs: readonly StructDef[];
  readonly constants: readonly ConstantDef[];
  readonly syscalls: readonly SyscallDef[];
}
