// Rights are plain bits (Zircon's rights.h). This is the only module that tests rights bits;
// everything else asks it.
import { ZX_RIGHT_SAME_RIGHTS } from '../generated/constants.js';

/** True if `have` holds every bit of `want` (Zircon's Handle::HasRights). */
export function hasRights(have: number, want: number): boolean {
  return (want & ~have) === 0;
}

/**
 * Rights for a handle made by duplicate/replace: SAME_RIGHTS (exactly) keeps the source's rights;
 * anything else must be a subset of them. Returns -1 when it is not (the caller's INVALID_ARGS).
 * SAME_RIGHTS combined with other bits is treated as a plain mask, so it fails the subset test.
 */
export function derivedRights(source: number, requested: number): number {
  if (requested >>> 0 === ZX_RIGHT_SAME_RIGHTS) return source;
  return hasRights(source, requested) ? requested >>> 0 : -1;
}
