/* The shift handover brief, built from a store with a fixed clock: which
 * incidents it covers (a closed one only while a clock runs), what
 * "since" lets through, the most pressing first, the text's width, and
 * recording the handover (who may, and the next brief's since). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fresh_store.h"
#include "sirt/handover.h"
#include "sirt/incident.h"
#include "sirt/utf8.h"
#include "support.h"

#define NOW 1795356300 /* 2026-11-22T14:05:00Z */
#define HOUR 3600

static struct config *plan;
static struct actor responder = {.uid = 1002, .login = "bkilinc", .name = "Burak Kılınç"};
static struct actor reviewer = {.uid = 1003, .login = "rev", .name = "Rita Reviewer"};

static int load_plan(void **state)
{
	struct diag_list diags = {0};
	const char *path = write_file("handover.ini",
		"[sirt]\nhotline = +1 555 0100\n"
		"[categories]\ndata = Threat to sensitive data\n"
		"[deadline.regulator]\nparty = Regulator\nwithin = 24h\nwarn = 6h\nstarts = categorised\n"
		"[deadline.final]\nparty = Regulator (final)\nwithin = 72h\nstarts = categorised\n"
		"[roles]\nresponders = bkilinc\nreviewers = rev\n");

	(void)state;
	plan = config_load(path, false, &diags);
	for (size_t i = 0; i < diags.len; i++)
		fprintf(stderr, "%s\n", diag_format(&diags.items[i]));
	diag_list_free(&diags);
	return plan ? 0 : -1;
}

static int free_plan(void **state)
{
	(void)state;
	config_free(&plan);
	return 0;
}

static void reload(struct store *s, struct incident *in)
{
	struct error err = {0};
	char *ref = xstrdup(in->ref);

	incident_clear(in);
	assert_int_equal(store_incident_get(s, ref, in, &err), STATUS_OK);
	free(ref);
}

/* An incident logged at created, categorised at categorised (0: not). */
static void logged(struct store *s, const char *title, time_t created, time_t categorised, struct incident *out)
{
	struct error err = {0};

	assert_int_equal(store_incident_create(s, "IR", title, NULL, &responder, created, out, &err), STATUS_OK);
	if (categorised)
		assert_int_equal(store_category_set(s, out, "data", "Threat to sensitive data", "", &responder,
						    categorised, &err), STATUS_OK);
}

static void closed(struct store *s, struct incident *in, time_t at)
{
	struct error err = {0};

	reload(s, in);
	assert_int_equal(store_status_set(s, in, INCIDENT_CLOSED, "Closed", &responder, at, &err), STATUS_OK);
	reload(s, in);
}

static void told(struct store *s, struct incident *in, const char *rule, const char *party, time_t at)
{
	struct deadline_met met = {.rule = (char *)rule, .party = (char *)party, .how = (char *)"email",
				   .reference = (char *)"", .sent = (char *)""};
	struct error err = {0};

	assert_int_equal(store_deadline_met_add(s, in, &met, "told", &responder, at, &err), STATUS_OK);
}

static const struct handover_incident *find(const struct handover_brief *b, const char *ref)
{
	for (size_t i = 0; i < b->len; i++)
		if (strcmp(b->items[i].incident.ref, ref) == 0)
			return &b->items[i];
	return NULL;
}

/* Six incidents: A overdue 6h, E closed and overdue 2h, C due in 14h,
 * B due in 22h, D with no clock, F closed with every clock met. */
struct six {
	struct incident a, b, c, d, e, f;
};

static void six_logged(struct store *s, struct six *x)
{
	struct error err = {0};
	struct note note = {.kind = (char *)"log-review", .text = (char *)"exfil seen in the proxy log"};
	int64_t id;

	logged(s, "A overdue", NOW - 40 * HOUR, NOW - 30 * HOUR, &x->a);
	logged(s, "B due in 22h", NOW - 3 * HOUR, NOW - 2 * HOUR, &x->b);
	logged(s, "C due in 14h", NOW - 20 * HOUR, NOW - 10 * HOUR, &x->c);
	logged(s, "D no clock", NOW - 50 * HOUR, 0, &x->d);
	logged(s, "E closed, clock running", NOW - 40 * HOUR, NOW - 26 * HOUR, &x->e);
	logged(s, "F closed, told", NOW - 40 * HOUR, NOW - 30 * HOUR, &x->f);
	told(s, &x->f, "regulator", "Regulator", NOW - 29 * HOUR);
	told(s, &x->f, "final", "Regulator (final)", NOW - 28 * HOUR);
	closed(s, &x->e, NOW - 25 * HOUR);
	closed(s, &x->f, NOW - 25 * HOUR);
	assert_int_equal(store_note_add(s, &x->a, &note, "Note (log review): exfil", &responder, NOW - 30 * 60, &id,
					&err), STATUS_OK);
}

