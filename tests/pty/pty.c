/* Pseudo-terminal test harness: spawns a program on a fresh pty, mirrors
 * its output into a libvterm screen and answers terminal queries, so
 * end-to-end tests can drive a curses program like a user would. */
#include "pty.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <vterm.h>

/* Bound on one pump so a program that never stops writing cannot starve
 * the caller's timeout checks. */
#define PTY_PUMP_MAX (64 * 1024)
/* Longest single poll; keeps timeouts and exit detection responsive. */
#define PTY_SLICE_MS 50
/* How long pty_send may wait for the program to accept input. */
#define PTY_SEND_TIMEOUT_MS 5000
/* Grace period after a hangup before the child is killed. */
#define PTY_HANGUP_GRACE_MS 2000

struct pty_buf {
    unsigned char *p;
    size_t len, cap;
};

struct pty_term {
    int master;          /* -1 once closed by pty_hangup */
    pid_t pid;
    int reaped;          /* child collected by wait4; status is valid */
    int status;
    struct rusage usage; /* the child's, once reaped */
    long long last_output_us; /* when output was last read; 0: never */
    int eof;             /* no more output can come (EIO/EOF or closed) */
    int rows, cols;
    VTerm *vt;
    VTermScreen *screen;
    struct pty_buf output; /* everything the program wrote */
    struct pty_buf outq;   /* bytes waiting to go to the program */
    int outq_failed;       /* a vterm reply could not be queued */
    int title_changes;     /* OSC 0, 1 or 2 seen by the emulator */
};

long long pty_now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static long long pty_now_ms(void)
{
    return pty_now_us() / 1000;
}

static int pty_buf_append(struct pty_buf *b, const void *data, size_t len)
{
    if (len == 0)
        return 0;
    if (b->cap - b->len < len) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < len) {
            if (cap > SIZE_MAX / 2)
                return -1;
            cap *= 2;
        }
        unsigned char *p = realloc(b->p, cap);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, len);
    b->len += len;
    return 0;
}

static void pty_buf_consume(struct pty_buf *b, size_t n)
{
    memmove(b->p, b->p + n, b->len - n);
    b->len -= n;
}

/* libvterm calls this with answers to queries (DA, DSR, ...). They are only
 * queued here because writing may block; the pump sends them. */
static void pty_on_vterm_output(const char *s, size_t len, void *user)
{
    struct pty_term *t = user;
    if (pty_buf_append(&t->outq, s, len) < 0)
        t->outq_failed = 1;
}

/* The screen keeps its own state; this only counts the properties a
 * test must see untouched: the window title and icon name. */
static int pty_on_settermprop(VTermProp prop, VTermValue *val, void *user)
{
    struct pty_term *t = user;
    (void)val;
    if (prop == VTERM_PROP_TITLE || prop == VTERM_PROP_ICONNAME)
        t->title_changes++;
    return 1;
}

static const VTermScreenCallbacks pty_screen_callbacks = {
    .settermprop = pty_on_settermprop,
};

/* Writes as much of the queue as the pty accepts right now.
 * Returns 0 (possibly with bytes left over) or -1 if the pty is gone. */
