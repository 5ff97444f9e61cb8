/* drive — see drive.h. */
#define _GNU_SOURCE
#include "drive.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* --- the screen ------------------------------------------------------------- */

enum { S_NORMAL, S_ESC, S_CSI, S_CHARSET, S_OSC };

struct screen {
    int rows, cols;
    char (*cell)[5];          /* one UTF-8 character per cell, "" = blank */
    int r, c;
    bool wrap;                /* the next character goes to the next row */
    int sr, sc;               /* saved cursor */
    int state;
    char par[64];
    int npar;
    char utf[5];
    int nutf, want;
};

static char *at(screen *s, int r, int c)
{
    return s->cell[r * s->cols + c];
}

static screen *screen_new(int rows, int cols)
{
    screen *s = xcalloc(1, sizeof *s);
    s->rows = rows;
    s->cols = cols;
    s->cell = xcalloc((size_t)rows * (size_t)cols, sizeof *s->cell);
    return s;
}

static void clear_cells(screen *s, int r, int c0, int c1)
{
    for (int c = c0; c < c1 && c < s->cols; c++)
        at(s, r, c)[0] = '\0';
}

static void scroll_up(screen *s)
{
    memmove(s->cell, s->cell + s->cols, sizeof *s->cell * (size_t)(s->rows - 1) * (size_t)s->cols);
    clear_cells(s, s->rows - 1, 0, s->cols);
}

static void linefeed(screen *s)
{
    if (s->r == s->rows - 1)
        scroll_up(s);
    else
        s->r++;
}

static void put(screen *s, const char *g)
{
    if (s->wrap) {
        s->c = 0;
        linefeed(s);
        s->wrap = false;
    }
    snprintf(at(s, s->r, s->c), 5, "%s", g);
    if (s->c == s->cols - 1)
        s->wrap = true;
    else
        s->c++;
}

static int num(const char *p, int def)
{
    return *p >= '0' && *p <= '9' ? atoi(p) : def;
}

static void csi(screen *s, char f)
{
    s->par[s->npar] = '\0';
    const char *p = s->par[0] == '?' ? s->par + 1 : s->par;
    int n = num(p, 1);
    const char *semi = strchr(p, ';');
    s->wrap = false;
    switch (f) {
    case 'A': s->r = s->r - n < 0 ? 0 : s->r - n; break;
    case 'B': s->r = s->r + n >= s->rows ? s->rows - 1 : s->r + n; break;
    case 'C': s->c = s->c + n >= s->cols ? s->cols - 1 : s->c + n; break;
    case 'D': s->c = s->c - n < 0 ? 0 : s->c - n; break;
    case 'G': s->c = n - 1 < s->cols ? n - 1 : s->cols - 1; break;
    case 'd': s->r = n - 1 < s->rows ? n - 1 : s->rows - 1; break;
    case 'H':
    case 'f':
        s->r = num(p, 1) - 1;
        s->c = semi ? num(semi + 1, 1) - 1 : 0;
        break;
    case 'K': {
        int m = num(p, 0);
        clear_cells(s, s->r, m == 0 ? s->c : 0, m == 1 ? s->c + 1 : s->cols);
        break;
    }
    case 'J': {
        int m = num(p, 0);
        if (m == 0) {
            clear_cells(s, s->r, s->c, s->cols);
            for (int r = s->r + 1; r < s->rows; r++)
                clear_cells(s, r, 0, s->cols);
        } else if (m == 1) {
            for (int r = 0; r < s->r; r++)
                clear_cells(s, r, 0, s->cols);
            clear_cells(s, s->r, 0, s->c + 1);
        } else {
            for (int r = 0; r < s->rows; r++)
                clear_cells(s, r, 0, s->cols);
        }
        break;
    }
    case 'P':
        for (int c = s->c; c < s->cols; c++)
            snprintf(at(s, s->r, c), 5, "%s", c + n < s->cols ? at(s, s->r, c + n) : "");
        break;
    case '@':
        for (int c = s->cols - 1; c >= s->c; c--)
            snprintf(at(s, s->r, c), 5, "%s", c - n >= s->c ? at(s, s->r, c - n) : "");
        break;
    case 'X':
        clear_cells(s, s->r, s->c, s->c + n);
        break;
    default:
        break;    /* colours, modes, scroll regions: not needed here */
    }
    if (s->r >= s->rows)
        s->r = s->rows - 1;
    if (s->c >= s->cols)
        s->c = s->cols - 1;
}

