// Object cookies (spec part 2 §9.1): one (scope koid, value) jar per event, event pair and VMO,
// kept beside the objects so that no object type carries a field only cookies use.
import {
  ZX_ERR_ACCESS_DENIED,
  ZX_ERR_NOT_SUPPORTED,
  ZX_OBJ_TYPE_EVENT,
  ZX_OBJ_TYPE_EVENTPAIR,
  ZX_OBJ_TYPE_VMO,
  ZX_OK,
} from '../../generated/constants.js';
import type { Handlers } from '../core-types.js';
import type { KernelObject } from '../kernel-object.js';
import { PeeredObject } from '../kernel-object.js';

/** The object types with a cookie jar. */
const JAR_TYPES: ReadonlySet<number> = new Set([ZX_OBJ_TYPE_EVENT, ZX_OBJ_TYPE_EVENTPAIR, ZX_OBJ_TYPE_VMO]);

interface Jar {
  readonly scope: number;
  cookie: bigint;
}
const jars = new WeakMap<KernelObject, Jar>();

/**
 * NOT_SUPPORTED for types without a jar; ACCESS_DENIED for an event pair end whose peer is
 * gone (the kernel then scopes its jar to itself, so no caller's scope matches); else OK.
 */
function jarStatus(obj: KernelObject): number {
  if (!JAR_TYPES.has(obj.type)) return ZX_ERR_NOT_SUPPORTED;
  if (obj instanceof PeeredObject && obj.peer === null) return ZX_ERR_ACCESS_DENIED;
  return ZX_OK;
}

// zx_status_t zx_object_set_cookie: the first scope wins for good.
export const objectSetCookie: Handlers['objectSetCookie'] = (_proc, handle, scope, cookie) => {
  const obj = handle.object;
  const st = jarStatus(obj);
  if (st !== ZX_OK) return st;
  const jar = jars.get(obj);
  if (jar === undefined) jars.set(obj, { scope: scope.object.koid, cookie });
  else if (jar.scope === scope.object.koid) jar.cookie = cookie;
  else return ZX_ERR_ACCESS_DENIED;
  return ZX_OK;
};

// zx_status_t zx_object_get_cookie
export const objectGetCookie: Handlers['objectGetCookie'] = (_proc, handle, scope, cookie) => {
  const obj = handle.object;
  const st = jarStatus(obj);
  if (st !== ZX_OK) return st;
  const jar = jars.get(obj);
  if (jar === undefined || jar.scope !== scope.object.koid) return ZX_ERR_ACCESS_DENIED;
  cookie.value = jar.cookie;
  return ZX_OK;
};
