// zlib (Debian: zlib1g-dev), for gzip-compressed IDX files. Swift does not import the
// macro inflateInit2, so callers use inflateInit2_(stream, windowBits, ZLIB_VERSION, size).
#include <zlib.h>
