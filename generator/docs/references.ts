// Syscall references over a whole page (reference-pages.md §3.6): `**zx_s()**`,
// `` [`zx_s()`] `` and their variants become reference links, and every linked syscall
// gets a definition line in the references block at the end of the page.
import { compareCodePoints } from './synopsis.js';
import { REFERENCES_MARKER } from './styles.js';
import { pageFile, stubName } from '../names.js';

export interface LinkedPage {
  readonly text: string;
  /** Syscalls linked from the page, sorted; never the page's own. */
  readonly referred: readonly string[];
}

/** Rewrites references to known syscalls; the page's own name becomes `` `zx_self()` ``. */
export function linkReferences(text: string, self: string, known: ReadonlySet<string>): LinkedPage {
  if (known.size === 0) return { text, referred: [] };
  // Longest first, so that one name's match can never stop short inside another's.
  const alt = [...known]
    .sort((a, b) => b.length - a.length || compareCodePoints(a, b))
    .map(escapeRegExp)
    .join('|');
  const pattern = new RegExp(
    String.raw`\*{2}(?:zx_)?(${alt})(?:\(\))?\*{2}(?:\(\))?|\[` +
      '`' +
      String.raw`(?:zx_)?(${alt})(?:\(\))?` +
      '`' +
      String.raw`\]?(?:\(\))?`,
    'g',
  );
  const referred = new Set<string>();
  const linked = text.replace(pattern, (_match, bold: string | undefined, bracket: string | undefined) => {
    const name = bold ?? bracket ?? '';
    if (name === self) return `\`${stubName(name)}()\``;
    referred.add(name);
    return referenceLink(name);
  });
  return { text: linked, referred: [...referred].sort(compareCodePoints) };
}

/** The lines after the body: empty when nothing is referred to (§3.6 step 3). */
export function referencesBlock(referred: readonly string[]): string[] {
  if (referred.length === 0) return [];
  return ['', REFERENCES_MARKER, '', ...referred.map(referenceDefinition)];
}

/** One line of the references block: `` [`zx_r()`]: r.md ``. */
export function referenceDefinition(name: string): string {
  return `[\`${stubName(name)}()\`]: ${pageFile(name)}`;
}

/** The reference-style link every rewritten reference becomes: `` [`zx_s()`] ``. */
export function referenceLink(name: string): string {
  return `[\`${stubName(name)}()\`]`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
