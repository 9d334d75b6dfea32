// The generator as a user meets it: a fresh `node` process per run, timed by wall clock,
// against `node -e 0` (Node's own start-up) measured in the same alternating rounds.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { interleaveWall, wallOnce } from '../harness.js';
import { goals, pairResult, type Row } from '../row.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'dist-gen/generator/cli.js');
const NODE = process.execPath;

function requireCli(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:gen (npm run bench does)`);
}

/** How many syscalls the copied definitions hold (for the row's name). */
function countSyscalls(defs: string): number {
  let n = 0;
  for (const f of readdirSync(defs)) {
    if (!f.endsWith('.yaml') || f === 'types.yaml') continue;
    const doc = parseYaml(readFileSync(join(defs, f), 'utf8')) as { syscalls?: Record<string, unknown> } | null;
    n += Object.keys(doc?.syscalls ?? {}).length;
  }
  return n;
}

const nodeStart = () => wallOnce([NODE, '-e', '0']);
const WALL_GOAL_NS = 1.5e9;

function withTmpDefs<T>(f: (defs: string, out: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'zxkit-bench-'));
  try {
    const defs = join(dir, 'defs');
    cpSync(join(ROOT, 'defs'), defs, { recursive: true });
    return f(defs, join(dir, 'out'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const regen: Row = {
  name: 'full regen, fresh process',
  async run(s) {
    requireCli();
    return withTmpDefs((defs, out) => {
      const n = countSyscalls(defs);
      // Every run starts from an empty output folder, so it is a full regen each time.
      const run = () => {
        rmSync(out, { recursive: true, force: true });
        return wallOnce([NODE, CLI, 'regen', '--defs', defs, '--out', out]);
      };
      const t = interleaveWall(run, nodeStart, s.processRounds);
      return pairResult(`full regen of defs/ (${n} syscalls), fresh process`, 'node -e 0', goals.atMost(WALL_GOAL_NS, '≤ 1.5 s wall'), t);
    });
  },
};

export const check: Row = {
  name: 'zxkit check, nothing changed, fresh process',
  async run(s) {
    requireCli();
    return withTmpDefs((defs, out) => {
      // "Nothing changed" by construction: check the folder a regen of the same defs just wrote.
      wallOnce([NODE, CLI, 'regen', '--defs', defs, '--out', out]);
      const run = () => wallOnce([NODE, CLI, 'check', '--defs', defs, '--out', out]);
      const t = interleaveWall(run, nodeStart, s.processRounds);
      return pairResult(this.name, 'node -e 0', goals.atMost(WALL_GOAL_NS, '≤ 1.5 s wall'), t);
    });
  },
};
