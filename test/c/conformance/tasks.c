// Jobs and processes through the C ABI: the startup handles zx_process_self() and
// zx_job_default(), job_create, job_set_policy, process_create with its root VMAR,
// object_get_child, ZX_INFO_PROCESS and the job koid lists, task_kill of processes and job
// subtrees with their TERMINATED signals, cookies, ZX_PROP_NAME, and the statuses. The program
// ends through zx_process_exit with a return code wider than 32 bits, which the test reads.
#include <zircon/process.h>
#include <zircon/syscalls/policy.h>

#include "check.h"

#define EXIT_CODE 0x123456789ll

static zx_koid_t koid_of(zx_handle_t h) { return handle_basic(h).koid; }

static zx_handle_t job_in(zx_handle_t parent) {
    zx_handle_t j = ZX_HANDLE_INVALID;
    EXPECT_STATUS(zx_job_create(parent, 0, &j), ZX_OK);
    return j;
}

static zx_handle_t process_in(zx_handle_t job, const char* name, zx_handle_t* vmar) {
    zx_handle_t p = ZX_HANDLE_INVALID, v = ZX_HANDLE_INVALID;
    EXPECT_STATUS(zx_process_create(job, name, strlen(name), 0, &p, &v), ZX_OK);
    if (vmar != NULL) *vmar = v;
    else EXPECT_STATUS(zx_handle_close(v), ZX_OK);
    return p;
}

static zx_info_process_t process_info(zx_handle_t h) {
    zx_info_process_t i;
    memset(&i, 0xee, sizeof(i));
    EXPECT_STATUS(zx_object_get_info(h, ZX_INFO_PROCESS, &i, sizeof(i), NULL, NULL), ZX_OK);
    return i;
}

// The koids a job lists under `topic`, into `out` (room for 8); returns the count.
static size_t koids(zx_handle_t job, uint32_t topic, zx_koid_t* out, size_t* avail) {
    size_t actual = 99, all = 99;
    EXPECT_STATUS(zx_object_get_info(job, topic, out, 8 * sizeof(zx_koid_t), &actual, &all), ZX_OK);
    if (avail != NULL) *avail = all;
    return actual;
}

static zx_status_t set_basic(zx_handle_t job, uint32_t mode, const zx_policy_basic_t* p, uint32_t n) {
    return zx_job_set_policy(job, mode, ZX_JOB_POL_BASIC, p, n);
}

static void startup_handles(void) {
    zx_handle_t self = zx_process_self(), job = zx_job_default();
    zx_info_handle_basic_t bs = handle_basic(self), bj = handle_basic(job);
    EXPECT_EQ(bs.type, ZX_OBJ_TYPE_PROCESS);
    EXPECT_EQ(bs.rights, ZX_DEFAULT_PROCESS_RIGHTS);
    EXPECT_EQ(bj.type, ZX_OBJ_TYPE_JOB);
    EXPECT_EQ(bj.rights, ZX_DEFAULT_JOB_RIGHTS);
    EXPECT_EQ(bs.related_koid, bj.koid); // a process's related koid is its job
    EXPECT_EQ(bj.related_koid, 0);       // the root job has no parent
    zx_info_process_t info = process_info(self);
    EXPECT_EQ(info.return_code, 0);
    EXPECT_EQ(info.started, 1);
    EXPECT_EQ(info.exited, 0);
    zx_koid_t list[8];
    EXPECT_EQ(koids(job, ZX_INFO_JOB_PROCESSES, list, NULL), 1);
    EXPECT_EQ(list[0], bs.koid);
    EXPECT_EQ(koids(job, ZX_INFO_JOB_CHILDREN, list, NULL), 0);
    char name[ZX_MAX_NAME_LEN];
    EXPECT_STATUS(zx_object_get_property(self, ZX_PROP_NAME, name, sizeof(name)), ZX_OK);
    EXPECT_BYTES(name, "tasks", 6); // the name it was spawned with
    // ZX_INFO_PROCESS: a record too small, or a job.
    EXPECT_STATUS(zx_object_get_info(self, ZX_INFO_PROCESS, &info, 8, NULL, NULL), ZX_ERR_BUFFER_TOO_SMALL);
    EXPECT_STATUS(zx_object_get_info(job, ZX_INFO_PROCESS, &info, sizeof(info), NULL, NULL), ZX_ERR_WRONG_TYPE);
}

