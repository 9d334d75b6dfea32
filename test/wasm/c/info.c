// Records and properties in the wasm32 layout: ZX_INFO_SOCKET (24 bytes here, 48 on LP64) and
// the size_t socket thresholds (4 bytes here), and the startup handles to its own process and
// job. Prints what it reads, one line each.
#include <stdio.h>
#include <zircon/process.h>
#include <zircon/syscalls.h>
#include <zircon/syscalls/object.h>

int main(void) {
  zx_handle_t a, b;
  if (zx_socket_create(0, &a, &b) != ZX_OK) return 2;
  size_t actual = 0;
  if (zx_socket_write(b, 0, "0123456789", 10, &actual) != ZX_OK) return 3;
  zx_info_socket_t info;
  size_t got = 0, avail = 0;
  printf("%zu %d\n", sizeof info, zx_object_get_info(a, ZX_INFO_SOCKET, &info, sizeof info, &got, &avail));
  printf("%zu %zu %zu %zu\n", got, avail, info.rx_buf_available, info.rx_buf_size);
  size_t threshold = 7, back = 0;
  printf("%d\n", zx_object_set_property(a, ZX_PROP_SOCKET_RX_THRESHOLD, &threshold, sizeof threshold));
  printf("%d %zu\n", zx_object_get_property(a, ZX_PROP_SOCKET_RX_THRESHOLD, &back, sizeof back), back);
  zx_info_handle_basic_t self, job;
  zx_object_get_info(zx_process_self(), ZX_INFO_HANDLE_BASIC, &self, sizeof self, NULL, NULL);
  zx_object_get_info(zx_job_default(), ZX_INFO_HANDLE_BASIC, &job, sizeof job, NULL, NULL);
  printf("%u %u %d\n", self.type, job.type, self.related_koid == job.koid);
  return 0;
}
