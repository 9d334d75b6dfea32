// Stage 3: resolve names across all files and build the typed model. Every reference
// (types, constants, parameters, syscalls) is checked here; problems become diagnostics
// with the position of the offending YAML node.
import { didYouMean, suggest, type Diagnostic } from './diagnostics.js';
import { locator, scalarSource, type LoadedFile, type Locator } from './load.js';
import type {
  Attribute, CheckStep, ConstantDef, ConstantKind, Model, ParamDef, RightsClause, SourcePos,
  StructDef, SyscallDef, TypeDef,
} from './model.js';
import { CONSTANT_KINDS, FORMAT_VERSION } from './model.js';
import { NATIVE_MODEL, structLayouts } from './layout.js';
import type { CheckInput, DefsFile, ParamInput, RightsClauseInput, SyscallInput } from './schema.js';

export interface ParsedFile {
  readonly file: LoadedFile;
  readonly data: DefsFile;
}

type Path = (string | number)[];

/** Constant kinds that name the values of one enumeration or bit set; limits and misc values may coincide. */
const ENUMERATED: ReadonlySet<ConstantKind> = new Set(CONSTANT_KINDS.filter((k) => k !== 'limit' && k !== 'misc'));

const BUILTIN_TYPES: TypeDef[] = [
  { kind: 'any', name: 'any' },
  { kind: 'void', name: 'void' },
];

export function buildModel(files: readonly ParsedFile[], diags: Diagnostic[]): Model {
  const b = new Builder(diags);
  for (const f of files) b.collect(f);
  b.resolveConstants();
  b.checkDuplicateValues();
  b.checkStructs();
  for (const f of files) b.syscalls(f);
  b.checkSeeAlso();
  return {
    formatVersion: FORMAT_VERSION,
    types: [...b.types.values()],
    structs: [...b.structs.values()],
    constants: b.constants,
    syscalls: b.syscallList,
  };
}

interface PendingConstant {
  name: string;
  group: string;
  kind: ConstantKind;
  type: string;
  raw: number | string[] | { alias_of: string };
  file: LoadedFile;
  path: Path;
}

class Builder {
  readonly types = new Map<string, TypeDef>(BUILTIN_TYPES.map((t) => [t.name, t]));
  readonly structs = new Map<string, StructDef>();
  readonly constants: ConstantDef[] = [];
  readonly constByName = new Map<string, ConstantDef>();
  readonly syscallList: SyscallDef[] = [];
  private readonly pending = new Map<string, PendingConstant>();
  private readonly structPos = new Map<string, { file: LoadedFile; path: Path }>();
  private readonly seeAlsoRefs: { name: string; file: LoadedFile; path: Path }[] = [];
  private readonly syscallNames = new Map<string, SourcePos>();
  private readonly locs = new Map<LoadedFile, Locator>();
  /** Integer types invented for a constant group whose type is unknown (already reported). */
  private readonly standIns = new Set<string>();

  constructor(private readonly diags: Diagnostic[]) {}

  private loc(file: LoadedFile): Locator {
    let l = this.locs.get(file);
    if (!l) this.locs.set(file, (l = locator(file)));
    return l;
  }

  private pos(file: LoadedFile, path: Path): SourcePos {
    return { file: file.path, ...this.loc(file).at(path) };
  }

  private error(file: LoadedFile, path: Path, message: string): void {
    this.diags.push({ ...this.pos(file, path), message });
  }

  private keyError(file: LoadedFile, path: Path, key: string, message: string): void {
    this.diags.push({ file: file.path, ...this.loc(file).key(path, key), message });
  }

