/* The load test: operators (processes, 8 by default) run sirt at full
 * speed for a while (60 s by default) on the same three incidents, mixing
 * reads and writes, many of them on the same form field: its value from
 * some, its note from others, each write keeping what it read of the
 * other half. The store's version check must refuse a write made over a
 * change it did not see, never lose one. Afterwards: nothing said busy or
 * locked, the database is intact, every acknowledged write is present,
 * each one is a row of the field's history that changed only its own
 * half, and the throughput is printed.
 *
 *   load [--operators N] [--seconds S] [--seed S]
 *   (SIRT_STRESS_OPERATORS and SIRT_STRESS_SECONDS set the defaults)
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "stress.h"

#define MAX_OPERATORS 64
#define TARGETS 3
#define LATENCY_SLOTS 10001	/* milliseconds; the last holds anything longer */
/* Shared by every operator: the value of one half, the note of the other. */
#define SHARED_FIELD "systems_targeted"
#define SHARED_STEP "restoration.change-passwords"

enum op_class { READ, WRITE, CONFLICT, OP_CLASSES };

struct shared {
	long count[OP_CLASSES];
	long waits;			/* "waiting for another operator" notices */
	long latency[2][LATENCY_SLOTS];	/* reads, writes (acknowledged or refused) */
};

static struct shared *shared;
static char dir[4096], db[4200];
static char refs[TARGETS][32];

static void tally(enum op_class what, const struct run *r)
{
	long ms = r->ms < LATENCY_SLOTS - 1 ? (long)r->ms : LATENCY_SLOTS - 1;

	__atomic_fetch_add(&shared->count[what], 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&shared->latency[what == READ ? 0 : 1][ms], 1, __ATOMIC_RELAXED);
	if (strstr(r->err, "waiting for another operator"))
		__atomic_fetch_add(&shared->waits, 1, __ATOMIC_RELAXED);
}

static bool conflict_refused(const struct run *r)
{
	return WIFEXITED(r->status) && WEXITSTATUS(r->status) == 65 && strstr(r->err, "was changed meanwhile by");
}

/* One command; returns 1 if it failed in a way no operator should see. */
static int operate(const char *log, const char *kind, const char *ref, const char *target, const char *token,
		   const char *const args[])
{
	char why[2048];
	struct run r;
	bool busy;

	if (kind)
		write_log_append(log, EV_BEGIN, kind, ref, target, token);
	if (stress_run(db, args, NULL, &r) < 0) {
		fprintf(stderr, "load: cannot run sirt\n");
		return 1;
	}
	busy = says_busy(r.out) || says_busy(r.err);
	if (!busy && run_ok(&r)) {
		tally(kind ? WRITE : READ, &r);
		if (kind)
			write_log_append(log, EV_ACK, kind, ref, target, token);
		run_free(&r);
		return 0;
	}
	if (!busy && kind && conflict_refused(&r)) {
		tally(CONFLICT, &r);
		write_log_append(log, EV_CONFLICT, kind, ref, target, token);
		run_free(&r);
		return 0;
	}
	run_describe(&r, why, sizeof(why));
	fprintf(stderr, "load: sirt %s %s: %s%s\n", args[0], args[1] ? args[1] : "", busy ? "said busy: " : "", why);
	if (kind)
		write_log_append(log, EV_FAIL, kind, ref, target, token);
	run_free(&r);
	return 1;
}

