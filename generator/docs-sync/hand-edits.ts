// Hand edits inside generated regions. A region differs from what the definitions give
// either because the definitions changed (stale: the sync rewrites it) or because someone
// edited it by hand. The second is told apart by shape: a hand-edited region is one that
// no definition could have produced — a changed marker, an extra line, a prototype
// reflowed against the 80-column rule, a RIGHTS sentence that fits no form, prose after
// the references marker. Regions without a marker were never generated and are skipped.
import { clauseTokens, parseSentence, splitSentences, tokenizeRights } from '../docs/rights-forms.js';
import { renderTokens } from '../docs/rights.js';
import { REFERENCES_MARKER, SECTION_MARKER } from '../docs/styles.js';
import { compareCodePoints, formatPrototype } from '../docs/synopsis.js';
import { findBlock } from './lines.js';
import { RIGHTS_TODO_MARKER, stubName } from '../names.js';

export type Region = 'title' | 'NAME' | 'SYNOPSIS' | 'RIGHTS' | 'SEE ALSO' | 'references';

export interface HandEdit {
  /** 1-based line of the page (after CRLF normalisation) where the region first goes wrong. */
  readonly line: number;
  readonly region: Region;
}

export function describeHandEdit(edit: HandEdit): string {
  return edit.region === 'title'
    ? 'hand edit in the generated title line'
    : `hand edit inside the generated ${edit.region} block`;
}

/** A region that differs from the definitions but is no provable hand edit (see changedRegions). */
export function describeChangedRegion(edit: HandEdit): string {
  const what = edit.region === 'title' ? 'title line' : `${edit.region} block`;
  return `the generated ${what} differs from the definitions (a hand edit, or the definitions changed)`;
}

/**
 * Every generated region that differs between a page (`old`) and its synced text (`now`),
 * each at its first differing line of `old`. A change that fits the region's shape may be a
 * hand edit or changed definitions; this names it either way, so no edit goes unnamed.
 */
export function changedRegions(old: readonly string[], now: readonly string[]): HandEdit[] {
  const out: HandEdit[] = [];
  if (old[0] !== now[0]) out.push({ line: 1, region: 'title' });
  for (const region of ['NAME', 'SYNOPSIS', 'RIGHTS', 'SEE ALSO'] as const) {
    const a = span(old, region);
    const b = span(now, region);
    if (a === null || b === null) continue;
    const at = firstDifference(old.slice(a.start, a.end), now.slice(b.start, b.end));
    // A difference past the old block's end (lines added) is named at its last line.
    if (at !== -1) out.push({ line: Math.min(a.start + at, Math.max(a.start, a.end) - 1) + 1, region });
  }
  const oldRefs = old.indexOf(REFERENCES_MARKER);
  const nowRefs = now.indexOf(REFERENCES_MARKER);
  if (oldRefs === -1 && nowRefs !== -1) out.push({ line: old.length, region: 'references' });
  else if (oldRefs !== -1) {
    const at = nowRefs === -1 ? 0 : firstDifference(old.slice(oldRefs), now.slice(nowRefs));
    if (at !== -1) out.push({ line: Math.min(oldRefs + at, old.length - 1) + 1, region: 'references' });
  }
  return out.sort((a, b) => a.line - b.line);
}

/** The lines of a generated block as the sync replaces them; SEE ALSO may run to the end. */
function span(lines: readonly string[], region: 'NAME' | 'SYNOPSIS' | 'RIGHTS' | 'SEE ALSO'): { start: number; end: number } | null {
  const { start, end } = findBlock(lines, region);
  if (start === -1) return null;
  if (end !== -1) return { start, end };
  return region === 'SEE ALSO' ? { start, end: lines.length } : null;
}

