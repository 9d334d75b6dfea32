// The debug log through the C ABI: log objects and their rights and signals, the record read
// back as zx_log_record_t from <zircon/syscalls/log.h>, each reader's own position, and every
// status of debuglog_create, debuglog_write and debuglog_read. The kernel's clock is virtual,
// so a record's timestamp is exactly the time read before the write.
#include <zircon/process.h>
#include <zircon/syscalls/log.h>

#include "check.h"

static zx_handle_t mk_log(uint32_t options) {
    zx_handle_t h = ZX_HANDLE_INVALID;
    EXPECT_STATUS(zx_debuglog_create(ZX_HANDLE_INVALID, options, &h), ZX_OK);
    return h;
}

static void put(zx_handle_t log, uint32_t options, const char* text) {
    EXPECT_STATUS(zx_debuglog_write(log, options, text, strlen(text)), ZX_OK);
}

// Reads past every record a new reader starts with (earlier tests' records), to SHOULD_WAIT.
static void drain(zx_handle_t reader) {
    static unsigned char buf[ZX_LOG_RECORD_MAX];
    for (int i = 0; i < 10000; i++) {
        zx_status_t st = zx_debuglog_read(reader, 0, buf, sizeof(buf));
        if (st == ZX_ERR_SHOULD_WAIT) return;
        EXPECT_EQ(st >= (zx_status_t)sizeof(zx_log_record_t), 1);
    }
}

static void create(void) {
    zx_handle_t w = mk_log(0);
    zx_handle_t r = mk_log(ZX_LOG_FLAG_READABLE);
    zx_info_handle_basic_t bw = handle_basic(w), br = handle_basic(r);
    EXPECT_EQ(bw.type, ZX_OBJ_TYPE_LOG);
    EXPECT_EQ(bw.rights, ZX_DEFAULT_LOG_RIGHTS);
    EXPECT_EQ(bw.rights, 0xd00b);
    EXPECT_EQ(br.rights, 0xd00f); // READ as well
    EXPECT_EQ(sig(w), ZX_LOG_WRITABLE);
    EXPECT_EQ(sig(r), ZX_LOG_WRITABLE);
    // A readable log made while records are kept starts READABLE, at the oldest one.
    put(w, 0, "first");
    zx_handle_t late = mk_log(ZX_LOG_FLAG_READABLE);
    EXPECT_EQ(sig(late), ZX_LOG_WRITABLE | ZX_LOG_READABLE);
    unsigned char buf[ZX_LOG_RECORD_MAX];
    EXPECT_STATUS(zx_debuglog_read(late, 0, buf, sizeof(buf)), 32 + 5);
    EXPECT_BYTES(buf + 32, "first", 5);
    // A resource that is no handle, and a live handle that is no resource; the out untouched.
    zx_handle_t out = 0x1234;
    EXPECT_STATUS(zx_debuglog_create(0x7ffff0, 0, &out), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_debuglog_create(w, 0, &out), ZX_ERR_WRONG_TYPE);
    EXPECT_EQ(out, 0x1234);
    EXPECT_STATUS(zx_debuglog_create(ZX_HANDLE_INVALID, 0, hidden_null()), ZX_ERR_INVALID_ARGS);
    zx_handle_t hs[] = {w, r, late};
    close_all(hs, 3);
}

static void record(void) {
    zx_handle_t log = mk_log(ZX_LOG_FLAG_READABLE);
    drain(log);
    zx_time_t now = zx_clock_get_monotonic();
    put(log, ZX_LOG_INFO, "ping");
    unsigned char buf[ZX_LOG_RECORD_MAX];
    memset(buf, 0xee, sizeof(buf));
    EXPECT_STATUS(zx_debuglog_read(log, 0, buf, sizeof(buf)), 36);
    zx_log_record_t rec;
    memcpy(&rec, buf, sizeof(rec));
    EXPECT_EQ(rec.reserved, 0x00024024); // ((32 + 4) << 12) | (32 + 4)
    EXPECT_EQ(rec.datalen, 4);
    EXPECT_EQ(rec.flags, ZX_LOG_INFO);
    EXPECT_EQ(rec.timestamp, now);
    EXPECT_EQ(rec.pid, handle_basic(zx_process_self()).koid);
    EXPECT_EQ(rec.tid, 0);
    EXPECT_BYTES(buf + 32, "ping", 4);
    EXPECT_EQ(buf[36], 0xee); // not NUL-terminated
    EXPECT_STATUS(zx_handle_close(log), ZX_OK);
}

