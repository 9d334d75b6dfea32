// What differs between the two page styles, as data, so the renderer and the template
// stay style-agnostic. `seed` is zxkit's own style (shared/seed/socket_share.md);
// `abigen-2018` is what Zircon's 2018 update-docs-from-abigen left (reference-pages.md §3.2).
import type { DocsStyle } from '../backends/backend.js';

export interface PageStyle {
  /** The line under the NAME marker. */
  readonly nameLine: (name: string, summary: string) => string;
  /** Prefix of each SEE ALSO entry. */
  readonly seeAlsoBullet: string;
  /** RIGHTS body when the model states nothing (`rights` undefined). */
  readonly rightsUnstated: string;
  /** Stand-in for prose the model leaves empty (the 2018 stub text). */
  readonly todo: string;
}

export const SECTION_MARKER = '<!-- Updated by update-docs-from-abigen, do not edit. -->';
export const REFERENCES_MARKER = '<!-- References updated by update-docs-from-abigen, do not edit. -->';

const TODO = 'TODO(ZX-3106)';

export const PAGE_STYLES: Readonly<Record<DocsStyle, PageStyle>> = {
  seed: {
    nameLine: (_name, summary) => summary || TODO,
    seeAlsoBullet: '- ',
    rightsUnstated: 'None.',
    todo: TODO,
  },
  'abigen-2018': {
    nameLine: (name, summary) => `${name} - ${summary || TODO}`,
    seeAlsoBullet: ' - ',
    rightsUnstated: 'TODO(ZX-2399)',
    todo: TODO,
  },
};
