/* Unit tests: the runner plan layout_build lays out (run/plan.h), as data.
 *
 * Each row is a small challenge (its functions, calls, inputs and cases)
 * and the facts its plan must show: the buffer table (name, file, element
 * type, count, per run), the argument kinds of every call, the handle
 * slots.  Every row is also held to the plan's invariants: page-aligned
 * regions with their data pushed against the region's end, inputs in the
 * sealed IN file and outputs in OUT, the string table naming functions,
 * runs and buffers, the run/call/argument tables agreeing with the cases,
 * and outputs written into an OUT file coming back through
 * layout_collect.  The same rows check firsts.h: what a timed round must
 * leave in OUT, and what it catches when a round leaves something else. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "run/firsts.h"
#include "run/layout.h"
#include "spec/challenge.h"
#include "testutil.h"

typedef struct layout_row {
    const char *what;      /* the case, in words */
    const char *spec;      /* "functions", "calls", "inputs" and "cases" */
    bool timing;           /* a timing plan: one plan_time per case */
    /* expected */
    const char *bufs;      /* per buffer "name:file:elem:count", runs split by
                              " | "; file is in, out, inout or sout (a
                              string output, copied back by the runner) */
    const char *args;      /* per argument: I int, D double, S string, B
                              buffer, H0.. handle slot, H- no handle yet;
                              r: a release's, passed even when NULL */
    const char *slots;     /* per call: its return's handle slot, or - */
} layout_row;

