// Time through the C ABI, on a virtual clock that the test moves to the next deadline only while
// this program is parked: the clocks, ticks, deadline_after, nanosleep, and the deadlines of
// waits, port waits and channel calls. The test runs the kernel with a UTC offset of 5000 ns.
#include <zircon/syscalls/port.h>

#include "check.h"

#define UTC_OFFSET 5000
static void clocks(void) {
    // The virtual clock starts at 1 ms, and nothing has moved it yet.
    zx_time_t now = zx_clock_get_monotonic();
    EXPECT_EQ(now, ZX_MSEC(1));
    EXPECT_EQ(zx_clock_get(ZX_CLOCK_MONOTONIC), now);
    EXPECT_EQ(zx_clock_get(ZX_CLOCK_UTC), now + UTC_OFFSET);
    EXPECT_EQ(zx_clock_get(ZX_CLOCK_THREAD), 0);
    EXPECT_EQ(zx_clock_get(3), 0);
    EXPECT_EQ(zx_clock_get(0xffffffffu), 0);
    EXPECT_EQ(zx_clock_get_monotonic(), now);
}

static void clock_get_new(void) {
    zx_time_t now = zx_clock_get_monotonic();
    zx_time_t out = -1;
    EXPECT_STATUS(zx_clock_get_new(ZX_CLOCK_MONOTONIC, &out), ZX_OK);
    EXPECT_EQ(out, now);
    EXPECT_STATUS(zx_clock_get_new(ZX_CLOCK_UTC, &out), ZX_OK);
    EXPECT_EQ(out, now + UTC_OFFSET);
    EXPECT_STATUS(zx_clock_get_new(ZX_CLOCK_THREAD, &out), ZX_OK);
    EXPECT_EQ(out, 0);
    out = -9;
    EXPECT_STATUS(zx_clock_get_new(3, &out), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_clock_get_new(0xffffffffu, &out), ZX_ERR_INVALID_ARGS);
    EXPECT_EQ(out, -9);
    EXPECT_STATUS(zx_clock_get_new(ZX_CLOCK_MONOTONIC, hidden_null()), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_clock_get_new(ZX_CLOCK_MONOTONIC, BAD_POINTER), ZX_ERR_INVALID_ARGS);
}

static void ticks(void) {
    EXPECT_EQ(zx_ticks_per_second(), 1000000000);
    EXPECT_EQ(zx_ticks_get(), zx_clock_get_monotonic());
}

static void deadline_after(void) {
    zx_time_t now = zx_clock_get_monotonic();
    EXPECT_EQ(zx_deadline_after(ZX_HOUR(1)), now + ZX_HOUR(1));
    EXPECT_EQ(zx_deadline_after(0), now);
    EXPECT_EQ(zx_deadline_after(-5), now - 5);
    // Saturates at the far end; a very negative duration is a deadline in the past.
    EXPECT_EQ(zx_deadline_after(ZX_TIME_INFINITE - 100), ZX_TIME_INFINITE);
    EXPECT_EQ(zx_deadline_after(ZX_TIME_INFINITE), ZX_TIME_INFINITE);
    EXPECT_EQ(zx_deadline_after(ZX_TIME_INFINITE_PAST), ZX_TIME_INFINITE_PAST + now);
    EXPECT_EQ(zx_deadline_after(ZX_TIME_INFINITE_PAST) < 0, 1);
}

static void nanosleep_past(void) {
    // Deadlines already reached return at once, and time does not move.
    zx_time_t now = zx_clock_get_monotonic();
    zx_time_t past[] = {0, -1, ZX_TIME_INFINITE_PAST, now, now - 1};
    for (size_t i = 0; i < countof(past); i++) EXPECT_STATUS(zx_nanosleep(past[i]), ZX_OK);
    EXPECT_EQ(zx_clock_get_monotonic(), now);
}

static void nanosleep_until(void) {
    // The clock moves only to the deadline this thread sleeps until, and it wakes there.
    for (int i = 1; i <= 3; i++) {
        zx_time_t deadline = zx_clock_get_monotonic() + ZX_MSEC(10) * i;
        EXPECT_STATUS(zx_nanosleep(deadline), ZX_OK);
        EXPECT_EQ(zx_clock_get_monotonic(), deadline);
    }
    zx_time_t deadline = zx_deadline_after(ZX_USEC(250));
    EXPECT_STATUS(zx_nanosleep(deadline), ZX_OK);
    EXPECT_EQ(zx_clock_get_monotonic(), deadline);
    EXPECT_EQ(zx_clock_get(ZX_CLOCK_UTC), deadline + UTC_OFFSET);
    EXPECT_EQ(zx_ticks_get(), deadline);
}

static void wait_deadlines(void) {
    zx_handle_t ev, port, c0, c1;
    EXPECT_STATUS(zx_event_create(0, &ev), ZX_OK);
    EXPECT_STATUS(zx_port_create(0, &port), ZX_OK);
    EXPECT_STATUS(zx_channel_create(0, &c0, &c1), ZX_OK);

    zx_signals_t observed = 0xffff;
    zx_time_t d = zx_clock_get_monotonic() + ZX_MSEC(5);
    EXPECT_STATUS(zx_object_wait_one(ev, ZX_EVENT_SIGNALED, d, &observed), ZX_ERR_TIMED_OUT);
    EXPECT_EQ(observed, 0);
    EXPECT_EQ(zx_clock_get_monotonic(), d);

    d += ZX_MSEC(5);
    zx_wait_item_t items[1] = {{ev, ZX_EVENT_SIGNALED, 0}};
    EXPECT_STATUS(zx_object_wait_many(items, 1, d), ZX_ERR_TIMED_OUT);
    EXPECT_EQ(zx_clock_get_monotonic(), d);

    d += ZX_MSEC(5);
    zx_port_packet_t pkt;
    EXPECT_STATUS(zx_port_wait(port, d, &pkt), ZX_ERR_TIMED_OUT);
    EXPECT_EQ(zx_clock_get_monotonic(), d);

    d += ZX_MSEC(5);
    char wr[4] = "call", rd[4];
    zx_channel_call_args_t args = {wr, NULL, rd, NULL, 4, 0, 4, 0};
    uint32_t nb = 99, nh = 99;
    EXPECT_STATUS(zx_channel_call(c0, 0, d, &args, &nb, &nh), ZX_ERR_TIMED_OUT);
    EXPECT_EQ(zx_clock_get_monotonic(), d);

    // A wait satisfied before its deadline is not touched by the deadline afterwards.
    EXPECT_STATUS(zx_object_signal(ev, 0, ZX_EVENT_SIGNALED), ZX_OK);
    EXPECT_STATUS(zx_object_wait_one(ev, ZX_EVENT_SIGNALED, d + ZX_MSEC(1), &observed), ZX_OK);
    EXPECT_EQ(observed, ZX_EVENT_SIGNALED);
    EXPECT_EQ(zx_clock_get_monotonic(), d);
    zx_handle_t hs[] = {ev, port, c0, c1};
    close_all(hs, 4);
}

int main(void) {
    RUN(clocks);
    RUN(clock_get_new);
    RUN(ticks);
    RUN(deadline_after);
    RUN(nanosleep_past);
    RUN(nanosleep_until);
    RUN(wait_deadlines);
    return failures != 0;
}
