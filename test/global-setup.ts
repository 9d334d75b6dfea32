// Builds the generator CLI once before the suite, so tests that run `zxkit` as a process
// (the way users and CI run it) work from a fresh clone with only `npm ci` done.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.gen.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
