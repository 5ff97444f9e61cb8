/* Unit tests: contracts as data (spec/contract.h, spec/derive.h), as
 * tables.
 *
 * 1. The grammar: each requirement text on a function with int, double
 *    and array parameters, the interval it reads as, how a statement says
 *    it is broken, the values that break it minimally and the values on
 *    its edges (for given values of its bounds); or the error it gives.
 * 2. The derivation: each row a small challenge with a contract, and the
 *    derived cases it must give (name, the variables set, the elements
 *    poked, the calls, the checks), the cases left out and the statement's
 *    sentence.
 * The errors a contract gives at load are entries of spec_errors.test
 * (test_spec.c). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "spec/cases.h"
#include "spec/challenge.h"
#include "spec/contract.h"
#include "testutil.h"

static char *dir;

/* --- 1. the grammar ------------------------------------------------------- */

typedef struct grammar_row {
    const char *text;
    double lo, hi;          /* what the bounds evaluate to */
    const char *reads;      /* the interval, or NULL for an error */
    const char *broken;     /* contract_violation_text; for an error: part of it */
    const char *violations; /* contract_violations, space-separated */
    const char *edges;      /* contract_boundaries */
} grammar_row;

static const grammar_row grammar[] = {
    {"n >= 1", 1, 0, "n in [1, inf)", "n < 1", "0", "1"},
    {"n > 0", 0, 0, "n in (0, inf)", "n <= 0", "0", "1"},
    {"1 <= n", 1, 0, "n in [1, inf)", "n < 1", "0", "1"},
    {"lr > 0", 0, 0, "lr in (0, inf)", "lr <= 0", "0", ""},
    {"l2 >= 0", 0, 0, "l2 in [0, inf)", "l2 < 0", "-1e-12", "0"},
    {"lr <= 2.5", 0, 2.5, "lr in (-inf, 2.5]", "lr > 2.5", "2.5000000000025", "2.5"},
    {"k <= d", 0, 7, "k in (-inf, d]", "k > d", "8", "7"},
    {"k < n", 0, 7, "k in (-inf, n)", "k >= n", "7", "6"},
    {"0 <= k <= n", 0, 9, "k in [0, n]", "k < 0 or k > n", "-1 10", "0 9"},
    {"n >= k", 3, 0, "n in [k, inf)", "n < k", "2", "3"},
    {"n == d", 4, 0, "n == d", "n != d", "5 3", ""},
    {"0 <= y < k", 0, 3, "each y in [0, k)", "an element of y outside 0..k-1", "-1 3", "0 2"},
    {"0 <= y <= 1", 0, 1, "each y in [0, 1]", "an element of y outside 0..1", "-1 2", "0 1"},
    {"0 < y < n + 1", 0, 5, "each y in (0, n + 1)", "an element of y outside 1..(n + 1)-1",
     "0 5", "1 4"},
    {"0 <= u < 1", 0, 1, "each u in [0, 1)", "an element of u outside [0, 1)",
     "-1e-12 1", "0"},
    {"y >= 0", 0, 0, "each y in [0, inf)", "an element of y < 0", "-1", "0"},
    {"k > 2 * n - 1", 5, 0, "k in (2 * n - 1, inf)", "k <= 2 * n - 1", "5", "6"},
    /* errors */
    {"n", 0, 0, NULL, "expected a comparison", "", ""},
    {"n = 1", 0, 0, NULL, "the operators are", "", ""},
    {"n != 0", 0, 0, NULL, "the operators are", "", ""},
    {"1 < 2", 0, 0, NULL, "must be a parameter of f", "", ""},
    {"0 <= n >= 1", 0, 0, NULL, "point the same way", "", ""},
    {"0 <= 1 < n", 0, 0, NULL, "the middle of a chain", "", ""},
    {"0 < n < k < d", 0, 0, NULL, "at most two comparisons", "", ""},
    {"n >= ", 0, 0, NULL, "empty", "", ""},
    {"n >= (1", 0, 0, NULL, "expected ')'", "", ""},
    {"n <= n + 1", 0, 0, NULL, "refers to n itself", "", ""},
    {"s >= 1", 0, 0, NULL, "s is a string", "", ""},
    {"lr == 1", 0, 0, NULL, "== compares whole numbers", "", ""},
    {"y == 1", 0, 0, NULL, "== compares whole numbers", "", ""},
};

