// Malformed definition inputs for the generator and the abigen importer. A case is built from
// a recipe (plain data that fast-check generates and shrinks) applied to a clean base: zxkit's
// types.yaml and abigen-types.yaml plus one family file of defs/, its see_also removed so the
// base loads on its own. Recipes cover YAML syntax errors, wrong types at every key, unknown
// names, duplicates, arrays sized by missing parameters and cycles, huge and deeply nested
// documents, binary garbage, and truncated or damaged .abigen files.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { exportAbigen } from '../../generator/abigen/export.js';
import { formatDiagnostic } from '../../generator/diagnostics.js';
import { defsSources, loadModel, packageRoot } from '../../generator/pipeline.js';
import type { SourceFile } from '../../generator/load.js';

export interface DefsCase {
  readonly kind: string;
  /** Definition files (loadModel input) or, for abigen cases, one .abigen text. */
  readonly sources: readonly SourceFile[];
  readonly abigen?: string;
}

export interface Base {
  readonly family: string;
  readonly sources: readonly SourceFile[];
}

/** Clean bases: every family of defs/ with its shared types, each loading without error. */
export function loadBases(defsDir = join(packageRoot(), 'defs')): Base[] {
  const read = (name: string): SourceFile => ({ path: `defs/${name}.yaml`, stem: name, text: readFileSync(join(defsDir, `${name}.yaml`), 'utf8') });
  const types = read('types');
  const abigenTypes = read('abigen-types');
  const families = (JSON.parse(readFileSync(join(defsDir, 'syscalls.lock.json'), 'utf8')) as { numbers: Record<string, number> }).numbers;
  const stems = [...new Set(Object.keys(families).map((n) => n.split('_')[0]!))].sort();
  const bases: Base[] = [];
  for (const stem of stems) {
    let src: SourceFile;
    try {
      src = read(stem);
    } catch {
      continue;
    }
    const doc = parseDocument(src.text, { intAsBigInt: true });
    const scs = doc.get('syscalls');
    if (isMap(scs)) for (const item of scs.items) if (isMap(item.value)) item.value.delete('see_also');
    const family = { ...src, text: doc.toString() };
    const sources = [types, abigenTypes, family];
    if (loadModel(sources).model) bases.push({ family: stem, sources });
  }
  if (bases.length === 0) throw new Error('no clean base for the definitions fuzzer');
  return bases;
}

/**
 * The clean .abigen text that abigen recipes damage: zxkit's own definitions exported to the
 * abigen format, so the fuzzer needs nothing outside the repository and a seed replays the
 * same inputs on every machine.
 */
export function loadAbigen(defsDir = join(packageRoot(), 'defs')): string {
  const { model, diagnostics } = loadModel(defsSources(defsDir));
  if (!model) throw new Error(`the definitions do not load: ${diagnostics.map(formatDiagnostic).join('; ')}`);
  return exportAbigen(model, { source: 'defs' });
}

// ---- recipes ---------------------------------------------------------------------------------

const TOKENS = [
  '\t', ':', ': ', '- ', '[', ']', '{', '}', '"', "'", '&x ', '*x', '!!int ', '!!binary ', '!!map ', '%YAML 1.2\n',
  '---\n', '...\n', '? ', '|', '>', '#', '@', '`', ',', '\u0000', '\uFEFF', '\uD800', 'ZX_', '0x', '-1', '1e999',
  '.nan', 'null', '~', '<<: *x\n', '\n', '\n  ', '\n- ', 'syscalls:\n', 'count: ', 'type: ', '  ', '\r',
];
const WORDS = ['ZX_RIGHT_WRTE', 'ZX_ERR_NOPE', 'zx_handle_tt', 'no_such_param', 'ZX_OBJ_TYPE_SOKET', 'uint33_t', 'socket_nope', 'x', '', 'ZX_OK', 'any', 'zx_wait_item_t'];
const WRONG = [42, -1, 1.5, 'text', true, null, [1, 'a'], { a: 1 }, [], {}, 2 ** 64, 'ZX_RIGHT_READ'];

