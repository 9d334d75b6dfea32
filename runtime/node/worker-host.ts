// Node's way to start a spawned process's thread: a worker_threads Worker running
// wasm-worker.js beside this file. Inside this repository the sources are TypeScript and nothing
// is built, so the worker entry is bundled with esbuild once per run and started from the
// bundle's text. Every Node-specific piece of spawning is here and in wasm-worker.ts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ProcessThread, ThreadHost } from '../spawn.js';
import type { WorkerReport, WorkerStart } from '../spawn-protocol.js';

let bundled: string | undefined;

async function entry(): Promise<{ file: string } | { code: string }> {
  const js = fileURLToPath(new URL('./wasm-worker.js', import.meta.url));
  if (existsSync(js)) return { file: js };
  if (bundled === undefined) {
    const esbuild = await import('esbuild');
    const out = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./wasm-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      logLevel: 'silent',
    });
    bundled = out.outputFiles[0]!.text;
  }
  return { code: bundled };
}

/** Starts one worker per process; `node:wasi`'s experimental warning is silenced in it. */
export const nodeThreads: ThreadHost = {
  async start(data: WorkerStart, onReport: (r: WorkerReport) => void, onGone: (error: Error | null) => void): Promise<ProcessThread> {
    const e = await entry();
    const options = { workerData: data, execArgv: ['--no-warnings'], stdout: false, stderr: false };
    const worker = 'file' in e ? new Worker(e.file, options) : new Worker(e.code, { ...options, eval: true });
    worker.on('message', (r: WorkerReport) => onReport(r));
    worker.on('error', (err) => onGone(err));
    worker.on('exit', () => onGone(null));
    return {
      terminate: () => void worker.terminate(),
    };
  },
  yieldToEvents: () => new Promise<void>((r) => setImmediate(r)),
};
