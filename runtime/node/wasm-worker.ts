// The thread of one spawned wasm process under Node (a worker_threads Worker): WASI preview1
// from node:wasi; everything else (the "zx" imports, the mailbox, startup handles, captured
// output, how the run ends) is the shared guest thread (../guest-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { WASI } from 'node:wasi';
import { GuestMailbox, runGuest, type GuestImport } from '../guest-thread.js';
import type { WorkerReport, WorkerStart } from '../spawn-protocol.js';

const start = workerData as WorkerStart;
const wasi = new WASI({ version: 'preview1', args: [...start.args], env: { ...start.env }, returnOnExit: true });

runGuest(start, (r: WorkerReport) => parentPort!.postMessage(r), new GuestMailbox(start), {
  imports: { ...(wasi.wasiImport as Record<string, GuestImport>) },
  start: (instance) => wasi.start(instance as Parameters<WASI['start']>[0]),
});
