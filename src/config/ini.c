/* Reading INI files: our own line scan for diagnostics, iniparser for the
 * values. The scan mirrors iniparser 4.1's rules (see DESIGN.md) so that
 * what it accepts is exactly what iniparser will read. */
#include "sirt/ini.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iniparser/iniparser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sirt/input.h"
#include "sirt/mem.h"

void diag_add(struct diag_list *diags, const char *file, int line, const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	GROW(diags->items, diags->cap, diags->len + 1);
	diags->items[diags->len].file = xstrdup(file);
	diags->items[diags->len].line = line;
	diags->items[diags->len].message = strbuf_take(&sb);
	diags->len++;
}

void diag_list_free(struct diag_list *diags)
{
	for (size_t i = 0; i < diags->len; i++) {
		free(diags->items[i].file);
		free(diags->items[i].message);
	}
	FREE(&diags->items);
	diags->len = diags->cap = 0;
}

char *diag_format(const struct diag *d)
{
	if (d->line > 0)
		return xasprintf("%s:%d: %s", d->file, d->line, d->message);
	return xasprintf("%s: %s", d->file, d->message);
}

static char *lowercase(char *s)
{
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

/* The file being read into ini: the last of its files. */
static const char *current_file(const struct ini_file *ini)
{
	return ini->files.items[ini->files.len - 1];
}

static void add_section(struct ini_file *ini, const char *name, int line)
{
	GROW(ini->sections, ini->sections_cap, ini->nsections + 1);
	ini->sections[ini->nsections].name = lowercase(xstrdup(name));
	ini->sections[ini->nsections].file = current_file(ini);
	ini->sections[ini->nsections].line = line;
	ini->nsections++;
}

/* The slot of section and key: theirs, or the empty one where they go. */
static size_t *entry_slot(const struct ini_file *ini, const char *section, const char *key)
{
	/* Section, a NUL, key. */
	size_t mask = ini->nslots - 1, i = str_hash(str_hash(FNV_START, section) * 16777619u, key) & mask;

	for (;; i = (i + 1) & mask) {
		const struct ini_entry *e = ini->slots[i] ? &ini->entries[ini->slots[i] - 1] : NULL;

		if (!e || (strcmp(e->key, key) == 0 && strcmp(e->section, section) == 0))
			return &ini->slots[i];
	}
}

static void index_entries(struct ini_file *ini)
{
	free(ini->slots);
	ini->nslots = 64;
	while (ini->nslots < 2 * ini->len)
		ini->nslots *= 2;
	ini->slots = xcalloc(ini->nslots, sizeof(*ini->slots));
	for (size_t i = 0; i < ini->len; i++)
		*entry_slot(ini, ini->entries[i].section, ini->entries[i].key) = i + 1;
}

static void add_entry(struct ini_file *ini, const char *section, const char *key, int line)
{
	GROW(ini->entries, ini->cap, ini->len + 1);
	ini->entries[ini->len].section = xstrdup(section);
	ini->entries[ini->len].key = lowercase(xstrdup(key));
	ini->entries[ini->len].value = NULL;
	ini->entries[ini->len].file = current_file(ini);
	ini->entries[ini->len].line = line;
	ini->len++;
	if (2 * ini->len > ini->nslots)
		index_entries(ini);
	else
		*entry_slot(ini, section, ini->entries[ini->len - 1].key) = ini->len;
}

/* Checks one logical line (continuations already joined). Returns false on
 * a syntax error, which makes iniparser reject the whole file, or on a
 * line iniparser would read as something else than it says. */
static bool scan_line(struct ini_file *ini, char *line, int lineno, char **section,
		      struct diag_list *diags)
{
	size_t len;
	char *eq, *value;

	str_trim(line);
	len = strlen(line);
	if (len == 0 || line[0] == ';' || line[0] == '#')
		return true;
	if (line[0] == '[' && line[len - 1] == ']') {
		char *name = xstrndup(line + 1, len - 2);
		const struct ini_section *seen;

		lowercase(str_trim(name));
		/* iniparser ends the name at the first ']', keeps the section
		 * before for "[]", and files a key as "section:key". */
		if (!*name || strpbrk(name, "]:")) {
			if (!*name)
				diag_add(diags, ini->path, lineno, "a section needs a name between '[' and ']'");
			else
				diag_add(diags, ini->path, lineno,
					 "section name [%s] holds '%c', which iniparser cannot read in a name; rename the section",
					 name, *strpbrk(name, "]:"));
			free(name);
			return false;
		}
		seen = ini_section(ini, name);
		if (seen)
			diag_add(diags, ini->path, lineno, "duplicate section [%s] (first at line %d)",
				 name, seen->line);
		else
			add_section(ini, name, lineno);
		free(*section);
		*section = name;
		return true;
	}
	eq = strchr(line, '=');
	if (!eq || eq == line) {
		diag_add(diags, ini->path, lineno,
			 "syntax error: expected \"key = value\", \"[section]\" or a comment");
		return false;
	}
	*eq = '\0';
	str_trim(line);
	if (!*line) {
		diag_add(diags, ini->path, lineno, "syntax error: a key is missing before '='");
		return false;
	}
	lowercase(line);
	value = str_trim(eq + 1);
	if (!*section) {
		diag_add(diags, ini->path, lineno, "key \"%s\" is outside any section; put it under a [section]",
			 line);
		*section = xstrdup("");
	}
	if (strstr(value, ",,") || (value[0] == ',') || (*value && value[strlen(value) - 1] == ','))
		diag_add(diags, ini->path, lineno, "the list in \"%s\" has an empty item; remove the extra comma",
			 line);
	if (value[0] != '"' && value[0] != '\'') {
		char *cut = strpbrk(value, ";#");
		if (cut)
			diag_add(diags, ini->path, lineno,
				 "value of \"%s\" is cut at an unquoted '%c'; put the value in double quotes",
				 line, *cut);
	} else {
		/* iniparser 4.1 ends a quoted value at the next such quote (a
		 * backslash does not escape it) and drops what follows. */
		const char *close = strchr(value + 1, value[0]);
		const char *rest = close ? close + 1 : NULL;

		while (rest && isspace((unsigned char)*rest))
			rest++;
		if (!close)
			diag_add(diags, ini->path, lineno, "value of \"%s\" has no closing %c; end it with one", line,
				 value[0]);
		else if (*rest && *rest != ';' && *rest != '#')
			diag_add(diags, ini->path, lineno,
				 "value of \"%s\" ends at the second %c, and \"%s\" after it would be lost; a quoted "
				 "value cannot hold its own quote (use the other kind around it)",
				 line, value[0], rest);
	}
	{
		const struct ini_entry *seen = ini_entry(ini, *section, line);
		if (seen)
			diag_add(diags, ini->path, lineno,
				 "duplicate key \"%s\" in [%s] (first at line %d); only one value would be kept",
				 line, *section, seen->line);
		else
			add_entry(ini, *section, line, lineno);
	}
	return true;
}

/* Collects what iniparser prints, so nothing reaches the terminal raw. */
static struct diag_list *iniparser_diags;
static const char *iniparser_path;

static int iniparser_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int iniparser_error(const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	if (iniparser_diags) {
		char *msg = strbuf_take(&sb);
		for (char *p = msg; *p; p++)
			if (*p == '\n')
				*p = ' ';
		diag_add(iniparser_diags, iniparser_path, 0, "iniparser: %s", str_trim(msg + (str_starts_with(msg, "iniparser: ") ? 11 : 0)));
		free(msg);
	}
	strbuf_free(&sb);
	return 0;
}

static bool scan_file(struct ini_file *ini, FILE *f, struct diag_list *diags)
{
	struct strbuf logical = {0};
	char *section = NULL;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0, start = 0;
	bool ok = true;
	char why[96];

	while ((n = getline(&buf, &cap, f)) >= 0) {
		size_t len = (size_t)n;

		lineno++;
		if (len && buf[len - 1] == '\n')
			buf[--len] = '\0';
		if (lineno == 1 && len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
			diag_add(diags, ini->path, 1,
				 "the file starts with a byte-order mark, which iniparser reads as text; save it as UTF-8 without one");
			ok = false;
			/* Check the rest of the line as it was meant. */
			memmove(buf, buf + 3, len - 2);
			len -= 3;
		}
		if (len > INI_MAX_LINE) {
			diag_add(diags, ini->path, lineno,
				 "line is %zu bytes long; iniparser reads at most %d (shorten it)", len,
				 INI_MAX_LINE);
			ok = false;
			continue;
		}
		if (memchr(buf, '\0', len)) {
			diag_add(diags, ini->path, lineno, "line contains a NUL byte");
			ok = false;
			continue;
		}
		/* What the plan says is copied into records (a category's or a
		 * step's title): held to what every record's text is. */
		if (!input_text_check(buf, len, INPUT_ONE_LINE, INI_MAX_LINE, why, sizeof(why)))
			diag_add(diags, ini->path, lineno, "line %s (save the file as UTF-8)", why);
		if (!logical.len)
			start = lineno;
		while (len && isspace((unsigned char)buf[len - 1]))
			buf[--len] = '\0';
		/* iniparser joins a line ending in a backslash with the next. */
		if (len && buf[len - 1] == '\\') {
			strbuf_add(&logical, buf, len - 1);
			if (logical.len > INI_MAX_LINE) {
				diag_add(diags, ini->path, start,
					 "continued line is %zu bytes long; iniparser reads at most %d (shorten it)",
					 logical.len, INI_MAX_LINE);
				ok = false;
				strbuf_reset(&logical);
			}
			continue;
		}
		strbuf_add(&logical, buf, len);
		if (!scan_line(ini, logical.data, start, &section, diags))
			ok = false;
		strbuf_reset(&logical);
	}
	/* iniparser drops a last line that asks to be joined with the next. */
	if (logical.len) {
		diag_add(diags, ini->path, start,
			 "the last line ends in a backslash, which joins it to a next line that is not there; "
			 "iniparser would drop it (remove the backslash)");
		ok = false;
	}
	free(buf);
	free(section);
	strbuf_free(&logical);
	return ok;
}

bool ini_read(const char *path, struct ini_file *ini, struct diag_list *diags)
{
	dictionary *dict;
	FILE *f;
	bool ok;

	memset(ini, 0, sizeof(*ini));
	ini->path = xstrdup(path);
	strlist_add(&ini->files, path);
	/* Opened without waiting (a FIFO would block here, and /dev/zero
	 * would be read for ever): only a regular file is read. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;

	f = NULL;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !(f = fdopen(fd, "r"))) {
		char why[128];

		if (fd >= 0 && !f && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode))
			diag_add(diags, path, 0, "is not a regular file (a %s): give the .ini file itself",
				 S_ISDIR(st.st_mode) ? "directory" : S_ISFIFO(st.st_mode) ? "FIFO" : "device or socket");
		else
			/* strerror_r (GNU's): this can run on main.c's second thread. */
			diag_add(diags, path, 0, "cannot read: %s", strerror_r(errno, why, sizeof(why)));
		if (fd >= 0)
			close(fd);
		return false;
	}
	ok = scan_file(ini, f, diags);
	fclose(f);
	if (!ok)
		return false;

	iniparser_diags = diags;
	iniparser_path = path;
	iniparser_set_error_callback(iniparser_error);
	dict = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	iniparser_diags = NULL;
	if (!dict)
		return false;
	/* Each value in one walk of what iniparser read ("section:key"; a
	 * section's name cannot hold ':'): iniparser finds a key by walking
	 * every key, and a file's keys one by one cost the square of them. */
	for (ssize_t i = 0; ini->nslots && i < dict->size; i++) {
		const char *full = dict->key[i], *colon = full ? strchr(full, ':') : NULL;
		char section[INI_MAX_LINE + 1];
		size_t *slot;

		if (!colon || (size_t)(colon - full) > INI_MAX_LINE || !dict->val[i])
			continue;
		memcpy(section, full, (size_t)(colon - full));
		section[colon - full] = '\0';
		slot = entry_slot(ini, section, colon + 1);
		if (*slot && !ini->entries[*slot - 1].value)
			ini->entries[*slot - 1].value = xstrdup(dict->val[i]);
	}
	for (size_t i = 0; i < ini->len; i++)
		if (!ini->entries[i].value)
			ini->entries[i].value = xstrdup("");
	iniparser_freedict(dict);
	return true;
}