static int pty_flush_queue(struct pty_term *t)
{
    while (t->outq.len > 0) {
        if (t->master < 0)
            return -1;
        ssize_t n = write(t->master, t->outq.p, t->outq.len);
        if (n > 0) {
            pty_buf_consume(&t->outq, (size_t)n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        return -1;
    }
    return 0;
}

static void pty_try_reap(struct pty_term *t)
{
    if (t->reaped)
        return;
    int st;
    pid_t r = wait4(t->pid, &st, WNOHANG, &t->usage);
    if (r == t->pid) {
        t->reaped = 1;
        t->status = st;
    }
}

/* Reads whatever is available without blocking. Returns bytes read. */
static size_t pty_read_available(struct pty_term *t)
{
    size_t total = 0;
    char buf[4096];

    while (!t->eof && t->master >= 0 && total < PTY_PUMP_MAX) {
        ssize_t n = read(t->master, buf, sizeof buf);
        if (n > 0) {
            if (pty_buf_append(&t->output, buf, (size_t)n) < 0)
                fprintf(stderr, "pty: out of memory recording output\n");
            t->last_output_us = pty_now_us();
            vterm_input_write(t->vt, buf, (size_t)n);
            total += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        /* Linux reports EIO once every slave fd is closed, i.e. the
         * program (and anything it spawned) has gone. */
        t->eof = 1;
    }
    if (t->outq.len > 0 && !t->eof)
        pty_flush_queue(t);
    return total;
}

/* Waits up to timeout_ms for output (or for room to send queued input) and
 * processes it. Returns bytes of output read. */
static size_t pty_pump(struct pty_term *t, int timeout_ms)
{
    if (timeout_ms < 0)
        timeout_ms = 0;
    if (t->eof || t->master < 0) {
        /* A hung-up master polls as always ready; sleep instead of
         * spinning while callers wait for the child to be reaped. */
        poll(NULL, 0, timeout_ms);
        return 0;
    }
    struct pollfd p = { .fd = t->master, .events = POLLIN };
    if (t->outq.len > 0)
        p.events |= POLLOUT;
    int r = poll(&p, 1, timeout_ms);
    if (r <= 0)
        return 0;
    if (p.revents & POLLOUT)
        pty_flush_queue(t);
    if (p.revents & (POLLIN | POLLHUP | POLLERR))
        return pty_read_available(t);
    return 0;
}

static void pty_close_fd(int *fd)
{
    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

static int pty_set_cloexec(int fd)
{
    int fl = fcntl(fd, F_GETFD);
    return fl < 0 ? -1 : fcntl(fd, F_SETFD, fl | FD_CLOEXEC);
}

/* Runs in the forked child: only async-signal-safe calls until execve. */
static void pty_child(int slave, int errfd, const char *const argv[],
                      const char *const envp[])
{
    struct sigaction sa;
    sigset_t none;

    /* A test runner may have ignored or blocked signals; the program under
     * test must start with defaults or SIGWINCH/SIGHUP tests lie. */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    for (int sig = 1; sig < NSIG; sig++)
        sigaction(sig, &sa, NULL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);

    if (setsid() < 0 || ioctl(slave, TIOCSCTTY, 0) < 0)
        goto fail;
    for (int fd = 0; fd <= 2; fd++) {
        if (slave == fd) {
            int fl = fcntl(fd, F_GETFD);
            if (fl < 0 || fcntl(fd, F_SETFD, fl & ~FD_CLOEXEC) < 0)
                goto fail;
        } else if (dup2(slave, fd) < 0) {
            goto fail;
        }
    }
    if (slave > 2)
        close(slave);
    /* execve's prototype predates const; it does not modify the arrays. */
    execve(argv[0], (char *const *)argv, (char *const *)envp);
fail:;
    int e = errno;
    ssize_t ignored = write(errfd, &e, sizeof e);
    (void)ignored;
    _exit(127);
}

/* Opens a master/slave pair with the slave already sized and in UTF-8
 * input mode, so the program sees the right terminal from its first
 * instruction. */
static int pty_open_pair(int rows, int cols, int *master_out, int *slave_out)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    int slave = -1;
    const char *what;

    if (master < 0) {
        what = "posix_openpt";
        goto fail;
    }
    what = "grantpt/unlockpt";
    if (pty_set_cloexec(master) < 0 || grantpt(master) < 0 || unlockpt(master) < 0)
        goto fail;
    what = "ptsname";
    const char *name = ptsname(master);
    if (!name)
        goto fail;
    what = name;
    slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave < 0)
        goto fail;

    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    what = "TIOCSWINSZ";
    if (ioctl(slave, TIOCSWINSZ, &ws) < 0)
        goto fail;

    struct termios tio;
    what = "tcgetattr/tcsetattr";
    if (tcgetattr(slave, &tio) < 0)
        goto fail;
    tio.c_iflag |= IUTF8; /* so the line editor erases whole characters */
    if (tcsetattr(slave, TCSANOW, &tio) < 0)
        goto fail;

    what = "O_NONBLOCK";
    int fl = fcntl(master, F_GETFL);
    if (fl < 0 || fcntl(master, F_SETFL, fl | O_NONBLOCK) < 0)
        goto fail;

    *master_out = master;
    *slave_out = slave;
    return 0;
fail:
    fprintf(stderr, "pty: %s: %s\n", what, strerror(errno));
    pty_close_fd(&slave);
    pty_close_fd(&master);
    return -1;
}

struct pty_term *pty_start(const char *const argv[], const char *const envp[],
                           int rows, int cols)
{
    if (!argv || !argv[0] || !envp || rows <= 0 || cols <= 0 ||
        rows > 0xffff || cols > 0xffff) {
        fprintf(stderr, "pty_start: invalid arguments\n");
        return NULL;
    }

    struct pty_term *t = calloc(1, sizeof *t);
    if (!t) {
        fprintf(stderr, "pty_start: out of memory\n");
        return NULL;
    }
    t->master = -1;
    t->pid = -1;
    t->rows = rows;
    t->cols = cols;

    t->vt = vterm_new(rows, cols);
    if (!t->vt) {
        fprintf(stderr, "pty_start: vterm_new failed\n");
        free(t);
        return NULL;
    }
    vterm_set_utf8(t->vt, 1);
    vterm_output_set_callback(t->vt, pty_on_vterm_output, t);
    t->screen = vterm_obtain_screen(t->vt);
    vterm_screen_set_callbacks(t->screen, &pty_screen_callbacks, t);
    vterm_screen_enable_altscreen(t->screen, 1);
    vterm_screen_reset(t->screen, 1);

    int slave = -1;
    int errpipe[2] = { -1, -1 };
    if (pty_open_pair(rows, cols, &t->master, &slave) < 0)
        goto fail;
    if (pipe(errpipe) < 0 || pty_set_cloexec(errpipe[0]) < 0 ||
        pty_set_cloexec(errpipe[1]) < 0) {
        fprintf(stderr, "pty_start: pipe: %s\n", strerror(errno));
        goto fail;
    }

    fflush(NULL); /* else buffered test output would be written twice */
    t->pid = fork();
    if (t->pid < 0) {
        fprintf(stderr, "pty_start: fork: %s\n", strerror(errno));
        goto fail;
    }
    if (t->pid == 0)
        pty_child(slave, errpipe[1], argv, envp);

    pty_close_fd(&slave);
    pty_close_fd(&errpipe[1]);

    /* The close-on-exec pipe reports execve failure synchronously, so a bad
     * path fails here instead of as a mysterious timeout later. */
    int child_errno = 0;
    ssize_t n;
    do
        n = read(errpipe[0], &child_errno, sizeof child_errno);
    while (n < 0 && errno == EINTR);
    pty_close_fd(&errpipe[0]);
    if (n == (ssize_t)sizeof child_errno) {
        fprintf(stderr, "pty_start: cannot run %s: %s\n", argv[0],
                strerror(child_errno));
        goto fail;
    }
    return t;

fail:
    pty_close_fd(&slave);
    pty_close_fd(&errpipe[0]);
    pty_close_fd(&errpipe[1]);
    pty_free(t);
    return NULL;
}

int pty_send(struct pty_term *t, const char *bytes)
{
    return pty_send_len(t, bytes, strlen(bytes));
}

int pty_send_len(struct pty_term *t, const char *bytes, size_t len)
{
    if (!t || t->master < 0 || t->eof) {
        fprintf(stderr, "pty_send: the program's terminal is closed\n");
        return -1;
    }
    /* Queued behind any pending vterm replies so ordering is preserved. */
    if (pty_buf_append(&t->outq, bytes, len) < 0) {
        fprintf(stderr, "pty_send: out of memory\n");
        return -1;
    }
    long long deadline = pty_now_ms() + PTY_SEND_TIMEOUT_MS;
    for (;;) {
        if (pty_flush_queue(t) < 0) {
            fprintf(stderr, "pty_send: write: %s\n", strerror(errno));
            t->outq.len = 0;
            return -1;
        }
        if (t->outq.len == 0)
            return 0;
        long long left = deadline - pty_now_ms();
        if (left <= 0 || t->eof) {
            fprintf(stderr, "pty_send: program did not accept %zu bytes of input\n",
                    t->outq.len);
            t->outq.len = 0;
            return -1;
        }
        /* Keep reading: a program echoing our input blocks when its output
         * is not drained, and then it stops reading too. */
        pty_pump(t, left < PTY_SLICE_MS ? (int)left : PTY_SLICE_MS);
    }
}

/* Appends code point c as UTF-8; invalid values become U+FFFD so the
 * result is always valid UTF-8. */
static size_t pty_put_utf8(char *out, uint32_t c)
{
    if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        c = 0xfffd;
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xc0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3f));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xe0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
        out[2] = (char)(0x80 | (c & 0x3f));
        return 3;
    }
    out[0] = (char)(0xf0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
    out[3] = (char)(0x80 | (c & 0x3f));
    return 4;
}

