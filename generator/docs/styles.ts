// What differs between the two page styles, as data, so the renderer and the template
// stay style-agnostic. `seed` is zxkit's own style (shared/seed/socket_share.md);
// `abigen-2018` is what Zircon's 2018 update-docs-from-abigen left (reference-pages.md §3.2).
import { RIGHTS_TODO_MARKER, stubName, TODO_MARKER as TODO } from '../names.js';

export type DocsStyle = 'seed' | 'abigen-2018';

export interface PageStyle {
  /** The line under the NAME marker. */
  readonly nameLine: (name: string, summary: string) => string;
  /** Prefix of each SEE ALSO entry. */
  readonly seeAlsoBullet: string;
  /** RIGHTS body when the model states nothing (`rights` undefined). */
  readonly rightsUnstated: string;
  /** Stand-in for prose the model leaves empty (the 2018 stub text). */
  readonly todo: string;
  /** ERRORS body of a syscall that documents no error (it cannot fail). */
  readonly noErrors: string;
  /** A syscall without a summary is a definition error (its NAME would be the stand-in). */
  readonly needsSummary: boolean;
}

export const SECTION_MARKER = '<!-- Updated by update-docs-from-abigen, do not edit. -->';
export const REFERENCES_MARKER = '<!-- References updated by update-docs-from-abigen, do not edit. -->';

function sentence(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * The note a page carries when zxkit's kernel core does not implement its syscall. An internal
 * one has no stub to validate anything: nothing public is generated for it.
 */
export function unimplementedNote(name: string, reason?: string, internal = false): string {
  const what = internal
    ? `it is internal, so zxkit generates no stub, C prototype or wasm import for it, and no program can make the call.`
    : `it validates its arguments and handles as defined, then returns **ZX_ERR_NOT_SUPPORTED**.`;
  return `zxkit's kernel core does not implement \`${stubName(name)}()\`: ${what}` + (reason ? ` ${reason}` : '');
}

export const PAGE_STYLES: Readonly<Record<DocsStyle, PageStyle>> = {
  seed: {
    // NAME holds a sentence: imported summaries ("create a vmo") are capitalised and closed.
    nameLine: (_name, summary) => (summary ? sentence(summary) : TODO),
    seeAlsoBullet: '- ',
    rightsUnstated: 'None.',
    todo: TODO,
    noErrors: 'None.',
    needsSummary: true,
  },
  'abigen-2018': {
    nameLine: (name, summary) => `${name} - ${summary || TODO}`,
    seeAlsoBullet: ' - ',
    rightsUnstated: RIGHTS_TODO_MARKER,
    todo: TODO,
    noErrors: TODO,
    // Imported 2018 definitions often have none, and their pages showed the stand-in.
    needsSummary: false,
  },
};
