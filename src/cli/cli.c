/* The subcommands: the same work as the TUI, without a screen, for
 * scripts, alerting systems and reviewing over SSH. A command line is
 * read here by its command's row of the table in commands.c, which also
 * gives sirt help its synopses and option lists. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "output.h"
#include "sirt/calls.h"
#include "sirt/changes.h"
#include "sirt/clock.h"
#include "sirt/config.h"
#include "sirt/deadline.h"
#include "sirt/digest.h"
#include "sirt/evidence.h"
#include "sirt/form.h"
#include "sirt/formdef.h"
#include "sirt/identity.h"
#include "sirt/incident.h"
#include "sirt/ini.h"
#include "sirt/investigation.h"
#include "sirt/mem.h"
#include "sirt/privilege.h"
#include "sirt/status.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"
#include "sirt/roles.h"
#include "sirt/sanitize.h"
#include "sirt/session.h"

void cli_error(const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;
	char *safe;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	safe = sanitize(strbuf_str(&sb), 0);
	fprintf(stderr, "sirt: %s\n", safe);
	free(safe);
	strbuf_free(&sb);
}

static void option_synopsis(struct strbuf *sb, const struct cli_option *o);

int usage_error(const char *command, const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	cli_error("%s (see sirt help %s)", strbuf_str(&sb), command);
	strbuf_free(&sb);
	return 64;
}

static const struct cli_command *command_named(const char *name)
{
	for (size_t i = 0; i < cli_command_count; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

static size_t option_count(const struct cli_command *c)
{
	size_t n = 0;

	while (c->options[n].name)
		n++;
	return n;
}

/* --format, which every command takes: what it takes is the row's. */
static struct cli_option format_option(const struct cli_command *c)
{
	return (struct cli_option){"--format", CLI_CHOICE, NULL, "how to print what it says", c->formats};
}

/* The row's option i, --format after the row's own (i == option_count). */
static const struct cli_option *option_at(const struct cli_command *c, size_t i, struct cli_option *format)
{
	if (i < option_count(c))
		return &c->options[i];
	*format = format_option(c);
	return format;
}

/* The index of the option whose name is name's first len bytes, or -1. */
static long option_index(const struct cli_command *c, const char *name, size_t len)
{
	size_t n = option_count(c);

	for (size_t i = 0; i < n; i++)
		if (strlen(c->options[i].name) == len && strncmp(c->options[i].name, name, len) == 0)
			return (long)i;
	return len == strlen("--format") && strncmp(name, "--format", len) == 0 ? (long)n : -1;
}

/* An argument is an option when it is -X or --X, X a letter: "-", "-5",
 * "- item" and "---" are arguments (and anything after --). */
static bool looks_like_option(const char *arg)
{
	return arg[0] == '-' && (isalpha((unsigned char)arg[1]) || (arg[1] == '-' && isalpha((unsigned char)arg[2])));
}

/* One of sirt's own options, of any command or main's: not taken as the
 * value of the option before it unless written --option=VALUE. */
static bool is_sirt_option(const char *arg)
{
	size_t len = strcspn(arg, "=");

	if (!looks_like_option(arg))
		return false;
	if (strcmp(arg, "-h") == 0 || strcmp(arg, "-V") == 0)
		return true;
	for (size_t i = 0; cli_shared_options[i].name; i++)
		if (strlen(cli_shared_options[i].name) == len && strncmp(cli_shared_options[i].name, arg, len) == 0)
			return true;
	for (size_t i = 0; i < cli_command_count; i++)
		if (option_index(&cli_commands[i], arg, len) >= 0)
			return true;
	return false;
}

/* word is one of the space-separated words of list. */
static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; *p; p += strcspn(p, " "), p += *p == ' ')
		if (strncmp(p, word, n) == 0 && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

/* The option goes with the verb given (any, for a command without verbs). */
static bool goes_with(const struct cli_option *o, const struct cli_verb *verb)
{
	return !o->verbs || !verb || has_word(o->verbs, verb->name);
}

/* "a, b or c". */
static void join_or(struct strbuf *sb, const char *const *items, size_t n)
{
	for (size_t k = 0; k < n; k++)
		strbuf_printf(sb, "%s%s", k == 0 ? "" : k + 1 == n ? " or " : ", ", items[k]);
}

/* A NULL-ended list: a choice's values. */
static void join_list_or(struct strbuf *sb, const char *const *items)
{
	size_t n = 0;

	while (items[n])
		n++;
	join_or(sb, items, n);
}

/* Space-separated words: the verbs an option goes with. */
static void join_words_or(struct strbuf *sb, const char *words)
{
	char *copy = xstrdup(words), *save = NULL;
	const char *list[16];
	size_t n = 0;

	for (char *w = strtok_r(copy, " ", &save); w && n < 16; w = strtok_r(NULL, " ", &save))
		list[n++] = w;
	join_or(sb, list, n);
	free(copy);
}

/* How many arguments an args string takes: "REF [N]" 2, "FIELD=VALUE..." any. */
static size_t args_most(const char *args)
{
	size_t n = 0;

	for (const char *p = args ? args : ""; *p;) {
		size_t len = strcspn(p, " ");

		if (len >= 3 && strncmp(p + len - 3, "...", 3) == 0)
			return SIZE_MAX;
		n += len > 0;
		p += len + (p[len] == ' ');
	}
	return n;
}

static const char *choice_value(const struct cli_option *o, const char *value)
{
	for (size_t i = 0; o->choices[i]; i++)
		if (strcmp(o->choices[i], value) == 0)
			return o->choices[i];
	for (size_t i = 0; o->aliases && o->aliases[i]; i += 2)
		if (strcmp(o->aliases[i], value) == 0)
			return o->aliases[i + 1];
	return NULL;
}

static bool whole_number(const char *text)
{
	return *text && strspn(text, "0123456789") == strlen(text) && strlen(text) <= 18;
}

/* argv[*i] is an option of the command: its value taken and checked. */
static int take_option(struct cli_args *a, int argc, char **argv, int *i)
{
	const struct cli_command *c = a->command;
	const char *arg = argv[*i], *eq = strchr(arg, '='), *value, *typed;
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	long k = option_index(c, arg, len);
	struct cli_option format;
	const struct cli_option *o;
	struct cli_given *g;

	if (k < 0)
		return usage_error(c->name, "unknown option %.*s", (int)len, arg);
	o = option_at(c, (size_t)k, &format);
	if (o->value == CLI_FLAG && eq)
		return usage_error(c->name, "%s takes no value", o->name);
	if (o->value == CLI_FLAG)
		value = "";
	else if (eq)
		value = eq + 1;
	else if (*i + 1 >= argc)
		return usage_error(c->name, "%s needs a value", o->name);
	else if (is_sirt_option(argv[*i + 1]))
		return usage_error(c->name, "%s needs a value, not the option %s (write %s=%s if that is the value)",
				   o->name, argv[*i + 1], o->name, argv[*i + 1]);
	else
		value = argv[++*i];
	g = &a->given[k];
	if (g->len && !o->repeatable)
		return usage_error(c->name, "%s is given twice; give it once", o->name);
	typed = value;
	if (o->value == CLI_CHOICE && !(value = choice_value(o, typed))) {
		struct strbuf names = {0};
		int code;

		join_list_or(&names, o->choices);
		code = usage_error(c->name, "%s is %s, not \"%s\"", o->name, strbuf_str(&names), typed);
		strbuf_free(&names);
		return code;
	}
	if (o->value == CLI_NUMBER && !whole_number(value))
		return usage_error(c->name, "%s takes a number, not \"%s\"", o->name, value);
	g->values = xrealloc(g->values, (g->len + 1) * sizeof(*g->values));
	g->values[g->len++] = value;
	return 0;
}

/* The first argument is the verb, for a command that has verbs. */
static int take_verb(struct cli_args *a)
{
	const struct cli_command *c = a->command;
	const char *verbs[16];
	struct strbuf names = {0};
	size_t n = 0;
	int code;

	if (!c->verbs)
		return 0;
	for (const struct cli_verb *v = c->verbs; v->name && n < 16; v++) {
		if (a->npositional && strcmp(v->name, a->positional[0]) == 0) {
			a->verb = v;
			memmove(a->positional, a->positional + 1, --a->npositional * sizeof(*a->positional));
			return 0;
		}
		verbs[n++] = v->name;
	}
	join_or(&names, verbs, n);
	if (a->npositional)
		code = usage_error(c->name, "say what: %s, not \"%s\"", strbuf_str(&names), a->positional[0]);
	else
		code = usage_error(c->name, "say what: %s", strbuf_str(&names));
	strbuf_free(&names);
	return code;
}

/* Options that go with another verb, too many arguments, required
 * options missing. */
static int check_args(struct cli_args *a)
{
	const struct cli_command *c = a->command;
	const char *args = a->verb ? a->verb->args : c->args, *verb = a->verb ? a->verb->name : "";
	size_t n = option_count(c), most = args_most(args), missing = 0;
	struct strbuf sb = {0};
	int code = 0;

	for (size_t i = 0; i < n && !code; i++) {
		const struct cli_option *o = &c->options[i];

		if (a->given[i].len && !goes_with(o, a->verb)) {
			join_words_or(&sb, o->verbs);
			code = usage_error(c->name, "%s goes with %s %s, not %s %s", o->name, c->name, strbuf_str(&sb),
					   c->name, verb);
		}
	}
	if (!code && a->npositional > most)
		code = usage_error(c->name, "unexpected argument \"%s\"%s", a->positional[most],
				   args && strstr(args, "TEXT") ? " (quote the text as one argument)" : "");
	for (size_t i = 0; i < n && !code; i++) {
		const struct cli_option *o = &c->options[i];

		if (o->required && !a->given[i].len && goes_with(o, a->verb))
			missing++;
	}
	for (size_t i = 0, k = 0; i < n && !code && missing; i++) {
		const struct cli_option *o = &c->options[i];

		if (!o->required || a->given[i].len || !goes_with(o, a->verb))
			continue;
		strbuf_puts(&sb, k == 0 ? "" : k + 1 == missing ? " and " : ", ");
		option_synopsis(&sb, o);
		k++;
	}
	if (!code && missing)
		code = usage_error(c->name, "%s%s%s needs %s", c->name, *verb ? " " : "", verb, strbuf_str(&sb));
	strbuf_free(&sb);
	return code;
}

int cli_parse(int argc, char **argv, struct cli_args **out)
{
	const struct cli_command *c;
	struct cli_args *a;
	bool options_end = false;
	int code = 0;

	*out = NULL;
	if (argv[0][0] == '-') {
		cli_error("unknown option %s (see sirt --help)", argv[0]);
		return 64;
	}
	/* A mistyped command must not create or open a database. */
	if (!(c = command_named(argv[0]))) {
		cli_error("unknown command \"%s\" (see sirt --help)", argv[0]);
		return 64;
	}
	a = xcalloc(1, sizeof(*a));
	a->command = c;
	a->given = xcalloc(option_count(c) + 1, sizeof(*a->given));
	a->positional = xcalloc((size_t)argc, sizeof(*a->positional));
	*out = a;
	/* --help anywhere: the command's help, whatever else is wrong. */
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			a->help = true;
			a->format = "text";
			return 0;
		}
	}
	for (int i = 1; i < argc && !code; i++) {
		if (!options_end && strcmp(argv[i], "--") == 0)
			options_end = true;
		else if (options_end || !looks_like_option(argv[i]))
			a->positional[a->npositional++] = argv[i];
		else
			code = take_option(a, argc, argv, &i);
	}
	if (!code)
		code = take_verb(a);
	if (!code)
		code = check_args(a);
	if (code) {
		cli_args_free(out);
		return code;
	}
	a->format_given = a->given[option_count(c)].len > 0;
	a->format = a->format_given ? a->given[option_count(c)].values[0] : c->formats[0];
	return 0;
}

