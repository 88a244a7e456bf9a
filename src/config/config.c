/* Loading the INI config and the form and procedure files it names. */
#include "sirt/config.h"
#include "config_internal.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sirt/digest.h"
#include "sirt/identity.h"
#include "sirt/json.h"
#include "sirt/money.h"
#include "sirt/timefmt.h"
#include "sirt_build.h"

/* $SIRT_DATA_DIR is for a build that is not installed (the tests, make
 * run, meson devenv): its data are in the source tree. */
const char *config_sample_dir(void)
{
	const char *env = getenv("SIRT_DATA_DIR");

	return env && *env ? env : SIRT_DATA_DIR;
}

/* What to do when a file of the sample is not in the sample directory. */
#define SAMPLE_MISSING \
	"the built-in sample plan is missing: reinstall sirt; a build that is not installed finds it where " \
	"SIRT_DATA_DIR says, the source tree (make run and meson devenv set it)"

static bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* The machine's own configuration. Test builds (meson -Dtest_clock=true)
 * let the tests point it elsewhere, so that a machine's /etc/sirt does
 * not change what they see. */
static const char *system_config(void)
{
#if SIRT_TEST_CLOCK
	const char *test = getenv("SIRT_TEST_SYSTEM_CONFIG");

	if (test && *test)
		return test;
#endif
	return "/etc/sirt/sirt.ini";
}

/* The machine's layers beside it: /etc/sirt/sirt.d (in tests, beside
 * the file they name instead). */
static char *system_layers_dir(void)
{
	const char *file = system_config(), *slash = strrchr(file, '/');

	return xasprintf("%.*s/sirt.d", slash ? (int)(slash - file) : 1, slash ? file : ".");
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every NAME.ini in dir, in name order (bytes, as ls in the C locale):
 * the order an administrator numbers them in, 10-org.ini before 20-roles.ini. */
static void add_layer_dir(struct config_layers *layers, const char *dir)
{
	struct strlist names = {0};
	struct dirent *ent;
	DIR *d = opendir(dir);

	if (!d) {
		if (errno != ENOENT)
			diag_add(&layers->problems, dir, 0,
				 "cannot read the directory of configuration layers: %s (let sirt's users read it)",
				 strerror(errno));
		return;
	}
	while ((ent = readdir(d))) {
		size_t len = strlen(ent->d_name);

		if (ent->d_name[0] != '.' && len > 4 && strcmp(ent->d_name + len - 4, ".ini") == 0)
			strlist_add(&names, ent->d_name);
	}
	closedir(d);
	if (names.len)
		qsort(names.items, names.len, sizeof(char *), compare_names);
	for (size_t i = 0; i < names.len; i++)
		strlist_add_owned(&layers->files, xasprintf("%s/%s", dir, names.items[i]));
	strlist_free(&names);
}

void config_locate(const char *option, struct config_layers *layers)
{
	const char *env = getenv("SIRT_CONFIG");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	char *home, *path = NULL;

	memset(layers, 0, sizeof(*layers));
	if ((option && *option) || (env && *env)) {
		strlist_add(&layers->files, option && *option ? option : env);
		return;
	}
	if (file_exists(system_config()))
		strlist_add(&layers->files, system_config());
	path = system_layers_dir();
	add_layer_dir(layers, path);
	free(path);
	layers->nsystem = layers->files.len;
	/* No home at all: no personal layer, rather than one under the
	 * current directory. */
	home = xdg && *xdg ? NULL : identity_home();
	if (xdg && *xdg)
		path = xasprintf("%s/sirt/sirt.ini", xdg);
	else if (home)
		path = xasprintf("%s/.config/sirt/sirt.ini", home);
	else
		path = NULL;
	free(home);
	if (path && file_exists(path))
		strlist_add_owned(&layers->files, path);
	else
		free(path);
	if (layers->files.len == 0 && layers->problems.len == 0) {
		layers->is_sample = true;
		strlist_add_owned(&layers->files, xasprintf("%s/data/plan-a.ini", config_sample_dir()));
	}
}

void config_layers_free(struct config_layers *layers)
{
	strlist_free(&layers->files);
	diag_list_free(&layers->problems);
	layers->nsystem = 0;
}

/* Whether two database paths name one file. */
static bool same_database(const char *a, const char *b)
{
	char *real_a, *real_b;
	bool same;

	if (strcmp(a, b) == 0)
		return true;
	if (!*a || !*b)
		return false;
	real_a = realpath(a, NULL);
	real_b = realpath(b, NULL);
	same = real_a && real_b && strcmp(real_a, real_b) == 0;
	free(real_a);
	free(real_b);
	return same;
}

/* What the layers after the machine's do to [store] path: NULL if they
 * leave it as the machine's layers have it (system_value, set at
 * system_at; NULL, and system_at their files, if they do not set it). */
static char *store_elsewhere(const struct ini_file *merged, const char *system_value, const char *system_at)
{
	const struct ini_entry *e = ini_entry(merged, "store", "path");
	struct strbuf sb = {0};

	if (!e || same_database(e->value, system_value ? system_value : ""))
		return NULL;
	strbuf_puts(&sb, "another database than the system's: ");
	if (*e->value)
		strbuf_printf(&sb, "%s (%s:%d sets it)", e->value, e->file, e->line);
	else
		strbuf_printf(&sb, "each login's own, since %s:%d empties [store] path", e->file, e->line);
	if (system_value && *system_value)
		strbuf_printf(&sb, ", not %s (%s)", system_value, system_at);
	else
		strbuf_printf(&sb, ", not each login's own (no [store] path in %s)", system_at);
	strbuf_puts(&sb, "; what is recorded there is not where the team looks (remove that line to use the "
		    "system's database)");
	return strbuf_take(&sb);
}

bool config_read_layers(const struct config_layers *layers, struct ini_file *out, char **elsewhere,
			struct diag_list *diags)
{
	char *system_value = NULL, *system_at = NULL;
	bool ok = layers->problems.len == 0 && layers->files.len > 0;

	for (size_t i = 0; i < layers->problems.len; i++)
		diag_add(diags, layers->problems.items[i].file, layers->problems.items[i].line, "%s",
			 layers->problems.items[i].message);
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < layers->files.len; i++) {
		struct ini_file layer;

		if (!ini_read(layers->files.items[i], &layer, diags))
			ok = false;
		else if (i == 0) {
			*out = layer;
			memset(&layer, 0, sizeof(layer));
		} else if (ok) {
			ini_merge(out, &layer);
		}
		ini_free(&layer);
		if (ok && i + 1 == layers->nsystem) {
			const struct ini_entry *e = ini_entry(out, "store", "path");

			system_value = e ? xstrdup(e->value) : NULL;
			if (e) {
				system_at = xasprintf("%s:%d", e->file, e->line);
			} else {
				struct strbuf files = {0};

				for (size_t k = 0; k <= i; k++)
					strbuf_printf(&files, "%s%s", k ? ", " : "", layers->files.items[k]);
				system_at = strbuf_take(&files);
			}
		}
	}
	if (!ok) {
		ini_free(out);
	} else if (elsewhere) {
		*elsewhere = layers->nsystem && layers->nsystem < layers->files.len ?
				     store_elsewhere(out, system_value, system_at) : NULL;
	}
	free(system_value);
	free(system_at);
	return ok;
}

