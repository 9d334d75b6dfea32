// How the runtime fills in the generated binding's CoreTypes: its process, its handle record,
// and handle records narrowed by object type (what the wrapper's type check guarantees).
import type { CoreTypes, SyscallHandlers } from '../generated/binding.js';
import type { Handle, TypedHandle } from './handle.js';
import type { ChannelObject } from './objects/channel.js';
import type { LogObject } from './objects/debuglog.js';
import type { TimerObject } from './objects/timer.js';
import type { EventPairObject } from './objects/event-pair.js';
import type { EventObject } from './objects/event.js';
import type { FifoObject } from './objects/fifo.js';
import type { PortObject } from './objects/port.js';
import type { SocketObject } from './objects/socket.js';
import type { VmoObject } from './objects/vmo.js';
import type { Process } from './process.js';

/** The object types the runtime implements, by their CoreTypes key. */
interface Implemented {
  socket: SocketObject;
  channel: ChannelObject;
  event: EventObject;
  eventpair: EventPairObject;
  port: PortObject;
  fifo: FifoObject;
  vmo: VmoObject;
  timer: TimerObject;
  log: LogObject;
}

/** The CoreTypes of zxkit's own core: its process, handle record and typed handles. */
export interface Core extends CoreTypes {
  process: Process;
  handle: Handle;
  // Object types the runtime does not implement stay plain handles: none can ever be of them.
  typed: { [K in keyof CoreTypes['typed']]: K extends keyof Implemented ? TypedHandle<Implemented[K]> : Handle };
}

/** The generated handler signatures over this runtime's types: `Handlers['socketShare']`. */
export type Handlers = SyscallHandlers<Core>;

export type { Box } from '../generated/types.js';