void cli_args_free(struct cli_args **args)
{
	struct cli_args *a = *args;

	if (!a)
		return;
	for (size_t i = 0; i <= option_count(a->command); i++)
		free(a->given[i].values);
	free(a->given);
	free(a->positional);
	free(a);
	*args = NULL;
}

const char *cli_command_name(const struct cli_args *args)
{
	return args->command->name;
}

bool cli_asks_help(const struct cli_args *args)
{
	return args->help;
}

bool cli_reads_only(const struct cli_args *args)
{
	return args->verb ? args->verb->reads_only : args->command->reads_only;
}

bool cli_takes_value(const char *command, const char *option)
{
	const struct cli_command *c = command_named(command);
	struct cli_option format;
	long k;

	if (!c || strchr(option, '=') || (k = option_index(c, option, strlen(option))) < 0)
		return false;
	return option_at(c, (size_t)k, &format)->value != CLI_FLAG;
}

/* The table as parsing reads it, for completion (complete.c). */
const struct cli_command *cli_command_named(const char *name)
{
	return command_named(name);
}

const struct cli_option *cli_option_at(const struct cli_command *c, size_t i, struct cli_option *format)
{
	return i <= option_count(c) ? option_at(c, i, format) : NULL;
}

const struct cli_option *cli_option_named(const struct cli_command *c, const char *name, size_t len,
					  struct cli_option *format)
{
	long k = option_index(c, name, len);

	return k < 0 ? NULL : option_at(c, (size_t)k, format);
}

bool cli_option_goes_with(const struct cli_option *o, const struct cli_verb *verb)
{
	return goes_with(o, verb);
}

bool cli_looks_like_option(const char *arg)
{
	return looks_like_option(arg);
}

/* Where the run function's option is: naming one its row does not have
 * is a bug, said at once. */
static const struct cli_given *given(const struct cli_args *args, const char *option)
{
	long k = option_index(args->command, option, strlen(option));

	if (k < 0) {
		fprintf(stderr, "sirt: bug: the command table gives %s no option %s\n", args->command->name, option);
		exit(70);
	}
	return &args->given[k];
}

const char *cli_value(const struct cli_args *args, const char *option)
{
	const struct cli_given *g = given(args, option);

	return g->len ? g->values[g->len - 1] : NULL;
}

bool cli_flag(const struct cli_args *args, const char *option)
{
	return given(args, option)->len > 0;
}

size_t cli_values(const struct cli_args *args, const char *option, const char *const **values)
{
	const struct cli_given *g = given(args, option);

	*values = g->values;
	return g->len;
}

const char *cli_arg(const struct cli_args *args, size_t i)
{
	return i < args->npositional ? args->positional[i] : NULL;
}

bool cli_json(const struct cli_args *args)
{
	return strcmp(args->format, "json") == 0;
}

void cli_json_begin(struct json *j, struct strbuf *sb)
{
	json_init(j, sb);
	json_object_begin(j);
}

void cli_json_print(struct json *j, struct strbuf *sb)
{
	json_object_end(j);
	printf("%s\n", strbuf_str(sb));
	strbuf_free(sb);
}

static const char *const value_kinds[] = {"flag", "text", "number", "time", "choice", "file"};
static const char *const value_placeholders[] = {"", "TEXT", "N", "TIME", "", "FILE"};

/* "--kind damage|containment", "--note TEXT", "--set FIELD=VALUE ...". */
static void option_synopsis(struct strbuf *sb, const struct cli_option *o)
{
	strbuf_puts(sb, o->name);
	if (o->value == CLI_FLAG)
		return;
	strbuf_putc(sb, ' ');
	if (o->placeholder)
		strbuf_puts(sb, o->placeholder);
	else if (o->value == CLI_CHOICE)
		for (size_t i = 0; o->choices[i]; i++)
			strbuf_printf(sb, "%s%s", i ? "|" : "", o->choices[i]);
	else
		strbuf_puts(sb, value_placeholders[o->value]);
	if (o->repeatable)
		strbuf_puts(sb, " ...");
}

