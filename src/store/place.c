/* Where the database lives. Operators share it through a group: the
 * directory is theirs (mode 2770: setgid, so that every file made in it
 * gets the group; never sticky, so that anyone may remove or replace the
 * -wal and -shm files another left), the files 0660. What would stop that
 * is found here, before SQLite fails later with a vaguer message, and is
 * told with what to do about it. sirt init --shared sets it all up.
 *
 * init runs as root in a directory the group may write: it never follows
 * a symbolic link there, and changes modes through descriptors of what it
 * opened, so that a member cannot point it at another file. */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "sirt/file.h"
#include "sirt/mem.h"
#include "sirt/privilege.h"

const char *store_network_fs(long magic)
{
	/* From linux/magic.h and the filesystems' own headers. FUSE is not
	 * here: sshfs and a local NTFS look the same to statfs. */
	static const struct {
		unsigned long magic;
		const char *name;
	} network[] = {
		{0x6969, "nfs"},	    {0xFF534D42, "cifs"}, {0xFE534D42, "smb2"}, {0x517B, "smb"},
		{0x5346414F, "afs"},	    {0x6B414653, "afs"},  {0x73757245, "coda"}, {0x564C, "ncp"},
		{0x01021997, "9p"},	    {0x00C36400, "ceph"}, {0x0BD00BD0, "lustre"}, {0x47504653, "gpfs"},
		{0x013111A8, "ibrix"},	    {0x19830326, "fhgfs"}, {0x61636673, "acfs"},
	};

	for (size_t i = 0; i < sizeof(network) / sizeof(network[0]); i++)
		if ((unsigned long)magic == network[i].magic)
			return network[i].name;
	return NULL;
}

static bool read_only_fs(const char *dir)
{
	struct statvfs vfs;

	return statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY);
}

/* Whether the -shm file of the database at path is there. */
static bool shm_there(const char *path)
{
	char *shm = xasprintf("%s-shm", path);
	bool there = access(shm, F_OK) == 0;

	free(shm);
	return there;
}

/* The directory part of path ("." for a bare name). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

/* The name of a user or group id, else the number; always copied into
 * buf, since the next getpwuid() or getgrgid() overwrites their own. */
static const char *id_name(bool group, unsigned long id, char *buf, size_t size)
{
	const char *name = NULL;

	if (group) {
		struct group *gr = getgrgid((gid_t)id);
		name = gr ? gr->gr_name : NULL;
	} else {
		struct passwd *pw = getpwuid((uid_t)id);
		name = pw ? pw->pw_name : NULL;
	}
	if (name)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%lu", id);
	return buf;
}

#define NAME_MAX_TEXT 64
#define user_name(uid, buf) id_name(false, (uid), (buf), sizeof(buf))
#define group_name(gid, buf) id_name(true, (gid), (buf), sizeof(buf))

static bool in_group(gid_t gid)
{
	gid_t groups[NGROUPS_MAX];
	int n = getgroups(NGROUPS_MAX, groups);

	if (getegid() == gid)
		return true;
	for (int i = 0; i < n; i++)
		if (groups[i] == gid)
			return true;
	return false;
}

/* A file or directory given to a group other than its owner's own: meant
 * to be shared (a personal database is its owner's, in their own group). */
static bool meant_for_a_group(const struct stat *info)
{
	struct passwd *pw = getpwuid(info->st_uid);

	return pw && info->st_gid != pw->pw_gid;
}

/* A directory made for a group, as sirt init --shared makes one:
 * setgid, given to a group that is not its owner's own, not open to
 * everyone (/tmp is not). */
static bool place_for_a_group(const struct stat *dir)
{
	return S_ISDIR(dir->st_mode) && (dir->st_mode & S_ISGID) && !(dir->st_mode & S_IWOTH) &&
	       meant_for_a_group(dir);
}

enum status store_file_create(const char *path, bool shared, struct error *err)
{
	char *dir = dir_of(path);
	struct stat info;
	int fd, why;