const char *config_section_file(const struct config *c, const char *section)
{
	const char *file = c->path;
	size_t layer = 0;

	for (size_t i = 0; c->settings && i < c->settings->len; i++) {
		const struct ini_entry *e = &c->settings->entries[i];

		if (strcmp(e->section, section) != 0)
			continue;
		for (size_t k = layer; k < c->settings->files.len; k++)
			if (c->settings->files.items[k] == e->file) {
				layer = k;
				file = e->file;
			}
	}
	return file;
}

/* Whether file is one of the machine's layers. */
static bool system_layer(const struct config *c, const char *file)
{
	for (size_t i = 0; i < c->nsystem && i < c->layers.len; i++)
		if (strcmp(c->layers.items[i], file) == 0)
			return true;
	return false;
}

bool config_store_from_system(const struct config *c)
{
	const struct ini_entry *e = c->settings ? ini_entry(c->settings, "store", "path") : NULL;

	return e && *e->value && system_layer(c, e->file);
}

void config_foreign_keys(const struct config *c, struct strlist *out)
{
	for (size_t i = 0; c->settings && i < c->settings->len; i++) {
		const struct ini_entry *e = &c->settings->entries[i];

		if (!system_layer(c, e->file))
			strlist_add_owned(out, xasprintf("%s:%d sets [%s] %s", e->file, e->line, e->section, e->key));
	}
}

/* What is wrong with path as a file of the machine's plan: NULL, or
 * why anyone but root could change it. A directory's link is followed
 * (/etc/sirt may be one); so is a file's, and its target is checked. */
static char *untrusted(const char *path, const char *what)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return NULL;	/* said where the file is read */
	if (st.st_uid != 0)
		return xasprintf("%s %s belongs to uid %u, not root: whoever owns it could change the plan (chown "
				 "root %s)", what, path, (unsigned)st.st_uid, path);
	/* In a sticky directory (/tmp), nobody else can replace root's. */
	if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !(S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX)))
		return xasprintf("%s %s may be changed by %s (chmod go-w %s)", what, path,
				 st.st_mode & S_IWOTH ? "anyone" : "its group", path);
	return NULL;
}

/* untrusted() for each directory above path as written: a link in one
 * that someone else may write could be pointed elsewhere once checked. */
static char *untrusted_way(const char *path)
{
	char *way = xstrdup(path), *why = NULL;

	for (char *slash = strrchr(way, '/'); !why && slash && slash > way; slash = strrchr(way, '/')) {
		*slash = '\0';
		why = untrusted(way, "the directory");
	}
	free(way);
	return why;
}

/* untrusted() for path and each directory above it, as written and as
 * its links lead. */
static char *untrusted_path(const char *path, const char *what)
{
	char *real = realpath(path, NULL), *why = NULL;

	if (!real)
		return NULL;
	why = untrusted(real, what);
	if (!why)
		why = untrusted_way(path);
	for (char *slash = strrchr(real, '/'); !why && slash; slash = strrchr(real, '/')) {
		*slash = '\0';
		why = untrusted(*real ? real : "/", "the directory");
		if (!*real)
			break;
	}
	free(real);
	return why;
}