export type Recipe =
  | { readonly op: 'truncate' | 'insert' | 'delete' | 'indent' | 'dupline' | 'word'; readonly base: number; readonly types: boolean; readonly at: number; readonly n: number }
  | { readonly op: 'wrongType' | 'dropKey' | 'unknownKey' | 'unknownName' | 'swapSibling'; readonly base: number; readonly types: boolean; readonly at: number; readonly n: number }
  | { readonly op: 'dupSyscall' | 'countMissing' | 'countSelf' | 'countCycle' | 'constCycle' | 'constUnknown'; readonly base: number; readonly at: number }
  | { readonly op: 'nested'; readonly depth: number; readonly flow: boolean }
  | { readonly op: 'huge'; readonly n: number; readonly what: 'syscalls' | 'string' | 'constants' | 'aliases' }
  | { readonly op: 'garbage'; readonly bytes: Uint8Array; readonly utf8: boolean }
  | { readonly op: 'shapes'; readonly which: number }
  | { readonly op: 'abigenTruncate' | 'abigenInsert' | 'abigenDelete'; readonly at: number; readonly n: number; readonly from: number; readonly len: number }
  | { readonly op: 'abigenTruncateWhole'; readonly at: number }
  | { readonly op: 'abigenGarbage'; readonly bytes: Uint8Array };

const nat = fc.nat({ max: 0x7fffffff });
const baseIdx = fc.nat({ max: 1000 });

export const recipeArbitrary: fc.Arbitrary<Recipe> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constantFrom('truncate', 'insert', 'delete', 'indent', 'dupline', 'word'), base: baseIdx, types: fc.boolean(), at: nat, n: nat }) },
  { weight: 8, arbitrary: fc.record({ op: fc.constantFrom('wrongType', 'dropKey', 'unknownKey', 'unknownName'), base: baseIdx, types: fc.boolean(), at: nat, n: nat }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('swapSibling' as const), base: baseIdx, types: fc.boolean(), at: nat, n: nat }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constantFrom('dupSyscall', 'countMissing', 'countSelf', 'countCycle', 'constCycle', 'constUnknown'), base: baseIdx, at: nat }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('nested' as const), depth: fc.integer({ min: 50, max: 5000 }), flow: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('huge' as const), n: fc.integer({ min: 100, max: 800 }), what: fc.constantFrom('syscalls', 'string', 'constants', 'aliases') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('garbage' as const), bytes: fc.uint8Array({ maxLength: 400 }), utf8: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('shapes' as const), which: nat }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('abigenTruncate', 'abigenInsert', 'abigenDelete'), at: nat, n: nat, from: nat, len: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('abigenTruncateWhole' as const), at: nat }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('abigenGarbage' as const), bytes: fc.uint8Array({ maxLength: 400 }) }) },
) as fc.Arbitrary<Recipe>;

// ---- building a case -------------------------------------------------------------------------

type Path = (string | number)[];

/** Every path to a node (map value, sequence item) of a document, in document order. */
function nodePaths(doc: Document): Path[] {
  const out: Path[] = [];
  const walk = (node: unknown, path: Path): void => {
    if (isMap(node)) {
      for (const item of node.items) {
        const k = isScalar(item.key) ? item.key.value : item.key;
        if (typeof k !== 'string' && typeof k !== 'number') continue;
        out.push([...path, k]);
        walk(item.value, [...path, k]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        out.push([...path, i]);
        walk(item, [...path, i]);
      });
    }
  };
  walk(doc.contents, []);
  return out;
}

const edit = (src: SourceFile, text: string): SourceFile => ({ ...src, text });

function replaceAt(bases: readonly Base[], r: { base: number; types?: boolean }, f: (src: SourceFile) => SourceFile): SourceFile[] {
  const base = bases[r.base % bases.length]!;
  const i = r.types ? 0 : 2;
  return base.sources.map((s, j) => (j === i ? f(s) : s));
}

/** Parsed base files, cloned for each edit (parsing types.yaml again each time costs more). */
const parsed = new Map<string, Document>();
function docEdit(src: SourceFile, f: (doc: Document) => void): SourceFile {
  let base = parsed.get(src.text);
  if (base === undefined) parsed.set(src.text, (base = parseDocument(src.text, { intAsBigInt: true })));
  const doc = base.clone();
  f(doc);
  return edit(src, doc.toString());
}

function syscallsOf(doc: Document): { name: string; params: { name?: unknown; count?: unknown }[] }[] {
  const scs = doc.toJS({ maxAliasCount: -1 })?.syscalls ?? {};
  return Object.entries(scs as Record<string, { params?: { name?: unknown; count?: unknown }[] }>).map(([name, sc]) => ({ name, params: sc?.params ?? [] }));
}

/** Generalised key path: names under maps of names become `*`, list indices `#`. */
function signature(path: Path): string {
  const out: string[] = [];
  path.forEach((k, i) => {
    const parent = path[i - 1];
    if (typeof k === 'number') out.push('#');
    else if (parent === 'syscalls' || parent === 'types' || parent === 'structs' || parent === 'constants' || parent === 'values') out.push('*');
    else out.push(k);
  });
  return out.join('.');
}

