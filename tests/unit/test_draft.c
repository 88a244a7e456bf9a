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
#include "sirt/file.h"
#include "support.h"

static char *dir_named(const char *name)
{
	return xasprintf("%s/%s/drafts", scratch(), name);
}

static void one_draft(struct draft *d, const char *form, const char *ref)
{
	memset(d, 0, sizeof(*d));
	d->name = draft_name_new(form, ref);
	d->form = xstrdup(form);
	d->ref = xstrdup(ref);
}

/* A draft of dir, by name, or NULL. */
static const struct draft *named(const struct draft_list *list, const char *name)
{
	for (size_t i = 0; i < list->len; i++)
		if (strcmp(list->items[i].name, name) == 0)
			return &list->items[i];
	return NULL;
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
	char *path, *name;
	const char *odd = "line one\nline\ttwo \\n not a newline\\\n\"Burak Kılınç\" \xe2\x80\xae";

	(void)state;
	one_draft(&d, "lead", "IR-2026-0001");
	field_list_set(&d.fields, "lead", "target_system", odd, "");
	d.fields.items[0].base = 7;
	field_list_set(&d.fields, "lead", "severity", "", "a note\twith a tab");
	d.fields.items[1].base = -1;
	assert_int_equal(draft_save(dir, &d, &err), STATUS_OK);
	/* Its file is named by the draft's own name: form, incident, and a
	 * random part of 16 hex digits. */
	name = xstrdup(d.name);
	assert_int_equal(strncmp(name, "lead@IR-2026-0001.", 18), 0);
	assert_int_equal(strlen(name), 18 + 16);
	assert_true(strspn(name + 18, "0123456789abcdef") == 16);
	draft_clear(&d);

	path = xasprintf("%s/%s.draft", dir, name);
	assert_int_equal(stat(path, &info), 0);
	assert_int_equal(info.st_mode & 0777, 0600);
	free(path);

	assert_int_equal(draft_list_read(dir, &list, &err), STATUS_OK);
	assert_int_equal(list.len, 1);
	assert_string_equal(list.items[0].name, name);
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
	free(name);
	free(dir);
}

/* Two new calls never share a draft: each form gets a name of its own,
 * both are kept whole side by side; saving again under a name replaces
 * only that draft, removing one leaves the other; the list comes oldest
 * first. */
static void new_calls_never_collide(void **state)
{
	char *dir = dir_named("list");
	struct draft first, second, lead;
	struct draft_list list;
	struct error err = {0};
	char *older, *first_name, *second_name;
	struct utimbuf then = {.actime = 1000000000, .modtime = 1000000000};

	(void)state;
	one_draft(&first, "intake", "");
	one_draft(&second, "intake", "");
	assert_string_not_equal(first.name, second.name);
	assert_int_equal(strncmp(first.name, "intake@new.", 11), 0);
	field_list_set(&first.fields, "intake", "caller_name", "Ana Example", "");
	field_list_set(&first.fields, "intake", "nature", "Mail server sends spam\nsince 09:00", "");
	assert_int_equal(draft_save(dir, &first, &err), STATUS_OK);
	field_list_set(&second.fields, "intake", "caller_name", "Ben Sample", "");
	assert_int_equal(draft_save(dir, &second, &err), STATUS_OK);
	/* More typing in the first call replaces its draft, not the other. */
	field_list_set(&first.fields, "intake", "title", "Spam from mail01", "");
	assert_int_equal(draft_save(dir, &first, &err), STATUS_OK);
	one_draft(&lead, "lead", "IR-2026-0002");
	field_list_set(&lead.fields, "lead", "target_system", "fs01", "");
	assert_int_equal(draft_save(dir, &lead, &err), STATUS_OK);
	older = xasprintf("%s/%s.draft", dir, lead.name);
	assert_int_equal(utime(older, &then), 0);
	first_name = xstrdup(first.name);
	second_name = xstrdup(second.name);

	assert_int_equal(draft_list_read(dir, &list, &err), STATUS_OK);
	assert_int_equal(list.len, 3);
	assert_string_equal(list.items[0].ref, "IR-2026-0002");
	assert_non_null(named(&list, first_name));
	assert_non_null(named(&list, second_name));
	assert_int_equal(named(&list, first_name)->fields.len, 3);
	assert_string_equal(named(&list, first_name)->fields.items[0].value, "Ana Example");
	assert_string_equal(named(&list, first_name)->fields.items[1].value, "Mail server sends spam\nsince 09:00");
	assert_string_equal(named(&list, first_name)->fields.items[2].value, "Spam from mail01");
	assert_int_equal(named(&list, second_name)->fields.len, 1);
	assert_string_equal(named(&list, second_name)->fields.items[0].value, "Ben Sample");
	draft_list_free(&list);

	draft_remove(dir, first_name);
	assert_int_equal(draft_list_read(dir, &list, &err), STATUS_OK);
	assert_int_equal(list.len, 2);
	assert_null(named(&list, first_name));
	assert_string_equal(named(&list, second_name)->fields.items[0].value, "Ben Sample");
	draft_list_free(&list);
	draft_clear(&first);
	draft_clear(&second);
	draft_clear(&lead);
	free(first_name);
	free(second_name);
	free(older);
	free(dir);
}

/* A reference from a plan's own prefix never makes a path of a name, and
 * a draft without a name (or with one that would leave the directory)
 * is refused, not written over another. */
static void names_stay_in_their_directory(void **state)
{
	char *dir = dir_named("names");
	char *name = draft_name_new("lead", "../IR/2026 0001");
	struct draft d = {0};
	struct error err = {0};

	(void)state;
	assert_null(strchr(name, '/'));
	assert_int_equal(strncmp(name, "lead@___IR_2026_0001.", 21), 0);
	d.form = "lead";
	d.ref = "IR-2026-0001";
	assert_int_equal(draft_save(dir, &d, &err), STATUS_DATA);
	d.name = "../escape";
	assert_int_equal(draft_save(dir, &d, &err), STATUS_DATA);
	free(name);
	free(dir);
}

