/* Investigation notes (findings) and witnesses: the rules before they go
 * on record, and the register of each, which the forms add through. */
#include "sirt/investigation.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/form.h"
#include "sirt/register.h"
#include "sirt/timefmt.h"

static const char *const kinds[] = {
#define NOTE_KIND_KEY(key, label) key,
	NOTE_KINDS(NOTE_KIND_KEY)
#undef NOTE_KIND_KEY
	NULL,
};

const char *const *note_kinds(void)
{
	return kinds;
}

const char *note_kind_label(const char *kind)
{
#define NOTE_KIND_LABEL(key, label) if (kind && strcmp(kind, key) == 0) return label;
	NOTE_KINDS(NOTE_KIND_LABEL)
#undef NOTE_KIND_LABEL
	return NULL;
}

const char *note_kind_names(void)
{
	return "log-review, log-gap, ids, cloud-audit, interview or other";
}

enum status note_check(const char *kind, const char *text, int64_t witness, const char **column,
		       struct error *err)
{
	const char *at = NULL;
	enum status st = STATUS_OK;

	if (!kind || !*kind) {
		at = "kind";
		st = error_set(err, STATUS_DATA, "a finding needs its kind: %s", note_kind_names());
	} else if (!note_kind_label(kind)) {
		at = "kind";
		st = error_set(err, STATUS_DATA, "unknown kind of note \"%s\" (%s)", kind, note_kind_names());
	} else if (witness > 0 && strcmp(kind, "interview") != 0) {
		at = "witness";
		st = error_set(err, STATUS_DATA, "only an interview names a witness, and this note is %s",
			       note_kind_label(kind));
	} else if ((st = form_text_check("finding", text, true, FORM_MULTILINE_MAX, err))) {
		at = "text";
	}
	if (column)
		*column = at;
	return st;
}

enum status incident_add_note(struct store *store, const struct incident *incident, const char *kind,
			      const char *text, int64_t witness, const struct actor *who, time_t now, int64_t *id,
			      struct error *err)
{
	struct note note = {0};
	struct witness_list witnesses;
	const struct witness *w = NULL;
	char *summary;
	enum status st;

	if ((st = note_check(kind, text, witness, NULL, err)))
		return st;
	if ((st = store_witnesses_get(store, incident->id, &witnesses, err)))
		return st;
	if (witness > 0 && !(w = witness_list_find(&witnesses, witness))) {
		witness_list_free(&witnesses);
		return error_set(err, STATUS_NOT_FOUND, "%s has no witness %lld (add one first: sirt witness add)",
				 incident->ref, (long long)witness);
	}
	note.kind = (char *)kind;
	note.text = (char *)text;
	note.witness = witness;
	summary = w ? xasprintf("Note (%s with %s): %s", note_kind_label(kind), w->name, text) :
		      xasprintf("Note (%s): %s", note_kind_label(kind), text);
	st = store_note_add(store, incident, &note, summary, who, now, id, err);
	free(summary);
	witness_list_free(&witnesses);
	return st;
}

enum status incident_add_witness(struct store *store, const struct incident *incident, const char *name,
				 const char *contact, const char *statement, const char *interviewed_by,
				 time_t interviewed_at, const struct actor *who, time_t now, int64_t *number,
				 struct error *err)
{
	struct witness w = {0};
	char at[TIME_TEXT_MAX] = "";
	bool stated = statement && *statement;
	enum status st;

	if ((st = form_text_check("witness's name", name, true, FORM_TEXT_MAX, err)) ||
	    (st = form_text_check("witness's contact", contact, false, FORM_TEXT_MAX, err)) ||
	    (st = form_text_check("statement", statement, false, FORM_MULTILINE_MAX, err)))
		return st;
	w.name = (char *)name;
	w.contact = (char *)(contact ? contact : "");
	w.statement = (char *)(statement ? statement : "");
	if ((st = form_text_check("interviewer", interviewed_by, false, FORM_TEXT_MAX, err)))
		return st;
	if (interviewed_at > now + 300)
		return error_set(err, STATUS_DATA, "the interview cannot be in the future");
	if (stated || (interviewed_by && *interviewed_by))
		time_format_utc(interviewed_at ? interviewed_at : now, at, sizeof(at));
	w.interviewed_by = (char *)(interviewed_by && *interviewed_by ? interviewed_by : stated ? who->login : "");
	w.interviewed_at = at;
	return store_witness_add(store, incident, &w, who, now, number, err);
}

/* The register of witnesses: added through the form of the witness
 * kind's own columns. */
static char *witness_line(const void *record)
{
	const struct witness *w = record;

	return xasprintf("%s%s%s", w->name, *w->contact ? ", " : "", w->contact);
}

/* The interview's time as typed (now, 14:05 ...), or 0 for none. */
static enum status interview_time(const struct witness *w, time_t now, time_t *at, const char **column,
				  struct error *err)
{
	char why[256];

