// Stage 2: check each parsed file against the definition schema. Shape problems (unknown
// keys, wrong types, unknown attribute words) become positioned diagnostics; name resolution
// happens later, in build-model.ts, once every file is known.
import type { z } from 'zod';
import { didYouMean, suggest, type Diagnostic } from './diagnostics.js';
import { locator, type LoadedFile } from './load.js';
import { defsFileSchema, type DefsFile } from './schema.js';

type Issue = z.core.$ZodIssue;
type Path = readonly (string | number)[];

export function validateShape(file: LoadedFile, diags: Diagnostic[]): DefsFile | null {
  let data: unknown;
  try {
    data = file.doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // The yaml package guards against alias bombs with a ReferenceError; say what it means.
    const msg = e instanceof RangeError
      ? 'document is too deeply nested'
      : /alias/i.test(String(e))
        ? 'document expands YAML aliases more than 100 times; refused to guard against alias bombs'
        : `cannot read the document: ${(e as Error).message}`;
    diags.push({ file: file.path, line: 1, col: 1, message: msg });
    return null;
  }
  if (data === null || data === undefined) data = {};
  let result: ReturnType<typeof defsFileSchema.safeParse>;
  try {
    result = defsFileSchema.safeParse(data);
  } catch (e) {
    diags.push({ file: file.path, line: 1, col: 1, message: `document is too deeply nested (${String(e)})` });
    return null;
  }
  if (result.success) return result.data;
  const loc = locator(file);
  const issues = result.error.issues.flatMap(flatten);
  for (const issue of issues) report(issue, issues, data, file.path, loc, diags);
  return null;
}

/** A union failure as the failures of the branch that got furthest, with full paths. */
function flatten(issue: Issue): Issue[] {
  if (issue.code !== 'invalid_union') return [issue];
  // The furthest branch: the one whose failures are not about the value's type.
  const branches = issue.errors.filter((b) => b.length > 0);
  const best = branches.find((b) => !b.some((i) => i.code === 'invalid_type' && i.path.length === 0)) ?? branches[0];
  if (!best) return [issue];
  return best.flatMap((sub) => flatten({ ...sub, path: [...issue.path, ...sub.path] } as Issue));
}

const pathOf = (issue: Issue): Path => issue.path.filter((p): p is string | number => typeof p !== 'symbol');
const samePath = (a: Path, b: Path) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The required key that the one unknown key of the map at `where` misspells: the only missing
 * one, or the missing one it is closest to. That is one mistake, reported once, as the unknown key.
 */
function misspeltRequired(issues: readonly Issue[], root: unknown, where: Path): string | undefined {
  const unknown = issues.filter((i) => i.code === 'unrecognized_keys' && samePath(pathOf(i), where)).flatMap((i) => i.code === 'unrecognized_keys' ? i.keys : []);
  if (unknown.length !== 1) return undefined;
  const missing = issues
    .filter((i) => i.code === 'invalid_type' && pathOf(i).length === where.length + 1 && samePath(pathOf(i).slice(0, -1), where))
    .map(pathOf)
    .filter((p) => valueAt(root, p) === undefined)
    .map((p) => String(p[p.length - 1]));
  return missing.length === 1 ? missing[0] : suggest(unknown[0]!, missing);
}

function report(issue: Issue, all: readonly Issue[], root: unknown, path: string, loc: ReturnType<typeof locator>, diags: Diagnostic[]): void {
  const where = pathOf(issue);
  if (issue.code === 'unrecognized_keys') {
    const meant = misspeltRequired(all, root, where);
    for (const key of issue.keys) {
      const expected = allowedKeys(where);
      const pos = loc.key(where, key);
      const hint = meant !== undefined ? ` (did you mean ${meant}?)` : didYouMean(key, expected);
      diags.push({
        file: path,
        ...pos,
        message: `unknown key "${key}" in ${context(where)}${hint}` +
          (expected.length ? ` (expected one of: ${expected.join(', ')})` : ''),
      });
    }
    return;
  }
  const value = valueAt(root, where);
  if (issue.code === 'invalid_type' && value === undefined && misspeltRequired(all, root, where.slice(0, -1)) === where[where.length - 1]) return;
  const pos = loc.at(where);
  diags.push({ file: path, ...pos, message: describeIssue(issue, where, value) });
}

