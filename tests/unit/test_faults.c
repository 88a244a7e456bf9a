/* Faults on every save path: the disk full, an I/O error, SQLite out of
 * memory, at the 1st, 2nd, ... call of the save until one runs through
 * with no fault left to inject. After each, whatever the save said must
 * hold: a failure says what to do and leaves the incident as it was; a
 * success left the record complete. The file passes integrity_check, the
 * audit chain is intact, and the chain's head is either the one before
 * the save or the one the save makes without faults: nothing half-written.
 * A copy taken as if the machine died just then recovers to one of the
 * two as well. Test builds only (sirt/fault.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sirt/calls.h"
#include "sirt/changes.h"
#include "sirt/closing.h"
#include "sirt/cost.h"
#include "sirt/deadline.h"
#include "sirt/evidence.h"
#include "sirt/fault.h"
#include "sirt/incident.h"
#include "sirt/investigation.h"
#include "sirt/mem.h"
#include "sirt/store.h"
#include "sample_plan.h"

/* What an import is marked with: the hash of a file (here, of none). */
#define SHA256_OF_NOTHING "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static const struct actor manager = {.uid = 1004, .login = "jalvarez", .name = "José Álvarez"};

/* The database every save starts from (bytes), and an export to import. */
static struct strbuf template;
static char *import_json;

static char *path_in_scratch(const char *name)
{
	return xasprintf("%s/%s", scratch(), name);
}

static void read_bytes(const char *path, struct strbuf *out)
{
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	strbuf_reset(out);
	assert_true(fd >= 0);
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		strbuf_add(out, chunk, (size_t)n);
	close(fd);
}

static void write_bytes(const char *path, const struct strbuf *bytes)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, bytes->data, bytes->len), (ssize_t)bytes->len);
	close(fd);
}

/* path, and its -wal and -shm files, gone. */
static void remove_database(const char *path)
{
	char *side;

	remove(path);
	side = xasprintf("%s-wal", path);
	remove(side);
	free(side);
	side = xasprintf("%s-shm", path);
	remove(side);
	free(side);
}

static void set(struct field_list *typed, const char *form, const char *key, const char *value)
{
	field_list_set(typed, form, key, value, "");
}

static void get(struct store *s, const char *ref, struct incident *in)
{
	struct error err = {0};

	assert_int_equal(store_incident_get(s, ref, in, &err), STATUS_OK);
}

static void must(enum status st, const struct error *err)
{
	if (st)
		print_error("setting up: %s\n", err->message);
	assert_int_equal(st, STATUS_OK);
}

/* store_export into a string (it writes to a stream). */
static enum status export_text(struct store *s, const char *at, char **text, struct error *err)
{
	size_t len = 0;
	FILE *out;
	enum status st;

	*text = NULL;
	out = open_memstream(text, &len);
	assert_non_null(out);
	st = store_export(s, at, out, err);
	fclose(out);
	return st;
}

/* IR-2026-0001 worked up to where each save can be tried on it (a
 * change proposed, an item of evidence, the review answered, a deadline
 * due), IR-2026-0002 closed; and an export of EX-2026-0001 to import. */
