/* Config, form and procedure checking: every problem sirt check reports,
 * word for word, with its file and line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sirt/config.h"
#include "support.h"

/* A valid config around `extra`, using the sample forms and procedures. */
static const char *config_with(const char *name, const char *extra, const char *categories)
{
	static char text[8192];

	snprintf(text, sizeof(text),
		 "[sirt]\n"
		 "hotline = +1 555 0100\n"
		 "forms = %s/forms\n"
		 "procedures = %s/data/procedures\n"
		 "%s"
		 "[categories]\n"
		 "%s",
		 source_dir(), source_dir(), extra, categories);
	return write_file(name, text);
}

/* text with the scratch directory replaced by "T", to keep
 * expectations short. */
static char *shorter(const char *text)
{
	struct strbuf out = {0};
	const char *p = text, *at;
	size_t n = strlen(scratch());

	while ((at = strstr(p, scratch()))) {
		strbuf_add(&out, p, (size_t)(at - p));
		strbuf_putc(&out, 'T');
		p = at + n;
	}
	strbuf_puts(&out, p);
	return strbuf_take(&out);
}

/* Every diagnostic as a "file:line: message" line, shorter. */
static char *diag_text(const struct diag_list *diags)
{
	struct strbuf out = {0};

	for (size_t i = 0; i < diags->len; i++) {
		char *line = diag_format(&diags->items[i]);
		char *short_line = shorter(line);

		strbuf_printf(&out, "%s\n", short_line);
		free(short_line);
		free(line);
	}
	return strbuf_take(&out);
}

/* Loads path and returns every diagnostic (diag_text). */
static char *check(const char *path, bool *loaded)
{
	struct diag_list diags = {0};
	struct config *c = config_load(path, false, &diags);
	char *text = diag_text(&diags);

	*loaded = c != NULL;
	config_free(&c);
	diag_list_free(&diags);
	return text;
}

static void expect(const char *path, const char *expected)
{
	bool loaded;
	char *got = check(path, &loaded);

	assert_string_equal(got, expected);
	assert_false(loaded);
	free(got);
}

static void sample_plan_loads(void **state)
{
	char *path = xasprintf("%s/data/plan-a.ini", source_dir());
	bool loaded;
	char *got = check(path, &loaded);
	struct diag_list diags = {0};
	struct config *c;

	(void)state;
	assert_string_equal(got, "");
	assert_true(loaded);
	c = config_load(path, true, &diags);
	assert_non_null(c);
	assert_int_equal(c->ncategories, 4);
	assert_string_equal(c->categories[0].key, "life");
	assert_string_equal(c->categories[3].label, "Disruption of services");
	assert_int_equal(c->nprocedures, 10);
	assert_string_equal(c->procedures[0]->key, "worm");
	assert_string_equal(c->procedures[9]->key, "spyware");
	assert_int_equal(c->escalation.len, 4);
	assert_string_equal(c->contacts[0].name, "Burak Kılınç");
	/* A roster member may have no phone (R1). */
	assert_string_equal(config_contact(c, "netops")->phone, "");
	assert_string_equal(c->hotline, "+1 555 0100");
	assert_int_equal(c->intake->nfields, 9);
	assert_int_equal(c->triage->nfields, 10);
	config_free(&c);
	free(got);
	free(path);
}

static void syntax_error(void **state)
{
	(void)state;
	expect(config_with("syntax.ini", "this line has no equals sign\n", "a = A\n"),
	       "T/syntax.ini:5: syntax error: expected \"key = value\", \"[section]\" or a comment\n");
}

static void evidence_store_must_be_absolute(void **state)
{
	(void)state;
	expect(config_with("evidence.ini", "[evidence]\nstore = evidence\n", "a = A\n"),
	       "T/evidence.ini:6: [evidence] store evidence is not an absolute path: it would be taken from the "
	       "directory sirt is started in (give the whole path)\n");
	expect(config_with("evidence2.ini", "[evidence]\nstroe = /srv/evidence\n", "a = A\n"),
	       "T/evidence2.ini:6: unknown key \"stroe\" in [evidence] (known keys: store)\n");
}

