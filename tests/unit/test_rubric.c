/* Unit tests: the rubric, as tables.  Each row is a criterion's evidence
 * built by hand (the cases' runs and outputs, faults, leaks, loss
 * histories, timing samples) and what the criterion must make of it:
 * points, the pass flag, the summary and every finding.  rubric_total's
 * rows are scored criteria in, the total, verdict and why-not out.
 *
 * Every case has one result y, checked with allclose against the
 * reference's y = 0 (a row's `got` is the solution's), a gradcheck whose
 * outcome a row can make fail, and an output array `out` that both sides
 * write (unless a row's solution is a stub, or its reference rejects the
 * case's arguments): what tells a case that ran from one that did not
 * (rubric_ran). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "grade/rubric.h"
#include "run/plan.h"

/* rows leave their trailing fields zero */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#define MAXC 4     /* cases in a row */
#define MAXF 3     /* findings in a row */

/* One case of a row: how the solution's run of it went. */
typedef struct case_row {
    const char *name;
    criterion crit;           /* correctness unless set */
    double got;               /* the solution's y; the reference's is 0 */
    const char *crash;        /* the run crashed with this message */
    int fault;                /* PF_WRITE_INPUT or PF_OVERFLOW, with crash */
    long long leak;           /* bytes the model's first call leaves */
    bool no_model;            /* the first call returned NULL (then freed) */
    bool grad_bad;            /* its gradcheck failed */
    const double *loss;       /* convergence: the solution's history */
    int nloss;
    bool timing_input;        /* the timing input graded as a case */
    bool timeout;             /* the run ran past its limit */
    bool stub;                /* the solution wrote nothing: out keeps its poison */
    bool out_nan;             /* the solution wrote NaN into out */
    bool rejects;             /* the reference rejects the arguments: writes nothing */
    bool invalid;             /* a case derived from a requirement, to be rejected */
    bool alone;               /* organization: the solution's models used alone ran */
    double alone_y;           /* ... and gave this y */
    const char *alone_crash;  /* ... or crashed with this message */
} case_row;

/* What a criterion must get; findings are substrings of "where: message",
 * all of them, in order. */
typedef struct crit_want {
    double score;
    bool passed;
    const char *summary;      /* a substring, or NULL: no summary */
    const char *findings[MAXF];
    bool dropped;             /* no longer applies */
    bool exact;               /* the summary is all of it, not a part */
} crit_want;

/* Everything a hand-made evidence points to. */
typedef struct world {
    challenge ch;
    function fns[2];          /* fit (returns a model or a number), free */
    param model;              /* free's in-out model parameter */
    call calls[2];
    check checks[3];          /* y allclose; a gradcheck of y; out allclose */
    int nchecks;              /* the first two, unless a row checks out too */
    mistake_spec mistake;
    case_spec specs[MAXC];
    case_inst insts[MAXC];
    case_inst *cases[MAXC];
    value cvals[MAXC][2];     /* the cases' max_iter and tol */
    xrun uruns[MAXC], rruns[MAXC], vruns[MAXC], aruns[MAXC];
    value uvals[MAXC][4], rvals[MAXC][4], vvals[MAXC][2];  /* y, loss, iters, out */
    value avals[MAXC][1];     /* y of the models used alone */
    double uout[MAXC], rout[MAXC];
    int alone_map[MAXC][2], *alone_of[MAXC];
    plan_res res[MAXC][2];
    exec_job user, ref, variant, alone;
    rounds_job timing;
    rounds_samples tres[2];
    double sizes[2];
    cmp_outcome grades[MAXC][2];
    cmp_outcome *grad[MAXC];
    evidence ev;
    report *r;
} world;

static value scalar(const char *name, vrole role, double v)
{
    value x;
    memset(&x, 0, sizeof x);
    x.name = (char *)name;
    x.type = VT_DOUBLE;
    x.role = role;
    x.num = v;
    x.present = true;
    return x;
}

static value history(const char *name, const double *h, int n)
{
    value x = scalar(name, ROLE_OUTPUT, 0);
    x.array = true;
    x.ndim = 1;
    x.dims[0] = n;
    x.count = n;
    x.data = (void *)h;
    return x;
}

/* A one-element output array holding *x. */
static value out_array(double *x)
{
    value v = history("out", x, 1);
    return v;
}