/* The enforced database's place: its directory root's, written by
 * sirt's group alone (sirt init --enforce makes it 2770), and every
 * directory above it root's alone; whoever could rename one of them
 * could put a database of their own where everyone's sirt looks. */
static char *untrusted_store(const char *path)
{
	char *dir, *real, *slash, *why = NULL;
	struct stat st;

	if (path[0] != '/')
		return xasprintf("[store] path %s is not an absolute path: it would be taken from the directory sirt "
				 "is started in (give the whole path)", path);
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	*(slash == dir ? slash + 1 : slash) = '\0';
	real = realpath(dir, NULL);
	if (real && stat(real, &st) == 0 && (st.st_uid != 0 || (st.st_mode & S_IWOTH)))
		why = xasprintf("the database's directory %s %s (sirt init --shared %s --group GROUP --enforce, run "
				"as root, sets it right)", real, st.st_uid != 0 ? "does not belong to root" :
				"may be changed by anyone", real);
	if (!why)
		why = untrusted_way(dir);
	if (!why && real && (slash = strrchr(real, '/')) && slash != real) {
		*slash = '\0';
		why = untrusted_path(real, "the directory");
	}
	free(real);
	free(dir);
	return why;
}

char *config_untrusted(const struct config *c)
{
	char *why = NULL;

	for (size_t i = 0; !why && i < c->nsystem && i < c->layers.len; i++)
		why = untrusted_path(c->layers.items[i], "the configuration file");
	if (!why && c->store_path && *c->store_path)
		why = untrusted_store(c->store_path);
	if (!why && c->forms_dir && *c->forms_dir)
		why = untrusted_path(c->forms_dir, "the forms directory");
	if (!why && c->procedures_dir && *c->procedures_dir)
		why = untrusted_path(c->procedures_dir, "the procedures directory");
	if (!why) {
		const struct ini_entry *e = c->settings ? ini_entry(c->settings, "sirt", "restoration") : NULL;
		char *list = e && *e->value ? config_resolve(e->file, e->value) : config_default("sirt", "restoration");

		if (list && *list)
			why = untrusted_path(list, "the restoration list");
		free(list);
	}
	/* Each form and procedure the plan was read from, wherever a key
	 * put it ([forms] NAME = FILE names one outside the directory). */
	for (size_t i = 0; !why && i < sizeof(c->forms) / sizeof(c->forms[0]) && c->forms[i]; i++)
		why = untrusted_path(c->forms[i]->path, "the form");
	for (size_t i = 0; !why && i < c->nprocedures; i++)
		why = untrusted_path(c->procedures[i]->path, "the procedure");
	/* Each file in them: one of someone else's among root's would do. */
	for (int d = 0; !why && d < 2; d++) {
		const char *dir = d ? c->procedures_dir : c->forms_dir;
		struct dirent *ent;
		DIR *dh = dir && *dir ? opendir(dir) : NULL;

		while (dh && !why && (ent = readdir(dh))) {
			char *file;

			if (ent->d_name[0] == '.')
				continue;
			file = xasprintf("%s/%s", dir, ent->d_name);
			why = untrusted(file, d ? "the procedure" : "the form");
			free(file);
		}
		if (dh)
			closedir(dh);
	}
	return why;
}

bool currency_valid(const char *code)
{
	return money_currency_known(code);
}

const struct form_def *config_form(const struct config *c, const char *name)
{
	for (size_t i = 0; c->forms[i]; i++)
		if (strcmp(c->forms[i]->key, name) == 0)
			return c->forms[i];
	return NULL;
}

/* A relative path in the config is relative to the directory of the
 * file (the layer) that set it. */
static char *resolve_dir(const char *config_path, const char *dir)
{
	const char *slash = strrchr(config_path, '/');

	if (dir[0] == '/' || !slash)
		return xstrdup(dir);
	return xasprintf("%.*s/%s", (int)(slash - config_path), config_path, dir);
}

char *config_resolve(const char *file, const char *path)
{
	return resolve_dir(file, path);
}

/* What a key is when no layer sets it (or sets it empty): one table for
 * the loader and for sirt config. "@" stands for the sample directory. */
const char *const config_defaulted[] = {
	"sirt", "organisation", "Security office",
	"sirt", "hotline_label", "24/7",
	"sirt", "ref_prefix", "IR",
	"sirt", "currency", "USD",
	"sirt", "forms", "@/forms",
	"sirt", "procedures", "@/data/procedures",
	"sirt", "restoration", "@/data/restoration/plan-a.ini",
	"sirt", "timezone", "",
	"sirt", "regimes", "",
	"calendar", "weekend", "sat, sun",
	"calendar", "holidays", "",
	"store", "path", "",
	"evidence", "store", "",
	"roles", "default", "lead",
	NULL,
};

