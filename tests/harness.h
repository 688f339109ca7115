/* The in-repo test harness: a test file is a main() calling TEST blocks with OK / INT_EQ / STR_EQ.
 * A failed check prints file:line and the values, and the file exits 1 at the end. */
#ifndef PYMM_TEST_HARNESS_H
#define PYMM_TEST_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_failures;
static int harness_checks;
static const char *harness_test = "";

#define TEST(name) for (int harness_once = (harness_test = (name), 1); harness_once; harness_once = 0)

#define OK(cond)                                                                              \
  do {                                                                                        \
    harness_checks++;                                                                         \
    if (!(cond)) {                                                                            \
      harness_failures++;                                                                     \
      fprintf(stderr, "%s:%d: [%s] expected: %s\n", __FILE__, __LINE__, harness_test, #cond); \
    }                                                                                         \
  } while (0)

#define INT_EQ(actual, expected)                                                                                      \
  do {                                                                                                                \
    long long harness_a = (long long)(actual), harness_e = (long long)(expected);                                     \
    harness_checks++;                                                                                                 \
    if (harness_a != harness_e) {                                                                                     \
      harness_failures++;                                                                                             \
      fprintf(stderr, "%s:%d: [%s] %s = %lld, expected %lld\n", __FILE__, __LINE__, harness_test, #actual, harness_a, \
              harness_e);                                                                                             \
    }                                                                                                                 \
  } while (0)

#define STR_EQ(actual, expected)                                                                                     \
  do {                                                                                                               \
    const char *harness_a = (actual), *harness_e = (expected);                                                       \
    harness_checks++;                                                                                                \
    if (!harness_a || !harness_e || strcmp(harness_a, harness_e) != 0) {                                             \
      harness_failures++;                                                                                            \
      fprintf(stderr, "%s:%d: [%s] %s =\n  \"%s\"\nexpected\n  \"%s\"\n", __FILE__, __LINE__, harness_test, #actual, \
              harness_a ? harness_a : "(null)", harness_e ? harness_e : "(null)");                                   \
    }                                                                                                                \
  } while (0)

/* Substring check: 'haystack' contains 'needle'. */
#define STR_HAS(haystack, needle)                                                                                   \
  do {                                                                                                              \
    const char *harness_h = (haystack), *harness_n = (needle);                                                      \
    harness_checks++;                                                                                               \
    if (!harness_h || !strstr(harness_h, harness_n)) {                                                              \
      harness_failures++;                                                                                           \
      fprintf(stderr, "%s:%d: [%s] %s does not contain \"%s\":\n%s\n", __FILE__, __LINE__, harness_test, #haystack, \
              harness_n, harness_h ? harness_h : "(null)");                                                         \
    }                                                                                                               \
  } while (0)

/* Ends main(): prints "N passed, N failed" and returns the exit code. */
#define HARNESS_DONE() \
  (printf("%d passed, %d failed\n", harness_checks - harness_failures, harness_failures), harness_failures ? 1 : 0)

#endif
