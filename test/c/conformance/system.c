// System information and the CPRNG through the C ABI. The test's kernel is configured with
// the values checked here (new Kernel({ system })), so they prove the path, not the defaults.
#include "check.h"

#define VERSION "git-0123456789abcdef0123456789abcdef01234567"

static void values(void) {
    EXPECT_EQ(zx_system_get_num_cpus(), 3);
    EXPECT_EQ(zx_system_get_physmem(), 1ull << 34); // above 4 GiB: the whole uint64_t arrives
    EXPECT_EQ(zx_system_get_dcache_line_size(), 128);
}

static void version(void) {
    char buf[80];
    memset(buf, 0xaa, sizeof(buf));
    EXPECT_STATUS(zx_system_get_version(buf, 64), ZX_OK);
    EXPECT_BYTES(buf, VERSION, sizeof(VERSION)); // the string and its NUL
    int padded = 1, untouched = 1;
    for (size_t i = sizeof(VERSION); i < 64; i++) padded &= buf[i] == 0;
    for (size_t i = 64; i < sizeof(buf); i++) untouched &= (unsigned char)buf[i] == 0xaa;
    EXPECT_EQ(padded, 1);
    EXPECT_EQ(untouched, 1);
    // Below 64 bytes, whatever the string: nothing written.
    memset(buf, 0xaa, sizeof(buf));
    EXPECT_STATUS(zx_system_get_version(buf, 63), ZX_ERR_BUFFER_TOO_SMALL);
    EXPECT_EQ((unsigned char)buf[0], 0xaa);
    EXPECT_STATUS(zx_system_get_version(NULL, 0), ZX_ERR_BUFFER_TOO_SMALL);
    EXPECT_STATUS(zx_system_get_version(NULL, 64), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_system_get_version(BAD_POINTER, 64), ZX_ERR_INVALID_ARGS);
}

static void features(void) {
    uint32_t f = 0x5a5a;
    // No CPU feature word (the kernel was given none, as on x86): nothing stored.
    EXPECT_STATUS(zx_system_get_features(ZX_FEATURE_KIND_CPU, &f), ZX_ERR_NOT_SUPPORTED);
    EXPECT_EQ(f, 0x5a5a);
    EXPECT_STATUS(zx_system_get_features(3, &f), ZX_ERR_NOT_SUPPORTED);
    EXPECT_EQ(f, 0x5a5a);
    EXPECT_STATUS(zx_system_get_features(ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT, &f), ZX_OK);
    EXPECT_EQ(f, 6);
    EXPECT_STATUS(zx_system_get_features(ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT, &f), ZX_OK);
    EXPECT_EQ(f, 2);
    EXPECT_STATUS(zx_system_get_features(ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT, BAD_POINTER), ZX_ERR_INVALID_ARGS);
}

static size_t zeros(const unsigned char* b, size_t n) {
    size_t z = 0;
    for (size_t i = 0; i < n; i++) z += b[i] == 0;
    return z;
}

static void cprng_draw(void) {
    static unsigned char buf[ZX_CPRNG_DRAW_MAX_LEN + 16];
    zx_cprng_draw(buf, ZX_CPRNG_DRAW_MAX_LEN);
    EXPECT_EQ(zeros(buf, ZX_CPRNG_DRAW_MAX_LEN) <= 16, 1); // about 1 expected
    EXPECT_EQ(zeros(buf + ZX_CPRNG_DRAW_MAX_LEN, 16), 16); // only buffer_size bytes written
    unsigned char a[32] = {0}, b[32] = {0};
    zx_cprng_draw(a, sizeof(a));
    zx_cprng_draw(b, sizeof(b));
    EXPECT_EQ(memcmp(a, b, sizeof(a)) != 0, 1);
    // Any size: more than Web Crypto gives in one call, every part drawn.
    static unsigned char big[100000];
    zx_cprng_draw(big, sizeof(big));
    EXPECT_EQ(zeros(big, 65536) < 1000, 1);
    EXPECT_EQ(zeros(big + 65536, sizeof(big) - 65536) < 1000, 1);
    unsigned char none[4] = {0};
    zx_cprng_draw(none, 0);
    EXPECT_EQ(zeros(none, 4), 4);
    zx_cprng_draw(NULL, 0);
}

static void cprng_add_entropy(void) {
    static unsigned char buf[ZX_CPRNG_ADD_ENTROPY_MAX_LEN + 1];
    EXPECT_EQ(ZX_CPRNG_ADD_ENTROPY_MAX_LEN, 256);
    EXPECT_STATUS(zx_cprng_add_entropy(buf, ZX_CPRNG_ADD_ENTROPY_MAX_LEN), ZX_OK);
    EXPECT_STATUS(zx_cprng_add_entropy(buf, 0), ZX_OK);
    EXPECT_STATUS(zx_cprng_add_entropy(buf, ZX_CPRNG_ADD_ENTROPY_MAX_LEN + 1), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_cprng_add_entropy(NULL, 0), ZX_ERR_INVALID_ARGS);
    EXPECT_STATUS(zx_cprng_add_entropy(BAD_POINTER, 64), ZX_ERR_INVALID_ARGS);
}

int main(void) {
    RUN(values);
    RUN(version);
    RUN(features);
    RUN(cprng_draw);
    RUN(cprng_add_entropy);
    return failures != 0;
}
