// Pack the package the way `npm pack` in the repository would, without leaving dist/ behind:
// the files that package.json ships are copied to a staging folder, the build goes there, and
// the tarball is packed from it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../generator/helpers.js';

export interface Packed {
  /** Absolute path of the .tgz. */
  readonly tarball: string;
  /** Paths inside the package, as npm lists them. */
  readonly files: readonly string[];
}

export const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Build and pack zxkit into `work` (a temporary folder); the repository is left untouched. */
export function packInto(work: string): Packed {
  const staging = join(work, 'staging');
  mkdirSync(staging, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { files: string[] };
  for (const entry of ['package.json', ...pkg.files]) {
    if (entry.startsWith('!') || entry.startsWith('dist')) continue;
    cpSync(join(repoRoot, entry), join(staging, entry), { recursive: true });
  }
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', join(staging, 'dist')], { cwd: repoRoot, stdio: 'pipe' });
  const out = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], staging)) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(work, out[0].filename), files: out[0].files.map((f) => f.path) };
}
