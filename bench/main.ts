// `npm run bench [-- --quick] [-- --out FILE] [-- --filter REGEX]`: run every figure against
// its baseline and print the results table (Markdown, so it can be pasted into the README).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { dupClose, dupCloseScattered, memoryPerHandle, objectSignal } from './figures/handles.js';
import { channelHandles, channelSmall, channelVsMessageChannel, socketDatagram, socketSmall, socketStreamVsPassThrough, socketStreamVsRing } from './figures/data.js';
import { portQueueWait, waitOneSignalled } from './figures/async.js';
import { check, regen } from './figures/generator.js';
import { wasmRows } from './figures/wasm.js';
import { vmoWriteRead } from './figures/vmo.js';
import type { Row, RowResult, Settings } from './row.js';

const ROWS: readonly Row[] = [
  objectSignal,
  dupClose,
  memoryPerHandle,
  socketStreamVsRing,
  socketStreamVsPassThrough,
  socketSmall,
  channelSmall,
  channelHandles,
  socketDatagram,
  waitOneSignalled,
  portQueueWait,
  ...wasmRows(),
  regen,
  check,
  dupCloseScattered,
  vmoWriteRead,
  channelVsMessageChannel,
];

interface Args {
  quick: boolean;
  out: string | null;
  filter: RegExp | null;
  /** Rewrite the results block of README.md with this run's tables. */
  readme: boolean;
  /** Internal: run only ROWS[row] and print its result as JSON (one child process per row). */
  row: number | null;
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { quick: false, out: null, filter: null, readme: false, row: null };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i]!;
    if (v === '--quick') a.quick = true;
    else if (v === '--row') a.row = Number(argv[++i]);
    else if (v === '--readme') a.readme = true;
    else if (v === '--out') a.out = argv[++i] ?? usage('--out needs a file name');
    else if (v === '--filter') a.filter = new RegExp(argv[++i] ?? usage('--filter needs a pattern'), 'i');
    else usage(`unknown argument ${v}`);
  }
  return a;
}

function usage(msg: string): never {
  process.stderr.write(`bench: ${msg}\nusage: npm run bench [-- --quick] [--out FILE] [--filter REGEX] [--readme]\n`);
  process.exit(2);
}

function fmtTime(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(ns < 10 ? 2 : 1)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}

function fmtValue(v: number, unit: RowResult['unit']): string {
  return unit === 'B' ? `${v.toFixed(1)} B` : fmtTime(v);
}

function fmtSpread(s: readonly [number, number], unit: RowResult['unit']): string {
  return `${fmtValue(s[0], unit)} – ${fmtValue(s[1], unit)}`;
}

function fmtRatio(r: RowResult): string {
  if (r.ratio === null) return '—';
  const main = r.ratio < 0.1 ? r.ratio.toFixed(4) : r.ratio.toFixed(3);
  const faster = r.ratio < 0.5 ? ` (${(1 / r.ratio).toFixed(1)}× faster)` : '';
  return `${main}${faster}`;
}

/** Load average when the run started (the machine is shared; this says how busy it was). */
const START_LOAD = loadavg();

function machine(): string {
  const c = cpus();
  const load = START_LOAD.map((v) => v.toFixed(2)).join(' ');
  return `${c.length} CPUs (${c[0]?.model.trim() ?? 'unknown model'}), Node ${process.version}, ${process.platform}/${process.arch}, load average ${load}`;
}

