// zx_object_get_info records read field by field, properties, and the statuses of bad handles,
// bad sizes and bad pointers through the C ABI.
#include <zircon/syscalls/object.h>

#include "check.h"

static void handle_records(void) {
    zx_handle_t a, b;
    EXPECT_STATUS(zx_eventpair_create(0, &a, &b), ZX_OK);
    EXPECT_STATUS(zx_object_get_info(a, ZX_INFO_HANDLE_VALID, NULL, 0, NULL, NULL), ZX_OK);

    zx_info_handle_basic_t basic;
    size_t actual = 0, avail = 0;
    EXPECT_STATUS(zx_object_get_info(a, ZX_INFO_HANDLE_BASIC, &basic, sizeof(basic), &actual, &avail), ZX_OK);
    EXPECT_EQ(actual, 1);
    EXPECT_EQ(avail, 1);
    EXPECT_EQ(basic.type, ZX_OBJ_TYPE_EVENTPAIR);
    EXPECT_EQ(basic.rights, ZX_DEFAULT_EVENTPAIR_RIGHTS);
    EXPECT_EQ(basic.props, ZX_OBJ_PROP_WAITABLE);
    zx_info_handle_basic_t peer;
    EXPECT_STATUS(zx_object_get_info(b, ZX_INFO_HANDLE_BASIC, &peer, sizeof(peer), NULL, NULL), ZX_OK);
    EXPECT_EQ(basic.related_koid, peer.koid);
    EXPECT_EQ(peer.related_koid, basic.koid);

    zx_handle_t dup;
    EXPECT_STATUS(zx_handle_duplicate(a, ZX_RIGHT_SAME_RIGHTS, &dup), ZX_OK);
    zx_info_handle_count_t count;
    EXPECT_STATUS(zx_object_get_info(a, ZX_INFO_HANDLE_COUNT, &count, sizeof(count), NULL, NULL), ZX_OK);
    EXPECT_EQ(count.handle_count, 2);

    // One byte short of the record: nothing written, and avail says a record is there.
    EXPECT_STATUS(zx_object_get_info(a, ZX_INFO_HANDLE_BASIC, &basic, sizeof(basic) - 1, &actual, &avail), ZX_ERR_BUFFER_TOO_SMALL);
    // A socket's record on an eventpair is the wrong type.
    zx_info_socket_t socket_info;
    EXPECT_STATUS(zx_object_get_info(a, ZX_INFO_SOCKET, &socket_info, sizeof(socket_info), NULL, NULL), ZX_ERR_WRONG_TYPE);
    zx_handle_t hs[] = {a, b, dup};
    close_all(hs, 3);
}

static void socket_record(void) {
    zx_handle_t s0, s1;
    size_t n;
    EXPECT_STATUS(zx_socket_create(ZX_SOCKET_HAS_CONTROL, &s0, &s1), ZX_OK);
    EXPECT_STATUS(zx_socket_write(s0, 0, "0123456789", 10, &n), ZX_OK);
    zx_info_socket_t info;
    EXPECT_STATUS(zx_object_get_info(s1, ZX_INFO_SOCKET, &info, sizeof(info), NULL, NULL), ZX_OK);
    EXPECT_EQ(info.options, ZX_SOCKET_HAS_CONTROL);
    EXPECT_EQ(info.rx_buf_size, 10);
    EXPECT_EQ(info.rx_buf_available, 10);
    EXPECT_EQ(info.rx_buf_max > 0, 1);
    EXPECT_EQ(info.tx_buf_max, info.rx_buf_max);
    EXPECT_EQ(info.tx_buf_size, 0);
    zx_info_socket_t writer;
    EXPECT_STATUS(zx_object_get_info(s0, ZX_INFO_SOCKET, &writer, sizeof(writer), NULL, NULL), ZX_OK);
    EXPECT_EQ(writer.tx_buf_size, 10);
    EXPECT_EQ(writer.rx_buf_size, 0);
    zx_handle_t hs[] = {s0, s1};
    close_all(hs, 2);
}

