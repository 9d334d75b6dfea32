// The TSDoc of a syscall's stub, from the same record as its page: the summary, the rights, the
// errors and a link to the page. The stubs and the idiomatic layer's generic methods carry it.
import { docText } from '../backends/ts-file.js';
import type { SyscallDef } from '../model.js';
import { pageLink, provenance } from '../names.js';
import { renderRights } from './rights.js';

export function stubDoc(sc: SyscallDef): string {
  const lines = [docText(sc.summary), ''];
  const rights = renderRights(sc, 'seed');
  lines.push('Rights:', ...rights.map((r) => `- ${r}`), '');
  if (sc.errors.length) {
    lines.push('Errors:');
    for (const e of sc.errors) lines.push(`- **${e.status}** ${docText(e.text).replace(/\n/g, ' ')}`);
    lines.push('');
  }
  lines.push(pageLink(sc));
  lines.push(provenance('syscall', sc.name, sc.source));
  return lines.join('\n');
}
