// Sockets through the C ABI: data plane, signals, shutdown, datagrams, the control plane,
// share/accept and socket info (shared/spec/zircon-objects.md §5.1).
#include <zircon/syscalls/object.h>

#include "check.h"

#define W ZX_SOCKET_WRITABLE
#define R ZX_SOCKET_READABLE
#define PC ZX_SOCKET_PEER_CLOSED
#define PWD ZX_SOCKET_PEER_WRITE_DISABLED
#define WD ZX_SOCKET_WRITE_DISABLED
#define CR ZX_SOCKET_CONTROL_READABLE
#define CW ZX_SOCKET_CONTROL_WRITABLE

static void basic(void) {
    zx_handle_t h0, h1;
    EXPECT_STATUS(zx_socket_create(0, &h0, &h1), ZX_OK);
    zx_info_handle_basic_t i0, i1;
    EXPECT_STATUS(zx_object_get_info(h0, ZX_INFO_HANDLE_BASIC, &i0, sizeof(i0), NULL, NULL), ZX_OK);
    EXPECT_STATUS(zx_object_get_info(h1, ZX_INFO_HANDLE_BASIC, &i1, sizeof(i1), NULL, NULL), ZX_OK);
    EXPECT_EQ(i0.koid, i1.related_koid);
    EXPECT_EQ(i1.koid, i0.related_koid);
    EXPECT_EQ(i0.type, ZX_OBJ_TYPE_SOCKET);
    EXPECT_EQ(i0.rights, ZX_DEFAULT_SOCKET_RIGHTS);

    uint32_t words[2] = {0xdeadbeef, 0x00c0ffee}, back[2] = {0, 0};
    size_t n = 0;
    EXPECT_STATUS(zx_socket_read(h0, 0, back, sizeof(back), &n), ZX_ERR_SHOULD_WAIT);
    EXPECT_STATUS(zx_socket_write(h0, 0, &words[0], 4, &n), ZX_OK);
    EXPECT_EQ(n, 4);
    EXPECT_STATUS(zx_socket_write(h0, 0, &words[1], 4, &n), ZX_OK);
    EXPECT_STATUS(zx_socket_read(h1, 0, back, sizeof(back), &n), ZX_OK);
    EXPECT_EQ(n, 8);
    EXPECT_BYTES(back, words, 8);
    // A null actual is allowed on both sides.
    EXPECT_STATUS(zx_socket_write(h0, 0, words, 8, NULL), ZX_OK);
    memset(back, 0, sizeof(back));
    EXPECT_STATUS(zx_socket_read(h1, 0, back, 8, NULL), ZX_OK);
    EXPECT_BYTES(back, words, 8);

    EXPECT_STATUS(zx_handle_close(h1), ZX_OK);
    EXPECT_STATUS(zx_socket_write(h0, 0, words, 4, &n), ZX_ERR_PEER_CLOSED);
    EXPECT_EQ(sig(h0), PC);
    EXPECT_STATUS(zx_handle_close(h0), ZX_OK);
}

static void signals_and_peer(void) {
    zx_handle_t h0, h1;
    EXPECT_STATUS(zx_socket_create(0, &h0, &h1), ZX_OK);
    EXPECT_EQ(sig(h0), W);
    static uint8_t big[8192], in[16384];
    size_t n = 0;
    EXPECT_STATUS(zx_socket_write(h0, 0, big, sizeof(big), &n), ZX_OK);
    EXPECT_EQ(n, sizeof(big));
    EXPECT_EQ(sig(h1), R | W);
    EXPECT_STATUS(zx_socket_read(h1, 0, in, sizeof(in), &n), ZX_OK);
    EXPECT_EQ(n, sizeof(big));
    EXPECT_STATUS(zx_object_signal_peer(h0, W, 0), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_object_signal_peer(h0, 0, ZX_USER_SIGNAL_1), ZX_OK);
    EXPECT_EQ(sig(h1), W | ZX_USER_SIGNAL_1);
    EXPECT_STATUS(zx_handle_close(h1), ZX_OK);
    EXPECT_STATUS(zx_object_signal_peer(h0, 0, ZX_USER_SIGNAL_0), ZX_ERR_PEER_CLOSED);
    size_t one = 1;
    EXPECT_STATUS(zx_object_set_property(h0, ZX_PROP_SOCKET_TX_THRESHOLD, &one, sizeof(one)), ZX_ERR_PEER_CLOSED);
    EXPECT_STATUS(zx_handle_close(h0), ZX_OK);
}