static int make_template(void **state)
{
	char *path = path_in_scratch("template.db"), *other = path_in_scratch("other.db");
	struct store *s = NULL;
	struct error err = {0};
	struct field_list typed = {0};
	struct form_problems problems = {0};
	struct open_items items;
	struct incident in = {0};
	int64_t n;

	if (load_sample(state) != 0)
		return -1;
	remove_database(path);
	must(store_open(path, false, &s, &err), &err);
	must(deadline_track_all(s, sample, NULL, NULL, &err), &err);
	set(&typed, "intake", "caller_name", "Dana Reyes");
	set(&typed, "intake", "nature", "Ransom note on the file server");
	set(&typed, "intake", "title", "Ransomware on FS01");
	must(incident_create(s, sample, &responder, NOW, &typed, &in, &problems, &err), &err);
	field_list_free(&typed);
	set(&typed, "lead", "cloud_api_data", "yes");
	must(incident_save_form(s, sample->lead, &in, &responder, NOW + 10, &typed, &problems, NULL, NULL, &err), &err);
	field_list_free(&typed);
	incident_clear(&in);
	get(s, "IR-2026-0001", &in);
	must(incident_set_procedure(s, sample, &in, "active-intrusion", &responder, NOW + 20, &err), &err);
	incident_clear(&in);
	get(s, "IR-2026-0001", &in);
	must(incident_propose_change(s, &in, "Patch the VPN gateway", "entry point", &responder, NOW + 30, &n, &err),
	     &err);
	must(incident_add_evidence(s, &in, "Disk image of fs01", "disk-image", "", "locker 4", "", 0, 0, &responder,
				   NOW + 40, &n, &err), &err);
	for (size_t i = 0; i < sample->review->nfields; i++)
		set(&typed, "review", sample->review->fields[i].key, "Answered");
	must(incident_save_form(s, sample->review, &in, &responder, NOW + 50, &typed, &problems, NULL, NULL, &err), &err);
	field_list_free(&typed);
	incident_clear(&in);

	set(&typed, "intake", "caller_name", "Amara Okafor");
	set(&typed, "intake", "nature", "Stolen laptop");
	set(&typed, "intake", "title", "Laptop stolen");
	must(incident_create(s, sample, &responder, NOW + 60, &typed, &in, &problems, &err), &err);
	for (size_t i = 0; i < sample->review->nfields; i++)
		set(&typed, "review", sample->review->fields[i].key, "Answered");
	must(incident_save_form(s, sample->review, &in, &responder, NOW + 70, &typed, &problems, NULL, NULL, &err), &err);
	field_list_free(&typed);
	incident_clear(&in);
	get(s, "IR-2026-0002", &in);
	must(incident_close(s, sample, &in, "recovered", &responder, NOW + 80, &items, &err), &err);
	open_items_free(&items);
	incident_clear(&in);
	store_close(&s);
	read_bytes(path, &template);

	remove_database(other);
	must(store_open(other, false, &s, &err), &err);
	/* A year before: IR-2026-0001 here has the number of EX-2026-0001. */
	must(store_incident_create(s, "EX", "Phishing wave", NULL, &responder, NOW - 400 * 86400, NULL, &err), &err);
	must(export_text(s, "2026-11-22T15:00:00Z", &import_json, &err), &err);
	store_close(&s);
	form_problems_free(&problems);
	free(path);
	free(other);
	return 0;
}

static int free_template(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", scratch());
	int rc = system(cmd);

	free(cmd);
	strbuf_free(&template);
	FREE(&import_json);
	return free_sample(state) || rc;
}

/* SIRT_FAULT_LONG=1: every call of every kind (see sweep_for). */
static bool long_run(void)
{
	return getenv("SIRT_FAULT_LONG") && strcmp(getenv("SIRT_FAULT_LONG"), "1") == 0;
}

/* One save, as the screens and commands make it. */
struct save_path;
/* SIRT_FAULT_PATH=name: that path alone, to chase a failure (and
 * SIRT_FAULT_FROM=N: from its Nth call on). */
static bool chosen(const struct save_path *path);

struct save_path {
	const char *name;
	const char *ref;	/* the incident it works on */
	enum status (*save)(struct store *s, const struct incident *in, struct error *err);
	/* make test fails each of its first this many allocations (0: ten). */
	long first_allocations;
};

static enum status new_incident(struct store *s, const struct incident *in, struct error *err)
{
	struct field_list typed = {0};
	struct form_problems problems = {0};
	struct incident out = {0};
	enum status st;

	(void)in;
	set(&typed, "intake", "caller_name", "Lena Fischer");
	set(&typed, "intake", "nature", "Phishing mail with a login page");
	set(&typed, "intake", "title", "Phishing wave");
	st = incident_create(s, sample, &responder, NOW + 100, &typed, &out, &problems, err);
	/* Saved means the new ticket can be opened. */
	if (!st)
		assert_string_equal(out.ref, "IR-2026-0003");
	field_list_free(&typed);
	form_problems_free(&problems);
	incident_clear(&out);
	return st;
}

static enum status form_save(struct store *s, const struct incident *in, struct error *err)
{
	struct field_list typed = {0};
	struct form_problems problems = {0};
	enum status st;