char *config_default(const char *section, const char *key)
{
	for (size_t i = 0; config_defaulted[i]; i += 3)
		if (strcmp(config_defaulted[i], section) == 0 && strcmp(config_defaulted[i + 1], key) == 0)
			return config_defaulted[i + 2][0] == '@' ?
				       xasprintf("%s%s", config_sample_dir(), config_defaulted[i + 2] + 1) :
				       xstrdup(config_defaulted[i + 2]);
	return xstrdup("");
}

/* A key's value, else its default. */
static char *setting(const struct ini_file *ini, const char *section, const char *key)
{
	const char *v = ini_get(ini, section, key);

	return v && *v ? xstrdup(v) : config_default(section, key);
}

void diag_key(struct diag_list *diags, const struct ini_file *ini, const char *section, const char *key,
		     const char *fmt, ...)
{
	const struct ini_entry *e = ini_entry(ini, section, key);
	struct strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	diag_add(diags, e ? e->file : ini->path, e ? e->line : 0, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
}

static const char *const sirt_keys[] = {"organisation", "hotline", "hotline_label", "ref_prefix",
					"forms", "procedures", "restoration", "currency", "timezone", "regimes", NULL};
/* The forms sirt knows, in the order screens and reports show them. */
static const char *const form_names[] = {"intake", "lead", "triage", "report", "review", NULL};
static const char *const store_keys[] = {"path", NULL};
static const char *const evidence_keys[] = {"store", NULL};
static const char *const procedures_keys[] = {"order", NULL};
static const char *const escalation_keys[] = {"order", NULL};
static const char *const roles_keys[] = {
#define ROLE_KEY(name, key, one, what) key,
	SIRT_ROLES(ROLE_KEY)
#undef ROLE_KEY
	"default", NULL};
static const char *const role_names[] = {
#define ROLE_NAME(name, key, one, what) one,
	SIRT_ROLES(ROLE_NAME)
#undef ROLE_NAME
};

const char *role_name(enum role role)
{
	return role < ROLE_COUNT ? role_names[role] : "";
}

const char *role_key(enum role role)
{
	return role < ROLE_COUNT ? roles_keys[role] : "";
}

/* [roles]: each role's logins, and the default role. */
static void load_roles(struct config *c, const struct ini_file *ini, struct diag_list *diags)
{
	/* Without a default, everyone may do all but approve changes: a
	 * small office where the whole team does everything (the table). */
	char *def = setting(ini, "roles", "default");
	int found = -1;

	ini_check_keys(ini, "roles", roles_keys, diags);
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct ini_entry *e = ini_entry(ini, "roles", roles_keys[r]);

		strlist_split(&c->roles[r], e ? e->value : NULL);
		if (r == ROLE_IMPORTER)
			c->importers_set = e != NULL;
		for (size_t i = 0; i < c->roles[r].len; i++)
			if (strpbrk(c->roles[r].items[i], " \t"))
				diag_add(diags, e->file, e->line,
					 "\"%s\" is not a login: separate the logins of [roles] %s with commas",
					 c->roles[r].items[i], roles_keys[r]);
	}
	/* Importing is given by name (or to the leads), never to everyone
	 * the config does not name. */
	for (int r = 0; r < ROLE_COUNT; r++)
		if (r != ROLE_IMPORTER && strcmp(def, role_names[r]) == 0)
			found = r;
	c->default_role = found < 0 ? ROLE_LEAD : (enum role)found;
	if (found < 0)
		diag_key(diags, ini, "roles", "default",
			 "default role \"%s\" is none of operator, responder, lead, manager, reviewer", def);
	free(def);
}
static const char *const contact_keys[] = {"name", "role", "phone", "email", "login", NULL};

/* A directory the config names must exist: say so at its line. */
static void check_dir(const struct ini_file *ini, const char *key, const char *dir, struct diag_list *diags)
{
	struct stat st;
	const struct ini_entry *e = ini_entry(ini, "sirt", key);

	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		diag_add(diags, e ? e->file : ini->path, e ? e->line : 0, "the %s directory %s does not exist (%s)", key,
			 dir, e ? "a relative path is taken from the directory of the file that sets it" : SAMPLE_MISSING);
}

static char *value_or(const struct ini_file *ini, const char *section, const char *key, const char *fallback)
{
	const char *v = ini_get(ini, section, key);
	return xstrdup(v && *v ? v : fallback);
}

/* [customers]: one customer a key, its value a customer line
 * (sirt/customer.h); the key is only a handle. */
static void load_customers(struct config *c, const struct ini_file *ini, struct diag_list *diags)
{
	for (size_t i = 0; i < ini->len; i++) {
		const struct ini_entry *e = &ini->entries[i];
		struct customer cust;
		char why[200];

		if (strcmp(e->section, "customers") != 0)
			continue;
		if (!customer_line_parse(e->value, &cust, why, sizeof(why))) {
			diag_add(diags, e->file, e->line, "customer \"%s\"%s%s (e.g. Contoso Ltd <security@contoso.example.org> "
				 "aka: Contoso domains: contoso.example.net)", e->key, strncmp(why, "is not", 6) ? ": " : " ",
				 why);
			continue;
		}
		customer_list_add(&c->customers, &cust);
		customer_clear(&cust);
	}
}