	shared = shared && stat(dir, &info) == 0 && place_for_a_group(&info);
	free(dir);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, shared ? 0660 : 0600);
	why = errno;
	if (fd >= 0) {
		/* The group's, whatever this operator's umask: the others
		 * must open it, and its -wal and -shm files take its mode. */
		if (shared)
			(void)!fchmod(fd, 0660);
		close(fd);
		return STATUS_OK;
	}
	if (why == EEXIST && lstat(path, &info) == 0 && S_ISLNK(info.st_mode))
		return error_set(err, STATUS_CANT_CREATE,
				 "%s is a symbolic link, which sirt does not follow to make a file: remove it, or give "
				 "another name",
				 path);
	if (why == EEXIST)
		return error_set(err, STATUS_CONFLICT, "%s exists already: give a new file", path);
	return error_set(err, why == EACCES ? STATUS_PERMISSION : STATUS_CANT_CREATE, "cannot create %s: %s%s", path,
			 strerror(why), file_error_hint(why));
}

/* "owner alice, group sirt, mode 0660" */
static char *describe(const struct stat *info)
{
	char ub[NAME_MAX_TEXT], gb[NAME_MAX_TEXT];

	return xasprintf("owner %s, group %s, mode %04o", user_name(info->st_uid, ub), group_name(info->st_gid, gb),
			 (unsigned)(info->st_mode & 07777));
}

/* Whether this sirt is installed setgid gid but runs without it (under
 * a debugger, with no_new_privs, or from a filesystem mounted nosuid):
 * then the group may be an enforced database's, and a login added to
 * it could open the file with any program. */
static bool setgid_unused(gid_t gid)
{
	struct stat st;

	return !privilege_setgid() && stat("/proc/self/exe", &st) == 0 && (st.st_mode & S_ISGID) && st.st_gid == gid;
}

static enum status setgid_not_running(const char *path, gid_t gid, struct error *err)
{
	char gb[NAME_MAX_TEXT];

	group_name(gid, gb);
	return error_set(err, STATUS_PERMISSION,
			 "%s is for sirt's group %s, and this sirt is setgid %s but runs without it (under a debugger, "
			 "with no_new_privs, or from a filesystem mounted nosuid): run the installed sirt as it is "
			 "(an enforced database is opened by sirt alone: nobody is added to %s; see sirt-security(7))",
			 path, gb, gb, gb);
}

/* This login may not what (read, write, reach) path: a member of its
 * group is told the mode is wrong, anyone else whom to ask. */
static enum status not_allowed(const char *what, const char *path, const struct stat *info, bool read_only,
			       struct error *err)
{
	char me[NAME_MAX_TEXT], gb[NAME_MAX_TEXT];
	char *is = describe(info);
	enum status st;

	user_name(getuid(), me);
	group_name(info->st_gid, gb);
	if (setgid_unused(info->st_gid))
		st = setgid_not_running(path, info->st_gid, err);
	else if (in_group(info->st_gid))
		st = error_set(err, STATUS_PERMISSION,
			       "%s cannot %s %s (%s), though in group %s: an administrator can fix it with chmod %s %s",
			       me, what, path, is, gb, S_ISDIR(info->st_mode) ? "2770" : "0660", path);
	else
		st = error_set(err, STATUS_PERMISSION,
			       "%s cannot %s %s (%s): ask an administrator to add %s to group %s, then log in again%s", me,
			       what, path, is, me, gb, read_only ? "" : ", or look with --read-only");
	free(is);
	return st;
}

/* The filesystem: local, and writable when writing. */
static enum status check_filesystem(const char *path, const char *dir, bool read_only, struct error *err)
{
	struct statfs fs;
	const char *network;

	if (statfs(dir, &fs) == 0 && (network = store_network_fs((long)fs.f_type)))
		return error_set(err, STATUS_IO,
				 "%s is on a network filesystem (%s), where SQLite's locks do not hold and operators "
				 "working at once can corrupt it: keep it on a local disk of the jump host "
				 "(sirt init --shared DIR --group GROUP sets one up)",
				 path, network);
	if (!read_only && read_only_fs(dir))
		return error_set(err, STATUS_CANT_CREATE,
				 "%s is on a read-only filesystem: remount it read-write, or look with --read-only", path);
	return STATUS_OK;
}

