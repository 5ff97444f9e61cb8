/* layout — see layout.h. */
#define _GNU_SOURCE

#include "run/layout.h"
#include "run/wire.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>


typedef struct lrun {
    case_inst *ci;
    int *buf_of;            /* value index -> buffer index, or -1 */
    int first_call;
} lrun;

struct layout {
    int in_fd;
    plan_hdr hdr;
    plan_buf *bufs;         /* copy of the buffer table */
    plan_call *calls;
    lrun *runs;
    int nruns;
    double *share;          /* timing plans: each run's share of the budget */
};

int layout_in_fd(const layout *l) { return l->in_fd; }
int layout_nruns(const layout *l) { return l->nruns; }
const plan_hdr *layout_hdr(const layout *l) { return &l->hdr; }
int layout_run_first_call(const layout *l, int r) { return l->runs[r].first_call; }
const case_inst *layout_case(const layout *l, int r) { return l->runs[r].ci; }

const value *layout_buffer_value(const layout *l, int b, int *run)
{
    for (int r = 0; r < l->nruns; r++) {
        const lrun *lr = &l->runs[r];
        for (int i = 0; i < lr->ci->nvals; i++)
            if (lr->buf_of[i] == b) {
                if (run)
                    *run = r;
                return &lr->ci->vals[i];
            }
    }
    return NULL;
}

/* A growable string table. */
typedef struct strtab {
    strbuf sb;
} strtab;

static uint32_t st_add(strtab *t, const char *s)
{
    if (t->sb.len == 0)
        sb_addc(&t->sb, '\0');    /* offset 0 is the empty string */
    uint32_t off = (uint32_t)t->sb.len;
    sb_addn(&t->sb, s, strlen(s) + 1);
    return off;
}

static uint32_t elem_of(vtype t)
{
    return t == VT_INT ? PE_INT : t == VT_DOUBLE ? PE_DOUBLE : PE_STRING;
}

static uint32_t kind_of_ret(vtype t)
{
    switch (t) {
    case VT_INT: return PK_INT;
    case VT_DOUBLE: return PK_DOUBLE;
    case VT_HANDLE: return PK_HANDLE;
    default: return PK_VOID;
    }
}

static size_t packed_strings(const value *v)
{
    size_t n = 0;
    char **s = v->data;
    for (long long i = 0; i < v->count; i++)
        n += strlen(s[i] ? s[i] : "") + 1;
    return n;
}

static int new_memfd(const char *name, uint64_t size, md_err *err)
{
    int fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0)
        return md_fail(err, "memfd_create: %s", strerror(errno));
    if (ftruncate(fd, (off_t)size) != 0) {
        close(fd);
        return md_fail(err, "cannot size a %llu-byte memory file: %s",
                       (unsigned long long)size, strerror(errno));
    }
    return fd;
}

static void *map_fd(int fd, uint64_t size, int prot, md_err *err)
{
    if (size == 0)
        size = PLAN_PAGE;
    void *p = mmap(NULL, size, prot, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
        md_fail(err, "mmap: %s", strerror(errno));
        return NULL;
    }
    return p;
}

/* The plan's tables while layout_build assembles them, before they are
 * written into IN (the buffer and call tables live in the layout, which
 * keeps them). */
typedef struct lbuild {
    case_inst *const *cases;
    int ncases;
    const challenge *ch;    /* the challenge of every case */
    const layout_opts *o;
    strtab st;              /* the string table */
    plan_fn *fns;
    int nfn;
    plan_run *runs;         /* [ncases] */
    plan_arg *args;
    int narg;
    int ntime;
    int nbuf, ncall;
    int b, c, a;            /* the next buffer, call and argument */
    uint64_t in_data;       /* bytes of input regions (IN, after the tables) */
    uint64_t out_data;      /* bytes of output regions (OUT, after the results) */
} lbuild;

