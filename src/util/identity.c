/* The operator's identity, from getpwuid(getuid()). */
#include "sirt/identity.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sirt/mem.h"

void identity_current(struct actor *out)
{
	uid_t uid = getuid();
	struct passwd *pw = getpwuid(uid);
	const char *ssh = getenv("SSH_CONNECTION");

	memset(out, 0, sizeof(*out));
	out->uid = (unsigned)uid;
	if (pw && pw->pw_name && *pw->pw_name)
		snprintf(out->login, sizeof(out->login), "%s", pw->pw_name);
	else
		snprintf(out->login, sizeof(out->login), "uid%u", out->uid);
	if (pw && pw->pw_gecos && *pw->pw_gecos) {
		size_t n = strcspn(pw->pw_gecos, ",");
		snprintf(out->name, sizeof(out->name), "%.*s", (int)n, pw->pw_gecos);
	}
	if (!out->name[0])
		snprintf(out->name, sizeof(out->name), "%s", out->login);
	if (ssh)
		snprintf(out->ssh, sizeof(out->ssh), "%s", ssh);
}

char *identity_home(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home && *home)
		return xstrdup(home);
	pw = getpwuid(getuid());
	return pw && pw->pw_dir && *pw->pw_dir ? xstrdup(pw->pw_dir) : NULL;
}
