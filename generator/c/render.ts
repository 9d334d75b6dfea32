// C text for the model's declarations: constant macros in Zircon's forms, typedefs, structs with
// their layout checks per data model, and syscall prototypes with their wasm import names.
import type { DataModel, StructLayout } from '../layout.js';
import type { ConstantDef, ParamDef, StructDef, StructField, SyscallDef, TypeDef } from '../model.js';
import { stubName, twinName, WASM_IMPORT_MODULE } from '../names.js';
import type { LinkedModel } from '../query.js';

/** The preprocessor test for each data model (clang's wasm32 is the ILP32 that layout.ts computes). */
export const MODEL_TEST: Readonly<Record<DataModel, string>> = { lp64: 'defined(__LP64__)', wasm32: 'defined(__wasm32__)' };

const HEX_KINDS = new Set(['right', 'signal', 'option', 'packet_type']);

/**
 * A constant's replacement text. The form fixes the expression's C type, so it follows Zircon's:
 * statuses are bare negative ints, single-bit rights and signals `((T)1u << n)`, processargs
 * values bare `u` literals, everything else a cast of a literal to the group's type.
 */
export function constantForm(c: ConstantDef, bare: boolean): string {
  if (c.aliasOf !== undefined) return c.aliasOf;
  if (c.members) return `(${c.members.join(' | ')})`;
  if (c.constKind === 'status') return `(${c.value})`;
  const v = c.value;
  if (typeof v === 'bigint') {
    if (v === 9223372036854775807n) return 'INT64_MAX';
    if (v === -9223372036854775808n) return 'INT64_MIN';
    return `((${c.type})${v < 0n ? `(${v}ll)` : `${v}ull`})`;
  }
  if (v < 0) return `((${c.type})(${v}))`;
  const hex = `0x${v.toString(16)}u`;
  if (bare) return hex;
  if ((c.constKind === 'right' || c.constKind === 'signal') && v > 0 && (v & (v - 1)) === 0 && v <= 0x80000000) {
    return `((${c.type})1u << ${Math.log2(v)})`;
  }
  return `((${c.type})${HEX_KINDS.has(c.constKind) && v > 0 ? hex : `${v}u`})`;
}

export function constantLine(c: ConstantDef, bare: boolean): string {
  return `#define ${c.name} ${constantForm(c, bare)}`;
}

/** C's name for a struct tag: zx_wait_item_t -> zx_wait_item. */
const tagOf = (name: string): string => name.replace(/_t$/, '');

export function typedefLine(t: TypeDef): string | undefined {
  switch (t.kind) {
    case 'int': return `typedef ${t.pointerSized ? 'uintptr_t' : `${t.signed ? '' : 'u'}int${t.bits}_t`} ${t.name};`;
    case 'handle': return `typedef uint32_t ${t.name};`;
    case 'opaque': return `typedef struct ${tagOf(t.name)} ${t.name};`;
    default: return undefined;
  }
}

const cType = (type: string): string => (type === 'any' ? 'void' : type);

function member(name: string, type: string, count: number | undefined): string {
  return `${cType(type)} ${name}${count !== undefined ? `[${count}]` : ''};`;
}

function fieldLines(f: StructField): string[] {
  if (f.pointer !== undefined) return [`${f.cConst ? 'const ' : ''}${cType(f.type)}* ${f.name};`];
  const own = member(f.name, f.type, f.count);
  if (!f.cUnion) return [own];
  return ['union {', `    ${own}`, ...f.cUnion.map((m) => `    ${member(m.name, m.type, m.count)}`), '};'];
}

/** The names offsetof can take in a struct: its fields and the members of its anonymous unions. */
function memberOffsets(s: StructDef, l: StructLayout): [string, number][] {
  return s.fields.flatMap((f, i) => {
    const at = l.fields[i]!.offset;
    return [[f.name, at] as [string, number], ...(f.cUnion ?? []).map((m): [string, number] => [m.name, at])];
  });
}

function layoutChecks(s: StructDef, l: StructLayout): string[] {
  const check = (cond: string) => `__ZX_STATIC_ASSERT(${cond}, "${s.name} layout");`;
  return [
    check(`sizeof(${s.name}) == ${l.size}`),
    check(`__ZX_ALIGNOF(${s.name}) == ${l.align}`),
    ...memberOffsets(s, l).map(([name, at]) => check(`offsetof(${s.name}, ${name}) == ${at}`)),
  ];
}

const sameLayout = (a: StructLayout, b: StructLayout): boolean =>
  a.size === b.size && a.align === b.align && a.fields.every((f, i) => f.offset === b.fields[i]!.offset);

/**
 * A struct, then `_Static_assert`s on its size, alignment and every member's offset for each data
 * model: once when the models agree, else a block per model, so a compile for either target
 * proves the layout the kernel marshals with.
 */
