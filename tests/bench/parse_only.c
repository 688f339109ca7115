/* The benchmarks' yardstick: what parsing alone costs, with the same tree-sitter runtime and the same
 * tree-sitter-python grammar pymm links. It does nothing with the trees.
 *
 *   parse_only --jobs N FILE...      parse every file once on N threads (each thread its own parser) and
 *                                    print "files=.. bytes=.. lines=.. seconds=.."
 *   parse_only --jobs N --list PATH  the same, with the file names read from PATH, one a line
 *   parse_only --repeat R FILE       parse one file R times on one thread and print the median in ms
 */
#define _XOPEN_SOURCE 700
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_python(void);

typedef struct input {
  char *path;
  size_t length;
} input;

static input *inputs;
static size_t input_count, input_cap;
static size_t next_input;
static pthread_mutex_t next_lock = PTHREAD_MUTEX_INITIALIZER;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *length) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 65536, n = 0;
  char *data = malloc(cap);
  for (;;) {
    if (n == cap) data = realloc(data, cap *= 2);
    size_t k = fread(data + n, 1, cap - n, f);
    if (k == 0) break;
    n += k;
  }
  fclose(f);
  *length = n;
  return data;
}

static void add_input(const char *path) {
  if (input_count == input_cap)
    inputs = realloc(inputs, (input_cap = input_cap ? input_cap * 2 : 256) * sizeof *inputs);
  inputs[input_count].path = strdup(path);
  inputs[input_count].length = 0;
  input_count++;
}

/* Each worker reads and parses files until none is left, as `pymm check` does. */
static void *worker(void *arg) {
  size_t *lines = arg;
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_python());
  for (;;) {
    pthread_mutex_lock(&next_lock);
    size_t i = next_input++;
    pthread_mutex_unlock(&next_lock);
    if (i >= input_count) break;
    input *in = &inputs[i];
    char *data = read_file(in->path, &in->length);
    if (!data) continue;
    TSTree *tree = ts_parser_parse_string(parser, NULL, data, (uint32_t)in->length);
    for (size_t k = 0; k < in->length; k++) *lines += data[k] == '\n';
    ts_tree_delete(tree);
    free(data);
  }
  ts_parser_delete(parser);
  return NULL;
}

static int compare_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  int jobs = 1, repeat = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--jobs") && i + 1 < argc) jobs = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--list") && i + 1 < argc) {
      FILE *f = fopen(argv[++i], "r");
      if (!f) {
        perror(argv[i]);
        return 2;
      }
      char line[4096];
      while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0]) add_input(line);
      }
      fclose(f);
    } else add_input(argv[i]);
  }
  if (input_count == 0) {
    fprintf(stderr, "usage: parse_only [--jobs N] [--repeat R] [--list FILE] FILE...\n");
    return 2;
  }
  if (jobs < 1) jobs = 1;
  if (repeat > 0) { /* one file, R parses, the median */
    size_t length;
    char *data = read_file(inputs[0].path, &length);
    if (!data) {
      perror(inputs[0].path);
      return 2;
    }
    TSParser *parser = ts_parser_new();
    ts_parser_set_language(parser, tree_sitter_python());
    double *times = calloc((size_t)repeat, sizeof *times);
    for (int r = 0; r < repeat; r++) {
      double t0 = now();
      TSTree *tree = ts_parser_parse_string(parser, NULL, data, (uint32_t)length);
      times[r] = now() - t0;
      ts_tree_delete(tree);
    }
    qsort(times, (size_t)repeat, sizeof *times, compare_double);
    printf("median_ms=%.3f min_ms=%.3f bytes=%zu\n", times[repeat / 2] * 1e3, times[0] * 1e3, length);
    ts_parser_delete(parser);
    free(times);
    free(data);
    return 0;
  }
  pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
  size_t *lines = calloc((size_t)jobs, sizeof *lines);
  double t0 = now();
  for (int j = 0; j < jobs; j++) pthread_create(&threads[j], NULL, worker, &lines[j]);
  size_t total_lines = 0;
  for (int j = 0; j < jobs; j++) {
    pthread_join(threads[j], NULL);
    total_lines += lines[j];
  }
  double seconds = now() - t0;
  size_t bytes = 0;
  for (size_t i = 0; i < input_count; i++) bytes += inputs[i].length;
  printf("files=%zu bytes=%zu lines=%zu seconds=%.4f\n", input_count, bytes, total_lines, seconds);
  return 0;
}
