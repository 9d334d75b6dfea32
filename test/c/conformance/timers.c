// Timers through the C ABI, on a virtual clock that the test moves to the next deadline only
// while this program is parked: creation with each slack mode, the signal's life, re-arming,
// cancellation, and every status of timer_create, timer_set and timer_cancel.
#include <zircon/syscalls/port.h>

#include "check.h"

static zx_handle_t mk_timer(uint32_t options) {
    zx_handle_t t = ZX_HANDLE_INVALID;
    EXPECT_STATUS(zx_timer_create(options, ZX_CLOCK_MONOTONIC, &t), ZX_OK);
    return t;
}

// Waits with no deadline for the timer's signal, and checks the time it came at.
static void expect_fires_at(zx_handle_t t, zx_time_t deadline) {
    zx_signals_t observed = 0;
    EXPECT_STATUS(zx_object_wait_one(t, ZX_TIMER_SIGNALED, ZX_TIME_INFINITE, &observed), ZX_OK);
    EXPECT_EQ(observed, ZX_TIMER_SIGNALED);
    EXPECT_EQ(zx_clock_get_monotonic(), deadline);
}

static void create(void) {
    uint32_t modes[] = {ZX_TIMER_SLACK_CENTER, ZX_TIMER_SLACK_EARLY, ZX_TIMER_SLACK_LATE};
    for (size_t i = 0; i < countof(modes); i++) {
        zx_handle_t t = mk_timer(modes[i]);
        zx_info_handle_basic_t basic = handle_basic(t);
        EXPECT_EQ(basic.type, ZX_OBJ_TYPE_TIMER);
        EXPECT_EQ(basic.rights, ZX_DEFAULT_TIMER_RIGHTS);
        EXPECT_EQ(basic.rights, 0xd00b);
        EXPECT_EQ(sig(t), 0);
        EXPECT_STATUS(zx_handle_close(t), ZX_OK);
    }
    // Only the monotonic clock, only the three slack modes; the out stays as it was.
    struct { uint32_t options; zx_clock_t clock; } bad[] = {
        {0, ZX_CLOCK_UTC}, {3, ZX_CLOCK_UTC}, {0, ZX_CLOCK_THREAD}, {3, ZX_CLOCK_MONOTONIC}, {0xffffffffu, ZX_CLOCK_MONOTONIC},
    };
    for (size_t i = 0; i < countof(bad); i++) {
        zx_handle_t out = 0x1234;
        EXPECT_STATUS(zx_timer_create(bad[i].options, bad[i].clock, &out), ZX_ERR_INVALID_ARGS);
        EXPECT_EQ(out, 0x1234);
    }
    EXPECT_STATUS(zx_timer_create(0, ZX_CLOCK_MONOTONIC, hidden_null()), ZX_ERR_INVALID_ARGS);
}

static void set_in_the_past(void) {
    // A deadline already reached signals at once; time does not move.
    zx_time_t now = zx_clock_get_monotonic();
    zx_time_t past[] = {0, -1, ZX_TIME_INFINITE_PAST, now};
    for (size_t i = 0; i < countof(past); i++) {
        zx_handle_t t = mk_timer(0);
        EXPECT_STATUS(zx_timer_set(t, past[i], 0), ZX_OK);
        expect_fires_at(t, now);
        EXPECT_STATUS(zx_handle_close(t), ZX_OK);
    }
}

static void fires_at_the_deadline(void) {
    zx_handle_t t = mk_timer(0);
    for (int i = 0; i < 5; i++) {
        zx_time_t d = zx_clock_get_monotonic() + ZX_MSEC(50);
        EXPECT_STATUS(zx_timer_set(t, d, 0), ZX_OK);
        EXPECT_EQ(sig(t), 0);
        // A wait that ends before the deadline times out with nothing observed...
        zx_signals_t observed = 0xffff;
        EXPECT_STATUS(zx_object_wait_one(t, ZX_TIMER_SIGNALED, d - 1, &observed), ZX_ERR_TIMED_OUT);
        EXPECT_EQ(observed, 0);
        EXPECT_EQ(zx_clock_get_monotonic(), d - 1);
        // ...and the timer fires exactly at it.
        EXPECT_STATUS(zx_object_wait_one(t, ZX_TIMER_SIGNALED, d + ZX_MSEC(1000), &observed), ZX_OK);
        EXPECT_EQ(observed, ZX_TIMER_SIGNALED);
        EXPECT_EQ(zx_clock_get_monotonic(), d);
    }
    EXPECT_STATUS(zx_handle_close(t), ZX_OK);
}