export function structBlock(s: StructDef, layouts: Readonly<Record<DataModel, StructLayout | undefined>>): string {
  const body = s.fields.flatMap(fieldLines).map((line) => `    ${line}`);
  const out = [`typedef struct ${tagOf(s.name)} {`, ...body, `} ${s.name};`];
  const models = (Object.keys(layouts) as DataModel[]).filter((m) => layouts[m] !== undefined);
  const [first, ...rest] = models;
  if (first === undefined) return out.join('\n');
  if (rest.every((m) => sameLayout(layouts[m]!, layouts[first]!))) {
    out.push(`#if ${models.map((m) => MODEL_TEST[m]).join(' || ')}`, ...layoutChecks(s, layouts[first]!), '#endif');
  } else {
    models.forEach((m, i) => out.push(`#${i === 0 ? 'if' : 'elif'} ${MODEL_TEST[m]}`, ...layoutChecks(s, layouts[m]!)));
    out.push('#endif');
  }
  return out.join('\n');
}

/** Structs in an order C accepts: each after the structs its fields and union members contain. */
export function dependencyOrder(structs: readonly StructDef[]): StructDef[] {
  const byName = new Map(structs.map((s) => [s.name, s]));
  const out: StructDef[] = [];
  const seen = new Set<string>();
  const visit = (s: StructDef) => {
    if (seen.has(s.name)) return;
    seen.add(s.name);
    for (const f of s.fields) {
      for (const t of [f.type, ...(f.cUnion ?? []).map((m) => m.type)]) {
        const dep = byName.get(t);
        if (dep) visit(dep);
      }
    }
    out.push(s);
  };
  structs.forEach(visit);
  return out;
}

/** How abigen annotates a parameter (spec §4.3): the handle's ownership; bare input handles are `handle_use`. */
function paramAttr(lm: LinkedModel, p: ParamDef): string | undefined {
  const isHandle = lm.types.get(p.type)?.kind === 'handle';
  if (p.handle && p.handle.field === undefined && p.handle.ownership !== 'use') return `handle_${p.handle.ownership}`;
  if (isHandle && p.count === undefined && p.dir === 'in') return 'handle_use';
  return undefined;
}

function paramText(lm: LinkedModel, p: ParamDef): string {
  const t = lm.types.get(p.type);
  const byPointer = p.count !== undefined || p.dir !== 'in' || t === undefined || t.kind === 'any' || t.kind === 'opaque' || t.kind === 'struct';
  const attr = paramAttr(lm, p);
  const decl = `${byPointer && p.dir === 'in' ? 'const ' : ''}${cType(p.type)}${byPointer ? '*' : ''} ${p.name}`;
  return attr ? `ZX_SYSCALL_PARAM_ATTR(${attr}) ${decl}` : decl;
}

const ATTRIBUTE_MACROS: Readonly<Partial<Record<SyscallDef['attributes'][number], string>>> = {
  noreturn: '__NO_RETURN',
  const: '__CONST',
  deprecated: '__DEPRECATE',
};

/**
 * The two declarations of a public syscall (`zx_` and its `_zx_` twin), as abigen shapes them
 * (spec §4.2), each imported from the wasm module `zx` under the syscall's own name.
 * `__NONNULL` lists the single out-parameters that are not optional.
 */
export function prototypes(lm: LinkedModel, sc: SyscallDef): string {
  const params = sc.params.map((p) => paramText(lm, p));
  const nonnull = sc.params.flatMap((p, i) => (p.dir === 'out' && p.count === undefined && !p.optional ? [i + 1] : []));
  const trailing = [
    ...(nonnull.length ? [`__NONNULL((${nonnull.join(', ')}))`] : []),
    '__LEAF_FN',
    ...sc.attributes.flatMap((a) => ATTRIBUTE_MACROS[a] ?? []),
    `__ZX_WASM_IMPORT("${WASM_IMPORT_MODULE}", "${sc.name}")`,
  ].join(' ');
  const list = params.length ? params.map((p) => `    ${p}`).join(',\n') : '    void';
  return [stubName(sc), twinName(sc)].map((name) => `extern ${sc.returns} ${name}(\n${list}) ${trailing};\n`).join('\n');
}

/**
 * `zx_status_get_string` and its twin, from the status table: one static string per code.
 * Static inline rather than a generated .c file: a program needs no second object or link step,
 * so `zxkit cc` stays one plain clang call and any build that includes the header has it. (In
 * Zircon it is a vDSO export; a wasm module has nothing to export it from.)
 */
export function statusStrings(statuses: readonly ConstantDef[]): string {
  const cases = statuses.map((c) => `    case ${c.name}: return "${c.name}";`);
  const fn = (name: string) => [
    `static inline const char* ${name}(zx_status_t status) {`,
    '    switch (status) {',
    ...cases,
    '    default: return "(UNKNOWN)";',
    '    }',
    '}',
  ].join('\n');
  return `${fn(stubName('status_get_string'))}\n\n${fn(twinName('status_get_string'))}`;
}