function firstDifference(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

/**
 * Hand edits in `lines` (a page split with splitLines) of the page for syscall `name`.
 * `summaryLines`: how many lines the NAME text has (1 unless a summary holds newlines).
 */
export function findHandEdits(name: string, lines: readonly string[], summaryLines = 1): HandEdit[] {
  if (!lines.includes(SECTION_MARKER) && !lines.includes(REFERENCES_MARKER)) return [];
  const edits: HandEdit[] = [];
  if (lines[0] !== `# ${stubName(name)}`) edits.push({ line: 1, region: 'title' });
  const checks: [Region, (block: readonly string[]) => number][] = [
    ['NAME', (block) => checkName(block, summaryLines)],
    ['SYNOPSIS', (block) => checkSynopsis(block, name)],
    ['RIGHTS', checkRights],
  ];
  for (const [region, check] of checks) {
    const { start, end } = findBlock(lines, region);
    if (start === -1 || end === -1) continue;
    const block = lines.slice(start, end);
    if (!block.includes(SECTION_MARKER)) continue;
    const bad = check(block);
    if (bad !== -1) edits.push({ line: start + bad + 1, region });
  }
  const refsAt = lines.indexOf(REFERENCES_MARKER);
  if (refsAt !== -1) {
    const bad = checkReferences(lines.slice(refsAt));
    if (bad !== -1) edits.push({ line: refsAt + bad + 1, region: 'references' });
  }
  return edits.sort((a, b) => a.line - b.line);
}

type LineTest = (line: string) => boolean;
const blank: LineTest = (l) => l === '';
const marker: LineTest = (l) => l === SECTION_MARKER;

/** Index of the first line failing its test, or of the first missing/extra line; -1 if none. */
function firstMismatch(block: readonly string[], tests: readonly LineTest[]): number {
  for (let i = 0; i < tests.length; i++) {
    const line = block[i];
    if (line === undefined || !tests[i](line)) return i;
  }
  return block.length > tests.length ? tests.length : -1;
}

/** `['', MARKER, '', <summary lines>, '']`: the summary is free text (definitions change it). */
function checkName(block: readonly string[], summaryLines: number): number {
  const text: LineTest = (l) => l.trim() !== '' && !marker(l);
  return firstMismatch(block, [blank, marker, blank, ...Array<LineTest>(summaryLines).fill(text), blank]);
}

/** `['', MARKER, '', fence, includes…, '', prototype…, fence, '']`, the prototype laid out by §3.3. */
function checkSynopsis(block: readonly string[], name: string): number {
  const head = firstMismatch(block.slice(0, 4), [blank, marker, blank, (l) => /^```c?$/.test(l)]);
  if (head !== -1) return head;
  let i = 4;
  while (i < block.length && /^#include <[^>\s]+>$/.test(block[i])) {
    if (i > 4 && compareCodePoints(block[i - 1], block[i]) >= 0) return i;
    i++;
  }
  if (i === 4 || block[i] !== '') return i;
  const protoStart = ++i;
  while (i < block.length && block[i] !== '```') i++;
  if (i === protoStart || i === block.length) return i;
  const bad = checkPrototype(block.slice(protoStart, i), name);
  if (bad !== -1) return protoStart + bad;
  const tail = firstMismatch(block.slice(i + 1), [blank]);
  return tail === -1 ? -1 : i + 1 + tail;
}

/** The prototype read back and laid out again must give the same lines (§3.3 is deterministic). */
function checkPrototype(proto: readonly string[], name: string): number {
  // Read it back with whitespace normalised, so any spacing of its own shows up below.
  const joined = proto.join(' ').replace(/\s+/g, ' ').trim().replace(/\( /, '(');
  const m = /^(.+) (zx_\w+)\((.*)\);$/.exec(joined);
  if (m === null || m[2] !== stubName(name)) return 0;
  const [, ret = '', fn = '', list = ''] = m;
  const params = list === 'void' ? [] : list.split(', ');
  const laid = formatPrototype(ret, fn, params).split('\n');
  const bad = laid.findIndex((l, k) => proto[k] !== l);
  if (bad !== -1) return bad;
  return proto.length > laid.length ? laid.length : -1;
}

/** `['', MARKER, ''] + [sentence, '']+`, each sentence one that §3.4 renders. */
function checkRights(block: readonly string[]): number {
  const head = firstMismatch(block.slice(0, 3), [blank, marker, blank]);
  if (head !== -1) return head;
  if (block.length < 5) return block.length;
  for (let i = 3; i < block.length; i += 2) {
    if (!isRenderedSentence(block[i])) return i;
    if (block[i + 1] !== '') return i + 1;
  }
  return -1;
}

/** A RIGHTS line the renderer could have written: parsed by the form table and rendered back. */
export function isRenderedSentence(line: string): boolean {
  if (line === 'None.' || line === RIGHTS_TODO_MARKER) return true;
  const plain = line.replace(/\\\[/g, '[').replace(/\*/g, '');
  let sentences: string[][];
  try {
    sentences = splitSentences(tokenizeRights(plain));
  } catch {
    return false;
  }
  if (sentences.length !== 1) return false;
  const parsed = parseSentence(sentences[0]);
  if (parsed === undefined || parsed.clause === null) return false;
  const tokens = clauseTokens(parsed.clause);
  return tokens !== undefined && renderTokens(tokens) === line;
}

/** `[MARKER, '', definitions…]`, definitions sorted and well formed. */
function checkReferences(tail: readonly string[]): number {
  if (tail.length === 1 || tail[1] !== '') return 1;
  for (let i = 2; i < tail.length; i++) {
    const m = /^\[`zx_(\w+)\(\)`\]: (\w+)\.md$/.exec(tail[i]);
    if (m === null || m[1] !== m[2]) return i;
    if (i > 2 && compareCodePoints(tail[i - 1], tail[i]) >= 0) return i;
  }
  return -1;
}
