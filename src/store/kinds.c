/* The kinds of record the store carried before kinds were described
 * (calls, witnesses, notes ...), each described once, and their typed
 * functions as thin ones over the generic path (record.c): only what is
 * a kind's own (a summary that names its number, who holds an item now)
 * is written here. */
#include "store_internal.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/mem.h"
#include "sirt/record_kinds.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A typed list (items, len, cap) takes the array a struct record_list
 * holds, and gives it back to be freed through its kind: the array
 * changes hands, no list is cast to the other. */
#define TAKE(typed, list) ((typed)->items = (list).items, (typed)->len = (list).len, (typed)->cap = (list).cap)
#define TYPED_FREE(kind, typed)                                                      \
	do {                                                                         \
		struct record_list records_ = {(typed)->items, (typed)->len, (typed)->cap}; \
		record_list_free(kind, &records_);                                   \
		(typed)->items = NULL;                                               \
		(typed)->len = (typed)->cap = 0;                                     \
	} while (0)

/* Calls (R3). */
static const struct kind_column call_columns[] = {
	{"contact", COLUMN_TEXT, offsetof(struct call_attempt, contact), "Contact", true},
	{"name", COLUMN_TEXT, offsetof(struct call_attempt, name), "Name", true},
	{"phone", COLUMN_TEXT, offsetof(struct call_attempt, phone), "Phone", false},
	{"outcome", COLUMN_TEXT, offsetof(struct call_attempt, outcome), "Outcome", true},
	{"note", COLUMN_TEXT, offsetof(struct call_attempt, note), "Note", false},
	{"happened_at", COLUMN_TIME, offsetof(struct call_attempt, happened_at), "Made at", .happened = true},
};

const struct record_kind call_kind = {
	.name = "call",
	.list = "calls",
	.table = "call_attempt",
	.title = "Escalation calls",
	.one = "call",
	.timeline = "call",
	.size = sizeof(struct call_attempt),
	.imported = offsetof(struct call_attempt, imported),
	.columns = call_columns,
	.ncolumns = COUNT(call_columns),
	.unnumbered = true,
	.with_id = true,
	.id = offsetof(struct call_attempt, id),
	.added_at = offsetof(struct call_attempt, called_at),
	.added_by = offsetof(struct call_attempt, called_by),
	.stamp = {"called_at", "called_by", "called_uid"},
};

enum status store_call_add(struct store *s, const struct incident *incident, const struct call_attempt *c,
			   const char *summary, const struct actor *who, time_t now, int64_t *id, struct error *err)
{
	return store_record_add(s, incident, &call_kind, c, summary, who, now, id, err);
}

enum status store_calls_get(struct store *s, int64_t incident_id, struct call_list *out, struct error *err)
{
	struct record_list list;
	enum status rc = store_records_get(s, incident_id, &call_kind, &list, err);

	TAKE(out, list);
	return rc;
}

void call_list_free(struct call_list *list)
{
	TYPED_FREE(&call_kind, list);
}

/* Witnesses (R13, R17). */
static const struct kind_column witness_columns[] = {
	{"name", COLUMN_TEXT, offsetof(struct witness, name), "Name", true,
	 .help = "the witness's name"},
	{"contact", COLUMN_TEXT, offsetof(struct witness, contact), "Contact", false,
	 .help = "how to reach them: a phone number, an e-mail address"},
	{"statement", COLUMN_TEXT, offsetof(struct witness, statement), "Statement", false,
	 .help = "what they saw or heard, in their words", .multiline = true},
	{"interviewed_by", COLUMN_TEXT, offsetof(struct witness, interviewed_by), "Interviewed by", false,
	 .help = "who took the statement (you, when left empty)"},
	{"interviewed_at", COLUMN_TIME, offsetof(struct witness, interviewed_at), "Interviewed at", false,
	 .help = "when: now, 14:05, -30m, 2026-11-22 14:05 (now, when left empty)"},
};

const struct record_kind witness_kind = {
	.name = "witness",
	.list = "witnesses",
	.table = "witness",
	.title = "Witnesses",
	.one = "witness",
	.timeline = "witness",
	.size = sizeof(struct witness),
	.imported = offsetof(struct witness, imported),
	.columns = witness_columns,
	.ncolumns = COUNT(witness_columns),
	.number = offsetof(struct witness, number),
	.added_at = offsetof(struct witness, added_at),
	.added_by = offsetof(struct witness, added_by),
};