	*at = 0;
	if (w->interviewed_at && *w->interviewed_at && time_parse(w->interviewed_at, now, at, why, sizeof(why)) != 0) {
		if (column)
			*column = "interviewed_at";
		return error_set(err, STATUS_DATA, "the interview's time: %s", why);
	}
	return STATUS_OK;
}

static enum status witness_checks(const void *record, time_t now, const char **column, struct error *err)
{
	const struct witness *w = record;
	time_t at;

	*column = NULL;
	if (form_text_check("witness's name", w->name, true, FORM_TEXT_MAX, err)) {
		*column = "name";
		return err->status;
	}
	return interview_time(w, now, &at, column, err);
}

static enum status witness_add(struct store *store, const struct config *config, const struct incident *incident,
			       const void *record, const struct actor *who, time_t now, int64_t *number,
			       struct error *err)
{
	const struct witness *w = record;
	time_t at;
	enum status st = interview_time(w, now, &at, NULL, err);

	(void)config;
	return st ? st : incident_add_witness(store, incident, w->name, w->contact, w->statement, w->interviewed_by,
					      at, who, now, number, err);
}

const struct register_def witness_register = {
	.kind = &witness_kind,
	.needs = CAN_RESPOND,
	.doing = "adding a witness",
	.summary = witness_line,
	.check = witness_checks,
	.add = witness_add,
};

/* The register of findings: a kind, the text, and the witness heard,
 * chosen among those the screen offers (note_form_witnesses). */
static const char *const no_witness[] = {NOTE_NO_WITNESS, NULL};

static const struct kind_column finding_asks[] = {
	{"kind", COLUMN_TEXT, offsetof(struct note_typed, kind), "Kind", true, kinds, NULL,
	 "log-review, log-gap, ids, cloud-audit, interview or other (a letter picks)"},
	{"text", COLUMN_TEXT, offsetof(struct note_typed, text), "Finding", true,
	 .help = "what was found: times, hosts, what was said", .multiline = true},
	{"witness", COLUMN_TEXT, offsetof(struct note_typed, witness), "Witness", false, no_witness,
	 NOTE_NO_WITNESS, "for an interview, the witness heard (add one first: w); none for anything else"},
};

static char *finding_line(const void *record)
{
	const struct note *n = record;
	const char *label = note_kind_label(n->kind);

	if (n->witness)
		return xasprintf("[%s, witness %lld] %s", label ? label : n->kind, (long long)n->witness, n->text);
	return xasprintf("[%s] %s", label ? label : n->kind, n->text);
}

/* The witness as the form gives it: "none", "2. Burak Kılınç" or "2". */
static enum status typed_witness(const char *typed, int64_t *witness, struct error *err)
{
	char *end;
	long long n;

	*witness = 0;
	if (!typed || !*typed || strcmp(typed, NOTE_NO_WITNESS) == 0)
		return STATUS_OK;
	n = strtoll(typed, &end, 10);
	if (end == typed || n <= 0 || (*end && *end != '.'))
		return error_set(err, STATUS_DATA, "the witness is %s or one of the incident's witnesses by number, "
			       "not \"%s\"", NOTE_NO_WITNESS, typed);
	*witness = n;
	return STATUS_OK;
}

static enum status finding_checks(const void *typed, time_t now, const char **column, struct error *err)
{
	const struct note_typed *t = typed;
	int64_t witness;

	(void)now;
	if (typed_witness(t->witness, &witness, err)) {
		*column = "witness";
		return err->status;
	}
	return note_check(t->kind, t->text, witness, column, err);
}

static enum status finding_add(struct store *store, const struct config *config, const struct incident *incident,
			       const void *typed, const struct actor *who, time_t now, int64_t *id, struct error *err)
{
	const struct note_typed *t = typed;
	int64_t witness;
	enum status st = typed_witness(t->witness, &witness, err);

	(void)config;
	return st ? st : incident_add_note(store, incident, t->kind, t->text, witness, who, now, id, err);
}

const struct register_def note_register = {
	.kind = &note_kind,
	.needs = CAN_RESPOND,
	.doing = "recording a finding",
	.summary = finding_line,
	.asks = finding_asks,
	.nasks = sizeof(finding_asks) / sizeof(finding_asks[0]),
	.asks_size = sizeof(struct note_typed),
	.check = finding_checks,
	.add = finding_add,
};

void note_form_witnesses(struct form_def *form, const struct witness_list *witnesses)
{
	for (size_t i = 0; i < form->nfields; i++) {
		if (strcmp(form->fields[i].key, "witness") != 0)
			continue;
		for (size_t k = 0; k < witnesses->len; k++)
			strlist_add_owned(&form->fields[i].choices,
					  xasprintf("%lld. %s", (long long)witnesses->items[k].number,
						    witnesses->items[k].name));
	}
}
