// Bad pointers and unimplemented syscalls through the host bindings. Prints one status a line.
#include <stdio.h>
#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/syscalls.h>


int main(void) {
  zx_handle_t a, b;
  if (zx_channel_create(0, &a, &b) != ZX_OK) return 2;
  char* end = (char*)(__builtin_wasm_memory_size(0) * 65536);
  // A buffer that runs off the end of memory, one that wraps around 2^32, an out pointer past the end.
  printf("%d\n", zx_channel_write(a, 0, end - 4, 8, NULL, 0));
  printf("%d\n", zx_channel_write(a, 0, (void*)0xFFFFFFF0u, 0x20, NULL, 0));
  printf("%d\n", zx_channel_create(0, (zx_handle_t*)(end - 2), &b));
  // The same calls in bounds succeed; the last byte of memory is usable.
  printf("%d\n", zx_channel_write(a, 0, end - 8, 8, NULL, 0));
  uint32_t n = 0, nh = 0;
  printf("%d %u\n", zx_channel_read(b, 0, end - 8, NULL, 8, 0, &n, &nh), n);
  printf("%d\n", zx_guest_create(0, 0, &a, &b));
  return 0;
}
