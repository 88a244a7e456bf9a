/* End-to-end test harness: runs a real program on a pseudo-terminal and
 * feeds everything it writes into libvterm, so tests can type keys and wait
 * (with a timeout, never a fixed sleep) for text on the emulated screen. */
#ifndef SIRT_TESTS_PTY_PTY_H
#define SIRT_TESTS_PTY_PTY_H

#include <stddef.h>
#include <sys/resource.h>

struct pty_term;

/* Start argv[0] (a path) with argv and envp (NULL-terminated; envp is the
 * complete environment) on a new pseudo-terminal of rows x cols. The window
 * size is set before exec. Returns NULL and prints why to stderr on failure
 * (including when argv[0] cannot be executed). */
struct pty_term *pty_start(const char *const argv[], const char *const envp[],
                           int rows, int cols);

/* Write raw bytes to the program (keys: "\r" Enter, "\033" Esc, "\033[A" Up,
 * "\t" Tab, "\x13" Ctrl-S, UTF-8 text as is). Output is drained meanwhile so
 * a program echoing a large paste cannot deadlock us. Returns 0 or -1. */
int pty_send(struct pty_term *t, const char *bytes);
int pty_send_len(struct pty_term *t, const char *bytes, size_t len);

/* Feed output into libvterm until `text` (UTF-8) appears anywhere on the
 * screen (rows are joined with '\n', so text may span rows only if it says
 * so), or timeout_ms passes. Returns 0 if seen, -1 on timeout or if the
 * program exited without showing it; on failure prints what was awaited and
 * a numbered dump of the screen to stderr. */
int pty_wait_text(struct pty_term *t, const char *text, int timeout_ms);

/* Same, but waits until `text` is NOT on screen. */
int pty_wait_gone(struct pty_term *t, const char *text, int timeout_ms);

/* Drain output until none has arrived for quiet_ms, or timeout_ms in all. */
void pty_settle(struct pty_term *t, int quiet_ms, int timeout_ms);

/* Feed output until row `row` (0-based) holds `text`, or anything but
 * blanks when text is "", or timeout_ms passes. 0, or -1 after a dump of
 * the screen to stderr. */
int pty_wait_row(struct pty_term *t, int row, const char *text, int timeout_ms);

/* For measuring (make bench). The monotonic clock in microseconds, and
 * the moment output was last read on it (0: none yet). */
long long pty_now_us(void);
long long pty_last_output_us(struct pty_term *t);

/* Feed output until more than `since` bytes have come in all (see
 * pty_output), then until none has come for quiet_ms; timeout_ms bounds
 * the whole. 0 once quiet (or the program closed the terminal after
 * writing), -1 when no new output came in time. */
int pty_wait_output(struct pty_term *t, size_t since, int quiet_ms, int timeout_ms);

/* Screen content as UTF-8: rows joined with '\n', trailing spaces trimmed
 * per row; a wide character appears once; combining characters included.
 * Caller frees. NULL on allocation failure. */
char *pty_screen_text(struct pty_term *t);

/* One row (0-based) the same way. Caller frees. NULL if row is out of range. */
char *pty_row_text(struct pty_term *t, int row);

/* 1 if the cell at row,col has the attribute, else 0 (also when out of range). */
int pty_cell_reverse(struct pty_term *t, int row, int col);
int pty_cell_bold(struct pty_term *t, int row, int col);

/* Every byte the program has written so far (to check that no raw escape
 * from untrusted data reached the terminal). Not NUL-terminated; valid until
 * the next call that reads output. */
const unsigned char *pty_output(struct pty_term *t, size_t *len);

/* How many times the program set the window title or icon name (OSC 0,
 * 1 or 2): untrusted text must never do it. */
int pty_title_changes(struct pty_term *t);

/* Change the window size of the terminal (the child gets SIGWINCH) and of
 * the emulated screen. Returns 0 or -1. */
int pty_resize(struct pty_term *t, int rows, int cols);

/* Wait for the child to exit, draining output meanwhile. Stores its wait
 * status in *status (may be NULL). Returns 0 if it exited, -1 on timeout.
 * Calling it again after the child was reaped returns the same status. */
int pty_wait_exit(struct pty_term *t, int timeout_ms, int *status);

/* The child's resource usage (ru_maxrss: its peak resident set, in KiB),
 * once pty_wait_exit or pty_hangup reaped it. 0, or -1 before that. */
int pty_rusage(struct pty_term *t, struct rusage *out);

/* Close the master side (the child sees a hangup), then reap it. A child
 * that survives the hangup for 2 s is killed so this never hangs. */
void pty_hangup(struct pty_term *t);

/* Kill (SIGKILL) the child if still running, reap, free everything.
 * NULL is fine. */
void pty_free(struct pty_term *t);

#endif