  collect({ file, data }: ParsedFile): void {
    for (const [name, t] of Object.entries(data.types ?? {})) {
      const path = ['types', name];
      if (this.types.has(name) || this.structs.has(name)) this.keyError(file, ['types'], name, `duplicate type "${name}"`);
      const flags = [t.int !== undefined, t.handle, t.bool, t.char, t.void, t.opaque].filter(Boolean).length;
      if (flags !== 1) {
        this.error(file, path, `type "${name}" must have exactly one of int, handle, bool, char, void, opaque`);
        continue;
      }
      if (t.pointer_sized && t.int !== 64) this.error(file, [...path, 'pointer_sized'], `"pointer_sized" applies to 64-bit int types (their LP64 width)`);
      if (t.int !== undefined) {
        this.types.set(name, {
          kind: 'int', name, bits: t.int, signed: t.signed ?? false, js: t.js ?? (t.int === 64 ? 'bigint' : 'number'),
          ...(t.pointer_sized ? { pointerSized: true as const } : {}),
        });
      } else if (t.handle) this.types.set(name, { kind: 'handle', name });
      else if (t.bool) this.types.set(name, { kind: 'bool', name });
      else if (t.char) this.types.set(name, { kind: 'char', name });
      else if (t.void) this.types.set(name, { kind: 'void', name });
      else this.types.set(name, { kind: 'opaque', name });
    }
    for (const [name, s] of Object.entries(data.structs ?? {})) {
      if (this.types.has(name) || this.structs.has(name)) this.keyError(file, ['structs'], name, `duplicate type "${name}"`);
      this.structs.set(name, { kind: 'struct', name, size: s.size, fields: s.fields.map(({ c_union, c_const, ...f }) => ({ ...f, ...(c_union ? { cUnion: c_union } : {}), ...(c_const ? { cConst: c_const } : {}) })), source: this.pos(file, ['structs', name]) });
      this.structPos.set(name, { file, path: ['structs', name] });
    }
    for (const [group, g] of Object.entries(data.constants ?? {})) {
      for (const [name, raw] of Object.entries(g.values)) {
        if (this.pending.has(name)) {
          this.keyError(file, ['constants', group, 'values'], name, `duplicate constant "${name}"`);
          continue;
        }
        this.pending.set(name, { name, group, kind: g.kind, type: g.type, raw, file, path: ['constants', group, 'values', name] });
      }
    }
    for (const name of Object.keys(data.syscalls ?? {})) {
      const prev = this.syscallNames.get(name);
      const here = { file: file.path, ...this.loc(file).key(['syscalls'], name) };
      if (prev) this.diags.push({ ...here, message: `duplicate syscall "${name}" (first defined at ${prev.file}:${prev.line}:${prev.col})` });
      else this.syscallNames.set(name, here);
    }
  }

  resolveConstants(): void {
    const resolving = new Set<string>();
    const resolve = (p: PendingConstant): number | bigint | null => {
      const done = this.constByName.get(p.name);
      if (done) return done.value;
      let type = this.types.get(p.type);
      if (!type || type.kind !== 'int' && type.kind !== 'handle') {
        // Reported once per type; a wide stand-in keeps the group's constants defined, so their
        // values are not range-checked and their uses are not reported as unknown too.
        if (!this.standIns.has(p.type)) {
          this.error(p.file, ['constants', p.group, 'type'], `unknown integer type "${p.type}"${didYouMean(p.type, this.intTypeNames())}`);
          this.standIns.add(p.type);
        }
        type = { kind: 'int', name: p.type, bits: 64, signed: true, js: 'number' };
      }
      const big = type.kind === 'int' && type.js === 'bigint';
      let value: bigint;
      let members: string[] | undefined;
      let aliasOf: string | undefined;
      if (typeof p.raw === 'number') {
        const src = scalarSource(p.file, p.path) ?? String(p.raw);
        if (!/^[-+]?(0x[0-9a-f]+|0o[0-7]+|\d+)$/i.test(src)) {
          this.error(p.file, p.path, `constant "${p.name}" must be an integer, got ${src}`);
          return null;
        }
        value = parseBig(src);
      } else if (!Array.isArray(p.raw)) {
        aliasOf = p.raw.alias_of;
        const at = [...p.path, 'alias_of'];
        const dep = this.pending.get(aliasOf);
        value = 0n;
        if (resolving.has(p.name)) this.error(p.file, at, `constant "${p.name}" is defined in terms of itself`);
        else if (!dep) this.error(p.file, at, `unknown constant "${aliasOf}"${didYouMean(aliasOf, this.pending.keys())}`);
        else if (dep.kind !== p.kind) this.error(p.file, at, `alias "${p.name}" (kind ${p.kind}) must name a constant of its own kind; "${aliasOf}" is kind ${dep.kind}`);
        else {
          resolving.add(p.name);
          const v = resolve(dep);
          resolving.delete(p.name);
          if (v !== null) value = BigInt(v);
        }
      } else {
        if (resolving.has(p.name)) {
          this.error(p.file, p.path, `constant "${p.name}" is defined in terms of itself`);
          return null;
        }
        resolving.add(p.name);
        value = 0n;
        members = p.raw;
        for (let i = 0; i < p.raw.length; i++) {
          const m = p.raw[i];
          const dep = this.pending.get(m);
          if (!dep) {
            this.error(p.file, [...p.path, i], `unknown constant "${m}"${didYouMean(m, this.pending.keys())}`);
            continue;
          }
          const v = resolve(dep);
          if (v !== null) value |= BigInt(v);
        }
        resolving.delete(p.name);
      }
      const bits = type.kind === 'int' ? type.bits : 32;
      const signed = type.kind === 'int' && type.signed;
      const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
      const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
      if ((value < min || value > max) && !this.standIns.has(p.type)) {
        this.error(p.file, p.path, `constant "${p.name}" = ${value} does not fit ${p.type}`);
      }
      const def: ConstantDef = {
        kind: 'constant', name: p.name, group: p.group, constKind: p.kind, type: p.type,
        value: big ? value : Number(value),
        ...(members ? { members } : {}),
        ...(aliasOf !== undefined ? { aliasOf } : {}),
        source: this.pos(p.file, p.path),
      };
      this.constByName.set(p.name, def);
      this.constants.push(def);
      return def.value;
    };
    for (const p of this.pending.values()) resolve(p);
  }

