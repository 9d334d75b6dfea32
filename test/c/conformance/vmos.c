// VMOs through the C ABI: sizes in whole pages, reads and writes with their bounds, resizing,
// op_range, copy-on-write clones that are live views of their parent, ZX_INFO_VMO read as
// zx_info_vmo_t in the wasm32 layout, ZX_PROP_NAME, replace_as_executable, and the statuses.
#include "check.h"

#define PAGE 4096u
#define U64_MAX UINT64_MAX
#define MAX_VMO (UINT64_MAX - 65535u) // 2^64 - 65536
#define COW ZX_VMO_CLONE_COPY_ON_WRITE

static zx_handle_t mk_vmo(uint64_t size, uint32_t options) {
    zx_handle_t h = ZX_HANDLE_INVALID;
    EXPECT_STATUS(zx_vmo_create(size, options, &h), ZX_OK);
    return h;
}

static zx_handle_t mk_clone(zx_handle_t h, uint32_t options, uint64_t offset, uint64_t size) {
    zx_handle_t c = ZX_HANDLE_INVALID;
    EXPECT_STATUS(zx_vmo_clone(h, options, offset, size, &c), ZX_OK);
    return c;
}

static uint64_t size_of(zx_handle_t h) {
    uint64_t s = 0xdead;
    EXPECT_STATUS(zx_vmo_get_size(h, &s), ZX_OK);
    return s;
}

static void put_byte(zx_handle_t h, uint64_t offset, unsigned char v) {
    EXPECT_STATUS(zx_vmo_write(h, &v, offset, 1), ZX_OK);
}

static unsigned char byte_at(zx_handle_t h, uint64_t offset) {
    unsigned char v = 0xee;
    EXPECT_STATUS(zx_vmo_read(h, &v, offset, 1), ZX_OK);
    return v;
}

static zx_info_vmo_t info(zx_handle_t h) {
    zx_info_vmo_t i;
    memset(&i, 0xee, sizeof(i));
    size_t actual = 99, avail = 99;
    EXPECT_STATUS(zx_object_get_info(h, ZX_INFO_VMO, &i, sizeof(i), &actual, &avail), ZX_OK);
    EXPECT_EQ(actual, 1);
    EXPECT_EQ(avail, 0);
    return i;
}

static int all(const unsigned char* b, size_t n, unsigned char v) {
    for (size_t i = 0; i < n; i++)
        if (b[i] != v) return 0;
    return 1;
}

static unsigned char big[4 * PAGE];

static void page_rounding(void) {
    for (uint64_t pages = 0; pages < 8; pages++) {
        zx_handle_t v = mk_vmo(pages * PAGE, 0);
        EXPECT_EQ(size_of(v), pages * PAGE);
        EXPECT_STATUS(zx_handle_close(v), ZX_OK);
    }
    uint64_t sizes[] = {1, 4095, 4097, 12289, 16383};
    for (size_t i = 0; i < countof(sizes); i++) {
        uint64_t rounded = (sizes[i] + PAGE - 1) / PAGE * PAGE;
        zx_handle_t v = mk_vmo(sizes[i], 0);
        EXPECT_EQ(size_of(v), rounded);
        EXPECT_STATUS(zx_vmo_set_size(v, sizes[i]), ZX_OK);
        EXPECT_EQ(size_of(v), rounded);
        zx_handle_t c = mk_clone(v, COW, 0, sizes[i]);
        EXPECT_EQ(size_of(c), rounded);
        zx_handle_t hs[] = {v, c};
        close_all(hs, 2);
    }
}

static void read_write(void) {
    zx_handle_t v = mk_vmo(4 * PAGE, 0);
    memset(big, 0xee, sizeof(big));
    EXPECT_STATUS(zx_vmo_read(v, big, 0, sizeof(big)), ZX_OK);
    EXPECT_EQ(all(big, sizeof(big), 0), 1); // a fresh VMO reads zeros
    unsigned char ten[10];
    memset(ten, 0x99, sizeof(ten));
    EXPECT_STATUS(zx_vmo_write(v, ten, 100, sizeof(ten)), ZX_OK);
    unsigned char got[12];
    EXPECT_STATUS(zx_vmo_read(v, got, 99, sizeof(got)), ZX_OK);
    EXPECT_EQ(got[0], 0);
    EXPECT_EQ(all(got + 1, 10, 0x99), 1);
    EXPECT_EQ(got[11], 0);
    // Across a page boundary.
    memset(big, 0x42, 2 * PAGE);
    EXPECT_STATUS(zx_vmo_write(v, big, PAGE / 2, 2 * PAGE), ZX_OK);
    memset(big, 0, sizeof(big));
    EXPECT_STATUS(zx_vmo_read(v, big, PAGE / 2, 2 * PAGE), ZX_OK);
    EXPECT_EQ(all(big, 2 * PAGE, 0x42), 1);
    EXPECT_STATUS(zx_handle_close(v), ZX_OK);
}