/* "cost add REF --kind damage|containment ... [--format text|json]". */
static void synopsis(struct strbuf *sb, const struct cli_command *c, const struct cli_verb *v)
{
	const char *args = v ? v->args : c->args;
	struct cli_option format;

	strbuf_puts(sb, c->name);
	if (v)
		strbuf_printf(sb, " %s", v->name);
	if (args && *args)
		strbuf_printf(sb, " %s", args);
	for (size_t i = 0; i <= option_count(c); i++) {
		const struct cli_option *o = option_at(c, i, &format);

		if (!goes_with(o, v))
			continue;
		strbuf_puts(sb, o->required ? " " : " [");
		option_synopsis(sb, o);
		if (!o->required)
			strbuf_putc(sb, ']');
	}
}

/* Each synopsis of the command, a verb at a time, after prefix, then
 * between. */
/* Prints text from column `at` on, wrapped before 80 columns at blanks
 * outside brackets ("[--note TEXT]" stays whole), each further row
 * indented to `indent`. */
static void print_wrapped(FILE *out, const char *text, size_t at, size_t indent)
{
	size_t col = at;
	const char *p = text;

	while (*p) {
		const char *end = p;
		int depth = 0;

		/* One token: to the next blank outside brackets. */
		while (*end && (*end != ' ' || depth > 0)) {
			depth += *end == '[' ? 1 : *end == ']' ? -1 : 0;
			end++;
		}
		if (col > indent && col + 1 + (size_t)(end - p) > 79) {
			fprintf(out, "\n%*s", (int)indent, "");
			col = indent;
		} else if (col > at) {
			fputc(' ', out);
			col++;
		}
		fwrite(p, 1, (size_t)(end - p), out);
		col += (size_t)(end - p);
		p = *end ? end + 1 : end;
	}
	fputc('\n', out);
}

static void print_synopses(FILE *out, const struct cli_command *c, const char *first, const char *then)
{
	const struct cli_verb *v = c->verbs;

	do {
		struct strbuf sb = {0};

		synopsis(&sb, c, v);
		fputs(first, out);
		/* Wrapped under what follows the command's name. */
		print_wrapped(out, strbuf_str(&sb), strlen(first), strlen(first) + strlen(c->name) + 1);
		strbuf_free(&sb);
		first = then;
	} while (v && (++v)->name);
}

void cli_usage(FILE *out)
{
	fputs("usage: sirt [--config FILE] [--db FILE] [--read-only]    the full-screen program\n", out);
	for (size_t i = 0; i < cli_command_count; i++)
		print_synopses(out, &cli_commands[i], "       sirt ", "       sirt ");
	fputs("       sirt --help | --version\n\n"
	      "sirt tracks security incidents through an organisation's response plan:\n"
	      "intake, triage, category, procedure steps. See sirt(1).\n\n"
	      "Every command takes --format json (and --format text) and the shared options\n"
	      "--config, --db and --read-only. An option's value may also be written\n"
	      "--option=VALUE, as a value that is itself one of sirt's options must be;\n"
	      "-- ends the options (sirt note REF --kind other -- \"-v was in the log\").\n"
	      "sirt help COMMAND lists a command's options.\n\n"
	      "Files: the config is --config FILE or $SIRT_CONFIG, else the layers\n"
	      "/etc/sirt/sirt.ini, /etc/sirt/sirt.d/*.ini and $XDG_CONFIG_HOME/sirt/sirt.ini,\n"
	      "each overriding the keys it names (sirt config shows which), else the built-in\n"
	      "sample plan; the database is --db FILE, $SIRT_DB, the config's [store] path\n"
	      "or $XDG_DATA_HOME/sirt/sirt.db.\n", out);
}

static void print_help(FILE *out, const struct cli_command *c)
{
	struct cli_option format;
	size_t n = option_count(c);
	int width = 0;

	print_synopses(out, c, "usage: sirt ", "       sirt ");
	fprintf(out, "\n%s\n\nOptions:\n", c->help);
	for (size_t i = 0; i <= n; i++) {
		struct strbuf sb = {0};

		option_synopsis(&sb, option_at(c, i, &format));
		if ((int)sb.len > width)
			width = (int)sb.len;
		strbuf_free(&sb);
	}
	width = width > 28 ? 28 : width;
	for (size_t i = 0; i <= n; i++) {
		const struct cli_option *o = option_at(c, i, &format);
		struct strbuf sb = {0}, words = {0};

		struct strbuf line = {0};

		option_synopsis(&sb, o);
		fprintf(out, "  %-*s", width, strbuf_str(&sb));
		if ((int)sb.len > width)
			fprintf(out, "\n  %-*s", width, "");
		strbuf_puts(&line, o->help);
		if (o->value == CLI_CHOICE && o->placeholder) {
			join_list_or(&words, o->choices);
			strbuf_printf(&line, ": %s", strbuf_str(&words));
			strbuf_reset(&words);
		}
		/* What else the row says of it, in one parenthesis. */
		if (i == n)
			strbuf_printf(&words, "default %s", c->formats[0]);
		if (o->verbs) {
			strbuf_printf(&words, "%s%s ", words.len ? "; " : "", c->name);
			join_words_or(&words, o->verbs);
		}
		if (o->required)
			strbuf_printf(&words, "%srequired", words.len ? "; " : "");
		if (o->repeatable)
			strbuf_printf(&words, "%smay be given more than once", words.len ? "; " : "");
		strbuf_printf(&line, "%s%s%s", words.len ? " (" : "", strbuf_str(&words), words.len ? ")" : "");
		/* Wrapped under itself, within 80 columns. */
		fputs("  ", out);
		print_wrapped(out, strbuf_str(&line), (size_t)width + 4, (size_t)width + 4);
		strbuf_free(&line);
		strbuf_free(&sb);
		strbuf_free(&words);
	}
	fputs("\nA value may also be written --option=VALUE; one that is itself an option of\n"
	      "sirt's must be. -- ends the options: what follows is arguments, even when it\n"
	      "begins with -. The shared options --config FILE, --db FILE and --read-only\n"
	      "go anywhere before it (see sirt --help).\n", out);
}

static void json_strings(struct json *j, const char *const *items)
{
	json_array_begin(j);
	for (size_t i = 0; items && items[i]; i++)
		json_string(j, items[i]);
	json_array_end(j);
}

static void json_option(struct json *j, const struct cli_option *o)
{
	json_object_begin(j);
	json_key(j, "name");
	json_string(j, o->name);
	json_key(j, "value");
	json_string(j, value_kinds[o->value]);
	json_key(j, "placeholder");
	json_string(j, o->value == CLI_FLAG ? NULL : o->placeholder ? o->placeholder :
		    o->value == CLI_CHOICE ? NULL : value_placeholders[o->value]);
	json_key(j, "choices");
	if (o->value == CLI_CHOICE)
		json_strings(j, o->choices);
	else
		json_null(j);
	json_key(j, "help");
	json_string(j, o->help);
	json_key(j, "verbs");
	if (o->verbs) {
		char *copy = xstrdup(o->verbs), *save = NULL;

		json_array_begin(j);
		for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
			json_string(j, w);
		json_array_end(j);
		free(copy);
	} else {
		json_null(j);
	}
	json_key(j, "required");
	json_bool(j, o->required);
	json_key(j, "repeatable");
	json_bool(j, o->repeatable);
	json_object_end(j);
}