static int operator(int id, uint64_t seed, long long until)
{
	struct rng r = rng_seeded(seed, (uint64_t)id + 1);
	char log[4200];
	int failures = 0;

	snprintf(log, sizeof(log), "%s/operator-%d.log", dir, id);
	for (int n = 0; stress_now_ms() < until && failures < 10; n++) {
		const char *ref = refs[rng_below(&r, TARGETS)];
		char token[64], set[128];

		snprintf(token, sizeof(token), "op%d-n%d", id, n);
		switch (rng_below(&r, 20)) {
		case 0:
		case 1:
		case 2:
		case 3: {
			const char *args[] = {"show", ref, "--format", "json", NULL};
			failures += operate(log, NULL, ref, "", "", args);
			break;
		}
		case 4:
		case 5: {
			const char *args[] = {"show", ref, NULL};
			failures += operate(log, NULL, ref, "", "", args);
			break;
		}
		case 6: {
			const char *args[] = {"list", "--format", "json", NULL};
			failures += operate(log, NULL, ref, "", "", args);
			break;
		}
		case 7: {
			/* Everything, read in one transaction while the others write. */
			const char *args[] = {n % 2 ? "list" : "export", NULL};
			failures += operate(log, NULL, ref, "", "", args);
			break;
		}
		case 8:
		case 9:
		case 10: {
			const char *args[] = {"set", ref, "triage", set, NULL};
			snprintf(set, sizeof(set), SHARED_FIELD "=%s", token);
			failures += operate(log, "value", ref, "triage." SHARED_FIELD, token, args);
			break;
		}
		case 11:
		case 12:
		case 13: {
			const char *args[] = {"set", ref, "triage", "--note", set, NULL};
			snprintf(set, sizeof(set), SHARED_FIELD "=%s", token);
			failures += operate(log, "fieldnote", ref, "triage." SHARED_FIELD, token, args);
			break;
		}
		case 14: {
			const char *args[] = {"set", ref, "lead", set, NULL};
			snprintf(set, sizeof(set), "target_os=%s", token);
			failures += operate(log, "value", ref, "lead.target_os", token, args);
			break;
		}
		case 15: {
			const char *args[] = {"step", ref, SHARED_STEP, n % 2 ? "done" : "open", "--note", token, NULL};
			failures += operate(log, "step", ref, SHARED_STEP, token, args);
			break;
		}
		case 16: {
			const char *args[] = {"note", ref, "--kind", "log-review", token, NULL};
			failures += operate(log, "note", ref, "", token, args);
			break;
		}
		case 17: {
			const char *args[] = {"call", ref, "lead", "--outcome", "message", "--note", token, NULL};
			failures += operate(log, "call", ref, "", token, args);
			break;
		}
		case 18: {
			const char *args[] = {"cost", "add", ref, "--kind", "damage", "--amount", "250", "--estimate",
					      "--description", token, NULL};
			failures += operate(log, "cost", ref, "", token, args);
			break;
		}
		default: {
			const char *args[] = {"witness", "add", ref, "--name", token, NULL};
			failures += operate(log, "witness", ref, "", token, args);
			break;
		}
		}
	}
	return failures;
}

/* Counts the acknowledged writes of log to one ref's target (of kinds
 * kind_a or kind_b). */
static long acked_to(const struct write_log *log, const char *ref, const char *target, const char *kind_a,
		     const char *kind_b)
{
	long n = 0;

	for (size_t i = 0; i < log->len; i++) {
		const struct write *w = &log->items[i];

		n += w->event == EV_ACK && strcmp(w->ref, ref) == 0 && strcmp(w->target, target) == 0 &&
		     (strcmp(w->kind, kind_a) == 0 || (kind_b && strcmp(w->kind, kind_b) == 0));
	}
	return n;
}

/* The history of one shared field or step: one audit row per
 * acknowledged write, none more (a write that failed or was refused
 * left nothing), and, for the field, each changing only the half it
 * was about: changing the other too would write over what another
 * operator saved, unseen. */