static void set_clears_the_signal(void) {
    zx_handle_t t = mk_timer(0);
    EXPECT_STATUS(zx_timer_set(t, 0, 0), ZX_OK);
    expect_fires_at(t, zx_clock_get_monotonic());
    EXPECT_STATUS(zx_timer_set(t, zx_clock_get_monotonic() + ZX_MSEC(500), 0), ZX_OK);
    EXPECT_EQ(sig(t), 0);
    EXPECT_STATUS(zx_timer_cancel(t), ZX_OK);
    EXPECT_STATUS(zx_handle_close(t), ZX_OK);
}

static void rearm(void) {
    zx_handle_t t = mk_timer(0);
    zx_time_t now = zx_clock_get_monotonic();
    EXPECT_STATUS(zx_timer_set(t, now + 10, 0), ZX_OK);
    EXPECT_STATUS(zx_timer_set(t, now + 30, 0), ZX_OK);
    // Only the last set counts: nothing at +10 (nor at +20), the signal at +30.
    EXPECT_STATUS(zx_nanosleep(now + 20), ZX_OK);
    EXPECT_EQ(sig(t), 0);
    expect_fires_at(t, now + 30);
    // An earlier deadline replaces a later one as well.
    now = zx_clock_get_monotonic();
    EXPECT_STATUS(zx_timer_set(t, now + 100, 0), ZX_OK);
    EXPECT_STATUS(zx_timer_set(t, now + 5, 0), ZX_OK);
    expect_fires_at(t, now + 5);
    EXPECT_STATUS(zx_nanosleep(now + 200), ZX_OK);
    EXPECT_EQ(sig(t), ZX_TIMER_SIGNALED);
    EXPECT_STATUS(zx_handle_close(t), ZX_OK);
}

static void slack(void) {
    uint32_t modes[] = {ZX_TIMER_SLACK_CENTER, ZX_TIMER_SLACK_EARLY, ZX_TIMER_SLACK_LATE};
    for (size_t i = 0; i < countof(modes); i++) {
        zx_handle_t t = mk_timer(modes[i]);
        zx_time_t d = zx_clock_get_monotonic() + ZX_MSEC(10);
        EXPECT_STATUS(zx_timer_set(t, d, ZX_MSEC(3)), ZX_OK);
        expect_fires_at(t, d);
        EXPECT_STATUS(zx_handle_close(t), ZX_OK);
    }
}

static void infinite(void) {
    zx_handle_t t = mk_timer(0);
    EXPECT_STATUS(zx_timer_set(t, ZX_TIME_INFINITE, 0), ZX_OK);
    EXPECT_STATUS(zx_nanosleep(zx_deadline_after(ZX_HOUR(24))), ZX_OK);
    EXPECT_EQ(sig(t), 0);
    EXPECT_STATUS(zx_handle_close(t), ZX_OK);
}

static void cancel(void) {
    zx_handle_t t = mk_timer(0);
    EXPECT_STATUS(zx_timer_cancel(t), ZX_OK); // never set
    for (int i = 0; i < 20; i++) {
        EXPECT_STATUS(zx_timer_set(t, zx_clock_get_monotonic(), 0), ZX_OK);
        expect_fires_at(t, zx_clock_get_monotonic());
        EXPECT_STATUS(zx_timer_cancel(t), ZX_OK);
        EXPECT_EQ(sig(t), 0);
    }
    // An armed timer cancelled never fires.
    zx_time_t d = zx_clock_get_monotonic() + ZX_MSEC(1);
    EXPECT_STATUS(zx_timer_set(t, d, 0), ZX_OK);
    EXPECT_STATUS(zx_timer_cancel(t), ZX_OK);
    EXPECT_STATUS(zx_nanosleep(d + ZX_MSEC(1)), ZX_OK);
    EXPECT_EQ(sig(t), 0);
    EXPECT_STATUS(zx_handle_close(t), ZX_OK);
}

