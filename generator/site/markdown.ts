// The generated Markdown pages, read by markdown-it: parsed once into sections, with links
// pointed at the site. Links are decided here, on the token stream, so the renderer only prints:
// - a reference link to a page (`socket_read.md`) goes to that syscall's site page;
// - a syscall mentioned in code (`zx_channel_write()`) or in plain text (zx_channel_write()),
//   which §3.6 leaves unlinked, and an object type in bold (**ZX_OBJ_TYPE_SOCKET**) are linked
//   too, never the page's own name;
// - a relative link to something the site does not have (a concept page) keeps its text only.
import { createRequire } from 'node:module';
import type { default as createMarkdownIt, Env as MdEnv, MarkdownIt, RendererRule, Token } from 'markdown-it';
import { REFERENCES_MARKER, SECTION_MARKER } from '../docs/styles.js';
import { objTypeKey, stubName } from '../names.js';
import { objectPage, relativeUrl, sectionId, syscallPage } from './urls.js';

/** What links resolve against: the site's syscalls and object types, and the page being built. */
export interface LinkTargets {
  readonly syscalls: ReadonlySet<string>;
  /** Object type constants that have a page (ZX_OBJ_TYPE_SOCKET). */
  readonly objectTypes: ReadonlySet<string>;
}

interface SiteEnv {
  readonly targets: LinkTargets;
  /** The page's own syscall, never linked to itself. */
  readonly self: string | null;
  /** The site path of the page being rendered; links are made relative to it. */
  from: string;
}

// markdown-it threads one env object through parsing and rendering; ours sits under one key.
type Env = MdEnv & { readonly site: SiteEnv };

function siteEnv(env: MdEnv | undefined): SiteEnv {
  const site = env?.['site'] as SiteEnv | undefined;
  if (site === undefined) throw new Error('site markdown: rendered without its link context');
  return site;
}

export interface PageSection {
  /** The heading as written (`RETURN VALUE`). */
  readonly heading: string;
  readonly id: string;
  /** The section's block tokens, heading excluded. */
  readonly tokens: readonly Token[];
}

export interface ParsedPage {
  readonly title: string;
  readonly sections: readonly PageSection[];
  readonly env: Env;
}

// Site links are carried as `site:<path>` until rendering, when the page's own path is known.
const SITE = 'site:';

// Loaded on first use: regen and check load this module, and build no site unless asked.
let instance: MarkdownIt | undefined;

function markdown(): MarkdownIt {
  if (instance !== undefined) return instance;
  const create = createRequire(import.meta.url)('markdown-it') as typeof createMarkdownIt;
  const md = create({ html: false, linkify: false, typographer: false });
  md.core.ruler.push('zxkit_site_links', (state) => {
    const env = siteEnv(state.env);
    for (const block of state.tokens) {
      if (block.type === 'inline' && block.children !== null) block.children = linkInline(block.children, env, state.Token);
    }
  });
  md.renderer.rules['link_open'] = renderLinkOpen;
  return (instance = md);
}

const renderLinkOpen: RendererRule = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const href = String(token.attrGet('href') ?? '');
  if (!href.startsWith(SITE)) return self.renderToken(tokens, idx, options);
  // Resolved for this rendering only: the token keeps its site path.
  token.attrSet('href', relativeUrl(siteEnv(env).from, href.slice(SITE.length)));
  const html = self.renderToken(tokens, idx, options);
  token.attrSet('href', href);
  return html;
};

type TokenClass = typeof Token;

function link(T: TokenClass, path: string): [Token, Token] {
  const open = new T('link_open', 'a', 1);
  open.attrSet('href', `${SITE}${path}`);
  return [open, new T('link_close', 'a', -1)];
}

const PAGE_LINK = /^([a-z0-9_]+)\.md$/;
const MENTION = /^(?:zx_)?([a-z0-9_]+)(?:\(\))?$/;

