/* pymm lsp layer: JSON-RPC over stdio, the dispatch table, lifecycle, the document store and settings.
 * The only layer that speaks JSON (cJSON) to the client; stdout carries nothing but protocol. */
#ifndef PYMM_LSP_H
#define PYMM_LSP_H

#include "pymm/features.h"

typedef struct pymm_lsp_options {
  const char *guide_path;    /* --guide: a guide file instead of the embedded one; NULL for the default */
  size_t max_content_length; /* messages larger than this are refused unread; 0 = 64 MiB */
  pymm_engine *engine;       /* borrowed, for the default guide instead of building one (tests); NULL to build */
} pymm_lsp_options;

/* Serves one client over the two file descriptors until 'exit' or end of input. Returns the process exit
 * code: 0 after shutdown + exit, 1 otherwise (LSP). */
int pymm_lsp_serve(int in_fd, int out_fd, const pymm_lsp_options *options);

/* Loads the guide at 'guide_path' (NULL: the embedded guide, written once to the cache directory so hovers
 * can link to a real file) and builds an engine over it. Caller owns the result; free with
 * pymm_engine_free(). '*warnings' as for pymm_engine_new(). */
pymm_engine *pymm_lsp_engine_open(const char *guide_path, char **warnings, pymm_error *err);

#endif
