/* End-to-end: the hostile-text corpus (tests/hostile) in every field and
 * in the plan's names, then every screen of the real binary on a
 * pseudo-terminal, and the commands that print for a person. What the
 * emulator shows must be the visible form (^[, <U+202E>), the title must
 * never change, and every byte written must be printable text or an
 * escape sequence that ncurses draws with. Waits are for text, with a
 * timeout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../hostile/corpus.h"
#include "../pty/pty.h"

#define TIMEOUT_MS 15000
#define WAIT(t, text) assert_int_equal(pty_wait_text((t), (text), TIMEOUT_MS), 0)

static char dir[256], db[320], plan[320], ref[32];
/* Everything in a scratch directory; the plan is the hostile one. */
static const char *const env_names[][2] = {{"HOME=", ""}, {"XDG_DATA_HOME=", "/data"},
					   {"XDG_CONFIG_HOME=", "/config"}, {"SIRT_CONFIG=", "/plan.ini"}};
#define ENV_COUNT (sizeof(env_names) / sizeof(env_names[0]))
static char env[ENV_COUNT][340], env_data_dir[4200];
static struct corpus corpus;
/* The whole corpus as one value: multi-line, on one line, short enough
 * for a title, and fit for a customer's name. */
static char *full, *line, *title, *customer;

static const char *sirt_bin(void)
{
	return getenv("SIRT_BIN") ? getenv("SIRT_BIN") : "./sirt";
}

static char *cut(const char *s, size_t max)
{
	size_t len = strlen(s);

	if (len > max) {
		len = max;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	return strndup(s, len);
}

/* Every typeable entry joined by '|', the unterminated ones last so that
 * each field ends in one; with_long adds the 10 KB line. */
static char *corpus_joined(bool with_long)
{
	size_t cap = 1, len = 0;
	char *out;

	for (size_t i = 0; i < corpus.len; i++)
		cap += corpus.items[i].len + 1;
	out = calloc(1, cap);
	for (int unterminated = 0; unterminated < 2; unterminated++)
		for (size_t i = 0; i < corpus.len; i++) {
			const struct corpus_entry *e = &corpus.items[i];

			if (!corpus_typeable(e) || (strchr(e->flags, 'L') && !with_long) ||
			    (strstr(e->name, "unterminated") != NULL) != unterminated)
				continue;
			memcpy(out + len, e->text, e->len);
			len += e->len;
			out[len++] = '|';
		}
	out[len - 1] = '\0';
	return out;
}

static char *without(const char *s, const char *drop, char into)
{
	char *out = strdup(s), *w = out;

	for (const char *p = s; *p; p++)
		if (!strchr(drop, *p))
			*w++ = *p;
		else if (into)
			*w++ = into;
	*w = '\0';
	return out;
}

/* Runs the command line with args (NULL-terminated) and the hostile plan;
 * stdout into out (may be NULL). Returns the exit status. */
static int cli(const char *const args[], char *out, size_t size)
{
	int fds[2], status;
	pid_t pid;
	size_t len = 0;
	ssize_t n;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		const char *argv[40] = {sirt_bin(), "--db", db};
		int argc = 3;

		for (int i = 0; args[i] && argc < 39; i++)
			argv[argc++] = args[i];
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], out ? out + len : (char[256]){0}, out ? size - len - 1 : 256)) > 0)
		len += out ? (size_t)n : 0;
	close(fds[0]);
	if (out)
		out[len] = '\0';
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void record(const char *const args[])
{
	if (cli(args, NULL, 0) != 0) {
		fprintf(stderr, "sirt %s %s failed\n", args[0], args[1] ? args[1] : "");
		fail();
	}
}

/* data/plan-a.ini with the corpus in its names and numbers (quoted: INI
 * holds one line, no NUL, and a quoted value ends at its next quote), and
 * every role ours. */
