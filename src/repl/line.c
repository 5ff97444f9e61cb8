/* repl_line — see line.h.
 *
 * How a message gets above the line being typed: libedit draws the prompt
 * and the line (the "edit area") from wherever the cursor was when it
 * started, and EL_REFRESH forgets what it drew and draws it all again
 * from the cursor's position.  So the read-character function (ours, set
 * with EL_GETCFN, which polls stdin with a timeout) moves the cursor back
 * to the first column of the edit area, clears to the end of the screen,
 * prints the message, and asks for EL_REFRESH: the prompt and the
 * half-typed line reappear under the message with the cursor where it
 * was.  libedit does the same itself after SIGCONT. */
#define _GNU_SOURCE    /* wcwidth */

#include "repl/line.h"

#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "util/util.h"

#define HISTORY_KEEP 1000    /* command lines kept across sessions */
#define TICK_S 0.25          /* how often the idle hook runs */

struct rline {
    rline_hooks h;
    bool editing, interactive;
    EditLine *el;
    History *hist;
    char *history_path;
    char *last_entry;        /* the last line added to the history */
    char prompt[512];        /* the prompt libedit drew last */
    double next_tick;
    strbuf in;               /* plain reader: bytes read, not yet returned */
    bool eof;
    bool keys;               /* single-key mode (watch) */
    struct termios saved;
};

/* --- output ------------------------------------------------------------- */

static void out_all(const char *s, size_t n)
{
    fflush(stdout);
    while (n > 0) {
        ssize_t k = write(STDOUT_FILENO, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return;
        s += k;
        n -= (size_t)k;
    }
}

static void out_sb(strbuf *sb)
{
    out_all(sb_str(sb), sb->len);
    sb_free(sb);
}

/* Text with "\n" turned into "\r\n": the terminal may be in raw mode. */
static void add_crlf(strbuf *sb, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (*p == '\n')
            sb_addc(sb, '\r');
        sb_addc(sb, *p);
    }
    if (!*text || text[strlen(text) - 1] != '\n')
        sb_add(sb, "\r\n");
}

/* The prompt as the terminal shows it: RLINE_ESC markers removed. */
static void add_prompt(strbuf *sb, const char *p)
{
    for (; *p; p++)
        if (*p != RLINE_ESC)
            sb_addc(sb, *p);
}

/* --- where the cursor is ------------------------------------------------- */

typedef struct pos {
    int row, col;
} pos;

