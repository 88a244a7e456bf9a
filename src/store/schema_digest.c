/* Run at build time: prints the C file that gives the sirt binary the
 * digest of the schema its migrations make (schema.c), so that opening
 * a file with that schema needs no replay of them. */
#include <stdio.h>

#include "store_internal.h"

int main(void)
{
	struct error err = {0};
	char hex[65];

	if (store_schema_digest(hex, &err)) {
		fprintf(stderr, "sirt-schema-digest: %s\n", err.message);
		return 1;
	}
	printf("/* Made by sirt-schema-digest at build time (src/store/schema.c). */\n"
	       "extern const char store_schema_built[];\n"
	       "const char store_schema_built[] = \"%s\";\n", hex);
	return 0;
}
