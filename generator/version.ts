// zxkit's own version, read from its package.json at run time: the same code runs from
// dist-gen/ in the repository and from dist/ in the installed package, and packageRoot()
// finds the package.json beside either.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './load-model.js';

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error('zxkit: its package.json has no version');
  return pkg.version;
}
