// The whole site, in memory: model and generated Markdown pages in, files out (paths relative
// to the site's root, see urls.ts). Pure but for reading the two hand-written assets from
// templates/site/; the output depends only on these inputs, so two builds are byte-identical.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '../docs/page.js';
import type { Model } from '../model.js';
import { renderIndexPage } from './index-page.js';
import type { LinkTargets } from './markdown.js';
import { objectTypeFacts, renderObjectPage } from './object-pages.js';
import { renderSyscallPage } from './render.js';
import { searchEntries, searchIndexJson, searchIndexScript } from './search.js';
import { objectPage, SITE_PATHS, syscallPage } from './urls.js';

export interface SiteFile {
  readonly path: string;
  readonly content: string;
}

/** What the stamp file says; its presence marks a folder zxkit may replace wholesale. */
export const STAMP_TEXT = 'A reference site written by `zxkit docs --html`; the whole folder is rebuilt each time.\n';

/**
 * `pages` maps each syscall's name to its generated Markdown page (the docs backend's output,
 * byte for byte); a syscall without one is an error of the caller.
 */
export function buildSite(model: Model, pages: ReadonlyMap<string, string>): SiteFile[] {
  const objects = objectTypeFacts(model);
  const targets: LinkTargets = {
    syscalls: new Set(model.syscalls.map((sc) => sc.name)),
    objectTypes: new Set(objects.map((o) => o.constant.name)),
  };
  const entries = searchEntries(model.syscalls, objects);
  const files: SiteFile[] = [
    { path: SITE_PATHS.index, content: renderIndexPage(model.syscalls, objects, targets) },
    { path: SITE_PATHS.searchIndex, content: searchIndexJson(entries) },
    { path: SITE_PATHS.searchData, content: searchIndexScript(entries) },
    { path: SITE_PATHS.style, content: asset('style.css') },
    { path: SITE_PATHS.script, content: asset('search.js') },
    { path: SITE_PATHS.stamp, content: STAMP_TEXT },
  ];
  for (const sc of model.syscalls) {
    const page = pages.get(sc.name);
    if (page === undefined) throw new Error(`site: no reference page for ${sc.name}`);
    files.push({ path: syscallPage(sc.name), content: renderSyscallPage(sc, page, targets) });
  }
  for (const o of objects) files.push({ path: objectPage(o.key), content: renderObjectPage(o, targets) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function asset(name: string): string {
  return readFileSync(join(templatesDir(), 'site', name), 'utf8');
}
