/* The whole record of an incident as one rendering: its sections in
 * order, each a list of lines. The incident view, sirt show and the
 * report's pre-filled items all take their text from here, so that they
 * cannot say different things about one incident. Pure: no curses, no
 * stdio; text is kept as stored until whole_line_rows sanitises it. */
#ifndef SIRT_WHOLE_H
#define SIRT_WHOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sirt/config.h"
#include "sirt/incident_data.h"
#include "sirt/procedure.h"
#include "sirt/record.h"
#include "sirt/register.h"

/* How a line should stand out: a face shows it in its own way (the
 * screen as a style; show's text says it in words already). */
enum whole_mark {
	WHOLE_NORMAL,
	WHOLE_DIM,		/* nothing there yet, withdrawn, the past */
	WHOLE_ATTENTION,	/* due soon, awaiting a decision, seen elsewhere */
	WHOLE_OVERDUE,		/* overdue, a hash that does not match */
};

struct whole_line {
	char *label;		/* NULL: a line of its own, not in the label column */
	char *text;		/* as stored (not sanitised); may hold several lines */
	enum whole_mark mark;
	bool detail;		/* more about the line above it: indented under it */
};

struct whole_section {
	const char *key;	/* stable: "intake", "steps", a register's kind name ("ioc") */
	char *title;		/* "Intake: log the call", "Steps 3/14" */
	struct whole_line *lines;
	size_t len;
	size_t cap;
};

struct whole {
	struct whole_section *sections;	/* the first is the incident itself */
	size_t len;
	size_t cap;
};

/* The sections of record, in the order every face shows them: the
 * incident (its reference and title as the title), deadlines, intake,
 * calls, lead details, triage, category, procedure, steps,
 * investigation, evidence, changes, restoration, damage and cost, each
 * register of registers[], report, review, timeline, closing. Every
 * section is there even when empty (a dim line says so), so that a key
 * finds it. now: for what counts down. */
void whole_build(const struct config *config, const struct incident *incident, const struct incident_record *record,
		 time_t now, struct whole *out);
void whole_free(struct whole *whole);
/* Frees a section's lines and title (a section built on its own, as
 * whole_record_lines builds one). */
void whole_section_free(struct whole_section *section);
/* The section with that key, or NULL. */
const struct whole_section *whole_section_find(const struct whole *whole, const char *key);

/* Columns of a line's label: its text starts two columns further. */
#define WHOLE_LABEL_COLS 26

/* The rows a line takes on a terminal, appended to rows: sanitised, the
 * label in its column ("-" for an empty text), each line of the text on
 * a row of its own under the first. cols > 0: each is also wrapped to
 * cols columns; 0: rows as long as their text. */
void whole_line_rows(const struct whole_line *line, int cols, struct strlist *rows);

/* A record of a register as a section's lines: its number and summary
 * (with the other incidents holding one like it, elsewhere may be NULL),
 * then its other columns with who added it and when, then its
 * withdrawal. ref (may be NULL) leads the first line. */
void whole_record_lines(const struct register_def *reg, const void *record, const char *elsewhere, const char *ref,
			struct whole_section *into);

/* An item of evidence as the evidence section has it: its line (who
 * holds it, where, its file and hash), then each hand-over and each
 * verification, oldest first. */
void whole_evidence_lines(const struct evidence_register *reg, const struct evidence *item,
			  struct whole_section *into);

/* Where a record came from, said wherever it is shown (NULL: it was
 * recorded here): "imported by bkilinc on 2026-11-22 14:05 UTC from
 * /srv/x.json (sha256 ...)", and the import before it, as that file
 * said. Every record an export brought is marked so, above all a
 * decision: it was made elsewhere, or written into the file. */
char *whole_imported_text(const struct provenance *imported);
/* text with " (imported by ...)" after it where imported is not NULL;
 * text is taken. */
char *whole_with_imported(char *text, const struct provenance *imported);
/* The same as JSON, as "imported" is in show and the report: null, or
 * {"by", "at", "file", "sha256", "earlier"} with earlier null or the
 * import before it as that file said it ({"by", "at", "file", "sha256"}). */
struct json;
void whole_imported_json(struct json *j, const struct provenance *imported);

/* The texts a section and the report share, one item each. */
/* "done: Capture volatile evidence (no tool on site)" */
char *whole_step_text(const struct step_view *step);
/* "log review: syslog silent from 02:10", "interview with Ana: ..." */
char *whole_finding_text(const struct note *finding, const struct witness_list *witnesses);
/* "bkilinc: Category data chosen" */
char *whole_timeline_text(const struct timeline_entry *entry);
/* When it was logged, as whole_logged has it ("03:40 UTC"), where that
 * was later than when it happened; NULL where they are one. */
char *whole_timeline_logged(const struct timeline_entry *entry);

/* A record's time, wherever a face shows it, from when its event
 * happened (stored UTC; NULL: not said, so when it was logged) and when
 * it was logged. whole_logged: when it was logged, local, where that
 * shows other than when it happened: the time of day alone on the same
 * day ("03:40 UTC"), else whole ("2026-11-23 09:00 UTC"); NULL where
 * they show as one. */
char *whole_logged(const char *happened, const char *logged);
/* When it happened, local, and "(logged ...)" where whole_logged says
 * so: "2026-11-22 03:05 UTC (logged 03:40 UTC)". */
char *whole_when(const char *happened, const char *logged);
/* A column of a record as the faces show it: a time local, the time of
 * when a happened column's event was logged as whole_when has it; NULL
 * for a column shown with another (a change's happened_at, with its
 * decided_at). */
char *whole_column_text(const struct record_kind *kind, const struct kind_column *column, const void *record);
/* When the event the record's added stamp logs happened, where its
 * happened column says (a call made earlier), else NULL. That column
 * then shows both times, and the stamp who alone. */
const char *whole_record_happened(const struct record_kind *kind, const void *record);

#endif
