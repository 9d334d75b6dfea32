// esbuild for the page: bundles zxkit's kernel, generated bindings and idiomatic layer (and the
// playground's page script) for a browser, and refuses every Node built-in, so a `node:` import
// creeping into runtime/ or generated/ fails the build instead of failing in a reader's page.
import { builtinModules } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** True for `node:x` and for the bare names of Node's built-in modules (`fs`, `fs/promises`). */
export function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]!);
}

/** An esbuild plugin that makes every import of a Node built-in a build error naming the importer. */
export const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point' || !isNodeBuiltin(args.path)) return undefined;
      return { errors: [{ text: `"${args.path}" is a Node built-in; the browser build of zxkit may not import it (imported by ${args.importer})` }] };
    });
  },
};

/**
 * Where `zxkit` and `zxkit/runtime` resolve for a page: the TypeScript sources in the repository,
 * the compiled `dist/` in an installed package.
 */
export function zxkitEntries(root: string): { readonly main: string; readonly runtime: string } {
  const fromSource = existsSync(join(root, 'index.ts'));
  return fromSource
    ? { main: join(root, 'index.ts'), runtime: join(root, 'runtime', 'index.ts') }
    : { main: join(root, 'dist', 'index.js'), runtime: join(root, 'dist', 'runtime', 'index.js') };
}

/**
 * Resolves the bare `zxkit` and `zxkit/runtime` imports of a page script to `zxkitEntries(root)`,
 * or, with `external`, leaves `zxkit` to the page's import map, so the page script and the
 * reader's code share one instance of the module (one current process, one kernel).
 */
function zxkitAlias(root: string, external: boolean): Plugin {
  const entries = zxkitEntries(root);
  return {
    name: 'zxkit-alias',
    setup(b) {
      b.onResolve({ filter: /^zxkit(\/runtime)?$/ }, (args) =>
        external && args.path === 'zxkit' ? { path: 'zxkit', external: true } : { path: args.path === 'zxkit' ? entries.main : entries.runtime });
    },
  };
}

/** The browser build options every page bundle shares; `externalZxkit` as for zxkitAlias. */
export function browserBuildOptions(root: string, externalZxkit = false): BuildOptions {
  return {
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [noNodeBuiltins, zxkitAlias(root, externalZxkit)],
  };
}

/** Bundle `entry` (a page script importing `zxkit`) for the browser; rejects with esbuild's errors. */
export async function bundleForBrowser(root: string, entry: string, extra: BuildOptions = {}, externalZxkit = false): Promise<string> {
  const result = await build({ ...browserBuildOptions(root, externalZxkit), entryPoints: [entry], ...extra });
  return result.outputFiles![0]!.text;
}