/* Worst case bytes for one row: every cell full of 4-byte code points. */
static size_t pty_row_capacity(const struct pty_term *t)
{
    return (size_t)t->cols * VTERM_MAX_CHARS_PER_CELL * 4;
}

/* Writes row `row` into out (room for pty_row_capacity bytes), trimmed,
 * not NUL-terminated. Returns its length. */
static size_t pty_render_row(struct pty_term *t, int row, char *out)
{
    size_t len = 0, keep = 0;

    for (int col = 0; col < t->cols; col++) {
        VTermScreenCell cell;
        VTermPos pos = { .row = row, .col = col };
        if (!vterm_screen_get_cell(t->screen, pos, &cell))
            continue;
        /* libvterm marks the right half of a wide character with -1. */
        if (cell.chars[0] == (uint32_t)-1)
            continue;
        if (cell.chars[0] == 0) {
            out[len++] = ' ';
            continue;
        }
        size_t before = len;
        /* get_cell leaves no terminator when all slots are used. */
        for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
            len += pty_put_utf8(out + len, cell.chars[i]);
        if (!(len - before == 1 && out[before] == ' '))
            keep = len;
    }
    return keep;
}

char *pty_row_text(struct pty_term *t, int row)
{
    if (!t || row < 0 || row >= t->rows)
        return NULL;
    char *s = malloc(pty_row_capacity(t) + 1);
    if (!s)
        return NULL;
    size_t n = pty_render_row(t, row, s);
    s[n] = '\0';
    return s;
}