static void job_create(void) {
    zx_handle_t root = zx_job_default();
    zx_handle_t job = job_in(root);
    zx_info_handle_basic_t b = handle_basic(job);
    EXPECT_EQ(b.rights, ZX_DEFAULT_JOB_RIGHTS);
    EXPECT_EQ(b.related_koid, koid_of(root));
    EXPECT_EQ(sig(job), ZX_JOB_NO_PROCESSES | ZX_JOB_NO_JOBS);
    EXPECT_EQ(sig(root) & ZX_JOB_NO_JOBS, 0);
    zx_koid_t list[8];
    EXPECT_EQ(koids(root, ZX_INFO_JOB_CHILDREN, list, NULL), 1);
    EXPECT_EQ(list[0], b.koid);
    // Options before the handle; then MANAGE_JOB, else WRITE, and the second answer wins.
    zx_handle_t out = 0x1234, inspect = duplicate(root, ZX_RIGHT_INSPECT), ev;
    EXPECT_STATUS(zx_event_create(0, &ev), ZX_OK);
    EXPECT_STATUS(zx_job_create(0x7ffff0, 1, &out), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_job_create(0x7ffff0, 0, &out), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_job_create(inspect, 0, &out), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_job_create(zx_process_self(), 0, &out), ZX_ERR_WRONG_TYPE); // a process has WRITE
    EXPECT_STATUS(zx_job_create(ev, 0, &out), ZX_ERR_ACCESS_DENIED);
    EXPECT_EQ(out, 0x1234);
    zx_handle_t write_only = duplicate(root, ZX_RIGHT_WRITE);
    zx_handle_t other = job_in(write_only);
    zx_handle_t hs[] = {job, inspect, ev, write_only, other};
    close_all(hs, 5);
    EXPECT_EQ(sig(root) & ZX_JOB_NO_JOBS, ZX_JOB_NO_JOBS); // childless jobs die with their last handle
}

static void job_depth(void) {
    // 32 levels of jobs below the root, then OUT_OF_RANGE; a process still fits at the bottom.
    zx_handle_t jobs[32];
    zx_handle_t parent = zx_job_default();
    for (int i = 0; i < 32; i++) parent = jobs[i] = job_in(parent);
    zx_handle_t out = 0x1234;
    EXPECT_STATUS(zx_job_create(parent, 0, &out), ZX_ERR_OUT_OF_RANGE);
    EXPECT_EQ(out, 0x1234);
    zx_handle_t p = process_in(parent, "deep", NULL);
    EXPECT_STATUS(zx_handle_close(p), ZX_OK);
    close_all(jobs, 32);
}

