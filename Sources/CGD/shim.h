// libgd (Debian: libgd-dev). Linked without pkg-config on purpose: gdlib.pc adds a
// flag that SwiftPM rejects with a warning, and warnings are errors in CI.
#include <gd.h>
#include <gdfontl.h>
#include <gdfonts.h>
#include <gdfontmb.h>
