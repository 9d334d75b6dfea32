// One syscall's site page: its generated Markdown page rendered by markdown-it, section by
// section and in the page's order, with three additions from the model: a PARAMETERS table
// after the SYNOPSIS, the RIGHTS sentences as a table (one row per clause, the sentence kept),
// and the ERRORS paragraphs as a table whose rows are anchors (`#ZX_ERR_BAD_HANDLE`).
import type { Token } from 'markdown-it';
import type { Condition, ParamDef, RightsClause, SyscallDef } from '../model.js';
import { objTypeKey } from '../names.js';
import { framePage, siteLink, table } from './layout.js';
import { callName, escapeHtml, parsePage, renderBlocks, renderInline, type LinkTargets, type PageSection, type ParsedPage } from './markdown.js';
import { objectPage, syscallPage } from './urls.js';

const code = (s: string) => `<code>${escapeHtml(s)}</code>`;

export function renderSyscallPage(sc: SyscallDef, markdown: string, targets: LinkTargets): string {
  const path = syscallPage(sc.name);
  const page = parsePage(markdown, sc.name, targets);
  const sections: string[] = [];
  for (const s of page.sections) {
    sections.push(section(s.id, escapeHtml(s.heading), sectionBody(sc, s, page, path, targets)));
    if (s.heading === 'SYNOPSIS') sections.push(section('parameters', 'PARAMETERS', parametersTable(sc)));
  }
  const status = sc.implemented
    ? '<p class="badge implemented">Implemented by zxkit’s kernel core</p>'
    : '<p class="badge unimplemented">Not implemented: returns <code>ZX_ERR_NOT_SUPPORTED</code></p>';
  const main = `<article class="syscall">
<h1>${escapeHtml(page.title || callName(sc.name))}</h1>
${status}
${sections.join('\n')}
</article>`;
  return framePage({ path, title: callName(sc.name), crumb: sc.family, main });
}

function section(id: string, headingHtml: string, body: string): string {
  return `<section id="${escapeHtml(id)}" aria-labelledby="h-${escapeHtml(id)}">
<h2 id="h-${escapeHtml(id)}">${headingHtml}</h2>
${body}</section>`;
}

function sectionBody(sc: SyscallDef, s: PageSection, page: ParsedPage, path: string, targets: LinkTargets): string {
  if (s.heading === 'ERRORS') return errorsTable(s.tokens, page, path);
  if (s.heading === 'RIGHTS') return rightsTable(sc, s.tokens, page, path, targets);
  return renderBlocks(s.tokens, page, path);
}

/** A run of a section's block tokens: one paragraph (with its inline children), or anything else. */
interface Block {
  readonly tokens: Token[];
  /** A paragraph's inline children; absent for other blocks. */
  readonly children?: readonly Token[];
}

function blocks(tokens: readonly Token[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'paragraph_open' && tokens[i + 1]?.type === 'inline' && tokens[i + 2]?.type === 'paragraph_close') {
      out.push({ tokens: tokens.slice(i, i + 3), children: tokens[i + 1]!.children ?? [] });
      i += 2;
    } else {
      const last = out[out.length - 1];
      if (last !== undefined && last.children === undefined) last.tokens.push(t);
      else out.push({ tokens: [t] });
    }
  }
  return out;
}

const STATUS = /^ZX_[A-Z0-9_]+$/;

/** `**ZX_ERR_X** text`: the status and the text's tokens, or null for any other paragraph. */
function errorParagraph(children: readonly Token[]): { status: string; rest: Token[] } | null {
  // markdown-it may lead with an empty text token before the emphasis delimiter.
  const [open, text, close, ...rest] = children.filter((t, i) => !(i === 0 && t.type === 'text' && t.content === ''));
  if (open?.type !== 'strong_open' || text?.type !== 'text' || close?.type !== 'strong_close' || !STATUS.test(text.content)) return null;
  return { status: text.content, rest };
}

function errorsTable(tokens: readonly Token[], page: ParsedPage, path: string): string {
  const out: string[] = [];
  let rows: { status: string; text: string }[] = [];
  const flush = () => {
    if (rows.length === 0) return;
    const cells = rows.map((r) => [`<a class="anchor" href="#${escapeHtml(r.status)}">${code(r.status)}</a>`, r.text]);
    out.push(table(['Status', 'Returned when'], cells, { className: 'errors', rowIds: rows.map((r) => r.status) }));
    rows = [];
  };
  for (const b of blocks(tokens)) {
    const e = b.children === undefined ? null : errorParagraph(b.children);
    if (e === null) {
      flush();
      out.push(renderBlocks(b.tokens, page, path));
      continue;
    }
    rows.push({ status: e.status, text: renderInline(e.rest, page, path).trimStart() });
  }
  flush();
  return out.join('');
}

function rightsTable(sc: SyscallDef, tokens: readonly Token[], page: ParsedPage, path: string, targets: LinkTargets): string {
  const clauses = Array.isArray(sc.rights) ? (sc.rights as readonly RightsClause[]) : [];
  const bs = blocks(tokens);
  // One sentence per clause, as the docs backend wrote them; anything else is shown as written.
  if (clauses.length === 0 || bs.length !== clauses.length || bs.some((b) => b.children === undefined)) {
    return renderBlocks(tokens, page, path);
  }
  const typeCell = (types: readonly string[]) => types.length === 0 ? 'any' : types.map((t) =>
    targets.objectTypes.has(t) ? siteLink(path, objectPage(objTypeKey(t)), code(t)) : code(t)).join(' or ');
  const rows = clauses.map((c, i) => {
    const needs = c.resource !== undefined ? `resource kind ${code(c.resource)}` : c.rights.map(code).join(' and ') || '—';
    return [subject(c), c.when ? condition(c.when) : 'always', typeCell(c.types), needs, renderInline(bs[i]!.children!, page, path)];
  });
  return table(['Handle', 'When', 'Object type', 'Must have', 'Rule'], rows, { className: 'rights' });
}

function subject(c: RightsClause): string {
  switch (c.scope) {
    case 'self': return code(c.param);
    case 'each': return `each entry of ${code(c.param)}`;
    case 'entry_field': return `${code(c.field ?? '')} of each entry of ${code(c.param)}`;
    case 'field': return `each handle in ${code(`${c.param}.${c.field ?? ''}`)}`;
  }
}

function condition(w: Condition): string {
  return `${code(w.param)} ${w.op === 'is' ? 'is' : 'has'} ${code(w.value)}`;
}

const OWNERSHIP: Readonly<Record<NonNullable<ParamDef['handle']>['ownership'], string>> = {
  use: 'handle',
  acquire: 'receives a new handle',
  release: 'handle, consumed',
  release_always: 'handle, consumed whatever the outcome',
};

function parametersTable(sc: SyscallDef): string {
  if (sc.params.length === 0) return '<p>None.</p>\n';
  const rows = sc.params.map((p) => {
    const notes = [
      p.handle ? OWNERSHIP[p.handle.ownership] : '',
      p.count !== undefined ? `array of ${typeof p.count === 'number' ? p.count : code(p.count)}` : '',
      p.optional ? 'optional' : '',
    ].filter(Boolean).join('; ');
    return [code(p.name), code(p.type), p.dir, notes || '—'];
  });
  return table(['Parameter', 'Type', 'Direction', 'Notes'], rows, { className: 'params', rowIds: sc.params.map((p) => `param-${p.name}`) });
}
