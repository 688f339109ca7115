/* `pymm check`: run the gotcha rules over files and directories, in parallel (one document, and so one
 * parser, per file; the engine is immutable and shared), and print text, JSON or SARIF. A worker frees each
 * file's tree as soon as its rules have run and keeps only the text's line index for the output: holding
 * every tree to the end made the workers' heaps grow page by page and cost more than the rules. */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char CHECK_USAGE[] =
    "usage: pymm check [options] PATHS...\n"
    "  --fix                     apply the safe fixes\n"
    "  --unsafe-fixes            with --fix, apply the unsafe fixes too\n"
    "  --select CODES            only these rules (comma-separated codes or prefixes: PMM1, PMM101)\n"
    "  --ignore CODES            not these rules\n"
    "  --output-format FORMAT    text (default), json or sarif\n"
    "  --explain                 after each finding, name the guide section that explains it\n"
    "  --statistics              print how often each rule fired\n"
    "  --threads N               worker threads (default: one per core)\n"
    "Exit code: 0 when clean, 1 when something was found, 2 on usage or I/O errors.\n";

typedef enum output_format { FORMAT_NONE = 0, FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF } output_format;

typedef struct file_result {
  char *path;
  char *text; /* the text read (freed once checked) */
  size_t length;
  pymm_text *lines; /* the checked text (after fixes) and its line index, for positions */
  pymm_diagnostics *diagnostics;
  size_t fixed;
  char *error; /* I/O or encoding problem, NULL when checked */
} file_result;

typedef struct check_job {
  const pymm_engine *engine;
  pymm_rule_filter filter;
  bool fix, unsafe;
  file_result *files;
  size_t count;
  size_t next;
  pthread_mutex_t lock;
} check_job;

static void set_error(file_result *f, const char *fmt, const char *detail) {
  size_t n = strlen(fmt) + strlen(detail) + 1;
  f->error = pymm_alloc(n);
  snprintf(f->error, n, fmt, detail);
}

static void check_one(check_job *job, file_result *f) {
  pymm_error err = {{0}};
  f->text = pymm_file_read(f->path, &f->length, &err);
  if (!f->text) {
    set_error(f, "%s", err.message);
    return;
  }
  if (!pymm_utf8_valid(f->text, f->length)) {
    set_error(f, "%s", "the file is not valid UTF-8; pymm checks UTF-8 (or ASCII) Python files");
    return;
  }
  if (job->fix) {
    size_t new_length = 0;
    char *fixed = pymm_fix_all(job->engine, f->text, f->length, &job->filter, job->unsafe, &new_length, &f->fixed);
    if (fixed) {
      FILE *out = fopen(f->path, "wb");
      if (!out || fwrite(fixed, 1, new_length, out) != new_length) {
        set_error(f, "cannot write the fixed file: %s", strerror(errno));
        if (out) fclose(out);
        free(fixed);
        return;
      }
      if (fclose(out) != 0) {
        set_error(f, "cannot write the fixed file: %s", strerror(errno));
        free(fixed);
        return;
      }
      free(f->text);
      f->text = fixed;
      f->length = new_length;
    }
  }
  pymm_document *doc = pymm_document_new(f->text, f->length);
  f->diagnostics = pymm_diagnostics_run(job->engine, doc, &job->filter);
  f->lines = f->diagnostics->count ? pymm_text_new(f->text, f->length) : NULL;
  pymm_document_free(doc);
  free(f->text);
  f->text = NULL;
}

static void *worker(void *data) {
  check_job *job = data;
  for (;;) {
    pthread_mutex_lock(&job->lock);
    size_t i = job->next++;
    pthread_mutex_unlock(&job->lock);
    if (i >= job->count) break;
    check_one(job, &job->files[i]);
  }
  return NULL;
}

/* ---- collecting files -------------------------------------------------------------------------- */

typedef struct path_list {
  char **items;
  size_t count, cap;
} path_list;

static void push_path(path_list *l, const char *path) {
  PYMM_GROW(l->items, l->cap, l->count + 1);
  l->items[l->count++] = pymm_strdup(path);
}

