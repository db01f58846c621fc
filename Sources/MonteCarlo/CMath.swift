#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// The C math functions this module needs, behind names that inlinable code can use
// without making every client import Glibc or Darwin itself.

@usableFromInline func mcLog(_ x: Double) -> Double { log(x) }
@usableFromInline func mcExp(_ x: Double) -> Double { exp(x) }
