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

/* Those of report_customers, each with the other names and domains the
 * plan's [customers] give it, then the plan's other customers: everyone
 * a customer's report must not name but its reader. */
void report_customers_known(const struct config *config, const struct incident_record *record,
			    struct customer_list *out);
/* Which of the first listed customers name is (its name however spelt,
 * or its security address); false for none. */
bool report_customer_find(const struct customer_list *customers, size_t listed, const char *name, size_t *index);
/* Whether a deadline's party is customer c (by name however spelt, or address). */
bool report_party_is(const char *party, const struct customer *c);

/* A customer's own report form: what happened in words for them, their
 * data that may have been disclosed, what they should do. Built in, it
 * is stored per incident and customer, under the form key
 * report_customer_form_key gives ("customer.contoso-ltd-1a2b3c4d": the
 * name folded, and a hash of it). Free with form_def_free. */
#define REPORT_CUSTOMER_FORM "customer"
struct form_def *report_customer_form_new(const char *name);
char *report_customer_form_key(const char *name);

/* What in customer's report still looks like another customer (a
 * capitalised word sequence that shares a word with another customer's
 * name, a domain that shares a label with one), each once, into out:
 * what the operator must confirm before it is written or shown. */
enum status report_customer_suspects(const struct config *config, const struct incident *incident,
				     const struct incident_record *record, const char *customer, time_t now,
				     struct strlist *out, struct error *err);

/* The report as a string. customer: NULL for the full report, else the
 * name (or security contact address) of an affected customer: then their
 * own report (their form, what was done as [report] customer_includes
 * lets them read it, the indicators TLP lets go to them, their
 * notification), every other customer's name, alias and domain replaced.
 * STATUS_NOT_FOUND when no affected customer has that name. */
enum status report_render(const struct config *config, const struct incident *incident,
			  const struct incident_record *record, enum report_format format, const char *customer,
			  time_t now, char **out, struct error *err);

#endif