static param mkparam(const char *name, vtype t, bool array)
{
    param p;
    memset(&p, 0, sizeof p);
    p.name = (char *)name;
    p.type = t;
    p.array = array;
    return p;
}

/* "[1, inf)", "(0, n]", "== d" as the test rows write an interval. */
static void reads(const requirement *r, strbuf *sb)
{
    sb_printf(sb, "%s%s ", r->elementwise ? "each " : "", r->subject);
    if (r->eq) {
        sb_printf(sb, "== %s", expr_text(r->lo));
        return;
    }
    sb_printf(sb, "in %c%s, %s%c", r->lo && !r->lo_strict ? '[' : '(',
              r->lo ? expr_text(r->lo) : "-inf", r->hi ? expr_text(r->hi) : "inf",
              r->hi && !r->hi_strict ? ']' : ')');
}

static void values(const double *v, int n, strbuf *sb)
{
    char buf[64];
    for (int i = 0; i < n; i++)
        sb_printf(sb, "%s%s", i ? " " : "", contract_num(v[i], buf, sizeof buf));
}

static void requirement_grammar_should_read_each_row(void **state)
{
    (void)state;
    param ps[] = {mkparam("n", VT_INT, false),    mkparam("d", VT_INT, false),
                  mkparam("k", VT_INT, false),    mkparam("lr", VT_DOUBLE, false),
                  mkparam("l2", VT_DOUBLE, false), mkparam("y", VT_INT, true),
                  mkparam("u", VT_DOUBLE, true),  mkparam("s", VT_STRING, false)};
    function f = {.name = "f", .params = ps, .nparams = (int)(sizeof ps / sizeof ps[0])};
    for (size_t i = 0; i < sizeof grammar / sizeof grammar[0]; i++) {
        const grammar_row *row = &grammar[i];
        requirement r;
        memset(&r, 0, sizeof r);
        md_err err = {{0}};
        int rc = contract_parse(row->text, &f, &r, &err);
        strbuf got = {0};
        if (rc != 0) {
            if (row->reads || !strstr(err.msg, row->broken))
                fail_msg("\"%s\": %s", row->text, err.msg);
        } else if (!row->reads) {
            fail_msg("\"%s\" should fail with \"%s\"", row->text, row->broken);
        } else {
            double v[2];
            reads(&r, &got);
            sb_add(&got, " | ");
            contract_violation_text(&r, &got);
            sb_add(&got, " | ");
            values(v, contract_violations(&r, row->lo, row->hi, v), &got);
            sb_add(&got, " | ");
            values(v, contract_boundaries(&r, row->lo, row->hi, v), &got);
            char *want = xasprintf("%s | %s | %s | %s", row->reads, row->broken,
                                   row->violations, row->edges);
            if (strcmp(sb_str(&got), want) != 0)
                fail_msg("\"%s\":\n  got  %s\n  want %s", row->text, sb_str(&got), want);
            free(want);
        }
        sb_free(&got);
        free(r.subject);
        expr_free(r.lo);
        expr_free(r.hi);
    }
}

