// The pure core of the generator: definition sources in, diagnostics or files out.
// No disk writes happen here (write.ts does those), so tests can run it in memory.
// Loading the model is load-model.ts; this adds the backends (and with them ts-morph).
import { backends } from './backends/index.js';
import type { BackendOptions, OutputFile } from './backends/backend.js';
import type { Model } from './model.js';

export * from './load-model.js';

export function generate(model: Model, options: BackendOptions): OutputFile[] {
  const files: OutputFile[] = [];
  for (const backend of Object.values(backends)) files.push(...backend(model, options));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
