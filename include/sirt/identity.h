/* Who is using sirt: the login of the real uid from the password database.
 * $USER and $LOGNAME are never consulted (anyone can set them). */
#ifndef SIRT_IDENTITY_H
#define SIRT_IDENTITY_H

struct actor {
	unsigned uid;
	char login[64];
	char name[128];		/* full name from the GECOS field, or the login */
	char ssh[128];		/* SSH_CONNECTION, recorded as information only */
};

void identity_current(struct actor *out);
/* The home directory: $HOME if set and not empty, else the account's in
 * the password database; NULL if neither (never the current directory).
 * A new string. */
char *identity_home(void);

#endif
