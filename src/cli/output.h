/* How the command line writes incidents: tables, CSV, JSON and text. */
#ifndef SIRT_CLI_OUTPUT_H
#define SIRT_CLI_OUTPUT_H

#include <stdio.h>

#include "sirt/deadline.h"
#include "sirt/json.h"
#include "sirt/session.h"

void output_list_table(FILE *out, const struct incident_list *list, time_t now);
/* terminal: the text shown safely, for a person (CSV has no escapes). */
void output_list_csv(FILE *out, const struct incident_list *list, bool terminal);
void output_list_json(FILE *out, const struct incident_list *list);
/* One call attempt as recorded, as text or JSON. */
void output_call(FILE *out, const struct incident *in, const struct call_attempt *call, bool json);
/* One change as recorded, as text or JSON. */
void output_change(FILE *out, const struct incident *in, const struct change *change, bool json);
void output_note(FILE *out, const struct incident *in, const struct note *note, bool json);
void output_witness(FILE *out, const struct incident *in, const struct witness *witness, bool json);
void output_evidence(FILE *out, const struct incident *in, const struct evidence_register *reg,
		     const struct evidence *item, bool json);
void output_custody(FILE *out, const struct incident *in, const struct custody *entry, bool json);
/* The verifications from index `first` of reg->checks on. */
void output_verifications(FILE *out, const struct incident *in, const struct evidence_register *reg, size_t first,
			  bool json);
/* One deadline of one incident, for a list of them. */
struct deadline_row {
	const struct incident *incident;
	const struct deadline *deadline;
};

/* A table (or JSON array) of deadlines as they stand at now. */
void output_deadlines(FILE *out, const struct deadline_row *rows, size_t n, time_t now, bool json);
/* Everything recorded about one incident. */
enum status output_show_json(FILE *out, struct session *s, const struct incident *in, struct error *err);
enum status output_show_text(FILE *out, struct session *s, const struct incident *in, struct error *err);

#endif