/* [report] customer_includes: words of SIRT_CUSTOMER_INCLUDES, or none. */
static void load_report(struct config *c, const struct ini_file *ini, struct diag_list *diags)
{
	static const char *const report_keys[] = {"customer_includes", NULL};
	static const char *const words[] = {
#define CUSTOMER_INCLUDES_WORD(name, word, help) word,
		SIRT_CUSTOMER_INCLUDES(CUSTOMER_INCLUDES_WORD)
#undef CUSTOMER_INCLUDES_WORD
	};
	const struct ini_entry *e = ini_entry(ini, "report", "customer_includes");
	struct strlist given = {0};

	ini_check_keys(ini, "report", report_keys, diags);
	if (!e)
		return;
	strlist_split(&given, e->value);
	for (size_t i = 0; i < given.len; i++) {
		size_t k = 0;

		while (k < sizeof(words) / sizeof(words[0]) && strcmp(words[k], given.items[i]) != 0)
			k++;
		if (k < sizeof(words) / sizeof(words[0]))
			c->customer_includes |= 1u << k;
		else if (strcmp(given.items[i], "none") != 0)
			diag_add(diags, e->file, e->line, "customer_includes names \"%s\": it takes step-notes, logins, "
				 "approvals (separated by commas) or none", given.items[i]);
	}
	strlist_free(&given);
}

static void load_sections(struct config *c, const struct ini_file *ini, struct diag_list *diags)
{
	size_t ccap = 0, kcap = 0;

	for (size_t i = 0; i < ini->nsections; i++) {
		const struct ini_section *sec = &ini->sections[i];
		const char *n = sec->name;

		if (!strcmp(n, "sirt") || !strcmp(n, "store") || !strcmp(n, "evidence") || !strcmp(n, "categories") || !strcmp(n, "forms") ||
		    !strcmp(n, "procedures") || !strcmp(n, "escalation") || !strcmp(n, "roles") ||
		    !strcmp(n, "customers") || !strcmp(n, "report") || !strcmp(n, "calendar") ||
		    str_starts_with(n, "deadline."))
			continue;
		if (str_starts_with(n, "contact.")) {
			struct contact *ct;

			GROW(c->contacts, kcap, c->ncontacts + 1);
			ct = &c->contacts[c->ncontacts++];
			ct->id = xstrdup(n + strlen("contact."));
			ini_check_keys(ini, n, contact_keys, diags);
			ini_require(ini, n, "name", diags);
			ct->name = value_or(ini, n, "name", ct->id);
			ct->role = value_or(ini, n, "role", "");
			ct->phone = value_or(ini, n, "phone", "");
			ct->email = value_or(ini, n, "email", "");
			ct->login = value_or(ini, n, "login", "");
			continue;
		}
		diag_add(diags, sec->file, sec->line,
			 "unknown section [%s] (known: [sirt], [store], [evidence], [forms], [categories], [procedures], [escalation], [roles], [customers], [report], [calendar], [contact.ID], [deadline.NAME])",
			 n);
	}
	/* Categories are the keys of [categories] in file order, highest first. */
	for (size_t i = 0; i < ini->len; i++) {
		const struct ini_entry *e = &ini->entries[i];
		struct category *cat;

		if (strcmp(e->section, "categories") != 0)
			continue;
		if (!definition_key_valid(e->key))
			diag_add(diags, e->file, e->line, "category key \"%s\" may use only a-z, 0-9, '_' and '-'",
				 e->key);
		if (!*e->value)
			diag_add(diags, e->file, e->line, "category \"%s\" needs a description after '='", e->key);
		GROW(c->categories, ccap, c->ncategories + 1);
		cat = &c->categories[c->ncategories++];
		cat->key = xstrdup(e->key);
		cat->label = xstrdup(e->value);
	}
	if (c->ncategories == 0) {
		const struct ini_section *sec = ini_section(ini, "categories");
		diag_add(diags, sec ? sec->file : ini->path, sec ? sec->line : 0,
			 "the category list is empty; list the categories under [categories], highest first");
	}
}

static void load_escalation(struct config *c, const struct ini_file *ini, struct diag_list *diags)
{
	const struct ini_entry *order = ini_entry(ini, "escalation", "order");

	if (!order)
		return;
	strlist_split(&c->escalation, order->value);
	for (size_t i = 0; i < c->escalation.len; i++)
		if (!config_contact(c, c->escalation.items[i]))
			diag_add(diags, order->file, order->line,
				 "escalation order names \"%s\", but there is no [contact.%s] section",
				 c->escalation.items[i], c->escalation.items[i]);
}

/* The procedure keys to offer: [procedures] order, else every file. */
static void procedure_keys(const struct config *c, const struct ini_file *ini, struct strlist *keys,
			   struct diag_list *diags)
{
	const char *order = ini_get(ini, "procedures", "order");
	DIR *dir;
	struct dirent *ent;