static void process_create(void) {
    zx_handle_t job = job_in(zx_job_default()), vmar;
    zx_handle_t p = process_in(job, "a name longer than thirty-one bytes", &vmar);
    zx_info_handle_basic_t bp = handle_basic(p), bv = handle_basic(vmar);
    EXPECT_EQ(bp.type, ZX_OBJ_TYPE_PROCESS);
    EXPECT_EQ(bp.rights, ZX_DEFAULT_PROCESS_RIGHTS);
    EXPECT_EQ(bp.related_koid, koid_of(job));
    EXPECT_EQ(bv.type, ZX_OBJ_TYPE_VMAR);
    EXPECT_EQ(bv.rights, ZX_ROOT_VMAR_RIGHTS);
    EXPECT_EQ(bv.koid, bp.koid + 1);
    EXPECT_STATUS(zx_vmar_unmap(vmar, 0, 0), ZX_ERR_NOT_SUPPORTED); // no mappings in zxkit
    char name[ZX_MAX_NAME_LEN];
    EXPECT_STATUS(zx_object_get_property(p, ZX_PROP_NAME, name, sizeof(name)), ZX_OK);
    EXPECT_BYTES(name, "a name longer than thirty-one b", 32);
    zx_info_process_t info = process_info(p);
    EXPECT_EQ(info.return_code, 0);
    EXPECT_EQ(info.started, 0);
    EXPECT_EQ(info.exited, 0);
    zx_koid_t list[8];
    size_t avail = 99;
    EXPECT_EQ(koids(job, ZX_INFO_JOB_PROCESSES, list, &avail), 1);
    EXPECT_EQ(list[0], bp.koid);
    EXPECT_EQ(sig(job) & ZX_JOB_NO_PROCESSES, 0);
    // The VMAR handle does not keep the process alive.
    EXPECT_STATUS(zx_handle_close(p), ZX_OK);
    EXPECT_EQ(sig(job) & ZX_JOB_NO_PROCESSES, ZX_JOB_NO_PROCESSES);
    EXPECT_EQ(koids(job, ZX_INFO_JOB_PROCESSES, list, &avail), 0);
    EXPECT_EQ(avail, 0);
    zx_handle_t hs[] = {job, vmar};
    close_all(hs, 2);
}

static void process_create_statuses(void) {
    zx_handle_t root = zx_job_default();
    zx_handle_t p = 0x1234, v = 0x1234, inspect = duplicate(root, ZX_RIGHT_INSPECT);
    EXPECT_STATUS(zx_process_create(root, "x", 1, 1, &p, &v), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_process_create(0x7ffff0, NULL, 0, 0, &p, &v), ZX_ERR_INVALID_ARGS); // a null name, even of size 0
    EXPECT_STATUS(zx_process_create(0x7ffff0, "x", 1, 0, &p, &v), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_process_create(inspect, "x", 1, 0, &p, &v), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_process_create(zx_process_self(), "x", 1, 0, &p, &v), ZX_ERR_WRONG_TYPE);
    EXPECT_EQ(p, 0x1234);
    EXPECT_EQ(v, 0x1234);
    zx_handle_t write_only = duplicate(root, ZX_RIGHT_WRITE);
    EXPECT_STATUS(zx_process_create(write_only, "x", 1, 0, &p, &v), ZX_OK);
    zx_handle_t hs[] = {inspect, write_only, p, v};
    close_all(hs, 4);
}

static void policy(void) {
    zx_handle_t job = job_in(zx_job_default());
    zx_policy_basic_t deny_any[] = {{ZX_POL_NEW_ANY, ZX_POL_ACTION_DENY}, {ZX_POL_NEW_EVENT, ZX_POL_ACTION_ALLOW}};
    EXPECT_STATUS(set_basic(job, ZX_JOB_POL_RELATIVE, deny_any, 2), ZX_OK);
    // ABSOLUTE conflicts are ALREADY_EXISTS; RELATIVE ones are skipped.
    zx_policy_basic_t kill_bad[] = {{ZX_POL_BAD_HANDLE, ZX_POL_ACTION_KILL}};
    zx_policy_basic_t deny_bad[] = {{ZX_POL_BAD_HANDLE, ZX_POL_ACTION_DENY}};
    EXPECT_STATUS(set_basic(job, ZX_JOB_POL_ABSOLUTE, kill_bad, 1), ZX_OK);
    EXPECT_STATUS(set_basic(job, ZX_JOB_POL_ABSOLUTE, deny_bad, 1), ZX_ERR_ALREADY_EXISTS);
    EXPECT_STATUS(set_basic(job, ZX_JOB_POL_ABSOLUTE, kill_bad, 1), ZX_OK);
    EXPECT_STATUS(set_basic(job, ZX_JOB_POL_RELATIVE, deny_bad, 1), ZX_OK);
    // The caller's own job policy is the one process_create consults, not the target job's.
    zx_policy_basic_t deny_process[] = {{ZX_POL_NEW_PROCESS, ZX_POL_ACTION_DENY}};
    EXPECT_STATUS(set_basic(job, ZX_JOB_POL_RELATIVE, deny_process, 1), ZX_OK);
    zx_handle_t p = process_in(job, "allowed", NULL);
    // A job with a process in it cannot change its policy.
    EXPECT_STATUS(set_basic(job, ZX_JOB_POL_RELATIVE, deny_process, 1), ZX_ERR_BAD_STATE);
    EXPECT_STATUS(set_basic(zx_job_default(), ZX_JOB_POL_RELATIVE, deny_process, 1), ZX_ERR_BAD_STATE);
    EXPECT_STATUS(zx_task_kill(p), ZX_OK);
    EXPECT_STATUS(set_basic(job, ZX_JOB_POL_RELATIVE, deny_process, 1), ZX_OK); // childless again
    zx_handle_t hs[] = {job, p};
    close_all(hs, 2);
}

