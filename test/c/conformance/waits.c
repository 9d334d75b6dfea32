// Waiting through the C ABI: zx_object_wait_one and wait_many with deadlines, and
// zx_object_wait_async with ports, read back as zx_port_packet_t.
#include <zircon/syscalls/port.h>

#include "check.h"

static void wait_one(void) {
    zx_handle_t ev;
    zx_signals_t observed = 0;
    EXPECT_STATUS(zx_event_create(0, &ev), ZX_OK);
    EXPECT_STATUS(zx_object_wait_one(ev, ZX_EVENT_SIGNALED, 0, &observed), ZX_ERR_TIMED_OUT);
    EXPECT_EQ(observed, 0);
    EXPECT_STATUS(zx_object_signal(ev, 0, ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_3), ZX_OK);
    EXPECT_STATUS(zx_object_wait_one(ev, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, &observed), ZX_OK);
    EXPECT_EQ(observed, ZX_EVENT_SIGNALED | ZX_USER_SIGNAL_3);
    EXPECT_STATUS(zx_object_signal(ev, ZX_EVENT_SIGNALED, 0), ZX_OK);
    EXPECT_EQ(sig(ev), ZX_USER_SIGNAL_3);
    // Bits outside the event's user-settable set are refused.
    EXPECT_STATUS(zx_object_signal(ev, 0, ZX_OBJECT_READABLE), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_handle_close(ev), ZX_OK);
}

static void wait_many(void) {
    zx_handle_t e0, e1, c0, c1;
    EXPECT_STATUS(zx_event_create(0, &e0), ZX_OK);
    EXPECT_STATUS(zx_event_create(0, &e1), ZX_OK);
    EXPECT_STATUS(zx_channel_create(0, &c0, &c1), ZX_OK);
    zx_wait_item_t items[3] = {
        {e0, ZX_EVENT_SIGNALED, 0},
        {e1, ZX_EVENT_SIGNALED, 0},
        {c0, ZX_CHANNEL_READABLE | ZX_CHANNEL_PEER_CLOSED, 0},
    };
    EXPECT_STATUS(zx_object_wait_many(items, 3, 0), ZX_ERR_TIMED_OUT);
    EXPECT_EQ(items[2].pending, ZX_CHANNEL_WRITABLE);
    EXPECT_STATUS(zx_handle_close(c1), ZX_OK);
    EXPECT_STATUS(zx_object_signal(e1, 0, ZX_EVENT_SIGNALED), ZX_OK);
    EXPECT_STATUS(zx_object_wait_many(items, 3, ZX_TIME_INFINITE), ZX_OK);
    EXPECT_EQ(items[0].pending, 0);
    EXPECT_EQ(items[1].pending, ZX_EVENT_SIGNALED);
    EXPECT_EQ(items[2].pending, ZX_CHANNEL_PEER_CLOSED);
    zx_wait_item_t too_many[ZX_WAIT_MANY_MAX_ITEMS + 1];
    for (size_t i = 0; i < countof(too_many); i++) {
        too_many[i].handle = e0;
        too_many[i].waitfor = ZX_EVENT_SIGNALED;
        too_many[i].pending = 0;
    }
    EXPECT_STATUS(zx_object_wait_many(too_many, countof(too_many), 0), ZX_ERR_OUT_OF_RANGE);
    zx_handle_t hs[] = {e0, e1, c0};
    close_all(hs, 3);
}

static void ports(void) {
    zx_handle_t port, ev;
    zx_port_packet_t pkt;
    EXPECT_STATUS(zx_port_create(0, &port), ZX_OK);
    EXPECT_STATUS(zx_event_create(0, &ev), ZX_OK);
    EXPECT_STATUS(zx_port_wait(port, 0, &pkt), ZX_ERR_TIMED_OUT);

    EXPECT_STATUS(zx_object_wait_async(ev, port, 7, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_ONCE), ZX_OK);
    EXPECT_STATUS(zx_object_signal(ev, 0, ZX_EVENT_SIGNALED), ZX_OK);
    EXPECT_STATUS(zx_port_wait(port, ZX_TIME_INFINITE, &pkt), ZX_OK);
    EXPECT_EQ(pkt.key, 7);
    EXPECT_EQ(pkt.type, ZX_PKT_TYPE_SIGNAL_ONE);
    EXPECT_EQ(ZX_PKT_IS_SIGNAL_ONE(pkt.type), 1);
    EXPECT_EQ(pkt.status, ZX_OK);
    EXPECT_EQ(pkt.signal.trigger, ZX_EVENT_SIGNALED);
    EXPECT_EQ(pkt.signal.observed & ZX_EVENT_SIGNALED, ZX_EVENT_SIGNALED);
    EXPECT_EQ(pkt.signal.count, 1);
    // ONCE: the observer is gone after one packet.
    EXPECT_STATUS(zx_port_wait(port, 0, &pkt), ZX_ERR_TIMED_OUT);

    EXPECT_STATUS(zx_object_wait_async(ev, port, 8, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_REPEATING), ZX_OK);
    EXPECT_STATUS(zx_port_wait(port, ZX_TIME_INFINITE, &pkt), ZX_OK);
    EXPECT_EQ(pkt.key, 8);
    EXPECT_EQ(pkt.type, ZX_PKT_TYPE_SIGNAL_REP);

    zx_port_packet_t user;
    memset(&user, 0, sizeof(user));
    user.key = 99;
    user.type = ZX_PKT_TYPE_SIGNAL_ONE; // queue makes it a user packet whatever the type says
    user.status = -5;
    for (int i = 0; i < 4; i++) user.user.u64[i] = 0x0101010101010101ull * (uint64_t)(i + 1);
    EXPECT_STATUS(zx_port_queue(port, &user), ZX_OK);
    EXPECT_STATUS(zx_port_wait(port, ZX_TIME_INFINITE, &pkt), ZX_OK);
    EXPECT_EQ(pkt.key, 99);
    EXPECT_EQ(pkt.type, ZX_PKT_TYPE_USER);
    EXPECT_EQ((uint32_t)pkt.status, (uint32_t)-5);
    EXPECT_BYTES(pkt.user.c8, user.user.c8, 32);
    EXPECT_EQ(pkt.user.u32[7], 0x04040404u);

    // A port's handle has no WAIT right, and wait_async refuses unknown options.
    EXPECT_STATUS(zx_object_wait_async(port, port, 1, ZX_USER_SIGNAL_0, 0), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_object_wait_async(ev, port, 1, ZX_EVENT_SIGNALED, 5), ZX_ERR_INVALID_ARGS);
    zx_handle_t hs[] = {ev, port};
    close_all(hs, 2);
}

int main(void) {
    RUN(wait_one);
    RUN(wait_many);
    RUN(ports);
    return failures == 0 ? 0 : 1;
}