/* The poison an output holds until the solution writes it (run/plan.h). */
static double poison(void)
{
    uint64_t bits = PLAN_POISON_DOUBLE_BITS;
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

/* A challenge with these weights, the checks and the two functions. */
static void world_init(world *w, const double weights[CRIT_COUNT], bool handles)
{
    memset(w, 0, sizeof *w);
    w->ch.id = "t";
    w->ch.title = "T";
    memcpy(w->ch.weights, weights, sizeof w->ch.weights);
    w->ch.pass_score = 70;
    w->checks[0] = (check){.output = "y", .kind = CMP_ALLCLOSE, .rtol = 1e-6, .atol = 1e-9};
    w->checks[1] = (check){.output = "y", .kind = CMP_GRADCHECK};
    w->checks[2] = (check){.output = "out", .kind = CMP_ALLCLOSE, .rtol = 1e-6, .atol = 1e-9};
    w->nchecks = 2;
    w->model = (param){.name = "m", .type = VT_HANDLE, .dir = DIR_INOUT};
    w->fns[0] = (function){.name = "fit", .ret = handles ? VT_HANDLE : VT_DOUBLE};
    w->fns[1] = (function){.name = "free", .ret = VT_VOID, .params = &w->model, .nparams = 1};
    w->ch.functions = w->fns;
    w->ch.nfunctions = 2;
    w->calls[0].fn = 0;
    w->calls[1].fn = 1;
    w->mistake = (mistake_spec){.id = "wrong_y", .message = "y is off"};
    w->ch.mistakes = &w->mistake;
    w->ch.nmistakes = 1;
}

/* Case i's solution run from its row, the reference's run beside it. */
static void world_case(world *w, int i, const case_row *c, const double *ref, int nref,
                       double max_iter, double tol)
{
    w->specs[i] = (case_spec){.name = (char *)c->name, .crit = c->crit, .wall_s = 2.8,
                              .origin = c->timing_input ? CASE_TIMING
                                        : c->invalid    ? CASE_INVALID
                                                        : CASE_WRITTEN};
    w->cvals[i][0] = scalar("max_iter", ROLE_VAR, max_iter > 0 ? max_iter : 100);
    w->cvals[i][1] = scalar("tol", ROLE_VAR, tol);
    w->insts[i] = (case_inst){.ch = &w->ch, .spec = &w->specs[i], .vals = w->cvals[i],
                              .nvals = 2, .calls = w->calls, .ncalls = 2,
                              .checks = w->checks, .nchecks = w->nchecks};
    w->cases[i] = &w->insts[i];
    w->uvals[i][0] = scalar("y", ROLE_RESULT, c->got);
    w->uvals[i][1] = history("loss", c->loss, c->nloss);
    w->uvals[i][2] = scalar("iters", ROLE_RESULT, c->nloss);
    w->uout[i] = c->stub || c->rejects ? poison() : c->out_nan ? NAN : 1;
    w->uvals[i][3] = out_array(&w->uout[i]);
    w->res[i][0] = (plan_res){.state = PS_DONE, .heap_delta = c->leak,
                              .null_handle = c->no_model};
    w->res[i][1] = (plan_res){.state = PS_DONE};
    w->uruns[i] = (xrun){.status = c->crash ? XS_CRASH : c->timeout ? XS_TIMEOUT : XS_OK,
                         .fault = c->fault,
                         .message = (char *)c->crash, .fault_buffer = "X",
                         .vals = w->uvals[i], .nvals = 4, .calls = w->res[i], .ncalls = 2};
    w->rvals[i][0] = scalar("y", ROLE_RESULT, 0);
    w->rvals[i][1] = history("loss", ref, nref);
    w->rvals[i][2] = scalar("iters", ROLE_RESULT, nref);
    w->rout[i] = c->rejects ? poison() : 1;
    w->rvals[i][3] = out_array(&w->rout[i]);
    w->rruns[i] = (xrun){.status = XS_OK, .vals = w->rvals[i], .nvals = 4};
    /* the models used alone: one run per case, mapped to its y check */
    w->avals[i][0] = scalar("y", ROLE_RESULT, c->alone_y);
    w->aruns[i] = (xrun){.status = c->alone_crash ? XS_CRASH : XS_OK,
                         .message = (char *)c->alone_crash, .vals = w->avals[i], .nvals = 1};
    w->alone_map[i][0] = c->alone ? i : -1;
    w->alone_map[i][1] = -1;
    w->alone_of[i] = w->alone_map[i];
    w->grades[i][0] = (cmp_outcome){.ok = true};
    w->grades[i][1] = (cmp_outcome){.ok = !c->grad_bad, .message = "gradient off"};
    w->grad[i] = w->grades[i];
}

/* The evidence of n cases and a fresh report. */
static void world_cases(world *w, const case_row *cs, int n, const double *ref, int nref,
                        double max_iter, double tol)
{
    for (int i = 0; i < n; i++)
        world_case(w, i, &cs[i], ref, nref, max_iter, tol);
    w->user = (exec_job){.runs = w->uruns, .nruns = n};
    w->ref = (exec_job){.runs = w->rruns, .nruns = n};
    w->alone = (exec_job){.runs = w->aruns, .nruns = n};
    w->ev = (evidence){.c = &w->ch, .cases = w->cases, .ncases = n, .user = &w->user,
                       .ref = &w->ref, .grad = w->grad, .alone = &w->alone,
                       .alone_of = w->alone_of};
    w->r = report_new(&w->ch);
}

static void assert_crit(const char *row, const rcriterion *c, const crit_want *want)
{
    if (want->dropped) {
        if (c->applies)
            fail_msg("%s: the criterion still applies", row);
        return;
    }
    if (!c->applies)
        fail_msg("%s: the criterion does not apply", row);
    if (fabs(c->score - want->score) > 1e-9)
        fail_msg("%s: %g points, expected %g", row, c->score, want->score);
    if (c->passed != want->passed)
        fail_msg("%s: passed is %d, expected %d", row, c->passed, want->passed);
    if (!want->summary != !c->summary ||
        (want->summary && !strstr(c->summary, want->summary)) ||
        (want->summary && want->exact && strcmp(c->summary, want->summary) != 0))
        fail_msg("%s: summary \"%s\", expected \"%s\"", row, c->summary ? c->summary : "(none)",
                 want->summary ? want->summary : "(none)");
    int n = 0;
    while (n < MAXF && want->findings[n])
        n++;
    for (int i = 0; i < c->nfindings; i++) {
        char *f = xasprintf("%s: %s", c->findings[i].where, c->findings[i].message);
        bool ok = i < n && strstr(f, want->findings[i]);
        if (!ok)
            fail_msg("%s: finding %d is \"%s\", expected \"%s\"", row, i, f,
                     i < n ? want->findings[i] : "(none)");
        free(f);
    }
    if (c->nfindings != n)
        fail_msg("%s: %d findings, expected %d", row, c->nfindings, n);
}

/* Case statuses as letters: p pass, f fail, c crash, t timeout. */
static void assert_statuses(const char *row, const report *r, const char *want)
{
    for (int i = 0; i < r->ncases; i++) {
        char got = r->cases[i].status == CS_PASS   ? 'p'
                   : r->cases[i].status == CS_FAIL ? 'f'
                   : r->cases[i].status == CS_CRASH ? 'c'
                   : r->cases[i].status == CS_TIMEOUT ? 't' : '?';
        if (got != want[i])
            fail_msg("%s: case %d is '%c', expected '%c'", row, i, got, want[i]);
    }
}

/* --- correctness and stability ------------------------------------------ */

static const double W_CASES[CRIT_COUNT] = {[CRIT_CORRECTNESS] = 50, [CRIT_STABILITY] = 25,
                                           [CRIT_ORGANIZATION] = 25};

typedef struct cases_row {
    const char *name;
    case_row cases[MAXC];
    int ncases;
    bool visible_only;
    const char *statuses;
    crit_want correctness, stability;
} cases_row;

static const cases_row CASES[] = {
    {"all pass", {{"c0"}, {"c1"}, {"s0", CRIT_STABILITY}}, 3, false, "ppp",
     {50, true, "2 of 2 cases pass"}, {25, true, "1 of 1 case pass"}},
    {"a wrong output", {{"c0"}, {"c1", .got = 2}}, 2, false, "pf",
     {25, false, "1 of 2 cases pass", {"c1: y is 2, expected 0"}}, {0, false, NULL}},
    {"a crash", {{"c0"}, {"s0", CRIT_STABILITY, .crash = "killed by SIGSEGV"}}, 2, false, "pc",
     {50, true, "1 of 1 case pass"},
     {0, false, "0 of 1 case pass", {"s0: killed by SIGSEGV"}}},
    {"failed checks are joined", {{"c0", .got = 2, .grad_bad = true}}, 1, false, "f",
     {0, false, "0 of 1 case pass", {"c0: y is 2, expected 0; gradient off"}},
     {0, false, NULL}},
    {"an organization case is not a correctness finding",
     {{"c0"}, {"o0", CRIT_ORGANIZATION, .got = 3}}, 2, false, "pf",
     {50, true, "1 of 1 case pass"}, {0, false, NULL}},
    {"the timing input is a correctness case", {{"c0"}, {"timing input", .got = 2,
     .timing_input = true}}, 2, false, "pf",
     {25, false, "1 of 2 cases pass", {"timing input: y is 2, expected 0"}}, {0, false, NULL}},
    {"the timing input too slow to finish is no wrong answer",
     {{"c0"}, {"timing input", .timing_input = true, .timeout = true}}, 2, false, "pt",
     {50, true, "1 of 1 case pass"}, {0, false, NULL}},
    {"run: no visible stability case", {{"c0"}}, 1, true, "p",
     {50, true, "1 of 1 case pass"}, {.dropped = true}},
    {"a stub passing a rejection case earns nothing",
     {{"c0", .stub = true, .got = 2}, {"c1", .stub = true, .rejects = true},
      {"s0", CRIT_STABILITY, .stub = true, .rejects = true}},
     3, false, "fpp",
     {0, false, "1 of 2 cases pass, but no case ran to completion: no points",
      {"c0: y is 2, expected 0", "solution: no case ran to completion"}},
     {0, false, "1 of 1 case pass, but no case ran to completion: no points",
      {"solution: no case ran to completion"}}},
    {"one case that ran is enough for the rejection cases to count",
     {{"c0"}, {"c1", .stub = true, .rejects = true}}, 2, false, "pp",
     {50, true, "2 of 2 cases pass"}, {0, false, NULL}},
    {"a stub's cases all fail: nothing more to say",
     {{"c0", .stub = true, .got = 2}}, 1, false, "f",
     {0, false, "0 of 1 case pass", {"c0: y is 2"}}, {0, false, NULL}},
};

static void rubric_cases_should_score_the_share_of_cases_passed(void **state)
{
    (void)state;
    for (size_t t = 0; t < sizeof CASES / sizeof *CASES; t++) {
        const cases_row *row = &CASES[t];
        world w;
        world_init(&w, W_CASES, false);
        world_cases(&w, row->cases, row->ncases, NULL, 0, 0, 0);
        w.ev.visible_only = row->visible_only;
        rubric_cases(w.r, &w.ev);
        assert_statuses(row->name, w.r, row->statuses);
        assert_crit(row->name, &w.r->crit[CRIT_CORRECTNESS], &row->correctness);
        assert_crit(row->name, &w.r->crit[CRIT_STABILITY], &row->stability);
        report_free(w.r);
    }
}

/* --- organization ---------------------------------------------------------- */

typedef struct org_row {
    const char *name;
    case_row cases[MAXC];
    int ncases;
    bool handles;             /* fit returns a model that free releases */
    int nglobals;
    crit_want want;
} org_row;

static const org_row ORG[] = {
    {"clean", {{"c0"}}, 1, false, 0, {25, true, "4 of 4 checks"}},
    {"writable globals", {{"c0"}}, 1, false, 2,
     {25.0 * 3 / 4, false, "3 of 4 checks",
      {"solution: keeps writable global or static data (counter, buf)"}}},
    {"an input written and an overflow, each named once",
     {{"c0", .fault = PF_WRITE_INPUT, .crash = "wrote into the input X"},
      {"c1", .fault = PF_OVERFLOW, .crash = "wrote past out"},
      {"c2", .fault = PF_WRITE_INPUT, .crash = "again"}, {"c3"}},
     4, false, 0,
     {12.5, false, "2 of 4 checks", {"c0: wrote into the input X", "c1: wrote past out"}}},
    {"every case faults: nothing ran, nothing earned",
     {{"c0", .fault = PF_WRITE_INPUT, .crash = "wrote into the input X"},
      {"c1", .crash = "killed by SIGSEGV"}},
     2, false, 0,
     {0, false, "nothing to judge: no case ran to completion", {"c0: wrote into the input X"}}},
    {"a stub earns nothing, though it keeps no globals", {{"c0", .stub = true}}, 1, true, 0,
     {0, false, "nothing to judge: no case ran to completion"}},
    {"a case passed by rejecting arguments shows nothing ran", {{"c0", .rejects = true}}, 1,
     false, 0, {0, false, "nothing to judge"}},
    {"a wrong model used in turn behaves as it does alone: independent",
     {{"c0", .got = 2}, {"o0", CRIT_ORGANIZATION, .got = 2, .alone = true, .alone_y = 2}}, 2,
     false, 0, {25, true, "5 of 5 checks"}},
    {"models used in turn unlike alone are not independent",
     {{"c0"}, {"o0", CRIT_ORGANIZATION, .got = 2, .alone = true, .alone_y = 3}}, 2, false, 0,
     {20, false, "4 of 5 checks",
      {"o0: two models used in turn do not behave like two independent models: y is 2, "
       "expected 3 (expected: what each model gives used alone)"}}},
    {"crashing in turn but not alone is not independent",
     {{"c0"}, {"o0", CRIT_ORGANIZATION, .crash = "double free", .alone = true}}, 2, false, 0,
     {20, false, "4 of 5 checks",
      {"o0: two models used in turn do not behave like two independent models: double free"}}},
    {"crashing alone too: independence is not judged",
     {{"c0"}, {"o0", CRIT_ORGANIZATION, .crash = "boom", .alone = true, .alone_crash = "boom"}},
     2, false, 0, {25, true, "4 of 4 checks"}},
    {"models used in turn are not independent", {{"c0"}, {"o0", CRIT_ORGANIZATION, .got = 2}},
     2, false, 0,
     {20, false, "4 of 5 checks",
      {"o0: two models used in turn do not behave like two independent models: y is 2"}}},
    {"the least leak counts: none", {{"c0", .leak = 64}, {"c1", .leak = 0}}, 2, true, 0,
     {25, true, "4 of 4 checks"}},
    {"a leak", {{"c0", .leak = 128}, {"c1", .leak = 64}}, 2, true, 0,
     {18.75, false, "3 of 4 checks",
      {"solution: 64 bytes stay allocated after the model is freed"}}},
    {"no models: scratch memory not freed", {{"c0", .leak = 48}, {"c1", .leak = 32}}, 2, false,
     0, {18.75, false, "3 of 4 checks",
         {"solution: 32 bytes stay allocated after your function returns"}}},
    {"an invalid case, rejected before allocating, hides no leak",
     {{"c0", .leak = 32}, {"i0", .invalid = true}}, 2, false, 0,
     {18.75, false, "3 of 4 checks",
      {"solution: 32 bytes stay allocated after your function returns"}}},
    {"a crashed case is not measured", {{"c0", .leak = 64}, {"c1", .crash = "boom"}}, 2, true,
     0, {18.75, false, "3 of 4 checks", {"solution: 64 bytes stay allocated"}}},
    {"a release of NULL (no model made) frees nothing: its 0 hides no leak",
     {{"c0", .leak = 64}, {"c1", .no_model = true}}, 2, true, 0,
     {18.75, false, "3 of 4 checks", {"solution: 64 bytes stay allocated after the model"}}},
};

static void rubric_organization_should_count_checks_passed(void **state)
{
    (void)state;
    static char *globals[] = {"counter", "buf"};
    for (size_t t = 0; t < sizeof ORG / sizeof *ORG; t++) {
        const org_row *row = &ORG[t];
        world w;
        world_init(&w, W_CASES, row->handles);
        world_cases(&w, row->cases, row->ncases, NULL, 0, 0, 0);
        w.ev.globals = globals;
        w.ev.nglobals = row->nglobals;
        rubric_cases(w.r, &w.ev);
        rubric_organization(w.r, &w.ev);
        assert_crit(row->name, &w.r->crit[CRIT_ORGANIZATION], &row->want);
        report_free(w.r);
    }
}

/* --- convergence ----------------------------------------------------------- */

static const double W_CONV[CRIT_COUNT] = {[CRIT_CORRECTNESS] = 50, [CRIT_STABILITY] = 25,
                                          [CRIT_CONVERGENCE] = 25};

static const double REF[] = {1, 0.5, 0.3, 0.2};
static const double NANS[] = {1, 0.5, NAN, 0.2};
static const double UP[] = {1, 0.5, 0.6, 0.2};
static const double OFF[] = {1, 0.5, 0.3, 0.25};
static const double FLAT[] = {1, 0.5, 0.4, 0.2};
static const double LOW[] = {1, 0.5, 0.3, 0.15};

typedef struct conv_row {
    const char *name;
    case_row cases[MAXC];
    int ncases;
    double max_iter;          /* 0: 100 */
    double tol;               /* 0: no tol variable */
    crit_want want;
    const char *plot;         /* the case the plot shows, or NULL */
    bool no_method;           /* the spec names no method */
} conv_row;

static const conv_row CONV[] = {
    {"the reference's history", {{"c0", .loss = REF, .nloss = 4}}, 1, 0, 0,
     {25, true, "4 of 4 checks (finite, decreasing, final loss, stopping) over 1 case"}, "c0"},
    {"a NaN", {{"c0", .loss = NANS, .nloss = 4}}, 1, 0, 0,
     {18.75, false, "3 of 4 checks", {"c0: the loss becomes NaN at step 2"}}, "c0"},
    {"the loss goes up", {{"c0", .loss = UP, .nloss = 4}}, 1, 0, 0,
     {18.75, false, "3 of 4 checks",
      {"c0: the loss went up at step 2 (0.5 -> 0.6): coordinate descent never increases it"}},
     "c0"},
    {"the loss goes up, no method named", {{"c0", .loss = UP, .nloss = 4}}, 1, 0, 0,
     {18.75, false, "3 of 4 checks",
      {"c0: the loss went up at step 2 (0.5 -> 0.6); it should never increase"}},
     "c0", true},
    {"a different final loss", {{"c0", .loss = OFF, .nloss = 4}}, 1, 0, 0,
     {18.75, false, "3 of 4 checks", {"c0: the final loss is 0.25, the reference reaches 0.2"}},
     "c0"},
    {"a lower final loss is another objective", {{"c0", .loss = LOW, .nloss = 4}}, 1, 0, 0,
     {18.75, false, "3 of 4 checks",
      {"c0: the final loss is 0.15, below the reference's 0.2: the loss computed is another "
       "objective"}},
     "c0"},
    {"a wrong model's final loss is correctness's mistake, not a second one",
     {{"c0", .got = 2, .loss = OFF, .nloss = 4}}, 1, 0, 0, {25, true, "4 of 4 checks"}, "c0"},
    {"stops before the reference", {{"c0", .loss = REF, .nloss = 3}}, 1, 0, 0,
     {12.5, false, "2 of 4 checks",
      {"c0: the final loss is 0.3, the reference reaches 0.2",
       "c0: ran 3 iterations; the reference stopped after 4"}},
     "c0"},
    {"more losses than max_iter", {{"c0", .loss = REF, .nloss = 4}}, 1, 3, 0,
     {18.75, false, "3 of 4 checks", {"c0: reported 4 losses, more than max_iter (3)"}}, NULL},
    {"goes on past tol", {{"c0", .loss = FLAT, .nloss = 4}}, 1, 0, 0.15,
     {18.75, false, "3 of 4 checks",
      {"c0: the loss changed by less than tol at step 2 but training went on to step 3"}},
     "c0"},
    {"stops before tol is reached", {{"c0", .loss = REF, .nloss = 4}}, 1, 10, 0.05,
     {18.75, false, "3 of 4 checks",
      {"c0: stopped after 4 steps while the loss still changed by more than tol"}},
     "c0"},
    {"a check loses its points once", {{"c0", .loss = NANS, .nloss = 4},
                                       {"c1", .loss = NANS, .nloss = 4}},
     2, 0, 0, {18.75, false, "3 of 4 checks (finite, decreasing, final loss, stopping) over 2 cases",
               {"c0: the loss becomes NaN"}}, "c0"},
    {"no history completed", {{"c0", .loss = REF, .nloss = 4, .crash = "boom"}}, 1, 0, 0,
     {0, false, "no loss history to judge", {"solution: no loss history could be examined"}},
     NULL},
    {"a stub's history earns nothing", {{"c0", .stub = true}}, 1, 0, 0,
     {0, false, "no loss history to judge: no training case ran to completion",
      {"solution: no loss history could be examined"}},
     NULL},
    {"crashing on 3 of 4 training cases earns a quarter",
     {{"c0", .loss = REF, .nloss = 4}, {"c1", .crash = "boom"}, {"c2", .crash = "boom"},
      {"c3", .crash = "boom"}},
     4, 0, 0,
     {6.25, false,
      "4 of 4 checks (finite, decreasing, final loss, stopping) over 1 of 4 training cases "
      "(3 did not run to completion)",
      {"solution: 3 of 4 training cases did not run to completion"}},
     "c0"},
    {"a timing input too slow to run is vectorization's, not a history lost",
     {{"c0", .loss = REF, .nloss = 4},
      {"timing input", .loss = REF, .nloss = 4, .timing_input = true, .timeout = true}},
     2, 0, 0, {25, true, "4 of 4 checks (finite, decreasing, final loss, stopping) over 1 case",
               .exact = true}, "c0"},
    {"a stability case is no training case", {{"c0", .loss = REF, .nloss = 4},
                                              {"s0", CRIT_STABILITY, .crash = "boom"}},
     2, 0, 0, {25, true, "over 1 case"}, "c0"},
};

static void rubric_convergence_should_judge_the_loss_history(void **state)
{
    (void)state;
    md_err err;
    expr *iters = expr_parse("iters", &err);
    assert_non_null(iters);
    for (size_t t = 0; t < sizeof CONV / sizeof *CONV; t++) {
        const conv_row *row = &CONV[t];
        world w;
        world_init(&w, W_CONV, false);
        w.ch.conv = (conv_spec){.enabled = true, .loss = "loss", .count = iters,
                                .max_iter = "max_iter", .tol = row->tol > 0 ? "tol" : NULL,
                                .monotone = true, .final_rtol = 1e-3,
                                .method = row->no_method ? NULL : "coordinate descent"};
        world_cases(&w, row->cases, row->ncases, REF, 4, row->max_iter, row->tol);
        rubric_convergence(w.r, &w.ev);
        assert_crit(row->name, &w.r->crit[CRIT_CONVERGENCE], &row->want);
        if (!row->plot != !w.r->loss_case ||
            (row->plot && strcmp(row->plot, w.r->loss_case) != 0))
            fail_msg("%s: the plot shows %s", row->name,
                     w.r->loss_case ? w.r->loss_case : "nothing");
        report_free(w.r);
    }
    expr_free(iters);
}

/* --- the timing rounds and the timing input ------------------------------------ */

typedef struct rounds_row {
    const char *name;
    xstatus status;           /* of the solution's rounds */
    const char *message;
    bool ref_failed;
    int changed_round;        /* > 0: that round left other outputs */
    double got;               /* the solution's y in its last round */
    const char *statuses;     /* of c0 and the timing input */
    crit_want correctness;
} rounds_row;

static const rounds_row ROUNDS[] = {
    {"rounds that went well", XS_OK, .statuses = "pp", .correctness = {50, true, "2 of 2"}},
    {"a fault in the rounds is a wrong answer", XS_CRASH, "abort() was called",
     .statuses = "pc",
     .correctness = {25, false, "1 of 2", {"timing input: while timing: abort() was called"}}},
    {"a round that left other outputs", XS_OK, .changed_round = 3, .statuses = "pf",
     .correctness = {25, false, "1 of 2",
                     {"timing input: round 4 of the timing left other outputs"}}},
    {"the last round's outputs against the reference's", XS_OK, .got = 2, .statuses = "pf",
     .correctness = {25, false, "1 of 2",
                     {"timing input: in the timing rounds: y is 2, expected 0"}}},
    {"too slow to finish the rounds is no wrong answer", XS_TIMEOUT, "did not finish",
     .statuses = "pp", .correctness = {50, true, "2 of 2"}},
    {"the reference's runner failing is not the solution's doing", XS_ERROR, "no reference",
     .ref_failed = true, .statuses = "pp", .correctness = {50, true, "2 of 2"}},
};

static void rubric_timing_rounds_should_fail_the_timing_input(void **state)
{
    (void)state;
    static const case_row two[] = {{"c0"}, {"timing input", .timing_input = true}};
    for (size_t t = 0; t < sizeof ROUNDS / sizeof *ROUNDS; t++) {
        const rounds_row *row = &ROUNDS[t];
        world w;
        world_init(&w, W_CASES, false);
        world_cases(&w, two, 2, NULL, 0, 0, 0);
        rubric_cases(w.r, &w.ev);
        value uy = scalar("y", ROLE_RESULT, row->got), ry = scalar("y", ROLE_RESULT, 0);
        xrun last_user = {.status = XS_OK, .vals = &uy, .nvals = 1};
        xrun last_ref = {.status = XS_OK, .vals = &ry, .nvals = 1};
        rounds_job j = {.status = row->status, .message = (char *)row->message,
                        .ref_failed = row->ref_failed, .stopped_at = -1,
                        .changed_at = row->changed_round ? 0 : -1,
                        .changed_round = row->changed_round, .user = &last_user,
                        .ref = &last_ref, .ntime = 1};
        w.ev.timing = &j;
        w.ev.tinput = w.cases[1];
        rubric_timing_rounds(w.r, &w.ev);
        assert_statuses(row->name, w.r, row->statuses);
        assert_crit(row->name, &w.r->crit[CRIT_CORRECTNESS], &row->correctness);
        report_free(w.r);
    }
}

/* --- vectorization ----------------------------------------------------------- */

static const double W_VEC[CRIT_COUNT] = {[CRIT_CORRECTNESS] = 50, [CRIT_STABILITY] = 25,
                                         [CRIT_VECTORIZATION] = 25};

typedef struct vec_row {
    const char *name;
    const char *not_timed;    /* not timed, for this reason */
    double timeout_ref;       /* the timing run timed out; the reference's warm-up */
    const char *failed;       /* the timing run failed with this message */
    double ratio[2];          /* the solution's time over the reference's, per size */
    int nsizes;
    double slowdown;          /* the reference's time over its best here */
    bool retimed;
    crit_want want;
} vec_row;

static const vec_row VEC[] = {
    {"not timed", "correctness fails first", .want = {0, false, "not timed",
                                                      {"solution: not timed: correctness "
                                                       "fails first"}}},
    {"too slow to time", .timeout_ref = 0.5,
     .want = {0, false, "too slow to time",
              {"timing: one call on the timing input ran past the timing limit without "
               "finishing; the reference needs 0.5 s"}}},
    {"the timing run failed", .failed = "killed",
     .want = {0, false, "timing failed", {"timing: on the large input: killed"}}},
    {"fast", .ratio = {1.5}, .nsizes = 1,
     .want = {25, true, "1.50x the reference's time (middle half 1.50-1.50, 5 pairs)"}},
    {"above half the points passes", .ratio = {3.9}, .nsizes = 1,
     .want = {12.956573450313927, true, "3.90x the reference's time",
              {"solution: 3.9x slower than the reference on the large input (full points up "
               "to 2.0x): use matrix operations (CBLAS)"}}},
    {"below half the points fails", .ratio = {4.1}, .nsizes = 1,
     .want = {12.054701128365982, false, "4.10x", {"solution: 4.1x slower"}}},
    {"a busy machine", .ratio = {1.5}, .nsizes = 1, .slowdown = 1.13, .retimed = true,
     .want = {25, true, "1.50x",
              {"timing: the machine was busy: the reference ran 1.13x slower than its best "
               "here even when timed again"}}},
    {"a busy machine withholds what the slowing could give: scored against the best",
     .ratio = {1.9}, .nsizes = 1, .slowdown = 1.3, .retimed = true,
     .want = {21.193611977375593, true, "1.90x",
              {"timing: the machine was busy: the reference ran 1.30x slower than its best "
               "here even when timed again; the points are scored at 2.47x"}}},
    {"a busy machine never lifts a failing ratio", .ratio = {3.9}, .nsizes = 1,
     .slowdown = 1.3,
     .want = {8.225178159642299, false, "3.90x",
              {"solution: 3.9x slower", "timing: the machine was busy"}}},
    {"a quiet enough machine", .ratio = {1.5}, .nsizes = 1, .slowdown = 1.11,
     .want = {25, true, "1.50x"}},
    {"time grows in a worse class than the reference's", .ratio = {1.5, 3}, .nsizes = 2,
     .want = {17.687968740985546, true,
              "3.00x the reference's time (middle half 3.00-3.00, 5 pairs); time grows like "
              "n^2; the reference's like n",
              {"solution: 3.0x slower"}}},
    {"time growing like the reference's says nothing", .ratio = {1.5, 1.5}, .nsizes = 2,
     .want = {25, true, "1.50x the reference's time (middle half 1.50-1.50, 5 pairs)",
              .exact = true}},
    {"time growing slower than expected says nothing", .ratio = {3, 1.5}, .nsizes = 2,
     .want = {25, true, "1.50x the reference's time (middle half 1.50-1.50, 5 pairs)",
              .exact = true}},
};

/* The timing job of a row: 5 rounds per size, the reference taking 1 ms
 * at the first size and twice that at the second (sizes 100 and 200). */
static void world_timing(world *w, const vec_row *row)
{
    w->timing = (rounds_job){.samples = w->tres, .status = XS_OK, .stopped_at = -1,
                             .changed_at = -1};
    for (int s = 0; s < row->nsizes; s++) {
        rounds_samples *t = &w->tres[s];
        t->nsamples = 5;
        for (int k = 0; k < 5; k++) {
            t->ref_s[k] = 1e-3 * (s + 1);
            t->user_s[k] = t->ref_s[k] * row->ratio[s];
        }
        w->sizes[s] = 100 * (s + 1);
    }
    if (row->timeout_ref > 0) {
        w->timing.status = XS_TIMEOUT;
        w->tres[0] = (rounds_samples){.warmed = 1, .ref_warm = row->timeout_ref};
    }
    if (row->failed) {
        w->timing.status = XS_CRASH;
        w->timing.message = (char *)row->failed;
    }
    w->ev.timing = row->not_timed ? NULL : &w->timing;
    w->ev.not_timed = row->not_timed;
    w->ev.sizes = w->sizes;
    w->ev.nsizes = row->nsizes > 0 ? row->nsizes : 1;
    w->ev.ref_slowdown = row->slowdown;
    w->ev.retimed = row->retimed;
}

static void rubric_vectorization_should_score_the_time_ratio(void **state)
{
    (void)state;
    static const case_row one[] = {{"c0"}};
    for (size_t t = 0; t < sizeof VEC / sizeof *VEC; t++) {
        const vec_row *row = &VEC[t];
        world w;
        world_init(&w, W_VEC, false);
        w.ch.timing = (timing_spec){.enabled = true, .grow = "n", .full_ratio = 2,
                                    .zero_ratio = 8, .exponent = 1, .exponent_slack = 0.3,
                                    .advice = "use matrix operations (CBLAS)"};
        world_cases(&w, one, 1, NULL, 0, 0, 0);
        world_timing(&w, row);
        rubric_vectorization(w.r, &w.ev);
        assert_crit(row->name, &w.r->crit[CRIT_VECTORIZATION], &row->want);
        report_free(w.r);
    }
}

/* --- mistakes ---------------------------------------------------------------- */

typedef struct variant_row {
    const char *name;
    case_row cases[MAXC];     /* the solution */
    int ncases;
    double variant[MAXC];     /* the variant's y on each case */
    int crash_at;             /* the variant crashes on case crash_at - 1 */
    int timeout_at;           /* the variant times out on case timeout_at - 1 */
    bool check_out;           /* out is checked too */
    double variant_out;       /* the variant's out everywhere (0: 1, the reference's) */
    bool matches;
} variant_row;

static const variant_row VARIANTS[] = {
    {"the variant explains the failure", {{"c0", .got = 2}, {"c1"}}, 2, {2, 0}, .matches = true},
    {"a passed case the variant fails is against it", {{"c0", .got = 2}, {"c1"}}, 2, {2, 5}},
    {"a passed case the variant crashes on is against it", {{"c0", .got = 2}, {"c1"}}, 2,
     {2, 0}, .crash_at = 2},
    {"a passed case the variant did not finish (a busy machine) says nothing",
     {{"c0", .got = 2}, {"c1"}}, 2, {2, 5}, .timeout_at = 2, .matches = true},
    {"both wrong, differently: nothing for it", {{"c0", .got = 2}}, 1, {3}},
    {"a variant within 1e-3 matches", {{"c0", .got = 2}}, 1, {2.0019}, .matches = true},
    {"beyond 1e-3 and not far nearer than the reference says nothing", {{"c0", .got = 2}}, 1,
     {2.5}},
    {"far nearer the variant than the reference is for it", {{"c0", .got = 100}}, 1, {100.5},
     .matches = true},
    {"a NaN where the solution has a number is against it",
     {{"c0", .got = 2}, {"c1", .got = 2}, {"c2", .got = 2}}, 3, {2, 2, NAN}},
    {"right where the variant is wrong is against it",
     {{"c0", .got = 2}, {"c1", .got = 2}}, 2, {2, 2}, .check_out = true, .variant_out = 5},
    {"more cases for it than saying nothing", {{"c0", .got = 2}, {"c1", .got = 2}, {"c2", .got = 2}},
     3, {2, 2, 7}, .matches = true},
    {"as many for it as saying nothing", {{"c0", .got = 2}, {"c1", .got = 2}}, 2, {2, 7},
     .matches = true},
    {"fewer for it than saying nothing", {{"c0", .got = 2}, {"c1", .got = 2}, {"c2", .got = 2}},
     3, {2, 7, 7}},
    {"a failed case where the variant behaves like the reference says nothing",
     {{"c0", .got = 2}, {"c1", .got = 2}}, 2, {2, 0}, .matches = true},
    {"behaving like the reference on every failed case explains nothing",
     {{"c0", .got = 2}}, 1, {0}},
    {"no failed case, nothing to explain", {{"c0"}}, 1, {0}},
    {"a variant that crashes where the solution fails is against it", {{"c0", .got = 2}}, 1,
     {2}, .crash_at = 1},
    {"a NaN where the solution wrote a NaN matches", {{"c0", .got = 2, .out_nan = true}}, 1,
     {2}, .check_out = true, .variant_out = NAN, .matches = true},
    {"a NaN where the solution wrote nothing is no evidence", {{"c0", .got = 2, .stub = true}},
     1, {2}, .check_out = true, .variant_out = NAN},
    {"an organization case is no evidence", {{"c0"}, {"o0", CRIT_ORGANIZATION, .got = 2}}, 2,
     {0, 2}},
};

static void rubric_matches_variant_should_reproduce_every_failure_it_makes(void **state)
{
    (void)state;
    for (size_t t = 0; t < sizeof VARIANTS / sizeof *VARIANTS; t++) {
        const variant_row *row = &VARIANTS[t];
        world w;
        world_init(&w, W_CASES, false);
        w.nchecks = row->check_out ? 3 : 2;
        world_cases(&w, row->cases, row->ncases, NULL, 0, 0, 0);
        double vout = row->variant_out != 0 ? row->variant_out : 1;
        for (int i = 0; i < row->ncases; i++) {
            w.vvals[i][0] = scalar("y", ROLE_RESULT, row->variant[i]);
            w.vvals[i][1] = out_array(&vout);
            w.vruns[i] = (xrun){.status = row->crash_at == i + 1     ? XS_CRASH
                                          : row->timeout_at == i + 1 ? XS_TIMEOUT
                                                                     : XS_OK,
                                .vals = w.vvals[i], .nvals = 2};
        }
        w.variant = (exec_job){.runs = w.vruns, .nruns = row->ncases};
        rubric_cases(w.r, &w.ev);
        if (rubric_matches_variant(&w.ev, w.r, &w.variant) != row->matches)
            fail_msg("%s: matches is %d", row->name, !row->matches);
        report_free(w.r);
    }
}

/* Two variants fitted to the same failures: which stay named. */
typedef struct dominance_row {
    const char *name;
    bool matches[2];
    int exact[2];
    const char *for_case[2];  /* per case, '1' where it spoke for the variant */
    bool want[2];
} dominance_row;

static const dominance_row DOMINANCE[] = {
    {"the exact one of two that fail alike stays", {true, true}, {2, 0}, {"11", "11"},
     {true, false}},
    {"two that explain different cases both stay", {true, true}, {1, 1}, {"10", "01"},
     {true, true}},
    {"more exact, but not explaining the other's case: both stay", {true, true}, {2, 0},
     {"110", "011"}, {true, true}},
    {"equally exact: both stay", {true, true}, {1, 1}, {"11", "11"}, {true, true}},
    {"one that does not match leaves the other", {false, true}, {2, 0}, {"11", "11"},
     {false, true}},
};

static void rubric_drop_dominated_should_keep_the_better_explanation(void **state)
{
    (void)state;
    for (size_t t = 0; t < sizeof DOMINANCE / sizeof *DOMINANCE; t++) {
        const dominance_row *row = &DOMINANCE[t];
        unsigned char cases[2][4] = {{0}};
        variant_fit fits[2];
        int n = (int)strlen(row->for_case[0]);
        for (int v = 0; v < 2; v++) {
            for (int i = 0; i < n; i++)
                cases[v][i] = row->for_case[v][i] == '1';
            fits[v] = (variant_fit){row->matches[v], row->exact[v], cases[v]};
        }
        rubric_drop_dominated(fits, 2, n);
        for (int v = 0; v < 2; v++)
            if (fits[v].matches != row->want[v])
                fail_msg("%s: variant %d matches is %d", row->name, v, fits[v].matches);
    }
}

typedef struct named_row {
    const char *name;
    case_row c;
    const char *mistake;      /* the y check's "mistake" key */
    const char *out_mistake;  /* the out check's, when out is checked */
    const char *want_id, *want_message;    /* NULL: no mistake named */
    case_row other;           /* a second case, when named */
} named_row;

static const named_row NAMED[] = {
    {"a failed check names its mistake", {"c0", .got = 2}, "wrong_y", NULL, "wrong_y", "y is off"},
    {"a passed check names nothing", {"c0"}, "wrong_y", NULL, NULL, NULL},
    {"a check without a mistake key names nothing", {"c0", .got = 2}, NULL, NULL, NULL, NULL},
    {"an input written", {"c0", .fault = PF_WRITE_INPUT, .crash = "wrote X"}, NULL, NULL,
     "mutates_input", "the input array X was modified"},
    {"nothing ran: a failed check names nothing", {"c0", .got = 2, .stub = true}, "wrong_y",
     NULL, NULL, NULL},
    {"a check on an output the solution did not write names nothing", {"c0", .stub = true},
     NULL, "wrong_y", NULL, NULL, {"c1"}},
    {"a check on an output the solution wrote wrong names its mistake",
     {"c0", .out_nan = true}, NULL, "wrong_y", "wrong_y", "y is off"},
};

static void rubric_named_mistakes_should_name_checks_and_input_writes(void **state)
{
    (void)state;
    for (size_t t = 0; t < sizeof NAMED / sizeof *NAMED; t++) {
        const named_row *row = &NAMED[t];
        world w;
        world_init(&w, W_CASES, false);
        w.checks[0].mistake = (char *)row->mistake;
        w.checks[2].mistake = (char *)row->out_mistake;
        w.nchecks = row->out_mistake ? 3 : 2;
        case_row cs[2] = {row->c, row->other};
        world_cases(&w, cs, row->other.name ? 2 : 1, NULL, 0, 0, 0);
        rubric_cases(w.r, &w.ev);
        rubric_named_mistakes(w.r, &w.ev);
        if (w.r->nmistakes != (row->want_id ? 1 : 0))
            fail_msg("%s: %d mistakes named", row->name, w.r->nmistakes);
        if (row->want_id) {
            assert_string_equal(w.r->mistakes[0].id, row->want_id);
            assert_non_null(strstr(w.r->mistakes[0].message, row->want_message));
        }
        report_free(w.r);
    }
}

/* --- total --------------------------------------------------------------------- */

/* A criterion as the rubric left it: score out of max (the report's
 * share of 100 when applies). */
typedef struct scored {
    bool applies;
    double score;
    bool passed;
    bool skipped;             /* not graded this time (--no-timing) */
} scored;

typedef struct total_row {
    const char *name;
    double weights[CRIT_COUNT];
    scored crit[CRIT_COUNT];
    unsigned require;         /* criteria that must pass */
    bool visible_only;
    bool compile_error;
    const char *statuses;     /* `run`: the cases, p pass, f fail */
    double score;             /* the total */
    bool passed;
    const char *verdict;
    const char *why_not;      /* NULL: none */
    double max[CRIT_COUNT];   /* each criterion's share of 100 afterwards */
    double max_score;         /* the points graded; 0: 100 */
} total_row;

#define C_ CRIT_CORRECTNESS
#define S_ CRIT_STABILITY
#define V_ CRIT_VECTORIZATION
#define REQ(k) (1u << (k))

static const total_row TOTAL[] = {
    {"full marks", {50, 25, 25}, {{1, 50, 1}, {1, 25, 1}, {1, 25, 1}}, REQ(C_), false, false,
     NULL, 100, true, "strong", NULL, {50, 25, 25}},
    {"a pass, not strong", {50, 25, 25}, {{1, 50, 1}, {1, 25, 1}, {1, 10, 0}}, REQ(C_), false,
     false, NULL, 85, true, "pass", NULL, {50, 25, 25}},
    {"89.6 rounds to a strong 90", {50, 25, 25}, {{1, 50, 1}, {1, 25, 1}, {1, 14.6, 0}}, 0,
     false, false, NULL, 90, true, "strong", NULL, {50, 25, 25}},
    {"89.4 is a pass", {50, 25, 25}, {{1, 50, 1}, {1, 25, 1}, {1, 14.4, 0}}, 0, false, false,
     NULL, 89, true, "pass", NULL, {50, 25, 25}},
    {"a required criterion fails", {50, 25, 25}, {{1, 45, 0}, {1, 25, 1}, {1, 25, 1}},
     REQ(C_) | REQ(S_), false, false, NULL, 95, false, "not yet",
     "Not passed: correctness must pass.", {50, 25, 25}},
    {"69.5 rounds to the 70 needed", {50, 25, 25}, {{1, 34.5, 1}, {1, 25, 1}, {1, 10, 0}},
     REQ(C_), false, false, NULL, 70, true, "pass", NULL, {50, 25, 25}},
    {"too low a score", {50, 25, 25}, {{1, 30, 1}, {1, 10, 0}, {1, 10, 0}}, 0, false, false,
     NULL, 50, false, "not yet", "Not passed: a score of 70 is needed.", {50, 25, 25}},
    {"both reasons", {50, 25, 25}, {{1, 20, 0}, {1, 10, 0}, {1, 25, 1}}, REQ(C_) | REQ(S_),
     false, false, NULL, 55, false, "not yet",
     "Not passed: correctness and stability must pass; a score of 70 is needed.",
     {50, 25, 25}},
    {"a dropped criterion's share goes to the others", {50, 25, 25},
     {{1, 25, 0}, {1, 25, 1}, {0, 0, 0}}, 0, false, false, NULL, 67, false,
     "not yet", "Not passed: a score of 70 is needed.", {67, 33, 25}},
    {"maxima that do not divide 100 round to whole points adding up to 100",
     {40, 20, 0, 10}, {{1, 400.0 / 7, 1}, {1, 200.0 / 7, 1}, {0}, {1, 100.0 / 7, 1}}, 0,
     false, false, NULL, 100, true, "strong", NULL, {57, 29, 0, 14}},
    {"a criterion that fails never shows full points", {50, 25, 25},
     {{1, 49.8, 0}, {1, 25, 1}, {1, 25, 1}}, 0, false, false, NULL, 99, true, "strong", NULL,
     {50, 25, 25}},
    {"a compile error", {50, 25, 25}, {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}}, REQ(C_), false, true,
     NULL, 0, false, "not yet", NULL, {50, 25, 25}},
    {"a skipped criterion keeps its share out: the same points, out of 75", {50, 25, 25},
     {{1, 50, 1}, {1, 25, 1}, {1, 0, 0, true}}, REQ(C_) | REQ(V_), false, false, NULL, 75,
     true, "strong", NULL, {50, 25, 25}, 75},
    {"skipped: a pass needs 70% of the points graded", {50, 25, 25},
     {{1, 30, 1}, {1, 25, 1}, {1, 0, 0, true}}, REQ(C_), false, false, NULL, 55, true, "pass",
     NULL, {50, 25, 25}, 75},
    {"skipped: below 70% of the points graded", {50, 25, 25},
     {{1, 25, 1}, {1, 25, 1}, {1, 0, 0, true}}, REQ(C_), false, false, NULL, 50, false,
     "not yet", "Not passed: a score of 53 of the 75 points graded is needed.", {50, 25, 25},
     75},
    {"run: the visible examples pass", {50, 25, 25}, {{1, 50, 1}, {0}, {0}}, REQ(C_), true,
     false, "pp", 100, true, "pass", NULL, {100, 25, 25}},
    {"run: one fails", {50, 25, 25}, {{1, 25, 1}, {0}, {0}}, 0, true, false, "pf", 50, false,
     "not yet", NULL, {100, 25, 25}},
};