static void sparse(void) {
    // The largest VMO costs nothing until written; reading takes no pages.
    zx_handle_t huge = mk_vmo(MAX_VMO, 0);
    EXPECT_EQ(size_of(huge), MAX_VMO);
    EXPECT_EQ(info(huge).committed_bytes, 0);
    unsigned char tail[8];
    memset(tail, 1, sizeof(tail));
    EXPECT_STATUS(zx_vmo_read(huge, tail, MAX_VMO - 8, 8), ZX_OK);
    EXPECT_EQ(all(tail, 8, 0), 1);
    put_byte(huge, 0x7ffffffff000ull, 7);
    unsigned char two[2] = {1, 2};
    EXPECT_STATUS(zx_vmo_write(huge, two, MAX_VMO - 2, 2), ZX_OK);
    memset(two, 0, 2);
    EXPECT_STATUS(zx_vmo_read(huge, two, MAX_VMO - 2, 2), ZX_OK);
    EXPECT_EQ(two[0], 1);
    EXPECT_EQ(two[1], 2);
    EXPECT_EQ(byte_at(huge, 0x7ffffffff000ull), 7);
    EXPECT_EQ(info(huge).committed_bytes, 2 * PAGE);
    EXPECT_STATUS(zx_handle_close(huge), ZX_OK);
}

static void bounds(void) {
    zx_handle_t v = mk_vmo(2 * PAGE, 0);
    EXPECT_STATUS(zx_vmo_read(v, big, 0, 4 * PAGE), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_vmo_write(v, big, 0, 4 * PAGE), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_vmo_read(v, big, 2 * PAGE, 0), ZX_OK); // zero bytes at the end
    EXPECT_STATUS(zx_vmo_write(v, NULL, 2 * PAGE, 0), ZX_OK);
    EXPECT_STATUS(zx_vmo_read(v, big, 2 * PAGE + 1, 0), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_vmo_write(v, big, 2 * PAGE + 1, 0), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_vmo_read(v, big, U64_MAX - PAGE, 2 * PAGE), ZX_ERR_OUT_OF_RANGE); // wraps
    EXPECT_STATUS(zx_vmo_write(v, big, U64_MAX - PAGE, 2 * PAGE), ZX_ERR_OUT_OF_RANGE);
    unsigned char five[2] = {5, 5};
    EXPECT_STATUS(zx_vmo_write(v, five, 2 * PAGE - 1, 2), ZX_ERR_OUT_OF_RANGE);
    EXPECT_EQ(byte_at(v, 2 * PAGE - 1), 0); // nothing of the refused write landed
    EXPECT_STATUS(zx_handle_close(v), ZX_OK);
}

static void read_zeroes_before_range_check(void) {
    // vmo_read touches one byte per 4 KiB of the buffer, and the last, before the range check.
    static unsigned char buf[10000];
    memset(buf, 0xee, sizeof(buf));
    zx_handle_t v = mk_vmo(PAGE, 0);
    EXPECT_STATUS(zx_vmo_read(v, buf, 1ull << 40, sizeof(buf)), ZX_ERR_OUT_OF_RANGE);
    size_t zeroed = 0;
    for (size_t i = 0; i < sizeof(buf); i++) zeroed += buf[i] == 0;
    EXPECT_EQ(zeroed, 4);
    EXPECT_EQ(buf[0] | buf[4096] | buf[8192] | buf[9999], 0);
    EXPECT_STATUS(zx_handle_close(v), ZX_OK);
}

