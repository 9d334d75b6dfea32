// The reference site's URL scheme (`zxkit docs --html OUT`). These paths are a contract: other
// tools link into the site (the playground links a failing call to its error), so a path here
// never changes meaning. Every path is relative to the site's root folder, and every link the
// site itself writes is relative to the page holding it, so the site works from file:// and
// from any folder of a static server.
//
//   index.html                          syscalls by family, object types, search
//   syscalls/<name>.html                one page per syscall, <name> without zx_ (socket_share)
//   syscalls/<name>.html#<STATUS>       that syscall's row for an error status (#ZX_ERR_BAD_HANDLE)
//   syscalls/<name>.html#<section>      a section: name, synopsis, parameters, description,
//                                       rights, return-value, errors, see-also (and any extra,
//                                       e.g. limitations), lower case, spaces as '-'
//   objects/<type>.html                 one page per object type, <type> = ZX_OBJ_TYPE_<TYPE> in
//                                       lower case (socket, eventpair)
//   search-index.json                   [{ name, kind, summary, url, implemented? }], sorted
//   search-index.js                     the same data for file:// pages (no fetch there)
//   assets/style.css, assets/search.js  the stylesheet and the search script
//
// Plain string functions, no Node imports, so code running in a page (the playground) can
// import this module to form its links.

export const SITE_PATHS = {
  index: 'index.html',
  searchIndex: 'search-index.json',
  searchData: 'search-index.js',
  style: 'assets/style.css',
  script: 'assets/search.js',
  /** Written last into every site, so a folder can be recognised as one zxkit wrote. */
  stamp: '.zxkit-site',
} as const;

/** A syscall's page: `syscalls/socket_share.html`. */
export function syscallPage(name: string): string {
  return `syscalls/${name}.html`;
}

/** A syscall's row for an error status: `syscalls/socket_share.html#ZX_ERR_BAD_HANDLE`. */
export function errorAnchor(name: string, status: string): string {
  return `${syscallPage(name)}#${status}`;
}

/** An object type's page: ZX_OBJ_TYPE_EVENTPAIR -> `objects/eventpair.html`. */
export function objectPage(typeKey: string): string {
  return `objects/${typeKey}.html`;
}

/** A section heading's anchor: `RETURN VALUE` -> `return-value`. */
export function sectionId(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The link from the page at `from` to `to` (both site paths; `to` may carry an anchor). */
export function relativeUrl(from: string, to: string): string {
  const [path, anchor] = to.split('#', 2) as [string, string | undefined];
  const fromDirs = from.split('/').slice(0, -1);
  const target = path.split('/');
  let common = 0;
  while (common < fromDirs.length && common < target.length - 1 && fromDirs[common] === target[common]) common++;
  const rel = '../'.repeat(fromDirs.length - common) + target.slice(common).join('/');
  return `${rel}${anchor === undefined ? '' : `#${anchor}`}`;
}

/** The way from the page at `from` up to the site's root folder: '' or '../'. */
export function rootOf(from: string): string {
  return '../'.repeat(from.split('/').length - 1);
}
