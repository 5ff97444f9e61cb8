/* spec_whole — the loader's checks of the whole challenge, once every part
 * is read: something is compared, a correctness case exists, the weights
 * go to criteria something measures, and what passing requires
 * (spec_parse.h). */

#include <stdlib.h>
#include <string.h>

#include "spec/spec_parse.h"

/* Default weights of the criteria, in criterion order. */
static const double default_weights[CRIT_COUNT] = {40, 20, 20, 10, 10};

/* Some check, of the challenge or of a case, says what is compared. */
static int something_compared(ld *L)
{
    const challenge *c = L->c;
    int n = c->nchecks;
    for (int i = 0; i < c->ncases; i++)
        n += c->cases[i].nchecks;
    return n == 0 ? FAIL(L, "", "no \"checks\": say which outputs are compared") : 0;
}

/* Which criteria something measures: cases of theirs, or their sections. */
static void criteria_measured(const challenge *c, bool applies[CRIT_COUNT])
{
    for (int k = 0; k < CRIT_COUNT; k++)
        applies[k] = false;
    for (int i = 0; i < c->ncases; i++)
        applies[c->cases[i].crit] = true;
    applies[CRIT_VECTORIZATION] = c->timing.enabled;
    applies[CRIT_CONVERGENCE] = c->conv.enabled;
    applies[CRIT_ORGANIZATION] = true;
}

/* "weights": {criterion: 0 to 100}, over the defaults. */
static int parse_weights(ld *L, const cJSON *j, const char *path)
{
    if (!cJSON_IsObject(j))
        return FAIL(L, path, "expected {\"correctness\": 40, ...}");
    const cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        char *ip = jpath_key(path, it->string);
        int k = criterion_from_name(it->string);
        int rc = 0;
        if (k < 0)
            rc = FAIL(L, ip, "unknown criterion (expected correctness, stability, "
                             "vectorization, convergence, organization)");
        else if (!cJSON_IsNumber(it) || it->valuedouble < 0 || it->valuedouble > 100)
            rc = FAIL(L, ip, "expected a weight from 0 to 100");
        else
            L->c->weights[k] = it->valuedouble;
        free(ip);
        if (rc)
            return -1;
    }
    return 0;
}

/* A weight on a criterion nothing measures is a mistake in the spec. */
static int weights_measured(ld *L, const bool applies[CRIT_COUNT])
{
    for (int k = 0; k < CRIT_COUNT; k++)
        if (L->c->weights[k] > 0 && !applies[k])
            return FAIL(L, "weights", "\"%s\" has a weight but nothing measures it "
                                      "(no %s)",
                        criterion_name((criterion)k),
                        k == CRIT_STABILITY      ? "stability case"
                        : k == CRIT_VECTORIZATION ? "\"timing\" section"
                        : k == CRIT_CONVERGENCE   ? "\"convergence\" section"
                                                  : "case");
    return 0;
}

/* A check's "mistake" names a declared mistake (or mutates_input, which
 * the grader always detects): otherwise its failures would name nothing. */
static int check_mistakes_declared(ld *L, const check *ck, int n)
{
    const challenge *c = L->c;
    for (int i = 0; i < n; i++) {
        if (!ck[i].mistake || strcmp(ck[i].mistake, "mutates_input") == 0)
            continue;
        int m = 0;
        while (m < c->nmistakes && strcmp(c->mistakes[m].id, ck[i].mistake) != 0)
            m++;
        if (m == c->nmistakes) {
            char *p = jpath_key(ck[i].path, "mistake");
            FAIL(L, p, "names mistake \"%s\", which \"mistakes\" does not declare",
                 ck[i].mistake);
            free(p);
            return -1;
        }
    }
    return 0;
}

/* Whether some call of a correctness case writes the variable name (an
 * output or inout array bound to it). */
static bool written_by_a_case(const challenge *c, const char *name)
{
    for (int i = 0; i < c->ncases; i++) {
        if (c->cases[i].crit != CRIT_CORRECTNESS)
            continue;
        const call *calls = c->cases[i].calls ? c->cases[i].calls : c->calls;
        int ncalls = c->cases[i].calls ? c->cases[i].ncalls : c->ncalls;
        for (int k = 0; k < ncalls; k++) {
            const function *f = &c->functions[calls[k].fn];
            for (int p = 0; p < f->nparams; p++)
                if (f->params[p].array && f->params[p].dir != DIR_IN &&
                    strcmp(call_binding(&calls[k], &f->params[p]), name) == 0)
                    return true;
        }
    }
    return false;
}

/* Whether name is a variable of the timing input (the defaults and its
 * own "vars"). */
static bool timing_variable(const challenge *c, const char *name)
{
    for (int i = 0; i < c->ndefaults; i++)
        if (strcmp(c->defaults[i].name, name) == 0)
            return true;
    for (int i = 0; i < c->timing.base.nvars; i++)
        if (strcmp(c->timing.base.vars[i].name, name) == 0)
            return true;
    return false;
}

/* The names the sections give that no case resolution sees: the mistakes
 * checks name, the loss convergence reads, the variable timing grows. */
static int sections_named(ld *L)
{
    const challenge *c = L->c;
    if (check_mistakes_declared(L, c->checks, c->nchecks))
        return -1;
    for (int i = 0; i < c->ncases; i++)
        if (check_mistakes_declared(L, c->cases[i].checks, c->cases[i].nchecks))
            return -1;
    if (c->conv.enabled && !written_by_a_case(c, c->conv.loss))
        return FAIL(L, "convergence.loss", "no correctness case writes \"%s\" (an output "
                                           "array of a call): convergence would judge "
                                           "nothing", c->conv.loss);
    if (c->timing.enabled && c->timing.grow && !timing_variable(c, c->timing.grow))
        return FAIL(L, "timing.grow", "\"%s\" is not a variable of the timing input (in "
                                      "\"defaults\" or timing.vars)", c->timing.grow);
    return 0;
}

int sp_whole(ld *L, const cJSON *root)
{
    challenge *c = L->c;
    if (something_compared(L) || sections_named(L))
        return -1;
    bool applies[CRIT_COUNT];
    criteria_measured(c, applies);
    if (!applies[CRIT_CORRECTNESS])
        return FAIL(L, "cases", "no correctness case (every challenge needs at "
                                "least one)");
    for (int k = 0; k < CRIT_COUNT; k++)
        c->weights[k] = applies[k] ? default_weights[k] : 0;
    const cJSON *w = jr_item(root, "weights");
    if ((w && parse_weights(L, w, "weights")) || weights_measured(L, applies))
        return -1;
    /* failing these means not passing, unless "pass" said otherwise */
    if (!jr_item(root, "pass") || !jr_item(jr_item(root, "pass"), "require"))
        c->pass_require = (1u << CRIT_CORRECTNESS) |
                          (c->weights[CRIT_STABILITY] > 0 ? 1u << CRIT_STABILITY : 0);
    return 0;
}