static const layout_row rows[] = {
    {"a double input and an output, an int result; the second case spans "
     "several pages",
     "\"functions\": [{\"name\": \"f\", \"returns\": \"int\", \"params\": ["
     " {\"name\": \"X\", \"type\": \"double[]\", \"shape\": [\"n\", \"d\"]},"
     " {\"name\": \"n\", \"type\": \"int\"}, {\"name\": \"d\", \"type\": \"int\"},"
     " {\"name\": \"y\", \"type\": \"double[]\", \"dir\": \"out\", \"shape\": [\"n\"]}]}],"
     "\"calls\": [{\"fn\": \"f\", \"result\": \"r\"}],"
     "\"inputs\": {\"X\": {\"gen\": \"normal\"}},"
     "\"checks\": [{\"output\": \"y\"}],"
     "\"cases\": [{\"name\": \"small\", \"vars\": {\"n\": 3, \"d\": 2}},"
     " {\"name\": \"large\", \"vars\": {\"n\": 700, \"d\": 3}}]",
     false, "X:in:double:6 y:out:double:3 | X:in:double:2100 y:out:double:700",
     "B I I B | B I I B", "- | -"},
    {"an int input, an inout array and a double scalar, called twice with "
     "bindings",
     "\"functions\": [{\"name\": \"g\", \"returns\": \"double\", \"params\": ["
     " {\"name\": \"lab\", \"type\": \"int[]\", \"shape\": [\"n\"]},"
     " {\"name\": \"n\", \"type\": \"int\"}, {\"name\": \"s\", \"type\": \"double\"},"
     " {\"name\": \"c\", \"type\": \"double[]\", \"dir\": \"inout\", \"shape\": [\"k\"]}]}],"
     "\"calls\": [{\"fn\": \"g\", \"result\": \"a\"},"
     " {\"fn\": \"g\", \"bind\": {\"c\": \"c2\"}, \"result\": \"b\"}],"
     "\"inputs\": {\"lab\": {\"gen\": \"ints\", \"low\": 0, \"high\": 3},"
     " \"c\": {\"gen\": \"normal\"}, \"c2\": {\"gen\": \"normal\"}},"
     "\"checks\": [{\"output\": \"c\"}],"
     "\"cases\": [{\"name\": \"one\", \"vars\": {\"n\": 5, \"k\": 4, \"s\": 0.5}}]",
     false, "lab:in:int:5 c:inout:double:4 c2:inout:double:4", "B I D B B I D B", "- -"},
    {"strings: an input array, a string scalar and a string output",
     "\"functions\": [{\"name\": \"h\", \"params\": ["
     " {\"name\": \"w\", \"type\": \"string[]\", \"shape\": [\"n\"]},"
     " {\"name\": \"n\", \"type\": \"int\"}, {\"name\": \"sep\", \"type\": \"string\"},"
     " {\"name\": \"out\", \"type\": \"string[]\", \"dir\": \"out\", \"shape\": [\"n\"]}]}],"
     "\"inputs\": {\"w\": {\"literal\": [\"red\", \"green\", \"blue\"]},"
     " \"sep\": {\"literal\": [\",\"]}},"
     "\"checks\": [{\"output\": \"out\", \"compare\": \"equal\"}],"
     "\"cases\": [{\"name\": \"words\", \"vars\": {\"n\": 3}}]",
     false, "w:in:string:3 sep:in:string:1 out:sout:string:3", "B I S B", "-"},
    {"handles: fit returns a model the next calls use, a refit reuses its slot, "
     "release takes it back (passed even when NULL: r); the derived release case "
     "passes no handle at all",
     "\"functions\": [{\"name\": \"fit\", \"returns\": {\"type\": \"handle\","
     "  \"handle\": \"model\", \"name\": \"m\"}, \"params\": ["
     "  {\"name\": \"X\", \"type\": \"double[]\", \"shape\": [\"n\"]},"
     "  {\"name\": \"n\", \"type\": \"int\"}]},"
     " {\"name\": \"predict\", \"returns\": \"double\", \"params\": ["
     "  {\"name\": \"m\", \"type\": \"handle\", \"handle\": \"model\"},"
     "  {\"name\": \"x\", \"type\": \"double\"}]},"
     " {\"name\": \"release\", \"params\": [{\"name\": \"m\", \"type\": \"handle\","
     "  \"handle\": \"model\", \"dir\": \"inout\"}]}],"
     "\"calls\": [{\"fn\": \"fit\", \"result\": \"m\"}, {\"fn\": \"predict\", \"result\": \"p\"},"
     " {\"fn\": \"fit\", \"result\": \"m2\"}, {\"fn\": \"release\", \"bind\": {\"m\": \"m2\"}},"
     " {\"fn\": \"fit\", \"result\": \"m\"}, {\"fn\": \"release\"}],"
     "\"inputs\": {\"X\": {\"gen\": \"normal\"}},"
     "\"checks\": [{\"output\": \"p\"}],"
     "\"cases\": [{\"name\": \"model\", \"vars\": {\"n\": 4, \"x\": 2}}]",
     false, "X:in:double:4 |", "B I H0 D B I H1r B I H0r | H-r", "0 - 1 - 0 - | -"},
    {"empty arrays (n = 0): a region of no pages each, next to a non-empty one",
     "\"functions\": [{\"name\": \"f\", \"returns\": \"int\", \"params\": ["
     " {\"name\": \"X\", \"type\": \"double[]\", \"shape\": [\"n\", \"d\"]},"
     " {\"name\": \"n\", \"type\": \"int\"}, {\"name\": \"d\", \"type\": \"int\"},"
     " {\"name\": \"w\", \"type\": \"double[]\", \"dir\": \"out\", \"shape\": [\"d\"]},"
     " {\"name\": \"y\", \"type\": \"int[]\", \"dir\": \"out\", \"shape\": [\"n\"]}]}],"
     "\"calls\": [{\"fn\": \"f\", \"result\": \"r\"}],"
     "\"inputs\": {\"X\": {\"gen\": \"normal\"}},"
     "\"checks\": [{\"output\": \"y\"}],"
     "\"cases\": [{\"name\": \"empty\", \"vars\": {\"n\": 0, \"d\": 3}}]",
     false, "X:in:double:0 w:out:double:3 y:out:int:0", "B I I B B", "-"},
    {"a timing plan: one timing job per case, sharing the budget",
     "\"functions\": [{\"name\": \"f\", \"params\": ["
     " {\"name\": \"X\", \"type\": \"double[]\", \"shape\": [\"n\"]},"
     " {\"name\": \"n\", \"type\": \"int\"},"
     " {\"name\": \"y\", \"type\": \"int[]\", \"dir\": \"out\", \"shape\": [\"n\"]}]}],"
     "\"inputs\": {\"X\": {\"gen\": \"normal\"}},"
     "\"checks\": [{\"output\": \"y\", \"compare\": \"equal\"}],"
     "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 2}}, {\"name\": \"b\", \"vars\": {\"n\": 9}}]",
     true, "X:in:double:2 y:out:int:2 | X:in:double:9 y:out:int:9", "B I B | B I B", "- | -"},
};

