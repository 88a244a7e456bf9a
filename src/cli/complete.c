/* Shell completion: what a TAB offers, worked out from the command table
 * (commands.c), the plan and the database, for the scripts in
 * completion/ (installed for bash and zsh; sirt completion prints them).
 * The scripts know no command or option: they ask sirt __complete. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_internal.h"
#include "sirt/config.h"
#include "sirt/json.h"
#include "sirt/mem.h"
#include "sirt/report.h"
#include "sirt/procedure.h"
#include "sirt/store.h"
#include "sirt_completion.h"

/* What sirt __complete prints: a first line saying what the shell does
 * itself ("words": nothing; "files" or "dirs": it completes file or
 * directory names), then each word to offer on a line of its own. */

/* Words that reach a shell's command line are only ever these
 * characters: a reference or key with others (from an imported file, a
 * plan's odd key) is not offered, rather than typed into a command. */
static bool safe_word(const char *word)
{
	return *word && strspn(word, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
				     "._-+,:@/=%^") == strlen(word);
}

struct offer {
	const char *typed;	/* the word as typed so far */
	const char *lead;	/* what each word offered begins with: "--format=", "severity=" */
	const char *tail;	/* what follows each: "=" for a field's key */
	bool fold;		/* the word matches ignoring case (references) */
};

static void offer(const struct offer *o, const char *word)
{
	char *whole = xasprintf("%s%s%s", o->lead ? o->lead : "", word, o->tail ? o->tail : "");
	size_t n = strlen(o->typed);

	if (safe_word(word) && (o->fold ? strncasecmp(whole, o->typed, n) : strncmp(whole, o->typed, n)) == 0)
		printf("%s\n", whole);
	free(whole);
}

static void offer_list(const struct offer *o, const char *const *words)
{
	for (size_t i = 0; words && words[i]; i++)
		offer(o, words[i]);
}

/* "a|b|c": each word. */
static void offer_alternatives(const struct offer *o, const char *alternatives)
{
	char *copy = xstrdup(alternatives), *save = NULL;

	for (char *w = strtok_r(copy, "|", &save); w; w = strtok_r(NULL, "|", &save))
		offer(o, w);
	free(copy);
}

/* The command line as far as the word being completed. Values are the
 * words as the shell gives them, quotes taken off. */
struct line {
	const struct cli_places *places;
	const struct cli_command *command;
	const struct cli_verb *verb;
	const char **positional;
	size_t npositional;
	const char **given;		/* the options given, by name */
	size_t ngiven;
	const char *config_option;	/* --config and --db, as typed */
	const char *db_option;
	struct strlist unquoted;	/* owns what the pointers above point to */
	struct config *config;		/* read when first needed */
	bool config_read;
};

/* The word as the shell will pass it: quotes and backslashes taken off,
 * and a leading ~/ made the home directory. */
static const char *unquote(struct line *l, const char *word)
{
	struct strbuf sb = {0};
	char quote = 0;

	if (word[0] == '~' && word[1] == '/' && getenv("HOME")) {
		strbuf_puts(&sb, getenv("HOME"));
		word++;
	}
	for (const char *p = word; *p; p++) {
		if (quote ? *p == quote : *p == '\'' || *p == '"')
			quote = quote ? 0 : *p;
		else if (*p == '\\' && quote != '\'' && p[1])
			strbuf_putc(&sb, *++p);
		else
			strbuf_putc(&sb, *p);
	}
	strlist_add_owned(&l->unquoted, strbuf_take(&sb));
	return l->unquoted.items[l->unquoted.len - 1];
}

/* The plan the line's --config (else the environment) gives; NULL when
 * it cannot be read, and then nothing that needs it is offered. */
static const struct config *plan(struct line *l)
{
	if (!l->config_read)
		l->config = l->places->plan(l->config_option);
	l->config_read = true;
	return l->config;
}

/* The database, read-only, or NULL: none is made when none exists. */
static struct store *database(struct line *l)
{
	struct error err = {0};
	struct store *store = NULL;
	struct stat info;
	char *path, *group = NULL;
	bool grant;

