// A program written the way Zircon's own tests are: it includes the public headers by their
// Zircon paths and uses their constants, structs and macros, with nothing zxkit-specific.
// It is compiled, unchanged, as C and as C++, for wasm32 and for the LP64 host.
#include <zircon/syscalls.h>
#include <zircon/syscalls/object.h>
#include <zircon/syscalls/port.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
#define STATIC_CHECK(c) static_assert(c, #c)
#else
#define STATIC_CHECK(c) _Static_assert(c, #c)
#endif

// Values a Zircon program may rely on, written out here rather than taken from the headers.
STATIC_CHECK(ZX_OK == 0);
STATIC_CHECK(ZX_ERR_TIMED_OUT == -21);
STATIC_CHECK(ZX_ERR_PEER_CLOSED == -24);
STATIC_CHECK(ZX_HANDLE_INVALID == 0);
STATIC_CHECK(ZX_CHANNEL_READABLE == 0x1u && ZX_CHANNEL_PEER_CLOSED == 0x4u);
STATIC_CHECK(ZX_USER_SIGNAL_0 == 0x01000000u);
STATIC_CHECK(ZX_RIGHT_SAME_RIGHTS == 0x80000000u);
STATIC_CHECK(ZX_DEFAULT_CHANNEL_RIGHTS == 0xF00Eu);
STATIC_CHECK((ZX_RIGHTS_BASIC & ZX_RIGHT_DUPLICATE) != 0);
STATIC_CHECK(ZX_INFO_HANDLE_BASIC == 2 && ZX_INFO_SOCKET == 22);
STATIC_CHECK(ZX_PKT_TYPE_SIGNAL_ONE == 1);
STATIC_CHECK(ZX_SEC(2) == 2000000000LL && ZX_MSEC(3) == 3000000LL && ZX_USEC(1) == 1000);
STATIC_CHECK(ZX_TIME_INFINITE == INT64_MAX);
STATIC_CHECK(sizeof(zx_handle_t) == 4 && sizeof(zx_status_t) == 4 && sizeof(zx_koid_t) == 8);
STATIC_CHECK(sizeof(zx_port_packet_t) == 48 && offsetof(zx_port_packet_t, signal) == 16);
STATIC_CHECK(sizeof(zx_packet_signal_t) == 32 && sizeof(zx_packet_user_t) == 32);
STATIC_CHECK(sizeof(zx_wait_item_t) == 12 && sizeof(zx_handle_info_t) == 16);
STATIC_CHECK(sizeof(zx_info_handle_basic_t) == 32);
STATIC_CHECK(sizeof(zx_info_socket_t) == 3 * sizeof(size_t) + 2 * sizeof(size_t) + (sizeof(size_t) == 8 ? 8 : 4));
STATIC_CHECK(sizeof(zx_channel_call_args_t) == 4 * sizeof(void*) + 16);

static const char kGreeting[] = "ping";

static zx_status_t channel_round_trip(void) {
    zx_handle_t a = ZX_HANDLE_INVALID, b = ZX_HANDLE_INVALID;
    zx_status_t status = zx_channel_create(0, &a, &b);
    if (status != ZX_OK) return status;

    zx_handle_t ev;
    status = zx_event_create(0u, &ev);
    if (status != ZX_OK) return status;
    status = zx_object_signal(ev, 0u, ZX_USER_SIGNAL_0);
    if (status != ZX_OK) return status;

    // The event travels with the message; the reader gets its type and rights.
    status = zx_channel_write(a, 0u, kGreeting, sizeof(kGreeting), &ev, 1u);
    if (status != ZX_OK) return status;

    zx_signals_t observed = 0;
    status = zx_object_wait_one(b, ZX_CHANNEL_READABLE | ZX_CHANNEL_PEER_CLOSED,
                                zx_deadline_after(ZX_MSEC(100)), &observed);
    if (status != ZX_OK) return status;
    if (!(observed & ZX_CHANNEL_READABLE)) return ZX_ERR_BAD_STATE;

    char buf[16];
    zx_handle_info_t infos[ZX_CHANNEL_MAX_MSG_HANDLES];
    uint32_t actual_bytes = 0, actual_handles = 0;
    status = zx_channel_read_etc(b, 0u, buf, infos, sizeof(buf), countof(infos), &actual_bytes, &actual_handles);
    if (status != ZX_OK) return status;
    if (actual_handles != 1 || infos[0].type != ZX_OBJ_TYPE_EVENT || memcmp(buf, kGreeting, actual_bytes) != 0) {
        return ZX_ERR_INTERNAL;
    }
    if ((infos[0].rights & ZX_RIGHT_SIGNAL) == 0) return ZX_ERR_ACCESS_DENIED;

    zx_info_handle_basic_t basic;
    size_t actual = 0, avail = 0;
    status = zx_object_get_info(infos[0].handle, ZX_INFO_HANDLE_BASIC, &basic, sizeof(basic), &actual, &avail);
    if (status != ZX_OK) return status;
    if (basic.type != ZX_OBJ_TYPE_EVENT || basic.koid == ZX_KOID_INVALID || basic.props != ZX_OBJ_PROP_WAITABLE) {
        return ZX_ERR_INTERNAL;
    }

    zx_handle_close(infos[0].handle);
    zx_handle_close(a);
    return zx_handle_close(b);
}