static char *dir;

/* A plan built from a row, with what it was built from. */
typedef struct built {
    challenge *ch;
    case_inst *insts;
    case_inst **cases;
    int ncases;
    layout *l;
    const unsigned char *in;    /* the IN file, mapped read-only */
    size_t in_size;
} built;

static challenge *load_row(const layout_row *row)
{
    char *json = xasprintf("{\"id\": \"t\", \"title\": \"T\", \"difficulty\": \"easy\","
                           " \"minutes\": 5, \"statement\": \"s\", \"reference\": \"ref.c\","
                           " %s}", row->spec);
    char *p = test_write(dir, "t.json", json);
    md_err err = {{0}};
    challenge *c = challenge_load(p, &err);
    if (!c)
        fail_msg("%s: %s", row->what, err.msg);
    free(p);
    free(json);
    return c;
}

static void build(const layout_row *row, built *b)
{
    md_err err = {{0}};
    b->ch = load_row(row);
    b->ncases = b->ch->ncases;
    b->insts = xcalloc((size_t)b->ncases, sizeof *b->insts);
    b->cases = xcalloc((size_t)b->ncases, sizeof *b->cases);
    for (int r = 0; r < b->ncases; r++) {
        assert_int_equal(case_instantiate(b->ch, &b->ch->cases[r], 1, NULL, 1, &b->insts[r],
                                          &err), 0);
        b->cases[r] = &b->insts[r];
    }
    layout_opts o = {.memory_bytes = 64 << 20, .timing = row->timing,
                     .timing_budget_s = 1, .min_round_s = 0.01, .timing_seed = 7};
    b->l = layout_build(b->cases, b->ncases, &o, &err);
    if (!b->l)
        fail_msg("%s: %s", row->what, err.msg);
    b->in_size = layout_hdr(b->l)->in_size;
    b->in = mmap(NULL, b->in_size, PROT_READ, MAP_SHARED, layout_in_fd(b->l), 0);
    assert_true(b->in != MAP_FAILED);
}

static void unbuild(built *b)
{
    munmap((void *)b->in, b->in_size);
    layout_free(b->l);
    for (int r = 0; r < b->ncases; r++)
        case_inst_free(&b->insts[r]);
    free(b->insts);
    free(b->cases);
    spec_free(b->ch);
}

/* The table at offset off of the IN file. */
#define TABLE(b, type, off) ((const type *)((b)->in + (off)))

static const char *str_at(const built *b, uint32_t off)
{
    const plan_hdr *h = layout_hdr(b->l);
    assert_true(off < h->str_len);
    return (const char *)b->in + h->str_off + off;
}

/* The header in IN is the layout's; the counts are the cases'. */
static void check_header(const layout_row *row, const built *b)
{
    const plan_hdr *h = layout_hdr(b->l);
    assert_memory_equal(b->in, h, sizeof *h);
    assert_int_equal(h->magic, PLAN_MAGIC);
    assert_int_equal(h->version, PLAN_VERSION);
    assert_int_equal(h->nrun, b->ncases);
    assert_int_equal(h->nfn, b->ch->nfunctions);
    assert_int_equal(h->ntime, row->timing ? b->ncases : 0);
    assert_int_equal(h->in_size % PLAN_PAGE, 0);
    /* sealed: nobody can change the inputs */
    int seals = fcntl(layout_in_fd(b->l), F_GET_SEALS);
    assert_true(seals & F_SEAL_WRITE);
    assert_true(seals & F_SEAL_GROW);
    const plan_fn *fns = TABLE(b, plan_fn, h->fn_off);
    for (int f = 0; f < b->ch->nfunctions; f++)
        assert_string_equal(str_at(b, fns[f].name), b->ch->functions[f].name);
}

