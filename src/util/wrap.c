/* wrap — see wrap.h. */
#include "util/wrap.h"

#include <stdbool.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "util/util.h"

int wrap_columns(int fd)
{
    struct winsize ws;
    if (!isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0)
        return 80;
    return ws.ws_col < 40 ? 40 : ws.ws_col;
}

/* The bytes of the unit at s: an ANSI sequence (ESC [ ... letter), a
 * UTF-8 character, or one byte; *cols gets the columns it takes. */
static size_t unit(const char *s, int *cols)
{
    if (s[0] == '\033' && s[1] == '[') {
        size_t n = 2;
        while (s[n] && !((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z')))
            n++;
        *cols = 0;
        return s[n] ? n + 1 : n;
    }
    size_t n = 1;
    while ((s[n] & 0xC0) == 0x80)
        n++;
    *cols = 1;
    return n;
}

/* Columns of the n bytes at s. */
static int columns(const char *s, size_t n)
{
    int total = 0, c;
    for (size_t i = 0; i < n;) {
        i += unit(s + i, &c);
        total += c;
    }
    return total;
}

/* Starts a continuation line. */
static void newline(strbuf *out, int indent, int *col)
{
    sb_addc(out, '\n');
    for (int k = 0; k < indent; k++)
        sb_addc(out, ' ');
    *col = indent;
}

/* Appends one line (without its newline) of n bytes, wrapped. */
static void wrap_line(strbuf *out, const char *s, size_t n, int width)
{
    size_t lead = 0;
    while (lead < n && s[lead] == ' ')
        lead++;
    int indent = (int)lead + 4 > width / 2 ? width / 2 : (int)lead + 4;
    sb_addn(out, s, lead);
    int col = (int)lead, c;
    for (size_t i = lead; i < n;) {
        size_t sp = i, w;
        while (sp < n && s[sp] == ' ')
            sp++;
        for (w = sp; w < n && s[w] != ' ';)
            w += unit(s + w, &c);
        int gap = columns(s + i, sp - i), word = columns(s + sp, w - sp);
        if (i > lead && col > indent && col + gap + word > width) {
            newline(out, indent, &col);    /* the spaces at the break go */
        } else {
            sb_addn(out, s + i, sp - i);
            col += gap;
        }
        /* the word; one wider than the room is broken where it ends */
        for (size_t j = sp; j < w;) {
            size_t u = unit(s + j, &c);
            if (col + c > width && col > indent)
                newline(out, indent, &col);
            sb_addn(out, s + j, u);
            col += c;
            j += u;
        }
        i = w;
    }
}

char *wrap_text(const char *text, int width)
{
    strbuf out = {0};
    if (width < 8)
        width = 8;    /* narrower says nothing useful */
    for (const char *s = text; *s;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        if (columns(s, n) <= width)
            sb_addn(&out, s, n);
        else
            wrap_line(&out, s, n, width);
        if (nl)
            sb_addc(&out, '\n');
        s += n + (nl ? 1 : 0);
    }
    return sb_take(&out);
}