static void unknown_key_and_section(void **state)
{
	(void)state;
	expect(config_with("unknown.ini", "hotlien = +1 555 0199\n[extra]\nx = 1\n", "a = A\n"),
	       "T/unknown.ini:5: unknown key \"hotlien\" in [sirt] (known keys: organisation, hotline, "
	       "hotline_label, ref_prefix, forms, procedures, restoration, currency, timezone, regimes)\n"
	       "T/unknown.ini:6: unknown section [extra] (known: [sirt], [store], [evidence], [forms], [categories], [procedures], "
	       "[escalation], [roles], [customers], [report], [calendar], [contact.ID], [deadline.NAME])\n");
}

static void duplicate_key_and_section(void **state)
{
	(void)state;
	expect(config_with("dup.ini", "Hotline = +1 555 0199\n", "a = A\nb = B\n[categories]\nc = C\n"),
	       "T/dup.ini:5: duplicate key \"hotline\" in [sirt] (first at line 2); only one value would be kept\n"
	       "T/dup.ini:9: duplicate section [categories] (first at line 6)\n");
}

static void value_cut_at_comment_character(void **state)
{
	(void)state;
	expect(config_with("cut.ini", "organisation = Security; Office\n", "a = A # the first\n"),
	       "T/cut.ini:5: value of \"organisation\" is cut at an unquoted ';'; put the value in double quotes\n"
	       "T/cut.ini:7: value of \"a\" is cut at an unquoted '#'; put the value in double quotes\n");
}

/* Found by the ini fuzz target, comparing sirt's scan with what
 * iniparser reads: each of these lines iniparser reads otherwise than it
 * says ([a]b] is [a], keys after [] land in the section before, "x:y"
 * meets [x] y, a quoted value ends at its second quote). */
static void lines_iniparser_would_misread(void **state)
{
	(void)state;
	expect(config_with("misread.ini", "organisation = \"Acme\" Security Office\nhotline_label = 'Desk\n[a]b]\n[]\n[x:y]\n",
			   "a = A\n"),
	       "T/misread.ini:5: value of \"organisation\" ends at the second \", and \"Security Office\" after it would be "
	       "lost; a quoted value cannot hold its own quote (use the other kind around it)\n"
	       "T/misread.ini:6: value of \"hotline_label\" has no closing '; end it with one\n"
	       "T/misread.ini:7: section name [a]b] holds ']', which iniparser cannot read in a name; rename the section\n"
	       "T/misread.ini:8: a section needs a name between '[' and ']'\n"
	       "T/misread.ini:9: section name [x:y] holds ':', which iniparser cannot read in a name; rename the section\n");
}

/* Found by the ini fuzz target: iniparser drops a last line ending in
 * a backslash (it waits for a line to join it with), and the scan read
 * it as a section of its own. */
static void last_line_continued(void **state)
{
	(void)state;
	expect(write_file("tail.ini", "[sirt]\nhotline = 1\n[categories]\na = A\n[escalation]\\"),
	       "T/tail.ini:5: the last line ends in a backslash, which joins it to a next line that is not there; "
	       "iniparser would drop it (remove the backslash)\n");
}

static void quoted_value_is_kept_whole(void **state)
{
	const char *path = config_with("quoted.ini", "organisation = \"Security; Office #1\"\n", "a = A\n");
	struct diag_list diags = {0};
	struct config *c = config_load(path, false, &diags);

	(void)state;
	assert_int_equal(diags.len, 0);
	assert_non_null(c);
	assert_string_equal(c->organisation, "Security; Office #1");
	config_free(&c);
}

static void line_too_long(void **state)
{
	char extra[1200];

	(void)state;
	memset(extra, 'x', sizeof(extra));
	memcpy(extra, "organisation = ", 15);
	extra[1100] = '\n';
	extra[1101] = '\0';
	expect(config_with("long.ini", extra, "a = A\n"),
	       "T/long.ini:5: line is 1100 bytes long; iniparser reads at most 1022 (shorten it)\n");
}

static void empty_category_list(void **state)
{
	(void)state;
	expect(config_with("nocat.ini", "", ""),
	       "T/nocat.ini:5: the category list is empty; list the categories under [categories], highest first\n");
}