static void set_size(void) {
    zx_handle_t v = mk_vmo(4 * PAGE, 0);
    EXPECT_STATUS(zx_vmo_set_size(v, 5 * PAGE), ZX_OK);
    EXPECT_EQ(size_of(v), 5 * PAGE);
    EXPECT_STATUS(zx_vmo_set_size(v, U64_MAX), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_vmo_set_size(v, MAX_VMO + 1), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_vmo_set_size(v, 5 * PAGE + 1), ZX_OK);
    EXPECT_EQ(size_of(v), 6 * PAGE);
    unsigned char eight[8];
    memset(eight, 3, sizeof(eight));
    EXPECT_STATUS(zx_vmo_write(v, eight, 20000, 8), ZX_OK);
    EXPECT_STATUS(zx_vmo_set_size(v, PAGE), ZX_OK);
    EXPECT_STATUS(zx_vmo_set_size(v, 6 * PAGE), ZX_OK);
    EXPECT_STATUS(zx_vmo_read(v, eight, 20000, 8), ZX_OK);
    EXPECT_EQ(all(eight, 8, 0), 1); // the cut pages are gone
    // A fixed-size VMO or clone: UNAVAILABLE, before the size is checked.
    zx_handle_t fixed = mk_vmo(PAGE, ZX_VMO_NON_RESIZABLE);
    EXPECT_STATUS(zx_vmo_set_size(fixed, 2 * PAGE), ZX_ERR_UNAVAILABLE);
    EXPECT_STATUS(zx_vmo_set_size(fixed, U64_MAX), ZX_ERR_UNAVAILABLE);
    zx_handle_t fixed_clone = mk_clone(v, COW | ZX_VMO_CLONE_NON_RESIZEABLE, 0, PAGE);
    EXPECT_STATUS(zx_vmo_set_size(fixed_clone, 0), ZX_ERR_UNAVAILABLE);
    zx_handle_t free_clone = mk_clone(fixed, COW, 0, PAGE); // resizable whatever its parent
    EXPECT_STATUS(zx_vmo_set_size(free_clone, 0), ZX_OK);
    zx_handle_t hs[] = {v, fixed, fixed_clone, free_clone};
    close_all(hs, 4);
}

static void create_statuses(void) {
    zx_handle_t out = 0x1234;
    uint32_t bad_options[] = {2, 3, 0x80000000u};
    for (size_t i = 0; i < countof(bad_options); i++) EXPECT_STATUS(zx_vmo_create(0, bad_options[i], &out), ZX_ERR_INVALID_ARGS);
    uint64_t bad_sizes[] = {U64_MAX, MAX_VMO + 1, U64_MAX - 4095};
    for (size_t i = 0; i < countof(bad_sizes); i++) EXPECT_STATUS(zx_vmo_create(bad_sizes[i], 0, &out), ZX_ERR_OUT_OF_RANGE);
    EXPECT_EQ(out, 0x1234);
    EXPECT_STATUS(zx_vmo_create(0, 0, hidden_null()), ZX_ERR_INVALID_ARGS);
}

static void handle_statuses(void) {
    zx_handle_t v = mk_vmo(PAGE, 0), ev, s0, s1;
    EXPECT_STATUS(zx_event_create(0, &ev), ZX_OK);
    EXPECT_STATUS(zx_socket_create(0, &s0, &s1), ZX_OK);
    unsigned char b[4] = {0};
    uint64_t sz = 0xdead;
    EXPECT_STATUS(zx_vmo_read(ZX_HANDLE_INVALID, b, 0, 4), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_vmo_write(0x7ffff0, b, 0, 4), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_vmo_get_size(ZX_HANDLE_INVALID, &sz), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_vmo_set_size(ZX_HANDLE_INVALID, 0), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_vmo_read(s0, b, 0, 4), ZX_ERR_WRONG_TYPE);
    EXPECT_STATUS(zx_vmo_write(s0, b, 0, 4), ZX_ERR_WRONG_TYPE);
    EXPECT_STATUS(zx_vmo_get_size(ev, &sz), ZX_ERR_WRONG_TYPE);
    EXPECT_STATUS(zx_vmo_set_size(s0, 0), ZX_ERR_WRONG_TYPE);
    EXPECT_STATUS(zx_vmo_read(ev, b, 0, 4), ZX_ERR_ACCESS_DENIED); // rights before type
    EXPECT_EQ(sz, 0xdead);
    // READ-only reads; WRITE-only writes; rights 0 does neither; get_size needs no right.
    zx_handle_t ro = duplicate(v, ZX_RIGHT_READ), wo = duplicate(v, ZX_RIGHT_WRITE), none = duplicate(v, 0);
    EXPECT_STATUS(zx_vmo_read(ro, b, 0, 4), ZX_OK);
    EXPECT_STATUS(zx_vmo_write(ro, b, 0, 4), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_vmo_set_size(ro, 0), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_vmo_write(wo, b, 0, 4), ZX_OK);
    EXPECT_STATUS(zx_vmo_read(wo, b, 0, 4), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_vmo_read(none, b, 0, 4), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_vmo_write(none, b, 0, 4), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_vmo_get_size(none, &sz), ZX_OK);
    EXPECT_EQ(sz, PAGE);
    // Unusable pointers.
    EXPECT_STATUS(zx_vmo_write(v, NULL, 0, 4), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_vmo_read(v, BAD_POINTER, 0, 64), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_vmo_get_size(v, hidden_null()), ZX_ERR_INVALID_ARGS);
    zx_handle_t hs[] = {v, ev, s0, s1, ro, wo, none};
    close_all(hs, 7);
}