char *pty_screen_text(struct pty_term *t)
{
    if (!t)
        return NULL;
    size_t cap = (size_t)t->rows * (pty_row_capacity(t) + 1) + 1;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    size_t len = 0;
    for (int row = 0; row < t->rows; row++) {
        if (row > 0)
            s[len++] = '\n';
        len += pty_render_row(t, row, s + len);
    }
    s[len] = '\0';
    return s;
}

static int pty_get_cell(struct pty_term *t, int row, int col, VTermScreenCell *cell)
{
    if (!t || row < 0 || row >= t->rows || col < 0 || col >= t->cols)
        return -1;
    VTermPos pos = { .row = row, .col = col };
    return vterm_screen_get_cell(t->screen, pos, cell) ? 0 : -1;
}

int pty_cell_reverse(struct pty_term *t, int row, int col)
{
    VTermScreenCell cell;
    return pty_get_cell(t, row, col, &cell) == 0 && cell.attrs.reverse;
}

int pty_cell_bold(struct pty_term *t, int row, int col)
{
    VTermScreenCell cell;
    return pty_get_cell(t, row, col, &cell) == 0 && cell.attrs.bold;
}

static void pty_dump_screen(struct pty_term *t)
{
    char *row = malloc(pty_row_capacity(t) + 1);
    if (!row)
        return;
    fprintf(stderr, "---- screen %dx%d ----\n", t->rows, t->cols);
    for (int r = 0; r < t->rows; r++) {
        size_t n = pty_render_row(t, r, row);
        row[n] = '\0';
        fprintf(stderr, "%3d|%s\n", r, row);
    }
    fprintf(stderr, "---- end of screen ----\n");
    free(row);
}

