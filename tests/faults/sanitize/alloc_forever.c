/* expect: status=graded passed=no case=memory */
/* says: ran out of memory */
/* Keeps every row's scratch copy in a linked list that is never freed,
 * and the loop meant to stop after the last row never does: small
 * allocations without end (the heap grows through brk and small mmaps,
 * not one huge block).  The list head is published in P, so none of it
 * can be optimised away. */
#include <stdlib.h>
#include <string.h>

struct node {
    struct node *next;
    double row[30];
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