static char *witness_summary(const void *record, int64_t number, const void *ctx)
{
	const struct witness *w = record;

	(void)ctx;
	return xasprintf("Witness %lld added: %s", (long long)number, w->name);
}

enum status store_witness_add(struct store *s, const struct incident *incident, const struct witness *w,
			      const struct actor *who, time_t now, int64_t *number, struct error *err)
{
	const struct record_add how = {.summarise = witness_summary};

	return store_record_add_with(s, incident, &witness_kind, w, &how, who, now, number, err);
}

enum status store_witnesses_get(struct store *s, int64_t incident_id, struct witness_list *out, struct error *err)
{
	struct record_list list;
	enum status rc = store_records_get(s, incident_id, &witness_kind, &list, err);

	TAKE(out, list);
	return rc;
}

const struct witness *witness_list_find(const struct witness_list *list, int64_t number)
{
	for (size_t i = 0; i < list->len; i++)
		if (list->items[i].number == number)
			return &list->items[i];
	return NULL;
}

void witness_list_free(struct witness_list *list)
{
	TYPED_FREE(&witness_kind, list);
}

/* Investigation notes (R13): findings on record, never changed. */
static const struct kind_column note_columns[] = {
	{"kind", COLUMN_TEXT, offsetof(struct note, kind), "Kind", true},
	{"text", COLUMN_TEXT, offsetof(struct note, text), "Finding", true},
	{"witness", COLUMN_INT_OR_NULL, offsetof(struct note, witness), "Witness", false},
};

const struct record_kind note_kind = {
	.name = "note",
	.list = "notes",
	.table = "note",
	.title = "Findings",
	.one = "finding",
	.timeline = "note",
	.size = sizeof(struct note),
	.imported = offsetof(struct note, imported),
	.columns = note_columns,
	.ncolumns = COUNT(note_columns),
	.unnumbered = true,
	.with_id = true,
	.id = offsetof(struct note, id),
	.added_at = offsetof(struct note, noted_at),
	.added_by = offsetof(struct note, noted_by),
	.stamp = {"noted_at", "noted_by", "noted_uid"},
};

enum status store_note_add(struct store *s, const struct incident *incident, const struct note *n,
			   const char *summary, const struct actor *who, time_t now, int64_t *id, struct error *err)
{
	return store_record_add(s, incident, &note_kind, n, summary, who, now, id, err);
}

enum status store_notes_get(struct store *s, int64_t incident_id, struct note_list *out, struct error *err)
{
	struct record_list list;
	enum status rc = store_records_get(s, incident_id, &note_kind, &list, err);

	TAKE(out, list);
	return rc;
}

void note_list_free(struct note_list *list)
{
	TYPED_FREE(&note_kind, list);
}

/* Recommended changes (R14); deciding one (R15) is store_change_decide's. */
static const struct kind_column change_columns[] = {
	{"what", COLUMN_TEXT, offsetof(struct change, what), "Change", true,
	 .help = "what would prevent a recurrence, e.g. patch the VPN gateway"},
	{"why", COLUMN_TEXT, offsetof(struct change, why), "Why", false,
	 .help = "why it would (optional)"},
	{"state", COLUMN_TEXT, offsetof(struct change, state), "State", .later = true},
	{"decided_at", COLUMN_TIME, offsetof(struct change, decided_at), "Decided", .later = true},
	{"decided_by", COLUMN_TEXT, offsetof(struct change, decided_by), "Decided by", .later = true},
	{"reason", COLUMN_TEXT, offsetof(struct change, reason), "Reason", .later = true},
	/* Written by store_change_decide, with the decision. */
	{"happened_at", COLUMN_TIME, offsetof(struct change, happened_at), "Decided", .later = true, .happened = true,
	 .logged = "decided_at"},
};

static const char *const change_untyped[] = {"decided_uid", "version", NULL};

