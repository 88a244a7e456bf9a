/* The SQLite store: one file holds every incident and everything recorded
 * about it. Every write is one BEGIN IMMEDIATE transaction that also
 * appends to the timeline, which triggers keep append-only. Times are
 * UTC ISO-8601 text ("2026-11-22T14:05:00Z"). What it reads and writes
 * is declared beside it: the incident and the work on it in
 * sirt/incident_data.h, the records it carries in sirt/record_kinds.h. */
#ifndef SIRT_STORE_H
#define SIRT_STORE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "sirt/identity.h"
#include "sirt/incident_data.h"
#include "sirt/kind.h"
#include "sirt/mem.h"
#include "sirt/record_kinds.h"
#include "sirt/status.h"

struct store;

/* fn is told (waiting true) when a write has waited a second for another
 * operator's, and (false) when it got its turn: for "waiting for another
 * operator..." on screen or on standard error. */
void store_on_wait(struct store *store, void (*fn)(void *ctx, bool waiting), void *ctx);
/* Opens (and creates, migrating to the current schema) the store. */
enum status store_open(const char *path, bool read_only, struct store **out, struct error *err);
/* store_open with a say before the file is changed: once it is open and
 * its schema read, and before anything is written to it (the switch to
 * WAL, migrations), go_on(ctx) is asked; false closes it again with
 * STATUS_CONFIG (main.c: the plan, read meanwhile, is wrong). It is
 * not asked when opening writes nothing: a read-only open, or a file
 * already in WAL mode and at the current schema. */
enum status store_open_gated(const char *path, bool read_only, bool (*go_on)(void *ctx), void *ctx,
			     struct store **out, struct error *err);
/* Opens the store read-only for a quick look (a shell's completion):
 * nothing is written, migrated or created, not even SQLite's -shm file
 * unless another sirt's changes wait in the -wal file. A file at an
 * older schema cannot be read this way (STATUS_PERMISSION). */
enum status store_open_peek(const char *path, struct store **out, struct error *err);
/* The database that sirt, run setgid to an enforced database's group,
 * opens with that group (sirt/privilege.h): the group is taken up to
 * open path and its -wal and -shm files, then given up for good, on the
 * first open of path only. NULL: none. */
void store_grant(const char *path);
/* Whether path is the granted database, not yet opened. */
bool store_granted(const char *path);
void store_close(struct store **store);
/* For making test databases in bulk (tests/bench/gen.c) only: this
 * connection no longer waits for each commit to reach the disk
 * (synchronous = OFF). What it writes is the same; a power cut may lose
 * it. Nothing that operators run calls it. */
enum status store_relax_durability(struct store *store, struct error *err);
/* The next write records something that happened at `at` (0: now, when
 * it is logged): calls, step marks, decisions and deadlines met keep it
 * beside when they were logged, and the timeline sorts by it. Holds until
 * that write commits or rolls back. */
void store_when(struct store *store, time_t at);
/* What store_when set: the UTC time the write records, NULL for none. */
const char *store_happened(const struct store *store);
/* True when another connection committed since the last call. */
bool store_changed(struct store *store);
int store_schema_version(struct store *store);

enum status store_incident_create(struct store *store, const char *prefix, const char *title,
				  const struct field_list *intake, const struct actor *who, time_t now,
				  struct incident *out, struct error *err);
enum status store_incident_list(struct store *store, bool include_closed, struct incident_list *out,
				struct error *err);
/* Calls fn with each reference that begins with prefix, ignoring case
 * as references are looked up, newest first. */
enum status store_incident_refs(struct store *store, const char *prefix, void (*fn)(const char *ref, void *ctx),
				void *ctx, struct error *err);
/* How many writes this connection has committed; and of the incidents
 * changed by those after the first since of them (a count this returned
 * before), the references of the first max in the order changed, and
 * how many there are in all: what a command that cannot print its
 * result says it saved. */
size_t store_saved_count(const struct store *store);
enum status store_saved_refs(struct store *store, size_t since, size_t max, struct strlist *refs, size_t *total,
			     struct error *err);
/* STATUS_NOT_FOUND when there is no incident with that reference. */
enum status store_incident_get(struct store *store, const char *ref, struct incident *out, struct error *err);

/* Every saved form value of the incident. */
enum status store_fields_get(struct store *store, int64_t incident_id, struct field_list *out,
			     struct error *err);