function table(results: readonly RowResult[], informational = false): string {
  const head = ['figure', 'median', 'spread (p25–p75)', 'baseline', 'baseline median', 'ratio', 'goal', 'met'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of results) {
    const cells = [
      r.name,
      fmtValue(r.median, r.unit),
      fmtSpread(r.spread, r.unit),
      r.baselineName ?? '—',
      r.baselineMedian === null ? '—' : fmtValue(r.baselineMedian, r.unit),
      fmtRatio(r),
      r.goal,
      informational ? '—' : r.met ? 'met' : '**not met**',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function figureJson(r: RowResult) {
  return {
    name: r.name,
    median_ns: r.unit === 'ns' ? r.median : null,
    baseline_name: r.baselineName,
    baseline_median_ns: r.baselineMedian,
    ratio: r.ratio,
    goal: r.goal,
    met: r.met,
    unit: r.unit === 'ns' ? 'ns/op' : 'bytes/handle',
    ...(r.unit === 'B' ? { median_bytes: r.median, spread_bytes: r.spread } : { spread_ns: r.spread }),
    baseline_spread_ns: r.baselineSpread,
    ratio_spread: r.ratioSpread,
    rounds: r.rounds,
  };
}

function toJson(results: readonly RowResult[], info: readonly RowResult[], settings: Settings) {
  return {
    node: process.version,
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model.trim() ?? null,
      platform: process.platform,
      arch: process.arch,
      loadavg_at_start: START_LOAD,
    },
    mode: settings.quick ? 'quick' : 'full',
    date: new Date().toISOString(),
    figures: results.map(figureJson),
    informational: info.map((r) => {
      const { goal: _goal, met: _met, ...rest } = figureJson(r);
      return rest;
    }),
  };
}

const README = resolve(import.meta.dirname, '../../README.md');
const README_START = '<!-- bench-results:start -->';
const README_END = '<!-- bench-results:end -->';

/** Replace the block between the README's results markers with this run's tables. */
function updateReadme(results: readonly RowResult[], info: readonly RowResult[], settings: Settings): void {
  const text = readFileSync(README, 'utf8');
  const a = text.indexOf(README_START);
  const b = text.indexOf(README_END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${README_START} ... ${README_END} block`);
  const met = results.filter((r) => r.met).length;
  const block = [
    README_START,
    `Latest results (\`npm run bench${settings.quick ? ' -- --quick' : ''}\`, ${new Date().toISOString().slice(0, 10)}): ` +
      `${machine()}. ${met} of ${results.length} goals met.`,
    '',
    table(results),
    '',
    'Informational (no goal):',
    '',
    table(info, true),
    README_END,
  ].join('\n');
  writeFileSync(README, text.slice(0, a) + block + text.slice(b + README_END.length));
}

const RESULT_MARK = '@@zxkit-bench-result ';

/** Child mode: run one row and hand its result to the parent on one marked line. */
async function runChild(index: number, settings: Settings): Promise<void> {
  const row = ROWS[index];
  if (row === undefined) usage(`no row ${index}`);
  const r = await row.run(settings);
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(r)}\n`);
}

/**
 * Each row runs in its own `node` process, so no row inherits another's JIT state (type
 * feedback, deoptimisations) or heap; within that process its figure and baseline alternate.
 */
function runRowInChild(index: number, quick: boolean): RowResult {
  const argv = [...process.execArgv, process.argv[1]!, '--row', String(index), ...(quick ? ['--quick'] : [])];
  const r = spawnSync(process.execPath, argv, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 << 20 });
  const line = r.stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (r.status !== 0 || line === undefined) {
    process.stdout.write(r.stdout);
    throw new Error(`benchmark "${ROWS[index]!.name}" failed (exit ${r.status ?? r.signal})`);
  }
  return JSON.parse(line.slice(RESULT_MARK.length)) as RowResult;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof (globalThis as { gc?: unknown }).gc !== 'function') usage('run with node --expose-gc (npm run bench does)');
  const settings: Settings = args.quick
    ? { quick: true, micro: { rounds: 5, roundMs: 40 }, processRounds: 3 }
    : { quick: false, micro: { rounds: 15, roundMs: 150 }, processRounds: 9 };
  if (args.row !== null) return runChild(args.row, settings);
  if (args.readme && args.filter !== null) usage('--readme needs every row (no --filter)');
  const rows = ROWS.map((row, index) => ({ row, index })).filter(({ row }) => args.filter === null || args.filter.test(row.name));
  console.log(`zxkit benchmarks (${settings.quick ? 'quick' : 'full'}): ${machine()}`);
  console.log(
    `each row runs in its own process; its figure and baseline alternate over ${settings.micro.rounds} rounds ` +
      `(${settings.processRounds} for fresh-process figures); medians are per operation\n`,
  );
  const t0 = Date.now();
  const results: RowResult[] = [];
  const info: RowResult[] = [];
  for (const { row, index } of rows) {
    const started = Date.now();
    const r = runRowInChild(index, settings.quick);
    (row.informational ? info : results).push(r);
    const verdict = row.informational ? 'info   ' : r.met ? 'met    ' : 'NOT MET';
    console.log(`  ${verdict}  ${r.name}: ${fmtValue(r.median, r.unit)}, ratio ${fmtRatio(r)} (${((Date.now() - started) / 1e3).toFixed(1)} s)`);
  }
  console.log(`\n${table(results)}\n`);
  if (info.length > 0) console.log(`Informational (no goal):\n\n${table(info, true)}\n`);
  const met = results.filter((r) => r.met).length;
  console.log(`${met} of ${results.length} goals met; ${((Date.now() - t0) / 1e3).toFixed(1)} s`);
  if (args.out !== null) {
    writeFileSync(args.out, JSON.stringify(toJson(results, info, settings), null, 2) + '\n');
    console.log(`wrote ${args.out}`);
  }
  if (args.readme) {
    updateReadme(results, info, settings);
    console.log('updated the results block in README.md');
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
