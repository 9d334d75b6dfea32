// One reference page: plain view data rendered through templates/reference-page.md.hbs,
// then the §3.6 reference pass over the whole text. Style differences come from
// PAGE_STYLES, never from the template.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { SyscallDef } from '../model.js';
import { linkReferences, referencesBlock } from './references.js';
import { renderRights } from './rights.js';
import { PAGE_STYLES, SECTION_MARKER, unimplementedNote, type DocsStyle } from './styles.js';
import { compareCodePoints, renderPrototype, synopsisIncludes } from './synopsis.js';

export interface PageContext {
  readonly style: DocsStyle;
  /** Every syscall name in the model: the set §3.6 links against. */
  readonly known: ReadonlySet<string>;
}

/** Exactly what the template sees. */
export interface PageView {
  readonly name: string;
  readonly marker: string;
  readonly nameLine: string;
  readonly includes: readonly string[];
  readonly prototype: string;
  readonly description: string;
  readonly rights: readonly string[];
  readonly returnValue: string;
  readonly errors: readonly { readonly status: string; readonly text: string }[];
  readonly noErrors: string;
  readonly limitations: string | null;
  readonly seeAlsoBullet: string;
  readonly seeAlso: readonly string[];
}

export function pageView(sc: SyscallDef, style: DocsStyle): PageView {
  const s = PAGE_STYLES[style];
  const prose = (text: string): string => trimProse(text) || s.todo;
  const limitations = trimProse(sc.limitations ?? '');
  return {
    name: sc.name,
    marker: SECTION_MARKER,
    nameLine: s.nameLine(sc.name, trimProse(sc.summary)),
    includes: synopsisIncludes(sc),
    prototype: renderPrototype(sc),
    description: sc.implemented === false
      ? [trimProse(sc.description) === s.todo ? '' : trimProse(sc.description), unimplementedNote(sc.name, sc.unsupportedReason, sc.attributes.includes('internal'))].filter(Boolean).join('\n\n')
      : prose(sc.description),
    rights: renderRights(sc, style),
    returnValue: prose(sc.returnValue),
    errors: sc.errors.map((e) => ({ status: e.status, text: trimProse(e.text) })),
    noErrors: s.noErrors,
    limitations: limitations === '' ? null : limitations,
    seeAlsoBullet: s.seeAlsoBullet,
    seeAlso: [...new Set(sc.seeAlso)].sort(compareCodePoints),
  };
}

/** The page text, ending in exactly one newline. */
export function renderPage(sc: SyscallDef, ctx: PageContext): string {
  const body = pageTemplate()(pageView(sc, ctx.style)).replace(/\n+$/, '');
  // See-also targets are linked even if a caller's `known` set forgot them.
  const known = new Set([...ctx.known, ...sc.seeAlso, sc.name]);
  const { text, referred } = linkReferences(body, sc.name, known);
  return [text, ...referencesBlock(referred)].join('\n') + '\n';
}

// Prose fields may or may not end in a newline (YAML `|` vs plain scalars).
function trimProse(text: string): string {
  return text.replace(/\s+$/, '');
}

let compiled: HandlebarsTemplateDelegate<PageView> | undefined;

function pageTemplate(): HandlebarsTemplateDelegate<PageView> {
  if (compiled === undefined) {
    const hbs = Handlebars.create();
    compiled = hbs.compile<PageView>(readTemplate('reference-page.md.hbs'), { noEscape: true, strict: true });
  }
  return compiled;
}

/** Forget the compiled template, so `regen --watch` picks up an edited one. */
export function reloadTemplates(): void {
  compiled = undefined;
}

// From source (generator/docs/) templates/ is two levels up; from the compiled
// dist-gen/generator/docs/ (or dist/generator/docs/) it is three.
export function templatesDir(): string {
  const candidates = ['../../templates/', '../../../templates/'].map((rel) => new URL(rel, import.meta.url));
  const found = candidates.find((url) => existsSync(url));
  if (found === undefined) throw new Error(`templates not found in ${candidates.join(', ')}`);
  return fileURLToPath(found);
}

function readTemplate(file: string): string {
  return readFileSync(join(templatesDir(), file), 'utf8');
}
