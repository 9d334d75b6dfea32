// The README's code blocks, for the tests that run them as written.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './generator/helpers.js';

export const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** The text of the README section `## title`, up to the next section of the same level. */
export function readmeSection(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no section "${title}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The bodies of the fenced blocks of language `lang` in `text`, in order. */
export function codeBlocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

/** What each console.log in a block is documented to print, from its trailing comment. */
export function expectedLogs(code: string): string[] {
  return [...code.matchAll(/console\.log\(.*\);\s*\/\/ ("[^"]*"|\S+)/g)].map((m) => m[1].replace(/^"|"$/g, ''));
}
