/* The crash loop: four writers work on the same incidents at once, three
 * through the command line and one through the full-screen program on a
 * pseudo-terminal, each logging every write acknowledged to it (exit 0,
 * or the save message on the screen) to a side file. At a random moment
 * one of them is killed with SIGKILL. After each round the database must
 * pass integrity_check and sirt audit verify and hold every acknowledged
 * write. The seed is printed: --seed re-runs the same choices.
 *
 *   crash_loop [--rounds N] [--seed S] [--keep]
 *   (SIRT_STRESS_ROUNDS sets the default number of rounds, else 500)
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../pty/pty.h"
#include "stress.h"

#define CLI_WRITERS 3
#define SCREEN CLI_WRITERS	/* the writer index of the full-screen session */
#define WRITERS (CLI_WRITERS + 1)
#define TARGETS 3
/* The killer strikes this long after a round starts. */
#define KILL_AFTER_MIN_MS 10
#define KILL_AFTER_SPAN_MS 600
#define SCREEN_TIMEOUT_MS 15000

/* In memory shared with the writers and the killer. */
struct shared {
	volatile pid_t running[WRITERS];	/* the sirt a writer waits for, 0 between */
	volatile pid_t killed_pid;		/* set just before the kill */
	volatile int stop;			/* the kill is done: finish and stop */
};

static struct shared *shared;
static char dir[4096], db[4200];
static char refs[TARGETS][32];

/* Each command-line writer has a form field and a restoration step of its
 * own, so that the last value acknowledged must be the one in place (or a
 * later one whose acknowledgement the kill cut off). */
static const char *const own_field[CLI_WRITERS] = {"target_system", "target_os", "attacker_origin"};
static const char *const own_step[CLI_WRITERS] = {"restoration.reinstall", "restoration.restore-backups",
						  "restoration.confirm-defences"};
#define SCREEN_FIELD "target_location"