static void policy_statuses(void) {
    zx_handle_t job = job_in(zx_job_default()), ev, inspect = duplicate(job, ZX_RIGHT_INSPECT);
    EXPECT_STATUS(zx_event_create(0, &ev), ZX_OK);
    zx_policy_basic_t one[] = {{ZX_POL_NEW_EVENT, ZX_POL_ACTION_DENY}};
    // In the kernel's order: topic, mode, count, array, handle, then the entries.
    EXPECT_STATUS(zx_job_set_policy(0x7ffff0, 0, 2, one, 1), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_job_set_policy(0x7ffff0, 2, ZX_JOB_POL_BASIC, one, 1), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_job_set_policy(0x7ffff0, 0, ZX_JOB_POL_BASIC, one, 0), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_job_set_policy(0x7ffff0, 0, ZX_JOB_POL_BASIC, NULL, 1), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_job_set_policy(0x7ffff0, 0, ZX_JOB_POL_BASIC, one, 1), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_job_set_policy(inspect, 0, ZX_JOB_POL_BASIC, one, 1), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_job_set_policy(ev, 0, ZX_JOB_POL_BASIC, one, 1), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_job_set_policy(zx_process_self(), 0, ZX_JOB_POL_BASIC, one, 1), ZX_ERR_ACCESS_DENIED);
    zx_policy_basic_t fourteen[14];
    for (int i = 0; i < 14; i++) fourteen[i] = one[0];
    EXPECT_STATUS(set_basic(job, 0, fourteen, 14), ZX_ERR_OUT_OF_RANGE);
    zx_policy_basic_t bad_condition[] = {{100001, ZX_POL_ACTION_DENY}};
    zx_policy_basic_t bad_action[] = {{ZX_POL_NEW_EVENT, 100001}};
    EXPECT_STATUS(set_basic(job, 0, bad_condition, 1), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(set_basic(job, 0, bad_action, 1), ZX_ERR_NOT_SUPPORTED);
    // Timer slack: RELATIVE only, one entry, a non-negative amount, a known mode.
    zx_policy_timer_slack_t slack = {10, ZX_TIMER_SLACK_CENTER};
    EXPECT_STATUS(zx_job_set_policy(job, ZX_JOB_POL_ABSOLUTE, ZX_JOB_POL_TIMER_SLACK, &slack, 1), ZX_ERR_INVALID_ARGS);
    zx_policy_timer_slack_t two[2] = {slack, slack};
    EXPECT_STATUS(zx_job_set_policy(job, 0, ZX_JOB_POL_TIMER_SLACK, two, 2), ZX_ERR_INVALID_ARGS);
    slack.min_slack = -10;
    EXPECT_STATUS(zx_job_set_policy(job, 0, ZX_JOB_POL_TIMER_SLACK, &slack, 1), ZX_ERR_INVALID_ARGS);
    slack.min_slack = 10;
    slack.default_mode = 3;
    EXPECT_STATUS(zx_job_set_policy(job, 0, ZX_JOB_POL_TIMER_SLACK, &slack, 1), ZX_ERR_INVALID_ARGS);
    slack.min_slack = 10000;
    slack.default_mode = ZX_TIMER_SLACK_LATE;
    EXPECT_STATUS(zx_job_set_policy(job, 0, ZX_JOB_POL_TIMER_SLACK, &slack, 1), ZX_OK);
    zx_handle_t hs[] = {job, ev, inspect};
    close_all(hs, 3);
}

static void kill_process(void) {
    zx_handle_t job = job_in(zx_job_default());
    zx_handle_t p = process_in(job, "victim", NULL);
    EXPECT_EQ(sig(p), 0);
    EXPECT_STATUS(zx_task_kill(p), ZX_OK);
    EXPECT_EQ(sig(p), ZX_PROCESS_TERMINATED);
    zx_info_process_t info = process_info(p);
    EXPECT_EQ(info.return_code, -1);
    EXPECT_EQ(info.started, 1); // a process killed before it started reports started
    EXPECT_EQ(info.exited, 1);
    EXPECT_STATUS(zx_task_kill(p), ZX_OK); // killing the dead again is fine
    zx_koid_t list[8];
    EXPECT_EQ(koids(job, ZX_INFO_JOB_PROCESSES, list, NULL), 0);
    EXPECT_EQ(sig(job) & ZX_JOB_NO_PROCESSES, ZX_JOB_NO_PROCESSES);
    zx_handle_t hs[] = {job, p};
    close_all(hs, 2);
}

static void kill_job(void) {
    zx_handle_t job = job_in(zx_job_default());
    zx_handle_t inner = job_in(job);
    zx_handle_t p1 = process_in(job, "p1", NULL), p2 = process_in(inner, "p2", NULL);
    EXPECT_EQ(sig(job), 0);
    EXPECT_STATUS(zx_task_kill(job), ZX_OK);
    // The whole subtree goes.
    EXPECT_EQ(sig(p1), ZX_PROCESS_TERMINATED);
    EXPECT_EQ(sig(p2), ZX_PROCESS_TERMINATED);
    EXPECT_EQ(process_info(p2).return_code, -1);
    EXPECT_EQ(sig(job) & ZX_JOB_NO_PROCESSES, ZX_JOB_NO_PROCESSES);
    EXPECT_EQ(sig(inner), ZX_JOB_NO_PROCESSES | ZX_JOB_NO_JOBS);
    // A killed job takes no children.
    zx_handle_t out = 0x1234, v = 0x1234;
    EXPECT_STATUS(zx_job_create(job, 0, &out), ZX_ERR_BAD_STATE);
    EXPECT_STATUS(zx_process_create(job, "x", 1, 0, &out, &v), ZX_ERR_BAD_STATE);
    EXPECT_EQ(out, 0x1234);
    // The child job goes with its last handle, and the parent gets NO_JOBS.
    EXPECT_STATUS(zx_handle_close(inner), ZX_OK);
    EXPECT_EQ(sig(job), ZX_JOB_NO_PROCESSES | ZX_JOB_NO_JOBS);
    zx_handle_t hs[] = {job, p1, p2};
    close_all(hs, 3);
}

static void kill_statuses(void) {
    zx_handle_t inspect = duplicate(zx_job_default(), ZX_RIGHT_INSPECT);
    EXPECT_STATUS(zx_task_kill(0x7ffff0), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_task_kill(inspect), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_handle_close(inspect), ZX_OK);
}

static void get_child(void) {
    zx_handle_t job = job_in(zx_job_default());
    zx_handle_t inner = job_in(job);
    zx_handle_t p = process_in(job, "child", NULL), grandchild = process_in(inner, "grandchild", NULL);
    zx_handle_t out = ZX_HANDLE_INVALID;
    EXPECT_STATUS(zx_object_get_child(job, koid_of(inner), ZX_RIGHT_SAME_RIGHTS, &out), ZX_OK);
    EXPECT_EQ(koid_of(out), koid_of(inner));
    EXPECT_STATUS(zx_handle_close(out), ZX_OK);
    EXPECT_STATUS(zx_object_get_child(job, koid_of(p), ZX_RIGHT_INSPECT, &out), ZX_OK);
    zx_info_handle_basic_t b = handle_basic(out);
    EXPECT_EQ(b.type, ZX_OBJ_TYPE_PROCESS);
    EXPECT_EQ(b.rights, ZX_RIGHT_INSPECT);
    EXPECT_STATUS(zx_handle_close(out), ZX_OK);
    EXPECT_STATUS(zx_object_get_child(job, koid_of(p), ZX_RIGHT_SAME_RIGHTS, &out), ZX_OK);
    EXPECT_EQ(handle_basic(out).rights, ZX_DEFAULT_JOB_RIGHTS); // the parent handle's rights
    EXPECT_STATUS(zx_handle_close(out), ZX_OK);
    // Children only, by koid; a process has no children here (no threads).
    zx_handle_t missing = 0x1234;
    EXPECT_STATUS(zx_object_get_child(job, koid_of(grandchild), ZX_RIGHT_SAME_RIGHTS, &missing), ZX_ERR_NOT_FOUND);
    EXPECT_STATUS(zx_object_get_child(p, 1, ZX_RIGHT_SAME_RIGHTS, &missing), ZX_ERR_NOT_FOUND);
    EXPECT_STATUS(zx_object_get_child(ZX_HANDLE_INVALID, 1, ZX_RIGHT_SAME_RIGHTS, &missing), ZX_ERR_BAD_HANDLE);
    zx_handle_t inspect = duplicate(job, ZX_RIGHT_INSPECT), enumerate = duplicate(job, ZX_RIGHT_ENUMERATE);
    EXPECT_STATUS(zx_object_get_child(inspect, koid_of(p), ZX_RIGHT_SAME_RIGHTS, &missing), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_object_get_child(enumerate, koid_of(p), ZX_RIGHT_INSPECT, &missing), ZX_ERR_ACCESS_DENIED);
    EXPECT_EQ(missing, 0x1234);
    EXPECT_STATUS(zx_object_get_child(job, koid_of(p), ZX_RIGHT_SAME_RIGHTS, hidden_null()), ZX_ERR_INVALID_ARGS);
    zx_handle_t hs[] = {job, inner, p, grandchild, inspect, enumerate};
    close_all(hs, 6);
}

static void koid_lists(void) {
    // As many records as fit, all counted, OK.
    zx_handle_t job = job_in(zx_job_default());
    zx_handle_t ps[3];
    for (int i = 0; i < 3; i++) ps[i] = process_in(job, "p", NULL);
    zx_koid_t list[8];
    size_t avail = 0;
    EXPECT_EQ(koids(job, ZX_INFO_JOB_PROCESSES, list, &avail), 3);
    EXPECT_EQ(avail, 3);
    for (int i = 0; i < 3; i++) EXPECT_EQ(list[i], koid_of(ps[i]));
    size_t actual = 99;
    EXPECT_STATUS(zx_object_get_info(job, ZX_INFO_JOB_PROCESSES, list, sizeof(zx_koid_t), &actual, &avail), ZX_OK);
    EXPECT_EQ(actual, 1);
    EXPECT_EQ(avail, 3);
    EXPECT_STATUS(zx_object_get_info(job, ZX_INFO_JOB_CHILDREN, NULL, 0, &actual, &avail), ZX_OK);
    EXPECT_EQ(actual, 0);
    EXPECT_EQ(avail, 0);
    close_all(ps, 3);
    EXPECT_STATUS(zx_handle_close(job), ZX_OK);
}

static void cookies(void) {
    zx_handle_t e, scope1, scope2, a, b;
    EXPECT_STATUS(zx_event_create(0, &e), ZX_OK);
    EXPECT_STATUS(zx_event_create(0, &scope1), ZX_OK);
    EXPECT_STATUS(zx_event_create(0, &scope2), ZX_OK);
    uint64_t got = 0;
    EXPECT_STATUS(zx_object_get_cookie(e, scope1, &got), ZX_ERR_ACCESS_DENIED); // never set
    EXPECT_STATUS(zx_object_set_cookie(e, scope1, 0x1122334455667788ull), ZX_OK);
    zx_handle_t scope1_dup = duplicate(scope1, ZX_RIGHT_SAME_RIGHTS);
    EXPECT_STATUS(zx_object_get_cookie(e, scope1_dup, &got), ZX_OK); // any handle to the scope
    EXPECT_EQ(got, 0x1122334455667788ull);
    EXPECT_STATUS(zx_object_set_cookie(e, scope2, 1), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_object_get_cookie(e, scope2, &got), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_object_set_cookie(e, scope1, 5), ZX_OK);
    EXPECT_STATUS(zx_object_get_cookie(e, scope1, &got), ZX_OK);
    EXPECT_EQ(got, 5);
    EXPECT_STATUS(zx_object_set_cookie(zx_process_self(), scope1, 5), ZX_ERR_NOT_SUPPORTED);
    EXPECT_STATUS(zx_object_get_cookie(zx_process_self(), scope1, &got), ZX_ERR_NOT_SUPPORTED);
    EXPECT_STATUS(zx_object_set_cookie(ZX_HANDLE_INVALID, scope1, 5), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_object_get_cookie(e, ZX_HANDLE_INVALID, &got), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_object_get_cookie(e, scope1, hidden_null()), ZX_ERR_INVALID_ARGS);
    // An event pair's cookie is out of reach once the peer is gone.
    EXPECT_STATUS(zx_eventpair_create(0, &a, &b), ZX_OK);
    EXPECT_STATUS(zx_object_set_cookie(a, scope1, 9), ZX_OK);
    EXPECT_STATUS(zx_handle_close(b), ZX_OK);
    EXPECT_STATUS(zx_object_get_cookie(a, scope1, &got), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_object_set_cookie(a, scope1, 9), ZX_ERR_ACCESS_DENIED);
    zx_handle_t hs[] = {e, scope1, scope2, scope1_dup, a};
    close_all(hs, 5);
}

static void names(void) {
    char name[ZX_MAX_NAME_LEN];
    EXPECT_STATUS(zx_object_get_property(zx_job_default(), ZX_PROP_NAME, name, sizeof(name)), ZX_OK);
    EXPECT_BYTES(name, "<superroot>", 12);
    zx_handle_t job = job_in(zx_job_default());
    EXPECT_STATUS(zx_object_set_property(job, ZX_PROP_NAME, "jobby\0tail", 10), ZX_OK);
    memset(name, 0xee, sizeof(name));
    EXPECT_STATUS(zx_object_get_property(job, ZX_PROP_NAME, name, sizeof(name)), ZX_OK);
    char want[ZX_MAX_NAME_LEN] = "jobby";
    EXPECT_BYTES(name, want, sizeof(want));
    EXPECT_STATUS(zx_object_set_property(zx_process_self(), ZX_PROP_NAME, "renamed", 7), ZX_OK);
    EXPECT_STATUS(zx_object_get_property(zx_process_self(), ZX_PROP_NAME, name, sizeof(name)), ZX_OK);
    EXPECT_BYTES(name, "renamed", 8);
    EXPECT_STATUS(zx_handle_close(job), ZX_OK);
}

int main(void) {
    RUN(startup_handles);
    RUN(job_create);
    RUN(job_depth);
    RUN(process_create);
    RUN(process_create_statuses);
    RUN(policy);
    RUN(policy_statuses);
    RUN(kill_process);
    RUN(kill_job);
    RUN(kill_statuses);
    RUN(get_child);
    RUN(koid_lists);
    RUN(cookies);
    RUN(names);
    // Through the syscall, not main's return: stdio is flushed first, as exit() would.
    fflush(stdout);
    zx_process_exit(failures == 0 ? EXIT_CODE : 1);
}