static void key_outside_section(void **state)
{
	const char *path = write_file("outside.ini", "hotline = 1\n[categories]\na = A\n");

	(void)state;
	/* Also missing [sirt] hotline, so that is reported too. */
	expect(path, "T/outside.ini:1: key \"hotline\" is outside any section; put it under a [section]\n"
		     "T/outside.ini: [sirt] needs a value for \"hotline\"\n");
}

static void escalation_names_unknown_contact(void **state)
{
	(void)state;
	expect(config_with("esc.ini", "[escalation]\norder = ana, bob\n[contact.ana]\nname = Ana\n", "a = A\n"),
	       "T/esc.ini:6: escalation order names \"bob\", but there is no [contact.bob] section\n");
}

static void unreadable_file(void **state)
{
	char *path = xasprintf("%s/does-not-exist.ini", scratch());

	(void)state;
	expect(path, "T/does-not-exist.ini: cannot read: No such file or directory\n");
	free(path);
}

/* A forms directory of our own: the sample forms plus a broken one. */
static const char *forms_dir_with_bad_type(void)
{
	char *cmd = xasprintf("mkdir -p %s/forms && cd %s/forms && cp triage.ini lead.ini report.ini review.ini %s/forms/",
			      scratch(), source_dir(), scratch());

	assert_int_equal(system(cmd), 0);
	free(cmd);
	write_file("forms/intake.ini",
		   "[form]\ntitle = Intake\n"
		   "[field.caller_name]\nlabel = Caller\n"
		   "[field.call_time]\nlabel = When\ntype = datetime\ndefault = today\n"
		   "[field.caller_contact]\nlabel = Contact\n"
		   "[field.nature]\nlabel = Nature\ntype = essay\n"
		   "[field.involved]\nlabel = Involved\n"
		   "[field.location]\nlabel = Location\n"
		   "[field.detected_how]\nlabel = How\n"
		   "[field.first_noticed]\nlabel = First\ntype = datetime\n"
		   "[field.title]\nlabel = Title\ncolour = red\n");
	return scratch();
}

static void form_field_of_unknown_type(void **state)
{
	char *extra;

	(void)state;
	extra = xasprintf("forms = %s/forms\n", forms_dir_with_bad_type());
	{
		char *text = xasprintf("[sirt]\nhotline = 1\nprocedures = %s/data/procedures\n%s[categories]\na = A\n",
				       source_dir(), extra);
		expect(write_file("badform.ini", text),
		       "T/forms/intake.ini:8: default \"today\" of field \"call_time\" is not one of its values (a datetime "
		       "field's default can only be now)\n"
		       "T/forms/intake.ini:13: field \"nature\" has unknown type \"essay\" (known types: text, multiline, "
		       "datetime, choice, yesno, person, host, ip, customers, email, phone, number, money)\n"
		       "T/forms/intake.ini:25: unknown key \"colour\" in [field.title] (known keys: label, type, required, "
		       "help, choices, default, note, max, from)\n");
		free(text);
	}
	free(extra);
}

