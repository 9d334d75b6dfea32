// The site's front page: every syscall by family (its definitions file), with its summary and
// whether zxkit's kernel core implements it, and the object types.
import type { SyscallDef } from '../model.js';
import { framePage, siteLink, table } from './layout.js';
import { callName, escapeHtml, renderInlineText, type LinkTargets } from './markdown.js';
import type { ObjectTypeFacts } from './object-pages.js';
import { objectPage, SITE_PATHS, syscallPage } from './urls.js';

const code = (s: string) => `<code>${escapeHtml(s)}</code>`;

export function renderIndexPage(syscalls: readonly SyscallDef[], objects: readonly ObjectTypeFacts[], targets: LinkTargets): string {
  const path = SITE_PATHS.index;
  const families = new Map<string, SyscallDef[]>();
  for (const sc of [...syscalls].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    families.set(sc.family, [...(families.get(sc.family) ?? []), sc]);
  }
  const names = [...families.keys()].sort();
  const implemented = syscalls.filter((sc) => sc.implemented).length;
  const toc = names.map((f) => `<li><a href="#family-${escapeHtml(f)}">${escapeHtml(f)}</a></li>`).join('');
  const sections = names.map((f) => {
    const rows = families.get(f)!.map((sc) => [
      siteLink(path, syscallPage(sc.name), code(callName(sc.name))),
      sc.summary.trim() === '' ? '—' : renderInlineText(sc.summary.trim(), path, targets),
      sc.implemented ? '<span class="yes">implemented</span>' : '<span class="no">not implemented</span>',
    ]);
    return `<section id="family-${escapeHtml(f)}" aria-labelledby="h-family-${escapeHtml(f)}">
<h3 id="h-family-${escapeHtml(f)}">${escapeHtml(f)}</h3>
${table(['Syscall', 'Summary', 'Kernel core'], rows, { className: 'syscalls' })}</section>`;
  });
  const objectRows = objects.map((o) => [siteLink(path, objectPage(o.key), code(o.constant.name)), escapeHtml(o.key), String(o.signals.length), String(o.syscalls.length)]);
  const main = `<h1>Syscall reference</h1>
<p>${syscalls.length} syscalls in ${names.length} families; ${implemented} implemented by zxkit’s kernel core, the others return <code>ZX_ERR_NOT_SUPPORTED</code>.</p>
<nav aria-label="Families" class="toc"><h2>Families</h2><ul>${toc}</ul></nav>
<section id="syscalls" aria-labelledby="h-syscalls"><h2 id="h-syscalls">Syscalls by family</h2>
${sections.join('\n')}
</section>
<section id="object-types" aria-labelledby="h-object-types"><h2 id="h-object-types">Object types</h2>
${table(['Object type', 'Name', 'Signals', 'Syscalls'], objectRows, { className: 'objects' })}</section>`;
  return framePage({ path, title: 'Syscall reference', main });
}
