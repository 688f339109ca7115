/* pymm base layer: memory, growable buffers, errors, logging, embedded data, files.
 *
 * Every other layer may include this header; it includes nothing of pymm.
 * Out-of-memory aborts here, in one place, so callers never check allocations. */
#ifndef PYMM_BASE_H
#define PYMM_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define PYMM_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define PYMM_PRINTF(fmt, args)
#endif

/* ---- memory ------------------------------------------------------------------------------------ */

/* Allocate or abort. Caller owns the result; free with free(). */
void *pymm_alloc(size_t size);
void *pymm_calloc(size_t count, size_t size);
/* Invalidates 'p': use the returned pointer. */
void *pymm_realloc(void *p, size_t size);
/* Caller owns the result; free with free(). */
char *pymm_strdup(const char *s);
char *pymm_strndup(const char *s, size_t n);

/* Grow an array '*items' of '*cap' elements of 'size' bytes so it holds at least 'need'. */
void pymm_grow(void **items, size_t *cap, size_t need, size_t size);
#define PYMM_GROW(items, cap, need) pymm_grow((void **)&(items), &(cap), (need), sizeof *(items))

/* ---- buffers ----------------------------------------------------------------------------------- */

/* A growable byte string, always NUL-terminated once anything was appended.
 * Zero-initialise ({0}) to start; the buffer owns 'data'. */
typedef struct pymm_buf {
  char *data;
  size_t len;
  size_t cap;
} pymm_buf;

void pymm_buf_append(pymm_buf *b, const char *s, size_t n);
void pymm_buf_puts(pymm_buf *b, const char *s);
void pymm_buf_putc(pymm_buf *b, char c);
void pymm_buf_printf(pymm_buf *b, const char *fmt, ...) PYMM_PRINTF(2, 3);
void pymm_buf_vprintf(pymm_buf *b, const char *fmt, va_list args);
void pymm_buf_clear(pymm_buf *b);
/* Caller owns the result ("" for an empty buffer); free with free(). The buffer is left empty. */
char *pymm_buf_take(pymm_buf *b);
void pymm_buf_free(pymm_buf *b);

/* ---- errors ------------------------------------------------------------------------------------ */

/* What went wrong, for functions that can really fail (a file, a guide, a query). */
typedef struct pymm_error {
  char message[512];
} pymm_error;

/* Sets err->message; does nothing when 'err' is NULL. */
void pymm_error_set(pymm_error *err, const char *fmt, ...) PYMM_PRINTF(2, 3);

/* ---- logging ----------------------------------------------------------------------------------- */

typedef enum pymm_log_level {
  PYMM_LOG_NONE = 0,
  PYMM_LOG_ERROR,
  PYMM_LOG_WARNING,
  PYMM_LOG_INFO,
  PYMM_LOG_DEBUG,
} pymm_log_level;

/* Where log lines go. The default writes "pymm: level: message" to stderr; never to stdout. */
typedef void (*pymm_log_sink)(pymm_log_level level, const char *message, void *context);

/* Only lsp/ and cli/ log; lower layers return their errors instead. */
void pymm_log_set_sink(pymm_log_sink sink, void *context);
void pymm_log_set_level(pymm_log_level level);
void pymm_log(pymm_log_level level, const char *fmt, ...) PYMM_PRINTF(2, 3);
const char *pymm_log_level_name(pymm_log_level level);

/* ---- embedded data ----------------------------------------------------------------------------- */

/* A file of data/ compiled into the binary. 'bytes' is NUL-terminated; 'name' is relative to data/
 * ("python-mental-models.md", "topics.json", "queries/hover.scm"). */
typedef struct pymm_blob {
  const char *name;
  const char *bytes;
  size_t length;
} pymm_blob;

/* Borrowed: static. NULL when no such file was embedded. */
const pymm_blob *pymm_data_find(const char *name);
/* Borrowed: static; the table ends with an entry whose name is NULL. */
const pymm_blob *pymm_data_all(void);

#define PYMM_DEFAULT_GUIDE "python-mental-models.md"

/* ---- files and strings ------------------------------------------------------------------------- */

/* Reads a whole file. Caller owns the result (NUL-terminated); free with free(). NULL + err on failure. */
char *pymm_file_read(const char *path, size_t *length, pymm_error *err);

/* Writes an embedded file to the user's cache directory ($XDG_CACHE_HOME/pymm or ~/.cache/pymm), unless an
 * identical copy is there already, so that links can point at a real file. Caller owns the returned path;
 * free with free(). NULL + err when no cache directory can be written. */
char *pymm_data_materialize(const pymm_blob *blob, pymm_error *err);

/* True when s[0..n) is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF). */
bool pymm_utf8_valid(const char *s, size_t n);
/* Appends s[0..n) to 'b' with each byte that is no part of a well-formed sequence replaced by U+FFFD. */
void pymm_buf_append_utf8(pymm_buf *b, const char *s, size_t n);

/* ASCII-only case-insensitive comparisons. */
bool pymm_ascii_ieq(const char *a, const char *b);
const char *pymm_ascii_istr(const char *haystack, const char *needle);

/* FNV-1a over s[0..n), continuing from 'hash' (start with PYMM_HASH_SEED): for hash tables and fingerprints. */
#define PYMM_HASH_SEED 14695981039346656037u
uint64_t pymm_hash(uint64_t hash, const void *s, size_t n);

/* ---- hash index ---------------------------------------------------------------------------------- */

/* An open-addressing index over items that the caller keeps in an array of its own, by their numbers. Each slot
 * holds an item's number and hash; the index never reads the items, so the caller's 'same' says which one it
 * looks for. Kept at most half full. Zero-initialise; free with pymm_index_free(). */
typedef struct pymm_index_slot {
  uint32_t hash;
  uint32_t item; /* the item's number + 1; 0: an empty slot */
} pymm_index_slot;

typedef struct pymm_index {
  pymm_index_slot *slots;
  size_t count, cap; /* cap: 0 or a power of two */
} pymm_index;

#define PYMM_INDEX_NONE UINT32_MAX
/* True when item number 'item' is the one looked for. */
typedef bool (*pymm_index_same)(const void *context, uint32_t item);

/* The number of the item stored under 'hash' that 'same' accepts, or PYMM_INDEX_NONE. */
uint32_t pymm_index_find(const pymm_index *index, uint64_t hash, pymm_index_same same, const void *context);
/* Stores item number 'item' under 'hash'; the caller has found no equal item there. */
void pymm_index_add(pymm_index *index, uint64_t hash, uint32_t item);
/* Frees the slots (not the items) and leaves the index empty. */
void pymm_index_free(pymm_index *index);

const char *pymm_version(void);

#endif
