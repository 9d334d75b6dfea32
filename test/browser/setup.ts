// Runs in the page before each browser test file: the kernel's test mode, which Node tests get
// from the ZXKIT_TEST_MODE environment variable, comes from a global of the same name here.
(globalThis as { ZXKIT_TEST_MODE?: string }).ZXKIT_TEST_MODE = '1';