/* A row of the table as it is: what completion and scripts read. */
static void json_command(struct json *j, const struct cli_command *c)
{
	const struct cli_verb *v = c->verbs;
	struct cli_option format;

	json_object_begin(j);
	json_key(j, "name");
	json_string(j, c->name);
	json_key(j, "synopsis");
	json_array_begin(j);
	do {
		struct strbuf sb = {0};

		synopsis(&sb, c, v);
		json_string(j, strbuf_str(&sb));
		strbuf_free(&sb);
	} while (v && (++v)->name);
	json_array_end(j);
	json_key(j, "args");
	json_string(j, c->args ? c->args : "");
	json_key(j, "verbs");
	json_array_begin(j);
	for (v = c->verbs; v && v->name; v++) {
		json_object_begin(j);
		json_key(j, "name");
		json_string(j, v->name);
		json_key(j, "args");
		json_string(j, v->args);
		json_key(j, "reads_only");
		json_bool(j, v->reads_only);
		json_object_end(j);
	}
	json_array_end(j);
	json_key(j, "reads_only");
	json_bool(j, c->reads_only);
	json_key(j, "formats");
	json_strings(j, c->formats);
	json_key(j, "options");
	json_array_begin(j);
	for (size_t i = 0; i <= option_count(c); i++)
		json_option(j, option_at(c, i, &format));
	json_array_end(j);
	json_key(j, "help");
	json_string(j, c->help);
	json_object_end(j);
}

int cli_help(const struct cli_args *args)
{
	const char *name = args->help ? args->command->name : cli_arg(args, 0);
	const struct cli_command *c = name ? command_named(name) : NULL;
	struct strbuf sb = {0};
	struct json j;

	if (name && !c) {
		cli_error("there is no command \"%s\" (see sirt --help)", name);
		return 64;
	}
	if (!cli_json(args)) {
		if (c)
			print_help(stdout, c);
		else
			cli_usage(stdout);
		return 0;
	}
	json_init(&j, &sb);
	if (c) {
		json_command(&j, c);
	} else {
		json_object_begin(&j);
		json_key(&j, "options");
		json_array_begin(&j);
		for (size_t i = 0; cli_shared_options[i].name; i++)
			json_option(&j, &cli_shared_options[i]);
		json_array_end(&j);
		json_key(&j, "commands");
		json_array_begin(&j);
		for (size_t i = 0; i < cli_command_count; i++)
			json_command(&j, &cli_commands[i]);
		json_array_end(&j);
		json_object_end(&j);
	}
	printf("%s\n", strbuf_str(&sb));
	strbuf_free(&sb);
	return 0;
}

/* The deadlines of every listed incident, at now. */
struct incident_deadlines {
	struct incident *incident;
	struct deadline_list deadlines;
	struct deadline_met_list met;
};

static enum status all_deadlines(struct session *s, const struct incident_list *list,
				 struct incident_deadlines **out, struct error *err)
{
	struct incident_deadlines *all = xcalloc(list->len ? list->len : 1, sizeof(*all));
	time_t now = session_now();

	for (size_t i = 0; i < list->len; i++) {
		all[i].incident = &list->items[i];
		if (incident_deadlines(s->store, s->config, &list->items[i], now, &all[i].deadlines, &all[i].met, err)) {
			for (size_t k = 0; k <= i; k++) {
				deadline_list_free(&all[k].deadlines);
				deadline_met_list_free(&all[k].met);
			}
			free(all);
			return err->status;
		}
	}
	*out = all;
	return STATUS_OK;
}

static void free_all_deadlines(struct incident_deadlines *all, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		deadline_list_free(&all[i].deadlines);
		deadline_met_list_free(&all[i].met);
	}
	free(all);
}

struct list_run {
	struct list_output out;
	bool only_overdue;
	time_t now;
};

static void list_one(const struct listed *row, void *ctx)
{
	struct list_run *run = ctx;

	/* Overdue: the most pressing deadline not met is past (kept by
	 * every write, see store_due_set). */
	if (!run->only_overdue || (row->due_open && row->due <= run->now))
		output_list_row(&run->out, &row->incident);
}

int cmd_list(struct session *s, const struct cli_args *args)
{
	const char *format = args->format;
	struct list_run run = {.now = session_now(), .only_overdue = cli_flag(args, "--overdue")};
	struct error err = {0};
	bool all = cli_flag(args, "--all"), table = strcmp(format, "table") == 0 || strcmp(format, "text") == 0;
	int ref_bytes = 0;
	enum status st;

	if (table && store_longest_ref(s->store, &ref_bytes, &err)) {
		cli_error("%s", err.message);
		return status_exit_code(err.status);
	}
	output_list_begin(&run.out, stdout, table ? LIST_TABLE : strcmp(format, "csv") == 0 ? LIST_CSV : LIST_JSON,
			  isatty(STDOUT_FILENO), run.now, ref_bytes);
	st = store_incident_each(s->store, all, run.now, list_one, &run, &err);
	output_list_end(&run.out);
	if (st) {
		cli_error("%s", err.message);
		return status_exit_code(st);
	}
	return run.only_overdue && run.out.rows ? 1 : 0;
}

int show_incident(struct session *s, const char *ref, const char *format)
{
	struct incident in;
	struct error err = {0};
	enum status st = store_incident_get(s->store, ref, &in, &err);

	if (!st)
		st = strcmp(format, "json") == 0 ? output_show_json(stdout, s, &in, &err) :
						   output_show_text(stdout, s, &in, &err);
	incident_clear(&in);
	if (st) {
		cli_error("%s", err.message);
		return status_exit_code(st);
	}
	return 0;
}

int cmd_show(struct session *s, const struct cli_args *args)
{
	const char *ref = cli_arg(args, 0);

	if (!ref)
		return usage_error("show", "which incident? give its reference, e.g. sirt show IR-2026-0001");
	return show_incident(s, ref, args->format);
}

int cmd_new(struct session *s, const struct cli_args *args)
{
	const struct form_def *intake = s->config->intake;
	const char *const *sets;
	size_t nsets = cli_values(args, "--set", &sets);
	struct field_list typed = {0};
	struct form_problems problems = {0};
	struct incident in = {0};
	struct error err = {0};
	int code = 0;

	for (size_t i = 0; i < nsets && code == 0; i++) {
		char *key = xstrdup(sets[i]);
		char *eq = strchr(key, '=');

		if (!eq) {
			code = usage_error("new", "--set needs FIELD=VALUE, not \"%s\"", key);
		} else {
			*eq = '\0';
			if (!form_def_field(intake, key))
				code = unknown_field("new", intake, key);
			else if (field_list_find(&typed, intake->key, key))
				code = usage_error("new", "--set %s is given twice; give each field once", key);
			else
				field_list_set(&typed, intake->key, key, eq + 1, "");
		}
		free(key);
	}
	if (code == 0 && incident_create(s->store, s->config, &s->who, session_now(), &typed, &in, &problems, &err)) {
		if (problems.len) {
			for (size_t i = 0; i < problems.len; i++) {
				const struct field_def *f = form_def_field(intake, problems.items[i].key);
				cli_error("cannot log the incident: %s %s (set it with --set %s=...)", f->label,
					  problems.items[i].message, f->key);
			}
		} else {
			cli_error("cannot log the incident: %s", err.message);
		}
		code = status_exit_code(err.status);
	} else if (code == 0) {
		if (cli_json(args))
			code = show_incident(s, in.ref, "json");
		else
			printf("%s\n", in.ref);
	}
	incident_clear(&in);
	form_problems_free(&problems);
	field_list_free(&typed);
	return code;
}

int unknown_field(const char *command, const struct form_def *form, const char *key)
{
	struct strbuf names = {0};
	int code;

	for (size_t k = 0; k < form->nfields; k++)
		strbuf_printf(&names, "%s%s", k ? ", " : "", form->fields[k].key);
	code = usage_error(command, "the %s form has no field \"%s\" (fields: %s)", form->key, key, strbuf_str(&names));
	strbuf_free(&names);
	return code;
}

int64_t parse_number(const char *text)
{
	char *end;
	long long n = strtoll(text ? text : "", &end, 10);

	return text && *text && !*end && n > 0 ? n : 0;
}