/* "name:file:elem:count" of buffer pb. */
static char *buf_facts(const built *b, const plan_buf *pb)
{
    static const char *const elems[] = {"?", "int", "double", "string"};
    const char *file = pb->sout_cap ? "sout"
                       : pb->flags & PB_INOUT ? "inout"
                       : pb->file == PF_IN ? "in" : "out";
    return xasprintf("%s:%s:%s:%llu", str_at(b, pb->name), file, elems[pb->elem],
                     (unsigned long long)pb->count);
}

/* Every region page-aligned with its data against its end, in its file's
 * data area, and no two regions of a file overlapping. */
static void check_regions(const built *b, const plan_buf *bufs, uint32_t nbuf)
{
    const plan_hdr *h = layout_hdr(b->l);
    uint64_t in_data = plan_pages(h->str_off + h->str_len);
    uint64_t out_data = plan_pages(sizeof(plan_res) * (h->ncall ? h->ncall : 1));
    for (uint32_t i = 0; i < nbuf; i++) {
        const plan_buf *p = &bufs[i];
        uint64_t lo = p->sout_cap ? p->sout_off : p->off;
        uint64_t len = p->sout_cap ? p->sout_cap : p->len;
        assert_int_equal(lo % PLAN_PAGE, 0);
        assert_int_equal(len % PLAN_PAGE, 0);
        assert_true(p->sout_cap || (p->nbytes <= p->len && p->len - p->nbytes < PLAN_PAGE));
        assert_true(lo >= (p->file == PF_IN ? in_data : out_data));
        assert_true(lo + len <= (p->file == PF_IN ? h->in_size : h->out_size));
        for (uint32_t k = 0; k < i; k++) {
            const plan_buf *q = &bufs[k];
            uint64_t qlo = q->sout_cap ? q->sout_off : q->off;
            uint64_t qlen = q->sout_cap ? q->sout_cap : q->len;
            assert_true(q->file != p->file || lo >= qlo + qlen || qlo >= lo + len);
        }
    }
}

/* The buffer table: the row's facts, the values' data at the end of each
 * input region, and layout_buffer_value naming each buffer and its run. */
static void check_buffers(const layout_row *row, const built *b)
{
    const plan_hdr *h = layout_hdr(b->l);
    const plan_buf *bufs = TABLE(b, plan_buf, h->buf_off);
    const plan_run *runs = TABLE(b, plan_run, h->run_off);
    strbuf got = {0};
    for (int r = 0; r < b->ncases; r++) {
        assert_string_equal(str_at(b, runs[r].name), b->ch->cases[r].name);
        if (r)
            sb_add(&got, " |");
        for (uint32_t i = runs[r].first_buf; i < runs[r].first_buf + runs[r].nbuf; i++) {
            char *f = buf_facts(b, &bufs[i]);
            sb_printf(&got, " %s", f);
            free(f);
            int run = -1;
            const value *v = layout_buffer_value(b->l, (int)i, &run);
            assert_non_null(v);
            assert_int_equal(run, r);
            assert_string_equal(v->name, str_at(b, bufs[i].name));
            if (v->role == ROLE_INPUT && v->type != VT_STRING)
                assert_memory_equal(b->in + bufs[i].off + bufs[i].len - bufs[i].nbytes,
                                    v->data, bufs[i].nbytes);
            if (v->role == ROLE_INPUT && v->type == VT_STRING) {
                const char *s = (const char *)b->in + bufs[i].off + bufs[i].len - bufs[i].nbytes;
                for (long long k = 0; k < v->count; s += strlen(s) + 1, k++)
                    assert_string_equal(s, ((char **)v->data)[k]);
            }
        }
    }
    assert_null(layout_buffer_value(b->l, (int)h->nbuf, NULL));
    assert_string_equal(sb_str(&got) + 1, row->bufs);
    sb_free(&got);
    check_regions(b, bufs, h->nbuf);
}

