// `zxkit run`: it runs a program on the kernel, so it needs the runtime, which the generator
// never imports. The command loads runtime/node/run.js beside the installed package's generator;
// inside this repository, where dist-gen/ holds the generator alone, it bundles that module and
// the process thread's entry from the sources with esbuild into a temp folder first.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface RunModule {
  runProgram(file: string, args: readonly string[]): Promise<number>;
}

export async function runCommand(file: string, args: readonly string[]): Promise<number> {
  const built = fileURLToPath(new URL('../runtime/node/run.js', import.meta.url));
  if (existsSync(built)) return ((await import(pathToFileURL(built).href)) as RunModule).runProgram(file, args);
  const src = fileURLToPath(new URL('../../runtime/node/', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'zxkit-run-'));
  try {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [join(src, 'run.ts'), join(src, 'wasm-worker.ts')],
      outdir: dir,
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['esbuild'],
      logLevel: 'silent',
    });
    return await ((await import(pathToFileURL(join(dir, 'run.js')).href)) as RunModule).runProgram(file, args);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
