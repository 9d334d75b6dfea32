// The update pass over one existing page: the 2018 update-docs-from-abigen functions
// (reference-pages.md §3.1–§3.6), in their order, with the known bugs fixed unless
// `compat2018` asks for them. Pure: text in, text out.
import { linkReferences, referenceDefinition, referenceLink } from '../docs/references.js';
import { PAGE_STYLES, REFERENCES_MARKER, SECTION_MARKER, type DocsStyle } from '../docs/styles.js';
import { compareCodePoints } from '../docs/synopsis.js';
import type { SyscallDef } from '../model.js';
import { findBlock, joinLines, replaceSlice, slice, splitLines } from './lines.js';
import { generatedRegions, SEE_ALSO_CONCEPTS, type Regions } from './regions.js';

export interface UpdateOptions {
  readonly style: DocsStyle;
  readonly compat2018: boolean;
  /** Every syscall name, in definition order. */
  readonly names: readonly string[];
}

/** A warning about one page; the page is still updated. */
export interface PageWarning {
  readonly kind: 'missing-section' | 'see-also';
  readonly message: string;
}

/** The page cannot be updated at all (the 2018 tool exited here). */
export class PageFailure extends Error {
  constructor(
    message: string,
    /** `rights`: a clause fits no sentence form; `page`: the page itself is unusable. */
    readonly kind: 'rights' | 'page',
  ) {
    super(message);
  }
}

export interface PageUpdate {
  readonly text: string;
  readonly warnings: readonly PageWarning[];
}

/** Rewrites the generated regions of `text`; everything else is kept line for line. */
export function updatePage(sc: SyscallDef, text: string, options: UpdateOptions): PageUpdate {
  let regions: Regions;
  try {
    regions = generatedRegions(sc, options.style, options.compat2018);
  } catch (e) {
    throw new PageFailure((e as Error).message, 'rights');
  }
  const warnings: PageWarning[] = [];
  let lines = splitLines(text);
  if (lines.length === 0) {
    // `lines[0] = …` on an empty list: Python raised IndexError and the run stopped.
    if (options.compat2018) throw new PageFailure('empty page (IndexError: list assignment index out of range)', 'page');
    lines = [''];
  }
  lines[0] = regions.title;
  lines = replaceBlock(lines, 'NAME', regions.name, warnings);
  lines = replaceBlock(lines, 'SYNOPSIS', regions.synopsis, warnings);
  lines = replaceBlock(lines, 'RIGHTS', regions.rights, warnings);
  lines = updateSeeAlso(lines, options, warnings);
  lines = updateReferences(lines, sc.name, options);
  return { text: joinLines(lines), warnings };
}

function replaceBlock(lines: string[], heading: string, block: readonly string[], warnings: PageWarning[]): string[] {
  const { start, end } = findBlock(lines, heading);
  if (start === -1 || end === -1) {
    warnings.push({ kind: 'missing-section', message: `did not find ${heading} section, skipping update` });
    return lines;
  }
  return replaceSlice(lines, start, end, block);
}

/**
 * §3.5: concepts, then syscall links, then anything else kept verbatim before them.
 * Bug fixes (unless compat2018): the block runs through the last line of the file when
 * nothing follows it (2018 sliced `[start:-1]` and left the last line alone), and a line
 * naming several syscalls keeps them all (2018 kept the first in set order).
 */
function updateSeeAlso(lines: string[], options: UpdateOptions, warnings: PageWarning[]): string[] {
  const { start, end } = findBlock(lines, 'SEE ALSO');
  if (start === -1) {
    // SEE ALSO is optional in zxkit's pages; 2018 warned about every page without one.
    if (options.compat2018) warnings.push({ kind: 'missing-section', message: 'did not find SEE ALSO section, skipping update' });
    return lines;
  }
  const atEnd = end === -1;
  const stop = atEnd ? (options.compat2018 ? -1 : lines.length) : end;
  const concepts = new Set<string>();
  const names = new Set<string>();
  const extra: string[] = [];
  for (const line of slice(lines, start, stop)) {
    if (line === '' || line === SECTION_MARKER) continue;
    let isConcept = false;
    for (const concept of SEE_ALSO_CONCEPTS.keys()) {
      if (line.includes(`[${concept}]`)) {
        concepts.add(concept);
        isConcept = true;
      }
    }
    if (isConcept) continue;
    const named = options.names.filter((n) => line.includes(`[${n}]`) || line.includes(referenceLink(n)));
    // 2018 stopped at the first name in Python set order; no 2018 page names two
    // syscalls on one line, so definition order stands in for the set order here.
    for (const n of options.compat2018 ? named.slice(0, 1) : named) names.add(n);
    if (named.length > 0) continue;
    extra.push(line);
    // zxkit keeps hand-written SEE ALSO prose quietly; 2018 warned about each line.
    if (options.compat2018) warnings.push({ kind: 'see-also', message: 'unrecognized "see also", keeping before syscalls' });
  }
  const bullet = PAGE_STYLES[options.style].seeAlsoBullet;
  const block = [
    '',
    ...extra,
    ...(extra.length > 0 ? [''] : []),
    ...[...concepts].sort(compareCodePoints).map((c) => `${bullet}[${c}](${SEE_ALSO_CONCEPTS.get(c) ?? ''})`),
    ...[...names].sort(compareCodePoints).map((n) => `${bullet}${referenceLink(n)}`),
    '',
  ];
  // At the end of the file the closing blank line would only pile up blank lines (the
  // file's own newline ends the list; a references block brings its own blank line).
  if (atEnd && !options.compat2018) while (block.length > 0 && block[block.length - 1] === '') block.pop();
  return replaceSlice(lines, start, stop, block);
}

/**
 * §3.6 over the whole page, then the references block rebuilt at the end.
 * Bug fix (unless compat2018): only references outside the block count, so a stale
 * definition no longer keeps itself alive by matching the reference regex.
 */
function updateReferences(lines: readonly string[], self: string, options: UpdateOptions): string[] {
  const known = new Set(options.names);
  const markerAt = lines.indexOf(REFERENCES_MARKER);
  const linked = linkReferences(lines.join('\n'), self, known);
  const referred =
    options.compat2018 || markerAt === -1
      ? linked.referred
      : linkReferences(lines.slice(0, markerAt).join('\n'), self, known).referred;
  // 2018 went from text back to lines with splitlines(), which loses one trailing blank
  // line per run; zxkit keeps the page's lines as they were.
  const out = options.compat2018 ? splitLines(linked.text) : linked.text.split('\n');
  let at = out.indexOf(REFERENCES_MARKER);
  if (at === -1) {
    out.push('', REFERENCES_MARKER);
    at = out.length - 1;
  }
  const result = [...out.slice(0, at), REFERENCES_MARKER, '', ...referred.map(referenceDefinition)];
  const n = result.length;
  if (n >= 3 && result[n - 3] === '' && result[n - 2] === REFERENCES_MARKER && result[n - 1] === '') {
    return result.slice(0, -3);
  }
  return result;
}
