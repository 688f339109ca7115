/* pymm python layer: a Python document's tree-sitter tree, pymm's queries with their own predicates, and
 * per-scope type facts. Knows nothing of LSP or of the guide.
 *
 * Offsets are byte offsets into the document's text. */
#ifndef PYMM_PYTHON_H
#define PYMM_PYTHON_H

#include <tree_sitter/api.h>

#include "pymm/text.h"

/* The tree-sitter-python 0.23.6 grammar compiled into pymm. */
const TSLanguage *tree_sitter_python(void);

/* ---- documents --------------------------------------------------------------------------------- */

/* A Python document: its text and its tree, kept in step by incremental edits. */
typedef struct pymm_document pymm_document;

/* Copies and parses s[0..length). Caller owns the result; free with pymm_document_free(). */
pymm_document *pymm_document_new(const char *s, size_t length);
void pymm_document_free(pymm_document *doc);
/* A copy with the same text and tree (ts_tree_copy) and facts of its own, so that another thread can read
 * it while this one reads 'doc'. Caller owns the result; free with pymm_document_free(). */
pymm_document *pymm_document_copy(pymm_document *doc);

/* Replaces bytes [start, end) with s[0..length) and edits the tree to match (ts_tree_edit); the reparse
 * waits until the tree is next asked for, so a burst of edits costs one parse. False when the text would
 * grow past 4 GiB. */
bool pymm_document_apply_change(pymm_document *doc, uint32_t start, uint32_t end, const char *s, size_t length);
/* Replaces the whole text. */
void pymm_document_set_text(pymm_document *doc, const char *s, size_t length);

/* Borrowed: valid until the next change or pymm_document_free(). */
const pymm_text *pymm_document_text(const pymm_document *doc);
/* The tree, reparsed incrementally from the old one if edits are pending. Borrowed: valid until the next
 * change or pymm_document_free(). */
const TSTree *pymm_document_tree(pymm_document *doc);
/* How many parses this document has done (the first one included): tests and benchmarks read it. */
uint32_t pymm_document_parse_count(const pymm_document *doc);

/* What changed since the last pymm_document_take_changes() (or since the document was made): bytes
 * [start, end) of the current text hold every difference, the edited text and whatever the reparse found
 * to have changed structure. The text before 'start' is as it was; the text after 'end' is the old text
 * after 'end - delta', moved. 'replaced': the whole text was set (or it is new): nothing can be kept. */
typedef struct pymm_changes {
  bool changed, replaced;
  uint32_t start, end;
  int64_t delta; /* new length - old length */
} pymm_changes;

/* Reparses if needed, returns the changes and starts counting again. */
pymm_changes pymm_document_take_changes(pymm_document *doc);

/* The text of a node. Caller owns the result; free with free(). */
char *pymm_node_text(const pymm_document *doc, TSNode node);
/* True when the node's text equals 's'. */
bool pymm_node_text_eq(const pymm_document *doc, TSNode node, const char *s);
/* The smallest named node that contains [offset, offset] and is not the whole module; the module if none. */
TSNode pymm_document_node_at(pymm_document *doc, uint32_t offset);

/* ---- type facts -------------------------------------------------------------------------------- */

/* What pymm knows of an expression's value, flow-insensitively within its scope (LEGB):
 * "list", "dict", "set", "frozenset", "tuple", "str", "bytes", "int", "float", "bool", "deque",
 * "defaultdict", "Counter", "OrderedDict", "ChainMap" for instances; "class:list", "class:deque" ... for the
 * classes themselves; "module:collections" for modules. NULL when unknown or when bindings disagree.
 * Borrowed: static strings or strings owned by the document, valid until the next change. */
const char *pymm_type_of(pymm_document *doc, TSNode expression);

/* What a name or dotted name refers to, followed through imports and aliases: "collections.deque" for
 * `dq` after `from collections import deque as dq`, "itertools.chain" for `it.chain` after
 * `import itertools as it`, "builtins.len" for an unshadowed `len`, "os" for a module. NULL for local
 * definitions, variables and anything pymm cannot follow (relative imports).
 * Borrowed: valid until the next change. */
const char *pymm_qualified_name(pymm_document *doc, TSNode expression);

/* ---- queries ----------------------------------------------------------------------------------- */

/* A compiled query over Python with pymm's predicates, evaluated in C:
 *   #eq? @a "text" / #eq? @a @b, #not-eq?, #match? @a "regex" (POSIX extended), #not-match?,
 *   #any-of? @a "x" "y" ..., #type? @a "list" "deque" ... (true when pymm_type_of() is one of them;
 *   "maybe" when the type is unknown: the match is then reported as hedged), #not-type? @a "t" ...,
 *   #qualname? @a "collections.deque" "itertools.*" ... (pymm_qualified_name() matches one of the
 *   fnmatch() patterns; never hedged), #not-qualname?, #sure-type? @a "t" ... (#type? without the
 *   "maybe": the type must be known)
 * In each pattern the first capture whose name does not start with '_' names the topic or rule; the
 * others are helpers the caller may read with pymm_match_capture(). Immutable once built: threads may share. */
typedef struct pymm_query pymm_query;

/* Caller owns the result; free with pymm_query_free(). NULL + err (with the byte offset and kind, or the
 * unknown predicate) when the source does not compile. 'name' is used in error messages. */
pymm_query *pymm_query_new(const char *source, size_t length, const char *name, pymm_error *err);
void pymm_query_free(pymm_query *query);
uint32_t pymm_query_capture_count(const pymm_query *query);
/* Borrowed: valid until pymm_query_free(). */
const char *pymm_query_capture_name(const pymm_query *query, uint32_t capture);

typedef struct pymm_match {
  const pymm_query *query;
  uint32_t pattern;
  const char *name;       /* the topic / rule capture's name */
  TSNode node;            /* the node it captured */
  bool hedged;            /* a #type? predicate passed only because the type is unknown */
  TSNode hedge_node;      /* the node whose type is unknown (when hedged) */
  const char *hedge_type; /* the first type that predicate named (when hedged) */
  const TSQueryCapture *captures;
  uint32_t capture_count;
} pymm_match;

/* Finds the node a helper capture (e.g. "_recv") took in this match; false if none. */
bool pymm_match_capture(const pymm_match *match, const char *name, TSNode *node);

/* Calls 'visit' for each match whose topic node intersects bytes [start, end), in document order; 'visit'
 * returns false to stop. 'match' is borrowed for the call only. */
typedef bool (*pymm_match_visit)(const pymm_match *match, void *context);
void pymm_query_run(const pymm_query *query, pymm_document *doc, uint32_t start, uint32_t end, pymm_match_visit visit,
                    void *context);

#endif
