// Little-endian struct codecs for generated/structs.ts, one decoder/encoder pair per struct and
// data model, written from the layouts of layout.ts. Structs with pointer fields have no byte
// form in the TypeScript view (their pointers are JavaScript references) and get none; their
// layouts are still listed, for bindings that marshal them field by field.
import { DATA_MODELS, modelLayouts, NATIVE_MODEL, scalarExtent, type DataModel, type StructLayout } from './layout.js';
import type { Model, StructDef, StructField } from './model.js';
import { provenance } from './names.js';
import type { TypeIndex } from './ts-types.js';
import { isByteType } from './query.js';

/** Codec names. The native (LP64) pair keeps the plain names; others carry their model. */
export const decoderName = (struct: string, model: DataModel = NATIVE_MODEL): string =>
  `decode_${struct}${model === NATIVE_MODEL ? '' : `_${model}`}`;
export const encoderName = (struct: string, model: DataModel = NATIVE_MODEL): string =>
  `encode_${struct}${model === NATIVE_MODEL ? '' : `_${model}`}`;

interface Access {
  get: (off: string) => string;
  set: (off: string, v: string) => string;
}

/** DataView access for one scalar of `type` in `model`; undefined for types with no byte form. */
function access(ix: TypeIndex, type: string, model: DataModel): Access | undefined {
  const t = ix.scalars.get(type);
  switch (t?.kind) {
    case 'int': {
      const sign = t.signed ? 'Int' : 'Uint';
      const bits = scalarExtent(t, model)!.size * 8;
      if (bits === 8) return { get: (o) => `v.get${sign}8(${o})`, set: (o, x) => `v.set${sign}8(${o}, ${x})` };
      if (bits !== 64) {
        // A pointer-sized value that is a bigint in TypeScript, on a 32-bit model.
        const big = t.js === 'bigint';
        return {
          get: (o) => (big ? `BigInt(v.get${sign}${bits}(${o}, true))` : `v.get${sign}${bits}(${o}, true)`),
          set: (o, x) => `v.set${sign}${bits}(${o}, ${big ? `Number(${x})` : x}, true)`,
        };
      }
      if (t.js === 'bigint') return { get: (o) => `v.getBig${sign}64(${o}, true)`, set: (o, x) => `v.setBig${sign}64(${o}, ${x}, true)` };
      return { get: (o) => `Number(v.getBig${sign}64(${o}, true))`, set: (o, x) => `v.setBig${sign}64(${o}, BigInt(${x}), true)` };
    }
    case 'handle':
      return { get: (o) => `v.getUint32(${o}, true)`, set: (o, x) => `v.setUint32(${o}, ${x}, true)` };
    case 'bool':
      return { get: (o) => `v.getUint8(${o}) !== 0`, set: (o, x) => `v.setUint8(${o}, ${x} ? 1 : 0)` };
    case 'char':
      return { get: (o) => `v.getUint8(${o})`, set: (o, x) => `v.setUint8(${o}, ${x})` };
    default:
      return undefined;
  }
}

function isByteArray(ix: TypeIndex, f: StructField): boolean {
  return f.count !== undefined && isByteType(ix.scalars.get(f.type));
}

/** Everything the printers need for one data model. */
interface ModelView {
  readonly model: DataModel;
  readonly ix: TypeIndex;
  readonly structs: ReadonlyMap<string, StructDef>;
  readonly layouts: ReadonlyMap<string, StructLayout>;
}

const at = (off: number): string => (off ? `offset + ${off}` : 'offset');

function fieldRead(m: ModelView, f: StructField, i: number, l: StructLayout): string {
  const { offset, element } = l.fields[i]!;
  if (isByteArray(m.ix, f)) return `bytes.slice(${at(offset)}, ${at(offset)} + ${f.count})`;
  const one = (o: string) => (m.structs.has(f.type) ? `${decoderName(f.type, m.model)}(bytes, ${o})` : access(m.ix, f.type, m.model)!.get(o));
  if (f.count === undefined) return one(at(offset));
  return `Array.from({ length: ${f.count} }, (_, i) => ${one(`${at(offset)} + i * ${element.size}`)})`;
}

