/* What the crash loop and the load test share: see stress.h. */
#include "stress.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

struct rng rng_seeded(uint64_t seed, uint64_t stream)
{
	struct rng r = {seed ^ (stream * 0x9E3779B97F4A7C15ull)};

	rng_next(&r);
	return r;
}

uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

unsigned rng_below(struct rng *r, unsigned n)
{
	return n ? (unsigned)(rng_next(r) % n) : 0;
}

long long stress_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int stress_home(char *dir, size_t dir_size, char *db, size_t db_size)
{
	const char *tmp = getenv("TMPDIR");
	char path[4096];

	snprintf(dir, dir_size, "%s/sirt-stress-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		fprintf(stderr, "stress: cannot make a scratch directory in %s: %s\n", tmp ? tmp : "/tmp",
			strerror(errno));
		return -1;
	}
	snprintf(db, db_size, "%s/sirt.db", dir);
	setenv("HOME", dir, 1);
	snprintf(path, sizeof(path), "%s/data", dir);
	setenv("XDG_DATA_HOME", path, 1);
	snprintf(path, sizeof(path), "%s/config", dir);
	setenv("XDG_CONFIG_HOME", path, 1);
	snprintf(path, sizeof(path), "%s/state", dir);
	setenv("XDG_STATE_HOME", path, 1);
	unsetenv("SIRT_CONFIG");
	unsetenv("SIRT_DB");
	if (!getenv("SIRT_TEST_SYSTEM_CONFIG"))
		setenv("SIRT_TEST_SYSTEM_CONFIG", "/nonexistent/sirt-tests/sirt.ini", 1);
	return 0;
}