static void name_property(void) {
    zx_handle_t v = mk_vmo(PAGE, 0);
    zx_info_handle_basic_t b = handle_basic(v);
    EXPECT_EQ(b.rights, ZX_DEFAULT_VMO_RIGHTS);
    EXPECT_EQ(b.rights, 0xd0ff);
    EXPECT_EQ(b.type, ZX_OBJ_TYPE_VMO);
    EXPECT_EQ(b.related_koid, 0);
    char name[ZX_MAX_NAME_LEN];
    memset(name, 0xee, sizeof(name));
    EXPECT_STATUS(zx_object_get_property(v, ZX_PROP_NAME, name, sizeof(name)), ZX_OK);
    EXPECT_EQ(all((unsigned char*)name, sizeof(name), 0), 1);
    EXPECT_STATUS(zx_object_set_property(v, ZX_PROP_NAME, "test vmo", 8), ZX_OK);
    EXPECT_STATUS(zx_object_get_property(v, ZX_PROP_NAME, name, sizeof(name)), ZX_OK);
    EXPECT_BYTES(name, "test vmo", 9);
    // Cut at 31 bytes, or at the first NUL.
    char forty[40];
    memset(forty, 'x', sizeof(forty));
    EXPECT_STATUS(zx_object_set_property(v, ZX_PROP_NAME, forty, sizeof(forty)), ZX_OK);
    EXPECT_STATUS(zx_object_get_property(v, ZX_PROP_NAME, name, sizeof(name)), ZX_OK);
    EXPECT_EQ(strlen(name), 31);
    EXPECT_STATUS(zx_object_set_property(v, ZX_PROP_NAME, "ab\0cd", 5), ZX_OK);
    EXPECT_STATUS(zx_object_get_property(v, ZX_PROP_NAME, name, sizeof(name)), ZX_OK);
    EXPECT_BYTES(name, "ab\0\0\0\0", 6);
    EXPECT_STATUS(zx_object_set_property(v, ZX_PROP_NAME, NULL, 0), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_object_set_property(v, ZX_PROP_NAME, "", 0), ZX_OK);
    EXPECT_STATUS(zx_object_get_property(v, ZX_PROP_NAME, name, sizeof(name)), ZX_OK);
    EXPECT_EQ(all((unsigned char*)name, sizeof(name), 0), 1);
    EXPECT_STATUS(zx_handle_close(v), ZX_OK);
}