	set(&typed, "triage", "real", "real");
	set(&typed, "triage", "in_progress", "yes");
	set(&typed, "triage", "business_impact", "critical");
	st = incident_save_form(s, sample->triage, in, &responder, NOW + 100, &typed, &problems, NULL, NULL, err);
	field_list_free(&typed);
	form_problems_free(&problems);
	return st;
}

static enum status step_mark(struct store *s, const struct incident *in, struct error *err)
{
	return incident_mark_step(s, sample, in, "confirm-activity", STEP_DONE, "admin confirmed", -1, &responder,
				  NOW + 100, err);
}

static enum status call_outcome(struct store *s, const struct incident *in, struct error *err)
{
	int64_t id;

	return incident_log_call(s, sample, in, "lead", "no-answer", "voicemail full", &responder, NOW + 100, &id,
				 err);
}

static enum status note_add(struct store *s, const struct incident *in, struct error *err)
{
	int64_t id;

	return incident_add_note(s, in, "log-gap", "syslog silent 02:10-02:40", 0, &responder, NOW + 100, &id, err);
}

static enum status change_propose(struct store *s, const struct incident *in, struct error *err)
{
	int64_t number;

	return incident_propose_change(s, in, "Rotate the service passwords", "they were in the dump", &responder,
				       NOW + 100, &number, err);
}

static enum status change_decide(struct store *s, const struct incident *in, struct error *err)
{
	return incident_decide_change(s, sample, in, 1, true, "do it tonight", &manager, NOW + 100, err);
}

static enum status evidence_add(struct store *s, const struct incident *in, struct error *err)
{
	int64_t number;

	return incident_add_evidence(s, in, "Firewall log export", "log-copy", "", "share",
				     "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 4, 0,
				     &responder, NOW + 100, &number, err);
}

static enum status custody_add(struct store *s, const struct incident *in, struct error *err)
{
	int64_t id;

	return incident_hand_over(s, in, 1, "Evidence locker", "storage", "locker 4", &responder, NOW + 100, &id, err);
}

static enum status cost_add(struct store *s, const struct incident *in, struct error *err)
{
	int64_t number;

	return incident_add_cost(s, sample, in, COST_CONTAINMENT, "Overtime of the admin team", "4,800", NULL, false,
				 &responder, NOW + 100, &number, err);
}

static enum status deadline_met(struct store *s, const struct incident *in, struct error *err)
{
	return incident_mark_deadline_met(s, sample, in, "cloud-provider", NULL, "email", "case 77", &responder,
					  NOW + 100, err);
}

static enum status incident_closing(struct store *s, const struct incident *in, struct error *err)
{
	struct open_items items;
	enum status st = incident_close(s, sample, in, "contained, rest tracked in CHG-311", &responder, NOW + 100,
					&items, err);

	open_items_free(&items);
	return st;
}

static enum status incident_reopening(struct store *s, const struct incident *in, struct error *err)
{
	return incident_reopen(s, sample, in, "a second laptop is missing", &responder, NOW + 100, err);
}

static enum status import(struct store *s, const struct incident *in, struct error *err)
{
	struct import_result result = {0};
	enum status st;

	(void)in;
	st = store_import(s, NULL, import_json, "/srv/export.json", SHA256_OF_NOTHING, &responder, "2026-11-22T16:00:00Z",
			  &result, err);
	if (!st && (result.added != 1 || result.conflicts.len))
		print_error("import said %zu added, %zu in conflict: %s\n", result.added, result.conflicts.len,
			    result.conflicts.len ? result.conflicts.items[0] : "");
	if (!st)
		assert_int_equal(result.added, 1);
	import_result_free(&result);
	return st;
}

