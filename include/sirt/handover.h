/* The shift handover: the brief the outgoing responder hands the incoming
 * one, worked out from the record at `now` since a time (the last
 * handover recorded, else a day before), and recording the handover
 * itself on the timeline of every incident the brief covers. The brief
 * is data; the command line and the screen lay it out. */
#ifndef SIRT_HANDOVER_H
#define SIRT_HANDOVER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sirt/config.h"
#include "sirt/deadline.h"
#include "sirt/incident_data.h"
#include "sirt/record_kinds.h"
#include "sirt/store.h"

/* The window a clock must be due in to be in the brief (overdue ones
 * always are). */
#define HANDOVER_CLOCK_WINDOW (24 * 60 * 60)
/* How many of an incident's last notes the brief carries. */
#define HANDOVER_NOTES 3
/* What the text of the brief shows of the longer lists (the JSON has
 * them whole): the last timeline entries, the first steps still open. */
#define HANDOVER_ENTRIES_SHOWN 8
#define HANDOVER_STEPS_SHOWN 3
/* The default since, when no handover was recorded: a day before now. */
#define HANDOVER_DEFAULT_SPAN (24 * 60 * 60)

/* Where the brief's since came from. */
enum handover_since {
	HANDOVER_SINCE_GIVEN,	/* --since, or typed */
	HANDOVER_SINCE_LAST,	/* the last handover recorded */
	HANDOVER_SINCE_DEFAULT,	/* none recorded: a day before now */
};

/* One incident as the incoming responder should see it. Every list
 * points into the incident's own record, loaded for the brief. */
struct handover_incident {
	struct incident incident;
	bool closed;
	/* Timeline entries logged after since, oldest first. */
	const struct timeline_entry **happened;
	size_t nhappened;
	/* Step titles still open, in the procedure's order; restoration
	 * steps still open once restoration has begun (one of them marked). */
	struct strlist steps_open;
	struct strlist restoration_open;
	/* Clocks not met that are overdue or due within the window, the
	 * most pressing first; next_later: the soonest not met beyond it
	 * (NULL for none). */
	const struct deadline **clocks;
	size_t nclocks;
	const struct deadline *next_later;
	/* The escalation (R3): reached true once someone was; else who was
	 * tried without reaching them (contact names, each once, in the
	 * order called) and who is next (NULL: no order configured). */
	bool reached;
	struct strlist not_reached;
	const struct contact *next_call;
	size_t calls;
	/* Changes proposed and not decided yet. */
	const struct change **waiting;
	size_t nwaiting;
	/* The last notes, newest first (at most HANDOVER_NOTES). */
	const struct note **notes;
	size_t nnotes;
	/* What the brief was worked out from (owned). */
	struct step_list steps;
	struct call_list call_list;
	struct change_list changes;
	struct note_list note_list;
	struct deadline_list deadlines;
	struct deadline_met_list met;
	struct timeline timeline;
};

struct handover_brief {
	time_t now;
	time_t since;
	enum handover_since source;
	struct handover *last;		/* the last handover recorded, NULL for none */
	struct handover_incident *items;	/* most pressing first */
	size_t len;
};

/* Whether the incident belongs in a brief: open, or closed with a clock
 * still not met. */
bool handover_covers(const struct incident *incident, const struct deadline_list *deadlines);
/* Whether an incident has anything to say beyond its one line. */
bool handover_incident_quiet(const struct handover_incident *item);

/* The brief at now. since: NULL for the default (the last handover,
 * else HANDOVER_DEFAULT_SPAN before now). */
enum status handover_brief_build(struct store *store, const struct config *config, time_t now, const time_t *since,
				 struct handover_brief *out, struct error *err);
void handover_brief_free(struct handover_brief *brief);

/* "since the last handover, from alice to bob at 2026-11-22 06:00 UTC",
 * "since 24 hours ago: no handover recorded (from 2026-11-21 14:05 UTC)",
 * "since 2026-11-21 22:00
 * UTC". New string. */
char *handover_since_text(const struct handover_brief *brief);
/* A clock's line: "OVERDUE 3h: Cloud provider security team
 * (cloud-provider), due 2026-11-23 08:00 UTC". New string. */
char *handover_clock_text(const struct deadline *d, time_t now);

/* The brief laid out for a person, as text or Markdown: every row at
 * most cols columns (at least 40), all stored text sanitised. */
char *handover_brief_render(const struct handover_brief *brief, bool markdown, int cols);

/* Whether to is a login that may take a handover: one line of at most
 * 64 bytes, no blanks or controls. */
bool handover_login_valid(const char *login);
/* Records that who handed over to `to` (with an optional note) at now:
 * on the timeline of every incident the brief covers, and as the last
 * handover. STATUS_PERMISSION for anyone who may not work incidents;
 * STATUS_DATA for a bad login or note. *id gets the handover's. */
enum status handover_record(struct store *store, const struct config *config, const struct handover_brief *brief,
			    const char *to, const char *note, const struct actor *who, time_t now, int64_t *id,
			    struct error *err);

#endif
