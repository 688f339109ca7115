/* pymm's command line: serve | lookup | hover | topics | check | rule | --version. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "pymm/lsp.h"

static const char USAGE[] = "usage: pymm <command> [options]\n"
                            "\n"
                            "commands:\n"
                            "  serve                     speak LSP over stdin/stdout (what editors run)\n"
                            "      --max-message-size N  refuse messages over N bytes (default 64 MiB)\n"
                            "  lookup QUERY...           print the guide's best section for QUERY\n"
                            "      --list                list every match instead, best first\n"
                            "      --json                print the matches as JSON\n"
                            "  hover FILE:LINE:COL       print the hover at a position (LINE and COL count from 1)\n"
                            "      --markdown            print Markdown instead of plain text\n"
                            "  topics [--json]           print the guide's table of contents\n"
                            "      --coverage            with the topics that reach each section\n"
                            "  check PATHS...            report the gotchas the guide warns about (pymm check --help)\n"
                            "      --fix [--unsafe-fixes] --select/--ignore CODES --output-format text|json|sarif\n"
                            "  rule [CODE...|--all]      explain a rule with the guide's text\n"
                            "\n"
                            "options for every command:\n"
                            "  --guide FILE              use this guide instead of the embedded one\n"
                            "  --version                 print the version\n";

typedef struct options {
  const char *guide;
  size_t max_message_size; /* serve: 0 for the default */
  bool json, list, markdown, coverage;
  const char **args;
  int arg_count;
} options;

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "pymm: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\n\n%s", USAGE);
  return 2;
}

static pymm_engine *open_engine(const options *o) {
  char *warnings = NULL;
  pymm_error err = {{0}};
  pymm_engine *engine = pymm_lsp_engine_open(o->guide, &warnings, &err);
  if (!engine) {
    fprintf(stderr, "pymm: cannot load the guide: %s\n", err.message);
    return NULL;
  }
  if (warnings) fprintf(stderr, "pymm: warning: the guide lacks what some topics need:\n%s\n", warnings);
  free(warnings);
  return engine;
}

static int run_lookup(const options *o) {
  if (o->arg_count == 0) return usage_error("%s", "lookup needs a query, e.g. pymm lookup deque");
  pymm_buf query = {0};
  for (int i = 0; i < o->arg_count; i++) {
    if (i) pymm_buf_putc(&query, ' ');
    pymm_buf_puts(&query, o->args[i]);
  }
  pymm_engine *engine = open_engine(o);
  if (!engine) {
    pymm_buf_free(&query);
    return 2;
  }
  pymm_lookup_item *items;
  size_t n = pymm_lookup(engine, query.data, o->list || o->json ? 50 : 1, &items);
  int code = 0;
  if (o->json) {
    cJSON *out = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
      cJSON *item = cJSON_CreateObject();
      cJSON_AddStringToObject(item, "title", items[i].title);
      cJSON_AddStringToObject(item, "section", items[i].section);
      cJSON_AddStringToObject(item, "anchor", items[i].slug);
      cJSON_AddNumberToObject(item, "line", items[i].line);
      cJSON_AddNumberToObject(item, "score", items[i].score);
      char *md = pymm_entry_render(engine, items[i].entry, PYMM_MARKUP_MARKDOWN);
      cJSON_AddStringToObject(item, "markdown", md);
      free(md);
      cJSON_AddItemToArray(out, item);
    }
    char *text = cJSON_Print(out);
    printf("%s\n", text);
    cJSON_free(text);
    cJSON_Delete(out);
  } else if (n == 0) {
    fprintf(stderr, "pymm: nothing in the guide matches \"%s\"\n", query.data);
    code = 1;
  } else if (o->list) {
    for (size_t i = 0; i < n; i++) {
      bool fragment = strcmp(items[i].title, items[i].section) != 0;
      printf("%5u  %s%s%s\n", items[i].line, fragment ? items[i].section : "", fragment ? " › " : "", items[i].title);
    }
  } else {
    char *text = pymm_entry_render(engine, items[0].entry, PYMM_MARKUP_PLAINTEXT);
    char *link = pymm_entry_link(engine, items[0].entry);
    fputs(text, stdout);
    if (link) printf("\n%s\n", link);
    free(text);
    free(link);
  }
  free(items);
  pymm_engine_free(engine);
  pymm_buf_free(&query);
  return code;
}

