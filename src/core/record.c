/* Loading the whole record of an incident. */
#include "sirt/record.h"

#include <string.h>

enum status incident_record_load(struct store *store, const struct config *config, const struct incident *incident,
				 time_t now, struct incident_record *r, struct error *err)
{
	enum status st;
	int64_t id = incident->id;

	memset(r, 0, sizeof(*r));
	if ((st = store_fields_get(store, id, &r->fields, err)) ||
	    (st = store_choices_get(store, id, &r->choices, err)) ||
	    (st = store_steps_get(store, id, &r->steps, err)) ||
	    (st = store_calls_get(store, id, &r->calls, err)) ||
	    (st = store_changes_get(store, id, &r->changes, err)) ||
	    (st = store_notes_get(store, id, &r->notes, err)) ||
	    (st = store_witnesses_get(store, id, &r->witnesses, err)) ||
	    (st = store_evidence_get(store, id, &r->evidence, err)) ||
	    (st = incident_deadlines(store, config, incident, now, &r->deadlines, &r->met, err)) ||
	    (st = store_costs_get(store, id, &r->costs, err)) ||
	    (st = store_timeline_get(store, id, &r->timeline, err)) ||
	    (st = store_incident_imported(store, id, &r->imported, err))) {
		incident_record_free(r);
		return st;
	}
	for (size_t i = 0; i < REGISTER_COUNT; i++)
		if ((st = register_load(store, registers[i], incident, &r->registers[i], err))) {
			incident_record_free(r);
			return st;
		}
	return STATUS_OK;
}

struct decision_list incident_record_decisions(const struct incident_record *r)
{
	const struct record_list *list = &r->registers[REGISTER_DECISION].records;

	return (struct decision_list){.items = list->items, .len = list->len, .cap = list->cap};
}

void incident_record_free(struct incident_record *r)
{
	field_list_free(&r->fields);
	choice_list_free(&r->choices);
	step_list_free(&r->steps);
	call_list_free(&r->calls);
	change_list_free(&r->changes);
	note_list_free(&r->notes);
	witness_list_free(&r->witnesses);
	evidence_register_free(&r->evidence);
	deadline_list_free(&r->deadlines);
	deadline_met_list_free(&r->met);
	cost_list_free(&r->costs);
	for (size_t i = 0; i < REGISTER_COUNT; i++)
		register_records_free(registers[i], &r->registers[i]);
	timeline_free(&r->timeline);
	provenance_free(&r->imported);
}