/* Counts what the tables need and allocates them. */
static void size_tables(lbuild *lb, layout *l)
{
    for (int r = 0; r < lb->ncases; r++) {
        const case_inst *ci = lb->cases[r];
        for (int i = 0; i < ci->nvals; i++)
            lb->nbuf += ci->vals[i].array;
        lb->ncall += ci->ncalls;
        for (int k = 0; k < ci->ncalls; k++)
            lb->narg += lb->ch->functions[ci->calls[k].fn].nparams;
    }
    lb->nfn = lb->ch ? lb->ch->nfunctions : 0;
    lb->ntime = lb->o->timing ? lb->ncases : 0;
    lb->fns = xcalloc((size_t)lb->nfn + 1, sizeof *lb->fns);
    l->bufs = xcalloc((size_t)lb->nbuf + 1, sizeof *l->bufs);
    lb->runs = xcalloc((size_t)lb->ncases + 1, sizeof *lb->runs);
    l->calls = xcalloc((size_t)lb->ncall + 1, sizeof *l->calls);
    lb->args = xcalloc((size_t)lb->narg + 1, sizeof *lb->args);
}

/* The function table: names and return kinds. */
static void fn_table(lbuild *lb)
{
    for (int f = 0; f < lb->nfn; f++) {
        lb->fns[f].name = st_add(&lb->st, lb->ch->functions[f].name);
        lb->fns[f].ret = kind_of_ret(lb->ch->functions[f].ret);
    }
}

/* The buffer of array value v: its region in IN (inputs) or OUT, offsets
 * relative to the data areas until place_tables knows where they start. */
static void add_buffer(lbuild *lb, plan_buf *pb, const value *v)
{
    pb->name = st_add(&lb->st, v->name);
    pb->elem = elem_of(v->type);
    pb->count = (uint64_t)v->count;
    if (v->role == ROLE_OUTPUT || v->role == ROLE_INOUT)
        pb->flags |= PB_OUTPUT;
    if (v->role == ROLE_INOUT)
        pb->flags |= PB_INOUT;
    if (v->type == VT_STRING && v->role == ROLE_OUTPUT) {
        /* the runner owns the pointer array; strings come back here */
        pb->file = PF_OUT;
        pb->nbytes = sizeof(char *) * (uint64_t)v->count;
        pb->sout_cap = plan_pages(256 * (uint64_t)v->count + 1024);
        return;
    }
    pb->nbytes = v->type == VT_STRING ? packed_strings(v)
                                      : vtype_size(v->type) * (uint64_t)v->count;
    pb->len = plan_pages(pb->nbytes);
    if (v->role == ROLE_INPUT) {
        pb->file = PF_IN;
        pb->off = lb->in_data;
        lb->in_data += pb->len;
    } else {
        pb->file = PF_OUT;
        pb->off = lb->out_data;
        lb->out_data += pb->len;
    }
}

/* Run r's entry and its buffers, one per array value of its case. */
static void run_buffers(lbuild *lb, layout *l, int r)
{
    case_inst *ci = lb->cases[r];
    lrun *lr = &l->runs[r];
    plan_run *pr = &lb->runs[r];
    lr->ci = ci;
    lr->buf_of = xcalloc((size_t)ci->nvals + 1, sizeof(int));
    pr->name = st_add(&lb->st, ci->spec->name);
    pr->first_buf = (uint32_t)lb->b;
    pr->wall_s = ci->spec->wall_s;
    pr->flags = lb->o->profile && lb->o->profile[r] ? PR_PROFILE : 0;
    for (int i = 0; i < ci->nvals; i++) {
        lr->buf_of[i] = -1;
        if (!ci->vals[i].array)
            continue;
        lr->buf_of[i] = lb->b;
        add_buffer(lb, &l->bufs[lb->b++], &ci->vals[i]);
    }
    pr->nbuf = (uint32_t)lb->b - pr->first_buf;
}

/* The argument for parameter pp of call cl (to f) in run lr: a constant,
 * a buffer, or a handle slot among the run's nslots so far (none: NULL),
 * which a release function gets even when it holds NULL. */
