/* Fuzz target: sirt's INI reading (src/config/ini.c) against iniparser
 * itself. sirt scans each file line by line before iniparser reads it, to
 * report what iniparser would hide; the scan is only right if it sees the
 * same file iniparser does. Properties: every problem names a line of the
 * file; a file the scan finds no problem in is one iniparser reads
 * without an error, into exactly the sections and keys the scan found
 * (none lost, none merged into another); a file iniparser rejects is one
 * the scan rejects too. */
#include <iniparser/iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sirt/ini.h"
#include "sirt/mem.h"

static int iniparser_errors;

static int count_error(const char *fmt, ...)
{
	(void)fmt;
	iniparser_errors++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_write("fuzz.ini", data, size);
	struct diag_list diags = {0};
	struct ini_file ini;
	dictionary *dict;
	bool ok = ini_read(path, &ini, &diags);

	fuzz_check_diags(&diags, path, data, size);
	if (!ok)
		FUZZ_CHECK(diags.len > 0, "the file was refused without a reason");

	iniparser_errors = 0;
	iniparser_set_error_callback(count_error);
	dict = iniparser_load(path);
	iniparser_set_error_callback(NULL);

	if (!dict || iniparser_errors)
		FUZZ_CHECK(!ok || diags.len > 0, "iniparser refused a file the scan found nothing wrong with (%d errors)",
			   iniparser_errors);
	if (ok && diags.len == 0) {
		int keys = 0, sections = 0;

		FUZZ_CHECK(dict && !iniparser_errors, "iniparser refused a file the scan accepted");
		for (int i = 0; i < dict->size; i++) {
			if (!dict->key[i])
				continue;
			if (dict->val[i])
				keys++;
			else
				sections++;
		}
		for (size_t i = 0; i < ini.len; i++) {
			char *full = xasprintf("%s:%s", ini.entries[i].section, ini.entries[i].key);

			FUZZ_CHECK(iniparser_find_entry(dict, full), "the scan found \"%s\", iniparser has no such key", full);
			free(full);
		}
		for (size_t i = 0; i < ini.nsections; i++)
			FUZZ_CHECK(iniparser_find_entry(dict, ini.sections[i].name), "the scan found [%s], iniparser did not",
				   ini.sections[i].name);
		FUZZ_CHECK(keys == (int)ini.len, "iniparser read %d keys, the scan %zu", keys, ini.len);
		FUZZ_CHECK(sections == (int)ini.nsections, "iniparser read %d sections, the scan %zu", sections,
			   ini.nsections);
	}
	if (dict)
		iniparser_freedict(dict);
	ini_free(&ini);
	diag_list_free(&diags);
	return 0;
}