function describeIssue(issue: Issue, where: Path, value: unknown): string {
  const what = `${label(where)} in ${context(where.slice(0, -1))}`;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `missing ${what}: expected ${issue.expected}`;
      return `${what} must be ${article(issue.expected)}, got ${kindOf(value)}`;
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const noun = where.includes('attributes') ? 'attribute' : label(where);
      return `unknown ${noun} "${String(value)}"${didYouMean(String(value), allowed)} (expected one of: ${allowed.join(', ')})`;
    }
    case 'too_small':
      return `${what} is too small (minimum ${String(issue.minimum)})`;
    case 'too_big':
      return `${what} is too big (maximum ${String(issue.maximum)})`;
    default:
      return `${what}: ${issue.message}`;
  }
}

function label(where: Path): string {
  const last = where[where.length - 1];
  return typeof last === 'number' ? `entry ${last}` : last === undefined ? 'document' : `"${last}"`;
}

/** A human name for the place a path points to: `syscall socket_write, param 2`. */
function context(where: Path): string {
  const parts: string[] = [];
  for (let i = 0; i < where.length; i++) {
    const k = where[i];
    const next = where[i + 1];
    if (k === 'syscalls' && next !== undefined) { parts.push(`syscall ${String(next)}`); i++; }
    else if (k === 'structs' && next !== undefined) { parts.push(`struct ${String(next)}`); i++; }
    else if (k === 'types' && next !== undefined) { parts.push(`type ${String(next)}`); i++; }
    else if (k === 'constants' && next !== undefined) { parts.push(`constant group ${String(next)}`); i++; }
    else if (typeof k === 'number') parts.push(`entry ${k}`);
    else parts.push(String(k));
  }
  return parts.length ? parts.join(', ') : 'the file';
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function valueAt(root: unknown, where: Path): unknown {
  let v: unknown = root;
  for (const k of where) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** The keys the schema allows at a path, for "expected one of" in unknown-key messages. */
function allowedKeys(where: Path): string[] {
  let schema: unknown = defsFileSchema;
  for (const step of where) schema = childSchema(schema, step);
  const shape = shapeOf(schema);
  return shape ? Object.keys(shape) : [];
}

interface SchemaLike { def?: { type?: string; shape?: Record<string, unknown>; innerType?: unknown; element?: unknown; valueType?: unknown; options?: unknown[] } }

function unwrap(s: unknown): unknown {
  let cur = s as SchemaLike | undefined;
  while (cur?.def?.type === 'optional' || cur?.def?.type === 'default') cur = cur.def.innerType as SchemaLike;
  return cur;
}

function shapeOf(s: unknown): Record<string, unknown> | undefined {
  const cur = unwrap(s) as SchemaLike | undefined;
  if (cur?.def?.type === 'object') return cur.def.shape;
  if (cur?.def?.type === 'union') {
    for (const o of cur.def.options ?? []) {
      const sh = shapeOf(o);
      if (sh) return sh;
    }
  }
  return undefined;
}

function childSchema(s: unknown, step: string | number): unknown {
  const cur = unwrap(s) as SchemaLike | undefined;
  const t = cur?.def?.type;
  if (t === 'object') return cur?.def?.shape?.[String(step)];
  if (t === 'record') return cur?.def?.valueType;
  if (t === 'array') return cur?.def?.element;
  if (t === 'union') {
    for (const o of cur?.def?.options ?? []) {
      const c = childSchema(o, step);
      if (c) return c;
    }
  }
  return undefined;
}
