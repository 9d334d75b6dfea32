// Little-endian decoders and encoders for the plain-data structs of types.yaml, one pair per
// struct, straight from the field offsets. Structs with pointer fields have no byte form in
// this ABI (their pointers are JavaScript references) and get none.
import { StructureKind, type FunctionDeclarationStructure } from 'ts-morph';
import type { Model, StructDef, StructField } from '../model.js';
import type { TypeIndex } from '../ts-types.js';
import { provenance } from '../names.js';
import { decoderName, encoderName } from './names.js';

/** Structs that can be read from and written to bytes. */
export function byteStructs(model: Model): StructDef[] {
  return model.structs.filter((s) => s.fields.every((f) => f.pointer === undefined));
}

interface Access {
  get: (off: string) => string;
  set: (off: string, v: string) => string;
  zero: string;
}

/** DataView access for one scalar of `type`; undefined for types that have no byte form. */
function access(ix: TypeIndex, type: string): Access | undefined {
  const t = ix.scalars.get(type);
  switch (t?.kind) {
    case 'int': {
      const sign = t.signed ? 'Int' : 'Uint';
      if (t.bits === 8) return { get: (o) => `v.get${sign}8(${o})`, set: (o, x) => `v.set${sign}8(${o}, ${x})`, zero: '0' };
      if (t.bits !== 64) return { get: (o) => `v.get${sign}${t.bits}(${o}, true)`, set: (o, x) => `v.set${sign}${t.bits}(${o}, ${x}, true)`, zero: '0' };
      if (t.js === 'bigint') return { get: (o) => `v.getBig${sign}64(${o}, true)`, set: (o, x) => `v.setBig${sign}64(${o}, ${x}, true)`, zero: '0n' };
      return { get: (o) => `Number(v.getBig${sign}64(${o}, true))`, set: (o, x) => `v.setBig${sign}64(${o}, BigInt(${x}), true)`, zero: '0' };
    }
    case 'handle':
      return { get: (o) => `v.getUint32(${o}, true)`, set: (o, x) => `v.setUint32(${o}, ${x}, true)`, zero: '0' };
    case 'bool':
      return { get: (o) => `v.getUint8(${o}) !== 0`, set: (o, x) => `v.setUint8(${o}, ${x} ? 1 : 0)`, zero: 'false' };
    case 'char':
      return { get: (o) => `v.getUint8(${o})`, set: (o, x) => `v.setUint8(${o}, ${x})`, zero: '0' };
    default:
      return undefined;
  }
}

function isByteArray(ix: TypeIndex, f: StructField): boolean {
  const t = ix.scalars.get(f.type);
  return f.count !== undefined && (t?.kind === 'any' || t?.kind === 'char' || (t?.kind === 'int' && t.bits === 8));
}

function sizeOf(ix: TypeIndex, model: Model, type: string): number {
  const s = model.structs.find((x) => x.name === type);
  if (s) return s.size;
  const t = ix.scalars.get(type);
  if (t?.kind === 'int') return t.bits / 8;
  return t?.kind === 'handle' ? 4 : 1;
}

function fieldRead(ix: TypeIndex, model: Model, f: StructField): string {
  const off = f.offset ? `offset + ${f.offset}` : 'offset';
  if (isByteArray(ix, f)) return `bytes.slice(${off}, ${off} + ${f.count})`;
  const nested = model.structs.some((s) => s.name === f.type);
  const one = (o: string) => (nested ? `${decoderName(f.type)}(bytes, ${o})` : access(ix, f.type)!.get(o));
  if (f.count === undefined) return one(off);
  const step = sizeOf(ix, model, f.type);
  return `Array.from({ length: ${f.count} }, (_, i) => ${one(`${off} + i * ${step}`)})`;
}

function fieldWrite(ix: TypeIndex, model: Model, f: StructField): string {
  const off = f.offset ? `offset + ${f.offset}` : 'offset';
  const val = `value.${f.name}`;
  if (isByteArray(ix, f)) return `bytes.set(${val}.subarray(0, ${f.count}), ${off});`;
  const nested = model.structs.some((s) => s.name === f.type);
  const one = (o: string, x: string) => (nested ? `${encoderName(f.type)}(${x}, bytes, ${o});` : `${access(ix, f.type)!.set(o, x)};`);
  if (f.count === undefined) return one(off, val);
  const step = sizeOf(ix, model, f.type);
  return `for (let i = 0; i < ${f.count}; i++) ${one(`${off} + i * ${step}`, `${val}[i]`)}`;
}

/** Whether every field of a byte struct has a byte form (nested structs count if they do). */
function codable(ix: TypeIndex, model: Model, s: StructDef): boolean {
  return s.fields.every((f) =>
    isByteArray(ix, f) || model.structs.some((x) => x.name === f.type && x.fields.every((g) => g.pointer === undefined)) || access(ix, f.type) !== undefined);
}

export function codecStructs(ix: TypeIndex, model: Model): StructDef[] {
  return byteStructs(model).filter((s) => codable(ix, model, s));
}

export function structCodecs(ix: TypeIndex, model: Model): FunctionDeclarationStructure[] {
  const out: FunctionDeclarationStructure[] = [];
  for (const s of codecStructs(ix, model)) {
    const where = provenance('struct', s.name, s.source);
    const needsView = s.fields.some((f) => !isByteArray(ix, f) && !model.structs.some((x) => x.name === f.type));
    const view = needsView ? ['const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);'] : [];
    out.push({
      kind: StructureKind.Function,
      isExported: true,
      name: decoderName(s.name),
      docs: [`Read a \`${s.name}\` (${s.size} bytes, little-endian) at \`offset\` of \`bytes\`.\n${where}`],
      parameters: [{ name: 'bytes', type: 'Uint8Array' }, { name: 'offset', initializer: '0' }],
      returnType: s.name,
      statements: [
        `if (bytes.length < offset + ${s.size}) throw new RangeError(\`${s.name} needs ${s.size} bytes at offset \${offset}, got \${bytes.length}\`);`,
        ...view,
        `return {\n${s.fields.map((f) => `  ${f.name}: ${fieldRead(ix, model, f)},`).join('\n')}\n};`,
      ],
    });
    out.push({
      kind: StructureKind.Function,
      isExported: true,
      name: encoderName(s.name),
      docs: [`Write a \`${s.name}\` (${s.size} bytes, little-endian) at \`offset\` of \`bytes\` (a new buffer by default); padding is left as it was.\n${where}`],
      parameters: [
        { name: 'value', type: s.name },
        { name: 'bytes', type: 'Uint8Array', initializer: `new Uint8Array(${s.size})` },
        { name: 'offset', initializer: '0' },
      ],
      returnType: 'Uint8Array',
      statements: [
        `if (bytes.length < offset + ${s.size}) throw new RangeError(\`${s.name} needs ${s.size} bytes at offset \${offset}, got \${bytes.length}\`);`,
        ...view,
        ...s.fields.map((f) => fieldWrite(ix, model, f)),
        'return bytes;',
      ],
    });
  }
  return out;
}