int cmd_call(struct session *s, const struct cli_args *args)
{
	const char *ref = cli_arg(args, 0), *contact = cli_arg(args, 1), *outcome = cli_value(args, "--outcome");
	const char *note = cli_value(args, "--note");
	struct incident in = {0};
	struct call_list calls = {0};
	struct error err = {0};
	int64_t id = 0;

	if (!ref || !contact)
		return usage_error("call", "give the incident, the contact and --outcome, e.g. sirt call IR-2026-0001 lead "
				   "--outcome no-answer");
	if (store_incident_get(s->store, ref, &in, &err) ||
	    incident_log_call(s->store, s->config, &in, contact, outcome, note ? note : "", &s->who, session_now(), &id,
			      &err) ||
	    store_calls_get(s->store, in.id, &calls, &err)) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	/* The call recorded here, not whichever another operator added last. */
	for (size_t i = 0; i < calls.len; i++)
		if (calls.items[i].id == id)
			output_call(stdout, &in, &calls.items[i], cli_json(args));
	call_list_free(&calls);
	incident_clear(&in);
	return 0;
}

int cmd_change(struct session *s, const struct cli_args *args)
{
	const char *verb = args->verb->name, *ref = cli_arg(args, 0), *arg = cli_arg(args, 1);
	const char *why = cli_value(args, "--why"), *reason = cli_value(args, "--reason");
	struct incident in = {0};
	struct change_list changes = {0};
	struct error err = {0};
	int64_t number = 0;
	enum status st;

	if (!ref || !arg)
		return usage_error("change", "say what: change propose REF TEXT, or change approve|reject REF N --reason TEXT");
	if (strcmp(verb, "propose") != 0 && !(number = parse_number(arg)))
		return usage_error("change", "the change is given by its number, e.g. 1, not \"%s\"", arg);
	st = store_incident_get(s->store, ref, &in, &err);
	if (!st)
		st = strcmp(verb, "propose") == 0 ?
			incident_propose_change(s->store, &in, arg, why ? why : "", &s->who, session_now(), &number, &err) :
			incident_decide_change(s->store, s->config, &in, number, strcmp(verb, "approve") == 0, reason,
					       &s->who, session_now(), &err);
	if (!st)
		st = store_changes_get(s->store, in.id, &changes, &err);
	if (st) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(st);
	}
	output_change(stdout, &in, change_list_find(&changes, number), cli_json(args));
	change_list_free(&changes);
	incident_clear(&in);
	return 0;
}

int cmd_note(struct session *s, const struct cli_args *args)
{
	const char *ref = cli_arg(args, 0), *text = cli_arg(args, 1), *kind = cli_value(args, "--kind");
	const char *witness = cli_value(args, "--witness");
	struct incident in = {0};
	struct note_list notes = {0};
	struct error err = {0};
	int64_t number = 0, id = 0;

	if (!ref || !text)
		return usage_error("note", "give the incident, --kind and the note, e.g. sirt note IR-2026-0001 "
				   "--kind log-gap \"syslog silent 02:10-02:40\"");
	if (witness && !(number = parse_number(witness)))
		return usage_error("note", "--witness takes a witness's number, not \"%s\"", witness);
	if (store_incident_get(s->store, ref, &in, &err) ||
	    incident_add_note(s->store, &in, kind, text, number, &s->who, session_now(), &id, &err) ||
	    store_notes_get(s->store, in.id, &notes, &err)) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	for (size_t i = 0; i < notes.len; i++)
		if (notes.items[i].id == id)
			output_note(stdout, &in, &notes.items[i], cli_json(args));
	note_list_free(&notes);
	incident_clear(&in);
	return 0;
}

int cmd_witness(struct session *s, const struct cli_args *args)
{
	const char *ref = cli_arg(args, 0), *name = cli_value(args, "--name"), *contact = cli_value(args, "--contact");
	const char *statement = cli_value(args, "--statement"), *interviewer = cli_value(args, "--interviewed-by");
	const char *when = cli_value(args, "--interviewed-at");
	time_t interviewed_at = 0;
	struct incident in = {0};
	struct witness_list witnesses = {0};
	struct error err = {0};
	int64_t number = 0;

	if (!ref)
		return usage_error("witness", "say: sirt witness add REF --name NAME [--contact TEXT] [--statement TEXT]");
	if (when) {
		char why[256];
		if (time_parse(when, session_now(), &interviewed_at, why, sizeof(why)) != 0)
			return usage_error("witness", "--interviewed-at %s %s", when, why);
	}
	if (store_incident_get(s->store, ref, &in, &err) ||
	    incident_add_witness(s->store, &in, name, contact ? contact : "", statement ? statement : "", interviewer,
				 interviewed_at, &s->who, session_now(), &number, &err) ||
	    store_witnesses_get(s->store, in.id, &witnesses, &err)) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	output_witness(stdout, &in, witness_list_find(&witnesses, number), cli_json(args));
	witness_list_free(&witnesses);
	incident_clear(&in);
	return 0;
}

/* "hashing disk.img: 45% of 2.7 GB" on a terminal, rewritten in place. */
static void hash_progress(uint64_t done, uint64_t total, void *ctx)
{
	const char *name = ctx;

	if (total > 0)
		fprintf(stderr, "\rhashing %s: %3d%% of %.1f MB", name, (int)(done * 100 / total), (double)total / 1e6);
	else
		fprintf(stderr, "\rhashing %s: %.1f MB", name, (double)done / 1e6);
}


/* An item read from standard input: hashed (and kept in the evidence
 * store) here, added with no path. Nothing at all is refused. */
static enum status evidence_from_stdin(struct session *s, const struct incident *in, const struct evidence_typed *t,
				       const struct evidence_reading *how, int64_t *number, struct error *err)
{
	struct evidence_read read;
	struct evidence item = {0};
	enum status st;

	if ((st = evidence_read_fd(0, how, &read, err)))
		return st;
	item.description = t->description;
	item.kind = t->kind;
	item.location = t->location;
	item.sha256 = read.sha256;
	item.size = (int64_t)read.size;
	item.corrects = parse_number(t->corrects);
	item.changing = read.changing;
	item.copy = read.copy;
	st = incident_add_evidence_item(s->store, in, &item, &s->who, session_now(), number, err);
	evidence_read_clear(&read);
	return st;
}

static int evidence_add(struct session *s, const struct cli_args *args)
{
	const char *ref = cli_arg(args, 0), *file = cli_value(args, "--file");
	const char *kind = cli_value(args, "--kind"), *location = cli_value(args, "--location");
	struct evidence_typed typed = {
		.description = (char *)cli_value(args, "--description"),
		.kind = (char *)(kind ? kind : "other"),
		.path = (char *)(file ? file : ""),
		.location = (char *)(location ? location : ""),
		.corrects = (char *)cli_value(args, "--corrects"),
	};
	bool from_stdin = cli_flag(args, "--stdin"), tty = isatty(2);
	/* How far the hashing is, on a terminal. */
	digest_progress progress = tty && (file || from_stdin) ? hash_progress : NULL;
	struct evidence_reading how = {
		.store = s->config->evidence_store, .changing = cli_flag(args, "--changing"), .progress = progress,
	};
	struct incident in = {0};
	struct evidence_register reg = {0};
	struct error err = {0};
	int64_t number = 0;
	enum status st;

	if (!ref || (file && from_stdin))
		return usage_error("evidence", "say: sirt evidence add REF --file PATH --description TEXT (or --stdin)");
	if (how.changing && !file && !from_stdin)
		return usage_error("evidence", "--changing is for an item read with --file or --stdin");
	if (typed.corrects && !parse_number(typed.corrects))
		return usage_error("evidence", "--corrects takes an item's number, not \"%s\"", typed.corrects);
	if ((st = store_incident_get(s->store, ref, &in, &err))) {
		cli_error("%s", err.message);
		return status_exit_code(st);
	}
	if (from_stdin) {
		how.ctx = (void *)"standard input";
		st = evidence_from_stdin(s, &in, &typed, &how, &number, &err);
	} else {
		/* The path was typed: shown safely while it is hashed. */
		char *shown = sanitize(typed.path, 0);

		how.ctx = shown;
		/* The same checks and hashing as the register's form. */
		st = evidence_item_add(s->store, &in, &typed, &how, &s->who, session_now(), &number, &err);
		free(shown);
	}
	if (progress)
		fputc('\n', stderr);
	if (st) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(st);
	}
	if ((st = store_evidence_get(s->store, in.id, &reg, &err))) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(st);
	}
	output_evidence(stdout, &in, &reg, evidence_register_find(&reg, number), cli_json(args));
	/* Read from a pipe and kept nowhere: only its hash is left, and
	 * verify will have nothing to check. Said, not refused. */
	if (from_stdin && !*s->config->evidence_store)
		cli_error("%s: evidence %lld: only its SHA-256 was recorded; what was read is kept nowhere, so "
			  "evidence verify has nothing to check it against (set [evidence] store = DIR in sirt.ini "
			  "to keep a copy of every item)", in.ref, (long long)number);
	evidence_register_free(&reg);
	incident_clear(&in);
	return 0;
}

