// FIFOs through the C ABI: creation limits, element-granular partial reads and writes of
// uint64_t elements, SHOULD_WAIT, PEER_CLOSED, the FIFO signals, and every documented status.
#include "check.h"

#define R ZX_FIFO_READABLE
#define W ZX_FIFO_WRITABLE
#define PC ZX_FIFO_PEER_CLOSED

static void mk_fifo(uint32_t count, uint32_t size, zx_handle_t* a, zx_handle_t* b) {
    EXPECT_STATUS(zx_fifo_create(count, size, 0, a, b), ZX_OK);
}

// Writes n elements of 8 bytes holding first, first+1, ...; returns how many were queued
// (-1 with the status printed when it fails).
static int put(zx_handle_t h, uint64_t first, size_t n) {
    uint64_t e[16];
    for (size_t i = 0; i < n; i++) e[i] = first + i;
    size_t actual = 0xdead;
    zx_status_t st = zx_fifo_write(h, 8, e, n, &actual);
    return st == ZX_OK ? (int)actual : st;
}

// Reads up to n elements, checking they hold first, first+1, ...; returns how many came.
static int take(zx_handle_t h, uint64_t first, size_t n) {
    uint64_t e[16];
    size_t actual = 0xdead;
    zx_status_t st = zx_fifo_read(h, 8, e, n, &actual);
    if (st != ZX_OK) return st;
    for (size_t i = 0; i < actual; i++) EXPECT_EQ(e[i], first + i);
    return (int)actual;
}

static void create_limits(void) {
    struct { uint32_t count, size, options; } bad[] = {
        {0, 0, 0}, {35, 32, 0}, {128, 33, 0}, {0, 0, 1}, {23, 8, 8}, {8, 0, 0}, {8192, 1, 0}, {1, 4097, 0}, {64, 65, 0},
    };
    for (size_t i = 0; i < countof(bad); i++) {
        zx_handle_t a = 0x1234, b = 0x1234;
        EXPECT_STATUS(zx_fifo_create(bad[i].count, bad[i].size, bad[i].options, &a, &b), ZX_ERR_OUT_OF_RANGE);
        EXPECT_EQ(a, 0x1234);
        EXPECT_EQ(b, 0x1234);
    }
    // The largest geometries are accepted, and options are ignored.
    uint32_t good[][2] = {{4096, 1}, {1, 4096}, {64, 64}, {1, 1}};
    for (size_t i = 0; i < countof(good); i++) {
        zx_handle_t a, b;
        mk_fifo(good[i][0], good[i][1], &a, &b);
        zx_handle_t hs[] = {a, b};
        close_all(hs, 2);
    }
    zx_handle_t a, b;
    EXPECT_STATUS(zx_fifo_create(4, 4, 0xffffffffu, &a, &b), ZX_OK);
    zx_handle_t hs[] = {a, b};
    close_all(hs, 2);
    EXPECT_STATUS(zx_fifo_create(4, 4, 0, hidden_null(), &a), ZX_ERR_INVALID_ARGS);
}

static void endpoints(void) {
    zx_handle_t a, b;
    mk_fifo(8, 8, &a, &b);
    EXPECT_EQ(sig(a), W);
    EXPECT_EQ(sig(b), W);
    zx_info_handle_basic_t ia = handle_basic(a), ib = handle_basic(b);
    EXPECT_EQ(ia.type, ZX_OBJ_TYPE_FIFO);
    EXPECT_EQ(ia.rights, ZX_DEFAULT_FIFO_RIGHTS);
    EXPECT_EQ(ia.rights, 0xf00f);
    EXPECT_EQ(ib.koid, ia.koid + 1);
    EXPECT_EQ(ia.related_koid, ib.koid);
    EXPECT_EQ(ib.related_koid, ia.koid);
    zx_handle_t hs[] = {a, b};
    close_all(hs, 2);
}

