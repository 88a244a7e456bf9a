/* End-to-end: the real sirt binary on a real pseudo-terminal at 80x24,
 * driven by keys and read back through libvterm. Every wait is for text
 * on the screen with a timeout, never a fixed sleep. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "../pty/pty.h"

#define TIMEOUT_MS 15000
#define WAIT(t, text) assert_int_equal(pty_wait_text((t), (text), TIMEOUT_MS), 0)
#define GONE(t, text) assert_int_equal(pty_wait_gone((t), (text), TIMEOUT_MS), 0)

static char home[256];
static char db[320];
static char env_home[300], env_data[300], env_config[300];
/* The sample plan's directory, passed on to the programs started. */
static char env_data_dir[4200];

/* A new empty home, data and config directory for each test. */
static int fresh_home(void **state)
{
	(void)state;
	snprintf(home, sizeof(home), "%s/sirt-e2e-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(home))
		return -1;
	snprintf(db, sizeof(db), "%s/sirt.db", home);
	snprintf(env_home, sizeof(env_home), "HOME=%s", home);
	snprintf(env_data, sizeof(env_data), "XDG_DATA_HOME=%s/data", home);
	snprintf(env_config, sizeof(env_config), "XDG_CONFIG_HOME=%s/config", home);
	snprintf(env_data_dir, sizeof(env_data_dir), "SIRT_DATA_DIR=%s",
		 getenv("SIRT_DATA_DIR") ? getenv("SIRT_DATA_DIR") : "");
	/* And for the commands run beside the screen (run_sirt). */
	putenv(env_home);
	putenv(env_data);
	putenv(env_config);
	unsetenv("SIRT_CONFIG");
	unsetenv("SIRT_DB");
	return 0;
}

static int remove_home(void **state)
{
	char cmd[400];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", home);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *sirt_bin(void)
{
	const char *bin = getenv("SIRT_BIN");
	return bin ? bin : "./sirt";
}

/* A shell command that starts sirt ("$0" "$@") as its child, or NULL. */
static const char *wrapper;

/* Starts the TUI; extra_env (may be NULL) is one more NAME=value and
 * extra_args (may be NULL) more arguments, NULL-terminated. */
static struct pty_term *start_args(int rows, int cols, const char *term, const char *extra_env,
				   const char *const extra_args[])
{
	char term_env[64];
	const char *argv[12] = {sirt_bin(), "--db", db, NULL};
	const char *envp[] = {term_env, "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC", "PATH=/usr/bin:/bin",
			      "SIRT_TEST_SYSTEM_CONFIG=/nonexistent/sirt-tests/sirt.ini",
			      env_home, env_data, env_config, env_data_dir, extra_env, NULL};
	struct pty_term *t;

	for (int i = 0; extra_args && extra_args[i] && i < 4; i++)
		argv[3 + i] = extra_args[i];
	if (wrapper) {
		/* sirt as a child of a shell that leads the session. */
		memmove(argv + 3, argv, 8 * sizeof(*argv));
		argv[0] = "/bin/sh";
		argv[1] = "-c";
		argv[2] = wrapper;
	}
	snprintf(term_env, sizeof(term_env), "TERM=%s", term);
	t = pty_start(argv, envp, rows, cols);
	assert_non_null(t);
	return t;
}

static struct pty_term *start_env(int rows, int cols, const char *term, const char *extra_env)
{
	return start_args(rows, cols, term, extra_env, NULL);
}

static struct pty_term *start(void)
{
	return start_env(24, 80, "xterm-256color", NULL);
}

/* Runs sirt with args (no terminal) and returns its standard output. */
static char *run_sirt(const char *const args[], int *status)
{
	int out[2];
	pid_t pid;
	char *buf = NULL;
	size_t len = 0;
	char chunk[4096];
	ssize_t n;

	assert_int_equal(pipe(out), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		const char *argv[32];
		int argc = 0;

		dup2(out[1], 1);
		close(out[0]);
		close(out[1]);
		argv[argc++] = sirt_bin();
		argv[argc++] = "--db";
		argv[argc++] = db;
		for (int i = 0; args[i] && argc < 31; i++)
			argv[argc++] = args[i];
		argv[argc] = NULL;
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(out[1]);
	while ((n = read(out[0], chunk, sizeof(chunk))) > 0) {
		buf = realloc(buf, len + (size_t)n + 1);
		memcpy(buf + len, chunk, (size_t)n);
		len += (size_t)n;
	}
	close(out[0]);
	waitpid(pid, status, 0);
	if (!buf)
		buf = calloc(1, 1);
	buf[len] = '\0';
	return buf;
}

static void log_incident(const char *title)
{
	const char *args[] = {"new", "--set", "caller_name=Burak Kılınç", "--set", "nature=Reported by phone",
			      "--set", NULL, NULL};
	char set_title[512];
	int status;
	char *out;

	snprintf(set_title, sizeof(set_title), "title=%s", title);
	args[6] = set_title;
	out = run_sirt(args, &status);
	assert_int_equal(WEXITSTATUS(status), 0);
	free(out);
}

/* Answers the lead details' required questions of the first incident, so
 * that a test may then save one field of them: a form saves only with
 * every required field answered. */
static void answer_lead_required(void)
{
	const char *args[] = {"set", "IR-2026-0001", "lead", "business_critical=no", "severity=medium", NULL};
	int status;

	free(run_sirt(args, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* Writes text to HOME/name, a plan of the test's own; path gets its name. */
static void write_config(char *path, size_t size, const char *name, const char *text)
{
	FILE *f;

	snprintf(path, size, "%s/%s", home, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Display column (not byte or character index) where needle starts. */
/* The screen column at which the byte `at` of row stands. */
static int column_at(const char *row, const char *at)
{
	wchar_t wide[512];
	char prefix[1024];
	size_t n;

	if (!at)
		return -1;
	n = (size_t)(at - row);
	memcpy(prefix, row, n);
	prefix[n] = '\0';
	if (mbstowcs(wide, prefix, 512) == (size_t)-1)
		return -1;
	return wcswidth(wide, 512);
}

/* Waits until row `row` holds text (output keeps being read meanwhile). */
static int wait_row(struct pty_term *t, int row, const char *text, int timeout_ms)
{
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		char *line = pty_row_text(t, row);
		bool found = line && strstr(line, text);

		free(line);
		if (found)
			return 0;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 > timeout_ms) {
			fprintf(stderr, "row %d never showed \"%s\"\n", row, text);
			return -1;
		}
		pty_settle(t, 20, 100);
	}
}

/* Waits until the cell at row, col is in reverse video: the selection
 * has reached it (output keeps being read meanwhile). */
static int wait_selected(struct pty_term *t, int row, int col, int timeout_ms)
{
	long long start = pty_now_us();

	while (!pty_cell_reverse(t, row, col)) {
		if (pty_now_us() - start > timeout_ms * 1000LL) {
			fprintf(stderr, "row %d never showed the selection at column %d\n", row, col);
			return -1;
		}
		pty_settle(t, 20, 100);
	}
	return 0;
}

static void quit(struct pty_term *t)
{
	int status;

	pty_send(t, "Q");
	assert_int_equal(pty_wait_exit(t, TIMEOUT_MS, &status), 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	pty_free(t);
}

/* The reference the first incident of this year gets. */
static const char *first_ref(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	snprintf(buf, size, "IR-%04d-0001", tm.tm_year + 1900);
	return buf;
}

/* sirt show of this year's first incident, as JSON. */
static char *first_incident_json(void)
{
	char ref[32];
	const char *show[] = {"show", first_ref(ref, sizeof(ref)), "--format", "json", NULL};
	int status;
	char *json = run_sirt(show, &status);

	assert_int_equal(WEXITSTATUS(status), 0);
	return json;
}

/* From a screen of the incident: back to it, to the list, then quit. */
static void quit_from_changes(struct pty_term *t)
{
	pty_send(t, "q");
	WAIT(t, "Status: ");
	pty_send(t, "q");
	WAIT(t, "Incidents: ");
	quit(t);
}

/* From the incident view: back to the list, then quit. */
static void quit_from_incident(struct pty_term *t)
{
	pty_send(t, "q");
	WAIT(t, "Incidents: ");
	quit(t);
}

/* The whole path of the desk: a call logged, triaged, categorised, a
 * procedure chosen and worked, and back to the list showing the ticket. */
static void whole_path(void **state)
{
	struct pty_term *t = start();
	char ref[32], *json, *screen;

	(void)state;

	WAIT(t, "No open incidents. Press n to log a call, a to list closed ones.");
	/* At 80 columns the organisation and the number stand whole: the
	 * number's label gives way. */
	WAIT(t, "Example University Security Office");
	WAIT(t, "24/7 +1 555 0100");
	WAIT(t, "n New");
	pty_send(t, "n");
	WAIT(t, "Intake: log the call: new incident");
	pty_send(t, "Burak Kılınç\t");
	/* The time shows now; typing replaces it rather than adding to it. */
	pty_send(t, "-30m\t");
	/* Leaving the field shows the time "-30m" means, to confirm. */
	GONE(t, "-30m");
	pty_send(t, "+1 555 0199\t");
	/* The nature is a narrative: Enter starts a new line in it. */
	pty_send(t, "Ransom note on the file server\rasking for bitcoin\t");
	pty_send(t, "FS01\tServer room B\tUser report\t-2h\t");
	pty_send(t, "Ransomware on FS01");
	pty_send(t, "\x13");
	WAIT(t, "logged. Press t to answer the triage checklist.");
	WAIT(t, "Caller's name             Burak Kılınç");
	WAIT(t, "Nature of the incident    Ransom note on the file server\n"
		"                            asking for bitcoin");

	pty_send(t, "t");
	WAIT(t, "Triage checklist: IR-");
	/* One key a question: a letter picks and moves on; a note is
	 * reached with Tab. Space cycles without moving. */
	pty_send(t, " \tadmin confirmed the note\t"); /* real, with a note */
	pty_send(t, "y");			   /* still in progress */
	pty_send(t, "i");			   /* intrusion */
	pty_send(t, "h");			   /* high */
	pty_send(t, "c");			   /* critical impact */
	pty_send(t, "FS01, 10.1.2.3\t\t");
	pty_send(t, "yynn");
	pty_send(t, "\x13");
	WAIT(t, "Triage checklist saved.");
	WAIT(t, "Status: triage");
	WAIT(t, "real  (admin confirmed the note)");

	pty_send(t, "c");
	WAIT(t, "Mark every category that applies");
	/* Not categorised yet: on none; Down lands on the first, Space
	 * marks and moves on. Data and services marked. */
	WAIT(t, "Number or Down: a category. Space marks, Enter chooses.");
	pty_send(t, "\r");
	WAIT(t, "No category yet: its number or Down to it, then Enter.");
	pty_send(t, "jj j ");
	WAIT(t, "Enter chooses: Threat to sensitive data");
	pty_send(t, "\r");
	WAIT(t, "is now in category data: Threat to sensitive data.");

	pty_send(t, "p");
	WAIT(t, "The procedure that fits: its number or Down, then Enter.");
	pty_send(t, "jjj\r");
	WAIT(t, "Steps 0/14: Active intrusion");
	/* A procedure applies: the bar does not offer free steps. */
	WAIT(t, "d Done");
	assert_int_equal(pty_wait_gone(t, "a Add", 0), 0);
	/* Nor does its help. */
	pty_send(t, "?");
	WAIT(t, "Help: keys on the steps screen");
	WAIT(t, "Mark the step done");
	assert_int_equal(pty_wait_gone(t, "Record a step the team took", 0), 0);
	pty_send(t, "q");
	WAIT(t, "Steps 0/14: Active intrusion");
	pty_send(t, "d");
	WAIT(t, "Steps 1/14");
	pty_send(t, "s");
	WAIT(t, "Why is this step skipped?");
	pty_send(t, "\r");
	WAIT(t, "An answer is needed here");
	pty_send(t, "memory capture tool not on site\r");
	WAIT(t, "Steps 2/14");
	WAIT(t, "[skip] Capture volatile evidence");
	pty_send(t, "n");
	WAIT(t, "Steps 3/14");
	pty_send(t, "k");
	WAIT(t, "n/a by ");
	pty_send(t, "e");
	WAIT(t, "Note on this step");
	pty_send(t, "scope already known from the EDR console\r");
	WAIT(t, "Note saved.");
	WAIT(t, "n/a by ");
	WAIT(t, "scope already known from the EDR console");
	pty_send(t, "q");
	WAIT(t, "Status: responding");
	/* Back on the incident, reloaded: the procedure section, under the
	 * category section the view was left at, counts the steps worked.
	 * Seen before G, which scrolls it out of sight. */
	WAIT(t, "Active intrusion: 3/14 steps worked");
	pty_send(t, "G"); /* the bottom: the closing section's last line */
	assert_int_equal(wait_row(t, 21, "the review must be answered before closing", TIMEOUT_MS), 0);
	GONE(t, "Active intrusion: 3/14 steps worked");
	pty_send(t, "q");
	WAIT(t, "Incidents: 1 open");
	/* At 80 columns the title has the room (the category is in the
	 * incident view, and from 100 columns in the list). */
	WAIT(t, "responding Ransomware on FS01");
	screen = pty_screen_text(t);
	assert_non_null(strstr(screen, first_ref(ref, sizeof(ref))));
	free(screen);
	quit(t);

	json = first_incident_json();
	assert_non_null(strstr(json, "\"caller_name\": \"Burak Kılınç\""));
	assert_non_null(strstr(json, "\"nature\": \"Ransom note on the file server\\nasking for bitcoin\""));
	assert_null(strstr(json, "-30m"));
	assert_non_null(strstr(json, "\"real\": \"real\""));
	assert_non_null(strstr(json, "\"real\": \"admin confirmed the note\""));
	assert_non_null(strstr(json, "\"systems_targeted\": \"FS01, 10.1.2.3\""));
	/* Each letter picked its question's answer and moved on. */
	assert_non_null(strstr(json, "\"in_progress\": \"yes\""));
	assert_non_null(strstr(json, "\"type\": \"intrusion\""));
	assert_non_null(strstr(json, "\"data_threatened\": \"high\""));
	assert_non_null(strstr(json, "\"business_impact\": \"critical\""));
	assert_non_null(strstr(json, "\"inside_trusted_network\": \"yes\""));
	assert_non_null(strstr(json, "\"urgent\": \"yes\""));
	assert_non_null(strstr(json, "\"quickly_contained\": \"no\""));
	assert_non_null(strstr(json, "\"alerts_attacker\": \"no\""));
	assert_non_null(strstr(json, "\"category\": \"data\""));
	assert_non_null(strstr(json, "\"procedure\": \"active-intrusion\""));
	assert_non_null(strstr(json, "\"note\": \"memory capture tool not on site\""));
	assert_non_null(strstr(json, "\"state\": \"na\""));
	assert_non_null(strstr(json, "\"note\": \"scope already known from the EDR console\""));
	free(json);
}

/* A bad value gets its message next to the field and keeps the text. */
static void bad_input_is_kept_with_its_message(void **state)
{
	struct pty_term *t = start();

	(void)state;
	WAIT(t, "No open incidents");
	pty_send(t, "n");
	WAIT(t, "Intake: log the call");
	pty_send(t, "Amara Okafor\t\t\tStrange login alerts\t\t\t\tlast tuesday\t");
	/* Checked as the cursor leaves the field, before any save. */
	WAIT(t, "! First noticed is not a time: use now, 14:05, 2026-11-22 14:05 or -30m");
	pty_send(t, "Odd logins");
	pty_send(t, "\x13");
	WAIT(t, "Not saved: 1 field needs attention");
	WAIT(t, "last tuesday");
	WAIT(t, "Amara Okafor");
	/* The cursor is on the bad field: correct it and save. */
	pty_send(t, "\x15-1d\x13");
	WAIT(t, "logged. Press t");
	GONE(t, "last tuesday");
	pty_send(t, "q");
	/* The title is on the incident too: the list's count says it is back. */
	WAIT(t, "Incidents: 1 open");
	WAIT(t, "Odd logins");
	quit(t);
}

/* Leaving a form with typed text asks first; nothing is lost by a slip. */
static void leaving_a_dirty_form_asks(void **state)
{
	struct pty_term *t = start();

	(void)state;
	WAIT(t, "No open incidents");
	pty_send(t, "n");
	WAIT(t, "Intake: log the call");
	pty_send(t, "Lena Fischer");
	pty_send(t, "\x1b");
	WAIT(t, "Leave this form and lose what was typed?");
	WAIT(t, "y Yes  n No");
	pty_send(t, "n");
	WAIT(t, "Lena Fischer");
	pty_send(t, "\x1b");
	WAIT(t, "Leave this form and lose what was typed?");
	pty_send(t, "y");
	WAIT(t, "No open incidents");
	quit(t);
}

static void resize_redraws_and_too_small_says_so(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("Resize test incident");
	t = start();
	WAIT(t, "Resize test incident");
	WAIT(t, "24/7 +1 555 0100");
	assert_int_equal(pty_resize(t, 30, 100), 0);
	/* Only a redraw at the new width shows the number's label. */
	WAIT(t, "Security office 24/7: +1 555 0100");
	WAIT(t, "Resize test incident");
	/* The hint bar moves to the new last row. */
	assert_int_equal(wait_row(t, 29, "n New", TIMEOUT_MS), 0);
	/* Wider, the room goes to who called, then to the procedure. */
	assert_int_equal(pty_resize(t, 40, 120), 0);
	WAIT(t, "CALLER");
	WAIT(t, "Burak Kılınç");
	GONE(t, "PROCEDURE");
	assert_int_equal(pty_resize(t, 30, 140), 0);
	WAIT(t, "PROCEDURE");
	WAIT(t, "Burak Kılınç");
	assert_int_equal(pty_resize(t, 30, 100), 0);
	GONE(t, "PROCEDURE");
	GONE(t, "Burak Kılınç");
	/* 60x16 is enough, and the title gives way, not the number. */
	assert_int_equal(pty_resize(t, 16, 60), 0);
	assert_int_equal(wait_row(t, 15, "n New", TIMEOUT_MS), 0);
	WAIT(t, "+1 555 0100");
	WAIT(t, "Resize test inci");
	assert_int_equal(pty_resize(t, 15, 59), 0);
	WAIT(t, "Terminal too small: 59x15.");
	WAIT(t, "sirt needs at least 60x16.");
	GONE(t, "Resize test incident");
	assert_int_equal(pty_resize(t, 24, 80), 0);
	WAIT(t, "Resize test incident");
	GONE(t, "Terminal too small");
	quit(t);
}

static void too_small_at_start_and_q_quits(void **state)
{
	struct pty_term *t = start_env(15, 70, "xterm-256color", NULL);
	int status;

	(void)state;
	WAIT(t, "Terminal too small: 70x15.");
	WAIT(t, "Enlarge the window to go on (q quits).");
	pty_send(t, "q");
	assert_int_equal(pty_wait_exit(t, TIMEOUT_MS, &status), 0);
	assert_int_equal(WEXITSTATUS(status), 0);
	pty_free(t);
}

/* Hostile text in a title: shown visibly, never sent to the terminal raw. */
static void malicious_title_never_reaches_the_terminal(void **state)
{
	struct pty_term *t;
	const unsigned char *out;
	size_t len;

	(void)state;
	log_incident("Evil\x1b]0;pwned\x07\x1b[2J\xc2\x9b" "31mX\xe2\x80\xae" "cod.exe");
	t = start();
	WAIT(t, "Evil^[]0;pwned^G^[[2J");
	pty_send(t, "\r");
	WAIT(t, "Evil^[]0;pwned^G^[[2J\\x9b31mX<U+202E>cod.exe");
	out = pty_output(t, &len);
	/* The visible form "^[]0;pwned" is there; an ESC starting an OSC
	 * sequence, or the BEL ending one, must not be. */
	assert_non_null(memmem(out, len, "^[]0;pwned^G", 12));
	assert_null(memmem(out, len, "\x1b]", 2));
	assert_null(memchr(out, '\x07', len));
	assert_null(memmem(out, len, "\xc2\x9b", 2));
	assert_null(memmem(out, len, "\xe2\x80\xae", 3));
	pty_send(t, "q");
	quit(t);
}

static void filter_as_you_type_and_help(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("Phishing wave in finance");
	{
		/* A word that is only in a form field, not in any title. */
		const char *args[] = {"new", "--set", "title=Web server defaced", "--set", "caller_name=Ayşe Yılmaz",
				      "--set", "nature=Reported by phone", "--set", "involved=payroll spreadsheet", NULL};
		int status;
		free(run_sirt(args, &status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	t = start();
	WAIT(t, "Incidents: 2 open");
	pty_send(t, "/");
	WAIT(t, "Search:");
	pty_send(t, "phish");
	GONE(t, "Web server defaced");
	WAIT(t, "Phishing wave in finance");
	/* Enter keeps the search, as the message line says: the bar does
	 * not call it Open meanwhile. */
	WAIT(t, "Enter keeps the search");
	assert_int_equal(pty_wait_gone(t, "Enter Open", 0), 0);
	pty_send(t, "\r");
	WAIT(t, "Phishing wave in finance");
	pty_send(t, "\x1b");
	WAIT(t, "Web server defaced");
	/* Every form field is searched, as typed, words from their start. */
	pty_send(t, "/payr");
	GONE(t, "Phishing wave in finance");
	WAIT(t, "Web server defaced");
	pty_send(t, "x");
	WAIT(t, "Nothing matches");
	pty_send(t, "\x1b");
	WAIT(t, "Phishing wave in finance");
	WAIT(t, "Web server defaced");
	pty_send(t, "?");
	WAIT(t, "Help: keys on the list screen");
	WAIT(t, "Log a new incident: the intake form");
	pty_send(t, "q");
	WAIT(t, "Incidents: 2 open");
	quit(t);
}

/* A list longer than the screen is read a screenful at a time by key:
 * Down past the bottom scrolls by one, PgDn/PgUp by a page, End and Home
 * reach the ends. Once drawn, an idle list writes nothing more. */
static void long_list_pages_by_key_and_idles_quietly(void **state)
{
	struct pty_term *t;
	size_t before, after;
	char title[64];

	(void)state;
	/* A clock that stands still: the AGE column does not tick. */
	setenv("SIRT_TEST_NOW", "2026-11-22T10:00:00Z", 1);
	for (int i = 1; i <= 45; i++) {
		snprintf(title, sizeof(title), "Scan number %02d", i);
		log_incident(title);
	}
	unsetenv("SIRT_TEST_NOW");
	t = start_args(24, 80, "xterm-256color", "SIRT_TEST_NOW=2026-11-22T10:05:00Z", NULL);
	WAIT(t, "Incidents: 45 open");
	WAIT(t, "Scan number 27");		/* 19 rows fit: 45 down to 27 */
	assert_int_equal(pty_wait_gone(t, "Scan number 26", 0), 0);
	for (int i = 0; i < 19; i++)
		pty_send(t, "\x1bOB");
	WAIT(t, "Scan number 26");		/* scrolled by one */
	GONE(t, "Scan number 45");
	WAIT(t, "Scan number 44");
	pty_send(t, "\x1b[6~");		/* PgDn: 18 further */
	WAIT(t, "Scan number 08");
	GONE(t, "Scan number 27");		/* 26 is on top now */
	pty_send(t, "\x1bOF");			/* End */
	WAIT(t, "Scan number 01");
	pty_send(t, "\x1b[5~");		/* PgUp: the cursor goes up, the page stays */
	pty_send(t, "\x1bOH");			/* Home */
	WAIT(t, "Scan number 45");
	GONE(t, "Scan number 01");
	pty_send(t, "\x1bOA");			/* Up at the top: nothing above */
	pty_settle(t, 300, TIMEOUT_MS);
	assert_int_equal(wait_row(t, 3, "Scan number 45", TIMEOUT_MS), 0);
	/* The bottom row selected, another operator logs a call: the list
	 * reloads and the same ticket stays selected, though it moved down
	 * out of the window the list had read. */
	for (int i = 0; i < 18; i++)
		pty_send(t, "\x1bOB");
	assert_int_equal(wait_selected(t, 21, 2, TIMEOUT_MS), 0);
	assert_int_equal(wait_row(t, 21, "Scan number 27", TIMEOUT_MS), 0);
	setenv("SIRT_TEST_NOW", "2026-11-22T10:00:00Z", 1);
	log_incident("Late arrival");
	unsetenv("SIRT_TEST_NOW");
	WAIT(t, "Incidents: 46 open");		/* Late arrival is above, out of sight */
	pty_settle(t, 300, TIMEOUT_MS);
	for (int r = 3; r <= 21; r++) {
		char *line = pty_row_text(t, r);
		bool has = strstr(line, "Scan number 27") != NULL;

		free(line);
		assert_int_equal(pty_cell_reverse(t, r, 2) != 0, has);
	}
	pty_send(t, "\r");			/* and Enter opens that one */
	WAIT(t, "Scan number 27");
	WAIT(t, "Status: ");
	pty_send(t, "q");
	WAIT(t, "Incidents: 46 open");
	assert_int_equal(wait_row(t, 21, "Scan number 27", TIMEOUT_MS), 0);	/* still there */
	pty_settle(t, 300, TIMEOUT_MS);
	/* Idle over more than one tick of the loop's one-second timeout. */
	pty_output(t, &before);
	pty_settle(t, 1500, 6000);
	pty_output(t, &after);
	assert_int_equal(after, before);
	quit(t);
}

/* UTF-8 names keep the columns aligned; wide characters too. */
static void utf8_titles_align_in_columns(void **state)
{
	struct pty_term *t;
	int cols[3];

	(void)state;
	log_incident("Kılınç ğüşöç report");
	log_incident("全角タイトルの報告");
	log_incident("Plain ASCII title");
	/* Wide enough for every column. */
	t = start_env(24, 100, "xterm-256color", NULL);
	WAIT(t, "Kılınç ğüşöç report");
	WAIT(t, "全角タイトルの報告");
	for (int r = 0; r < 3; r++) {
		char *row, *end;

		/* The row is complete once its age is drawn ("0s", "1m"). */
		assert_int_equal(wait_row(t, 3 + r, "IR-", TIMEOUT_MS), 0);
		pty_settle(t, 100, TIMEOUT_MS);
		row = pty_row_text(t, 3 + r);
		/* The last column (UPDATED, a time today) ends at the same
		 * screen column on every row. */
		end = row + strlen(row);
		while (end > row && end[-1] == ' ')
			end--;
		assert_true(end > row);
		cols[r] = column_at(row, end - 1);
		free(row);
	}
	assert_int_equal(cols[0], cols[1]);
	assert_int_equal(cols[1], cols[2]);
	quit(t);
}

/* Without colour, what is selected still stands out (reverse video). */
static void no_color_and_monochrome(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("Monochrome check");
	t = start_env(24, 80, "xterm-256color", "NO_COLOR=1");
	WAIT(t, "Monochrome check");
	assert_true(pty_cell_reverse(t, 3, 5));
	quit(t);
	t = start_env(24, 80, "vt100", NULL);
	WAIT(t, "Monochrome check");
	assert_true(pty_cell_reverse(t, 3, 5));
	quit(t);
}

/* Reviewing over SSH: --read-only says so and refuses changes up front. */
static void read_only_refuses_before_typing(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("Read-only check");
	{
		const char *const args[] = {"--read-only", NULL};
		t = start_args(24, 80, "xterm-256color", NULL, args);
	}
	WAIT(t, "[read-only]");
	WAIT(t, "Read-only check");
	pty_send(t, "n");
	WAIT(t, "Read-only session: nothing can be changed (start sirt without --read-only).");
	GONE(t, "Intake: log the call");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "t");
	WAIT(t, "Read-only session");
	pty_send(t, "q");
	WAIT(t, "Incidents: 1 open");
	/* Esc on the first screen does not quit. */
	pty_send(t, "\x1b");
	WAIT(t, "This is the first screen: q quits.");
	quit(t);
}

/* R3: the office calls down the escalation order until someone answers. */
static void call_list_worked_to_the_third_contact(void **state)
{
	struct pty_term *t;
	char *json;

	(void)state;
	log_incident("Escalation test");
	t = start();
	WAIT(t, "Escalation test");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	/* Tab to the calls, after the incident, its deadlines and intake. */
	pty_send(t, "\t\t\t");
	WAIT(t, "Calls  (e: call down the escalation list)");
	WAIT(t, "Next: Burak Kılınç, +1 555 0101; 0 calls");
	pty_send(t, "e");
	WAIT(t, "Escalation calls: IR-");
	WAIT(t, "Next to call: Burak Kılınç, +1 555 0101");
	/* The key says the outcome; the call's form has it chosen, and the
	 * note (Enter goes to it, Enter on it saves). */
	pty_send(t, "n");
	WAIT(t, "Call to Burak Kılınç (+1 555 0101): IR-");
	WAIT(t, "[no-answer]");
	pty_send(t, "\x13");
	WAIT(t, "Call logged.");
	WAIT(t, "Next to call: Amara Okafor, +1 555 0102");
	WAIT(t, "1. Burak Kılınç: no answer");
	pty_send(t, "m");
	WAIT(t, "Call to Amara Okafor (+1 555 0102): IR-");
	WAIT(t, "[message]");
	pty_send(t, "\rasked her to call back\r");
	/* The third has no phone: said so, not skipped. */
	WAIT(t, "Next: Lena Fischer has no phone; write to lena.fischer@example.org");
	WAIT(t, "Lena Fischer  Network operations        no phone");
	pty_send(t, "r");
	WAIT(t, "Call to Lena Fischer (no phone): IR-");
	WAIT(t, "[reached]");
	pty_send(t, "\rcalled back from home\r");
	WAIT(t, "Reached Lena Fischer at ");
	WAIT(t, "3. Lena Fischer: reached; called back from home");
	pty_send(t, "q");
	WAIT(t, "Reached Lena Fischer; 3 calls");
	/* Each call is on the timeline, which filters by kind. */
	pty_send(t, "h");
	WAIT(t, "Showing every kind: 4 of 4 entries");
	WAIT(t, "(call): Called Lena Fischer (no phone): reached;");
	WAIT(t, "called back from home");
	pty_send(t, "f");
	WAIT(t, "Showing created: 1 of 4 entries");
	pty_send(t, "f");
	WAIT(t, "Showing call: 3 of 4 entries");
	GONE(t, "Incident IR-");
	pty_send(t, "q");
	WAIT(t, "Reached Lena Fischer; 3 calls");
	quit(t);
	json = first_incident_json();
	assert_non_null(strstr(json, "\"outcome\": \"no-answer\""));
	assert_non_null(strstr(json, "\"note\": \"asked her to call back\""));
	assert_non_null(strstr(json, "\"contact\": \"netops\""));
	assert_non_null(strstr(json, "\"outcome\": \"reached\""));
	free(json);
}

/* R3: a call logged through the form of its outcome and note, to the
 * contact selected rather than the next one: an outcome cleared is asked
 * for under its field, and the note typed stays. */
static void a_call_through_the_form(void **state)
{
	struct pty_term *t;
	char *json;

	(void)state;
	log_incident("Wrong number");
	t = start();
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "e");
	WAIT(t, "No call logged yet: r, n, m or w logs one to the selected contact.");
	pty_send(t, "jw");
	WAIT(t, "Call to Amara Okafor (+1 555 0102): IR-");
	WAIT(t, "[wrong-number]");
	pty_send(t, "\x7f\tthe number rang a bakery\x13");
	WAIT(t, "! say how the call went: reached, no-answer, message or wrong-number");
	WAIT(t, "the number rang a bakery");
	/* Back on the outcome: a letter picks. */
	pty_send(t, "w\x13");
	WAIT(t, "Call logged.");
	WAIT(t, "1. Amara Okafor: wrong number; the number rang a bakery");
	/* Burak was not called: still the next. */
	WAIT(t, "Next to call: Burak Kılınç, +1 555 0101");
	pty_send(t, "n\x13");
	WAIT(t, "2. Burak Kılınç: no answer");
	/* The page keys go through the calls made, each shown in full. */
	pty_send(t, "\033[5~");
	WAIT(t, "Note: the number rang a bakery");
	pty_send(t, "q");
	WAIT(t, "Status: ");
	quit_from_incident(t);
	json = first_incident_json();
	assert_non_null(strstr(json, "\"contact\": \"deputy\""));
	assert_non_null(strstr(json, "\"outcome\": \"wrong-number\""));
	assert_non_null(strstr(json, "\"note\": \"the number rang a bakery\""));
	free(json);
}

/* R6: a bad IP address gets its message and keeps what was typed. */
static void lead_details_with_a_bad_ip_corrected(void **state)
{
	struct pty_term *t;
	char *json;

	(void)state;
	log_incident("Lead details test");
	t = start();
	WAIT(t, "Lead details test");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "l");
	WAIT(t, "Lead details: IR-");
	pty_send(t, "yh");
	pty_send(t, "Example Bank <security@bank.example.org>\rKılınç Ltd <soc@kilinc.example.org>\t");
	pty_send(t, "fs01.example.org\tDebian 12\t192.0.2.10, 10.0.0.300\t");
	WAIT(t, "! Its IP addresses \"10.0.0.300\" is not an IPv4 or IPv6 address");
	WAIT(t, "192.0.2.10, 10.0.0.300");
	pty_send(t, "\x13");
	WAIT(t, "Not saved: 1 field needs attention");
	pty_send(t, "\x15" "192.0.2.10, 2001:db8::10\x13");
	WAIT(t, "Lead details saved.");
	WAIT(t, "Its IP addresses          192.0.2.10, 2001:db8::10");
	quit_from_incident(t);
	json = first_incident_json();
	assert_non_null(strstr(json, "\"target_ip\": \"192.0.2.10, 2001:db8::10\""));
	assert_non_null(strstr(json, "\"severity\": \"high\""));
	assert_non_null(strstr(json, "\"customers_affected\": \"Example Bank <security@bank.example.org>\\n"
				     "Kılınç Ltd <soc@kilinc.example.org>\""));
	free(json);
}

/* R14, R15: anyone proposes; only the management role decides. The
 * sample's manager is someone else; then a config names this login. */
static void change_refused_for_non_manager_then_approved(void **state)
{
	struct pty_term *t;
	struct passwd *pw = getpwuid(getuid());
	char config[400], text[1200], *json;
	const char *args[] = {"--config", config, NULL};

	(void)state;
	assert_non_null(pw);
	log_incident("Change approval test");
	t = start();
	WAIT(t, "Change approval test");
	pty_send(t, "\r");
	WAIT(t, "a Changes");
	pty_send(t, "a");
	WAIT(t, "No change proposed yet. Press n to propose one.");
	pty_send(t, "n");
	WAIT(t, "New change");
	WAIT(t, "what would prevent a recurrence");
	pty_send(t, "Patch the VPN gateway\tthe entry point was an old VPN bug\x13");
	WAIT(t, "Change 1 proposed; management decides on it.");
	WAIT(t, "[proposed] Patch the VPN gateway");
	pty_send(t, "y");
	WAIT(t, "Approve needs the manager role; you are a lead.");
	quit_from_changes(t);

	snprintf(text, sizeof(text),
		 "[sirt]\nhotline = +1 555 0100\n[categories]\ndata = Threat to sensitive data\n"
		 "[roles]\nmanagers = %s\n", pw->pw_name);
	write_config(config, sizeof(config), "manager.ini", text);
	t = start_args(24, 80, "xterm-256color", NULL, args);
	WAIT(t, "Change approval test");
	pty_send(t, "\ra");
	WAIT(t, "are in the management role: y approves, x rejects.");
	/* Decided at the morning meeting, recorded later: @ first. */
	pty_send(t, "@-3h\r");
	WAIT(t, "The next decision is for ");
	pty_send(t, "y");
	WAIT(t, "Approve change 1: Patch the VPN gateway");
	pty_send(t, "risk accepted, patch tonight\r");
	WAIT(t, "Change 1 approved.");
	WAIT(t, "approved by ");
	/* One decided time, when it was made, and when it was logged. */
	WAIT(t, "Decided: ");
	WAIT(t, "(logged ");
	assert_int_equal(pty_wait_gone(t, "Decided when", 0), 0);
	assert_int_equal(pty_wait_gone(t, "Decided at", 0), 0);
	pty_send(t, "x");
	WAIT(t, "Change 1 was already approved by");
	/* The incident's changes say so too. */
	pty_send(t, "q");
	WAIT(t, "Status: ");
	WAIT(t, "decided ");
	WAIT(t, "(logged ");
	quit_from_incident(t);
	json = first_incident_json();
	assert_non_null(strstr(json, "\"state\": \"approved\""));
	assert_non_null(strstr(json, "\"happened_at\": \"20"));
	assert_non_null(strstr(json, "\"reason\": \"risk accepted, patch tonight\""));
	free(json);
}

/* A manager's approval an export brought is not one made here: the
 * change screen marks it imported, with who imported it, in the list and
 * in the change's detail, and so does the incident view. */
static void an_imported_approval_is_marked_as_imported(void **state)
{
	struct pty_term *t;
	struct passwd *pw = getpwuid(getuid());
	char config[400], text[1200], here[sizeof(db)], file[400], ref[32], listed[300], *out;
	const char *propose[] = {"change", "propose", NULL, "Patch the VPN gateway", NULL};
	const char *approve[] = {"--config", config, "change", "approve", NULL, "1", "--reason", "risk accepted", NULL};
	const char *export[] = {"export", "--output", file, NULL};
	const char *import[] = {"import", file, NULL};
	int status;

	(void)state;
	assert_non_null(pw);
	first_ref(ref, sizeof(ref));
	propose[2] = approve[4] = ref;
	/* Elsewhere: logged, proposed, approved by a manager, exported. */
	snprintf(here, sizeof(here), "%s", db);
	snprintf(db, sizeof(db), "%s/elsewhere.db", home);
	snprintf(file, sizeof(file), "%s/elsewhere.json", home);
	log_incident("Approved elsewhere");
	free(run_sirt(propose, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
	snprintf(text, sizeof(text),
		 "[sirt]\nhotline = +1 555 0100\n[categories]\ndata = Threat to sensitive data\n"
		 "[roles]\nmanagers = %s\n", pw->pw_name);
	write_config(config, sizeof(config), "manager.ini", text);
	free(run_sirt(approve, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
	free(run_sirt(export, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* Here: imported by the lead (the sample plan's default role). */
	snprintf(db, sizeof(db), "%s", here);
	out = run_sirt(import, &status);
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_non_null(strstr(out, "1 added"));
	free(out);

	t = start();
	WAIT(t, "Approved elsewhere");
	pty_send(t, "\ra");
	snprintf(listed, sizeof(listed), "[approved by %s, imported] Patch the VPN gateway", pw->pw_name);
	WAIT(t, listed);
	snprintf(listed, sizeof(listed), "Not recorded here: imported by %s on ", pw->pw_name);
	WAIT(t, listed);
	/* The incident's changes say so too. */
	pty_send(t, "q");
	WAIT(t, "Status: ");
	snprintf(listed, sizeof(listed), "(approved by %s: risk accepted; imported by", pw->pw_name);
	WAIT(t, listed);
	quit_from_incident(t);
}

/* R14: a change is proposed through the form of the change kind: left
 * blank, the change is asked for under its field and the reason typed
 * stays. */
static void a_change_proposed_through_the_form(void **state)
{
	struct pty_term *t;
	char *json;

	(void)state;
	log_incident("Open share");
	t = start();
	WAIT(t, "Open share");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "a");
	WAIT(t, "Deciding is for the management role: jalvarez.");
	pty_send(t, "n");
	WAIT(t, "New change");
	pty_send(t, "\tanyone on the network could read it\x13");
	WAIT(t, "! the change is required");
	WAIT(t, "anyone on the network could read it");
	pty_send(t, "Close the public file share\x13");
	WAIT(t, "Change 1 proposed; management decides on it.");
	WAIT(t, "1. [proposed] Close the public file share");
	WAIT(t, "Why: anyone on the network could read it");
	quit_from_changes(t);
	json = first_incident_json();
	assert_non_null(strstr(json, "\"what\": \"Close the public file share\""));
	assert_non_null(strstr(json, "\"why\": \"anyone on the network could read it\""));
	free(json);
}

/* Writes a log of a few thousand lines, auth.log in the test's home (its
 * path to path), and its SHA-256 as sha256sum sees it to expected. */
static void write_log(char *path, size_t size, char expected[65])
{
	char cmd[600];
	FILE *f;

	snprintf(path, size, "%s/auth.log", home);
	f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 5000; i++)
		fprintf(f, "Nov 22 02:%02d:%02d fs01 sshd[%d]: Failed password for root\n", i / 60 % 60, i % 60, 1000 + i);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "sha256sum '%s'", path);
	f = popen(cmd, "r");
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%64s", expected), 1);
	pclose(f);
}

/* Runs sirt beside the screen, as another operator would, and lets the
 * screen go quiet for longer than its one-second input timeout, on which
 * it notices the commit. */
static void commit_beside(struct pty_term *t, const char *const args[])
{
	int status;

	free(run_sirt(args, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
	pty_settle(t, 1500, 5000);
}

/* The evidence screen of a new incident, with nothing on it yet, and
 * the form of a new item opened on it. */
static struct pty_term *new_item_form(const char *title)
{
	struct pty_term *t;

	log_incident(title);
	t = start();
	WAIT(t, title);
	pty_send(t, "\rv");
	WAIT(t, "No evidence yet. Press n to add one.");
	pty_send(t, "n");
	WAIT(t, "New evidence");
	return t;
}

/* R17: an item added through the register's form, its file hashed by
 * sirt (the same as sha256sum's), handed over twice through the
 * hand-over form, then verified after the file was altered. */
static void evidence_hashed_handed_over_and_verified(void **state)
{
	struct pty_term *t;
	char path[400], typed[500], expected[65] = "", line[500], *json;
	FILE *f;

	(void)state;
	write_log(path, sizeof(path), expected);
	t = new_item_form("Evidence test");
	/* The kind: a letter picks (l: log copy). */
	snprintf(typed, sizeof(typed), "auth.log from fs01\tl\t%s\tsafe 2\x13", path);
	pty_send(t, typed);
	WAIT(t, "Evidence 1 added; SHA-256 ");
	WAIT(t, "1. log copy: auth.log from fs01");
	snprintf(line, sizeof(line), "SHA-256: %s", expected);
	WAIT(t, line);
	WAIT(t, "; no hand-over yet");
	WAIT(t, "Not verified since it was added");
	pty_send(t, "h");
	WAIT(t, "New hand-over");
	pty_send(t, "Lena Fischer\tanalysis\x13");
	WAIT(t, "Hand-over recorded: evidence 1 is now held by Lena Fischer.");
	pty_send(t, "h");
	WAIT(t, "New hand-over");
	WAIT(t, "who takes evidence 1 from Lena Fischer");
	pty_send(t, "Evidence locker\tstorage\tlocker 4\x13");
	WAIT(t, "Hand-over recorded: evidence 1 is now held by Evidence locker.");
	WAIT(t, "Held by Evidence locker, kept at locker 4; 2 hand-overs:");
	WAIT(t, "Lena Fischer -> Evidence locker: storage; at locker 4");
	pty_send(t, "c");
	WAIT(t, "Evidence 1 verified: the hash matches.");
	f = fopen(path, "a");
	assert_non_null(f);
	fputs("Nov 22 03:00:00 fs01 sshd[9999]: Accepted password for mallory\n", f);
	fclose(f);
	pty_send(t, "c");
	WAIT(t, "Evidence 1 verification FAILED (recorded): original: the hash does not match");
	WAIT(t, "MISMATCH: found ");
	quit_from_changes(t);
	json = first_incident_json();
	snprintf(line, sizeof(line), "\"sha256\": \"%s\"", expected);
	assert_non_null(strstr(json, line));
	snprintf(line, sizeof(line), "\"path\": \"%s\"", path);
	assert_non_null(strstr(json, line));
	assert_non_null(strstr(json, "\"to\": \"Lena Fischer\""));
	assert_non_null(strstr(json, "\"from\": \"Lena Fischer\""));
	assert_non_null(strstr(json, "\"to\": \"Evidence locker\""));
	assert_non_null(strstr(json, "\"result\": \"match\""));
	assert_non_null(strstr(json, "\"result\": \"mismatch\""));
	free(json);
}

/* A mistyped path is said under its field and nothing typed is lost; a
 * hand-over of an item that is not a number likewise. Evidence outlives
 * the incident: a correction is added once it is closed. */
static void evidence_corrected_in_its_forms(void **state)
{
	struct pty_term *t;
	char ref[32], path[400], typed[500], expected[65] = "", line[600];
	const char *review[] = {"set", NULL, "review", "policy_could_prevent=x", "policy_not_followed=x",
				"response_appropriate=x", "parties_informed=x", "procedures_adequate=x",
				"reinfection_prevented=x", "similar_prevented=x", "policies_updated=x",
				"lessons_learned=x", NULL};
	const char *close[] = {"close", NULL, "--reason", "done here", NULL};

	(void)state;
	write_log(path, sizeof(path), expected);
	t = new_item_form("Typo test");
	/* The path with a letter missing. */
	snprintf(typed, sizeof(typed), "auth.log from fs01\tl\t%.*s\tsafe 2\x13", (int)strlen(path) - 1, path);
	pty_send(t, typed);
	snprintf(line, sizeof(line), "! cannot find the evidence file %.*s: No such file", (int)strlen(path) - 1, path);
	WAIT(t, line);
	WAIT(t, "Not saved: 1 field needs attention (marked with !).");
	WAIT(t, "auth.log from fs01");
	WAIT(t, "safe 2");
	/* On the path, as it was typed: the last letter put back. */
	pty_send(t, "g\x13");
	WAIT(t, "Evidence 1 added; SHA-256 ");
	snprintf(line, sizeof(line), "SHA-256: %s", expected);
	WAIT(t, line);
	WAIT(t, "Storage location: safe 2");

	/* The item handed over, mistyped, then put right. */
	pty_send(t, "h");
	WAIT(t, "New hand-over");
	pty_send(t, "Lena Fischer\tanalysis\t\t\x15" "1x\x13");
	WAIT(t, "! the item handed over is given by its number, such as 1, not \"1x\"");
	WAIT(t, "Lena Fischer");
	pty_send(t, "\x7f\x13");
	WAIT(t, "Hand-over recorded: evidence 1 is now held by Lena Fischer.");

	/* Closed, the incident still takes evidence: a correction. */
	review[1] = close[1] = first_ref(ref, sizeof(ref));
	commit_beside(t, review);
	commit_beside(t, close);
	pty_send(t, "n");
	WAIT(t, "New evidence");
	pty_send(t, "auth.log was copied at 02:10, not 02:01\tnn\t\t\t1\x13");
	WAIT(t, "Evidence 2 added (no file: nothing hashed).");
	WAIT(t, "2. note: auth.log was copied at 02:10, not 02:01 (corrects 1)");
	WAIT(t, "Not read from a file: no hash to verify.");
	quit_from_changes(t);
}

/* R11: no procedure applies; the steps the team recorded are written as
 * a new procedure file (in a procedures directory of the test's own),
 * which sirt check then accepts. */
static void free_steps_written_as_a_procedure(void **state)
{
	struct pty_term *t;
	char config[400], text[1200], cmd[1400], path[500];
	const char *args[] = {"--config", config, NULL};
	FILE *f;

	(void)state;
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/procs' && cp '%s/data/procedures/worm.ini' '%s/procs/'", home,
		 getenv("SIRT_SOURCE_DIR") ? getenv("SIRT_SOURCE_DIR") : ".", home);
	assert_int_equal(system(cmd), 0);
	write_config(config, sizeof(config), "own.ini",
		     "[sirt]\nhotline = +1 555 0100\nprocedures = procs\n[categories]\ndata = Data\n");
	log_incident("Odd phishing wave");
	t = start_args(24, 80, "xterm-256color", NULL, args);
	WAIT(t, "Odd phishing wave");
	pty_send(t, "\rp");
	WAIT(t, "The procedure that fits");
	pty_send(t, "G\r");
	WAIT(t, "Steps 0/0: No procedure applies");
	WAIT(t, "w writes them as a procedure for next time.");
	WAIT(t, "a Add");
	pty_send(t, "a");
	WAIT(t, "What did the team do?");
	pty_send(t, "Blocked the sender domain; told the users\r");
	WAIT(t, "Step recorded.");
	pty_send(t, "w");
	WAIT(t, "Title of the new procedure");
	pty_send(t, "Phishing campaign\r");
	WAIT(t, "A one-line summary");
	pty_send(t, "Mass phishing mail to staff\r");
	WAIT(t, "/procs/phishing-campaign.ini with the 1 step");
	WAIT(t, "recorded?");
	pty_send(t, "y");
	WAIT(t, "Written: ");
	quit_from_changes(t);
	snprintf(cmd, sizeof(cmd), "'%s' --config '%s' check >/dev/null 2>&1", sirt_bin(), config);
	assert_int_equal(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/procs/phishing-campaign.ini", home);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(text, sizeof(text), f));
	fclose(f);
}

/* Another operator commits while this one is halfway through adding an
 * item: the screen reloads and keeps the answers given so far. */
static void a_commit_elsewhere_mid_question_loses_nothing(void **state)
{
	struct pty_term *t;
	const char *note[] = {"note", NULL, "--kind", "other", "committed by another operator", NULL};
	char ref[32];

	(void)state;
	t = new_item_form("Concurrent edit test");
	note[1] = first_ref(ref, sizeof(ref));
	/* The kind: n, then n again for a note. */
	pty_send(t, "paper log book\tnn");
	WAIT(t, "< note >");
	commit_beside(t, note);
	pty_send(t, "\t\tsafe 1\x13");
	WAIT(t, "Evidence 1 added (no file: nothing hashed).");
	WAIT(t, "1. note: paper log book");
	WAIT(t, "Storage location: safe 1");
	quit_from_changes(t);
}

/* R19-R22 on screen, with the clock moved (test builds only): a 24-hour
 * countdown once the lead says cloud API data is involved, overdue and
 * sorted first a day later, then marked met. */
static void deadline_counts_down_goes_overdue_and_is_met(void **state)
{
	struct pty_term *t;
	const char *args[] = {NULL};
	const char *newer[] = {"new", "--set", "caller_name=Ana", "--set", "nature=x", "--set", "title=A newer one", NULL};
	int status;
	char *out;

	(void)state;
	setenv("SIRT_TEST_NOW", "2026-11-22T10:00:00Z", 1);
	log_incident("Cloud keys leaked");
	t = start_args(24, 80, "xterm-256color", "SIRT_TEST_NOW=2026-11-22T10:00:00Z", args);
	WAIT(t, "Cloud keys leaked");
	pty_send(t, "\rl");
	WAIT(t, "Lead details: IR-");
	/* Business critical, severity, then down to "Cloud API data involved?". */
	pty_send(t, "yh\t\t\t\t\t\ty");
	WAIT(t, "Cloud API data involved?");
	pty_send(t, "\x13");
	/* The save says who is now to be told, and by when. */
	WAIT(t, "Lead details saved. Now to be told: Cloud provider security team by 2026-11-23\n10:00");
	pty_send(t, "g");
	WAIT(t, "Deadlines  (n: who must be told by when)");
	/* Reported at 10:00 with nothing noticed earlier: 24 hours from then. */
	WAIT(t, "Cloud provider security team: 1d left");
	quit_from_incident(t);

	out = run_sirt(newer, &status);
	assert_int_equal(WEXITSTATUS(status), 0);
	free(out);
	t = start_args(24, 80, "xterm-256color", "SIRT_TEST_NOW=2026-11-23T11:00:00Z", args);
	WAIT(t, "A newer one");
	/* Overdue first, though the other one is newer. */
	assert_int_equal(wait_row(t, 3, "OVERDUE", TIMEOUT_MS), 0);
	assert_int_equal(wait_row(t, 3, "Cloud keys leaked", TIMEOUT_MS), 0);
	{
		/* Unselected, the deadline stands out in bold; the selected
		 * row is one bar of one style, its word still OVERDUE. */
		char *row = pty_row_text(t, 3);
		int col = (int)(strstr(row, "OVERDUE") - row);

		free(row);
		assert_true(pty_cell_reverse(t, 3, col) && !pty_cell_bold(t, 3, col));
		pty_send(t, "j");
		assert_int_equal(wait_selected(t, 4, 2, TIMEOUT_MS), 0);
		assert_true(!pty_cell_reverse(t, 3, col) && pty_cell_bold(t, 3, col));
		pty_send(t, "k");
		assert_int_equal(wait_selected(t, 3, 2, TIMEOUT_MS), 0);
	}
	pty_send(t, "\r");
	WAIT(t, "Cloud provider security team: 1h overdue");
	pty_send(t, "n");
	WAIT(t, "Notifications and deadlines");
	WAIT(t, "Tell Cloud provider security team at security@cloud.example.org");
	WAIT(t, "(cloud-provider).");
	/* Told by phone an hour before it is recorded: @ first. */
	pty_send(t, "@-1h\r");
	WAIT(t, "The next party told is for ");
	pty_send(t, "m");
	WAIT(t, "How was Cloud provider security team told?");
	pty_send(t, "\r");
	WAIT(t, "A reference");
	pty_send(t, "case 77\r");
	WAIT(t, "Recorded: Cloud provider security team was told.");
	/* When they were told, and when it was logged. */
	WAIT(t, "Met 2026-11-23 10:00 UTC (logged 11:00 UTC) by ");
	WAIT(t, "by email, ref. case 77.");
	pty_send(t, "q");
	WAIT(t, "Cloud provider security team: met 2026-11-23 10:00");
	WAIT(t, "(email; logged 11:00 UTC)");
	/* The report says when they were told. */
	pty_send(t, "o");
	WAIT(t, "Incident report: IR-2026-0001");
	pty_send(t, "G");
	/* ... and the reference the party gave. */
	WAIT(t, "; told 2026-11-23 10:00 UTC by email, ref. case 77 (logged 11:00");
	pty_send(t, "q");
	WAIT(t, "Status: ");
	quit_from_incident(t);
	{
		const char *show[] = {"show", "IR-2026-0001", "--format", "json", NULL};
		char *json = run_sirt(show, &status);

		assert_non_null(strstr(json, "\"happened_at\": \"2026-11-23T10:00:00Z\""));
		free(json);
	}
	unsetenv("SIRT_TEST_NOW");
}

/* The end of an incident: the report previewed, one customer's written
 * to a file, and closing refused until the review is answered. */
static void report_written_and_closing_waits_for_the_review(void **state)
{
	struct pty_term *t;
	const char *lead[] = {"set", "IR-2026-0001", "lead",
			      "customers_affected=Example Bank <security@bank.example.org>\n"
			      "Acme Widgets <sec@acme.example.org>",
			      "attacker_origin=198.51.100.7", "business_critical=no", "severity=medium", NULL};
	/* Every required answer the record does not give yet. */
	const char *report[] = {"set", "IR-2026-0001", "report",
				"data_disclosed=Example Bank: account holders' names\nAcme Widgets: 2026 invoices",
				"how_discovered=A customer called", "category=Threat to sensitive data",
				"response_plan=Contain, then tell", "actions_taken=Mail filter rule", "effective=partly", NULL};
	char path[400], typed[420], *text;
	struct stat sb;
	FILE *f;
	int status;

	(void)state;
	log_incident("Phishing at two customers");
	free(run_sirt(lead, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
	free(run_sirt(report, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
	t = start();
	WAIT(t, "Phishing at two customers");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "o");
	WAIT(t, "Incident report: IR-2026-0001");
	WAIT(t, "How it was discovered");
	/* Pre-filled from the lead details. */
	WAIT(t, "198.51.100.7");
	pty_send(t, "c");
	WAIT(t, "Whose report?");
	pty_send(t, "j\r");
	WAIT(t, "Report for Acme Widgets: IR-2026-0001");
	pty_send(t, "w");
	WAIT(t, "Write it to which file?");
	WAIT(t, "IR-2026-0001-report-Acme-Widgets.md");
	snprintf(path, sizeof(path), "%s/acme.md", home);
	snprintf(typed, sizeof(typed), "\x15%s\r", path);
	pty_send(t, typed);
	WAIT(t, "Written, for you only: ");
	WAIT(t, "/acme.md");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	f = fopen(path, "r");
	assert_non_null(f);
	text = calloc(1, 65536);
	assert_int_equal(fread(text, 1, 65535, f) > 0, 1);
	fclose(f);
	assert_non_null(strstr(text, "# Incident report: IR-2026-0001"));
	assert_non_null(strstr(text, "2026 invoices"));
	assert_null(strstr(text, "Example Bank"));
	assert_null(strstr(text, "account holders"));
	free(text);
	/* A name ending in .json: the report's JSON, as sirt-export(5) and
	 * its schema describe it. */
	pty_send(t, "w");
	WAIT(t, "Write it to which file?");
	snprintf(path, sizeof(path), "%s/acme.json", home);
	snprintf(typed, sizeof(typed), "\x15%s\r", path);
	pty_send(t, typed);
	GONE(t, "Write it to which file?");
	WAIT(t, "Written, for you only: ");
	WAIT(t, "/acme.json");
	{
		const char *src = getenv("SIRT_SOURCE_DIR") ? getenv("SIRT_SOURCE_DIR") : ".";
		char check[1400];

		snprintf(check, sizeof(check),
			 "sh '%s/tests/cli/schema_check.sh' '%s/schema/report.schema.json' '%s' && "
			 "jq -e '.customer == \"Acme Widgets\" and .data_disclosed == \"2026 invoices\"' '%s' >/dev/null",
			 src, src, path, path);
		assert_int_equal(system(check), 0);
	}

	/* Closing: the review first. */
	pty_send(t, "q");
	WAIT(t, "Status: new");
	pty_send(t, "x");
	WAIT(t, "Close IR-2026-0001");
	WAIT(t, "must Review not answered: Policy could prevent?");
	pty_send(t, "x");
	WAIT(t, "Not closed: 9 review questions are not answered. Press w to answer.");
	pty_send(t, "w");
	WAIT(t, "Post-incident review: IR-2026-0001");
	pty_send(t, "No\tYes, the VPN patch policy\tYes\tYes\tMostly\tPatched\tMFA everywhere\tVPN policy\tPatch faster");
	WAIT(t, "Patch faster");
	pty_send(t, "\x13");
	WAIT(t, "Post-incident review saved.");
	WAIT(t, "x closes it anyway: you say why");
	pty_send(t, "x");
	WAIT(t, "Why close it with these still open?");
	pty_send(t, "Customers told by their account managers\r");
	WAIT(t, "IR-2026-0001 closed. x on it reopens it.");
	WAIT(t, "Status: closed");
	pty_send(t, "t");
	WAIT(t, "IR-2026-0001 is closed: x on the incident reopens it (with a reason).");
	/* Off the list once closed; a brings it back to reopen it. */
	pty_send(t, "q");
	WAIT(t, "Incidents: 0 open");
	pty_send(t, "a");
	WAIT(t, "Incidents: 0 open, 1 closed");
	pty_send(t, "\r");
	WAIT(t, "Status: closed");
	pty_send(t, "x");
	WAIT(t, "Why reopen it?");
	pty_send(t, "A second host was found\r");
	WAIT(t, "IR-2026-0001 reopened.");
	WAIT(t, "Status: review");
	quit_from_incident(t);
}

/* A customer's view: what still seems to name another customer is listed
 * and asked about before it is shown and before it is written, and e
 * there edits that customer's own report, not the shared one. */
static void customer_report_confirms_names_and_edits_its_own(void **state)
{
	struct pty_term *t;
	const char *lead[] = {"set", "IR-2026-0001", "lead",
			      "customers_affected=Example Bank <security@bank.example.org>\n"
			      "Acme Widgets <sec@acme.example.org>",
			      "business_critical=no", "severity=medium", NULL};
	const char *report[] = {"set", "IR-2026-0001", "report",
				"how_occurred=ACME WIDGETS asked for RCA after the Acme Support desk forwarded it",
				"how_discovered=A customer called.", "category=Phishing", "attack_origin=Unknown.",
				"response_plan=Block the sender.", "actions_taken=Blocked the sender.", "effective=yes", NULL};
	const char *full[] = {"report", "IR-2026-0001", "--format", "text", NULL};
	const char *own[] = {"report", "IR-2026-0001", "--customer", "Example Bank", "--confirm-names", NULL};
	char *text;
	int status;

	(void)state;
	log_incident("Phishing at two customers");
	free(run_sirt(lead, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
	free(run_sirt(report, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
	t = start();
	WAIT(t, "Phishing at two customers");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "o");
	WAIT(t, "Incident report: IR-2026-0001");
	pty_send(t, "c");
	WAIT(t, "Whose report?");
	pty_send(t, "\r");
	WAIT(t, "It still seems to name another customer: Acme Support.");
	WAIT(t, "Show it anyway?");
	pty_send(t, "n");
	WAIT(t, "Not shown:");
	WAIT(t, "Incident report: IR-2026-0001");
	pty_send(t, "c");
	WAIT(t, "Whose report?");
	pty_send(t, "\r");
	WAIT(t, "Show it anyway?");
	pty_send(t, "y");
	WAIT(t, "Report for Example Bank: IR-2026-0001");
	WAIT(t, "[another customer] asked for RCA");
	/* e: this customer's own form. */
	pty_send(t, "e");
	WAIT(t, "What they should do");
	pty_send(t, "\t\tChange the passwords of your tellers");
	WAIT(t, "Change the passwords of your tellers");
	pty_send(t, "\x13");
	WAIT(t, "Report for Example Bank saved.");
	WAIT(t, "Report for Example Bank: IR-2026-0001");
	/* Below the first screen: scrolled to. */
	pty_send(t, "jjjjjjjjjj");
	WAIT(t, "Change the passwords of your tellers");
	/* Writing asks again: the report still says "Acme Support". */
	pty_send(t, "w");
	WAIT(t, "Write it anyway?");
	pty_send(t, "n");
	WAIT(t, "Not written.");
	pty_send(t, "w");
	WAIT(t, "Write it anyway?");
	pty_send(t, "y");
	WAIT(t, "Write it to which file?");
	pty_send(t, "\x1b");
	GONE(t, "Write it to which file?");
	pty_send(t, "q");
	WAIT(t, "Status: new");
	quit_from_incident(t);

	text = run_sirt(full, &status);
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_null(strstr(text, "Change the passwords of your tellers"));
	free(text);
	text = run_sirt(own, &status);
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_non_null(strstr(text, "Change the passwords of your tellers"));
	assert_null(strstr(text, "ACME WIDGETS"));
	free(text);

	/* Typed in the customer's form and hung up: offered again, whole,
	 * as that customer's form. */
	t = start();
	WAIT(t, "Phishing at two customers");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "o");
	WAIT(t, "Incident report: IR-2026-0001");
	pty_send(t, "c");
	WAIT(t, "Whose report?");
	pty_send(t, "\r");
	WAIT(t, "Show it anyway?");
	pty_send(t, "y");
	WAIT(t, "Report for Example Bank: IR-2026-0001");
	pty_send(t, "e");
	WAIT(t, "What they should do");
	pty_send(t, "\tHalf of what they should know");
	WAIT(t, "Half of what they should know");
	pty_hangup(t);
	assert_int_equal(pty_wait_exit(t, TIMEOUT_MS, &status), 0);
	pty_free(t);
	t = start();
	WAIT(t, "You left text unsaved last time.");
	WAIT(t, "A customer's own report of IR-2026-0001, typed");
	pty_send(t, "\r");
	WAIT(t, "Report for Example Bank");
	WAIT(t, "Half of what they should know");
	pty_send(t, "\x13");
	WAIT(t, "Report for Example Bank saved.");
	pty_free(t);
	text = run_sirt(own, &status);
	assert_non_null(strstr(text, "Half of what they should know"));
	free(text);
}

/* The screen as a login starts it with no option: its configuration in
 * layers (HOME/etc is the machine's, HOME/config the login's own). */
static struct pty_term *start_layered(void)
{
	char system_config[320];
	const char *argv[] = {sirt_bin(), NULL};
	const char *envp[] = {"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC", "PATH=/usr/bin:/bin",
			      "NO_COLOR=1", system_config, env_home, env_data, env_config, env_data_dir, NULL};
	struct pty_term *t;

	snprintf(system_config, sizeof(system_config), "SIRT_TEST_SYSTEM_CONFIG=%s/etc/sirt.ini", home);
	t = pty_start(argv, envp, 24, 80);
	assert_non_null(t);
	return t;
}

/* A layer of the login's own that points at another database than the
 * system's is said on the first screen before anything else, and the
 * top line says so on every screen for as long as it is used: the
 * operator who takes over the desk at night must not log the call
 * where the team will never look. */
static void another_database_than_the_systems_is_said_loudly(void **state)
{
	char path[512], text[1024], team[320], mine[320];
	struct pty_term *t;
	const char *at;
	char *row;

	(void)state;
	snprintf(team, sizeof(team), "%s/team.db", home);
	snprintf(mine, sizeof(mine), "%s/mine.db", home);
	snprintf(db, sizeof(db), "%s", team);
	log_incident("Team desk incident");
	snprintf(db, sizeof(db), "%s", mine);
	log_incident("Personal incident");
	snprintf(path, sizeof(path), "%s/etc", home);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(text, sizeof(text), "[sirt]\nhotline = +1 555 0100\n[store]\npath = %s\n[categories]\ndata = Data\n",
		 team);
	write_config(path, sizeof(path), "etc/sirt.ini", text);
	snprintf(path, sizeof(path), "%s/config", home);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/config/sirt", home);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(text, sizeof(text), "[store]\npath = %s\n", mine);
	write_config(path, sizeof(path), "config/sirt/sirt.ini", text);

	t = start_layered();
	WAIT(t, "Personal incident");
	/* Said first, before a key, and in the top line. */
	WAIT(t, "Warning: another database than the system's:");
	WAIT(t, "NOT THE TEAM'S DATABASE");
	row = pty_row_text(t, 0);
	at = strstr(row, "NOT THE TEAM'S DATABASE");
	assert_non_null(at);
	/* Not in the top line's own style: it stands out of it. */
	assert_true(pty_cell_reverse(t, 0, 1));
	assert_false(pty_cell_reverse(t, 0, column_at(row, at) + 1));
	assert_true(pty_cell_bold(t, 0, column_at(row, at) + 1));
	free(row);
	/* A key takes the message away; the top line keeps saying it. */
	pty_send(t, "\x1b[B");
	GONE(t, "Warning: another database");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	WAIT(t, "NOT THE TEAM'S DATABASE");
	quit_from_incident(t);

	/* A login that only reads is told that first, then where the
	 * database is, a key apart. */
	snprintf(text, sizeof(text), "[roles]\nreviewers = %s\n[store]\npath = %s\n", getpwuid(getuid())->pw_name,
		 mine);
	write_config(path, sizeof(path), "config/sirt/sirt.ini", text);
	t = start_layered();
	WAIT(t, "Personal incident");
	WAIT(t, "Read-only: you (");
	WAIT(t, "NOT THE TEAM'S DATABASE");
	GONE(t, "Warning: another database");
	pty_send(t, "\x1b[B");
	WAIT(t, "Warning: another database than the system's:");
	GONE(t, "Read-only: you (");
	quit(t);

	/* Without the line, the system's database, and nothing said. */
	write_config(path, sizeof(path), "config/sirt/sirt.ini", "[sirt]\norganisation = Example Night Desk\n");
	t = start_layered();
	WAIT(t, "Team desk incident");
	WAIT(t, "Example Night Desk");
	GONE(t, "NOT THE TEAM'S DATABASE");
	GONE(t, "Warning:");
	quit(t);
}

/* Under plan B a login it does not name only reads: the first start,
 * with no database yet, says so before what it says of the database. */
static void the_role_is_said_before_the_database(void **state)
{
	char config[512], missing[320];
	const char *args[] = {"--config", config, NULL};
	struct pty_term *t;
	char *screen;
	const char *role, *where;
	int status;

	(void)state;
	snprintf(config, sizeof(config), "%s/data/plan-b.ini", getenv("SIRT_SOURCE_DIR"));
	snprintf(missing, sizeof(missing), "%s/nothing-yet.db", home);
	snprintf(db, sizeof(db), "%s", missing);
	t = start_args(24, 80, "xterm-256color", NULL, args);
	assert_int_equal(pty_wait_exit(t, TIMEOUT_MS, &status), 0);
	assert_int_equal(WEXITSTATUS(status), 66);
	/* The lines as written, whatever the terminal wrapped. */
	screen = pty_screen_text(t);
	for (char *from = screen, *to = screen;; from++)
		if (*from != '\n' && !(*to++ = *from))
			break;
	role = strstr(screen, "sirt: you (");
	where = strstr(screen, "nothing-yet.db does not exist, and a read-only session cannot create it");
	assert_non_null(role);
	assert_non_null(where);
	assert_non_null(strstr(role, "are: reviewer, so you can only read;"));
	assert_true(role < where);
	free(screen);
	pty_free(t);
}

/* Plan B from its configuration alone: three categories, six procedures,
 * its own references and restoration list. */
static void plan_b_opens_with_its_own_plan(void **state)
{
	char config[512], lead[512], cmd[2048];
	const char *as_reviewer[] = {"--config", config, NULL};
	const char *as_lead[] = {"--config", lead, NULL};
	const char *logged[] = {"--config", lead, "new", "--set", "caller_name=Priya Raman", "--set", "nature=x",
				"--set", "title=Customer VMs scanning out", NULL};
	const char *src = getenv("SIRT_SOURCE_DIR");
	struct pty_term *t;
	int status;

	(void)state;
	/* Plan B as it ships gives anyone it does not name the reviewer
	 * role; a copy gives them the lead's (its paths made absolute). */
	snprintf(config, sizeof(config), "%s/data/plan-b.ini", src);
	snprintf(lead, sizeof(lead), "%s/plan-b-lead.ini", home);
	snprintf(cmd, sizeof(cmd),
		 "sed -e 's|^default = reviewer|default = lead|' -e 's|^restoration = |restoration = %s/data/|'"
		 " -e 's|^forms = ../forms|forms = %s/forms|' -e 's|^procedures = procedures|procedures = %s/data/procedures|'"
		 " '%s' > '%s'", src, src, src, config, lead);
	assert_int_equal(system(cmd), 0);
	free(run_sirt(logged, &status));
	assert_int_equal(WEXITSTATUS(status), 0);

	/* As it ships: it opens, shows the incident, offers no work. */
	t = start_args(24, 80, "xterm-256color", NULL, as_reviewer);
	WAIT(t, "Example Cloud Security Office");
	WAIT(t, "Security office: +1 555 0150");
	WAIT(t, "SEC-2026-0001");
	GONE(t, "n New");
	/* And says why, before a key is pressed. */
	WAIT(t, "Read-only: you (");
	WAIT(t, "are: reviewer, so you can only read;");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "c");
	WAIT(t, "Category needs the responder role; you are a reviewer.");
	quit_from_incident(t);

	/* Its categories, procedures and restoration list. */
	t = start_args(24, 80, "xterm-256color", NULL, as_lead);
	WAIT(t, "SEC-2026-0001");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "c");
	WAIT(t, "3. Disruption of services (services)");
	GONE(t, "4. ");
	pty_send(t, "\x1b");
	WAIT(t, "Status: new");
	pty_send(t, "p");
	WAIT(t, " 6. Database or file denial of service");
	WAIT(t, "No procedure applies");
	pty_send(t, "\x1b");
	WAIT(t, "Status: new");
	pty_send(t, "r");
	WAIT(t, "Restoration (plan B)");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* What the database holds as IR-2026-0001's targeted system. */
static void assert_target_is(const char *value)
{
	const char *show[] = {"show", "IR-2026-0001", "--format", "json", NULL};
	char want[200];
	int status;
	char *json = run_sirt(show, &status);

	snprintf(want, sizeof(want), "\"target_system\": \"%s\"", value);
	assert_non_null(strstr(json, want));
	free(json);
}

/* A form the plan names is read while the screen starts: when it is
 * wrong, the screen goes before its first page is shown, the problems
 * are said on the terminal it gave back, sirt ends with 78, and the
 * database (already at the current schema, in WAL mode) is not
 * written to. */
static void a_wrong_form_ends_the_screen_before_its_first_page(void **state)
{
	struct pty_term *t;
	char config[400], cmd[1400];
	const char *args[] = {"--config", config, NULL};
	const unsigned char *out;
	size_t len;
	int status;

	(void)state;
	log_incident("Never shown under a wrong plan");
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p '%s/badforms' && cp '%s'/forms/*.ini '%s/badforms/' && "
		 "printf '[field.priority]\\ntype = text\\nlabel = P\\n[field.priority]\\nlabel = Q\\n' "
		 ">>'%s/badforms/triage.ini'",
		 home, getenv("SIRT_SOURCE_DIR") ? getenv("SIRT_SOURCE_DIR") : ".", home, home);
	assert_int_equal(system(cmd), 0);
	write_config(config, sizeof(config), "badforms.ini",
		     "[sirt]\nhotline = +1 555 0100\nforms = badforms\n[categories]\ndata = Data\n");
	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' .dump >'%s/before.sql'", db, home);
	assert_int_equal(system(cmd), 0);

	t = start_args(24, 80, "xterm-256color", NULL, args);
	assert_int_equal(pty_wait_exit(t, TIMEOUT_MS, &status), 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 78);
	WAIT(t, "duplicate section [field.priority]");
	WAIT(t, "the plan's configuration has");
	out = pty_output(t, &len);
	assert_null(memmem(out, len, "Never shown", strlen("Never shown")));
	pty_free(t);

	snprintf(cmd, sizeof(cmd), "sqlite3 '%s' .dump | cmp -s - '%s/before.sql'", db, home);
	assert_int_equal(system(cmd), 0);
}

/* Two operators at once on one database: what one logs appears on the
 * other's list; saving over a field the other saved meanwhile shows both
 * and lets the second choose, instead of overwriting. */
static void two_desks_see_each_other_and_choose(void **state)
{
	struct pty_term *one, *two;
	(void)state;
	log_incident("Shared incident");
	answer_lead_required();
	one = start();
	two = start();
	WAIT(one, "Shared incident");
	WAIT(two, "Shared incident");
	/* The first desk logs a call; the second sees it without a key. */
	pty_send(one, "n");
	WAIT(one, "Intake");
	pty_send(one, "Ana Lima\t\t\tLaptop stolen from a car\t\t\t\t\tStolen laptop\x13");
	WAIT(one, "IR-2026-0002 logged.");
	WAIT(two, "Stolen laptop");
	WAIT(two, "Incidents: 2 open");

	/* The new one came in above, and the cursor stayed on the ticket it
	 * was on: Enter opens IR-2026-0001. Both open the same lead details;
	 * the first saves first. */
	pty_send(two, "\r");
	WAIT(two, "Status: new");
	pty_send(two, "l");
	WAIT(two, "Lead details: IR-2026-0001");
	pty_send(two, "\t\t\t\t\tfs01.example.org");
	WAIT(two, "fs01.example.org");
	pty_send(one, "q");
	WAIT(one, "Incidents: 2 open");
	pty_send(one, "j\r");
	WAIT(one, "Shared incident");
	WAIT(one, "Status: new");
	/* Who else has it open, and on which terminal. */
	WAIT(one, "Also open: ");
	WAIT(one, " (pts/");
	pty_send(one, "l");
	WAIT(one, "Lead details: IR-2026-0001");
	pty_send(one, "\t\t\t\t\tdb01.example.org\x13");
	WAIT(one, "Lead details saved.");

	/* The second saves: not over it, but side by side, to choose. */
	pty_send(two, "\x13");
	WAIT(two, "Changed meanwhile: 1 field of Lead details");
	WAIT(two, "[x] yours:  fs01.example.org");
	WAIT(two, "[ ] theirs: db01.example.org");
	assert_target_is("db01.example.org");
	pty_send(two, "\r");
	WAIT(two, "Lead details saved.");
	assert_target_is("fs01.example.org");
	/* The first desk's view follows. */
	WAIT(one, "fs01.example.org");
	/* Again, and this time the second takes theirs: nothing of its own
	 * is saved, and it does not claim to have saved anything. */
	pty_send(two, "l");
	WAIT(two, "Lead details: IR-2026-0001");
	pty_send(two, "\t\t\t\t\t\x15" "fs03.example.org");
	WAIT(two, "fs03.example.org");
	pty_send(one, "l");
	WAIT(one, "Lead details: IR-2026-0001");
	/* The first save's message is still on the screen until the form's
	 * frame is all drawn: wait for it to go, or the next wait sees it. */
	GONE(one, "Lead details saved.");
	pty_send(one, "\t\t\t\t\t\x15" "db03.example.org\x13");
	WAIT(one, "Lead details saved.");
	pty_send(two, "\x13");
	WAIT(two, "[ ] theirs: db03.example.org");
	pty_send(two, "t\r");
	WAIT(two, "Lead details: nothing changed, nothing saved.");
	assert_target_is("db03.example.org");
	/* The second leaves: the first no longer sees it there. */
	quit_from_incident(two);
	GONE(one, "Also open: ");
	quit_from_incident(one);
}

/* Waits (with a timeout, polling) until a draft file under the test's
 * home holds text: what a kill -9 would leave. */
/* Whether a draft file holds text now. */
static bool draft_holds(const char *text)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "grep -rqF --include='*.draft' -- '%s' '%s/.local/state/sirt/drafts' 2>/dev/null", text, home);
	return system(cmd) == 0;
}

static int wait_draft_holding(const char *text)
{
	for (int waited = 0; waited < TIMEOUT_MS; waited += 50) {
		if (draft_holds(text))
			return 0;
		usleep(50 * 1000);
	}
	return -1;
}

/* On the list showing title: opens IR-2026-0001's lead details, types
 * text as the targeted system, hangs up, and checks that sirt ended by
 * itself (128 + SIGHUP). */
static void type_target_and_hang_up(struct pty_term *t, const char *title, const char *text)
{
	int status = 0;

	WAIT(t, title);
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "l");
	WAIT(t, "Lead details: IR-2026-0001");
	pty_send(t, "\t\t\t\t\t");
	pty_send(t, text);
	WAIT(t, text);
	pty_hangup(t);
	assert_int_equal(pty_wait_exit(t, TIMEOUT_MS, &status), 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 128 + SIGHUP);
	pty_free(t);
}

/* A dropped SSH session mid-typing: sirt keeps what was typed, restores
 * the terminal and exits; the next start offers it back. A kill -9 loses
 * no more than the last seconds. */
static void typing_survives_a_hangup_and_a_kill(void **state)
{
	struct pty_term *t;
	const char *show[] = {"show", "IR-2026-0001", "--format", "json", NULL};
	char *json;
	int status = 0;

	(void)state;
	log_incident("Dropped session");
	answer_lead_required();
	/* It ends by itself, on the hangup, not killed after it. */
	type_target_and_hang_up(start(), "Dropped session", "web01.example.org");

	t = start();
	WAIT(t, "You left text unsaved last time.");
	WAIT(t, "Lead details of IR-2026-0001, typed");
	pty_send(t, "\r");
	WAIT(t, "Lead details: IR-2026-0001");
	WAIT(t, "web01.example.org");
	/* More typing, kept while idle, then the process is killed. */
	pty_send(t, "\x05, web02.example.org");
	WAIT(t, "web01.example.org, web02.example.org");
	assert_int_equal(wait_draft_holding("web02.example.org"), 0);
	pty_free(t);

	t = start();
	WAIT(t, "Lead details of IR-2026-0001, typed");
	pty_send(t, "\r");
	WAIT(t, "web01.example.org, web02.example.org");
	pty_send(t, "\x13");
	WAIT(t, "Lead details saved.");
	json = run_sirt(show, &status);
	assert_non_null(strstr(json, "\"target_system\": \"web01.example.org, web02.example.org\""));
	free(json);
	/* A draft resumed from the list goes back to the list, which would
	 * offer any other draft left. */
	WAIT(t, "Incidents: ");
	quit(t);
	/* Saved: nothing is offered any more. */
	t = start();
	WAIT(t, "Dropped session");
	GONE(t, "You left text unsaved");
	quit(t);
}

/* Started through runuser or su, sirt is not its session's leader: a
 * hangup signals the leader, which may keep it to itself. sirt sees its
 * terminal gone all the same, keeps what was typed and exits, instead of
 * spinning on a dead terminal. */
static void a_hangup_kept_by_the_session_leader(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("Behind runuser");
	wrapper = "trap '' HUP; \"$0\" \"$@\"";
	t = start();
	wrapper = NULL;
	/* The shell passes on sirt's own status. */
	type_target_and_hang_up(t, "Behind runuser", "fs02.example.org");
	assert_int_equal(wait_draft_holding("fs02.example.org"), 0);
}

/* A place unwise for sharing is said on the first screen, with the fix;
 * the next key clears it, and work goes on. */
static void an_unwise_place_is_said_on_screen(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("Readable by all");
	assert_int_equal(chmod(db, 0664), 0);
	t = start();
	WAIT(t, "Readable by all");
	WAIT(t, "Warning: ");
	WAIT(t, "can be read by every user here");
	pty_send(t, "j");
	GONE(t, "Warning: ");
	quit(t);
}

/* On a form just saved under an injected fault: "Not saved:" with why
 * and what to do, nothing claimed, the form still holding typed, and its
 * draft too, kept before the message showed. Then quits, starts again
 * without the fault, and resumes the draft offered as offer: the new
 * session, on the form. */
static struct pty_term *not_saved_then_resumed(struct pty_term *t, const char *typed, const char *why,
					       const char *advice, const char *offer)
{
	int status;

	WAIT(t, "Not saved: ");
	assert_true(draft_holds(typed));
	WAIT(t, why);
	WAIT(t, advice);
	GONE(t, "saved.");
	GONE(t, "logged.");
	WAIT(t, typed);
	pty_send(t, "\x03");
	/* What was typed is kept, and the question says so. */
	WAIT(t, "Quit? They are kept as a draft, offered when");
	pty_send(t, "y");
	assert_int_equal(pty_wait_exit(t, TIMEOUT_MS, &status), 0);
	pty_free(t);
	t = start();
	WAIT(t, "You left text unsaved last time.");
	WAIT(t, offer);
	pty_send(t, "\r");
	WAIT(t, typed);
	return t;
}

/* The intake on a full disk (test builds: SIRT_TEST_FAULT fails every
 * write with SQLITE_FULL): the save says why and what to do, claims
 * nothing, the form keeps what was typed and so does its draft; the next
 * start, with room again, offers the draft and logs the call. */
static void a_full_disk_keeps_the_intake(void **state)
{
	struct pty_term *t;
	char *json;
	int status = 0;
	const char *show[] = {"show", "IR-2026-0002", "--format", "json", NULL};

	(void)state;
	log_incident("Before the disk filled");
	t = start_env(24, 80, "xterm-256color", "SIRT_TEST_FAULT=full:1+");
	WAIT(t, "Before the disk filled");
	pty_send(t, "n");
	WAIT(t, "Intake: log the call: new incident");
	pty_send(t, "Amara Okafor\t\t+1 555 0142\tPhishing mail with a login page\t\t\t\t\t");
	pty_send(t, "Phishing on a full disk");
	pty_send(t, "\x13");
	t = not_saved_then_resumed(t, "Phishing on a full disk", "is full", "free some space on it, then try again",
				   "A new call, typed");
	pty_send(t, "\x13");
	WAIT(t, "logged.");
	json = run_sirt(show, &status);
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_non_null(strstr(json, "\"caller_name\": \"Amara Okafor\""));
	assert_non_null(strstr(json, "Phishing on a full disk"));
	free(json);
	quit_from_incident(t);
}

/* A form of an incident on a disk whose writes fail: the same, for the
 * lead details. */
static void a_failing_disk_keeps_the_lead_details(void **state)
{
	struct pty_term *t;
	char *json;
	int status = 0;
	const char *show[] = {"show", "IR-2026-0001", "--format", "json", NULL};

	(void)state;
	log_incident("On a failing disk");
	answer_lead_required();
	t = start_env(24, 80, "xterm-256color", "SIRT_TEST_FAULT=write:1+");
	WAIT(t, "On a failing disk");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "l");
	WAIT(t, "Lead details: IR-2026-0001");
	pty_send(t, "\t\t\t\t\tweb01.example.org");
	WAIT(t, "web01.example.org");
	pty_send(t, "\x13");
	t = not_saved_then_resumed(t, "web01.example.org", "disk I/O error", "see dmesg, then try again",
				   "Lead details of IR-2026-0001, typed");
	pty_send(t, "\x13");
	WAIT(t, "Lead details saved.");
	json = run_sirt(show, &status);
	assert_non_null(strstr(json, "\"target_system\": \"web01.example.org\""));
	free(json);
	WAIT(t, "Incidents: ");
	quit(t);
}

/* A finding whose save fails stays in its form as typed, to be saved
 * again or left knowingly. */
static void a_finding_not_saved_stays_in_its_form(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("Findings, failing disk");
	t = start_env(24, 80, "xterm-256color", "SIRT_TEST_FAULT=write:1+");
	WAIT(t, "Findings, failing disk");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "f");
	WAIT(t, "Investigation");
	pty_send(t, "n");
	WAIT(t, "New finding");
	pty_send(t, "l\tsyslog silent from 02:10 to 02:40\x13");
	WAIT(t, "Not saved: ");
	WAIT(t, "see dmesg, then try again");
	WAIT(t, "New finding");
	WAIT(t, "syslog silent from 02:10 to 02:40");
	WAIT(t, "< log-review >");
	/* Leaving asks first: what was typed is not dropped by a slip. */
	pty_send(t, "\033");
	WAIT(t, "Leave this form and lose what was typed?");
	pty_send(t, "y");
	WAIT(t, "Findings  (n: add one)");
	GONE(t, "syslog silent from 02:10 to 02:40");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* The state and note of one step, as show's JSON has them. */
static void assert_step_is(const char *key, const char *state, const char *note)
{
	const char *args[] = {"show", "IR-2026-0001", "--format", "json", NULL};
	char want_state[160], want_note[400];
	int status;
	char *out = run_sirt(args, &status);
	char *at = strstr(out, key);

	assert_non_null(at);
	snprintf(want_state, sizeof(want_state), "\"state\": \"%s\"", state);
	snprintf(want_note, sizeof(want_note), "\"note\": \"%s\"", note);
	if (!strstr(at, want_state) || !strstr(at, want_note))
		fail_msg("step %s: wanted %s and %s in:\n%s", key, want_state, want_note, at);
	free(out);
}

/* Two desks on one step: a note begun before the other desk marked the
 * step is not written over their mark without a choice; a skip begun
 * before the other marked it n/a neither; and the desk whose mark was
 * replaced is told, instead of still saying it marked it. */
static void two_desks_mark_and_note_one_step(void **state)
{
	const char *choose[] = {"procedure", "IR-2026-0001", "active-intrusion", NULL};
	struct pty_term *one, *two;
	int status;
	char *out;

	(void)state;
	log_incident("Step race");
	out = run_sirt(choose, &status);
	assert_int_equal(WEXITSTATUS(status), 0);
	free(out);
	one = start();
	two = start();
	pty_send(one, "\r");
	pty_send(two, "\r");
	WAIT(one, "Status: responding");
	WAIT(two, "Status: responding");
	pty_send(one, "s");
	pty_send(two, "s");
	WAIT(one, "Steps 0/14");
	WAIT(two, "Steps 0/14");

	/* Two begins a note on the first step; one marks it done meanwhile. */
	pty_send(two, "e");
	WAIT(two, "Note on this step");
	pty_send(one, "d");
	WAIT(one, "Step marked done.");
	pty_send(two, "seen on fs01\r");
	WAIT(two, "Changed meanwhile: a step of IR-2026-0001");
	WAIT(two, "[x] yours:  open: seen on fs01");
	WAIT(two, "[ ] theirs: done");
	/* Theirs: nothing of two's is written. */
	pty_send(two, "t\r");
	WAIT(two, "Kept theirs; what you typed is offered again");
	assert_step_is("confirm-activity", "done", "");
	/* What two typed is not lost: the note offers it again. */
	pty_send(two, "e");
	WAIT(two, "Note on this step");
	WAIT(two, "seen on fs01");
	pty_send(two, "\033");
	GONE(two, "Note on this step");

	/* Both on the second step: two begins to skip it, one marks it n/a
	 * first; two keeps its own, knowingly. */
	pty_send(two, "j");
	WAIT(two, "Capture volatile evidence before changing anything");
	pty_send(two, "s");
	WAIT(two, "Why is this step skipped?");
	pty_send(one, "n");
	WAIT(one, "Step marked n/a.");
	pty_send(two, "host already off\r");
	WAIT(two, "[ ] theirs: n/a");
	pty_send(two, "\r");
	WAIT(two, "Step marked skipped.");
	assert_step_is("preserve-volatile", "skipped", "host already off");
	/* One's screen no longer claims its mark stands. */
	WAIT(one, "changed \"Capture volatile evidence before changing anything\" after you: now");
	WAIT(one, "skipped: host already off.");

	/* Both note the third step at once: the second sees the first's
	 * note beside its own, and keeps its own knowingly. */
	pty_send(two, "j");
	WAIT(two, "Find out what the compromised systems hold");
	pty_send(one, "e");
	pty_send(two, "e");
	WAIT(one, "Note on this step");
	WAIT(two, "Note on this step");
	pty_send(one, "payroll share\r");
	WAIT(one, "Note saved.");
	pty_send(two, "research data\r");
	WAIT(two, "[ ] theirs: open: payroll share");
	pty_send(two, "\r");
	WAIT(two, "Note saved.");
	assert_step_is("critical-data", "open", "research data");
	pty_send(one, "q");
	WAIT(one, "Status: responding");
	quit_from_incident(one);
	pty_send(two, "q");
	WAIT(two, "Status: responding");
	quit_from_incident(two);
}

/* The indicator register: a bad value is refused naming its form and
 * keeps what was typed; the same indicator on another incident is
 * named; a wrong one is withdrawn with a reason and stays listed. */
static void indicators_registered_and_seen_elsewhere(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("First phish");
	log_incident("Second phish");
	t = start();
	WAIT(t, "Second phish");
	/* The older one is second in the list. */
	pty_send(t, "j\r");
	WAIT(t, "First phish");
	WAIT(t, "Status: new");
	pty_send(t, "I");
	WAIT(t, "No indicator yet. Press n to add one.");
	pty_send(t, "n");
	WAIT(t, "New indicator");
	/* Type: a letter picks; then the value, wrong. */
	pty_send(t, "i\t10.0.0.300\x13");
	WAIT(t, "\"10.0.0.300\" is not an IPv4 address");
	WAIT(t, "10.0.0.300");
	pty_send(t, "\x15" "203.0.113.7\t\t\tproxy log\x13");
	WAIT(t, "Indicator 1 added.");
	WAIT(t, "1. ipv4 203.0.113.7 (TLP:AMBER)");
	WAIT(t, "Source: proxy log");
	/* Back on the incident, at its indicators. */
	pty_send(t, "q");
	WAIT(t, "Indicators of compromise  (I: add, withdraw, seen elsewhere?)");
	WAIT(t, "ipv4 203.0.113.7 (TLP:AMBER)");
	pty_send(t, "q");
	WAIT(t, "Incidents: 2 open");

	/* The same address, written another way, on the other incident. */
	pty_send(t, "k\r");
	WAIT(t, "Second phish");
	WAIT(t, "Status: new");
	pty_send(t, "I");
	WAIT(t, "No indicator yet.");
	pty_send(t, "n");
	WAIT(t, "New indicator");
	pty_send(t, "d\tBad.Example.ORG.\x13");
	WAIT(t, "1. domain bad.example.org (TLP:AMBER)");
	pty_send(t, "n");
	WAIT(t, "New indicator");
	pty_send(t, "i\t203.0.113.7\x13");
	WAIT(t, "2. ipv4 203.0.113.7 (TLP:AMBER)  also on IR-2026-0001");
	/* Withdrawn, with its reason; still on the list. */
	pty_send(t, "x");
	WAIT(t, "Why is it withdrawn?");
	pty_send(t, "our own scanner\r");
	WAIT(t, "Indicator 2 withdrawn; it stays on record.");
	WAIT(t, "2. ipv4 203.0.113.7 (TLP:AMBER) [withdrawn]");
	WAIT(t, "our own scanner");
	/* The list's search finds an incident by its indicators. */
	pty_send(t, "q");
	WAIT(t, "Indicators of compromise  (I: add, withdraw, seen elsewhere?)");
	pty_send(t, "q");
	WAIT(t, "Incidents: 2 open");
	pty_send(t, "/bad.example");
	WAIT(t, "Search: bad.example");
	GONE(t, "First phish");
	WAIT(t, "Second phish");
	/* Esc clears the search; then quit. */
	pty_send(t, "\033");
	WAIT(t, "First phish");
	quit(t);
}

/* A witness is added through the form of the witness kind's columns, as
 * any register adds: a bad time is said under its field, and what was
 * typed stays. */
static void a_witness_through_the_form(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("Witnessed");
	t = start();
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "f");
	WAIT(t, "(w: add one)");
	pty_send(t, "w");
	WAIT(t, "New witness");
	pty_send(t, "Burak Kılınç\t+1 555 0142\tsaw the note at 09:10\t\t25:99\x13");
	WAIT(t, "! the interview's time: 25:99 is not a valid time of day");
	WAIT(t, "Burak Kılınç");
	pty_send(t, "\x15" "-30m\x13");
	WAIT(t, "Witness 1 added.");
	/* Listed, and selected: in full below the list. */
	WAIT(t, "1. Burak Kılınç, +1 555 0142");
	WAIT(t, "Statement: saw the note at 09:10");
	WAIT(t, "Interviewed at: ");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* A finding through the register's form: its witness is chosen among
 * the incident's; a witness named for what is not an interview is said
 * under the witness, and what was typed stays to be corrected. */
static void a_finding_through_the_form(void **state)
{
	char ref[32];
	const char *witness[] = {"witness", "add", first_ref(ref, sizeof(ref)), "--name", "Amara Okafor", "--statement",
				 "saw the mail at 09:10", NULL};
	struct pty_term *t;
	char *json, *out;
	int status;

	(void)state;
	log_incident("Found out");
	out = run_sirt(witness, &status);
	assert_int_equal(WEXITSTATUS(status), 0);
	free(out);
	t = start();
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "f");
	WAIT(t, "1. Amara Okafor");
	WAIT(t, "Statement: saw the mail at 09:10");
	pty_send(t, "n");
	WAIT(t, "New finding");
	/* The kind left out: required. */
	pty_send(t, "\x13");
	WAIT(t, "! a finding needs its kind: log-review, log-gap, ids, cloud-audit, interview");
	/* A gap in the logs, told by a witness: not an interview. */
	pty_send(t, "ll\tclicked the link at 09:10,\rthen called the desk\t ");
	WAIT(t, "[1. Amara Okafor]");
	pty_send(t, "\x13");
	WAIT(t, "! only an interview names a witness, and this note is gap in the logs");
	WAIT(t, "clicked the link at 09:10,");
	/* Back to the kind: an interview. */
	pty_send(t, "\033[Z\033[Zii\x13");
	WAIT(t, "Finding added.");
	WAIT(t, "[interview, witness 1] clicked the link at 09:10,");
	WAIT(t, "Kind: interview");
	WAIT(t, "Witness: 1");
	/* Back on the incident, at its investigation. */
	pty_send(t, "q");
	WAIT(t, "interview with Amara Okafor: clicked the link at 09:10,");
	quit_from_incident(t);
	json = first_incident_json();
	assert_non_null(strstr(json, "\"text\": \"clicked the link at 09:10,\\nthen called the desk\""));
	assert_non_null(strstr(json, "\"witness\": 1"));
	free(json);
}

/* A cost line through the register's form: a bad amount stays to be
 * corrected, the plan's currency is offered, the totals follow, and a
 * withdrawn line leaves them. */
static void a_cost_line_through_the_form(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("Costly");
	t = start();
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "d");
	WAIT(t, "No cost line yet. Press n to add one.");
	pty_send(t, "n");
	WAIT(t, "New cost line");
	WAIT(t, "USD");
	/* Kind: a letter picks; the amount, wrong. */
	pty_send(t, "c\tOvertime of the admin team\t12,50x\x13");
	WAIT(t, "\"12,50x\" is not an amount");
	WAIT(t, "Overtime of the admin team");
	pty_send(t, "\x15" "1,200.50\t\te\x13");
	WAIT(t, "Cost line 1 added.");
	WAIT(t, "1. Containment USD 1,200.50 (estimate): Overtime of the admin team");
	WAIT(t, "Total USD 1,200.50 (damage 0.00, containment 1,200.50; 1,200.50 estimated)");
	pty_send(t, "n");
	WAIT(t, "New cost line");
	/* Checked as it is left, as the save would check it. The plan's
	 * currency, left as offered, is replaced by what is typed. */
	pty_send(t, "d\tLost sales\t10000\t" "xqz\t");
	WAIT(t, "\"xqz\" is not a currency code of ISO 4217");
	WAIT(t, "Lost sales");
	pty_send(t, "\033[Z\x15" "eur\x13");
	WAIT(t, "2. Damage EUR 10,000.00: Lost sales");
	WAIT(t, "Total EUR 10,000.00");
	pty_send(t, "x");
	WAIT(t, "Withdraw 2. Damage EUR 10,000.00: Lost sales");
	pty_send(t, "entered in the wrong currency\r");
	WAIT(t, "Cost line 2 withdrawn; it stays on record.");
	WAIT(t, "2. Damage EUR 10,000.00: Lost sales [withdrawn]");
	WAIT(t, "Withdrawn by ");
	/* A new line's form keeps no draft: quitting from it says what is lost. */
	pty_send(t, "nd\tNot kept");
	WAIT(t, "Not kept");
	pty_send(t, "\x03");
	WAIT(t, "A form has unsaved changes. Quit and lose them?");
	pty_send(t, "n\033");
	WAIT(t, "Leave this form and lose what was typed?");
	pty_send(t, "y");
	WAIT(t, "2. Damage EUR 10,000.00: Lost sales [withdrawn]");
	/* Back on the incident, at its costs. */
	pty_send(t, "q");
	WAIT(t, "Damage and cost");
	quit_from_incident(t);
}

/* Keys as a terminal other than TERM's sends them (tmux's Home and End,
 * arrows in the other cursor mode) move; they are never read as Esc
 * ("back") and letters. A key no terminal table names does nothing. */
static void keys_of_another_terminal_are_understood(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("Older one");
	log_incident("Newer one");
	t = start();
	WAIT(t, "Incidents: 2 open");
	/* Down as in normal cursor mode, while sirt asked for application. */
	pty_send(t, "\033[B\r");
	WAIT(t, "IR-2026-0001  Older one");
	WAIT(t, "Status: new");
	/* tmux's End and Home: the bottom and top of the incident. */
	pty_send(t, "\033[4~");
	WAIT(t, "Closing  (x: close the incident)");
	pty_send(t, "\033[1~");
	WAIT(t, "Logged ");
	GONE(t, "Closing  (x: close the incident)");
	/* rxvt's End, and a key nobody names: still here. */
	pty_send(t, "\033[8~");
	WAIT(t, "Closing  (x: close the incident)");
	pty_send(t, "\033[1;9Q");
	WAIT(t, "A key this terminal sent is not one sirt knows: nothing was done.");
	WAIT(t, "IR-2026-0001  Older one");
	quit_from_incident(t);
}

/* On a narrow screen a form's long required label is cut before its
 * "*", and F1 says the field's help whole where the message line cut it. */
static void a_narrow_form_keeps_its_stars_and_help(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("Narrow review");
	t = start_env(16, 60, "xterm-256color", NULL);
	WAIT(t, "Narrow review");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "w");
	WAIT(t, "Post-incident review: ");
	pty_send(t, "\033[6~");
	WAIT(t, "Similar ones prevent… *");
	WAIT(t, "Lessons learned *");
	pty_send(t, "\033[4~");
	WAIT(t, "What lessons have been learned from this experience? (Enter…");
	pty_send(t, "\033OP");
	WAIT(t, "Help: keys on the form screen");
	/* Wrapped at 60 columns, whole. */
	WAIT(t, "  What lessons have been learned from this experience?\n  (Enter: new line, Tab: next field)");
	/* More lines than rows: the title says so, and which way. */
	WAIT(t, "(more below: Down, PgDn)");
	pty_send(t, "\033[6~\033[6~");
	WAIT(t, "(more above: Up, PgUp)");
	pty_send(t, "\033");
	WAIT(t, "Lessons learned *");
	/* Tab on the last field goes round to the first, and says so. */
	pty_send(t, "\t");
	WAIT(t, "Back at the first field; Ctrl-S saves.");
	WAIT(t, "Policy could prevent? *");
	pty_send(t, "\033");
	WAIT(t, "Status: new");
	quit_from_incident(t);
}

/* Runs sirt with args (no terminal); it must succeed. */
static void sirt_ok(const char *const args[])
{
	int status;

	free(run_sirt(args, &status));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail_msg("sirt %s %s failed", args[0], args[1]);
}

/* Columns a row of text takes. */
static int columns(const char *row)
{
	wchar_t wide[1024];
	size_t n = mbstowcs(wide, row, 1024);

	return n == (size_t)-1 ? -1 : wcswidth(wide, n);
}

/* sirt show's text as sections: a title, then its rows; an empty line
 * ends one. Points into text, which it cuts into lines. */
#define SHOWN_SECTIONS 64
#define SHOWN_ROWS 256
struct shown {
	const char *title;
	const char *rows[SHOWN_ROWS];
	size_t len;
};

static size_t shown_sections(char *text, struct shown *out)
{
	size_t n = 0;
	bool title = true;

	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!*line) {
			title = true;
		} else if (title) {
			assert_true(n < SHOWN_SECTIONS);
			out[n].title = line;
			out[n++].len = 0;
			title = false;
		} else {
			assert_true(out[n - 1].len < SHOWN_ROWS);
			out[n - 1].rows[out[n - 1].len++] = line;
		}
	}
	return n;
}

/* The row of the body (screen rows 3 to 21) holding a section's
 * heading: its title, then nothing or the key's hint. -1 if none. */
static int heading_row(struct pty_term *t, const char *title)
{
	size_t len = strlen(title);

	for (int row = 3; row <= 21; row++) {
		char *text = pty_row_text(t, row);
		bool found = text && strncmp(text, title, len) == 0 && (!text[len] || strncmp(text + len, "  (", 3) == 0);

		free(text);
		if (found)
			return row;
	}
	return -1;
}

/* Waits for a heading on the screen; its row. */
static int wait_heading(struct pty_term *t, const char *title)
{
	for (int i = 0; i < TIMEOUT_MS / 100; i++) {
		int row = heading_row(t, title);

		if (row >= 0)
			return row;
		pty_settle(t, 20, 100);
	}
	fail_msg("no heading \"%s\" on the screen", title);
	return -1;
}

/* s with each run of blanks made one, none at either end. */
static char *squeezed(const char *s)
{
	char *out = calloc(1, strlen(s) + 1), *o = out;

	for (; *s; s++)
		if (*s != ' ' || (o > out && o[-1] != ' '))
			*o++ = *s;
	if (o > out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

static void not_the_same(struct pty_term *t, const struct shown *section, size_t k, const char *got)
{
	char *screen = pty_screen_text(t);

	fail_msg("%s, row %zu:\nshow: \"%s\"\nview: \"%s\"\n%s", section->title, k, section->rows[k], got, screen);
}

/* The screen's rows from row on are show's rows of the section, one for
 * one, and no more; one wider than the screen is the same text on the
 * rows it wraps onto. Down to the body's last row; returns show's rows
 * compared. */
static size_t same_rows(struct pty_term *t, int cols, int row, const struct shown *section)
{
	size_t k = 0;

	for (; k < section->len && row <= 21; k++) {
		char *got = pty_row_text(t, row++);

		if (columns(section->rows[k]) <= cols) {
			if (strcmp(got, section->rows[k]) != 0)
				not_the_same(t, section, k, got);
		} else {
			char *want = squeezed(section->rows[k]), *joined = squeezed(got);

			while (strlen(joined) < strlen(want) && row <= 21) {
				char *next = pty_row_text(t, row++), *more = squeezed(next);
				char *both = calloc(1, strlen(joined) + strlen(more) + 2);

				sprintf(both, "%s %s", joined, more);
				free(joined);
				free(more);
				free(next);
				joined = both;
			}
			/* Cut at the bottom of the screen: what is there of it. */
			if (strlen(joined) < strlen(want) ? strncmp(want, joined, strlen(joined)) != 0 :
							    strcmp(want, joined) != 0)
				not_the_same(t, section, k, joined);
			free(want);
			free(joined);
		}
		free(got);
	}
	/* All of it: the view has no more rows in the section either. */
	if (k == section->len && row <= 21) {
		char *after = pty_row_text(t, row);

		if (*after)
			not_the_same(t, section, k - 1, after);
		free(after);
	}
	return k;
}

/* The heading of section title: the row as drawn. */
static char *tab_to(struct pty_term *t, const char *title)
{
	for (int i = 0; i < 40 && heading_row(t, title) < 0; i++) {
		pty_send(t, "\t");
		pty_settle(t, 50, 1000);
	}
	return pty_row_text(t, wait_heading(t, title));
}

static void heading_is(struct pty_term *t, const char *title, const char *want)
{
	char *row = tab_to(t, title);

	assert_string_equal(row, want);
	free(row);
}

/* The incident view and sirt show draw on one rendering: section by
 * section (Tab goes to each), the view's rows are show's rows, hostile
 * text shown the same safe way in both. */
static void view_and_show_say_the_same(void **state)
{
	char ref[32];
	const char *r = first_ref(ref, sizeof(ref));
	const char *const setup[][12] = {
		{"set", r, "intake", "nature=Ransom note \033[31mred\033[0m\nasking for bitcoin", NULL},
		{"call", r, "lead", "--outcome", "no-answer", "--note", "voicemail full", NULL},
		{"set", r, "triage", "real=real", "in_progress=no", "type=intrusion", "business_impact=serious", "urgent=yes",
		 "--note", "real=admin confirmed the note", NULL},
		{"category", r, "data", "--note", "customer records", NULL},
		{"procedure", r, "active-intrusion", NULL},
		{"step", r, "confirm-activity", "done", NULL},
		{"step", r, "preserve-volatile", "skipped", "--note", "no tool on site", NULL},
		{"witness", "add", r, "--name", "Ana Lima", "--statement", "saw the note\nat 09:10", NULL},
		{"note", r, "syslog silent from 02:10 to 02:40", "--kind", "log-gap", NULL},
		{"evidence", "add", r, "--description", "paper log book", "--kind", "document", "--location", "safe 1",
		 NULL},
		{"custody", r, "1", "--to", "Lena Fischer", "--purpose", "analysis", NULL},
		{"change", "propose", r, "Patch the VPN gateway", "--why", "the way in", NULL},
		{"cost", "add", r, "--kind", "damage", "--amount", "1200", "--description", "Lost work", NULL},
		{"ioc", "add", r, "--type", "ipv4", "--value", "203.0.113.7", "--source", "proxy log", NULL},
		{"step", r, "restoration.preserve-evidence", "done", NULL},
	};
	const char *show[] = {"show", r, NULL};
	struct shown *sections = calloc(SHOWN_SECTIONS, sizeof(*sections));
	struct pty_term *t;
	size_t n, compared = 0;
	char *text, *title;
	int status;

	(void)state;
	log_incident("Shown alike");
	for (size_t i = 0; i < sizeof(setup) / sizeof(setup[0]); i++)
		sirt_ok(setup[i]);
	text = run_sirt(show, &status);
	assert_int_equal(WEXITSTATUS(status), 0);
	n = shown_sections(text, sections);
	assert_true(n > 15);

	t = start();
	WAIT(t, "Shown alike");
	pty_send(t, "\r");
	WAIT(t, "Status: recovering");
	/* The first section is the incident: its title is the screen's. */
	title = pty_row_text(t, 1);
	assert_string_equal(title + 1, sections[0].title);
	free(title);
	compared += same_rows(t, 80, 3, &sections[0]);
	/* Each section at least in part: all of it that fits below its
	 * heading. */
	for (size_t i = 1; i < n; i++) {
		size_t k;

		pty_send(t, "\t");
		pty_settle(t, 100, 2000);
		k = same_rows(t, 80, wait_heading(t, sections[i].title) + 1, &sections[i]);
		assert_true(k > 0);
		compared += k;
	}
	/* Most of it, not a row here and there. */
	assert_true(compared > 80);

	/* At 80x23 (tmux with its status line) the view is laid out again,
	 * and at 80x24 again it is as it was. */
	assert_int_equal(pty_resize(t, 23, 80), 0);
	assert_int_equal(wait_row(t, 22, "Tab Section", TIMEOUT_MS), 0);
	GONE(t, "Terminal too small");
	assert_int_equal(pty_resize(t, 24, 80), 0);
	assert_int_equal(wait_row(t, 23, "Tab Section", TIMEOUT_MS), 0);
	assert_true(same_rows(t, 80, wait_heading(t, sections[n - 1].title) + 1, &sections[n - 1]) > 0);
	/* Wider, what was wrapped is one row again, as show has it. */
	assert_int_equal(pty_resize(t, 24, 100), 0);
	for (size_t i = 0; i < n; i++)
		if (strncmp(sections[i].title, "Steps ", 6) == 0) {
			free(tab_to(t, sections[i].title));
			assert_true(columns(sections[i].rows[0]) > 80);
			assert_true(same_rows(t, 100, wait_heading(t, sections[i].title) + 1, &sections[i]) > 10);
		}
	quit_from_incident(t);
	free(sections);
	free(text);
}

/* A heading names its key only for what this login may do there, on the
 * incident as it stands: a manager is offered the decisions and no form;
 * a closed incident only what outlives it, and reopening. */
static void headings_offer_what_the_login_may(void **state)
{
	struct passwd *pw = getpwuid(getuid());
	char config[400], text[600], ref[32];
	const char *r = first_ref(ref, sizeof(ref));
	const char *args[] = {"--config", config, NULL};
	const char *propose[] = {"change", "propose", r, "Patch the VPN gateway", NULL};
	const char *review[] = {"set", r, "review", "policy_could_prevent=MFA", "policy_not_followed=No",
				"response_appropriate=Yes", "parties_informed=Yes", "procedures_adequate=Yes",
				"reinfection_prevented=Reset", "similar_prevented=Filter", "policies_updated=None",
				"lessons_learned=Report faster", NULL};
	const char *close[] = {"close", r, "--reason", "for the test", NULL};
	struct pty_term *t;

	(void)state;
	assert_non_null(pw);
	log_incident("Offered by role");
	sirt_ok(propose);

	snprintf(text, sizeof(text),
		 "[sirt]\nhotline = +1 555 0100\n[categories]\ndata = Threat to sensitive data\n"
		 "[roles]\nmanagers = %s\n", pw->pw_name);
	write_config(config, sizeof(config), "manager.ini", text);
	t = start_args(24, 80, "xterm-256color", NULL, args);
	WAIT(t, "Offered by role");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	heading_is(t, "Intake: log the call", "Intake: log the call");
	heading_is(t, "Triage checklist", "Triage checklist");
	heading_is(t, "Evidence", "Evidence  (v: the register and chain of custody)");
	heading_is(t, "Changes", "Changes  (a: approve or reject)");
	heading_is(t, "Closing", "Closing");
	quit_from_incident(t);

	/* The sample plan makes this login a lead: everything, while open. */
	t = start();
	WAIT(t, "Offered by role");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	heading_is(t, "Intake: log the call", "Intake: log the call  (i: edit)");
	heading_is(t, "Changes", "Changes  (a: propose)");
	heading_is(t, "Closing", "Closing  (x: close the incident)");
	quit_from_incident(t);

	sirt_ok(review);
	sirt_ok(close);
	t = start();
	WAIT(t, "Incidents: 0 open");
	pty_send(t, "a");
	WAIT(t, "Offered by role");
	pty_send(t, "\r");
	WAIT(t, "Status: closed");
	/* Nor does the bar offer work on it. */
	WAIT(t, "s Steps");
	assert_int_equal(pty_wait_gone(t, "t Triage", 0), 0);
	assert_int_equal(pty_wait_gone(t, "c Categ.", 0), 0);
	heading_is(t, "Intake: log the call", "Intake: log the call");
	heading_is(t, "Lead details", "Lead details");
	heading_is(t, "Evidence", "Evidence  (v: add, hand over, verify)");
	heading_is(t, "Changes", "Changes  (a: the changes and their decisions)");
	heading_is(t, "Indicators of compromise", "Indicators of compromise  (I: seen elsewhere?)");
	heading_is(t, "Closed", "Closed  (x: reopen, giving a reason)");
	quit_from_incident(t);
}

/* A decision through the incident view's D, at 80x24 and at 80x23
 * (tmux's status line): the key in the help and in its section's
 * heading, the form of which decision, why and when (a time to come
 * refused), a second one of a key standing refused, the one standing
 * withdrawn with a reason; a responder may look but not decide. */
static void a_decision_through_its_key(void **state)
{
	struct passwd *pw = getpwuid(getuid());
	char config[400], text[600], ref[32];
	const char *r = first_ref(ref, sizeof(ref));
	const char *args[] = {"--config", config, NULL};
	const char *show[] = {"show", r, "--format", "json", NULL};
	struct pty_term *t;
	char *json;
	int status;

	(void)state;
	assert_non_null(pw);
	log_incident("Decided major");
	t = start();
	WAIT(t, "Decided major");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	heading_is(t, "Decisions", "Decisions  (D: add, withdraw)");
	pty_send(t, "?");
	WAIT(t, "Help: keys on the incident screen");
	WAIT(t, "D        Decisions a regulator's clock runs from: classified major, material");
	pty_send(t, "q");
	WAIT(t, "Status: new");
	pty_send(t, "D");
	WAIT(t, "No decision yet. Press n to add one.");
	pty_send(t, "n");
	WAIT(t, "New decision");
	WAIT(t, "When");
	/* Which: a letter picks; why; when, first a time to come. */
	pty_send(t, "c\tcustomer data of two banks\t2099-01-01 00:00\x13");
	WAIT(t, "when is in the future");
	pty_send(t, "\x15" "-2h\x13");
	WAIT(t, "Decision 1 recorded.");
	WAIT(t, "1. classified major: customer data of two banks");
	WAIT(t, "Decided at: ");
	/* Standing, it is not decided again. */
	pty_send(t, "n");
	WAIT(t, "New decision");
	pty_send(t, "c\tagain\x13");
	WAIT(t, "is classified major already (decision 1");
	pty_send(t, "\033");
	WAIT(t, "Leave this form and lose what was typed?");
	pty_send(t, "y");
	WAIT(t, "1. classified major: customer data of two banks");
	pty_send(t, "x");
	WAIT(t, "Withdraw 1. classified major: customer data of two banks");
	WAIT(t, "Why is it withdrawn?");
	pty_send(t, "one bank only\r");
	WAIT(t, "Decision 1 withdrawn; it stays on record.");
	WAIT(t, "1. classified major: customer data of two banks [withdrawn]");

	/* At 80x23 the form is whole: its three fields, its help and its bar. */
	assert_int_equal(pty_resize(t, 23, 80), 0);
	pty_send(t, "n");
	WAIT(t, "New decision");
	assert_int_equal(wait_row(t, 3, "Decision *", TIMEOUT_MS), 0);
	assert_int_equal(wait_row(t, 5, "When", TIMEOUT_MS), 0);
	assert_int_equal(wait_row(t, 22, "^S Save", TIMEOUT_MS), 0);
	pty_send(t, "m\tthe board's call\x13");
	WAIT(t, "Decision 2 recorded.");
	WAIT(t, "2. materiality determined: the board's call");
	pty_send(t, "q");
	WAIT(t, "Decisions  (D: add, withdraw)");
	quit_from_incident(t);

	json = run_sirt(show, &status);
	assert_int_equal(status, 0);
	assert_non_null(strstr(json, "\"withdrawn_reason\": \"one bank only\""));
	assert_non_null(strstr(json, "\"why\": \"the board's call\""));
	assert_null(strstr(json, "\"why\": \"again\""));
	free(json);

	/* A responder: the register to look at, no decision to make. */
	snprintf(text, sizeof(text),
		 "[sirt]\nhotline = +1 555 0100\n[categories]\ndata = Threat to sensitive data\n"
		 "[roles]\nresponders = %s\n", pw->pw_name);
	write_config(config, sizeof(config), "responder.ini", text);
	t = start_args(23, 80, "xterm-256color", NULL, args);
	WAIT(t, "Decided major");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	heading_is(t, "Decisions", "Decisions  (D: the register)");
	pty_send(t, "D");
	WAIT(t, "2. materiality determined: the board's call");
	pty_send(t, "n");
	WAIT(t, "recording a decision needs the lead role");
	pty_send(t, "x");
	WAIT(t, "recording a decision needs the lead role");
	GONE(t, "Why is it withdrawn?");
	pty_send(t, "q");
	WAIT(t, "Status: new");
	quit_from_incident(t);
}

/* ^Z in raw mode is a key: sirt gives the terminal back and stops, as
 * any program started from an interactive shell does; fg redraws it. */
static void ctrl_z_suspends_and_fg_comes_back(void **state)
{
	const char *argv[] = {"/bin/bash", "--norc", "--noprofile", "-i", NULL};
	const char *envp[] = {"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC", "PATH=/usr/bin:/bin",
			      "PS1=shell$ ", "SIRT_TEST_SYSTEM_CONFIG=/nonexistent/sirt-tests/sirt.ini", env_home, env_data,
			      env_config, env_data_dir, NULL};
	char line[800];
	struct pty_term *t;
	int status;

	(void)state;
	log_incident("Suspended call");
	t = pty_start(argv, envp, 24, 80);
	assert_non_null(t);
	WAIT(t, "shell$");
	snprintf(line, sizeof(line), "'%s' --db '%s'\r", sirt_bin(), db);
	pty_send(t, line);
	WAIT(t, "Suspended call");
	pty_send(t, "n");
	WAIT(t, "Intake: log the call");
	pty_send(t, "Ana Lima");
	pty_send(t, "\x1a");
	WAIT(t, "Stopped");
	WAIT(t, "shell$");
	GONE(t, "Intake: log the call");
	pty_send(t, "fg\r");
	/* Back where it was, with what was typed. */
	WAIT(t, "Intake: log the call");
	WAIT(t, "Ana Lima");
	pty_send(t, "\033");
	WAIT(t, "Leave this form and lose what was typed?");
	pty_send(t, "y");
	WAIT(t, "Incidents: 1 open");
	pty_send(t, "q");
	WAIT(t, "shell$");
	pty_send(t, "exit\r");
	assert_int_equal(pty_wait_exit(t, TIMEOUT_MS, &status), 0);
	pty_free(t);
}

/* Each form of each key, as xterm, tmux, screen, rxvt, PuTTY and the
 * Linux console send it in either cursor mode, under every TERM an
 * operator's SSH session may claim: it moves the selection, never reads
 * as Esc and letters. The list has three incidents: rows 3 to 5. */
static void every_form_of_every_key_under_every_term(void **state)
{
	static const char *const terms[] = {"xterm-256color", "tmux-256color", "screen", "linux", "vt100"};
	static const struct {
		const char *name, *keys;
		int row;	/* the selected row after it, or -1: the help */
	} keys[] = {
		{"Down (normal)", "\033[B", 4}, {"Down (application)", "\033OB", 5},
		{"Up (normal)", "\033[A", 4}, {"Up (application)", "\033OA", 3},
		{"End (tmux, PuTTY, Linux)", "\033[4~", 5}, {"Home (tmux, PuTTY, Linux)", "\033[1~", 3},
		{"End (xterm normal)", "\033[F", 5}, {"Home (xterm normal)", "\033[H", 3},
		{"End (xterm application)", "\033OF", 5}, {"Home (xterm application)", "\033OH", 3},
		{"End (rxvt)", "\033[8~", 5}, {"Home (rxvt)", "\033[7~", 3},
		{"PgDn", "\033[6~", 5}, {"PgUp", "\033[5~", 3},
		{"^F (no page keys)", "\006", 5}, {"^B (no page keys)", "\002", 3},
		{"Space (list)", " ", 5}, {"b (list)", "b", 3},
		{"F1 (xterm)", "\033OP", -1}, {"F1 (vt220, PuTTY)", "\033[11~", -1}, {"F1 (Linux)", "\033[[A", -1},
	};

	(void)state;
	log_incident("Third");
	log_incident("Second");
	log_incident("First");
	for (size_t k = 0; k < sizeof(terms) / sizeof(terms[0]); k++) {
		struct pty_term *t = start_env(24, 80, terms[k], NULL);

		WAIT(t, "Incidents: 3 open");
		assert_int_equal(wait_selected(t, 3, 2, TIMEOUT_MS), 0);
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			pty_send(t, keys[i].keys);
			if (keys[i].row < 0) {
				if (pty_wait_text(t, "Help: keys on the list screen", TIMEOUT_MS) != 0)
					fprintf(stderr, "TERM=%s: %s did not open the help\n", terms[k], keys[i].name);
				WAIT(t, "Help: keys on the list screen");
				pty_send(t, "q");
				WAIT(t, "Incidents: 3 open");
				continue;
			}
			if (wait_selected(t, keys[i].row, 2, TIMEOUT_MS) != 0)
				fprintf(stderr, "TERM=%s: %s did not reach row %d\n", terms[k], keys[i].name, keys[i].row);
			assert_int_equal(wait_selected(t, keys[i].row, 2, 0), 0);
			/* Never Esc and letters: still the list, nothing else said. */
			assert_int_equal(pty_wait_gone(t, "This is the first screen", 0), 0);
			assert_int_equal(pty_wait_gone(t, "not one sirt knows", 0), 0);
		}
		quit(t);
	}
}

/* A procedure's approval step, as the restoration's hardening, is marked
 * [change] and names every change approved, not the first alone. */
static void every_approved_change_on_the_step_that_needs_one(void **state)
{
	struct passwd *pw = getpwuid(getuid());
	char config[400], text[600], ref[32];
	const char *r = first_ref(ref, sizeof(ref));
	const char *one[] = {"change", "propose", r, "Patch the VPN gateway", NULL};
	const char *two[] = {"change", "propose", r, "Rotate the service keys", NULL};
	const char *approve_one[] = {"--config", config, "change", "approve", r, "1", "--reason", "ok", NULL};
	const char *approve_two[] = {"--config", config, "change", "approve", r, "2", "--reason", "ok", NULL};
	const char *procedure[] = {"procedure", r, "active-intrusion", NULL};
	struct pty_term *t;
	bool seen = false;

	(void)state;
	assert_non_null(pw);
	log_incident("Two changes");
	snprintf(text, sizeof(text), "[sirt]\nhotline = +1 555 0100\n[categories]\ndata = Data\n[roles]\nmanagers = %s\n",
		 pw->pw_name);
	write_config(config, sizeof(config), "manager.ini", text);
	sirt_ok(one);
	sirt_ok(two);
	sirt_ok(approve_one);
	sirt_ok(approve_two);
	sirt_ok(procedure);
	t = start();
	WAIT(t, "Two changes");
	pty_send(t, "\rs");
	WAIT(t, "Steps 0/14: Active intrusion");
	snprintf(text, sizeof(text), "Approved: 1. Patch the VPN gateway (%s); 2. Rotate the service keys (%s)",
		 pw->pw_name, pw->pw_name);
	for (int i = 0; i < 14 && !seen; i++) {
		char *screen;

		pty_send(t, "j");
		pty_settle(t, 50, 1000);
		screen = pty_screen_text(t);
		seen = strstr(screen, text) != NULL;
		free(screen);
	}
	WAIT(t, text);
	WAIT(t, "Get management approval before implementing the changes  [change]");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* A finding longer than its pane: the pane says there is more, Enter
 * reads it whole in the reader, / finds a word in it, n finds it again
 * further on (or says it is not), and q goes back. */
static void a_long_finding_read_whole(void **state)
{
	char ref[32], text[4000];
	const char *r = first_ref(ref, sizeof(ref));
	const char *note[] = {"note", r, "--kind", "log-review", text, NULL};
	struct pty_term *t;
	size_t n = 0;

	(void)state;
	log_incident("Long finding");
	for (int i = 0; i < 300; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "entry%d ", i);
	snprintf(text + n, sizeof(text) - n, "the Kılınç account at the very end");
	sirt_ok(note);
	t = start();
	WAIT(t, "Long finding");
	pty_send(t, "\rf");
	WAIT(t, "Investigation: ");
	WAIT(t, "… more: Enter reads it whole.");
	GONE(t, "at the very end");
	pty_send(t, "\r");
	WAIT(t, "(more below: Down, PgDn)");
	pty_send(t, "/kilinc\r");
	WAIT(t, "\"kilinc\": on row ");
	WAIT(t, "Kılınç account at the very end");
	pty_send(t, "n");
	WAIT(t, "\"kilinc\" is not further on.");
	pty_send(t, "q");
	WAIT(t, "… more: Enter reads it whole.");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* A message longer than the message line and the row under it ends in
 * "(^P: whole)", and ^P reads the recent messages whole, newest first. */
static void a_long_message_is_read_whole(void **state)
{
	struct pty_term *t;
	bool found = false;

	(void)state;
	log_incident("Narrow restoration");
	t = start_env(16, 60, "xterm-256color", NULL);
	WAIT(t, "Narrow restoration");
	pty_send(t, "\rr");
	WAIT(t, "Restoration 0/");
	/* To a step that waits for an approved change. */
	for (int i = 0; i < 12 && !found; i++) {
		char *screen;

		pty_send(t, "j");
		pty_settle(t, 50, 1000);
		screen = pty_screen_text(t);
		found = strstr(screen, "Needs a change that management") != NULL;
		free(screen);
	}
	assert_true(found);
	pty_send(t, "d");
	WAIT(t, "(^P: whole)");
	pty_send(t, "\x10");
	WAIT(t, "Recent messages, newest first");
	WAIT(t, "and does not count)");
	WAIT(t, "none is yet (propose one; a");
	pty_send(t, "q");
	WAIT(t, "Restoration 0/");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* The picker starts on the current category; lowering it asks why, and
 * the reason goes on record with the choice. */
static void lowering_a_category_asks_why(void **state)
{
	char ref[32], *json;
	const char *r = first_ref(ref, sizeof(ref));
	const char *data[] = {"category", r, "data", NULL};
	struct pty_term *t;

	(void)state;
	log_incident("Lowered later");
	sirt_ok(data);
	t = start();
	WAIT(t, "Lowered later");
	pty_send(t, "\rc");
	WAIT(t, "Enter chooses: Threat to sensitive data");
	pty_send(t, "jj\r");
	WAIT(t, "Why is it lowered from Threat to sensitive data to Disruption of services?");
	pty_send(t, "no data left the network after all\r");
	WAIT(t, "is now in category services: Disruption of services.");
	quit_from_incident(t);
	json = first_incident_json();
	assert_non_null(strstr(json, "no data left the network after all"));
	free(json);
}

/* A key that is not text: counted. */
static void key(struct pty_term *t, const char *k, int *keys)
{
	pty_send(t, k);
	(*keys)++;
}

/* A call taken, triaged, categorised and given its procedure at 80x23,
 * counting every key beyond the typed text: intake one a field, triage
 * one a question (a letter that picks moves on; Enter after a typed
 * answer moves past the note), a number for the category and for the
 * procedure. 21 decisions; 28 keys, of which 5 open and save. */
static void a_call_in_few_keys(void **state)
{
	int intake = 0, triage = 0, rest = 0;
	char *json;
	struct pty_term *t;

	(void)state;
	t = start_env(23, 80, "xterm-256color", NULL);
	WAIT(t, "No open incidents");
	key(t, "n", &rest);
	WAIT(t, "Intake: log the call");
	pty_send(t, "Burak Kılınç");
	key(t, "\t", &intake);
	key(t, "\t", &intake);	/* the time of the call: now */
	pty_send(t, "+1 555 0142");
	key(t, "\t", &intake);
	pty_send(t, "The start page shows a ransom note");
	for (int i = 0; i < 5; i++)	/* nature, then four left empty */
		key(t, "\t", &intake);
	pty_send(t, "Defaced www");
	key(t, "\x13", &intake);
	WAIT(t, "Press t to answer the triage checklist.");
	key(t, "t", &rest);
	WAIT(t, "Triage checklist: ");
	/* real, in progress, intrusion, high, serious */
	for (const char *k = "ryihs"; *k; k++)
		key(t, (char[]){*k, 0}, &triage);
	pty_send(t, "www01");
	key(t, "\r", &triage);
	/* inside, urgent, not quickly contained, does not alert */
	for (const char *k = "yynn"; *k; k++)
		key(t, (char[]){*k, 0}, &triage);
	key(t, "\x13", &rest);
	WAIT(t, "Triage checklist saved.");
	key(t, "c", &rest);
	WAIT(t, "Number or Down: a category.");
	key(t, "3", &rest);
	WAIT(t, "Enter chooses: Threat to computer systems");
	key(t, "\r", &rest);
	WAIT(t, "is now in category systems");
	key(t, "p", &rest);
	WAIT(t, "The procedure that fits");
	key(t, "4", &rest);
	key(t, "\r", &rest);
	WAIT(t, "Steps 0/14: Active intrusion");
	pty_send(t, "q");
	WAIT(t, "Status: ");
	quit_from_incident(t);
	/* 9 intake fields, 10 triage questions, a category, a procedure. */
	assert_true(intake <= 9);
	assert_true(triage <= 10);
	assert_int_equal(intake + triage + rest, 28);
	json = first_incident_json();
	for (const char *want[] = {"\"caller_name\": \"Burak Kılınç\"", "\"real\": \"real\"",
				   "\"type\": \"intrusion\"", "\"data_threatened\": \"high\"",
				   "\"business_impact\": \"serious\"", "\"systems_targeted\": \"www01\"",
				   "\"quickly_contained\": \"no\"", "\"alerts_attacker\": \"no\"",
				   "\"category\": \"systems\"", "\"procedure\": \"active-intrusion\"", NULL},
			 **w = want; *w; w++) {
		if (!strstr(json, *w))
			fprintf(stderr, "not in show's JSON: %s\n%s\n", *w, json);
		assert_non_null(strstr(json, *w));
	}
	free(json);
}

/* The report's preview wraps a long answer at its words: every word
 * whole on some row, none cut to "…". */
static void report_preview_wraps_whole_words(void **state)
{
	char ref[32], text[1200];
	/* With every required answer the record does not give yet. */
	const char *set[] = {"set", first_ref(ref, sizeof(ref)), "report", text, "how_discovered=A call",
			     "category=Data", "response_plan=Contain", "actions_taken=Patched", "effective=yes",
			     "attack_origin=A phishing mail", NULL};
	struct pty_term *t;
	char *screen;
	size_t n = (size_t)snprintf(text, sizeof(text), "how_occurred=");

	(void)state;
	log_incident("Long report answer");
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "word%d ", i);
	snprintf(text + n, sizeof(text) - n, "the end.");
	sirt_ok(set);
	t = start();
	WAIT(t, "Long report answer");
	pty_send(t, "\ro");
	WAIT(t, "Incident report: ");
	WAIT(t, "How it occurred");
	WAIT(t, "the end.");
	screen = pty_screen_text(t);
	for (int i = 0; i < 40; i++) {
		char word[16], last[16];
		bool whole;

		snprintf(word, sizeof(word), "word%d ", i);
		snprintf(last, sizeof(last), "word%d\n", i);
		whole = strstr(screen, word) || strstr(screen, last);
		if (!whole)
			fprintf(stderr, "\"%s\" is not whole on:\n%s\n", word, screen);
		assert_true(whole);
	}
	assert_null(strstr(screen, "…"));
	free(screen);
	pty_send(t, "q");
	WAIT(t, "Status: ");
	quit_from_incident(t);
}

/* At 60x16 a step's help does not fit its pane: the pane says so, and
 * Enter reads the step whole. */
static void a_step_read_whole_at_60x16(void **state)
{
	char ref[32];
	const char *r = first_ref(ref, sizeof(ref));
	const char *procedure[] = {"procedure", r, "active-intrusion", NULL};
	struct pty_term *t;

	(void)state;
	log_incident("Small screen steps");
	sirt_ok(procedure);
	t = start_env(16, 60, "xterm-256color", NULL);
	WAIT(t, "Small screen steps");
	pty_send(t, "\rs");
	WAIT(t, "Steps 0/14: Active intrusion");
	WAIT(t, "… more: Enter reads it whole.");
	GONE(t, "attacker while you check.");
	pty_send(t, "\r");
	WAIT(t, "attacker while you check.");
	WAIT(t, "Open.");
	pty_send(t, "q");
	WAIT(t, "Steps 0/14: Active intrusion");
	pty_send(t, "q");
	/* The intros say what they must in the width they have. */
	WAIT(t, "Status: ");
	pty_send(t, "f");
	WAIT(t, "On record, never edited. Enter reads one whole.");
	pty_send(t, "q");
	WAIT(t, "Status: ");
	pty_send(t, "o");
	WAIT(t, "e edits, w writes a file, c: one customer's.");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* A timeline entry longer than its pane's three rows says so, and Enter
 * reads it whole. */
static void a_long_timeline_entry_read_whole(void **state)
{
	char ref[32], text[2000];
	const char *r = first_ref(ref, sizeof(ref));
	const char *note[] = {"note", r, "--kind", "other", text, NULL};
	struct pty_term *t;
	size_t n = 0;

	(void)state;
	log_incident("Long entry");
	for (int i = 0; i < 60; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "step%d ", i);
	snprintf(text + n, sizeof(text) - n, "and the last words here");
	sirt_ok(note);
	t = start();
	WAIT(t, "Long entry");
	pty_send(t, "\rh");
	WAIT(t, "Timeline: ");
	pty_send(t, "G");
	WAIT(t, "… more: Enter reads it whole.");
	GONE(t, "and the last words here");
	pty_send(t, "\r");
	WAIT(t, "and the last words here");
	/* Its find asks, and the bar says what Enter does there. */
	pty_send(t, "/");
	WAIT(t, "Find (words or their starts):");
	WAIT(t, "Enter OK");
	pty_send(t, "\x1b");
	GONE(t, "Find (words or their starts):");
	pty_send(t, "q");
	WAIT(t, "Timeline: ");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* A draft is offered only to a session that may save it: a reviewer's
 * does not see the operator's unsaved call; the operator's next session
 * does. */
static void a_reviewer_is_not_offered_what_it_cannot_save(void **state)
{
	struct passwd *pw = getpwuid(getuid());
	char config[400], text[600];
	const char *args[] = {"--config", config, NULL}, *read_only[] = {"--read-only", NULL};
	struct pty_term *t;
	int status;

	(void)state;
	assert_non_null(pw);
	t = start();
	WAIT(t, "No open incidents.");
	pty_send(t, "n");
	WAIT(t, "Intake: log the call: new incident");
	pty_send(t, "Unsaved caller");
	WAIT(t, "Draft kept");
	pty_send(t, "\x03");
	WAIT(t, "Quit? They are kept as a draft");
	pty_send(t, "y");
	assert_int_equal(pty_wait_exit(t, TIMEOUT_MS, &status), 0);
	pty_free(t);

	snprintf(text, sizeof(text), "[sirt]\nhotline = +1 555 0100\n[categories]\ndata = Data\n[roles]\nreviewers = %s\n",
		 pw->pw_name);
	write_config(config, sizeof(config), "reviewer.ini", text);
	t = start_args(24, 80, "xterm-256color", NULL, args);
	WAIT(t, "No open incidents.");
	pty_settle(t, 300, TIMEOUT_MS);
	assert_int_equal(pty_wait_gone(t, "You left text unsaved last time", 0), 0);
	quit(t);
	/* Nor does the operator's own --read-only session. */
	t = start_args(24, 80, "xterm-256color", NULL, read_only);
	WAIT(t, "No open incidents.");
	pty_settle(t, 300, TIMEOUT_MS);
	assert_int_equal(pty_wait_gone(t, "You left text unsaved last time", 0), 0);
	quit(t);

	t = start();
	WAIT(t, "You left text unsaved last time.");
	pty_send(t, "\r");
	WAIT(t, "Unsaved caller");
	pty_send(t, "\033");
	WAIT(t, "Leave this form and lose what was typed?");
	pty_send(t, "y");
	WAIT(t, "No open incidents.");
	quit(t);
}

/* A draft of a closed incident's form cannot be saved, so it is not
 * offered; it is kept, untouched, and offered again once the incident is
 * reopened. */
static void a_closed_incidents_draft_waits_for_its_reopening(void **state)
{
	const char *review[] = {"set", "IR-2026-0001", "review", "policy_could_prevent=MFA", "policy_not_followed=No",
				"response_appropriate=Yes", "parties_informed=Yes", "procedures_adequate=Yes",
				"reinfection_prevented=Reset", "similar_prevented=Filter", "policies_updated=None",
				"lessons_learned=Report faster", NULL};
	const char *close[] = {"close", "IR-2026-0001", "--reason", "for the test", NULL};
	const char *reopen[] = {"reopen", "IR-2026-0001", "--reason", "a second host", NULL};
	struct pty_term *t;

	(void)state;
	log_incident("Closed with a draft");
	answer_lead_required();
	type_target_and_hang_up(start(), "Closed with a draft", "web09.example.org");
	sirt_ok(review);
	sirt_ok(close);
	t = start_env(24, 80, "xterm-256color", NULL);
	WAIT(t, "No open incidents.");
	pty_settle(t, 300, TIMEOUT_MS);
	assert_int_equal(pty_wait_gone(t, "You left text unsaved last time", 0), 0);
	quit(t);
	assert_true(draft_holds("web09.example.org"));
	sirt_ok(reopen);
	t = start();
	WAIT(t, "You left text unsaved last time.");
	WAIT(t, "Lead details of IR-2026-0001, typed");
	WAIT(t, ": web09.example.org");
	pty_send(t, "\x1b");
	WAIT(t, "Closed with a draft");
	quit(t);
}

/* Required means required on a saved incident's form too: the triage
 * checklist with one answer is refused, saying how many are empty, each
 * marked under its question, the status still new and what was typed
 * kept on the form; answered with what is stored, it saves. Saving it
 * again unchanged is "nothing changed", not "saved". */
static void a_form_with_required_answers_empty_is_not_saved(void **state)
{
	const char *lead[] = {"set", "IR-2026-0001", "lead", "severity=high", NULL};
	char *json;
	int status = 0;
	const char *show[] = {"show", "IR-2026-0001", "--format", "json", NULL};
	struct pty_term *t;

	(void)state;
	log_incident("Half a checklist");
	t = start();
	WAIT(t, "Half a checklist");
	pty_send(t, "\r");
	WAIT(t, "Status: new");
	pty_send(t, "t");
	WAIT(t, "Triage checklist: IR-2026-0001");
	pty_send(t, " \tadmin saw it");	/* real, with a note */
	WAIT(t, "admin saw it");
	pty_send(t, "\x13");
	WAIT(t, "Not saved: 4 required fields are empty (marked with !).");
	WAIT(t, "! Still in progress? is required");
	GONE(t, "Triage checklist saved.");
	WAIT(t, "admin saw it");
	json = run_sirt(show, &status);
	assert_non_null(strstr(json, "\"status\": \"new\""));
	assert_null(strstr(json, "admin saw it"));
	free(json);
	/* The cursor is on the first one empty: answer them all. */
	pty_send(t, "y");	/* still in progress */
	pty_send(t, "i");	/* intrusion */
	pty_send(t, "h");	/* high */
	pty_send(t, "c");	/* critical impact */
	pty_send(t, "\t\t");	/* past the systems targeted */
	pty_send(t, "yy");	/* inside, urgent */
	pty_send(t, "\x13");
	WAIT(t, "Triage checklist saved.");
	WAIT(t, "Status: triage");
	/* Again, changing nothing: not "saved". */
	pty_send(t, "t");
	WAIT(t, "Triage checklist: IR-2026-0001");
	pty_send(t, "\x13");
	WAIT(t, "Triage checklist: nothing changed, nothing saved.");
	/* The lead details: what `sirt set` stored counts, one is left. */
	free(run_sirt(lead, &status));
	assert_int_equal(WEXITSTATUS(status), 65);
	pty_send(t, "l");
	WAIT(t, "Lead details: IR-2026-0001");
	pty_send(t, "\t\t\t\t\tfs01.example.org\x13");
	WAIT(t, "Not saved: 2 required fields are empty (marked with !).");
	WAIT(t, "! Business critical? is required");
	pty_send(t, "n");
	pty_send(t, "\x13");
	WAIT(t, "Not saved: Severity of impact is required (marked with !).");
	pty_send(t, "h\x13");
	WAIT(t, "Lead details saved.");
	quit_from_incident(t);
}

/* On the list: n, a new call by caller with its nature, then a hangup:
 * sirt keeps the call as a draft and ends by itself. */
static void type_call_and_hang_up(struct pty_term *t, const char *caller, const char *nature)
{
	int status = 0;

	pty_send(t, "n");
	WAIT(t, "Intake: log the call: new incident");
	pty_send(t, caller);
	/* Past the time of the call and the contact. */
	pty_send(t, "\t\t\t");
	pty_send(t, nature);
	WAIT(t, nature);
	pty_hangup(t);
	assert_int_equal(pty_wait_exit(t, TIMEOUT_MS, &status), 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 128 + SIGHUP);
	pty_free(t);
}

/* A call kept "for later" is not overwritten by the next: hang up on one,
 * start again, Later, log another and hang up again: both are offered,
 * each by its first line, and each comes back whole. Discarding one asks
 * first, showing what it holds, and removes that one alone. */
static void two_new_calls_kept_for_later_both_come_back(void **state)
{
	struct pty_term *t;

	(void)state;
	t = start();
	WAIT(t, "No open incidents.");
	type_call_and_hang_up(t, "Ana Example", "Printer prints ransom notes");
	assert_int_equal(wait_draft_holding("Printer prints ransom notes"), 0);

	t = start();
	WAIT(t, "You left text unsaved last time.");
	WAIT(t, "A new call, typed");
	WAIT(t, "Later: keep them for next time");
	pty_send(t, "\x1b");
	WAIT(t, "No open incidents.");
	type_call_and_hang_up(t, "Ben Sample", "Laptop stolen from car");
	assert_int_equal(wait_draft_holding("Laptop stolen from car"), 0);
	assert_true(draft_holds("Printer prints ransom notes"));

	t = start();
	WAIT(t, "You left text unsaved last time.");
	/* Both, the older first, told apart by what was typed. */
	WAIT(t, ": Ana Example");
	WAIT(t, ": Ben Sample");
	pty_send(t, "\r");
	WAIT(t, "Intake: log the call: new incident");
	WAIT(t, "Ana Example");
	WAIT(t, "Printer prints ransom notes");
	GONE(t, "Laptop stolen from car");
	pty_send(t, "\x1b");
	WAIT(t, "Typed: Ana Example");
	WAIT(t, "Leave this form and lose what was typed?");
	pty_send(t, "y");
	/* The other is offered again at once, and it is whole too. */
	WAIT(t, "You left text unsaved last time.");
	WAIT(t, ": Ben Sample");
	GONE(t, ": Ana Example");
	assert_false(draft_holds("Printer prints ransom notes"));
	assert_true(draft_holds("Laptop stolen from car"));
	pty_send(t, "\r");
	WAIT(t, "Ben Sample");
	WAIT(t, "Laptop stolen from car");
	pty_send(t, "\x03");
	WAIT(t, "Quit? They are kept as a draft");
	pty_send(t, "y");
	{
		int status;

		assert_int_equal(pty_wait_exit(t, TIMEOUT_MS, &status), 0);
		pty_free(t);
	}
	assert_true(draft_holds("Laptop stolen from car"));
}

/* One draft, two sessions: the one that took it up holds it, and the
 * other neither offers it nor can take it as well (one call logged twice
 * is what that would make). Once it is let go, it is offered again. */
static void a_draft_taken_up_is_not_offered_elsewhere(void **state)
{
	struct pty_term *a, *b;
	int status;

	(void)state;
	a = start();
	WAIT(a, "No open incidents.");
	type_call_and_hang_up(a, "Ana Example", "Printer prints ransom notes");
	assert_int_equal(wait_draft_holding("Printer prints ransom notes"), 0);

	a = start();
	WAIT(a, "You left text unsaved last time.");
	pty_send(a, "\r");
	WAIT(a, "Printer prints ransom notes");
	b = start();
	WAIT(b, "No open incidents.");
	/* n opens a new call: no offer stands in the way. */
	pty_send(b, "n");
	WAIT(b, "Intake: log the call: new incident");
	GONE(b, "You left text unsaved last time.");
	pty_send(b, "\x1b");
	WAIT(b, "No open incidents.");
	pty_send(b, "q");
	assert_int_equal(pty_wait_exit(b, TIMEOUT_MS, &status), 0);
	pty_free(b);

	/* Quit with it kept: the next session offers it again. */
	pty_send(a, "\x03");
	WAIT(a, "Quit? They are kept as a draft");
	pty_send(a, "y");
	assert_int_equal(pty_wait_exit(a, TIMEOUT_MS, &status), 0);
	pty_free(a);
	b = start();
	WAIT(b, "You left text unsaved last time.");
	WAIT(b, ": Ana Example");
	pty_send(b, "\x1b");
	WAIT(b, "No open incidents.");
	pty_send(b, "q");
	assert_int_equal(pty_wait_exit(b, TIMEOUT_MS, &status), 0);
	pty_free(b);
}

/* A box that had to scroll fills again from its end once text above
 * the end is removed: no line stays scrolled out of a box with room. */
static void a_box_fills_again_when_lines_go(void **state)
{
	struct pty_term *t;

	(void)state;
	t = start();
	WAIT(t, "No open incidents.");
	pty_send(t, "n");
	WAIT(t, "Intake: log the call: new incident");
	pty_send(t, "Ana\t\t\tline one\rline two\rline three\rline four");
	WAIT(t, "line four");
	GONE(t, "line one");
	/* The last line cut and joined to the one above: three lines. */
	pty_send(t, "\x15\x7f");
	GONE(t, "line four");
	WAIT(t, "line one");
	pty_send(t, "\033");
	WAIT(t, "Leave this form and lose what was typed?");
	pty_send(t, "y");
	WAIT(t, "No open incidents.");
	quit(t);
}

/* The closing screen's list says when there is more of it above or
 * below, and each item stands whole (over two rows if it must). */
static void closing_says_what_is_above_and_below(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("Closing list");
	t = start();
	WAIT(t, "Closing list");
	pty_send(t, "\rx");
	WAIT(t, "(more below: Down)");
	pty_send(t, "G");
	WAIT(t, "(more above: Up)");
	pty_send(t, "g");
	WAIT(t, "(more below: Down)");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* @ on the steps says when the next mark happened, if earlier: the
 * step keeps it beside when it was marked, and the timeline says both. */
static void a_step_done_earlier_than_marked(void **state)
{
	char ref[32], *json;
	const char *r = first_ref(ref, sizeof(ref));
	const char *procedure[] = {"procedure", r, "active-intrusion", NULL};
	struct pty_term *t;

	(void)state;
	log_incident("Done at night");
	sirt_ok(procedure);
	t = start();
	WAIT(t, "Done at night");
	pty_send(t, "\rs");
	WAIT(t, "Steps 0/14: Active intrusion");
	pty_send(t, "@");
	WAIT(t, "When? (03:05, -35m");
	pty_send(t, "in a while\r");
	WAIT(t, "\"in a while\": ");
	/* What was typed comes back to be corrected. */
	pty_send(t, "@\x15-2h\r");
	WAIT(t, "The next mark is for ");
	pty_send(t, "d");
	WAIT(t, "Steps 1/14");
	/* For that mark alone. */
	GONE(t, "The next mark is for ");
	/* The step says when it was done, and when it was marked. */
	pty_send(t, "k");
	WAIT(t, "done by ");
	WAIT(t, "(logged ");
	pty_send(t, "q");
	quit_from_incident(t);
	json = first_incident_json();
	/* The step and its timeline entry. */
	assert_non_null(strstr(strstr(json, "\"happened_at\": \"20") + 1, "\"happened_at\": \"20"));
	free(json);
	{
		const char *show[] = {"show", r, NULL};
		int status;
		char *text = run_sirt(show, &status);

		assert_non_null(strstr(text, "(logged "));
		free(text);
	}
}

/* @ on the call list: the next call logged keeps when it was made. */
static void a_call_made_earlier_than_logged(void **state)
{
	struct pty_term *t;
	const char *show[] = {"show", "IR-2026-0001", "--format", "json", NULL};
	char *json;
	int status;

	(void)state;
	setenv("SIRT_TEST_NOW", "2026-11-22T10:00:00Z", 1);
	log_incident("Called at night");
	t = start_env(24, 80, "xterm-256color", "SIRT_TEST_NOW=2026-11-22T10:00:00Z");
	WAIT(t, "Called at night");
	pty_send(t, "\re");
	WAIT(t, "Escalation calls: ");
	pty_send(t, "@-40m\r");
	WAIT(t, "The next call is for 2026-11-22 09:20 UTC");
	pty_send(t, "r");
	WAIT(t, "Call to ");
	pty_send(t, "\x13");
	WAIT(t, "Call logged");
	/* For that call alone. */
	WAIT(t, "Call in order until someone is reached.");
	/* When it was made, and when it was logged, said once. */
	WAIT(t, "at 2026-11-22 09:20 UTC (logged 10:00 UTC by ");
	WAIT(t, "Made at: 2026-11-22 09:20 UTC (logged 10:00 UTC)");
	/* Who logged it, and no third time. */
	WAIT(t, "Added by ");
	assert_int_equal(pty_wait_gone(t, "at 2026-11-22 10:00", 0), 0);
	pty_send(t, "q");
	/* The incident's calls: when it was made leads. The incident view
	 * first (the calls screen said the same on one line), then its call,
	 * whose "(logged ...)" wraps where the login's length puts it. */
	WAIT(t, "Lead details  (l: edit)");
	WAIT(t, "2026-11-22 09:20 UTC ");
	WAIT(t, "(logged");
	WAIT(t, "10:00 UTC)");
	quit_from_incident(t);
	json = run_sirt(show, &status);
	assert_non_null(strstr(json, "\"happened_at\": \"2026-11-22T09:20:00Z\""));
	free(json);
	unsetenv("SIRT_TEST_NOW");
}

/* @ on the steps is for the next step taken: with no procedure, a step
 * recorded (a) takes it; a note (e) is written now, and neither uses nor
 * clears it. Each step says when it was done and when it was logged. */
static void a_pending_time_goes_to_the_next_step_taken(void **state)
{
	const char *procedure[] = {"procedure", "IR-2026-0001", "none", NULL};
	const char *show[] = {"show", "IR-2026-0001", NULL};
	const char *note = "Note on step: Called the ISP: asked them to call back";
	struct pty_term *t;
	char *text, *at;
	int status;

	(void)state;
	setenv("SIRT_TEST_NOW", "2026-11-22T10:00:00Z", 1);
	log_incident("Steps taken at night");
	sirt_ok(procedure);
	t = start_env(24, 80, "xterm-256color", "SIRT_TEST_NOW=2026-11-22T10:00:00Z");
	WAIT(t, "Steps taken at night");
	pty_send(t, "\rs");
	WAIT(t, "Steps 0/0: No procedure applies");
	pty_send(t, "@-20m\r");
	WAIT(t, "The next mark or step is for 2026-11-22 09:40 UTC");
	pty_send(t, "a");
	WAIT(t, "What did the team do?");
	pty_send(t, "Called the ISP\r");
	WAIT(t, "Step recorded.");
	GONE(t, "The next mark or step is for");
	WAIT(t, "at 2026-11-22 09:40 UTC (logged 10:00 UTC)");
	/* A note is written now: the time said waits for the next step. */
	pty_send(t, "@-10m\r");
	WAIT(t, "The next mark or step is for 2026-11-22 09:50 UTC");
	pty_send(t, "e");
	WAIT(t, "Note on this step");
	pty_send(t, "asked them to call back\r");
	WAIT(t, "Note saved.");
	WAIT(t, "at 2026-11-22 09:40 UTC (logged 10:00 UTC): asked");
	WAIT(t, "The next mark or step is for 2026-11-22 09:50 UTC");
	pty_send(t, "a");
	WAIT(t, "What did the team do?");
	pty_send(t, "Blocked the sender\r");
	WAIT(t, "Step recorded.");
	GONE(t, "The next mark or step is for");
	WAIT(t, "at 2026-11-22 09:50 UTC (logged 10:00 UTC)");
	pty_send(t, "q");
	quit_from_incident(t);
	/* On the timeline the note stands when it was written, after the
	 * step it is on. */
	text = run_sirt(show, &status);
	at = strstr(text, note);
	if (!at || at[strlen(note)] != '\n')
		fail_msg("the note is not on the timeline as written at 10:00:\n%s", text);
	assert_non_null(strstr(text, "  2026-11-22 09:40 UTC      "));
	assert_true(strstr(text, "Step done: Called the ISP") < at);
	free(text);
	unsetenv("SIRT_TEST_NOW");
}

/* No row of the screen from row first to row last holds "…". */
static void nothing_cut(struct pty_term *t, int first, int last)
{
	for (int r = first; r <= last; r++) {
		char *row = pty_row_text(t, r);

		if (row && strstr(row, "…"))
			fail_msg("row %d is cut: %s", r, row);
		free(row);
	}
}

/* Plan B with the lead's role for everyone (its paths made absolute),
 * written to HOME/plan-b-lead.ini; path gets its name. */
static void plan_b_for_a_lead(char *path, size_t size)
{
	const char *src = getenv("SIRT_SOURCE_DIR") ? getenv("SIRT_SOURCE_DIR") : ".";
	char cmd[2048];

	snprintf(path, size, "%s/plan-b-lead.ini", home);
	snprintf(cmd, sizeof(cmd),
		 "sed -e 's|^default = reviewer|default = lead|' -e 's|^restoration = |restoration = %s/data/|'"
		 " -e 's|^forms = ../forms|forms = %s/forms|' -e 's|^procedures = procedures|procedures = %s/data/procedures|'"
		 " '%s/data/plan-b.ini' > '%s'",
		 src, src, src, src, path);
	assert_int_equal(system(cmd), 0);
}

/* The call list at 80x23 shows every role of both sample plans whole,
 * with the calls made to each; Enter reads the selected contact whole:
 * every way to reach them and each call made to them with its note. */
static void every_role_whole_and_a_contact_read_whole(void **state)
{
	char ref[32], config[512];
	const char *r = first_ref(ref, sizeof(ref));
	const char *deputy[] = {"call", r, "deputy", "--outcome", "message", "--note",
				"asked her to call back after the board meeting at eleven", NULL};
	const char *manager[] = {"call", r, "manager", "--outcome", "no-answer", NULL};
	const char *args[] = {"--config", config, NULL};
	const char *b_new[] = {"--config", config, "new", "--set", "caller_name=Priya Raman", "--set", "nature=x",
			       "--set", "title=Customer VMs scanning out", NULL};
	const char *b_csm[] = {"--config", config, "call", "SEC-2026-0001", "csm", "--outcome", "message", NULL};
	const char *b_vp[] = {"--config", config, "call", "SEC-2026-0001", "manager", "--outcome", "wrong-number", NULL};
	struct pty_term *t;

	(void)state;
	log_incident("Roles whole");
	sirt_ok(deputy);
	sirt_ok(manager);
	t = start_env(23, 80, "xterm-256color", NULL);
	WAIT(t, "Roles whole");
	pty_send(t, "\re");
	WAIT(t, "Escalation calls: ");
	WAIT(t, "Calls, last");
	WAIT(t, "Incident Response Lead");
	WAIT(t, "Deputy lead");
	WAIT(t, "Network operations");
	WAIT(t, "IT director (management)");
	WAIT(t, "1, left a message");
	WAIT(t, "1, no answer");
	nothing_cut(t, 3, 7);
	/* On the deputy, called once: read whole. */
	pty_send(t, "gj\r");
	WAIT(t, "Amara Okafor, Deputy lead");
	WAIT(t, "Phone: +1 555 0102");
	WAIT(t, "E-mail: amara.okafor@example.org");
	WAIT(t, "Contact deputy, 2 of 4 in the escalation order");
	WAIT(t, "Calls made to them:");
	WAIT(t, "asked her to call back after the board meeting at eleven");
	pty_send(t, "q");
	WAIT(t, "Escalation calls: ");
	/* Lena, never called and with no phone: said so. */
	pty_send(t, "j\r");
	WAIT(t, "Phone: none given");
	WAIT(t, "No call made to them yet.");
	pty_send(t, "q");
	WAIT(t, "Escalation calls: ");
	pty_send(t, "q");
	quit_from_incident(t);

	/* At 60x16 every contact is listed above the calls made, each role
	 * whole: the calls made to each give way. */
	t = start_env(16, 60, "xterm-256color", NULL);
	WAIT(t, "Roles whole");
	pty_send(t, "\re");
	WAIT(t, "Escalation calls: ");
	WAIT(t, "José Álvarez");
	WAIT(t, "IT director (management)");
	WAIT(t, "Incident Response Lead");
	nothing_cut(t, 3, 7);
	pty_send(t, "q");
	quit_from_incident(t);

	/* Plan B's roles are longer; its incidents in a database of their own. */
	snprintf(db, sizeof(db), "%s/plan-b.db", home);
	plan_b_for_a_lead(config, sizeof(config));
	sirt_ok(b_new);
	sirt_ok(b_csm);
	sirt_ok(b_vp);
	t = start_args(23, 80, "xterm-256color", NULL, args);
	WAIT(t, "SEC-2026-0001");
	pty_send(t, "\re");
	WAIT(t, "Escalation calls: ");
	WAIT(t, "Cloud operations on call");
	WAIT(t, "Customer success manager");
	WAIT(t, "VP Engineering (management)");
	WAIT(t, "1, left a message");
	WAIT(t, "1, wrong number");
	nothing_cut(t, 3, 7);
	pty_send(t, "q");
	quit_from_incident(t);
}

/* The procedure picker wraps the summary into the rows under the list;
 * v reads the procedure whole (its steps too), and a summary too long
 * for its rows says so. */
static void a_procedure_summary_wrapped_and_read_whole(void **state)
{
	struct pty_term *t;
	char config[400], cmd[2400], summary[1000];
	const char *args[] = {"--config", config, NULL};
	size_t n = 0;

	(void)state;
	log_incident("Failed service");
	t = start_env(23, 80, "xterm-256color", NULL);
	WAIT(t, "Failed service");
	pty_send(t, "\rp");
	WAIT(t, "The procedure that fits");
	pty_send(t, "3");
	WAIT(t, "possibly an attack.");
	pty_send(t, "G");
	WAIT(t, "The team records each step it takes;");
	nothing_cut(t, 2, 20);
	pty_send(t, "q");
	WAIT(t, "Status: ");
	quit_from_incident(t);

	t = start_env(16, 60, "xterm-256color", NULL);
	WAIT(t, "Failed service");
	pty_send(t, "\rp");
	WAIT(t, "The procedure that fits");
	pty_send(t, "3");
	WAIT(t, "possibly an attack.");
	nothing_cut(t, 2, 13);
	pty_send(t, "v");
	WAIT(t, "13 steps:");
	WAIT(t, "(more below: Down, PgDn)");
	pty_send(t, "q");
	WAIT(t, "The procedure that fits");
	pty_send(t, "q");
	WAIT(t, "Status: ");
	quit_from_incident(t);

	/* A summary longer than the rows there are at 60x16. */
	for (int i = 0; i < 120; i++)
		n += (size_t)snprintf(summary + n, sizeof(summary) - n, "w%d ", i);
	snprintf(summary + n, sizeof(summary) - n, "and the end");
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p '%s/procs' && sed 's|^summary = .*|summary = %s|' '%s/data/procedures/worm.ini' > '%s/procs/worm.ini'",
		 home, summary, getenv("SIRT_SOURCE_DIR") ? getenv("SIRT_SOURCE_DIR") : ".", home);
	assert_int_equal(system(cmd), 0);
	write_config(config, sizeof(config), "own.ini",
		     "[sirt]\nhotline = +1 555 0100\nprocedures = procs\n[categories]\ndata = Data\n");
	t = start_args(16, 60, "xterm-256color", NULL, args);
	WAIT(t, "Failed service");
	pty_send(t, "\rp");
	WAIT(t, "The procedure that fits");
	WAIT(t, "… more: v reads it whole.");
	GONE(t, "and the end");
	pty_send(t, "v");
	WAIT(t, "and the end");
	pty_send(t, "q");
	WAIT(t, "The procedure that fits");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* With no deadline applying, the deadlines screen says why whole at
 * 60x16. */
static void no_deadline_said_whole(void **state)
{
	struct pty_term *t;

	(void)state;
	log_incident("No deadline");
	t = start_env(16, 60, "xterm-256color", NULL);
	WAIT(t, "No deadline");
	pty_send(t, "\rn");
	WAIT(t, "No deadline applies (yet)");
	WAIT(t, "e.g. the lead details.");
	nothing_cut(t, 2, 13);
	pty_send(t, "q");
	quit_from_incident(t);
}

/* At 60x16 what the list, the category picker, the call list and the
 * evidence register say of themselves wraps whole into the rows there
 * are; the call list keeps the 24/7 number whole. */
static void narrow_screens_say_their_notices_whole(void **state)
{
	struct pty_term *t;

	(void)state;
	t = start_env(16, 60, "xterm-256color", NULL);
	WAIT(t, "closed ones.");
	nothing_cut(t, 2, 13);
	quit(t);
	log_incident("Narrow");
	t = start_env(16, 60, "xterm-256color", NULL);
	WAIT(t, "Narrow");
	pty_send(t, "\rc");
	WAIT(t, "is marked.");
	nothing_cut(t, 1, 13);
	pty_send(t, "\x1b");
	WAIT(t, "Status: ");
	pty_send(t, "e");
	WAIT(t, "Security office 24/7: +1 555 0100");
	WAIT(t, "selected contact.");
	nothing_cut(t, 1, 13);
	pty_send(t, "q");
	WAIT(t, "Status: ");
	pty_send(t, "v");
	WAIT(t, "its hash.");
	nothing_cut(t, 1, 13);
	pty_send(t, "q");
	quit_from_incident(t);
}

/* A deadline met late says by how much on screen (test builds: the
 * clock moves): due 2026-11-23 10:00, told 2026-11-25 13:00. */
static void a_deadline_met_late_says_by_how_much(void **state)
{
	char ref[32];
	const char *lead[] = {"set", NULL, "lead", "cloud_api_data=yes", "business_critical=no", "severity=medium", NULL};
	const char *met[] = {"deadline", "met", NULL, "cloud-provider", "--how", "email", NULL};
	const char *args[] = {NULL};
	struct pty_term *t;

	(void)state;
	setenv("SIRT_TEST_NOW", "2026-11-22T10:00:00Z", 1);
	log_incident("Told late");
	snprintf(ref, sizeof(ref), "IR-2026-0001");
	lead[1] = met[2] = ref;
	sirt_ok(lead);
	setenv("SIRT_TEST_NOW", "2026-11-25T13:00:00Z", 1);
	sirt_ok(met);
	t = start_args(24, 80, "xterm-256color", "SIRT_TEST_NOW=2026-11-25T13:00:00Z", args);
	WAIT(t, "Told late");
	pty_send(t, "\r");
	/* The incident view's deadlines. */
	WAIT(t, "met late");
	WAIT(t, "UTC, 2d 3h late, by ");
	pty_send(t, "n");
	WAIT(t, "Notifications and deadlines: ");
	/* The row, then the detail below. */
	WAIT(t, "met 2d 3h late by ");
	WAIT(t, "Met 2026-11-25 13:00 UTC (2d 3h late) by ");
	pty_send(t, "q");
	quit_from_incident(t);
	unsetenv("SIRT_TEST_NOW");
}

/* d on a regime's stage: its draft, filled from the record, with how
 * many items are missing; edited, then ^S records it as sent with how and
 * the reference, the edited text kept with it. At 80x24 and 80x23. */
static void draft_edited_and_recorded_as_sent(int rows)
{
	char config[400];
	const char *r = "IR-2026-0001";
	const char *args[] = {"--config", config, NULL};
	const char *decide[] = {"--config", config, "decide", r, "classified-major", "--why", "payroll down",
				"--at", "2026-11-22T09:00:00Z", NULL};
	const char *show[] = {"--config", config, "show", r, "--format", "json", NULL};
	struct pty_term *t;
	int status;
	char *json;

	setenv("SIRT_TEST_NOW", "2026-11-22T10:00:00Z", 1);
	write_config(config, sizeof(config), "regimes.ini",
		     "[sirt]\nhotline = +1 555 0100\ntimezone = UTC\nregimes = nis2\n[categories]\ndata = Data\n");
	log_incident("Payroll down");
	free(run_sirt(decide, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
	t = start_args(rows, 80, "xterm-256color", "SIRT_TEST_NOW=2026-11-22T10:00:00Z", args);
	WAIT(t, "Payroll down");
	pty_send(t, "\rn");
	WAIT(t, "Notifications and deadlines: ");
	WAIT(t, "d Draft");
	pty_send(t, "d");
	WAIT(t, "Draft of nis2.early-warning: IR-2026-0001");
	WAIT(t, "2 items still missing: listed at the end.");
	WAIT(t, "DRAFT of nis2.early-warning: Early warning");
	WAIT(t, "^S Sent");
	/* Typed at the top of the draft, then down to the end. */
	pty_send(t, "Edited by hand. ");
	WAIT(t, "Edited by hand. DRAFT of");
	pty_send(t, "\x13");
	/* Its by-hand items still read [to be written]: asked first; no
	 * goes back to the draft as it was. */
	WAIT(t, "The draft still has 2 gaps: [to be written] or [missing].");
	WAIT(t, "Record it as sent as it stands?");
	pty_send(t, "n");
	WAIT(t, "Edited by hand. DRAFT of");
	pty_send(t, "\x13");
	WAIT(t, "Record it as sent as it stands?");
	pty_send(t, "y");
	WAIT(t, "How was this sent to CSIRT or competent authority?");
	pty_send(t, "\r");
	/* Who sent it to whom, the right way round. */
	WAIT(t, "Sent to CSIRT or competent authority by email");
	WAIT(t, "The authority's reference");
	pty_send(t, "CSIRT-87\r");
	WAIT(t, "Recorded: CSIRT or competent authority was sent the draft (nis2.early-warning).");
	WAIT(t, "Notifications and deadlines: ");
	WAIT(t, "by email, ref. CSIRT-87.");
	/* Enter reads it whole, with the text that was sent. */
	pty_send(t, "\r");
	WAIT(t, "The text sent (");
	WAIT(t, "Edited by hand. DRAFT of nis2.early-warning: Early warning");
	pty_send(t, "q");
	WAIT(t, "Notifications and deadlines: ");
	/* Sent already: the draft says so, and ^S asks nothing. */
	pty_send(t, "d");
	WAIT(t, "Recorded as sent already: Enter on the deadline reads what was sent.");
	pty_send(t, "\x13");
	WAIT(t, "nis2.early-warning was recorded as sent already; nothing more to record.");
	GONE(t, "How was this sent");
	pty_send(t, "\033");
	WAIT(t, "Notifications and deadlines: ");
	pty_send(t, "q");
	quit_from_incident(t);
	json = run_sirt(show, &status);
	assert_non_null(strstr(json, "Edited by hand. DRAFT of nis2.early-warning: Early warning"));
	free(json);
	unsetenv("SIRT_TEST_NOW");
}

static void draft_recorded_as_sent_80x24(void **state)
{
	(void)state;
	draft_edited_and_recorded_as_sent(24);
}

static void draft_recorded_as_sent_80x23(void **state)
{
	(void)state;
	draft_edited_and_recorded_as_sent(23);
}

/* A plan with NIS2, an incident classified major: the notifications
 * screen names each stage as a responder says it ("NIS2: Early warning"),
 * not two rows of the same party; the detail says whom to tell without
 * an empty address ("at -"), and m asks how that stage's party was
 * told. */
static void stages_named_on_notifications(int rows)
{
	char config[400];
	const char *r = "IR-2026-0001";
	const char *args[] = {"--config", config, NULL};
	const char *decide[] = {"--config", config, "decide", r, "classified-major", "--why", "payroll down",
				"--at", "2026-11-22T09:00:00Z", NULL};
	struct pty_term *t;
	int status;
	char *screen;

	setenv("SIRT_TEST_NOW", "2026-11-22T10:00:00Z", 1);
	write_config(config, sizeof(config), "regimes.ini",
		     "[sirt]\nhotline = +1 555 0100\ntimezone = UTC\nregimes = nis2\n[categories]\ndata = Data\n");
	log_incident("Payroll down");
	free(run_sirt(decide, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
	t = start_args(rows, 80, "xterm-256color", "SIRT_TEST_NOW=2026-11-22T10:00:00Z", args);
	WAIT(t, "Payroll down");
	pty_send(t, "\r");
	/* The incident view: a stage has no address, so no ", " after its
	 * due. */
	WAIT(t, "nis2.incident-notification");
	pty_settle(t, 100, 1000);
	screen = pty_screen_text(t);
	assert_null(strstr(screen, "UTC,"));
	free(screen);
	pty_send(t, "n");
	WAIT(t, "Notifications and deadlines: ");
	assert_int_equal(wait_row(t, 3, "NIS2: Early warning", TIMEOUT_MS), 0);
	assert_int_equal(wait_row(t, 4, "NIS2: Incident notification", TIMEOUT_MS), 0);
	WAIT(t, "NIS2: Early warning: tell CSIRT or competent authority (nis2.early-warning).");
	/* The bar as on every screen: the work, then help, then the way out. */
	assert_int_equal(wait_row(t, rows - 1, "m Met  d Draft  ? Help  q Back", TIMEOUT_MS), 0);
	screen = pty_screen_text(t);
	assert_null(strstr(screen, " at -"));
	free(screen);
	pty_send(t, "jm");
	WAIT(t, "How was CSIRT or competent authority told (NIS2: Incident notification)?");
	pty_send(t, "q");
	WAIT(t, "Notifications and deadlines: ");
	pty_send(t, "q");
	quit_from_incident(t);
	unsetenv("SIRT_TEST_NOW");
}

static void stages_named_80x24(void **state)
{
	(void)state;
	stages_named_on_notifications(24);
}

static void stages_named_80x23(void **state)
{
	(void)state;
	stages_named_on_notifications(23);
}

/* The notifications screen lists as sirt deadlines does: what is still
 * to be told first, soonest due first, whatever order the plan names
 * its regimes in; a stage met goes below. At 80x24 and 80x23. */
static void notifications_soonest_first(void **state)
{
	char config[400];
	const char *r = "IR-2026-0001";
	const char *args[] = {"--config", config, NULL};
	const char *decide[] = {"--config", config, "decide", r, "classified-major", "--why", "payroll down",
				"--at", "2026-11-22T09:00:00Z", NULL};
	const char *met[] = {"--config", config, "deadline", "met", r, "nis2.early-warning", "--how", "portal", NULL};
	const int sizes[] = {24, 23};
	/* Then with the early warning met. */
	const char *const rows[][3] = {
		{"open      NIS2: Early warning", "NIS2: Incident notification", "GDPR: Notification of a"},
		{"NIS2: Incident notific", "GDPR: Notification of a", "met       NIS2: Early warning"},
	};
	int status;

	(void)state;
	setenv("SIRT_TEST_NOW", "2026-11-22T10:00:00Z", 1);
	/* GDPR's 72 hours from the call (10:00) end after NIS2's 24 and 72
	 * from the decision (09:00), though the plan names GDPR first. */
	write_config(config, sizeof(config), "regimes.ini",
		     "[sirt]\nhotline = +1 555 0100\ntimezone = UTC\nregimes = gdpr, nis2\n[categories]\ndata = Data\n");
	log_incident("Payroll down");
	free(run_sirt(decide, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct pty_term *t = start_args(sizes[i], 80, "xterm-256color", "SIRT_TEST_NOW=2026-11-22T10:00:00Z", args);

		WAIT(t, "Payroll down");
		pty_send(t, "\rn");
		WAIT(t, "Notifications and deadlines: ");
		for (int k = 0; k < 3; k++)
			assert_int_equal(wait_row(t, 3 + k, rows[i][k], TIMEOUT_MS), 0);
		pty_send(t, "q");
		quit_from_incident(t);
		if (i == 0) {
			free(run_sirt(met, &status));
			assert_int_equal(WEXITSTATUS(status), 0);
		}
	}
	unsetenv("SIRT_TEST_NOW");
}

/* A plan whose NIS2 clocks wait on a decision, an incident not yet
 * classified: the footer at 80 columns has no room for D, so the
 * deadlines' heading at the top of the incident view names it, and D
 * opens the decisions, at 80x24 and 80x23. */
static void deadlines_heading_names_d(void **state)
{
	char config[400];
	const char *args[] = {"--config", config, NULL};
	const int sizes[] = {24, 23};

	(void)state;
	write_config(config, sizeof(config), "regimes.ini",
		     "[sirt]\nhotline = +1 555 0100\ntimezone = UTC\nregimes = nis2\n[categories]\ndata = Data\n");
	log_incident("Not classified yet");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct pty_term *t = start_args(sizes[i], 80, "xterm-256color", NULL, args);

		WAIT(t, "Not classified yet");
		pty_send(t, "\r");
		WAIT(t, "Status: new");
		WAIT(t, "Deadlines  (n: who must be told by when; D: decide)");
		pty_send(t, "D");
		WAIT(t, "Decisions: IR-2026-0001");
		WAIT(t, "n Add");
		pty_send(t, "q");
		WAIT(t, "Status: new");
		quit_from_incident(t);
	}
}

/* A deadline met: its row says by whom and how whole at 80x23, the
 * party's column giving way (the pane below names the party whole). */
static void deadline_party_gives_way(void **state)
{
	char ref[32];
	const char *r = first_ref(ref, sizeof(ref));
	const char *lead[] = {"set", r, "lead", "cloud_api_data=yes", "business_critical=no", "severity=medium", NULL};
	const char *met[] = {"deadline", "met", r, "cloud-provider", "--how", "email", NULL};
	struct pty_term *t;

	(void)state;
	log_incident("Met in time");
	sirt_ok(lead);
	sirt_ok(met);
	t = start_env(23, 80, "xterm-256color", NULL);
	WAIT(t, "Met in time");
	pty_send(t, "\rn");
	WAIT(t, "Notifications and deadlines: ");
	/* Once "met by root (emai…". */
	assert_int_equal(wait_row(t, 3, "(email)", TIMEOUT_MS), 0);
	WAIT(t, "Tell Cloud provider security team at security@cloud.example.org");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* At 60x16 a met deadline's detail does not fit: it says so, and Enter
 * reads the deadline whole. */
static void a_deadline_read_whole_at_60x16(void **state)
{
	char ref[32];
	const char *r = first_ref(ref, sizeof(ref));
	const char *lead[] = {"set", r, "lead", "cloud_api_data=yes", "business_critical=no", "severity=medium", NULL};
	const char *met[] = {"deadline", "met", r, "cloud-provider", "--how", "email", "--reference",
			     "case 2026-4471 opened with the provider's security desk, answer promised by noon", NULL};
	struct pty_term *t;

	(void)state;
	log_incident("Told the provider");
	sirt_ok(lead);
	sirt_ok(met);
	t = start_env(16, 60, "xterm-256color", NULL);
	WAIT(t, "Told the provider");
	pty_send(t, "\rn");
	WAIT(t, "Notifications and deadlines: ");
	WAIT(t, "… more: Enter reads it whole.");
	GONE(t, "promised by noon.");
	pty_send(t, "\r");
	WAIT(t, "promised by noon.");
	WAIT(t, "security@cloud.example.org");
	pty_send(t, "q");
	WAIT(t, "Notifications and deadlines: ");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* Enter on an item of evidence reads it whole with its chain of custody
 * and its verifications, none of them cut, as the incident view has
 * them. */
static void evidence_read_whole_with_its_custody(void **state)
{
	char ref[32], path[400], expected[65];
	const char *r = first_ref(ref, sizeof(ref));
	const char *add[] = {"evidence", "add", r, "--file", path, "--description", "auth.log of fs01",
			     "--location", "Forensics lab, locker 7", NULL};
	const char *first[] = {"custody", r, "1", "--to", "Lena Fischer", "--purpose",
			       "analysis of the failed logins over the whole night of the incident", "--location",
			       "Forensics lab, bench 2", NULL};
	const char *second[] = {"custody", r, "1", "--to", "Evidence locker", "--purpose",
				"storage until the police collect it for the prosecution", "--location",
				"Forensics lab, locker 7", NULL};
	const char *third[] = {"custody", r, "1", "--to", "Amara Okafor", "--purpose",
			       "second opinion on the timeline reconstruction", NULL};
	const char *verify[] = {"evidence", "verify", r, "1", NULL};
	struct pty_term *t;
	int status;
	FILE *f;

	(void)state;
	log_incident("Custody whole");
	write_log(path, sizeof(path), expected);
	sirt_ok(add);
	sirt_ok(first);
	sirt_ok(second);
	sirt_ok(third);
	sirt_ok(verify);
	/* Altered since: the next verification finds another hash. */
	f = fopen(path, "a");
	assert_non_null(f);
	fputs("Nov 22 03:00:00 fs01 sshd[9999]: Accepted password for mallory\n", f);
	fclose(f);
	free(run_sirt(verify, &status));
	t = start_env(23, 80, "xterm-256color", NULL);
	WAIT(t, "Custody whole");
	pty_send(t, "\rv");
	WAIT(t, "… Enter: all");
	pty_send(t, "\r");
	WAIT(t, "Custody and verification:");
	/* Each hand-over and verification is in it, wherever it wraps. */
	for (const char *word[] = {"night", "prosecution", "reconstruction", "match", "mismatch", NULL}, **w = word; *w;
	     w++) {
		char find[64], found[64];

		snprintf(find, sizeof(find), "/\x15%s\r", *w);
		snprintf(found, sizeof(found), "\"%s\": on row ", *w);
		pty_send(t, find);
		WAIT(t, found);
	}
	WAIT(t, "mismatch, found");
	pty_send(t, "q");
	WAIT(t, "… Enter: all");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* An item recorded although it changed while it was hashed (--changing;
 * /proc/version says it has 0 bytes and gives more, every time) is
 * marked so on the screen, in the item read whole. */
static void evidence_changed_while_hashed_is_marked(void **state)
{
	char ref[32];
	const char *r = first_ref(ref, sizeof(ref));
	const char *add[] = {"evidence", "add", r, "--file", "/proc/version", "--description", "kernel banner",
			     "--changing", NULL};
	struct pty_term *t;

	(void)state;
	log_incident("Changing evidence");
	sirt_ok(add);
	t = start_env(23, 80, "xterm-256color", NULL);
	WAIT(t, "Changing evidence");
	pty_send(t, "\rv");
	WAIT(t, "1. other: kernel banner");
	pty_send(t, "\r");
	WAIT(t, "Custody and verification:");
	WAIT(t, "CHANGED while it was hashed: ");
	WAIT(t, "bytes were read of the 0 it had");
	pty_send(t, "q");
	WAIT(t, "1. other: kernel banner");
	pty_send(t, "q");
	quit_from_incident(t);
}

/* Another operator saved a long text into the field being edited: the
 * conflict screen says the two are cut, and v reads both whole. */
static void a_long_conflict_read_whole(void **state)
{
	char ref[32], theirs[700];
	const char *set[] = {"set", first_ref(ref, sizeof(ref)), "intake", theirs, NULL};
	struct pty_term *t;
	size_t n = (size_t)snprintf(theirs, sizeof(theirs), "nature=");

	(void)state;
	log_incident("Two narratives");
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(theirs + n, sizeof(theirs) - n, "seen%d ", i);
	snprintf(theirs + n, sizeof(theirs) - n, "and their last words");
	t = start_env(23, 80, "xterm-256color", NULL);
	WAIT(t, "Two narratives");
	pty_send(t, "\ri");
	WAIT(t, "Intake");
	pty_send(t, "\t\t\t");
	pty_send(t, " then the screens went dark");
	WAIT(t, "then the screens went dark");
	commit_beside(t, set);
	pty_send(t, "\x13");
	WAIT(t, "Changed meanwhile: ");
	WAIT(t, "(… v reads both whole)");
	GONE(t, "and their last words");
	pty_send(t, "v");
	WAIT(t, "and their last words");
	WAIT(t, "then the screens went dark");
	pty_send(t, "q");
	WAIT(t, "(… v reads both whole)");
	pty_send(t, "\r");
	WAIT(t, "Status: ");
	quit_from_incident(t);
}

/* The shift handover brief (h on the list) at 80x24 and at the status
 * line's 80x23: what it says, where it runs from, scrolled and searched,
 * how to leave it said; r records the handover, asking to whom, and the
 * brief then runs from it. */
static void handover_brief_read_and_recorded(void **state)
{
	const char *lead[] = {"set", "IR-2026-0001", "lead", "cloud_api_data=yes", "business_critical=no",
			      "severity=medium", NULL};
	const char *call[] = {"call", "IR-2026-0001", "lead", "--outcome", "no-answer", NULL};
	const char *show[] = {"show", "IR-2026-0001", NULL};
	const char *args[] = {NULL};
	int status;
	char *out;

	(void)state;
	setenv("SIRT_TEST_NOW", "2026-11-22T10:00:00Z", 1);
	log_incident("Cloud keys leaked");
	free(run_sirt(lead, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
	free(run_sirt(call, &status));
	assert_int_equal(WEXITSTATUS(status), 0);
	/* Enough incidents that the brief takes more than a screen. */
	for (int i = 0; i < 6; i++) {
		char title[64];

		snprintf(title, sizeof(title), "Laptop %d left on a train", i + 1);
		log_incident(title);
	}
	setenv("SIRT_TEST_NOW", "2026-11-23T05:00:00Z", 1);
	for (int rows = 24; rows >= 23; rows--) {
		const char *to = rows == 24 ? "dana" : "erin";
		struct pty_term *t = start_args(rows, 80, "xterm-256color", "SIRT_TEST_NOW=2026-11-23T05:00:00Z", args);
		char typed[64];

		WAIT(t, "Cloud keys leaked");
		/* The bar offers it. */
		assert_int_equal(wait_row(t, rows - 1, "h Handover", TIMEOUT_MS), 0);
		/* And the help says what it is. */
		pty_send(t, "?");
		WAIT(t, "The shift handover brief: what the next responder must know");
		pty_send(t, "q");
		WAIT(t, "Incidents: ");
		pty_send(t, "h");
		WAIT(t, "Shift handover (q: back to the list)");
		WAIT(t, "(more below: Down, PgDn)");
		if (rows == 24)
			WAIT(t, "since 24 hours ago: no handover recorded");
		else
			WAIT(t, "since the last handover, from ");
		/* The most pressing first: the clock due in 5 hours, indented
		 * under its heading. */
		assert_int_equal(wait_row(t, 7, "IR-2026-0001  new  Cloud keys leaked", TIMEOUT_MS), 0);
		assert_int_equal(wait_row(t, 9, "     5h left: Cloud provider security team (cloud-provider), due",
					  TIMEOUT_MS), 0);
		WAIT(t, "Escalation: nobody reached yet; not reached: Burak Kılınç; next:");
		/* Where to leave, and the recording key, in the bar. */
		assert_int_equal(wait_row(t, rows - 1, "r Hand over", TIMEOUT_MS), 0);
		assert_int_equal(wait_row(t, rows - 1, "q Back", TIMEOUT_MS), 0);
		/* Found further down, and the end read. */
		pty_send(t, "/");
		WAIT(t, "Find (words or their starts):");
		pty_send(t, "laptop 5\r");
		WAIT(t, "\"laptop 5\": on row ");
		assert_int_equal(wait_row(t, 3, "IR-2026-0006  new  Laptop 5 left on a train", TIMEOUT_MS), 0);
		/* The quiet ones last, the oldest at the end. */
		pty_send(t, "G");
		WAIT(t, "(more above: Up, PgUp)");
		WAIT(t, "IR-2026-0002  new  Laptop 1 left on a train");
		/* Recorded: to whom, with a note. */
		pty_send(t, "r");
		WAIT(t, "Hand over to (their login):");
		snprintf(typed, sizeof(typed), "%s\r", to);
		pty_send(t, typed);
		WAIT(t, "A note for them (optional):");
		pty_send(t, "watch the proxy\r");
		snprintf(typed, sizeof(typed), " to %s: on the timeline of 7 incidents.", to);
		WAIT(t, typed);
		/* The brief runs from it now, from the top. */
		snprintf(typed, sizeof(typed), "to %s at 2026-11-23 05:00", to);
		WAIT(t, typed);
		WAIT(t, "Since then: nothing new.");
		pty_send(t, "q");
		WAIT(t, "Incidents: ");
		quit(t);
	}
	out = run_sirt(show, &status);
	assert_non_null(strstr(out, " to dana: watch the proxy"));
	assert_non_null(strstr(out, " to erin: watch the proxy"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(whole_path, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(bad_input_is_kept_with_its_message, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(leaving_a_dirty_form_asks, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(resize_redraws_and_too_small_says_so, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(too_small_at_start_and_q_quits, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(malicious_title_never_reaches_the_terminal, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(filter_as_you_type_and_help, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(utf8_titles_align_in_columns, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(no_color_and_monochrome, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(read_only_refuses_before_typing, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(call_list_worked_to_the_third_contact, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_call_through_the_form, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(lead_details_with_a_bad_ip_corrected, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(change_refused_for_non_manager_then_approved, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(an_imported_approval_is_marked_as_imported, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_change_proposed_through_the_form, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(evidence_hashed_handed_over_and_verified, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(evidence_corrected_in_its_forms, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(free_steps_written_as_a_procedure, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_commit_elsewhere_mid_question_loses_nothing, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(report_written_and_closing_waits_for_the_review, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(customer_report_confirms_names_and_edits_its_own, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(plan_b_opens_with_its_own_plan, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(the_role_is_said_before_the_database, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_wrong_form_ends_the_screen_before_its_first_page, fresh_home,
						remove_home),
		cmocka_unit_test_setup_teardown(two_desks_see_each_other_and_choose, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(two_desks_mark_and_note_one_step, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(indicators_registered_and_seen_elsewhere, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_witness_through_the_form, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_finding_through_the_form, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_cost_line_through_the_form, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_decision_through_its_key, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(keys_of_another_terminal_are_understood, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_call_in_few_keys, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(report_preview_wraps_whole_words, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_step_read_whole_at_60x16, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_narrow_form_keeps_its_stars_and_help, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(ctrl_z_suspends_and_fg_comes_back, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(every_form_of_every_key_under_every_term, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(every_approved_change_on_the_step_that_needs_one, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_long_finding_read_whole, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_long_message_is_read_whole, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(lowering_a_category_asks_why, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_long_timeline_entry_read_whole, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_reviewer_is_not_offered_what_it_cannot_save, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(two_new_calls_kept_for_later_both_come_back, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_draft_taken_up_is_not_offered_elsewhere, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_form_with_required_answers_empty_is_not_saved, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_closed_incidents_draft_waits_for_its_reopening, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_box_fills_again_when_lines_go, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(closing_says_what_is_above_and_below, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_step_done_earlier_than_marked, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(every_role_whole_and_a_contact_read_whole, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_procedure_summary_wrapped_and_read_whole, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(no_deadline_said_whole, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(deadline_party_gives_way, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(deadlines_heading_names_d, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_deadline_read_whole_at_60x16, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(narrow_screens_say_their_notices_whole, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(evidence_read_whole_with_its_custody, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(evidence_changed_while_hashed_is_marked, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_long_conflict_read_whole, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(view_and_show_say_the_same, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(headings_offer_what_the_login_may, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(typing_survives_a_hangup_and_a_kill, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(an_unwise_place_is_said_on_screen, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_hangup_kept_by_the_session_leader, fresh_home, remove_home),
	};

	const struct CMUnitTest clock_tests[] = {
		cmocka_unit_test_setup_teardown(deadline_counts_down_goes_overdue_and_is_met, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_deadline_met_late_says_by_how_much, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(draft_recorded_as_sent_80x24, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(draft_recorded_as_sent_80x23, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(stages_named_80x24, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(stages_named_80x23, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(notifications_soonest_first, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(long_list_pages_by_key_and_idles_quietly, fresh_home, remove_home),
		/* SIRT_TEST_FAULT, too, is for test builds only. */
		cmocka_unit_test_setup_teardown(a_full_disk_keeps_the_intake, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_failing_disk_keeps_the_lead_details, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_finding_not_saved_stays_in_its_form, fresh_home, remove_home),
		/* SIRT_TEST_NOW and SIRT_TEST_SYSTEM_CONFIG as well. */
		cmocka_unit_test_setup_teardown(another_database_than_the_systems_is_said_loudly, fresh_home,
						remove_home),
		cmocka_unit_test_setup_teardown(a_call_made_earlier_than_logged, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(a_pending_time_goes_to_the_next_step_taken, fresh_home, remove_home),
		cmocka_unit_test_setup_teardown(handover_brief_read_and_recorded, fresh_home, remove_home),
	};
	int failed;

	setlocale(LC_ALL, "C.UTF-8");
	/* SIRT_E2E_ONLY=name runs one test (a glob), to chase a failure. */
	if (getenv("SIRT_E2E_ONLY"))
		cmocka_set_test_filter(getenv("SIRT_E2E_ONLY"));
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	/* These move the clock or inject faults, which only test builds allow. */
	if (getenv("SIRT_TEST_CLOCK"))
		failed += cmocka_run_group_tests(clock_tests, NULL, NULL);
	return failed;
}
