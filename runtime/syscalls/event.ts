// Event and eventpair creation.
import { ZX_OBJ_TYPE_EVENT, ZX_OBJ_TYPE_EVENTPAIR, ZX_OK } from '../../generated/constants.js';
import type { Handlers } from '../core-types.js';
import { EventPairObject } from '../objects/event-pair.js';
import { EventObject } from '../objects/event.js';
import { handOutPair, mayCreate, newHandle } from './util.js';

// zx_status_t zx_event_create
export const eventCreate: Handlers['eventCreate'] = (proc, _options, out) => {
  const st = mayCreate(proc, ZX_OBJ_TYPE_EVENT, 1);
  if (st !== ZX_OK) return st;
  const k = proc.kernel;
  out.value = newHandle(k, EventObject.create(k), EventObject.defaultRights);
  return ZX_OK;
};

// zx_status_t zx_eventpair_create
export const eventpairCreate: Handlers['eventpairCreate'] = (proc, _options, out0, out1) => {
  const st = mayCreate(proc, ZX_OBJ_TYPE_EVENTPAIR, 1);
  if (st !== ZX_OK) return st;
  const k = proc.kernel;
  return handOutPair(k, EventPairObject.create(k), EventPairObject.defaultRights, out0, out1);
};
