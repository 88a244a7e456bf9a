/* Fuzz target: loading the plan's configuration (config_load in
 * src/config/config.c) from a fuzzed data/sirt.ini in a scratch copy of
 * the sample plan's layout (forms/, data/procedures/, data/restoration/
 * link to the sample's), so that the sample configs' relative paths
 * work as they do in the source tree. Properties:
 * a refused config always says why, every problem names a line of the
 * file, and a config that loads holds what the rest of sirt relies on
 * (a 24/7 number, categories, the five forms, procedures, contacts for
 * everyone in the escalation order, a valid reference prefix). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "sirt/config.h"
#include "sirt/mem.h"

static void check_config(const struct config *c)
{
	FUZZ_CHECK(c->hotline && c->hotline[0], "no 24/7 number");
	FUZZ_CHECK(c->ncategories > 0, "no categories");
	for (size_t i = 0; i < c->ncategories; i++)
		FUZZ_CHECK(definition_key_valid(c->categories[i].key) && c->categories[i].label[0],
			   "category \"%s\"", c->categories[i].key);
	FUZZ_CHECK(c->intake && c->lead && c->triage && c->report && c->review && c->restoration, "a form is missing");
	for (size_t i = 0; i < 5; i++)
		FUZZ_CHECK(c->forms[i] && c->forms[i]->nfields > 0, "form %zu has no fields", i);
	FUZZ_CHECK(c->forms[5] == NULL, "forms[] is not NULL-terminated");
	FUZZ_CHECK(c->nprocedures > 0, "no procedures");
	for (size_t i = 0; i < c->escalation.len; i++)
		FUZZ_CHECK(config_contact(c, c->escalation.items[i]), "escalation names \"%s\", no such contact",
			   c->escalation.items[i]);
	FUZZ_CHECK(c->ref_prefix[0] && strlen(c->ref_prefix) <= 16 &&
		   strspn(c->ref_prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") ==
			   strlen(c->ref_prefix),
		   "ref_prefix \"%s\"", c->ref_prefix);
	FUZZ_CHECK(currency_valid(c->currency), "currency \"%s\"", c->currency);
	FUZZ_CHECK(c->default_role < ROLE_COUNT, "default role %d", (int)c->default_role);
	for (size_t i = 0; i < c->ndeadlines; i++) {
		const struct deadline_rule *d = &c->deadlines[i];

		FUZZ_CHECK(d->span.n > 0 && (d->warn > 0 || (d->regime && d->warn == -1)),
			   "deadline \"%s\": within %lld, warn %lld", d->name, d->span.n, d->warn);
		FUZZ_CHECK(d->start != DEADLINE_FROM_FIELD || config_field(c, d->start_field),
			   "deadline \"%s\" starts from an unknown field", d->name);
	}
}

static void link_sample(const char *from, const char *to)
{
	char *target = xasprintf("%s/%s", config_sample_dir(), from);
	char *link = xasprintf("%s/%s", fuzz_scratch(), to);

	if (symlink(target, link) != 0) {
		perror(link);
		abort();
	}
	free(target);
	free(link);
}

/* The sample plan's layout, once: data/sirt.ini finds ../forms. */
static void lay_out(void)
{
	static bool done;
	char *dir;

	if (done)
		return;
	dir = xasprintf("%s/data", fuzz_scratch());
	if (mkdir(dir, 0700) != 0) {
		perror(dir);
		abort();
	}
	free(dir);
	link_sample("forms", "forms");
	link_sample("data/procedures", "data/procedures");
	link_sample("data/restoration", "data/restoration");
	done = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags = {0};
	const char *path;
	struct config *c;

	lay_out();
	path = fuzz_write("data/sirt.ini", data, size);
	c = config_load(path, false, &diags);
	fuzz_check_diags(&diags, path, data, size);
	if (c) {
		FUZZ_CHECK(diags.len == 0, "the config loaded with %zu problems", diags.len);
		check_config(c);
		config_free(&c);
	} else {
		FUZZ_CHECK(diags.len > 0, "the config was refused without a reason");
	}
	diag_list_free(&diags);
	return 0;
}
