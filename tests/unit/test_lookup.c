/* Lookup ranking (server/guide/lookup.c) on the shipped guide: code words, prose, prefixes, ties,
 * queries that match nothing, determinism, threads sharing one guide, speed. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "pymm/guide.h"

enum { MAX_HITS = 10 };

static const pymm_guide *guide;

/* The slug of the i-th best entry for 'query', or "" when there are fewer hits. */
static const char *hit_slug(const char *query, size_t i) {
  pymm_guide_hit hits[MAX_HITS];
  size_t n = pymm_guide_lookup(guide, query, hits, MAX_HITS);
  return i < n ? pymm_guide_entry_at(guide, hits[i].entry)->slug : "";
}

static const char *top(const char *query) { return hit_slug(query, 0); }

/* True when one of the first 'within' hits has 'slug'. */
static bool ranks(const char *query, const char *slug, size_t within) {
  for (size_t i = 0; i < within; i++)
    if (strcmp(hit_slug(query, i), slug) == 0) return true;
  return false;
}

static void test_code_words(void) {
  TEST("code words: popleft, appendleft, lru_cache, __slots__, nonlocal, @property, yield from") {
    STR_EQ(top("popleft"), "collections-module-highlights--deque---double-ended-queue-o1-both-ends");
    STR_EQ(top("appendleft"), "collections-module-highlights--deque---double-ended-queue-o1-both-ends");
    STR_EQ(top("dq.popleft()"), "collections-module-highlights--deque---double-ended-queue-o1-both-ends");
    STR_EQ(top("lru_cache"), "common-decorator-patterns--2-caching--memoization");
    STR_EQ(top("@lru_cache(maxsize=128)"), "common-decorator-patterns--2-caching--memoization");
    STR_EQ(top("__slots__"), "common-optimizations--8-use-__slots__-for-many-objects");
    OK(ranks("__slots__", "object-internals", 3));
    STR_EQ(top("nonlocal"), "variable-scopes-legb");
    OK(ranks("nonlocal", "closure-mental-model", 2));
    STR_EQ(top("@property"), "class-anatomy--property-computed-attribute");
    STR_EQ(top("yield from"), "generator-functions--yield-from-delegate-to-sub-generator");
    STR_EQ(top("defaultdict"), "collections-module-highlights--defaultdict---dict-with-default-factory");
    STR_EQ(top("Counter"), "collections-module-highlights--counter---count-hashable-objects");
    STR_EQ(top("zip_longest"), "pythonic-idioms--zip-iterate-multiple-sequences");
    STR_EQ(top("sys.intern"), "small-integer--string-caching");
    STR_EQ(top("asyncio.gather"), "asyncio");
  }

  TEST("identifiers split at '_' and camel humps; a word's start finds the word") {
    STR_EQ(top("ThreadPoolExecutor"), "threading--thread-pool-preferred");
    STR_EQ(top("lru cache"), "common-decorator-patterns--2-caching--memoization");
    STR_EQ(top("dequ"), "collections-module-highlights--deque---double-ended-queue-o1-both-ends");
    STR_EQ(top("dataclass"), "data-classes-python-37");
    STR_EQ(top("@dataclass(frozen=True)"), "data-classes-python-37");
  }
}

static void test_prose(void) {
  TEST("prose: late binding, GIL, MRO, deque, mutable default, context manager, generator") {
    STR_EQ(top("late binding"), "late-binding-closures");
    STR_EQ(top("LATE BINDING"), "late-binding-closures");
    STR_EQ(top("late binding closures"), "late-binding-closures");
    STR_EQ(top("GIL"), "the-gil-global-interpreter-lock");
    STR_EQ(top("global interpreter lock"), "the-gil-global-interpreter-lock");
    const char *mro = top("MRO");
    OK(strcmp(mro, "inheritance--mro") == 0 || strcmp(mro, "attribute-lookup-mro") == 0);
    OK(ranks("MRO", "attribute-lookup-mro", 2) && ranks("MRO", "inheritance--mro", 2));
    STR_EQ(top("deque"), "collections-module-highlights--deque---double-ended-queue-o1-both-ends");
    STR_EQ(top("mutable default"), "mutable-default-arguments");
    STR_EQ(top("mutable default arguments"), "mutable-default-arguments");
    OK(ranks("mutable default", "mutability-gotchas--gotcha-1-mutable-default-arguments", 3));
    const char *cm = top("context manager");
    OK(strcmp(cm, "9-context-managers") == 0 || strcmp(cm, "context-manager-protocol") == 0 ||
       strcmp(cm, "custom-context-manager") == 0);
    STR_EQ(top("generator"), "generator-functions");
    STR_EQ(top("generators"), "generator-functions");
    STR_EQ(top("f-string"), "f-strings-formatted-string-literals");
    STR_EQ(top("bare except"), "best-practices--dont-bare-except");
    STR_EQ(top("type hints"), "advanced-type-hints");
    OK(ranks("type hints", "basic-type-hints", 2));
  }

  TEST("a fragment that only repeats its section's title ranks below the section") {
    STR_EQ(hit_slug("GIL", 0), "the-gil-global-interpreter-lock");
    STR_EQ(hit_slug("GIL", 1), "the-gil-global-interpreter-lock--global-interpreter-lock-gil");
    STR_EQ(hit_slug("Iterator Protocol", 0), "iterator-protocol");
  }
}