const struct record_kind change_kind = {
	.name = "change",
	.list = "changes",
	.table = "change",
	.title = "Recommended changes",
	.one = "change",
	.timeline = "change",
	.size = sizeof(struct change),
	.imported = offsetof(struct change, imported),
	.columns = change_columns,
	.ncolumns = COUNT(change_columns),
	.number = offsetof(struct change, number),
	.added_at = offsetof(struct change, proposed_at),
	.added_by = offsetof(struct change, proposed_by),
	.stamp = {"proposed_at", "proposed_by", "proposed_uid"},
	.untyped = change_untyped,
};

static char *change_summary(const void *record, int64_t number, const void *ctx)
{
	const struct change *c = record;

	(void)ctx;
	return xasprintf("Change %lld proposed: %s", (long long)number, c->what);
}

enum status store_change_add(struct store *s, const struct incident *incident, const char *what, const char *why,
			     const struct actor *who, time_t now, int64_t *number, struct error *err)
{
	const struct change c = {.what = (char *)what, .why = (char *)why};
	const struct record_add how = {.summarise = change_summary};

	return store_record_add_with(s, incident, &change_kind, &c, &how, who, now, number, err);
}

enum status store_changes_get(struct store *s, int64_t incident_id, struct change_list *out, struct error *err)
{
	struct record_list list;
	enum status rc = store_records_get(s, incident_id, &change_kind, &list, err);

	TAKE(out, list);
	return rc;
}

const struct change *change_list_find(const struct change_list *list, int64_t number)
{
	for (size_t i = 0; i < list->len; i++)
		if (list->items[i].number == number)
			return &list->items[i];
	return NULL;
}

void change_list_free(struct change_list *list)
{
	TYPED_FREE(&change_kind, list);
}

/* Damage and cost (R23); withdrawing a line is store_cost_withdraw's. */
static const struct kind_column cost_columns[] = {
	{"kind", COLUMN_TEXT, offsetof(struct cost, kind), "Kind", true},
	{"description", COLUMN_TEXT, offsetof(struct cost, description), "Description", true},
	{"amount", COLUMN_INT, offsetof(struct cost, amount), "Amount", true, .field = FIELD_MONEY},
	{"currency", COLUMN_TEXT, offsetof(struct cost, currency), "Currency", true},
	{"estimate", COLUMN_BOOL, offsetof(struct cost, estimate), "Estimate", false},
};

const struct record_kind cost_kind = {
	.name = "cost",
	.list = "costs",
	.table = "cost",
	.title = "Damage and cost",
	.one = "cost line",
	.timeline = "cost",
	.size = sizeof(struct cost),
	.imported = offsetof(struct cost, imported),
	.columns = cost_columns,
	.ncolumns = COUNT(cost_columns),
	.number = offsetof(struct cost, number),
	.added_at = offsetof(struct cost, added_at),
	.added_by = offsetof(struct cost, added_by),
	.withdrawals = "cost_withdrawal",
	.withdrawn_record = "cost_id",
	.withdrawn_at = offsetof(struct cost, withdrawn_at),
	.withdrawn_by = offsetof(struct cost, withdrawn_by),
	.withdrawn_reason = offsetof(struct cost, withdrawn_reason),
	.withdrawn_imported = offsetof(struct cost, withdrawn_imported),
};

enum status store_cost_add(struct store *s, const struct incident *incident, const struct cost *c,
			   const char *summary, const struct actor *who, time_t now, int64_t *number,
			   struct error *err)
{
	return store_record_add(s, incident, &cost_kind, c, summary, who, now, number, err);
}

enum status store_costs_get(struct store *s, int64_t incident_id, struct cost_list *out, struct error *err)
{
	struct record_list list;
	enum status rc = store_records_get(s, incident_id, &cost_kind, &list, err);

	TAKE(out, list);
	return rc;
}

void cost_list_free(struct cost_list *list)
{
	TYPED_FREE(&cost_kind, list);
}

/* The evidence register (R17): items, their chain of custody and the
 * verifications of their hashes, all kept after the incident closes. A
 * correction is a new item naming the one it corrects. */