/* FILE:LINE:COL, both 1-based, COL counted in characters (code points) as editors show it. */
static int run_hover(const options *o) {
  if (o->arg_count != 1) return usage_error("%s", "hover takes one FILE:LINE:COL");
  char *spec = pymm_strdup(o->args[0]);
  char *col_sep = strrchr(spec, ':');
  char *line_sep = col_sep ? (*col_sep = '\0', strrchr(spec, ':')) : NULL;
  long line = 0, col = 0;
  char *end1 = NULL, *end2 = NULL;
  if (line_sep) {
    *line_sep = '\0';
    line = strtol(line_sep + 1, &end1, 10);
    col = strtol(col_sep + 1, &end2, 10);
  }
  if (!line_sep || *end1 || *end2 || line < 1 || col < 1) {
    free(spec);
    return usage_error("hover: \"%s\" is not FILE:LINE:COL with LINE and COL from 1", o->args[0]);
  }
  pymm_error err = {{0}};
  size_t length;
  char *source = pymm_file_read(spec, &length, &err);
  if (!source) {
    fprintf(stderr, "pymm: %s\n", err.message);
    free(spec);
    return 2;
  }
  pymm_engine *engine = open_engine(o);
  if (!engine) {
    free(source);
    free(spec);
    return 2;
  }
  pymm_document *doc = pymm_document_new(source, length);
  uint32_t offset;
  pymm_position p = {(uint32_t)line - 1, (uint32_t)col - 1};
  int code = 0;
  if (!pymm_text_offset(pymm_document_text(doc), p, PYMM_ENCODING_UTF32, &offset)) {
    fprintf(stderr, "pymm: %s has %u lines; line %ld is past the end\n", spec,
            pymm_text_line_count(pymm_document_text(doc)), line);
    code = 2;
  } else {
    pymm_hover *hover = pymm_hover_at(engine, doc, offset);
    if (hover) {
      pymm_settings settings = pymm_settings_default();
      char *text =
          pymm_hover_render(engine, hover, o->markdown ? PYMM_MARKUP_MARKDOWN : PYMM_MARKUP_PLAINTEXT, &settings);
      fputs(text, stdout);
      free(text);
    } else {
      fprintf(stderr, "pymm: no hover at %s:%ld:%ld\n", spec, line, col);
      code = 1;
    }
    pymm_hover_free(hover);
  }
  pymm_document_free(doc);
  pymm_engine_free(engine);
  free(source);
  free(spec);
  return code;
}

/* The topics whose guide entry lies in section 'e' (its fragments and subsections included), ", "-separated;
 * NULL when none. Caller owns the result; free with free(). */
static char *topics_reaching(const pymm_engine *engine, const pymm_guide_entry *e) {
  const pymm_guide *g = pymm_engine_guide(engine);
  const pymm_topics *topics = pymm_engine_topics(engine);
  pymm_buf b = {0};
  for (size_t t = 0; t < pymm_topics_count(topics); t++) {
    const pymm_topic *topic = pymm_topics_at(topics, t);
    if (topic->entry < 0) continue;
    uint32_t line = pymm_guide_entry_at(g, (size_t)topic->entry)->line_start;
    if (line < e->line_start || line > e->line_end) continue;
    pymm_buf_printf(&b, "%s%s", b.len ? ", " : "", topic->id);
  }
  return b.len ? pymm_buf_take(&b) : NULL;
}

/* The table of contents; with --coverage, each ### section with the topics that reach it, a report for whoever
 * edits the topic map (the learning-path sections are meant to have none). */