static const struct save_path paths[] = {
	{"new incident from intake", NULL, new_incident},
	{"form save (triage)", "IR-2026-0001", form_save},
	{"step mark", "IR-2026-0001", step_mark},
	{"call outcome", "IR-2026-0001", call_outcome},
	{"note", "IR-2026-0001", note_add},
	{"change proposed", "IR-2026-0001", change_propose},
	{"change decided", "IR-2026-0001", change_decide},
	{"evidence added", "IR-2026-0001", evidence_add},
	{"custody", "IR-2026-0001", custody_add},
	{"cost added", "IR-2026-0001", cost_add},
	{"deadline met", "IR-2026-0001", deadline_met},
	{"close", "IR-2026-0001", incident_closing},
	{"reopen", "IR-2026-0002", incident_reopening},
	/* Its first statement (some 70 allocations) reads what the file is:
	 * json_valid() said 0 for want of memory, and import "this is not a
	 * sirt export". */
	{"import", NULL, import, 120},
};

static bool chosen(const struct save_path *path)
{
	const char *only = getenv("SIRT_FAULT_PATH");

	return !only || !*only || strcmp(only, path->name) == 0;
}

/* What a save may leave: the chain's head before it, or after it. */
struct outcome {
	char before[65];
	char after[65];
};

struct trial {
	const struct save_path *path;
	const struct fault_plan *plan;
};

#define FAIL_IF(cond, t, ...)                                                                                 \
	do {                                                                                                  \
		if (cond) {                                                                                   \
			print_error("%s, %s fault at call %ld%s: ", (t)->path->name,                          \
				    fault_kind_name((t)->plan->kind), (t)->plan->nth, (t)->plan->persist ? "+" : ""); \
			print_error(__VA_ARGS__);                                                             \
			print_error("\nagain: SIRT_FAULT_PATH='%s' SIRT_FAULT_FROM=%ld%s %s\n", (t)->path->name, \
				    (t)->plan->nth, long_run() ? " SIRT_FAULT_LONG=1" : "",                  \
				    "SIRT_FAULT_ONLY=<this test> tests/test_faults");                            \
			fail();                                                                               \
		}                                                                                             \
	} while (0)

/* The audit chain intact, the file sound; the chain's head to *head. */
static void check_sound(struct store *s, const struct trial *t, const char *what, char head[65])
{
	struct audit_check check;
	struct error err = {0};
	char why[256];

	FAIL_IF(store_integrity(s, why, sizeof(why), &err) != STATUS_OK, t, "%s: integrity_check: %s", what,
		err.message);
	FAIL_IF(strcmp(why, "ok") != 0, t, "%s: integrity_check: %s", what, why);
	FAIL_IF(store_audit_verify(s, NULL, &check, &err) != STATUS_OK, t, "%s: audit verify: %s", what, err.message);
	FAIL_IF(check.bad_row != 0, t, "%s: audit row %lld: %s", what, (long long)check.bad_row, check.why);
	snprintf(head, 65, "%s", check.head);
}

static off_t wal_size(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat info;
	off_t size = stat(wal, &info) == 0 ? info.st_size : 0;

	free(wal);
	return size;
}

static bool same_as_template(const char *path)
{
	struct strbuf bytes = {0};
	bool same;

	read_bytes(path, &bytes);
	same = bytes.len == template.len && memcmp(bytes.data, template.data, bytes.len) == 0;
	strbuf_free(&bytes);
	return same;
}

/* A copy of the files as they are this moment, opened as after a crash:
 * SQLite recovers it from the -wal. */
static void check_crash_copy(const char *path, const struct trial *t, const struct outcome *expect)
{
	char *copy = path_in_scratch("crash.db"), *from, *to;
	struct strbuf bytes = {0};
	struct store *s = NULL;
	struct error err = {0};
	char head[65];

	remove_database(copy);
	read_bytes(path, &bytes);
	write_bytes(copy, &bytes);
	from = xasprintf("%s-wal", path);
	to = xasprintf("%s-wal", copy);
	if (access(from, F_OK) == 0) {
		read_bytes(from, &bytes);
		write_bytes(to, &bytes);
	}
	FAIL_IF(store_open(copy, false, &s, &err) != STATUS_OK, t, "crash copy: %s", err.message);
	check_sound(s, t, "crash copy", head);
	FAIL_IF(strcmp(head, expect->before) != 0 && strcmp(head, expect->after) != 0, t,
		"crash copy: half of the save is there (head %s)", head);
	store_close(&s);
	remove_database(copy);
	strbuf_free(&bytes);
	free(copy);
	free(from);
	free(to);
}

