// A page per object type: its signals, its rights (the defaults a new handle gets, and those
// the syscalls check on it) and its syscalls. The definitions tie these to a type by name:
// the signal group `<type>_signals`, the right `ZX_DEFAULT_<TYPE>_RIGHTS`, the family
// `<type>.yaml`, and every RIGHTS clause naming the type.
import type { ConstantDef, Model, SyscallDef } from '../model.js';
import { objTypeKey } from '../names.js';
import { objectTypes, rightsClauses } from '../query.js';
import { framePage, siteLink, table } from './layout.js';
import { callName, escapeHtml, renderInlineText, type LinkTargets } from './markdown.js';
import { objectPage, syscallPage } from './urls.js';

export interface ObjectTypeFacts {
  readonly constant: ConstantDef;
  /** ZX_OBJ_TYPE_SOCKET -> socket: the page name and the key of its signals, rights and family. */
  readonly key: string;
  readonly signals: readonly ConstantDef[];
  readonly defaultRights: ConstantDef | undefined;
  /** Each right a syscall checks on a handle of this type, with the syscalls that check it. */
  readonly checkedRights: ReadonlyMap<string, readonly string[]>;
  /** Syscalls of the type's family or with a RIGHTS clause naming the type, by name. */
  readonly syscalls: readonly { readonly sc: SyscallDef; readonly why: string }[];
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function objectTypeFacts(model: Model): ObjectTypeFacts[] {
  return objectTypes(model).map((constant) => {
    const key = objTypeKey(constant.name);
    const signals = model.constants.filter((c) => c.constKind === 'signal' && c.group === `${key}_signals`);
    const defaultRights = model.constants.find((c) => c.constKind === 'right' && c.name === `ZX_DEFAULT_${key.toUpperCase()}_RIGHTS`);
    const checked = new Map<string, Set<string>>();
    const syscalls: { sc: SyscallDef; why: string }[] = [];
    for (const sc of [...model.syscalls].sort(byName)) {
      const params = new Set<string>();
      for (const c of rightsClauses(sc).filter((r) => r.types.includes(constant.name))) {
        params.add(c.param);
        for (const r of c.rights) checked.set(r, (checked.get(r) ?? new Set()).add(sc.name));
      }
      const why = [
        sc.family === key ? `${key} family` : '',
        params.size > 0 ? `takes ${[...params].map((p) => `*${p}*`).join(', ')}` : '',
      ].filter(Boolean).join('; ');
      if (why !== '') syscalls.push({ sc, why });
    }
    const checkedRights = new Map([...checked].sort(([a], [b]) => (a < b ? -1 : 1)).map(([r, s]) => [r, [...s].sort()]));
    return { constant, key, signals, defaultRights, checkedRights, syscalls };
  });
}

const code = (s: string) => `<code>${escapeHtml(s)}</code>`;
const hex = (v: number | bigint) => `0x${v.toString(16).toUpperCase()}`;

export function renderObjectPage(o: ObjectTypeFacts, targets: LinkTargets): string {
  const path = objectPage(o.key);
  const signals = o.signals.length === 0
    ? `<p>No signals of its own are defined (the generic <code>ZX_OBJECT_*</code> and user signals apply to every waitable object).</p>`
    : table(['Signal', 'Value', 'Note'], o.signals.map((s) => [code(s.name), code(hex(s.value)), s.aliasOf ? `another name for ${code(s.aliasOf)}` : s.members ? `${s.members.map(code).join(' | ')}` : '']));
  const defaults = o.defaultRights === undefined
    ? '<p>The definitions give no default rights for this type.</p>'
    : `<p>A new handle gets ${code(o.defaultRights.name)} (${code(hex(o.defaultRights.value))}):</p>\n<ul class="chips">${(o.defaultRights.members ?? []).map((m) => `<li>${code(m)}</li>`).join('')}</ul>`;
  const checked = o.checkedRights.size === 0
    ? '<p>No syscall checks a right on this type.</p>'
    : table(['Right', 'Checked by'], [...o.checkedRights].map(([r, scs]) => [code(r), scs.map((n) => siteLink(path, syscallPage(n), code(callName(n)))).join(', ')]));
  const syscalls = o.syscalls.length === 0
    ? '<p>No syscall names this type.</p>'
    : table(['Syscall', 'Summary', 'Why here'], o.syscalls.map(({ sc, why }) => [
      siteLink(path, syscallPage(sc.name), code(callName(sc.name))) + (sc.implemented ? '' : ' <span class="tag">not implemented</span>'),
      renderInlineText(sc.summary, path, targets),
      renderInlineText(why, path, targets),
    ]));
  const main = `<article class="object">
<h1>${code(o.constant.name)} <span class="sub">object type ${code(String(o.constant.value))}</span></h1>
<section id="signals" aria-labelledby="h-signals"><h2 id="h-signals">SIGNALS</h2>
${signals}
</section>
<section id="rights" aria-labelledby="h-rights"><h2 id="h-rights">RIGHTS</h2>
${defaults}
${checked}
</section>
<section id="syscalls" aria-labelledby="h-syscalls"><h2 id="h-syscalls">SYSCALLS</h2>
${syscalls}
</section>
</article>`;
  return framePage({ path, title: o.constant.name, crumb: 'object types', main });
}
