// Job syscalls: job_create and job_set_policy. Both look their job handle up themselves, in
// the kernel's order (see task-lookup.ts).
import {
  ZX_ERR_BAD_STATE,
  ZX_ERR_INVALID_ARGS,
  ZX_ERR_NO_MEMORY,
  ZX_ERR_OUT_OF_RANGE,
  ZX_JOB_POL_ABSOLUTE,
  ZX_JOB_POL_BASIC,
  ZX_JOB_POL_RELATIVE,
  ZX_JOB_POL_TIMER_SLACK,
  ZX_OK,
  ZX_POL_MAX,
  ZX_RIGHT_MANAGE_JOB,
  ZX_RIGHT_SET_POLICY,
} from '../../generated/constants.js';
import { decode_zx_policy_basic_t, decode_zx_policy_timer_slack_t, LAYOUTS } from '../../generated/structs.js';
import type { Handlers } from '../core-types.js';
import { JobObject } from '../objects/job.js';
import { newHandle } from './util.js';
import { lookupJob, lookupJobWith } from './task-lookup.js';

const BASIC_SIZE = LAYOUTS.lp64.zx_policy_basic_t.size;
const SLACK_SIZE = LAYOUTS.lp64.zx_policy_timer_slack_t.size;
/** ZX_TIMER_SLACK_CENTER, EARLY and LATE are 0, 1 and 2. */
const SLACK_MODES = 3;

// zx_status_t zx_job_create (options were checked by the wrapper)
export const jobCreate: Handlers['jobCreate'] = (proc, parentJob, _options, out) => {
  const parent = lookupJob(proc, parentJob, ZX_RIGHT_MANAGE_JOB);
  if (typeof parent === 'number') return parent;
  if (parent.height === 0) return ZX_ERR_OUT_OF_RANGE;
  if (!parent.ready) return ZX_ERR_BAD_STATE;
  if (proc.kernel.arena.available < 1) return ZX_ERR_NO_MEMORY;
  out.value = newHandle(proc.kernel, JobObject.create(parent), JobObject.defaultRights);
  return ZX_OK;
};

// zx_status_t zx_job_set_policy: the topic decides everything else, so it comes first.
export const jobSetPolicy: Handlers['jobSetPolicy'] = (proc, handle, options, topic, policy, count) => {
  // The wrapper passes a real byte array of any length, or null: its records are sized by the
  // topic and *count*, so a null or short policy is found here, at Zircon's point in the order.
  const records: Uint8Array = policy ?? NO_RECORDS;
  if (topic === ZX_JOB_POL_BASIC) {
    if (options !== ZX_JOB_POL_RELATIVE && options !== ZX_JOB_POL_ABSOLUTE) return ZX_ERR_INVALID_ARGS;
    if (count === 0 || records.length < count * BASIC_SIZE) return ZX_ERR_INVALID_ARGS;
    const job = childlessJob(proc, handle);
    if (typeof job === 'number') return job;
    if (count > ZX_POL_MAX) return ZX_ERR_OUT_OF_RANGE;
    const entries = Array.from({ length: count }, (_, i) => decode_zx_policy_basic_t(records, i * BASIC_SIZE));
    return job.policy.setBasic(options, entries);
  }
  if (topic === ZX_JOB_POL_TIMER_SLACK) {
    if (options !== ZX_JOB_POL_RELATIVE) return ZX_ERR_INVALID_ARGS;
    if (count !== 1 || records.length < SLACK_SIZE) return ZX_ERR_INVALID_ARGS;
    const job = childlessJob(proc, handle);
    if (typeof job === 'number') return job;
    const slack = decode_zx_policy_timer_slack_t(records);
    if (slack.min_slack < 0n || slack.default_mode >= SLACK_MODES) return ZX_ERR_INVALID_ARGS;
    if (slack.min_slack > job.policy.slack) job.policy.slack = slack.min_slack;
    job.policy.slackMode = slack.default_mode;
    return ZX_OK;
  }
  return ZX_ERR_INVALID_ARGS;
};

const NO_RECORDS = new Uint8Array(0);

/** The job `handle` names, with SET_POLICY, as long as it has no child yet. */
function childlessJob(proc: Parameters<Handlers['jobSetPolicy']>[0], handle: number): JobObject | number {
  const job = lookupJobWith(proc, handle, ZX_RIGHT_SET_POLICY);
  if (typeof job === 'number') return job;
  return job.jobs.length > 0 || job.processes.length > 0 ? ZX_ERR_BAD_STATE : job;
}