void ini_free(struct ini_file *ini)
{
	for (size_t i = 0; i < ini->len; i++) {
		free(ini->entries[i].section);
		free(ini->entries[i].key);
		free(ini->entries[i].value);
	}
	for (size_t i = 0; i < ini->nsections; i++)
		free(ini->sections[i].name);
	FREE(&ini->entries);
	FREE(&ini->slots);
	ini->nslots = 0;
	FREE(&ini->sections);
	FREE(&ini->path);
	strlist_free(&ini->files);
	ini->len = ini->cap = ini->nsections = ini->sections_cap = 0;
}

void ini_merge(struct ini_file *into, const struct ini_file *layer)
{
	strlist_add(&into->files, layer->path);
	for (size_t i = 0; i < layer->nsections; i++)
		if (!ini_section(into, layer->sections[i].name))
			add_section(into, layer->sections[i].name, layer->sections[i].line);
	for (size_t i = 0; i < layer->len; i++) {
		const struct ini_entry *e = &layer->entries[i];
		struct ini_entry *over;

		if (!ini_entry(into, e->section, e->key))
			add_entry(into, e->section, e->key, e->line);
		over = &into->entries[*entry_slot(into, e->section, e->key) - 1];
		free(over->value);
		over->value = xstrdup(e->value);
		over->file = current_file(into);
		over->line = e->line;
	}
}

