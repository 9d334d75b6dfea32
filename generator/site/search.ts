// The search index: every syscall and object type with its summary and page, sorted, as JSON
// (search-index.json, for tools) and as a script that hands the same data to the page
// (search-index.js), since pages opened from file:// may not fetch a file beside them.
import type { SyscallDef } from '../model.js';
import { callName } from './markdown.js';
import type { ObjectTypeFacts } from './object-pages.js';
import { objectPage, syscallPage } from './urls.js';

export interface SearchEntry {
  readonly name: string;
  readonly kind: 'syscall' | 'object type';
  readonly summary: string;
  /** The page, relative to the site's root. */
  readonly url: string;
  readonly implemented?: boolean;
}

export function searchEntries(syscalls: readonly SyscallDef[], objects: readonly ObjectTypeFacts[]): SearchEntry[] {
  const entries: SearchEntry[] = [
    ...syscalls.map((sc) => ({ name: callName(sc.name), kind: 'syscall' as const, summary: sc.summary.trim(), url: syscallPage(sc.name), implemented: sc.implemented })),
    ...objects.map((o) => ({ name: o.constant.name, kind: 'object type' as const, summary: `The ${o.key} object type: its signals, rights and syscalls.`, url: objectPage(o.key) })),
  ];
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function searchIndexJson(entries: readonly SearchEntry[]): string {
  return `${JSON.stringify(entries, null, 1)}\n`;
}

/** The same data as a script; `</` is escaped so no summary can end the script element. */
export function searchIndexScript(entries: readonly SearchEntry[]): string {
  return `window.ZXKIT_SEARCH_INDEX = ${JSON.stringify(entries).replace(/<\//g, '<\\/')};\n`;
}
