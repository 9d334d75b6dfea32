// Test-local declarations of the few Zircon calls the process tests use, with the attributes of
// the generated <zircon/syscalls.h> (module "zx", name = the syscall's name). Used until the
// generated headers are merged; the values are Zircon's.
#pragma once
#include <stdint.h>
#include <stddef.h>

typedef uint32_t zx_handle_t;
typedef int32_t zx_status_t;
typedef uint32_t zx_signals_t;
typedef int64_t zx_time_t;

#define ZX_IMPORT(name) __attribute__((import_module("zx"), import_name(#name)))

#define ZX_OK 0
#define ZX_ERR_INVALID_ARGS (-10)
#define ZX_ERR_SHOULD_WAIT (-22)
#define ZX_ERR_PEER_CLOSED (-24)
#define ZX_HANDLE_INVALID ((zx_handle_t)0)
#define ZX_TIME_INFINITE INT64_MAX
#define ZX_CHANNEL_READABLE ((zx_signals_t)1u << 0)
#define ZX_CHANNEL_PEER_CLOSED ((zx_signals_t)1u << 2)
#define ZX_EVENT_SIGNALED ((zx_signals_t)1u << 3)
#define ZX_USER_SIGNAL_0 ((zx_signals_t)1u << 24)
#define ZX_SOCKET_READABLE ((zx_signals_t)1u << 0)
#define ZX_SOCKET_WRITABLE ((zx_signals_t)1u << 1)
#define ZX_SOCKET_PEER_CLOSED ((zx_signals_t)1u << 2)
#define PA_USER0 0xF0u
#define PA_HND(type, arg) (((type) & 0xFF) | (((arg) & 0xFFFF) << 16))

ZX_IMPORT(channel_create) zx_status_t zx_channel_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1);
ZX_IMPORT(channel_write) zx_status_t zx_channel_write(zx_handle_t handle, uint32_t options, const void* bytes, uint32_t num_bytes, const zx_handle_t* handles, uint32_t num_handles);
ZX_IMPORT(channel_read) zx_status_t zx_channel_read(zx_handle_t handle, uint32_t options, void* bytes, zx_handle_t* handles, uint32_t num_bytes, uint32_t num_handles, uint32_t* actual_bytes, uint32_t* actual_handles);
ZX_IMPORT(object_wait_one) zx_status_t zx_object_wait_one(zx_handle_t handle, zx_signals_t signals, zx_time_t deadline, zx_signals_t* observed);
ZX_IMPORT(object_signal) zx_status_t zx_object_signal(zx_handle_t handle, uint32_t clear_mask, uint32_t set_mask);
ZX_IMPORT(event_create) zx_status_t zx_event_create(uint32_t options, zx_handle_t* out);
ZX_IMPORT(handle_close) zx_status_t zx_handle_close(zx_handle_t handle);
ZX_IMPORT(socket_create) zx_status_t zx_socket_create(uint32_t options, zx_handle_t* out0, zx_handle_t* out1);
ZX_IMPORT(socket_write) zx_status_t zx_socket_write(zx_handle_t handle, uint32_t options, const void* buffer, size_t buffer_size, size_t* actual);
ZX_IMPORT(socket_read) zx_status_t zx_socket_read(zx_handle_t handle, uint32_t options, void* buffer, size_t buffer_size, size_t* actual);
ZX_IMPORT(take_startup_handle) zx_handle_t zx_take_startup_handle(uint32_t hnd_info);
ZX_IMPORT(process_exit) _Noreturn void zx_process_exit(int64_t retcode);