/* The token of argument a in the row's args: I, D, S, B, H<slot>, H-,
 * and r after a release's handle. */
static void arg_token(strbuf *sb, const plan_arg *a)
{
    static const char kinds[] = "?IDSHB";
    sb_printf(sb, " %c", kinds[a->kind]);
    if (a->kind == PK_HANDLE && a->ref == PLAN_NONE)
        sb_addc(sb, '-');
    else if (a->kind == PK_HANDLE)
        sb_printf(sb, "%u", a->ref);
    if (a->kind == PK_HANDLE && a->i == PLAN_HANDLE_RELEASE)
        sb_addc(sb, 'r');
}

/* Argument a of call cl in case ci passes what the case binds to p: the
 * buffer of that value, or its number. */
static void check_arg(const built *b, const case_inst *ci, const call *cl, const param *p,
                      const plan_arg *a)
{
    const value *v = case_value(ci, call_binding(cl, p));
    if (a->kind == PK_HANDLE && strcmp(call_binding(cl, p), CALL_NULL_HANDLE) == 0) {
        assert_null(v);
        assert_int_equal(a->ref, PLAN_NONE);
        return;
    }
    assert_non_null(v);
    if (a->kind == PK_BUF || a->kind == PK_STRING) {
        const plan_buf *pb = &TABLE(b, plan_buf, layout_hdr(b->l)->buf_off)[a->ref];
        assert_string_equal(str_at(b, pb->name), v->name);
    } else if (a->kind == PK_INT || a->kind == PK_DOUBLE) {
        assert_true(a->d == v->num);
        assert_int_equal(a->i, (int64_t)v->num);
    }
}

/* The run, call and argument tables against the cases and the row. */
static void check_calls(const layout_row *row, const built *b)
{
    const plan_hdr *h = layout_hdr(b->l);
    const plan_run *runs = TABLE(b, plan_run, h->run_off);
    const plan_call *calls = TABLE(b, plan_call, h->call_off);
    const plan_arg *args = TABLE(b, plan_arg, h->arg_off);
    strbuf ga = {0}, gs = {0};
    uint32_t next_call = 0, next_arg = 0;
    for (int r = 0; r < b->ncases; r++) {
        const case_inst *ci = b->cases[r];
        assert_int_equal(runs[r].first_call, next_call);
        assert_int_equal(layout_run_first_call(b->l, r), (int)next_call);
        assert_int_equal(runs[r].ncalls, ci->ncalls);
        assert_true(runs[r].wall_s == ci->spec->wall_s);
        if (r) {
            sb_add(&ga, " |");
            sb_add(&gs, " |");
        }
        for (int k = 0; k < ci->ncalls; k++, next_call++) {
            const plan_call *pc = &calls[next_call];
            const function *f = &b->ch->functions[ci->calls[k].fn];
            assert_int_equal(pc->fn, ci->calls[k].fn);
            assert_int_equal(pc->first_arg, next_arg);
            assert_int_equal(pc->nargs, f->nparams);
            for (int p = 0; p < f->nparams; p++, next_arg++) {
                arg_token(&ga, &args[next_arg]);
                check_arg(b, ci, &ci->calls[k], &f->params[p], &args[next_arg]);
            }
            if (pc->ret_slot == PLAN_NONE)
                sb_add(&gs, " -");
            else
                sb_printf(&gs, " %u", pc->ret_slot);
        }
    }
    assert_int_equal(next_call, h->ncall);
    assert_int_equal(next_arg, h->narg);
    assert_string_equal(sb_str(&ga) + 1, row->args);
    assert_string_equal(sb_str(&gs) + 1, row->slots);
    sb_free(&ga);
    sb_free(&gs);
}