	if (!plan(l))
		return NULL;
	path = l->places->db(l->db_option, l->config);
	grant = store_granted(path);
	if (grant || (stat(path, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0))
		store_open_peek(path, &store, &err);
	/* sirt's group opens only an enforced database: a group's is its
	 * members' (main.c, enforce). */
	if (store && grant && access(path, R_OK) != 0 && (store_enforced(store, &group, &err) || !group))
		store_close(&store);
	free(group);
	free(path);
	return store;
}

static void offer_ref(const char *ref, void *ctx)
{
	offer(ctx, ref);
}

static void offer_refs(struct line *l, struct offer *o)
{
	struct store *store = database(l);
	struct error err = {0};

	o->fold = true;
	if (store)
		store_incident_refs(store, o->typed, offer_ref, o, &err);
	store_close(&store);
}

/* The steps sirt step takes for the incident: its procedure's, the free
 * ones recorded, the restoration list's. */
static void offer_steps(struct line *l, const struct offer *o, const char *ref)
{
	const struct config *config = plan(l);
	struct store *store = ref ? database(l) : NULL;
	struct incident in = {0};
	struct step_list records = {0};
	struct step_view *views = NULL;
	struct error err = {0};
	size_t n;

	if (store && !store_incident_get(store, ref, &in, &err) && !store_steps_get(store, in.id, &records, &err)) {
		n = procedure_step_views(in.procedure ? config_procedure(config, in.procedure) : NULL, &records, &views);
		for (size_t i = 0; i < n; i++)
			offer(o, views[i].key);
		free(views);
		n = config->restoration ? restoration_step_views(config->restoration, &records, &views) : 0;
		for (size_t i = 0; i < n; i++)
			offer(o, views[i].key);
		free(views);
	}
	step_list_free(&records);
	incident_clear(&in);
	store_close(&store);
}

/* The names of the positional arguments in an args string ("REF [N]",
 * "REF FORM FIELD=VALUE ..."): brackets and dots off; *repeats when the
 * last may be given again. Returns how many (at most 16). */
static size_t arg_names(const char *args, char names[16][32], bool *repeats)
{
	size_t n = 0;

	*repeats = false;
	for (const char *p = args ? args : ""; *p && n < 16;) {
		size_t len = strcspn(p, " ");
		const char *w = p;

		p += len + (p[len] == ' ');
		if (len >= 3 && strncmp(w + len - 3, "...", 3) == 0)
			*repeats = true;
		while (len && (w[len - 1] == '.' || w[len - 1] == ']'))
			len--;
		if (len && *w == '[') {
			w++;
			len--;
		}
		if (len && len < 32) {
			memcpy(names[n], w, len);
			names[n++][len] = '\0';
		}
	}
	return n;
}

/* The name of positional argument k, or NULL past the last. */
static const char *arg_name(const char *args, size_t k, char names[16][32])
{
	bool repeats;
	size_t n = arg_names(args, names, &repeats);

	if (k >= n && repeats && n)
		k = n - 1;
	return k < n ? names[k] : NULL;
}

static const char *line_args(const struct line *l)
{
	return l->verb ? l->verb->args : l->command ? l->command->args : NULL;
}

/* The positional argument the args string calls name, if typed. */
static const char *arg_named(const struct line *l, const char *name)
{
	char names[16][32];
	bool repeats;
	size_t n = arg_names(line_args(l), names, &repeats);

	for (size_t k = 0; k < n && k < l->npositional; k++)
		if (strcmp(names[k], name) == 0)
			return l->positional[k];
	return NULL;
}

/* The form whose fields FIELD=VALUE names: the line's FORM, else the
 * intake form (sirt new --set). */
static const struct form_def *line_form(struct line *l)
{
	const struct config *config = plan(l);
	const char *form = arg_named(l, "FORM");

	if (!config)
		return NULL;
	return config_form(config, form ? form : "intake");
}

/* FIELD=VALUE: a field's key and "=", or after the "=" one of its
 * choices. notes: only the fields that carry a note (FIELD=TEXT). */
static void offer_fields(struct line *l, struct offer *o, bool notes)
{
	const struct form_def *form = line_form(l);
	const char *lead = o->lead ? o->lead : "";
	const char *typed = strlen(o->typed) >= strlen(lead) ? o->typed + strlen(lead) : "";
	const char *eq = strchr(typed, '=');

	for (size_t i = 0; form && i < form->nfields; i++) {
		const struct field_def *f = &form->fields[i];

		if (notes && !f->has_note)
			continue;
		if (!eq) {
			o->tail = "=";
			offer(o, f->key);
			o->tail = NULL;
		} else if (!notes && strlen(f->key) == (size_t)(eq - typed) && strncmp(f->key, typed, strlen(f->key)) == 0) {
			struct offer value = *o;
			char *key = xasprintf("%s%s=", lead, f->key);

			value.lead = key;
			for (size_t k = 0; k < f->choices.len; k++)
				offer(&value, f->choices.items[k]);
			free(key);
		}
	}
}

/* The argument called name (a word of the row's args: REF, FORM ...),
 * after the answer's first line. */
static void offer_argument(struct line *l, struct offer *o, const char *name)
{
	const struct config *config;

	if (strcmp(name, "REF") == 0) {
		offer_refs(l, o);
	} else if (strcmp(name, "STEP") == 0) {
		offer_steps(l, o, arg_named(l, "REF"));
	} else if (strcmp(name, "FIELD=VALUE") == 0) {
		offer_fields(l, o, false);
	} else if (strcmp(name, "COMMAND") == 0) {
		for (size_t i = 0; i < cli_command_count; i++)
			offer(o, cli_commands[i].name);
	} else if (strchr(name, '|')) {
		offer_alternatives(o, name);
	} else if ((config = plan(l))) {
		if (strcmp(name, "CONTACT") == 0)
			for (size_t i = 0; i < config->ncontacts; i++)
				offer(o, config->contacts[i].id);
		else if (strcmp(name, "RULE") == 0)
			for (size_t i = 0; i < config->ndeadlines; i++)
				offer(o, config->deadlines[i].name);
		else if (strcmp(name, "FORM") == 0) {
			for (size_t i = 0; config->forms[i]; i++)
				offer(o, config->forms[i]->key);
			/* Built in: one customer's own report (with --customer). */
			offer(o, REPORT_CUSTOMER_FORM);
		}
		else if (strcmp(name, "CATEGORY") == 0)
			for (size_t i = 0; i < config->ncategories; i++)
				offer(o, config->categories[i].key);
		else if (strcmp(name, "PROCEDURE") == 0) {
			for (size_t i = 0; i < config->nprocedures; i++)
				offer(o, config->procedures[i]->key);
			offer(o, PROCEDURE_NONE);
		}
	}
}

/* The first line: what the shell completes itself. */
static void say(const char *what)
{
	printf("%s\n", what);
}

/* The value of option o, typed so far in o->typed. */
static void offer_value(struct line *l, struct offer *o, const struct cli_option *opt)
{
	const char *placeholder = opt->placeholder ? opt->placeholder : "";

	if (opt->value == CLI_FILE) {
		say(strcmp(placeholder, "DIR") == 0 ? "dirs" : "files");
		return;
	}
	say("words");
	if (opt->value == CLI_CHOICE)
		offer_list(o, opt->choices);
	else if (strcmp(placeholder, "FIELD=VALUE") == 0)
		offer_fields(l, o, false);
	else if (strcmp(placeholder, "FIELD=TEXT") == 0)
		offer_fields(l, o, true);
}

static bool was_given(const struct line *l, const char *name)
{
	for (size_t i = 0; i < l->ngiven; i++)
		if (strcmp(l->given[i], name) == 0)
			return true;
	return false;
}

/* The options that may come next: before the command main's own, after
 * it the row's (for the verb, if one is given), then main's. */
static void offer_options(struct line *l, const struct offer *o)
{
	struct cli_option format;
	const struct cli_option *opt;

	say("words");
	for (size_t i = 0; l->command && (opt = cli_option_at(l->command, i, &format)); i++)
		if (cli_option_goes_with(opt, l->verb) && (opt->repeatable || !was_given(l, opt->name)))
			offer(o, opt->name);
	for (size_t i = 0; cli_shared_options[i].name; i++) {
		const char *name = cli_shared_options[i].name;

		/* --version is sirt's alone, before any command. */
		if (!was_given(l, name) && !(l->command && strcmp(name, "--version") == 0))
			offer(o, name);
	}
}

static const struct cli_option *shared_option(const char *word, size_t len)
{
	for (size_t i = 0; cli_shared_options[i].name; i++)
		if (strlen(cli_shared_options[i].name) == len && strncmp(cli_shared_options[i].name, word, len) == 0)
			return &cli_shared_options[i];
	return NULL;
}

/* Takes an option's value from the line: --config and --db are kept. */
static void take_value(struct line *l, const struct cli_option *opt, const char *value)
{
	if (strcmp(opt->name, "--config") == 0 && shared_option(opt->name, strlen(opt->name)) == opt)
		l->config_option = unquote(l, value);
	else if (strcmp(opt->name, "--db") == 0 && shared_option(opt->name, strlen(opt->name)) == opt)
		l->db_option = unquote(l, value);
}

/* What to offer for the word cur, after the line read so far. */
static void complete_word(struct line *l, const char *typed, bool options_end, const struct cli_option *pending)
{
	struct offer o = {.typed = unquote(l, typed)};
	struct cli_option format;
	char names[16][32];
	const char *name;

	if (pending) {
		offer_value(l, &o, pending);
	} else if (!options_end && cli_looks_like_option(o.typed) && strchr(o.typed, '=') && o.typed[1] == '-') {
		size_t len = strcspn(o.typed, "=");
		const struct cli_option *opt = shared_option(o.typed, len);
		char *lead = xstrndup(o.typed, len + 1);

		if (!opt && l->command)
			opt = cli_option_named(l->command, o.typed, len, &format);
		o.lead = lead;
		if (opt && opt->value != CLI_FLAG)
			offer_value(l, &o, opt);
		else
			say("words");
		free(lead);
	} else if (!options_end && o.typed[0] == '-') {
		offer_options(l, &o);
	} else if (!l->command) {
		say("words");
		for (size_t i = 0; i < cli_command_count; i++)
			offer(&o, cli_commands[i].name);
	} else if (l->command->verbs && !l->verb) {
		say("words");
		for (const struct cli_verb *v = l->command->verbs; v->name; v++)
			offer(&o, v->name);
	} else if ((name = arg_name(line_args(l), l->npositional, names))) {
		say(strcmp(name, "FILE") == 0 ? "files" : "words");
		offer_argument(l, &o, name);
	} else {
		say("words");
	}
}

static const struct cli_verb *verb_named(const struct cli_command *c, const char *name)
{
	for (const struct cli_verb *v = c->verbs; v->name; v++)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

int cli_complete(int argc, char **argv, const struct cli_places *places)
{
	struct line l = {.places = places};
	struct cli_option format;	/* --format, when it is the option pending */
	const struct cli_option *pending = NULL;
	bool options_end = false, lost = false;
	char **words = argv + 1;
	char *end;
	long n;

	/* N, then the words: the program's name, ..., word N. */
	n = argc >= 2 ? strtol(argv[0], &end, 10) : 0;
	if (argc < 2 || *end || n < 1 || n > argc - 2)
		return 64;
	l.positional = xcalloc((size_t)n, sizeof(*l.positional));
	l.given = xcalloc((size_t)n, sizeof(*l.given));
	for (long i = 1; i < n && !lost; i++) {
		const char *w = words[i];
		size_t len = strcspn(w, "=");
		const struct cli_option *opt;

		if (!options_end && l.command && strcmp(w, "--") == 0) {
			options_end = true;
		} else if (options_end || !cli_looks_like_option(w)) {
			/* A word that is no command, or no verb of it: nothing
			 * is offered after it. */
			if (!l.command)
				lost = !(l.command = cli_command_named(w));
			else if (l.command->verbs && !l.verb)
				lost = !(l.verb = verb_named(l.command, w));
			else
				l.positional[l.npositional++] = unquote(&l, w);
		} else if ((opt = shared_option(w, len)) ||
			   (l.command && (opt = cli_option_named(l.command, w, len, &format)))) {
			l.given[l.ngiven++] = opt->name;
			if (opt->value == CLI_FLAG)
				continue;
			if (w[len] == '=')
				take_value(&l, opt, w + len + 1);
			else if (i + 1 == n)
				pending = opt;
			else
				take_value(&l, opt, words[++i]);
		}
	}
	if (lost)
		say("words");
	else
		complete_word(&l, words[n], options_end, pending);
	free(l.positional);
	free(l.given);
	strlist_free(&l.unquoted);
	config_free(&l.config);
	return 0;
}

static const char *const shells[][2] = {
	{"bash", SIRT_COMPLETION_BASH},
	{"zsh", SIRT_COMPLETION_ZSH},
};

int cli_completion(const struct cli_args *args)
{
	const char *shell = cli_arg(args, 0);

	for (size_t i = 0; shell && i < sizeof(shells) / sizeof(shells[0]); i++) {
		struct strbuf sb = {0};
		struct json j;

		if (strcmp(shell, shells[i][0]) != 0)
			continue;
		if (!cli_json(args)) {
			fputs(shells[i][1], stdout);
			return 0;
		}
		cli_json_begin(&j, &sb);
		json_key(&j, "shell");
		json_string(&j, shells[i][0]);
		json_key(&j, "script");
		json_string(&j, shells[i][1]);
		cli_json_print(&j, &sb);
		return 0;
	}
	if (!shell)
		return usage_error("completion", "say which shell: bash or zsh");
	return usage_error("completion", "no completion for \"%s\": bash or zsh", shell);
}