/* A message a user can act on: no SQLite code names, and what to do. */
static void check_message(const struct trial *t, enum status st, const struct error *err)
{
	size_t len = strlen(err->message);

	FAIL_IF(st != STATUS_IO && st != STATUS_CANT_CREATE, t, "status %d (exit %d) for a fault: %s", st,
		status_exit_code(st), err->message);
	FAIL_IF(strstr(err->message, "SQLITE") || strstr(err->message, "sqlite3_"), t, "raw SQLite: %s",
		err->message);
	FAIL_IF(len == 0 || err->message[len - 1] != ')' || !strchr(err->message, '('), t,
		"no advice in \"%s\"", err->message);
}

/* A fresh copy of the template, opened, with the incident the save is on. */
static struct store *start(const char *path, const struct save_path *p, struct incident *in)
{
	struct store *s = NULL;
	struct error err = {0};

	remove_database(path);
	write_bytes(path, &template);
	must(store_open(path, false, &s, &err), &err);
	/* As sirt keeps each incident's next deadline for the list. */
	deadline_track(s, sample);
	memset(in, 0, sizeof(*in));
	if (p->ref)
		get(s, p->ref, in);
	return s;
}

/* The heads before and after the save made without faults, and how
 * many calls of kind it makes. */
static long reference_outcome(const char *path, const struct save_path *p, enum fault_kind kind,
			      struct outcome *out)
{
	struct fault_plan never = {kind, LONG_MAX, false};
	struct trial t = {p, &never};
	struct incident in;
	struct error err = {0};
	struct store *s = start(path, p, &in);
	long calls;

	check_sound(s, &t, "before", out->before);
	incident_clear(&in);
	store_close(&s);
	/* Counted as the trials make them: from a fresh start. */
	s = start(path, p, &in);
	fault_arm(&never);
	must(p->save(s, &in, &err), &err);
	calls = fault_calls();
	fault_disarm();
	check_sound(s, &t, "after", out->after);
	FAIL_IF(strcmp(out->before, out->after) == 0, &t, "the save changed nothing");
	incident_clear(&in);
	store_close(&s);
	return calls;
}

/* One save with a fault at plan->nth: true while there was a fault to
 * inject, so that the next call is worth trying. *failed: the save said
 * it failed (else the fault was one SQLite works around). */
static bool one_trial(const char *path, const struct trial *t, const struct outcome *expect, bool *failed,
		      struct error *said)
{
	struct incident in;
	struct error err = {0};
	struct store *s = start(path, t->path, &in);
	enum status st;
	long injected;
	char head[65];
	bool written;

	fault_arm(t->plan);
	st = t->path->save(s, &in, &err);
	injected = fault_injected();
	fault_disarm();
	if (st)
		check_message(t, st, &err);
	if (said)
		*said = err;
	written = wal_size(path) > 0;
	/* A failure that wrote nothing to the -wal: the file must be the
	 * template, byte for byte (in WAL mode a save changes the file itself
	 * only at a checkpoint, after its commit). */
	if (st && !written) {
		FAIL_IF(!same_as_template(path), t, "said \"%s\" but wrote over the database file", err.message);
	} else {
		check_sound(s, t, "after the fault", head);
		FAIL_IF(st && strcmp(head, expect->before) != 0, t, "said \"%s\" but changed the database",
			err.message);
		FAIL_IF(!st && strcmp(head, expect->after) != 0, t,
			"said saved, but the record is not as saved (head %s)", head);
	}
	/* Only frames written to the -wal can come back after a crash, and
	 * only a whole transaction, commit frame and all: with nothing but
	 * writes failing (a full disk) there is none but one that succeeded. */
	if (written && (t->plan->kind != FAULT_FULL || long_run()))
		check_crash_copy(path, t, expect);
	if (st) {
		/* The disk has room again: the same save goes through on the
		 * same connection, as the operator's next Ctrl-S would. */
		memset(&err, 0, sizeof(err));
		FAIL_IF(t->path->save(s, &in, &err) != STATUS_OK, t, "saving again failed: %s", err.message);
		check_sound(s, t, "saved again", head);
		FAIL_IF(strcmp(head, expect->after) != 0, t, "saved again, but not as without the fault");
	}
	incident_clear(&in);
	store_close(&s);
	*failed = st != STATUS_OK;
	return injected > 0;
}

