/* Lookup: ranks the guide's sections and fragments for a free-text query.
 *
 * Words are identifiers kept whole ("lru_cache", "__slots__", "popleft") and also split at '_' and
 * camel humps ("lru", "cache"; "ThreadPoolExecutor" -> "thread", "pool", "executor"), lowercased, with
 * plurals folded ("closures" -> "closure"). A title word weighs far more than a body word (bodies are
 * scored BM25-style), a section's title a little more than a fragment's, and an entry that holds all the
 * query's words in order gets a phrase bonus. The index is built once at load; a lookup only reads it,
 * so threads may share a guide. */
#include <stdlib.h>
#include <string.h>

#include "guide_internal.h"

enum { MAX_QUERY_WORDS = 32, MAX_QUERY_TERMS = 128, MAX_PREFIX_TERMS = 4 };

/* BM25's usual constants. */
static const double BM25_K1 = 1.2, BM25_B = 0.75;
/* A title word outweighs any number of body matches of the same word. */
static const double SECTION_TITLE_WEIGHT = 8.0, FRAGMENT_TITLE_WEIGHT = 6.0;

typedef struct posting {
  uint32_t entry;
  uint32_t tf;    /* occurrences in the body */
  uint32_t title; /* 1 when the word is in the title */
} posting;

typedef struct entry_info {
  uint32_t body_length;               /* whole words in the body */
  uint32_t title_words;               /* title words that are not numbers, at least 1 */
  size_t title_seq, title_seq_length; /* the title's whole words in order, in 'seq' */
  size_t body_from, body_to;          /* the body's words, in 'words' */
} entry_info;

struct pymm_guide__index {
  const char **terms;
  uint32_t *term_lengths;
  size_t term_count, term_cap, term_lengths_cap;
  bool *numeric; /* per term: only digits */
  pymm_index term_index;
  size_t *post_start; /* term_count + 1 */
  posting *postings;
  entry_info *info;
  uint32_t *seq; /* titles' whole words */
  size_t seq_count, seq_cap;
  uint32_t *words; /* every line's words in order: term id << 1, | 1 for a whole word (not a part) */
  double average_body;
};

/* ---- words ---------------------------------------------------------------------------------------- */

typedef enum word_kind { WORD_WHOLE, WORD_PART, WORD_PAIR } word_kind;

/* Receives each word: a whole identifier, a part of one, or two adjacent words run together
 * ("Data Classes" -> "dataclass", so the title answers "dataclass"). 'position' counts whole words. */
typedef void (*word_fn)(void *context, const char *word, size_t length, word_kind kind, size_t position);

typedef struct words_scratch {
  pymm_buf lower, previous, part, pair;
} words_scratch;

/* True for a non-empty run of lowercase ASCII letters. */
static bool is_ascii_alpha(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < 'a' || s[i] > 'z') return false;
  return n > 0;
}

/* Folds an English plural: classes -> class, dependencies -> dependency, closures -> closure; leaves
 * "process", "status", "this" alone. Returns the new length; s must be lowercase ASCII letters. */
static size_t stem(char *s, size_t n) {
  if (!is_ascii_alpha(s, n)) return n;
  if (n >= 5 && memcmp(s + n - 4, "sses", 4) == 0) return n - 2;
  if (n >= 5 && memcmp(s + n - 3, "ies", 3) == 0) {
    s[n - 3] = 'y';
    return n - 2;
  }
  if (n >= 4 && s[n - 1] == 's' && s[n - 2] != 's' && s[n - 2] != 'u' && s[n - 2] != 'i') return n - 1;
  return n;
}

