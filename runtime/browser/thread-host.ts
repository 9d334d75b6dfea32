// A page's way to start a spawned process's thread: a module Web Worker running wasm-worker.ts.
// The page must be cross-origin isolated (served with Cross-Origin-Opener-Policy: same-origin and
// Cross-Origin-Embedder-Policy: require-corp), or it has no SharedArrayBuffer to share the
// mailbox and the guest's memory with the worker.
import type { ProcessThread, ThreadHost } from '../spawn.js';
import type { WorkerReport, WorkerStart } from '../spawn-protocol.js';

interface WebWorker {
  onmessage: ((e: { data: WorkerReport }) => void) | null;
  onerror: ((e: { message?: string; preventDefault(): void }) => void) | null;
  postMessage(data: WorkerStart): void;
  terminate(): void;
}
interface Port {
  onmessage: (() => void) | null;
  postMessage(data: null): void;
  close(): void;
}
type WorkerConstructor = new (url: URL | string, options: { type: 'module'; name?: string }) => WebWorker;

/** The worker entry beside this file, in the form bundlers follow (Vite: `new Worker(new URL(…, import.meta.url))`). */
function startEntry(name: string): WebWorker {
  const Worker = (globalThis as unknown as { Worker: WorkerConstructor }).Worker;
  return new Worker(new URL('./wasm-worker.js', import.meta.url), { type: 'module', name });
}

/** A macrotask turn: timers and messages get to run (setTimeout(0) would be clamped to 4 ms). */
function yieldToEvents(): Promise<void> {
  return new Promise<void>((resolve) => {
    const ch = new (globalThis as unknown as { MessageChannel: new () => { port1: Port; port2: Port } }).MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * A ThreadHost of module Web Workers. `workerUrl` names the worker entry where a bundler did not
 * follow the default (e.g. an esbuild bundle of runtime/browser/wasm-worker.ts served beside the page).
 */
export function browserThreadHost(workerUrl?: URL | string): ThreadHost {
  const Worker = (globalThis as unknown as { Worker?: WorkerConstructor }).Worker;
  return {
    async start(data: WorkerStart, onReport: (r: WorkerReport) => void, onGone: (error: Error | null) => void): Promise<ProcessThread> {
      if (Worker === undefined) throw new Error('kernel.spawn: this page has no Web Workers');
      const name = data.args[0] ?? 'process';
      const worker = workerUrl === undefined ? startEntry(name) : new Worker(workerUrl, { type: 'module', name });
      worker.onmessage = (e) => onReport(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        onGone(new Error(e.message || 'the process worker failed to load or run'));
      };
      worker.postMessage(data);
      return { terminate: () => worker.terminate() };
    },
    yieldToEvents,
  };
}

/** The default page host: the worker entry found where the bundler (or Vite's dev server) put it. */
export const browserThreads: ThreadHost = browserThreadHost();
