/* A new, empty store in the test program's scratch directory. */
#ifndef SIRT_TEST_FRESH_STORE_H
#define SIRT_TEST_FRESH_STORE_H

#include "sirt/mem.h"
#include "sirt/store.h"
#include "support.h"

static struct store *open_fresh(const char *name)
{
	char *path = xasprintf("%s/%s", scratch(), name);
	struct store *s = NULL;
	struct error err = {0};

	remove(path);
	assert_int_equal(store_open(path, false, &s, &err), STATUS_OK);
	free(path);
	return s;
}

#endif