static void feed(screen *s, const char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)buf[i];
        switch (s->state) {
        case S_ESC:
            s->state = S_NORMAL;
            if (ch == '[') {
                s->state = S_CSI;
                s->npar = 0;
            } else if (ch == '7') {
                s->sr = s->r;
                s->sc = s->c;
            } else if (ch == '8') {
                s->r = s->sr;
                s->c = s->sc;
                s->wrap = false;
            } else if (ch == '(' || ch == ')') {
                s->state = S_CHARSET;
            } else if (ch == ']') {
                s->state = S_OSC;
            } else if (ch == 'M') {
                if (s->r > 0)
                    s->r--;
            } else if (ch == 'D') {
                linefeed(s);
            }
            continue;
        case S_CSI:
            if (ch >= 0x40 && ch <= 0x7e) {
                csi(s, (char)ch);
                s->state = S_NORMAL;
            } else if (s->npar < (int)sizeof s->par - 1) {
                s->par[s->npar++] = (char)ch;
            }
            continue;
        case S_CHARSET:
            s->state = S_NORMAL;
            continue;
        case S_OSC:
            if (ch == '\a' || ch == '\\')
                s->state = S_NORMAL;
            continue;
        default:
            break;
        }
        if (s->want) {
            s->utf[s->nutf++] = (char)ch;
            if (s->nutf == s->want) {
                s->utf[s->nutf] = '\0';
                s->want = 0;
                put(s, s->utf);
            }
            continue;
        }
        if (ch == 0x1b) {
            s->state = S_ESC;
        } else if (ch == '\r') {
            s->c = 0;
            s->wrap = false;
        } else if (ch == '\n') {
            linefeed(s);
            s->wrap = false;
        } else if (ch == '\b') {
            if (s->c > 0)
                s->c--;
            s->wrap = false;
        } else if (ch == '\t') {
            s->c = (s->c / 8 + 1) * 8 < s->cols ? (s->c / 8 + 1) * 8 : s->cols - 1;
        } else if (ch >= 0xc0) {
            s->want = ch >= 0xf0 ? 4 : ch >= 0xe0 ? 3 : 2;
            s->utf[0] = (char)ch;
            s->nutf = 1;
        } else if (ch >= 0x20 && ch != 0x7f) {
            char g[2] = {(char)ch, '\0'};
            put(s, g);
        }
    }
}

char *screen_row(const proc *p, int r)
{
    screen *s = p->scr;
    strbuf sb = {0};
    for (int c = 0; s && r >= 0 && r < s->rows && c < s->cols; c++) {
        const char *g = at(s, r, c);
        sb_add(&sb, *g ? g : " ");
    }
    while (sb.len && sb.buf[sb.len - 1] == ' ')
        sb.buf[--sb.len] = '\0';
    return sb.buf ? sb_take(&sb) : xstrdup("");
}

int screen_cursor_row(const proc *p)
{
    return p->scr ? p->scr->r : -1;
}

int screen_cursor_col(const proc *p)
{
    return p->scr ? p->scr->c : -1;
}

char *screen_text(const proc *p)
{
    strbuf sb = {0};
    for (int r = 0; p->scr && r < p->scr->rows; r++) {
        char *row = screen_row(p, r);
        sb_printf(&sb, "%s\n", row);
        free(row);
    }
    return sb_take(&sb);
}

/* --- processes ----------------------------------------------------------------- */

static void child_env(const session_env *env, bool pty)
{
    if (env->cwd && chdir(env->cwd) != 0)
        _exit(126);
    if (env->state)
        setenv("XDG_STATE_HOME", env->state, 1);
    unsetenv("VISUAL");
    unsetenv("EDITOR");
    setenv("TERM", pty ? "vt100" : "dumb", 1);
    for (const char *const *e = env->extra; e && *e; e++)
        putenv((char *)*e);
}