/* Which calls a loop fails: make test, every call on a full disk; every
 * third for an I/O error (which third varies from one path to the next);
 * for memory, each of the first ten and ten more spread over the rest (a
 * save makes thousands of allocations). Under AddressSanitizer, whose
 * allocator makes each trial four times slower, half of that: every
 * second write on a full disk, every sixth I/O call, five and five
 * allocations; the plain build of make test tries the rest.
 * SIRT_FAULT_LONG=1 (make stress) fails every call of every kind, and
 * adds an I/O error that stays. */
#if defined(__SANITIZE_ADDRESS__)
#define SPARSER 2
#else
#define SPARSER 1
#endif

struct sweep {
	long every;	/* each call up to this one */
	long stride;	/* then one in stride */
};

/* calls: how many the work makes without faults; variant: which of the
 * calls a stride passes over are tried; first_allocations: each of how
 * many first allocations (0: ten). */
static struct sweep sweep_for(enum fault_kind kind, long calls, size_t variant, long first_allocations,
			      long *first)
{
	long stride = kind == FAULT_FULL ? SPARSER : 3 * SPARSER;

	*first = 1;
	if (long_run())
		return (struct sweep){LONG_MAX, 1};
	if (kind == FAULT_NOMEM) {
		long n = 10 / SPARSER;
		return (struct sweep){first_allocations ? first_allocations : n, calls / n > 1 ? calls / n : 1};
	}
	*first = 1 + (long)(variant % (size_t)stride);
	return (struct sweep){0, stride};
}

static long next_call(const struct sweep *sweep, long n)
{
	return n < sweep->every ? n + 1 : n + sweep->stride;
}

static void every_path_under(enum fault_kind kind, bool persist)
{
	char *path = path_in_scratch("work.db");

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct outcome expect;
		struct fault_plan plan = {kind, 1, persist};
		struct trial t = {&paths[i], &plan};
		long calls, tried = 0, failed = 0;
		struct sweep sweep;
		bool said_failed;

		if (!chosen(&paths[i]))
			continue;
		calls = reference_outcome(path, &paths[i], kind, &expect);
		sweep = sweep_for(kind, calls, i, paths[i].first_allocations, &plan.nth);
		if (getenv("SIRT_FAULT_FROM"))
			plan.nth = atol(getenv("SIRT_FAULT_FROM"));

		for (; one_trial(path, &t, &expect, &said_failed, NULL); plan.nth = next_call(&sweep, plan.nth)) {
			tried++;
			failed += said_failed;
		}
		print_message("%-24s %-5s%s %4ld of its %5ld calls failed: %4ld said not saved, %3ld saved whole\n",
			      paths[i].name, fault_kind_name(kind), persist ? "+" : " ", tried, calls, failed,
			      tried - failed);
	}
	remove_database(path);
	free(path);
}

/* Whether a save failed in the update of the full-text index. */
static bool in_search_index(const struct error *said)
{
	return strncmp(said->message, "updating the search text:", 25) == 0;
}

/* Every allocation of the full-text index update of one save (a note),
 * found by what its failures say. There SQLite 3.40 could leave the
 * index broken in the connection after running out of memory, and every
 * later save then said the file was damaged (store.c reconnect). */