static int compare_strings(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool is_python(const char *name) {
  size_t n = strlen(name);
  return (n > 3 && !strcmp(name + n - 3, ".py")) || (n > 4 && !strcmp(name + n - 4, ".pyi"));
}

/* Adds the Python files under 'dir', sorted; skips hidden directories and __pycache__. */
static void walk(const char *dir, path_list *out) {
  DIR *d = opendir(dir);
  if (!d) return;
  path_list here = {0};
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.' || !strcmp(e->d_name, "__pycache__")) continue;
    pymm_buf path = {0};
    pymm_buf_printf(&path, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
    push_path(&here, path.data);
    pymm_buf_free(&path);
  }
  closedir(d);
  if (here.count) qsort(here.items, here.count, sizeof *here.items, compare_strings);
  for (size_t i = 0; i < here.count; i++) {
    struct stat st;
    if (lstat(here.items[i], &st) == 0) {
      if (S_ISDIR(st.st_mode)) walk(here.items[i], out);
      else if (S_ISREG(st.st_mode) && is_python(here.items[i])) push_path(out, here.items[i]);
    }
    free(here.items[i]);
  }
  free(here.items);
}

/* ---- output ------------------------------------------------------------------------------------ */

static pymm_position position(const file_result *f, uint32_t offset) {
  pymm_position p = pymm_text_position(f->lines, offset, PYMM_ENCODING_UTF32);
  p.line++;
  p.character++;
  return p;
}

static const char *applicability(pymm_fix_safety s) {
  return s == PYMM_FIX_SAFE ? "safe" : s == PYMM_FIX_UNSAFE ? "unsafe" : "none";
}

static cJSON *location_json(const file_result *f, uint32_t offset) {
  pymm_position p = position(f, offset);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "row", p.line);
  cJSON_AddNumberToObject(o, "column", p.character);
  return o;
}

static char *rule_url(const pymm_engine *engine, const pymm_rule *rule) {
  return rule->entry >= 0 ? pymm_entry_link(engine, (uint32_t)rule->entry) : NULL;
}

static void print_json(const pymm_engine *engine, file_result *files, size_t count) {
  cJSON *out = cJSON_CreateArray();
  for (size_t i = 0; i < count; i++) {
    file_result *f = &files[i];
    for (size_t k = 0; f->diagnostics && k < f->diagnostics->count; k++) {
      const pymm_diagnostic *d = &f->diagnostics->items[k];
      cJSON *item = cJSON_CreateObject();
      cJSON_AddStringToObject(item, "code", d->rule->code);
      cJSON_AddStringToObject(item, "name", d->rule->name);
      cJSON_AddStringToObject(item, "message", d->rule->message);
      cJSON_AddStringToObject(item, "filename", f->path);
      cJSON_AddItemToObject(item, "location", location_json(f, d->start));
      cJSON_AddItemToObject(item, "end_location", location_json(f, d->end));
      cJSON_AddStringToObject(item, "severity",
                              d->rule->severity == PYMM_SEVERITY_ERROR     ? "error"
                              : d->rule->severity == PYMM_SEVERITY_WARNING ? "warning"
                              : d->rule->severity == PYMM_SEVERITY_HINT    ? "hint"
                                                                           : "information");
      char *url = rule_url(engine, d->rule);
      if (url) cJSON_AddStringToObject(item, "url", url);
      else cJSON_AddNullToObject(item, "url");
      free(url);
      cJSON_AddStringToObject(item, "section", d->rule->section);
      if (d->fix.edit_count) {
        cJSON *fix = cJSON_AddObjectToObject(item, "fix");
        cJSON_AddStringToObject(fix, "applicability", applicability(d->fix.safety));
        cJSON_AddStringToObject(fix, "message", d->rule->fix_title);
        cJSON *edits = cJSON_AddArrayToObject(fix, "edits");
        for (size_t e = 0; e < d->fix.edit_count; e++) {
          cJSON *edit = cJSON_CreateObject();
          cJSON_AddStringToObject(edit, "content", d->fix.edits[e].text);
          cJSON_AddItemToObject(edit, "location", location_json(f, d->fix.edits[e].start));
          cJSON_AddItemToObject(edit, "end_location", location_json(f, d->fix.edits[e].end));
          cJSON_AddItemToArray(edits, edit);
        }
      } else {
        cJSON_AddNullToObject(item, "fix");
      }
      cJSON_AddItemToArray(out, item);
    }
  }
  char *text = cJSON_Print(out);
  printf("%s\n", text);
  cJSON_free(text);
  cJSON_Delete(out);
}

