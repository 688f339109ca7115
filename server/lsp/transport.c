/* Content-Length framing over file descriptors. Reads go through pymm's own buffer (not stdio) so that
 * "is another message waiting?" can be answered without blocking, which is how edits are coalesced. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lsp_internal.h"

void transport_init(transport *t, int in_fd, int out_fd, size_t max_content_length) {
  memset(t, 0, sizeof *t);
  t->in_fd = in_fd;
  t->out_fd = out_fd;
  t->max_content_length = max_content_length ? max_content_length : (size_t)64 << 20;
  const char *trace = getenv("PYMM_LOG");
  if (trace && trace[0]) t->trace = fopen(trace, "a");
}

void transport_close(transport *t) {
  free(t->buffer);
  t->buffer = NULL;
  if (t->trace) fclose(t->trace);
  t->trace = NULL;
}

/* Reads more bytes into the buffer; false on end of input or a read error. */
static bool fill(transport *t) {
  if (t->start > 0 && t->start == t->end) t->start = t->end = 0;
  if (t->end == t->cap) {
    if (t->start > 0) { /* slide what is left to the front before growing */
      memmove(t->buffer, t->buffer + t->start, t->end - t->start);
      t->end -= t->start;
      t->start = 0;
    }
    if (t->end == t->cap) PYMM_GROW(t->buffer, t->cap, t->cap + 65536);
  }
  for (;;) {
    ssize_t n = read(t->in_fd, t->buffer + t->end, t->cap - t->end);
    if (n > 0) {
      t->end += (size_t)n;
      return true;
    }
    if (n < 0 && errno == EINTR) continue;
    return false;
  }
}

bool transport_ready(transport *t) {
  if (t->end > t->start) return true;
  struct pollfd p = {t->in_fd, POLLIN, 0};
  return poll(&p, 1, 0) > 0;
}

/* Reads one header line (up to "\n", with or without "\r") into 'line'. False at end of input. */
static bool read_line(transport *t, char *line, size_t cap, size_t *length) {
  size_t n = 0;
  for (;;) {
    while (t->start < t->end) {
      char c = t->buffer[t->start++];
      if (c == '\n') {
        if (n > 0 && line[n - 1] == '\r') n--;
        line[n] = '\0';
        *length = n;
        return true;
      }
      if (n + 1 < cap) line[n++] = c; /* an over-long header line is cut; it is not a valid header anyway */
    }
    if (!fill(t)) return false;
  }
}

/* Discards 'count' bytes of input without keeping them. False at end of input. */
static bool skip(transport *t, size_t count) {
  while (count > 0) {
    if (t->start == t->end && !fill(t)) return false;
    size_t n = t->end - t->start < count ? t->end - t->start : count;
    t->start += n;
    count -= n;
  }
  return true;
}

transport_status transport_read(transport *t, char **body, size_t *length, const char **problem) {
  char line[1024];
  size_t n;
  bool have_length = false, bad_length = false, any_header = false;
  unsigned long long content_length = 0;
  for (;;) {
    if (!read_line(t, line, sizeof line, &n)) return TRANSPORT_EOF;
    if (n == 0) {
      if (!any_header) continue; /* stray blank lines between messages */
      break;
    }
    any_header = true;
    if (strncasecmp(line, "Content-Length:", 15) == 0) {
      const char *v = line + 15;
      while (*v == ' ' || *v == '\t') v++;
      char *endp;
      errno = 0;
      content_length = strtoull(v, &endp, 10);
      while (*endp == ' ' || *endp == '\t') endp++;
      bad_length = *v < '0' || *v > '9' || *endp != '\0' || errno == ERANGE;
      have_length = !bad_length;
    }
  }
  if (!have_length) {
    *problem =
        bad_length ? "the Content-Length header is not a non-negative number" : "a header block without Content-Length";
    return TRANSPORT_BAD_FRAME;
  }
  if (content_length > t->max_content_length) {
    *problem = "the message is larger than the server accepts (Content-Length over the cap); skipped";
    return skip(t, (size_t)content_length) ? TRANSPORT_BAD_FRAME : TRANSPORT_EOF;
  }
  /* The body grows as it arrives: a header that promises 60 MB and is followed by nothing costs nothing. */
  size_t cap = content_length < ((size_t)1 << 20) ? (size_t)content_length : (size_t)1 << 20;
  char *data = pymm_alloc(cap + 1);
  size_t have = 0;
  while (have < content_length) {
    if (t->start == t->end && !fill(t)) {
      free(data);
      return TRANSPORT_EOF;
    }
    size_t k = t->end - t->start < content_length - have ? t->end - t->start : (size_t)content_length - have;
    if (have + k > cap) {
      cap = cap * 2 < content_length ? cap * 2 : (size_t)content_length;
      if (cap < have + k) cap = have + k;
      data = pymm_realloc(data, cap + 1);
    }
    memcpy(data + have, t->buffer + t->start, k);
    t->start += k;
    have += k;
  }
  data[have] = '\0';
  if (t->trace) {
    fprintf(t->trace, "--> %s\n", data);
    fflush(t->trace);
  }
  *body = data;
  *length = have;
  return TRANSPORT_MESSAGE;
}

static bool write_all(transport *t, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(t->out_fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      t->broken = true;
      return false;
    }
    p += w;
    n -= (size_t)w;
  }
  return true;
}

bool transport_write(transport *t, const char *body, size_t length) {
  if (t->broken) return false;
  char header[64];
  int h = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", length);
  if (t->trace) {
    fprintf(t->trace, "<-- %.*s\n", (int)length, body);
    fflush(t->trace);
  }
  return write_all(t, header, (size_t)h) && write_all(t, body, length);
}
