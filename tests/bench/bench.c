/* make bench: measures sirt on generated databases of each size, beside
 * the floor of the same work measured in the same run (less on a text
 * file of the same rows, the sqlite3 tool running the same queries on the
 * same file), and prints median, min and max over the runs (the first
 * screen over more launches, in turns with less's), each figure's ratio
 * to its floor, and the targets met or missed. A figure is
 * never pass/fail; a measurement that cannot be made fails the bench. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../pty/pty.h"

/* The raw query the list's full-text search stands on (the FTS5 table
 * search_text, whose rowid is incidents.id). */
#define FTS_QUERY "SELECT rowid FROM search_text WHERE search_text MATCH ?1 ORDER BY rowid DESC LIMIT 20"
/* What the bench searches for: a word of some titles, and of the text. */
#define SEARCH_TERM "ransomware"
/* The floor of one query is timed over this many, less as many trivial
 * ones, so that starting sqlite3 does not count. */
#define FTS_REPEAT 200

#define ROWS 24
#define COLS 80
/* The first screen is a few milliseconds, and a shared machine's noise
 * as much: each run launches sirt and less this many times more, in
 * turns, for the first screen alone. */
#define FIRST_SCREEN_LAUNCHES 8
/* Complete: drawn, and then nothing more for this long. */
#define SCREEN_SETTLE_MS 300
#define KEY_SETTLE_MS 30
#define IDLE_MS 1000
#define SCREEN_TIMEOUT_MS 300000
#define KEY_TIMEOUT_MS 60000

/* How the list screen shows it is complete: the hint bar on the last
 * row, the first incident on this row. */
#define LIST_HINT "q Quit"
#define LIST_FIRST_ROW 3

/* The keys as the terminal of TERM=xterm-256color sends them once a
 * program asks for its keypad (application cursor mode): terminfo's
 * kcud1 and knp, as `infocmp -1 xterm-256color | grep -E 'kcud1|knp'`
 * says. ESC [ B is what it sends otherwise, and not what sirt or less
 * receive here. */
#define KEY_DOWN "\033OB"
#define KEY_PGDN "\033[6~"

enum metric {
	FIRST_SCREEN, IDLE_BYTES, DOWN_MS, DOWN_BYTES, PGDN_MS, PGDN_BYTES, SCROLL_MS, SCROLL_BYTES, SCROLL_P50,
	SCROLL_MAX, TYPE_P50, TYPE_MAX, SEARCH_MS, SEARCH_QUERY_MS, LIST_ROWS, LIST_MB, EXPORT_ROWS, EXPORT_MB, AUDIT_ROWS, RSS_TUI,
	RSS_LIST, RSS_EXPORT, RSS_AUDIT, METRIC_COUNT
};

static const struct metric_def {
	const char *name;
	bool rate;		/* higher is better: the ratio is floor / sirt */
	const char *floor;
} metrics[METRIC_COUNT] = {
	[FIRST_SCREEN] = {"first screen, ms", false, "less"},
	[IDLE_BYTES] = {"bytes written in an idle second", false, "less"},
	[DOWN_MS] = {"Down, ms", false, "less"},
	[DOWN_BYTES] = {"Down, bytes", false, "less"},
	[PGDN_MS] = {"PgDn, ms", false, "less"},
	[PGDN_BYTES] = {"PgDn, bytes", false, "less"},
	[SCROLL_MS] = {"N-key scroll, ms", false, "less"},
	[SCROLL_BYTES] = {"N-key scroll, bytes per key", false, "less"},
	[SCROLL_P50] = {"key to screen scrolling, p50 ms", false, "less"},
	[SCROLL_MAX] = {"key to screen scrolling, max ms", false, "less"},
	[TYPE_P50] = {"key to screen typing a filter, p50 ms", false, "less /"},
	[TYPE_MAX] = {"key to screen typing a filter, max ms", false, "less /"},
	[SEARCH_MS] = {"search, first page on screen, ms", false, "FTS5 query"},
	[SEARCH_QUERY_MS] = {"search, first page query, ms", false, "FTS5 query, same words"},
	[LIST_ROWS] = {"list --format json, rows/s", true, "sqlite3"},
	[LIST_MB] = {"list --format json, MB/s", true, "sqlite3"},
	[EXPORT_ROWS] = {"export, incidents/s", true, "sqlite3"},
	[EXPORT_MB] = {"export, MB/s", true, "sqlite3"},
	[AUDIT_ROWS] = {"audit verify, rows/s", true, "sqlite3"},
	[RSS_TUI] = {"peak RSS, list screen, MB", false, "less"},
	[RSS_LIST] = {"peak RSS, list --format json, MB", false, "sqlite3"},
	[RSS_EXPORT] = {"peak RSS, export, MB", false, "sqlite3"},
	[RSS_AUDIT] = {"peak RSS, audit verify, MB", false, "sqlite3"},
};

struct samples {
	double *values;
	size_t len, cap;
};

struct size_run {
	size_t incidents;
	char *db;
	char *rows_file;	/* the list as text, for less */
	long long open_rows, audit_rows;
	bool has_fts;
	struct samples sirt[METRIC_COUNT], floor[METRIC_COUNT];
};

/* Editing a long field: the lead's "Origin of the attack" of one
 * incident holds LONG_FIELD bytes (near the form's 20,000), another's
 * HUGE_FIELD (as an import from before the limits could leave it). */
#define LONG_FIELDS "19000,1000000"
#define TYPED "QJXQJXQJXQ"

/* Even: a p50, odd: the max of the same keys. */
enum field_metric {
	FIELD_LONG_P50, FIELD_LONG_MAX, FIELD_BIG_P50, FIELD_BIG_MAX, FIELD_NOTE_P50, FIELD_NOTE_MAX, FIELD_METRIC_COUNT
};

static const char *const field_metrics[FIELD_METRIC_COUNT] = {
	[FIELD_LONG_P50] = "key to screen in a 19,000-byte field, p50 ms",
	[FIELD_LONG_MAX] = "key to screen in a 19,000-byte field, max ms",
	[FIELD_BIG_P50] = "key to screen in a 1 MB imported field, p50 ms",
	[FIELD_BIG_MAX] = "key to screen in a 1 MB imported field, max ms",
	[FIELD_NOTE_P50] = "key to screen in a 120,000-byte one-line note, p50 ms",
	[FIELD_NOTE_MAX] = "key to screen in a 120,000-byte one-line note, max ms",
};