/* Gives what fd is open on to gid with mode. */
static enum status give_fd(int fd, const char *path, gid_t gid, mode_t mode, const char *group, struct error *err)
{
	if (fchown(fd, (uid_t)-1, gid) != 0)
		return error_set(err, STATUS_PERMISSION,
				 "cannot give %s to group %s: %s (run it as root, or as a member of %s who owns %s)", path,
				 group, strerror(errno), group, path);
	if (fchmod(fd, mode) != 0)
		return error_set(err, STATUS_PERMISSION, "cannot set the mode of %s: %s (run it as root)", path,
				 strerror(errno));
	return STATUS_OK;
}

/* Opens name in the directory dfd, never through a symbolic link, and
 * only a plain file with one name: -1 (errno ELOOP for a link, EMLINK for
 * more names, EINVAL for something else) if not. */
static int open_plain(int dfd, const char *name, int flags)
{
	int fd = openat(dfd, name, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0660);
	struct stat info = {0};

	if (fd < 0)
		return -1;
	if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_nlink != 1) {
		int why = S_ISREG(info.st_mode) ? EMLINK : EINVAL;

		close(fd);
		errno = why;
		return -1;
	}
	return fd;
}

/* The -wal and -shm files a process left: everyone must be able to open
 * them, or nobody else can open the database. SQLite makes them with the
 * database's mode at the time; one of this user's own that has fallen
 * behind the database's (made while it was read-only, say) is put right
 * when repair is set; another's can only be reported. */
static enum status check_sidecars(const char *path, const struct stat *db, bool read_only, bool repair,
				  struct error *err)
{
	static const char *const suffix[] = {"-wal", "-shm"};
	const mode_t shared = db->st_mode & 0660;

	for (size_t i = 0; i < 2; i++) {
		char *side = xasprintf("%s%s", path, suffix[i]);
		struct stat info;
		enum status st = STATUS_OK;
		int fd;

		/* SQLite refuses a linked journal with only "unable to open
		 * database file": said here, with which file and what to do. */
		if (lstat(side, &info) == 0 && S_ISLNK(info.st_mode)) {
			char to[PATH_MAX];
			ssize_t n = readlink(side, to, sizeof(to) - 1);

			to[n > 0 ? n : 0] = '\0';
			st = error_set(err, STATUS_CANT_CREATE,
				       "%s is a symbolic link (to %s), where SQLite keeps the database's %s file: sirt "
				       "never opens it through a link, which would write into whatever it points at "
				       "(when no sirt has %s open, as fuser %s shows, remove the link: rm %s)",
				       side, n > 0 ? to : "?", suffix[i], path, path, side);
			free(side);
			return st;
		}
		if (repair && (fd = open_plain(AT_FDCWD, side, O_RDONLY)) >= 0) {
			if (fstat(fd, &info) == 0 && info.st_uid == getuid()) {
				if (info.st_gid != db->st_gid)
					(void)!fchown(fd, (uid_t)-1, db->st_gid);
				if ((info.st_mode & shared) != shared)
					(void)!fchmod(fd, (info.st_mode & 0777) | shared);
			}
			close(fd);
		}
		if (stat(side, &info) == 0 && access(side, read_only ? R_OK : R_OK | W_OK) != 0) {
			char *is = describe(&info);

			st = error_set(err, STATUS_PERMISSION,
				       "%s was left by another operator where you cannot %s it (%s): when nobody is "
				       "using sirt, an administrator can fix it with chmod 0660 %s",
				       side, read_only ? "read" : "write", is, side);
			free(is);
		}
		free(side);
		if (st)
			return st;
	}
	return STATUS_OK;
}

/* Each warning says the fix first: a screen's message line may cut the
 * rest. A sticky or setgid-less directory matters only to a place meant
 * for a group (not /tmp, not a home). */