static void six_free(struct six *x)
{
	incident_clear(&x->a);
	incident_clear(&x->b);
	incident_clear(&x->c);
	incident_clear(&x->d);
	incident_clear(&x->e);
	incident_clear(&x->f);
}

static void closed_only_while_a_clock_runs(void **state)
{
	struct store *s = open_fresh("covers.db");
	struct handover_brief brief;
	struct error err = {0};
	struct six x;

	(void)state;
	six_logged(s, &x);
	assert_int_equal(handover_brief_build(s, plan, NOW, NULL, &brief, &err), STATUS_OK);
	assert_int_equal(brief.len, 5);
	assert_non_null(find(&brief, x.e.ref));
	assert_true(find(&brief, x.e.ref)->closed);
	assert_null(find(&brief, x.f.ref));
	/* Nothing to say: still one line. */
	assert_non_null(find(&brief, x.d.ref));
	handover_brief_free(&brief);
	six_free(&x);
	store_close(&s);
}

static void overdue_first_then_soonest_due(void **state)
{
	struct store *s = open_fresh("order.db");
	struct handover_brief brief;
	struct error err = {0};
	const struct handover_incident *b;
	struct six x;

	(void)state;
	six_logged(s, &x);
	assert_int_equal(handover_brief_build(s, plan, NOW, NULL, &brief, &err), STATUS_OK);
	assert_int_equal(brief.len, 5);
	assert_string_equal(brief.items[0].incident.ref, x.a.ref);
	assert_string_equal(brief.items[1].incident.ref, x.e.ref);
	assert_string_equal(brief.items[2].incident.ref, x.c.ref);
	assert_string_equal(brief.items[3].incident.ref, x.b.ref);
	assert_string_equal(brief.items[4].incident.ref, x.d.ref);
	/* A's 24-hour clock is overdue; its 72-hour one, due in 42h, is
	 * beyond the window: the next clock, not one of the clocks. */
	assert_int_equal(brief.items[0].nclocks, 1);
	assert_int_equal(brief.items[0].clocks[0]->state, DEADLINE_OVERDUE);
	assert_string_equal(brief.items[0].clocks[0]->rule->name, "regulator");
	assert_non_null(brief.items[0].next_later);
	assert_string_equal(brief.items[0].next_later->rule->name, "final");
	/* B: due in 22h is within the day. */
	b = find(&brief, x.b.ref);
	assert_int_equal(b->nclocks, 1);
	assert_int_equal(b->clocks[0]->due, NOW + 22 * HOUR);
	handover_brief_free(&brief);
	six_free(&x);
	store_close(&s);
}

static void since_filters_the_timeline(void **state)
{
	struct store *s = open_fresh("since.db");
	struct handover_brief brief;
	struct error err = {0};
	time_t since = NOW - HOUR;
	const struct handover_incident *a;
	struct six x;

	(void)state;
	six_logged(s, &x);
	assert_int_equal(handover_brief_build(s, plan, NOW, &since, &brief, &err), STATUS_OK);
	assert_int_equal(brief.source, HANDOVER_SINCE_GIVEN);
	a = find(&brief, x.a.ref);
	/* Logged 40h and 30h ago: before since. The note, 30 minutes ago: after. */
	assert_int_equal(a->nhappened, 1);
	assert_string_equal(a->happened[0]->summary, "Note (log review): exfil");
	assert_int_equal(a->nnotes, 1);
	assert_int_equal(find(&brief, x.d.ref)->nhappened, 0);
	assert_true(handover_incident_quiet(find(&brief, x.d.ref)));
	handover_brief_free(&brief);
	/* The default: a day before now, no handover being recorded. */
	assert_int_equal(handover_brief_build(s, plan, NOW, NULL, &brief, &err), STATUS_OK);
	assert_int_equal(brief.source, HANDOVER_SINCE_DEFAULT);
	assert_int_equal(brief.since, NOW - 24 * HOUR);
	/* E was closed 25 hours ago: before the day. */
	assert_int_equal(find(&brief, x.e.ref)->nhappened, 0);
	assert_int_equal(find(&brief, x.b.ref)->nhappened, 2);
	handover_brief_free(&brief);
	six_free(&x);
	store_close(&s);
}

