/* expect: status=graded passed=no correctness=fail mistake=none */
/* Near miss: the indices already chosen are kept in a fixed array of 16
 * (to zero their D again); the statement puts no bound on k, and past 16
 * centroids the array is written past its end. */
/* control */
#include <stdlib.h>
#include <string.h>
void kmeans_pp(const double *X, int n, int d, int k, const double *u, double *C, int *idx){
  double *D=malloc(sizeof(double)*n);
  int chosen[16]; int i0=(int)(u[0]*n); if(i0>=n) i0=n-1; idx[0]=i0; chosen[0]=i0; memcpy(C,X+(long)i0*d,sizeof(double)*d);
  for(int i=0;i<n;i++){
    double s=0; for(int l=0;l<d;l++){ double t=X[(long)i*d+l]-C[l]; s+=t*t;} D[i]=s;
  }
  for(int c=1;c<k;c++){
    double S=0;
    for(int i=0;i<n;i++) S+=D[i];
    int pick;
    if(S>0){ double t=u[c]*S, cum=0; pick=-1; int last=-1;
      for(int i=0;i<n;i++){ if(D[i]>0) last=i; cum+=D[i]; if(cum>t){pick=i;break;} }
      if(pick<0) pick=last; }
    else {
      pick=(int)(u[c]*n);
      if(pick>=n) pick=n-1; }
    idx[c]=pick; chosen[c]=pick; for(int q=0;q<c;q++) if(chosen[q]==pick) D[pick]=0; memcpy(C+(long)c*d,X+(long)pick*d,sizeof(double)*d);
    for(int i=0;i<n;i++){
      double s=0; for(int l=0;l<d;l++){ double t=X[(long)i*d+l]-C[(long)c*d+l]; s+=t*t;}
      if(s<D[i]) D[i]=s; }
  }
  free(D);}