static void add_arg(plan_arg *pa, const lrun *lr, const call *cl, const function *f,
                    const param *pp, const char **slots, uint32_t nslots)
{
    const case_inst *ci = lr->ci;
    const char *var = call_binding(cl, pp);
    if (pp->type == VT_HANDLE) {
        pa->kind = PK_HANDLE;
        pa->ref = PLAN_NONE;
        pa->i = function_releases(f) ? PLAN_HANDLE_RELEASE : 0;
        for (uint32_t s = 0; s < nslots; s++)
            if (strcmp(slots[s], var) == 0)
                pa->ref = s;
        return;
    }
    int vi = (int)(case_value(ci, var) - ci->vals);
    const value *v = &ci->vals[vi];
    if (!pp->array && pp->type == VT_STRING) {
        pa->kind = PK_STRING;
        pa->ref = (uint32_t)lr->buf_of[vi];
    } else if (!pp->array) {
        pa->kind = pp->type == VT_INT ? PK_INT : PK_DOUBLE;
        pa->i = (int64_t)v->num;
        pa->d = v->num;
    } else {
        pa->kind = PK_BUF;
        pa->ref = (uint32_t)lr->buf_of[vi];
    }
}

/* The slot a call returning a handle stores it in: the slot of the
 * result's name when the run has one, else a new slot. */
static uint32_t ret_slot(const call *cl, const char **slots, uint32_t *nslots)
{
    const char *name = cl->result ? cl->result : "";
    uint32_t s;
    for (s = 0; s < *nslots; s++)
        if (*name && strcmp(slots[s], name) == 0)
            break;
    if (s == *nslots)
        slots[(*nslots)++] = name;
    return s;
}

/* Run r's calls and their arguments. */
static void run_calls(lbuild *lb, layout *l, int r)
{
    const case_inst *ci = lb->cases[r];
    lrun *lr = &l->runs[r];
    lb->runs[r].first_call = (uint32_t)lb->c;
    lr->first_call = lb->c;
    const char **slots = xcalloc((size_t)ci->ncalls + 1, sizeof(char *));
    uint32_t nslots = 0;
    for (int k = 0; k < ci->ncalls; k++) {
        const call *cl = &ci->calls[k];
        const function *f = &lb->ch->functions[cl->fn];
        plan_call *pc = &l->calls[lb->c++];
        pc->fn = (uint32_t)cl->fn;
        pc->first_arg = (uint32_t)lb->a;
        pc->nargs = (uint32_t)f->nparams;
        pc->ret_slot = PLAN_NONE;
        for (int p = 0; p < f->nparams; p++)
            add_arg(&lb->args[lb->a++], lr, cl, f, &f->params[p], slots, nslots);
        if (f->ret == VT_HANDLE)
            pc->ret_slot = ret_slot(cl, slots, &nslots);
    }
    lb->runs[r].ncalls = (uint32_t)ci->ncalls;
    lb->runs[r].nslots = nslots;
    free(slots);
}

/* The header: counts, where each table sits in IN (16-byte aligned after
 * the header, the string table last), the sizes of IN and OUT, and the
 * final offset of every buffer.  OUT holds the call results, the
 * arrays, then the string outputs' areas. */
