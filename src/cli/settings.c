/* sirt config: every value the plan's layers give, with the file and
 * line it comes from, so that an administrator sees which layer wins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_internal.h"
#include "sirt/config.h"
#include "sirt/ini.h"
#include "sirt/mem.h"
#include "sirt/sanitize.h"

/* Keys whose value is a path, taken from the directory of its layer. */
static bool is_path(const char *section, const char *key)
{
	return strcmp(section, "forms") == 0 ||
	       (strcmp(section, "sirt") == 0 &&
		(!strcmp(key, "forms") || !strcmp(key, "procedures") || !strcmp(key, "restoration")));
}

static void print_line(const char *at, const char *section, const char *key, const char *value)
{
	struct strbuf sb = {0};
	char *safe;

	strbuf_printf(&sb, "%s: [%s] %s = %s", at, section, key, value);
	if (strcmp(section, "store") == 0 && strcmp(key, "path") == 0 && !*value)
		strbuf_puts(&sb, "(not set: each login's own $XDG_DATA_HOME/sirt/sirt.db)");
	safe = sanitize(strbuf_str(&sb), 0);
	printf("%s\n", safe);
	free(safe);
	strbuf_free(&sb);
}

static void print_entry(const struct ini_entry *e)
{
	char *at = xasprintf("%s:%d", e->file, e->line);

	if (is_path(e->section, e->key) && *e->value && e->value[0] != '/') {
		char *full = config_resolve(e->file, e->value);
		char *shown = xasprintf("%s (%s)", e->value, full);

		print_line(at, e->section, e->key, shown);
		free(shown);
		free(full);
	} else {
		print_line(at, e->section, e->key, e->value);
	}
	free(at);
}

/* The keys of section that no layer sets, with their defaults. */
static void print_defaults(const struct ini_file *ini, const char *section, struct json *j)
{
	for (size_t i = 0; config_defaulted[i]; i += 3) {
		const char *key = config_defaulted[i + 1];
		char *value;

		/* Set empty, it is printed where it is set. */
		if (strcmp(config_defaulted[i], section) != 0 || ini_entry(ini, section, key))
			continue;
		value = config_default(section, key);
		if (j) {
			json_object_begin(j);
			json_key(j, "section");
			json_string(j, section);
			json_key(j, "key");
			json_string(j, key);
			json_key(j, "value");
			json_string(j, value);
			json_key(j, "file");
			json_null(j);
			json_key(j, "line");
			json_null(j);
			json_object_end(j);
		} else {
			print_line("(default)", section, key, value);
		}
		free(value);
	}
}

static void print_section(const struct ini_file *ini, const char *section, struct json *j)
{
	for (size_t i = 0; i < ini->len; i++) {
		const struct ini_entry *e = &ini->entries[i];

		if (strcmp(e->section, section) != 0)
			continue;
		if (!j) {
			print_entry(e);
			continue;
		}
		json_object_begin(j);
		json_key(j, "section");
		json_string(j, e->section);
		json_key(j, "key");
		json_string(j, e->key);
		json_key(j, "value");
		json_string(j, e->value);
		json_key(j, "file");
		json_string(j, e->file);
		json_key(j, "line");
		json_int(j, e->line);
		json_object_end(j);
	}
	print_defaults(ini, section, j);
}

int cli_config(const struct config_layers *layers, const struct cli_args *args)
{
	struct diag_list diags = {0};
	struct ini_file ini;
	struct strbuf sb = {0};
	struct json j, *json = cli_json(args) ? &j : NULL;
	char *elsewhere = NULL;

	if (!config_read_layers(layers, &ini, &elsewhere, &diags)) {
		for (size_t i = 0; i < diags.len; i++) {
			char *line = diag_format(&diags.items[i]);
			char *safe = sanitize(line, 0);

			fprintf(stderr, "%s\n", safe);
			free(safe);
			free(line);
		}
		cli_error("the plan's configuration cannot be read (fix the file:line above, then run: sirt check)");
		diag_list_free(&diags);
		return 78;
	}
	if (json) {
		cli_json_begin(json, &sb);
		json_key(json, "layers");
		json_array_begin(json);
		for (size_t i = 0; i < layers->files.len; i++)
			json_string(json, layers->files.items[i]);
		json_array_end(json);
		json_key(json, "sample");
		json_bool(json, layers->is_sample);
		json_key(json, "store_elsewhere");
		json_string(json, elsewhere);
		json_key(json, "settings");
		json_array_begin(json);
	}
	/* Section by section as the layers name them, each key where it was
	 * set, then what no layer sets at all. */
	for (size_t i = 0; i < ini.nsections; i++)
		print_section(&ini, ini.sections[i].name, json);
	for (size_t i = 0; config_defaulted[i]; i += 3) {
		bool first = i == 0 || strcmp(config_defaulted[i], config_defaulted[i - 3]) != 0;

		if (first && !ini_section(&ini, config_defaulted[i]))
			print_defaults(&ini, config_defaulted[i], json);
	}
	if (json) {
		json_array_end(json);
		cli_json_print(json, &sb);
	} else if (elsewhere) {
		cli_error("WARNING: %s", elsewhere);
	}
	free(elsewhere);
	ini_free(&ini);
	diag_list_free(&diags);
	return 0;
}
