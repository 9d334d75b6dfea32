// Event and eventpair creation.
import { ZX_ERR_ACCESS_DENIED, ZX_ERR_NO_MEMORY, ZX_OBJ_TYPE_EVENT, ZX_OBJ_TYPE_EVENTPAIR, ZX_OK } from '../../generated/constants.js';
import type { Box } from '../core-types.js';
import type { Handle } from '../handle.js';
import { EventPairObject } from '../objects/event-pair.js';
import { EventObject } from '../objects/event.js';
import type { Process } from '../process.js';
import { handOutPair, hasRoom, newHandle } from './util.js';

// zx_status_t zx_event_create
export function eventCreate(proc: Process, _options: number, out: Box<Handle | null>): number {
  const k = proc.kernel;
  if (!proc.mayCreate(ZX_OBJ_TYPE_EVENT)) return ZX_ERR_ACCESS_DENIED;
  if (!hasRoom(k, 1)) return ZX_ERR_NO_MEMORY;
  out.value = newHandle(k, EventObject.create(k), EventObject.defaultRights);
  return ZX_OK;
}

// zx_status_t zx_eventpair_create
export function eventpairCreate(proc: Process, _options: number, out0: Box<Handle | null>, out1: Box<Handle | null>): number {
  const k = proc.kernel;
  if (!proc.mayCreate(ZX_OBJ_TYPE_EVENTPAIR)) return ZX_ERR_ACCESS_DENIED;
  if (!hasRoom(k, 1)) return ZX_ERR_NO_MEMORY;
  return handOutPair(k, EventPairObject.create(k), EventPairObject.defaultRights, out0, out1);
}