/* The SHA-256 of an item's original (copy false) or stored copy, or
 * false with why. */
static bool item_hash(const struct evidence *e, bool copy, char hex[SHA256_HEX_SIZE], char *why, size_t why_size)
{
	uint64_t size;
	bool readable;

	if (copy)
		return evidence_copy_hash(e->copy, hex, &size, why, why_size) == 0;
	{
		/* The path was typed by whoever added the item: shown safely. */
		char *shown = sanitize(e->path, 0);
		readable = sha256_file(e->path, hex, &size, isatty(2) ? hash_progress : NULL, shown, why, why_size) == 0;
		free(shown);
	}
	if (isatty(2))
		fputc('\n', stderr);
	return readable;
}

static int evidence_verify(struct session *s, const struct cli_args *args)
{
	const char *ref = cli_arg(args, 0), *which = cli_arg(args, 1);
	struct incident in = {0};
	struct evidence_register reg = {0}, after = {0};
	struct error err = {0};
	int64_t only = 0;
	size_t first_check;
	int code = 0, bad = 0, checked = 0;

	if (!ref)
		return usage_error("evidence", "say: sirt evidence verify REF [N]");
	if (which && !(only = parse_number(which)))
		return usage_error("evidence", "an item is given by its number, not \"%s\"", which);
	if (store_incident_get(s->store, ref, &in, &err) || store_evidence_get(s->store, in.id, &reg, &err)) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	if (only && !evidence_register_find(&reg, only)) {
		cli_error("%s has no evidence item %lld (see sirt show %s)", in.ref, (long long)only, in.ref);
		code = 66;
	}
	first_check = reg.nchecks;
	for (size_t i = 0; code == 0 && i < reg.len; i++) {
		const struct evidence *e = &reg.items[i];

		if (only && e->number != only)
			continue;
		if (!*e->sha256 || (!*e->path && !*e->copy)) {
			if (only) {
				cli_error("evidence %lld was not read from a file and has no stored copy, so there is "
					  "nothing to verify", (long long)e->number);
				code = 65;
			}
			continue;
		}
		/* The original, then the store's copy: each on record. */
		for (int copy = 0; copy <= 1 && code == 0; copy++) {
			char hex[SHA256_HEX_SIZE], why[256];
			const char *result;
			bool readable;

			if (!*(copy ? e->copy : e->path))
				continue;
			readable = item_hash(e, copy, hex, why, sizeof(why));
			if (!readable)
				cli_error("evidence %lld: %s", (long long)e->number, why);
			if (incident_record_check(s->store, &in, e->number, readable ? hex : NULL, copy, &s->who,
						  session_now(), &result, &err)) {
				cli_error("%s", err.message);
				code = status_exit_code(err.status);
				break;
			}
			checked++;
			if (strcmp(result, "match") != 0)
				bad++;
		}
	}
	if (code == 0 && store_evidence_get(s->store, in.id, &after, &err) == STATUS_OK) {
		output_verifications(stdout, &in, &after, first_check, cli_json(args));
		if (checked == 0 && !only)
			cli_error("no evidence of %s was read from a file or stored, so there is nothing to verify", in.ref);
	}
	evidence_register_free(&reg);
	evidence_register_free(&after);
	incident_clear(&in);
	return code ? code : bad ? 65 : 0;
}

int cmd_evidence(struct session *s, const struct cli_args *args)
{
	if (strcmp(args->verb->name, "add") == 0)
		return evidence_add(s, args);
	if (strcmp(args->verb->name, "export") == 0)
		return evidence_export(s, args);
	return evidence_verify(s, args);
}

int cmd_custody(struct session *s, const struct cli_args *args)
{
	const char *ref = cli_arg(args, 0), *which = cli_arg(args, 1), *to = cli_value(args, "--to");
	const char *purpose = cli_value(args, "--purpose"), *location = cli_value(args, "--location");
	struct incident in = {0};
	struct evidence_register reg = {0};
	struct error err = {0};
	int64_t number, id = 0;

	if (!ref || !which)
		return usage_error("custody", "say: sirt custody REF N --to NAME --purpose TEXT [--location TEXT]");
	if (!(number = parse_number(which)))
		return usage_error("custody", "an item is given by its number, not \"%s\"", which);
	if (store_incident_get(s->store, ref, &in, &err) ||
	    incident_hand_over(s->store, &in, number, to, purpose, location ? location : "", &s->who, session_now(), &id,
			       &err) ||
	    store_evidence_get(s->store, in.id, &reg, &err)) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	for (size_t i = 0; i < reg.ncustody; i++)
		if (reg.custody[i].id == id)
			output_custody(stdout, &in, &reg.custody[i], cli_json(args));
	evidence_register_free(&reg);
	incident_clear(&in);
	return 0;
}

/* Overdue first, then the soonest due; met ones last. */
static int compare_rows(const void *a, const void *b)
{
	const struct deadline *x = ((const struct deadline_row *)a)->deadline;
	const struct deadline *y = ((const struct deadline_row *)b)->deadline;

	if ((x->state == DEADLINE_MET) != (y->state == DEADLINE_MET))
		return x->state == DEADLINE_MET ? 1 : -1;
	return x->due < y->due ? -1 : x->due > y->due;
}

int cmd_deadlines(struct session *s, const struct cli_args *args)
{
	struct incident_list list;
	struct incident_deadlines *all = NULL;
	struct deadline_row *rows = NULL;
	size_t nrows = 0, cap = 0;
	struct error err = {0};
	bool include_closed = cli_flag(args, "--all"), overdue = false;

	/* Closing an incident does not tell anyone: a legal deadline left
	 * unmet stays on this list until it is met. */
	if (store_incident_list(s->store, true, &list, &err) || all_deadlines(s, &list, &all, &err)) {
		cli_error("%s", err.message);
		incident_list_free(&list);
		return status_exit_code(err.status);
	}
	for (size_t i = 0; i < list.len; i++) {
		bool closed = strcmp(list.items[i].status, INCIDENT_CLOSED) == 0;

		for (size_t k = 0; k < all[i].deadlines.len; k++) {
			if (closed && !include_closed && all[i].deadlines.items[k].met)
				continue;
			GROW(rows, cap, nrows + 1);
			rows[nrows].incident = &list.items[i];
			rows[nrows++].deadline = &all[i].deadlines.items[k];
			overdue |= all[i].deadlines.items[k].state == DEADLINE_OVERDUE;
		}
	}
	if (nrows)
		qsort(rows, nrows, sizeof(*rows), compare_rows);
	output_deadlines(stdout, rows, nrows, session_now(), cli_json(args));
	free(rows);
	free_all_deadlines(all, list.len);
	incident_list_free(&list);
	return overdue ? 1 : 0;
}