/**
 * Deterministic sweep: for every distinct key of a family file and of types.yaml (by
 * generalised path), one input with a wrong-typed value there and one with the key removed.
 */
export function everyKeyCases(bases: readonly Base[], families: readonly string[] = ['socket', 'channel', 'handle', 'object', 'port', 'vmo']): DefsCase[] {
  const out: DefsCase[] = [];
  const seen = new Set<string>();
  for (const base of bases.filter((b) => families.includes(b.family))) {
    for (const i of [0, 2]) {
      const src = base.sources[i]!;
      const doc = parseDocument(src.text, { intAsBigInt: true });
      for (const path of nodePaths(doc)) {
        const sig = `${i === 0 ? 'types' : 'family'}:${signature(path)}`;
        if (seen.has(sig)) continue;
        seen.add(sig);
        const kind = (v: unknown) => (Array.isArray(v) ? 'list' : v === null ? 'null' : typeof v === 'bigint' ? 'number' : typeof v);
        const old = kind(doc.getIn(path));
        const wrong = WRONG.find((v) => kind(v) !== old)!;
        const sources = (f: (d: Document) => void) => base.sources.map((s, j) => (j === i ? docEdit(s, f) : s));
        out.push({ kind: `every-key-type ${sig}`, sources: sources((d) => d.setIn(path, d.createNode(wrong))) });
        out.push({ kind: `every-key-drop ${sig}`, sources: sources((d) => d.deleteIn(path)) });
      }
    }
  }
  return out;
}

