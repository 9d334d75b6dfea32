// Run one benchmark body in a plain loop, for `node --cpu-prof`: the timed rows interleave a
// figure with its baseline, which makes a profile of them hard to read.
//
//   npm run -s bench:build && node --cpu-prof --cpu-prof-dir=prof dist-bench/bench/profile.js channel
//
// Add --no-turbo-inlining to see time per function instead of per inlined caller (slower,
// but the split between wrapper, handle lookup and core becomes visible).
import { ZX_SOCKET_DATAGRAM, ZX_SOCKET_STREAM } from '../index.js';
import { channelRoundTrip, socketRoundTrip } from './figures/data.js';
import { dupCloseCase, signalBodies } from './figures/handles.js';
import type { Body } from './harness.js';

const BODIES: Record<string, () => Body> = {
  signal: () => signalBodies().wrapper,
  'signal-core': () => signalBodies().core,
  'dup-close-200k': () => dupCloseCase(200_000, false),
  'dup-close-200k-scattered': () => dupCloseCase(200_000, true),
  'socket-64': () => socketRoundTrip(ZX_SOCKET_STREAM, 64),
  'socket-64k': () => socketRoundTrip(ZX_SOCKET_STREAM, 65536),
  'datagram-1k': () => socketRoundTrip(ZX_SOCKET_DATAGRAM, 1024),
  channel: () => channelRoundTrip(0),
  'channel-4-handles': () => channelRoundTrip(4),
};

const name = process.argv[2] ?? '';
const seconds = Number(process.argv[3] ?? '5');
const make = BODIES[name];
if (make === undefined) {
  process.stderr.write(`usage: node dist-bench/bench/profile.js <${Object.keys(BODIES).join('|')}> [seconds]\n`);
  process.exit(2);
}
const body = make();
let calls = 0;
const t0 = process.hrtime.bigint();
const until = t0 + BigInt(Math.round(seconds * 1e9));
while (process.hrtime.bigint() < until) {
  for (let i = 0; i < 10_000; i++) body();
  calls += 10_000;
}
const ns = Number(process.hrtime.bigint() - t0) / calls;
console.log(`${name}: ${calls} calls, ${ns.toFixed(1)} ns per call (loop overhead included)`);