static void properties(void) {
    zx_handle_t s0, s1;
    EXPECT_STATUS(zx_socket_create(0, &s0, &s1), ZX_OK);
    size_t value = 0;
    EXPECT_STATUS(zx_object_get_property(s0, ZX_PROP_SOCKET_TX_THRESHOLD, &value, sizeof(value)), ZX_OK);
    EXPECT_EQ(value, 0);
    uint8_t small[2];
    EXPECT_STATUS(zx_object_get_property(s0, ZX_PROP_SOCKET_TX_THRESHOLD, small, sizeof(small)), ZX_ERR_BUFFER_TOO_SMALL);
    value = 1u << 30;
    EXPECT_STATUS(zx_object_set_property(s0, ZX_PROP_SOCKET_RX_THRESHOLD, &value, sizeof(value)), ZX_ERR_INVALID_ARGS);
    zx_handle_t hs[] = {s0, s1};
    close_all(hs, 2);
}

static void bad_handles_and_rights(void) {
    zx_handle_t ev, s0, s1, reader;
    size_t n;
    EXPECT_STATUS(zx_handle_close(ZX_HANDLE_INVALID), ZX_OK);
    EXPECT_STATUS(zx_handle_close(0x12345678u), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_object_signal(ZX_HANDLE_INVALID, 0, ZX_USER_SIGNAL_0), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_event_create(0, &ev), ZX_OK);
    // Rights are checked before the type: an event has no WRITE right.
    EXPECT_STATUS(zx_socket_write(ev, 0, "x", 1, &n), ZX_ERR_ACCESS_DENIED);
    zx_handle_t c0, c1;
    EXPECT_STATUS(zx_channel_create(0, &c0, &c1), ZX_OK);
    EXPECT_STATUS(zx_socket_write(c0, 0, "x", 1, &n), ZX_ERR_WRONG_TYPE);
    EXPECT_STATUS(zx_socket_create(0, &s0, &s1), ZX_OK);
    EXPECT_STATUS(zx_handle_replace(s0, ZX_RIGHT_READ | ZX_RIGHT_WAIT, &reader), ZX_OK);
    EXPECT_STATUS(zx_handle_close(s0), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_socket_write(reader, 0, "x", 1, &n), ZX_ERR_ACCESS_DENIED);
    zx_handle_t more;
    EXPECT_STATUS(zx_handle_duplicate(reader, ZX_RIGHT_SAME_RIGHTS, &more), ZX_ERR_ACCESS_DENIED);
    zx_handle_t hs[] = {ev, s1, reader, c0, c1};
    close_all(hs, 5);
}

static void bad_sizes_and_pointers(void) {
    zx_handle_t a, b, s0, s1;
    EXPECT_STATUS(zx_channel_create(0, &a, &b), ZX_OK);
    static uint8_t big[ZX_CHANNEL_MAX_MSG_BYTES + 1];
    EXPECT_STATUS(zx_channel_write(a, 0, big, sizeof(big), NULL, 0), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_channel_write(a, 0, BAD_POINTER, 64, NULL, 0), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_channel_write(a, 0, NULL, 0, (const zx_handle_t*)BAD_POINTER, 1), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_socket_create(0, &s0, &s1), ZX_OK);
    size_t n;
    EXPECT_STATUS(zx_socket_write(s0, 0, BAD_POINTER, 100, &n), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_object_get_info(s0, ZX_INFO_SOCKET, BAD_POINTER, sizeof(zx_info_socket_t), NULL, NULL), ZX_ERR_INVALID_ARGS);
    // Nothing was written by the failed calls.
    EXPECT_EQ(sig(b), ZX_CHANNEL_WRITABLE);
    EXPECT_EQ(sig(s1), ZX_SOCKET_WRITABLE);
    zx_handle_t hs[] = {a, b, s0, s1};
    close_all(hs, 4);
}

int main(void) {
    RUN(handle_records);
    RUN(socket_record);
    RUN(properties);
    RUN(bad_handles_and_rights);
    RUN(bad_sizes_and_pointers);
    return failures == 0 ? 0 : 1;
}