static int check_history(sqlite3 *handle, const struct write_log *log, FILE *out)
{
	static const char sql[] =
		"SELECT a.id, a.op, json_extract(a.before, '$.value'), json_extract(a.before, '$.note'),"
		" json_extract(a.after, '$.value'), json_extract(a.after, '$.note') FROM audit a"
		" JOIN incident i ON i.id = json_extract(a.after, '$.incident_id')"
		" WHERE a.tbl = ?1 AND i.ref = ?2 AND coalesce(json_extract(a.after, '$.form') || '.' ||"
		" json_extract(a.after, '$.key'), json_extract(a.after, '$.step_key')) = ?3 ORDER BY a.id";
	static const struct {
		const char *tbl, *target, *kind_a, *kind_b;
		bool halves;	/* written by value and by note */
	} histories[] = {
		{"field", "triage." SHARED_FIELD, "value", "fieldnote", true},
		{"field", "lead.target_os", "value", NULL, false},
		{"step", SHARED_STEP, "step", NULL, false},
	};
	sqlite3_stmt *st;
	int problems = 0;

	if (sqlite3_prepare_v2(handle, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(out, "reading the history: %s\n", sqlite3_errmsg(handle));
		return 1;
	}
	for (size_t h = 0; h < sizeof(histories) / sizeof(histories[0]); h++) {
		for (int t = 0; t < TARGETS; t++) {
			long rows = 0, acked = acked_to(log, refs[t], histories[h].target, histories[h].kind_a,
							histories[h].kind_b);

			sqlite3_bind_text(st, 1, histories[h].tbl, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, refs[t], -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, histories[h].target, -1, SQLITE_STATIC);
			while (sqlite3_step(st) == SQLITE_ROW) {
				const char *half[4];
				bool value_changed, note_changed;

				rows++;
				if (!histories[h].halves || strcmp((const char *)sqlite3_column_text(st, 1), "update") != 0)
					continue;
				for (int c = 0; c < 4; c++)
					half[c] = sqlite3_column_text(st, 2 + c) ? (const char *)sqlite3_column_text(st, 2 + c)
										: "";
				value_changed = strcmp(half[0], half[2]) != 0;
				note_changed = strcmp(half[1], half[3]) != 0;
				if (value_changed && note_changed) {
					fprintf(out, "lost update: audit row %lld of %s %s changed the value \"%s\" -> \"%s\" and"
						     " the note \"%s\" -> \"%s\" at once\n",
						(long long)sqlite3_column_int64(st, 0), refs[t], histories[h].target, half[0],
						half[2], half[1], half[3]);
					problems++;
				}
			}
			sqlite3_reset(st);
			if (rows != acked) {
				fprintf(out, "%s %s: %ld changes recorded, %ld writes acknowledged\n", refs[t],
					histories[h].target, rows, acked);
				problems++;
			}
		}
	}
	sqlite3_finalize(st);
	return problems;
}

static int check_all(int operators)
{
	struct write_log log = {0};
	sqlite3 *handle;
	int problems = 0;

	for (int i = 0; i < operators; i++) {
		char path[4200];

		snprintf(path, sizeof(path), "%s/operator-%d.log", dir, i);
		if (write_log_read(path, i, &log) < 0) {
			printf("cannot read %s\n", path);
			problems++;
		}
	}
	problems += check_integrity(db, stdout);
	problems += check_audit_verify(db, stdout);
	problems += check_acknowledged(db, &log, stdout);
	if ((handle = stress_db_open(db, stdout))) {
		problems += check_history(handle, &log, stdout);
		sqlite3_close(handle);
	} else {
		problems++;
	}
	write_log_free(&log);
	return problems;
}

static long percentile(const long *slots, double p)
{
	long total = 0, seen = 0;

	for (int i = 0; i < LATENCY_SLOTS; i++)
		total += slots[i];
	for (int i = 0; i < LATENCY_SLOTS; i++) {
		seen += slots[i];
		if (total && seen >= (long)(p * (double)total + 0.5))
			return i;
	}
	return 0;
}

static long slowest(const long *slots)
{
	for (int i = LATENCY_SLOTS - 1; i > 0; i--)
		if (slots[i])
			return i;
	return 0;
}

static int setup(void)
{
	static const char *const titles[TARGETS] = {"Load: phishing wave", "Load: defaced web server",
						    "Load: ransomware on fs01"};

	return stress_new_incidents(db, titles, TARGETS, refs);
}

static void usage(void)
{
	fprintf(stderr, "usage: load [--operators N] [--seconds S] [--seed S]\n");
	exit(64);
}

int main(int argc, char **argv)
{
	int operators = getenv("SIRT_STRESS_OPERATORS") ? atoi(getenv("SIRT_STRESS_OPERATORS")) : 8;
	int seconds = getenv("SIRT_STRESS_SECONDS") ? atoi(getenv("SIRT_STRESS_SECONDS")) : 60;
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	pid_t pids[MAX_OPERATORS];
	int problems = 0, status;
	long long start, until;
	double took;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--operators") == 0 && i + 1 < argc)
			operators = atoi(argv[++i]);
		else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc)
			seconds = atoi(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 0);
		else
			usage();
	}
	if (operators < 1 || operators > MAX_OPERATORS || seconds < 1)
		usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("load: %d operators for %d s, seed %" PRIu64 " (re-run: load --operators %d --seconds %d --seed %" PRIu64
	       ")\n", operators, seconds, seed, operators, seconds, seed);
	shared = mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED || stress_home(dir, sizeof(dir), db, sizeof(db)) < 0 || setup() < 0)
		return 1;
	start = stress_now_ms();
	until = start + (long long)seconds * 1000;
	fflush(NULL);
	for (int i = 0; i < operators; i++)
		if ((pids[i] = fork()) == 0)
			_exit(operator(i, seed, until) ? 1 : 0);
	for (int i = 0; i < operators; i++)
		if (pids[i] < 0 || waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			printf("operator %d: some of its commands failed (above)\n", i);
			problems++;
		}
	took = (double)(stress_now_ms() - start) / 1000;
	printf("load: %ld writes acknowledged (%.1f/s), %ld refused as conflicts (%.1f/s), %ld reads (%.1f/s) in %.1f s\n",
	       shared->count[WRITE], (double)shared->count[WRITE] / took, shared->count[CONFLICT],
	       (double)shared->count[CONFLICT] / took, shared->count[READ], (double)shared->count[READ] / took, took);
	printf("load: latency of a command: reads p50 %ld ms, p99 %ld ms, max %ld ms; writes p50 %ld ms, p99 %ld ms,"
	       " max %ld ms; %ld waited over a second\n",
	       percentile(shared->latency[0], 0.5), percentile(shared->latency[0], 0.99), slowest(shared->latency[0]),
	       percentile(shared->latency[1], 0.5), percentile(shared->latency[1], 0.99), slowest(shared->latency[1]),
	       shared->waits);
	problems += check_all(operators);
	printf("load: %s\n", problems ? "FAILED" : "no busy error shown, nothing lost, integrity and audit chain ok");
	stress_home_remove(dir);
	return problems ? 1 : 0;
}
