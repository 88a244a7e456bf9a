/* Categories (R9): an incident goes into the highest applicable of the
 * configured categories, which the config lists highest first. */
#ifndef SIRT_CATEGORY_H
#define SIRT_CATEGORY_H

#include <stdbool.h>
#include <stddef.h>

#include "sirt/config.h"

/* Index of the highest (first) category marked applicable, or -1. */
int category_highest(const bool *applicable, size_t count);
/* True when `key` is ranked above `other` (either may be NULL: none). */
bool category_is_higher(const struct config *config, const char *key, const char *other);

#endif