static void test_no_match(void) {
  TEST("queries that match nothing give no hits") {
    pymm_guide_hit hits[MAX_HITS];
    INT_EQ(pymm_guide_lookup(guide, "walrus", hits, MAX_HITS), 0);
    INT_EQ(pymm_guide_lookup(guide, "xyzzy plugh", hits, MAX_HITS), 0);
    INT_EQ(pymm_guide_lookup(guide, "", hits, MAX_HITS), 0);
    INT_EQ(pymm_guide_lookup(guide, "   \t\n", hits, MAX_HITS), 0);
    INT_EQ(pymm_guide_lookup(guide, "!!! ... ??? ───", hits, MAX_HITS), 0);
    INT_EQ(pymm_guide_lookup(guide, "__", hits, MAX_HITS), 0);
    INT_EQ(pymm_guide_lookup(guide, "\xff\xfe", hits, MAX_HITS), 0); /* not UTF-8: no crash */
    INT_EQ(pymm_guide_lookup(guide, NULL, hits, MAX_HITS), 0);
    INT_EQ(pymm_guide_lookup(guide, "deque", NULL, MAX_HITS), 0);
    INT_EQ(pymm_guide_lookup(guide, "deque", hits, 0), 0);
    INT_EQ(pymm_guide_lookup(NULL, "deque", hits, MAX_HITS), 0);
  }

  TEST("an unknown word next to a known one does not hide the known one") {
    STR_EQ(top("walrus deque"), "collections-module-highlights--deque---double-ended-queue-o1-both-ends");
  }
}

static void test_order(void) {
  TEST("hits come best first, capped at max_hits, the same every time") {
    const char *queries[] = {"context manager", "list", "is", "with open", "decorator", "x", "for"};
    for (size_t q = 0; q < sizeof queries / sizeof *queries; q++) {
      pymm_guide_hit a[MAX_HITS], b[MAX_HITS];
      size_t n = pymm_guide_lookup(guide, queries[q], a, MAX_HITS);
      OK(n > 0 && n <= MAX_HITS);
      INT_EQ(pymm_guide_lookup(guide, queries[q], b, MAX_HITS), n);
      for (size_t i = 0; i < n; i++) {
        INT_EQ(a[i].entry, b[i].entry);
        OK(a[i].score == b[i].score);
        OK(a[i].score > 0);
        if (i) OK(a[i - 1].score >= a[i].score);
        OK(a[i].entry < pymm_guide_entry_count(guide));
        for (size_t j = 0; j < i; j++) OK(a[i].entry != a[j].entry);
      }
      pymm_guide_hit one[1];
      INT_EQ(pymm_guide_lookup(guide, queries[q], one, 1), 1);
      INT_EQ(one[0].entry, a[0].entry);
    }
  }

  TEST("equal scores: the smaller entry first, then document order") {
    pymm_error err = {{0}};
    const char *text =
        "# Guide\n\n## Alpha one\n\nsome text\n\n\n\n\n## Alpha two\n\nsome text\n\n## Alpha three\n\nsome text\n\n";
    pymm_guide *g = pymm_guide_load(text, strlen(text), NULL, &err);
    OK(g != NULL);
    if (!g) return;
    pymm_guide_hit hits[4];
    size_t n = pymm_guide_lookup(g, "alpha", hits, 4);
    INT_EQ(n, 3);
    if (n == 3) {
      STR_EQ(pymm_guide_entry_at(g, hits[0].entry)->title, "Alpha two"); /* 4 lines, like "three", but first */
      STR_EQ(pymm_guide_entry_at(g, hits[1].entry)->title, "Alpha three");
      STR_EQ(pymm_guide_entry_at(g, hits[2].entry)->title, "Alpha one"); /* 7 lines */
      OK(hits[0].score == hits[1].score && hits[1].score == hits[2].score);
    }
    INT_EQ(pymm_guide_lookup(g, "some text", hits, 4), 3);
    INT_EQ(pymm_guide_lookup(g, "beta", hits, 4), 0);
    pymm_guide_free(g);
  }
}

