/* sirt evidence export REF DIR: an incident's evidence copied out for
 * the police or a court, each file checked against the hash on record
 * as it is copied, with SHA256SUMS (as sha256sum -c reads it) and the
 * chain of custody as text, CUSTODY.txt. DIR is new or empty and no
 * link; nothing in it is written through a link. */
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_internal.h"
#include "sirt/clock.h"
#include "sirt/digest.h"
#include "sirt/evidence.h"
#include "sirt/evidence_file.h"
#include "sirt/mem.h"
#include "sirt/sanitize.h"
#include "sirt/session.h"
#include "sirt/timefmt.h"
#include "sirt_build.h"

/* DIR opened, made (0700) when missing; -1 with the exit code in *code
 * and a message said. */
static int export_dir_open(const char *dir, int *code)
{
	struct stat info;
	struct dirent *entry;
	DIR *listing;
	int fd, copy;

	if (lstat(dir, &info) != 0) {
		if (errno == ENOENT && mkdir(dir, 0700) != 0) {
			cli_error("cannot make the directory %s: %s (give a new directory in one that exists, or an "
				  "empty one)", dir, strerror(errno));
			*code = errno == EACCES ? 77 : 73;
			return -1;
		}
	} else if (S_ISLNK(info.st_mode)) {
		cli_error("cannot export into %s: it is a symbolic link (give a new or empty directory, not a link)", dir);
		*code = 73;
		return -1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		cli_error("cannot export into %s: %s (give a new or empty directory, not a link)", dir,
			  errno == ELOOP ? "it is a symbolic link" : errno == ENOTDIR ? "it is not a directory" :
			  strerror(errno));
		*code = errno == ELOOP || errno == ENOTDIR || errno == EEXIST ? 73 : errno == EACCES ? 77 : 73;
		return -1;
	}
	copy = dup(fd);
	listing = copy >= 0 ? fdopendir(copy) : NULL;
	if (!listing) {
		if (copy >= 0)
			close(copy);
		close(fd);
		cli_error("cannot read the directory %s: %s", dir, strerror(errno));
		*code = 74;
		return -1;
	}
	while ((entry = readdir(listing)))
		if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
			break;
	closedir(listing);
	if (entry) {
		close(fd);
		cli_error("%s exists and is not empty: give a new or empty directory (nothing is overwritten)", dir);
		*code = 73;
		return -1;
	}
	return fd;
}

/* "003-auth.log": the item's number and its file's last name, in
 * letters, digits, '.', '_' and '-' only, so that SHA256SUMS needs no
 * escapes and no name leads out of DIR. */
static char *export_name(const struct evidence *e)
{
	const char *base = *e->path ? strrchr(e->path, '/') : NULL;
	char *name = xasprintf("%03lld-%s", (long long)e->number, base && base[1] ? base + 1 : "stdin");

	for (char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		      *p == '_' || *p == '-'))
			*p = '_';
	if (name[4] == '.')
		name[4] = '_';
	return name;
}

/* The item copied from its stored copy (copy) or its original to name
 * in dir and checked against its hash; NULL, or why not (and *code). */