/* Saves the values of one form; values equal to what is stored are left
 * alone. title and status (either may be NULL) update the incident too,
 * only if a value changed: a save of nothing moves nothing and goes on no
 * timeline. *saved (may be NULL) gets how many values changed.
 * A value whose base is not the stored version was changed by someone
 * else since it was read: then nothing is saved, STATUS_CONFLICT, and
 * conflicts (may be NULL) gets each such field as it now stands. */
enum status store_fields_save(struct store *store, const struct incident *incident, const char *form,
			      const struct field_list *values, const char *title, const char *status,
			      const struct actor *who, time_t now, struct field_list *conflicts, size_t *saved,
			      struct error *err);

enum status store_category_set(struct store *store, const struct incident *incident, const char *key,
			       const char *label, const char *note, const struct actor *who, time_t now,
			       struct error *err);
/* Adds a line of damage or cost; *number gets its number. summary goes
 * on the timeline. */
enum status store_cost_add(struct store *store, const struct incident *incident, const struct cost *cost,
			   const char *summary, const struct actor *who, time_t now, int64_t *number,
			   struct error *err);
/* Withdraws line number (STATUS_NOT_FOUND if none, STATUS_CONFLICT if it
 * was withdrawn already). */
enum status store_cost_withdraw(struct store *store, const struct incident *incident, int64_t number,
				const char *reason, const char *summary, const struct actor *who, time_t now,
				struct error *err);
enum status store_costs_get(struct store *store, int64_t incident_id, struct cost_list *out, struct error *err);

/* What checking the audit chain found. */
struct audit_check {
	int64_t rows;		/* rows read (up to the bad one) */
	int64_t bad_row;	/* the audit row id where the chain breaks; 0: none */
	bool head_missing;	/* the head given is not in the chain */
	char head[65];		/* the last good hash */
	char why[160];
};

/* Recomputes the audit chain from its first row; head (may be NULL) is a
 * hash kept elsewhere, which must be in the chain. STATUS_OK whatever the
 * chain holds: out says. */
enum status store_audit_verify(struct store *store, const char *head, struct audit_check *out, struct error *err);

/* One row of the audit trail, as read (valid during the call only). */
struct audit_row {
	int64_t id, uid, row_id;
	const char *at, *who, *ssh, *tbl, *op, *before, *after;
	const char *config, *config_sha256, *mode;	/* NULL before schema 17 */
	const char *hash;
};

/* Calls fn with each of the last `last` rows of the trail (0: every
 * row), oldest first. */
enum status store_audit_log(struct store *store, int64_t last, void (*fn)(const struct audit_row *row, void *ctx),
			    void *ctx, struct error *err);

/* What the session that writes gives each row of the audit trail: the
 * configuration's files (a JSON array of their paths, in the order
 * read), the SHA-256 of their contents one after the other, and whether
 * the database is enforced (sirt setgid to its group) or open (its
 * group's members write it themselves). Copied; until it is called,
 * rows record "", "" and "open". */
void store_set_provenance(struct store *store, const char *config_paths, const char *config_sha256, bool enforced);

/* A record that is not as the audit trail last recorded it: changed,
 * inserted or deleted outside sirt. */
enum audit_finding_kind {
	AUDIT_CHANGED,		/* its columns differ from its last image */
	AUDIT_NO_INSERT,	/* no audited insert of it */
	AUDIT_AFTER_DELETE,	/* there, though the trail last deleted it */
	AUDIT_VANISHED,		/* gone, though the trail never deleted it */
	/* Changed outside sirt and then saved by sirt: the trail's row of
	 * that save (audit_row) found it other than the trail's image
	 * before it. What a later save would otherwise hide for good. */
	AUDIT_CHANGED_BETWEEN,
};

struct audit_finding {
	char *table;
	int64_t row_id;
	char *ref;		/* the incident it belongs to, or NULL */
	enum audit_finding_kind kind;
	char *columns;		/* AUDIT_CHANGED(_BETWEEN): "title, status" */
	int64_t audit_row;	/* the trail's last row about it; 0: none */
};

struct audit_findings {
	struct audit_finding *items;
	size_t len, cap;
};

/* Holds every record of every audited table against its last image on
 * the trail (columns the image has not got, added by a later migration,
 * are not compared), and finds those with no audited insert and those
 * gone without an audited delete. STATUS_OK whatever it finds. */
enum status store_audit_records(struct store *store, struct audit_findings *out, struct error *err);
void audit_findings_free(struct audit_findings *findings);