static void place_tables(lbuild *lb, layout *l)
{
    plan_hdr *h = &l->hdr;
    const layout_opts *o = lb->o;
    h->magic = PLAN_MAGIC;
    h->version = PLAN_VERSION;
    h->nfn = (uint32_t)lb->nfn;
    h->nbuf = (uint32_t)lb->nbuf;
    h->nrun = (uint32_t)lb->ncases;
    h->ncall = (uint32_t)lb->ncall;
    h->narg = (uint32_t)lb->narg;
    h->ntime = (uint32_t)lb->ntime;
    uint64_t off = sizeof(plan_hdr);
#define PLACE(field, n, type)                                                   \
    do {                                                                        \
        off = (off + 15) & ~(uint64_t)15;                                       \
        h->field = off;                                                         \
        off += (uint64_t)(n) * sizeof(type);                                    \
    } while (0)
    PLACE(fn_off, lb->nfn, plan_fn);
    PLACE(buf_off, lb->nbuf, plan_buf);
    PLACE(run_off, lb->ncases, plan_run);
    PLACE(call_off, lb->ncall, plan_call);
    PLACE(arg_off, lb->narg, plan_arg);
#undef PLACE
    h->str_off = off;
    h->str_len = lb->st.sb.len;
    uint64_t tables = plan_pages(off + lb->st.sb.len);
    h->in_size = tables + lb->in_data;

    h->res_off = 0;
    uint64_t out_base = plan_pages(sizeof(plan_res) * (uint64_t)(lb->ncall ? lb->ncall : 1));
    uint64_t sout = out_base + lb->out_data;
    bool profiled = false;
    for (int r = 0; o->profile && r < lb->ncases; r++)
        profiled |= o->profile[r];
    h->prof_off = 0;
    for (int i = 0; i < lb->nbuf; i++) {
        plan_buf *pb = &l->bufs[i];
        if (pb->file == PF_IN)
            pb->off += tables;
        else if (pb->sout_cap) {
            pb->sout_off = sout;
            sout += pb->sout_cap;
        } else
            pb->off += out_base;
    }
    if (profiled) {
        h->prof_off = plan_pages(sout);
        sout = h->prof_off + plan_pages(sizeof(plan_prof));
    }
    h->out_size = sout;
    h->memory_bytes = o->memory_bytes;
    h->timing_seed = o->timing_seed;
    h->timing_budget_s = o->timing_budget_s;
    h->min_round_s = o->min_round_s;
}

/* Copies every input array to the end of its region in the mapped IN. */
static void write_inputs(const layout *l, unsigned char *in)
{
    for (int r = 0; r < l->nruns; r++) {
        const case_inst *ci = l->runs[r].ci;
        for (int i = 0; i < ci->nvals; i++) {
            const value *v = &ci->vals[i];
            int bi = l->runs[r].buf_of[i];
            if (bi < 0 || v->role != ROLE_INPUT)
                continue;
            const plan_buf *pb = &l->bufs[bi];
            unsigned char *dst = in + pb->off + pb->len - pb->nbytes;
            if (v->type == VT_STRING) {
                char **s = v->data;
                for (long long k = 0; k < v->count; k++) {
                    size_t n = strlen(s[k] ? s[k] : "") + 1;
                    memcpy(dst, s[k] ? s[k] : "", n);
                    dst += n;
                }
            } else if (pb->nbytes) {
                memcpy(dst, v->data, pb->nbytes);
            }
        }
    }
}

/* Makes the IN file and writes the header, the tables and the inputs. */
static int write_in(const lbuild *lb, layout *l, md_err *err)
{
    const plan_hdr *h = &l->hdr;
    l->in_fd = new_memfd("mldrill-in", h->in_size, err);
    unsigned char *in = l->in_fd < 0 ? NULL : map_fd(l->in_fd, h->in_size,
                                                     PROT_READ | PROT_WRITE, err);
    if (!in)
        return -1;
    memcpy(in, h, sizeof *h);
    memcpy(in + h->fn_off, lb->fns, sizeof(plan_fn) * (size_t)lb->nfn);
    memcpy(in + h->buf_off, l->bufs, sizeof(plan_buf) * (size_t)lb->nbuf);
    memcpy(in + h->run_off, lb->runs, sizeof(plan_run) * (size_t)lb->ncases);
    memcpy(in + h->call_off, l->calls, sizeof(plan_call) * (size_t)lb->ncall);
    memcpy(in + h->arg_off, lb->args, sizeof(plan_arg) * (size_t)lb->narg);
    memcpy(in + h->str_off, lb->st.sb.buf, lb->st.sb.len);
    write_inputs(l, in);
    munmap(in, h->in_size ? h->in_size : PLAN_PAGE);
    return 0;
}

