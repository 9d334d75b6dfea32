// `zxkit init DIR`: write a small working project for an ABI of one's own, from the template
// files under templates/init/. All or nothing: the folder must be new or empty, every file is
// read before anything is written, and a failed write leaves no partial project.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { packageRoot } from './load-model.js';
import { commitFiles } from './write.js';

/** Template files stored under another name: npm never packs a file called .gitignore. */
const RENAMED: Readonly<Record<string, string>> = { gitignore: '.gitignore' };
/** Files whose `{{name}}` and `{{zxkitVersion}}` placeholders are filled in. */
const FILLED = new Set(['package.json', 'README.md']);

export interface InitResult {
  /** Paths written, relative to the project folder, sorted. */
  readonly files: readonly string[];
}

/** Why `dir` cannot take a new project, or null if it can (missing, or an empty folder). */
export function initRefusal(dir: string): string | null {
  if (!existsSync(dir)) return null;
  if (!statSync(dir).isDirectory()) return `${dir} exists and is not a folder`;
  const entries = readdirSync(dir);
  if (entries.length === 0) return null;
  const shown = entries.sort().slice(0, 3).join(', ');
  return `${dir} is not empty (${shown}${entries.length > 3 ? ', ...' : ''}); give a new or empty folder`;
}

/** The project's files: template path -> content, placeholders filled. */
export function initFiles(projectName: string): { path: string; content: string }[] {
  const root = join(packageRoot(), 'templates', 'init');
  const version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return listFiles(root).map((rel) => {
    const text = readFileSync(join(root, rel), 'utf8');
    const content = FILLED.has(rel) ? text.replaceAll('{{name}}', projectName).replaceAll('{{zxkitVersion}}', version) : text;
    return { path: RENAMED[rel] ?? rel, content };
  });
}

/** Write the project into `dir`; throws with a message for the user if `dir` cannot take it. */
export function initProject(dir: string): InitResult {
  const abs = resolve(dir);
  const refusal = initRefusal(abs);
  if (refusal !== null) throw new InitError(refusal.replace(abs, dir));
  const files = initFiles(npmName(basename(abs)));
  commitFiles(files.map((f) => ({ dest: join(abs, f.path), content: f.content })));
  return { files: files.map((f) => f.path).sort() };
}

/** A refusal to write, as opposed to a failure of the filesystem. */
export class InitError extends Error {}

/** A valid npm package name made from a folder name. */
function npmName(folder: string): string {
  const name = folder.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '');
  return name === '' ? 'my-abi' : name;
}

function listFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(root, path));
    else out.push(relative(root, path).split('\\').join('/'));
  }
  return out.sort();
}