/* Whether the database's schema is sirt's own: exactly the tables,
 * indexes, triggers and views that sirt's migrations make, each with
 * the SQL they make it with (schema.c). */
enum schema_fault {
	SCHEMA_FOREIGN,		/* not sirt's: repair drops it */
	SCHEMA_MISSING,		/* sirt's, not there: repair makes it */
	SCHEMA_CHANGED,		/* sirt's, with other SQL: repair makes it again */
};

struct schema_problem {
	enum schema_fault fault;
	char *type;		/* table, index, trigger, view */
	char *name;
	char *table;		/* what it is on */
	char *sql;		/* the file's (NULL for one missing) */
};

struct schema_problems {
	struct schema_problem *items;
	size_t len, cap;
};

void schema_problems_free(struct schema_problems *problems);
/* "trigger planted on incident (not sirt's)": one problem in words. */
char *schema_problem_text(const struct schema_problem *problem);
/* The problems as one line: "a; b; c". */
char *schema_problems_text(const struct schema_problems *problems);
/* Compares the file's schema with sirt's own; STATUS_OK whatever it
 * finds (out says). */
enum status store_schema_check(struct store *store, struct schema_problems *out, struct error *err);
/* What the check at open found (opened for writing only): a schema not
 * sirt's own makes every write fail (STATUS_DATA) until it is repaired. */
const struct schema_problems *store_schema_problems(const struct store *store);
/* sirt audit repair-schema: drops what is not sirt's, makes what is
 * missing or changed again, and records what it found and did on the
 * audit trail, in one transaction on behalf of who; done gets what it
 * put right. A table of sirt's whose definition was changed is not
 * rebuilt (its records would go with it): STATUS_DATA, nothing done. */
enum status store_schema_repair(struct store *store, const struct actor *who, time_t now,
				struct schema_problems *done, struct error *err);

/* Where the database lives (place.c). Finds what would stop operators
 * sharing it (directory missing, not writable or readable, a read-only or
 * network filesystem, sidecar files nobody else can open), as an error
 * that says what to do; what works but is unwise (a sticky or not setgid
 * directory meant for a group, a world-readable file) goes to warnings.
 * repair: a -wal or -shm file of this user's own whose mode or group fell
 * behind the database's is put right. */
enum status store_check_place(const char *path, bool read_only, bool repair, struct strlist *warnings,
			      struct error *err);
/* The name of a network filesystem from its statfs f_type, or NULL. */
const char *store_network_fs(long magic);

/* sirt init --shared DIR --group GROUP: DIR made (or kept) with mode 2770
 * and the group, DIR/sirt.db made (or checked as sirt's) with 0660. */
struct shared_setup {
	char *dir;		/* absolute */
	char *db;
	bool created_dir;
	bool created_db;
	int incidents;		/* in a database that was there already */
	bool was_enforced;	/* before this init */
};

enum status store_init_shared(const char *dir, const char *group, bool enforce, const struct actor *who,
			      struct shared_setup *out, struct error *err);
/* An enforced database (sirt init --enforce) names its group: *group is
 * that name, or NULL for a database that is not enforced. */
enum status store_enforced(struct store *s, char **group, struct error *err);
void shared_setup_free(struct shared_setup *setup);

/* Someone else with an incident open. */
struct presence {
	char *login;
	char *tty;		/* "pts/3", or "" without a terminal */
	char *since;
};

struct presence_list {
	struct presence *items;
	size_t len;
	size_t cap;
};

/* This process has ref open (tty: its terminal), or no longer has it.
 * Entries of processes that died (on this host) are cleared on the way. */
enum status store_presence_enter(struct store *store, const char *ref, const char *tty, const struct actor *who,
				 time_t now, struct error *err);
void store_presence_leave(struct store *store, const char *ref);
/* The others who have ref open: not this process, not the dead. */
enum status store_presence_get(struct store *store, const char *ref, struct presence_list *out, struct error *err);
void presence_list_free(struct presence_list *list);

/* Every incident with every row recorded about it, as JSON (format 1),
 * read in one transaction while others may write, and written to out an
 * incident at a time: memory stays flat whatever the number. */
enum status store_export(struct store *store, const char *at, FILE *out, struct error *err);

struct import_result {
	size_t added;			/* incidents new here */
	size_t same;			/* here already, at the same version */
	struct strlist conflicts;	/* one line each: here in another state, or refused */
};