static void out_of_memory_in_the_search_index(void **state)
{
	const struct save_path *note = &paths[4];
	char *path = path_in_scratch("work.db");
	struct outcome expect;
	struct fault_plan plan = {FAULT_NOMEM, 1, false};
	struct trial t = {note, &plan};
	struct error said = {0};
	long calls = reference_outcome(path, note, FAULT_NOMEM, &expect), first = 0, tried = 0;
	bool failed;

	(void)state;
	assert_string_equal(note->name, "note");
	/* Somewhere in it, then back to where it starts. */
	for (plan.nth = 1; plan.nth <= calls && !first; plan.nth += 25)
		if (one_trial(path, &t, &expect, &failed, &said) && failed && in_search_index(&said))
			first = plan.nth;
	FAIL_IF(!first, &t, "no allocation of the full-text index update found");
	for (plan.nth = first - 1; plan.nth > 0; plan.nth--) {
		one_trial(path, &t, &expect, &failed, &said);
		if (failed && !in_search_index(&said))
			break;
		first = plan.nth;
	}
	/* Then each of its allocations, until a failure says otherwise (the
	 * faults it works around say nothing). */
	for (plan.nth = first; one_trial(path, &t, &expect, &failed, &said) && (!failed || in_search_index(&said));
	     plan.nth++)
		tried++;
	print_message("%-24s nomem  %4ld calls of the full-text index update failed, from call %ld\n", note->name,
		      tried, first);
	remove_database(path);
	free(path);
}

static void disk_full(void **state)
{
	(void)state;
	every_path_under(FAULT_FULL, true);
}

static void io_error_once(void **state)
{
	(void)state;
	every_path_under(FAULT_IO, false);
}

static void io_error_for_good(void **state)
{
	(void)state;
	if (!long_run())
		skip();
	every_path_under(FAULT_IO, true);
}

static void out_of_memory_once(void **state)
{
	(void)state;
	every_path_under(FAULT_NOMEM, false);
}

/* Every table, index and trigger of a database, as SQLite keeps them. */
static char *schema_of(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *text = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT (SELECT group_concat(type || ' ' || name || ': ' || coalesce(sql, ''), char(10))"
				   " FROM (SELECT * FROM sqlite_schema ORDER BY type, name))"
				   " || ' version ' || (SELECT user_version FROM pragma_user_version)"
				   " || ' id ' || (SELECT application_id FROM pragma_application_id)", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		text = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return text ? text : xstrdup("(unreadable)");
}

/* A new database made under each fault: refused with a message that
 * says what to do, or made whole. Either way the next start makes or
 * finds the whole schema: no table without its audit triggers, no
 * trigger that leaves a column out of the trail. */
static void creating_a_database(void **state)
{
	static const struct {
		enum fault_kind kind;
		bool persist;
	} kinds[] = {{FAULT_FULL, true}, {FAULT_IO, false}, {FAULT_NOMEM, false}};
	static const struct save_path creating = {"creating a database", NULL, NULL};
	char *path = path_in_scratch("new.db"), *reference;
	struct store *s = NULL;
	struct error err = {0};

	(void)state;
	remove_database(path);
	must(store_open(path, false, &s, &err), &err);
	store_close(&s);
	reference = schema_of(path);
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		struct fault_plan plan = {kinds[k].kind, LONG_MAX, false};
		struct trial t = {&creating, &plan};
		long injected = 1, tried = 0, calls;
		struct sweep sweep;

		remove_database(path);
		fault_arm(&plan);
		must(store_open(path, false, &s, &err), &err);
		calls = fault_calls();
		fault_disarm();
		store_close(&s);
		/* Migrations write a great deal: on a full disk, every third
		 * write too (each with SIRT_FAULT_LONG=1). */
		sweep = sweep_for(plan.kind == FAULT_FULL ? FAULT_IO : plan.kind, calls, 0, 0, &plan.nth);
		plan.persist = kinds[k].persist;
		for (; injected; plan.nth = next_call(&sweep, plan.nth), tried++) {
			enum status st;
			char *schema;

			remove_database(path);
			memset(&err, 0, sizeof(err));
			fault_arm(&plan);
			st = store_open(path, false, &s, &err);
			injected = fault_injected();
			fault_disarm();
			if (st)
				check_message(&t, st, &err);
			store_close(&s);
			memset(&err, 0, sizeof(err));
			FAIL_IF(store_open(path, false, &s, &err) != STATUS_OK, &t, "opening afterwards: %s", err.message);
			store_close(&s);
			schema = schema_of(path);
			FAIL_IF(strcmp(schema, reference) != 0, &t, "the schema differs:\n%s", schema);
			free(schema);
		}
		print_message("%-24s %-5s%s %4ld of its %5ld calls failed, the schema whole after each\n",
			      creating.name, fault_kind_name(plan.kind), plan.persist ? "+" : " ", tried - 1, calls);
	}
	remove_database(path);
	free(reference);
	free(path);
}

