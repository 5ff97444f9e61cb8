/* expect: status=graded passed=no correctness=fail mistake=none */
/* Near miss: Lloyd's loop as stated, but the per-cluster counts live in
 * a fixed array of 512 entries (more than the 260 centroids of "past 256
 * centroids"); the statement puts no bound on k, and past 512 centroids
 * the counts are written past the array. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
int kmeans(const double *X, int n, int d, int k, int max_iter, double tol, double *C, int *labels, double *inertia){
  double *S=malloc(sizeof(double)*(size_t)k*d); int cnt[512];
  int t=0;
  for(;;){
    double in=0;
    for(int i=0;i<n;i++){ int b=0; double bd=0;
      for(int c=0;c<k;c++){ double s=0; for(int l=0;l<d;l++){ double q=X[(long)i*d+l]-C[(long)c*d+l]; s+=q*q;} if(c==0||s<bd){bd=s;b=c;} }
      labels[i]=b; in+=bd; }
    inertia[t]=in;
    memset(S,0,sizeof(double)*(size_t)k*d); memset(cnt,0,sizeof(int)*k);
    for(int i=0;i<n;i++){ cnt[labels[i]]++; for(int l=0;l<d;l++) S[(long)labels[i]*d+l]+=X[(long)i*d+l]; }
    double mv=0, tot=0;
    for(int c=0;c<k;c++){
      if(cnt[c]==0){
        continue; }
      double s=0, mx=0; for(int l=0;l<d;l++){ double nw=S[(long)c*d+l]/cnt[c]; double q=nw-C[(long)c*d+l]; s+=q*q; if(fabs(q)>mx) mx=fabs(q); C[(long)c*d+l]=nw; }
      if(sqrt(s)>mv) mv=sqrt(s);
      tot+=sqrt(s); }
    t++;
    if(mv<=tol||t>=max_iter) break;
  }
  free(S);
  return t;}