static void write_plan(void)
{
	static const char *const hostile_keys[] = {"organisation", "hotline", "hotline_label", "name", "role",
						   "phone", "party", "address", "data", NULL};
	char path[512], text[1200], *value = cut(line, 900), *quoted = without(value, "\"", 0);
	FILE *in, *out;
	struct passwd *pw = getpwuid(getuid());

	snprintf(path, sizeof(path), "%s/data/plan-a.ini", getenv("SIRT_SOURCE_DIR"));
	assert_non_null(in = fopen(path, "r"));
	assert_non_null(out = fopen(plan, "w"));
	while (fgets(text, sizeof(text), in)) {
		bool replaced = false;

		for (int k = 0; hostile_keys[k] && !replaced; k++)
			if (strncmp(text, hostile_keys[k], strlen(hostile_keys[k])) == 0 &&
			    strncmp(text + strlen(hostile_keys[k]), " = ", 3) == 0) {
				fprintf(out, "%s = \"%s\"\n", hostile_keys[k], quoted);
				replaced = true;
			}
		if (!replaced && (strncmp(text, "leads = ", 8) == 0 || strncmp(text, "managers = ", 11) == 0))
			fprintf(out, "%.*s= %s\n", (int)(strchr(text, '=') - text), text, pw->pw_name);
		else if (!replaced)
			fputs(text, out);
	}
	fclose(in);
	fclose(out);
	free(value);
	free(quoted);
}

/* The corpus in every field of one incident, through the commands. */
static void record_everything(void)
{
	char set[8][2100], evidence[400];
	FILE *f;

	snprintf(set[0], sizeof(set[0]), "caller_name=%s", line);
	snprintf(set[1], sizeof(set[1]), "title=%s", title);
	{
		char *nature = malloc(strlen(full) + 8);
		const char *args[] = {"new", "--set", set[0], "--set", nature, "--set", set[1], NULL};

		sprintf(nature, "nature=%s", full);
		assert_int_equal(cli(args, ref, sizeof(ref)), 0);
		ref[strcspn(ref, "\n")] = '\0';
		free(nature);
	}
	snprintf(set[2], sizeof(set[2]), "target_system=%s", line);
	snprintf(set[3], sizeof(set[3]), "customers_affected=%s <soc@customer.example.org>", customer);
	snprintf(set[4], sizeof(set[4]), "cloud_api_data=%s", line);
	{
		const char *args[] = {"set", ref, "lead", "severity=high", "business_critical=yes", "cloud_api_data=yes",
				      set[2], set[3], "--note", set[4], NULL};
		record(args);
	}
	snprintf(set[5], sizeof(set[5]), "systems_targeted=%s", line);
	snprintf(set[6], sizeof(set[6]), "real=%s", line);
	{
		const char *args[] = {"set", ref, "triage", "real=real", "in_progress=yes", "type=other",
				      "business_impact=serious", "urgent=yes", set[5], "--note", set[6], NULL};
		record(args);
	}
	{
		char *how = malloc(strlen(full) + 20);
		const char *args[] = {"set", ref, "report", how, "category=x", "how_occurred=x", "attack_origin=x",
				      "response_plan=x", "actions_taken=x", "effective=yes", NULL};

		sprintf(how, "how_discovered=%s", full);
		record(args);
		sprintf(how, "lessons_learned=%s", full);
		{
			/* Every required answer of the review, the corpus in one. */
			const char *review[] = {"set", ref, "review", how, "policy_could_prevent=x", "policy_not_followed=x",
						"response_appropriate=x", "parties_informed=x", "procedures_adequate=x",
						"reinfection_prevented=x", "similar_prevented=x", "policies_updated=x", NULL};

			record(review);
		}
		free(how);
	}
	{
		const char *call[] = {"call", ref, "lead", "--outcome", "reached", "--note", line, NULL};
		const char *change[] = {"change", "propose", ref, line, "--why", line, NULL};
		const char *approve[] = {"change", "approve", ref, "1", "--reason", line, NULL};
		const char *witness[] = {"witness", "add", ref, "--name", line, "--contact", line, "--statement", full,
					 NULL};
		const char *note[] = {"note", ref, "--kind", "interview", "--witness", "1", full, NULL};
		const char *item[] = {"evidence", "add", ref, "--file", evidence, "--description", line, "--location",
				      line, NULL};
		const char *custody[] = {"custody", ref, "1", "--to", line, "--purpose", line, NULL};
		const char *cost[] = {"cost", "add", ref, "--kind", "damage", "--amount", "100", "--description", line,
				      NULL};
		const char *met[] = {"deadline", "met", ref, "cloud-provider", "--how", "email", "--reference", line,
				     NULL};
		const char *category[] = {"category", ref, "data", "--note", line, NULL};
		const char *procedure[] = {"procedure", ref, "virus", NULL};
		const char *step[] = {"step", ref, "restoration.preserve-evidence", "skipped", "--note", line, NULL};
		const char *const *all[] = {call, change, approve, witness, note, item, custody, cost, met, category,
					    procedure, step, NULL};

		snprintf(evidence, sizeof(evidence), "%s/evidence.bin", dir);
		assert_non_null(f = fopen(evidence, "w"));
		fputs("evidence bytes\n", f);
		fclose(f);
		for (int i = 0; all[i]; i++)
			record(all[i]);
	}
}

