// Job policy (spec part 2 §2.3, §8.8): the basic policy (an action per ZX_POL_* condition) and
// the timer slack. A job copies its parent's at creation, a process its job's; job_set_policy
// changes a childless job's own copy.
import {
  ZX_ERR_ALREADY_EXISTS,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NOT_SUPPORTED,
  ZX_JOB_POL_ABSOLUTE,
  ZX_OBJ_TYPE_CHANNEL,
  ZX_OBJ_TYPE_EVENT,
  ZX_OBJ_TYPE_EVENTPAIR,
  ZX_OBJ_TYPE_FIFO,
  ZX_OBJ_TYPE_PORT,
  ZX_OBJ_TYPE_PROCESS,
  ZX_OBJ_TYPE_SOCKET,
  ZX_OBJ_TYPE_TIMER,
  ZX_OBJ_TYPE_VMO,
  ZX_OK,
  ZX_POL_ACTION_DENY,
  ZX_POL_MAX,
  ZX_POL_NEW_ANY,
  ZX_POL_NEW_CHANNEL,
  ZX_POL_NEW_EVENT,
  ZX_POL_NEW_EVENTPAIR,
  ZX_POL_NEW_FIFO,
  ZX_POL_NEW_PORT,
  ZX_POL_NEW_PROCESS,
  ZX_POL_NEW_SOCKET,
  ZX_POL_NEW_TIMER,
  ZX_POL_NEW_VMO,
} from '../../generated/constants.js';

/** The ZX_POL_NEW_* condition a creator of each object type consults. */
const NEW_CONDITION: ReadonlyMap<number, number> = new Map([
  [ZX_OBJ_TYPE_VMO, ZX_POL_NEW_VMO],
  [ZX_OBJ_TYPE_CHANNEL, ZX_POL_NEW_CHANNEL],
  [ZX_OBJ_TYPE_EVENT, ZX_POL_NEW_EVENT],
  [ZX_OBJ_TYPE_EVENTPAIR, ZX_POL_NEW_EVENTPAIR],
  [ZX_OBJ_TYPE_PORT, ZX_POL_NEW_PORT],
  [ZX_OBJ_TYPE_SOCKET, ZX_POL_NEW_SOCKET],
  [ZX_OBJ_TYPE_FIFO, ZX_POL_NEW_FIFO],
  [ZX_OBJ_TYPE_TIMER, ZX_POL_NEW_TIMER],
  [ZX_OBJ_TYPE_PROCESS, ZX_POL_NEW_PROCESS],
]);

/** The condition `zx_*_create` of `objType` consults, if any. */
export function newConditionOf(objType: number): number | undefined {
  return NEW_CONDITION.get(objType);
}

/** A stored condition that was never set explicitly: it acts as ALLOW and accepts any action. */
const UNSET = -1;
/** Valid actions: the low three bits (ALLOW, DENY, EXCEPTION and their mixes, KILL). */
const ACTION_MASK = 0x7;

/** One `zx_policy_basic_t` entry. */
export interface BasicEntry {
  readonly condition: number;
  readonly policy: number;
}

/** A job's or process's policy: per-condition actions and the timer slack. */
export class Policy {
  private readonly actions: Int8Array;
  /** Minimum timer slack in ns (only grows) and the default slack mode (ZX_TIMER_SLACK_*). */
  slack = 0n;
  slackMode = 0;

  constructor(from?: Policy) {
    this.actions = from ? from.actions.slice() : new Int8Array(ZX_POL_MAX).fill(UNSET);
    if (from) {
      this.slack = from.slack;
      this.slackMode = from.slackMode;
    }
  }

  /** The action for `condition` (ALLOW if never set). */
  action(condition: number): number {
    const a = this.actions[condition] ?? UNSET;
    return a === UNSET ? 0 : a;
  }

  /** Whether the action for `condition` has the DENY bit (DENY and KILL deny; KILL never kills). */
  denies(condition: number): boolean {
    return (this.action(condition) & ZX_POL_ACTION_DENY) !== 0;
  }

  /** Deny `condition` unconditionally (the host's `denyNew` shorthand). */
  deny(condition: number): void {
    this.actions[condition] = ZX_POL_ACTION_DENY;
  }

  /**
   * job_set_policy BASIC step 7 and 8: validate every entry against the policy as it is now,
   * later entries overriding earlier ones, then merge; the first error changes nothing.
   */
  setBasic(mode: number, entries: readonly BasicEntry[]): number {
    const next = new Map<number, number | null>(); // null: RELATIVE's "no change"
    for (const e of entries) {
      if (e.condition >= ZX_POL_MAX) return ZX_ERR_INVALID_ARGS;
      if ((e.policy & ~ACTION_MASK) !== 0) return ZX_ERR_NOT_SUPPORTED;
      const targets = e.condition === ZX_POL_NEW_ANY ? NEW_ANY_TARGETS : [e.condition];
      for (const c of targets) {
        const stored = this.actions[c]!;
        if (stored === UNSET || stored === e.policy) next.set(c, e.policy);
        else if (mode === ZX_JOB_POL_ABSOLUTE) return ZX_ERR_ALREADY_EXISTS;
        else next.set(c, null);
      }
    }
    for (const [c, a] of next) if (a !== null) this.actions[c] = a;
    return ZX_OK;
  }
}

/** ZX_POL_NEW_ANY stands for every ZX_POL_NEW_* condition. */
const NEW_ANY_TARGETS: readonly number[] = Array.from({ length: ZX_POL_MAX - ZX_POL_NEW_VMO }, (_, i) => ZX_POL_NEW_VMO + i);