  /**
   * Two plain constants of one group with the same value are a slip (a bit given twice) unless
   * the second is declared as an alias. Aggregates are exempt: their value follows from the
   * names they list, and two of them may rightly agree (default rights of two object types).
   */
  checkDuplicateValues(): void {
    const first = new Map<string, PendingConstant>();
    for (const p of this.pending.values()) {
      const c = this.constByName.get(p.name);
      if (!c || typeof p.raw !== 'number' || !ENUMERATED.has(p.kind)) continue;
      const key = `${p.group}\0${String(c.value)}`;
      const prev = first.get(key);
      if (!prev) {
        first.set(key, p);
        continue;
      }
      const at = this.loc(prev.file).key(['constants', prev.group, 'values'], prev.name);
      this.keyError(p.file, ['constants', p.group, 'values'], p.name,
        `constant "${p.name}" has the same value (${scalarSource(p.file, p.path) ?? String(c.value)}) as "${prev.name}" in group ${p.group} ` +
        `(defined at ${prev.file.path}:${at.line}:${at.col}); if it is another name for it, write ${p.name}: { alias_of: ${prev.name} }; if it belongs to another set of values, give it a group of its own`);
    }
  }

  private intTypeNames(): string[] {
    return [...this.types.values()].filter((t) => t.kind === 'int' || t.kind === 'handle').map((t) => t.name);
  }

  checkStructs(): void {
    for (const s of this.structs.values()) {
      const at = this.structPos.get(s.name);
      if (!at) continue;
      const names = new Set(s.fields.map((f) => f.name));
      s.fields.forEach((f, i) => {
        const fpath = [...at.path, 'fields', i];
        if (!this.typeExists(f.type)) this.error(at.file, [...fpath, 'type'], `unknown type "${f.type}"${didYouMean(f.type, this.allTypeNames())}`);
        if (f.cConst && f.pointer === undefined) this.error(at.file, [...fpath, 'c_const'], `"c_const" applies to pointer fields; "${f.name}" is not one`);
        f.cUnion?.forEach((m, j) => {
          if (!this.typeExists(m.type)) this.error(at.file, [...fpath, 'c_union', j, 'type'], `unknown type "${m.type}"${didYouMean(m.type, this.allTypeNames())}`);
          if (names.has(m.name)) this.error(at.file, [...fpath, 'c_union', j, 'name'], `union member "${m.name}" repeats a field name of ${s.name}`);
        });
        if (f.pointer !== undefined && !names.has(f.pointer)) {
          this.error(at.file, [...fpath, 'pointer'], `pointer length field "${f.pointer}" is not a field of ${s.name}${didYouMean(f.pointer, names)}`);
        }
        if (f.offset >= s.size && s.size > 0) this.error(at.file, [...fpath, 'offset'], `field "${f.name}" offset ${f.offset} is outside ${s.name} (size ${s.size})`);
      });
    }
    this.checkLayouts();
  }

