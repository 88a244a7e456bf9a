/* The setgid group of an enforced database, held as little as it can be:
 * set aside at start, raised only while the database is opened, then
 * given up for good. The model is the old setgid games and crontab: the
 * shared file belongs to a group no operator is in, and only this
 * program, run setgid to it, can open it; what it lets each operator do
 * there is its rules', not the file's permissions'. */
#include "sirt/privilege.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sirt/mem.h"

static bool held, setgid_run;
static gid_t own_gid, team_gid;

static void die(const char *doing)
{
	/* Going on would leave the group in a state nobody planned for. */
	fprintf(stderr, "sirt: %s failed: %s; stopping rather than going on with the group sirt runs as\n", doing,
		strerror(errno));
	_exit(71);
}

/* Descriptor fd, closed by whoever started sirt, opened on /dev/null: a
 * file sirt opens next must never become its standard output. */
static void fill(int fd)
{
	int got;

	if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
		return;
	got = open("/dev/null", O_RDWR);
	if (got != fd) {
		errno = EBADF;
		die("opening /dev/null for a closed standard descriptor");
	}
}

void privilege_setup(void)
{
	static const char *const unsafe[] = {"TERMINFO", "TERMINFO_DIRS", "TERMCAP", "SIRT_DATA_DIR"};
	const struct rlimit none = {0, 0};

	own_gid = getgid();
	team_gid = getegid();
	if (own_gid == team_gid)
		return;
	held = setgid_run = true;
	for (int fd = 0; fd < 3; fd++)
		fill(fd);
	/* Nothing inherited beyond the three: close_range(2), or by hand. */
	if (close_range(3, ~0U, 0) != 0) {
		long max = sysconf(_SC_OPEN_MAX);

		for (long fd = 3; fd < (max > 0 ? max : 1024); fd++)
			close((int)fd);
	}
	/* A setgid process is not dumpable already (fs.suid_dumpable); no
	 * core file either, whatever that setting is. */
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	/* The screen starts only once the group is given up for good, so
	 * that a terminal description of the caller's choosing (an old way
	 * into setgid programs through curses) is read with the caller's
	 * rights alone; sirt does not take one from the caller either. The
	 * data directory holds the sample plan and its forms: for the
	 * enforced database they come from the machine's configuration. */
	for (size_t i = 0; i < sizeof(unsafe) / sizeof(unsafe[0]); i++)
		unsetenv(unsafe[i]);
	if (setegid(own_gid) != 0)
		die("setting the group aside");
}

bool privilege_held(void)
{
	return held;
}

bool privilege_setgid(void)
{
	return setgid_run;
}

gid_t privilege_group(void)
{
	return team_gid;
}

bool privilege_guards(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	struct stat info;
	gid_t *groups;
	bool member = false;
	int n;

	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	if (!setgid_run || stat(slash ? dir : ".", &info) != 0 || info.st_gid != team_gid) {
		free(dir);
		return false;
	}
	free(dir);
	n = getgroups(0, NULL);
	groups = xcalloc(n > 0 ? (size_t)n : 1, sizeof(*groups));
	n = getgroups(n, groups);
	for (int i = 0; i < n && !member; i++)
		member = groups[i] == info.st_gid;
	free(groups);
	return !member;
}

int privilege_raise(void)
{
	if (!held) {
		errno = EPERM;
		return -1;
	}
	return setegid(team_gid);
}

void privilege_lower(void)
{
	if (held && setegid(own_gid) != 0)
		die("setting the group aside");
}

void privilege_drop(void)
{
	gid_t r, e, s;

	if (!held)
		return;
	if (setresgid(own_gid, own_gid, own_gid) != 0 || getresgid(&r, &e, &s) != 0 || r != own_gid ||
	    e != own_gid || s != own_gid)
		die("giving up the group");
	held = false;
}
