// The ready examples. Each is a program the reader can edit: the zxkit module's exports,
// `kernel` (this run's kernel), `log()` and `pause()` are in scope, and `await pause()` lets
// the inspector catch up between steps.

export interface Example {
  readonly id: string;
  readonly title: string;
  readonly code: string;
}

export const EXAMPLES: readonly Example[] = [
  {
    id: 'socket-share',
    title: 'zx_socket_share: a socket moves to another process',
    code: `// The zx_socket_share page's story. A socket pair made with ZX_SOCKET_HAS_ACCEPT can carry
// another socket to its peer: on success the shared socket is placed in the peer's share
// queue, out of the caller's handle table, until zx_socket_accept installs it on the other side.
const first = kernel.createProcess('first');
const second = kernel.createProcess('second');
const a = first.syscalls, b = second.syscalls;

const c0 = { value: 0 }, c1 = { value: 0 };
a.zx_socket_create(ZX_SOCKET_HAS_ACCEPT, c0, c1);        // the connection that can share
const listen = first.transferHandle(c1.value, second);     // second's end, as a startup handle
const d0 = { value: 0 }, d1 = { value: 0 };
a.zx_socket_create(0, d0, d1);                             // the socket to hand over
await pause();

log('share:', ZX_STATUS_NAMES[a.zx_socket_share(c0.value, d0.value)]);
await pause();
// d0 has left the first process: using it there now fails.
const n = { value: 0 };
log('write through the shared handle:', ZX_STATUS_NAMES[a.zx_socket_write(d0.value, 0, new Uint8Array(1), 1, n)]);
await pause();

const seen = { value: 0 };
await b.zx_object_wait_one(listen, ZX_SOCKET_ACCEPT, ZX_TIME_INFINITE, seen);
const got = { value: 0 };
log('accept:', ZX_STATUS_NAMES[b.zx_socket_accept(listen, got)]);
await pause();

const hello = new TextEncoder().encode('hello from first');
a.zx_socket_write(d1.value, 0, hello, hello.length, n);
const buf = new Uint8Array(64);
b.zx_socket_read(got.value, 0, buf, buf.length, n);
log('second read:', new TextDecoder().decode(buf.subarray(0, n.value)));
`,
  },
  {
    id: 'ping-pong',
    title: 'Socket ping-pong',
    code: `// Two ends of a stream socket, written and read with the idiomatic layer.
const enc = new TextEncoder(), dec = new TextDecoder();
const [left, right] = Socket.create();
for (let round = 1; round <= 3; round++) {
  left.write(enc.encode(\`ping \${round}\`));
  await pause();
  log('right got', dec.decode(right.read()));
  right.write(enc.encode(\`pong \${round}\`));
  await pause();
  log('left got', dec.decode(left.read()));
}
right.close();
await pause();
try {
  left.write(enc.encode('anyone?'));
} catch (e) {
  log('after close:', (e as Error).message);
}
`,
  },
  {
    id: 'channel-transfer',
    title: 'Channel handle transfer between processes',
    code: `// A channel message carries bytes and handles. Writing moves the handles out of the writer's
// table into the message; reading installs them in the reader's.
const server = kernel.createProcess('server');
const client = kernel.createProcess('client');
const [mine, theirs] = Channel.create(server);
const clientEnd = Channel.fromRaw(client, server.transferHandle(theirs.intoRaw(), client));

const event = Event.create(server);
const [ep0, ep1] = EventPair.create(server);
mine.write(new TextEncoder().encode('two handles for you'), [event, ep1]);
log('in the message, gone from the server:', event.isValid, ep1.isValid);
await pause();

const msg = clientEnd.read();
log('client read', msg.handles.length, 'handles:', msg.handles.map(String).join(', '));
await pause();
msg.handles[1]!.signalPeer(0, ZX_USER_SIGNAL_0);   // the client signals through the eventpair it got
log('server saw signals', (await ep0.wait(ZX_USER_SIGNAL_0)).toString(16));
`,
  },
  {
    id: 'port',
    title: 'A port with async waits',
    code: `// zx_object_wait_async registers interest on a port; the packet arrives when the signal rises.
const port = Port.create();
const ready = Event.create();
const done = Event.create();
ready.waitAsync(port, 1n, ZX_EVENT_SIGNALED);
done.waitAsync(port, 2n, ZX_EVENT_SIGNALED);
await pause();

const packets = [port.wait(), port.wait()];   // both block: nothing is queued yet
await pause();
ready.signal(0, ZX_EVENT_SIGNALED);
await pause();
done.signal(0, ZX_EVENT_SIGNALED);
for (const p of await Promise.all(packets)) log('packet key', p.key, 'observed', p.signal?.observed);
port.queue({ key: 7n });
await pause();
log('user packet key', (await port.wait()).key);
`,
  },
  {
    id: 'replace',
    title: 'Rights reduced by zx_handle_replace',
    code: `// zx_handle_replace swaps a handle for one with fewer rights; the old value is gone.
const sys = kernel.createProcess('app').syscalls;
const ev = { value: 0 };
sys.zx_event_create(0, ev);
await pause();

const weaker = { value: 0 };
log('replace:', ZX_STATUS_NAMES[sys.zx_handle_replace(ev.value, ZX_RIGHT_WAIT | ZX_RIGHT_TRANSFER, weaker)]);
await pause();
log('signal with the new handle:', ZX_STATUS_NAMES[sys.zx_object_signal(weaker.value, 0, ZX_USER_SIGNAL_0)]);
log('close the old value:', ZX_STATUS_NAMES[sys.zx_handle_close(ev.value)]);
const more = { value: 0 };
log('duplicate without ZX_RIGHT_DUPLICATE:', ZX_STATUS_NAMES[sys.zx_handle_duplicate(weaker.value, ZX_RIGHT_SAME_RIGHTS, more)]);
`,
  },
  {
    id: 'timer',
    title: 'A timer: set, waited on, cancelled, re-armed',
    code: `// A timer asserts ZX_TIMER_SIGNALED once the kernel's clock passes its deadline. In this page
// the kernel runs on the host's clock, so the deadlines are short (50 ms). Select the rows of
// the timeline to see the timer's signal rise when the wait returns and fall at the cancel.
const sys = kernel.createProcess('app').syscalls;
const ms = (n: number): bigint => BigInt(n) * 1_000_000n;
const since = (t: bigint): string => \`\${(Number(kernel.now() - t) / 1e6).toFixed(1)} ms\`;
const timer = { value: 0 }, seen = { value: 0 };
sys.zx_timer_create(ZX_TIMER_SLACK_CENTER, ZX_CLOCK_MONOTONIC, timer);
await pause();

// Armed: the wait blocks until the deadline, then the timer is SIGNALED.
let start = kernel.now();
sys.zx_timer_set(timer.value, start + ms(50), 0n);
log('wait:', ZX_STATUS_NAMES[await sys.zx_object_wait_one(timer.value, ZX_TIMER_SIGNALED, ZX_TIME_INFINITE, seen)],
  'after', since(start));
await pause();

// Cancelling disarms it and clears the signal.
sys.zx_timer_cancel(timer.value);
await pause();

// Cancelled before its deadline, it never fires: a 100 ms wait times out.
sys.zx_timer_set(timer.value, kernel.now() + ms(50), 0n);
sys.zx_timer_cancel(timer.value);
log('wait on the cancelled timer:', ZX_STATUS_NAMES[await sys.zx_object_wait_one(timer.value, ZX_TIMER_SIGNALED, kernel.now() + ms(100), seen)]);
await pause();

// Re-armed: setting an armed timer replaces its deadline, so it fires at the second one.
start = kernel.now();
sys.zx_timer_set(timer.value, start + ms(50), 0n);
sys.zx_timer_set(timer.value, start + ms(80), 0n);
log('wait after re-arming:', ZX_STATUS_NAMES[await sys.zx_object_wait_one(timer.value, ZX_TIMER_SIGNALED, ZX_TIME_INFINITE, seen)],
  'after', since(start));
`,
  },
];