  /** The written offsets and sizes are checks: C's rules on the field types decide the layout. */
  private checkLayouts(): void {
    const layouts = structLayouts(this.types, this.structs, NATIVE_MODEL);
    for (const s of this.structs.values()) {
      const at = this.structPos.get(s.name);
      const l = layouts.get(s.name);
      if (!at || !l) continue;
      const rule = `by C's layout rules (${NATIVE_MODEL.toUpperCase()})`;
      l.fields.forEach((f, i) => {
        const written = s.fields[i]!.offset;
        if (written !== f.offset) this.error(at.file, [...at.path, 'fields', i, 'offset'], `field "${f.name}" of ${s.name} is at offset ${f.offset} ${rule}, not ${written}`);
      });
      if (s.size !== l.size) this.error(at.file, [...at.path, 'size'], `${s.name} is ${l.size} bytes ${rule}, not ${s.size}`);
    }
  }

  private typeExists(name: string): boolean {
    return this.types.has(name) || this.structs.has(name);
  }

  private allTypeNames(): string[] {
    return [...this.types.keys(), ...this.structs.keys()];
  }

  private constantOfKind(file: LoadedFile, path: Path, name: string, kind: ConstantKind, noun: string): ConstantDef | null {
    const c = this.constByName.get(name);
    if (c && c.constKind === kind) return c;
    const candidates = this.constants.filter((x) => x.constKind === kind).map((x) => x.name);
    this.error(file, path, `unknown ${noun} "${name}"${didYouMean(name, candidates)}`);
    return null;
  }

  syscalls({ file, data }: ParsedFile): void {
    for (const [name, sc] of Object.entries(data.syscalls ?? {})) {
      const def = this.syscall(file, name, sc);
      if (def) this.syscallList.push(def);
    }
  }

  private syscall(file: LoadedFile, name: string, sc: SyscallInput): SyscallDef | null {
    const base: Path = ['syscalls', name];
    if (!/^[a-z][a-z0-9_]*$/.test(name)) this.keyError(file, ['syscalls'], name, `syscall name "${name}" must be lower_snake_case`);
    const attributes = sc.attributes ?? [];
    const seenAttr = new Set<Attribute>();
    attributes.forEach((a, i) => {
      if (seenAttr.has(a)) this.error(file, [...base, 'attributes', i], `attribute "${a}" is listed twice`);
      seenAttr.add(a);
    });
    const params = (sc.params ?? []).map((p, i) => this.param(file, [...base, 'params', i], p));
    const byName = new Map<string, ParamDef>();
    params.forEach((p, i) => {
      if (byName.has(p.name)) this.error(file, [...base, 'params', i, 'name'], `duplicate parameter "${p.name}"`);
      byName.set(p.name, p);
    });
    params.forEach((p, i) => this.paramRefs(file, [...base, 'params', i], p, byName));
    const returns = sc.returns ?? 'zx_status_t';
    if (!this.typeExists(returns)) this.error(file, [...base, 'returns'], `unknown type "${returns}"${didYouMean(returns, this.allTypeNames())}`);

    const rights = sc.rights === 'none' || sc.rights === undefined
      ? sc.rights
      : sc.rights.map((r, i) => this.rightsClause(file, [...base, 'rights', i], r, byName));
    const errors = (sc.errors ?? []).map((e, i) => {
      this.constantOfKind(file, [...base, 'errors', i, 'status'], e.status, 'status', 'status');
      return { status: e.status, text: e.text };
    });
    const checks = this.checks(file, base, sc.checks, params, byName, rights === 'none' || rights === undefined ? [] : rights);
    (sc.see_also ?? []).forEach((s, i) => this.seeAlsoRefs.push({ name: s, file, path: [...base, 'see_also', i] }));
    if (sc.unsupported_reason !== undefined && sc.implemented !== false) {
      this.error(file, [...base, 'unsupported_reason'], `"unsupported_reason" applies only to a syscall with "implemented: false"`);
    }
    return {
      kind: 'syscall', name, family: file.stem, summary: (sc.summary ?? '').trim(), attributes, params, returns,
      implemented: sc.implemented ?? true,
      ...(sc.unsupported_reason !== undefined ? { unsupportedReason: sc.unsupported_reason.trim() } : {}),
      rights, checks, errors, description: sc.description, returnValue: sc.return_value,
      ...(sc.limitations !== undefined ? { limitations: sc.limitations } : {}),
      seeAlso: sc.see_also ?? [],
      source: { file: file.path, ...this.loc(file).key(['syscalls'], name) },
    };
  }

