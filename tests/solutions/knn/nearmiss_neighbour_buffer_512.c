/* expect: status=graded passed=no correctness=fail mistake=none */
/* Near miss: the labels and distances of the k nearest are kept in fixed
 * arrays of 512 entries (more than the 300 of "more than 255 votes"); the
 * statement puts no bound on k, and with k = 1100 <= n they are written
 * past their end. */
/* control */
#include <stdlib.h>
void knn_predict(const double *X, const int *y, int n, int d, const double *Q, int m, int k, int *pred){
  if(k>n) k=n;
  double *dist=malloc(sizeof(double)*n); char *taken=calloc(n,1);
  int lab[512]; double ld[512];
  for(int i=0;i<m;i++){
    for(int j=0;j<n;j++){ double s=0; for(int l=0;l<d;l++){ double t=X[(long)j*d+l]-Q[(long)i*d+l]; s+=t*t;} dist[j]=s; taken[j]=0; }
    for(int r=0;r<k;r++){ int b=-1; for(int j=0;j<n;j++) if(!taken[j]&&(b<0||dist[j]<dist[b])) b=j;
      taken[b]=1; lab[r]=y[b]; ld[r]=dist[b]; }
    /* lab sorted by (dist, index) */
    int best=-1, bc=0;
    for(int r=0;r<k;r++){ int seen=0; for(int s=0;s<r;s++) if(lab[s]==lab[r]) seen=1; if(seen) continue;
      int cnt=0; for(int s=r;s<k;s++) if(lab[s]==lab[r]) cnt++;
      if(cnt>bc) {bc=cnt;best=lab[r];}
      else if(cnt==bc){
        int bi=-1; for(int s=0;s<k;s++) if(lab[s]==best){bi=s;break;}
        if(ld[r]==ld[bi] && lab[r]<best) best=lab[r];
      } }
    pred[i]=best; }
  free(dist); free(taken);}