static const struct kind_column evidence_columns[] = {
	{"description", COLUMN_TEXT, offsetof(struct evidence, description), "Description", true},
	{"kind", COLUMN_TEXT, offsetof(struct evidence, kind), "Kind", true},
	{"path", COLUMN_TEXT, offsetof(struct evidence, path), "Path", false},
	{"location", COLUMN_TEXT, offsetof(struct evidence, location), "Storage location", false},
	{"sha256", COLUMN_TEXT, offsetof(struct evidence, sha256), "SHA-256", false},
	{"size", COLUMN_INT_OR_NULL, offsetof(struct evidence, size), "Size", false, .only_with = "sha256"},
	{"corrects", COLUMN_INT_OR_NULL, offsetof(struct evidence, corrects), "Corrects", false},
	{"changing", COLUMN_TEXT, offsetof(struct evidence, changing), "Changed while hashed", false},
	{"copy", COLUMN_TEXT, offsetof(struct evidence, copy), "Stored copy", false},
};

const struct record_kind evidence_kind = {
	.name = "evidence",
	.table = "evidence",
	.title = "Evidence",
	.one = "evidence",
	.timeline = "evidence",
	.size = sizeof(struct evidence),
	.imported = offsetof(struct evidence, imported),
	.columns = evidence_columns,
	.ncolumns = COUNT(evidence_columns),
	.number = offsetof(struct evidence, number),
	.added_at = offsetof(struct evidence, collected_at),
	.added_by = offsetof(struct evidence, collected_by),
	.stamp = {"collected_at", "collected_by", "collected_uid"},
	.outlives_closing = true,
};

static const struct kind_column custody_columns[] = {
	{"evidence", COLUMN_INT, offsetof(struct custody, evidence), "Evidence item", true},
	{"from_who", COLUMN_TEXT, offsetof(struct custody, from_who), "From", true, .json = "from"},
	{"to_who", COLUMN_TEXT, offsetof(struct custody, to_who), "To", true, .json = "to"},
	{"purpose", COLUMN_TEXT, offsetof(struct custody, purpose), "Purpose", true},
	{"location", COLUMN_TEXT, offsetof(struct custody, location), "Storage location", false},
};

const struct record_kind custody_kind = {
	.name = "custody",
	.table = "custody",
	.title = "Chain of custody",
	.one = "hand-over",
	.timeline = "custody",
	.size = sizeof(struct custody),
	.imported = offsetof(struct custody, imported),
	.columns = custody_columns,
	.ncolumns = COUNT(custody_columns),
	.unnumbered = true,
	.with_id = true,
	.id = offsetof(struct custody, id),
	.added_at = offsetof(struct custody, at),
	.added_by = offsetof(struct custody, recorded_by),
	.stamp = {"at", "recorded_by", "recorded_uid"},
	.outlives_closing = true,
};

static const struct kind_column evidence_check_columns[] = {
	{"evidence", COLUMN_INT, offsetof(struct evidence_check, evidence), "Evidence item", true},
	{"result", COLUMN_TEXT, offsetof(struct evidence_check, result), "Result", true},
	{"expected", COLUMN_TEXT, offsetof(struct evidence_check, expected), "Expected", true},
	{"actual", COLUMN_TEXT, offsetof(struct evidence_check, actual), "Actual", false},
	{"copy", COLUMN_BOOL, offsetof(struct evidence_check, copy), "Of the stored copy", false},
};

const struct record_kind evidence_check_kind = {
	.name = "verification",
	.list = "verifications",
	.table = "evidence_check",
	.title = "Verifications",
	.one = "verification",
	.timeline = "verification",
	.size = sizeof(struct evidence_check),
	.imported = offsetof(struct evidence_check, imported),
	.columns = evidence_check_columns,
	.ncolumns = COUNT(evidence_check_columns),
	.unnumbered = true,
	.added_at = offsetof(struct evidence_check, at),
	.added_by = offsetof(struct evidence_check, checked_by),
	.stamp = {"at", "checked_by", "checked_uid"},
	.outlives_closing = true,
};

/* "Evidence item 3: disk image", or with the prefix of a correction. */
static char *evidence_summary(const void *record, int64_t number, const void *prefix)
{
	const struct evidence *e = record;

	return xasprintf("%s %lld: %s", (const char *)prefix, (long long)number, e->description);
}

enum status store_evidence_add(struct store *s, const struct incident *incident, const struct evidence *e,
			       const char *summary_prefix, const struct actor *who, time_t now, int64_t *number,
			       struct error *err)
{
	const struct record_add how = {.summarise = evidence_summary, .ctx = summary_prefix};

	return store_record_add_with(s, incident, &evidence_kind, e, &how, who, now, number, err);
}