/* Every row of the text and the Markdown within 80 columns, however
 * long what is stored; controls never get through. */
static void the_text_fits_80_columns(void **state)
{
	struct store *s = open_fresh("width.db");
	struct handover_brief brief;
	struct error err = {0};
	struct note note = {.kind = (char *)"other"};
	char long_text[1200];
	int64_t id;
	struct six x;

	(void)state;
	six_logged(s, &x);
	for (size_t i = 0; i < sizeof(long_text) - 1; i++)
		long_text[i] = i % 13 == 12 ? ' ' : i % 97 == 50 ? '\x1b' : (char)('a' + i % 26);
	long_text[sizeof(long_text) - 1] = '\0';
	note.text = long_text;
	assert_int_equal(store_note_add(s, &x.b, &note, long_text, &responder, NOW - 60, &id, &err), STATUS_OK);
	note.text = (char *)"<img src=x onerror=alert(1)>";
	assert_int_equal(store_note_add(s, &x.c, &note, "markup", &responder, NOW - 60, &id, &err), STATUS_OK);
	assert_int_equal(handover_brief_build(s, plan, NOW, NULL, &brief, &err), STATUS_OK);
	for (int md = 0; md < 2; md++) {
		char *text = handover_brief_render(&brief, md, 80), *line = text;

		assert_null(strchr(text, '\x1b'));
		/* Shown as ^[; in Markdown with its '[' escaped. */
		assert_non_null(strstr(text, md ? "^\\[" : "^["));
		assert_non_null(strstr(text, md ? "## IR-" : "IR-"));
		/* Markdown shows what was typed, not markup. */
		assert_non_null(strstr(text, md ? "\\<img src=x onerror=alert(1)\\>" : " <img src=x onerror=alert(1)>"));
		assert_non_null(strstr(text, "since 24 hours ago: no handover recorded"));
		while (*line) {
			char *end = strchr(line, '\n');

			*end = '\0';
			if (text_width(line) > 80)
				fail_msg("wider than 80 columns: %s", line);
			line = end + 1;
		}
		free(text);
	}
	handover_brief_free(&brief);
	six_free(&x);
	store_close(&s);
}

static void recorded_on_each_timeline_and_the_next_brief_runs_from_it(void **state)
{
	struct store *s = open_fresh("record.db");
	struct handover_brief brief;
	struct error err = {0};
	struct timeline tl;
	int64_t id = 0;
	struct six x;
	char *since;

	(void)state;
	six_logged(s, &x);
	assert_int_equal(handover_brief_build(s, plan, NOW, NULL, &brief, &err), STATUS_OK);
	/* A reviewer only reads. */
	assert_int_equal(handover_record(s, plan, &brief, "dana", NULL, &reviewer, NOW, &id, &err), STATUS_PERMISSION);
	assert_non_null(strstr(err.message, "responder"));
	assert_int_equal(handover_record(s, plan, &brief, "two words", NULL, &responder, NOW, &id, &err), STATUS_DATA);
	assert_int_equal(handover_record(s, plan, &brief, "dana", "the proxy", &responder, NOW, &id, &err), STATUS_OK);
	assert_true(id > 0);
	handover_brief_free(&brief);
	/* On the timeline of every incident covered, the closed E too; not F's. */
	assert_int_equal(store_timeline_get(s, x.e.id, &tl, &err), STATUS_OK);
	assert_string_equal(tl.items[tl.len - 1].summary, "Handed over from bkilinc to dana: the proxy");
	assert_string_equal(tl.items[tl.len - 1].kind, "handover");
	timeline_free(&tl);
	assert_int_equal(store_timeline_get(s, x.f.id, &tl, &err), STATUS_OK);
	assert_string_not_equal(tl.items[tl.len - 1].kind, "handover");
	timeline_free(&tl);
	/* The next brief runs from it, and says so. */
	assert_int_equal(handover_brief_build(s, plan, NOW + HOUR, NULL, &brief, &err), STATUS_OK);
	assert_int_equal(brief.source, HANDOVER_SINCE_LAST);
	assert_int_equal(brief.since, NOW);
	assert_string_equal(brief.last->to_login, "dana");
	assert_string_equal(brief.last->from_login, "bkilinc");
	since = handover_since_text(&brief);
	assert_string_equal(since, "since the last handover, from bkilinc to dana at 2026-11-22 14:05 UTC");
	free(since);
	/* Its own line is not news. */
	assert_int_equal(find(&brief, x.a.ref)->nhappened, 0);
	handover_brief_free(&brief);
	six_free(&x);
	store_close(&s);
}