/* Seals IN so that nobody, the runner included, can change the inputs. */
static int seal_in(const layout *l, md_err *err)
{
    /* EBUSY: the kernel still sees extra references on some pages (a
     * per-CPU LRU batch, migration, compaction on a loaded machine) and
     * gave up waiting for them; they go away, so try again for a while */
    int sealed;
    for (int tries = 0;; tries++) {
        sealed = fcntl(l->in_fd, F_ADD_SEALS,
                       F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL);
        if (sealed == 0 || errno != EBUSY || tries == 100)
            break;
        sleep_seconds(0.020);
    }
    if (sealed != 0)
        return md_fail(err, "cannot seal the input file: %s", strerror(errno));
    return 0;
}

layout *layout_build(case_inst *const *cases, int ncases, const layout_opts *o,
                     md_err *err)
{
    /* an input a generator program has yet to fill holds no data yet */
    for (int r = 0; r < ncases; r++)
        if (cases[r]->npending) {
            const case_inst *ci = cases[r];
            md_fail(err, "case \"%s\": input \"%s\" waits for its generator program",
                    ci->spec->name, ci->vals[ci->pending[0].val].name);
            return NULL;
        }
    layout *l = xcalloc(1, sizeof *l);
    l->in_fd = -1;
    l->nruns = ncases;
    l->runs = xcalloc((size_t)ncases + 1, sizeof(lrun));
    l->share = xcalloc((size_t)ncases + 1, sizeof(double));
    lbuild lb = {.cases = cases, .ncases = ncases, .o = o,
                 .ch = ncases ? cases[0]->ch : NULL};
    st_add(&lb.st, "");
    size_tables(&lb, l);
    fn_table(&lb);
    for (int r = 0; r < ncases; r++) {
        run_buffers(&lb, l, r);
        run_calls(&lb, l, r);
        if (o->timing)
            l->share[r] = o->timing_share ? o->timing_share[r] : 1.0 / ncases;
    }
    place_tables(&lb, l);
    int rc = write_in(&lb, l, err);
    if (rc == 0)
        rc = seal_in(l, err);
    free(lb.fns);
    free(lb.runs);
    free(lb.args);
    sb_free(&lb.st.sb);
    if (rc != 0) {
        layout_free(l);
        return NULL;
    }
    return l;
}

void layout_free(layout *l)
{
    if (!l)
        return;
    if (l->in_fd >= 0)
        close(l->in_fd);
    for (int r = 0; r < l->nruns; r++)
        free(l->runs[r].buf_of);
    free(l->runs);
    free(l->share);
    free(l->bufs);
    free(l->calls);
    free(l);
}

int layout_new_out(const layout *l, md_err *err)
{
    int fd = new_memfd("mldrill-out", l->hdr.out_size, err);
    if (fd < 0)
        return -1;
    unsigned char *out = map_fd(fd, l->hdr.out_size, PROT_READ | PROT_WRITE, err);
    if (!out) {
        close(fd);
        return -1;
    }
    for (int r = 0; r < l->nruns; r++) {
        const case_inst *ci = l->runs[r].ci;
        for (int i = 0; i < ci->nvals; i++) {
            const value *v = &ci->vals[i];
            int bi = l->runs[r].buf_of[i];
            if (bi < 0 || (v->role != ROLE_OUTPUT && v->role != ROLE_INOUT))
                continue;
            const plan_buf *pb = &l->bufs[bi];
            if (pb->sout_cap || !pb->nbytes)
                continue;
            unsigned char *dst = out + pb->off + pb->len - pb->nbytes;
            memset(out + pb->off, PLAN_CANARY, pb->len - pb->nbytes);
            if (v->role == ROLE_INOUT) {
                memcpy(dst, v->data, pb->nbytes);
            } else if (v->type == VT_DOUBLE) {
                uint64_t bits = PLAN_POISON_DOUBLE_BITS;
                for (long long k = 0; k < v->count; k++)
                    memcpy(dst + 8 * k, &bits, 8);
            } else if (v->type == VT_INT) {
                int *d = (int *)dst;
                for (long long k = 0; k < v->count; k++)
                    d[k] = PLAN_POISON_INT;
            }
        }
    }
    munmap(out, l->hdr.out_size);
    return fd;
}

