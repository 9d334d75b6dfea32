// Line mechanics of the 2018 update-docs-from-abigen script (reference-pages.md §3.1), in
// Python's terms: pages are read with `.read().splitlines()`, sections are found by
// `find_block`, blocks are replaced by slice assignment, and pages are written back with
// `'\n'.join(lines) + '\n'`.
import { REFERENCES_MARKER } from '../docs/styles.js';

/**
 * Python 2 `str.splitlines()`: breaks at `\r\n`, `\r` and `\n` (so CRLF is normalised),
 * and a final line break only ends the last line, so one trailing newline disappears
 * and any further trailing blank lines stay as `''`. The 2018 script read bytes under
 * Python 2; Python 3's extra separators (`\v`, `\f`, U+2028, …) are not line breaks here.
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `'\n'.join(lines) + '\n'`: the file always ends in exactly one newline after its last line. */
export function joinLines(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

export interface Block {
  /** Index of the line after `## <heading>`; -1 when the heading is missing. */
  readonly start: number;
  /** Index of the next `## ` heading or references marker; -1 when there is none. */
  readonly end: number;
}

/**
 * `find_block(lines, NAME)`: the heading is matched by exact text, so section order does
 * not matter; the block ends at the first later line that starts a section (`## `) or is
 * the references marker. The first occurrence of the heading wins.
 */
export function findBlock(lines: readonly string[], heading: string): Block {
  const title = `## ${heading}`;
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (start === -1) {
      if (line === title) start = i + 1;
    } else if (line.startsWith('## ') || line === REFERENCES_MARKER) {
      return { start, end: i };
    }
  }
  return { start, end: -1 };
}

/**
 * Python's `lines[start:stop] = block` for a non-negative `start`: a negative `stop`
 * counts from the end, and a `stop` before `start` inserts at `start` (which is how the
 * 2018 script's `[start:-1]` behaves when the heading is the last line).
 */
export function replaceSlice(lines: readonly string[], start: number, stop: number, block: readonly string[]): string[] {
  const n = lines.length;
  const from = Math.min(start, n);
  const to = Math.max(from, Math.min(stop < 0 ? n + stop : stop, n));
  return [...lines.slice(0, from), ...block, ...lines.slice(to)];
}

/** Python's `lines[start:stop]` for a non-negative `start`. */
export function slice(lines: readonly string[], start: number, stop: number): string[] {
  const n = lines.length;
  return lines.slice(Math.min(start, n), Math.max(0, stop < 0 ? n + stop : Math.min(stop, n)));
}
