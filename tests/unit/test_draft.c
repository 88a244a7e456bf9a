/* Drafts: what is typed and not saved, kept in the operator's own files
 * and read back exactly, whatever the text holds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "sirt/draft.h"
#include "support.h"

static char *dir_named(const char *name)
{
	return xasprintf("%s/%s/drafts", scratch(), name);
}

static void one_draft(struct draft *d, const char *form, const char *ref)
{
	memset(d, 0, sizeof(*d));
	d->form = xstrdup(form);
	d->ref = xstrdup(ref);
}

/* Tabs, newlines, backslashes and UTF-8 come back byte for byte, with the
 * version each field was edited from; the file is the user's alone. */
static void text_comes_back_exactly(void **state)
{
	char *dir = dir_named("exact");
	struct draft d;
	struct draft_list list;
	struct error err = {0};
	struct stat info;
	char *path;
	const char *odd = "line one\nline\ttwo \\n not a newline\\\n\"Burak Kılınç\" \xe2\x80\xae";

	(void)state;
	one_draft(&d, "lead", "IR-2026-0001");
	field_list_set(&d.fields, "lead", "target_system", odd, "");
	d.fields.items[0].base = 7;
	field_list_set(&d.fields, "lead", "severity", "", "a note\twith a tab");
	d.fields.items[1].base = -1;
	assert_int_equal(draft_save(dir, &d, &err), STATUS_OK);
	draft_clear(&d);

	path = xasprintf("%s/lead@IR-2026-0001.draft", dir);
	assert_int_equal(stat(path, &info), 0);
	assert_int_equal(info.st_mode & 0777, 0600);
	free(path);

	assert_int_equal(draft_list_read(dir, &list, &err), STATUS_OK);
	assert_int_equal(list.len, 1);
	assert_string_equal(list.items[0].form, "lead");
	assert_string_equal(list.items[0].ref, "IR-2026-0001");
	assert_int_equal(list.items[0].fields.len, 2);
	assert_string_equal(list.items[0].fields.items[0].key, "target_system");
	assert_string_equal(list.items[0].fields.items[0].value, odd);
	assert_int_equal(list.items[0].fields.items[0].base, 7);
	assert_string_equal(list.items[0].fields.items[1].value, "");
	assert_string_equal(list.items[0].fields.items[1].note, "a note\twith a tab");
	assert_int_equal(list.items[0].fields.items[1].base, -1);
	draft_list_free(&list);
	free(dir);
}

/* A new call has no reference yet; saving again replaces; remove forgets;
 * the list comes oldest first. */
static void replace_list_and_remove(void **state)
{
	char *dir = dir_named("list");
	struct draft d;
	struct draft_list list;
	struct error err = {0};
	char *older = xasprintf("%s/lead@IR-2026-0002.draft", dir);
	struct utimbuf then = {.actime = 1000000000, .modtime = 1000000000};

	(void)state;
	one_draft(&d, "intake", "");
	field_list_set(&d.fields, "intake", "caller_name", "first", "");
	assert_int_equal(draft_save(dir, &d, &err), STATUS_OK);
	field_list_set(&d.fields, "intake", "caller_name", "second", "");
	assert_int_equal(draft_save(dir, &d, &err), STATUS_OK);
	draft_clear(&d);
	one_draft(&d, "lead", "IR-2026-0002");
	field_list_set(&d.fields, "lead", "target_system", "fs01", "");
	assert_int_equal(draft_save(dir, &d, &err), STATUS_OK);
	draft_clear(&d);
	assert_int_equal(utime(older, &then), 0);

	assert_int_equal(draft_list_read(dir, &list, &err), STATUS_OK);
	assert_int_equal(list.len, 2);
	assert_string_equal(list.items[0].ref, "IR-2026-0002");
	assert_string_equal(list.items[1].form, "intake");
	assert_string_equal(list.items[1].ref, "");
	assert_string_equal(list.items[1].fields.items[0].value, "second");
	draft_list_free(&list);

	draft_remove(dir, "intake", "");
	assert_int_equal(draft_list_read(dir, &list, &err), STATUS_OK);
	assert_int_equal(list.len, 1);
	assert_string_equal(list.items[0].form, "lead");
	draft_list_free(&list);
	free(older);
	free(dir);
}

/* What is not a draft is not offered: other files, a file without the
 * header, and the temporary file of a write killed half-way, which is
 * removed once it is a minute old (a fresh one may be a write going on). */
static void junk_is_not_offered(void **state)
{
	char *dir = dir_named("junk");
	struct draft d;
	struct draft_list list;
	struct error err = {0};
	struct utimbuf then = {.actime = 1000000000, .modtime = 1000000000};
	char *stale = xasprintf("%s/.lead@IR-2026-0003.draft.AbC123", dir);
	char *fresh = xasprintf("%s/.lead@IR-2026-0003.draft.XyZ789", dir);

	(void)state;
	one_draft(&d, "lead", "IR-2026-0003");
	field_list_set(&d.fields, "lead", "target_system", "kept", "");
	assert_int_equal(draft_save(dir, &d, &err), STATUS_OK);
	draft_clear(&d);
	write_file("junk/drafts/notes.txt", "sirt-draft 1\nform lead\nref IR-2026-0009\n");
	write_file("junk/drafts/other@IR-2026-0004.draft", "hello\n");
	write_file("junk/drafts/.lead@IR-2026-0003.draft.AbC123", "sirt-draft 1\nform lead\nref IR-2026-0003\n");
	write_file("junk/drafts/.lead@IR-2026-0003.draft.XyZ789", "sirt-draft 1\nform lead\nref IR-2026-0003\n");
	assert_int_equal(utime(stale, &then), 0);

	assert_int_equal(draft_list_read(dir, &list, &err), STATUS_OK);
	assert_int_equal(list.len, 1);
	assert_string_equal(list.items[0].fields.items[0].value, "kept");
	draft_list_free(&list);
	assert_int_not_equal(access(stale, F_OK), 0);
	assert_int_equal(access(fresh, F_OK), 0);
	free(stale);
	free(fresh);
	free(dir);
}

/* No directory yet is no drafts, not an error. */
static void no_directory_is_no_drafts(void **state)
{
	char *dir = dir_named("none");
	struct draft_list list;
	struct error err = {0};

	(void)state;
	assert_int_equal(draft_list_read(dir, &list, &err), STATUS_OK);
	assert_int_equal(list.len, 0);
	draft_list_free(&list);
	free(dir);
}

/* One directory per database, the same by any path that names it. */
static void one_directory_per_database(void **state)
{
	char *a = xasprintf("%s/one.db", scratch()), *b = xasprintf("%s/./one.db", scratch());
	char *c = xasprintf("%s/two.db", scratch());
	char *da, *db, *dc;

	(void)state;
	write_file("one.db", "");
	write_file("two.db", "");
	setenv("XDG_STATE_HOME", "/state", 1);
	da = draft_dir(a);
	db = draft_dir(b);
	dc = draft_dir(c);
	assert_string_equal(da, db);
	assert_string_not_equal(da, dc);
	assert_true(strncmp(da, "/state/sirt/drafts/", 19) == 0);
	assert_int_equal(strlen(da), 19 + 16);
	free(da);
	free(db);
	free(dc);
	free(a);
	free(b);
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_comes_back_exactly),
		cmocka_unit_test(replace_list_and_remove),
		cmocka_unit_test(junk_is_not_offered),
		cmocka_unit_test(no_directory_is_no_drafts),
		cmocka_unit_test(one_directory_per_database),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