static void a_violation_breaks_and_an_edge_keeps_its_requirement(void **state)
{
    (void)state;
    /* the property behind every row: violations never hold, edges always do */
    param ps[] = {mkparam("n", VT_INT, false), mkparam("x", VT_DOUBLE, false),
                  mkparam("y", VT_INT, true)};
    function f = {.name = "f", .params = ps, .nparams = 3};
    const char *texts[] = {"n >= 1", "n > 1", "n <= 4", "n < 4", "1 <= n < 4", "1 < n <= 4",
                           "n == 2", "x >= 1", "x > 1", "x <= 4", "x < 4", "1 < x < 4",
                           "1 <= y <= 4", "1 < y < 4"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        requirement r;
        memset(&r, 0, sizeof r);
        md_err err;
        assert_int_equal(contract_parse(texts[i], &f, &r, &err), 0);
        double lo = r.eq ? 2 : 1, hi = 4, v[2];
        int n = contract_violations(&r, lo, hi, v);
        assert_true(n >= 1);
        for (int k = 0; k < n; k++)
            if (contract_holds(&r, v[k], lo, hi))
                fail_msg("%s: the violation %g holds", texts[i], v[k]);
        n = contract_boundaries(&r, lo, hi, v);
        for (int k = 0; k < n; k++) {
            if (!contract_holds(&r, v[k], lo, hi))
                fail_msg("%s: the edge %g is broken", texts[i], v[k]);
            assert_true(contract_nearest(&r, v[k], lo, hi) == v[k]);
        }
        /* the nearest valid value to a violation holds */
        int nv = contract_violations(&r, lo, hi, v);
        for (int k = 0; k < nv; k++)
            assert_true(contract_holds(&r, contract_nearest(&r, v[k], lo, hi), lo, hi));
        free(r.subject);
        expr_free(r.lo);
        expr_free(r.hi);
    }
}

/* --- 2. the derivation ------------------------------------------------------- */

typedef struct derive_row {
    const char *what;
    const char *spec;       /* "functions", "inputs", "checks", "cases", ... */
    const char *cases;      /* the derived cases, one per line: name {vars}
                               [pokes], calls= its own call sequence (an
                               invalid case stops after the rejected call,
                               releases kept), checks ("base": the base's) */
    const char *notes;      /* c->derive_notes, one per line */
    const char *sentence;   /* what {{contract}} became */
} derive_row;

/* A split with every kind of requirement, rejected with -1 and outputs left
 * alone: n = 0 also takes n_test down to 0 (n_test <= n); a label generator
 * with "classes": "k" keeps working when k = 0 (k is set for the call only);
 * boundary n = 1 moves n_test to 1. */
#define SPLIT_FN                                                                        \
    "\"functions\": [{\"name\": \"split\", \"returns\": {\"type\": \"int\", \"name\": "   \
    "\"status\"}, \"params\": ["                                                        \
    " {\"name\": \"y\", \"type\": \"int[]\", \"shape\": [\"n\"]},"                      \
    " {\"name\": \"n\", \"type\": \"int\"}, {\"name\": \"k\", \"type\": \"int\"},"      \
    " {\"name\": \"n_test\", \"type\": \"int\"},"                                       \
    " {\"name\": \"train\", \"type\": \"int[]\", \"dir\": \"out\", \"shape\": [\"n - n_test\"]}," \
    " {\"name\": \"test\", \"type\": \"int[]\", \"dir\": \"out\", \"shape\": [\"n_test\"]}]," \
    " \"requires\": [\"n >= 1\", \"k >= 1\", \"0 <= n_test <= n\", \"0 <= y < k\"],"    \
    " \"rejects\": {\"returns\": -1}}],"                                               \
    "\"inputs\": {\"y\": {\"gen\": \"labels\", \"classes\": \"k\"}},"                   \
    "\"checks\": [{\"output\": \"status\", \"compare\": \"equal\"}],"

