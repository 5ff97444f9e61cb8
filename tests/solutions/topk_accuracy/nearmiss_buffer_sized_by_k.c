/* expect: status=graded passed=no correctness=fail mistake=none */
/* Near miss: a buffer for the k best scores is allocated with k entries
 * before k is compared with c ("If k >= c every sample is a hit"): with
 * k = INT_MAX that is 16 GB, malloc fails and the function returns -1
 * for a valid call. (The buffer is then not even needed: the rank of the
 * true class is counted in one pass.) */
#include <stdlib.h>
double topk_accuracy(const double *P, const int *y, int n, int c, int k){
  if(n<1||c<1||k<1) return -1;
  for(int i=0;i<n;i++) if(y[i]<0||y[i]>=c) return -1;
  double *buf=malloc(sizeof(double)*(size_t)k);
  if(!buf) return -1;
  int hits=0;
  for(int i=0;i<n;i++){ const double *p=P+(long)i*c; double t=p[y[i]]; int r=0;
    for(int j=0;j<c;j++) if(p[j]>t || (p[j]==t && j<y[i])) r++;
    if(r<k) hits++; }
  free(buf);
  return (double)hits/n;}
