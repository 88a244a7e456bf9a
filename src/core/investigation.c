/* Investigation notes and witnesses: the rules before they go on record. */
#include "sirt/investigation.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/form.h"
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

enum status incident_add_note(struct store *store, const struct incident *incident, const char *kind,
			      const char *text, int64_t witness, const struct actor *who, time_t now, int64_t *id,
			      struct error *err)
{
	struct note note = {0};
	struct witness_list witnesses;
	const struct witness *w = NULL;
	char *summary;
	enum status st;

	if (!note_kind_label(kind))
		return error_set(err, STATUS_DATA, "unknown kind of note \"%s\" (%s)", kind, note_kind_names());
	if (witness > 0 && strcmp(kind, "interview") != 0)
		return error_set(err, STATUS_DATA, "only an interview names a witness, and this note is %s",
				 note_kind_label(kind));
	if ((st = form_text_check("note", text, true, FORM_MULTILINE_MAX, err)))
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