static void check_sharing(const char *path, const char *dir, const struct stat *dinfo, const struct stat *finfo,
			  bool exists, struct strlist *warnings)
{
	char gb[NAME_MAX_TEXT], mine[NAME_MAX_TEXT];
	bool shared = !(dinfo->st_mode & S_IWOTH) && (meant_for_a_group(dinfo) || (exists && meant_for_a_group(finfo)));

	if (shared && (dinfo->st_mode & S_ISVTX))
		strlist_add_owned(warnings,
				  xasprintf("%s is sticky; ask an administrator to run chmod -t %s (in a sticky "
					    "directory operators cannot remove or replace one another's -wal and -shm "
					    "files)",
					    dir, dir));
	if (!exists)
		return;
	if (finfo->st_mode & (S_IROTH | S_IWOTH))
		strlist_add_owned(warnings, xasprintf("%s can be %s by every user here; run chmod o-rwx %s "
						      "(its mode is %04o)",
						      path, finfo->st_mode & S_IWOTH ? "changed" : "read", path,
						      (unsigned)(finfo->st_mode & 07777)));
	/* Without setgid, the -wal and -shm files this process may create
	 * would take its own group, and the others could not open them. */
	if (shared && !(dinfo->st_mode & S_ISGID) && (finfo->st_mode & S_IRWXG) && finfo->st_gid != getegid())
		strlist_add_owned(warnings,
				  xasprintf("%s is not setgid; ask an administrator to run chmod g+s %s (the -wal and "
					    "-shm files sirt makes there would belong to your group %s, not to the "
					    "database's group %s)",
					    dir, dir, group_name(getegid(), mine), group_name(finfo->st_gid, gb)));
}

enum status store_check_place(const char *path, bool read_only, bool repair, struct strlist *warnings,
			      struct error *err)
{
	char *dir = dir_of(path);
	struct stat dinfo, finfo;
	bool exists;
	enum status st = STATUS_OK;
	char me[NAME_MAX_TEXT];

	if (stat(dir, &dinfo) != 0) {
		if (errno == EACCES)
			st = error_set(err, STATUS_PERMISSION,
				       "%s cannot reach %s, where %s is: ask an administrator for access to it",
				       user_name(getuid(), me), dir, path);
		else if (errno == ENOTDIR)
			st = error_set(err, STATUS_CANT_CREATE, "%s: a part of it is not a directory (check --db)", path);
		else
			st = error_set(err, read_only ? STATUS_NOT_FOUND : STATUS_CANT_CREATE,
				       "the directory %s of %s does not exist: create it, or give another place with "
				       "--db FILE (for a team: sirt init --shared DIR --group GROUP)",
				       dir, path);
		goto done;
	}
	if (!S_ISDIR(dinfo.st_mode)) {
		st = error_set(err, STATUS_CANT_CREATE, "%s is not a directory, so %s cannot be in it (check --db)", dir,
			       path);
		goto done;
	}
	exists = stat(path, &finfo) == 0;
	if (!exists && errno == EACCES) {
		/* Not even allowed into the directory: --read-only would not
		 * help either. */
		char *is = describe(&dinfo);
		char gb[NAME_MAX_TEXT];

		group_name(dinfo.st_gid, gb);
		if (setgid_unused(dinfo.st_gid))
			st = setgid_not_running(path, dinfo.st_gid, err);
		else if (in_group(dinfo.st_gid))
			st = error_set(err, STATUS_PERMISSION,
				       "%s cannot reach %s: its directory %s (%s) does not let its group in: an "
				       "administrator can fix it with chmod 2770 %s",
				       user_name(getuid(), me), path, dir, is, dir);
		else
			st = error_set(err, STATUS_PERMISSION,
				       "%s cannot reach %s: its directory %s (%s) is for group %s: ask an administrator "
				       "to add %s to it, then log in again",
				       user_name(getuid(), me), path, dir, is, gb, me);
		free(is);
		goto done;
	}
	if (exists && !S_ISREG(finfo.st_mode)) {
		st = error_set(err, STATUS_DATA, "%s is not a file: give the database's own file with --db FILE", path);
		goto done;
	}
	if ((st = check_filesystem(path, dir, read_only, err)))
		goto done;
	if (exists && access(path, R_OK) != 0) {
		st = not_allowed("read", path, &finfo, true, err);
		goto done;
	}
	if (exists && !read_only && access(path, W_OK) != 0) {
		/* --read-only is offered only where it would work. */
		bool may_read = access(dir, W_OK | X_OK) == 0 || shm_there(path);

		if (!(finfo.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)))
			st = error_set(err, STATUS_PERMISSION, "%s is read-only (mode %04o): make it writable with chmod "
				       "ug+w %s%s", path, (unsigned)(finfo.st_mode & 07777), path,
				       may_read ? ", or look with --read-only" : "");
		else
			st = not_allowed("write", path, &finfo, !may_read, err);
		goto done;
	}
	/* SQLite keeps the -wal and -shm files beside the database. Even a
	 * reader needs the -shm: one a sirt that has the file open made, or
	 * one it makes itself (on a read-only filesystem, where nobody can
	 * change the file, store.c reads it without). */
	if (exists && access(dir, W_OK | X_OK) != 0 && (!read_only || (!shm_there(path) && !read_only_fs(dir)))) {
		char *is = describe(&dinfo);

		if (read_only)
			st = error_set(err, STATUS_PERMISSION,
				       "%s cannot read %s while no sirt has it open: reading takes %s-shm, which SQLite "
				       "makes beside it, and %s (%s) is not writable for %s: an administrator can fix it "
				       "with chmod 2770 %s (or copy the file to a place of your own and read the copy)",
				       user_name(getuid(), me), path, path, dir, is, me, dir);
		else
			st = error_set(err, STATUS_PERMISSION,
				       "%s cannot create files in %s (%s), where SQLite keeps %s-wal and %s-shm beside the "
				       "database: an administrator can fix it with chmod 2770 %s%s",
				       user_name(getuid(), me), dir, is, path, path, dir,
				       shm_there(path) ? ", or look with --read-only" : "");
		free(is);
		goto done;
	}
	if (!exists && !read_only && access(dir, W_OK | X_OK) != 0) {
		char *is = describe(&dinfo);

		st = error_set(err, STATUS_PERMISSION,
			       "%s cannot create %s: its directory %s (%s) is not writable for %s: an administrator can "
			       "fix it with chmod 2770 %s",
			       user_name(getuid(), me), path, dir, is, me, dir);
		free(is);
		goto done;
	}
	if (exists && (st = check_sidecars(path, &finfo, read_only, repair, err)))
		goto done;
	check_sharing(path, dir, &dinfo, &finfo, exists, warnings);
