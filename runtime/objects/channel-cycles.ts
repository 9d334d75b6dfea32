// Unreachable channel cycles (issue 6; test "channel cycle leak" in test/reliability).
//
// Zircon lets a channel carry its own peer endpoint, so endpoints can end up inside each other's
// queues: write A1 into A0 and A1 sits in its own queue; write A1 into B0 and B1 into A0 and
// each sits in the other's. Once the outside ends close, no process can ever read those queues
// again, yet every endpoint still has a handle (in transit), so nothing reaches zero handles and
// the objects leak. Such garbage only ever appears when an endpoint whose only handle is parked
// in a queue loses its peer, so that is the one place we look for it.
import type { ChannelObject } from './channel.js';

/**
 * `start` has just lost its peer. Walk back from it: an endpoint is reachable if a process holds
 * its handle, or if its peer is alive and reachable, or if the endpoint whose queue holds its
 * handle is reachable. If the walk never meets a handle outside a channel queue, every endpoint
 * it visited is unreachable: their queued messages are dropped, which closes the handles they
 * carry, and the usual zero-handles processing (queued by the kernel, never recursive) takes
 * the endpoints down. Cheap in the common case: an endpoint held by a process stops the walk at
 * once.
 */
export function collectIfUnreachable(start: ChannelObject): void {
  const seen: ChannelObject[] = [];
  const stack = [start];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (seen.includes(x)) continue;
    seen.push(x);
    const holder = x.parkedHolder();
    if (holder === null) return; // held by a process (or in flight): reachable
    stack.push(holder);
    if (holder.peer !== null) stack.push(holder.peer);
  }
  for (const x of seen) x.dropQueued();
}