  private param(file: LoadedFile, path: Path, p: ParamInput): ParamDef {
    const known = this.typeExists(p.type);
    if (!known) this.error(file, [...path, 'type'], `unknown type "${p.type}"${didYouMean(p.type, this.allTypeNames())}`);
    const dir = p.dir ?? 'in';
    const t = this.types.get(p.type);
    const isHandle = t?.kind === 'handle';
    let handle: ParamDef['handle'];
    if (p.handle) {
      const struct = this.structs.get(p.type);
      // A parameter of unknown type was reported above; what its type allows cannot be judged.
      if (known && !isHandle && !(struct && p.handle.field)) {
        this.error(file, [...path, 'handle'], `"handle" applies to zx_handle_t parameters, or to struct parameters with a handle "field"`);
      }
      if (p.handle.field && struct && !struct.fields.some((f) => f.name === p.handle?.field)) {
        this.error(file, [...path, 'handle', 'field'], `"${p.handle.field}" is not a field of ${p.type}${didYouMean(p.handle.field, struct.fields.map((f) => f.name))}`);
      }
      const ownership = p.handle.ownership ?? (dir === 'out' ? 'acquire' : 'use');
      // An input's handle field is the handle array the wrapper resolves, with its length field.
      const fieldDef = p.handle.field === undefined ? undefined : struct?.fields.find((f) => f.name === p.handle?.field);
      if (fieldDef && this.typeExists(fieldDef.type) && ownership !== 'acquire' && (fieldDef.pointer === undefined || this.types.get(fieldDef.type)?.kind !== 'handle')) {
        this.error(file, [...path, 'handle', 'field'], `"${fieldDef.name}" of ${p.type} must be a handle array (a zx_handle_t field with "pointer") to carry an input's handles`);
      }
      if (ownership === 'acquire' && dir !== 'out') this.error(file, [...path, 'handle', 'ownership'], `"acquire" applies only to out parameters`);
      if (ownership !== 'acquire' && dir === 'out') this.error(file, [...path, 'handle', 'ownership'], `an out handle must be "acquire"`);
      handle = {
        ownership, invalidOk: p.handle.invalid_ok ?? false, lookup: outArrayLookup(dir, p.count) ?? p.handle.lookup ?? 'wrapper',
        ...(p.handle.field ? { field: p.handle.field } : {}),
        ...(p.handle.rights_from !== undefined ? { rightsFrom: p.handle.rights_from } : {}),
        escalates: p.handle.escalates ?? false,
        ...(p.handle.not_object_of ? {
          notObjectOf: {
            param: p.handle.not_object_of.param, error: p.handle.not_object_of.error,
            ...(p.handle.not_object_of.or_peer ? { orPeer: true as const } : {}),
          },
        } : {}),
      };
      if (p.handle.not_object_of) {
        this.constantOfKind(file, [...path, 'handle', 'not_object_of', 'error'], p.handle.not_object_of.error, 'status', 'status');
        if (ownership !== 'release_always' && ownership !== 'use') this.error(file, [...path, 'handle', 'not_object_of'], `"not_object_of" applies to input handles only`);
      }
      if ((p.handle.rights_from !== undefined || p.handle.escalates) && ownership !== 'acquire') {
        this.error(file, [...path, 'handle'], `"rights_from" and "escalates" describe acquired outputs only`);
      }
    } else if (isHandle) {
      handle = { ownership: dir === 'out' ? 'acquire' : 'use', invalidOk: false, lookup: outArrayLookup(dir, p.count) ?? 'wrapper', escalates: false };
    }
    if (p.optional && dir === 'in') this.error(file, [...path, 'optional'], `only out and inout parameters can be optional`);
    return {
      name: p.name, type: p.type, dir,
      ...(p.count !== undefined ? { count: p.count } : {}),
      optional: p.optional ?? false,
      ...(handle ? { handle } : {}),
      source: this.pos(file, path),
    };
  }