static void empty(void) {
    zx_handle_t a, b;
    mk_fifo(8, 8, &a, &b);
    uint64_t e[9];
    EXPECT_EQ(take(a, 0, 1), ZX_ERR_SHOULD_WAIT);
    EXPECT_STATUS(zx_fifo_read(a, 8, e, 0, NULL), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_fifo_write(a, 8, e, 0, NULL), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_fifo_read(a, 9, e, 1, NULL), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_fifo_write(a, 9, e, 1, NULL), ZX_ERR_OUT_OF_RANGE);
    zx_handle_t hs[] = {a, b};
    close_all(hs, 2);
}

static void partial_transfers(void) {
    zx_handle_t a, b;
    mk_fifo(8, 8, &a, &b);
    EXPECT_EQ(put(a, 1, 8), 8);
    EXPECT_EQ(sig(b), R | W);
    EXPECT_EQ(sig(a), 0);
    size_t actual = 0xdead;
    uint64_t nine = 9;
    EXPECT_STATUS(zx_fifo_write(a, 8, &nine, 1, &actual), ZX_ERR_SHOULD_WAIT);
    EXPECT_EQ(actual, 0xdead);
    EXPECT_EQ(take(b, 1, 4), 4);
    EXPECT_EQ(sig(a), W);
    EXPECT_EQ(put(a, 9, 2), 2);
    EXPECT_EQ(take(b, 5, 8), 6); // what was there, fewer than asked
    EXPECT_EQ(sig(b), W);
    EXPECT_EQ(put(a, 11, 5), 5);
    EXPECT_EQ(put(a, 16, 5), 3); // short: three slots were left
    for (uint64_t i = 0; i < 8; i++) EXPECT_EQ(take(b, 11 + i, 1), 1);
    EXPECT_EQ(sig(b), W);
    zx_handle_t hs[] = {a, b};
    close_all(hs, 2);
}

static void ring_wraps(void) {
    zx_handle_t a, b;
    mk_fifo(4, 8, &a, &b);
    uint64_t next = 0;
    for (int round = 0; round < 50; round++) {
        size_t n = (size_t)(round % 4) + 1;
        EXPECT_EQ(put(a, next, n), n);
        EXPECT_EQ(take(b, next, 4), n);
        next += n;
    }
    zx_handle_t hs[] = {a, b};
    close_all(hs, 2);
}

static void odd_element_size(void) {
    // 3-byte elements: the elements go whole, in order.
    zx_handle_t a, b;
    mk_fifo(4, 3, &a, &b);
    size_t actual = 0;
    EXPECT_STATUS(zx_fifo_write(a, 3, "abcdefghijklmno", 5, &actual), ZX_OK);
    EXPECT_EQ(actual, 4);
    char got[12];
    EXPECT_STATUS(zx_fifo_read(b, 3, got, 4, &actual), ZX_OK);
    EXPECT_EQ(actual, 4);
    EXPECT_BYTES(got, "abcdefghijkl", 12);
    zx_handle_t hs[] = {a, b};
    close_all(hs, 2);
}

static void peer_closed(void) {
    zx_handle_t a, b;
    mk_fifo(8, 8, &a, &b);
    EXPECT_EQ(put(b, 1, 1), 1);
    EXPECT_STATUS(zx_handle_close(b), ZX_OK);
    EXPECT_EQ(sig(a), R | PC);
    // Queued elements stay readable, then reads and writes report the closed peer.
    EXPECT_EQ(take(a, 1, 4), 1);
    EXPECT_EQ(sig(a), PC);
    EXPECT_EQ(take(a, 0, 1), ZX_ERR_PEER_CLOSED);
    uint32_t e = 0;
    // Read checks the element size and count first; write checks the peer first.
    EXPECT_STATUS(zx_fifo_read(a, 4, &e, 1, NULL), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_fifo_write(a, 4, &e, 1, NULL), ZX_ERR_PEER_CLOSED);
    EXPECT_STATUS(zx_fifo_write(a, 8, &e, 0, NULL), ZX_ERR_PEER_CLOSED);
    EXPECT_STATUS(zx_handle_close(a), ZX_OK);
}

