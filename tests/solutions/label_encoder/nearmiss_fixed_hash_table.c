/* expect: status=graded passed=no correctness=fail mistake=none */
/* Near miss: an open-addressing hash table of a fixed 8192 slots inside the
 * encoder.  Enough for the timed input (7500 categories), but the statement
 * puts no bound on the categories: past 8192 the insert loop finds no free
 * slot and drops them, so their labels transform to 0. */
#include <stdlib.h>
#include <string.h>
#define CAP 8192
struct label_encoder { int k; char **cat; char *slot[CAP]; int code[CAP]; };
typedef struct label_encoder label_encoder;
static unsigned h(const char *s){ unsigned x=2166136261u; while(*s){ x^=(unsigned char)*s++; x*=16777619u; } return x; }
static int cmpp(const void *a,const void *b){ return strcmp(*(char*const*)a,*(char*const*)b); }
label_encoder *label_encoder_fit(const char *const *labels, int n){
  if(n<1) return NULL;
  label_encoder *e=calloc(1,sizeof *e); int used=0;
  for(int i=0;i<n;i++){ unsigned b=h(labels[i])%CAP; int tries=0;
    while(e->slot[b] && strcmp(e->slot[b],labels[i]) && tries<CAP){ b=(b+1)%CAP; tries++; }
    if(tries>=CAP) continue;
    if(!e->slot[b]){ e->slot[b]=strdup(labels[i]); used++; } }
  e->k=used; e->cat=malloc(sizeof(char*)*(used?used:1)); int j=0;
  for(int b=0;b<CAP;b++) if(e->slot[b]) e->cat[j++]=e->slot[b];
  qsort(e->cat,used,sizeof(char*),cmpp);
  for(int c=0;c<used;c++){ unsigned b=h(e->cat[c])%CAP; while(e->slot[b]!=e->cat[c]) b=(b+1)%CAP; e->code[b]=c+1; }
  return e; }
void label_encoder_transform(const label_encoder *e, const char *const *labels, int n, int *codes){
  for(int i=0;i<n;i++){ unsigned b=h(labels[i])%CAP; int tries=0; codes[i]=0;
    while(e->slot[b] && tries<CAP){ if(!strcmp(e->slot[b],labels[i])){ codes[i]=e->code[b]; break; } b=(b+1)%CAP; tries++; } } }
void label_encoder_inverse(const label_encoder *e, const int *codes, int n, const char **labels){
  for(int i=0;i<n;i++){ int c=codes[i]; labels[i]= c<0||c>e->k ? NULL : c==0 ? "<UNKNOWN>" : e->cat[c-1]; } }
void label_encoder_free(label_encoder *e){ if(!e) return; for(int b=0;b<CAP;b++) free(e->slot[b]); free(e->cat); free(e); }
