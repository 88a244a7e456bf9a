/* The incident report (R18) and the report to one affected customer
 * (R19). Its text is the report form: a field saved is shown as saved;
 * one not saved yet is pre-filled from the record, as its "from" says,
 * so that a report can be printed at any time and is never blank where
 * the record already knows the answer. */
#ifndef SIRT_REPORT_H
#define SIRT_REPORT_H

#include <time.h>

#include "sirt/config.h"
#include "sirt/form.h"
#include "sirt/record.h"

enum report_format { REPORT_MD, REPORT_TEXT, REPORT_JSON };

/* "md", "text" or "json"; false for anything else. */
bool report_format_parse(const char *name, enum report_format *out);

/* The pre-filled text of field f from its "from" sources, fitted to the
 * field (one line for a one-line field, within its length); "" when
 * the record has nothing for it. */
char *report_prefill(const struct config *config, const struct incident *incident,
		     const struct incident_record *record, const struct field_def *f);

/* The report form's fields as the report has them: each saved one as
 * saved, each other pre-filled from the record (updated_at NULL). The
 * report, sirt show and the screens all take them from here. */
void report_values(const struct config *config, const struct incident *incident,
		   const struct incident_record *record, struct field_list *out);

/* The affected customers: those of the first customers field (e.g. the
 * lead details' customers_affected) that lists any. */
void report_customers(const struct config *config, const struct incident_record *record,
		      struct customer_list *out);

/* The report as a string. customer: NULL for the full report, else the
 * name (or security contact address) of an affected customer: then only
 * what concerns that customer, with what data of theirs may have been
 * disclosed, and other customers' names and addresses replaced.
 * STATUS_NOT_FOUND when no affected customer has that name. */
enum status report_render(const struct config *config, const struct incident *incident,
			  const struct incident_record *record, enum report_format format, const char *customer,
			  time_t now, char **out, struct error *err);

#endif