/* Decodes the string outputs the runner copied (its used bytes of
 * elements, checked at the border: wire.h): a string, NULL, or the
 * poison, never written (VALUE_UNWRITTEN_STR).  An area no call copied
 * (used 0) still holds the poison everywhere; elements past an area cut
 * short are NULL. */
static void collect_strings(const unsigned char *elems, uint64_t used, value *v)
{
    char **s = xcalloc((size_t)v->count + 1, sizeof(char *));
    uint64_t pos = 0, at = 0;
    uint32_t n = 0;
    for (long long i = 0; i < v->count; i++) {
        wire_str w = used ? wire_string_elem(elems, used, &pos, &at, &n) : WIRE_STR_UNWRITTEN;
        if (w == WIRE_STR_END)
            break;
        s[i] = w == WIRE_STR_BYTES        ? xstrndup((const char *)elems + at, n)
               : w == WIRE_STR_UNWRITTEN ? VALUE_UNWRITTEN_STR
                                         : NULL;
    }
    v->data = s;
}

/* A result v of run lr: what the last call that stores into it returned,
 * when that call completed. */
static void collect_result(const lrun *lr, const plan_res *pres, value *v)
{
    const case_inst *ci = lr->ci;
    for (int k = ci->ncalls - 1; k >= 0; k--) {
        if (!ci->calls[k].result || strcmp(ci->calls[k].result, v->name) != 0)
            continue;
        const plan_res *pr = &pres[lr->first_call + k];
        if (pr->state == PS_DONE) {
            v->present = true;
            v->num = v->type == VT_DOUBLE   ? pr->ret_d
                     : v->type == VT_HANDLE ? (pr->null_handle ? 0 : 1)
                                            : (double)pr->ret_i;
        }
        return;
    }
}

int layout_collect(const layout *l, int out_fd, int r, value **vals, int *nvals,
                   plan_res *res, int maxres, md_err *err)
{
    const lrun *lr = &l->runs[r];
    const case_inst *ci = lr->ci;
    const unsigned char *out = map_fd(out_fd, l->hdr.out_size, PROT_READ, err);
    if (!out)
        return -1;
    /* the whole call table, copied out of OUT and checked (wire.h) */
    plan_res *pres = xcalloc((size_t)l->hdr.ncall + 1, sizeof(plan_res));
    memcpy(pres, out + l->hdr.res_off, sizeof(plan_res) * l->hdr.ncall);
    wire_results(pres, (int)l->hdr.ncall);
    *vals = xcalloc((size_t)ci->nvals + 1, sizeof(value));
    *nvals = 0;
    for (int i = 0; i < ci->nvals; i++) {
        const value *src = &ci->vals[i];
        if (src->role == ROLE_VAR || src->role == ROLE_INPUT)
            continue;
        value *v = &(*vals)[(*nvals)++];
        *v = *src;
        v->name = xstrdup(src->name);
        v->data = NULL;
        v->labels = NULL;
        v->present = false;
        if (src->role == ROLE_RESULT) {
            collect_result(lr, pres, v);
            continue;
        }
        const plan_buf *pb = &l->bufs[lr->buf_of[i]];
        /* present when a call writing it completed */
        for (int k = 0; k < ci->ncalls; k++)
            if (pres[lr->first_call + k].state == PS_DONE)
                v->present = true;
        if (pb->sout_cap) {
            /* the area starts with the number of bytes the runner used */
            uint64_t used;
            memcpy(&used, out + pb->sout_off, sizeof used);
            used = wire_string_bytes(used, pb->sout_cap);
            collect_strings(out + pb->sout_off + sizeof used, used, v);
        } else {
            size_t sz = pb->nbytes ? pb->nbytes : 1;
            v->data = xmalloc(sz);
            if (pb->nbytes)
                memcpy(v->data, out + pb->off + pb->len - pb->nbytes, pb->nbytes);
        }
    }
    for (int k = 0; k < ci->ncalls && res && k < maxres; k++)
        res[k] = pres[lr->first_call + k];
    free(pres);
    munmap((void *)out, l->hdr.out_size);
    return 0;
}