int cmd_deadline(struct session *s, const struct cli_args *args)
{
	const char *ref = cli_arg(args, 0), *rule = cli_arg(args, 1), *how = cli_value(args, "--how");
	const char *party = cli_value(args, "--party"), *reference = cli_value(args, "--reference");
	const char *sent_file = cli_value(args, "--sent-file");
	struct incident in = {0};
	struct deadline_list list;
	struct deadline_met_list met;
	struct error err = {0};
	char *sent = NULL;

	if (!ref || !rule)
		return usage_error("deadline", "say: sirt deadline met REF RULE --how HOW [--party NAME]");
	/* Read before anything is written: a file refused records nothing. */
	if ((sent_file && !(sent = cli_read_sent_file(sent_file, &err))) ||
	    store_incident_get(s->store, ref, &in, &err) ||
	    incident_mark_deadline_met_sent(s->store, s->config, &in, rule, party, how, reference ? reference : "", sent,
					    &s->who, session_now(), &err) ||
	    incident_deadlines(s->store, s->config, &in, session_now(), &list, &met, &err)) {
		cli_error("%s", err.message);
		incident_clear(&in);
		free(sent);
		return status_exit_code(err.status);
	}
	free(sent);
	/* A stage named by its KEY alone is shown by its whole name. */
	{
		char *others = NULL;
		const struct deadline_rule *named = config_rule_named(s->config, rule, &others);

		free(others);
		if (named)
			rule = named->name;
	}
	for (size_t i = 0; i < list.len; i++) {
		const struct deadline *d = &list.items[i];
		if (strcmp(d->rule->name, rule) == 0 && (!party || customer_named(d->party, d->address, party))) {
			struct deadline_row row = {&in, d};
			output_deadlines(stdout, &row, 1, session_now(), cli_json(args));
		}
	}
	deadline_list_free(&list);
	deadline_met_list_free(&met);
	incident_clear(&in);
	return 0;
}

/* What is wrong with the place of a shared database named by [store]
 * path, for whoever runs the check (an operator of the group, ideally; a
 * reviewer only needs to read it). It looks, and changes nothing. */
struct place_check {
	int code;		/* 0, or the exit code for what is wrong */
	char *problem;		/* what is wrong, or NULL */
	bool enforced;		/* an enforced database's, which sirt's group opens */
	struct strlist warnings;
};

/* The place of an enforced database (sirt-security(7)), for a login
 * outside its group: sirt opens it with its group only with the
 * machine's plan, and only if that is root's alone. */
static void check_enforced_place(const struct config *config, struct place_check *out)
{
	char *untrusted = config_untrusted(config);
	struct actor who;

	identity_current(&who);
	if (untrusted)
		out->problem = xasprintf("sirt opens the enforced database %s with its group only when the machine's "
					 "plan is root's alone, but %s", config->store_path, untrusted);
	else
		out->problem = enforced_refusal(config, &who, config->store_path);
	free(untrusted);
	out->code = out->problem ? 77 : 0;
	out->enforced = !out->problem;
}

static void check_store_place(const struct config *config, struct place_check *out)
{
	struct error err = {0};
	struct actor who;

	identity_current(&who);
	/* A plan checked with --config or SIRT_CONFIG (before it is
	 * installed, say) is not the machine's: an enforced database is
	 * never opened with it, and its place is not looked at. */
	if (privilege_guards(config->store_path) && !config->nsystem) {
		strlist_add_owned(&out->warnings,
				  xasprintf("%s is an enforced database, which sirt opens only with the machine's "
					    "configuration (/etc/sirt): not looked at with this one", config->store_path));
		return;
	}
	if (privilege_guards(config->store_path)) {
		check_enforced_place(config, out);
		return;
	}
	if (store_check_place(config->store_path, only_reviews(config, &who), false, &out->warnings, &err)) {
		out->problem = xstrdup(err.message);
		out->code = status_exit_code(err.status);
	} else if (access(config->store_path, F_OK) != 0) {
		out->problem = xasprintf("there is no database at %s yet: an administrator makes it with sirt init "
					 "--shared DIR --group GROUP (or correct the path)",
					 config->store_path);
		out->code = 66;
	}
}

static void print_sanitized(char *line)
{
	char *safe = sanitize(line, 0);

	printf("%s\n", safe);
	free(safe);
	free(line);
}

/* The plan's summary line: "PATH, LAYER ...: ok: 4 categories, ...". */
static char *check_summary(const struct config *config)
{
	struct strbuf sb = {0};
	size_t dirlen = strlen(config->forms_dir);

	for (size_t i = 0; i < config->layers.len; i++)
		strbuf_printf(&sb, "%s%s", i ? ", " : "", config->layers.items[i]);
	strbuf_printf(&sb, ": ok: %zu categor%s, %zu procedure%s, %zu contact%s, %zu deadline%s, forms intake, "
		      "lead, triage, report and review in %s",
		      config->ncategories, config->ncategories == 1 ? "y" : "ies",
		      config->nprocedures, config->nprocedures == 1 ? "" : "s", config->ncontacts,
		      config->ncontacts == 1 ? "" : "s", config->ndeadlines, config->ndeadlines == 1 ? "" : "s",
		      config->forms_dir);
	for (size_t i = 0; config->forms[i]; i++)
		if (strncmp(config->forms[i]->path, config->forms_dir, dirlen) != 0 ||
		    config->forms[i]->path[dirlen] != '/')
			strbuf_printf(&sb, " (%s from %s)", config->forms[i]->key, config->forms[i]->path);
	strbuf_printf(&sb, ", restoration list %s%s", config->restoration->path,
		      config->is_sample ? " (the built-in sample plan)" : "");
	return strbuf_take(&sb);
}

/* A regime loaded: "regime nis2 (PATH): TITLE; stages nis2.early-warning
 * (Early warning), ...", and its own calendar's zone if it has one. */
static char *check_regime(const struct config *config, const struct regime *r)
{
	struct strbuf sb = {0};
	size_t n = 0;

	strbuf_printf(&sb, "regime %s (%s): %s", r->name, r->path, r->title);
	if (r->has_own_calendar)
		strbuf_printf(&sb, " [its own calendar%s%s]", *r->calendar->zone ? ", " : "", r->calendar->zone);
	for (size_t i = 0; i < config->ndeadlines; i++)
		if (config->deadlines[i].regime == r)
			strbuf_printf(&sb, "%s%s (%s)", n++ ? ", " : "; stages ", config->deadlines[i].name,
				      config->deadlines[i].title);
	if (!n)
		strbuf_puts(&sb, "; no stages");
	return strbuf_take(&sb);
}

/* What the text says, as JSON: the problems by file and line, what the
 * plan holds, and how the database's place stands. */
