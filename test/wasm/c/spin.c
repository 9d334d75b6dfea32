// CPU-bound work with no syscalls: argv[1] million rounds of a xorshift; exits with the low bits.
#include <stdlib.h>
#include <stdint.h>

int main(int argc, char** argv) {
  long rounds = (argc > 1 ? atol(argv[1]) : 1) * 1000000L;
  uint64_t x = 88172645463325252ull;
  for (long i = 0; i < rounds; i++) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
  }
  return (int)(x & 0x3f);
}