	if (order) {
		strlist_split(keys, order);
		return;
	}
	dir = opendir(c->procedures_dir);
	if (!dir) {
		const struct ini_entry *e = ini_entry(ini, "sirt", "procedures");
		char why[128];

		/* strerror_r (GNU's): this runs on main.c's second thread. */
		diag_add(diags, e ? e->file : ini->path, e ? e->line : 0, "cannot read the procedures directory %s: %s",
			 c->procedures_dir, strerror_r(errno, why, sizeof(why)));
		return;
	}
	while ((ent = readdir(dir))) {
		size_t len = strlen(ent->d_name);
		if (len > 4 && ent->d_name[0] != '.' && strcmp(ent->d_name + len - 4, ".ini") == 0)
			strlist_add_owned(keys, xstrndup(ent->d_name, len - 4));
	}
	closedir(dir);
	qsort(keys->items, keys->len, sizeof(char *), compare_names);
}

static void load_procedures(struct config *c, const struct ini_file *ini, struct diag_list *diags)
{
	struct strlist keys = {0};
	const struct ini_entry *order = ini_entry(ini, "procedures", "order");

	procedure_keys(c, ini, &keys, diags);
	c->procedures = xcalloc(keys.len ? keys.len : 1, sizeof(*c->procedures));
	for (size_t i = 0; i < keys.len; i++) {
		char *path = xasprintf("%s/%s.ini", c->procedures_dir, keys.items[i]);

		if (strcmp(keys.items[i], "none") == 0)
			diag_add(diags, order ? order->file : ini->path, order ? order->line : 0,
				 "\"none\" is reserved for \"no procedure applies\"; name the procedure otherwise");
		else if (config_procedure(c, keys.items[i]))
			diag_add(diags, order ? order->file : ini->path, order ? order->line : 0,
				 "procedure \"%s\" is listed twice", keys.items[i]);
		else if (!file_exists(path))
			diag_add(diags, order ? order->file : ini->path, order ? order->line : 0,
				 "procedure \"%s\" is listed, but %s does not exist", keys.items[i], path);
		else {
			struct procedure_def *p = procedure_def_load(path, diags);
			if (p)
				c->procedures[c->nprocedures++] = p;
		}
		free(path);
	}
	if (keys.len == 0)
		diag_add(diags, order ? order->file : ini->path, order ? order->line : 0,
			 "no procedures: list them in [procedures] order or put files in %s", c->procedures_dir);
	strlist_free(&keys);
}

/* The restoration list (R16): [sirt] restoration, else the sample's. */
static void load_restoration(struct config *c, const struct ini_file *ini, struct diag_list *diags)
{
	const struct ini_entry *e = ini_entry(ini, "sirt", "restoration");
	char *path = e && *e->value ? resolve_dir(e->file, e->value) : config_default("sirt", "restoration");

	if (!file_exists(path))
		diag_add(diags, e ? e->file : ini->path, e ? e->line : 0, "the restoration list %s does not exist (%s)",
			 path, e ? "a relative path is taken from the directory of the file that sets it" : SAMPLE_MISSING);
	else
		c->restoration = procedure_def_load(path, diags);
	/* Its steps are recorded beside the procedure's, whose keys may be
	 * the same ("preserve-evidence"): they get a prefix of their own. */
	for (size_t i = 0; c->restoration && i < c->restoration->nsteps; i++) {
		char *key = xasprintf("%s%s", RESTORATION_KEY_PREFIX, c->restoration->steps[i].key);
		free(c->restoration->steps[i].key);
		c->restoration->steps[i].key = key;
	}
	free(path);
}

/* A form's file: [forms] NAME (relative to the config), else NAME.ini in
 * the forms directory. Its key is the form's name whatever the file is
 * called, since stored values are filed under it. */
static struct form_def *load_form(const struct config *c, const struct ini_file *ini, const char *name,
				  const char *const needed[], struct diag_list *diags)
{
	const struct ini_entry *e = ini_entry(ini, "forms", name);
	const char *file = e ? e->value : NULL;
	char *path = file && *file ? resolve_dir(e->file, file) : xasprintf("%s/%s.ini", c->forms_dir, name);
	struct form_def *form;

	if (file && *file && !file_exists(path)) {
		diag_key(diags, ini, "forms", name,
			 "the %s form %s does not exist (a relative path is taken from the directory of the file that "
			 "sets it)", name, path);
		free(path);
		return NULL;
	}
	form = form_def_load(path, diags);
	if (form) {
		free(form->key);
		form->key = xstrdup(name);
	}
	for (size_t i = 0; form && needed[i]; i++)
		if (!form_def_field(form, needed[i]))
			diag_add(diags, path, 0, "the %s form needs a field \"%s\" ([field.%s])", name, needed[i],
				 needed[i]);
	free(path);
	return form;
}

/* Fields that sirt itself relies on (issue contracts). */
static const char *const intake_needed[] = {"caller_name", "call_time", "caller_contact", "nature",
					    "involved", "location", "detected_how", "first_noticed",
					    "title", NULL};
static const char *const lead_needed[] = {"business_critical", "severity", "customers_affected",
					  "target_system", "target_os", "target_ip", "target_location",
					  "attacker_origin", NULL};
static const char *const triage_needed[] = {"real", "in_progress", "type", "data_threatened",
					    "business_impact", "systems_targeted",
					    "inside_trusted_network", "urgent", "quickly_contained",
					    "alerts_attacker", NULL};
/* The incident report's items that both plans have (R18). "effective"
 * (plan B) and "data_disclosed" (plan B's report to each customer, R19)
 * are used when the form has them. */
