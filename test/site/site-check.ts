// Test helpers for the reference site: what a Markdown page says (read off its text, the way a
// person would, independently of the site builder), what the HTML page shows (read off the
// document tree), and every link of a built site checked against the files and ids it has.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { repoRoot } from '../generator/helpers.js';
import { byClass, byTag, elements, find, findAll, parseHtml, text, type Element } from './html.js';

export interface PageFacts {
  /** Section headings in order, as written (`RETURN VALUE`). */
  readonly sections: readonly string[];
  readonly synopsis: string;
  readonly params: readonly string[];
  readonly errors: readonly string[];
  readonly seeAlso: readonly string[];
}

function mdSection(md: string, heading: string): string {
  const lines = md.split('\n');
  const at = lines.indexOf(`## ${heading}`);
  if (at < 0) return '';
  const rest = lines.slice(at + 1);
  const end = rest.findIndex((l) => l.startsWith('## ') || l.startsWith('<!-- References'));
  return (end < 0 ? rest : rest.slice(0, end)).join('\n');
}

/** The facts of a generated Markdown page. */
export function markdownFacts(md: string): PageFacts {
  const synopsis = /```\n([\s\S]*?)```/.exec(mdSection(md, 'SYNOPSIS'))?.[1] ?? '';
  const list = /\(([\s\S]*)\);/.exec(synopsis)?.[1]?.trim() ?? '';
  const params = list === 'void' || list === '' ? [] : list.split(',').map((p) => /(\w+)\s*$/.exec(p.trim())![1]!);
  return {
    sections: [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]!),
    synopsis,
    params,
    // Each error is a paragraph starting with its status; a wrapped line may start in bold too.
    errors: mdSection(md, 'ERRORS').split(/\n\s*\n/).flatMap((p) => /^\s*\*\*(ZX_[A-Z0-9_]+)\*\*/.exec(p)?.[1] ?? []),
    seeAlso: [...new Set([...mdSection(md, 'SEE ALSO').matchAll(/zx_(\w+)\(\)/g)].map((m) => m[1]!))],
  };
}

/** The same facts of a syscall's HTML page, plus the section ids it adds. */
export function htmlFacts(html: string): PageFacts & { readonly ids: readonly string[] } {
  const doc = parseHtml(html);
  const article = find(doc, byTag('article'));
  if (article === undefined) throw new Error('no <article>');
  const sections = elements(article).filter((e) => e.tag === 'section');
  const section = (id: string): Element | undefined => sections.find((s) => s.attrs.get('id') === id);
  const synopsis = section('synopsis');
  const pre = synopsis === undefined ? undefined : find(synopsis, byTag('pre'));
  const rowHeads = (table: Element | undefined) => table === undefined ? [] : findAll(find(table, byTag('tbody'))!, byTag('tr')).map((tr) => tr);
  const params = rowHeads(find(article, byClass('params'))).map((tr) => text(find(tr, byTag('th'))!));
  const errorsSection = section('errors');
  const errors = errorsSection === undefined ? [] : rowHeads(find(errorsSection, byClass('errors'))).map((tr) => tr.attrs.get('id') ?? '');
  const seeSection = section('see-also');
  const seeAlso = seeSection === undefined ? [] : findAll(seeSection, byTag('a')).map((a) => posix.basename(a.attrs.get('href') ?? '', '.html'));
  return {
    sections: sections.map((s) => text(find(s, byTag('h2'))!)),
    ids: sections.map((s) => s.attrs.get('id') ?? ''),
    synopsis: pre === undefined ? '' : text(pre),
    params,
    errors,
    seeAlso,
  };
}

/** Every file of a folder, relative, with forward slashes. */
export function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesOf(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]).sort();
}

/**
 * Every href and src of every HTML page that does not resolve inside the site: a missing file,
 * a missing id, or a link leaving the site (absolute, file:, or above its root). External
 * http(s) links are allowed; the site writes none today, and they are counted.
 */
export function brokenLinks(siteDir: string): { broken: string[]; checked: number; external: number } {
  const pages = filesOf(siteDir).filter((f) => f.endsWith('.html'));
  const ids = new Map<string, Set<string>>();
  const docs = new Map<string, Element>();
  for (const p of pages) {
    const doc = parseHtml(readFileSync(join(siteDir, p), 'utf8'));
    docs.set(p, doc);
    ids.set(p, new Set(findAll(doc, (e) => e.attrs.has('id')).map((e) => e.attrs.get('id')!)));
  }
  const broken: string[] = [];
  let checked = 0;
  let external = 0;
  for (const [p, doc] of docs) {
    for (const el of findAll(doc, (e) => e.attrs.has('href') || e.attrs.has('src'))) {
      const url = el.attrs.get('href') ?? el.attrs.get('src')!;
      if (/^https?:\/\//.test(url)) {
        external++;
        continue;
      }
      checked++;
      if (/^[a-z]+:|^\/\//i.test(url) || url.startsWith('/') || url === '') {
        broken.push(`${p}: ${url} leaves the site`);
        continue;
      }
      const [path, anchor] = url.split('#') as [string, string | undefined];
      const target = path === '' ? p : posix.normalize(posix.join(posix.dirname(p), path));
      if (target.startsWith('../')) broken.push(`${p}: ${url} leaves the site`);
      else if (!existsSync(join(siteDir, target))) broken.push(`${p}: ${url} (no ${target})`);
      else if (anchor !== undefined && !ids.get(target)?.has(anchor)) broken.push(`${p}: ${url} (no id ${anchor} in ${target})`);
    }
  }
  return { broken, checked, external };
}

/** What differs between a Markdown page and its HTML page; empty when they agree. */
export function pageMismatches(name: string, md: string, html: string): string[] {
  const m = markdownFacts(md);
  const h = htmlFacts(html);
  const out: string[] = [];
  const same = (what: string, a: readonly string[] | string, b: readonly string[] | string) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${name}: ${what}: markdown ${JSON.stringify(a)}, html ${JSON.stringify(b)}`);
  };
  // The HTML adds one section, PARAMETERS, right after the SYNOPSIS; every other is the page's own.
  same('sections', m.sections, h.sections.filter((s) => s !== 'PARAMETERS'));
  const synopsisAt = h.sections.indexOf('SYNOPSIS');
  if (synopsisAt >= 0) same('section after SYNOPSIS', 'PARAMETERS', h.sections[synopsisAt + 1] ?? '');
  same('section ids', h.ids, h.sections.map((s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-')));
  same('synopsis', m.synopsis, h.synopsis);
  same('parameters', m.params, h.params);
  same('error statuses', m.errors, h.errors);
  same('see also', m.seeAlso, h.seeAlso);
  return out;
}

const cli = join(repoRoot, 'dist-gen', 'generator', 'cli.js');

/** Runs the built zxkit CLI (vitest's global setup builds dist-gen) in `cwd`. */
export function zxkit(args: readonly string[], cwd = repoRoot) {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}