/* rubric_round: values in, whole numbers out. */
typedef struct round_row {
    const char *name;
    double v[5];
    int n;
    double want[5];
} round_row;

static const round_row ROUND[] = {
    {"thirds", {33.3, 33.3, 33.4}, 3, {33, 33, 34}},
    {"ninths of 100", {400.0 / 9, 200.0 / 9, 200.0 / 9, 100.0 / 9}, 4, {45, 22, 22, 11}},
    {"a tie goes to the first", {0.5, 0.5}, 2, {1, 0}},
    {"whole numbers stay", {40, 20, 20, 10, 10}, 5, {40, 20, 20, 10, 10}},
    {"the sum rounds down", {10.2, 10.2}, 2, {10, 10}},
    {"each a floor or a ceiling", {0.9, 0.9, 0.9}, 3, {1, 1, 1}},
};

static void rubric_round_should_add_up_to_the_rounded_sum(void **state)
{
    (void)state;
    for (size_t t = 0; t < sizeof ROUND / sizeof *ROUND; t++) {
        double out[5];
        rubric_round(ROUND[t].v, ROUND[t].n, out);
        for (int k = 0; k < ROUND[t].n; k++)
            if (out[k] != ROUND[t].want[k])
                fail_msg("%s: [%d] is %g, expected %g", ROUND[t].name, k, out[k],
                         ROUND[t].want[k]);
    }
}

