/* Self-test for the pty/libvterm harness, run against /bin/sh so that the
 * end-to-end tests built on it can trust what it reports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "pty.h"

/* Generous: CI machines under sanitizers can be slow, and a passing test
 * never waits this long. */
#define WAIT_MS 5000

static const char *const test_env[] = {
    "TERM=xterm-256color", "LANG=C.UTF-8", "PATH=/usr/bin:/bin", NULL
};

static struct pty_term *start_sh(const char *script, int rows, int cols)
{
    const char *const argv[] = { "/bin/sh", "-c", script, NULL };
    struct pty_term *t = pty_start(argv, test_env, rows, cols);
    assert_non_null(t);
    return t;
}

static void assert_exit_ok(struct pty_term *t)
{
    int status = -1;
    assert_int_equal(pty_wait_exit(t, WAIT_MS, &status), 0);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_utf8_output_and_input(void **state)
{
    (void)state;
    struct pty_term *t = start_sh(
        "printf 'hello\\nK\\304\\261l\\304\\261n\\303\\247 \\345\\205\\250\\n'; "
        "read x; printf 'got:%s\\n' \"$x\"", 24, 80);

    assert_int_equal(pty_wait_text(t, "K\xc4\xb1l\xc4\xb1n\xc3\xa7", WAIT_MS), 0);
    char *screen = pty_screen_text(t);
    assert_non_null(screen);
    assert_non_null(strstr(screen, "hello\nK\xc4\xb1l\xc4\xb1n\xc3\xa7 \xe5\x85\xa8\n"));
    free(screen);

    char *row = pty_row_text(t, 0);
    assert_string_equal(row, "hello");
    free(row);
    assert_null(pty_row_text(t, 24));
    assert_null(pty_row_text(t, -1));

    assert_int_equal(pty_send(t, "abc\r"), 0);
    assert_int_equal(pty_wait_text(t, "got:abc", WAIT_MS), 0);
    assert_exit_ok(t);

    size_t len = 0;
    const unsigned char *out = pty_output(t, &len);
    assert_true(len >= 5);
    assert_memory_equal(out, "hello", 5);
    pty_free(t);
}

static void test_resize_then_query(void **state)
{
    (void)state;
    struct pty_term *t = start_sh("echo ready; read x; stty size", 24, 80);
    assert_int_equal(pty_wait_text(t, "ready", WAIT_MS), 0);
    assert_int_equal(pty_resize(t, 30, 100), 0);
    assert_int_equal(pty_send(t, "\r"), 0);
    assert_int_equal(pty_wait_text(t, "30 100", WAIT_MS), 0);
    assert_exit_ok(t);
    /* The emulated screen followed the resize too. */
    char *row = pty_row_text(t, 29);
    assert_non_null(row);
    free(row);
    assert_null(pty_row_text(t, 30));
    pty_free(t);
}

static void test_resize_sends_sigwinch(void **state)
{
    (void)state;
    struct pty_term *t = start_sh(
        "trap 'stty size; exit 0' WINCH; echo ready; "
        "while :; do sleep 0.05; done", 24, 80);
    assert_int_equal(pty_wait_text(t, "ready", WAIT_MS), 0);
    assert_int_equal(pty_resize(t, 30, 100), 0);
    assert_int_equal(pty_wait_text(t, "30 100", WAIT_MS), 0);
    assert_exit_ok(t);
    pty_free(t);
}

static void test_wait_times_out(void **state)
{
    (void)state;
    struct pty_term *t = start_sh("echo ready; read x", 24, 80);
    assert_int_equal(pty_wait_text(t, "ready", WAIT_MS), 0);
    long long start = now_ms();
    assert_int_equal(pty_wait_text(t, "never shown", 300), -1);
    long long took = now_ms() - start;
    assert_true(took >= 300);
    assert_true(took < 2000);
    assert_int_equal(pty_wait_gone(t, "ready", 300), -1);
    pty_free(t); /* still blocked in read: must be killed, not waited on */
}

static void test_exit_does_not_hang(void **state)
{
    (void)state;
    struct pty_term *t = start_sh("echo bye", 24, 80);
    long long start = now_ms();
    /* The program exits without printing this: fail fast, not at timeout. */
    assert_int_equal(pty_wait_text(t, "never shown", 20000), -1);
    assert_true(now_ms() - start < 10000);
    char *screen = pty_screen_text(t);
    assert_non_null(strstr(screen, "bye"));
    free(screen);
    assert_exit_ok(t);
    assert_int_equal(pty_send(t, "x"), -1);
    pty_free(t);
}

static void test_wide_and_combining(void **state)
{
    (void)state;
    /* a, U+5168 (wide), b; then e + U+0301 combining acute, x */
    struct pty_term *t = start_sh(
        "printf 'a\\345\\205\\250b\\ne\\314\\201x\\n'; read x", 24, 80);
    assert_int_equal(pty_wait_text(t, "b", WAIT_MS), 0);
    pty_settle(t, 50, 1000);
    char *row = pty_row_text(t, 0);
    assert_string_equal(row, "a\xe5\x85\xa8" "b");
    free(row);
    row = pty_row_text(t, 1);
    assert_string_equal(row, "e\xcc\x81x");
    free(row);
    assert_int_equal(pty_wait_text(t, "\xe5\x85\xa8" "b", WAIT_MS), 0);
    pty_free(t);
}

static void test_attributes(void **state)
{
    (void)state;
    struct pty_term *t = start_sh(
        "printf '\\033[1mB\\033[0m \\033[7mR\\033[0m N\\n'; read x", 24, 80);
    assert_int_equal(pty_wait_text(t, "B R N", WAIT_MS), 0);
    assert_int_equal(pty_cell_bold(t, 0, 0), 1);
    assert_int_equal(pty_cell_reverse(t, 0, 0), 0);
    assert_int_equal(pty_cell_reverse(t, 0, 2), 1);
    assert_int_equal(pty_cell_bold(t, 0, 2), 0);
    assert_int_equal(pty_cell_bold(t, 0, 4), 0);
    assert_int_equal(pty_cell_reverse(t, 0, 4), 0);
    assert_int_equal(pty_cell_bold(t, 99, 0), 0);
    pty_free(t);
}

static void test_wait_gone_and_altscreen(void **state)
{
    (void)state;
    struct pty_term *t = start_sh(
        "echo MAIN; read x; printf '\\033[?1049h\\033[H\\033[2JALT'; read x; "
        "printf '\\033[?1049l'; echo back; read x", 24, 80);
    assert_int_equal(pty_wait_text(t, "MAIN", WAIT_MS), 0);
    assert_int_equal(pty_send(t, "\r"), 0);
    assert_int_equal(pty_wait_text(t, "ALT", WAIT_MS), 0);
    assert_int_equal(pty_wait_gone(t, "MAIN", WAIT_MS), 0);
    assert_int_equal(pty_send(t, "\r"), 0);
    assert_int_equal(pty_wait_text(t, "back", WAIT_MS), 0);
    assert_int_equal(pty_wait_gone(t, "ALT", WAIT_MS), 0);
    assert_int_equal(pty_wait_text(t, "MAIN", WAIT_MS), 0);
    pty_free(t);
}

static void test_terminal_answers_queries(void **state)
{
    (void)state;
    /* Device Attributes: libvterm's answer must reach the program. */
    struct pty_term *t = start_sh(
        "stty -echo; printf '\\033[c'; read x; "
        "case \"$x\" in *'[?'*c) echo DA-OK;; *) echo DA-BAD;; esac", 24, 80);
    pty_settle(t, 100, 2000);
    assert_int_equal(pty_send(t, "\r"), 0);
    assert_int_equal(pty_wait_text(t, "DA-", WAIT_MS), 0);
    assert_int_equal(pty_wait_text(t, "DA-OK", WAIT_MS), 0);
    assert_exit_ok(t);
    pty_free(t);
}

static void test_large_send_does_not_deadlock(void **state)
{
    (void)state;
    struct pty_term *t = start_sh("cat >/dev/null; echo done", 24, 80);
    const char line[] = "0123456789abcdef0123456789abcdef\r";
    size_t n = 4000, one = sizeof line - 1;
    char *big = malloc(n * one);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        memcpy(big + i * one, line, one);
    assert_int_equal(pty_send_len(t, big, n * one), 0);
    free(big);
    assert_int_equal(pty_send(t, "\x04"), 0);
    assert_int_equal(pty_wait_text(t, "done", WAIT_MS), 0);
    assert_exit_ok(t);
    pty_free(t);
}

static void test_hangup(void **state)
{
    (void)state;
    struct pty_term *t = start_sh("echo ready; read x; sleep 30", 24, 80);
    assert_int_equal(pty_wait_text(t, "ready", WAIT_MS), 0);
    long long start = now_ms();
    pty_hangup(t);
    assert_true(now_ms() - start < 1500); /* died of the hangup, not killed */
    int status = 0;
    assert_int_equal(pty_wait_exit(t, 0, &status), 0);
    assert_true(WIFSIGNALED(status) || WIFEXITED(status));
    assert_int_equal(pty_send(t, "x"), -1);
    assert_int_equal(pty_resize(t, 10, 10), -1);
    pty_free(t);
}

static void test_bad_program(void **state)
{
    (void)state;
    const char *const argv[] = { "/nonexistent/program", NULL };
    assert_null(pty_start(argv, test_env, 24, 80));
    const char *const sh[] = { "/bin/sh", NULL };
    assert_null(pty_start(sh, test_env, 0, 80));
    pty_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_output_and_input),
        cmocka_unit_test(test_resize_then_query),
        cmocka_unit_test(test_resize_sends_sigwinch),
        cmocka_unit_test(test_wait_times_out),
        cmocka_unit_test(test_exit_does_not_hang),
        cmocka_unit_test(test_wide_and_combining),
        cmocka_unit_test(test_attributes),
        cmocka_unit_test(test_wait_gone_and_altscreen),
        cmocka_unit_test(test_terminal_answers_queries),
        cmocka_unit_test(test_large_send_does_not_deadlock),
        cmocka_unit_test(test_hangup),
        cmocka_unit_test(test_bad_program),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