static void sizes(void) {
    zx_handle_t log = mk_log(ZX_LOG_FLAG_READABLE);
    drain(log);
    unsigned char buf[ZX_LOG_RECORD_MAX];
    zx_log_record_t rec;
    // An odd length pads the ring footprint to 4 bytes, in reserved's low part.
    put(log, 0, "abcde");
    EXPECT_STATUS(zx_debuglog_read(log, 0, buf, sizeof(buf)), 37);
    memcpy(&rec, buf, sizeof(rec));
    EXPECT_EQ(rec.reserved, (37u << 12) | 40u);
    // 224 data bytes is the most, which makes the largest record ZX_LOG_RECORD_MAX.
    unsigned char max[224];
    memset(max, 7, sizeof(max));
    EXPECT_STATUS(zx_debuglog_write(log, 0, max, sizeof(max)), ZX_OK);
    EXPECT_STATUS(zx_debuglog_read(log, 0, buf, sizeof(buf)), ZX_LOG_RECORD_MAX);
    EXPECT_BYTES(buf + 32, max, sizeof(max));
    EXPECT_STATUS(zx_debuglog_write(log, 0, max, 0), ZX_OK);
    EXPECT_STATUS(zx_debuglog_read(log, 0, buf, sizeof(buf)), 32);
    // Too long: OUT_OF_RANGE before the options and the handle are looked at.
    unsigned char big[225] = {0};
    EXPECT_STATUS(zx_debuglog_write(log, 0, big, 225), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_debuglog_write(0x7ffff0, 0x10000, big, 225), ZX_ERR_OUT_OF_RANGE);
    EXPECT_STATUS(zx_debuglog_read(log, 0, buf, sizeof(buf)), ZX_ERR_SHOULD_WAIT);
    EXPECT_STATUS(zx_handle_close(log), ZX_OK);
}

static void create_options_in_flags(void) {
    zx_handle_t reader = mk_log(ZX_LOG_FLAG_READABLE);
    drain(reader);
    // Options are not checked; their low 16 bits go into every record's flags.
    zx_handle_t log = mk_log(0x12340000u | ZX_LOG_WARN);
    put(log, ZX_LOG_INFO, "x");
    unsigned char buf[ZX_LOG_RECORD_MAX];
    EXPECT_STATUS(zx_debuglog_read(reader, 0, buf, sizeof(buf)), 33);
    zx_log_record_t rec;
    memcpy(&rec, buf, sizeof(rec));
    EXPECT_EQ(rec.flags, ZX_LOG_WARN | ZX_LOG_INFO);
    zx_handle_t hs[] = {reader, log};
    close_all(hs, 2);
}

static void readers(void) {
    zx_handle_t a = mk_log(ZX_LOG_FLAG_READABLE), b = mk_log(ZX_LOG_FLAG_READABLE), w = mk_log(0);
    drain(a);
    drain(b);
    EXPECT_EQ(sig(a), ZX_LOG_WRITABLE);
    put(w, 0, "one");
    put(w, 0, "two");
    EXPECT_EQ(sig(a), ZX_LOG_WRITABLE | ZX_LOG_READABLE);
    EXPECT_EQ(sig(b), ZX_LOG_WRITABLE | ZX_LOG_READABLE);
    // Each reader reads every record once, in order.
    zx_handle_t rs[] = {a, b};
    const char* texts[] = {"one", "two"};
    unsigned char buf[ZX_LOG_RECORD_MAX];
    for (size_t r = 0; r < 2; r++) {
        for (size_t i = 0; i < 2; i++) {
            EXPECT_STATUS(zx_debuglog_read(rs[r], 0, buf, sizeof(buf)), 35);
            EXPECT_BYTES(buf + 32, texts[i], 3);
        }
    }
    // READABLE clears only when a read finds nothing.
    EXPECT_EQ(sig(a), ZX_LOG_WRITABLE | ZX_LOG_READABLE);
    EXPECT_STATUS(zx_debuglog_read(a, 0, buf, sizeof(buf)), ZX_ERR_SHOULD_WAIT);
    EXPECT_EQ(sig(a), ZX_LOG_WRITABLE);
    EXPECT_EQ(sig(b), ZX_LOG_WRITABLE | ZX_LOG_READABLE);
    zx_handle_t hs[] = {a, b, w};
    close_all(hs, 3);
}