/* What tells one draft from another: the first line typed, before a
 * time or a choice a new form fills in by itself; blanks around it go. */
static void first_line_says_what_was_typed(void **state)
{
	struct field_def fields[] = {
		{.key = "call_time", .type = FIELD_DATETIME},
		{.key = "urgent", .type = FIELD_YESNO},
		{.key = "caller_name", .type = FIELD_PERSON},
		{.key = "nature", .type = FIELD_MULTILINE},
	};
	struct form_def form = {.key = "intake", .fields = fields, .nfields = 4};
	struct draft d = {0};
	char *line;

	(void)state;
	field_list_set(&d.fields, "intake", "call_time", "2026-11-22 14:05", "");
	field_list_set(&d.fields, "intake", "urgent", "yes", "");
	field_list_set(&d.fields, "intake", "caller_name", "", "");
	field_list_set(&d.fields, "intake", "nature", "  Printer prints ransom notes \nand more", "");
	line = draft_first_line(&d, &form);
	assert_string_equal(line, "Printer prints ransom notes");
	free(line);
	/* Without the form, the first thing held. */
	line = draft_first_line(&d, NULL);
	assert_string_equal(line, "2026-11-22 14:05");
	free(line);
	/* Only a time and a choice: those, rather than nothing. */
	field_list_set(&d.fields, "intake", "nature", "", "");
	line = draft_first_line(&d, &form);
	assert_string_equal(line, "2026-11-22 14:05");
	free(line);
	field_list_free(&d.fields);
	line = draft_first_line(&d, &form);
	assert_string_equal(line, "");
	free(line);
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
	/* An older sirt's draft, named by its form and incident alone. */
	write_file("junk/drafts/intake@new.draft", "sirt-draft 1\nform intake\nref \nfield\tcaller_name\t-1\tAna\t\n");
	write_file("junk/drafts/.lead@IR-2026-0003.draft.AbC123", "sirt-draft 1\nform lead\nref IR-2026-0003\n");
	write_file("junk/drafts/.lead@IR-2026-0003.draft.XyZ789", "sirt-draft 1\nform lead\nref IR-2026-0003\n");
	assert_int_equal(utime(stale, &then), 0);

	assert_int_equal(draft_list_read(dir, &list, &err), STATUS_OK);
	assert_int_equal(list.len, 2);
	assert_string_equal(named(&list, "intake@new")->fields.items[0].value, "Ana");
	assert_string_equal(list.items[0].fields.items[0].value == named(&list, "intake@new")->fields.items[0].value ?
			    list.items[1].fields.items[0].value : list.items[0].fields.items[0].value, "kept");
	draft_list_free(&list);
	draft_remove(dir, "intake@new");
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

/* A draft open in a form is held: another holder is refused and sees it
 * held; let go, it can be taken again; a lock file whose draft is gone
 * goes with the release, and one left by a killed session goes as the
 * drafts are listed. */
static void a_held_draft_is_held(void **state)
{
	char *dir = dir_named("held"), *lock;
	struct draft d;
	struct draft_list list;
	struct error err = {0};
	struct stat info;
	int fd, other;

	(void)state;
	one_draft(&d, "intake", "");
	field_list_set(&d.fields, "intake", "caller_name", "Ana Example", "");
	assert_int_equal(draft_save(dir, &d, &err), STATUS_OK);
	assert_false(draft_held(dir, d.name));
	fd = draft_hold(dir, d.name);
	assert_true(fd >= 0);
	assert_true(draft_held(dir, d.name));
	assert_int_equal(draft_hold(dir, d.name), -1);
	/* The draft is kept: its lock file stays for the next to take. */
	draft_release(dir, d.name, fd);
	assert_false(draft_held(dir, d.name));
	lock = xasprintf("%s/%s.held", dir, d.name);
	assert_int_equal(stat(lock, &info), 0);
	other = draft_hold(dir, d.name);
	assert_true(other >= 0);
	/* Saved (the draft removed): the lock file goes with the release. */
	draft_remove(dir, d.name);
	draft_release(dir, d.name, other);
	assert_int_not_equal(stat(lock, &info), 0);
	/* A form opened and left with nothing typed: no draft, no lock file. */
	free(lock);
	{
		char *name = draft_name_new("lead", "IR-2026-0001");

		lock = xasprintf("%s/%s.held", dir, name);
		other = draft_hold(dir, name);
		assert_true(other >= 0);
		assert_int_equal(stat(lock, &info), 0);
		draft_release(dir, name, other);
		assert_int_not_equal(stat(lock, &info), 0);
		free(name);
	}
	/* A lock file nobody holds, of no draft: gone once listed. */
	free(lock);
	lock = xasprintf("%s/intake@new.0123456789abcdef.held", dir);
	assert_int_equal(file_write(lock, "", 0600, false, &err), STATUS_OK);
	assert_int_equal(draft_list_read(dir, &list, &err), STATUS_OK);
	assert_int_not_equal(stat(lock, &info), 0);
	draft_list_free(&list);
	free(lock);
	draft_clear(&d);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_comes_back_exactly),
		cmocka_unit_test(new_calls_never_collide),
		cmocka_unit_test(names_stay_in_their_directory),
		cmocka_unit_test(first_line_says_what_was_typed),
		cmocka_unit_test(junk_is_not_offered),
		cmocka_unit_test(no_directory_is_no_drafts),
		cmocka_unit_test(one_directory_per_database),
		cmocka_unit_test(a_held_draft_is_held),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