static int pty_wait_for(struct pty_term *t, const char *text, int want_present,
                        int timeout_ms)
{
    if (!t || !text)
        return -1;
    long long start = pty_now_ms();
    long long deadline = start + (timeout_ms > 0 ? timeout_ms : 0);
    const char *why;

    pty_read_available(t);
    for (;;) {
        char *s = pty_screen_text(t);
        if (!s) {
            why = "out of memory";
            break;
        }
        int present = strstr(s, text) != NULL;
        free(s);
        if (present == want_present)
            return 0;
        if (t->eof) {
            why = "the program closed the terminal";
            break;
        }
        long long left = deadline - pty_now_ms();
        if (left <= 0) {
            why = "timed out";
            break;
        }
        pty_pump(t, left < PTY_SLICE_MS ? (int)left : PTY_SLICE_MS);
    }
    fprintf(stderr, "pty: %s after %lld ms waiting for \"%s\" to %s\n", why,
            pty_now_ms() - start, text, want_present ? "appear" : "disappear");
    /* SIRT_E2E_GDB=1: where the program is, when it seems not to answer. */
    if (getenv("SIRT_E2E_GDB") && t->pid > 0 && !t->reaped) {
        char cmd[128];
        snprintf(cmd, sizeof(cmd), "gdb -p %ld -batch -ex 'thread apply all bt' >&2 2>/dev/null",
                 (long)t->pid);
        if (system(cmd) != 0)
            fprintf(stderr, "pty: gdb could not attach\n");
    }
    pty_dump_screen(t);
    return -1;
}

int pty_wait_text(struct pty_term *t, const char *text, int timeout_ms)
{
    return pty_wait_for(t, text, 1, timeout_ms);
}

int pty_wait_gone(struct pty_term *t, const char *text, int timeout_ms)
{
    return pty_wait_for(t, text, 0, timeout_ms);
}

void pty_settle(struct pty_term *t, int quiet_ms, int timeout_ms)
{
    if (!t)
        return;
    long long now = pty_now_ms();
    long long deadline = now + timeout_ms;
    long long last = now;

    while (!t->eof && now < deadline && now - last < quiet_ms) {
        long long wait = quiet_ms - (now - last);
        if (wait > deadline - now)
            wait = deadline - now;
        if (pty_pump(t, (int)wait) > 0)
            last = pty_now_ms();
        now = pty_now_ms();
    }
}

int pty_title_changes(struct pty_term *t)
{
    return t->title_changes;
}

int pty_wait_row(struct pty_term *t, int row, const char *text, int timeout_ms)
{
    long long deadline = pty_now_ms() + (timeout_ms > 0 ? timeout_ms : 0);

    if (!t || !text || row < 0 || row >= t->rows)
        return -1;
    pty_read_available(t);
    for (;;) {
        char *line = pty_row_text(t, row);
        int found = line && (*text ? strstr(line, text) != NULL : *line != '\0');

        free(line);
        if (found)
            return 0;
        long long left = deadline - pty_now_ms();
        if (left <= 0 || t->eof)
            break;
        pty_pump(t, left < PTY_SLICE_MS ? (int)left : PTY_SLICE_MS);
    }
    fprintf(stderr, "pty: %s waiting for row %d to show \"%s\"\n",
            t->eof ? "the program closed the terminal" : "timed out", row,
            *text ? text : "anything");
    pty_dump_screen(t);
    return -1;
}