static const derive_row derive_rows[] = {
    {"a split: sizes, a range between two parameters, labels",
     SPLIT_FN
     "\"cases\": [{\"name\": \"example\", \"visible\": true, \"vars\": {\"n\": 3, \"k\": 2,"
     " \"n_test\": 1}, \"inputs\": {\"y\": {\"literal\": [0, 1, 1]}}},"
     " {\"name\": \"random\", \"vars\": {\"n\": 10, \"k\": 3, \"n_test\": 4}}]",
     "invalid: n = 0 {n (invalid)=0, n_test (invalid)=0} [] calls=split status==-1 train:untouched "
     "test:untouched\n"
     "invalid: k = 0 {k (invalid)=0} [] calls=split status==-1 train:untouched test:untouched\n"
     "invalid: n_test = -1 {n_test (invalid)=-1} [] calls=split status==-1 train:untouched "
     "test:untouched\n"
     "invalid: n_test = 11 {n_test (invalid)=11} [] calls=split status==-1 train:untouched "
     "test:untouched\n"
     "invalid: first element of y = -1 {} [y[0]=-1] calls=split status==-1 train:untouched "
     "test:untouched\n"
     "invalid: last element of y = -1 {} [y[-1]=-1] calls=split status==-1 train:untouched "
     "test:untouched\n"
     "invalid: first element of y = 3 {} [y[0]=3] calls=split status==-1 train:untouched "
     "test:untouched\n"
     "invalid: last element of y = 3 {} [y[-1]=3] calls=split status==-1 train:untouched "
     "test:untouched\n"
     "boundary: n = 1 {n=1, n_test=1} [] base\n"
     "boundary: k = 1 {k=1} [] base\n"
     "boundary: n_test = 0 {n_test=0} [] base\n"
     "boundary: n_test = 10 {n_test=10} [] base\n"
     "boundary: last element of y = 0 {} [y[-1]=0] base\n"
     "boundary: last element of y = 2 {} [y[-1]=2] base\n",
     "",
     "split returns -1, without writing to train or test, for invalid arguments: n < 1, "
     "k < 1, n_test < 0 or n_test > n, or an element of y outside 0..k-1."},
    {"a fast path: every violation again with k = c, except k's own",
     "\"functions\": [{\"name\": \"topk\", \"returns\": {\"type\": \"double\", \"name\": "
     "\"acc\"}, \"params\": ["
     " {\"name\": \"P\", \"type\": \"double[]\", \"shape\": [\"n\", \"c\"]},"
     " {\"name\": \"y\", \"type\": \"int[]\", \"shape\": [\"n\"]},"
     " {\"name\": \"n\", \"type\": \"int\"}, {\"name\": \"c\", \"type\": \"int\"},"
     " {\"name\": \"k\", \"type\": \"int\"}],"
     " \"requires\": [\"n >= 1\", \"k >= 1\", \"0 <= y < c\"],"
     " \"rejects\": {\"returns\": -1},"
     " \"fast_paths\": [{\"name\": \"k >= c\", \"vars\": {\"k\": \"c\"}}]}],"
     "\"inputs\": {\"P\": {\"gen\": \"uniform\"}, \"y\": {\"gen\": \"labels\", \"classes\": \"c\"}},"
     "\"checks\": [{\"output\": \"acc\"}],"
     "\"cases\": [{\"name\": \"random\", \"vars\": {\"n\": 5, \"c\": 4, \"k\": 2}}]",
     "invalid: n = 0 {n (invalid)=0} [] calls=topk acc==-1\n"
     "invalid: k = 0 {k (invalid)=0} [] calls=topk acc==-1\n"
     "invalid: first element of y = -1 {} [y[0]=-1] calls=topk acc==-1\n"
     "invalid: last element of y = -1 {} [y[-1]=-1] calls=topk acc==-1\n"
     "invalid: first element of y = 4 {} [y[0]=4] calls=topk acc==-1\n"
     "invalid: last element of y = 4 {} [y[-1]=4] calls=topk acc==-1\n"
     "invalid: n = 0, with k >= c {k=4, n (invalid)=0} [] calls=topk acc==-1\n"
     "invalid: first element of y = -1, with k >= c {k=4} [y[0]=-1] calls=topk acc==-1\n"
     "invalid: last element of y = -1, with k >= c {k=4} [y[-1]=-1] calls=topk acc==-1\n"
     "invalid: first element of y = 4, with k >= c {k=4} [y[0]=4] calls=topk acc==-1\n"
     "invalid: last element of y = 4, with k >= c {k=4} [y[-1]=4] calls=topk acc==-1\n"
     "boundary: n = 1 {n=1} [] base\n"
     "boundary: k = 1 {k=1} [] base\n"
     "boundary: last element of y = 0 {} [y[-1]=0] base\n"
     "boundary: last element of y = 3 {} [y[-1]=3] base\n",
     "",
     "topk returns -1 for invalid arguments: n < 1, k < 1, or an element of y outside "
     "0..c-1. Check them first, even when k >= c."},
    {"assumptions and a flag: edges and flag values only, compared with the reference",
     "\"functions\": [{\"name\": \"bn\", \"params\": ["
     " {\"name\": \"X\", \"type\": \"double[]\", \"shape\": [\"n\", \"d\"]},"
     " {\"name\": \"n\", \"type\": \"int\"}, {\"name\": \"d\", \"type\": \"int\"},"
     " {\"name\": \"training\", \"type\": \"int\"}, {\"name\": \"eps\", \"type\": \"double\"},"
     " {\"name\": \"Y\", \"type\": \"double[]\", \"dir\": \"out\", \"shape\": [\"n\", \"d\"]}],"
     " \"assumes\": [\"n >= 1\", \"d >= 1\", \"eps > 0\"], \"flags\": [\"training\"]}],"
     "\"calls\": [{\"fn\": \"bn\", \"bind\": {\"training\": \"train\"}}],"
     "\"defaults\": {\"train\": 1, \"eps\": 1e-5},"
     "\"inputs\": {\"X\": {\"gen\": \"normal\"}},"
     "\"checks\": [{\"output\": \"Y\"}],"
     "\"cases\": [{\"name\": \"random\", \"vars\": {\"n\": 4, \"d\": 2}}]",
     "boundary: n = 1 {n=1} [] base\n"
     "boundary: d = 1 {d=1} [] base\n"
     "flag: training = 2 {train=2} [] base\n"
     "flag: training = -1 {train=-1} [] base\n",
     "",
     "bn may assume n >= 1, d >= 1 and eps > 0. In bn, training is true for any non-zero "
     "value, not only 1."},
    {"a handle; an invalid case stops after the rejected call but still releases; "
     "cases that cannot break exactly one requirement are left out",
     "\"functions\": [{\"name\": \"fit\", \"returns\": {\"type\": \"handle\", \"handle\": "
     "\"model\", \"name\": \"m\"}, \"params\": ["
     " {\"name\": \"X\", \"type\": \"double[]\", \"shape\": [\"n\", \"d\"]},"
     " {\"name\": \"n\", \"type\": \"int\"}, {\"name\": \"d\", \"type\": \"int\"},"
     " {\"name\": \"w\", \"type\": \"double[]\", \"dir\": \"out\", \"shape\": [\"d\"]}],"
     " \"requires\": [\"n >= 1\", \"2 <= d <= n\"], \"rejects\": {\"returns\": null},"
     " \"flags\": [\"n\"]},"
     " {\"name\": \"score\", \"returns\": \"double\", \"params\": [{\"name\": \"m\", "
     "\"type\": \"handle\", \"handle\": \"model\"}]},"
     " {\"name\": \"release\", \"params\": [{\"name\": \"m\", \"type\": \"handle\", "
     "\"handle\": \"model\", \"dir\": \"inout\"}]}],"
     "\"calls\": [{\"fn\": \"fit\", \"result\": \"m\"}, {\"fn\": \"score\", \"result\": \"s\"},"
     " {\"fn\": \"release\"}],"
     "\"inputs\": {\"X\": {\"gen\": \"normal\"}},"
     "\"checks\": [{\"output\": \"m\", \"compare\": \"equal\"}],"
     "\"cases\": [{\"name\": \"random\", \"vars\": {\"n\": 5, \"d\": 3}},"
     " {\"name\": \"other\", \"vars\": {\"n\": 6, \"d\": 3}}]",
     "invalid: d = 1 {d (invalid)=1} [] calls=fit,release m==0 w:untouched\n"
     "invalid: d = 6 {d (invalid)=6} [] calls=fit,release m==0 w:untouched\n"
     "boundary: d = 2 {d=2} [] base\n"
     "boundary: d = 5 {d=5} [] base\n"
     "flag: n = 2 {n=2, d=2} [] base\n"
     "release: release(NULL) {} [] calls=release\n",
     "fit: \"invalid: n = 0\" is left out: it leaves 2 <= d <= n broken, whatever the "
     "other arguments\n"
     "fit: \"boundary: n = 1\" is left out: it leaves 2 <= d <= n broken, whatever the "
     "other arguments\n"
     "fit: \"flag: n = -1\" is left out: it leaves n >= 1 broken, whatever the other "
     "arguments\n",
     "fit returns NULL, without writing to w, for invalid arguments: n < 1, or d < 2 or "
     "d > n. In fit, n is true for any non-zero value, not only 1."},
    {"state kept across calls: each violation again on the last call of the function",
     "\"functions\": [{\"name\": \"open\", \"returns\": {\"type\": \"handle\", "
     "\"handle\": \"acc\", \"name\": \"a\"}, \"params\": []},"
     " {\"name\": \"add\", \"returns\": {\"type\": \"int\", \"name\": \"seen\"}, "
     "\"params\": [{\"name\": \"a\", \"type\": \"handle\", \"handle\": \"acc\", "
     "\"dir\": \"inout\"}, {\"name\": \"X\", \"type\": \"double[]\", \"shape\": [\"n\"]},"
     " {\"name\": \"n\", \"type\": \"int\"}],"
     " \"requires\": [\"n >= 0\"], \"rejects\": {\"returns\": -1}},"
     " {\"name\": \"close\", \"params\": [{\"name\": \"a\", \"type\": \"handle\", "
     "\"handle\": \"acc\", \"dir\": \"inout\"}]}],"
     "\"calls\": [{\"fn\": \"open\", \"result\": \"a\"},"
     " {\"fn\": \"add\", \"bind\": {\"X\": \"X1\", \"n\": \"n1\"}, \"result\": \"s1\"},"
     " {\"fn\": \"add\", \"bind\": {\"X\": \"X2\", \"n\": \"n2\"}, \"result\": \"s2\"},"
     " {\"fn\": \"close\"}],"
     "\"inputs\": {\"X1\": {\"gen\": \"normal\"},"
     " \"X2\": {\"gen\": \"normal\"}},"
     "\"checks\": [{\"output\": \"s2\", \"compare\": \"equal\"}],"
     "\"cases\": [{\"name\": \"random\", \"vars\": {\"n1\": 3, \"n2\": 4}}]",
     "invalid: n = -1 {n (invalid)=-1} [] calls=open,add,close s1==-1\n"
     "invalid: n = -1, on a later call {n (invalid)=-1} [] calls=open,add,add,close s2==-1 "
     "s2:equal\n"
     "boundary: n = 0 {n1=0} [] base\n"
     "release: close(NULL) {} [] calls=close\n",
     "",
     "add returns -1 for invalid arguments: n < 0."},
};

