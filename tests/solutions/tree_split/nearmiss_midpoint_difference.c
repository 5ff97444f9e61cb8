/* expect: status=graded passed=no correctness=pass stability=fail mistake=none */
/* Near miss: the threshold is a + (b - a)/2, which avoids the overflow of
 * a + b for two large values of one sign but not of b - a for values of
 * both signs near the largest double (-1e308 and 1e308): the threshold is
 * inf, where "Thresholds must stay finite for any finite data". */
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
  int *ord=malloc(sizeof(int)*n); double *col=malloc(sizeof(double)*n);
  int bf=-1; double bg=-1, bt=0;
  for(int j=0;j<d;j++){
    for(int i=0;i<n;i++){ ord[i]=i; col[i]=X[(long)i*d+j]; }
    gcol=col; qsort(ord,n,sizeof(int),cmpi);
    memset(L,0,sizeof(long)*K); memcpy(R,tot,sizeof(long)*K);
    for(int p=0;p<n-1;p++){
      int i=ord[p]; L[y[i]]++; R[y[i]]--;
      double a=col[i], b=col[ord[p+1]];
      if(!(a<b)) continue;
      double g=I-(double)(p+1)/n*imp(L,K,p+1,ent)-(double)(n-p-1)/n*imp(R,K,n-p-1,ent);
      double t=a+(b-a)/2;
      if(bf<0 ? g>bg : g>bg+1e-12){ bf=j; bg=g; bt=t; }
    }
  }
  if(bf<0){ bt=0; bg=0; }
  *threshold=bt; *gain=bg;
  free(tot); free(L); free(R); free(ord); free(col);
  return bf;}