int pty_wait_output(struct pty_term *t, size_t since, int quiet_ms, int timeout_ms)
{
    long long deadline = pty_now_ms() + (timeout_ms > 0 ? timeout_ms : 0);

    if (!t)
        return -1;
    pty_read_available(t);
    while (t->output.len <= since) {
        long long left = deadline - pty_now_ms();
        if (left <= 0 || t->eof)
            return -1;
        pty_pump(t, left < PTY_SLICE_MS ? (int)left : PTY_SLICE_MS);
    }
    for (;;) {
        long long quiet_left = quiet_ms - (pty_now_us() - t->last_output_us) / 1000;
        long long left = deadline - pty_now_ms();
        if (quiet_left <= 0 || t->eof)
            return 0;
        if (left <= 0)
            return -1;
        pty_pump(t, (int)(quiet_left < left ? quiet_left : left));
    }
}

long long pty_last_output_us(struct pty_term *t)
{
    return t ? t->last_output_us : 0;
}

int pty_rusage(struct pty_term *t, struct rusage *out)
{
    if (!t || !t->reaped)
        return -1;
    *out = t->usage;
    return 0;
}

const unsigned char *pty_output(struct pty_term *t, size_t *len)
{
    static const unsigned char empty[1];
    if (len)
        *len = t && t->output.p ? t->output.len : 0;
    return t && t->output.p ? t->output.p : empty;
}

int pty_resize(struct pty_term *t, int rows, int cols)
{
    if (!t || rows <= 0 || cols <= 0 || rows > 0xffff || cols > 0xffff)
        return -1;
    if (t->master < 0) {
        fprintf(stderr, "pty_resize: the terminal is closed\n");
        return -1;
    }
    /* Resize the emulator first: the program redraws on SIGWINCH and that
     * output must be interpreted at the new size. */
    vterm_set_size(t->vt, rows, cols);
    t->rows = rows;
    t->cols = cols;
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    if (ioctl(t->master, TIOCSWINSZ, &ws) < 0) {
        fprintf(stderr, "pty_resize: TIOCSWINSZ: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

int pty_wait_exit(struct pty_term *t, int timeout_ms, int *status)
{
    if (!t)
        return -1;
    long long deadline = pty_now_ms() + (timeout_ms > 0 ? timeout_ms : 0);

    for (;;) {
        pty_try_reap(t);
        if (t->reaped) {
            /* Whatever it wrote just before exiting is still buffered. */
            pty_read_available(t);
            if (status)
                *status = t->status;
            return 0;
        }
        long long left = deadline - pty_now_ms();
        if (left <= 0)
            return -1;
        pty_pump(t, left < PTY_SLICE_MS ? (int)left : PTY_SLICE_MS);
    }
}

void pty_hangup(struct pty_term *t)
{
    if (!t)
        return;
    pty_read_available(t);
    pty_close_fd(&t->master);
    t->eof = 1;
    t->outq.len = 0;
    if (pty_wait_exit(t, PTY_HANGUP_GRACE_MS, NULL) < 0 && !t->reaped) {
        fprintf(stderr, "pty_hangup: pid %ld ignored the hangup; killing it\n",
                (long)t->pid);
        kill(t->pid, SIGKILL);
        pty_wait_exit(t, PTY_HANGUP_GRACE_MS, NULL);
    }
}

void pty_free(struct pty_term *t)
{
    if (!t)
        return;
    if (t->pid > 0 && !t->reaped) {
        kill(t->pid, SIGKILL);
        int st;
        pid_t r;
        do
            r = wait4(t->pid, &st, 0, &t->usage);
        while (r < 0 && errno == EINTR);
        t->reaped = 1;
    }
    pty_close_fd(&t->master);
    if (t->vt)
        vterm_free(t->vt);
    free(t->output.p);
    free(t->outq.p);
    free(t);
}