static void check_json(const struct config_layers *layers, const struct diag_list *diags,
		       const struct config *config, const struct place_check *place, const char *you)
{
	struct strbuf sb = {0};
	struct json j;

	cli_json_begin(&j, &sb);
	json_key(&j, "config");
	json_string(&j, layers->files.len ? layers->files.items[0] : "");
	json_key(&j, "layers");
	json_array_begin(&j);
	for (size_t i = 0; i < layers->files.len; i++)
		json_string(&j, layers->files.items[i]);
	json_array_end(&j);
	json_key(&j, "sample");
	json_bool(&j, layers->is_sample);
	json_key(&j, "ok");
	json_bool(&j, config && !place->problem);
	json_key(&j, "problems");
	json_array_begin(&j);
	for (size_t i = 0; i < diags->len; i++) {
		json_object_begin(&j);
		json_key(&j, "file");
		json_string(&j, diags->items[i].file);
		json_key(&j, "line");
		if (diags->items[i].line > 0)
			json_int(&j, diags->items[i].line);
		else
			json_null(&j);
		json_key(&j, "message");
		json_string(&j, diags->items[i].message);
		json_object_end(&j);
	}
	json_array_end(&j);
	if (config) {
		json_key(&j, "categories");
		json_int(&j, (int64_t)config->ncategories);
		json_key(&j, "procedures");
		json_int(&j, (int64_t)config->nprocedures);
		json_key(&j, "contacts");
		json_int(&j, (int64_t)config->ncontacts);
		json_key(&j, "deadlines");
		json_int(&j, (int64_t)config->ndeadlines);
		json_key(&j, "regimes");
		json_array_begin(&j);
		for (size_t i = 0; i < config->nregimes; i++) {
			const struct regime *r = &config->regimes[i];

			json_object_begin(&j);
			json_key(&j, "name");
			json_string(&j, r->name);
			json_key(&j, "title");
			json_string(&j, r->title);
			json_key(&j, "path");
			json_string(&j, r->path);
			json_key(&j, "stages");
			json_array_begin(&j);
			for (size_t k = 0; k < config->ndeadlines; k++)
				if (config->deadlines[k].regime == r)
					json_string(&j, config->deadlines[k].name);
			json_array_end(&j);
			json_object_end(&j);
		}
		json_array_end(&j);
		json_key(&j, "forms");
		json_object_begin(&j);
		for (size_t i = 0; config->forms[i]; i++) {
			json_key(&j, config->forms[i]->key);
			json_string(&j, config->forms[i]->path);
		}
		json_object_end(&j);
		json_key(&j, "restoration");
		json_string(&j, config->restoration->path);
		json_key(&j, "you");
		json_string(&j, you);
		json_key(&j, "store_elsewhere");
		json_string(&j, config->store_elsewhere);
		json_key(&j, "store");
		if (config->store_path && *config->store_path) {
			json_object_begin(&j);
			json_key(&j, "path");
			json_string(&j, config->store_path);
			json_key(&j, "ok");
			json_bool(&j, !place->problem);
			json_key(&j, "enforced");
			json_bool(&j, place->enforced);
			json_key(&j, "problem");
			json_string(&j, place->problem);
			json_key(&j, "warnings");
			json_array_begin(&j);
			for (size_t i = 0; i < place->warnings.len; i++)
				json_string(&j, place->warnings.items[i]);
			json_array_end(&j);
			json_object_end(&j);
		} else {
			json_null(&j);
		}
	}
	cli_json_print(&j, &sb);
}

int cli_check(const struct config_layers *layers, const struct cli_args *args)
{
	struct diag_list diags = {0};
	struct place_check place = {0};
	struct config *config = config_load_layers(layers, &diags);
	bool json = cli_json(args);
	int code = config ? 0 : 78;
	char *you = NULL;

	if (config) {
		struct actor who;

		identity_current(&who);
		/* An enforced database has no default role for anyone. */
		if (config->nsystem && config->store_path && privilege_guards(config->store_path) && who.uid != 0 &&
		    !roles_named(config, &who))
			you = xasprintf("you (%s) are: nobody here: [roles] names the logins of an enforced database, "
					"and its default is for nobody", who.login);
		else
			you = roles_said(config, &who);
	}
	if (config && config->store_path && *config->store_path)
		check_store_place(config, &place);
	/* The report asked for, problems and summary alike, on standard
	 * output in the order found; standard error is for what stops it. */
	if (json)
		check_json(layers, &diags, config, &place, you);
	for (size_t i = 0; i < diags.len && !json; i++)
		print_sanitized(diag_format(&diags.items[i]));
	if (!config) {
		if (!json)
			printf("%zu problem%s found in the plan's configuration (fix %s at the file:line above)\n",
			       diags.len, diags.len == 1 ? "" : "s", diags.len == 1 ? "it" : "each");
	} else {
		if (!json) {
			print_sanitized(check_summary(config));
			for (size_t i = 0; i < config->nregimes; i++)
				print_sanitized(check_regime(config, &config->regimes[i]));
			/* Who this is, and a database other than the system's,
			 * before the place is looked at. */
			print_sanitized(xasprintf("%s", you));
			if (config->store_elsewhere)
				print_sanitized(xasprintf("WARNING: %s", config->store_elsewhere));
		}
		if (place.problem) {
			if (!json)
				print_sanitized(xasprintf("[store] path: %s", place.problem));
			code = place.code;
		} else if (config->store_path && *config->store_path && !json) {
			print_sanitized(xasprintf("[store] path %s: %s", config->store_path,
						  place.enforced ? "enforced (only sirt, setgid to its group, opens it): ok" :
						  place.warnings.len ? "usable, but:" : "ok"));
			for (size_t i = 0; i < place.warnings.len; i++)
				print_sanitized(xasprintf("  warning: %s", place.warnings.items[i]));
		}
	}
	free(place.problem);
	strlist_free(&place.warnings);
	free(you);
	config_free(&config);
	diag_list_free(&diags);
	return code;
}

/* A write waits for another operator's: say so once, so that a script's
 * log explains a pause. */
static void say_waiting(void *ctx, bool waiting)
{
	(void)ctx;
	if (waiting)
		fputs("sirt: waiting for another operator...\n", stderr);
}

/* A write committed, but its result (the new reference, the record as
 * stored) could not be printed, on a full disk: a script that tried
 * again would record it twice. So what was saved is said on standard
 * error, with an exit code of its own. saved: the store's count of
 * commits before the command ran. */
static int said_what_was_saved(struct session *s, size_t saved, int code)
{
	struct strlist refs = {0};
	struct strbuf which = {0};
	struct error err = {0};
	size_t total = 0;
	int why;

	if (code != 0 || store_saved_count(s->store) == saved)
		return code;
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return code;
	why = errno;
	/* A reader that went away (sirt new | true) is not a failure. */
	if (why == EPIPE)
		return code;
	(void)store_saved_refs(s->store, saved, 5, &refs, &total, &err);
	for (size_t i = 0; i < refs.len; i++)
		strbuf_printf(&which, "%s%s", i ? ", " : "", refs.items[i]);
	if (total > refs.len && refs.len)
		strbuf_printf(&which, " and %zu more", total - refs.len);
	if (refs.len)
		cli_error("%s: saved, but the output could not be written%s%s (do not run the command again: see what "
			  "was saved with sirt show %s)", strbuf_str(&which), why ? ": " : "", why ? strerror(why) : "",
			  refs.items[0]);
	else
		cli_error("saved, but the output could not be written%s%s (do not run the command again: what it "
			  "recorded is in the database)", why ? ": " : "", why ? strerror(why) : "");
	strbuf_free(&which);
	strlist_free(&refs);
	return status_exit_code(STATUS_UNPRINTED);
}

int cli_run(struct session *s, const struct cli_args *args)
{
	const struct cli_command *c = args->command;
	enum capability needs = args->verb ? args->verb->needs : c->needs;
	const char *doing = args->verb ? args->verb->doing : c->doing;

	if (!c->run) {
		cli_error("bug: %s is not run with a database open", c->name);
		return 70;
	}
	store_on_wait(s->store, say_waiting, NULL);
	/* set and change approve|reject say what they need once they know
	 * the form or the change. */
	if (needs != CAN_NOTHING && !allowed(s, needs, doing))
		return 77;
	{
		/* --at: when it happened, for the write the command makes. */
		const char *at = NULL;

		for (const struct cli_option *o = c->options; o && o->name && !at; o++)
			if (strcmp(o->name, "--at") == 0)
				at = cli_value(args, "--at");

		if (at) {
			time_t when;
			char why[256];

			if (time_parse(at, session_now(), &when, why, sizeof(why)) != 0)
				return usage_error(c->name, "--at %s: %s", at, why);
			if (when > session_now())
				return usage_error(c->name, "--at %s is in the future: say when it happened", at);
			store_when(s->store, when);
		}
	}
	{
		size_t saved = store_saved_count(s->store);
		int code = args->verb && args->verb->run ? args->verb->run(s, args) : c->run(s, args);

		return said_what_was_saved(s, saved, code);
	}
}

bool allowed(struct session *s, enum capability what, const char *doing)
{
	char *why = refusal(s->config, &s->who, what, doing);

	if (!why)
		return true;
	cli_error("%s", why);
	free(why);
	return false;
}