/* A challenge from a row (its statement is "{{contract}}"). */
static challenge *load_spec(const char *spec, md_err *err)
{
    char *json = xasprintf("{\"id\": \"t\", \"title\": \"T\", \"difficulty\": \"easy\","
                           " \"minutes\": 5, \"statement\": \"{{contract}}\","
                           " \"reference\": \"ref.c\", %s}", spec);
    char *p = test_write(dir, "t.json", json);
    challenge *c = challenge_load(p, err);
    free(p);
    free(json);
    return c;
}

/* One derived case as the rows write it. */
static void describe(const challenge *c, const case_spec *cs, strbuf *sb)
{
    sb_printf(sb, "%s {", cs->name);
    for (int k = 0; k < cs->nvars; k++)
        sb_printf(sb, "%s%s=%g", k ? ", " : "", cs->vars[k].name,
                  strtod(expr_text(cs->vars[k].value), NULL));
    sb_add(sb, "} [");
    for (int k = 0; k < cs->npokes; k++)
        sb_printf(sb, "%s%s[%lld]=%g", k ? ", " : "", cs->pokes[k].input, cs->pokes[k].at,
                  cs->pokes[k].value);
    sb_add(sb, "]");
    for (int k = 0; k < cs->ncalls; k++)
        sb_printf(sb, "%s%s", k ? "," : " calls=", c->functions[cs->calls[k].fn].name);
    if (!cs->checks)
        sb_add(sb, " base");
    for (int k = 0; k < cs->nchecks; k++) {
        const check *ck = &cs->checks[k];
        if (ck->has_value)
            sb_printf(sb, " %s==%g", ck->output, ck->value);
        else
            sb_printf(sb, " %s:%s", ck->output, cmp_name(ck->kind));
    }
    sb_add(sb, "\n");
}