/* Loads an export, in one transaction as who: an incident whose reference
 * is new here is added with all its rows; one here at the same version is
 * left alone (importing twice changes nothing); one here at another version
 * is a conflict, reported and left as it is here. Every row added is marked
 * as imported by who at `at` from file (as it is to be shown: a path, or
 * "standard input") whose content has the SHA-256 sha256 (64 hex digits):
 * the import table holds it once, each row points at it. An incident
 * holding what no other path into sirt takes is refused (a conflict):
 * text longer than its limit (plan's forms say a field's, NULL: the
 * built-in ones), of several lines where one is asked for, an amount or
 * total past sirt/money.h, an evidence copy not named by its hash. An
 * imported number never moves the numbering of incidents made here (see
 * store_incident_create). */
struct config;
enum status store_import(struct store *store, const struct config *plan, const char *json, const char *file,
			 const char *sha256, const struct actor *who, const char *at, struct import_result *out,
			 struct error *err);
void import_result_free(struct import_result *result);

/* What a backup's copy was found to be, checked before it took its name. */
struct backup_check {
	char integrity[256];	/* PRAGMA integrity_check: "ok" or the first problem */
	struct audit_check audit;
};

/* A consistent copy of the database at path (where nothing may be, not
 * even a link) while others keep working: SQLite's backup, a few pages
 * at a time, made in a hidden directory beside path (sirt/file.h),
 * checked there (out), then given its name. */
enum status store_backup(struct store *store, const char *path, struct backup_check *out, struct error *err);
/* PRAGMA integrity_check: why gets "ok" or the first problem. */
enum status store_integrity(struct store *store, char *why, size_t why_size, struct error *err);
/* What checking every page of the file found (store_check_file). */
struct file_check {
	int64_t pages;		/* of page_size bytes: the whole file */
	int64_t page_size;
	int64_t tables;		/* sirt's and SQLite's own, each checked with its indexes */
	int64_t indexes;
	struct strlist problems;	/* as SQLite words them, at most 100; none: sound */
};
/* PRAGMA integrity_check: every page of the file read, every table and
 * index walked and held against the others, the free pages counted.
 * progress (may be NULL) is called now and then while it runs, with how
 * many steps it has taken. STATUS_OK whatever it finds: out says; a
 * file too damaged to check is STATUS_DATA. */
enum status store_check_file(struct store *store, void (*progress)(long long steps, void *ctx), void *ctx,
			     struct file_check *out, struct error *err);
void file_check_free(struct file_check *check);
/* How many pages the file has. */
enum status store_query_pages(struct store *store, int64_t *pages);

/* STATUS_PERMISSION when the store was opened read-only: for work that
 * checks a great deal before it writes. */
enum status store_check_writable(struct store *store, struct error *err);
/* Closes or reopens: moves the incident to status if nothing changed it
 * since it was read (its version; STATUS_CONFLICT if anything did: what
 * was checked before may no longer hold), with summary on the timeline. Other writes to a closed incident fail with STATUS_CONFLICT,
 * except evidence, custody, verifications and deadlines met. */
enum status store_status_set(struct store *store, const struct incident *incident, const char *status,
			     const char *summary, const struct actor *who, time_t now, struct error *err);
/* key "none": no procedure applies. status may be NULL. */
enum status store_procedure_set(struct store *store, const struct incident *incident, const char *key,
				const char *title, const char *status, const struct actor *who, time_t now,
				struct error *err);
enum status store_choices_get(struct store *store, int64_t incident_id, struct choice_list *out,
			      struct error *err);

enum status store_steps_get(struct store *store, int64_t incident_id, struct step_list *out, struct error *err);
/* Records a step's state (one row per step key) and puts summary on the
 * timeline; status (may be NULL) moves the incident on, as for forms.
 * base is the step's version as the caller read it (0: not marked then):
 * STATUS_CONFLICT, naming who marked it since and when, if it is no longer
 * that; -1 marks over whatever stands (for tests and generated data).
 * When the step was done is store_when's; a note alone, with the state
 * as it stands and no store_when, keeps when it was done. */
enum status store_step_mark(struct store *store, const struct incident *incident, const struct step_record *step,
			    int64_t base, const char *summary, const char *status, const struct actor *who, time_t now,
			    struct error *err);

/* Records a call attempt and puts summary on the timeline. */
enum status store_call_add(struct store *store, const struct incident *incident, const struct call_attempt *call,
			   const char *summary, const struct actor *who, time_t now, int64_t *id, struct error *err);
enum status store_calls_get(struct store *store, int64_t incident_id, struct call_list *out, struct error *err);

