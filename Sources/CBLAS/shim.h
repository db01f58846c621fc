// OpenBLAS's CBLAS interface (Debian: libopenblas-dev). We link `openblas`, not `blas`:
// the generic libblas.so lacks the openblas_* functions (thread control), which cblas.h
// from OpenBLAS declares.
#include <cblas.h>
