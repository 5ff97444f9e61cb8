/* hot — see hot.h. */
#define _GNU_SOURCE

#include "grade/hot.h"

#include <elfutils/libdw.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Where the samples fell: a line of a source file, or an object. */
typedef struct spot {
    char *file;        /* the learner's file name, a header's, or an object's */
    int line;          /* 0 for an object */
    bool own;          /* a line of the learner's file */
    long count;
} spot;

struct hot {
    int fd;
    Dwarf *dw;
    uint64_t lo, hi;   /* the build's executable addresses, before loading */
    char *name;        /* the learner's file name (its base name) */
    char *text;        /* the learner's file, for the lines' text */
    spot *spots;
    int nspots;
    long total;
};

/* The executable extent of the build, from its program headers. */
static bool text_extent(int fd, uint64_t *lo, uint64_t *hi)
{
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    size_t n = 0;
    *lo = UINT64_MAX;
    *hi = 0;
    if (e && elf_getphdrnum(e, &n) == 0)
        for (size_t i = 0; i < n; i++) {
            GElf_Phdr ph;
            if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD || !(ph.p_flags & PF_X))
                continue;
            *lo = ph.p_vaddr < *lo ? ph.p_vaddr : *lo;
            *hi = ph.p_vaddr + ph.p_memsz > *hi ? ph.p_vaddr + ph.p_memsz : *hi;
        }
    if (e)
        elf_end(e);
    return *hi > *lo;
}

hot *hot_new(const char *so, const char *source, md_err *err)
{
    elf_version(EV_CURRENT);
    hot *h = xcalloc(1, sizeof *h);
    h->fd = open(so, O_RDONLY | O_CLOEXEC);
    if (h->fd < 0 || !text_extent(h->fd, &h->lo, &h->hi)) {
        hot_free(h);
        md_fail(err, "cannot read %s", so);
        return NULL;
    }
    h->dw = dwarf_begin(h->fd, DWARF_C_READ);    /* NULL: no line tables */
    const char *base = source ? strrchr(source, '/') : NULL;
    h->name = xstrdup(source ? (base ? base + 1 : source) : "solution.c");
    h->text = source ? file_read(source, NULL, NULL) : NULL;
    return h;
}

void hot_free(hot *h)
{
    if (!h)
        return;
    if (h->dw)
        dwarf_end(h->dw);
    if (h->fd >= 0)
        close(h->fd);
    for (int i = 0; i < h->nspots; i++)
        free(h->spots[i].file);
    free(h->spots);
    free(h->name);
    free(h->text);
    free(h);
}

long hot_samples(const hot *h)
{
    return h->total;
}

static void count(hot *h, const char *file, int line, bool own)
{
    h->total++;
    for (int i = 0; i < h->nspots; i++)
        if (h->spots[i].line == line && strcmp(h->spots[i].file, file) == 0) {
            h->spots[i].count++;
            return;
        }
    h->spots = xrealloc(h->spots, sizeof(spot) * (size_t)(h->nspots + 1));
    h->spots[h->nspots++] = (spot){xstrdup(file), line, own, 1};
}

static const char *base_name(const char *p)
{
    const char *b = strrchr(p, '/');
    return b ? b + 1 : p;
}

/* A sample at addr of the build (before loading): its line, else the
 * build as a whole. */
static void count_own(hot *h, uint64_t addr)
{
    Dwarf_Die cu;
    Dwarf_Line *ln = h->dw && dwarf_addrdie(h->dw, addr, &cu) ? dwarf_getsrc_die(&cu, addr)
                                                              : NULL;
    int line = 0;
    const char *file = ln ? dwarf_linesrc(ln, NULL, NULL) : NULL;
    const char *cu_name = ln ? dwarf_diename(&cu) : NULL;
    if (!ln || dwarf_lineno(ln, &line) != 0 || line <= 0 || !file) {
        count(h, h->name, 0, true);
        return;
    }
    /* the compiler saw a copy of the learner's file: the unit's own name */
    bool own = cu_name && strcmp(base_name(file), base_name(cu_name)) == 0;
    count(h, own ? h->name : base_name(file), line, own);
}

void hot_add(hot *h, const plan_prof *p)
{
    uint32_t npcs = p->npcs < PLAN_PROF_PCS ? p->npcs : PLAN_PROF_PCS;
    uint32_t nlibs = p->nlibs < PLAN_PROF_LIBS ? p->nlibs : PLAN_PROF_LIBS;
    for (uint32_t k = 0; k < npcs; k++) {
        uint64_t pc = p->pcs[k];
        if (pc >= p->base + h->lo && pc < p->base + h->hi && pc >= p->base) {
            count_own(h, pc - p->base);
            continue;
        }
        const char *where = "elsewhere";
        for (uint32_t i = 0; i < nlibs; i++)
            if (pc >= p->libs[i].lo && pc < p->libs[i].hi && p->libs[i].name[0])
                where = p->libs[i].name;
        count(h, where, 0, false);
    }
}

/* What an object is, for a person. */
static const char *object_words(const char *name)
{
    static const struct {
        const char *prefix, *words;
    } kinds[] = {
        {"libopenblas", "inside CBLAS"}, {"libblas", "inside CBLAS"},
        {"libcblas", "inside CBLAS"},    {"liblapack", "inside LAPACK"},
        {"libm.", "inside libm (exp, log, sqrt...)"},
        {"libc.", "inside libc (memcpy, malloc, qsort...)"},
        {"libgfortran", "inside the Fortran runtime of BLAS"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strncmp(name, kinds[i].prefix, strlen(kinds[i].prefix)) == 0)
            return kinds[i].words;
    return "outside your code";
}

/* Line n of the learner's file, its leading blanks dropped (NULL if none). */
static char *source_line(const hot *h, int n)
{
    const char *p = h->text;
    for (int i = 1; p && i < n; i++) {
        p = strchr(p, '\n');
        p = p ? p + 1 : NULL;
    }
    if (!p)
        return NULL;
    p += strspn(p, " \t");
    size_t len = strcspn(p, "\n");
    return xstrndup(p, len > 200 ? 200 : len);
}

static int by_count(const void *a, const void *b)
{
    const spot *x = a, *y = b;
    return (y->count > x->count) - (y->count < x->count);
}

int hot_top(const hot *h, int max, rhot **lines)
{
    spot *s = xcalloc((size_t)h->nspots + 1, sizeof *s);
    memcpy(s, h->spots, sizeof(spot) * (size_t)h->nspots);
    qsort(s, (size_t)h->nspots, sizeof *s, by_count);
    int n = h->nspots < max ? h->nspots : max;
    *lines = xcalloc((size_t)n + 1, sizeof(rhot));
    for (int i = 0; i < n; i++) {
        rhot *l = &(*lines)[i];
        l->file = xstrdup(s[i].file);
        l->line = s[i].line;
        l->share = h->total ? (double)s[i].count / (double)h->total : 0;
        l->text = s[i].own && s[i].line > 0 ? source_line(h, s[i].line)
                  : s[i].line > 0            ? NULL
                  : s[i].own                 ? xstrdup("(no line information)")
                                             : xstrdup(object_words(s[i].file));
    }
    free(s);
    return n;
}
