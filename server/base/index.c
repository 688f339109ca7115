/* The open-addressing hash index of base.h: linear probing, grown to twice the size when half full. */
#include <stdlib.h>

#include "pymm/base.h"

uint32_t pymm_index_find(const pymm_index *index, uint64_t hash, pymm_index_same same, const void *context) {
  if (!index->cap) return PYMM_INDEX_NONE;
  size_t mask = index->cap - 1;
  uint32_t h = (uint32_t)hash;
  for (size_t i = h & mask; index->slots[i].item; i = (i + 1) & mask)
    if (index->slots[i].hash == h && same(context, index->slots[i].item - 1)) return index->slots[i].item - 1;
  return PYMM_INDEX_NONE;
}

static void put(pymm_index_slot *slots, size_t cap, pymm_index_slot slot) {
  size_t i = slot.hash & (cap - 1);
  while (slots[i].item) i = (i + 1) & (cap - 1);
  slots[i] = slot;
}

void pymm_index_add(pymm_index *index, uint64_t hash, uint32_t item) {
  if ((index->count + 1) * 2 > index->cap) {
    size_t cap = index->cap ? index->cap * 2 : 64;
    pymm_index_slot *slots = pymm_calloc(cap, sizeof *slots);
    for (size_t i = 0; i < index->cap; i++)
      if (index->slots[i].item) put(slots, cap, index->slots[i]);
    free(index->slots);
    index->slots = slots;
    index->cap = cap;
  }
  put(index->slots, index->cap, (pymm_index_slot){.hash = (uint32_t)hash, .item = item + 1});
  index->count++;
}

void pymm_index_free(pymm_index *index) {
  free(index->slots);
  *index = (pymm_index){0};
}
