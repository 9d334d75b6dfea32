// The conformance programs' checks: each failed expectation prints one FAIL line with its place
// and both values, each test one "ok NAME" or "FAILED NAME" line; main's exit code is 0 only
// when nothing failed. The programs use nothing but the Zircon headers and libc.
#ifndef CONFORMANCE_CHECK_H_
#define CONFORMANCE_CHECK_H_

#include <stdio.h>
#include <string.h>
#include <zircon/status.h>
#include <zircon/syscalls.h>
#include <zircon/syscalls/object.h>

static int failures;

// An address far past the end of any wasm32 program's memory.
#define BAD_POINTER ((void*)(uintptr_t)0xfffffff0u)

#define EXPECT_STATUS(expr, want)                                                                  \
    do {                                                                                           \
        zx_status_t got_ = (expr);                                                                 \
        if (got_ != (want)) {                                                                      \
            printf("FAIL %s:%d: %s is %s, want %s\n", __FILE__, __LINE__, #expr,                   \
                   zx_status_get_string(got_), zx_status_get_string(want));                        \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

#define EXPECT_EQ(a, b)                                                                            \
    do {                                                                                           \
        unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b);             \
        if (a_ != b_) {                                                                            \
            printf("FAIL %s:%d: %s is %llu (0x%llx), want %s = %llu (0x%llx)\n", __FILE__, __LINE__, \
                   #a, a_, a_, #b, b_, b_);                                                        \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

#define EXPECT_BYTES(got, want, n)                                                                 \
    do {                                                                                           \
        if (memcmp((got), (want), (n)) != 0) {                                                     \
            printf("FAIL %s:%d: %s differs from %s\n", __FILE__, __LINE__, #got, #want);            \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

#define RUN(test)                                                                                  \
    do {                                                                                           \
        int before_ = failures;                                                                    \
        test();                                                                                    \
        printf("%s %s\n", failures == before_ ? "ok" : "FAILED", #test);                           \
    } while (0)

// The signals a handle's object asserts now: a wait that polls.
static inline zx_signals_t sig(zx_handle_t h) {
    zx_signals_t observed = 0;
    zx_status_t status = zx_object_wait_one(h, 0, 0, &observed);
    if (status != ZX_ERR_TIMED_OUT) {
        printf("FAIL sig(%u): wait_one is %s\n", h, zx_status_get_string(status));
        failures++;
    }
    return observed;
}

// What ZX_INFO_HANDLE_BASIC says of a handle (zeros when that fails, with the failure printed).
static inline zx_info_handle_basic_t handle_basic(zx_handle_t h) {
    zx_info_handle_basic_t info;
    memset(&info, 0, sizeof(info));
    EXPECT_STATUS(zx_object_get_info(h, ZX_INFO_HANDLE_BASIC, &info, sizeof(info), NULL, NULL), ZX_OK);
    return info;
}

// A duplicate of `h` with `rights`.
static inline zx_handle_t duplicate(zx_handle_t h, zx_rights_t rights) {
    zx_handle_t d = ZX_HANDLE_INVALID;
    EXPECT_STATUS(zx_handle_duplicate(h, rights, &d), ZX_OK);
    return d;
}

// A null pointer the compiler cannot see, for the parameters the headers declare non-null: the
// checks pass null there on purpose, to see the kernel refuse it.
static inline void* hidden_null(void) {
    static void* volatile null_;
    return null_;
}

static inline void close_all(const zx_handle_t* handles, size_t n) {
    for (size_t i = 0; i < n; i++) EXPECT_STATUS(zx_handle_close(handles[i]), ZX_OK);
}

#endif  // CONFORMANCE_CHECK_H_