static void shutdown_write(void) {
    zx_handle_t h0, h1;
    char buf[10];
    size_t n = 0;
    EXPECT_STATUS(zx_socket_create(0, &h0, &h1), ZX_OK);
    EXPECT_STATUS(zx_socket_write(h1, 0, "12345", 5, &n), ZX_OK);
    EXPECT_STATUS(zx_socket_shutdown(h1, ZX_SOCKET_SHUTDOWN_WRITE), ZX_OK);
    EXPECT_EQ(sig(h0), W | R | PWD);
    EXPECT_EQ(sig(h1), WD);
    EXPECT_STATUS(zx_socket_write(h0, 0, "abcde", 5, &n), ZX_OK);
    EXPECT_EQ(sig(h1), R | WD);
    EXPECT_STATUS(zx_socket_write(h1, 0, "fghij", 5, &n), ZX_ERR_BAD_STATE);
    zx_info_socket_t info;
    EXPECT_STATUS(zx_object_get_info(h0, ZX_INFO_SOCKET, &info, sizeof(info), NULL, NULL), ZX_OK);
    EXPECT_EQ(info.rx_buf_available, 5);
    EXPECT_STATUS(zx_socket_read(h0, 0, buf, sizeof(buf), &n), ZX_OK);
    EXPECT_EQ(n, 5);
    EXPECT_BYTES(buf, "12345", 5);
    EXPECT_STATUS(zx_socket_read(h0, 0, buf, 1, &n), ZX_ERR_BAD_STATE);
    EXPECT_EQ(sig(h0), W | PWD);
    EXPECT_STATUS(zx_socket_read(h1, 0, buf, sizeof(buf), &n), ZX_OK);
    EXPECT_BYTES(buf, "abcde", 5);
    EXPECT_STATUS(zx_handle_close(h0), ZX_OK);
    EXPECT_STATUS(zx_socket_shutdown(h1, ZX_SOCKET_SHUTDOWN_READ), ZX_OK);
    EXPECT_EQ(sig(h1), PWD | WD | PC);
    EXPECT_STATUS(zx_handle_close(h1), ZX_OK);
}

static void shutdown_read(void) {
    zx_handle_t h0, h1;
    char buf[10];
    size_t n = 0;
    EXPECT_STATUS(zx_socket_create(0, &h0, &h1), ZX_OK);
    EXPECT_STATUS(zx_socket_write(h1, 0, "12345", 5, &n), ZX_OK);
    EXPECT_STATUS(zx_socket_shutdown(h0, ZX_SOCKET_SHUTDOWN_READ), ZX_OK);
    EXPECT_EQ(sig(h0), W | R | PWD);
    EXPECT_EQ(sig(h1), WD);
    EXPECT_STATUS(zx_socket_write(h1, 0, "x", 1, &n), ZX_ERR_BAD_STATE);
    EXPECT_STATUS(zx_socket_read(h0, 0, buf, sizeof(buf), &n), ZX_OK);
    EXPECT_BYTES(buf, "12345", 5);
    EXPECT_STATUS(zx_socket_read(h0, 0, buf, sizeof(buf), &n), ZX_ERR_BAD_STATE);
    zx_handle_t hs[] = {h0, h1};
    close_all(hs, 2);
}

