// RIGHTS sentences (reference-pages.md §3.4): each clause goes through the shared form
// table to tokens, and the tokens are rendered by the 2018 spacing rule.
import type { RightsClause, SyscallDef } from '../model.js';
import { clauseTokens, type SentenceToken } from './rights-forms.js';
import { PAGE_STYLES, type DocsStyle } from './styles.js';

/** One Markdown sentence per clause; `None.` / the unstated text otherwise. */
export function renderRights(sc: SyscallDef, style: DocsStyle): string[] {
  if (sc.rights === 'none') return ['None.'];
  if (sc.rights === undefined || sc.rights.length === 0) return [PAGE_STYLES[style].rightsUnstated];
  return sc.rights.map((clause) => renderClause(sc, clause));
}

export function renderClause(sc: SyscallDef, clause: RightsClause): string {
  const tokens = clauseTokens(clause);
  if (tokens === undefined) {
    const { file, line, col } = clause.source;
    throw new Error(
      `${file}:${line}:${col}: rights clause of ${sc.name} for "${clause.param}" fits no RIGHTS sentence form`,
    );
  }
  return renderTokens(tokens);
}

/** The 2018 rendering rule: space-separated, with punctuation and slots styled. */
export function renderTokens(tokens: readonly SentenceToken[]): string {
  return tokens.map(renderToken).join('').replace(/^ /, '');
}

function renderToken(t: SentenceToken): string {
  switch (t.slot) {
    case undefined:
      if (t.text === '.' || t.text === ',' || t.text === '->') return t.text;
      if (t.text === '[') return '\\[';
      return ` ${t.text}`;
    case 'arg':
    case 'cond':
    case 'member':
      return ` *${t.text}*`;
    case 'value':
    case 'type':
    case 'right':
    case 'rsrc':
      return ` **${t.text}**`;
    case 'field':
      return ` ${t.text}`;
  }
}