static void signal_peer(void) {
    zx_handle_t a, b;
    mk_fifo(8, 8, &a, &b);
    EXPECT_STATUS(zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_0), ZX_OK);
    EXPECT_EQ(sig(b), W | ZX_USER_SIGNAL_0);
    EXPECT_STATUS(zx_handle_close(b), ZX_OK);
    EXPECT_STATUS(zx_object_signal_peer(a, 0, ZX_USER_SIGNAL_0), ZX_ERR_PEER_CLOSED);
    EXPECT_STATUS(zx_handle_close(a), ZX_OK);
}

static void handle_statuses(void) {
    zx_handle_t a, b, ev, s0, s1, read_only, write_only;
    mk_fifo(8, 8, &a, &b);
    EXPECT_STATUS(zx_event_create(0, &ev), ZX_OK);
    EXPECT_STATUS(zx_socket_create(0, &s0, &s1), ZX_OK);
    EXPECT_STATUS(zx_handle_duplicate(a, ZX_RIGHT_READ, &read_only), ZX_OK);
    EXPECT_STATUS(zx_handle_duplicate(b, ZX_RIGHT_WRITE, &write_only), ZX_OK);
    uint64_t e = 7;
    EXPECT_STATUS(zx_fifo_write(ZX_HANDLE_INVALID, 8, &e, 1, NULL), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_fifo_read(0x7ffff0, 8, &e, 1, NULL), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_fifo_write(ev, 8, &e, 1, NULL), ZX_ERR_ACCESS_DENIED); // rights before type
    EXPECT_STATUS(zx_fifo_write(s0, 8, &e, 1, NULL), ZX_ERR_WRONG_TYPE);
    EXPECT_STATUS(zx_fifo_read(s0, 8, &e, 1, NULL), ZX_ERR_WRONG_TYPE);
    EXPECT_STATUS(zx_fifo_write(read_only, 8, &e, 1, NULL), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_fifo_read(write_only, 8, &e, 1, NULL), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_fifo_write(write_only, 8, &e, 1, NULL), ZX_OK);
    e = 0;
    EXPECT_STATUS(zx_fifo_read(read_only, 8, &e, 1, NULL), ZX_OK);
    EXPECT_EQ(e, 7);
    zx_handle_t hs[] = {a, b, ev, s0, s1, read_only, write_only};
    close_all(hs, 7);
}

static void pointer_statuses(void) {
    zx_handle_t a, b;
    mk_fifo(8, 8, &a, &b);
    // Unusable buffers, before the handle is looked at; nothing moves, actual untouched.
    zx_handle_t targets[] = {a, ZX_HANDLE_INVALID};
    for (size_t i = 0; i < 2; i++) {
        size_t actual = 0xdead;
        EXPECT_STATUS(zx_fifo_write(targets[i], 8, NULL, 1, &actual), ZX_ERR_INVALID_ARGS);
        EXPECT_STATUS(zx_fifo_write(targets[i], 8, BAD_POINTER, 2, &actual), ZX_ERR_INVALID_ARGS);
        EXPECT_STATUS(zx_fifo_read(targets[i], 8, BAD_POINTER, 1, &actual), ZX_ERR_INVALID_ARGS);
        EXPECT_EQ(actual, 0xdead);
    }
    uint64_t e = 1;
    EXPECT_STATUS(zx_fifo_write(a, 8, &e, 1, BAD_POINTER), ZX_ERR_INVALID_ARGS);
    EXPECT_EQ(take(b, 0, 1), ZX_ERR_SHOULD_WAIT);
    zx_handle_t hs[] = {a, b};
    close_all(hs, 2);
}

int main(void) {
    RUN(create_limits);
    RUN(endpoints);
    RUN(empty);
    RUN(partial_transfers);
    RUN(ring_wraps);
    RUN(odd_element_size);
    RUN(peer_closed);
    RUN(signal_peer);
    RUN(handle_statuses);
    RUN(pointer_statuses);
    return failures != 0;
}
