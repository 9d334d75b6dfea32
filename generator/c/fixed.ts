// The parts of the C headers that are code, not definitions: compiler macros, time arithmetic,
// assertions, the helper macros beside the constants, and the process entry points the host
// provides. Facts from shared/spec/c-headers.md §3 and §6; the text is zxkit's own.

/** zircon/compiler.h: what the other headers and Zircon programs use, for clang and GCC. */
export const COMPILER_H = `#if !defined(__GNUC__) && !defined(__clang__)
#error "zircon/compiler.h needs clang or GCC"
#endif

#ifdef __cplusplus
#define __BEGIN_CDECLS extern "C" {
#define __END_CDECLS }
#define __CONSTEXPR constexpr
#else
#define __BEGIN_CDECLS
#define __END_CDECLS
#define __CONSTEXPR
#endif

#ifndef __DEPRECATE
#define __DEPRECATE __attribute__((__deprecated__))
#endif

#define countof(a) (sizeof(a) / sizeof((a)[0]))
#define add_overflow(a, b, c) __builtin_add_overflow(a, b, c)
#define sub_overflow(a, b, c) __builtin_sub_overflow(a, b, c)
#define mul_overflow(a, b, c) __builtin_mul_overflow(a, b, c)

#ifndef __ASSEMBLER__

#if defined(__clang__)
#define __LEAF_FN
#else
#define __LEAF_FN __attribute__((__leaf__))
#endif
#define __NONNULL(x) __attribute__((__nonnull__ x))
#define __NO_RETURN __attribute__((__noreturn__))
#define __CONST __attribute__((__const__))
#define __PURE __attribute__((__pure__))
#define __MALLOC __attribute__((__malloc__))
#define __WARN_UNUSED_RESULT __attribute__((__warn_unused_result__))
#define __ALWAYS_INLINE __attribute__((__always_inline__))
#define __NO_INLINE __attribute__((__noinline__))
#define __PACKED __attribute__((__packed__))
#define __ALIGNED(x) __attribute__((__aligned__(x)))
#define __UNUSED __attribute__((__unused__))
#define __USED __attribute__((__used__))
#define __WEAK __attribute__((__weak__))
#define __ALIAS(x) __attribute__((__alias__(x)))
#define __WEAK_ALIAS(x) __attribute__((__weak__, __alias__(x)))
#define __EXPORT __attribute__((__visibility__("default")))
#define __LOCAL __attribute__((__visibility__("hidden")))
#define __SECTION(x) __attribute__((__section__(x)))
#define __CONSTRUCTOR __attribute__((__constructor__))
#define __DESTRUCTOR __attribute__((__destructor__))
#define __MAY_ALIAS __attribute__((__may_alias__))
#define __PRINTFLIKE(fmt, args) __attribute__((__format__(__printf__, fmt, args)))
#define __SCANFLIKE(fmt, args) __attribute__((__format__(__scanf__, fmt, args)))
#define __RESTRICT __restrict
#define __THREAD __thread
#define __UNREACHABLE __builtin_unreachable()
#define __offsetof(type, field) __builtin_offsetof(type, field)
#define __ISCONSTANT(x) __builtin_constant_p(x)
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#if defined(__cplusplus) && __cplusplus >= 201703L
#define __FALLTHROUGH [[fallthrough]]
#elif defined(__clang__)
#define __FALLTHROUGH __attribute__((__fallthrough__))
#else
#define __FALLTHROUGH do {} while (0)
#endif

/* zxkit: wasm32 programs import each syscall from the host; other targets declare it plainly. */
#if defined(__wasm__)
#define __ZX_WASM_IMPORT(module, name) __attribute__((__import_module__(module), __import_name__(name)))
#else
#define __ZX_WASM_IMPORT(module, name)
#endif

/* zxkit: the layout checks after each struct, in C and in C++. */
#ifdef __cplusplus
#define __ZX_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
#define __ZX_ALIGNOF(type) alignof(type)
#else
#define __ZX_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#define __ZX_ALIGNOF(type) _Alignof(type)
#endif

#endif  /* __ASSEMBLER__ */`;

/** zircon/types.h: the duration macros (64-bit arithmetic whatever n's type). */
export const TYPES_H_MACROS = `#define ZX_NSEC(n) ((zx_duration_t)(1LL * (n)))
#define ZX_USEC(n) ((zx_duration_t)(1000LL * (n)))
#define ZX_MSEC(n) ((zx_duration_t)(1000000LL * (n)))
#define ZX_SEC(n) ((zx_duration_t)(1000000000LL * (n)))
#define ZX_MIN(n) (ZX_SEC(n) * 60LL)
#define ZX_HOUR(n) (ZX_MIN(n) * 60LL)`;