done:
	free(dir);
	return st;
}

/* DIR made, or one of this user's own kept; opened without following a
 * link, its descriptor to *dfd. */
static enum status open_shared_dir(const char *dir, struct shared_setup *out, int *dfd, struct error *err)
{
	struct stat info;
	char real[PATH_MAX], owner[NAME_MAX_TEXT];

	if (mkdir(dir, 0700) == 0)
		out->created_dir = true;
	else if (errno != EEXIST)
		return error_set(err, errno == EACCES ? STATUS_PERMISSION : STATUS_CANT_CREATE,
				 "cannot create %s: %s (its parent directory must exist)", dir, strerror(errno));
	*dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (*dfd < 0)
		return error_set(err, STATUS_CANT_CREATE, "%s is not a directory%s (give the directory itself)", dir,
				 lstat(dir, &info) == 0 && S_ISLNK(info.st_mode) ?
					 " but a symbolic link, which init does not follow" : "");
	if (fstat(*dfd, &info) != 0 || info.st_uid != geteuid())
		return error_set(err, STATUS_PERMISSION,
				 "%s belongs to %s: init gives only a directory of its own to the group (run it as "
				 "that user, or give a new directory)",
				 dir, user_name(info.st_uid, owner));
	if (!realpath(dir, real))
		return error_set(err, STATUS_IO, "cannot resolve %s: %s", dir, strerror(errno));
	out->dir = xstrdup(real);
	out->db = xasprintf("%s/sirt.db", real);
	return STATUS_OK;
}

/* Nobody should have made a link or a second name for a -wal or -shm
 * file: SQLite, run as root here, would open whatever it points at. */
static enum status refuse_linked_sidecars(int dfd, const char *db, struct error *err)
{
	for (int i = 0; i < 2; i++) {
		const char *suffix = i ? "-shm" : "-wal";
		char *name = xasprintf("sirt.db%s", suffix);
		int fd = open_plain(dfd, name, O_RDONLY);
		int why = errno;

		free(name);
		if (fd >= 0)
			close(fd);
		else if (why != ENOENT)
			return error_set(err, STATUS_DATA,
					 "%s%s is a symbolic link, a second name of another file or not a file: "
					 "remove it when nobody is using sirt, then run init again",
					 db, suffix);
	}
	return STATUS_OK;
}