static int setup(void **state)
{
	char *joined, *one_line;

	(void)state;
	setlocale(LC_ALL, "C.UTF-8");
	if (corpus_load_default(&corpus))
		return -1;
	snprintf(dir, sizeof(dir), "%s/sirt-hostile-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(db, sizeof(db), "%s/sirt.db", dir);
	snprintf(plan, sizeof(plan), "%s/plan.ini", dir);
	/* For the screen and for the commands run beside it alike. */
	for (size_t i = 0; i < ENV_COUNT; i++) {
		snprintf(env[i], sizeof(env[i]), "%s%s%s", env_names[i][0], dir, env_names[i][1]);
		putenv(env[i]);
	}
	snprintf(env_data_dir, sizeof(env_data_dir), "SIRT_DATA_DIR=%s",
		 getenv("SIRT_DATA_DIR") ? getenv("SIRT_DATA_DIR") : "");
	unsetenv("SIRT_DB");
	full = corpus_joined(true);
	joined = corpus_joined(false);
	one_line = without(joined, "\n", ' ');
	line = cut(one_line, 1900);
	title = cut(one_line, 190);
	{
		char *no_angles = without(one_line, "<>", 0);
		customer = cut(no_angles, 1800);
		free(no_angles);
	}
	free(joined);
	free(one_line);
	write_plan();
	record_everything();
	return 0;
}

static int teardown(void **state)
{
	char cmd[400];

	(void)state;
	free(full);
	free(line);
	free(title);
	free(customer);
	corpus_free(&corpus);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The terminal's size: every screen is walked at 80x24, at 80x23 (tmux
 * with its status line), at 60x16, the smallest sirt works in, and at
 * 120x40. */
static int term_rows = 24, term_cols = 80;

static struct pty_term *start(const char *const args[])
{
	const char *argv[16] = {sirt_bin(), "--db", db};
	const char *envp[] = {"TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC", "PATH=/usr/bin:/bin",
			      "SIRT_TEST_SYSTEM_CONFIG=/nonexistent/sirt-tests/sirt.ini", env[0], env[1], env[2],
			      env[3], env_data_dir, NULL};
	struct pty_term *t;

	for (int i = 0; args && args[i] && i < 12; i++)
		argv[3 + i] = args[i];
	t = pty_start(argv, envp, term_rows, term_cols);
	assert_non_null(t);
	return t;
}

/* The screen as one string without blanks or line ends: a visible form
 * that was wrapped onto two rows is still found. */
static bool shown_flat(struct pty_term *t, const char *needle)
{
	char *screen = pty_screen_text(t), *flat = without(screen, " \n", 0);
	bool found = strstr(flat, needle) != NULL;

	free(screen);
	free(flat);
	return found;
}

static void wait_flat(struct pty_term *t, const char *needle)
{
	for (int i = 0; i < TIMEOUT_MS / 100 && !shown_flat(t, needle); i++)
		pty_settle(t, 20, 100);
	if (!shown_flat(t, needle)) {
		char *screen = pty_screen_text(t);
		fprintf(stderr, "never shown: %s\nscreen:\n%s\n", needle, screen);
		free(screen);
		fail();
	}
}

/* Nothing raw so far: every byte text or curses' own drawing, and the
 * title untouched. */
static void output_sound(struct pty_term *t, const char *where)
{
	size_t len;
	const unsigned char *out;
	const char *why;
	long at;

	/* The frame written whole: no sequence cut at the end of a read. */
	pty_settle(t, 50, TIMEOUT_MS);
	out = pty_output(t, &len);
	at = terminal_check(out, len, TERMINAL_CURSES, &why);

	if (at >= 0)
		terminal_check_show(where, out, len, at, why);
	assert_int_equal(at, -1);
	assert_int_equal(pty_title_changes(t), 0);
}

/* The same, and the header and the key-hint bar where they belong. */
static void screen_sound(struct pty_term *t, const char *where)
{
	char *header, *hints;

	output_sound(t, where);
	header = pty_row_text(t, 0);
	hints = pty_row_text(t, term_rows - 1);
	if (strncmp(header, " sirt", 5) != 0 || strlen(hints) < 10)
		fprintf(stderr, "%s: the screen moved:\n%s\n...\n%s\n", where, header, hints);
	assert_int_equal(strncmp(header, " sirt", 5), 0);
	assert_true(strlen(hints) >= 10);
	free(header);
	free(hints);
}

static void walk_every_screen(void);

/* Every screen of the incident, scrolled through, and back, at a size. */
static void walk_at(int rows, int cols)
{
	term_rows = rows;
	term_cols = cols;
	walk_every_screen();
	term_rows = 24;
	term_cols = 80;
}

static void every_screen(void **state)
{
	(void)state;
	walk_at(24, 80);
}

static void every_screen_at_80x23(void **state)
{
	(void)state;
	walk_at(23, 80);
}

static void every_screen_at_60x16(void **state)
{
	(void)state;
	walk_at(16, 60);
}

/* And wider: the room used, nothing raw in what fills it. */
static void every_screen_at_120x40(void **state)
{
	(void)state;
	walk_at(40, 120);
}

static void walk_every_screen(void)
{
	static const struct {
		const char *keys, *shows;
	} screens[] = {
		{"e", "Escalation calls: "},
		{"l", "Lead details: "},
		{"t", "Triage checklist: "},
		{"c", "Category: "},
		{"p", "Procedure: "},
		{"s", "Steps "},
		{"r", "Restoration "},
		{"f", "Investigation: "},
		{"v", "Evidence: "},
		{"a", "Recommended changes: "},
		{"h", "Timeline: "},
		{"n", "Notifications and deadlines: "},
		{"d", "Damage and cost: "},
		{"o", "Incident report: "},
		{"w", "Post-incident review: "},
		{"i", "Intake: log the call: "},
		{"x", "Close "},
		{"?", "Help"},
	};
	/* Down through a form's fields or a screen's rows, page by page. */
	static const char scroll[] = "\t\t\t\t\t\t\t\t\t\t\t\t\033[6~\033[6~\033[6~\033[6~";
	struct pty_term *t = start(NULL);

	WAIT(t, "Incidents: ");
	/* The organisation in the header, the title in the list. */
	WAIT(t, "sirt  Be");
	WAIT(t, "Before^[[2J^[[H^[[3JAfter");
	screen_sound(t, "list");
	pty_send(t, "\r");
	WAIT(t, "Status: ");
	pty_send(t, "\033[6~\033[6~\033[6~\033[6~\033[6~\033[6~\033[6~\033[6~");
	screen_sound(t, "incident");
	for (size_t i = 0; i < sizeof(screens) / sizeof(screens[0]); i++) {
		pty_send(t, screens[i].keys);
		WAIT(t, screens[i].shows);
		screen_sound(t, screens[i].shows);
		pty_send(t, scroll);
		screen_sound(t, screens[i].shows);
		/* At 60x16 the statements do not fit the reader's screen: the
		 * larger sizes read them. */
		if (strcmp(screens[i].keys, "f") == 0 && term_rows >= 23) {
			/* The witness selected, then the finding: each whole in
			 * the reader (Enter), wrapped onto rows, every visible
			 * form is read. */
			static const char *const forms[] = {"Title^[]0;pwned-title^Gdone", "CSI\\x9b31mRED",
							    "invoice<U+202E>fdp.exe", "Plain<U+E0001><U+E0041>"};

			pty_send(t, "\033OH\r");
			wait_flat(t, "Name:Before");
			for (size_t k = 0; k < sizeof(forms) / sizeof(forms[0]); k++)
				wait_flat(t, forms[k]);
			screen_sound(t, "a witness read whole");
			pty_send(t, "q\033OB\r");
			wait_flat(t, "Kind:interview");
			for (size_t k = 0; k < sizeof(forms) / sizeof(forms[0]); k++)
				wait_flat(t, forms[k]);
			screen_sound(t, "a finding read whole");
			pty_send(t, "q");
			WAIT(t, "Investigation: ");
		}
		pty_send(t, "\033");
		WAIT(t, "Status: ");
	}
	pty_send(t, "q");
	WAIT(t, "Incidents: ");
	/* The shift handover brief: every incident, its timeline, notes and
	 * changes, read down to the end. */
	pty_send(t, "h");
	WAIT(t, "Shift handover (q: back");
	WAIT(t, "Before^[[2J");
	screen_sound(t, "handover");
	pty_send(t, "\033[6~\033[6~\033[6~\033[6~\033[6~\033[6~\033[6~\033[6~G");
	screen_sound(t, "handover");
	pty_send(t, "q");
	WAIT(t, "Incidents: ");
	/* Typed, not stored: a pasted bidi override in the filter. */
	pty_send(t, "/\xe2\x80\xae" "evil");
	WAIT(t, "<U+202E>evil");
	screen_sound(t, "filter");
	pty_send(t, "\033");
	pty_send(t, "Q");
	assert_int_equal(pty_wait_exit(t, TIMEOUT_MS, NULL), 0);
	output_sound(t, "after quitting");
	pty_free(t);
}

/* A command on the pseudo-terminal: what it wrote (line ends aside: the
 * terminal turns each LF into CR LF) holds the visible form expected,
 * and nothing raw. */
static void command_sound(const char *const args[], const char *expect)
{
	struct pty_term *t = start(args);
	size_t len, n = 0;
	const unsigned char *out;
	unsigned char *text;
	const char *why;
	long at;

	assert_int_equal(pty_wait_exit(t, TIMEOUT_MS, NULL), 0);
	out = pty_output(t, &len);
	text = malloc(len + 1);
	for (size_t i = 0; i < len; i++) {
		size_t k = i;

		while (k < len && out[k] == '\r')
			k++;
		if (k < len && out[k] == '\n' && k > i)
			i = k;
		text[n++] = out[i];
	}
	if (expect && !memmem(text, n, expect, strlen(expect)))
		fprintf(stderr, "sirt %s: no \"%s\" in:\n%.*s\n", args[0], expect, (int)n, (const char *)text);
	assert_true(!expect || memmem(text, n, expect, strlen(expect)));
	at = terminal_check(text, n, TERMINAL_TEXT, &why);
	if (at >= 0)
		terminal_check_show(args[0], text, n, at, why);
	assert_int_equal(at, -1);
	assert_int_equal(pty_title_changes(t), 0);
	free(text);
	pty_free(t);
}

static void every_command(void **state)
{
	const char *list[] = {"list", "--all", NULL};
	const char *csv[] = {"list", "--all", "--format", "csv", NULL};
	const char *show[] = {"show", ref, NULL};
	const char *json[] = {"show", ref, "--format", "json", NULL};
	const char *report[] = {"report", ref, "--format", "text", NULL};
	const char *markdown[] = {"report", ref, "--format", "md", NULL};
	const char *deadlines[] = {"deadlines", "--all", NULL};
	const char *costs[] = {"cost", "list", ref, NULL};
	const char *handover[] = {"handover", NULL};
	const char *handover_md[] = {"handover", "--format", "md", NULL};
	const char *check[] = {"check", NULL};
	const char *unknown[] = {"show", line, NULL};
	const char *call[] = {"call", ref, "lead", "--outcome", "no-answer", NULL};

	(void)state;
	command_sound(list, "Before^[[2J^[[H");
	/* CSV has no escapes: on a terminal its cells are shown safely. */
	command_sound(csv, "\"Before^[[2J^[[H");
	command_sound(show, "Title^[]0;pwned-title^G done");
	command_sound(json, "\\u001b]0;pwned-title\\u0007");
	command_sound(report, "invoice<U+202E>fdp.exe");
	command_sound(markdown, "\\<img src=x onerror=alert(1)\\>");
	command_sound(deadlines, "Before^[[2J");
	command_sound(costs, "Before^[[2J");
	command_sound(handover, "Before^[[2J");
	/* Markdown escapes what would be markup, the '[' too. */
	command_sound(handover_md, "Before^\\[\\[2J");
	command_sound(check, NULL);
	command_sound(unknown, "sirt: ");
	command_sound(call, "Before^[[2J");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_screen),
		cmocka_unit_test(every_screen_at_80x23),
		cmocka_unit_test(every_screen_at_60x16),
		cmocka_unit_test(every_screen_at_120x40),
		cmocka_unit_test(every_command),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
