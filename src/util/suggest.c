/* suggest — see suggest.h. */

#include "util/suggest.h"

#include <string.h>


/* Longer words are compared only up to this length: a typed command or
 * challenge id is short, and the tables stay on the stack. */
#define MAX_LEN 64

static int min3(int a, int b, int c)
{
    int m = a < b ? a : b;
    return m < c ? m : c;
}

int suggest_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    la = la < MAX_LEN ? la : MAX_LEN;
    lb = lb < MAX_LEN ? lb : MAX_LEN;
    /* three rows of the dynamic programme: the swap looks two rows back */
    int rows[3][MAX_LEN + 1];
    int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < cur[j])
                cur[j] = prev2[j - 2] + 1;
        }
        int *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

/* How many edits still look like a typo of a word of this length. */
static int allowed(size_t len)
{
    return len <= 4 ? 1 : len <= 8 ? 2 : 3;
}

int suggest_closest(const char *typed, const char *const *words, size_t n)
{
    int best = -1, best_d = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(typed, words[i]) == 0)
            continue;
        int d = suggest_distance(typed, words[i]);
        /* a suggestion keeps at least one letter of what was typed */
        if (d > allowed(strlen(words[i])) || d >= (int)strlen(typed))
            continue;
        if (best < 0 || d < best_d) {
            best = (int)i;
            best_d = d;
        }
    }
    return best;
}
