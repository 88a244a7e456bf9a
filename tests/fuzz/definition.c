/* Fuzz target: loading a form (form_def_load) or a procedure
 * (procedure_def_load) file, src/config/form.c and procedure.c. Input:
 * one byte (even: a form, odd: a procedure), then the file. Properties:
 * a refused file says why, every problem names a line of the file, and a
 * file with no problem gives what screens rely on: unique, valid keys,
 * labels and titles, choice fields with two choices or more, defaults
 * among the values a field takes, byte limits in range. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sirt/formdef.h"
#include "sirt/proceduredef.h"

static void check_form(const struct form_def *form)
{
	FUZZ_CHECK(form->nfields > 0 && form->title[0], "a form without fields or title");
	for (size_t i = 0; i < form->nfields; i++) {
		const struct field_def *f = &form->fields[i];

		FUZZ_CHECK(definition_key_valid(f->key) && f->label[0], "field \"%s\"", f->key);
		FUZZ_CHECK(form_def_field(form, f->key) == f, "field \"%s\" twice", f->key);
		FUZZ_CHECK(f->max_length <= 100000, "field \"%s\" max %zu", f->key, f->max_length);
		if (f->type == FIELD_CHOICE || f->type == FIELD_YESNO)
			FUZZ_CHECK(f->choices.len >= 2, "field \"%s\" has %zu choices", f->key, f->choices.len);
		if (f->default_value[0] && (f->type == FIELD_CHOICE || f->type == FIELD_YESNO))
			FUZZ_CHECK(strlist_find(&f->choices, f->default_value) >= 0, "field \"%s\" default \"%s\"", f->key,
				   f->default_value);
		for (size_t k = 0; k < f->from.len; k++)
			FUZZ_CHECK(f->from.items[k][0] == '@' ? prefill_source_label(f->from.items[k]) != NULL :
								definition_key_valid(f->from.items[k]),
				   "field \"%s\" from \"%s\"", f->key, f->from.items[k]);
	}
}

static void check_procedure(const struct procedure_def *proc)
{
	FUZZ_CHECK(proc->nsteps > 0 && proc->title[0], "a procedure without steps or title");
	for (size_t i = 0; i < proc->nsteps; i++) {
		const struct step_def *step = &proc->steps[i];

		FUZZ_CHECK(definition_key_valid(step->key) && step->title[0], "step \"%s\"", step->key);
		FUZZ_CHECK(procedure_def_step(proc, step->key) == step, "step \"%s\" twice", step->key);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags = {0};
	const char *path;
	bool is_form;

	if (size < 1)
		return 0;
	is_form = !(data[0] & 1);
	path = fuzz_write(is_form ? "form.ini" : "procedure.ini", data + 1, size - 1);
	if (is_form) {
		struct form_def *form = form_def_load(path, &diags);

		if (!form)
			FUZZ_CHECK(diags.len > 0, "the form was refused without a reason");
		else if (diags.len == 0)
			check_form(form);
		form_def_free(&form);
	} else {
		struct procedure_def *proc = procedure_def_load(path, &diags);

		if (!proc)
			FUZZ_CHECK(diags.len > 0, "the procedure was refused without a reason");
		else if (diags.len == 0)
			check_procedure(proc);
		procedure_def_free(&proc);
	}
	fuzz_check_diags(&diags, path, data + 1, size - 1);
	diag_list_free(&diags);
	return 0;
}