void stress_home_remove(const char *dir)
{
	pid_t pid = fork();

	if (pid == 0) {
		execlp("rm", "rm", "-rf", "--", dir, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

int stress_new_incidents(const char *db, const char *const titles[], size_t n, char refs[][32])
{
	for (size_t i = 0; i < n; i++) {
		char title[256];
		const char *args[] = {"new", "--set", "caller_name=Burak Kılınç", "--set", "nature=Odd logins on fs01",
				      "--set", title, NULL};
		struct run r;

		snprintf(title, sizeof(title), "title=%s", titles[i]);
		if (stress_run(db, args, NULL, &r) < 0 || !run_ok(&r)) {
			fprintf(stderr, "stress: cannot log the incidents to work on: %s\n", r.err ? r.err : "");
			run_free(&r);
			return -1;
		}
		snprintf(refs[i], 32, "%.*s", (int)strcspn(r.out, "\n"), r.out);
		run_free(&r);
		/* The required answers, so that the writers may each save one
		 * field of the lead details and the triage. */
		{
			const char *lead[] = {"set", refs[i], "lead", "business_critical=no", "severity=medium", NULL};
			const char *triage[] = {"set", refs[i], "triage", "real=real", "in_progress=yes", "type=intrusion",
						"business_impact=serious", "urgent=yes", NULL};
			const char *const *each[] = {lead, triage};

			for (size_t k = 0; k < 2; k++) {
				if (stress_run(db, each[k], NULL, &r) < 0 || !run_ok(&r)) {
					fprintf(stderr, "stress: cannot answer the required questions: %s\n",
						r.err ? r.err : "");
					run_free(&r);
					return -1;
				}
				run_free(&r);
			}
		}
	}
	return 0;
}

/* A command still running after this long has hung: a write waits at
 * most seconds for another under any load these tests make. */
#define RUN_GIVE_UP_MS 60000

struct buffer {
	char *text;
	size_t len, cap;
};

static void buffer_add(struct buffer *b, const char *bytes, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (b->len + n + 1 > cap)
			cap *= 2;
		b->text = realloc(b->text, cap);
		if (!b->text) {
			perror("stress: realloc");
			abort();
		}
		b->cap = cap;
	}
	memcpy(b->text + b->len, bytes, n);
	b->len += n;
	b->text[b->len] = '\0';
}

static char *buffer_take(struct buffer *b)
{
	if (!b->text)
		buffer_add(b, "", 0);
	return b->text;
}

static void exec_sirt(const char *db, const char *const args[], int out, int err)
{
	const char *argv[40];
	int argc = 0, devnull = open("/dev/null", O_RDONLY);
	const char *bin = getenv("SIRT_BIN");

	if (devnull >= 0)
		dup2(devnull, 0);
	dup2(out, 1);
	dup2(err, 2);
	argv[argc++] = bin;
	argv[argc++] = "--db";
	argv[argc++] = db;
	for (int i = 0; args[i] && argc < 39; i++)
		argv[argc++] = args[i];
	argv[argc] = NULL;
	execv(bin, (char *const *)argv);
	_exit(127);
}

int stress_run(const char *db, const char *const args[], volatile pid_t *slot, struct run *out)
{
	struct buffer got[2] = {{0}, {0}};
	int pipes[2][2];
	long long start = stress_now_ms();
	struct pollfd fds[2];
	siginfo_t info;
	pid_t pid;

	memset(out, 0, sizeof(*out));
	if (!getenv("SIRT_BIN")) {
		fprintf(stderr, "stress: set SIRT_BIN to the sirt binary\n");
		return -1;
	}
	if (pipe2(pipes[0], O_CLOEXEC) < 0)
		return -1;
	if (pipe2(pipes[1], O_CLOEXEC) < 0) {
		close(pipes[0][0]);
		close(pipes[0][1]);
		return -1;
	}
	pid = fork();
	if (pid == 0)
		exec_sirt(db, args, pipes[0][1], pipes[1][1]);
	close(pipes[0][1]);
	close(pipes[1][1]);
	if (pid < 0) {
		close(pipes[0][0]);
		close(pipes[1][0]);
		return -1;
	}
	out->pid = pid;
	if (slot)
		*slot = pid;
	for (int i = 0; i < 2; i++)
		fds[i] = (struct pollfd){.fd = pipes[i][0], .events = POLLIN};
	while (fds[0].fd >= 0 || fds[1].fd >= 0) {
		long long left = start + RUN_GIVE_UP_MS - stress_now_ms();
		int ready;

		if (left <= 0 && !out->hung) {
			out->hung = true;
			kill(pid, SIGKILL);
		}
		ready = poll(fds, 2, left > 0 ? (int)left : 1000);
		if (ready < 0 && errno != EINTR)
			break;
		if (ready <= 0)
			continue;
		for (int i = 0; i < 2; i++) {
			char chunk[4096];
			ssize_t n;

			if (fds[i].fd < 0 || !fds[i].revents)
				continue;
			n = read(fds[i].fd, chunk, sizeof(chunk));
			if (n > 0) {
				buffer_add(&got[i], chunk, (size_t)n);
			} else if (n == 0 || errno != EINTR) {
				close(fds[i].fd);
				fds[i].fd = -1;
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	/* Exited but not reaped: its pid cannot be reused while the slot
	 * still names it. */
	while (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT) < 0 && errno == EINTR)
		;
	if (slot)
		*slot = 0;
	while (waitpid(pid, &out->status, 0) < 0 && errno == EINTR)
		;
	out->out = buffer_take(&got[0]);
	out->err = buffer_take(&got[1]);
	out->ms = stress_now_ms() - start;
	return 0;
}

void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

bool run_ok(const struct run *r)
{
	return WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0;
}

void run_describe(const struct run *r, char *buf, size_t size)
{
	const char *err = r->err ? r->err : "";
	size_t n = strlen(err);

	while (n && err[n - 1] == '\n')
		n--;
	if (r->hung)
		snprintf(buf, size, "hung: not done after %d s, so killed: %.*s", RUN_GIVE_UP_MS / 1000, (int)n, err);
	else if (WIFSIGNALED(r->status))
		snprintf(buf, size, "killed by signal %d (%s): %.*s", WTERMSIG(r->status),
			 strsignal(WTERMSIG(r->status)), (int)n, err);
	else
		snprintf(buf, size, "exit %d: %.*s", WEXITSTATUS(r->status), (int)n, err);
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
}

bool says_busy(const char *text)
{
	static const char *const words[] = {"busy", "locked"};

	for (const char *p = text ? text : ""; *p; p++)
		for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++)
			if (strncasecmp(p, words[w], strlen(words[w])) == 0)
				return true;
	return false;
}

static const char *const event_names[] = {"begin", "ack", "conflict", "killed", "fail"};

const char *write_event_name(enum write_event event)
{
	return event_names[event];
}

void write_log_append(const char *path, enum write_event event, const char *kind, const char *ref,
		      const char *target, const char *token)
{
	char line[512];
	int n = snprintf(line, sizeof(line), "%s\t%s\t%s\t%s\t%s\n", event_names[event], kind, ref ? ref : "",
			 target ? target : "", token ? token : "");
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);

	if (fd < 0 || n < 0 || n >= (int)sizeof(line) || write(fd, line, (size_t)n) != n) {
		fprintf(stderr, "stress: cannot log to %s: %s\n", path, strerror(errno));
		abort();
	}
	close(fd);
}

/* Copies the next tab- or newline-ended field of *p into out. */
static void take_field(char **p, char *out, size_t size)
{
	size_t n = strcspn(*p, "\t\n");

	snprintf(out, size, "%.*s", (int)n, *p);
	*p += n;
	if (**p == '\t')
		(*p)++;
}

int write_log_read(const char *path, int writer, struct write_log *log)
{
	FILE *f = fopen(path, "r");
	char line[512];

	if (!f)
		return errno == ENOENT ? 0 : -1;
	while (fgets(line, sizeof(line), f)) {
		struct write w = {.writer = writer};
		char event[16], *p = line;
		size_t e;

		take_field(&p, event, sizeof(event));
		for (e = 0; e < sizeof(event_names) / sizeof(event_names[0]); e++)
			if (strcmp(event, event_names[e]) == 0)
				break;
		if (e == sizeof(event_names) / sizeof(event_names[0]))
			continue;
		w.event = (enum write_event)e;
		take_field(&p, w.kind, sizeof(w.kind));
		take_field(&p, w.ref, sizeof(w.ref));
		take_field(&p, w.target, sizeof(w.target));
		take_field(&p, w.token, sizeof(w.token));
		if (log->len == log->cap) {
			log->cap = log->cap ? log->cap * 2 : 256;
			log->items = realloc(log->items, log->cap * sizeof(*log->items));
			if (!log->items)
				abort();
		}
		log->items[log->len++] = w;
	}
	fclose(f);
	return 0;
}

void write_log_free(struct write_log *log)
{
	free(log->items);
	memset(log, 0, sizeof(*log));
}

sqlite3 *stress_db_open(const char *db, FILE *out)
{
	sqlite3 *handle = NULL;

	if (sqlite3_open_v2(db, &handle, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(out, "cannot open %s: %s\n", db, handle ? sqlite3_errmsg(handle) : "out of memory");
		sqlite3_close(handle);
		return NULL;
	}
	sqlite3_busy_timeout(handle, 10000);
	return handle;
}

/* Runs sql and prints each row's first column as a problem, prefixed by
 * what; returns the number of rows (or 1 if the query fails). */
static int each_problem(sqlite3 *db, const char *sql, const char *what, FILE *out)
{
	sqlite3_stmt *st;
	int problems = 0, rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(out, "%s: %s\n", what, sqlite3_errmsg(db));
		return 1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		problems++;
		if (problems <= 20)
			fprintf(out, "%s: %s\n", what, (const char *)sqlite3_column_text(st, 0));
	}
	if (rc != SQLITE_DONE) {
		fprintf(out, "%s: %s\n", what, sqlite3_errmsg(db));
		problems++;
	}
	if (problems > 20)
		fprintf(out, "%s: ... %d in all\n", what, problems);
	sqlite3_finalize(st);
	return problems;
}

int check_integrity(const char *db, FILE *out)
{
	sqlite3 *handle = stress_db_open(db, out);
	int problems;

	if (!handle)
		return 1;
	problems = each_problem(handle, "SELECT integrity_check FROM pragma_integrity_check"
					" WHERE integrity_check <> 'ok'", "integrity_check", out);
	problems += each_problem(handle, "SELECT \"table\" || ' row ' || rowid || ' names a missing ' || parent"
					 " FROM pragma_foreign_key_check", "foreign_key_check", out);
	sqlite3_close(handle);
	return problems;
}

int check_audit_verify(const char *db, FILE *out)
{
	const char *args[] = {"audit", "verify", NULL};
	struct run r;
	char why[1024];

	if (stress_run(db, args, NULL, &r) < 0) {
		fprintf(out, "sirt audit verify: cannot run it\n");
		return 1;
	}
	if (run_ok(&r)) {
		run_free(&r);
		return 0;
	}
	run_describe(&r, why, sizeof(why));
	fprintf(out, "sirt audit verify: %s %s\n", why, r.out);
	run_free(&r);
	return 1;
}

/* Where each kind of acknowledged write must be found: one row per
 * record or per state a form field or step has been in, by the same
 * key as the side file's (kind, ref, target, token). */
static const char present_sql[] =
	"CREATE TEMP TABLE present (kind TEXT, ref TEXT, target TEXT, token TEXT);"
	"INSERT INTO present SELECT 'new', ref, '', title FROM incident;"
	/* A new incident cut off before it printed its reference. */
	"INSERT INTO present SELECT 'new', '', '', title FROM incident;"
	"INSERT INTO present SELECT 'note', i.ref, '', n.text FROM note n JOIN incident i ON i.id = n.incident_id;"
	"INSERT INTO present SELECT 'call', i.ref, '', c.note FROM call_attempt c JOIN incident i ON i.id = c.incident_id;"
	"INSERT INTO present SELECT 'cost', i.ref, '', c.description FROM cost c JOIN incident i ON i.id = c.incident_id;"
	"INSERT INTO present SELECT 'witness', i.ref, '', w.name FROM witness w JOIN incident i ON i.id = w.incident_id;"
	"CREATE TEMP TABLE state AS SELECT a.tbl AS tbl, json_extract(a.after, '$.incident_id') AS incident_id,"
	"  json_extract(a.after, '$.form') AS form, json_extract(a.after, '$.key') AS key,"
	"  json_extract(a.after, '$.step_key') AS step_key, json_extract(a.after, '$.value') AS value,"
	"  json_extract(a.after, '$.note') AS note"
	"  FROM audit a WHERE a.tbl IN ('field', 'step') AND a.after IS NOT NULL;"
	"INSERT INTO present SELECT 'value', i.ref, s.form || '.' || s.key, s.value FROM state s"
	"  JOIN incident i ON i.id = s.incident_id WHERE s.tbl = 'field';"
	"INSERT INTO present SELECT 'fieldnote', i.ref, s.form || '.' || s.key, s.note FROM state s"
	"  JOIN incident i ON i.id = s.incident_id WHERE s.tbl = 'field';"
	"INSERT INTO present SELECT 'step', i.ref, s.step_key, s.note FROM state s"
	"  JOIN incident i ON i.id = s.incident_id WHERE s.tbl = 'step';"
	"CREATE INDEX temp.present_key ON present (kind, ref, target, token);"
	"CREATE TEMP TABLE written (kind TEXT, ref TEXT, target TEXT, token TEXT, writer INTEGER);";

/* Fills the temporary tables: what is present, and the writes of log
 * that ended with event. */
static sqlite3 *open_writes(const char *db, const struct write_log *log, enum write_event event, FILE *out)
{
	sqlite3 *handle = stress_db_open(db, out);
	sqlite3_stmt *st;

	if (!handle)
		return NULL;
	if (sqlite3_exec(handle, present_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(handle, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(handle, "INSERT INTO written VALUES (?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK) {
		fprintf(out, "reading what is present: %s\n", sqlite3_errmsg(handle));
		sqlite3_close(handle);
		return NULL;
	}
	for (size_t i = 0; i < log->len; i++) {
		const struct write *w = &log->items[i];

		if (w->event != event)
			continue;
		sqlite3_bind_text(st, 1, w->kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, w->ref, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, w->target, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, w->token, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 5, w->writer);
		sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	sqlite3_exec(handle, "COMMIT", NULL, NULL, NULL);
	return handle;
}

#define IS_PRESENT "EXISTS (SELECT 1 FROM present p WHERE p.kind = w.kind AND p.ref = w.ref" \
		   " AND p.target = w.target AND p.token = w.token)"

int check_acknowledged(const char *db, const struct write_log *log, FILE *out)
{
	sqlite3 *handle = open_writes(db, log, EV_ACK, out);
	int problems;

	if (!handle)
		return 1;
	problems = each_problem(handle,
		"SELECT 'writer ' || writer || ': ' || kind || ' ' || ref || ' ' || target || ' \"' || token || '\"'"
		" FROM written w WHERE NOT " IS_PRESENT, "acknowledged but missing", out);
	sqlite3_close(handle);
	return problems;
}

int count_present(const char *db, const struct write_log *log, enum write_event event)
{
	sqlite3 *handle = open_writes(db, log, event, stderr);
	sqlite3_stmt *st;
	int n = -1;

	if (!handle)
		return -1;
	if (sqlite3_prepare_v2(handle, "SELECT count(*) FROM written w WHERE " IS_PRESENT, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(handle);
	return n;
}