struct field_run {
	char *db;
	char *long_ref, *huge_ref;
	char *huge_file;	/* the 1 MB text, for less */
	struct samples sirt[FIELD_METRIC_COUNT], floor[FIELD_METRIC_COUNT];
};

struct options {
	const char *sirt, *gen, *config, *cache, *sqlite3, *less;
	size_t sizes[8], nsizes;
	int runs, keys;
	unsigned long seed;
};

static char tmp_dir[PATH_MAX - 64];
static char env_home[PATH_MAX + 8], env_data[PATH_MAX + 32], env_config[PATH_MAX + 32], env_state[PATH_MAX + 32];
/* The sample plan's directory, for a sirt that is not installed. */
static char env_data_dir[PATH_MAX + 16];

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void fail(const char *fmt, ...)
{
	va_list ap;
	char cmd[PATH_MAX + 16];

	fputs("sirt-bench: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (a measurement could not be made)\n", stderr);
	if (*tmp_dir) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "sirt-bench: could not remove %s\n", tmp_dir);
	}
	exit(1);
}

static void add(struct samples *s, double v)
{
	if (s->len == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->values = realloc(s->values, s->cap * sizeof(double));
		if (!s->values)
			fail("out of memory");
	}
	s->values[s->len++] = v;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The q-quantile (0.5: the median) of what was measured; NAN if nothing. */
static double quantile(const struct samples *s, double q)
{
	double *sorted;
	double v;

	if (!s->len)
		return NAN;
	sorted = malloc(s->len * sizeof(double));
	if (!sorted)
		fail("out of memory");
	memcpy(sorted, s->values, s->len * sizeof(double));
	qsort(sorted, s->len, sizeof(double), by_value);
	v = sorted[(size_t)(q * (double)(s->len - 1) + 0.5)];
	free(sorted);
	return v;
}

static double ms_since(long long start_us, long long end_us)
{
	return (double)(end_us - start_us) / 1000.0;
}

/* The environment every program runs in: pinned locale, zone and
 * terminal, and a home of its own (no drafts, no history). */
static const char *const *environment(void)
{
	static const char *envp[] = {"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC",
				     "PATH=/usr/bin:/bin", "LESSHISTFILE=-", "LESS=",
				     "SIRT_TEST_SYSTEM_CONFIG=/nonexistent/sirt-bench/sirt.ini", env_home, env_data,
				     env_config, env_state, env_data_dir, NULL};
	return envp;
}

/* One program run to its end without a terminal. */
struct run {
	double ms;
	size_t bytes;		/* written to standard output */
	long max_rss_kb;
	char *out;		/* standard output when kept, else NULL */
};

static void run_program(const char *const argv[], bool keep, struct run *r)
{
	char err_path[PATH_MAX + 16], err[2048] = "";
	struct rusage usage;
	long long start;
	char buf[65536];
	int out[2], status, errfd;
	ssize_t n;
	size_t cap = 0;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	/* What it says on standard error, kept for the message. */
	snprintf(err_path, sizeof(err_path), "%s/stderr", tmp_dir);
	if (pipe(out) != 0 || (errfd = open(err_path, O_RDWR | O_CREAT | O_TRUNC, 0600)) < 0)
		fail("pipe or %s: %s", err_path, strerror(errno));
	fflush(NULL);
	start = pty_now_us();
	pid = fork();
	if (pid < 0)
		fail("fork: %s", strerror(errno));
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		dup2(null, 0);
		dup2(out[1], 1);
		dup2(errfd, 2);
		close(out[0]);
		execve(argv[0], (char *const *)argv, (char *const *)environment());
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(out[1]);
	while ((n = read(out[0], buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR)) {
		if (n <= 0)
			continue;
		if (keep) {
			if (r->bytes + (size_t)n + 1 > cap) {
				cap = (r->bytes + (size_t)n + 1) * 2;
				r->out = realloc(r->out, cap);
				if (!r->out)
					fail("out of memory");
			}
			memcpy(r->out + r->bytes, buf, (size_t)n);
			r->out[r->bytes + (size_t)n] = '\0';
		}
		r->bytes += (size_t)n;
	}
	close(out[0]);
	if (wait4(pid, &status, 0, &usage) != pid)
		fail("wait4: %s", strerror(errno));
	r->ms = ms_since(start, pty_now_us());
	r->max_rss_kb = usage.ru_maxrss;
	if ((n = pread(errfd, err, sizeof(err) - 1, 0)) > 0)
		err[n] = '\0';
	close(errfd);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail("%s %s exited with %d: %s", argv[0], argv[1] ? argv[1] : "",
		     WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), err);
	if (keep && !r->out)
		r->out = calloc(1, 1);
}

/* The single number sqlite3 prints for sql. */
static long long sqlite_number(const struct options *o, const char *db, const char *sql)
{
	const char *argv[] = {o->sqlite3, "-readonly", db, sql, NULL};
	struct run r;
	long long n;

	run_program(argv, true, &r);
	n = atoll(r.out);
	free(r.out);
	return n;
}

/* Starts sirt's list screen, or less, on an 80x24 pseudo-terminal. */
static struct pty_term *start_on_terminal(const char *const argv[], long long *start_us)
{
	struct pty_term *t;

	*start_us = pty_now_us();
	t = pty_start(argv, environment(), ROWS, COLS);
	if (!t)
		fail("cannot start %s on a pseudo-terminal", argv[0]);
	return t;
}

/* The screen is complete once row `row` and the last row show what they
 * should, and nothing more comes for a while; its time is the last byte's. */
static double first_screen(struct pty_term *t, long long start_us, int row, const char *last_row_text)
{
	if (pty_wait_row(t, ROWS - 1, last_row_text, SCREEN_TIMEOUT_MS) || pty_wait_row(t, row, "", SCREEN_TIMEOUT_MS) ||
	    pty_wait_output(t, 0, SCREEN_SETTLE_MS, SCREEN_TIMEOUT_MS))
		fail("the first screen never completed");
	return ms_since(start_us, pty_last_output_us(t));
}

static size_t output_len(struct pty_term *t)
{
	size_t len;

	pty_output(t, &len);
	return len;
}

/* Writes keys and waits until what they drew has come and settled:
 * the time from the write to the last byte, and the bytes. */
/* The screen's text and which rows are selected (in reverse video): a
 * move of the selection changes only that. Caller frees. */
static char *screen_state(struct pty_term *t)
{
	char *text = pty_screen_text(t);
	size_t n = strlen(text);
	char *state = malloc(n + ROWS + 1);

	if (!state)
		fail("out of memory");
	memcpy(state, text, n);
	for (int row = 0; row < ROWS; row++)
		state[n + (size_t)row] = pty_cell_reverse(t, row, 1) ? 'r' : '-';
	state[n + ROWS] = '\0';
	free(text);
	return state;
}

static double key_to_screen(struct pty_term *t, const char *keys, size_t *bytes)
{
	size_t before = output_len(t);
	char *was = screen_state(t), *now;
	long long sent = pty_now_us();
	double ms;
	bool moved;

	if (pty_send(t, keys) || pty_wait_output(t, before, KEY_SETTLE_MS, KEY_TIMEOUT_MS))
		fail("nothing was drawn after writing %zu key byte(s) \"%s\"", strlen(keys),
		     keys[0] == '\033' ? "ESC..." : keys);
	*bytes = output_len(t) - before;
	ms = ms_since(sent, pty_last_output_us(t));
	/* What was measured is the key's work: the selection or the page
	 * moved, not a message saying the key meant something else. */
	now = screen_state(t);
	moved = strcmp(was, now) != 0;
	free(was);
	free(now);
	if (!moved)
		fail("the screen did not change after writing key byte(s) \"%s\"", keys[0] == '\033' ? keys + 1 : keys);
	return ms;
}

static size_t idle_bytes(struct pty_term *t)
{
	size_t before = output_len(t);

	pty_settle(t, IDLE_MS, IDLE_MS);
	return output_len(t) - before;
}

/* The moves every pager and list share: one Down, a scroll of `keys`
 * Downs key by key, one PgDn. */
static void scroll(struct pty_term *t, int keys, struct samples *m)
{
	struct samples each = {0};
	size_t bytes, total = 0;
	double sum = 0;

	add(&m[DOWN_MS], key_to_screen(t, KEY_DOWN, &bytes));
	add(&m[DOWN_BYTES], (double)bytes);
	for (int i = 0; i < keys; i++) {
		double ms = key_to_screen(t, KEY_DOWN, &bytes);

		add(&each, ms);
		sum += ms;
		total += bytes;
	}
	add(&m[SCROLL_MS], sum);
	add(&m[SCROLL_BYTES], (double)total / keys);
	add(&m[SCROLL_P50], quantile(&each, 0.5));
	add(&m[SCROLL_MAX], quantile(&each, 1.0));
	free(each.values);
	add(&m[PGDN_MS], key_to_screen(t, KEY_PGDN, &bytes));
	add(&m[PGDN_BYTES], (double)bytes);
}

/* Types the term a key at a time into a prompt already open. */
static void type_keys(struct pty_term *t, const char *term, struct samples *m)
{
	struct samples each = {0};
	size_t bytes;

	for (const char *p = term; *p; p++) {
		char key[2] = {*p, '\0'};
		add(&each, key_to_screen(t, key, &bytes));
	}
	add(&m[TYPE_P50], quantile(&each, 0.5));
	add(&m[TYPE_MAX], quantile(&each, 1.0));
	free(each.values);
}

static long reaped_rss_kb(struct pty_term *t)
{
	struct rusage usage;

	if (pty_rusage(t, &usage))
		fail("the program was not reaped");
	return usage.ru_maxrss;
}

static void sirt_screen(const struct options *o, struct size_run *s)
{
	const char *argv[] = {o->sirt, "--config", o->config, "--db", s->db, NULL};
	struct samples *m = s->sirt;
	long long start;
	struct pty_term *t = start_on_terminal(argv, &start);
	size_t bytes;
	int status;

	add(&m[FIRST_SCREEN], first_screen(t, start, LIST_FIRST_ROW, LIST_HINT));
	add(&m[IDLE_BYTES], (double)idle_bytes(t));
	scroll(t, o->keys, m);
	/* The filter: the whole term at once, as pasted, until its first page
	 * has settled; then cleared and typed again a key at a time. */
	key_to_screen(t, "/", &bytes);
	{
		size_t before = output_len(t);
		long long sent = pty_now_us();

		if (pty_send(t, SEARCH_TERM) || pty_wait_text(t, SEARCH_TERM, KEY_TIMEOUT_MS) ||
		    pty_wait_output(t, before, KEY_SETTLE_MS, KEY_TIMEOUT_MS))
			fail("the search for \"%s\" never settled", SEARCH_TERM);
		add(&m[SEARCH_MS], ms_since(sent, pty_last_output_us(t)));
	}
	key_to_screen(t, "\025", &bytes);	/* Ctrl-U: the filter emptied */
	type_keys(t, SEARCH_TERM, m);
	if (pty_send(t, "\003") || pty_wait_exit(t, KEY_TIMEOUT_MS, &status) || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		fail("sirt did not quit cleanly on Ctrl-C");
	add(&m[RSS_TUI], (double)reaped_rss_kb(t) / 1024.0);
	pty_free(t);
}

static void less_screen(const struct options *o, struct size_run *s)
{
	const char *argv[] = {o->less, s->rows_file, NULL};
	struct samples *m = s->floor;
	long long start;
	struct pty_term *t = start_on_terminal(argv, &start);
	size_t bytes;

	add(&m[FIRST_SCREEN], first_screen(t, start, 0, ""));
	add(&m[IDLE_BYTES], (double)idle_bytes(t));
	scroll(t, o->keys, m);
	key_to_screen(t, "/", &bytes);
	type_keys(t, SEARCH_TERM, m);
	pty_hangup(t);
	add(&m[RSS_TUI], (double)reaped_rss_kb(t) / 1024.0);
	pty_free(t);
}

static char *generate(const struct options *o, size_t incidents, const char *long_fields);
static const char *number(double v, char *out, size_t size);

/* The text sqlite3 prints for sql, its last newline cut. Caller frees. */
static char *sqlite_text(const struct options *o, const char *db, const char *sql)
{
	const char *argv[] = {o->sqlite3, "-readonly", db, sql, NULL};
	struct run r;

	run_program(argv, true, &r);
	if (r.bytes && r.out[r.bytes - 1] == '\n')
		r.out[r.bytes - 1] = '\0';
	return r.out;
}

static void prepare_fields(const struct options *o, struct field_run *f)
{
	static const char *const longest = "SELECT i.ref FROM field AS f JOIN incident AS i ON i.id = f.incident_id "
					   "WHERE f.form = 'lead' AND f.key = 'attacker_origin' "
					   "ORDER BY length(f.value) DESC LIMIT 1 OFFSET %d";
	char sql[512], name[PATH_MAX + 32];
	char *text;
	FILE *out;

	fprintf(stderr, "sirt-bench: the database with long fields (%s bytes)\n", LONG_FIELDS);
	f->db = generate(o, 3, LONG_FIELDS);
	snprintf(sql, sizeof(sql), longest, 0);
	f->huge_ref = sqlite_text(o, f->db, sql);
	snprintf(sql, sizeof(sql), longest, 1);
	f->long_ref = sqlite_text(o, f->db, sql);
	text = sqlite_text(o, f->db, "SELECT f.value FROM field AS f WHERE f.form = 'lead' AND f.key = 'attacker_origin' "
				     "ORDER BY length(f.value) DESC LIMIT 1");
	if (strlen(text) < 900000 || strncmp(text, "STARTMARK", 9) != 0)
		fail("the long field is not in %s", f->db);
	snprintf(name, sizeof(name), "%s/huge-field.txt", tmp_dir);
	if (!(out = fopen(name, "w")) || fputs(text, out) < 0 || fclose(out) != 0)
		fail("cannot write %s", name);
	free(text);
	f->huge_file = strdup(name);
}

/* Moves the list's selection to the row of ref, Down by Down. */
static void select_ref(struct pty_term *t, const char *ref)
{
	size_t bytes;

	for (int tries = 0; tries < ROWS; tries++) {
		for (int row = LIST_FIRST_ROW; row < ROWS - 1; row++) {
			char *text = pty_row_text(t, row);
			bool here = strstr(text, ref) && pty_cell_reverse(t, row, 1);

			free(text);
			if (here)
				return;
		}
		key_to_screen(t, KEY_DOWN, &bytes);
	}
	fail("%s is not in the list", ref);
}

static void keys_each(struct pty_term *t, const char *key, int times, struct samples *each)
{
	size_t bytes;

	for (int i = 0; i < times; i++)
		add(each, key_to_screen(t, key, &bytes));
}

/* The incident's lead details opened and the cursor put at the end of
 * its long "Origin of the attack"; then keys typed at its end and at its
 * start (19,000 bytes), or deleted there (1 MB, past the form's limit,
 * where typing is refused). Each key must change the screen, and what
 * they did is checked on it. */
static void edit_field(const struct options *o, struct field_run *f, bool huge)
{
	const char *ref = huge ? f->huge_ref : f->long_ref;
	const char *argv[] = {o->sirt, "--config", o->config, "--db", f->db, NULL};
	struct samples each = {0}, note = {0};
	long long start;
	struct pty_term *t = start_on_terminal(argv, &start);
	char title[96];
	size_t bytes;

	first_screen(t, start, LIST_FIRST_ROW, LIST_HINT);
	select_ref(t, ref);
	key_to_screen(t, "\r", &bytes);
	key_to_screen(t, "l", &bytes);
	snprintf(title, sizeof(title), "Lead details: %s", ref);
	if (pty_wait_text(t, title, KEY_TIMEOUT_MS))
		fail("the lead details of %s did not open", ref);
	/* Origin of the attack: eight slots down, then one. */
	key_to_screen(t, KEY_PGDN, &bytes);
	key_to_screen(t, "\t", &bytes);
	if (pty_wait_text(t, "ENDMARK", KEY_TIMEOUT_MS))
		fail("the end of the long field of %s is not on the screen", ref);
	if (huge) {
		keys_each(t, "\177", 7, &each);	/* Backspace: "ENDMARK" deleted */
		if (pty_wait_gone(t, "ENDMARK", KEY_TIMEOUT_MS))
			fail("Backspace did not delete the end of the field of %s", ref);
		keys_each(t, "\001", 1, &each);	/* Ctrl-A: to its start */
		if (pty_wait_text(t, "STARTMARK", KEY_TIMEOUT_MS))
			fail("Ctrl-A did not show the start of the field of %s", ref);
		keys_each(t, "\004", 10, &each);	/* Ctrl-D: "STARTMARK " deleted */
		if (pty_wait_gone(t, "STARTMARK", KEY_TIMEOUT_MS))
			fail("Ctrl-D did not delete the start of the field of %s", ref);
		/* The next field's note, one line of 120,000 bytes: Tab to the
		 * question, Tab to its note, the box scrolled to its end. */
		keys_each(t, "\t", 2, &note);
		if (pty_wait_text(t, "NOTEEND", KEY_TIMEOUT_MS))
			fail("the end of the long note of %s is not on the screen", ref);
		keys_each(t, "\177", 7, &note);
		if (pty_wait_gone(t, "NOTEEND", KEY_TIMEOUT_MS))
			fail("Backspace did not delete the end of the note of %s", ref);
		keys_each(t, "\001", 1, &note);
		if (pty_wait_text(t, "NOTESTART", KEY_TIMEOUT_MS))
			fail("Ctrl-A did not show the start of the note of %s", ref);
		add(&f->sirt[FIELD_NOTE_P50], quantile(&note, 0.5));
		add(&f->sirt[FIELD_NOTE_MAX], quantile(&note, 1.0));
		free(note.values);
	} else {
		for (const char *p = TYPED; *p; p++) {
			char key[2] = {*p, '\0'};
			keys_each(t, key, 1, &each);
		}
		if (pty_wait_text(t, "ENDMARK" TYPED, KEY_TIMEOUT_MS))
			fail("what was typed is not at the end of the field of %s", ref);
		keys_each(t, "\001", 1, &each);
		if (pty_wait_text(t, "STARTMARK", KEY_TIMEOUT_MS))
			fail("Ctrl-A did not show the start of the field of %s", ref);
		for (const char *p = TYPED; *p; p++) {
			char key[2] = {*p, '\0'};
			keys_each(t, key, 1, &each);
		}
		if (pty_wait_text(t, TYPED "STARTMARK", KEY_TIMEOUT_MS))
			fail("what was typed is not at the start of the field of %s", ref);
	}
	add(&f->sirt[huge ? FIELD_BIG_P50 : FIELD_LONG_P50], quantile(&each, 0.5));
	add(&f->sirt[huge ? FIELD_BIG_MAX : FIELD_LONG_MAX], quantile(&each, 1.0));
	free(each.values);
	pty_hangup(t);
	pty_free(t);
	/* The hang-up kept the edits as a draft, which the next start would
	 * offer first: gone, as if never typed. */
	{
		char cmd[PATH_MAX + 64];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s/state/sirt/drafts'", tmp_dir);
		if (system(cmd) != 0)
			fail("cannot remove the drafts in %s/state", tmp_dir);
	}
}

/* The floor: less on the 1 MB text, typing into its / prompt. */
static void less_fields(const struct options *o, struct field_run *f)
{
	const char *argv[] = {o->less, f->huge_file, NULL};
	struct samples each = {0};
	long long start;
	struct pty_term *t = start_on_terminal(argv, &start);
	size_t bytes;

	first_screen(t, start, 0, "");
	key_to_screen(t, "/", &bytes);
	for (const char *p = TYPED; *p; p++) {
		char key[2] = {*p, '\0'};
		keys_each(t, key, 1, &each);
	}
	for (int m = 0; m < FIELD_METRIC_COUNT; m++)
		add(&f->floor[m], quantile(&each, m % 2 == 0 ? 0.5 : 1.0));
	free(each.values);
	pty_hangup(t);
	pty_free(t);
}

static void print_fields(const struct field_run *f)
{
	char a[32], b[32], c[32], d[32], e[32];

	printf("| figure | median | min | max | floor (median) | x floor |\n");
	printf("|---|---:|---:|---:|---|---:|\n");
	for (int m = 0; m < FIELD_METRIC_COUNT; m++) {
		double mine = quantile(&f->sirt[m], 0.5), floor = quantile(&f->floor[m], 0.5);

		printf("| %s | %s | %s | %s | %s (less /) | %s |\n", field_metrics[m], number(mine, a, sizeof(a)),
		       number(quantile(&f->sirt[m], 0.0), b, sizeof(b)), number(quantile(&f->sirt[m], 1.0), c, sizeof(c)),
		       number(floor, d, sizeof(d)), number(floor > 0 ? mine / floor : NAN, e, sizeof(e)));
	}
	printf("\n| target | measured | |\n|---|---:|---|\n");
	for (int m = 0; m < FIELD_METRIC_COUNT; m++) {
		double mine = quantile(&f->sirt[m], 0.5), limit = m % 2 == 0 ? 2 : 16;

		printf("| %s <= %g | %s ms | %s |\n", field_metrics[m], limit, number(mine, a, sizeof(a)),
		       isnan(mine) ? "n/a" : mine <= limit ? "met" : "missed");
	}
}

/* sirt's first screen and less's, launched in turns so that whatever
 * else the machine does falls on both alike. */
static void first_screens(const struct options *o, struct size_run *s)
{
	const char *sirt[] = {o->sirt, "--config", o->config, "--db", s->db, NULL};
	const char *less[] = {o->less, s->rows_file, NULL};

	for (int i = 0; i < FIRST_SCREEN_LAUNCHES; i++) {
		long long start;
		struct pty_term *t = start_on_terminal(sirt, &start);
		int status;

		add(&s->sirt[FIRST_SCREEN], first_screen(t, start, LIST_FIRST_ROW, LIST_HINT));
		if (pty_send(t, "\003") || pty_wait_exit(t, KEY_TIMEOUT_MS, &status))
			fail("sirt did not quit on Ctrl-C");
		pty_free(t);
		t = start_on_terminal(less, &start);
		add(&s->floor[FIRST_SCREEN], first_screen(t, start, 0, ""));
		pty_hangup(t);
		pty_free(t);
	}
}

static void add_throughput(struct samples *m, enum metric rows_metric, enum metric mb_metric, enum metric rss,
			   const struct run *r, long long rows)
{
	add(&m[rows_metric], (double)rows / (r->ms / 1000.0));
	if (mb_metric != METRIC_COUNT)
		add(&m[mb_metric], (double)r->bytes / 1e6 / (r->ms / 1000.0));
	add(&m[rss], (double)r->max_rss_kb / 1024.0);
}

/* What the export holds, as sqlite3 selects it: the incidents and every
 * table that hangs off them, the audit trail left out. */
static char *export_sql(const struct options *o, const char *db)
{
	const char *argv[] = {o->sqlite3, "-readonly", db,
			      "SELECT group_concat('SELECT * FROM \"' || m.name || '\";', ' ') FROM sqlite_schema m"
			      " WHERE m.type = 'table' AND m.name <> 'audit' AND (m.name IN ('incident', 'cost_withdrawal')"
			      " OR EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'incident_id'))", NULL};
	struct run r;

	run_program(argv, true, &r);
	r.out[strcspn(r.out, "\n")] = '\0';
	return r.out;
}

static double fts_floor_ms(const struct options *o, const struct size_run *s)
{
	char *queries = NULL, *trivial = NULL;
	size_t qlen = 0, tlen = 0;
	FILE *q = open_memstream(&queries, &qlen), *tq = open_memstream(&trivial, &tlen);
	struct run with, without;

	for (int i = 0; i < FTS_REPEAT; i++) {
		fputs(FTS_QUERY ";\n", q);
		fputs("SELECT 1;\n", tq);
	}
	fclose(q);
	fclose(tq);
	{
		const char *a[] = {o->sqlite3, "-readonly", s->db, ".parameter set ?1 \"'" SEARCH_TERM "'\"", queries, NULL};
		const char *b[] = {o->sqlite3, "-readonly", s->db, ".parameter set ?1 \"'" SEARCH_TERM "'\"", trivial, NULL};

		run_program(a, false, &with);
		run_program(b, false, &without);
	}
	free(queries);
	free(trivial);
	return (with.ms - without.ms) / FTS_REPEAT > 0.001 ? (with.ms - without.ms) / FTS_REPEAT : 0.001;
}

static void command_line(const struct options *o, struct size_run *s, const char *export_select)
{
	struct run r;

	{
		const char *argv[] = {o->sirt, "--config", o->config, "--db", s->db, "list", "--format", "json", NULL};
		run_program(argv, false, &r);
		add_throughput(s->sirt, LIST_ROWS, LIST_MB, RSS_LIST, &r, s->open_rows);
	}
	{
		const char *argv[] = {o->sqlite3, "-readonly", "-json", s->db,
				      "SELECT id, ref, title, status, category, procedure, created_at, created_by, updated_at,"
				      " updated_by, version FROM incident WHERE status <> 'closed' ORDER BY id DESC", NULL};
		run_program(argv, false, &r);
		add_throughput(s->floor, LIST_ROWS, LIST_MB, RSS_LIST, &r, s->open_rows);
	}
	{
		const char *argv[] = {o->sirt, "--config", o->config, "--db", s->db, "export", NULL};
		run_program(argv, false, &r);
		add_throughput(s->sirt, EXPORT_ROWS, EXPORT_MB, RSS_EXPORT, &r, (long long)s->incidents);
	}
	{
		const char *argv[] = {o->sqlite3, "-readonly", "-json", s->db, export_select, NULL};
		run_program(argv, false, &r);
		add_throughput(s->floor, EXPORT_ROWS, EXPORT_MB, RSS_EXPORT, &r, (long long)s->incidents);
	}
	{
		const char *argv[] = {o->sirt, "--config", o->config, "--db", s->db, "audit", "verify", NULL};
		run_program(argv, false, &r);
		add_throughput(s->sirt, AUDIT_ROWS, METRIC_COUNT, RSS_AUDIT, &r, s->audit_rows);
	}
	{
		/* Every row read and hashed (SHA3 is what the tool has). */
		const char *argv[] = {o->sqlite3, "-readonly", s->db,
				      "SELECT count(*), sum(length(sha3(prev || char(10) || json_array(at, who, uid, ssh, tbl,"
				      " op, row_id, before, after), 256))) FROM audit", NULL};
		run_program(argv, false, &r);
		add_throughput(s->floor, AUDIT_ROWS, METRIC_COUNT, RSS_AUDIT, &r, s->audit_rows);
	}
	if (s->has_fts) {
		/* The list's own query for the first page beside the bare FTS5
		 * query for the same words, in one process (the generator's
		 * --time-search): like for like, without a process start. */
		const char *argv[] = {o->gen, "--time-search", s->db, SEARCH_TERM, NULL};
		struct run timed;
		double mine, bare;

		add(&s->floor[SEARCH_MS], fts_floor_ms(o, s));
		run_program(argv, true, &timed);
		if (!timed.out || sscanf(timed.out, "%lf %lf", &mine, &bare) != 2)
			fail("%s --time-search gave no figures", o->gen);
		add(&s->sirt[SEARCH_QUERY_MS], mine);
		add(&s->floor[SEARCH_QUERY_MS], bare);
		free(timed.out);
	}
}

/* The database of that size, made by the generator or found in its cache. */
/* Runs the generator (its progress straight to our standard error) and
 * returns the path of the database it made or found in the cache. */
static char *generate(const struct options *o, size_t incidents, const char *long_fields)
{
	char count[32], seed[32];
	const char *argv[] = {o->gen, "--config", o->config, "--count", count, "--seed", seed, "--cache", o->cache,
			      long_fields ? "--long-fields" : NULL, long_fields, NULL};
	int out[2];
	pid_t pid;
	int status;
	ssize_t n;
	char path[PATH_MAX];
	size_t len = 0;

	snprintf(count, sizeof(count), "%zu", incidents);
	snprintf(seed, sizeof(seed), "%lu", o->seed);
	if (pipe(out) != 0)
		fail("pipe: %s", strerror(errno));
	fflush(NULL);
	if ((pid = fork()) == 0) {
		dup2(out[1], 1);
		close(out[0]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(out[1]);
	while (len < sizeof(path) - 1 && (n = read(out[0], path + len, sizeof(path) - 1 - len)) > 0)
		len += (size_t)n;
	close(out[0]);
	path[len] = '\0';
	path[strcspn(path, "\n")] = '\0';
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || !*path)
		fail("%s could not make the database of %zu incidents", o->gen, incidents);
	return strdup(path);
}

static void prepare_size(const struct options *o, struct size_run *s)
{
	struct run r;

	fprintf(stderr, "sirt-bench: the database of %zu incidents\n", s->incidents);
	s->db = generate(o, s->incidents, NULL);
	s->open_rows = sqlite_number(o, s->db, "SELECT count(*) FROM incident WHERE status <> 'closed'");
	s->audit_rows = sqlite_number(o, s->db, "SELECT count(*) FROM audit");
	s->has_fts = sqlite_number(o, s->db, "SELECT count(*) FROM sqlite_schema WHERE name = 'search_text'") > 0;
	{
		/* The same rows as the list, as text: what less shows. */
		const char *list[] = {o->sirt, "--config", o->config, "--db", s->db, "list", NULL};
		char name[PATH_MAX + 32];
		FILE *f;

		run_program(list, true, &r);
		snprintf(name, sizeof(name), "%s/rows-%zu.txt", tmp_dir, s->incidents);
		if (!(f = fopen(name, "w")) || fwrite(r.out, 1, r.bytes, f) != r.bytes || fclose(f) != 0)
			fail("cannot write %s", name);
		free(r.out);
		s->rows_file = strdup(name);
	}
}

/* "10,000" */
static const char *grouped(long long n, char *out, size_t size)
{
	char digits[32];
	size_t len, k = 0;

	snprintf(digits, sizeof(digits), "%lld", n);
	len = strlen(digits);
	for (size_t i = 0; i < len && k + 2 < size; i++) {
		if (i && (len - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = '\0';
	return out;
}

static const char *number(double v, char *out, size_t size)
{
	if (isnan(v))
		snprintf(out, size, "n/a");
	else if (v >= 100000)
		grouped((long long)(v + 0.5), out, size);
	else if (v >= 100)
		snprintf(out, size, "%.0f", v);
	else if (v >= 10)
		snprintf(out, size, "%.1f", v);
	else
		snprintf(out, size, "%.2f", v);
	return out;
}

/* How many times the floor's cost sirt's figure is. */
static double ratio(const struct size_run *s, enum metric m)
{
	double mine = quantile(&s->sirt[m], 0.5), floor = quantile(&s->floor[m], 0.5);

	if (isnan(floor) || isnan(mine))
		return NAN;
	if (metrics[m].rate)
		return mine > 0 ? floor / mine : NAN;
	if (floor == 0)
		return mine == 0 ? 1.0 : INFINITY;
	return mine / floor;
}

static void print_figures(const struct options *o, struct size_run *sizes)
{
	char a[32], b[32], c[32], d[32], e[32], n[32], name[64];

	printf("| figure | incidents | median | min | max | floor (median) | x floor |\n");
	printf("|---|---:|---:|---:|---:|---|---:|\n");
	for (int m = 0; m < METRIC_COUNT; m++) {
		for (size_t i = 0; i < o->nsizes; i++) {
			struct size_run *s = &sizes[i];
			double r = ratio(s, (enum metric)m);
			const char *at = strchr(metrics[m].name, 'N');

			/* "N-key scroll": the number of keys. */
			if (at && at == metrics[m].name)
				snprintf(name, sizeof(name), "%d%s", o->keys, metrics[m].name + 1);
			else
				snprintf(name, sizeof(name), "%s", metrics[m].name);
			printf("| %s | %s | %s | %s | %s | %s (%s) | %s |\n", name, grouped((long long)s->incidents, n, sizeof(n)),
			       number(quantile(&s->sirt[m], 0.5), a, sizeof(a)), number(quantile(&s->sirt[m], 0.0), b, sizeof(b)),
			       number(quantile(&s->sirt[m], 1.0), c, sizeof(c)), number(quantile(&s->floor[m], 0.5), d, sizeof(d)),
			       metrics[m].floor, isinf(r) ? "inf" : number(r, e, sizeof(e)));
		}
	}
}

static void target_row(const char *what, size_t incidents, double measured, const char *unit, double limit)
{
	char n[32], v[32];

	printf("| %s | %s | %s%s | %s |\n", what, grouped((long long)incidents, n, sizeof(n)),
	       isinf(measured) ? "inf" : number(measured, v, sizeof(v)), isnan(measured) ? "" : unit,
	       isnan(measured) ? "n/a" : measured <= limit ? "met" : "missed");
}

static void print_targets(const struct options *o, struct size_run *sizes)
{
	const struct size_run *small = &sizes[0], *large = &sizes[o->nsizes - 1];

	printf("| target | incidents | measured | |\n");
	printf("|---|---:|---:|---|\n");
	for (size_t i = 0; i < o->nsizes; i++) {
		const struct size_run *s = &sizes[i];

		target_row("first screen <= 3x less's", s->incidents, ratio(s, FIRST_SCREEN), "x", 3);
		/* The real key moves a reverse-video row: two rows rewritten
		 * where less writes one (issue 15's target). */
		target_row("bytes per Down <= 2.5x less's", s->incidents, ratio(s, DOWN_BYTES), "x", 2.5);
		target_row("bytes per key over the scroll <= 250", s->incidents, quantile(&s->sirt[SCROLL_BYTES], 0.5), " B",
			   250);
		target_row("key to screen scrolling, p50 <= 2 ms", s->incidents, quantile(&s->sirt[SCROLL_P50], 0.5), " ms", 2);
		target_row("key to screen scrolling, max <= 16 ms", s->incidents, quantile(&s->sirt[SCROLL_MAX], 0.5), " ms",
			   16);
		target_row("key to screen typing, p50 <= 2 ms", s->incidents, quantile(&s->sirt[TYPE_P50], 0.5), " ms", 2);
		target_row("key to screen typing, max <= 16 ms", s->incidents, quantile(&s->sirt[TYPE_MAX], 0.5), " ms", 16);
		target_row("search first page <= 1.5x the FTS5 query", s->incidents, ratio(s, SEARCH_QUERY_MS), "x", 1.5);
		for (int m = RSS_TUI; m <= RSS_AUDIT; m++) {
			char what[96];

			snprintf(what, sizeof(what), "%s <= 16", metrics[m].name);
			target_row(what, s->incidents, quantile(&s->sirt[m], 0.5), " MB", 16);
		}
		target_row("bytes written in an idle second = 0", s->incidents, quantile(&s->sirt[IDLE_BYTES], 0.5), " B", 0);
	}
	if (o->nsizes > 1) {
		char what[128], n[32];

		snprintf(what, sizeof(what), "first screen <= 1.2x sirt's own at %s", grouped((long long)small->incidents, n,
											   sizeof(n)));
		target_row(what, large->incidents,
			   quantile(&large->sirt[FIRST_SCREEN], 0.5) / quantile(&small->sirt[FIRST_SCREEN], 0.5), "x", 1.2);
		snprintf(what, sizeof(what), "peak RSS of the list screen flat: <= 1.2x at %s", n);
		target_row(what, large->incidents, quantile(&large->sirt[RSS_TUI], 0.5) / quantile(&small->sirt[RSS_TUI], 0.5),
			   "x", 1.2);
	}
}

static void print_machine(const struct options *o)
{
	char model[256] = "unknown", line[512];
	FILE *f = fopen("/proc/cpuinfo", "r");
	double load[3] = {0};

	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "model name", 10) == 0 && strchr(line, ':')) {
			snprintf(model, sizeof(model), "%s", strchr(line, ':') + 2);
			model[strcspn(model, "\n")] = '\0';
			break;
		}
	}
	if (f)
		fclose(f);
	if (getloadavg(load, 3) < 0)
		load[0] = NAN;
	printf("%d runs at %dx%d, %d keys per scroll, seed %lu; %ld CPUs (%s), load %.2f at the end\n\n", o->runs,
	       COLS, ROWS, o->keys, o->seed, sysconf(_SC_NPROCESSORS_ONLN), model, load[0]);
}

static int usage(void)
{
	fputs("usage: sirt-bench --sirt BIN --gen BIN --config PLAN --cache DIR [--sizes N,N...] [--runs N]\n"
	      "                  [--keys N] [--seed S] [--sqlite3 PATH] [--less PATH]\n"
	      "Measures sirt on databases of each size (made by --gen, kept in --cache) beside\n"
	      "less and sqlite3 doing the same, and prints the figures as Markdown tables.\n", stderr);
	return 64;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	*o = (struct options){.runs = 7, .keys = 100, .seed = 1, .sqlite3 = "/usr/bin/sqlite3", .less = "/usr/bin/less",
			      .sizes = {10000, 100000}, .nsizes = 2};
	for (int i = 1; i < argc; i += 2) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!v)
			return usage();
		if (strcmp(argv[i], "--sirt") == 0)
			o->sirt = v;
		else if (strcmp(argv[i], "--gen") == 0)
			o->gen = v;
		else if (strcmp(argv[i], "--config") == 0)
			o->config = v;
		else if (strcmp(argv[i], "--cache") == 0)
			o->cache = v;
		else if (strcmp(argv[i], "--sqlite3") == 0)
			o->sqlite3 = v;
		else if (strcmp(argv[i], "--less") == 0)
			o->less = v;
		else if (strcmp(argv[i], "--runs") == 0)
			o->runs = atoi(v);
		else if (strcmp(argv[i], "--keys") == 0)
			o->keys = atoi(v);
		else if (strcmp(argv[i], "--seed") == 0)
			o->seed = strtoul(v, NULL, 10);
		else if (strcmp(argv[i], "--sizes") == 0) {
			char *copy = strdup(v), *save = NULL;

			o->nsizes = 0;
			for (char *tok = strtok_r(copy, ",", &save); tok && o->nsizes < 8; tok = strtok_r(NULL, ",", &save))
				o->sizes[o->nsizes++] = strtoul(tok, NULL, 10);
			free(copy);
		} else
			return usage();
	}
	if (!o->sirt || !o->gen || !o->config || !o->cache || o->runs < 1 || o->keys < 1 || !o->nsizes)
		return usage();
	for (size_t i = 0; i < o->nsizes; i++)
		if (!o->sizes[i])
			return usage();
	return 0;
}

int main(int argc, char **argv)
{
	struct options o;
	struct size_run *sizes;
	struct field_run fields = {0};
	char *export_select;
	char cmd[PATH_MAX + 16];

	if (parse_options(argc, argv, &o))
		return 64;
	snprintf(tmp_dir, sizeof(tmp_dir), "%s/sirt-bench-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmp_dir)) {
		*tmp_dir = '\0';
		fail("cannot make a temporary directory: %s", strerror(errno));
	}
	snprintf(env_home, sizeof(env_home), "HOME=%s", tmp_dir);
	snprintf(env_data, sizeof(env_data), "XDG_DATA_HOME=%s/data", tmp_dir);
	snprintf(env_config, sizeof(env_config), "XDG_CONFIG_HOME=%s/config", tmp_dir);
	snprintf(env_state, sizeof(env_state), "XDG_STATE_HOME=%s/state", tmp_dir);
	snprintf(env_data_dir, sizeof(env_data_dir), "SIRT_DATA_DIR=%s",
		 getenv("SIRT_DATA_DIR") ? getenv("SIRT_DATA_DIR") : "");
	sizes = calloc(o.nsizes, sizeof(*sizes));
	if (!sizes)
		fail("out of memory");
	for (size_t i = 0; i < o.nsizes; i++) {
		sizes[i].incidents = o.sizes[i];
		prepare_size(&o, &sizes[i]);
	}
	prepare_fields(&o, &fields);
	export_select = export_sql(&o, sizes[0].db);
	for (int run = 0; run < o.runs; run++) {
		for (size_t i = 0; i < o.nsizes; i++) {
			fprintf(stderr, "sirt-bench: run %d of %d, %zu incidents\n", run + 1, o.runs, sizes[i].incidents);
			first_screens(&o, &sizes[i]);
			sirt_screen(&o, &sizes[i]);
			less_screen(&o, &sizes[i]);
			command_line(&o, &sizes[i], export_select);
		}
		fprintf(stderr, "sirt-bench: run %d of %d, long fields\n", run + 1, o.runs);
		edit_field(&o, &fields, false);
		edit_field(&o, &fields, true);
		less_fields(&o, &fields);
	}
	print_machine(&o);
	print_figures(&o, sizes);
	printf("\n");
	print_targets(&o, sizes);
	printf("\n");
	print_fields(&fields);
	for (int m = 0; m < FIELD_METRIC_COUNT; m++) {
		free(fields.sirt[m].values);
		free(fields.floor[m].values);
	}
	free(fields.db);
	free(fields.long_ref);
	free(fields.huge_ref);
	free(fields.huge_file);
	for (size_t i = 0; i < o.nsizes; i++) {
		for (int m = 0; m < METRIC_COUNT; m++) {
			free(sizes[i].sirt[m].values);
			free(sizes[i].floor[m].values);
		}
		free(sizes[i].db);
		free(sizes[i].rows_file);
	}
	free(sizes);
	free(export_select);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp_dir);
	return system(cmd) == 0 ? 0 : 1;
}