static void write_statuses(void) {
    zx_handle_t log = mk_log(0), c0, c1, wait_only;
    EXPECT_STATUS(zx_channel_create(0, &c0, &c1), ZX_OK);
    EXPECT_STATUS(zx_handle_duplicate(log, ZX_RIGHT_WAIT, &wait_only), ZX_OK);
    char b[1] = {'b'};
    // Options outside ZX_LOG_FLAGS_MASK, before the handle; a null buffer even of size 0.
    EXPECT_STATUS(zx_debuglog_write(log, 0x10000, b, 1), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_debuglog_write(0x7ffff0, 0x10000, b, 1), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_debuglog_write(log, 0, NULL, 0), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_debuglog_write(log, 0, BAD_POINTER, 64), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_debuglog_write(0x7ffff0, 0, b, 1), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_debuglog_write(wait_only, 0, b, 1), ZX_ERR_ACCESS_DENIED);
    EXPECT_STATUS(zx_debuglog_write(c0, 0, b, 1), ZX_ERR_WRONG_TYPE);
    zx_handle_t hs[] = {log, c0, c1, wait_only};
    close_all(hs, 4);
}

static void read_statuses(void) {
    zx_handle_t log = mk_log(ZX_LOG_FLAG_READABLE), w = mk_log(0), c0, c1;
    EXPECT_STATUS(zx_channel_create(0, &c0, &c1), ZX_OK);
    drain(log);
    unsigned char buf[ZX_LOG_RECORD_MAX];
    EXPECT_STATUS(zx_debuglog_read(log, 0, buf, sizeof(buf)), ZX_ERR_SHOULD_WAIT);
    EXPECT_STATUS(zx_debuglog_read(w, 0, buf, sizeof(buf)), ZX_ERR_ACCESS_DENIED); // made without READABLE
    EXPECT_STATUS(zx_debuglog_read(0x7ffff0, 0, buf, sizeof(buf)), ZX_ERR_BAD_HANDLE);
    EXPECT_STATUS(zx_debuglog_read(c0, 0, buf, sizeof(buf)), ZX_ERR_WRONG_TYPE);
    put(w, 0, "lost");
    put(w, 0, "kept");
    EXPECT_STATUS(zx_debuglog_read(log, 1, buf, sizeof(buf)), ZX_ERR_INVALID_ARGS);
    // A pointer outside memory is refused before anything is read.
    EXPECT_STATUS(zx_debuglog_read(log, 0, BAD_POINTER, sizeof(buf)), ZX_ERR_INVALID_ARGS);
    // A buffer too small for the record: INVALID_ARGS, and the record is consumed.
    EXPECT_STATUS(zx_debuglog_read(log, 0, buf, 8), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_debuglog_read(log, 0, buf, sizeof(buf)), 36);
    EXPECT_BYTES(buf + 32, "kept", 4);
    zx_handle_t hs[] = {log, w, c0, c1};
    close_all(hs, 4);
}

int main(void) {
    RUN(create);
    RUN(record);
    RUN(sizes);
    RUN(create_options_in_flags);
    RUN(readers);
    RUN(write_statuses);
    RUN(read_statuses);
    return failures != 0;
}
