// The generated regions of a reference page (reference-pages.md §3.2) as line arrays,
// built from the same renderer pieces as a full page (generator/docs/), so a page that
// `renderPage` wrote is a fixed point of the sync pass.
import { pageView } from '../docs/page.js';
import { PAGE_STYLES, SECTION_MARKER, type DocsStyle } from '../docs/styles.js';
import type { SyscallDef } from '../model.js';
import { stubName, TODO_MARKER as TODO } from '../names.js';


/** The SEE ALSO concepts the 2018 tool recognised, with their link targets (§3.5). */
export const SEE_ALSO_CONCEPTS: ReadonlyMap<string, string> = new Map([
  ['rights', '../rights.md'],
  ['exceptions', '../exceptions.md'],
  ['futex objects', '../objects/futex.md'],
]);

export interface Regions {
  readonly title: string;
  readonly name: readonly string[];
  readonly synopsis: readonly string[];
  readonly rights: readonly string[];
}

/**
 * The title line and the NAME, SYNOPSIS and RIGHTS blocks (each the lines between its
 * heading and the next one). Throws when a rights clause fits no sentence form.
 * `compat2018` rebuilds the NAME description from abigen's tokens, as 2018 did.
 */
export function generatedRegions(sc: SyscallDef, style: DocsStyle, compat2018: boolean): Regions {
  const view = pageView(sc, style);
  // A summary that is the stub text itself stands for "no #^ line" (the importer's
  // placeholder, as YAML needs a summary); 2018 put that text in without tokenising it.
  const summary = sc.summary.trim() === TODO ? '' : abigenDescription(sc.summary);
  const nameLine = compat2018 ? PAGE_STYLES[style].nameLine(sc.name, summary) : view.nameLine;
  return {
    title: `# ${stubName(sc)}`,
    name: ['', SECTION_MARKER, '', ...nameLine.split('\n'), ''],
    synopsis: ['', SECTION_MARKER, '', '```', ...view.includes, '', ...view.prototype.split('\n'), '```', ''],
    rights: ['', SECTION_MARKER, '', ...view.rights.flatMap((sentence) => [sentence, ''])],
  };
}

/**
 * abigen handed the `#^` description over as tokens (runs of `[A-Za-z0-9_]` or single
 * punctuation characters) and the 2018 script glued them back together (§3.2): `, . - / ' )`
 * attach to the text before; any other token gets a space unless the text so far is empty
 * or ends in `- / ' (`. This reproduces every 2018 NAME line; other punctuation renders
 * with spaces (`a: b` becomes `a : b`).
 */
export function abigenDescription(summary: string): string {
  let text = '';
  for (const token of summary.match(/[A-Za-z0-9_]+|[^\sA-Za-z0-9_]/g) ?? []) {
    if (",.-/')".includes(token) || text === '' || /[-/'(]$/.test(text)) text += token;
    else text += ` ${token}`;
  }
  return text;
}

/** The `--generate-missing` stub of the 2018 tool, written before the update pass (§3.7). */
export function stubPage(name: string): string {
  const lines = [`# ${stubName(name)}`, '', '## NAME', '', '## SYNOPSIS', '', '## DESCRIPTION', '', TODO, '', '## RIGHTS', '',
    '## RETURN VALUE', '', TODO, '', '## ERRORS', '', TODO, '', '## SEE ALSO', '', TODO];
  return `${lines.join('\n')}\n`;
}