static void op_range_commit(void) {
    zx_handle_t v = mk_vmo(4 * PAGE, 0);
    EXPECT_STATUS(zx_vmo_op_range(v, ZX_VMO_OP_COMMIT, 0, 4 * PAGE, NULL, 0), ZX_OK);
    EXPECT_EQ(info(v).committed_bytes, 4 * PAGE);
    EXPECT_STATUS(zx_vmo_op_range(v, ZX_VMO_OP_DECOMMIT, 0, 4 * PAGE, NULL, 0), ZX_OK);
    EXPECT_EQ(info(v).committed_bytes, 0);
    put_byte(v, PAGE, 99);
    EXPECT_STATUS(zx_vmo_op_range(v, ZX_VMO_OP_COMMIT, 0, 2 * PAGE, NULL, 0), ZX_OK);
    EXPECT_EQ(byte_at(v, PAGE), 99); // COMMIT keeps data
    EXPECT_STATUS(zx_vmo_op_range(v, ZX_VMO_OP_DECOMMIT, 0, PAGE, NULL, 0), ZX_OK);
    EXPECT_EQ(byte_at(v, PAGE), 99);
    EXPECT_STATUS(zx_vmo_op_range(v, ZX_VMO_OP_DECOMMIT, PAGE, PAGE, NULL, 0), ZX_OK);
    EXPECT_EQ(byte_at(v, PAGE), 0);
    // Trimmed at the end; OUT_OF_RANGE only past it or on overflow.
    EXPECT_STATUS(zx_vmo_op_range(v, ZX_VMO_OP_COMMIT, 3 * PAGE, 100 * PAGE, NULL, 0), ZX_OK);
    EXPECT_EQ(info(v).committed_bytes, PAGE);
    EXPECT_STATUS(zx_vmo_op_range(v, ZX_VMO_OP_COMMIT, 4 * PAGE + 1, 0, NULL, 0), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_vmo_op_range(v, ZX_VMO_OP_DECOMMIT, 1, U64_MAX, NULL, 0), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_vmo_op_range(v, ZX_VMO_OP_DECOMMIT, 0, U64_MAX, NULL, 0), ZX_OK);
    EXPECT_EQ(info(v).committed_bytes, 0);
    // One COMMIT adds at most 16384 pages.
    zx_handle_t huge = mk_vmo(MAX_VMO, 0);
    EXPECT_STATUS(zx_vmo_op_range(huge, ZX_VMO_OP_COMMIT, 0, 16385ull * PAGE, NULL, 0), ZX_ERR_NO_MEMORY);
    EXPECT_EQ(info(huge).committed_bytes, 0);
    zx_handle_t hs[] = {v, huge};
    close_all(hs, 2);
}

static void op_range_others(void) {
    zx_handle_t v = mk_vmo(8 * PAGE, 0), ev;
    EXPECT_STATUS(zx_event_create(0, &ev), ZX_OK);
    uint32_t cache[] = {ZX_VMO_OP_CACHE_SYNC, ZX_VMO_OP_CACHE_INVALIDATE, ZX_VMO_OP_CACHE_CLEAN, ZX_VMO_OP_CACHE_CLEAN_INVALIDATE};
    for (size_t i = 0; i < countof(cache); i++) {
        EXPECT_STATUS(zx_vmo_op_range(v, cache[i], 0x5200, 0x1200, NULL, 0), ZX_OK);
        EXPECT_STATUS(zx_vmo_op_range(v, cache[i], 0, 0, NULL, 0), ZX_ERR_INVALID_ARGS);
        EXPECT_STATUS(zx_vmo_op_range(v, cache[i], 1, 8 * PAGE, NULL, 0), ZX_ERR_OUT_OF_RANGE);
        EXPECT_STATUS(zx_vmo_op_range(v, cache[i], U64_MAX, 1, NULL, 0), ZX_ERR_OUT_OF_RANGE);
    }
    EXPECT_EQ(info(v).committed_bytes, 0);
    // The type first, then the right the operation needs.
    EXPECT_STATUS(zx_vmo_op_range(ev, ZX_VMO_OP_COMMIT, 0, PAGE, NULL, 0), ZX_ERR_WRONG_TYPE);
    EXPECT_STATUS(zx_vmo_op_range(ZX_HANDLE_INVALID, ZX_VMO_OP_COMMIT, 0, PAGE, NULL, 0), ZX_ERR_BAD_HANDLE);
    zx_handle_t ro = duplicate(v, ZX_RIGHT_READ), wo = duplicate(v, ZX_RIGHT_WRITE), none = duplicate(v, 0);
    EXPECT_STATUS(zx_vmo_op_range(ro, ZX_VMO_OP_COMMIT, 0, PAGE, NULL, 0), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_vmo_op_range(ro, ZX_VMO_OP_DECOMMIT, 1, U64_MAX, NULL, 0), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_vmo_op_range(ro, ZX_VMO_OP_CACHE_SYNC, 0, 1, NULL, 0), ZX_OK);
    EXPECT_STATUS(zx_vmo_op_range(wo, ZX_VMO_OP_CACHE_CLEAN, 0, 1, NULL, 0), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_vmo_op_range(wo, ZX_VMO_OP_CACHE_INVALIDATE, 0, 1, NULL, 0), ZX_OK);
    EXPECT_STATUS(zx_vmo_op_range(none, ZX_VMO_OP_LOCK, 0, PAGE, NULL, 0), ZX_ERR_NOT_SUPPORTED);
    EXPECT_STATUS(zx_vmo_op_range(none, ZX_VMO_OP_UNLOCK, 0, PAGE, NULL, 0), ZX_ERR_NOT_SUPPORTED);
    uint32_t unknown[] = {0, 5, 10, 0xffffffffu};
    for (size_t i = 0; i < countof(unknown); i++) EXPECT_STATUS(zx_vmo_op_range(none, unknown[i], 0, PAGE, NULL, 0), ZX_ERR_INVALID_ARGS);
    uint64_t word = 0;
    EXPECT_STATUS(zx_vmo_op_range(v, ZX_VMO_OP_COMMIT, 0, 1, &word, sizeof(word)), ZX_OK);
    EXPECT_STATUS(zx_vmo_op_range(v, ZX_VMO_OP_COMMIT, 0, 1, BAD_POINTER, 8), ZX_ERR_INVALID_ARGS);
    zx_handle_t hs[] = {v, ev, ro, wo, none};
    close_all(hs, 5);
}

