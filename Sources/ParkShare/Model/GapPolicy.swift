/// What a missing meter interval means (`gaps` in a contract). The number of missing intervals
/// is always reported; only whether it stops the period changes.
/// How gaps in the readings are estimated (VEE: validation, editing, estimation), declared by the
/// contract, never silent: each estimated interval is counted per meter on every output.
public enum Estimation: Sendable, Hashable, Encodable {
  /// A run of at most `maxRun` missing intervals between two readings of the period is filled on
  /// the straight line between them, to the micro-kWh (a half up).
  case linear(maxRun: Int)
  /// A run of at most `maxRun` missing intervals takes, interval by interval, the mean of the
  /// readings at the same time of day on the same weekday in the period's other weeks (those
  /// read), to the micro-kWh (a half up); a run at the period's edge may be filled too.
  case sameWeekday(maxRun: Int)

  var maxRun: Int {
    switch self {
    case .linear(let n), .sameWeekday(let n): n
    }
  }
}

public enum GapPolicy: Sendable, Hashable, Encodable {
  /// Any missing interval is an error (the default): the meter data must be completed first.
  case error
  /// A missing interval counts as 0 kWh, while a meter misses at most `limit` (a fraction) of its
  /// intervals in the period; nil means no limit.
  case zero(limit: Exact?)
}