static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/* Writes s[0..n) lowercased into out (replacing its contents). */
static void lower_into(pymm_buf *out, const char *s, size_t n) {
  pymm_buf_clear(out);
  bool ascii = true;
  for (size_t i = 0; i < n && ascii; i++) ascii = (unsigned char)s[i] < 0x80;
  if (ascii) {
    if (n + 1 > out->cap) {
      out->cap = n + 64;
      out->data = pymm_realloc(out->data, out->cap);
    }
    for (size_t i = 0; i < n; i++) out->data[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
    out->data[n] = '\0';
    out->len = n;
    return;
  }
  for (size_t i = 0; i < n;) pymm_guide__put_cp(out, pymm_guide__lower_cp(pymm_guide__decode(s, n, &i)));
}

static inline bool is_ascii_word(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Whether the character at s[i] belongs to a word; sets *next past it. ASCII is the common case and
 * box drawing (E2 94 xx, E2 95 xx) a third of a guide in this style: neither is decoded. */
static inline bool word_char_at(const char *s, size_t n, size_t i, size_t *next) {
  unsigned char c = (unsigned char)s[i];
  if (c < 0x80) {
    *next = i + 1;
    return is_ascii_word(c);
  }
  if (c == 0xE2 && i + 2 < n && ((unsigned char)s[i + 1] == 0x94 || (unsigned char)s[i + 1] == 0x95)) {
    *next = i + 3;
    return false;
  }
  *next = i;
  return pymm_guide__is_word_cp(pymm_guide__decode(s, n, next));
}

/* Where the part starting at t[i] ends: at '_' or a camel hump ("lruCache", "HTTPServer"). */
static size_t part_end(const char *t, size_t n, size_t i) {
  size_t j = i + 1;
  for (; j < n; j++) {
    if (t[j] == '_') break;
    if (is_upper(t[j]) &&
        (is_lower_or_digit(t[j - 1]) || (is_upper(t[j - 1]) && j + 1 < n && t[j + 1] >= 'a' && t[j + 1] <= 'z')))
      break;
  }
  return j;
}

/* Calls 'fn' for the parts of identifier t when it has more than the whole word in it. */
static void each_part(const char *t, size_t n, const char *whole, size_t whole_length, word_fn fn, void *context,
                      size_t position, pymm_buf *part) {
  size_t count = 0;
  for (size_t i = 0; i < n;) {
    if (t[i] == '_') {
      i++;
      continue;
    }
    i = part_end(t, n, i);
    count++;
  }
  for (size_t i = 0; i < n;) {
    if (t[i] == '_') {
      i++;
      continue;
    }
    size_t end = part_end(t, n, i);
    lower_into(part, t + i, end - i);
    size_t length = stem(part->data, part->len);
    if (count > 1 || length != whole_length || memcmp(part->data, whole, length) != 0)
      fn(context, part->data, length, WORD_PART, position);
    i = end;
  }
}

/* Calls 'fn' for every word of s[0..n): whole, its parts, and with 'pairs' two adjacent words joined. */
static void each_word(const char *s, size_t n, bool pairs, word_fn fn, void *context, words_scratch *w) {
  size_t position = 0;
  bool have_previous = false;
  for (size_t i = 0; i < n;) {
    size_t start = i, end;
    if ((unsigned char)s[i] < 0x80 && !is_ascii_word((unsigned char)s[i])) {
      i++;
      continue;
    }
    if (!word_char_at(s, n, i, &end)) {
      i = end;
      continue;
    }
    for (;;) {
      while (end < n && is_ascii_word((unsigned char)s[end])) end++;
      size_t next;
      if (end < n && (unsigned char)s[end] >= 0x80 && word_char_at(s, n, end, &next)) end = next;
      else break;
    }
    i = end;
    const char *t = s + start;
    size_t tn = end - start;
    bool letters = false, underscore = false, hump = false;
    for (size_t k = 0; k < tn; k++) {
      if (t[k] == '_') underscore = true;
      else letters = true;
      if (k && is_upper(t[k])) hump = true;
    }
    if (!letters) continue;
    lower_into(&w->lower, t, tn);
    if (pairs && have_previous) {
      pymm_buf_clear(&w->pair);
      pymm_buf_append(&w->pair, w->previous.data, w->previous.len);
      pymm_buf_append(&w->pair, w->lower.data, w->lower.len);
      fn(context, w->pair.data, stem(w->pair.data, w->pair.len), WORD_PAIR, position - 1);
    }
    if (pairs) {
      pymm_buf_clear(&w->previous);
      pymm_buf_append(&w->previous, w->lower.data, w->lower.len);
      have_previous = true;
    }
    size_t length = underscore ? w->lower.len : stem(w->lower.data, w->lower.len);
    fn(context, w->lower.data, length, WORD_WHOLE, position);
    /* Only '_' or a camel hump splits a word; a plain word's one part is the word itself. */
    if (underscore || hump) each_part(t, tn, w->lower.data, length, fn, context, position, &w->part);
    position++;
  }
}

/* Frees the buffers each_word() reuses. */
static void scratch_free(words_scratch *w) {
  pymm_buf_free(&w->lower);
  pymm_buf_free(&w->previous);
  pymm_buf_free(&w->part);
  pymm_buf_free(&w->pair);
}

/* ---- the term dictionary -------------------------------------------------------------------------- */

typedef struct term_key {
  const pymm_guide__index *index;
  const char *s;
  size_t n;
} term_key;

static bool same_term(const void *context, uint32_t id) {
  const term_key *k = context;
  return k->index->term_lengths[id] == k->n && memcmp(k->index->terms[id], k->s, k->n) == 0;
}

/* The id of word s[0..n), or -1 when the guide does not use it. */
static int64_t term_find(const pymm_guide__index *index, const char *s, size_t n) {
  term_key key = {index, s, n};
  uint32_t id = pymm_index_find(&index->term_index, pymm_hash(PYMM_HASH_SEED, s, n), same_term, &key);
  return id == PYMM_INDEX_NONE ? -1 : (int64_t)id;
}

/* The id of word s[0..n), added to the dictionary when new. */
static uint32_t term_intern(pymm_guide *guide, pymm_guide__index *index, const char *s, size_t n) {
  int64_t found = term_find(index, s, n);
  if (found >= 0) return (uint32_t)found;
  PYMM_GROW(index->terms, index->term_cap, index->term_count + 1);
  PYMM_GROW(index->term_lengths, index->term_lengths_cap, index->term_count + 1);
  index->terms[index->term_count] = pymm_guide__strndup(guide, s, n);
  index->term_lengths[index->term_count] = (uint32_t)n;
  pymm_index_add(&index->term_index, pymm_hash(PYMM_HASH_SEED, s, n), (uint32_t)index->term_count);
  return (uint32_t)index->term_count++;
}

/* ---- building the index --------------------------------------------------------------------------- */

typedef struct builder {
  pymm_guide *guide;
  pymm_guide__index *index;
  uint32_t *ids; /* the current entry's title words; or, while lines are read, every line's words */
  size_t id_count, id_cap, title_count;
  bool in_title, reading_lines;
  size_t whole_words; /* whole words of the current title */
} builder;

/* A word of a line is kept as its term id shifted left once, the low bit set for a whole word. */
static void index_word(void *context, const char *word, size_t length, word_kind kind, size_t position) {
  (void)position;
  builder *b = context;
  pymm_guide__index *index = b->index;
  uint32_t id = term_intern(b->guide, index, word, length);
  if (b->id_count == b->id_cap) PYMM_GROW(b->ids, b->id_cap, b->id_count + 1);
  if (b->reading_lines) {
    b->ids[b->id_count++] = id << 1 | (kind == WORD_WHOLE);
    return;
  }
  b->ids[b->id_count++] = id;
  if (b->in_title) b->title_count++;
  if (kind != WORD_WHOLE) return;
  b->whole_words++;
  if (index->seq_count == index->seq_cap) PYMM_GROW(index->seq, index->seq_cap, index->seq_count + 1);
  index->seq[index->seq_count++] = id;
}

/* The body of an entry: a section's own lines (up to its first subsection), a panel's box, the lines
 * under a fragment's header line. */
static void body_lines(const pymm_guide *guide, size_t i, uint32_t *first, uint32_t *last) {
  const pymm_guide_entry *e = &guide->entries[i];
  *first = e->fragment == PYMM_FRAGMENT_PANEL ? e->line_start : e->line_start + 1;
  *last = e->line_end;
  if (e->kind != PYMM_GUIDE_SECTION) return;
  for (size_t j = i + 1; j < guide->entry_count; j++) {
    if (guide->entries[j].kind != PYMM_GUIDE_SECTION) continue;
    if (guide->entries[j].line_start - 1 < *last) *last = guide->entries[j].line_start - 1;
    break;
  }
}

typedef struct tuple {
  uint32_t term, entry, tf, title;
} tuple;

void pymm_guide__index_build(pymm_guide *guide) {
  pymm_guide__index *index = pymm_calloc(1, sizeof *index);
  guide->index = index;
  size_t entries = guide->entry_count;
  index->info = pymm_calloc(entries + 1, sizeof *index->info);
  builder b = {.guide = guide, .index = index};
  words_scratch scratch = {0};

  /* Every line is read once: a fragment's lines are also part of its section's body. */
  b.reading_lines = true;
  size_t *line_words = pymm_alloc(((size_t)guide->line_count + 2) * sizeof *line_words);
  line_words[0] = line_words[1] = 0;
  for (uint32_t line = 1; line <= guide->line_count; line++) {
    size_t length;
    const char *text = pymm_guide_line(guide, line, &length);
    each_word(text, length, false, index_word, &b, &scratch);
    line_words[line + 1] = b.id_count;
  }
  /* Never NULL, so the body ranges below always index an array, even in a guide without words. */
  index->words = b.ids ? b.ids : pymm_calloc(1, sizeof *index->words);
  b.ids = NULL;
  b.id_count = b.id_cap = 0;
  b.reading_lines = false;

  /* Per term, while one entry is aggregated: the entry it was last seen in (+1), its counts. */
  size_t terms = index->term_count + 1;
  uint32_t *stamp = pymm_calloc(terms, sizeof *stamp), *tf = pymm_alloc(terms * sizeof *tf);
  uint8_t *in_title = pymm_alloc(terms);
  uint32_t *unique = NULL;
  size_t unique_cap = 0;
  tuple *tuples = NULL;
  size_t tuple_count = 0, tuple_cap = 0;
  double body_total = 0;

  for (size_t e = 0; e < entries; e++) {
    const pymm_guide_entry *entry = &guide->entries[e];
    entry_info *info = &index->info[e];
    b.id_count = b.title_count = 0;
    b.in_title = true;
    b.whole_words = 0;
    info->title_seq = index->seq_count;
    each_word(entry->title, strlen(entry->title), true, index_word, &b, &scratch);
    info->title_seq_length = index->seq_count - info->title_seq;
    /* Title words may be new terms: the per-term arrays grow with the dictionary. */
    if (index->term_count + 1 > terms) {
      size_t more = (index->term_count + 1) * 2;
      stamp = pymm_realloc(stamp, more * sizeof *stamp);
      tf = pymm_realloc(tf, more * sizeof *tf);
      in_title = pymm_realloc(in_title, more);
      memset(stamp + terms, 0, (more - terms) * sizeof *stamp);
      terms = more;
    }

    uint32_t first, last;
    body_lines(guide, e, &first, &last);
    if (last > guide->line_count) last = guide->line_count;
    info->body_from = info->body_to = 0;
    if (first <= last) {
      info->body_from = line_words[first];
      info->body_to = line_words[last + 1];
    }

    size_t unique_count = 0, whole = 0;
    for (size_t k = 0; k < b.id_count + (info->body_to - info->body_from); k++) {
      bool title = k < b.id_count;
      uint32_t word = title ? b.ids[k] : index->words[info->body_from + k - b.id_count];
      uint32_t id = title ? word : word >> 1;
      if (stamp[id] != e + 1) {
        stamp[id] = (uint32_t)e + 1;
        tf[id] = in_title[id] = 0;
        if (unique_count == unique_cap) PYMM_GROW(unique, unique_cap, unique_count + 1);
        unique[unique_count++] = id;
      }
      if (title) in_title[id] = 1;
      else {
        whole += word & 1;
        if (tf[id] < UINT32_MAX) tf[id]++;
      }
    }
    for (size_t k = 0; k < unique_count; k++) {
      uint32_t id = unique[k];
      if (tuple_count == tuple_cap) PYMM_GROW(tuples, tuple_cap, tuple_count + 1);
      tuples[tuple_count++] = (tuple){id, (uint32_t)e, tf[id], in_title[id]};
    }
    info->body_length = (uint32_t)(whole < UINT32_MAX ? whole : UINT32_MAX);
    body_total += (double)info->body_length;
    uint32_t title_words = 0;
    for (size_t k = 0; k < info->title_seq_length; k++) {
      const char *term = index->terms[index->seq[info->title_seq + k]];
      if (term[strspn(term, "0123456789")] != '\0') title_words++;
    }
    info->title_words = title_words ? title_words : 1;
  }
  index->average_body = entries && body_total > 0 ? body_total / (double)entries : 1.0;

  /* Postings grouped by term, each group in entry order (a counting sort of the tuples). */
  index->post_start = pymm_calloc(index->term_count + 1, sizeof *index->post_start);
  for (size_t k = 0; k < tuple_count; k++) index->post_start[tuples[k].term + 1]++;
  for (size_t t = 0; t < index->term_count; t++) index->post_start[t + 1] += index->post_start[t];
  index->postings = pymm_alloc((tuple_count + 1) * sizeof *index->postings);
  size_t *fill = pymm_alloc((index->term_count + 1) * sizeof *fill);
  memcpy(fill, index->post_start, (index->term_count + 1) * sizeof *fill);
  for (size_t k = 0; k < tuple_count; k++)
    index->postings[fill[tuples[k].term]++] = (posting){tuples[k].entry, tuples[k].tf, tuples[k].title};
  free(fill);

  index->numeric = pymm_calloc(index->term_count + 1, sizeof *index->numeric);
  for (size_t t = 0; t < index->term_count; t++) {
    const char *term = index->terms[t];
    index->numeric[t] = term[strspn(term, "0123456789")] == '\0';
  }

  free(stamp);
  free(tf);
  free(in_title);
  free(unique);
  free(tuples);
  free(b.ids);
  free(line_words);
  scratch_free(&scratch);
}

void pymm_guide__index_free(pymm_guide__index *index) {
  if (!index) return;
  free(index->terms);
  free(index->term_lengths);
  free(index->numeric);
  pymm_index_free(&index->term_index);
  free(index->post_start);
  free(index->postings);
  free(index->info);
  free(index->seq);
  free(index->words);
  free(index);
}

/* ---- queries -------------------------------------------------------------------------------------- */

typedef struct query_term {
  uint32_t term;
  double weight;
  uint32_t covers; /* bits of the query's whole words this term stands for */
} query_term;

typedef struct query {
  const pymm_guide__index *index;
  query_term terms[MAX_QUERY_TERMS];
  size_t term_count;
  int64_t words[MAX_QUERY_WORDS]; /* each whole word's term, -1 when the guide lacks it */
  size_t word_count;
} query;

/* Adds a term to the query, or raises the weight and coverage of one already there. */
static void query_add(query *q, uint32_t term, double weight, uint32_t covers) {
  for (size_t i = 0; i < q->term_count; i++) {
    if (q->terms[i].term != term) continue;
    if (weight > q->terms[i].weight) q->terms[i].weight = weight;
    q->terms[i].covers |= covers;
    return;
  }
  if (q->term_count < MAX_QUERY_TERMS) q->terms[q->term_count++] = (query_term){term, weight, covers};
}

/* Adds the guide's words that start with word[0..n) and are longer: the alphabetically first few, so
 * the choice does not depend on the order words were met in. */
static void query_add_prefixed(query *q, const char *word, size_t n, uint32_t covers) {
  const pymm_guide__index *index = q->index;
  uint32_t best[MAX_PREFIX_TERMS];
  size_t count = 0;
  for (size_t t = 0; t < index->term_count; t++) {
    if (index->term_lengths[t] <= n || memcmp(index->terms[t], word, n) != 0) continue;
    size_t at = count;
    while (at > 0 && strcmp(index->terms[t], index->terms[best[at - 1]]) < 0) at--;
    if (at >= MAX_PREFIX_TERMS) continue;
    if (count < MAX_PREFIX_TERMS) count++;
    memmove(best + at + 1, best + at, (count - 1 - at) * sizeof *best);
    best[at] = (uint32_t)t;
  }
  for (size_t k = 0; k < count; k++) query_add(q, best[k], 0.5, covers);
}

/* Turns one word of the query into terms: itself, else the guide's words it starts; its parts; joined pairs. */
static void query_word(void *context, const char *word, size_t length, word_kind kind, size_t position) {
  query *q = context;
  if (position >= MAX_QUERY_WORDS) return;
  int64_t term = term_find(q->index, word, length);
  if (kind == WORD_WHOLE) {
    if (position + 1 > q->word_count) q->word_count = position + 1;
    q->words[position] = term;
    if (term >= 0) {
      query_add(q, (uint32_t)term, 1.0, 1u << position);
    } else if (length >= 3) {
      /* A word the guide lacks may be the start of one it has: "dequ", "ThreadPool". */
      query_add_prefixed(q, word, length, 1u << position);
    }
  } else if (term >= 0 && kind == WORD_PART) {
    query_add(q, (uint32_t)term, q->words[position] >= 0 ? 0.35 : 0.7, 1u << position);
  } else if (term >= 0 && position + 1 < MAX_QUERY_WORDS) {
    query_add(q, (uint32_t)term, 0.5, 3u << position);
  }
}

/* ln(x) for x >= 1, so the guide layer needs no libm: x = m * 2^k with m in [1, 2), and
 * ln(m) = 2 atanh((m - 1) / (m + 1)), whose series converges fast for m < 2. */
static double natural_log(double x) {
  int k = 0;
  while (x >= 2.0) x /= 2.0, k++;
  double y = (x - 1.0) / (x + 1.0), y2 = y * y, term = y, sum = 0;
  for (int n = 1; n < 40; n += 2, term *= y2) sum += term / n;
  return 2.0 * sum + k * 0.69314718055994530942;
}

/* BM25's inverse document frequency of a term over the entries. */
static double idf(const pymm_guide__index *index, size_t entries, uint32_t term) {
  double df = (double)(index->post_start[term + 1] - index->post_start[term]);
  return natural_log(1.0 + ((double)entries - df + 0.5) / (df + 0.5));
}

/* True when the body's whole words hold the query's words in a row (parts of split words between them
 * are skipped). */
static bool body_contains(const pymm_guide__index *index, const entry_info *info, const int64_t *words, size_t count) {
  for (size_t i = info->body_from; i < info->body_to; i++) {
    if (!(index->words[i] & 1) || (int64_t)(index->words[i] >> 1) != words[0]) continue;
    size_t k = 1;
    for (size_t j = i + 1; j < info->body_to && k < count; j++) {
      if (!(index->words[j] & 1)) continue;
      if ((int64_t)(index->words[j] >> 1) != words[k]) break;
      k++;
    }
    if (k == count) return true;
  }
  return false;
}

/* True when seq[0..n) holds the query's words in a row. */
static bool seq_contains(const uint32_t *seq, size_t n, const int64_t *words, size_t count) {
  for (size_t i = 0; i + count <= n; i++) {
    size_t k = 0;
    while (k < count && (int64_t)seq[i + k] == words[k]) k++;
    if (k == count) return true;
  }
  return false;
}

/* True when the title's words, numbers aside, are exactly the query's words. */
static bool title_is_query(const pymm_guide__index *index, const entry_info *info, const query *q) {
  if (info->title_seq_length == 0) return false; /* an empty title: 'seq' may even be NULL */
  const uint32_t *title = index->seq + info->title_seq;
  for (size_t i = 0; i < info->title_seq_length; i++) {
    if (index->numeric[title[i]]) continue;
    bool found = false;
    for (size_t k = 0; k < q->word_count && !found; k++) found = q->words[k] == (int64_t)title[i];
    if (!found) return false;
  }
  for (size_t k = 0; k < q->word_count; k++) {
    bool found = false;
    for (size_t i = 0; i < info->title_seq_length && !found; i++) found = q->words[k] == (int64_t)title[i];
    if (!found) return false;
  }
  return true;
}

typedef struct candidate {
  int64_t score; /* fixed point, so equal scores compare equal */
  uint32_t size;
  uint32_t entry;
} candidate;

/* Best score first; then the smaller entry; then document order. */
static int compare_candidates(const void *a, const void *b) {
  const candidate *x = a, *y = b;
  if (x->score != y->score) return x->score > y->score ? -1 : 1;
  if (x->size != y->size) return x->size < y->size ? -1 : 1; /* the smaller, more specific entry */
  return x->entry < y->entry ? -1 : x->entry > y->entry;
}

static int popcount(uint32_t x) {
  int n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

size_t pymm_guide_lookup(const pymm_guide *guide, const char *query_text, pymm_guide_hit *hits, size_t max_hits) {
  if (!guide || !guide->index || !query_text || !hits || !max_hits || !guide->entry_count) return 0;
  const pymm_guide__index *index = guide->index;
  query *q = pymm_calloc(1, sizeof *q);
  q->index = index;
  for (size_t k = 0; k < MAX_QUERY_WORDS; k++) q->words[k] = -1;
  words_scratch scratch = {0};
  each_word(query_text, strlen(query_text), true, query_word, q, &scratch);
  scratch_free(&scratch);

  uint32_t active = 0; /* the query's words the guide knows in some form */
  for (size_t i = 0; i < q->term_count; i++) active |= q->terms[i].covers;
  int total = popcount(active);
  if (!total) {
    free(q);
    return 0;
  }
  bool exact = true;
  double word_idf = 0;
  size_t entries = guide->entry_count;
  for (size_t k = 0; k < q->word_count; k++) {
    if (q->words[k] < 0) exact = false;
    else word_idf += idf(index, entries, (uint32_t)q->words[k]);
  }

  double *score = pymm_calloc(entries, sizeof *score);
  uint32_t *cover = pymm_calloc(entries, sizeof *cover), *title_cover = pymm_calloc(entries, sizeof *title_cover);
  for (size_t i = 0; i < q->term_count; i++) {
    const query_term *t = &q->terms[i];
    double weight = t->weight * idf(index, entries, t->term);
    for (size_t p = index->post_start[t->term]; p < index->post_start[t->term + 1]; p++) {
      const posting *post = &index->postings[p];
      const entry_info *info = &index->info[post->entry];
      double s = 0;
      if (post->title) {
        double w =
            guide->entries[post->entry].kind == PYMM_GUIDE_SECTION ? SECTION_TITLE_WEIGHT : FRAGMENT_TITLE_WEIGHT;
        s += w / (1.0 + 0.1 * (info->title_words - 1));
        title_cover[post->entry] |= t->covers;
      }
      if (post->tf) {
        double norm = BM25_K1 * (1.0 - BM25_B + BM25_B * info->body_length / index->average_body);
        s += post->tf * (BM25_K1 + 1.0) / (post->tf + norm);
      }
      score[post->entry] += weight * s;
      cover[post->entry] |= t->covers;
    }
  }

  for (size_t e = 0; e < entries; e++) {
    if (score[e] <= 0) continue;
    const entry_info *info = &index->info[e];
    double covered = (double)popcount(cover[e] & active) / total;
    score[e] *= covered * covered;
    if (exact && q->word_count >= 2 && covered >= 1.0) {
      if (info->title_seq_length &&
          seq_contains(index->seq + info->title_seq, info->title_seq_length, q->words, q->word_count))
        score[e] += 3.0 * word_idf;
      else if (body_contains(index, info, q->words, q->word_count)) score[e] += 1.0 * word_idf;
    }
    if (exact && title_is_query(index, info, q)) score[e] += 2.0 * word_idf;
  }
  /* A fragment whose title says no more than its section's (the GIL panel inside "The GIL") is not the
   * more specific answer: it ranks below its section. */
  for (size_t e = 0; e < entries; e++) {
    const pymm_guide_entry *entry = &guide->entries[e];
    if (entry->kind != PYMM_GUIDE_FRAGMENT || entry->parent < 0 || score[e] <= 0) continue;
    size_t parent = (size_t)entry->parent;
    if (title_cover[parent] && !(title_cover[e] & ~title_cover[parent]) && score[e] > 0.9 * score[parent])
      score[e] = 0.9 * score[parent];
  }

  candidate *list = pymm_alloc(entries * sizeof *list);
  size_t count = 0;
  for (size_t e = 0; e < entries; e++) {
    int64_t fixed = (int64_t)(score[e] * 1e6 + 0.5);
    if (fixed <= 0) continue;
    const pymm_guide_entry *entry = &guide->entries[e];
    list[count++] = (candidate){fixed, entry->line_end - entry->line_start, (uint32_t)e};
  }
  qsort(list, count, sizeof *list, compare_candidates);
  if (count > max_hits) count = max_hits;
  for (size_t i = 0; i < count; i++) hits[i] = (pymm_guide_hit){list[i].entry, (double)list[i].score / 1e6};

  free(list);
  free(score);
  free(cover);
  free(title_cover);
  free(q);
  return count;
}