static void contracts_should_derive_the_cases_of_each_row(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof derive_rows / sizeof derive_rows[0]; i++) {
        const derive_row *row = &derive_rows[i];
        md_err err = {{0}};
        challenge *c = load_spec(row->spec, &err);
        if (!c)
            fail_msg("%s: %s", row->what, err.msg);
        strbuf got = {0}, notes = {0};
        for (int k = 0; k < c->ncases; k++) {
            const case_spec *cs = &c->cases[k];
            if (cs->origin == CASE_WRITTEN)
                continue;
            describe(c, cs, &got);
            /* a derived case is an ordinary hidden correctness case */
            assert_false(cs->visible);
            assert_int_equal(cs->crit, CRIT_CORRECTNESS);
            assert_non_null(cs->note);
        }
        for (int k = 0; k < c->nderive_notes; k++)
            sb_printf(&notes, "%s\n", c->derive_notes[k]);
        if (strcmp(sb_str(&got), row->cases) != 0)
            fail_msg("%s: derived\n%s\nexpected\n%s", row->what, sb_str(&got), row->cases);
        if (strcmp(sb_str(&notes), row->notes) != 0)
            fail_msg("%s: notes\n%s\nexpected\n%s", row->what, sb_str(&notes), row->notes);
        /* wrapped for the terminal: compare the words (of the first
         * paragraph: the prototypes generated from "functions" follow) */
        const char *para_end = strstr(c->statement, "\n\n");
        char *flat = para_end ? xstrndup(c->statement, (size_t)(para_end - c->statement))
                              : xstrdup(c->statement);
        for (char *q = flat; *q; q++)
            if (*q == '\n')
                *q = ' ';
        if (strcmp(flat, row->sentence) != 0)
            fail_msg("%s: statement\n%s\nexpected\n%s", row->what, flat, row->sentence);
        assert_string_equal(c->statement_src, "{{contract}}");
        free(flat);
        sb_free(&got);
        sb_free(&notes);
        spec_free(c);
    }
}