function fieldWrite(m: ModelView, f: StructField, i: number, l: StructLayout): string {
  const { offset, element } = l.fields[i]!;
  const val = `value.${f.name}`;
  if (isByteArray(m.ix, f)) return `bytes.set(${val}.subarray(0, ${f.count}), ${at(offset)});`;
  const one = (o: string, x: string) => (m.structs.has(f.type) ? `${encoderName(f.type, m.model)}(${x}, bytes, ${o});` : `${access(m.ix, f.type, m.model)!.set(o, x)};`);
  if (f.count === undefined) return one(at(offset), val);
  return `for (let i = 0; i < ${f.count}; i++) ${one(`${at(offset)} + i * ${element.size}`, `${val}[i]`)}`;
}

/** Zero stores for the padding between fields and at the end, as the kernel copies it out. */
function padding(l: StructLayout): string[] {
  const out: string[] = [];
  let end = 0;
  for (const f of [...l.fields, { offset: l.size, size: 0 }]) {
    if (f.offset > end) out.push(`bytes.fill(0, ${at(end)}, ${at(f.offset)});`);
    end = Math.max(end, f.offset + f.size);
  }
  return out;
}

function codable(m: ModelView, s: StructDef, seen = new Set<string>()): boolean {
  if (seen.has(s.name) || !m.layouts.has(s.name)) return false;
  seen.add(s.name);
  return s.fields.every((f) => {
    if (f.pointer !== undefined) return false;
    if (isByteArray(m.ix, f)) return true;
    const nested = m.structs.get(f.type);
    return nested ? codable(m, nested, seen) : access(m.ix, f.type, m.model) !== undefined;
  });
}

/** Whether a struct's bytes differ from the native model's, its own layout or a nested one. */
function differs(native: ModelView, m: ModelView, s: StructDef): boolean {
  const a = native.layouts.get(s.name)!;
  const b = m.layouts.get(s.name)!;
  if (a.size !== b.size || a.fields.some((f, i) => f.offset !== b.fields[i]!.offset || f.size !== b.fields[i]!.size)) return true;
  return s.fields.some((f) => {
    const nested = m.structs.get(f.type);
    return nested !== undefined && differs(native, m, nested);
  });
}

function codecPair(m: ModelView, s: StructDef): string[] {
  const l = m.layouts.get(s.name)!;
  const where = provenance('struct', s.name, s.source);
  const what = `(${l.size} bytes, ${m.model.toUpperCase()} layout, little-endian)`;
  const needsView = s.fields.some((f) => !isByteArray(m.ix, f) && !m.structs.has(f.type));
  const view = needsView ? ['  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);'] : [];
  const guard = `  if (bytes.length < offset + ${l.size}) throw new RangeError(\`${s.name} needs ${l.size} bytes at offset \${offset}, got \${bytes.length}\`);`;
  return [
    [
      `/**\n * Read a \`${s.name}\` ${what} at \`offset\` of \`bytes\`.\n * ${where}\n */`,
      `export function ${decoderName(s.name, m.model)}(bytes: Uint8Array, offset = 0): ${s.name} {`,
      guard,
      ...view,
      '  return {',
      ...s.fields.map((f, i) => `    ${f.name}: ${fieldRead(m, f, i, l)},`),
      '  };',
      '}',
    ].join('\n'),
    [
      `/**\n * Write a \`${s.name}\` ${what} at \`offset\` of \`bytes\`,\n * a new buffer by default. Padding becomes zeros, as the kernel copies a record out.\n * ${where}\n */`,
      `export function ${encoderName(s.name, m.model)}(value: ${s.name}, bytes: Uint8Array = new Uint8Array(${l.size}), offset = 0): Uint8Array {`,
      guard,
      ...view,
      ...s.fields.map((f, i) => `  ${fieldWrite(m, f, i, l)}`),
      ...padding(l).map((x) => `  ${x}`),
      '  return bytes;',
      '}',
    ].join('\n'),
  ];
}

function layoutLiteral(l: StructLayout): string {
  return `{ size: ${l.size}, align: ${l.align}, offsets: { ${l.fields.map((f) => `${f.name}: ${f.offset}`).join(', ')} } }`;
}

