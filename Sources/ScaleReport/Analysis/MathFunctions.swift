#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Natural logarithm from the platform's C library (one place, so the analysis files need
/// no platform imports).
@inline(__always) func naturalLog(_ x: Double) -> Double { log(x) }

/// e^x from the platform's C library.
@inline(__always) func naturalExp(_ x: Double) -> Double { exp(x) }

/// ln(1 + x), accurate for small x, from the platform's C library.
@inline(__always) func naturalLog1p(_ x: Double) -> Double { log1p(x) }