static char **argv_of(const char *const *args)
{
    static char *argv[32];
    const char *bin = getenv("MLDRILL_BIN");
    int n = 0;
    argv[n++] = (char *)(bin ? bin : "mldrill");
    for (; args && *args && n < 31; args++)
        argv[n++] = (char *)*args;
    argv[n] = NULL;
    return argv;
}

proc *proc_pipe(const session_env *env, const char *const *args)
{
    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
        return NULL;
    char **argv = argv_of(args);
    pid_t pid = fork();
    if (pid == 0) {
        child_env(env, false);
        dup2(in[0], 0);
        dup2(out[1], 1);
        dup2(err[1], 2);
        execv(argv[0], argv);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    proc *p = xcalloc(1, sizeof *p);
    p->pid = pid;
    p->in = in[1];
    p->out = out[0];
    p->err = err[0];
    p->status = -1;
    fcntl(p->out, F_SETFL, O_NONBLOCK);
    fcntl(p->err, F_SETFL, O_NONBLOCK);
    signal(SIGPIPE, SIG_IGN);
    return p;
}

proc *proc_pty(const session_env *env, const char *const *args, int rows, int cols)
{
    struct winsize ws = {(unsigned short)rows, (unsigned short)cols, 0, 0};
    int master;
    char **argv = argv_of(args);
    pid_t pid = forkpty(&master, NULL, NULL, &ws);
    if (pid < 0)
        return NULL;
    if (pid == 0) {
        child_env(env, true);
        execv(argv[0], argv);
        _exit(127);
    }
    proc *p = xcalloc(1, sizeof *p);
    p->pid = pid;
    p->pty = true;
    p->in = p->out = master;
    p->err = -1;
    p->status = -1;
    p->scr = screen_new(rows, cols);
    fcntl(master, F_SETFL, O_NONBLOCK);
    signal(SIGPIPE, SIG_IGN);
    return p;
}

void proc_send(proc *p, const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        ssize_t k = write(p->in, s, n);
        if (k < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (k <= 0)
            return;
        s += k;
        n -= (size_t)k;
    }
}

/* Reads what is available within timeout_ms; false once nothing more can
 * come (both streams closed). */
static bool pump(proc *p, int timeout_ms)
{
    struct pollfd f[2];
    int nf = 0;
    if (p->out >= 0)
        f[nf++] = (struct pollfd){p->out, POLLIN, 0};
    if (p->err >= 0)
        f[nf++] = (struct pollfd){p->err, POLLIN, 0};
    if (nf == 0)
        return false;
    if (poll(f, (nfds_t)nf, timeout_ms) <= 0)
        return true;
    for (int i = 0; i < nf; i++) {
        if (!f[i].revents)
            continue;
        char buf[4096];
        ssize_t k = read(f[i].fd, buf, sizeof buf);
        if (k > 0) {
            bool is_out = f[i].fd == p->out;
            sb_addn(is_out ? &p->o : &p->e, buf, (size_t)k);
            if (is_out && p->scr)
                feed(p->scr, buf, (size_t)k);
        } else if (k == 0 || (errno != EAGAIN && errno != EINTR)) {
            /* end of the stream (EIO on a pty whose child is gone) */
            if (f[i].fd == p->out) {
                if (!p->pty)
                    close(p->out);
                p->out = -1;
            } else {
                close(p->err);
                p->err = -1;
            }
        }
    }
    return true;
}

bool proc_expect(proc *p, const char *needle, double timeout_s)
{
    double end = now_seconds() + timeout_s;
    for (;;) {
        const char *hit = p->o.len > p->mark ? strstr(p->o.buf + p->mark, needle) : NULL;
        if (hit) {
            p->mark = (size_t)(hit - p->o.buf) + strlen(needle);
            return true;
        }
        double left = end - now_seconds();
        if (left <= 0 || !pump(p, (int)(left * 1000) + 1)) {
            fprintf(stderr, "expected \"%s\" within %.1f s; the output after the mark was:\n%s\n"
                            "stderr:\n%s\n", needle, timeout_s,
                    p->o.len > p->mark ? p->o.buf + p->mark : "", sb_str(&p->e));
            return false;
        }
    }
}

void proc_drain(proc *p, double seconds)
{
    double end = now_seconds() + seconds;
    while (now_seconds() < end && pump(p, (int)((end - now_seconds()) * 1000) + 1))
        ;
}

int proc_wait(proc *p, double timeout_s)
{
    double end = now_seconds() + timeout_s;
    while (p->status < 0) {
        int st;
        pid_t r = waitpid(p->pid, &st, WNOHANG);
        if (r == p->pid) {
            p->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
            break;
        }
        if (now_seconds() > end) {
            kill(p->pid, SIGKILL);
            waitpid(p->pid, &st, 0);
            p->status = 999;
            return -1;
        }
        pump(p, 20);
    }
    proc_drain(p, 0.05);
    return p->status;
}

void proc_free(proc *p)
{
    if (!p)
        return;
    if (p->status < 0) {
        kill(p->pid, SIGKILL);
        waitpid(p->pid, NULL, 0);
    }
    if (p->in >= 0)
        close(p->in);
    if (!p->pty && p->out >= 0)
        close(p->out);
    if (p->err >= 0)
        close(p->err);
    sb_free(&p->o);
    sb_free(&p->e);
    if (p->scr) {
        free(p->scr->cell);
        free(p->scr);
    }
    free(p);
}

/* --- helpers ------------------------------------------------------------------- */

char *tmp_dir(const char *tag)
{
    char *t = xasprintf("/tmp/mldrill-%s-XXXXXX", tag);
    if (!mkdtemp(t)) {
        free(t);
        return NULL;
    }
    return t;
}

bool copy_file(const char *from, const char *to)
{
    size_t n;
    char *text = file_read(from, &n, NULL);
    if (!text)
        return false;
    bool ok = file_write_atomic(to, text, n, NULL) == 0;
    free(text);
    return ok;
}

char *src_path(const char *rel)
{
    const char *src = getenv("MLDRILL_SRC");
    return path_join(src ? src : ".", rel);
}

/* The processes whose parent is in parents[nparents], the zombies among
 * them or the live ones, whose command line contains needle (any when
 * NULL: a zombie has no command line left); their pids are added to
 * found[*nfound] (at most cap) when found is given. */
static int count_procs(const pid_t *parents, int nparents, const char *needle, bool zombies,
                       pid_t *found, int *nfound, int cap)
{
    DIR *d = opendir("/proc");
    if (!d)
        return -1;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] < '0' || de->d_name[0] > '9')
            continue;
        char path[300];
        snprintf(path, sizeof path, "/proc/%s/stat", de->d_name);
        char *st = file_read(path, NULL, NULL);
        /* "pid (comm) S ppid ...": comm may hold spaces, so from the last ')' */
        char *rp = st ? strrchr(st, ')') : NULL;
        char state = 0;
        int ppid = 0;
        bool child = false;
        if (rp && sscanf(rp + 1, " %c %d", &state, &ppid) == 2)
            for (int i = 0; i < nparents && !child; i++)
                child = ppid == parents[i];
        if (child && found && *nfound < cap)
            found[(*nfound)++] = (pid_t)atoi(de->d_name);
        if (child && (state == 'Z') == zombies) {
            snprintf(path, sizeof path, "/proc/%s/cmdline", de->d_name);
            size_t len;
            char *cmd = needle ? file_read(path, &len, NULL) : NULL;
            for (size_t i = 0; cmd && i < len; i++)
                if (cmd[i] == '\0')
                    cmd[i] = ' ';
            if (!needle || (cmd && strstr(cmd, needle)))
                n++;
            free(cmd);
        }
        free(st);
    }
    closedir(d);
    return n;
}

int live_children(pid_t pid, const char *needle)
{
    return count_procs(&pid, 1, needle, false, NULL, NULL, 0);
}

int zombie_children(pid_t pid)
{
    return count_procs(&pid, 1, NULL, true, NULL, NULL, 0);
}

int live_descendants(pid_t pid, const char *needle)
{
    /* generation by generation: children, then theirs */
    pid_t gen[256], next[256];
    int ngen = 1, total = 0;
    gen[0] = pid;
    for (int depth = 0; depth < 8 && ngen > 0; depth++) {
        int nnext = 0;
        total += count_procs(gen, ngen, needle, false, next, &nnext, 256);
        memcpy(gen, next, sizeof(pid_t) * (size_t)nnext);
        ngen = nnext;
    }
    return total;
}