static void clone_live_view(void) {
    zx_handle_t p = mk_vmo(4 * PAGE, 0);
    uint64_t* words = (uint64_t*)big;
    for (size_t i = 0; i < sizeof(big) / 8; i++) words[i] = i * 8;
    EXPECT_STATUS(zx_vmo_write(p, big, 0, sizeof(big)), ZX_OK);
    zx_handle_t c = mk_clone(p, COW, 0, 4 * PAGE);
    static unsigned char seen[4 * PAGE];
    EXPECT_STATUS(zx_vmo_read(c, seen, 0, sizeof(seen)), ZX_OK);
    EXPECT_BYTES(seen, big, sizeof(big));
    // A write to the clone copies its page; the parent is unchanged.
    put_byte(c, 0, 99);
    EXPECT_EQ(byte_at(c, 0), 99);
    EXPECT_STATUS(zx_vmo_read(c, seen, 8, PAGE - 8), ZX_OK);
    EXPECT_BYTES(seen, big + 8, PAGE - 8);
    EXPECT_EQ(byte_at(p, 0), 0);
    // Later parent writes show through pages the clone has not written, not through the others.
    put_byte(p, 2 * PAGE, 77);
    EXPECT_EQ(byte_at(c, 2 * PAGE), 77);
    put_byte(p, 0, 55);
    EXPECT_EQ(byte_at(c, 0), 99);
    EXPECT_EQ(info(c).committed_bytes, PAGE);
    // DECOMMIT on the clone reverts the page to the parent's view.
    EXPECT_STATUS(zx_vmo_op_range(c, ZX_VMO_OP_DECOMMIT, 0, PAGE, NULL, 0), ZX_OK);
    EXPECT_EQ(byte_at(c, 0), 55);
    // A clone of a clone reads through both parents.
    zx_handle_t c2 = mk_clone(c, COW, PAGE, PAGE);
    put_byte(p, PAGE + 5, 42);
    EXPECT_EQ(byte_at(c2, 5), 42);
    put_byte(c, PAGE + 5, 43);
    EXPECT_EQ(byte_at(c2, 5), 43);
    EXPECT_EQ(byte_at(p, PAGE + 5), 42);
    zx_handle_t hs[] = {p, c, c2};
    close_all(hs, 3);
}

static void clone_offsets(void) {
    zx_handle_t p = mk_vmo(4 * PAGE, 0);
    for (unsigned i = 0; i < 4; i++) put_byte(p, i * PAGE, (unsigned char)(i + 1));
    zx_handle_t out = 0x1234;
    EXPECT_STATUS(zx_vmo_clone(p, COW, 1, PAGE, &out), ZX_ERR_INVALID_ARGS); // page-aligned only
    EXPECT_EQ(out, 0x1234);
    zx_handle_t c = mk_clone(p, COW, PAGE, 4 * PAGE);
    EXPECT_EQ(byte_at(c, 0), 2);
    EXPECT_EQ(byte_at(c, 2 * PAGE), 4);
    EXPECT_EQ(byte_at(c, 3 * PAGE), 0); // past the parent's end
    EXPECT_STATUS(zx_vmo_set_size(p, 5 * PAGE), ZX_OK);
    put_byte(p, 4 * PAGE, 99);
    EXPECT_EQ(byte_at(c, 3 * PAGE), 99); // live across the parent growing
    zx_handle_t hs[] = {p, c};
    close_all(hs, 2);
}