enum status store_enforced(struct store *s, char **group, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "SELECT value FROM meta WHERE key = 'enforced'", &st, err);
	int step;

	*group = NULL;
	if (rc)
		return rc;
	step = sqlite3_step(st);
	if (step == SQLITE_ROW && sqlite3_column_text(st, 0))
		*group = xstrdup((const char *)sqlite3_column_text(st, 0));
	store_finalize(s, st);
	return step == SQLITE_ROW || step == SQLITE_DONE ? STATUS_OK
							  : store_sqlite_error(s, step, "reading the database", err);
}

/* Marks the database enforced for group (NULL: not enforced), as who:
 * the audit trail records the change. *was: whether it was. */
static enum status mark_enforced(struct store *s, const char *group, const struct actor *who, bool *was,
				 struct error *err)
{
	sqlite3_stmt *st;
	char *before = NULL;
	enum status rc;
	int step;

	if ((rc = store_enforced(s, &before, err)))
		return rc;
	*was = before != NULL;
	if ((!group && !before) || (group && before && strcmp(group, before) == 0)) {
		free(before);
		return STATUS_OK;
	}
	free(before);
	if ((rc = store_begin(s, who, NULL, err)))
		return rc;
	rc = store_prepare(s, group ? "INSERT OR REPLACE INTO meta (key, value) VALUES ('enforced', ?1)"
				    : "DELETE FROM meta WHERE key = 'enforced'", &st, err);
	if (rc) {
		store_rollback(s);
		return rc;
	}
	if (group)
		sqlite3_bind_text(st, 1, group, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	store_finalize(s, st);
	if (step != SQLITE_DONE) {
		rc = store_sqlite_error(s, step, "marking the database enforced", err);
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}

enum status store_init_shared(const char *dir, const char *group, bool enforce, const struct actor *who,
			      struct shared_setup *out, struct error *err)
{
	struct group *gr = getgrnam(group);
	struct store *s = NULL;
	enum status st;
	int dfd = -1, fd = -1;
	gid_t gid;

	memset(out, 0, sizeof(*out));
	if (!gr)
		return error_set(err, STATUS_NO_USER, "there is no group \"%s\": create it first (groupadd %s)", group,
				 group);
	gid = gr->gr_gid;
	if ((st = open_shared_dir(dir, out, &dfd, err)) || (st = check_filesystem(out->db, out->dir, false, err)) ||
	    (st = give_fd(dfd, out->dir, gid, 02770, group, err)))
		goto done;
	/* 2770: setgid, group-writable, never sticky, nothing for others. */
	fd = open_plain(dfd, "sirt.db", O_RDWR | O_CREAT | O_EXCL);
	if (fd >= 0) {
		/* Made with its final mode and group before SQLite opens it:
		 * the -wal and -shm files SQLite makes take the database's. */
		out->created_db = true;
		if ((st = give_fd(fd, out->db, gid, 0660, group, err)))
			goto done;
	} else if (errno == EEXIST) {
		fd = open_plain(dfd, "sirt.db", O_RDONLY);
		if (fd < 0) {
			st = error_set(err, STATUS_DATA,
				       "%s is a symbolic link, a second name of another file or not a file: init leaves "
				       "it alone (remove it, or give another directory)",
				       out->db);
			goto done;
		}
	} else {
		st = error_set(err, STATUS_CANT_CREATE, "cannot create %s: %s", out->db, strerror(errno));
		goto done;
	}
	/* Creates the schema, or checks that a file already there is sirt's
	 * (and brings it up to date); a foreign file keeps its mode. */
	if ((st = refuse_linked_sidecars(dfd, out->db, err)) || (st = store_open_nofollow(out->db, &s, err)))
		goto done;
	store_pragma_int(s, "SELECT count(*) FROM incident", &out->incidents, NULL);
	st = mark_enforced(s, enforce ? group : NULL, who, &out->was_enforced, err);
	store_close(&s);
	if (st)
		goto done;
	if (!out->created_db && (st = give_fd(fd, out->db, gid, 0660, group, err)))
		goto done;
	for (int i = 0; i < 2 && !st; i++) {
		int side = open_plain(dfd, i ? "sirt.db-shm" : "sirt.db-wal", O_RDONLY);

		if (side >= 0) {
			st = give_fd(side, out->db, gid, 0660, group, err);
			close(side);
		}
	}
done:
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	return st;
}

void shared_setup_free(struct shared_setup *setup)
{
	FREE(&setup->dir);
	FREE(&setup->db);
}
