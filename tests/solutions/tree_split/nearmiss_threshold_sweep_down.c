/* expect: status=graded passed=no correctness=fail mistake=none */
/* Near miss: each feature's thresholds are swept from the largest down
 * (moving one sample at a time to the right side) and the first best is
 * kept, so among equal gains the highest threshold wins, where the
 * statement keeps the lowest.  A pure node is handled up front (every gain
 * is 0 there: the first feature's lowest threshold), so only equal non-zero
 * gains show it. */
#include <stdlib.h>
#include <string.h>
#include <math.h>
static const double *gcol;
static int cmpi(const void *a,const void *b){ double x=gcol[*(const int*)a], y=gcol[*(const int*)b]; return (x>y)-(x<y); }
static double imp(const long *cnt,int K,long m,int ent){ if(m==0) return 0; double s=0;
  for(int c=0;c<K;c++){ double p=(double)cnt[c]/m; if(ent){ if(p>0) s-=p*log2(p);} else s+=p*p; } return ent? s : 1-s; }
int tree_split(const double *X, const int *y, int n, int d, int K, const char *criterion, double *threshold, double *gain){
  int ent = strcmp(criterion,"entropy")==0;
  long *tot=calloc(K,sizeof(long)), *L=malloc(sizeof(long)*K), *R=malloc(sizeof(long)*K);
  for(int i=0;i<n;i++) tot[y[i]]++;
  double I=imp(tot,K,n,ent);
  if(I==0){ /* a pure node: every split gains 0, the first candidate wins */
    for(int j=0;j<d;j++){ double lo=X[j], nx=INFINITY;
      for(int i=0;i<n;i++) if(X[(long)i*d+j]<lo) lo=X[(long)i*d+j];
      for(int i=0;i<n;i++){ double v=X[(long)i*d+j]; if(v>lo && v<nx) nx=v; }
      if(nx<INFINITY){ *threshold=lo/2+nx/2; *gain=0; free(tot); free(L); free(R); return j; } }
    *threshold=0; *gain=0; free(tot); free(L); free(R); return -1; }
  int *ord=malloc(sizeof(int)*n); double *col=malloc(sizeof(double)*n);
  int bf=-1; double bg=-1, bt=0;
  for(int j=0;j<d;j++){
    for(int i=0;i<n;i++){ ord[i]=i; col[i]=X[(long)i*d+j]; }
    gcol=col; qsort(ord,n,sizeof(int),cmpi);
    memset(R,0,sizeof(long)*K); memcpy(L,tot,sizeof(long)*K);
    int jb=-1; double jg=-1, jt=0;
    for(int p=n-1;p>=1;p--){
      int i=ord[p]; L[y[i]]--; R[y[i]]++;
      double a=col[ord[p-1]], b=col[i];
      if(!(a<b)) continue;
      double g=I-(double)p/n*imp(L,K,p,ent)-(double)(n-p)/n*imp(R,K,n-p,ent);
      if(jb<0 || g>jg+1e-12){ jb=j; jg=g; jt=a/2+b/2; }
    }
    if(jb>=0 && (bf<0 || jg>bg+1e-12)){ bf=jb; bg=jg; bt=jt; }
  }
  if(bf<0){ bt=0; bg=0; }
  *threshold=bt; *gain=bg;
  free(tot); free(L); free(R); free(ord); free(col);
  return bf;}
