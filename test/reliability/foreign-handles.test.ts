// Issue 12, "check the same for every host API": idiomatic methods given a Handle object of
// another process or another Kernel. A handle value means nothing outside its process (there it
// may name an unrelated handle), so each method refuses the object with a TypeError before it
// releases or moves anything: the object stays valid, its handle stays live where it was, and
// nothing arrives anywhere. Each test fails on a layer that passes `rawOf(other)` on unchecked.
import { describe, expect, it } from 'vitest';
import { Channel, Event, Handle, Port, Socket, ZX_EVENT_SIGNALED, ZX_SOCKET_HAS_ACCEPT } from '../../index.js';
import { Kernel } from '../../runtime/kernel.js';
import { since } from '../kernel-stats.js';
import type { Process } from '../../runtime/process.js';

function setup(where: 'process' | 'kernel') {
  const kernel = new Kernel({ testMode: true });
  const home = kernel.createProcess('home');
  const otherKernel = where === 'kernel' ? new Kernel({ testMode: true }) : kernel;
  const away = otherKernel.createProcess('away');
  const kernels = where === 'kernel' ? [kernel, otherKernel] : [kernel];
  const bases = kernels.map((k) => k.stats()); // the processes and their startup handles
  const stats = () => kernels.map((k, i) => since(k, bases[i]!));
  return { kernel, home, away, stats };
}

type Case = [string, (home: Process, away: Process) => { act: () => unknown; foreign: Handle; cleanup: Handle[] }];

const cases: Case[] = [
  ['Channel.write() with another process\'s handle', (home, away) => {
    const [a, b] = Channel.create(home);
    const foreign = Event.create(away);
    return { act: () => a.write(new Uint8Array(1), [foreign]), foreign, cleanup: [a, b] };
  }],
  ['Channel.write() with one good and one foreign handle', (home, away) => {
    const [a, b] = Channel.create(home);
    const mine = Event.create(home);
    const foreign = Event.create(away);
    return { act: () => a.write(new Uint8Array(1), [mine, foreign]), foreign, cleanup: [a, b, mine] };
  }],
  ['Channel.call() with another process\'s handle', (home, away) => {
    const [a, b] = Channel.create(home);
    const foreign = Event.create(away);
    return { act: () => a.call(new Uint8Array(4), [foreign], { deadline: 0n }), foreign, cleanup: [a, b] };
  }],
  ['Handle.waitAsync() on another process\'s port', (home, away) => {
    const e = Event.create(home);
    const foreign = Port.create(away);
    return { act: () => e.waitAsync(foreign, 1n, ZX_EVENT_SIGNALED), foreign, cleanup: [e] };
  }],
  ['Port.cancel() with another process\'s source', (home, away) => {
    const p = Port.create(home);
    const foreign = Event.create(away);
    return { act: () => p.cancel(foreign, 1n), foreign, cleanup: [p] };
  }],
  ['Socket.share() of another process\'s socket', (home, away) => {
    const [s0, s1] = Socket.create(home, ZX_SOCKET_HAS_ACCEPT);
    const [foreign, f1] = Socket.create(away);
    return { act: () => s0.share(foreign), foreign, cleanup: [s0, s1, f1] };
  }],
  ['Handle.closeMany() mixing processes', (home, away) => {
    const mine = Event.create(home);
    const foreign = Event.create(away);
    return { act: () => Handle.closeMany([mine, foreign]), foreign, cleanup: [mine] };
  }],
  ['Handle.waitMany() mixing processes', (home, away) => {
    const mine = Event.create(home);
    const foreign = Event.create(away);
    return { act: () => Handle.waitMany([{ handle: mine, signals: ZX_EVENT_SIGNALED }, { handle: foreign, signals: ZX_EVENT_SIGNALED }], { deadline: 0n }), foreign, cleanup: [mine] };
  }],
];

for (const where of ['process', 'kernel'] as const) {
  describe(`idiomatic methods given a Handle object of another ${where}: TypeError, nothing moved or leaked`, () => {
    it.each(cases)('%s', async (_name, make) => {
      const { home, away, stats } = setup(where);
      const { act, foreign, cleanup } = make(home, away);
      const before = stats();
      const raw = foreign.raw;
      let error: unknown;
      try {
        await act();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TypeError);
      expect(stats()).toEqual(before);
      // The foreign object still owns its handle, live in its own process.
      expect(foreign.isValid).toBe(true);
      expect(away.table.lookup(raw)).not.toBeNull();
      foreign.close();
      for (const h of cleanup) if (h.isValid) h.close();
      expect(stats().every((s) => s.handles === 0 && s.objects === 0)).toBe(true);
    });
  });
}

describe('process.transferHandle() given a Handle object instead of a value: TypeError, nothing moves', () => {
  it('names the mistake and leaves the handle where it was', () => {
    const { kernel, home, away } = setup('process');
    const e = Event.create(home);
    const before = kernel.stats();
    expect(() => home.transferHandle(e as unknown as number, away)).toThrow(TypeError);
    expect(kernel.stats()).toEqual(before);
    expect(home.table.lookup(e.raw)).not.toBeNull();
    e.close();
  });
});
