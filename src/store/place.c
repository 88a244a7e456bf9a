/* Where the database lives. Operators share it through a group: the
 * directory is theirs (mode 2770: setgid, so that every file made in it
 * gets the group; never sticky, so that anyone may remove or replace the
 * -wal and -shm files another left), the files 0660. What would stop that
 * is found here, before SQLite fails later with a vaguer message, and is
 * told with what to do about it. sirt init --shared sets it all up. */
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

#include "sirt/mem.h"

const char *store_network_fs(long magic)
{
	/* From linux/magic.h and the filesystems' own headers. */
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

/* The directory part of path ("." for a bare name). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

/* The name of a user or group id, else the number (in buf). */
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
		return name;
	snprintf(buf, size, "%lu", id);
	return buf;
}

#define user_name(uid, buf, size) id_name(false, (uid), (buf), (size))
#define group_name(gid, buf, size) id_name(true, (gid), (buf), (size))

/* "owner alice, group sirt, mode 0660" */
static char *describe(const struct stat *info)
{
	char ub[32], gb[32];

	return xasprintf("owner %s, group %s, mode %04o", user_name(info->st_uid, ub, sizeof(ub)),
			 group_name(info->st_gid, gb, sizeof(gb)), (unsigned)(info->st_mode & 07777));
}

static enum status not_allowed(const char *what, const char *path, const struct stat *info, bool read_only,
			       struct error *err)
{
	char ub[32], gb[32];
	char *is = describe(info);
	enum status st;

	st = error_set(err, STATUS_PERMISSION,
		       "%s cannot %s %s (%s): ask an administrator to add %s to group %s, then log in again%s",
		       user_name(getuid(), ub, sizeof(ub)), what, path, is, user_name(getuid(), ub, sizeof(ub)),
		       group_name(info->st_gid, gb, sizeof(gb)), read_only ? "" : ", or look with --read-only");
	free(is);
	return st;
}

/* The filesystem: local, and writable when writing. */
static enum status check_filesystem(const char *path, const char *dir, bool read_only, struct error *err)
{
	struct statfs fs;
	struct statvfs vfs;
	const char *network;

