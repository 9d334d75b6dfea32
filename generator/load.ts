// Stage 1: read definition files and parse them as YAML with positions. Nothing here knows
// what a syscall is; it turns text into documents plus a way to map nodes back to
// file:line:col, and YAML syntax errors into diagnostics.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, isMap, isNode, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { sortDiagnostics, type Diagnostic } from './diagnostics.js';

export interface SourceFile {
  /** The path shown in diagnostics (relative to the working directory when possible). */
  readonly path: string;
  /** The file's stem: defs/socket.yaml -> "socket". */
  readonly stem: string;
  readonly text: string;
}

export interface LoadedFile extends SourceFile {
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/** A position inside a loaded file, found from a path of keys and indices. */
export interface Locator {
  /** Position of the value at `path` (or of its nearest existing ancestor). */
  at(path: readonly (string | number)[]): { line: number; col: number };
  /** Position of the key `key` of the map at `path`, falling back to the map itself. */
  key(path: readonly (string | number)[], key: string): { line: number; col: number };
}

/** The YAML files of a definitions folder, sorted by name so output never depends on readdir order. */
export function readDefsDir(dir: string): SourceFile[] {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
    .filter((n) => statSync(join(dir, n)).isFile())
    .sort();
  return names.map((n) => readSource(join(dir, n)));
}

export function readSource(file: string): SourceFile {
  const rel = relative(process.cwd(), file);
  const path = (rel.startsWith('..') || rel === '' ? file : rel).split('\\').join('/');
  const base = path.slice(path.lastIndexOf('/') + 1);
  return { path, stem: base.replace(/\.ya?ml$/, ''), text: readFileSync(file, 'utf8') };
}

export function parseSource(src: SourceFile, diags: Diagnostic[]): LoadedFile | null {
  const lines = new LineCounter();
  let doc: Document.Parsed;
  try {
    // logLevel 'error': the yaml package's own warnings (a collection used as a key) go to doc.warnings
    // or our diagnostics, never to stderr as Node process warnings.
    doc = parseDocument(src.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  } catch (e) {
    // The parser itself can fail on pathological input (e.g. exhausted stack); that is still
    // a diagnostic about this file, never a crash of the tool.
    diags.push({ file: src.path, line: 1, col: 1, message: `cannot parse YAML: ${String(e)}` });
    return null;
  }
  const errors = [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')];
  const found = errors.map((err) => {
    const pos = err.linePos?.[0] ?? lines.linePos(err.pos[0]);
    return { file: src.path, line: pos.line, col: pos.col, message: yamlMessage(err.message) };
  });
  diags.push(...collapseCascade(src, sortDiagnostics(found), doc.errors.length > 0));
  return doc.errors.length > 0 ? null : { ...src, doc, lines };
}

/** How many YAML errors of one file are shown; the rest almost always follow from the first. */
const SHOWN_YAML_ERRORS = 3;

/**
 * One slip in YAML (a tab, a bad indent) derails the parser for the rest of the file and yields
 * dozens of errors, most of them about lines that are fine. Show the first few, say how many
 * more there are; when a tab in the indentation is to blame, name the tab alone.
 */
function collapseCascade(src: SourceFile, found: Diagnostic[], failed: boolean): Diagnostic[] {
  const first = found[0];
  if (first === undefined) return [];
  const tab = failed ? indentTab(src.text, first.line) : undefined;
  const shown = tab
    ? [{ file: src.path, ...tab, message: 'YAML syntax error: a tab character in the indentation (YAML indents with spaces only)' }]
    : found.slice(0, SHOWN_YAML_ERRORS);
  const hidden = tab ? found.filter((d) => !d.message.includes('Tabs are not allowed')).length : found.length - shown.length;
  if (hidden <= 0) return shown;
  // The count rides on the last shown error, so the error total stays a count of real errors.
  const last = shown[shown.length - 1]!;
  const why = tab ? 'they follow from the tab' : 'they usually follow from the first; fix it and run again';
  const note = ` (${hidden} more YAML error${hidden === 1 ? '' : 's'} in this file not shown: ${why})`;
  return [...shown.slice(0, -1), { ...last, message: last.message + note }];
}

/**
 * A tab in the leading whitespace of the line of the first error or the next one (the parser
 * often trips on the line before the tab), or undefined. Only there: a tab in a block of prose
 * elsewhere is content, not the cause.
 */
function indentTab(text: string, errorLine: number): { line: number; col: number } | undefined {
  const lines = text.split('\n', errorLine + 1);
  for (let i = errorLine - 1; i < lines.length; i++) {
    const lead = /^[ \t]*/.exec(lines[i]!)![0];
    const at = lead.indexOf('\t');
    if (at >= 0) return { line: i + 1, col: at + 1 };
  }
  return undefined;
}

function yamlMessage(msg: string): string {
  // The yaml package appends "at line N, column M" plus a source excerpt; we print our own position.
  const first = msg.split('\n')[0];
  return `YAML syntax error: ${first.replace(/ at line \d+, column \d+:?$/, '')}`;
}

export function locator(file: LoadedFile): Locator {
  const pos = (node: Node | null | undefined) => {
    const offset = node?.range?.[0] ?? 0;
    return file.lines.linePos(offset);
  };
  const nodeAt = (path: readonly (string | number)[]): Node | undefined => {
    let node: unknown = file.doc.contents;
    let lastGood = node;
    for (const step of path) {
      if (isMap(node)) node = node.get(step, true);
      else if (isSeq(node) && typeof step === 'number') node = node.get(step, true);
      else node = undefined;
      if (!isNode(node)) break;
      lastGood = node;
    }
    return isNode(lastGood) ? lastGood : undefined;
  };
  return {
    at: (path) => pos(nodeAt(path)),
    key: (path, key) => {
      const map = nodeAt(path);
      if (isMap(map)) {
        const pair = map.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === key);
        if (pair && isNode(pair.key)) return pos(pair.key);
      }
      return pos(map);
    },
  };
}

/** The exact source text of a scalar, so 64-bit integers keep every digit. */
export function scalarSource(file: LoadedFile, path: readonly (string | number)[]): string | undefined {
  const node = file.doc.getIn(path, true);
  if (isNode(node) && 'source' in node && typeof node.source === 'string') return node.source;
  return undefined;
}