static zx_status_t port_packets(void) {
    zx_handle_t port, ev;
    zx_status_t status = zx_port_create(0, &port);
    if (status != ZX_OK) return status;
    status = zx_event_create(0, &ev);
    if (status != ZX_OK) return status;
    status = zx_object_wait_async(ev, port, 42u, ZX_EVENT_SIGNALED, ZX_WAIT_ASYNC_ONCE);
    if (status != ZX_OK) return status;
    zx_object_signal(ev, 0u, ZX_EVENT_SIGNALED);

    zx_port_packet_t packet;
    status = zx_port_wait(port, ZX_TIME_INFINITE, &packet);
    if (status != ZX_OK) return status;
    if (packet.key != 42u || !ZX_PKT_IS_SIGNAL_ONE(packet.type) || !(packet.signal.observed & ZX_EVENT_SIGNALED)) {
        return ZX_ERR_INTERNAL;
    }

    zx_port_packet_t user;
    memset(&user, 0, sizeof(user));
    user.key = 7u;
    user.type = ZX_PKT_TYPE_USER;
    user.user.u64[0] = 0x1122334455667788ull;
    user.user.u32[2] = 9u;
    status = zx_port_queue(port, &user);
    if (status != ZX_OK) return status;
    status = zx_port_wait(port, zx_deadline_after(ZX_SEC(1)), &packet);
    if (status != ZX_OK || !ZX_PKT_IS_USER(packet.type) || packet.user.c8[0] != 0x88) return ZX_ERR_INTERNAL;

    zx_handle_close(ev);
    return zx_handle_close(port);
}

static zx_status_t sockets_and_waits(void) {
    zx_handle_t s0, s1;
    zx_status_t status = zx_socket_create(ZX_SOCKET_STREAM, &s0, &s1);
    if (status != ZX_OK) return status;
    size_t written = 0;
    status = zx_socket_write(s0, 0u, "abc", 3u, &written);
    if (status != ZX_OK) return status;

    zx_info_socket_t info;
    status = zx_object_get_info(s1, ZX_INFO_SOCKET, &info, sizeof(info), NULL, NULL);
    if (status != ZX_OK || info.rx_buf_available != 3u) return ZX_ERR_INTERNAL;

    size_t threshold = 2;
    status = zx_object_set_property(s1, ZX_PROP_SOCKET_RX_THRESHOLD, &threshold, sizeof(threshold));
    if (status != ZX_OK) return status;

    zx_wait_item_t items[2] = {
        {s0, ZX_SOCKET_WRITABLE, 0},
        {s1, ZX_SOCKET_READABLE | ZX_SOCKET_READ_THRESHOLD, 0},
    };
    status = zx_object_wait_many(items, countof(items), ZX_TIME_INFINITE_PAST);
    if (status != ZX_OK || !(items[1].pending & ZX_SOCKET_READ_THRESHOLD)) return ZX_ERR_INTERNAL;

    zx_handle_t dup;
    status = zx_handle_duplicate(s0, ZX_RIGHT_SAME_RIGHTS, &dup);
    if (status != ZX_OK) return status;
    zx_handle_t fewer;
    status = zx_handle_replace(dup, ZX_RIGHTS_BASIC | ZX_RIGHT_READ, &fewer);
    if (status != ZX_OK) return status;

    zx_handle_t handles[] = {s0, s1, fewer};
    return zx_handle_close_many(handles, countof(handles));
}

static zx_status_t channel_call(zx_handle_t server) {
    uint8_t reply[8];
    zx_handle_t reply_handles[1];
    zx_channel_call_args_t args;
    args.wr_bytes = kGreeting;
    args.wr_handles = NULL;
    args.rd_bytes = reply;
    args.rd_handles = reply_handles;
    args.wr_num_bytes = sizeof(kGreeting);
    args.wr_num_handles = 0;
    args.rd_num_bytes = sizeof(reply);
    args.rd_num_handles = countof(reply_handles);
    uint32_t actual_bytes, actual_handles;
    return zx_channel_call(server, 0u, ZX_TIME_INFINITE, &args, &actual_bytes, &actual_handles);
}

int main(void) {
    zx_status_t status = channel_round_trip();
    if (status == ZX_OK) status = port_packets();
    if (status == ZX_OK) status = sockets_and_waits();
    if (status == ZX_OK && channel_call(ZX_HANDLE_INVALID) != ZX_ERR_BAD_HANDLE) status = ZX_ERR_INTERNAL;
    return status == ZX_OK ? 0 : 1;
}
