/* expect: status=graded passed=no case=memory */
/* says: ran out of memory */
/* Keeps a 16 KiB scratch block per row in a list that is never freed, and
 * the loop meant to stop after the last row never does.  Blocks this size
 * come from AddressSanitizer's size-class allocator, whose address space
 * is reserved up front where RLIMIT_AS cannot see it: the sanitizer's own
 * heap limit must stop it. */
#include <stdlib.h>
#include <string.h>

struct node {
    struct node *next;
    double row[2047];
};

void softmax(const double *Z, int n, int k, double *P)
{
    struct node *head = NULL;
    for (long i = 0;; i++) {
        struct node *x = malloc(sizeof *x);
        x->next = head;
        x->row[0] = Z[i % ((long)n * k)];
        head = x;
        memcpy(P, &head, sizeof head);
    }
}