static void procedure_without_steps(void **state)
{
	char *text;

	(void)state;
	{
		char *cmd = xasprintf("mkdir -p %s/procs", scratch());
		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
	write_file("procs/empty.ini", "[procedure]\ntitle = Empty\n");
	write_file("procs/odd.ini", "[procedure]\ntitle = Odd\n[stage.one]\ntitle = One\n[step.two]\nhelp = no title\n");
	text = xasprintf("[sirt]\nhotline = 1\nforms = %s/forms\nprocedures = procs\n[categories]\na = A\n", source_dir());
	expect(write_file("noproc.ini", text),
	       "T/procs/empty.ini: procedure \"empty\" has no steps; add [step.KEY] sections with a title\n"
	       "T/procs/odd.ini:3: unknown section [stage.one] (a procedure has [procedure] and [step.KEY] sections)\n"
	       "T/procs/odd.ini:5: [step.two] needs a value for \"title\"\n");
	free(text);
}

static void listed_procedure_missing(void **state)
{
	char *expected = xasprintf("T/missing.ini:6: procedure \"nosuch\" is listed, but "
				   "%s/data/procedures/nosuch.ini does not exist\n"
				   "T/missing.ini:6: procedure \"worm\" is listed twice\n", source_dir());

	(void)state;
	expect(config_with("missing.ini", "[procedures]\norder = worm, nosuch, worm\n", "a = A\n"), expected);
	free(expected);
}

static void forms_directory_missing_is_reported_at_its_line(void **state)
{
	const char *path = write_file("nodir.ini", "[sirt]\nhotline = 1\nforms = nowhere\n[categories]\na = A\n");

	(void)state;
	(void)path;
	expect(path, "T/nodir.ini:3: the forms directory T/nowhere does not exist (a relative path is taken from the "
		     "directory of the file that sets it)\n");
}

static void list_with_an_empty_item(void **state)
{
	(void)state;
	expect(config_with("comma.ini", "[procedures]\norder = worm,,virus\n", "a = A\n"),
	       "T/comma.ini:6: the list in \"order\" has an empty item; remove the extra comma\n");
}

static void byte_order_mark(void **state)
{
	(void)state;
	expect(write_file("bom.ini", "\xef\xbb\xbf[sirt]\nhotline = 1\n[categories]\na = A\n"),
	       "T/bom.ini:1: the file starts with a byte-order mark, which iniparser reads as text; save it as UTF-8 "
	       "without one\n");
}

static void copy_of_the_sample_works_anywhere(void **state)
{
	char *cmd = xasprintf("cp %s/data/plan-a.ini %s/copied.ini", source_dir(), scratch());
	char *path = xasprintf("%s/copied.ini", scratch());
	struct diag_list diags = {0};
	struct config *c;

	(void)state;
	assert_int_equal(system(cmd), 0);
	c = config_load(path, false, &diags);
	assert_int_equal(diags.len, 0);
	assert_non_null(c);
	assert_int_equal(c->nprocedures, 10);
	config_free(&c);
	free(path);
	free(cmd);
}

static void restoration_list_of_plan_b_and_a_bad_needs(void **state)
{
	char *text = xasprintf("[sirt]\nhotline = 1\nrestoration = %s/data/restoration/plan-b.ini\n[categories]\na = A\n",
			       source_dir());
	struct diag_list diags = {0};
	struct config *cfg = config_load(write_file("planb-restore.ini", text), false, &diags);

	(void)state;
	assert_int_equal(diags.len, 0);
	assert_non_null(cfg);
	assert_string_equal(cfg->restoration->title, "Restoration (plan B)");
	assert_true(procedure_def_step(cfg->restoration, "restoration.rebuild")->needs_approved_change);
	config_free(&cfg);
	free(text);
	write_file("badneeds.ini", "[procedure]\ntitle = R\n[step.one]\ntitle = One\nneeds = approval\n");
	text = xasprintf("[sirt]\nhotline = 1\nrestoration = badneeds.ini\n[categories]\na = A\n");
	expect(write_file("needs.ini", text),
	       "T/badneeds.ini:5: \"needs\" of step \"one\" can only be approved-change, not \"approval\"\n");
	free(text);
}

static void plan_b_categories_from_config_alone(void **state)
{
	const char *path = config_with("planb.ini", "[procedures]\norder = system-failure, active-intrusion, "
				       "inactive-intrusion, system-abuse, website-dos, database-dos\n",
				       "data = Threat to sensitive data\nsystems = Threat to computer systems\n"
				       "services = Disruption of services\n");
	struct diag_list diags = {0};
	struct config *c = config_load(path, false, &diags);

	(void)state;
	assert_int_equal(diags.len, 0);
	assert_non_null(c);
	assert_int_equal(c->ncategories, 3);
	assert_int_equal(c->nprocedures, 6);
	assert_string_equal(c->procedures[0]->title, "System failure");
	config_free(&c);
}

/* Both sample plans come with sirt and load as they are (R9, R10, R16,
 * R19-R21 by configuration alone). */
static void both_sample_plans_load(void **state)
{
	char *a = xasprintf("%s/data/plan-a.ini", source_dir()), *b = xasprintf("%s/data/plan-b.ini", source_dir());
	struct diag_list diags = {0};
	struct config *ca = config_load(a, true, &diags), *cb = config_load(b, false, &diags);

	(void)state;
	assert_int_equal(diags.len, 0);
	assert_non_null(ca);
	assert_non_null(cb);
	assert_int_equal(ca->ncategories, 4);
	assert_int_equal(ca->nprocedures, 10);
	assert_non_null(config_deadline(ca, "cloud-provider"));
	assert_int_equal(cb->ncategories, 3);
	assert_string_equal(cb->categories[0].label, "Threat to sensitive data");
	assert_int_equal(cb->nprocedures, 6);
	assert_string_equal(cb->restoration->title, "Restoration (plan B)");
	assert_null(config_deadline(cb, "cloud-provider"));
	assert_string_equal(config_deadline(cb, "customer-report")->per, "customers_affected");
	/* Days are counted on the calendar: no fixed number of seconds. */
	assert_int_equal(config_deadline(cb, "customer-report")->span.n, 14);
	assert_int_equal(config_deadline(cb, "customer-report")->span.unit, SPAN_DAYS);
	assert_int_equal(config_deadline(cb, "customer-report")->within, 0);
	assert_string_equal(cb->ref_prefix, "SEC");
	/* The five forms, each under its own name. */
	for (size_t i = 0; i < 5; i++)
		assert_non_null(cb->forms[i]);
	assert_null(cb->forms[5]);
	assert_string_equal(config_form(cb, "review")->key, "review");
	assert_non_null(form_def_field(cb->report, "data_disclosed"));
	assert_string_equal(cb->currency, "USD");
	config_free(&ca);
	config_free(&cb);
	free(a);
	free(b);
}

static void one_form_from_a_file_of_its_own(void **state)
{
	const char *path;
	struct diag_list diags = {0};
	struct config *c;

	(void)state;
	write_file("short-review.ini", "[form]\ntitle = Short review\n[field.lessons]\nlabel = Lessons\n"
				       "type = multiline\nrequired = yes\n");
	path = config_with("own-review.ini", "[forms]\nreview = short-review.ini\n", "a = A\n");
	c = config_load(path, false, &diags);
	assert_int_equal(diags.len, 0);
	assert_non_null(c);
	/* Filed under "review" whatever the file is called. */
	assert_string_equal(c->review->key, "review");
	assert_string_equal(c->review->title, "Short review");
	assert_int_equal(c->review->nfields, 1);
	assert_int_equal(c->report->nfields, 8);	/* the others as before */
	config_free(&c);
	expect(config_with("no-review.ini", "[forms]\nreview = nosuch.ini\n", "a = A\n"),
	       "T/no-review.ini:6: the review form T/nosuch.ini does not exist (a relative path is taken from the "
	       "directory of the file that sets it)\n");
	expect(config_with("odd-form.ini", "[forms]\nsummary = x.ini\n", "a = A\n"),
	       "T/odd-form.ini:6: unknown key \"summary\" in [forms] (known keys: intake, lead, triage, report, review)\n");
}

static void report_fields_checked_across_forms(void **state)
{
	(void)state;
	write_file("bad-report.ini",
		   "[form]\ntitle = Report\n"
		   "[field.how_discovered]\nlabel = How\nfrom = detected_how, nosuch_field\n"
		   "[field.category]\nlabel = Category\nfrom = @category, @weather\n"
		   "[field.how_occurred]\nlabel = Occurred\n"
		   "[field.attack_origin]\nlabel = Origin\n"
		   "[field.response_plan]\nlabel = Plan\n"
		   "[field.effective]\nlabel = Effective\n"
		   "[field.severity]\nlabel = Severity again\n");
	expect(config_with("usd.ini", "currency = usd\n", "a = A\n"),
	       "T/usd.ini:5: currency must be a code of ISO 4217 in capitals, such as USD or EUR, not \"usd\"\n");
	/* Within the form, then across forms: every problem at once. */
	expect(config_with("bad-report-plan.ini", "[forms]\nreport = bad-report.ini\n", "a = A\n"),
	       "T/bad-report.ini:8: \"@weather\" in \"from\" of field \"category\" is neither a field key nor one of "
	       PREFILL_SOURCES "\n"
	       "T/bad-report.ini: the report form needs a field \"actions_taken\" ([field.actions_taken])\n"
	       "T/bad-report.ini:5: \"nosuch_field\" in \"from\" of field \"how_discovered\" is not a field of the "
	       "intake, lead or triage form\n"
	       "T/bad-report.ini:17: field \"severity\" is in the lead form already: a key may be in one form only\n");
}

static void roles_by_login(void **state)
{
	(void)state;
	expect(config_with("roles.ini", "[roles]\nleads = ana, bo b\ndefault = boss\nchiefs = x\n", "a = A\n"),
	       "T/roles.ini:8: unknown key \"chiefs\" in [roles] (known keys: operators, responders, leads, managers, "
	       "reviewers, importers, default)\n"
	       "T/roles.ini:6: \"bo b\" is not a login: separate the logins of [roles] leads with commas\n"
	       "T/roles.ini:7: default role \"boss\" is none of operator, responder, lead, manager, reviewer\n");
}


/* Layers: the files named, in order, the first nsystem the machine's. */
static struct config *load_layers(size_t nsystem, const char *const files[], char **problems)
{
	struct config_layers layers = {.nsystem = nsystem};
	struct diag_list diags = {0};
	struct config *c;

	for (size_t i = 0; files[i]; i++)
		strlist_add(&layers.files, files[i]);
	c = config_load_layers(&layers, &diags);
	*problems = diag_text(&diags);
	diag_list_free(&diags);
	config_layers_free(&layers);
	return c;
}

/* The setting of section and key: its value, and where it came from as
 * "NAME:LINE" (the file's base name). */
static char *origin(const struct config *c, const char *section, const char *key)
{
	const struct ini_entry *e = ini_entry(c->settings, section, key);

	return e ? xasprintf("%s = %s at %s:%d", key, e->value, strrchr(e->file, '/') + 1, e->line) : xstrdup("unset");
}

static void expect_origin(const struct config *c, const char *section, const char *key, const char *expected)
{
	char *got = origin(c, section, key);

	assert_string_equal(got, expected);
	free(got);
}

/* A layer overrides the keys it names and nothing else; a later layer
 * wins over an earlier one; every value keeps its file and line. */
static void layers_override_only_the_keys_they_name(void **state)
{
	char *base = xstrdup(config_with("base.ini",
					 "organisation = Example Base Office\nref_prefix = IR\n"
					 "[roles]\nleads = ana\nmanagers = jo\ndefault = reviewer\n",
					 "life = Life\ndata = Data\n"));
	char *org = xstrdup(write_file("10-org.ini", "[sirt]\norganisation = Example Layered Office\n"));
	char *org2 = xstrdup(write_file("20-org.ini", "; later in name order\n[sirt]\norganisation = Example Later Office\n"
					    "[categories]\ndata = Threat to sensitive data\nsystems = Systems\n"));
	char *user = xstrdup(write_file("user.ini", "[roles]\nleads = bo\n[sirt]\nhotline = +1 555 0199\n"));
	const char *files[] = {base, org, org2, user, NULL};
	char *problems;
	struct config *c = load_layers(3, files, &problems);

	(void)state;
	assert_string_equal(problems, "");
	assert_non_null(c);
	assert_string_equal(c->organisation, "Example Later Office");
	assert_string_equal(c->hotline, "+1 555 0199");
	assert_string_equal(c->ref_prefix, "IR");
	expect_origin(c, "sirt", "organisation", "organisation = Example Later Office at 20-org.ini:3");
	expect_origin(c, "sirt", "hotline", "hotline = +1 555 0199 at user.ini:4");
	expect_origin(c, "sirt", "ref_prefix", "ref_prefix = IR at base.ini:6");
	/* One role replaced, the others kept. */
	assert_int_equal(c->roles[ROLE_LEAD].len, 1);
	assert_string_equal(c->roles[ROLE_LEAD].items[0], "bo");
	assert_string_equal(c->roles[ROLE_MANAGER].items[0], "jo");
	assert_int_equal(c->default_role, ROLE_REVIEWER);
	assert_string_equal(strrchr(config_section_file(c, "roles"), '/'), "/user.ini");
	assert_string_equal(strrchr(config_section_file(c, "sirt"), '/'), "/user.ini");
	assert_string_equal(strrchr(config_section_file(c, "categories"), '/'), "/20-org.ini");
	assert_string_equal(strrchr(config_section_file(c, "escalation"), '/'), "/base.ini");
	/* A category renamed stays in its place; a new one comes last. */
	assert_int_equal(c->ncategories, 3);
	assert_string_equal(c->categories[0].key, "life");
	assert_string_equal(c->categories[1].label, "Threat to sensitive data");
	assert_string_equal(c->categories[2].key, "systems");
	assert_null(c->store_elsewhere);
	assert_int_equal(c->layers.len, 4);
	assert_string_equal(c->path, base);
	config_free(&c);
	free(problems);
	free(base);
	free(org);
	free(org2);
	free(user);
}

/* A relative path is taken from the directory of the layer that sets
 * it, not from the first file's. */
static void relative_paths_from_the_layer_that_sets_them(void **state)
{
	char *dir = xasprintf("%s/layer.d", scratch()), *forms = xasprintf("%s/layer.d/myforms", scratch());
	char *src_forms = xasprintf("%s/forms", source_dir());
	char *base = xstrdup(config_with("relbase.ini", "", "a = A\n"));
	char *layer, *problems;
	struct config *c;

	(void)state;
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(symlink(src_forms, forms), 0);
	layer = xstrdup(write_file("layer.d/30-forms.ini", "[sirt]\nforms = myforms\n"));
	{
		const char *files[] = {base, layer, NULL};

		c = load_layers(2, files, &problems);
	}
	assert_string_equal(problems, "");
	assert_non_null(c);
	assert_string_equal(c->forms_dir, forms);
	assert_true(strncmp(c->intake->path, forms, strlen(forms)) == 0);
	config_free(&c);
	free(problems);
	free(layer);
	/* Missing, it is said at the layer's own line. */
	layer = xstrdup(write_file("layer.d/40-forms.ini", "[sirt]\n\nforms = nowhere\n"));
	{
		const char *files[] = {base, layer, NULL};

		c = load_layers(2, files, &problems);
	}
	assert_null(c);
	assert_string_equal(problems, "T/layer.d/40-forms.ini:3: the forms directory T/layer.d/nowhere does not exist "
				      "(a relative path is taken from the directory of the file that sets it)\n");
	free(problems);
	free(layer);
	free(base);
	free(dir);
	free(forms);
	free(src_forms);
}

/* Each problem names the layer and line it is in, and every layer's
 * problems are said at once. */
static void problems_name_their_layer(void **state)
{
	char *base = xstrdup(config_with("pbase.ini", "", "a = A\n"));
	char *bad = xstrdup(write_file("10-bad.ini", "[sirt]\ncolour = blue\n[roles]\ndefault = boss\n"));
	char *broken = xstrdup(write_file("20-broken.ini", "[sirt\n"));
	char *problems;
	const char *files[] = {base, bad, broken, NULL};
	struct config *c = load_layers(3, files, &problems);

	(void)state;
	assert_null(c);
	assert_string_equal(problems,
			    "T/20-broken.ini:1: syntax error: expected \"key = value\", \"[section]\" or a comment\n");
	free(problems);
	files[2] = NULL;
	c = load_layers(2, files, &problems);
	assert_null(c);
	assert_string_equal(problems,
			    "T/10-bad.ini:2: unknown key \"colour\" in [sirt] (known keys: organisation, hotline, "
			    "hotline_label, ref_prefix, forms, procedures, restoration, currency, timezone, regimes)\n"
			    "T/10-bad.ini:4: default role \"boss\" is none of operator, responder, lead, manager, reviewer\n");
	free(problems);
	free(base);
	free(bad);
	free(broken);
}

/* A layer after the machine's that moves [store] path is said, naming
 * both files and lines; the machine's own layers may move it. */
static void another_database_than_the_systems_is_said(void **state)
{
	char *base = xstrdup(config_with("sbase.ini", "[store]\npath = /srv/sirt/sirt.db\n", "a = A\n"));
	char *team = xstrdup(write_file("10-team.ini", "[store]\npath = /srv/team/sirt.db\n"));
	char *mine = xstrdup(write_file("mine.ini", "[sirt]\norganisation = Mine\n[store]\npath = /home/me/sirt.db\n"));
	char *same = xstrdup(write_file("same.ini", "[store]\npath = /srv/team/sirt.db\n"));
	char *empty = xstrdup(write_file("empty.ini", "[store]\npath = \"\"\n"));
	char *problems, *got;
	struct config *c;

	(void)state;
	{
		const char *files[] = {base, team, mine, NULL};

		c = load_layers(2, files, &problems);
	}
	assert_non_null(c);
	assert_string_equal(c->store_path, "/home/me/sirt.db");
	assert_non_null(c->store_elsewhere);
	got = shorter(c->store_elsewhere);
	assert_string_equal(got, "another database than the system's: /home/me/sirt.db (T/mine.ini:4 sets it), "
				 "not /srv/team/sirt.db (T/10-team.ini:2); what is recorded there is not where the team "
				 "looks (remove that line to use the system's database)");
	free(got);
	config_free(&c);
	free(problems);
	/* The same database, the machine's own layers, or no machine's
	 * layer at all: nothing to say. */
	{
		const char *files[] = {base, team, same, NULL};

		c = load_layers(2, files, &problems);
		assert_null(c->store_elsewhere);
		config_free(&c);
		free(problems);
		c = load_layers(3, files, &problems);
		assert_null(c->store_elsewhere);
		config_free(&c);
		free(problems);
	}
	{
		struct config_layers layers = {.nsystem = 0};
		struct diag_list diags = {0};
		struct ini_file ini;
		char unset[] = "unset", *elsewhere = unset;

		strlist_add(&layers.files, base);
		strlist_add(&layers.files, mine);
		assert_true(config_read_layers(&layers, &ini, &elsewhere, &diags));
		assert_null(elsewhere);
		assert_string_equal(ini_get(&ini, "store", "path"), "/home/me/sirt.db");
		ini_free(&ini);
		config_layers_free(&layers);
	}
	/* Emptied: each login's own database, not the team's. */
	{
		const char *files[] = {base, empty, NULL};

		c = load_layers(1, files, &problems);
		assert_non_null(c->store_elsewhere);
		assert_non_null(strstr(c->store_elsewhere, "another database than the system's: each login's own, since "));
		assert_non_null(strstr(c->store_elsewhere, "empty.ini:2 empties [store] path, not /srv/sirt/sirt.db ("));
		config_free(&c);
		free(problems);
	}
	free(base);
	free(team);
	free(mine);
	free(same);
	free(empty);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sample_plan_loads),
		cmocka_unit_test(syntax_error),
		cmocka_unit_test(unknown_key_and_section),
		cmocka_unit_test(evidence_store_must_be_absolute),
		cmocka_unit_test(duplicate_key_and_section),
		cmocka_unit_test(value_cut_at_comment_character),
		cmocka_unit_test(lines_iniparser_would_misread),
		cmocka_unit_test(last_line_continued),
		cmocka_unit_test(quoted_value_is_kept_whole),
		cmocka_unit_test(line_too_long),
		cmocka_unit_test(empty_category_list),
		cmocka_unit_test(key_outside_section),
		cmocka_unit_test(escalation_names_unknown_contact),
		cmocka_unit_test(unreadable_file),
		cmocka_unit_test(form_field_of_unknown_type),
		cmocka_unit_test(procedure_without_steps),
		cmocka_unit_test(listed_procedure_missing),
		cmocka_unit_test(plan_b_categories_from_config_alone),
		cmocka_unit_test(forms_directory_missing_is_reported_at_its_line),
		cmocka_unit_test(list_with_an_empty_item),
		cmocka_unit_test(byte_order_mark),
		cmocka_unit_test(copy_of_the_sample_works_anywhere),
		cmocka_unit_test(restoration_list_of_plan_b_and_a_bad_needs),
		cmocka_unit_test(both_sample_plans_load),
		cmocka_unit_test(one_form_from_a_file_of_its_own),
		cmocka_unit_test(report_fields_checked_across_forms),
		cmocka_unit_test(roles_by_login),
		cmocka_unit_test(layers_override_only_the_keys_they_name),
		cmocka_unit_test(relative_paths_from_the_layer_that_sets_them),
		cmocka_unit_test(problems_name_their_layer),
		cmocka_unit_test(another_database_than_the_systems_is_said),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
