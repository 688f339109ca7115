/* The commands of pymm's command line that live in their own files. */
#ifndef PYMM_CLI_H
#define PYMM_CLI_H

#include "pymm/lsp.h"

/* `pymm check [options] PATHS...`: the arguments after "check". 'guide' is --guide from before the command
 * (NULL for the embedded guide). Returns the exit code: 0 clean, 1 findings, 2 usage or I/O errors. */
int pymm_cli_check(int argc, char **argv, const char *guide);
/* `pymm rule [CODE...|--all]`: prints the rules' explanations from the guide. */
int pymm_cli_rule(int argc, char **argv, const char *guide);

#endif
