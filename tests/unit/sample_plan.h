/* The built-in sample plan as a cmocka group fixture, and the responder
 * the tests act as. Included by the test programs that need the plan. */
#ifndef SIRT_TEST_SAMPLE_PLAN_H
#define SIRT_TEST_SAMPLE_PLAN_H

#include "sirt/config.h"
#include "support.h"

#define NOW 1795356300 /* 2026-11-22T14:05:00Z */

static struct config *sample;
static struct actor responder = {.uid = 1002, .login = "bkilinc", .name = "Burak Kılınç"};

static int load_sample(void **state)
{
	struct diag_list diags = {0};
	char *path = xasprintf("%s/data/plan-a.ini", source_dir());

	(void)state;
	sample = config_load(path, true, &diags);
	free(path);
	diag_list_free(&diags);
	return sample ? 0 : -1;
}

static int free_sample(void **state)
{
	(void)state;
	config_free(&sample);
	return 0;
}

#endif