static void print_sarif(const pymm_engine *engine, file_result *files, size_t count) {
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  cJSON_AddStringToObject(root, "version", "2.1.0");
  cJSON *run = cJSON_CreateObject();
  cJSON_AddItemToArray(cJSON_AddArrayToObject(root, "runs"), run);
  cJSON *driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
  cJSON_AddStringToObject(driver, "name", "pymm");
  cJSON_AddStringToObject(driver, "version", pymm_version());
  cJSON *rules = cJSON_AddArrayToObject(driver, "rules");
  const pymm_rules *table = pymm_engine_rules(engine);
  for (size_t i = 0; i < pymm_rules_count(table); i++) {
    const pymm_rule *r = pymm_rules_at(table, i);
    cJSON *rule = cJSON_CreateObject();
    cJSON_AddStringToObject(rule, "id", r->code);
    cJSON_AddStringToObject(rule, "name", r->name);
    cJSON_AddStringToObject(cJSON_AddObjectToObject(rule, "shortDescription"), "text", r->message);
    char *url = rule_url(engine, r);
    if (url) cJSON_AddStringToObject(rule, "helpUri", url);
    free(url);
    cJSON_AddStringToObject(cJSON_AddObjectToObject(rule, "help"), "text", r->section);
    cJSON_AddItemToArray(rules, rule);
  }
  cJSON *results = cJSON_AddArrayToObject(run, "results");
  for (size_t i = 0; i < count; i++) {
    file_result *f = &files[i];
    for (size_t k = 0; f->diagnostics && k < f->diagnostics->count; k++) {
      const pymm_diagnostic *d = &f->diagnostics->items[k];
      cJSON *result = cJSON_CreateObject();
      cJSON_AddStringToObject(result, "ruleId", d->rule->code);
      cJSON_AddStringToObject(result, "level",
                              d->rule->severity == PYMM_SEVERITY_ERROR     ? "error"
                              : d->rule->severity == PYMM_SEVERITY_WARNING ? "warning"
                                                                           : "note");
      cJSON_AddStringToObject(cJSON_AddObjectToObject(result, "message"), "text", d->rule->message);
      cJSON *physical = cJSON_CreateObject();
      cJSON *loc = cJSON_CreateObject();
      cJSON_AddItemToObject(loc, "physicalLocation", physical);
      cJSON_AddItemToArray(cJSON_AddArrayToObject(result, "locations"), loc);
      cJSON_AddStringToObject(cJSON_AddObjectToObject(physical, "artifactLocation"), "uri", f->path);
      cJSON *region = cJSON_AddObjectToObject(physical, "region");
      pymm_position a = position(f, d->start), b = position(f, d->end);
      cJSON_AddNumberToObject(region, "startLine", a.line);
      cJSON_AddNumberToObject(region, "startColumn", a.character);
      cJSON_AddNumberToObject(region, "endLine", b.line);
      cJSON_AddNumberToObject(region, "endColumn", b.character);
      cJSON_AddItemToArray(results, result);
    }
  }
  char *text = cJSON_Print(root);
  printf("%s\n", text);
  cJSON_free(text);
  cJSON_Delete(root);
}

static size_t print_text(const pymm_engine *engine, file_result *files, size_t count, bool explain, size_t *fixable) {
  size_t found = 0;
  for (size_t i = 0; i < count; i++) {
    file_result *f = &files[i];
    for (size_t k = 0; f->diagnostics && k < f->diagnostics->count; k++) {
      const pymm_diagnostic *d = &f->diagnostics->items[k];
      pymm_position p = position(f, d->start);
      bool safe = d->fix.edit_count && d->fix.safety == PYMM_FIX_SAFE;
      *fixable += safe;
      found++;
      printf("%s:%u:%u: %s %s%s\n", f->path, p.line, p.character, d->rule->code, safe ? "[*] " : "", d->rule->message);
      if (explain) {
        const pymm_guide *g = pymm_engine_guide(engine);
        const pymm_guide_entry *e = d->rule->entry >= 0 ? pymm_guide_entry_at(g, (size_t)d->rule->entry) : NULL;
        const pymm_guide_entry *s =
            e && e->parent >= 0 && e->kind == PYMM_GUIDE_FRAGMENT ? pymm_guide_entry_at(g, (size_t)e->parent) : NULL;
        if (e) {
          printf("    guide: %s%s%s (line %u)", s ? s->title : "", s ? " › " : "", e->title, e->line_start);
          if (d->fix.edit_count) printf("; fix: %s%s", d->rule->fix_title, safe ? "" : " (unsafe)");
          printf("\n");
        }
      }
    }
  }
  return found;
}