static int run_topics(const options *o) {
  pymm_engine *engine = open_engine(o);
  if (!engine) return 2;
  const pymm_guide *g = pymm_engine_guide(engine);
  cJSON *out = o->json ? cJSON_CreateArray() : NULL;
  int unreached = 0;
  for (size_t i = 0; i < pymm_guide_entry_count(g); i++) {
    const pymm_guide_entry *e = pymm_guide_entry_at(g, i);
    if (e->kind != PYMM_GUIDE_SECTION || e->level < 2) continue;
    char *reach = o->coverage ? topics_reaching(engine, e) : NULL;
    if (o->coverage && !reach && e->level >= 3) unreached++;
    if (out) {
      cJSON *item = cJSON_CreateObject();
      cJSON_AddStringToObject(item, "title", e->title);
      cJSON_AddStringToObject(item, "anchor", e->slug);
      cJSON_AddNumberToObject(item, "level", e->level);
      cJSON_AddNumberToObject(item, "line", e->line_start);
      if (o->coverage) cJSON_AddStringToObject(item, "topics", reach ? reach : "");
      cJSON_AddItemToArray(out, item);
    } else if (o->coverage && e->level >= 3) {
      printf("%5u  %s%s: %s\n", e->line_start, reach ? "" : "✗ ", e->title, reach ? reach : "no topic");
    } else {
      printf("%5u  %*s%s\n", e->line_start, (e->level - 2) * 2, "", e->title);
    }
    free(reach);
  }
  if (o->coverage && !out) printf("%d sections reached by no topic\n", unreached);
  if (out) {
    char *text = cJSON_Print(out);
    printf("%s\n", text);
    cJSON_free(text);
    cJSON_Delete(out);
  }
  pymm_engine_free(engine);
  return 0;
}

int main(int argc, char **argv) {
  options o = {0};
  o.args = pymm_calloc((size_t)argc + 1, sizeof *o.args);
  const char *command = NULL;
  int code = -1;
  for (int i = 1; i < argc && code < 0; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
      printf("pymm %s\n", pymm_version());
      code = 0;
    } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      fputs(USAGE, stdout);
      code = 0;
    } else if (!strcmp(a, "--guide")) {
      if (i + 1 >= argc) code = usage_error("%s", "--guide needs a file");
      else o.guide = argv[++i];
    } else if (!strncmp(a, "--guide=", 8)) {
      o.guide = a + 8;
    } else if (!strcmp(a, "--max-message-size")) {
      char *end = NULL;
      unsigned long long n = i + 1 < argc ? strtoull(argv[i + 1], &end, 10) : 0;
      if (i + 1 >= argc || !end || *end || n == 0 || argv[i + 1][0] == '-')
        code = usage_error("%s", "--max-message-size needs a number of bytes > 0");
      else o.max_message_size = (size_t)n, i++;
    } else if (!strcmp(a, "--json")) {
      o.json = true;
    } else if (!strcmp(a, "--list")) {
      o.list = true;
    } else if (!strcmp(a, "--markdown")) {
      o.markdown = true;
    } else if (!strcmp(a, "--coverage")) {
      o.coverage = true;
    } else if (!strcmp(a, "--stdio")) {
      /* Editors' clients add it; stdio is the only transport. */
    } else if (a[0] == '-' && a[1]) {
      code = usage_error("unknown option %s", a);
    } else if (!command) {
      command = a;
      /* check and rule parse their own options. */
      if (!strcmp(a, "check")) code = pymm_cli_check(argc - i - 1, argv + i + 1, o.guide);
      else if (!strcmp(a, "rule")) code = pymm_cli_rule(argc - i - 1, argv + i + 1, o.guide);
    } else {
      o.args[o.arg_count++] = a;
    }
  }
  if (code < 0) {
    if (!command) code = usage_error("%s", "no command given");
    else if (!strcmp(command, "serve")) {
      pymm_lsp_options lo = {.guide_path = o.guide, .max_content_length = o.max_message_size};
      code = pymm_lsp_serve(STDIN_FILENO, STDOUT_FILENO, &lo);
    } else if (!strcmp(command, "lookup")) code = run_lookup(&o);
    else if (!strcmp(command, "hover")) code = run_hover(&o);
    else if (!strcmp(command, "topics")) code = run_topics(&o);
    else code = usage_error("unknown command \"%s\"", command);
  }
  free(o.args);
  return code;
}
