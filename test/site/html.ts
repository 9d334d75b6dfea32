// Test helper: a small HTML reader for the site's pages, so the tests look at the document
// (elements, attributes, text), not at the strings the builder happened to print. It knows
// what HTML5 documents of this shape need: void elements, comments, the doctype, raw text
// inside <script> and <style>, and the character references markdown-it and the builder write.
// It throws on a stray or mismatched end tag, so a malformed page fails the test that reads it.

export interface Element {
  readonly tag: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: readonly Node[];
  readonly parent: Element | null;
}
export type Node = Element | string;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW = new Set(['script', 'style']);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    const v = ENTITIES[e.toLowerCase()];
    if (v === undefined) throw new Error(`unknown character reference ${m}`);
    return v;
  });
}

function parseAttrs(s: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of s.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    attrs.set(m[1]!.toLowerCase(), decode(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

/** The document's root element (<html>). */
export function parseHtml(html: string): Element {
  const root: Element = { tag: '#document', attrs: new Map(), children: [], parent: null };
  let open: Element = root;
  let i = 0;
  const push = (n: Node) => (open.children as Node[]).push(n);
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      push(decode(html.slice(i)));
      break;
    }
    if (lt > i) push(decode(html.slice(i, lt)));
    if (html.startsWith('<!--', lt)) {
      i = html.indexOf('-->', lt) + 3;
      continue;
    }
    if (html.startsWith('<!', lt)) {
      i = html.indexOf('>', lt) + 1;
      continue;
    }
    const gt = html.indexOf('>', lt);
    const body = html.slice(lt + 1, gt);
    i = gt + 1;
    if (body.startsWith('/')) {
      const tag = body.slice(1).trim().toLowerCase();
      if (open.tag !== tag) throw new Error(`</${tag}> closes <${open.tag}> at offset ${lt}`);
      open = open.parent!;
      continue;
    }
    const tag = /^[a-zA-Z][a-zA-Z0-9-]*/.exec(body)![0].toLowerCase();
    const el: Element = { tag, attrs: parseAttrs(body.slice(tag.length)), children: [], parent: open };
    push(el);
    if (VOID.has(tag)) continue;
    if (RAW.has(tag)) {
      const end = html.indexOf(`</${tag}>`, i);
      if (html.slice(i, end) !== '') (el.children as Node[]).push(html.slice(i, end));
      i = end + tag.length + 3;
      continue;
    }
    open = el;
  }
  if (open !== root) throw new Error(`<${open.tag}> is never closed`);
  const html5 = root.children.find((n): n is Element => typeof n !== 'string' && n.tag === 'html');
  if (html5 === undefined) throw new Error('no <html> element');
  return html5;
}

/** Every element under `el` (itself excluded), in document order, that `test` accepts. */
export function findAll(el: Element, test: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      if (test(c)) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}

export function find(el: Element, test: (e: Element) => boolean): Element | undefined {
  return findAll(el, test)[0];
}

export const byTag = (tag: string) => (e: Element) => e.tag === tag;
export const byId = (id: string) => (e: Element) => e.attrs.get('id') === id;
export const byClass = (cls: string) => (e: Element) => (e.attrs.get('class') ?? '').split(/\s+/).includes(cls);

/** The text a reader sees: every text node under `el`, concatenated. */
export function text(el: Element): string {
  return el.children.map((c) => (typeof c === 'string' ? c : text(c))).join('');
}

/** Direct child elements. */
export function elements(el: Element): Element[] {
  return el.children.filter((c): c is Element => typeof c !== 'string');
}