export interface StructCodecs {
  /** Declarations of generated/structs.ts, in order. */
  readonly statements: string[];
  /** The native codec function names, which the idiomatic layer uses and re-exports. */
  readonly nativeCodecs: string[];
  /** Type names the statements use. */
  readonly typeNames: string[];
}

/** Everything generated/structs.ts declares: layouts, scalar sizes and codecs, per data model. */
export function structCodecs(ix: TypeIndex, model: Model): StructCodecs {
  const structs = new Map(model.structs.map((s) => [s.name, s]));
  const views = new Map(DATA_MODELS.map((dm) => [dm, { model: dm, ix, structs, layouts: modelLayouts(model, dm) } satisfies ModelView]));
  const native = views.get(NATIVE_MODEL)!;
  const codecs = model.structs.filter((s) => DATA_MODELS.every((dm) => codable(views.get(dm)!, s)));
  const own = (dm: DataModel, s: StructDef): DataModel => (dm === NATIVE_MODEL || !differs(native, views.get(dm)!, s) ? NATIVE_MODEL : dm);
  const statements: string[] = [
    `/** The C data models zxkit lays structs out for: Zircon's own LP64, and wasm32 (ILP32). */\nexport type DataModel = ${DATA_MODELS.map((d) => `'${d}'`).join(' | ')};`,
    '/** A struct in one data model: its size, alignment and field offsets. */\nexport interface StructLayout {\n  readonly size: number;\n  readonly align: number;\n  readonly offsets: { readonly [field: string]: number };\n}',
    [
      "/** Every struct's layout per data model, by C's rules from the field types of defs/types.yaml. */",
      'export const LAYOUTS = {',
      ...DATA_MODELS.flatMap((dm) => [
        `  ${dm}: {`,
        ...model.structs.filter((s) => views.get(dm)!.layouts.has(s.name)).map((s) => `    ${s.name}: ${layoutLiteral(views.get(dm)!.layouts.get(s.name)!)},`),
        '  },',
      ]),
      '} as const satisfies Record<DataModel, Record<string, StructLayout>>;',
    ].join('\n'),
    [
      '/** Bytes of one value of each scalar type per data model (size_t is pointer-sized). */',
      'export const SCALAR_SIZES = {',
      ...DATA_MODELS.flatMap((dm) => [
        `  ${dm}: { ${model.types.filter((t) => t.kind !== 'any' && scalarExtent(t, dm)).map((t) => `${t.name}: ${scalarExtent(t, dm)!.size}`).join(', ')} },`,
      ]),
      '} as const satisfies Record<DataModel, Record<string, number>>;',
    ].join('\n'),
    ...DATA_MODELS.flatMap((dm) => codecs.filter((s) => own(dm, s) === dm).flatMap((s) => codecPair(views.get(dm)!, s))),
    '/** One struct\'s codec in one data model. */\nexport interface StructCodec<T> {\n  readonly size: number;\n  decode(bytes: Uint8Array, offset?: number): T;\n  encode(value: T, bytes?: Uint8Array, offset?: number): Uint8Array;\n}',
    `/** The codec of every struct that has a byte form, by data model. */\nexport interface StructCodecTable {\n${codecs.map((s) => `  readonly ${s.name}: StructCodec<${s.name}>;`).join('\n')}\n}`,
    [
      '/** Codecs by data model; a struct laid out alike in two models shares one pair. */',
      'export const CODECS: { readonly [M in DataModel]: StructCodecTable } = {',
      ...DATA_MODELS.flatMap((dm) => [
        `  ${dm}: {`,
        ...codecs.map((s) => `    ${s.name}: { size: ${views.get(dm)!.layouts.get(s.name)!.size}, decode: ${decoderName(s.name, own(dm, s))}, encode: ${encoderName(s.name, own(dm, s))} },`),
        '  },',
      ]),
      '};',
    ].join('\n'),
  ];
  return {
    statements,
    nativeCodecs: codecs.flatMap((s) => [decoderName(s.name), encoderName(s.name)]),
    typeNames: codecs.map((s) => s.name),
  };
}
