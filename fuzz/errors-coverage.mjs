#!/usr/bin/env node
// `npm run errors-coverage`: which documented errors does the test suite actually produce?
//
// Runs the kernel-facing suites (test/conformance, test/runtime, test/idiomatic and the
// model-based test in test/reliability, with a fixed seed) through Vitest's node API with
// fuzz/status-recorder.ts as a setup file: every process gets an onStatus hook that records
// (syscall, status). Then, for every implemented syscall, the statuses its definition documents
// (generated/definitions.json, the JSON form of defs/) are split into produced and never
// produced, and the report is printed. `--readme` also rewrites the report region of README.md.
//
//   npm run errors-coverage [-- --readme] [-- <test paths>]
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVitest } from 'vitest/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const writeReadme = args.includes('--readme');
const filters = args.filter((a) => !a.startsWith('--'));
const suites = filters.length ? filters : ['test/conformance', 'test/runtime', 'test/idiomatic', 'test/reliability/kernel-model', 'test/reliability/handles', 'test/reliability/argument-shapes'];

/** Why a documented status cannot be produced by this kernel (shown in the report). */
const WHY = {
  ZX_ERR_NO_MEMORY:
    'needs the kernel to run out of memory (the 2^18-handle arena, the 16,384-packet pool)',
  'ZX_ERR_ACCESS_DENIED@create':
    "a creator's ACCESS_DENIED comes from the job's creation policy (ZX_POL_NEW_*); this kernel has no jobs or policies, so creation is always allowed",
  'zx_object_wait_one ZX_ERR_NOT_SUPPORTED':
    'only for an object that is not waitable but whose handle has WAIT; no such object exists here (ports, the one non-waitable type, lack WAIT, so they get ACCESS_DENIED first)',
  'zx_object_wait_many ZX_ERR_NOT_SUPPORTED': 'as for wait_one: a non-waitable object whose handle has WAIT does not exist here',
  'zx_object_wait_async ZX_ERR_NOT_SUPPORTED': 'as for wait_one: a non-waitable object whose handle has WAIT does not exist here',
  'zx_port_cancel ZX_ERR_NOT_SUPPORTED': 'as for wait_one: the source would have to be non-waitable yet have WAIT',
  'zx_object_signal ZX_ERR_NOT_SUPPORTED': 'only ports are not waitable, and they lack ZX_RIGHT_SIGNAL, so ACCESS_DENIED comes first',
  'zx_object_signal_peer ZX_ERR_NOT_SUPPORTED': 'only events and ports have no peer, and both lack ZX_RIGHT_SIGNAL_PEER, so ACCESS_DENIED comes first',
};
const why = (name, status) =>
  WHY[`${name} ${status}`] ?? (status === 'ZX_ERR_ACCESS_DENIED' && name.endsWith('_create') ? WHY['ZX_ERR_ACCESS_DENIED@create'] : WHY[status]) ?? 'not explained yet';

const logDir = mkdtempSync(join(tmpdir(), 'zxkit-statuses-'));
process.env.ZXKIT_STATUS_LOG = logDir;
process.env.ZXKIT_FUZZ_SEED ??= '1';
let failed = false;
try {
  const vitest = await startVitest('test', suites, { run: true, watch: false, project: 'node', reporters: ['dot'] });
  failed = !vitest || vitest.state.getCountOfFailedTests() > 0 || process.exitCode === 1;
  await vitest?.close();
} catch (e) {
  console.error(e);
  failed = true;
}
const produced = new Map();
for (const f of readdirSync(logDir)) {
  for (const [k, n] of Object.entries(JSON.parse(readFileSync(join(logDir, f), 'utf8')))) produced.set(k, (produced.get(k) ?? 0) + n);
}
rmSync(logDir, { recursive: true, force: true });

const model = JSON.parse(readFileSync(join(root, 'generated', 'definitions.json'), 'utf8'));
const byValue = new Map(model.constants.filter((c) => c.constKind === 'status').map((c) => [c.value, c.name]));
const byName = new Map(model.constants.filter((c) => c.constKind === 'status').map((c) => [c.name, c.value]));
const rows = [];
const missing = [];
const undocumented = [];
let documentedTotal = 0;
let producedTotal = 0;
let complete = 0;
const implemented = model.syscalls.filter((sc) => sc.implemented).sort((a, b) => (a.name < b.name ? -1 : 1));
for (const sc of implemented) {
  const name = `zx_${sc.name}`;
  const documented = ['ZX_OK', ...sc.errors.map((e) => e.status)];
  const got = documented.filter((s) => produced.has(`${name} ${byName.get(s)}`));
  const never = documented.filter((s) => !got.includes(s));
  for (const [k] of produced) {
    const [n, v] = k.split(' ');
    if (n === name && !documented.includes(byValue.get(Number(v)))) undocumented.push(`${name} ${byValue.get(Number(v)) ?? v}`);
  }
  documentedTotal += documented.length;
  producedTotal += got.length;
  if (never.length === 0) complete++;
  rows.push(`| \`${name}\` | ${got.length}/${documented.length} | ${never.length ? never.map((s) => `**${s.replace('ZX_ERR_', '')}**`).join(', ') : '—'} |`);
  for (const s of never) missing.push({ name, status: s, why: why(name, s) });
}
const pct = ((100 * producedTotal) / documentedTotal).toFixed(1);
const report = [
  `Documented statuses produced by the test suite: **${producedTotal} of ${documentedTotal} (${pct}%)** over the ${implemented.length} implemented syscalls; ` +
    `**${complete} of ${implemented.length}** syscalls have every documented status produced. ` +
    `Undocumented statuses produced: ${undocumented.length ? undocumented.join(', ') : 'none'}.`,
  '',
  '| syscall | documented statuses produced | never produced |',
  '|---|---|---|',
  ...rows,
  '',
  ...(missing.length
    ? ['Documented but never produced, and why:', '', ...missing.map((m) => `- \`${m.name}\` **${m.status}**: ${m.why}.`)]
    : ['Every documented status of every implemented syscall is produced.']),
].join('\n');
console.log(`\n${report}\n`);
if (writeReadme) {
  const readme = join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- errors-coverage:start (npm run errors-coverage -- --readme) -->';
  const end = '<!-- errors-coverage:end -->';
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) {
    console.error(`README.md has no ${start} ... ${end} region`);
    process.exitCode = 1;
  } else {
    writeFileSync(readme, `${text.slice(0, i + start.length)}\n${report}\n${text.slice(j)}`);
    console.log('README.md updated');
  }
}
if (failed) {
  console.error('errors-coverage: the test run failed; the report covers what ran');
  process.exitCode = 1;
}