static char *export_from(int dir, const struct evidence *e, bool copy, const char *name, int *code)
{
	const char *from = copy ? e->copy : e->path;
	char hex[SHA256_HEX_SIZE], why[256];
	uint64_t size;
	struct stat info;
	int in, out, rc;

	in = open(from, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (copy ? O_NOFOLLOW : 0));
	if (in < 0 || fstat(in, &info) != 0 || !S_ISREG(info.st_mode)) {
		char *because = xasprintf("cannot read %s: %s", from, in < 0 ? strerror(errno) : "not a regular file");

		if (in >= 0)
			close(in);
		*code = 66;
		return because;
	}
	out = openat(dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (out < 0) {
		char *because = xasprintf("cannot create %s: %s", name, strerror(errno));

		close(in);
		*code = 73;
		return because;
	}
	rc = sha256_fd_copy(in, out, (uint64_t)info.st_size, hex, &size, NULL, NULL, why, sizeof(why));
	close(in);
	if (rc != 0 || fsync(out) != 0 || fchmod(out, 0444) != 0) {
		close(out);
		unlinkat(dir, name, 0);
		*code = 74;
		return xasprintf("cannot copy %s: %s", from, rc ? why : strerror(errno));
	}
	close(out);
	if (strcmp(hex, e->sha256) != 0) {
		unlinkat(dir, name, 0);
		*code = 65;
		return xasprintf("%s now has SHA-256 %s, not the %s on record: not exported (see sirt evidence verify)",
				 from, hex, e->sha256);
	}
	return NULL;
}

/* The item from its stored copy, else (that differing or gone) from its
 * original; *from_copy says which. NULL, or why neither. */
static char *export_item(int dir, const struct evidence *e, const char *name, bool *from_copy, int *code)
{
	char *copy_failed = NULL, *failed, *both;

	*from_copy = *e->copy;
	if (*e->copy && !(copy_failed = export_from(dir, e, true, name, code)))
		return NULL;
	if (!*e->path)
		return copy_failed;
	*from_copy = false;
	if (!(failed = export_from(dir, e, false, name, code))) {
		cli_error("evidence %lld: the stored copy was not exported: %s; the original, which matches, was",
			  (long long)e->number, copy_failed);
		free(copy_failed);
		return NULL;
	}
	if (!copy_failed)
		return failed;
	both = xasprintf("stored copy: %s; original: %s", copy_failed, failed);
	free(copy_failed);
	free(failed);
	return both;
}

/* The whole of text to name in dir, read-only; 0 or -1. */
static int export_text(int dir, const char *name, const char *text)
{
	size_t len = strlen(text);
	int fd = openat(dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int rc = 0;

	if (fd < 0)
		return -1;
	if (write(fd, text, len) != (ssize_t)len || fsync(fd) != 0 || fchmod(fd, 0444) != 0)
		rc = -1;
	if (close(fd) != 0)
		rc = -1;
	return rc;
}

/* One line of the custody text: label, then stored text shown safely. */
static void custody_line(struct strbuf *sb, const char *label, const char *value)
{
	char *safe = sanitize(value ? value : "", 0);

	strbuf_puts(sb, label);
	strbuf_puts(sb, safe);
	strbuf_putc(sb, '\n');
	free(safe);
}

static void custody_item(struct strbuf *sb, const struct evidence_register *reg, const struct evidence *e,
			 const char *name, const char *failed, bool from_copy)
{
	char *safe = sanitize(e->description, 0);

	strbuf_printf(sb, "\nItem %lld: %s (%s)\n", (long long)e->number, safe, evidence_kind_label(e->kind));
	free(safe);
	if (name && !failed)
		strbuf_printf(sb, "  File here:      %s\n", name);
	else if (failed)
		custody_line(sb, "  NOT EXPORTED:   ", failed);
	else
		strbuf_puts(sb, "  File here:      none (no file was read for this item)\n");
	if (*e->sha256)
		strbuf_printf(sb, "  SHA-256:        %s\n  Size:           %lld bytes\n", e->sha256, (long long)e->size);
	strbuf_printf(sb, "  Collected:      %s by %s\n", e->collected_at, e->collected_by);
	if (*e->path)
		custody_line(sb, "  Original:       ", e->path);
	else if (*e->sha256)
		strbuf_puts(sb, "  Original:       standard input\n");
	if (*e->copy)
		custody_line(sb, "  Stored copy:    ", e->copy);
	if (name && !failed)
		strbuf_printf(sb, "  Copied from:    the %s\n", from_copy ? "stored copy" : "original");
	if (*e->changing)
		custody_line(sb, "  WARNING:        the file changed while it was hashed, so its hash is of no state "
			     "the file was ever in: ", e->changing);
	if (e->corrects)
		strbuf_printf(sb, "  Corrects item:  %lld\n", (long long)e->corrects);
	if (e->imported)
		strbuf_puts(sb, "  Imported:       from another sirt's export (see sirt show)\n");
	custody_line(sb, "  Custody:        collected by ", e->collected_by);
	for (size_t k = 0; k < reg->ncustody; k++) {
		const struct custody *h = &reg->custody[k];
		char *line;

		if (h->evidence != e->number)
			continue;
		line = xasprintf("%s handed from %s to %s: %s%s%s", h->at, h->from_who, h->to_who, h->purpose,
				 *h->location ? "; kept at " : "", h->location);
		custody_line(sb, "                  ", line);
		free(line);
	}
	for (size_t k = 0; k < reg->nchecks; k++) {
		const struct evidence_check *c = &reg->checks[k];

		if (c->evidence != e->number)
			continue;
		strbuf_printf(sb, "  Verified:       %s by %s: %s of the %s%s%s\n", c->at, c->checked_by, c->result,
			      c->copy ? "stored copy" : "original", strcmp(c->result, "match") && *c->actual ?
			      ", found " : "", strcmp(c->result, "match") ? c->actual : "");
	}
}

int evidence_export(struct session *s, const struct cli_args *args)
{
	const char *ref = cli_arg(args, 0), *dirname = cli_arg(args, 1);
	struct incident in = {0};
	struct evidence_register reg = {0};
	struct strbuf sums = {0}, custody = {0};
	struct error err = {0};
	char now[TIME_TEXT_MAX], *title;
	int dir, code = 0, copied = 0;

	if (!ref || !dirname)
		return usage_error("evidence", "say: sirt evidence export REF DIR");
	if (store_incident_get(s->store, ref, &in, &err) || store_evidence_get(s->store, in.id, &reg, &err)) {
		cli_error("%s", err.message);
		incident_clear(&in);
		return status_exit_code(err.status);
	}
	if ((dir = export_dir_open(dirname, &code)) < 0) {
		evidence_register_free(&reg);
		incident_clear(&in);
		return code;
	}
	time_format_utc(session_now(), now, sizeof(now));
	title = sanitize(in.title, 0);
	strbuf_printf(&custody, "Evidence of %s: %s\nExported by %s (uid %u) on %s with sirt %s.\n", in.ref, title,
		      s->who.login, s->who.uid, now, SIRT_VERSION);
	free(title);
	strbuf_puts(&custody, "Every file here is listed in SHA256SUMS; check them with: sha256sum -c SHA256SUMS\n"
		    "Times are UTC. Each file was checked against the SHA-256 on record as it was copied.\n");
	if (!reg.len)
		strbuf_puts(&custody, "\nNo evidence recorded.\n");
	for (size_t i = 0; i < reg.len; i++) {
		const struct evidence *e = &reg.items[i];
		char *name = NULL, *failed = NULL;
		bool from_copy = false;
		int item_code = 0;

		if (*e->sha256 && (*e->copy || *e->path)) {
			name = export_name(e);
			if ((failed = export_item(dir, e, name, &from_copy, &item_code))) {
				cli_error("evidence %lld: %s", (long long)e->number, failed);
				if (!code)
					code = item_code;
			} else {
				strbuf_printf(&sums, "%s  %s\n", e->sha256, name);
				copied++;
			}
		}
		custody_item(&custody, &reg, e, name, failed, from_copy);
		free(name);
		free(failed);
	}
	if (export_text(dir, "SHA256SUMS", strbuf_str(&sums)) != 0 ||
	    export_text(dir, "CUSTODY.txt", strbuf_str(&custody)) != 0) {
		cli_error("cannot write the manifest in %s: %s", dirname, strerror(errno));
		code = 74;
	}
	fsync(dir);
	close(dir);
	if (code != 74) {
		char *shown = sanitize(dirname, 0);

		printf("%s: %d file%s of %zu item%s exported to %s with SHA256SUMS and CUSTODY.txt\n", in.ref, copied,
		       copied == 1 ? "" : "s", reg.len, reg.len == 1 ? "" : "s", shown);
		free(shown);
	}
	strbuf_free(&sums);
	strbuf_free(&custody);
	evidence_register_free(&reg);
	incident_clear(&in);
	return code;
}