let declStarts: number[] | undefined;
/** `len` consecutive declarations of the .abigen text, from the `from`-th (mod the count). */
function declarations(abigen: string, from: number, len: number): string {
  if (!declStarts) {
    declStarts = [];
    const re = /^(#\^|syscall )/gm;
    let prevSyscall = -1;
    for (let m = re.exec(abigen); m !== null; m = re.exec(abigen)) {
      // A declaration starts at its first doc comment line, or at `syscall` if it has none.
      if (m[1] === '#^' && prevSyscall >= 0 && abigen.lastIndexOf('\nsyscall ', m.index) < prevSyscall) continue;
      declStarts.push(m.index);
      prevSyscall = m.index;
    }
  }
  const i = from % declStarts.length;
  const end = declStarts[i + len] ?? abigen.length;
  return abigen.slice(declStarts[i], end);
}

export function buildCase(bases: readonly Base[], abigen: string, r: Recipe): DefsCase {
  switch (r.op) {
    case 'truncate':
      return { kind: r.op, sources: replaceAt(bases, r, (s) => edit(s, s.text.slice(0, r.at % (s.text.length + 1)))) };
    case 'insert':
      return { kind: r.op, sources: replaceAt(bases, r, (s) => { const at = r.at % (s.text.length + 1); return edit(s, s.text.slice(0, at) + TOKENS[r.n % TOKENS.length] + s.text.slice(at)); }) };
    case 'delete':
      return { kind: r.op, sources: replaceAt(bases, r, (s) => { const at = r.at % (s.text.length + 1); return edit(s, s.text.slice(0, at) + s.text.slice(at + 1 + (r.n % 60))); }) };
    case 'indent':
    case 'dupline':
      return {
        kind: r.op,
        sources: replaceAt(bases, r, (s) => {
          const lines = s.text.split('\n');
          const i = r.at % lines.length;
          if (r.op === 'dupline') lines.splice(i, 0, lines[(i + (r.n % 7)) % lines.length]!);
          else lines[i] = r.n % 2 ? ' '.repeat(1 + (r.n % 5)) + lines[i] : lines[i]!.slice(1 + (r.n % 3));
          return edit(s, lines.join('\n'));
        }),
      };
    case 'word':
      return {
        kind: r.op,
        sources: replaceAt(bases, r, (s) => {
          const words = [...s.text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)];
          if (words.length === 0) return s;
          const w = words[r.at % words.length]!;
          const by = r.n % 3 === 0 ? WORDS[r.n % WORDS.length]! : words[r.n % words.length]![0];
          return edit(s, s.text.slice(0, w.index) + by + s.text.slice(w.index! + w[0].length));
        }),
      };
    case 'swapSibling':
      // A value replaced by another value the file uses under the same key (a type for a type,
      // a field for a field, a parameter for a parameter): plausible, and often wrong.
      return {
        kind: r.op,
        sources: replaceAt(bases, r, (s) =>
          docEdit(s, (doc) => {
            const leaves = nodePaths(doc).filter((p) => ['string', 'number', 'bigint', 'boolean'].includes(typeof doc.getIn(p)));
            if (leaves.length === 0) return;
            const path = leaves[r.at % leaves.length]!;
            const key = path[path.length - 1];
            const same = leaves.filter((p) => p[p.length - 1] === key || (typeof key === 'number' && typeof p[p.length - 1] === 'number' && p[p.length - 2] === path[path.length - 2]));
            doc.setIn(path, doc.getIn(same[r.n % same.length]!));
          }),
        ),
      };
    case 'wrongType':
    case 'dropKey':
    case 'unknownKey':
    case 'unknownName':
      return {
        kind: r.op,
        sources: replaceAt(bases, r, (s) =>
          docEdit(s, (doc) => {
            const paths = nodePaths(doc);
            if (paths.length === 0) return;
            let path = paths[r.at % paths.length]!;
            if (r.op === 'unknownName') {
              const strings = paths.filter((p) => typeof doc.getIn(p) === 'string');
              if (strings.length === 0) return;
              path = strings[r.at % strings.length]!;
              const old = doc.getIn(path) as string;
              doc.setIn(path, r.n % 2 ? `${old}X` : WORDS[r.n % WORDS.length]);
            } else if (r.op === 'wrongType') {
              const kind = (x: unknown) => (Array.isArray(x) ? 'list' : x === null ? 'null' : typeof x === 'bigint' ? 'number' : typeof x);
              const old = kind(doc.getIn(path));
              let v = WRONG[r.n % WRONG.length];
              for (let k = 1; kind(v) === old && k < WRONG.length; k++) v = WRONG[(r.n + k) % WRONG.length];
              doc.setIn(path, doc.createNode(v));
            } else if (r.op === 'dropKey') {
              doc.deleteIn(path);
            } else {
              const parent = path.slice(0, -1);
              const target = parent.length === 0 ? doc.contents : doc.getIn(parent, true);
              if (isMap(target)) target.set(`unknown_${r.n % 5}`, 1);
            }
          }),
        ),
      };
    case 'dupSyscall': {
      const base = bases[r.base % bases.length]!;
      const fam = base.sources[2]!;
      const other = bases[(r.base + 1 + (r.at % Math.max(1, bases.length - 1))) % bases.length]!.sources[2]!;
      // The same family twice under another file name, or another family's file mixed in.
      const dup = r.at % 2 === 0 ? { path: 'defs/dup.yaml', stem: 'dup', text: fam.text } : { ...other, path: 'defs/zz.yaml', stem: 'zz', text: `${fam.text}\n${other.text}` };
      return { kind: r.op, sources: [...base.sources, dup] };
    }
    case 'countMissing':
    case 'countSelf':
    case 'countCycle':
      return {
        kind: r.op,
        sources: replaceAt(bases, r, (s) =>
          docEdit(s, (doc) => {
            const scs = syscallsOf(doc).filter((sc) => sc.params.length > 0);
            if (scs.length === 0) return;
            const sc = scs[r.at % scs.length]!;
            const i = (r.at >>> 8) % sc.params.length;
            const j = (i + 1) % sc.params.length;
            const name = String(sc.params[i]!.name);
            const other = String(sc.params[j]!.name);
            const at = (k: number) => ['syscalls', sc.name, 'params', k, 'count'];
            if (r.op === 'countMissing') doc.setIn(at(i), r.at % 2 ? 'no_such_param' : `${other}*missing_one`);
            else if (r.op === 'countSelf') doc.setIn(at(i), name);
            else {
              doc.setIn(at(i), other);
              doc.setIn(at(j), name);
            }
          }),
        ),
      };
    case 'constCycle':
    case 'constUnknown':
      return {
        kind: r.op,
        sources: replaceAt(bases, { base: r.base, types: true }, (s) =>
          docEdit(s, (doc) => {
            const groups = Object.entries((doc.toJS({ maxAliasCount: -1 })?.constants ?? {}) as Record<string, { values?: Record<string, unknown> }>);
            const g = groups[r.at % groups.length];
            if (!g) return;
            const names = Object.keys(g[1].values ?? {});
            if (names.length === 0) return;
            const a = names[(r.at >>> 4) % names.length]!;
            const b = names[(r.at >>> 9) % names.length]!;
            const at = (n: string) => ['constants', g[0], 'values', n];
            if (r.op === 'constUnknown') doc.setIn(at(a), doc.createNode([b, 'ZX_NO_SUCH_CONSTANT']));
            else {
              doc.setIn(at(a), doc.createNode([b]));
              doc.setIn(at(b), doc.createNode([a]));
            }
          }),
        ),
      };
    case 'nested': {
      const text = r.flow ? `syscalls: ${'['.repeat(r.depth)}${']'.repeat(r.depth)}\n` : `syscalls:\n${Array.from({ length: r.depth }, (_, i) => `${' '.repeat(2 * i + 2)}a${i}:`).join('\n')} 1\n`;
      return { kind: r.op, sources: [bases[0]!.sources[0]!, { path: 'defs/nested.yaml', stem: 'nested', text }] };
    }
    case 'huge': {
      let text: string;
      if (r.what === 'syscalls') {
        text = `syscalls:\n${Array.from({ length: r.n }, (_, i) => `  s${i}:\n    summary: S.\n    params: [{ name: h, type: zx_handle_t }, { name: b, type: any, count: n${i % 7 === 0 ? 'x' : ''} }, { name: n, type: size_t }]\n    description: d\n    return_value: r\n    errors: [{ status: ZX_ERR_BAD_HANDLE, text: t }]`).join('\n')}\n`;
      } else if (r.what === 'string') {
        text = `syscalls:\n  s:\n    summary: ${'x'.repeat(r.n * 1000)}\n    description: 1\n`;
      } else if (r.what === 'constants') {
        text = `constants:\n  big:\n    kind: misc\n    type: uint32_t\n    values:\n${Array.from({ length: r.n }, (_, i) => `      ZX_FUZZ_${i}: ${i % 11 === 0 ? `[ZX_FUZZ_${i + 1}]` : i}`).join('\n')}\n`;
      } else {
        const levels = Math.min(12, 3 + (r.n % 10));
        text = `a0: &a0 [x, x, x, x, x, x, x, x]\n${Array.from({ length: levels }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}]`).join('\n')}\nsyscalls: *a${levels}\n`;
      }
      return { kind: `huge-${r.what}`, sources: [bases[0]!.sources[0]!, { path: 'defs/huge.yaml', stem: 'huge', text }] };
    }
    case 'garbage': {
      const text = r.utf8 ? new TextDecoder().decode(r.bytes) : Buffer.from(r.bytes).toString('latin1');
      return { kind: r.op, sources: [bases[0]!.sources[0]!, { path: 'defs/garbage.yaml', stem: 'garbage', text }] };
    }
    case 'shapes': {
      const SHAPES = ['', '   \n\n', '# only a comment\n', '42\n', '- a\n- b\n', '"text"\n', 'syscalls: 3\n', 'syscalls: [1, 2]\n', 'syscalls:\n  "": {}\n', 'types: {}\nsyscalls: {}\nextra: 1\n', 'syscalls:\n  x: null\n', '---\n---\nsyscalls: {}\n', 'syscalls:\n  Bad-Name:\n    summary: S.\n    description: d\n    return_value: r\n', '? [a]\n: b\n', 'syscalls: !!binary aGVsbG8=\n', '&a [*a]\n', 'a: *undefined_alias\n'];
      return { kind: r.op, sources: [bases[0]!.sources[0]!, { path: 'defs/shape.yaml', stem: 'shape', text: SHAPES[r.which % SHAPES.length]! }] };
    }
    case 'abigenTruncateWhole':
      return { kind: r.op, sources: [], abigen: abigen.slice(0, r.at % (abigen.length + 1)) };
    case 'abigenTruncate':
    case 'abigenInsert':
    case 'abigenDelete': {
      // A run of whole declarations of the real file (the header comment included), then damaged.
      const text = declarations(abigen, r.from, r.len);
      const at = r.at % (text.length + 1);
      if (r.op === 'abigenTruncate') return { kind: r.op, sources: [], abigen: text.slice(0, at) };
      if (r.op === 'abigenDelete') return { kind: r.op, sources: [], abigen: text.slice(0, at) + text.slice(at + 1 + (r.n % 40)) };
      const tok = ['(', ')', ';', ',', ':', '[', ']', '#^', '#!', 'syscall ', 'returns ', '\n', 'handle_acquire', '*', 'IN', 'OUT', '\u0000', '{', '"'][r.n % 19]!;
      return { kind: r.op, sources: [], abigen: text.slice(0, at) + tok + text.slice(at) };
    }
    case 'abigenGarbage':
      return { kind: r.op, sources: [], abigen: Buffer.from(r.bytes).toString('latin1') };
  }
}
