#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// The C math library, behind names that inlinable code in this module can use without
// making every client import Glibc or Darwin itself.

@usableFromInline func cLog(_ x: Double) -> Double { log(x) }
@usableFromInline func cCos(_ x: Double) -> Double { cos(x) }
