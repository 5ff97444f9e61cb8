/* expect: status=graded passed=no correctness=fail mistake=none */
/* Near miss: the BLAS expansion with the clamp, but the square root taken
 * in single precision, sqrtf((float)s): about 6e-8 relative error (inside
 * the general rtol of 1e-7), and inf once a squared distance passes the
 * float range (about 3.4e38), though D is asked in double. */
#include <math.h>
#include <stdlib.h>
#include <cblas.h>
void pairwise_dist(const double *A, int n, const double *B, int m, int d, double *D){
  double *aa=malloc(sizeof(double)*n), *bb=malloc(sizeof(double)*m);
  for(int i=0;i<n;i++){ double s=0; for(int k=0;k<d;k++) s+=A[(long)i*d+k]*A[(long)i*d+k]; aa[i]=s; }
  for(int j=0;j<m;j++){ double s=0; for(int k=0;k<d;k++) s+=B[(long)j*d+k]*B[(long)j*d+k]; bb[j]=s; }
  cblas_dgemm(CblasRowMajor,CblasNoTrans,CblasTrans,n,m,d,-2.0,A,d,B,d,0.0,D,m);
  for(int i=0;i<n;i++) for(int j=0;j<m;j++){ double s=D[(long)i*m+j]+aa[i]+bb[j];
    if(s<0) s=0;
    D[(long)i*m+j]=sqrtf((float)s);
  }
  free(aa); free(bb);}