static void clone_rights_and_name(void) {
    zx_handle_t p = mk_vmo(PAGE, 0);
    EXPECT_STATUS(zx_object_set_property(p, ZX_PROP_NAME, "original", 8), ZX_OK);
    zx_handle_t narrow = duplicate(p, ZX_RIGHT_READ | ZX_RIGHT_DUPLICATE);
    zx_handle_t c = mk_clone(narrow, COW, 0, PAGE);
    EXPECT_EQ(handle_basic(c).rights, 0xcd); // the source's, plus WRITE and the property rights
    char name[ZX_MAX_NAME_LEN];
    EXPECT_STATUS(zx_object_get_property(c, ZX_PROP_NAME, name, sizeof(name)), ZX_OK);
    EXPECT_EQ(strlen(name), 0); // the name only with GET_PROPERTY
    zx_handle_t named = mk_clone(p, COW, 0, PAGE);
    EXPECT_EQ(handle_basic(named).rights, ZX_DEFAULT_VMO_RIGHTS);
    EXPECT_STATUS(zx_object_get_property(named, ZX_PROP_NAME, name, sizeof(name)), ZX_OK);
    EXPECT_BYTES(name, "original", 9);
    zx_handle_t hs[] = {p, narrow, c, named};
    close_all(hs, 4);
}

static void zero_children(void) {
    zx_handle_t p = mk_vmo(PAGE, 0);
    EXPECT_EQ(sig(p), ZX_VMO_ZERO_CHILDREN);
    zx_handle_t c1 = mk_clone(p, COW, 0, PAGE);
    EXPECT_EQ(sig(p), 0);
    EXPECT_EQ(sig(c1), ZX_VMO_ZERO_CHILDREN);
    zx_handle_t c2 = mk_clone(c1, COW, 0, PAGE);
    EXPECT_EQ(sig(c1), 0);
    EXPECT_STATUS(zx_handle_close(c1), ZX_OK);
    EXPECT_EQ(sig(p), 0); // c2 still reads through the closed middle clone
    put_byte(p, 0, 7);
    EXPECT_EQ(byte_at(c2, 0), 7);
    EXPECT_EQ(info(p).num_children, 1);
    EXPECT_STATUS(zx_handle_close(c2), ZX_OK);
    EXPECT_EQ(sig(p), ZX_VMO_ZERO_CHILDREN);
    EXPECT_STATUS(zx_handle_close(p), ZX_OK);
}

static void clone_statuses(void) {
    zx_handle_t p = mk_vmo(PAGE, 0), s0, s1;
    EXPECT_STATUS(zx_socket_create(0, &s0, &s1), ZX_OK);
    zx_handle_t ro = duplicate(p, ZX_RIGHT_READ), dup_only = duplicate(p, ZX_RIGHT_DUPLICATE);
    zx_handle_t out = 0x1234;
    EXPECT_STATUS(zx_vmo_clone(ZX_HANDLE_INVALID, COW, 0, 0, &out), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_vmo_clone(ro, COW, 0, 0, &out), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_vmo_clone(dup_only, COW, 0, 0, &out), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_vmo_clone(s0, COW, 0, 0, &out), ZX_ERR_WRONG_TYPE);
    uint32_t bad[] = {0, ZX_VMO_CLONE_NON_RESIZEABLE, COW | 4, 0x80000001u};
    for (size_t i = 0; i < countof(bad); i++) EXPECT_STATUS(zx_vmo_clone(p, bad[i], 0, 0, &out), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_vmo_clone(p, COW, 0, U64_MAX, &out), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_vmo_clone(p, COW, 1, U64_MAX, &out), ZX_ERR_OUT_OF_RANGE); // size before alignment
    EXPECT_STATUS(zx_vmo_clone(p, COW, U64_MAX - 4095, 2 * PAGE, &out), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_vmo_clone(p, COW, 0, 0, hidden_null()), ZX_ERR_INVALID_ARGS);
    EXPECT_EQ(out, 0x1234);
    EXPECT_EQ(info(p).num_children, 0); // no failed clone left behind
    zx_handle_t hs[] = {p, s0, s1, ro, dup_only};
    close_all(hs, 5);
}