static void datagrams(void) {
    zx_handle_t h0, h1;
    static uint8_t big[4096], in[4096];
    size_t n = 0;
    EXPECT_STATUS(zx_socket_create(ZX_SOCKET_DATAGRAM, &h0, &h1), ZX_OK);
    for (int i = 0; i < 4096; i += 1000) big[i] = (uint8_t)(i / 1000 + 1);
    big[4095] = 0x5a;
    EXPECT_STATUS(zx_socket_write(h0, 0, "packet1", 8, &n), ZX_OK);
    EXPECT_EQ(n, 8);
    EXPECT_STATUS(zx_socket_write(h0, 0, "pkt2", 5, &n), ZX_OK);
    EXPECT_STATUS(zx_socket_write(h0, 0, big, sizeof(big), &n), ZX_OK);
    zx_info_socket_t info;
    EXPECT_STATUS(zx_object_get_info(h1, ZX_INFO_SOCKET, &info, sizeof(info), NULL, NULL), ZX_OK);
    EXPECT_EQ(info.options, ZX_SOCKET_DATAGRAM);
    EXPECT_EQ(info.rx_buf_available, 8);
    // A short read takes the front of a datagram and discards the rest.
    EXPECT_STATUS(zx_socket_read(h1, 0, in, 3, &n), ZX_OK);
    EXPECT_EQ(n, 3);
    EXPECT_BYTES(in, "pac", 3);
    EXPECT_STATUS(zx_socket_read(h1, 0, in, sizeof(in), &n), ZX_OK);
    EXPECT_EQ(n, 5);
    EXPECT_BYTES(in, "pkt2", 5);
    EXPECT_STATUS(zx_socket_read(h1, 0, in, sizeof(in), &n), ZX_OK);
    EXPECT_EQ(n, 4096);
    EXPECT_BYTES(in, big, 4096);
    EXPECT_STATUS(zx_object_get_info(h1, ZX_INFO_SOCKET, &info, sizeof(info), NULL, NULL), ZX_OK);
    EXPECT_EQ(info.rx_buf_available, 0);
    // Too big for the buffer as a whole: refused, and actual is left alone.
    static uint8_t huge[2 * 257024];
    size_t sentinel = 777;
    EXPECT_STATUS(zx_socket_write(h0, 0, huge, 2 * (size_t)info.tx_buf_max, &sentinel), ZX_ERR_OUT_OF_RANGE);
    EXPECT_EQ(sentinel, 777);
    zx_handle_t hs[] = {h0, h1};
    close_all(hs, 2);
}

static void control_plane(void) {
    zx_handle_t h0, h1;
    char buf[10];
    size_t n = 0;
    EXPECT_STATUS(zx_socket_create(0, &h0, &h1), ZX_OK);
    EXPECT_STATUS(zx_socket_write(h0, ZX_SOCKET_CONTROL, "hi", 2, &n), ZX_ERR_BAD_STATE);
    EXPECT_STATUS(zx_socket_read(h1, ZX_SOCKET_CONTROL, buf, sizeof(buf), &n), ZX_ERR_BAD_STATE);
    zx_handle_t plain[] = {h0, h1};
    close_all(plain, 2);

    EXPECT_STATUS(zx_socket_create(ZX_SOCKET_HAS_CONTROL, &h0, &h1), ZX_OK);
    EXPECT_EQ(sig(h0), W | CW);
    EXPECT_STATUS(zx_socket_write(h0, ZX_SOCKET_CONTROL, "hello1", 6, &n), ZX_OK);
    EXPECT_EQ(n, 6);
    EXPECT_EQ(sig(h0), W);
    EXPECT_EQ(sig(h1), W | CR | CW);
    EXPECT_STATUS(zx_socket_write(h0, ZX_SOCKET_CONTROL, "hi", 2, &n), ZX_ERR_SHOULD_WAIT);
    EXPECT_STATUS(zx_socket_read(h1, 0, buf, sizeof(buf), &n), ZX_ERR_SHOULD_WAIT);
    // Shutdown leaves the control plane alone.
    EXPECT_STATUS(zx_socket_shutdown(h1, ZX_SOCKET_SHUTDOWN_WRITE), ZX_OK);
    EXPECT_STATUS(zx_socket_write(h1, ZX_SOCKET_CONTROL, "hello0", 6, &n), ZX_OK);
    EXPECT_STATUS(zx_socket_read(h0, ZX_SOCKET_CONTROL, buf, sizeof(buf), &n), ZX_OK);
    EXPECT_EQ(n, 6);
    EXPECT_BYTES(buf, "hello0", 6);
    EXPECT_STATUS(zx_socket_read(h0, ZX_SOCKET_CONTROL, buf, sizeof(buf), &n), ZX_ERR_SHOULD_WAIT);
    EXPECT_STATUS(zx_socket_read(h1, ZX_SOCKET_CONTROL, buf, sizeof(buf), &n), ZX_OK);
    EXPECT_BYTES(buf, "hello1", 6);
    zx_handle_t hs[] = {h0, h1};
    close_all(hs, 2);
}