static const char *const report_needed[] = {"how_discovered", "category", "how_occurred", "attack_origin",
					    "response_plan", "actions_taken", NULL};
static const char *const review_needed[] = {NULL};

/* A field key in "from" must name a field of the first three forms, and
 * keys must be unique across forms: the command line and the deadlines
 * name fields by key alone. */
static void check_fields(const struct config *c, struct diag_list *diags)
{
	const struct form_def *const *forms = c->forms;

	for (size_t i = 0; forms[i]; i++) {
		for (size_t k = 0; k < forms[i]->nfields; k++) {
			const struct field_def *f = &forms[i]->fields[k];

			for (size_t j = 0; j < i; j++)
				if (form_def_field(forms[j], f->key))
					diag_add(diags, forms[i]->path, f->line,
						 "field \"%s\" is in the %s form already: a key may be in one form only",
						 f->key, forms[j]->key);
			for (size_t n = 0; n < f->from.len; n++) {
				const char *src = f->from.items[n];
				bool found = src[0] == '@';

				for (size_t j = 0; j < 3 && !found; j++)
					found = form_def_field(forms[j], src) != NULL;
				if (!found)
					diag_add(diags, forms[i]->path, f->from_line,
						 "\"%s\" in \"from\" of field \"%s\" is not a field of the intake, lead or triage form",
						 src, f->key);
			}
		}
	}
}

/* A directory [sirt] KEY names, relative to the layer that set it; else
 * the sample's. */
static char *sirt_dir(const struct ini_file *ini, const char *key)
{
	const struct ini_entry *e = ini_entry(ini, "sirt", key);

	return e && *e->value ? resolve_dir(e->file, e->value) : config_default("sirt", key);
}

struct config *config_load_plan(const struct config_layers *layers, struct diag_list *diags)
{
	struct config *c;
	struct ini_file ini;
	size_t before = diags->len;
	char *elsewhere = NULL;

	if (layers->is_sample && layers->files.len && !file_exists(layers->files.items[0])) {
		diag_add(diags, layers->files.items[0], 0, "cannot read: %s", SAMPLE_MISSING);
		return NULL;
	}
	if (!config_read_layers(layers, &ini, &elsewhere, diags))
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->path = xstrdup(ini.path);
	for (size_t i = 0; i < layers->files.len; i++)
		strlist_add(&c->layers, layers->files.items[i]);
	c->nsystem = layers->nsystem;
	c->is_sample = layers->is_sample;
	c->store_elsewhere = elsewhere;
	ini_check_keys(&ini, "sirt", sirt_keys, diags);
	ini_check_keys(&ini, "store", store_keys, diags);
	ini_check_keys(&ini, "evidence", evidence_keys, diags);
	ini_check_keys(&ini, "procedures", procedures_keys, diags);
	ini_check_keys(&ini, "escalation", escalation_keys, diags);
	load_roles(c, &ini, diags);
	ini_require(&ini, "sirt", "hotline", diags);
	c->organisation = setting(&ini, "sirt", "organisation");
	c->hotline = setting(&ini, "sirt", "hotline");
	c->hotline_label = setting(&ini, "sirt", "hotline_label");
	c->ref_prefix = setting(&ini, "sirt", "ref_prefix");
	if (strlen(c->ref_prefix) > 16 ||
	    strspn(c->ref_prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") !=
		    strlen(c->ref_prefix))
		diag_key(diags, &ini, "sirt", "ref_prefix",
			 "ref_prefix must be 1 to 16 letters or digits (A-Z, a-z, 0-9), not \"%s\"", c->ref_prefix);
	c->currency = setting(&ini, "sirt", "currency");
	if (!currency_valid(c->currency))
		diag_key(diags, &ini, "sirt", "currency",
			 "currency must be a code of ISO 4217 in capitals, such as USD or EUR, not \"%s\"", c->currency);
	ini_check_keys(&ini, "forms", form_names, diags);
	c->store_path = setting(&ini, "store", "path");
	c->evidence_store = setting(&ini, "evidence", "store");
	if (*c->evidence_store && c->evidence_store[0] != '/')
		diag_key(diags, &ini, "evidence", "store",
			 "[evidence] store %s is not an absolute path: it would be taken from the directory sirt is "
			 "started in (give the whole path)", c->evidence_store);
	c->forms_dir = sirt_dir(&ini, "forms");
	c->procedures_dir = sirt_dir(&ini, "procedures");

	load_sections(c, &ini, diags);
	config_calendar_load(c, &ini, diags);
	load_customers(c, &ini, diags);
	load_report(c, &ini, diags);
	load_escalation(c, &ini, diags);
	check_dir(&ini, "forms", c->forms_dir, diags);
	check_dir(&ini, "procedures", c->procedures_dir, diags);
	c->settings = xmalloc(sizeof(*c->settings));
	*c->settings = ini;
	if (diags->len > before)
		config_free(&c);
	return c;
}

bool config_load_rest(struct config *c, struct diag_list *diags)
{
	const struct ini_file *ini = c->settings;
	size_t before = diags->len;

	c->intake = load_form(c, ini, "intake", intake_needed, diags);
	c->triage = load_form(c, ini, "triage", triage_needed, diags);
	c->lead = load_form(c, ini, "lead", lead_needed, diags);
	c->report = load_form(c, ini, "report", report_needed, diags);
	c->review = load_form(c, ini, "review", review_needed, diags);
	load_procedures(c, ini, diags);
	load_restoration(c, ini, diags);
	if (c->intake && c->triage && c->lead && c->report && c->review) {
		const struct form_def *all[] = {c->intake, c->lead, c->triage, c->report, c->review, NULL};

		memcpy(c->forms, all, sizeof(all));
		check_fields(c, diags);
		config_rules_load(c, ini, diags);
	}
	return diags->len == before && c->intake && c->triage && c->lead && c->report && c->review && c->restoration;
}

struct config *config_load_layers(const struct config_layers *layers, struct diag_list *diags)
{
	struct config *c = config_load_plan(layers, diags);

