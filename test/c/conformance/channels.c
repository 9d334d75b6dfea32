// Channels through the C ABI: messages with handles moving, zx_channel_read_etc's handle info,
// too-small buffers, MAY_DISCARD, peer closure and zx_channel_call's errors.
#include <zircon/syscalls/object.h>

#include "check.h"

static void messages_and_handles(void) {
    zx_handle_t a, b, ev;
    EXPECT_STATUS(zx_channel_create(0, &a, &b), ZX_OK);
    EXPECT_STATUS(zx_event_create(0, &ev), ZX_OK);
    EXPECT_EQ(sig(a), ZX_CHANNEL_WRITABLE);
    EXPECT_STATUS(zx_channel_write(a, 0, "hello", 5, &ev, 1), ZX_OK);
    // The handle left the writer.
    EXPECT_STATUS(zx_handle_close(ev), ZX_ERR_BAD_HANDLE);
    EXPECT_EQ(sig(b), ZX_CHANNEL_READABLE | ZX_CHANNEL_WRITABLE);

    char buf[8];
    zx_handle_info_t info[2];
    uint32_t nb = 0, nh = 0;
    // Too small: nothing is read, and the sizes needed come back.
    EXPECT_STATUS(zx_channel_read_etc(b, 0, buf, info, 2, 2, &nb, &nh), ZX_ERR_BUFFER_TOO_SMALL);
    EXPECT_EQ(nb, 5);
    EXPECT_EQ(nh, 1);
    EXPECT_STATUS(zx_channel_read_etc(b, 0, buf, info, sizeof(buf), 2, &nb, &nh), ZX_OK);
    EXPECT_EQ(nb, 5);
    EXPECT_BYTES(buf, "hello", 5);
    EXPECT_EQ(nh, 1);
    EXPECT_EQ(info[0].type, ZX_OBJ_TYPE_EVENT);
    EXPECT_EQ(info[0].rights, ZX_DEFAULT_EVENT_RIGHTS);
    EXPECT_EQ(info[0].unused, 0);
    EXPECT_STATUS(zx_object_signal(info[0].handle, 0, ZX_EVENT_SIGNALED), ZX_OK);
    EXPECT_STATUS(zx_channel_read(b, 0, buf, NULL, sizeof(buf), 0, &nb, &nh), ZX_ERR_SHOULD_WAIT);
    EXPECT_EQ(sig(b), ZX_CHANNEL_WRITABLE);
    zx_handle_t hs[] = {a, b, info[0].handle};
    close_all(hs, 3);
}

static void may_discard(void) {
    zx_handle_t a, b;
    char buf[2];
    uint32_t nb = 0, nh = 0;
    EXPECT_STATUS(zx_channel_create(0, &a, &b), ZX_OK);
    EXPECT_STATUS(zx_channel_write(a, 0, "long message", 12, NULL, 0), ZX_OK);
    EXPECT_STATUS(zx_channel_read(b, ZX_CHANNEL_READ_MAY_DISCARD, buf, NULL, sizeof(buf), 0, &nb, &nh), ZX_ERR_BUFFER_TOO_SMALL);
    // Discarded: the channel is empty now.
    EXPECT_STATUS(zx_channel_read(b, 0, buf, NULL, sizeof(buf), 0, &nb, &nh), ZX_ERR_SHOULD_WAIT);
    zx_handle_t hs[] = {a, b};
    close_all(hs, 2);
}

static void refusals(void) {
    zx_handle_t a, b;
    EXPECT_STATUS(zx_channel_create(0, &a, &b), ZX_OK);
    // A channel cannot carry its own endpoint; the handle is consumed all the same.
    EXPECT_STATUS(zx_channel_write(a, 0, NULL, 0, &a, 1), ZX_ERR_NOT_SUPPORTED);
    EXPECT_STATUS(zx_handle_close(a), ZX_ERR_BAD_HANDLE);
    EXPECT_EQ(sig(b), ZX_CHANNEL_PEER_CLOSED);
    EXPECT_STATUS(zx_channel_write(b, 0, "x", 1, NULL, 0), ZX_ERR_PEER_CLOSED);
    zx_handle_t c0, c1;
    EXPECT_STATUS(zx_channel_create(1, &c0, &c1), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_handle_close(b), ZX_OK);
}

static void call_errors(void) {
    zx_handle_t a, b;
    EXPECT_STATUS(zx_channel_create(0, &a, &b), ZX_OK);
    uint8_t reply[16];
    zx_channel_call_args_t args;
    memset(&args, 0, sizeof(args));
    args.wr_bytes = "ab";
    args.wr_num_bytes = 2; // shorter than a transaction id
    args.rd_bytes = reply;
    args.rd_num_bytes = sizeof(reply);
    uint32_t nb = 0, nh = 0;
    EXPECT_STATUS(zx_channel_call(a, 0, ZX_TIME_INFINITE, &args, &nb, &nh), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_handle_close(b), ZX_OK);
    args.wr_bytes = "abcdefgh";
    args.wr_num_bytes = 8;
    EXPECT_STATUS(zx_channel_call(a, 0, ZX_TIME_INFINITE, &args, &nb, &nh), ZX_ERR_PEER_CLOSED);
    EXPECT_STATUS(zx_handle_close(a), ZX_OK);
}

int main(void) {
    RUN(messages_and_handles);
    RUN(may_discard);
    RUN(refusals);
    RUN(call_errors);
    return failures == 0 ? 0 : 1;
}
