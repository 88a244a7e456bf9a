/* How the command line writes incidents: tables, CSV, JSON and text. */
#ifndef SIRT_CLI_OUTPUT_H
#define SIRT_CLI_OUTPUT_H

#include <stdio.h>

#include "sirt/deadline.h"
#include "sirt/json.h"
#include "sirt/register.h"
#include "sirt/session.h"

/* sirt list, written a row at a time: any number of incidents in the
 * same memory. */
enum list_format { LIST_TABLE, LIST_CSV, LIST_JSON };

struct list_output {
	FILE *out;
	enum list_format format;
	bool terminal;	/* CSV: the text shown safely, for a person (CSV has no escapes) */
	time_t now;	/* the table's ages */
	int ref_cols;	/* the table's widest reference */
	struct strbuf buf;
	struct json json;
	size_t rows;
};

void output_list_begin(struct list_output *lo, FILE *out, enum list_format format, bool terminal, time_t now,
		       int ref_cols);
void output_list_row(struct list_output *lo, const struct incident *in);
void output_list_end(struct list_output *lo);
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
/* The cost lines of an incident and their totals per currency. */
void output_costs(FILE *out, const struct incident *in, const struct cost_list *costs, bool json);
/* One step as marked, as text or as sirt show --format json lists it. */
void output_step(FILE *out, const struct incident *in, const struct step_record *step, bool json);
/* One deadline of one incident, for a list of them. */
struct deadline_row {
	const struct incident *incident;
	const struct deadline *deadline;
};

/* A table (or JSON array) of deadlines as they stand at now. */
void output_deadlines(FILE *out, const struct deadline_row *rows, size_t n, time_t now, bool json);
/* Everything recorded about one incident. */
/* A register's records of an incident, as text or JSON ({"ref": REF,
 * KIND: [...]}, each record as show has it). */
void output_records(FILE *out, const struct incident *in, const struct register_def *reg,
		    const struct register_records *records, bool json);
/* What a search of a register found, each with its incident. */
void output_found(FILE *out, const struct register_def *reg, const char *value, const struct record_list *found,
		  const struct strlist *refs, bool json);
enum status output_show_json(FILE *out, struct session *s, const struct incident *in, struct error *err);
enum status output_show_text(FILE *out, struct session *s, const struct incident *in, struct error *err);

#endif
