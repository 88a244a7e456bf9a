/* The clock every operation uses: the system's, or in test builds the
 * one the tests set, so that they see deadlines come due without
 * waiting for them. */
#include "sirt/clock.h"

#include <stdlib.h>

#include "sirt/timefmt.h"
#include "sirt_build.h"

time_t session_now(void)
{
#if SIRT_TEST_CLOCK
	/* Test builds only (meson -Dtest_clock=true). */
	const char *fixed = getenv("SIRT_TEST_NOW");
	time_t t;

	if (fixed && *fixed && time_parse_utc(fixed, &t) == 0)
		return t;
#endif
	return time(NULL);
}
