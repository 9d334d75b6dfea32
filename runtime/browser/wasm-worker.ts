// The thread of one spawned wasm process in a page (a module Web Worker started by
// thread-host.ts): WASI preview1 from wasi.ts; everything else is the shared guest thread
// (../guest-thread.ts). The kernel's first message is the process's WorkerStart.
import { GuestMailbox, runGuest } from '../guest-thread.js';
import type { WorkerReport, WorkerStart } from '../spawn-protocol.js';
import { browserWasi } from './wasi.js';

interface WorkerScope {
  onmessage: ((e: { data: WorkerStart }) => void) | null;
  postMessage(r: WorkerReport): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (e) => {
  scope.onmessage = null;
  const start = e.data;
  const mailbox = new GuestMailbox(start);
  runGuest(start, (r) => scope.postMessage(r), mailbox, browserWasi(start.module, start.args, start.env, mailbox));
};
