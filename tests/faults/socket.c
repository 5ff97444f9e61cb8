/* expect: status=graded passed=no case=forbidden */
/* says: tried to use the network */
/* Phones home with the inputs. */
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

void softmax(const double *Z, int n, int k, double *P)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(9)};
    connect(s, (struct sockaddr *)&a, sizeof a);
    write(s, Z, sizeof(double) * (size_t)n * (size_t)k);
    close(s);
    P[0] = 0;
}