static void statuses(void) {
    zx_handle_t t = mk_timer(0);
    zx_handle_t c0, c1;
    EXPECT_STATUS(zx_channel_create(0, &c0, &c1), ZX_OK);
    zx_handle_t wait_only = duplicate(t, ZX_RIGHT_WAIT);
    // Negative slack is refused before the handle is looked at.
    EXPECT_STATUS(zx_timer_set(t, zx_clock_get_monotonic() + ZX_MSEC(1), -1), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_timer_set(0x7ffff0, 0, -1), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_timer_set(ZX_HANDLE_INVALID, 0, 0), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_timer_set(wait_only, 0, 0), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_timer_set(c0, 0, 0), ZX_ERR_WRONG_TYPE); // a channel has WRITE, and is no timer
    EXPECT_STATUS(zx_timer_cancel(0x7ffff0), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_timer_cancel(wait_only), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_timer_cancel(c0), ZX_ERR_WRONG_TYPE);
    // Only the user signals of a timer are the caller's to set.
    EXPECT_STATUS(zx_object_signal(t, 0, ZX_TIMER_SIGNALED), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_object_signal(t, 0, ZX_USER_SIGNAL_0), ZX_OK);
    EXPECT_EQ(sig(t), ZX_USER_SIGNAL_0);
    zx_handle_t hs[] = {t, c0, c1, wait_only};
    close_all(hs, 4);
}

static void close_disarms(void) {
    // Closing an armed timer's last handle disarms it: its deadline no longer wakes anyone.
    zx_handle_t t = mk_timer(0);
    zx_time_t d = zx_clock_get_monotonic() + ZX_MSEC(1);
    EXPECT_STATUS(zx_timer_set(t, d, 0), ZX_OK);
    EXPECT_STATUS(zx_handle_close(t), ZX_OK);
    EXPECT_STATUS(zx_nanosleep(d + ZX_MSEC(2)), ZX_OK);
    EXPECT_EQ(zx_clock_get_monotonic(), d + ZX_MSEC(2));
}

static void through_a_port(void) {
    // The signal reaches a port as a packet, when the clock reaches the deadline.
    zx_handle_t t = mk_timer(0), port;
    EXPECT_STATUS(zx_port_create(0, &port), ZX_OK);
    EXPECT_STATUS(zx_object_wait_async(t, port, 42, ZX_TIMER_SIGNALED, ZX_WAIT_ASYNC_ONCE), ZX_OK);
    zx_time_t d = zx_clock_get_monotonic() + ZX_MSEC(7);
    EXPECT_STATUS(zx_timer_set(t, d, 0), ZX_OK);
    zx_port_packet_t pkt;
    memset(&pkt, 0, sizeof(pkt));
    EXPECT_STATUS(zx_port_wait(port, ZX_TIME_INFINITE, &pkt), ZX_OK);
    EXPECT_EQ(zx_clock_get_monotonic(), d);
    EXPECT_EQ(pkt.key, 42);
    EXPECT_EQ(pkt.type, ZX_PKT_TYPE_SIGNAL_ONE);
    EXPECT_EQ(pkt.signal.trigger, ZX_TIMER_SIGNALED);
    EXPECT_EQ(pkt.signal.observed, ZX_TIMER_SIGNALED);
    zx_handle_t hs[] = {t, port};
    close_all(hs, 2);
}

int main(void) {
    RUN(create);
    RUN(set_in_the_past);
    RUN(fires_at_the_deadline);
    RUN(set_clears_the_signal);
    RUN(rearm);
    RUN(slack);
    RUN(infinite);
    RUN(cancel);
    RUN(statuses);
    RUN(close_disarms);
    RUN(through_a_port);
    return failures != 0;
}
