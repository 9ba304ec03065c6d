import Foundation

/// The bounds parkshare puts on what it reads. Contracts come from the other side of a
/// negotiating table and data from field devices: exceeding a bound is a diagnostic naming the
/// place, never a stack overflow or an out-of-memory kill. Each bound is far above any real
/// contract (docs/errors.md lists them with the reasons); readings files have no size bound
/// because they are streamed.
public enum Limits {
  /// A contract file, in bytes: 4 MiB is some 100,000 lines of clauses.
  public static let contractBytes = 4 << 20
  /// A registry, meter registry, facts, scenario or accounts file, read whole: 64 MiB.
  public static let tableBytes = 64 << 20
  /// A contract line, in bytes: long enough for any generated formula or table row.
  public static let lineBytes = 32 << 10
  /// Indentation levels (pool > step > table is three).
  public static let nesting = 16
  /// Lines under one declaration or step: tiers, schedule entries, bands, steps, rules.
  public static let blockLines = 1_000
  /// Parties, counting every member of every registry group.
  public static let parties = 10_000

  /// "4 MiB", "64 MiB": how the bounds are named in messages.
  public static func size(_ bytes: Int) -> String {
    bytes >= 1 << 20
      ? "\(bytes >> 20) MiB" : bytes >= 1 << 10 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
  }

  /// 52,428,800: a byte count as people read it.
  static func grouped(_ n: Int) -> String {
    var digits = Array(String(n))
    var i = digits.count - 3
    while i > 0 {
      digits.insert(",", at: i)
      i -= 3
    }
    return String(digits)
  }

}
