/* Category ranking. */
#include "sirt/category.h"

int category_highest(const bool *applicable, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (applicable[i])
			return (int)i;
	return -1;
}

bool category_is_higher(const struct config *config, const char *key, const char *other)
{
	int a = config_category_rank(config, key);
	int b = config_category_rank(config, other);

	if (a < 0)
		return false;
	return b < 0 || a < b;
}