uint64_t layout_alloc_failed(const layout *l, int out_fd, int r)
{
    md_err err;
    const unsigned char *out = map_fd(out_fd, l->hdr.out_size, PROT_READ, &err);
    if (!out)
        return 0;
    const plan_res *pres = (const plan_res *)(out + l->hdr.res_off);
    uint64_t most = 0;
    for (int k = 0; k < l->runs[r].ci->ncalls; k++)
        if (pres[l->runs[r].first_call + k].alloc_failed > most)
            most = pres[l->runs[r].first_call + k].alloc_failed;
    munmap((void *)out, l->hdr.out_size);
    return most;
}

int layout_before_start(const layout *l, int out_fd, int r, const char **name,
                        long long *nbytes, md_err *err)
{
    const unsigned char *out = map_fd(out_fd, l->hdr.out_size, PROT_READ, err);
    if (!out)
        return -1;
    const lrun *lr = &l->runs[r];
    int found = 0;
    for (int i = 0; i < lr->ci->nvals && !found; i++) {
        const value *v = &lr->ci->vals[i];
        if (lr->buf_of[i] < 0 || (v->role != ROLE_OUTPUT && v->role != ROLE_INOUT))
            continue;
        const plan_buf *pb = &l->bufs[lr->buf_of[i]];
        uint64_t slack = pb->len - pb->nbytes;
        if (pb->sout_cap || !pb->nbytes)
            continue;
        /* the lowest byte changed says how far before the start it wrote */
        for (uint64_t k = 0; k < slack && !found; k++)
            if (out[pb->off + k] != PLAN_CANARY) {
                *name = v->name;
                *nbytes = (long long)(slack - k);
                found = 1;
            }
    }
    munmap((void *)out, l->hdr.out_size);
    return found;
}

int layout_profile(const layout *l, int out_fd, plan_prof *p, md_err *err)
{
    if (!l->hdr.prof_off)
        return 0;
    const unsigned char *out = map_fd(out_fd, l->hdr.out_size, PROT_READ, err);
    if (!out)
        return -1;
    memcpy(p, out + l->hdr.prof_off, sizeof *p);
    munmap((void *)out, l->hdr.out_size);
    if (p->npcs > PLAN_PROF_PCS)
        p->npcs = PLAN_PROF_PCS;
    if (p->nlibs > PLAN_PROF_LIBS)
        p->nlibs = PLAN_PROF_LIBS;
    for (uint32_t i = 0; i < p->nlibs; i++)
        p->libs[i].name[sizeof p->libs[i].name - 1] = '\0';
    return 1;
}

double layout_timing_share(const layout *l, int t)
{
    return l->share[t];
}

int layout_out_regions(const layout *l, int r, layout_region **regs)
{
    const lrun *lr = &l->runs[r];
    const case_inst *ci = lr->ci;
    *regs = xcalloc((size_t)ci->nvals + 1, sizeof(layout_region));
    int n = 0;
    for (int i = 0; i < ci->nvals; i++) {
        const value *v = &ci->vals[i];
        if (lr->buf_of[i] < 0 || (v->role != ROLE_OUTPUT && v->role != ROLE_INOUT))
            continue;
        const plan_buf *pb = &l->bufs[lr->buf_of[i]];
        layout_region *g = &(*regs)[n++];
        g->strings = pb->sout_cap != 0;
        g->off = g->strings ? pb->sout_off : pb->off + pb->len - pb->nbytes;
        g->nbytes = g->strings ? pb->sout_cap : pb->nbytes;
        g->elem = g->strings ? 1 : (uint32_t)vtype_size(v->type);
    }
    return n;
}