  private paramRefs(file: LoadedFile, path: Path, p: ParamDef, byName: Map<string, ParamDef>): void {
    const notOf = p.handle?.notObjectOf?.param;
    if (notOf !== undefined) {
      const src = byName.get(notOf);
      if (!src || src.handle === undefined || src.handle.ownership === 'acquire' || src.count !== undefined) {
        this.error(file, [...path, 'handle', 'not_object_of', 'param'], `"not_object_of" must name a single input handle parameter; "${notOf}" is not one`);
      }
    }
    const from = p.handle?.rightsFrom;
    if (from !== undefined) {
      const src = byName.get(from);
      if (!src || src.handle === undefined || src.handle.ownership === 'acquire' || src.count !== undefined) {
        this.error(file, [...path, 'handle', 'rights_from'], `"rights_from" must name a single input handle parameter; "${from}" is not one${didYouMean(from, [...byName.values()].filter((x) => x.handle && x.handle.ownership !== 'acquire').map((x) => x.name))}`);
      }
    }
    if (typeof p.count !== 'string') return;
    for (const part of p.count.split('*')) {
      const n = part.trim();
      if (/^\d+$/.test(n)) continue;
      const ref = byName.get(n);
      if (!ref) this.error(file, [...path, 'count'], `array size "${n}" names no parameter${didYouMean(n, byName.keys())}`);
      else if (ref === p) this.error(file, [...path, 'count'], `array "${p.name}" cannot be sized by itself`);
      else if (ref.count !== undefined) this.error(file, [...path, 'count'], `array size "${n}" is itself an array`);
    }
  }

  private rightsClause(file: LoadedFile, path: Path, r: RightsClauseInput, byName: Map<string, ParamDef>): RightsClause {
    const p = byName.get(r.param);
    if (!p) this.error(file, [...path, 'param'], `unknown parameter "${r.param}"${didYouMean(r.param, byName.keys())}`);
    const rights = r.rights ?? [];
    rights.forEach((x, i) => this.constantOfKind(file, [...path, 'rights', i], x, 'right', 'right'));
    const types = r.types ?? [];
    types.forEach((x, i) => this.constantOfKind(file, [...path, 'types', i], x, 'obj_type', 'object type'));
    if (r.resource !== undefined) this.constantOfKind(file, [...path, 'resource'], r.resource, 'rsrc_kind', 'resource kind');
    const scopes = [r.each, r.entry_field !== undefined, r.field !== undefined].filter(Boolean).length;
    if (scopes > 1) this.error(file, path, `use only one of "each", "entry_field" and "field"`);
    if (rights.length === 0 && types.length === 0 && r.resource === undefined) this.error(file, path, `a rights clause needs "rights", "types" or "resource"`);
    const fieldName = r.entry_field ?? r.field;
    if (p && fieldName !== undefined && this.typeExists(p.type)) {
      const s = this.structs.get(p.type);
      if (!s) this.error(file, [...path, r.entry_field !== undefined ? 'entry_field' : 'field'], `parameter "${p.name}" is not a struct`);
      else if (!s.fields.some((f) => f.name === fieldName)) {
        this.error(file, [...path, r.entry_field !== undefined ? 'entry_field' : 'field'], `"${fieldName}" is not a field of ${s.name}${didYouMean(fieldName, s.fields.map((f) => f.name))}`);
      }
    }
    if (p && r.each && p.count === undefined) this.error(file, [...path, 'each'], `"each" needs an array parameter; "${p.name}" is not one`);
    let when: RightsClause['when'];
    if (r.when) {
      const wp = byName.get(r.when.param);
      if (!wp) this.error(file, [...path, 'when', 'param'], `unknown parameter "${r.when.param}"${didYouMean(r.when.param, byName.keys())}`);
      const value = 'is' in r.when ? r.when.is : r.when.has;
      if (!this.constByName.has(value)) this.error(file, [...path, 'when', 'is' in r.when ? 'is' : 'has'], `unknown constant "${value}"${didYouMean(value, this.constByName.keys())}`);
      when = 'is' in r.when ? { param: r.when.param, op: 'is', value } : { param: r.when.param, op: '&', value };
    }
    return {
      param: r.param,
      scope: r.each ? 'each' : r.entry_field !== undefined ? 'entry_field' : r.field !== undefined ? 'field' : 'self',
      ...(fieldName !== undefined ? { field: fieldName } : {}),
      types, rights,
      ...(r.resource !== undefined ? { resource: r.resource } : {}),
      ...(when ? { when } : {}),
      source: this.pos(file, path),
    };
  }

