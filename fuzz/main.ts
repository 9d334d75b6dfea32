// `npm run fuzz`: the reliability fuzzers at scale (issue 6).
//
//   npm run fuzz -- [--commands N] [--inputs N] [--cli-runs N] [--seed S] [--only kernel|hostile|defs] [--path P]
//
// kernel: N random commands (default 200,000) of the model-based kernel test, a progress line
//         every 100,000; a violation prints the shrunk counterexample and the seed (and path)
//         that replays it. One object argument of about one call in three is disguised by a
//         hostile value that must not change the call (fuzz/kernel/hostile.ts).
// hostile: N random calls (same N) whose object arguments may be any hostile value (frozen,
//         sealed, getter, setter, Proxy, throwing reads, detached or shared views): no exception,
//         documented statuses, signals that match the state, nothing left after closing.
// defs:   N malformed definition and .abigen inputs in memory (default 10,000: inputs that the
//         loader refused; inputs that happen to be valid come on top and are generated), every
//         key of the format once, a few hundred real CLI runs, the write-failure scenarios and
//         odd folders. It runs in two worker threads next to the kernel fuzzer.
// Exit code 0 when nothing was found, 1 otherwise.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { documentedStatuses } from './documented.js';
import { loadBases } from './defs/cases.js';
import { folderScenarios, runDefsFuzz, writeFailureScenarios, type DefsFuzzResult } from './defs/run.js';
import { directions, runHostileFuzz } from './kernel/hostile.js';
import { runKernelFuzz } from './kernel/run.js';
import { runTaskFuzz } from './kernel/model-tasks.js';

