// How the runtime fills in the generated binding's CoreTypes: its process, its handle record,
// and handle records narrowed by object type (what the wrapper's type check guarantees).
import type { CoreTypes } from '../generated/binding.js';
import type { Handle, TypedHandle } from './handle.js';
import type { ChannelObject } from './objects/channel.js';
import type { EventPairObject } from './objects/event-pair.js';
import type { EventObject } from './objects/event.js';
import type { PortObject } from './objects/port.js';
import type { SocketObject } from './objects/socket.js';
import type { Process } from './process.js';

export type SocketHandle = TypedHandle<SocketObject>;
export type ChannelHandle = TypedHandle<ChannelObject>;
export type EventHandle = TypedHandle<EventObject>;
export type EventPairHandle = TypedHandle<EventPairObject>;
export type PortHandle = TypedHandle<PortObject>;

/** The CoreTypes of zxkit's own core: its process, handle record and typed handles. */
export interface Core extends CoreTypes {
  process: Process;
  handle: Handle;
  typed: {
    socket: SocketHandle;
    channel: ChannelHandle;
    event: EventHandle;
    eventpair: EventPairHandle;
    port: PortHandle;
    // Object types the runtime does not implement: no handle can ever be of these types.
    process: Handle;
    thread: Handle;
    vmo: Handle;
    interrupt: Handle;
    pci_device: Handle;
    log: Handle;
    resource: Handle;
    job: Handle;
    vmar: Handle;
    fifo: Handle;
    guest: Handle;
    vcpu: Handle;
    timer: Handle;
    iommu: Handle;
    bti: Handle;
    profile: Handle;
    pmt: Handle;
    suspend_token: Handle;
    pager: Handle;
  };
}

export type { Box } from '../generated/types.js';