  /** Parameters the wrapper must resolve: handle inputs, and structs that carry handles. */
  private handleCarrying(params: readonly ParamDef[], rights: readonly RightsClause[]): ParamDef[] {
    return params.filter((p) =>
      (p.handle !== undefined && p.handle.ownership !== 'acquire') ||
      rights.some((r) => r.param === p.name && r.scope === 'entry_field'));
  }

  private checks(
    file: LoadedFile, base: Path, input: CheckInput[] | undefined, params: readonly ParamDef[],
    byName: Map<string, ParamDef>, rights: readonly RightsClause[],
  ): CheckStep[] {
    const carrying = this.handleCarrying(params, rights);
    if (input === undefined) return carrying.map((p) => ({ kind: 'resolve', param: p.name }));
    const steps: CheckStep[] = [];
    const resolved = new Set<string>();
    const misnamed: string[] = [];
    input.forEach((c, i) => {
      const path = [...base, 'checks', i];
      if (typeof c === 'string') {
        const p = byName.get(c);
        if (!p) {
          this.error(file, path, `unknown parameter "${c}"${didYouMean(c, byName.keys())}`);
          misnamed.push(c);
        } else if (!carrying.includes(p)) {
          if (this.typeExists(p.type)) this.error(file, path, `"${c}" carries no handle to resolve; name a check with { param, ... }`);
        }
        else if (resolved.has(c)) this.error(file, path, `"${c}" is resolved twice`);
        resolved.add(c);
        steps.push({ kind: 'resolve', param: c });
        return;
      }
      const [pname, field] = c.param.split('.', 2);
      const p = byName.get(pname);
      if (!p) this.error(file, [...path, 'param'], `unknown parameter "${pname}"${didYouMean(pname, byName.keys())}`);
      else if (field !== undefined && this.typeExists(p.type)) {
        const s = this.structs.get(p.type);
        if (!s || !s.fields.some((f) => f.name === field)) {
          this.error(file, [...path, 'param'], `"${field}" is not a field of ${p.type}${s ? didYouMean(field, s.fields.map((f) => f.name)) : ''}`);
        }
      }
      this.constantOfKind(file, [...path, 'error'], c.error, 'status', 'status');
      const tests = (['allowed', 'one_of', 'max', 'min', 'not_null'] as const).filter((k) => c[k] !== undefined);
      if (tests.length !== 1) {
        this.error(file, path, `a check needs exactly one of allowed, one_of, max, min, not_null`);
        return;
      }
      const test = tests[0];
      const raw = test === 'not_null' ? [] : test === 'allowed' || test === 'one_of' ? (c[test] ?? []) : [c[test] as string | number];
      const values = raw.map((o, j) => {
        if (typeof o === 'number') return o;
        const k = this.constByName.get(o);
        if (!k) {
          this.error(file, [...path, test, ...(Array.isArray(c[test]) ? [j] : [])], `unknown constant "${o}"${didYouMean(o, this.constByName.keys())}`);
          return 0;
        }
        return k.value;
      });
      steps.push({ kind: 'check', param: c.param, test, operands: raw, values, error: c.error, source: this.pos(file, path) });
    });
    const unresolved = carrying.filter((p) => !resolved.has(p.name));
    for (const p of unresolved) {
      // A misspelt entry already reported stands for the parameter it was meant to name.
      const meant = misnamed.some((m) => suggest(m, [p.name]) !== undefined) || (misnamed.length === 1 && unresolved.length === 1);
      if (!meant) this.keyError(file, base, 'checks', `checks must resolve handle parameter "${p.name}" (list it by name)`);
    }
    return steps;
  }

  checkSeeAlso(): void {
    for (const r of this.seeAlsoRefs) {
      if (!this.syscallNames.has(r.name)) {
        this.error(r.file, r.path, `see_also names unknown syscall "${r.name}"${didYouMean(r.name, this.syscallNames.keys())}`);
      }
    }
  }
}

/** Handles received into an out array (channel_read) are installed by the core as it reads. */
function outArrayLookup(dir: string, count: unknown): 'core' | undefined {
  return dir === 'out' && count !== undefined ? 'core' : undefined;
}

function parseBig(src: string): bigint {
  const neg = src.startsWith('-');
  const body = src.replace(/^[-+]/, '');
  const v = BigInt(body);
  return neg ? -v : v;
}
