// What a C program expects of its WASI beyond stdio: arguments and environment, clocks, a sleep,
// randomness, no files. Prints one line per check; exits 0. With argument "sleep" it says
// "sleeping" and sleeps a minute instead (to be killed in its sleep).
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double ms(const struct timespec* t) { return t->tv_sec * 1e3 + t->tv_nsec / 1e6; }

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "sleep") == 0) {
    printf("sleeping\n");
    fflush(stdout);
    struct timespec minute = {60, 0};
    nanosleep(&minute, NULL);
    return 1;
  }
  printf("argc %d argv1 %s\n", argc, argc > 1 ? argv[1] : "-");
  const char* greeting = getenv("GREETING");
  printf("env %s\n", greeting ? greeting : "(unset)");
  struct timespec a, b, wall;
  clock_gettime(CLOCK_MONOTONIC, &a);
  struct timespec nap = {0, 30 * 1000 * 1000};
  int slept = nanosleep(&nap, NULL);
  clock_gettime(CLOCK_MONOTONIC, &b);
  printf("sleep %d %s\n", slept, ms(&b) - ms(&a) >= 29 ? "long-enough" : "too-short");
  clock_gettime(CLOCK_REALTIME, &wall);
  printf("year>=2024 %d\n", wall.tv_sec >= 1704067200);
  unsigned char r1[48], r2[48];
  int e1 = getentropy(r1, sizeof r1), e2 = getentropy(r2, sizeof r2);
  printf("entropy %d %d %s\n", e1, e2, memcmp(r1, r2, sizeof r1) != 0 ? "differs" : "same");
  FILE* f = fopen("/etc/passwd", "r");
  printf("fopen %s\n", f == NULL ? "refused" : "opened");
  return 0;
}