/* ---- the command ------------------------------------------------------------------------------- */

/* Splits "A,B" into a NULL-terminated list appended to '*list'. */
static void add_codes(char ***list, size_t *count, const char *arg) {
  char *copy = pymm_strdup(arg);
  for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
    *list = pymm_realloc(*list, (*count + 2) * sizeof **list);
    (*list)[(*count)++] = pymm_strdup(tok);
    (*list)[*count] = NULL;
  }
  free(copy);
}

static void free_codes(char **list) {
  for (char **s = list; s && *s; s++) free(*s);
  free(list);
}

static int usage(const char *message, const char *arg) {
  fprintf(stderr, "pymm check: ");
  fprintf(stderr, message, arg);
  fprintf(stderr, "\n\n%s", CHECK_USAGE);
  return 2;
}

int pymm_cli_check(int argc, char **argv, const char *guide) {
  bool fix = false, unsafe = false, explain = false, statistics = false;
  output_format format = FORMAT_TEXT;
  char **select = NULL, **ignore = NULL;
  size_t select_count = 0, ignore_count = 0;
  long threads = 0;
  path_list inputs = {0};
  int code = -1;
  for (int i = 0; i < argc && code < 0; i++) {
    const char *a = argv[i];
    const char *value = NULL;
    bool takes = !strcmp(a, "--select") || !strcmp(a, "--ignore") || !strcmp(a, "--output-format") ||
                 !strcmp(a, "--format") || !strcmp(a, "--guide") || !strcmp(a, "--threads");
    if (takes) {
      if (i + 1 >= argc) {
        code = usage("%s needs a value", a);
        break;
      }
      value = argv[++i];
    }
    if (!strcmp(a, "--fix")) fix = true;
    else if (!strcmp(a, "--unsafe-fixes")) unsafe = true;
    else if (!strcmp(a, "--explain")) explain = true;
    else if (!strcmp(a, "--statistics")) statistics = true;
    else if (!strcmp(a, "--select")) add_codes(&select, &select_count, value);
    else if (!strcmp(a, "--ignore")) add_codes(&ignore, &ignore_count, value);
    else if (!strcmp(a, "--guide")) guide = value;
    else if (!strcmp(a, "--threads")) threads = strtol(value, NULL, 10);
    else if (!strcmp(a, "--output-format") || !strcmp(a, "--format")) {
      if (!strcmp(value, "text") || !strcmp(value, "concise") || !strcmp(value, "full")) format = FORMAT_TEXT;
      else if (!strcmp(value, "json")) format = FORMAT_JSON;
      else if (!strcmp(value, "sarif")) format = FORMAT_SARIF;
      else code = usage("unknown output format \"%s\" (text, json or sarif)", value);
    } else if (!strcmp(a, "--json")) format = FORMAT_JSON;
    else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      fputs(CHECK_USAGE, stdout);
      code = 0;
    } else if (a[0] == '-' && a[1]) code = usage("unknown option %s", a);
    else push_path(&inputs, a);
  }
  if (code < 0 && inputs.count == 0) code = usage("%s", "no PATHS given");
  if (code < 0 && unsafe && !fix) fix = false; /* --unsafe-fixes alone only widens what --fix would apply */

  /* Expand directories; a missing path or a directory without Python is an error. */
  path_list files = {0};
  bool failed = false;
  for (size_t i = 0; code < 0 && i < inputs.count; i++) {
    struct stat st;
    if (stat(inputs.items[i], &st) != 0) {
      fprintf(stderr, "pymm check: %s: %s\n", inputs.items[i], strerror(errno));
      failed = true;
    } else if (S_ISDIR(st.st_mode)) {
      size_t before = files.count;
      walk(inputs.items[i], &files);
      if (files.count == before) {
        fprintf(stderr, "pymm check: %s: no Python files (*.py, *.pyi) in this directory\n", inputs.items[i]);
        failed = true;
      }
    } else {
      push_path(&files, inputs.items[i]);
    }
  }
  pymm_engine *engine = NULL;
  if (code < 0) {
    char *warnings = NULL;
    pymm_error err = {{0}};
    engine = pymm_lsp_engine_open(guide, &warnings, &err);
    if (!engine) {
      fprintf(stderr, "pymm check: cannot load the guide: %s\n", err.message);
      code = 2;
    } else if (warnings) {
      fprintf(stderr, "pymm: warning: the guide lacks what some topics or rules need:\n%s\n", warnings);
    }
    free(warnings);
  }
  if (code < 0) {
    check_job job = {.engine = engine, .fix = fix, .unsafe = unsafe, .count = files.count};
    job.filter.select = (const char *const *)select;
    job.filter.ignore = (const char *const *)ignore;
    job.files = pymm_calloc(files.count ? files.count : 1, sizeof *job.files);
    for (size_t i = 0; i < files.count; i++) job.files[i].path = files.items[i];
    pthread_mutex_init(&job.lock, NULL);
    long cores = threads > 0 ? threads : sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1) cores = 1;
    if ((size_t)cores > files.count) cores = (long)(files.count ? files.count : 1);
    pthread_t *pool = pymm_calloc((size_t)cores, sizeof *pool);
    long started = 0;
    for (long t = 1; t < cores; t++)
      if (pthread_create(&pool[t], NULL, worker, &job) == 0) started = t;
    worker(&job);
    for (long t = 1; t <= started; t++) pthread_join(pool[t], NULL);
    free(pool);
    pthread_mutex_destroy(&job.lock);

    for (size_t i = 0; i < files.count; i++)
      if (job.files[i].error) {
        fprintf(stderr, "pymm check: %s: %s\n", job.files[i].path, job.files[i].error);
        failed = true;
      }
    size_t found = 0, fixable = 0, fixed = 0;
    for (size_t i = 0; i < files.count; i++) fixed += job.files[i].fixed;
    if (format == FORMAT_JSON) print_json(engine, job.files, files.count);
    else if (format == FORMAT_SARIF) print_sarif(engine, job.files, files.count);
    if (format == FORMAT_TEXT) {
      found = print_text(engine, job.files, files.count, explain, &fixable);
      if (statistics) {
        const pymm_rules *table = pymm_engine_rules(engine);
        for (size_t r = 0; r < pymm_rules_count(table); r++) {
          const pymm_rule *rule = pymm_rules_at(table, r);
          size_t n = 0;
          for (size_t i = 0; i < files.count; i++)
            for (size_t k = 0; job.files[i].diagnostics && k < job.files[i].diagnostics->count; k++)
              n += job.files[i].diagnostics->items[k].rule == rule;
          if (n) printf("%6zu  %s  %s\n", n, rule->code, rule->name);
        }
      }
      if (fixed) printf("Fixed %zu finding%s.\n", fixed, fixed == 1 ? "" : "s");
      if (found) {
        printf("Found %zu finding%s in %zu file%s.\n", found, found == 1 ? "" : "s", files.count,
               files.count == 1 ? "" : "s");
        if (fixable) printf("[*] %zu fixable with the --fix option.\n", fixable);
      } else if (!failed) {
        printf("All checks passed!\n");
      }
    } else {
      for (size_t i = 0; i < files.count; i++) found += job.files[i].diagnostics ? job.files[i].diagnostics->count : 0;
    }
    code = failed ? 2 : found ? 1 : 0;
    for (size_t i = 0; i < files.count; i++) {
      pymm_diagnostics_free(job.files[i].diagnostics);
      pymm_text_free(job.files[i].lines);
      free(job.files[i].text);
      free(job.files[i].error);
    }
    free(job.files);
  }
  pymm_engine_free(engine);
  for (size_t i = 0; i < files.count; i++) free(files.items[i]);
  free(files.items);
  for (size_t i = 0; i < inputs.count; i++) free(inputs.items[i]);
  free(inputs.items);
  free_codes(select);
  free_codes(ignore);
  return code;
}
