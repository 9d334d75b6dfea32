// Timer creation, set and cancel (spec §4).
import { ZX_ERR_INVALID_ARGS, ZX_OBJ_TYPE_TIMER, ZX_OK, ZX_TIMER_SLACK_LATE } from '../../generated/constants.js';
import type { Handlers } from '../core-types.js';
import { TimerObject } from '../objects/timer.js';
import { mayCreate, newHandle } from './util.js';

// zx_status_t zx_timer_create: the wrapper checked the clock; the policy comes before the options.
export const timerCreate: Handlers['timerCreate'] = (proc, options, _clockId, out) => {
  const st = mayCreate(proc, ZX_OBJ_TYPE_TIMER, 1);
  if (st !== ZX_OK) return st;
  if (options > ZX_TIMER_SLACK_LATE) return ZX_ERR_INVALID_ARGS;
  const k = proc.kernel;
  out.value = newHandle(k, TimerObject.create(k, options), TimerObject.defaultRights);
  return ZX_OK;
};

// zx_status_t zx_timer_set: no job policy raises the slack here, so the caller's applies.
export const timerSet: Handlers['timerSet'] = (_proc, handle, deadline, slack) => {
  handle.object.set(deadline, slack);
  return ZX_OK;
};

// zx_status_t zx_timer_cancel
export const timerCancel: Handlers['timerCancel'] = (_proc, handle) => {
  handle.object.cancel();
  return ZX_OK;
};
