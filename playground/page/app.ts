// The playground page: an editor, a Run that executes the reader's program against a fresh
// kernel living in this page, and the inspector, fed by kernel.onSyscall() and kernel.snapshot().
import { Kernel, useProcess, type KernelSnapshot, type SyscallEvent } from 'zxkit';
import * as zxkit from 'zxkit';
import { EXAMPLES } from './examples.js';
import { el, Inspector, type PageConfig } from './inspector.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const editor = $<HTMLTextAreaElement>('editor');
const output = $('output');
const timeline = $('timeline');
const state = $('state');
const viewing = $('viewing');
const picker = $<HTMLSelectElement>('example');
const runButton = $<HTMLButtonElement>('run');

/** Each syscall event with the kernel as it was right after it. */
interface Step {
  readonly event: SyscallEvent;
  readonly snapshot: KernelSnapshot;
}

let steps: Step[] = [];
let selected: number | null = null; // index into steps, or null: follow the newest
let latest: KernelSnapshot = { processes: [], objects: [], inTransit: [] };
let frame = 0;
let running = false;

const config = (await (await fetch('/config.json')).json()) as PageConfig;
const inspector = new Inspector(config, { processes: $('processes'), objects: $('objects'), transit: $('transit') });

function log(...parts: unknown[]): void {
  output.append(parts.map((p) => (typeof p === 'string' ? p : typeof p === 'bigint' ? `${p}n` : String(p))).join(' ') + '\n');
  output.scrollTop = output.scrollHeight;
}

function showError(e: unknown): void {
  output.append(el('span', { class: 'err' }, `${e instanceof Error ? e.message : String(e)}\n`));
}

function render(): void {
  frame = 0;
  const step = selected === null ? null : steps[selected];
  inspector.render(step ? step.snapshot : latest);
  viewing.textContent = step ? `after #${step.event.seq} ${step.event.syscall}` : running ? 'live' : 'now';
  for (const li of timeline.children) li.setAttribute('aria-selected', String(selected !== null && li === timeline.children[selected]));
}

const schedule = (): void => {
  frame ||= requestAnimationFrame(render);
};

function select(i: number | null): void {
  selected = i === null || steps.length === 0 ? null : Math.max(0, Math.min(steps.length - 1, i));
  render();
  if (selected !== null) timeline.children[selected]?.scrollIntoView({ block: 'nearest' });
}

timeline.addEventListener('click', (e) => {
  const li = (e.target as HTMLElement).closest('li');
  if (li === null || (e.target as HTMLElement).closest('a')) return;
  select(Array.prototype.indexOf.call(timeline.children, li));
});
timeline.addEventListener('keydown', (e) => {
  const at = selected ?? steps.length;
  const moves: Record<string, number | null> = { ArrowUp: at - 1, ArrowDown: at + 1, Home: 0, End: null };
  if (!(e.key in moves)) return;
  e.preventDefault();
  const to = moves[e.key]!;
  select(to !== null && to >= steps.length ? null : to);
});

async function run(): Promise<void> {
  if (running) return;
  running = true;
  runButton.disabled = true;
  state.textContent = 'running…';
  output.textContent = '';
  timeline.textContent = '';
  steps = [];
  selected = null;
  const kernel = new Kernel();
  const off = kernel.onSyscall((event) => {
    steps.push({ event, snapshot: kernel.snapshot() });
    timeline.append(inspector.eventRow(event));
    timeline.scrollTop = timeline.scrollHeight;
    latest = steps[steps.length - 1]!.snapshot;
    schedule();
  });
  useProcess(kernel.createProcess('main'));
  const pause = (ms = 350): Promise<void> => new Promise((r) => setTimeout(r, ms));
  // The reader's program sees the module's exports and these as globals (its own imports shadow them).
  Object.assign(globalThis, zxkit, { kernel, log, pause });
  let url = '';
  try {
    const res = await fetch('/transpile', { method: 'POST', body: editor.value });
    const js = await res.text();
    if (!res.ok) throw new Error(js);
    url = URL.createObjectURL(new Blob([js], { type: 'text/javascript' }));
    await import(/* @vite-ignore */ url);
    state.textContent = 'done';
  } catch (e) {
    showError(e);
    state.textContent = 'failed';
  } finally {
    if (url) URL.revokeObjectURL(url);
    off();
    latest = kernel.snapshot();
    running = false;
    runButton.disabled = false;
    document.body.dataset['ran'] = String(Number(document.body.dataset['ran'] ?? 0) + 1);
    render();
  }
}

for (const ex of EXAMPLES) picker.append(el('option', { value: ex.id }, ex.title));
const load = (id: string): void => {
  editor.value = EXAMPLES.find((x) => x.id === id)!.code;
};
picker.addEventListener('change', () => load(picker.value));
runButton.addEventListener('click', () => void run());
editor.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    void run();
  } else if (e.key === 'Tab' && !e.shiftKey && !e.altKey) {
    // Tab indents in the editor; Escape then Tab leaves it, so the keyboard never gets stuck.
    if (editor.dataset['escaped'] === '1') return;
    e.preventDefault();
    editor.setRangeText('  ', editor.selectionStart, editor.selectionEnd, 'end');
  }
  editor.dataset['escaped'] = e.key === 'Escape' ? '1' : '0';
});
const fromHash = EXAMPLES.find((x) => `#${x.id}` === location.hash)?.id ?? EXAMPLES[0]!.id;
picker.value = fromHash;
load(fromHash);
render();
document.body.dataset['ready'] = '1';