function linkInline(children: Token[], env: SiteEnv, T: TokenClass): Token[] {
  const out: Token[] = [];
  let depth = 0;
  const dropped: boolean[] = [];
  for (let i = 0; i < children.length; i++) {
    const t = children[i]!;
    if (t.type === 'link_open') {
      const href = String(t.attrGet('href') ?? '');
      const page = PAGE_LINK.exec(href)?.[1];
      const relative = !/^[a-z][a-z0-9+.-]*:|^#|^\//i.test(href);
      if (page !== undefined && env.targets.syscalls.has(page)) t.attrSet('href', `${SITE}${syscallPage(page)}`);
      dropped.push(relative && !(page !== undefined && env.targets.syscalls.has(page)));
      depth++;
      if (!dropped[dropped.length - 1]) out.push(t);
      continue;
    }
    if (t.type === 'link_close') {
      depth--;
      if (!dropped.pop()) out.push(t);
      continue;
    }
    if (depth === 0 && t.type === 'code_inline') {
      const name = MENTION.exec(t.content)?.[1];
      if (name !== undefined && name !== env.self && env.targets.syscalls.has(name) && (t.content.startsWith('zx_') || t.content.endsWith('()'))) {
        const [open, close] = link(T, syscallPage(name));
        out.push(open, t, close);
        continue;
      }
    }
    if (depth === 0 && t.type === 'text') {
      out.push(...linkPlainMentions(t, env, T));
      continue;
    }
    const text = children[i + 1];
    if (depth === 0 && t.type === 'strong_open' && text?.type === 'text' && children[i + 2]?.type === 'strong_close' && env.targets.objectTypes.has(text.content)) {
      const [open, close] = link(T, objectPage(objTypeKey(text.content)));
      out.push(open, t, text, children[i + 2]!, close);
      i += 2;
      continue;
    }
    out.push(t);
  }
  return out;
}

// In plain text only the full call form counts as a mention: `zx_` and `()` both written.
const PLAIN_MENTION = /zx_([a-z0-9_]+)\(\)/g;

function linkPlainMentions(t: Token, env: SiteEnv, T: TokenClass): Token[] {
  const out: Token[] = [];
  let last = 0;
  const piece = (content: string) => {
    const p = new T('text', '', 0);
    p.content = content;
    return p;
  };
  for (const m of t.content.matchAll(PLAIN_MENTION)) {
    const name = m[1]!;
    if (name === env.self || !env.targets.syscalls.has(name)) continue;
    if (m.index > last) out.push(piece(t.content.slice(last, m.index)));
    const [open, close] = link(T, syscallPage(name));
    out.push(open, piece(m[0]), close);
    last = m.index + m[0].length;
  }
  if (last === 0) return [t];
  if (last < t.content.length) out.push(piece(t.content.slice(last)));
  return out;
}

/** Parses a generated page into its title and `##` sections; the update markers are left out. */
export function parsePage(text: string, self: string | null, targets: LinkTargets): ParsedPage {
  const env: Env = { site: { targets, self, from: '' } };
  const tokens = markdown().parse(text, env);
  let title = '';
  const sections: { heading: string; id: string; tokens: Token[] }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'heading_open' && (t.tag === 'h1' || t.tag === 'h2')) {
      const heading = tokens[i + 1]!.content;
      if (t.tag === 'h1') title = heading;
      else sections.push({ heading, id: sectionId(heading), tokens: [] });
      i += 2;
      continue;
    }
    if (isMarker(tokens, i)) {
      i += 2;
      continue;
    }
    sections[sections.length - 1]?.tokens.push(t);
  }
  return { title, sections, env };
}

function isMarker(tokens: readonly Token[], i: number): boolean {
  const inline = tokens[i + 1];
  return tokens[i]!.type === 'paragraph_open' && inline !== undefined &&
    (inline.content === SECTION_MARKER || inline.content === REFERENCES_MARKER);
}

/** Block tokens to HTML, links relative to the site page at `from`. */
export function renderBlocks(tokens: readonly Token[], page: ParsedPage, from: string): string {
  const env = page.env;
  env.site.from = from;
  const md = markdown();
  return md.renderer.render([...tokens], md.options, env);
}

/** Inline tokens (a paragraph's children) to HTML, links relative to the site page at `from`. */
export function renderInline(children: readonly Token[], page: ParsedPage, from: string): string {
  const env = page.env;
  env.site.from = from;
  const md = markdown();
  return md.renderer.renderInline([...children], md.options, env);
}

/** A short Markdown text (a summary) to inline HTML, with the same link rules. */
export function renderInlineText(text: string, from: string, targets: LinkTargets): string {
  return markdown().renderInline(text, { site: { targets, self: null, from } } satisfies Env);
}

/** The plain text of inline tokens, as a reader sees it. */
export function plainText(children: readonly Token[]): string {
  return children.map((t) => (t.type === 'text' || t.type === 'code_inline' ? t.content : t.type === 'softbreak' ? ' ' : '')).join('');
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return markdown().utils.escapeHtml(s);
}

/** `zx_name()` as it appears in page text. */
export function callName(name: string): string {
  return `${stubName(name)}()`;
}
