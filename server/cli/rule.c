/* `pymm rule CODE`: a rule's explanation from the guide, as `ruff rule` prints one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int pymm_cli_rule(int argc, char **argv, const char *guide) {
  bool all = false, markdown = false;
  int codes = 0;
  for (int i = 0; i < argc; i++) {
    if (!strcmp(argv[i], "--all")) all = true;
    else if (!strcmp(argv[i], "--markdown")) markdown = true;
    else if (!strcmp(argv[i], "--guide") && i + 1 < argc) guide = argv[++i];
    else if (argv[i][0] == '-') {
      fprintf(stderr, "pymm rule: unknown option %s\nusage: pymm rule CODE... | --all [--markdown]\n", argv[i]);
      return 2;
    } else codes++;
  }
  char *warnings = NULL;
  pymm_error err = {{0}};
  pymm_engine *engine = pymm_lsp_engine_open(guide, &warnings, &err);
  free(warnings);
  if (!engine) {
    fprintf(stderr, "pymm rule: cannot load the guide: %s\n", err.message);
    return 2;
  }
  const pymm_rules *rules = pymm_engine_rules(engine);
  pymm_markup markup = markdown ? PYMM_MARKUP_MARKDOWN : PYMM_MARKUP_PLAINTEXT;
  int code = 0;
  if (codes == 0 && !all) {
    /* The table of rules. */
    for (size_t i = 0; i < pymm_rules_count(rules); i++) {
      const pymm_rule *r = pymm_rules_at(rules, i);
      printf("%s  %-28s %s%s\n", r->code, r->name, r->message,
             r->fix == PYMM_FIX_SAFE     ? " [fix]"
             : r->fix == PYMM_FIX_UNSAFE ? " [unsafe fix]"
                                         : "");
    }
  }
  for (size_t i = 0; all && i < pymm_rules_count(rules); i++) {
    char *text = pymm_rule_explain(engine, pymm_rules_at(rules, i), markup);
    printf("%s%s", i ? "\n" : "", text);
    free(text);
  }
  bool first = true;
  for (int i = 0; i < argc && !all; i++) {
    if (argv[i][0] == '-') {
      if (!strcmp(argv[i], "--guide")) i++;
      continue;
    }
    const pymm_rule *r = pymm_rules_find(rules, argv[i]);
    if (!r) {
      fprintf(stderr, "pymm rule: no rule %s (the rules are PMM101 to PMM%zu)\n", argv[i],
              100 + pymm_rules_count(rules));
      code = 2;
      continue;
    }
    char *text = pymm_rule_explain(engine, r, markup);
    printf("%s%s", first ? "" : "\n", text);
    first = false;
    free(text);
  }
  pymm_engine_free(engine);
  return code;
}