static void a_spec_without_contract_loads_as_before(void **state)
{
    (void)state;
    md_err err = {{0}};
    challenge *c = load_spec(
        "\"functions\": [{\"name\": \"f\", \"params\": ["
        " {\"name\": \"n\", \"type\": \"int\"},"
        " {\"name\": \"y\", \"type\": \"double[]\", \"dir\": \"out\", \"shape\": [\"n\"]}]}],"
        "\"checks\": [{\"output\": \"y\"}],"
        "\"cases\": [{\"name\": \"a\", \"vars\": {\"n\": 3}}]",
        &err);
    if (!c)
        fail_msg("%s", err.msg);
    assert_int_equal(c->ncases, 1);
    assert_int_equal(c->nderive_notes, 0);
    /* the placeholder of a challenge without contract stands for nothing:
     * only the prototypes generated from "functions" are shown */
    assert_string_equal(c->statement, "    void f(int n, double *y);");
    spec_free(c);
}

static void the_statement_should_wrap_the_paragraph_it_fills(void **state)
{
    (void)state;
    /* the paragraph around {{contract}} is wrapped again at 78 columns,
     * never inside a clause; a code block and other paragraphs keep their
     * lines */
    char *spec = xasprintf("%s\"cases\": [{\"name\": \"random\", \"vars\": {\"n\": 10, "
                           "\"k\": 3, \"n_test\": 4}}]", SPLIT_FN);
    char *json = xasprintf(
        "{\"id\": \"t\", \"title\": \"T\", \"difficulty\": \"easy\", \"minutes\": 5,"
        " \"statement\": [\"    int split(const int *y, int n, int k, int n_test,\","
        " \"\", \"Split the samples into two sets of the right sizes. {{contract}} The\","
        " \"keys decide.\", \"\", \"A short line.\"], \"reference\": \"ref.c\", %s}", spec);
    char *p = test_write(dir, "t.json", json);
    md_err err = {{0}};
    challenge *c = challenge_load(p, &err);
    if (!c)
        fail_msg("%s", err.msg);
    assert_string_equal(
        c->statement,
        "    int split(const int *y, int n, int k, int n_test,\n"
        "\n"
        "    int split(const int *y, int n, int k, int n_test, int *train, int *test);\n"
        "\n"
        "Split the samples into two sets of the right sizes. split returns -1, without\n"
        "writing to train or test, for invalid arguments: n < 1, k < 1, n_test < 0 or\n"
        "n_test > n, or an element of y outside 0..k-1. The keys decide.\n"
        "\n"
        "A short line.");
    spec_free(c);
    free(p);
    free(json);
    free(spec);
}

