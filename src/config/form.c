/* Loading form definition files. */
#include "sirt/formdef.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/input.h"

const char *field_type_name(enum field_type type)
{
	switch (type) {
#define FIELD_TYPE_NAME(name, text, help) case FIELD_##name: return text;
	SIRT_FIELD_TYPES(FIELD_TYPE_NAME)
#undef FIELD_TYPE_NAME
	}
	return "?";
}

bool field_type_multiline(enum field_type type)
{
	return type == FIELD_MULTILINE || type == FIELD_CUSTOMERS;
}

static bool field_type_parse(const char *text, enum field_type *out)
{
#define FIELD_TYPE_PARSE(name, str, help) \
	if (strcmp(text, str) == 0) { *out = FIELD_##name; return true; }
	SIRT_FIELD_TYPES(FIELD_TYPE_PARSE)
#undef FIELD_TYPE_PARSE
	return false;
}

char *definition_key(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 4 && strcmp(base + len - 4, ".ini") == 0)
		len -= 4;
	return xstrndup(base, len);
}

bool definition_key_valid(const char *key)
{
	if (!*key)
		return false;
	for (const char *p = key; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
			return false;
	return true;
}

const char *prefill_source_label(const char *source)
{
#define PREFILL_MATCH(name, label, what) if (strcmp(source, name) == 0) return label;
	SIRT_PREFILL_SOURCES(PREFILL_MATCH)
#undef PREFILL_MATCH
	return NULL;
}

static const char *const form_keys[] = {"title", "help", NULL};
static const char *const field_keys[] = {"label", "type", "required", "help", "choices",
					 "default", "note", "max", "from", NULL};

static void load_field(const struct ini_file *ini, const struct ini_section *sec, struct field_def *f,
		       struct diag_list *diags)
{
	const char *name = sec->name;
	const char *type = ini_get(ini, name, "type");
	const char *max = ini_get(ini, name, "max");

	f->key = xstrdup(name + strlen("field."));
	f->line = sec->line;
	if (!definition_key_valid(f->key))
		diag_add(diags, ini->path, sec->line,
			 "field key \"%s\" may use only a-z, 0-9, '_' and '-'", f->key);
	ini_check_keys(ini, name, field_keys, diags);
	ini_require(ini, name, "label", diags);
	f->label = xstrdup(ini_get(ini, name, "label") ? ini_get(ini, name, "label") : f->key);
	f->help = xstrdup(ini_get(ini, name, "help"));
	f->default_value = xstrdup(ini_get(ini, name, "default"));
	f->required = ini_get_bool(ini, name, "required", false, diags);
	f->has_note = ini_get_bool(ini, name, "note", false, diags);
	f->type = FIELD_TEXT;
	if (type && !field_type_parse(type, &f->type)) {
		struct strbuf known = {0};
#define FIELD_TYPE_LIST(n, str, help) strbuf_printf(&known, "%s%s", known.len ? ", " : "", str);
		SIRT_FIELD_TYPES(FIELD_TYPE_LIST)
#undef FIELD_TYPE_LIST
		diag_add(diags, ini->path, ini_entry(ini, name, "type")->line,
			 "field \"%s\" has unknown type \"%s\" (known types: %s)", f->key, type,
			 strbuf_str(&known));
		strbuf_free(&known);
	}
	if (f->type == FIELD_YESNO) {
		strlist_split(&f->choices, "yes, no, unknown");
	} else if (f->type == FIELD_CHOICE) {
		strlist_split(&f->choices, ini_get(ini, name, "choices"));
		if (f->choices.len < 2)
			diag_add(diags, ini->path, sec->line,
				 "choice field \"%s\" needs at least two choices, e.g. choices = minimal, serious, critical",
				 f->key);
	} else if (ini_get(ini, name, "choices")) {
		diag_add(diags, ini->path, ini_entry(ini, name, "choices")->line,
			 "\"choices\" applies to choice fields only, and \"%s\" is a %s field", f->key,
			 field_type_name(f->type));
	}
	/* A default must be a value the field accepts ("now" for times). */
	if (*f->default_value) {
		const struct ini_entry *e = ini_entry(ini, name, "default");
		bool ok = true;

		if (f->type == FIELD_DATETIME)
			ok = strcmp(f->default_value, "now") == 0;
		else if (f->type == FIELD_CHOICE || f->type == FIELD_YESNO)
			ok = strlist_find(&f->choices, f->default_value) >= 0;
		if (!ok)
			diag_add(diags, ini->path, e->line, "default \"%s\" of field \"%s\" is not one of its values (%s)",
				 f->default_value, f->key,
				 f->type == FIELD_DATETIME ? "a datetime field's default can only be now" : "see its choices");
	}
	if (ini_get(ini, name, "from")) {
		f->from_line = ini_entry(ini, name, "from")->line;
		strlist_split(&f->from, ini_get(ini, name, "from"));
		for (size_t i = 0; i < f->from.len; i++) {
			const char *src = f->from.items[i];
			if (src[0] == '@' ? !prefill_source_label(src) : !definition_key_valid(src))
				diag_add(diags, ini->path, f->from_line,
					 "\"%s\" in \"from\" of field \"%s\" is neither a field key nor one of %s", src,
					 f->key, PREFILL_SOURCES);
		}
	}
	if (max) {
		char *end;
		long n = strtol(max, &end, 10);
		if (*end || n < 1 || n > INPUT_FIELD_CEILING)
			diag_add(diags, ini->path, ini_entry(ini, name, "max")->line,
				 "\"max\" must be a number of bytes from 1 to %d, not \"%s\"", INPUT_FIELD_CEILING, max);
		else
			f->max_length = (size_t)n;
	}
}

struct form_def *form_def_load(const char *path, struct diag_list *diags)
{
	struct ini_file ini;
	struct form_def *form;
	size_t cap = 0;

	if (!ini_read(path, &ini, diags)) {
		ini_free(&ini);
		return NULL;
	}
	form = xcalloc(1, sizeof(*form));
	form->key = definition_key(path);
	form->path = xstrdup(path);
	if (!ini_section(&ini, "form"))
		diag_add(diags, path, 0, "a form file needs a [form] section with its title");
	ini_check_keys(&ini, "form", form_keys, diags);
	form->title = xstrdup(ini_get(&ini, "form", "title") ? ini_get(&ini, "form", "title") : form->key);
	form->help = xstrdup(ini_get(&ini, "form", "help"));
	for (size_t i = 0; i < ini.nsections; i++) {
		const struct ini_section *sec = &ini.sections[i];

		if (strcmp(sec->name, "form") == 0)
			continue;
		if (!str_starts_with(sec->name, "field.")) {
			diag_add(diags, path, sec->line,
				 "unknown section [%s] (a form has [form] and [field.KEY] sections)", sec->name);
			continue;
		}
		GROW(form->fields, cap, form->nfields + 1);
		memset(&form->fields[form->nfields], 0, sizeof(form->fields[0]));
		load_field(&ini, sec, &form->fields[form->nfields], diags);
		form->nfields++;
	}
	if (form->nfields == 0)
		diag_add(diags, path, 0, "form has no fields; add [field.KEY] sections");
	ini_free(&ini);
	return form;
}

void form_def_free(struct form_def **pform)
{
	struct form_def *form = *pform;

	if (!form)
		return;
	for (size_t i = 0; i < form->nfields; i++) {
		struct field_def *f = &form->fields[i];
		free(f->key);
		free(f->label);
		free(f->help);
		free(f->default_value);
		strlist_free(&f->choices);
		strlist_free(&f->from);
	}
	free(form->fields);
	free(form->key);
	free(form->path);
	free(form->title);
	free(form->help);
	FREE(pform);
}

const struct field_def *form_def_field(const struct form_def *form, const char *key)
{
	for (size_t i = 0; i < form->nfields; i++)
		if (strcmp(form->fields[i].key, key) == 0)
			return &form->fields[i];
	return NULL;
}
