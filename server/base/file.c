#include "pymm/base.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *pymm_file_read(const char *path, size_t *length, pymm_error *err) {
  struct stat st;
  if (stat(path, &st) != 0) {
    pymm_error_set(err, "%s: %s", path, strerror(errno));
    return NULL;
  }
  if (S_ISDIR(st.st_mode)) {
    pymm_error_set(err, "%s: is a directory", path);
    return NULL;
  }
  FILE *f = fopen(path, "rb");
  if (!f) {
    pymm_error_set(err, "%s: %s", path, strerror(errno));
    return NULL;
  }
  pymm_buf b = {0};
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) pymm_buf_append(&b, chunk, n);
  bool failed = ferror(f);
  fclose(f);
  if (failed) {
    pymm_error_set(err, "%s: read error", path);
    pymm_buf_free(&b);
    return NULL;
  }
  if (length) *length = b.len;
  return pymm_buf_take(&b);
}

/* mkdir -p for the cache directory. */
static bool make_directories(char *path) {
  for (char *p = path + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    bool ok = mkdir(path, 0755) == 0 || errno == EEXIST;
    *p = '/';
    if (!ok) return false;
  }
  return mkdir(path, 0755) == 0 || errno == EEXIST;
}

char *pymm_data_materialize(const pymm_blob *blob, pymm_error *err) {
  const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  pymm_buf dir = {0};
  if (xdg && xdg[0] == '/') pymm_buf_printf(&dir, "%s/pymm", xdg);
  else if (home && home[0] == '/') pymm_buf_printf(&dir, "%s/.cache/pymm", home);
  else {
    pymm_error_set(err, "no cache directory: neither XDG_CACHE_HOME nor HOME is set");
    return NULL;
  }
  if (!make_directories(dir.data)) {
    pymm_error_set(err, "%s: %s", dir.data, strerror(errno));
    pymm_buf_free(&dir);
    return NULL;
  }
  const char *base = strrchr(blob->name, '/');
  base = base ? base + 1 : blob->name;
  pymm_buf path = {0};
  /* The version in the name keeps two installed versions from fighting over one file. */
  const char *dot = strrchr(base, '.');
  size_t stem = dot ? (size_t)(dot - base) : strlen(base);
  pymm_buf_printf(&path, "%s/%.*s-%s%s", dir.data, (int)stem, base, pymm_version(), dot ? dot : "");
  pymm_buf_free(&dir);
  size_t length = 0;
  char *existing = pymm_file_read(path.data, &length, NULL);
  bool same = existing && length == blob->length && memcmp(existing, blob->bytes, length) == 0;
  free(existing);
  if (same) return pymm_buf_take(&path);
  /* Write a temporary file and rename it, so a concurrent reader never sees half a guide. */
  pymm_buf tmp = {0};
  pymm_buf_printf(&tmp, "%s.%ld.tmp", path.data, (long)getpid());
  FILE *f = fopen(tmp.data, "wb");
  bool ok = f && fwrite(blob->bytes, 1, blob->length, f) == blob->length;
  if (f && fclose(f) != 0) ok = false;
  if (ok && rename(tmp.data, path.data) != 0) ok = false;
  if (!ok) {
    pymm_error_set(err, "%s: %s", path.data, strerror(errno));
    remove(tmp.data);
    pymm_buf_free(&tmp);
    pymm_buf_free(&path);
    return NULL;
  }
  pymm_buf_free(&tmp);
  return pymm_buf_take(&path);
}
