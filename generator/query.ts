// The one query layer over the model. The model is keyed by name (it is what definitions.json
// holds); this module links it once into object references, in the manner of protobuf-es's
// descriptors: a parameter knows its type, struct, count parameters and syscall; a field knows
// its struct and the field holding its count; a handle spec knows the parameters it names.
// Backends, the plan, lint and the idiomatic layer ask here instead of searching the model, and
// the questions more than one of them ask (a syscall's rights clauses, whether a type is carried
// as bytes, which syscalls are public) are answered once.
import type { ConstantDef, HandleSpec, Model, ParamDef, RightsClause, StructDef, StructField, SyscallDef, TypeDef } from './model.js';
import { resolvedFieldArg } from './names.js';

export interface LinkedModel {
  readonly model: Model;
  readonly types: ReadonlyMap<string, TypeDef>;
  readonly structs: ReadonlyMap<string, LinkedStruct>;
  readonly constants: ReadonlyMap<string, ConstantDef>;
  readonly syscalls: ReadonlyMap<string, LinkedSyscall>;
  /** The linked form of a syscall of this model. */
  readonly syscall: (sc: SyscallDef) => LinkedSyscall;
  /** A struct of this model by name; throws on a name validation would have refused. */
  readonly struct: (name: string) => LinkedStruct;
}

export interface LinkedStruct {
  readonly def: StructDef;
  readonly fields: ReadonlyMap<string, LinkedField>;
}

export interface LinkedField {
  readonly def: StructField;
  readonly parent: LinkedStruct;
  /** The scalar type of the field, when it is not a struct. */
  readonly type?: TypeDef;
  /** The struct of a struct-typed field. */
  readonly struct?: LinkedStruct;
  /** For pointer fields: the sibling field holding the element count. */
  readonly countField?: LinkedField;
}

export interface LinkedSyscall {
  readonly def: SyscallDef;
  readonly params: ReadonlyMap<string, LinkedParam>;
  /** Its rights clauses; an explicit "None." and an unstated section both have none. */
  readonly clauses: readonly RightsClause[];
  /** A parameter by name; throws on a name validation would have refused. */
  readonly param: (name: string) => LinkedParam;
}

export interface LinkedParam {
  readonly def: ParamDef;
  readonly syscall: LinkedSyscall;
  /** The scalar type, when the parameter is not a struct. */
  readonly type?: TypeDef;
  readonly struct?: LinkedStruct;
  /** The parameters a named count (`a` or `a*b`) multiplies, in order. */
  readonly countParams: readonly LinkedParam[];
  /** The clauses about this parameter, in definition order. */
  readonly clauses: readonly RightsClause[];
  readonly handle?: LinkedHandle;
}

export interface LinkedHandle {
  readonly spec: HandleSpec;
  /** For struct params: the handle-array field. */
  readonly field?: LinkedField;
  readonly rightsFrom?: LinkedParam;
  readonly notObjectOf?: LinkedParam;
}

const cache = new WeakMap<Model, LinkedModel>();

/** The linked view of a model, built on first use and shared by every consumer of that model. */
export function linked(model: Model): LinkedModel {
  let l = cache.get(model);
  if (l === undefined) cache.set(model, (l = link(model)));
  return l;
}

// Linked in two passes, as the objects refer to each other: each is made first, then its
// references are filled in before anyone sees it (hence the casts to the writable shape).
function link(model: Model): LinkedModel {
  const types = new Map(model.types.map((t) => [t.name, t]));
  const structs = new Map<string, LinkedStruct>();
  for (const def of model.structs) structs.set(def.name, { def, fields: new Map() });
  for (const s of structs.values()) {
    const fields = s.fields as Map<string, LinkedField>;
    for (const def of s.def.fields) fields.set(def.name, { def, parent: s, type: types.get(def.type), struct: structs.get(def.type) });
    for (const f of fields.values()) {
      if (f.def.pointer !== undefined) (f as { countField?: LinkedField }).countField = fields.get(f.def.pointer);
    }
  }
  const syscalls = new Map(model.syscalls.map((def) => [def.name, linkSyscall(def, types, structs)]));
  const lookup = <T>(map: ReadonlyMap<string, T>, what: string) => (name: string): T => {
    const v = map.get(name);
    if (v === undefined) throw new Error(`model: no ${what} ${name}`);
    return v;
  };
  const byName = lookup(syscalls, 'syscall');
  return {
    model, types, structs, syscalls,
    constants: new Map(model.constants.map((c) => [c.name, c])),
    syscall: (sc) => byName(sc.name),
    struct: lookup(structs, 'struct'),
  };
}