	if (c && !config_load_rest(c, diags))
		config_free(&c);
	return c;
}

struct config *config_load(const char *path, bool is_sample, struct diag_list *diags)
{
	struct config_layers one = {.is_sample = is_sample};
	struct config *c;

	strlist_add(&one.files, path);
	c = config_load_layers(&one, diags);
	config_layers_free(&one);
	return c;
}

void config_identity(const struct config *c, char **paths, char hex[SHA256_HEX_SIZE])
{
	struct strbuf list = {0}, contents = {0};
	bool whole = true;

	strbuf_putc(&list, '[');
	for (size_t i = 0; i < c->layers.len; i++) {
		FILE *f = fopen(c->layers.items[i], "r");
		char chunk[8192];
		size_t n;

		if (i)
			strbuf_putc(&list, ',');
		json_escape(&list, c->layers.items[i]);
		if (!f) {
			whole = false;
			continue;
		}
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			strbuf_add(&contents, chunk, n);
		whole &= !ferror(f);
		fclose(f);
	}
	strbuf_putc(&list, ']');
	*paths = strbuf_take(&list);
	if (whole)
		sha256_hex(contents.len ? strbuf_str(&contents) : "", contents.len, hex);
	else
		hex[0] = '\0';
	strbuf_free(&contents);
}

void config_free(struct config **pc)
{
	struct config *c = *pc;

	if (!c)
		return;
	customer_list_free(&c->customers);
	for (size_t i = 0; i < c->ncategories; i++) {
		free(c->categories[i].key);
		free(c->categories[i].label);
	}
	for (size_t i = 0; i < c->ncontacts; i++) {
		struct contact *ct = &c->contacts[i];
		free(ct->id);
		free(ct->name);
		free(ct->role);
		free(ct->phone);
		free(ct->email);
		free(ct->login);
	}
	for (size_t i = 0; i < c->nprocedures; i++)
		procedure_def_free(&c->procedures[i]);
	free(c->procedures);
	free(c->categories);
	free(c->contacts);
	strlist_free(&c->escalation);
	for (int r = 0; r < ROLE_COUNT; r++)
		strlist_free(&c->roles[r]);
	form_def_free(&c->intake);
	form_def_free(&c->triage);
	form_def_free(&c->lead);
	form_def_free(&c->report);
	form_def_free(&c->review);
	procedure_def_free(&c->restoration);
	config_rules_free(c);
	free(c->path);
	free(c->organisation);
	free(c->hotline);
	free(c->hotline_label);
	free(c->ref_prefix);
	free(c->store_path);
	free(c->evidence_store);
	free(c->currency);
	free(c->forms_dir);
	free(c->procedures_dir);
	if (c->settings) {
		ini_free(c->settings);
		free(c->settings);
	}
	strlist_free(&c->layers);
	free(c->store_elsewhere);
	FREE(pc);
}

const struct category *config_category(const struct config *c, const char *key)
{
	int rank = config_category_rank(c, key);
	return rank < 0 ? NULL : &c->categories[rank];
}

int config_category_rank(const struct config *c, const char *key)
{
	for (size_t i = 0; key && i < c->ncategories; i++)
		if (strcmp(c->categories[i].key, key) == 0)
			return (int)i;
	return -1;
}

const struct procedure_def *config_procedure(const struct config *c, const char *key)
{
	for (size_t i = 0; key && i < c->nprocedures; i++)
		if (strcmp(c->procedures[i]->key, key) == 0)
			return c->procedures[i];
	return NULL;
}

const struct field_def *config_field(const struct config *c, const char *key)
{
	for (size_t i = 0; c->forms[i]; i++) {
		const struct field_def *f = form_def_field(c->forms[i], key);
		if (f)
			return f;
	}
	return NULL;
}

const struct deadline_rule *config_deadline(const struct config *c, const char *name)
{
	for (size_t i = 0; i < c->ndeadlines; i++)
		if (strcmp(c->deadlines[i].name, name) == 0)
			return &c->deadlines[i];
	return NULL;
}

const struct contact *config_contact(const struct config *c, const char *id)
{
	for (size_t i = 0; i < c->ncontacts; i++)
		if (strcmp(c->contacts[i].id, id) == 0)
			return &c->contacts[i];
	return NULL;
}