interface Args {
  commands: number;
  inputs: number;
  cliRuns: number;
  seed: number;
  only: 'kernel' | 'hostile' | 'defs' | null;
  path: string | null;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { commands: 200_000, inputs: 10_000, cliRuns: 300, seed: Date.now() % 0x7fffffff, only: null, path: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n\nkernel: N model-based commands (default 200,000), one object argument in about three disguised by a\n  hostile value that must not change the call; hostile: N calls with any hostile value; defs: N malformed\n  definitions. Without --only all three run. Exit 0 when nothing was found, 1 otherwise.\n`);
      process.exit(0);
    }
    const value = argv[++i];
    if (value === undefined) usage(`${flag} needs a value`);
    const num = () => {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < 0) usage(`${flag}: not a whole number: ${value}`);
      return n;
    };
    if (flag === '--commands') a.commands = num();
    else if (flag === '--inputs') a.inputs = num();
    else if (flag === '--cli-runs') a.cliRuns = num();
    else if (flag === '--seed') a.seed = num();
    else if (flag === '--path') a.path = value!;
    else if (flag === '--only' && (value === 'kernel' || value === 'hostile' || value === 'defs')) a.only = value;
    else usage(`unknown option ${flag}`);
  }
  return a;
}

const USAGE = 'usage: npm run fuzz -- [--commands N] [--inputs N] [--cli-runs N] [--seed S] [--only kernel|hostile|defs] [--path P]';

function usage(msg: string): never {
  process.stderr.write(`fuzz: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function kernel(a: Args): Promise<boolean> {
  const started = performance.now();
  console.log(`kernel: ${fmt(a.commands)} commands, seed ${a.seed}${a.path ? `, path ${a.path}` : ''}`);
  let nextReport = 100_000;
  const r = await runKernelFuzz({
    commands: a.commands,
    seed: a.seed,
    documented: documentedStatuses(),
    hostile: directions(),
    ...(a.path ? { path: a.path } : {}),
    onCommand: (total) => {
      if (total >= nextReport) {
        console.log(`kernel: ${fmt(total)} commands run, 0 violations (${Math.round((performance.now() - started) / 1000)} s)`);
        nextReport += 100_000;
      }
    },
  });
  if (r.report) {
    console.log(`\nkernel: VIOLATION\n${r.report}`);
    console.log(`Replay: npm run fuzz -- --only kernel --seed ${r.failingSeed} --path ${r.failingPath}`);
  }
  console.log(`kernel: commands ${fmt(r.commands)}, violations ${r.violations}, seed ${r.seed} (${r.runs} kernels, ${Math.round((performance.now() - started) / 1000)} s)`);
  return r.violations === 0 && tasks(a);
}

/** The job tree and kills (fuzz/kernel/model-tasks.ts): a tenth of the kernel commands. */
function tasks(a: Args): boolean {
  const n = Math.max(1000, Math.round(a.commands / 10));
  try {
    console.log(`tasks: commands ${fmt(runTaskFuzz(n, a.seed))}, violations 0, seed ${a.seed}`);
    return true;
  } catch (e) {
    console.log(`\ntasks: VIOLATION\n${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}

async function hostile(a: Args): Promise<boolean> {
  const started = performance.now();
  const secs = () => Math.round((performance.now() - started) / 1000);
  console.log(`hostile: ${fmt(a.commands)} commands, seed ${a.seed}${a.path ? `, path ${a.path}` : ''}`);
  let nextReport = 100_000;
  const r = await runHostileFuzz({
    commands: a.commands,
    seed: a.seed,
    documented: documentedStatuses(),
    ...(a.path ? { path: a.path } : {}),
    onCommand: (total) => {
      if (total >= nextReport) {
        console.log(`hostile: ${fmt(total)} commands run, 0 violations (${secs()} s)`);
        nextReport += 100_000;
      }
    },
  });
  if (r.report) {
    console.log(`\nhostile: VIOLATION\n${r.report}`);
    console.log(`Replay: npm run fuzz -- --only hostile --seed ${r.failingSeed} --path ${r.failingPath}`);
  }
  console.log(`hostile: commands ${fmt(r.commands)}, violations ${r.violations}, seed ${a.seed} (${r.runs} kernels, ${secs()} s)`);
  return r.violations === 0;
}

/** One shard of the definitions fuzzer (a worker thread); shard 0 also runs the scenarios. */
interface Shard {
  readonly args: Args;
  readonly shard: number;
  readonly shards: number;
}

interface ShardResult {
  readonly r: DefsFuzzResult;
  readonly scenarios: { scenario: string; intact: boolean }[];
  readonly folders: string[];
  readonly folderFailure: string | null;
}

async function defsShard({ args: a, shard, shards }: Shard, log: (line: string) => void): Promise<ShardResult> {
  const part = (n: number) => Math.ceil(n / shards);
  const r = await runDefsFuzz({
    inputs: part(a.inputs),
    cliRuns: a.path ? 0 : part(a.cliRuns),
    // Shards draw from seeds far apart; a failure reports the seed that replays it.
    seed: (a.seed + shard * 1_000_003) | 0,
    everyKey: shard === 0,
    ...(a.path ? { path: a.path } : {}),
    onProgress: (rejected, inputs) => {
      if (inputs % 2000 === 0) log(`defs: worker ${shard + 1}: ${fmt(inputs)} inputs, ${fmt(rejected)} malformed`);
    },
  });
  let scenarios: { scenario: string; intact: boolean }[] = [];
  let folders: string[] = [];
  let folderFailure: string | null = null;
  if (shard === 0 && r.crashes === 0 && !a.path) {
    scenarios = await writeFailureScenarios(loadBases()[0]!);
    try {
      folders = await folderScenarios(loadBases()[0]!);
    } catch (e) {
      folderFailure = e instanceof Error ? e.message : String(e);
    }
  }
  return { r, scenarios, folders, folderFailure };
}

function defsSummary(a: Args, results: ShardResult[], seconds: number): boolean {
  const sum = (f: (r: DefsFuzzResult) => number) => results.reduce((n, x) => n + f(x.r), 0);
  const scenarios = results.flatMap((x) => x.scenarios);
  const broken = scenarios.filter((s) => !s.intact);
  const folders = results.flatMap((x) => x.folders);
  const folderFailures = results.map((x) => x.folderFailure).filter((x): x is string => x !== null);
  for (const x of results) if (x.r.report) console.log(`\ndefs: VIOLATION\n${x.r.report}`);
  for (const s of broken) console.log(`defs: PARTIAL WRITE: ${s.scenario}: a failed regen changed the previous output`);
  for (const f of folderFailures) console.log(`\ndefs: VIOLATION (odd definitions folder)\n${f}`);
  const byKind: Record<string, number> = {};
  for (const x of results) for (const [k, n] of Object.entries(x.r.byKind)) byKind[k] = (byKind[k] ?? 0) + n;
  const crashes = sum((r) => r.crashes);
  const partial = sum((r) => r.partialWrites) + broken.length;
  console.log(`defs: by kind: ${Object.entries(byKind).sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(
    `defs: malformed inputs ${fmt(sum((r) => r.rejected))} (all refused with positioned diagnostics; plus ${fmt(sum((r) => r.accepted))} valid by accident, ` +
      `loaded and generated), crashes ${crashes}, CLI runs ${sum((r) => r.cliRuns)} (refused ${sum((r) => r.cliRejected)}), partial writes ${partial}, ` +
      `write-failure scenarios ${scenarios.length - broken.length}/${scenarios.length} intact, odd folders ${folders.length} handled, ` +
      `seed ${a.seed} (${seconds} s)`,
  );
  return crashes === 0 && partial === 0 && folderFailures.length === 0;
}

async function defs(a: Args, shards: number): Promise<boolean> {
  const started = performance.now();
  console.log(`defs: ${fmt(a.inputs)} malformed inputs, ${a.cliRuns} CLI runs, seed ${a.seed}, ${shards} worker${shards === 1 ? '' : 's'}`);
  const results = await Promise.all(
    Array.from({ length: shards }, (_, shard) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: { args: a, shard, shards } satisfies Shard });
      return new Promise<ShardResult>((resolve, reject) => {
        worker.on('message', (m: { line?: string; result?: ShardResult }) => {
          if (m.line !== undefined) console.log(m.line);
          if (m.result !== undefined) resolve(m.result);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code !== 0 ? reject(new Error(`defs worker exited with ${code}`)) : undefined));
      }).finally(() => void worker.terminate());
    }),
  );
  return defsSummary(a, results, Math.round((performance.now() - started) / 1000));
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const shards = a.path ? 1 : 2;
  if (a.only === 'defs') {
    process.exitCode = (await defs(a, shards)) ? 0 : 1;
    return;
  }
  if (a.only === 'kernel') {
    process.exitCode = (await kernel(a)) ? 0 : 1;
    return;
  }
  if (a.only === 'hostile') {
    process.exitCode = (await hostile(a)) ? 0 : 1;
    return;
  }
  // All at once: the definitions fuzzer in worker threads, the kernel fuzzers here.
  const defsOk = defs(a, shards);
  const kernelOk = await kernel(a);
  const hostileOk = await hostile(a);
  process.exitCode = (await defsOk) && kernelOk && hostileOk ? 0 : 1;
}

if (isMainThread) {
  await main();
} else {
  const result = await defsShard(workerData as Shard, (line) => parentPort!.postMessage({ line }));
  parentPort!.postMessage({ result });
}