/* The restoration list is in the brief once restoration has begun: the
 * steps of it still open, in its order. */
static void restoration_once_begun(void **state)
{
	struct store *s = open_fresh("restore.db");
	const struct procedure_def *list = plan->restoration;
	struct handover_brief brief;
	struct error err = {0};
	struct incident in;

	(void)state;
	assert_non_null(list);
	assert_true(list->nsteps >= 3);
	logged(s, "Restoring", NOW - 5 * HOUR, 0, &in);
	assert_int_equal(handover_brief_build(s, plan, NOW, NULL, &brief, &err), STATUS_OK);
	assert_int_equal(brief.items[0].restoration_open.len, 0);
	handover_brief_free(&brief);
	assert_int_equal(incident_mark_step(s, plan, &in, list->steps[1].key, STEP_DONE, "", -1, &responder,
					    NOW - HOUR, &err), STATUS_OK);
	assert_int_equal(handover_brief_build(s, plan, NOW, NULL, &brief, &err), STATUS_OK);
	assert_int_equal(brief.items[0].restoration_open.len, list->nsteps - 1);
	assert_string_equal(brief.items[0].restoration_open.items[0], list->steps[0].title);
	assert_string_equal(brief.items[0].restoration_open.items[1], list->steps[2].title);
	handover_brief_free(&brief);
	incident_clear(&in);
	store_close(&s);
}

/* A regime's stage is named with its title, so that the brief says which
 * stage is next, not only who is told; a plan's own rule by its name. */
static void a_stage_is_named_with_its_title(void **state)
{
	struct regime nis2 = {.name = "nis2", .title = "NIS2"};
	struct deadline_rule stage = {.name = "nis2.early-warning", .title = "Early warning", .regime = &nis2};
	struct deadline_rule own = {.name = "regulator", .title = ""};
	struct deadline d = {.rule = &stage, .party = "CSIRT", .due = NOW + 2 * HOUR, .state = DEADLINE_OPEN};
	char *text;

	(void)state;
	text = handover_clock_text(&d, NOW);
	assert_non_null(strstr(text, "CSIRT (nis2.early-warning, Early warning), due "));
	free(text);
	d.rule = &own;
	text = handover_clock_text(&d, NOW);
	assert_non_null(strstr(text, "CSIRT (regulator), due "));
	free(text);
}

/* With no incident to hand over, the brief says so, and not "0
 * incidents, most pressing first". */
static void nothing_to_hand_over(void **state)
{
	struct store *s = open_fresh("empty.db");
	struct handover_brief brief;
	struct error err = {0};
	char *text;

	(void)state;
	assert_int_equal(handover_brief_build(s, plan, NOW, NULL, &brief, &err), STATUS_OK);
	text = handover_brief_render(&brief, false, 80);
	assert_null(strstr(text, "0 incidents"));
	assert_non_null(strstr(text, "no handover recorded"));
	assert_non_null(strstr(text, "No open incident"));
	free(text);
	handover_brief_free(&brief);
	store_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(closed_only_while_a_clock_runs),
		cmocka_unit_test(overdue_first_then_soonest_due),
		cmocka_unit_test(since_filters_the_timeline),
		cmocka_unit_test(the_text_fits_80_columns),
		cmocka_unit_test(restoration_once_begun),
		cmocka_unit_test(a_stage_is_named_with_its_title),
		cmocka_unit_test(nothing_to_hand_over),
		cmocka_unit_test(recorded_on_each_timeline_and_the_next_brief_runs_from_it),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, load_plan, free_plan);
}