/* Adds a proposed change; *number gets its number in the incident. */
enum status store_change_add(struct store *store, const struct incident *incident, const char *what, const char *why,
			     const struct actor *who, time_t now, int64_t *number, struct error *err);
/* Decides a proposed change. STATUS_CONFLICT if it was decided already
 * (another manager may have been quicker), STATUS_NOT_FOUND if there is
 * no such change. */
enum status store_change_decide(struct store *store, const struct incident *incident, int64_t number,
				const char *state, const char *reason, const char *summary, const struct actor *who,
				time_t now, struct error *err);
enum status store_changes_get(struct store *store, int64_t incident_id, struct change_list *out, struct error *err);

enum status store_witness_add(struct store *store, const struct incident *incident, const struct witness *witness,
			      const struct actor *who, time_t now, int64_t *number, struct error *err);
enum status store_witnesses_get(struct store *store, int64_t incident_id, struct witness_list *out,
				struct error *err);
enum status store_note_add(struct store *store, const struct incident *incident, const struct note *note,
			   const char *summary, const struct actor *who, time_t now, int64_t *id, struct error *err);
enum status store_notes_get(struct store *store, int64_t incident_id, struct note_list *out, struct error *err);

enum status store_evidence_add(struct store *store, const struct incident *incident, const struct evidence *item,
			       const char *summary_prefix, const struct actor *who, time_t now, int64_t *number,
			       struct error *err);
/* Records a hand-over. entry->from_who must be who holds the item when
 * the write lock is held (else STATUS_CONFLICT: someone handed it over
 * meanwhile); *id gets the new entry's id. */
enum status store_custody_add(struct store *store, const struct incident *incident, const struct custody *entry,
			      const char *summary, const struct actor *who, time_t now, int64_t *id,
			      struct error *err);
enum status store_evidence_check_add(struct store *store, const struct incident *incident,
				     const struct evidence_check *check, const char *summary, const struct actor *who,
				     time_t now, struct error *err);
enum status store_evidence_get(struct store *store, int64_t incident_id, struct evidence_register *out,
			       struct error *err);

/* STATUS_CONFLICT when that rule and party were met already. */
enum status store_deadline_met_add(struct store *store, const struct incident *incident, const struct deadline_met *met,
				   const char *summary, const struct actor *who, time_t now, struct error *err);
enum status store_deadlines_met_get(struct store *store, int64_t incident_id, struct deadline_met_list *out,
				    struct error *err);
/* The decisions recorded about an incident (withdrawn ones too), in the
 * order they were made. */
enum status store_decisions_get(struct store *store, int64_t incident_id, struct decision_list *out,
				struct error *err);

/* Any kind of record (sirt/kind.h), from its description alone. Adds
 * record (the kind's struct; its number, id and stamps are not read)
 * with summary on the timeline; *number gets its number in the incident
 * (an unnumbered kind's: its id). A closed incident takes none
 * (STATUS_CONFLICT) unless the kind outlives closing. */
enum status store_record_add(struct store *store, const struct incident *incident, const struct record_kind *kind,
			     const void *record, const char *summary, const struct actor *who, time_t now,
			     int64_t *number, struct error *err);
/* The incident's records of the kind, in their order, with withdrawals. */
enum status store_records_get(struct store *store, int64_t incident_id, const struct record_kind *kind,
			      struct record_list *out, struct error *err);
/* Every record of the kind, in any incident, whose column is value
 * (through the column's index), and in refs each one's incident. */
enum status store_records_find(struct store *store, const struct record_kind *kind, const char *column,
			       const char *value, struct record_list *out, struct strlist *refs, struct error *err);
/* For each numbered record of the kind in the incident, the other
 * incidents holding a standing record with the same value in column, in
 * one query: (*numbers)[k] and refs->items[k] pair a record's number with
 * one such incident's reference, in the records' order, each incident
 * once. Free *numbers and refs. */
enum status store_records_elsewhere(struct store *store, const struct record_kind *kind, const char *column,
				    int64_t incident_id, int64_t **numbers, struct strlist *refs, struct error *err);
/* Withdraws record number with a reason: STATUS_NOT_FOUND if there is
 * none, STATUS_CONFLICT if it is withdrawn already. Not for a kind whose
 * withdrawals name the record by its id (withdrawn_record: a cost line,
 * store_cost_withdraw). */
enum status store_record_withdraw(struct store *store, const struct incident *incident, const struct record_kind *kind,
				  int64_t number, const char *reason, const char *summary, const struct actor *who,
				  time_t now, struct error *err);