/* Timing plans: one job per run, the budget shared evenly. */
static void check_times(const built *b)
{
    const plan_hdr *h = layout_hdr(b->l);
    for (uint32_t i = 0; i < h->ntime; i++)
        assert_true(fabs(layout_timing_share(b->l, (int)i) - 1.0 / b->ncases) < 1e-12);
    assert_true(h->timing_budget_s == 1 && h->min_round_s == 0.01 && h->timing_seed == 7);
    assert_int_equal(h->memory_bytes, 64 << 20);
}

/* --- OUT and layout_collect --------------------------------------------------- */

/* The value the round trip writes into element k of a run r output. */
static double pattern(int r, long long k)
{
    return r * 100 + (double)k + (r % 2 ? 0 : 0.25);
}

/* A fresh OUT holds poison in outputs and the inputs of inout arrays;
 * then each output gets the pattern, each string output "s<k>", and each
 * call a result (ret_i 40 + k, ret_d 0.5 + k). */
static void fill_out(const built *b, unsigned char *out)
{
    const plan_hdr *h = layout_hdr(b->l);
    const plan_buf *bufs = TABLE(b, plan_buf, h->buf_off);
    for (uint32_t i = 0; i < h->nbuf; i++) {
        const plan_buf *pb = &bufs[i];
        int r;
        const value *v = layout_buffer_value(b->l, (int)i, &r);
        if (pb->sout_cap) {
            uint64_t used = 0;
            for (long long k = 0; k < v->count; k++) {
                char s[32];
                uint32_t n = (uint32_t)snprintf(s, sizeof s, "s%lld", k);
                memcpy(out + pb->sout_off + 8 + used, &n, 4);
                memcpy(out + pb->sout_off + 12 + used, s, n);
                used += 4 + n;
            }
            memcpy(out + pb->sout_off, &used, 8);
            continue;
        }
        if (pb->file != PF_OUT)
            continue;
        unsigned char *d = out + pb->off + pb->len - pb->nbytes;
        if (v->role == ROLE_INOUT)
            assert_memory_equal(d, v->data, pb->nbytes);
        for (long long k = 0; k < v->count; k++) {
            if (v->type == VT_DOUBLE) {
                uint64_t bits;
                memcpy(&bits, d + 8 * k, 8);
                assert_true(v->role == ROLE_INOUT || bits == PLAN_POISON_DOUBLE_BITS);
                double x = pattern(r, k);
                memcpy(d + 8 * k, &x, 8);
            } else {
                int *e = (int *)d + k;
                assert_true(v->role == ROLE_INOUT || *e == PLAN_POISON_INT);
                *e = (int)pattern(r, k);
            }
        }
    }
    plan_res *res = (plan_res *)(out + h->res_off);
    for (uint32_t c = 0; c < h->ncall; c++)
        res[c] = (plan_res){.state = PS_DONE, .ret_i = 40 + c, .ret_d = 0.5 + c};
}

/* What layout_collect gives back for run r: every output, inout and result
 * of the case, as fill_out wrote them. */
static void check_collected(const built *b, int out_fd, int r)
{
    const case_inst *ci = b->cases[r];
    md_err err = {{0}};
    value *vals;
    int nvals;
    plan_res res[16];
    assert_int_equal(layout_collect(b->l, out_fd, r, &vals, &nvals, res, 16, &err), 0);
    int i = 0;
    for (int k = 0; k < ci->nvals; k++) {
        const value *src = &ci->vals[k];
        if (src->role == ROLE_VAR || src->role == ROLE_INPUT)
            continue;
        const value *v = &vals[i++];
        assert_string_equal(v->name, src->name);
        assert_true(v->present);
        int first = layout_run_first_call(b->l, r), last = -1;
        for (int c = 0; c < ci->ncalls; c++)
            if (ci->calls[c].result && strcmp(ci->calls[c].result, v->name) == 0)
                last = first + c;
        if (src->role == ROLE_RESULT)
            assert_true(v->num == (v->type == VT_INT      ? 40 + last
                                   : v->type == VT_DOUBLE ? 0.5 + last
                                                          : 1));
        for (long long e = 0; src->role != ROLE_RESULT && e < v->count; e++) {
            char s[32];
            snprintf(s, sizeof s, "s%lld", e);
            if (v->type == VT_STRING)
                assert_string_equal(((char **)v->data)[e], s);
            else
                assert_true(value_get(v, e) == (v->type == VT_INT ? (int)pattern(r, e)
                                                                  : pattern(r, e)));
        }
    }
    assert_int_equal(i, nvals);
    for (int c = 0; c < ci->ncalls; c++)
        assert_int_equal(res[c].ret_i, 40 + layout_run_first_call(b->l, r) + c);
    for (int k = 0; k < nvals; k++)
        value_clear(&vals[k]);
    free(vals);
}