/** zircon/time.h: saturating time arithmetic (an overflow pins to the infinite past or future). */
export const TIME_H = `static inline __CONSTEXPR zx_time_t zx_time_add_duration(zx_time_t time, zx_duration_t duration) {
    zx_time_t x = 0;
    if (unlikely(add_overflow(time, duration, &x))) {
        return x >= 0 ? ZX_TIME_INFINITE_PAST : ZX_TIME_INFINITE;
    }
    return x;
}

static inline __CONSTEXPR zx_time_t zx_time_sub_duration(zx_time_t time, zx_duration_t duration) {
    zx_time_t x = 0;
    if (unlikely(sub_overflow(time, duration, &x))) {
        return x >= 0 ? ZX_TIME_INFINITE_PAST : ZX_TIME_INFINITE;
    }
    return x;
}

static inline __CONSTEXPR zx_duration_t zx_time_sub_time(zx_time_t time1, zx_time_t time2) {
    zx_duration_t x = 0;
    if (unlikely(sub_overflow(time1, time2, &x))) {
        return x >= 0 ? ZX_TIME_INFINITE_PAST : ZX_TIME_INFINITE;
    }
    return x;
}

static inline __CONSTEXPR zx_duration_t zx_duration_add_duration(zx_duration_t dur1, zx_duration_t dur2) {
    zx_duration_t x = 0;
    if (unlikely(add_overflow(dur1, dur2, &x))) {
        return x >= 0 ? ZX_TIME_INFINITE_PAST : ZX_TIME_INFINITE;
    }
    return x;
}

static inline __CONSTEXPR zx_duration_t zx_duration_sub_duration(zx_duration_t dur1, zx_duration_t dur2) {
    zx_duration_t x = 0;
    if (unlikely(sub_overflow(dur1, dur2, &x))) {
        return x >= 0 ? ZX_TIME_INFINITE_PAST : ZX_TIME_INFINITE;
    }
    return x;
}

static inline __CONSTEXPR zx_duration_t zx_duration_mul_int64(zx_duration_t duration, int64_t multiplier) {
    zx_duration_t x = 0;
    if (unlikely(mul_overflow(duration, multiplier, &x))) {
        return (duration > 0) == (multiplier > 0) ? ZX_TIME_INFINITE : ZX_TIME_INFINITE_PAST;
    }
    return x;
}`;

/** zircon/assert.h: checks that print where they failed and abort. */
export const ASSERT_H = `#define ZX_PANIC(fmt, ...) \\
    do { \\
        fprintf(stderr, "PANIC at %s:%d: " fmt "\\n", __FILE__, __LINE__, ##__VA_ARGS__); \\
        abort(); \\
    } while (0)

#define ZX_ASSERT(x) \\
    do { \\
        if (unlikely(!(x))) ZX_PANIC("ASSERT FAILED: %s", #x); \\
    } while (0)

#define ZX_ASSERT_MSG(x, msg, ...) \\
    do { \\
        if (unlikely(!(x))) ZX_PANIC("ASSERT FAILED: %s: " msg, #x, ##__VA_ARGS__); \\
    } while (0)

#ifdef NDEBUG
#define ZX_DEBUG_ASSERT_IMPLEMENTED 0
#else
#define ZX_DEBUG_ASSERT_IMPLEMENTED 1
#endif

#define ZX_DEBUG_ASSERT(x) \\
    do { \\
        if (ZX_DEBUG_ASSERT_IMPLEMENTED) ZX_ASSERT(x); \\
    } while (0)

#define ZX_DEBUG_ASSERT_MSG(x, msg, ...) \\
    do { \\
        if (ZX_DEBUG_ASSERT_IMPLEMENTED) ZX_ASSERT_MSG(x, msg, ##__VA_ARGS__); \\
    } while (0)`;

/** zircon/syscalls/port.h: packet type tests. */
export const PORT_H_MACROS = `#define ZX_PKT_TYPE_EXCEPTION(n) ((uint32_t)(0x08u | (((n) & 0xFFu) << 8)))
#define ZX_PKT_IS_USER(type) ((type) == ZX_PKT_TYPE_USER)
#define ZX_PKT_IS_SIGNAL_ONE(type) ((type) == ZX_PKT_TYPE_SIGNAL_ONE)
#define ZX_PKT_IS_SIGNAL_REP(type) ((type) == ZX_PKT_TYPE_SIGNAL_REP)
#define ZX_PKT_IS_GUEST_BELL(type) ((type) == ZX_PKT_TYPE_GUEST_BELL)
#define ZX_PKT_IS_GUEST_MEM(type) ((type) == ZX_PKT_TYPE_GUEST_MEM)
#define ZX_PKT_IS_GUEST_IO(type) ((type) == ZX_PKT_TYPE_GUEST_IO)
#define ZX_PKT_IS_GUEST_VCPU(type) ((type) == ZX_PKT_TYPE_GUEST_VCPU)
#define ZX_PKT_IS_INTERRUPT(type) ((type) == ZX_PKT_TYPE_INTERRUPT)
#define ZX_PKT_IS_EXCEPTION(type) (((type) & ZX_PKT_TYPE_MASK) == ZX_PKT_TYPE_EXCEPTION(0))`;

/** zircon/processargs.h: packing and unpacking a handle info word. */
export const PROCESSARGS_H_MACROS = `#define PA_HND(type, arg) (((type) & 0xFF) | (((arg) & 0xFFFF) << 16))
#define PA_HND_TYPE(n) ((n) & 0xFF)
#define PA_HND_SUBTYPE(n) (((n) >> 8) & 0xFF)
#define PA_HND_ARG(n) (((n) >> 16) & 0xFFFF)`;

/**
 * zircon/process.h. In Zircon libc implements these; on zxkit the host does, and a wasm32 program
 * imports them from module \`zx\` by their names without the prefix, as it imports syscalls.
 * zx_take_startup_handle hands over ownership; the other four return borrowed handles.
 */
export const PROCESS_FUNCTIONS: readonly { readonly name: string; readonly params: string; readonly twin: boolean }[] = [
  { name: 'take_startup_handle', params: 'uint32_t hnd_info', twin: false },
  { name: 'thread_self', params: 'void', twin: true },
  { name: 'process_self', params: 'void', twin: true },
  { name: 'vmar_root_self', params: 'void', twin: true },
  { name: 'job_default', params: 'void', twin: true },
];
