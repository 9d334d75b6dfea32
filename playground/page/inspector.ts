// Renders what the kernel offers an inspector (kernel.snapshot() and the syscall events) into
// the page: processes with their handle tables, objects, handles in transit, the timeline. It
// reads only that public, plain data, plus the name tables the server derives from the model.
import type { KernelSnapshot, SyscallEvent } from 'zxkit';
import { ZxError } from 'zxkit';
import type { PlaygroundNames } from '../names.js';

type BitNames = PlaygroundNames['rights'];

/** /config.json: the name tables (playground/names.ts) and the reference site's base URL. */
export type PageConfig = PlaygroundNames & { readonly site: string };

/** Element builder: a tag, attributes, then children (strings become text). */
export function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** A page's error text as plain words: its Markdown emphasis (`*handle*`, `**ZX_OK**`) dropped. */
const plain = (markdown: string): string => markdown.replace(/\*\*?([^*]+)\*\*?/g, '$1');

export function bitNames(value: number, names: BitNames): string {
  const out = names.filter(([bit]) => (value & bit) >>> 0 === bit).map(([, n]) => n);
  return out.length > 0 ? out.join(' ') : 'none';
}

function table(head: readonly string[], rows: readonly HTMLElement[], empty: string): HTMLElement {
  if (rows.length === 0) return el('p', { class: 'empty' }, empty);
  return el('table', {}, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))), el('tbody', {}, ...rows));
}

const td = (text: string, cls = ''): HTMLElement => el('td', cls ? { class: cls } : {}, text);

export class Inspector {
  constructor(
    private readonly config: PageConfig,
    private readonly parts: { processes: HTMLElement; objects: HTMLElement; transit: HTMLElement },
  ) {}

  typeName(type: number): string {
    return this.config.types[type] ?? `type ${type}`;
  }

  private signalNames(type: number, signals: number): string {
    return bitNames(signals, [...(this.config.signals[type] ?? []), ...this.config.genericSignals]);
  }

  render(snap: KernelSnapshot): void {
    const { processes, objects, transit } = this.parts;
    processes.replaceChildren(...snap.processes.map((p) => el('div', { class: 'process', 'data-process': p.name, 'data-koid': String(p.koid) },
      el('h4', {}, `${p.name || '(unnamed)'} `, el('span', { class: 'names' }, `process koid ${p.koid}`)),
      table(['value', 'koid', 'type', 'rights'], p.handles.map((h) => el('tr', { 'data-koid': String(h.koid), 'data-value': hex(h.value) },
        td(hex(h.value), 'num'), td(String(h.koid), 'num'), td(this.typeName(h.type)), td(bitNames(h.rights, this.config.rights), 'names'))), 'no handles'))));
    objects.replaceChildren(table(['koid', 'type', 'signals', 'queued', 'peer', 'handles'], snap.objects.map((o) => el('tr', { 'data-koid': String(o.koid) },
      td(String(o.koid), 'num'), td(this.typeName(o.type)), td(this.signalNames(o.type, o.signals), 'names'),
      td(Object.entries(o.queued).map(([k, v]) => `${v} ${k}`).join(', ') || '—'), td(o.peer === null ? '—' : String(o.peer), 'num'), td(String(o.handleCount), 'num'))), 'no objects'));
    transit.replaceChildren(table(['koid', 'type', 'rights', 'held in'], snap.inTransit.map((t) => el('tr', { class: 'transit', 'data-koid': String(t.koid) },
      td(String(t.koid), 'num'), td(this.typeName(t.type)), td(bitNames(t.rights, this.config.rights), 'names'),
      td(t.via === 'channel message' ? `message ${t.message ?? 0} queued on channel ${t.holder}` : `share queue of socket ${t.holder}`))), 'none'));
  }

  /** One timeline row: process, call with named arguments, status; a failure with its page text and link. */
  eventRow(e: SyscallEvent): HTMLElement {
    const params = this.config.params[e.syscall] ?? [];
    const args = e.args.map((a, i) => (params[i] ? `${params[i]}=${a}` : a)).join(', ');
    const failed = e.status !== null && e.status !== 0;
    const statusText = e.phase === 'blocked' ? 'blocked…' : (e.statusName ?? (e.thrown !== undefined ? 'threw' : 'returned'));
    const row = el('li', { role: 'option', 'aria-selected': 'false', 'data-seq': String(e.seq), 'data-syscall': e.syscall, 'data-status': e.statusName ?? '' },
      el('span', { class: 'proc' }, `${e.process.name} `), `${e.syscall}(${args}) → `, el('span', { class: failed || e.thrown ? 'st-bad' : 'st-ok' }, statusText));
    if (failed) {
      const text = ZxError.pageText(e.syscall as Parameters<typeof ZxError.pageText>[0], e.status!) ?? 'Not documented for this syscall.';
      const page = `${this.config.site}syscalls/${e.syscall.replace(/^zx_/, '')}.html#${e.statusName}`;
      row.append(el('span', { class: 'why' }, `${plain(text)} `, el('a', { href: page, target: '_blank', rel: 'noopener' }, 'reference')));
    } else if (e.thrown !== undefined) {
      row.append(el('span', { class: 'why' }, e.thrown));
    }
    return row;
  }
}