static void rubric_total_should_weigh_criteria_and_give_the_verdict(void **state)
{
    (void)state;
    for (size_t t = 0; t < sizeof TOTAL / sizeof *TOTAL; t++) {
        const total_row *row = &TOTAL[t];
        world w;
        world_init(&w, row->weights, false);
        w.ch.pass_require = row->require;
        report *r = report_new(&w.ch);
        r->visible_only = row->visible_only;
        r->compile_error = row->compile_error;
        for (int k = 0; k < CRIT_COUNT; k++) {
            r->crit[k].applies = row->crit[k].applies;
            r->crit[k].score = row->crit[k].score;
            r->crit[k].passed = row->crit[k].passed;
            r->crit[k].skipped = row->crit[k].skipped ? "--no-timing" : NULL;
        }
        int n = row->statuses ? (int)strlen(row->statuses) : 0;
        r->cases = xcalloc((size_t)n + 1, sizeof(rcase));
        r->ncases = n;
        for (int i = 0; i < n; i++)
            r->cases[i].status = row->statuses[i] == 'p' ? CS_PASS : CS_FAIL;
        rubric_total(r, &w.ch);
        if (fabs(r->score - row->score) > 1e-9)
            fail_msg("%s: total %g, expected %g", row->name, r->score, row->score);
        double max_score = row->max_score > 0 ? row->max_score : 100;
        if (fabs(r->max_score - max_score) > 1e-9)
            fail_msg("%s: out of %g, expected %g", row->name, r->max_score, max_score);
        if (r->passed != row->passed)
            fail_msg("%s: passed is %d", row->name, r->passed);
        if (strcmp(r->verdict, row->verdict) != 0)
            fail_msg("%s: verdict %s, expected %s", row->name, r->verdict, row->verdict);
        if (!r->why_not != !row->why_not || (row->why_not && strcmp(r->why_not, row->why_not)))
            fail_msg("%s: why not \"%s\"", row->name, r->why_not ? r->why_not : "(none)");
        for (int k = 0; k < CRIT_COUNT; k++)
            if (fabs(r->crit[k].max - row->max[k]) > 1e-9)
                fail_msg("%s: %s out of %g, expected %g", row->name,
                         criterion_name((criterion)k), r->crit[k].max, row->max[k]);
        report_free(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rubric_cases_should_score_the_share_of_cases_passed),
        cmocka_unit_test(rubric_organization_should_count_checks_passed),
        cmocka_unit_test(rubric_convergence_should_judge_the_loss_history),
        cmocka_unit_test(rubric_timing_rounds_should_fail_the_timing_input),
        cmocka_unit_test(rubric_vectorization_should_score_the_time_ratio),
        cmocka_unit_test(rubric_matches_variant_should_reproduce_every_failure_it_makes),
        cmocka_unit_test(rubric_drop_dominated_should_keep_the_better_explanation),
        cmocka_unit_test(rubric_named_mistakes_should_name_checks_and_input_writes),
        cmocka_unit_test(rubric_round_should_add_up_to_the_rounded_sum),
        cmocka_unit_test(rubric_total_should_weigh_criteria_and_give_the_verdict),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