/* Who holds the item now, read under the write lock: two hand-overs at
 * once cannot both start from the same holder. */
static enum status custody_from_holder(struct store *s, const struct incident *incident, const void *record,
				       struct error *err)
{
	const struct custody *c = record;
	sqlite3_stmt *st;
	enum status rc;
	char *holder = NULL;
	bool row;

	if ((rc = store_prepare(s,
		"SELECT coalesce((SELECT to_who FROM custody WHERE incident_id = ?1 AND evidence = ?2 ORDER BY id DESC"
		" LIMIT 1), (SELECT collected_by FROM evidence WHERE incident_id = ?1 AND number = ?2))", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, incident->id);
	sqlite3_bind_int64(st, 2, c->evidence);
	rc = store_step(s, st, &row, "reading who holds the evidence", err);
	if (row)
		holder = store_column_text(st, 0);
	store_finalize(s, st);
	if (!rc && (!holder || strcmp(holder, c->from_who) != 0))
		rc = error_set(err, STATUS_CONFLICT,
			       "evidence %lld is now held by %s, not %s: someone recorded a hand-over meanwhile (look again)",
			       (long long)c->evidence, holder ? holder : "no one", c->from_who);
	free(holder);
	return rc;
}

enum status store_custody_add(struct store *s, const struct incident *incident, const struct custody *c,
			      const char *summary, const struct actor *who, time_t now, int64_t *id,
			      struct error *err)
{
	const struct record_add how = {.summary = summary, .check = custody_from_holder};

	return store_record_add_with(s, incident, &custody_kind, c, &how, who, now, id, err);
}

enum status store_evidence_check_add(struct store *s, const struct incident *incident,
				     const struct evidence_check *c, const char *summary, const struct actor *who,
				     time_t now, struct error *err)
{
	int64_t id;

	return store_record_add(s, incident, &evidence_check_kind, c, summary, who, now, &id, err);
}

enum status store_evidence_get(struct store *s, int64_t incident_id, struct evidence_register *out,
			       struct error *err)
{
	struct record_list items = {0}, custody = {0}, checks = {0};
	enum status rc;

	if (!(rc = store_records_get(s, incident_id, &evidence_kind, &items, err)) &&
	    !(rc = store_records_get(s, incident_id, &custody_kind, &custody, err)))
		rc = store_records_get(s, incident_id, &evidence_check_kind, &checks, err);
	memset(out, 0, sizeof(*out));
	TAKE(out, items);
	out->custody = custody.items;
	out->ncustody = custody.len;
	out->custody_cap = custody.cap;
	out->checks = checks.items;
	out->nchecks = checks.len;
	out->checks_cap = checks.cap;
	if (rc)
		evidence_register_free(out);
	return rc;
}

const struct evidence *evidence_register_find(const struct evidence_register *r, int64_t number)
{
	for (size_t i = 0; i < r->len; i++)
		if (r->items[i].number == number)
			return &r->items[i];
	return NULL;
}

void evidence_register_free(struct evidence_register *r)
{
	struct record_list custody = {r->custody, r->ncustody, r->custody_cap};
	struct record_list checks = {r->checks, r->nchecks, r->checks_cap};

	TYPED_FREE(&evidence_kind, r);
	record_list_free(&custody_kind, &custody);
	record_list_free(&evidence_check_kind, &checks);
	memset(r, 0, sizeof(*r));
}

/* Deadlines met (R19-R22): who told which party, how and when; each rule
 * and party once. */
static const struct kind_column deadline_met_columns[] = {
	{"rule", COLUMN_TEXT, offsetof(struct deadline_met, rule), "Deadline", true},
	{"party", COLUMN_TEXT, offsetof(struct deadline_met, party), "Party", true},
	{"how", COLUMN_TEXT, offsetof(struct deadline_met, how), "How", true},
	{"reference", COLUMN_TEXT, offsetof(struct deadline_met, reference), "Reference", false},
	{"happened_at", COLUMN_TIME, offsetof(struct deadline_met, happened_at), "Told at", .happened = true},
	{"sent", COLUMN_TEXT, offsetof(struct deadline_met, sent), "Text sent", false, .multiline = true,
	 .help = "the text that was sent, as sent (--sent-file)"},
};

const struct record_kind deadline_met_kind = {
	.name = "deadline",
	.table = "deadline_met",
	.title = "Deadlines met",
	.one = "deadline",
	.timeline = "deadline",
	.size = sizeof(struct deadline_met),
	.imported = offsetof(struct deadline_met, imported),
	.columns = deadline_met_columns,
	.ncolumns = COUNT(deadline_met_columns),
	.unnumbered = true,
	.added_at = offsetof(struct deadline_met, met_at),
	.added_by = offsetof(struct deadline_met, met_by),
	.stamp = {"met_at", "met_by", "met_uid"},
	.outlives_closing = true,
};

static enum status deadline_not_met_yet(struct store *s, const struct incident *incident, const void *record,
					struct error *err)
{
	const struct deadline_met *m = record;
	sqlite3_stmt *st;
	enum status rc;
	int exists = 0;
	bool row;

	if ((rc = store_prepare(s, "SELECT count(*) FROM deadline_met WHERE incident_id = ? AND rule = ? AND party = ?",
				&st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, incident->id);
	store_bind_text(st, 2, m->rule);
	store_bind_text(st, 3, m->party);
	rc = store_step(s, st, &row, "reading the deadlines met", err);
	if (row)
		exists = sqlite3_column_int(st, 0);
	store_finalize(s, st);
	if (!rc && exists)
		rc = error_set(err, STATUS_CONFLICT, "the deadline %s for %s of %s was met already", m->rule, m->party,
			       incident->ref);
	return rc;
}

enum status store_deadline_met_add(struct store *s, const struct incident *incident, const struct deadline_met *m,
				   const char *summary, const struct actor *who, time_t now, struct error *err)
{
	const struct record_add how = {.summary = summary, .check = deadline_not_met_yet};
	int64_t id;

	return store_record_add_with(s, incident, &deadline_met_kind, m, &how, who, now, &id, err);
}

enum status store_deadlines_met_get(struct store *s, int64_t incident_id, struct deadline_met_list *out,
				    struct error *err)
{
	struct record_list list;
	enum status rc = store_records_get(s, incident_id, &deadline_met_kind, &list, err);

	TAKE(out, list);
	return rc;
}

void deadline_met_list_free(struct deadline_met_list *list)
{
	TYPED_FREE(&deadline_met_kind, list);
}

/* Decisions a regulator's clock runs from (sirt decide): numbered,
 * withdrawn with a reason; a key stands once at a time. */
static const struct kind_column decision_columns[] = {
	{"key", COLUMN_TEXT, offsetof(struct decision, key), "Decision", true,
	 (const char *const[]){"classified-major", "materiality-determined", NULL}, NULL,
	 "classified-major or materiality-determined"},
	{"why", COLUMN_TEXT, offsetof(struct decision, why), "Why", true, .help = "why it was decided, on what facts"},
	{"happened_at", COLUMN_TIME, offsetof(struct decision, happened_at), "Decided at", .happened = true},
};

const struct record_kind decision_kind = {
	.name = "decision",
	.list = "decisions",
	.table = "decision",
	.title = "Decisions",
	.one = "decision",
	.timeline = "decision",
	.size = sizeof(struct decision),
	.imported = offsetof(struct decision, imported),
	.columns = decision_columns,
	.ncolumns = COUNT(decision_columns),
	.number = offsetof(struct decision, number),
	.added_at = offsetof(struct decision, decided_at),
	.added_by = offsetof(struct decision, decided_by),
	.stamp = {"decided_at", "decided_by", "decided_uid"},
	.withdrawals = "decision_withdrawal",
	.withdrawn_at = offsetof(struct decision, withdrawn_at),
	.withdrawn_by = offsetof(struct decision, withdrawn_by),
	.withdrawn_reason = offsetof(struct decision, withdrawn_reason),
	.withdrawn_imported = offsetof(struct decision, withdrawn_imported),
	/* A decision stands once: withdrawn, it may be made again. */
	.unique_standing = (const char *const[]){"key", NULL},
};

enum status store_decisions_get(struct store *s, int64_t incident_id, struct decision_list *out, struct error *err)
{
	struct record_list list;
	enum status rc = store_records_get(s, incident_id, &decision_kind, &list, err);

	TAKE(out, list);
	return rc;
}

void decision_list_free(struct decision_list *list)
{
	TYPED_FREE(&decision_kind, list);
}