const struct ini_section *ini_section(const struct ini_file *ini, const char *name)
{
	for (size_t i = 0; i < ini->nsections; i++)
		if (strcmp(ini->sections[i].name, name) == 0)
			return &ini->sections[i];
	return NULL;
}

const struct ini_entry *ini_entry(const struct ini_file *ini, const char *section, const char *key)
{
	size_t *slot;

	if (!ini->nslots)
		return NULL;
	slot = entry_slot(ini, section, key);
	return *slot ? &ini->entries[*slot - 1] : NULL;
}

const char *ini_get(const struct ini_file *ini, const char *section, const char *key)
{
	const struct ini_entry *e = ini_entry(ini, section, key);
	return e ? e->value : NULL;
}

void ini_check_keys(const struct ini_file *ini, const char *section, const char *const allowed[],
		    struct diag_list *diags)
{
	for (size_t i = 0; i < ini->len; i++) {
		const struct ini_entry *e = &ini->entries[i];
		bool known = false;

		if (strcmp(e->section, section) != 0)
			continue;
		for (size_t k = 0; allowed[k] && !known; k++)
			known = strcmp(allowed[k], e->key) == 0;
		if (!known) {
			struct strbuf list = {0};
			for (size_t k = 0; allowed[k]; k++)
				strbuf_printf(&list, "%s%s", k ? ", " : "", allowed[k]);
			diag_add(diags, e->file, e->line, "unknown key \"%s\" in [%s] (known keys: %s)", e->key,
				 section, strbuf_str(&list));
			strbuf_free(&list);
		}
	}
}

bool ini_require(const struct ini_file *ini, const char *section, const char *key, struct diag_list *diags)
{
	const char *value = ini_get(ini, section, key);
	const struct ini_section *sec;

	if (value && *value)
		return true;
	sec = ini_section(ini, section);
	diag_add(diags, sec ? sec->file : ini->path, sec ? sec->line : 0, "[%s] needs a value for \"%s\"", section,
		 key);
	return false;
}

bool ini_get_bool(const struct ini_file *ini, const char *section, const char *key, bool fallback,
		  struct diag_list *diags)
{
	const struct ini_entry *e = ini_entry(ini, section, key);
	const char *v;

	if (!e || !*e->value)
		return fallback;
	v = e->value;
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1"))
		return true;
	if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "0"))
		return false;
	diag_add(diags, e->file, e->line, "\"%s\" must be yes or no, not \"%s\"", key, v);
	return fallback;
}