static void log_path(int writer, char *buf, size_t size)
{
	snprintf(buf, size, "%s/writer-%d.log", dir, writer);
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* One write through the command line: logged before, then as it ended. */
static int cli_write(int writer, const char *kind, const char *ref, const char *target, const char *token,
		     const char *const args[])
{
	char path[4200], why[2048];
	struct run r;
	int failed = 0;

	log_path(writer, path, sizeof(path));
	write_log_append(path, EV_BEGIN, kind, ref, target, token);
	if (stress_run(db, args, &shared->running[writer], &r) < 0) {
		write_log_append(path, EV_FAIL, kind, ref, target, token);
		fprintf(stderr, "writer %d: cannot run sirt\n", writer);
		return 1;
	}
	if (run_ok(&r) && !says_busy(r.out) && !says_busy(r.err)) {
		char printed[32];

		/* new prints the reference it made. */
		snprintf(printed, sizeof(printed), "%.*s", (int)strcspn(r.out, "\n"), r.out);
		write_log_append(path, EV_ACK, kind, strcmp(kind, "new") == 0 ? printed : ref, target, token);
	} else if (WIFSIGNALED(r.status) && WTERMSIG(r.status) == SIGKILL && shared->killed_pid == r.pid) {
		write_log_append(path, EV_KILLED, kind, ref, target, token);
	} else {
		run_describe(&r, why, sizeof(why));
		write_log_append(path, EV_FAIL, kind, ref, target, token);
		fprintf(stderr, "writer %d: sirt %s %s: %s %s\n", writer, args[0], args[1] ? args[1] : "", why, r.out);
		failed = 1;
	}
	run_free(&r);
	return failed;
}

/* A command-line writer: writes of every kind until the kill is done. */
static int cli_writer(int writer, uint64_t seed, int round)
{
	struct rng r = rng_seeded(seed, (uint64_t)round * 16 + (uint64_t)writer + 1);
	int failures = 0;

	for (int n = 0; !shared->stop && failures == 0; n++) {
		const char *ref = refs[rng_below(&r, TARGETS)];
		char token[64], set[160], target[64];

		snprintf(token, sizeof(token), "r%d-w%d-n%d", round, writer, n);
		switch (rng_below(&r, 12)) {
		case 0: {
			char title[96];
			const char *args[] = {"new", "--set", "caller_name=Dana Reyes", "--set", "nature=crash loop",
					      "--set", title, NULL};
			snprintf(title, sizeof(title), "title=%s", token);
			failures += cli_write(writer, "new", "", "", token, args);
			break;
		}
		case 1:
		case 2: {
			const char *args[] = {"note", ref, "--kind", "other", token, NULL};
			failures += cli_write(writer, "note", ref, "", token, args);
			break;
		}
		case 3:
		case 4: {
			const char *args[] = {"call", ref, "lead", "--outcome", "no-answer", "--note", token, NULL};
			failures += cli_write(writer, "call", ref, "", token, args);
			break;
		}
		case 5:
		case 6: {
			const char *args[] = {"cost", "add", ref, "--kind", "containment", "--amount", "100",
					      "--description", token, NULL};
			failures += cli_write(writer, "cost", ref, "", token, args);
			break;
		}
		case 7: {
			const char *args[] = {"witness", "add", ref, "--name", token, NULL};
			failures += cli_write(writer, "witness", ref, "", token, args);
			break;
		}
		case 8:
		case 9: {
			const char *args[] = {"set", ref, "lead", set, NULL};
			snprintf(set, sizeof(set), "%s=%s", own_field[writer], token);
			snprintf(target, sizeof(target), "lead.%s", own_field[writer]);
			failures += cli_write(writer, "value", ref, target, token, args);
			break;
		}
		default: {
			const char *args[] = {"step", ref, own_step[writer], n % 2 ? "done" : "na", "--note", token, NULL};
			failures += cli_write(writer, "step", ref, own_step[writer], token, args);
			break;
		}
		}
	}
	return failures;
}

/* Sleeps, then kills the sirt that the victim waits for (the first one
 * it starts, if it is between two), and tells everyone to stop. */
static void killer(long after_ms, int victim)
{
	long long give_up = stress_now_ms() + after_ms + 20000;

	sleep_ms(after_ms);
	while (stress_now_ms() < give_up) {
		pid_t pid = shared->running[victim];

		/* The writer clears its slot before it reaps the child, so
		 * the pid read here is still that child's. */
		if (pid > 0) {
			shared->killed_pid = pid;
			kill(pid, SIGKILL);
			break;
		}
		sleep_ms(1);
	}
	shared->stop = 1;
}

/* The full-screen session of a round, driven by keys. */
struct screen {
	struct pty_term *term;
	pid_t pid;
	int round;
	char log[4200];
};

static bool screen_killed(struct screen *s)
{
	int status;

	return shared->killed_pid == s->pid && pty_wait_exit(s->term, SCREEN_TIMEOUT_MS, &status) == 0 &&
	       WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

/* The environment the session gets: ours, pinned, with drafts of its own
 * (a session killed while typing leaves one; the next would offer it). */
#define SCREEN_ENV_MAX 16

static void screen_env(int round, char env[SCREEN_ENV_MAX][4300], const char *envp[SCREEN_ENV_MAX + 1])
{
	static const char *const passed[] = {"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "SIRT_TEST_SYSTEM_CONFIG",
					     "SIRT_DATA_DIR", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"};
	size_t n = 0;

	snprintf(env[n++], sizeof(env[0]), "TERM=xterm-256color");
	snprintf(env[n++], sizeof(env[0]), "LANG=C.UTF-8");
	snprintf(env[n++], sizeof(env[0]), "LC_ALL=C.UTF-8");
	snprintf(env[n++], sizeof(env[0]), "TZ=UTC");
	snprintf(env[n++], sizeof(env[0]), "PATH=/usr/bin:/bin");
	snprintf(env[n++], sizeof(env[0]), "XDG_STATE_HOME=%s/state-%d", dir, round);
	for (size_t i = 0; i < sizeof(passed) / sizeof(passed[0]) && n < SCREEN_ENV_MAX; i++)
		if (getenv(passed[i]))
			snprintf(env[n++], sizeof(env[0]), "%s=%s", passed[i], getenv(passed[i]));
	for (size_t i = 0; i < n; i++)
		envp[i] = env[i];
	envp[n] = NULL;
}

/* Starts sirt on a terminal through sh, which writes its pid (sirt's, as
 * it execs) for the killer. */
static int screen_start(struct screen *s)
{
	char pidfile[4300], env[SCREEN_ENV_MAX][4300];
	const char *envp[SCREEN_ENV_MAX + 1];
	const char *argv[] = {"/bin/sh", "-c", "echo $$ >\"$1.tmp\" && mv \"$1.tmp\" \"$1\" && shift && exec \"$@\"",
			      "sh", pidfile, getenv("SIRT_BIN"), "--db", db, NULL};
	long long give_up = stress_now_ms() + SCREEN_TIMEOUT_MS;

	snprintf(pidfile, sizeof(pidfile), "%s/screen.pid", dir);
	unlink(pidfile);
	screen_env(s->round, env, envp);
	s->term = pty_start(argv, envp, 24, 80);
	if (!s->term)
		return -1;
	while (stress_now_ms() < give_up) {
		FILE *f = fopen(pidfile, "r");
		long pid = 0;

		if (f) {
			if (fscanf(f, "%ld", &pid) != 1)
				pid = 0;
			fclose(f);
		}
		if (pid > 0) {
			s->pid = (pid_t)pid;
			shared->running[SCREEN] = s->pid;
			return 0;
		}
		sleep_ms(1);
	}
	fprintf(stderr, "screen: sirt never started\n");
	return -1;
}

/* Waits for text; on failure, says whether that was the kill. */
enum wait_result { SEEN, KILLED, FAILED };

static enum wait_result await(struct screen *s, const char *text)
{
	if (pty_wait_text(s->term, text, SCREEN_TIMEOUT_MS) == 0)
		return SEEN;
	return screen_killed(s) ? KILLED : FAILED;
}

static enum wait_result await_gone(struct screen *s, const char *text)
{
	if (pty_wait_gone(s->term, text, SCREEN_TIMEOUT_MS) == 0)
		return SEEN;
	return screen_killed(s) ? KILLED : FAILED;
}

static bool screen_shows(struct screen *s, const char *text)
{
	char *screen = pty_screen_text(s->term);
	bool shows = screen && strstr(screen, text);

	free(screen);
	return shows;
}

static enum wait_result keys(struct screen *s, const char *bytes)
{
	if (pty_send(s->term, bytes) == 0)
		return SEEN;
	return screen_killed(s) ? KILLED : FAILED;
}

#define STEP(call)                                 \
	do {                                       \
		enum wait_result step_ = (call);   \
		if (step_ != SEEN)                 \
			return step_;              \
	} while (0)

/* The save: logged before the key that saves, acknowledged once the
 * screen says it is saved. */
static enum wait_result screen_save(struct screen *s, const char *kind, const char *target, const char *token,
				    const char *key, const char *saved)
{
	enum wait_result got;

	write_log_append(s->log, EV_BEGIN, kind, refs[0], target, token);
	got = keys(s, key);
	if (got == SEEN)
		got = await(s, saved);
	write_log_append(s->log, got == SEEN ? EV_ACK : got == KILLED ? EV_KILLED : EV_FAIL, kind, refs[0], target,
			 token);
	return got;
}

/* One write from the incident view, back to it. */
static enum wait_result screen_write(struct screen *s, unsigned what, const char *token)
{
	char typed[128];

	switch (what) {
	case 0:
		STEP(keys(s, "e"));
		STEP(await(s, "Escalation calls: IR-"));
		/* The call's form, its outcome chosen by the key: on to the note. */
		STEP(keys(s, "n"));
		STEP(await(s, "[no-answer]"));
		STEP(await_gone(s, "Call logged."));
		STEP(keys(s, "\r"));
		STEP(keys(s, token));
		STEP(screen_save(s, "call", "", token, "\r", "Call logged."));
		STEP(keys(s, "q"));
		return await(s, "Status: ");
	case 1:
		STEP(keys(s, "f"));
		STEP(await(s, "Investigation: IR-"));
		STEP(keys(s, "n"));
		STEP(await(s, "New finding"));
		STEP(await_gone(s, "Finding added."));
		/* Other, then the finding. */
		STEP(keys(s, "o\t"));
		STEP(keys(s, token));
		STEP(await(s, token));
		STEP(screen_save(s, "note", "", token, "\x13", "Finding added."));
		STEP(keys(s, "q"));
		return await(s, "Status: ");
	default:
		STEP(keys(s, "l"));
		STEP(await(s, "Lead details: IR-"));
		/* Business critical, severity (required; each letter answers
		 * and moves on), then down to the location, cleared and typed
		 * over. */
		snprintf(typed, sizeof(typed), "yh\t\t\t\t\x15%s", token);
		STEP(keys(s, typed));
		STEP(await(s, token));
		STEP(await_gone(s, "Lead details saved."));
		return screen_save(s, "value", "lead." SCREEN_FIELD, token, "\x13", "Lead details saved.");
	}
}

/* Q quits with status 0, unless the kill lands as it quits. */
static bool screen_quit(struct screen *s)
{
	enum wait_result got = keys(s, "Q");
	int status;

	if (got != SEEN)
		return got == KILLED;
	if (pty_wait_exit(s->term, SCREEN_TIMEOUT_MS, &status) < 0) {
		fprintf(stderr, "screen: sirt did not quit on Q\n");
		return false;
	}
	if ((WIFEXITED(status) && WEXITSTATUS(status) == 0) || screen_killed(s))
		return true;
	fprintf(stderr, "screen: sirt quit on Q with wait status %#x\n", (unsigned)status);
	return false;
}

/* The session of a round: opens the first incident and writes until the
 * kill is done, then quits. Returns 0 if all went as it should. */
static int screen_writer(uint64_t seed, int round)
{
	struct screen s = {.round = round};
	struct rng r = rng_seeded(seed, (uint64_t)round * 16 + SCREEN + 1);
	enum wait_result got = FAILED;
	bool ok;

	log_path(SCREEN, s.log, sizeof(s.log));
	if (screen_start(&s) < 0) {
		pty_free(s.term);
		return 1;
	}
	/* The search selects the only match, the screen's target, before
	 * the next key is read: Enter keeps the search, Enter opens it. */
	if ((got = await(&s, "Incidents: ")) == SEEN && (got = keys(&s, "/Crash loop screen target")) == SEEN &&
	    (got = await(&s, "Search: Crash loop screen target")) == SEEN && (got = keys(&s, "\r\r")) == SEEN)
		got = await(&s, "Status: ");
	/* The key bar comes last: the header row is all drawn by then. */
	if (got == SEEN)
		got = await(&s, "Tab Section");
	if (got == SEEN && screen_shows(&s, "Also open:")) {
		/* Only one session runs at a time: that is one killed before. */
		fprintf(stderr, "screen: a killed session is shown as having the incident open\n");
		got = FAILED;
	}
	for (int n = 0; got == SEEN && !shared->stop; n++) {
		char token[64];

		snprintf(token, sizeof(token), "r%d-screen-n%d", round, n);
		got = screen_write(&s, rng_below(&r, 3), token);
	}
	shared->running[SCREEN] = 0;
	ok = got == KILLED || (got == SEEN && screen_quit(&s));
	pty_free(s.term);
	return ok ? 0 : 1;
}

/* The form fields and steps only one writer changes: the value in place
 * must be its last acknowledged one, or one it began later (the kill may
 * have cut off the acknowledgement, not the commit). */
static int check_latest(const struct write_log *log, FILE *out)
{
	sqlite3 *handle = stress_db_open(db, out);
	sqlite3_stmt *field = NULL, *step = NULL;
	int problems = 0;

	if (!handle)
		return 1;
	if (sqlite3_prepare_v2(handle, "SELECT f.value FROM field f JOIN incident i ON i.id = f.incident_id"
				       " WHERE i.ref = ? AND f.form || '.' || f.key = ?", -1, &field, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(handle, "SELECT s.note FROM step s JOIN incident i ON i.id = s.incident_id"
				       " WHERE i.ref = ? AND s.step_key = ?", -1, &step, NULL) != SQLITE_OK) {
		fprintf(out, "reading the latest values: %s\n", sqlite3_errmsg(handle));
		problems++;
	}
	for (size_t i = 0; i < log->len && !problems; i++) {
		const struct write *w = &log->items[i];
		bool later_acked = false, fits;
		sqlite3_stmt *st = strcmp(w->kind, "step") == 0 ? step : field;
		const char *now;

		if (w->event != EV_ACK || (strcmp(w->kind, "value") != 0 && strcmp(w->kind, "step") != 0))
			continue;
		for (size_t j = i + 1; j < log->len && !later_acked; j++)
			later_acked = log->items[j].event == EV_ACK && log->items[j].writer == w->writer &&
				      strcmp(log->items[j].kind, w->kind) == 0 && strcmp(log->items[j].ref, w->ref) == 0 &&
				      strcmp(log->items[j].target, w->target) == 0;
		if (later_acked)
			continue;
		sqlite3_bind_text(st, 1, w->ref, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, w->target, -1, SQLITE_STATIC);
		now = sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
		fits = now && strcmp(now, w->token) == 0;
		for (size_t j = i + 1; j < log->len && !fits && now; j++)
			fits = log->items[j].event == EV_BEGIN && log->items[j].writer == w->writer &&
			       strcmp(log->items[j].kind, w->kind) == 0 && strcmp(log->items[j].ref, w->ref) == 0 &&
			       strcmp(log->items[j].target, w->target) == 0 && strcmp(log->items[j].token, now) == 0;
		if (!fits) {
			fprintf(out, "lost: writer %d's last %s of %s %s is \"%s\", but it holds \"%s\"\n", w->writer,
				w->kind, w->ref, w->target, w->token, now ? now : "(nothing)");
			problems++;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(field);
	sqlite3_finalize(step);
	sqlite3_close(handle);
	return problems;
}

static int check_round(FILE *out)
{
	struct write_log log = {0};
	int problems = 0;

	for (int w = 0; w < WRITERS; w++) {
		char path[4200];

		log_path(w, path, sizeof(path));
		if (write_log_read(path, w, &log) < 0) {
			fprintf(out, "cannot read %s\n", path);
			problems++;
		}
	}
	for (size_t i = 0; i < log.len; i++)
		if (log.items[i].event == EV_FAIL) {
			fprintf(out, "writer %d: %s %s %s \"%s\" failed\n", log.items[i].writer, log.items[i].kind,
				log.items[i].ref, log.items[i].target, log.items[i].token);
			problems++;
		}
	problems += check_integrity(db, out);
	problems += check_audit_verify(db, out);
	problems += check_acknowledged(db, &log, out);
	problems += check_latest(&log, out);
	write_log_free(&log);
	return problems;
}

static int setup(void)
{
	static const char *const titles[TARGETS] = {"Crash loop screen target", "Crash loop second target",
						    "Crash loop third target"};

	return stress_new_incidents(db, titles, TARGETS, refs);
}

/* Everything a round says goes to round.log, shown only if it fails:
 * the screen's dumps when it is the one killed are expected. */
static int redirect_stderr(void)
{
	char path[4200];
	int saved = dup(2), fd;

	snprintf(path, sizeof(path), "%s/round.log", dir);
	fflush(stderr);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (saved < 0 || fd < 0)
		return -1;
	dup2(fd, 2);
	close(fd);
	return saved;
}

static void restore_stderr(int saved, bool show)
{
	char path[4200], chunk[4096];
	FILE *f;
	size_t n;

	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	snprintf(path, sizeof(path), "%s/round.log", dir);
	if (show && (f = fopen(path, "r"))) {
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			fwrite(chunk, 1, n, stderr);
		fclose(f);
	}
}

struct tally {
	int acked[WRITERS];
	int killed[WRITERS];	/* rounds each was the one killed */
	int cut, cut_committed;
};

/* One round; returns the number of problems. */
static int round_run(uint64_t seed, int round, struct tally *tally)
{
	struct rng r = rng_seeded(seed, (uint64_t)round * 16);
	long after_ms = KILL_AFTER_MIN_MS + (long)rng_below(&r, KILL_AFTER_SPAN_MS);
	int victim = (int)rng_below(&r, WRITERS);
	pid_t pids[CLI_WRITERS + 1];
	int problems = 0, status, saved;

	memset((void *)shared, 0, sizeof(*shared));
	if ((saved = redirect_stderr()) < 0) {
		perror("crash loop: round.log");
		return 1;
	}
	fflush(NULL);
	for (int w = 0; w < CLI_WRITERS; w++)
		if ((pids[w] = fork()) == 0)
			_exit(cli_writer(w, seed, round) ? 1 : 0);
	if ((pids[CLI_WRITERS] = fork()) == 0) {
		killer(after_ms, victim);
		_exit(0);
	}
	problems += screen_writer(seed, round);
	/* A screen that failed early must not leave the others waiting. */
	shared->stop = 1;
	for (int i = 0; i <= CLI_WRITERS; i++) {
		if (pids[i] < 0 || waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "%s failed\n", i < CLI_WRITERS ? "a command-line writer" : "the killer");
			problems++;
		}
	}
	problems += check_round(stderr);
	restore_stderr(saved, problems > 0);
	if (problems)
		printf("round %d: %d problem%s (the kill came after %ld ms, at writer %d)\n", round, problems,
		       problems == 1 ? "" : "s", after_ms, victim);
	tally->killed[victim]++;
	return problems;
}

/* What the side files say: writes acknowledged per writer, and the
 * writes the kills cut off, of which some had committed. */
static void count_writes(struct tally *tally)
{
	struct write_log all = {0};

	for (int w = 0; w < WRITERS; w++) {
		char path[4200];
		size_t from = all.len;

		log_path(w, path, sizeof(path));
		write_log_read(path, w, &all);
		for (size_t i = from; i < all.len; i++) {
			tally->acked[w] += all.items[i].event == EV_ACK;
			tally->cut += all.items[i].event == EV_KILLED;
		}
	}
	tally->cut_committed = count_present(db, &all, EV_KILLED);
	write_log_free(&all);
}

static void usage(void)
{
	fprintf(stderr, "usage: crash_loop [--rounds N] [--seed S] [--keep]\n");
	exit(64);
}

int main(int argc, char **argv)
{
	int rounds = getenv("SIRT_STRESS_ROUNDS") ? atoi(getenv("SIRT_STRESS_ROUNDS")) : 500, failed_round = -1;
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	bool keep = false;
	struct tally tally = {0};
	long long start;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else if (strcmp(argv[i], "--keep") == 0)
			keep = true;
		else
			usage();
	}
	if (rounds < 1)
		usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("crash loop: %d rounds, seed %" PRIu64 " (re-run: crash_loop --rounds %d --seed %" PRIu64 ")\n", rounds,
	       seed, rounds, seed);
	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED || stress_home(dir, sizeof(dir), db, sizeof(db)) < 0 || setup() < 0)
		return 1;
	start = stress_now_ms();
	for (int round = 0; round < rounds && failed_round < 0; round++) {
		if (round_run(seed, round, &tally))
			failed_round = round;
		else if ((round + 1) % 10 == 0 || round + 1 == rounds)
			printf("round %d of %d: all acknowledged writes present, integrity and audit chain ok\n",
			       round + 1, rounds);
	}
	count_writes(&tally);
	printf("crash loop: %d rounds in %.1f s; writes acknowledged: %d, %d, %d on the command line, %d on the screen\n",
	       failed_round < 0 ? rounds : failed_round + 1, (double)(stress_now_ms() - start) / 1000, tally.acked[0],
	       tally.acked[1], tally.acked[2], tally.acked[SCREEN]);
	printf("crash loop: killed %d, %d, %d times on the command line, %d on the screen; %d writes cut off by the"
	       " kill, %d of them committed\n",
	       tally.killed[0], tally.killed[1], tally.killed[2], tally.killed[SCREEN], tally.cut, tally.cut_committed);
	if (failed_round >= 0) {
		printf("FAILED in round %d: re-run with --seed %" PRIu64 " --rounds %d%s\n", failed_round, seed,
		       failed_round + 1, keep ? "" : " --keep (to keep the database)");
		if (keep)
			printf("database kept: %s\n", db);
	}
	if (!keep)
		stress_home_remove(dir);
	return failed_round < 0 ? 0 : 1;
}
