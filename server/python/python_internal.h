/* Internals shared by the files of server/python/. Not for other layers. */
#ifndef PYMM_PYTHON_INTERNAL_H
#define PYMM_PYTHON_INTERNAL_H

#include "pymm/python.h"

/* The type facts of one parse of a document (types.c). */
typedef struct pymm_types pymm_types;
pymm_types *pymm_types__new(pymm_document *doc);
void pymm_types__free(pymm_types *types);
/* Borrowed: the document's facts, built on first use and dropped at the next change. */
pymm_types *pymm_document__types(pymm_document *doc);

#endif