	if (statfs(dir, &fs) == 0 && (network = store_network_fs((long)fs.f_type)))
		return error_set(err, STATUS_IO,
				 "%s is on a network filesystem (%s), where SQLite's locks do not hold and operators "
				 "working at once can corrupt it: keep it on a local disk of the jump host "
				 "(sirt init --shared DIR --group GROUP sets one up)",
				 path, network);
	if (!read_only && statvfs(dir, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
		return error_set(err, STATUS_CANT_CREATE,
				 "%s is on a read-only filesystem: remount it read-write, or look with --read-only", path);
	return STATUS_OK;
}

/* The -wal and -shm files a process left: everyone must be able to open
 * them, or nobody else can open the database. SQLite makes them with the
 * database's mode at the time; one of this user's own that has fallen
 * behind the database's (made while it was read-only, say) is put right
 * here; another's can only be reported. */
static enum status check_sidecars(const char *path, const struct stat *db, bool read_only, struct error *err)
{
	static const char *const suffix[] = {"-wal", "-shm"};
	const mode_t shared = db->st_mode & 0660;

	for (size_t i = 0; i < 2; i++) {
		char *side = xasprintf("%s%s", path, suffix[i]);
		struct stat info;
		enum status st = STATUS_OK;

		if (lstat(side, &info) == 0 && S_ISREG(info.st_mode) && info.st_uid == getuid()) {
			if (info.st_gid != db->st_gid && chown(side, (uid_t)-1, db->st_gid) == 0)
				info.st_gid = db->st_gid;
			if ((info.st_mode & shared) != shared && chmod(side, (info.st_mode & 0777) | shared) == 0)
				info.st_mode |= shared;
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
 * rest. */
static void check_sharing(const char *path, const char *dir, const struct stat *dinfo, const struct stat *finfo,
			  bool exists, struct strlist *warnings)
{
	char gb[32], mine[32];

	if (dinfo->st_mode & S_ISVTX)
		strlist_add_owned(warnings,
				  xasprintf("%s is sticky; ask an administrator to run chmod -t %s (in a sticky "
					    "directory operators cannot remove or replace one another's -wal and -shm "
					    "files)",
					    dir, dir));
	if (!exists)
		return;
	if (finfo->st_mode & S_IRWXO)
		strlist_add_owned(warnings, xasprintf("%s can be read by every user here; run chmod o-rwx %s "
						      "(its mode is %04o)",
						      path, path, (unsigned)(finfo->st_mode & 07777)));
	/* Without setgid, the -wal and -shm files this process may create
	 * would take its own group, and the others could not open them. */
	if (!(dinfo->st_mode & S_ISGID) && (finfo->st_mode & S_IRWXG) && finfo->st_gid != getegid())
		strlist_add_owned(warnings,
				  xasprintf("%s is not setgid; ask an administrator to run chmod g+s %s (the -wal and "
					    "-shm files sirt makes there would belong to your group %s, not to the "
					    "database's group %s)",
					    dir, dir, group_name(getegid(), mine, sizeof(mine)),
					    group_name(finfo->st_gid, gb, sizeof(gb))));
}

enum status store_check_place(const char *path, bool read_only, struct strlist *warnings, struct error *err)
{
	char *dir = dir_of(path);
	struct stat dinfo, finfo;
	bool exists;
	enum status st = STATUS_OK;

	if (stat(dir, &dinfo) != 0 || !S_ISDIR(dinfo.st_mode)) {
		st = error_set(err, read_only ? STATUS_NOT_FOUND : STATUS_CANT_CREATE,
			       "the directory %s of %s does not exist: create it, or give another place with --db FILE "
			       "(for a team: sirt init --shared DIR --group GROUP)",
			       dir, path);
		goto done;
	}
	exists = stat(path, &finfo) == 0;
	if (!exists && errno == EACCES) {
		/* Not even allowed into the directory. */
		st = not_allowed("reach", path, &dinfo, read_only, err);
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
		if (!(finfo.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)))
			st = error_set(err, STATUS_PERMISSION,
				       "%s is read-only (mode %04o): make it writable with chmod ug+w %s, or look with "
				       "--read-only",
				       path, (unsigned)(finfo.st_mode & 07777), path);
		else
			st = not_allowed("write", path, &finfo, false, err);
		goto done;
	}
	/* SQLite keeps the -wal and -shm files beside the database. */
	if (!read_only && access(dir, W_OK | X_OK) != 0) {
		char *is = describe(&dinfo);
		char ub[32];

		st = error_set(err, STATUS_PERMISSION,
			       "%s cannot create files in %s (%s), where SQLite keeps %s-wal and %s-shm beside the "
			       "database: an administrator can fix it with chmod 2770 %s, or look with --read-only",
			       user_name(getuid(), ub, sizeof(ub)), dir, is, path, path, dir);
		free(is);
		goto done;
	}
	if (exists && (st = check_sidecars(path, &finfo, read_only, err)))
		goto done;
	check_sharing(path, dir, &dinfo, &finfo, exists, warnings);
done:
	free(dir);
	return st;
}

/* Gives path to the group, with mode (not changed by the umask). */
static enum status give_to_group(const char *path, gid_t gid, mode_t mode, const char *group, struct error *err)
{
	if (chown(path, (uid_t)-1, gid) != 0)
		return error_set(err, STATUS_PERMISSION,
				 "cannot give %s to group %s: %s (run it as root, or as a member of %s who owns %s)", path,
				 group, strerror(errno), group, path);
	if (chmod(path, mode) != 0)
		return error_set(err, STATUS_PERMISSION, "cannot set the mode of %s: %s (run it as root)", path,
				 strerror(errno));
	return STATUS_OK;
}

enum status store_init_shared(const char *dir, const char *group, struct shared_setup *out, struct error *err)
{
	struct group *gr = getgrnam(group);
	char real[PATH_MAX];
	struct stat info;
	struct store *s = NULL;
	enum status st;
	gid_t gid;

	memset(out, 0, sizeof(*out));
	if (!gr)
		return error_set(err, STATUS_NO_USER, "there is no group \"%s\": create it first (groupadd %s)", group,
				 group);
	gid = gr->gr_gid;
	if (mkdir(dir, 0700) == 0)
		out->created_dir = true;
	else if (errno != EEXIST)
		return error_set(err, errno == EACCES ? STATUS_PERMISSION : STATUS_CANT_CREATE,
				 "cannot create %s: %s (its parent directory must exist)", dir,
				 strerror(errno));
	if (stat(dir, &info) != 0 || !S_ISDIR(info.st_mode))
		return error_set(err, STATUS_CANT_CREATE, "%s is there already, and is not a directory", dir);
	if (!realpath(dir, real))
		return error_set(err, STATUS_IO, "cannot resolve %s: %s", dir, strerror(errno));
	out->dir = xstrdup(real);
	out->db = xasprintf("%s/sirt.db", real);
	/* 2770: setgid, group-writable, never sticky, nothing for others. */
	if ((st = give_to_group(out->dir, gid, 02770, group, err)) ||
	    (st = check_filesystem(out->db, out->dir, false, err)))
		return st;
	if (stat(out->db, &info) != 0) {
		/* Made with its final mode and group, before SQLite opens it:
		 * the -wal and -shm files SQLite makes take the database's mode. */
		int fd = open(out->db, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0660);

		if (fd < 0)
			return error_set(err, STATUS_CANT_CREATE, "cannot create %s: %s", out->db, strerror(errno));
		close(fd);
		out->created_db = true;
	}
	if ((st = give_to_group(out->db, gid, 0660, group, err)))
		return st;
	/* Creates the schema, or checks that a file already there is sirt's
	 * (and brings it up to date); a foreign file is left alone. */
	if ((st = store_open(out->db, false, &s, err)))
		return st;
	out->incidents = 0;
	store_pragma_int(s, "SELECT count(*) FROM incident", &out->incidents, NULL);
	store_close(&s);
	for (int i = 0; i < 2; i++) {
		char *side = xasprintf("%s%s", out->db, i ? "-shm" : "-wal");

		if (stat(side, &info) == 0)
			st = give_to_group(side, gid, 0660, group, err);
		free(side);
		if (st)
			return st;
	}
	return STATUS_OK;
}

void shared_setup_free(struct shared_setup *setup)
{
	FREE(&setup->dir);
	FREE(&setup->db);
}
