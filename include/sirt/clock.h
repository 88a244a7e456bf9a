/* The clock every operation reads its "now" from, so that test builds
 * can move it. */
#ifndef SIRT_CLOCK_H
#define SIRT_CLOCK_H

#include <time.h>

/* The time now; in a test build (meson -Dtest_clock=true) the time
 * SIRT_TEST_NOW gives in UTC ("2026-11-22T14:05:00Z"), when it is set. */
time_t session_now(void);

#endif
