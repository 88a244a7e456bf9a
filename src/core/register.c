/* The table of registers, and what the faces build from a kind's
 * description: its form, and a record from what was typed in it. */
#include "sirt/register.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/form.h"
#include "sirt/ioc.h"
#include "sirt/mem.h"

static char *ioc_line(const void *record)
{
	return ioc_summary(record);
}

static enum status ioc_add(struct store *store, const struct config *config, const struct incident *incident,
			   const void *record, const struct actor *who, time_t now, int64_t *number, struct error *err)
{
	(void)config;
	return incident_add_ioc(store, incident, record, who, now, number, err);
}

static enum status ioc_checks(const void *record, time_t now, const char **column, struct error *err)
{
	return ioc_check(record, now, column, err);
}

const struct register_def ioc_register = {
	.kind = &ioc_kind,
	.needs = CAN_RESPOND,
	.doing = "recording an indicator",
	.summary = ioc_line,
	.check = ioc_checks,
	.add = ioc_add,
	.withdraw = incident_withdraw_ioc,
	.find = ioc_find,
	.same_by = "value",
};

const struct register_def *const registers[REGISTER_COUNT] = {
#define REGISTER_DEF(id, def) &def,
	SIRT_REGISTERS(REGISTER_DEF)
#undef REGISTER_DEF
};

/* Every register, those the incident view shows its own way too. */
static const struct register_def *const every_register[] = {
	&ioc_register, &decision_register, &cost_register, &change_register, &call_register, &note_register, &witness_register,
	&evidence_register, &custody_register,
};

const struct register_def *register_find(const char *name)
{
	for (size_t i = 0; i < sizeof(every_register) / sizeof(every_register[0]); i++)
		if (strcmp(every_register[i]->kind->name, name) == 0)
			return every_register[i];
	return NULL;
}

enum status register_load(struct store *store, const struct register_def *reg, const struct incident *incident,
			  struct register_records *out, struct error *err)
{
	int64_t *numbers = NULL;
	struct strlist refs = {0};
	size_t k = 0;
	enum status st;

	memset(out, 0, sizeof(*out));
	if ((st = store_records_get(store, incident->id, reg->kind, &out->records, err)) ||
	    (reg->same_by &&
	     (st = store_records_elsewhere(store, reg->kind, reg->same_by, incident->id, &numbers, &refs, err)))) {
		register_records_free(reg, out);
		return st;
	}
	/* Both in the records' order: each record takes its run of pairs. */
	for (size_t i = 0; i < out->records.len; i++) {
		int64_t number = record_number(reg->kind, record_item(reg->kind, &out->records, i));
		struct strbuf others = {0};

		for (; k < refs.len && numbers[k] == number; k++)
			strbuf_printf(&others, "%s%s", others.len ? ", " : "", refs.items[k]);
		strlist_add_owned(&out->elsewhere, strbuf_take(&others));
	}
	free(numbers);
	strlist_free(&refs);
	return STATUS_OK;
}

void register_records_free(const struct register_def *reg, struct register_records *records)
{
	record_list_free(reg->kind, &records->records);
	strlist_free(&records->elsewhere);
}

const struct kind_column *register_asks(const struct register_def *reg, size_t *n, size_t *size)
{
	if (reg->asks) {
		*n = reg->nasks;
		*size = reg->asks_size;
		return reg->asks;
	}
	*n = reg->kind->ncolumns;
	*size = reg->kind->size;
	return reg->kind->columns;
}

struct form_def *register_form(const struct register_def *reg, const struct config *config)
{
	const struct record_kind *kind = reg->kind;
	struct form_def *form = xcalloc(1, sizeof(*form));
	size_t n, size;
	const struct kind_column *asks = register_asks(reg, &n, &size);

	form->key = xstrdup(kind->name);
	form->path = xstrdup("");
	form->title = xasprintf("New %s", kind->one);
	form->help = xstrdup("");
	form->fields = xcalloc(n, sizeof(*form->fields));
	for (size_t i = 0; i < n; i++) {
		const struct kind_column *c = &asks[i];
		const char *fallback = reg->plan_fallback ? reg->plan_fallback(config, c->name) : NULL;
		struct field_def *f;

		/* Set later by the kind's own rule (a decision), not typed. */
		if (c->later)
			continue;
		f = &form->fields[form->nfields++];

		f->key = xstrdup(c->name);
		f->label = xstrdup(c->label);
		f->help = xstrdup(c->help ? c->help : "");
		f->default_value = xstrdup(fallback ? fallback : c->fallback ? c->fallback : "");
		f->required = c->required;
		f->type = c->field != FIELD_TEXT ? c->field : c->choices ? FIELD_CHOICE : c->type == COLUMN_TIME ? FIELD_DATETIME :
			  c->multiline ? FIELD_MULTILINE : FIELD_TEXT;
		for (size_t k = 0; c->choices && c->choices[k]; k++)
			strlist_add(&f->choices, c->choices[k]);
	}
	return form;
}

void *register_typed_from_fields(const struct register_def *reg, const struct field_list *typed, const void *given)
{
	size_t n, size;
	const struct kind_column *asks = register_asks(reg, &n, &size);
	void *record = xcalloc(1, size);

	if (given)
		memcpy(record, given, size);
	for (size_t i = 0; i < n; i++) {
		const struct field_value *v = field_list_find(typed, reg->kind->name, asks[i].name);

		/* A form gives text: the text and time questions. */
		if (asks[i].type == COLUMN_TEXT || asks[i].type == COLUMN_TIME)
			*(char **)((char *)record + asks[i].offset) = v ? v->value : NULL;
	}
	return record;
}
