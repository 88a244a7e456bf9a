/* Drafts kept in files: a line per field, tabs between its parts, and
 * tabs, newlines and backslashes in the text escaped. */
#include "sirt/draft.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sirt/digest.h"
#include "sirt/file.h"
#include "sirt/identity.h"

#define DRAFT_MAGIC "sirt-draft 1"

char *draft_dir(const char *db_path)
{
	const char *state = getenv("XDG_STATE_HOME");
	char real[PATH_MAX], hex[SHA256_HEX_SIZE], *home, *dir;
	const char *which = realpath(db_path, real) ? real : db_path;

	/* One directory per database, named by a hash of where it is. */
	sha256_hex(which, strlen(which), hex);
	hex[16] = '\0';
	if (state && *state)
		return xasprintf("%s/sirt/drafts/%s", state, hex);
	home = identity_home();
	dir = xasprintf("%s/.local/state/sirt/drafts/%s", home ? home : "", hex);
	free(home);
	return dir;
}

static void put_escaped(struct strbuf *out, const char *s)
{
	while (s && *s) {
		/* The text between two escapes in one piece: a draft of a
		 * long field is kept every few seconds while typing. */
		size_t plain = strcspn(s, "\t\n\\");

		strbuf_add(out, s, plain);
		s += plain;
		if (*s == '\t')
			strbuf_puts(out, "\\t");
		else if (*s == '\n')
			strbuf_puts(out, "\\n");
		else if (*s == '\\')
			strbuf_puts(out, "\\\\");
		else
			break;
		s++;
	}
}

/* Undoes put_escaped in place. */
static char *unescape(char *s)
{
	char *w = s;

	for (char *r = s; *r; r++) {
		if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return s;
}

/* A name's parts keep to letters, digits, '-' and '_': a reference from
 * a plan's prefix never makes a path of it. */
static void put_name_part(struct strbuf *out, const char *s)
{
	for (; *s; s++)
		strbuf_putc(out, (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
					 *s == '-' || *s == '_' ? *s : '_');
}

char *draft_name_new(const char *form, const char *ref)
{
	static unsigned counter;
	unsigned char r[8];
	struct strbuf sb = {0};

	/* Random, so that two sessions (or two machines sharing a home)
	 * never pick the same; the clock, process and a count if the kernel
	 * gives no randomness. */
	if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		unsigned long long x = (unsigned long long)time(NULL) * 1000003u ^ (unsigned long long)getpid() << 20 ^
				       ++counter;

		for (size_t i = 0; i < sizeof(r); i++)
			r[i] = (unsigned char)(x >> (8 * i));
	}
	put_name_part(&sb, form);
	strbuf_putc(&sb, '@');
	put_name_part(&sb, ref && *ref ? ref : "new");
	strbuf_putc(&sb, '.');
	for (size_t i = 0; i < sizeof(r); i++)
		strbuf_printf(&sb, "%02x", r[i]);
	return strbuf_take(&sb);
}

/* "lead@IR-2026-0001.9a0e41c2d7b3f015.draft". */
static char *file_name(const char *dir, const char *name)
{
	return xasprintf("%s/%s.draft", dir, name);
}

enum status draft_save(const char *dir, const struct draft *d, struct error *err)
{
	char *path;
	struct strbuf sb = {0};
	enum status st = STATUS_OK;

	if (!d->name || !*d->name || strchr(d->name, '/') || d->name[0] == '.')
		return error_set(err, STATUS_DATA, "a draft needs a name of its own");
	path = file_name(dir, d->name);

	strbuf_printf(&sb, DRAFT_MAGIC "\nform %s\nref %s\n", d->form, d->ref ? d->ref : "");
	for (size_t i = 0; i < d->fields.len; i++) {
		const struct field_value *v = &d->fields.items[i];

		strbuf_printf(&sb, "field\t%s\t%lld\t", v->key, (long long)v->base);
		put_escaped(&sb, v->value);
		strbuf_putc(&sb, '\t');
		put_escaped(&sb, v->note);
		strbuf_putc(&sb, '\n');
	}
	if (file_make_parents(path, 0700) != 0)
		st = error_set(err, STATUS_CANT_CREATE, "cannot keep a draft in %s: %s", dir, strerror(errno));
	else
		st = file_write(path, strbuf_str(&sb), 0600, true, err);
	strbuf_free(&sb);
	free(path);
	return st;
}

static bool draft_read(const char *path, struct draft *d)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool ok = false;
	struct stat info;

	memset(d, 0, sizeof(*d));
	if (!f)
		return false;
	if (fstat(fileno(f), &info) == 0) {
		d->saved = info.st_mtim.tv_sec;
		d->saved_nsec = info.st_mtim.tv_nsec;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		if (strcmp(line, DRAFT_MAGIC) == 0) {
			ok = true;
		} else if (ok && strncmp(line, "form ", 5) == 0) {
			d->form = xstrdup(line + 5);
		} else if (ok && strncmp(line, "ref ", 4) == 0) {
			d->ref = xstrdup(line + 4);
		} else if (ok && strncmp(line, "field\t", 6) == 0) {
			char *parts[4], *p = line + 6;
			int k = 0;

			/* strtok would merge empty parts: split by hand. */
			while (k < 4) {
				parts[k++] = p;
				p = strchr(p, '\t');
				if (!p)
					break;
				*p++ = '\0';
			}
			if (k == 4) {
				field_list_set(&d->fields, d->form ? d->form : "", parts[0], unescape(parts[2]),
					       unescape(parts[3]));
				d->fields.items[d->fields.len - 1].base = strtoll(parts[1], NULL, 10);
			}
		}
	}
	free(line);
	fclose(f);
	if (!ok || !d->form || !d->ref) {
		draft_clear(d);
		return false;
	}
	return true;
}