static int term_cols(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

/* Cells a character takes at column col, as libedit draws it: tabs to the
 * next stop, control characters as ^X. */
static int cells(wchar_t c, int col)
{
    if (c == L'\t')
        return 8 - col % 8;
    if (c < 32 || c == 127)
        return 2;
    int w = wcwidth(c);
    return w < 0 ? 4 : w;
}

static int prompt_cells(const char *p)
{
    int w = 0;
    bool hidden = false;
    mbstate_t st;
    memset(&st, 0, sizeof st);
    size_t left = strlen(p);
    while (left > 0) {
        if (*p == RLINE_ESC) {
            hidden = !hidden;
            p++;
            left--;
            continue;
        }
        wchar_t wc;
        size_t k = mbrtowc(&wc, p, left, &st);
        if (k == 0 || k == (size_t)-1 || k == (size_t)-2) {
            memset(&st, 0, sizeof st);
            k = 1;
            wc = L'?';
        }
        if (!hidden)
            w += cells(wc, w);
        p += k;
        left -= k;
    }
    return w;
}

/* The cursor's and the line end's rows and columns in the edit area. */
static void geometry(rline *l, pos *cur, pos *end)
{
    int cols = term_cols();
    const LineInfoW *li = el_wline(l->el);
    int x = prompt_cells(l->prompt), at = -1;
    for (const wchar_t *p = li->buffer; p < li->lastchar; p++) {
        if (p == li->cursor)
            at = x;
        x += cells(*p, x % cols);
    }
    if (at < 0)
        at = x;
    *cur = (pos){at / cols, at % cols};
    *end = (pos){x / cols, x % cols};
}

/* Moves to the first column of the edit area. */
static void add_to_origin(strbuf *sb, pos cur)
{
    if (cur.row > 0)
        sb_printf(sb, "\033[%dA", cur.row);
    sb_addc(sb, '\r');
}

/* Moves from the start of row `from` of the edit area to p. */
static void add_to_pos(strbuf *sb, int from, pos p)
{
    if (p.row > from)
        sb_printf(sb, "\033[%dB", p.row - from);
    sb_addc(sb, '\r');
    if (p.col > 0)
        sb_printf(sb, "\033[%dC", p.col);
}

/* --- redrawing while libedit waits for a key ----------------------------- */

/* Prints text above the edit area and draws the edit area again below it. */
static void show_above(rline *l, const char *text)
{
    pos cur, end;
    geometry(l, &cur, &end);
    strbuf sb = {0};
    add_to_origin(&sb, cur);
    sb_add(&sb, "\033[J");
    if (text)
        add_crlf(&sb, text);
    out_sb(&sb);
    el_set(l->el, EL_REFRESH);
}

/* Prints text below the edit area (completion lists), then the edit area
 * again. */
static void show_below(rline *l, const char *text)
{
    pos cur, end;
    geometry(l, &cur, &end);
    strbuf sb = {0};
    add_to_pos(&sb, cur.row, end);
    sb_add(&sb, "\r\n");
    add_crlf(&sb, text);
    out_sb(&sb);
    el_set(l->el, EL_REFRESH);
}

/* The countdown changed: rewrite the prompt where it is when it has the
 * same width and fits on the first row (no flicker); otherwise draw the
 * whole edit area again.  libedit's own picture of the screen keeps the
 * older prompt, so its next refresh rewrites those cells again with the
 * then current prompt: the two never disagree on what is visible. */
static void update_prompt(rline *l)
{
    char fresh[sizeof l->prompt];
    l->h.prompt(l->h.ctx, fresh, sizeof fresh);
    if (strcmp(fresh, l->prompt) == 0)
        return;
    int w = prompt_cells(fresh);
    if (w != prompt_cells(l->prompt) || w >= term_cols()) {
        show_above(l, NULL);
        return;
    }
    pos cur, end;
    geometry(l, &cur, &end);
    strbuf sb = {0};
    add_to_origin(&sb, cur);
    add_prompt(&sb, fresh);
    add_to_pos(&sb, 0, cur);
    out_sb(&sb);
    memcpy(l->prompt, fresh, sizeof fresh);
}

/* Ctrl-C at the prompt: "^C" after the line, an empty line below. */
static void cancel_line(rline *l)
{
    pos cur, end;
    geometry(l, &cur, &end);
    strbuf sb = {0};
    add_to_pos(&sb, cur.row, end);
    sb_add(&sb, "^C\r\n");
    out_sb(&sb);
    const LineInfoW *li = el_wline(l->el);
    int after = (int)(li->lastchar - li->cursor), total = (int)(li->lastchar - li->buffer);
    el_cursor(l->el, after);
    el_deletestr(l->el, total);
    el_set(l->el, EL_HIST, history, l->hist);    /* leave history browsing */
    el_set(l->el, EL_REFRESH);
}

static void run_idle(rline *l)
{
    l->next_tick = now_seconds() + TICK_S;
    char *msg = l->h.idle ? l->h.idle(l->h.ctx) : NULL;
    if (msg)
        show_above(l, msg);
    else
        update_prompt(l);
    free(msg);
}

/* Signals that arrived while waiting; returns true when one was handled. */
static bool take_signals(rline *l)
{
    bool any = false;
    if (l->h.interrupted && *l->h.interrupted) {
        *l->h.interrupted = 0;
        cancel_line(l);
        any = true;
    }
    if (l->h.continued && *l->h.continued) {
        /* back from Ctrl-Z: the shell may have reset the terminal */
        *l->h.continued = 0;
        el_set(l->el, EL_PREP_TERM, 0);
        el_set(l->el, EL_PREP_TERM, 1);
        show_above(l, NULL);
        any = true;
    }
    if (l->h.resized && *l->h.resized) {
        *l->h.resized = 0;
        el_resize(l->el);
        show_above(l, NULL);
        any = true;
    }
    return any;
}

/* libedit's read-character function: poll stdin, running the idle hook
 * between keys, and decode one multibyte character. */
static int read_char(EditLine *el, wchar_t *wc)
{
    rline *l;
    el_get(el, EL_CLIENTDATA, &l);
    char buf[MB_LEN_MAX];
    size_t nb = 0;
    for (;;) {
        if (nb == 0) {
            take_signals(l);
            if (now_seconds() >= l->next_tick)
                run_idle(l);
        }
        int timeout = -1;
        if (nb == 0) {
            double d = l->next_tick - now_seconds();
            timeout = d > 0 ? (int)(d * 1000) + 1 : 0;
        }
        struct pollfd pfd = {STDIN_FILENO, POLLIN, 0};
        int r = poll(&pfd, 1, timeout);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            continue;
        ssize_t k = read(STDIN_FILENO, buf + nb, 1);
        if (k < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (k < 0)
            return -1;
        if (k == 0) {
            *wc = L'\0';
            return 0;
        }
        nb++;
        mbstate_t st;
        memset(&st, 0, sizeof st);
        size_t m = mbrtowc(wc, buf, nb, &st);
        if (m == (size_t)-2 && nb < sizeof buf)
            continue;              /* the rest of a multibyte character */
        if (m == (size_t)-1 || m == (size_t)-2) {
            nb = 0;                /* not a character: drop it */
            continue;
        }
        return 1;
    }
}

static char *el_prompt(EditLine *el)
{
    rline *l;
    el_get(el, EL_CLIENTDATA, &l);
    l->h.prompt(l->h.ctx, l->prompt, sizeof l->prompt);
    return l->prompt;
}

/* --- completion ---------------------------------------------------------- */

static char *common_prefix(char **c, int n)
{
    size_t len = strlen(c[0]);
    for (int i = 1; i < n; i++) {
        size_t k = 0;
        while (k < len && c[i][k] == c[0][k])
            k++;
        len = k;
    }
    return xstrndup(c[0], len);
}

static char *columns(char **c, int n)
{
    int w = 1;
    for (int i = 0; i < n; i++)
        if ((int)strlen(c[i]) + 2 > w)
            w = (int)strlen(c[i]) + 2;
    int per = term_cols() / w;
    if (per < 1)
        per = 1;
    strbuf sb = {0};
    for (int i = 0; i < n; i++)
        sb_printf(&sb, "%-*s%s", w, c[i], (i + 1) % per == 0 || i == n - 1 ? "\n" : "");
    return sb_take(&sb);
}

static unsigned char el_complete(EditLine *el, int ch)
{
    (void)ch;
    rline *l;
    el_get(el, EL_CLIENTDATA, &l);
    if (!l->h.complete)
        return CC_ERROR;
    const LineInfo *li = el_line(el);
    char *before = xstrndup(li->buffer, (size_t)(li->cursor - li->buffer));
    char *words[64];
    int nw = 0;
    char *save = NULL;
    for (char *t = strtok_r(before, " \t", &save); t && nw < 64; t = strtok_r(NULL, " \t", &save))
        words[nw++] = t;
    size_t blen = (size_t)(li->cursor - li->buffer);
    bool partial = nw > 0 && blen > 0 && li->buffer[blen - 1] != ' ' &&
                   li->buffer[blen - 1] != '\t';
    const char *prefix = partial ? words[--nw] : "";
    int n = 0;
    char **c = l->h.complete(l->h.ctx, words, nw, prefix, &n);
    unsigned char rc = CC_REFRESH;
    if (n == 0) {
        rc = CC_ERROR;
    } else {
        char *common = common_prefix(c, n);
        size_t plen = strlen(prefix);
        if (strlen(common) > plen)
            el_insertstr(el, common + plen);
        if (n == 1)
            el_insertstr(el, " ");
        else if (strlen(common) == plen) {
            char *list = columns(c, n);
            show_below(l, list);
            free(list);
            rc = CC_NORM;
        }
        free(common);
    }
    for (int i = 0; i < n; i++)
        free(c[i]);
    free(c);
    free(before);
    return rc;
}

/* --- command history across sessions -------------------------------------- */

/* The file is plain text, one command per line.  Each line is appended
 * under flock as it is entered, so two REPLs interleave their lines
 * rather than overwrite each other's. */
static void history_add(rline *l, const char *line, bool to_file)
{
    if (!*line || (l->last_entry && strcmp(l->last_entry, line) == 0))
        return;
    HistEvent ev;
    history(l->hist, &ev, H_ENTER, line);
    free(l->last_entry);
    l->last_entry = xstrdup(line);
    if (!to_file || !l->history_path)
        return;
    int fd = open(l->history_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    flock(fd, LOCK_EX);
    char *s = xasprintf("%s\n", line);
    if (write(fd, s, strlen(s)) < 0) {
        /* a lost history line is not worth interrupting the session */
    }
    free(s);
    close(fd);
}

static void history_load(rline *l)
{
    if (!l->history_path)
        return;
    int fd = open(l->history_path, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return;
    flock(fd, LOCK_EX);
    char *text = file_read(l->history_path, NULL, NULL);
    int nlines = 0;
    for (char *p = text; p && *p; p++)
        nlines += *p == '\n';
    char *p = text;
    for (int skip = nlines - HISTORY_KEEP; p && skip > 0; skip--)
        p = strchr(p, '\n') + 1;
    /* trimmed once it is twice as long as what is kept */
    if (p && nlines > 2 * HISTORY_KEEP)
        file_write_atomic(l->history_path, p, strlen(p), NULL);
    close(fd);
    char *save = NULL;
    for (char *t = p ? strtok_r(p, "\n", &save) : NULL; t; t = strtok_r(NULL, "\n", &save))
        history_add(l, t, false);
    free(text);
}

/* --- opening and reading -------------------------------------------------- */

rline *rline_open(const char *prog, const char *history_path, const rline_hooks *h)
{
    rline *l = xcalloc(1, sizeof *l);
    l->h = *h;
    l->interactive = isatty(STDIN_FILENO);
    /* the redrawing speaks ANSI: a dumb terminal gets plain lines */
    const char *term = getenv("TERM");
    l->editing = l->interactive && isatty(STDOUT_FILENO) && term && *term &&
                 strcmp(term, "dumb") != 0;
    l->history_path = xstrdup(history_path);
    if (!l->editing)
        return l;
    l->hist = history_init();
    HistEvent ev;
    history(l->hist, &ev, H_SETSIZE, HISTORY_KEEP);
    l->el = el_init(prog, stdin, stdout, stderr);
    el_set(l->el, EL_CLIENTDATA, l);
    el_set(l->el, EL_EDITOR, "emacs");
    el_set(l->el, EL_PROMPT_ESC, el_prompt, RLINE_ESC);
    el_set(l->el, EL_HIST, history, l->hist);
    el_set(l->el, EL_GETCFN, read_char);
    el_source(l->el, NULL);    /* the learner's ~/.editrc */
    /* the wide call: the narrow one copies the two strings and leaks them */
    el_wset(l->el, EL_ADDFN, L"mldrill-complete", L"complete a command or challenge",
            el_complete);
    el_set(l->el, EL_BIND, "^I", "mldrill-complete", NULL);
    history_load(l);
    return l;
}

void rline_close(rline *l)
{
    if (!l)
        return;
    rline_keys_end(l);
    if (l->el)
        el_end(l->el);
    if (l->hist)
        history_end(l->hist);
    free(l->history_path);
    free(l->last_entry);
    sb_free(&l->in);
    free(l);
}

bool rline_editing(const rline *l)
{
    return l->editing;
}

bool rline_interactive(const rline *l)
{
    return l->interactive;
}

static char *edit_read(rline *l)
{
    l->next_tick = now_seconds() + TICK_S;
    /* raw mode before the prompt is drawn, not at the first read: keys
     * typed in between would be echoed by the terminal as well */
    el_set(l->el, EL_PREP_TERM, 1);
    int n = 0;
    const char *s = el_gets(l->el, &n);
    if (!s || n <= 0) {
        out_all("\n", 1);
        return NULL;
    }
    char *line = xstrdup(s);
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
    history_add(l, line, true);
    return line;
}

/* One line out of the plain reader's buffer, or NULL when none is whole. */
static char *take_line(rline *l)
{
    char *nl = l->in.len ? memchr(l->in.buf, '\n', l->in.len) : NULL;
    if (!nl && !(l->eof && l->in.len))
        return NULL;
    size_t n = nl ? (size_t)(nl - l->in.buf) : l->in.len;
    char *line = xstrndup(l->in.buf, n);
    size_t used = nl ? n + 1 : n;
    memmove(l->in.buf, l->in.buf + used, l->in.len - used);
    l->in.len -= used;
    l->in.buf[l->in.len] = '\0';
    if (n > 0 && line[n - 1] == '\r')
        line[n - 1] = '\0';
    return line;
}

static void plain_prompt(rline *l)
{
    if (!l->interactive)
        return;
    char p[sizeof l->prompt];
    l->h.prompt(l->h.ctx, p, sizeof p);
    strbuf sb = {0};
    add_prompt(&sb, p);
    fputs(sb_str(&sb), stdout);
    fflush(stdout);
    sb_free(&sb);
}

static char *plain_read(rline *l)
{
    plain_prompt(l);
    for (;;) {
        char *line = take_line(l);
        if (line)
            return line;
        if (l->eof)
            return NULL;
        struct pollfd pfd = {STDIN_FILENO, POLLIN, 0};
        int r = poll(&pfd, 1, (int)(TICK_S * 1000));
        if (r < 0 && errno == EINTR) {
            if (l->h.interrupted && *l->h.interrupted) {
                *l->h.interrupted = 0;
                if (l->interactive) {
                    fputs("^C\n", stdout);
                    plain_prompt(l);
                }
            }
            continue;
        }
        if (r == 0) {
            char *msg = l->h.idle ? l->h.idle(l->h.ctx) : NULL;
            if (msg) {
                fputs(msg, stdout);
                if (!*msg || msg[strlen(msg) - 1] != '\n')
                    fputc('\n', stdout);
                fflush(stdout);
                plain_prompt(l);
            }
            free(msg);
            continue;
        }
        if (rline_take_input(l) == 0)
            l->eof = true;
    }
}

char *rline_read(rline *l)
{
    return l->editing ? edit_read(l) : plain_read(l);
}

/* --- keys ------------------------------------------------------------------ */

int rline_fd(const rline *l)
{
    (void)l;
    return STDIN_FILENO;
}

bool rline_buffered(const rline *l)
{
    return !l->editing && (l->in.len > 0 || l->eof);
}

void rline_keys_begin(rline *l)
{
    if (!l->interactive || l->keys || tcgetattr(STDIN_FILENO, &l->saved) != 0)
        return;
    struct termios raw = l->saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0)
        l->keys = true;
}

void rline_keys_end(rline *l)
{
    if (!l->keys)
        return;
    tcsetattr(STDIN_FILENO, TCSANOW, &l->saved);
    l->keys = false;
}

int rline_take_input(rline *l)
{
    char buf[4096];
    ssize_t k;
    do
        k = read(STDIN_FILENO, buf, sizeof buf);
    while (k < 0 && errno == EINTR);
    if (k <= 0) {
        if (!l->editing)
            l->eof = true;
        return 0;
    }
    if (!l->keys)
        sb_addn(&l->in, buf, (size_t)k);   /* a script's next commands */
    return 1;
}