enum status store_timeline_get(struct store *store, int64_t incident_id, struct timeline *out, struct error *err);
/* The import that brought the incident here (*out NULL: it was logged
 * here). */
enum status store_incident_imported(struct store *store, int64_t incident_id, struct provenance **out,
				    struct error *err);

/* A shift handover (sirt handover --record, handover.c): who handed
 * over (the uid's login) to whom, when, with an optional note. */
struct handover {
	int64_t id;
	char *from_login;
	char *to_login;
	char *at;		/* UTC */
	int64_t uid;
	char *note;		/* "" for none */
	struct provenance *imported;	/* NULL: recorded here */
};

void handover_free(struct handover **handover);
/* The last handover recorded (*out NULL: none yet). */
enum status store_handover_last(struct store *store, struct handover **out, struct error *err);
/* Records a handover from who to `to`, and summary on the timeline of
 * each of the n incidents (closed ones too), in one transaction; *id
 * gets its id. */
enum status store_handover_add(struct store *store, const char *to, const char *note,
			       const struct incident *incidents, size_t n, const char *summary,
			       const struct actor *who, time_t now, int64_t *id, struct error *err);

/* The list screen's pages, at any number of incidents (derived.c). The
 * order: overdue first (the longest overdue on top), then the newest
 * first; while searching, the matches newest first, closed incidents
 * among them whatever include_closed says. A page is read by
 * key from where the last one ended, never by counting rows. */
struct list_key {
	bool overdue;
	time_t due;
	int64_t id;
};

struct listed {
	struct incident incident;	/* its strings are in text, not its own */
	const char *caller;	/* the intake's caller_name, in text; NULL if none */
	char *text;
	bool due_open;		/* a deadline not met; due and due_warn say which */
	time_t due;
	long long due_warn;
	struct list_key key;
};

struct listed_page {
	struct listed *items;
	size_t len;
	size_t cap;
};

struct list_query {
	bool include_closed;
	const char *search;	/* typed words, each the start of a word; NULL or "": all */
	time_t now;		/* what counts as overdue */
	bool caller;		/* read who called (listed.caller) too */
};

/* Up to limit rows after from (NULL: from the top), or with forward
 * false the limit rows before it (NULL: the bottom), in list order either
 * way; inclusive takes from itself too. */
enum status store_list_page(struct store *store, const struct list_query *query, const struct list_key *from,
			    bool forward, bool inclusive, size_t limit, struct listed_page *out, struct error *err);
void listed_page_free(struct listed_page *page);
/* Every incident, newest first, handed to fn one at a time (nothing is
 * kept: sirt list at any size); without the caller (row->caller NULL). */
typedef void (*listed_fn)(const struct listed *row, void *ctx);
enum status store_incident_each(struct store *store, bool include_closed, time_t now, listed_fn fn, void *ctx,
				struct error *err);
/* The longest reference, in bytes (the width of a table's column). */
enum status store_longest_ref(struct store *store, int *bytes, struct error *err);
/* Where incident id stands in the list query reads (to keep a cursor on
 * it); STATUS_NOT_FOUND when the list does not hold it. */
enum status store_list_key(struct store *store, const struct list_query *query, int64_t id, struct list_key *out,
			   struct error *err);
/* Open and closed incidents, counted from the indexes. */
enum status store_incident_count(struct store *store, size_t *open, size_t *closed, struct error *err);

/* Called inside each write transaction, before it commits, once for
 * every incident the transaction changed: what keeps an incident's most
 * pressing deadline (store_due_set) in step with its records. */
typedef enum status (*store_incident_hook)(struct store *store, const struct incident *incident, void *ctx,
					   struct error *err);
void store_on_incident_change(struct store *store, store_incident_hook hook, void *ctx);
enum status store_due_set(struct store *store, int64_t incident_id, bool open, time_t due, long long warn,
			  struct error *err);
/* Works out every incident's derived data (search text, and through the
 * hook its deadline) when stamp differs from the one the file records:
 * the first time, and after the plan's deadlines changed. progress, if
 * not NULL, hears how far it is. */
/* Whether store_rederive would have work to do (for a read-only session,
 * which cannot). */
enum status store_rederive_needed(struct store *store, const char *stamp, bool *needed, struct error *err);
enum status store_rederive(struct store *store, const char *stamp,
			   void (*progress)(size_t done, size_t total, void *ctx), void *ctx, struct error *err);


#endif