/* ---- threads ------------------------------------------------------------------------------------ */

static const char *const thread_queries[] = {"popleft",   "late binding", "GIL",       "context manager", "lru_cache",
                                             "__slots__", "nonlocal",     "generator", "dataclass",       "MRO"};
enum { THREAD_QUERIES = sizeof thread_queries / sizeof *thread_queries, THREADS = 4, ROUNDS = 200 };

typedef struct thread_job {
  uint32_t expected[THREAD_QUERIES][MAX_HITS];
  size_t expected_count[THREAD_QUERIES];
  int mismatches;
} thread_job;

static void *lookup_thread(void *arg) {
  thread_job *job = arg;
  for (int round = 0; round < ROUNDS; round++)
    for (size_t q = 0; q < THREAD_QUERIES; q++) {
      pymm_guide_hit hits[MAX_HITS];
      size_t n = pymm_guide_lookup(guide, thread_queries[q], hits, MAX_HITS);
      if (n != job->expected_count[q]) job->mismatches++;
      for (size_t i = 0; i < n && i < job->expected_count[q]; i++)
        if (hits[i].entry != job->expected[q][i]) job->mismatches++;
    }
  return NULL;
}

static void test_threads(void) {
  TEST("several threads look up in one guide at once and agree with one thread") {
    thread_job jobs[THREADS];
    memset(jobs, 0, sizeof jobs);
    for (size_t q = 0; q < THREAD_QUERIES; q++) {
      pymm_guide_hit hits[MAX_HITS];
      size_t n = pymm_guide_lookup(guide, thread_queries[q], hits, MAX_HITS);
      for (int t = 0; t < THREADS; t++) {
        jobs[t].expected_count[q] = n;
        for (size_t i = 0; i < n; i++) jobs[t].expected[q][i] = hits[i].entry;
      }
    }
    pthread_t threads[THREADS];
    for (int t = 0; t < THREADS; t++) OK(pthread_create(&threads[t], NULL, lookup_thread, &jobs[t]) == 0);
    for (int t = 0; t < THREADS; t++) {
      pthread_join(threads[t], NULL);
      INT_EQ(jobs[t].mismatches, 0);
    }
  }
}

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void test_speed(void) {
  TEST("a lookup takes well under a millisecond") {
    const char *queries[] = {
        "popleft", "late binding", "GIL", "context manager", "mutable default argument", "ThreadPoolExecutor", "dequ",
        "x"};
    size_t count = sizeof queries / sizeof *queries, rounds = 200;
    pymm_guide_hit hits[MAX_HITS];
    double start = seconds();
    for (size_t r = 0; r < rounds; r++)
      for (size_t q = 0; q < count; q++) pymm_guide_lookup(guide, queries[q], hits, MAX_HITS);
    double each = (seconds() - start) / (double)(rounds * count);
    printf("lookup: %.1f us per query\n", each * 1e6);
    OK(each < 1e-3);
  }
}

int main(void) {
  const pymm_blob *blob = pymm_data_find(PYMM_DEFAULT_GUIDE);
  OK(blob != NULL);
  if (!blob) return HARNESS_DONE();
  pymm_error err = {{0}};
  double start = seconds();
  pymm_guide *g = pymm_guide_load(blob->bytes, blob->length, NULL, &err);
  printf("load: %.2f ms\n", (seconds() - start) * 1e3);
  OK(g != NULL);
  if (!g) {
    fprintf(stderr, "load: %s\n", err.message);
    return HARNESS_DONE();
  }
  guide = g;
  test_code_words();
  test_prose();
  test_no_match();
  test_order();
  test_threads();
  test_speed();
  pymm_guide_free(g);
  return HARNESS_DONE();
}