static void share_and_accept(void) {
    zx_handle_t a0, a1, b0, b1, c0, c1, got;
    EXPECT_STATUS(zx_socket_create(ZX_SOCKET_HAS_ACCEPT, &a0, &a1), ZX_OK);
    EXPECT_STATUS(zx_socket_create(0, &b0, &b1), ZX_OK);
    EXPECT_STATUS(zx_socket_create(0, &c0, &c1), ZX_OK);
    EXPECT_EQ(sig(a0), W | ZX_SOCKET_SHARE);
    // Sharing through a socket without HAS_ACCEPT: not supported, and the shared handle is gone.
    EXPECT_STATUS(zx_socket_share(b0, c0), ZX_ERR_NOT_SUPPORTED);
    EXPECT_STATUS(zx_handle_close(c0), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_socket_accept(b0, &got), ZX_ERR_NOT_SUPPORTED);

    EXPECT_STATUS(zx_socket_share(a0, b0), ZX_OK);
    EXPECT_EQ(sig(a0), W);
    EXPECT_EQ(sig(a1), W | ZX_SOCKET_SHARE | ZX_SOCKET_ACCEPT);
    EXPECT_STATUS(zx_socket_share(a0, b1), ZX_ERR_SHOULD_WAIT);
    EXPECT_STATUS(zx_socket_accept(a1, &got), ZX_OK);
    EXPECT_STATUS(zx_socket_accept(a0, &got), ZX_ERR_SHOULD_WAIT);
    EXPECT_EQ(sig(a0), W | ZX_SOCKET_SHARE);
    EXPECT_EQ(sig(a1), W | ZX_SOCKET_SHARE);
    // The accepted handle is the former b0: its peer b1 was consumed, so it sees PEER_CLOSED.
    EXPECT_EQ(sig(got) & PC, PC);
    zx_handle_t hs[] = {a0, a1, got, c1};
    close_all(hs, 4);
}

static void thresholds(void) {
    zx_handle_t h0, h1;
    EXPECT_STATUS(zx_socket_create(0, &h0, &h1), ZX_OK);
    // size_t properties are 4 bytes on wasm32: a size_t-sized buffer is the right size.
    size_t threshold = 3, back = 0;
    EXPECT_STATUS(zx_object_set_property(h1, ZX_PROP_SOCKET_RX_THRESHOLD, &threshold, sizeof(threshold)), ZX_OK);
    EXPECT_STATUS(zx_object_get_property(h1, ZX_PROP_SOCKET_RX_THRESHOLD, &back, sizeof(back)), ZX_OK);
    EXPECT_EQ(back, 3);
    size_t n;
    EXPECT_STATUS(zx_socket_write(h0, 0, "ab", 2, &n), ZX_OK);
    EXPECT_EQ(sig(h1) & ZX_SOCKET_READ_THRESHOLD, 0);
    EXPECT_STATUS(zx_socket_write(h0, 0, "c", 1, &n), ZX_OK);
    EXPECT_EQ(sig(h1) & ZX_SOCKET_READ_THRESHOLD, ZX_SOCKET_READ_THRESHOLD);
    zx_handle_t hs[] = {h0, h1};
    close_all(hs, 2);
}

int main(void) {
    RUN(basic);
    RUN(signals_and_peer);
    RUN(shutdown_write);
    RUN(shutdown_read);
    RUN(datagrams);
    RUN(control_plane);
    RUN(share_and_accept);
    RUN(thresholds);
    return failures == 0 ? 0 : 1;
}
