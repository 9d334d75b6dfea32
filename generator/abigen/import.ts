// `zxkit import-abigen`: Zircon's 2018 syscalls.abigen to zxkit definition files.
//
// One YAML file per family (the syscall name's first word: vmo_create -> vmo.yaml), plus
// abigen-types.yaml for the C types zxkit's types.yaml does not know (kept as opaque types so
// nothing is lost). abigen has no prose and no error lists, so description, return_value and
// error texts are placeholders; the errors listed are exactly the statuses the generated
// wrapper itself can return, which the loader requires to be documented.
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildModel, type ParsedFile } from '../build-model.js';
import { didYouMean, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { planStatuses, plans } from '../plan.js';
import { parseSource, readSource, type SourceFile } from '../load.js';
import type { ConstantKind, Model } from '../model.js';
import { loadModel, packageRoot } from '../load-model.js';
import { validateShape } from '../validate.js';
import { commitFiles } from '../write.js';
import { parseAbigen, type AbigenParam, type AbigenSentence, type AbigenSyscall, type Pos } from './parse.js';
import { TODO_MARKER } from '../names.js';

export interface ImportedFile {
  /** File name inside the output folder, e.g. `vmo.yaml`. */
  readonly path: string;
  readonly content: string;
}

export interface ImportResult {
  readonly files: ImportedFile[];
  readonly diagnostics: Diagnostic[];
}

/** The placeholder for everything abigen does not say (the 2018 docs tool's stub text). */
/** File holding the C types zxkit's own types.yaml lacks. Never `types.yaml`: zxkit adds its
 *  shared types.yaml only to folders that have none. */
export const ABIGEN_TYPES_FILE = 'abigen-types.yaml';
const SCHEMA_LINE = '# yaml-language-server: $schema=../generated/defs.schema.json';
const BUILTIN_TYPES = ['any', 'void'];
/** Order of generated error entries: Zircon's usual lookup order. */
const STATUS_ORDER = ['ZX_ERR_BAD_HANDLE', 'ZX_ERR_WRONG_TYPE', 'ZX_ERR_ACCESS_DENIED', 'ZX_ERR_INVALID_ARGS', 'ZX_ERR_OUT_OF_RANGE'];

/** What zxkit's shared vocabulary already defines. */
export interface Vocabulary {
  readonly source: SourceFile;
  readonly types: ReadonlySet<string>;
  readonly structs: ReadonlyMap<string, readonly string[]>;
  readonly constants: ReadonlyMap<string, ConstantKind>;
}

let cachedVocabulary: Vocabulary | undefined;

/** zxkit's defs/types.yaml, as names. */
export function zxkitVocabulary(): Vocabulary {
  if (cachedVocabulary) return cachedVocabulary;
  const source = readSource(join(packageRoot(), 'defs', 'types.yaml'));
  cachedVocabulary = vocabularyOf(source);
  return cachedVocabulary;
}

export function vocabularyOf(source: SourceFile): Vocabulary {
  const { model } = loadModel([source]);
  if (!model) throw new Error(`zxkit: ${source.path} does not load`);
  return {
    source,
    types: new Set(model.types.map((t) => t.name)),
    structs: new Map(model.structs.map((s) => [s.name, s.fields.map((f) => f.name)])),
    constants: new Map(model.constants.map((c) => [c.name, c.constKind])),
  };
}

/**
 * Converts abigen text into zxkit definition files. `path` is used in diagnostics and in the
 * generated header comments. Diagnostics never stop the import: a declaration with a syntax
 * error is left out, a stray attribute word is dropped, everything else is kept.
 */
export function importAbigen(text: string, path: string, vocabulary: Vocabulary = zxkitVocabulary()): ImportResult {
  const parsed = parseAbigen(text, path);
  const diagnostics = [...parsed.diagnostics];
  const report = (pos: Pos, message: string): void => {
    diagnostics.push({ file: path, line: pos.line, col: pos.col, message });
  };
  const syscalls = parsed.syscalls.map((sc) => toYamlSyscall(sc, vocabulary, report));

  // Unknown C types, in order of first use.
  const known = (t: string): boolean => BUILTIN_TYPES.includes(t) || vocabulary.types.has(t) || vocabulary.structs.has(t);
  const opaque = [...new Set(parsed.syscalls.flatMap((sc) => [...sc.params.map((p) => p.type), sc.returns]))].filter((t) => !known(t));

  const families = new Map<string, YamlSyscall[]>();
  for (const sc of syscalls) {
    const fam = familyFile(sc.name);
    families.set(fam, [...(families.get(fam) ?? []), sc]);
  }
  const source = basename(path);
  const typesFile: ImportedFile | null = opaque.length === 0 ? null : { path: ABIGEN_TYPES_FILE, content: renderTypesFile(opaque, source) };

  // The errors the generated wrapper can return depend on the whole model (handle types,
  // resolve steps, rights); build it once without them, then list exactly those statuses.
  const draft = [...families].map(([file, scs]) => ({ path: file, content: renderFamily(scs, source, new Map()) }));
  const statuses = wrapperStatusesOf(vocabulary, [...(typesFile ? [typesFile] : []), ...draft]);
  const files = [...families]
    .map(([file, scs]) => ({ path: file, content: renderFamily(scs, source, statuses) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (typesFile) files.unshift(typesFile);
  return { files, diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * Imports `file` into `outDir` (created if needed) and returns every diagnostic. Files are
 * written through temp files and renamed into place only once all are written. Defects that
 * lose nothing (isImportWarning: stray attribute words, unknown constants kept by name) are
 * warnings: the files are still written, unless `strict` makes them errors. Any other
 * diagnostic means a declaration could not be imported, and nothing is written, so a broken
 * input never leaves a partial import behind.
 */
export function importAbigenToDir(file: string, outDir: string, options: { readonly strict?: boolean } = {}): Diagnostic[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return [{ file, line: 1, col: 1, message: `cannot read: ${(e as Error).message}` }];
  }
  const { files, diagnostics } = importAbigen(text, file);
  if (diagnostics.some((d) => !isImportWarning(d))) {
    return [...diagnostics, { file, line: 1, col: 1, message: `nothing written to ${outDir}: fix the errors above first` }];
  }
  if (options.strict && diagnostics.length > 0) {
    return [...diagnostics, { file, line: 1, col: 1, message: `nothing written to ${outDir}: --strict makes the warnings above errors` }];
  }
  try {
    writeAtomically(outDir, files);
  } catch (e) {
    return [...diagnostics, { file: outDir, line: 1, col: 1, message: `cannot write: ${(e as Error).message}` }];
  }
  return diagnostics;
}

/** A diagnostic after which the import is still complete: every syscall imported, nothing lost. */
export function isImportWarning(d: Diagnostic): boolean {
  return WARNINGS.some((re) => re.test(d.message));
}

const WARNINGS: readonly RegExp[] = [
  /^unknown (syscall )?attribute "/,
  /^unknown (right|object type|resource kind|constant) "/,
  /comment is not followed by a syscall$/,
];

function writeAtomically(outDir: string, files: readonly ImportedFile[]): void {
  mkdirSync(outDir, { recursive: true });
  commitFiles(files.map((f) => ({ dest: join(outDir, f.path), content: f.content })));
}

/** vmo_create -> vmo.yaml. A family named like a reserved file gets a suffix. */
export function familyFile(name: string): string {
  const fam = name.split('_')[0] || name;
  return fam === 'types' ? 'types_.yaml' : `${fam}.yaml`;
}

// ---- one syscall --------------------------------------------------------------------

interface YamlParam {
  readonly name: string;
  readonly type: string;
  readonly dir?: 'out' | 'inout';
  readonly count?: string | number;
  readonly optional?: true;
  readonly ownership?: 'acquire' | 'release' | 'release_always';
  readonly notes?: readonly string[];
}

interface YamlClause {
  readonly param: string;
  readonly each?: true;
  readonly entry_field?: string;
  readonly field?: string;
  readonly types?: readonly string[];
  readonly rights?: readonly string[];
  readonly resource?: string;
  readonly when?: { readonly param: string; readonly is?: string; readonly has?: string };
}

interface YamlSyscall {
  readonly name: string;
  readonly summary: string;
  readonly attributes: readonly string[];
  readonly params: readonly YamlParam[];
  readonly returns: string;
  readonly rights?: 'none' | readonly YamlClause[];
  readonly internal: boolean;
  readonly comments: readonly string[];
}

function toYamlSyscall(sc: AbigenSyscall, vocab: Vocabulary, report: (pos: Pos, message: string) => void): YamlSyscall {
  const comments: string[] = [];
  for (const s of sc.strayAttributes) comments.push(`abigen: stray syscall attribute "${s.word}" dropped`);
  // Sizes zxkit cannot take from an array: a `T[1]` output or inout used as another array's
  // size (debug_read's buffer_size) is just a pointer to one T, so it loses its `[1]`.
  const sizeNames = new Set(sc.params.flatMap((p) => (p.size?.terms ?? []).filter((t): t is string => typeof t === 'string')));
  const params = sc.params.map((p): YamlParam => {
    let count = p.size ? countOf(p.size.terms) : undefined;
    const notes: string[] = [];
    if (count !== undefined && sizeNames.has(p.name)) {
      if (count === 1 && p.dir !== 'in') {
        count = undefined;
        notes.push(`abigen: ${p.type}[1] ${p.dir === 'out' ? 'OUT' : 'INOUT'} sizes another array; imported as a single ${p.dir} value`);
      } else report(p.size?.pos ?? p.pos, `"${p.name}" is an array and also the size of another array; zxkit cannot express that`);
    }
    let ownership: YamlParam['ownership'];
    if (p.attributes.includes('handle_acquire')) ownership = 'acquire';
    else if (p.attributes.includes('handle_release')) ownership = 'release';
    else if (p.attributes.includes('handle_release_always')) ownership = 'release_always';
    if (p.stray.length > 0) {
      const words = p.stray.map((s) => `"${s.word}"`).join(', ');
      // The 2018 file wrote a stray word where handle_acquire belonged (pager_create,
      // pager_create_vmo); an output handle is an acquire whatever the words say.
      if (ownership === undefined && p.dir === 'out' && p.type === 'zx_handle_t') {
        ownership = 'acquire';
        notes.push(`abigen: stray word ${words} dropped; imported as handle_acquire`);
      } else notes.push(`abigen: stray word ${words} dropped`);
    }
    return {
      name: p.name,
      type: p.type,
      ...(p.dir === 'in' ? {} : { dir: p.dir }),
      ...(count !== undefined ? { count } : {}),
      ...(p.attributes.includes('optional') ? { optional: true as const } : {}),
      ...(ownership ? { ownership } : {}),
      ...(notes.length ? { notes } : {}),
    };
  });
  return {
    name: sc.name,
    summary: sc.summary ?? '',
    attributes: sc.attributes,
    params,
    returns: sc.returns,
    ...(sc.rights === undefined || sc.rights.length === 0 ? {} : { rights: toYamlRights(sc.rights, sc.params, vocab, report) }),
    internal: sc.attributes.includes('internal'),
    comments,
  };
}

function countOf(terms: readonly (string | number)[]): string | number {
  const only = terms[0];
  if (terms.length === 1 && only !== undefined) return only;
  return terms.join('*');
}

function toYamlRights(
  sentences: readonly AbigenSentence[],
  params: readonly AbigenParam[],
  vocab: Vocabulary,
  report: (pos: Pos, message: string) => void,
): 'none' | YamlClause[] {
  const clauses = sentences.flatMap((s) => (s.clause ? [{ s, c: s.clause }] : []));
  if (clauses.length === 0) return 'none';
  const byName = new Map(params.map((p) => [p.name, p]));
  return clauses.map(({ s, c }) => {
    const at = (token: string): Pos => s.tokenPos[s.tokens.indexOf(token)] ?? s.pos;
    const need = (names: readonly string[], kind: ConstantKind, noun: string): void => {
      for (const n of names) {
        if (vocab.constants.get(n) === kind) continue;
        const candidates = [...vocab.constants].filter(([, k]) => k === kind).map(([name]) => name);
        report(at(n), `unknown ${noun} "${n}"${didYouMean(n, candidates)} (not in zxkit's types.yaml)`);
      }
    };
    need(c.rights, 'right', 'right');
    need(c.types, 'obj_type', 'object type');
    if (c.resource !== undefined) need([c.resource], 'rsrc_kind', 'resource kind');
    if (c.when && !vocab.constants.has(c.when.value)) {
      report(at(c.when.value), `unknown constant "${c.when.value}"${didYouMean(c.when.value, vocab.constants.keys())} (not in zxkit's types.yaml)`);
    }
    const p = byName.get(c.param);
    if (p && c.scope === 'each' && p.size === undefined) report(s.pos, `"Every entry of" needs an array; "${c.param}" is not one`);
    if (p && c.field !== undefined && (c.scope === 'entry_field' || c.scope === 'field')) {
      const fields = vocab.structs.get(p.type);
      if (!fields) report(at(c.field), `"${c.param}" is ${p.type}, not a struct zxkit knows; it has no field "${c.field}"`);
      else if (!fields.includes(c.field)) report(at(c.field), `"${c.field}" is not a field of ${p.type}${didYouMean(c.field, fields)}`);
    }
    return {
      param: c.param,
      ...(c.scope === 'each' ? { each: true as const } : {}),
      ...(c.scope === 'entry_field' ? { entry_field: c.field } : {}),
      ...(c.scope === 'field' ? { field: c.field } : {}),
      ...(c.types.length ? { types: c.types } : {}),
      ...(c.rights.length ? { rights: c.rights } : {}),
      ...(c.resource !== undefined ? { resource: c.resource } : {}),
      ...(c.when ? { when: c.when.op === 'is' ? { param: c.when.param, is: c.when.value } : { param: c.when.param, has: c.when.value } } : {}),
    };
  });
}

// ---- the wrapper's own statuses -----------------------------------------------------

function wrapperStatusesOf(vocab: Vocabulary, files: readonly ImportedFile[]): Map<string, string[]> {
  const diags: Diagnostic[] = [];
  const parsedFiles: ParsedFile[] = [];
  for (const src of [vocab.source, ...files.map((f) => ({ path: f.path, stem: f.path.replace(/\.yaml$/, ''), text: f.content }))]) {
    const file = parseSource(src, diags);
    const data = file ? validateShape(file, diags) : null;
    if (file && data) parsedFiles.push({ file, data });
  }
  const model: Model = buildModel(parsedFiles, diags);
  const out = new Map<string, string[]>();
  for (const plan of plans(model)) {
    const sc = plan.syscall;
    if (sc.attributes.includes('internal')) continue;
    const set = planStatuses(plan);
    set.add('ZX_ERR_NOT_SUPPORTED'); // imported syscalls are not implemented by the core
    out.set(sc.name, [...set].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)));
  }
  return out;
}

function rank(status: string): number {
  const i = STATUS_ORDER.indexOf(status);
  return i === -1 ? STATUS_ORDER.length : i;
}

// ---- rendering ----------------------------------------------------------------------

function header(source: string, what: string): string[] {
  return [
    SCHEMA_LINE,
    '#',
    `# Imported from ${source} by zxkit import-abigen: ${what}`,
  ];
}

function renderTypesFile(types: readonly string[], source: string): string {
  return [
    ...header(source, 'the C types it uses that zxkit'),
    "# does not define. They are kept by name (opaque); give them a real definition to use them.",
    '',
    'types:',
    ...types.map((t) => `  ${key(t)}: { opaque: true }`),
    '',
  ].join('\n');
}

function renderFamily(syscalls: readonly YamlSyscall[], source: string, statuses: ReadonlyMap<string, readonly string[]>): string {
  const lines = [
    ...header(source, 'abigen has no prose and no error'),
    `# lists, so description, return_value and error texts are ${TODO_MARKER} placeholders, and`,
    '# the errors listed are those the generated wrapper itself can return.',
    '',
    'syscalls:',
  ];
  syscalls.forEach((sc, i) => {
    if (i > 0) lines.push('');
    lines.push(...renderSyscall(sc, statuses.get(sc.name) ?? []));
  });
  return `${lines.join('\n')}\n`;
}

function renderSyscall(sc: YamlSyscall, statuses: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of sc.comments) out.push(`  # ${c}`);
  out.push(`  ${key(sc.name)}:`);
  // No `#^` line: no summary (the page shows the 2018 TODO).
  if (sc.summary !== '') out.push(`    summary: ${blockScalar(sc.summary)}`);
  // zxkit's kernel core implements only the syscalls defined by hand; an imported one answers
  // ZX_ERR_NOT_SUPPORTED until someone implements it and drops this line.
  out.push('    implemented: false');
  if (sc.attributes.length) out.push(`    attributes: [${sc.attributes.join(', ')}]`);
  // abigen cannot say whether an output handle's rights are bounded by an input's; zxkit's lint
  // requires the definition to say so, so imported outputs declare the escalation for review.
  const isHandle = (p: YamlParam) => p.type === 'zx_handle_t' && p.count === undefined;
  const takesHandles = sc.params.some((p) => isHandle(p) && p.dir !== 'out');
  if (sc.params.length) {
    out.push('    params:');
    for (const p of sc.params) {
      for (const n of p.notes ?? []) out.push(`      # ${n}`);
      const fields = [`name: ${flowScalar(p.name)}`, `type: ${flowScalar(p.type)}`];
      if (p.dir) fields.push(`dir: ${p.dir}`);
      if (p.count !== undefined) fields.push(`count: ${flowScalar(p.count)}`);
      if (p.optional) fields.push('optional: true');
      const escalates = takesHandles && isHandle(p) && p.dir === 'out';
      if (escalates) out.push('      # rights not bounded by an input handle in abigen: review, or bound with rights_from');
      if (p.ownership || escalates) {
        fields.push(`handle: { ${[p.ownership ? `ownership: ${p.ownership}` : '', escalates ? 'escalates: true' : ''].filter(Boolean).join(', ')} }`);
      }
      out.push(`      - { ${fields.join(', ')} }`);
    }
  }
  out.push(`    returns: ${flowScalar(sc.returns)}`);
  if (sc.rights === 'none') out.push('    rights: none');
  else if (sc.rights !== undefined) {
    out.push('    rights:');
    for (const c of sc.rights) out.push(`      - ${renderClause(c)}`);
  }
  if (statuses.length) {
    out.push('    errors:');
    for (const s of statuses) out.push(`      - { status: ${s}, text: ${flowScalar(TODO_MARKER)} }`);
  }
  out.push(`    description: ${blockScalar(TODO_MARKER)}`);
  out.push(`    return_value: ${blockScalar(TODO_MARKER)}`);
  return out;
}

function renderClause(c: YamlClause): string {
  const list = (xs: readonly string[]): string => `[${xs.map(flowScalar).join(', ')}]`;
  const fields = [`param: ${flowScalar(c.param)}`];
  if (c.each) fields.push('each: true');
  if (c.entry_field !== undefined) fields.push(`entry_field: ${flowScalar(c.entry_field)}`);
  if (c.field !== undefined) fields.push(`field: ${flowScalar(c.field)}`);
  if (c.types) fields.push(`types: ${list(c.types)}`);
  if (c.rights) fields.push(`rights: ${list(c.rights)}`);
  if (c.resource !== undefined) fields.push(`resource: ${flowScalar(c.resource)}`);
  if (c.when) {
    const op = c.when.is !== undefined ? `is: ${flowScalar(c.when.is)}` : `has: ${flowScalar(c.when.has ?? '')}`;
    fields.push(`when: { param: ${flowScalar(c.when.param)}, ${op} }`);
  }
  return `{ ${fields.join(', ')} }`;
}

/** Identifiers and numbers plain, anything else as a JSON (= YAML double-quoted) string. */
function flowScalar(v: string | number): string {
  if (typeof v === 'number') return String(v);
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(v) && !RESERVED_PLAIN.has(v.toLowerCase()) ? v : JSON.stringify(v);
}

function key(name: string): string {
  return flowScalar(name);
}

// Plain words YAML would read as something other than a string.
const RESERVED_PLAIN = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n']);

/** A value in block context: plain when YAML reads it back unchanged, else double-quoted. */
function blockScalar(s: string): string {
  if (s !== '' && s.trim() === s && !/[\n\t]/.test(s)) {
    try {
      if (parseYaml(`k: ${s}`)?.k === s) return s;
    } catch {
      // not plain
    }
  }
  return JSON.stringify(s);
}