/* What an export or an audit check gives, or the error it ends in. */
struct reading {
	enum status status;
	struct error err;
	char *text;
};

static void read_all(struct store *s, bool export, struct reading *out)
{
	memset(out, 0, sizeof(*out));
	if (export) {
		out->status = export_text(s, "2026-11-22T16:00:00Z", &out->text, &out->err);
	} else {
		struct audit_check check;

		out->status = store_audit_verify(s, NULL, &check, &out->err);
		out->text = xasprintf("%lld rows, bad row %lld, head %s %s", (long long)check.rows,
				      (long long)check.bad_row, check.head, check.why);
	}
}

/* Reading under each fault: an export or an audit check either fails
 * with a message, or says exactly what it says without one. An export
 * cut short must not pass for the whole, nor a read error for a broken
 * audit chain. */
static void reading_under_faults(void **state)
{
	static const struct save_path readers[] = {{"export", NULL, NULL}, {"audit verify", NULL, NULL}};
	static const enum fault_kind kinds[] = {FAULT_IO, FAULT_NOMEM};
	char *path = path_in_scratch("read.db");

	(void)state;
	for (size_t r = 0; r < 2; r++) {
		for (size_t k = 0; k < 2; k++) {
			struct reading reference, got;
			struct fault_plan plan = {kinds[k], LONG_MAX, false};
			struct trial t = {&readers[r], &plan};
			struct incident none;
			struct store *s = start(path, &readers[0], &none);
			long injected = 1, tried = 0, calls;
			struct sweep sweep;

			fault_arm(&plan);
			read_all(s, r == 0, &reference);
			calls = fault_calls();
			fault_disarm();
			store_close(&s);
			assert_int_equal(reference.status, STATUS_OK);
			/* A read makes few I/O calls: every one. */
			sweep = sweep_for(plan.kind == FAULT_IO ? FAULT_FULL : plan.kind, calls, 0, 0, &plan.nth);
			for (; injected; plan.nth = next_call(&sweep, plan.nth), tried++) {
				s = start(path, &readers[0], &none);
				fault_arm(&plan);
				read_all(s, r == 0, &got);
				injected = fault_injected();
				fault_disarm();
				if (got.status)
					check_message(&t, got.status, &got.err);
				else
					FAIL_IF(strcmp(got.text, reference.text) != 0, &t, "read otherwise: %.300s", got.text);
				free(got.text);
				store_close(&s);
			}
			print_message("%-24s %-5s  %4ld of its %5ld calls failed, each said so or read it all\n",
				      readers[r].name, fault_kind_name(plan.kind), tried - 1, calls);
			free(reference.text);
		}
	}
	remove_database(path);
	free(path);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(disk_full),
		cmocka_unit_test(io_error_once),
		cmocka_unit_test(io_error_for_good),
		cmocka_unit_test(out_of_memory_once),
		cmocka_unit_test(out_of_memory_in_the_search_index),
		cmocka_unit_test(creating_a_database),
		cmocka_unit_test(reading_under_faults),
	};

	setlocale(LC_ALL, "C.UTF-8");
	/* make stress runs it with --long: SIRT_FAULT_LONG=1. */
	if (argc > 1 && strcmp(argv[1], "--long") == 0)
		setenv("SIRT_FAULT_LONG", "1", 1);
	/* Thousands of saves, each synced: in memory, unless told otherwise.
	 * The faults are the VFS's, not the disk's. */
	if (!getenv("TMPDIR") && access("/dev/shm", W_OK) == 0)
		setenv("TMPDIR", "/dev/shm", 0);
	/* SIRT_FAULT_ONLY=disk_full runs one test (a glob). */
	if (getenv("SIRT_FAULT_ONLY"))
		cmocka_set_test_filter(getenv("SIRT_FAULT_ONLY"));
	if (fault_install() != 0) {
		fprintf(stderr, "cannot install the fault VFS: SQLite was set up already\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, make_template, free_template);
}