static void replace_as_executable(void) {
    zx_handle_t v = mk_vmo(PAGE, 0);
    zx_handle_t narrow = duplicate(v, ZX_RIGHT_READ);
    zx_handle_t exec = ZX_HANDLE_INVALID;
    EXPECT_STATUS(zx_vmo_replace_as_executable(narrow, ZX_HANDLE_INVALID, &exec), ZX_OK);
    EXPECT_STATUS(zx_handle_close(narrow), ZX_ERR_BAD_HANDLE); // consumed
    EXPECT_EQ(handle_basic(exec).rights, ZX_RIGHT_READ | ZX_RIGHT_EXECUTE);
    // Every failure consumes the handle too.
    zx_handle_t ev, other, out = 0x1234;
    EXPECT_STATUS(zx_event_create(0, &ev), ZX_OK);
    EXPECT_STATUS(zx_vmo_replace_as_executable(ev, ZX_HANDLE_INVALID, &out), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_handle_close(ev), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_event_create(0, &other), ZX_OK);
    zx_handle_t v2 = mk_vmo(PAGE, 0);
    EXPECT_STATUS(zx_vmo_replace_as_executable(v2, other, &out), ZX_ERR_WRONG_TYPE); // no VMEX resource
    EXPECT_STATUS(zx_handle_close(v2), ZX_ERR_BAD_HANDLE);
    zx_handle_t v3 = mk_vmo(PAGE, 0);
    EXPECT_STATUS(zx_vmo_replace_as_executable(v3, 0x7ffff0, &out), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_handle_close(v3), ZX_ERR_BAD_HANDLE);
    EXPECT_EQ(out, 0x1234);
    zx_handle_t hs[] = {v, exec, other};
    close_all(hs, 3);
}

static void info_vmo(void) {
    EXPECT_EQ(sizeof(zx_info_vmo_t), sizeof(size_t) == 4 ? 96 : 112);
    zx_handle_t p = mk_vmo(3 * PAGE, ZX_VMO_NON_RESIZABLE);
    EXPECT_STATUS(zx_object_set_property(p, ZX_PROP_NAME, "info", 4), ZX_OK);
    put_byte(p, 10, 1);
    zx_handle_t c = mk_clone(p, COW, PAGE, PAGE);
    zx_info_vmo_t ip = info(p);
    EXPECT_EQ(ip.koid, handle_basic(p).koid);
    EXPECT_BYTES(ip.name, "info", 5);
    EXPECT_EQ(ip.size_bytes, 3 * PAGE);
    EXPECT_EQ(ip.parent_koid, 0);
    EXPECT_EQ(ip.num_children, 1);
    EXPECT_EQ(ip.num_mappings, 0);
    EXPECT_EQ(ip.share_count, 1);
    EXPECT_EQ(ip.flags, ZX_INFO_VMO_TYPE_PAGED | ZX_INFO_VMO_VIA_HANDLE);
    EXPECT_EQ(ip.committed_bytes, PAGE);
    EXPECT_EQ(ip.handle_rights, 0);
    EXPECT_EQ(ip.create_options, 0);
    EXPECT_EQ(ip.cache_policy, 0);
    // Needs no right.
    zx_handle_t none = duplicate(c, 0);
    zx_info_vmo_t ic = info(none);
    EXPECT_EQ(ic.parent_koid, ip.koid);
    EXPECT_EQ(ic.flags, ZX_INFO_VMO_TYPE_PAGED | ZX_INFO_VMO_VIA_HANDLE | ZX_INFO_VMO_IS_COW_CLONE);
    EXPECT_EQ(ic.create_options, 1);
    EXPECT_EQ(ic.committed_bytes, 0);
    EXPECT_EQ(ic.size_bytes, PAGE);
    EXPECT_STATUS(zx_handle_close(p), ZX_OK);
    EXPECT_EQ(info(c).parent_koid, ip.koid); // kept after the parent is gone
    zx_handle_t ev;
    EXPECT_STATUS(zx_event_create(0, &ev), ZX_OK);
    EXPECT_STATUS(zx_object_get_info(ev, ZX_INFO_VMO, &ic, sizeof(ic), NULL, NULL), ZX_ERR_WRONG_TYPE);
    EXPECT_STATUS(zx_object_get_info(c, ZX_INFO_VMO, NULL, 0, NULL, NULL), ZX_ERR_INVALID_ARGS);
    zx_handle_t hs[] = {c, none, ev};
    close_all(hs, 3);
}

int main(void) {
    RUN(page_rounding);
    RUN(read_write);
    RUN(sparse);
    RUN(bounds);
    RUN(read_zeroes_before_range_check);
    RUN(set_size);
    RUN(create_statuses);
    RUN(handle_statuses);
    RUN(name_property);
    RUN(op_range_commit);
    RUN(op_range_others);
    RUN(clone_live_view);
    RUN(clone_offsets);
    RUN(clone_rights_and_name);
    RUN(zero_children);
    RUN(clone_statuses);
    RUN(replace_as_executable);
    RUN(info_vmo);
    return failures != 0;
}