function linkSyscall(def: SyscallDef, types: ReadonlyMap<string, TypeDef>, structs: ReadonlyMap<string, LinkedStruct>): LinkedSyscall {
  const params = new Map<string, LinkedParam>();
  const clauses = rightsClauses(def);
  const sc: LinkedSyscall = {
    def, params, clauses,
    param: (name) => {
      const p = params.get(name);
      if (p === undefined) throw new Error(`model: ${def.name} has no parameter ${name}`);
      return p;
    },
  };
  for (const p of def.params) {
    params.set(p.name, { def: p, syscall: sc, type: types.get(p.type), struct: structs.get(p.type), countParams: [], clauses: clauses.filter((r) => r.param === p.name) });
  }
  for (const lp of params.values()) {
    const p = lp.def;
    const mutable = lp as { countParams: readonly LinkedParam[]; handle?: LinkedHandle };
    if (typeof p.count === 'string') {
      mutable.countParams = p.count.split('*').map((s) => params.get(s.trim())).filter((q): q is LinkedParam => q !== undefined);
    }
    const h = p.handle;
    if (h) {
      mutable.handle = {
        spec: h,
        field: h.field !== undefined ? lp.struct?.fields.get(h.field) : undefined,
        rightsFrom: h.rightsFrom !== undefined ? params.get(h.rightsFrom) : undefined,
        notObjectOf: h.notObjectOf ? params.get(h.notObjectOf.param) : undefined,
      };
    }
  }
  return sc;
}

/** A syscall's rights clauses: an explicit "None." and an unstated RIGHTS section both have none. */
export function rightsClauses(sc: SyscallDef): readonly RightsClause[] {
  return sc.rights === 'none' || sc.rights === undefined ? [] : sc.rights;
}

/** Element types carried as raw bytes (a Uint8Array): `any`, `char` and 8-bit integers. */
export function isByteType(t: TypeDef | undefined): boolean {
  return t?.kind === 'any' || t?.kind === 'char' || (t?.kind === 'int' && t.bits === 8);
}

/** Whether a parameter's type is the handle type (a single handle or a handle array). */
export function isHandleType(model: Model, type: string): boolean {
  return linked(model).types.get(type)?.kind === 'handle';
}

/** The object type a parameter is known to have, when its unconditional clause names exactly one. */
export function knownType(sc: SyscallDef, p: ParamDef): string | undefined {
  const types = rightsClauses(sc).filter((r) => r.param === p.name && r.scope === 'self' && !r.when).flatMap((r) => r.types);
  return types.length === 1 ? types[0] : undefined;
}

/** Syscalls that get a public stub: internal ones are the kernel's business. */
export function publicSyscalls(model: Model): SyscallDef[] {
  return model.syscalls.filter((s) => !s.attributes.includes('internal'));
}

/** The real object types: every obj_type constant but the NONE and LAST markers. */
export function objectTypes(model: Model): ConstantDef[] {
  return model.constants.filter((c) => c.constKind === 'obj_type' && c.name !== 'ZX_OBJ_TYPE_NONE' && c.name !== 'ZX_OBJ_TYPE_LAST');
}

/** A trailing core argument: handles carried inside a struct parameter, resolved by the wrapper. */
export interface StructHandleArg {
  readonly param: ParamDef;
  readonly field: string;
  readonly name: string;
}

/** Trailing core arguments: handles carried inside struct parameters (a handle field, or each entry's). */
export function structHandleArgs(sc: SyscallDef): StructHandleArg[] {
  const out: StructHandleArg[] = [];
  for (const p of sc.params) {
    if (p.handle?.field && p.handle.lookup === 'wrapper') out.push({ param: p, field: p.handle.field, name: resolvedFieldArg(p, p.handle.field) });
    const entry = rightsClauses(sc).find((r) => r.param === p.name && r.scope === 'entry_field');
    if (entry?.field) out.push({ param: p, field: entry.field, name: resolvedFieldArg(p, entry.field) });
  }
  return out;
}
