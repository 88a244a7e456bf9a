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
};

const struct record_kind call_kind = {
	.name = "call",
	.table = "call_attempt",
	.title = "Calls made",
	.one = "call",
	.timeline = "call",
	.size = sizeof(struct call_attempt),
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
	{"name", COLUMN_TEXT, offsetof(struct witness, name), "Name", true},
	{"contact", COLUMN_TEXT, offsetof(struct witness, contact), "Contact", false},
	{"statement", COLUMN_TEXT, offsetof(struct witness, statement), "Statement", false},
	{"interviewed_by", COLUMN_TEXT, offsetof(struct witness, interviewed_by), "Interviewed by", false},
	{"interviewed_at", COLUMN_TEXT, offsetof(struct witness, interviewed_at), "Interviewed at", false},
};

const struct record_kind witness_kind = {
	.name = "witness",
	.table = "witness",
	.title = "Witnesses",
	.one = "witness",
	.timeline = "witness",
	.size = sizeof(struct witness),
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
	{"text", COLUMN_TEXT, offsetof(struct note, text), "Text", true},
	{"witness", COLUMN_INT_OR_NULL, offsetof(struct note, witness), "Witness", false},
};

const struct record_kind note_kind = {
	.name = "note",
	.table = "note",
	.title = "Investigation notes",
	.one = "note",
	.timeline = "note",
	.size = sizeof(struct note),
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
	{"what", COLUMN_TEXT, offsetof(struct change, what), "Change", true},
	{"why", COLUMN_TEXT, offsetof(struct change, why), "Why", false},
	{"state", COLUMN_TEXT, offsetof(struct change, state), "State", .later = true},
	{"decided_at", COLUMN_TIME, offsetof(struct change, decided_at), "Decided at", .later = true},
	{"decided_by", COLUMN_TEXT, offsetof(struct change, decided_by), "Decided by", .later = true},
	{"reason", COLUMN_TEXT, offsetof(struct change, reason), "Reason", .later = true},
};

static const char *const change_untyped[] = {"decided_uid", "version", NULL};

const struct record_kind change_kind = {
	.name = "change",
	.table = "change",
	.title = "Recommended changes",
	.one = "change",
	.timeline = "change",
	.size = sizeof(struct change),
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
	{"amount", COLUMN_INT, offsetof(struct cost, amount), "Amount", true},
	{"currency", COLUMN_TEXT, offsetof(struct cost, currency), "Currency", true},
	{"estimate", COLUMN_BOOL, offsetof(struct cost, estimate), "Estimate", false},
};

const struct record_kind cost_kind = {
	.name = "cost",
	.table = "cost",
	.title = "Damage and cost",
	.one = "cost line",
	.timeline = "cost",
	.size = sizeof(struct cost),
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