static void check_round_trip(const built *b)
{
    md_err err = {{0}};
    int fd = layout_new_out(b->l, &err);
    assert_true(fd >= 0);
    size_t size = layout_hdr(b->l)->out_size;
    unsigned char *out = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    assert_true(out != MAP_FAILED);
    fill_out(b, out);
    munmap(out, size);
    for (int r = 0; r < b->ncases; r++)
        check_collected(b, fd, r);
    close(fd);
}

/* --- firsts: a timed round must leave what the first left ------------------------ */

/* For every run: the regions are its outputs, inouts and string outputs;
 * a faithful rerun (the first round's OUT copied back) passes after the
 * spoiling, while a round that did not run, a changed result, or a
 * changed first element (always among the spoiled) does not. */
static void check_firsts(const built *b)
{
    md_err err = {{0}};
    int fd = layout_new_out(b->l, &err);
    size_t size = layout_hdr(b->l)->out_size;
    unsigned char *out = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    assert_true(out != MAP_FAILED);
    fill_out(b, out);
    unsigned char *first = xmalloc(size);
    memcpy(first, out, size);
    uint64_t rng = 99;
    for (int r = 0; r < b->ncases; r++) {
        layout_region *regs;
        int nregs = layout_out_regions(b->l, r, &regs), want = 0;
        for (int k = 0; k < b->cases[r]->nvals; k++)
            want += b->cases[r]->vals[k].array && (b->cases[r]->vals[k].role == ROLE_OUTPUT ||
                                                   b->cases[r]->vals[k].role == ROLE_INOUT);
        assert_int_equal(nregs, want);
        firsts *f = firsts_take(b->l, r, out);
        assert_true(firsts_verify(f, out));
        firsts_spoil(f, out, &rng);
        assert_false(firsts_verify(f, out));         /* the round did not run */
        memcpy(out, first, size);
        assert_true(firsts_verify(f, out));          /* it ran, faithfully */
        plan_res *res = (plan_res *)(out + layout_hdr(b->l)->res_off) +
                        layout_run_first_call(b->l, r);
        firsts_spoil(f, out, &rng);
        memcpy(out, first, size);
        res[0].ret_i++;
        assert_false(firsts_verify(f, out));         /* another result */
        for (int i = 0; i < nregs; i++) {
            if (regs[i].nbytes == 0)
                continue;    /* an empty array: nothing to spoil */
            memcpy(out, first, size);
            firsts_spoil(f, out, &rng);
            memcpy(out, first, size);
            out[regs[i].off + (regs[i].strings ? 8 : 0)] ^= 1;
            assert_false(firsts_verify(f, out));     /* another first element */
        }
        memcpy(out, first, size);
        firsts_free(f);
        free(regs);
    }
    free(first);
    munmap(out, size);
    close(fd);
}

static void layout_rows_should_show_their_plans(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        print_message("%s\n", rows[i].what);
        built b;
        build(&rows[i], &b);
        check_header(&rows[i], &b);
        check_buffers(&rows[i], &b);
        check_calls(&rows[i], &b);
        check_times(&b);
        check_round_trip(&b);
        check_firsts(&b);
        unbuild(&b);
    }
}

static int setup(void **state)
{
    (void)state;
    dir = test_tmpdir();
    free(test_write(dir, "ref.c", "int f(void) { return 0; }\n"));
    return dir ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(layout_rows_should_show_their_plans),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