static int by_time(const void *a, const void *b)
{
	const struct draft *x = a, *y = b;

	if (x->saved != y->saved)
		return x->saved < y->saved ? -1 : 1;
	if (x->saved_nsec != y->saved_nsec)
		return x->saved_nsec < y->saved_nsec ? -1 : 1;
	return strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

/* A draft is written in a hidden directory ".NAME.draft.XXXXXX" and
 * moved over NAME.draft (sirt/file.h); a process killed in between leaves
 * the directory behind (an older sirt: a file of that name). One older
 * than a minute is nobody's write in progress; the drafts' directory is
 * the user's own, so nobody else's to remove. */
static void remove_stale(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct stat info;

	if (lstat(path, &info) == 0 && time(NULL) - info.st_mtime > 60) {
		if (S_ISREG(info.st_mode)) {
			unlink(path);
		} else if (S_ISDIR(info.st_mode)) {
			int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

			if (fd >= 0) {
				file_hidden_remove(fd, name);
				close(fd);
			}
		}
	}
	free(path);
}

static void remove_orphan_hold(const char *dir, const char *file);

enum status draft_list_read(const char *dir, struct draft_list *out, struct error *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	memset(out, 0, sizeof(*out));
	if (!d)
		return errno == ENOENT ? STATUS_OK :
		       error_set(err, STATUS_IO, "cannot read the drafts in %s: %s", dir, strerror(errno));
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char *path;
		struct draft draft;

		if (e->d_name[0] == '.' && strstr(e->d_name, ".draft.")) {
			remove_stale(dir, e->d_name);
			continue;
		}
		if (len > 5 && strcmp(e->d_name + len - 5, ".held") == 0 && e->d_name[0] != '.') {
			remove_orphan_hold(dir, e->d_name);
			continue;
		}
		if (len < 7 || strcmp(e->d_name + len - 6, ".draft") != 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		if (draft_read(path, &draft)) {
			draft.name = xstrndup(e->d_name, len - 6);
			GROW(out->items, out->cap, out->len + 1);
			out->items[out->len++] = draft;
		}
		free(path);
	}
	closedir(d);
	if (out->len)
		qsort(out->items, out->len, sizeof(*out->items), by_time);
	return STATUS_OK;
}

void draft_remove(const char *dir, const char *name)
{
	char *path;

	if (!name || !*name || strchr(name, '/') || name[0] == '.')
		return;
	path = file_name(dir, name);
	unlink(path);
	free(path);
	path = xasprintf("%s/%s.held", dir, name);
	unlink(path);
	free(path);
}

static int held_open(const char *dir, const char *name, bool create)
{
	char *path;
	int fd;

	if (!name || !*name || strchr(name, '/') || name[0] == '.')
		return -1;
	path = xasprintf("%s/%s.held", dir, name);
	/* In the operator's own 0700 directory; a link there is not
	 * followed all the same. */
	fd = open(path, O_RDWR | O_CLOEXEC | O_NOFOLLOW | (create ? O_CREAT : 0), 0600);
	free(path);
	return fd;
}

int draft_hold(const char *dir, const char *name)
{
	char *inside = xasprintf("%s/%s.held", dir, name ? name : "");
	int fd, made = file_make_parents(inside, 0700);

	free(inside);
	if (made != 0 || (fd = held_open(dir, name, true)) < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

void draft_release(const char *dir, const char *name, int fd)
{
	char *path;

	if (fd < 0)
		return;
	/* No draft kept under that name (nothing typed, or saved since):
	 * its lock file goes too, while still held, so that no other
	 * process has it open. */
	path = file_name(dir, name);
	if (access(path, F_OK) != 0 && errno == ENOENT) {
		char *held = xasprintf("%s/%s.held", dir, name);

		unlink(held);
		free(held);
	}
	free(path);
	close(fd);
}

/* A lock file whose draft is gone and that nobody holds (a session
 * killed before it could tidy up): removed as the drafts are listed. */
static void remove_orphan_hold(const char *dir, const char *file)
{
	size_t len = strlen(file);
	char *name = xstrndup(file, len - 5), *draft = file_name(dir, name);

	if (access(draft, F_OK) != 0 && errno == ENOENT) {
		int fd = held_open(dir, name, false);

		if (fd >= 0) {
			if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
				char *held = xasprintf("%s/%s", dir, file);

				unlink(held);
				free(held);
			}
			close(fd);
		}
	}
	free(draft);
	free(name);
}

bool draft_held(const char *dir, const char *name)
{
	int fd = held_open(dir, name, false);
	bool held;

	if (fd < 0)
		return errno != ENOENT;
	held = flock(fd, LOCK_EX | LOCK_NB) != 0;
	close(fd);
	return held;
}

static bool filled_in_by_itself(const struct form_def *form, const char *key)
{
	const struct field_def *f = form ? form_def_field(form, key) : NULL;

	return f && (f->type == FIELD_DATETIME || f->type == FIELD_CHOICE || f->type == FIELD_YESNO);
}

/* The first line of s, without the blanks around it. */
static char *first_line_of(const char *s)
{
	size_t n = 0;

	while (s[n] == ' ' || s[n] == '\n' || s[n] == '\t')
		s++;
	while (s[n] && s[n] != '\n')
		n++;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

char *draft_first_line(const struct draft *d, const struct form_def *form)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < d->fields.len; i++) {
			const struct field_value *v = &d->fields.items[i];
			/* First what was typed; a time or a choice, which a new
			 * form may hold untouched, only if nothing else is. */
			const char *texts[] = {pass == 0 && filled_in_by_itself(form, v->key) ? NULL : v->value, v->note};
			for (size_t k = 0; k < 2; k++) {
				char *line = texts[k] ? first_line_of(texts[k]) : NULL;

				if (line && *line)
					return line;
				free(line);
			}
		}
	}
	return xstrdup("");
}

void draft_clear(struct draft *d)
{
	free(d->name);
	free(d->form);
	free(d->ref);
	field_list_free(&d->fields);
	memset(d, 0, sizeof(*d));
}

void draft_list_free(struct draft_list *list)
{
	for (size_t i = 0; i < list->len; i++)
		draft_clear(&list->items[i]);
	FREE(&list->items);
	list->len = list->cap = 0;
}