static void derived_cases_should_instantiate_with_their_changes(void **state)
{
    (void)state;
    md_err err = {{0}};
    challenge *c = load_spec(derive_rows[0].spec, &err);
    if (!c)
        fail_msg("%s", err.msg);
    /* n = 0: every array empty; n_test = -1: test empty, train n + 1; the
     * first or last label k = 3 (bad_at): the generated labels otherwise
     * stay in 0..k-1 */
    const char *names[] = {"invalid: n = 0", "invalid: n_test = -1",
                           "invalid: last element of y = 3", "invalid: first element of y = 3",
                           "boundary: n = 1"};
    long long want_y[] = {0, 10, 10, 10, 1}, want_test[] = {0, 0, 4, 4, 1};
    int bad_at[] = {-1, -1, 9, 0, -1};
    for (int k = 0; k < 5; k++) {
        int i = 0;
        while (i < c->ncases && strcmp(c->cases[i].name, names[k]) != 0)
            i++;
        assert_true(i < c->ncases);
        case_inst ci;
        if (case_instantiate(c, &c->cases[i], 7, NULL, 1, &ci, &err) != 0)
            fail_msg("%s: %s", names[k], err.msg);
        const value *y = case_value(&ci, "y"), *test = case_value(&ci, "test");
        assert_int_equal(y->count, want_y[k]);
        assert_int_equal(test->count, want_test[k]);
        if (bad_at[k] >= 0) {
            const int *yd = y->data;
            for (int j = 0; j < 10; j++)
                if ((j == bad_at[k]) != (yd[j] == 3) || yd[j] < 0)
                    fail_msg("%s: y[%d] = %d", names[k], j, yd[j]);
        }
        case_inst_free(&ci);
    }
    spec_free(c);
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
        cmocka_unit_test(requirement_grammar_should_read_each_row),
        cmocka_unit_test(a_violation_breaks_and_an_edge_keeps_its_requirement),
        cmocka_unit_test(contracts_should_derive_the_cases_of_each_row),
        cmocka_unit_test(a_spec_without_contract_loads_as_before),
        cmocka_unit_test(the_statement_should_wrap_the_paragraph_it_fills),
        cmocka_unit_test(derived_cases_should_instantiate_with_their_changes),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
