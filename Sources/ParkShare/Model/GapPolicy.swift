/// What a missing meter interval means (`gaps` in a contract). The number of missing intervals
/// is always reported; only whether it stops the period changes.
public enum GapPolicy: Sendable, Hashable, Encodable {
  /// Any missing interval is an error (the default): the meter data must be completed first.
  case error
  /// A missing interval counts as 0 kWh, while a meter misses at most `limit` (a fraction) of its
  /// intervals in the period; nil means no limit.
  case zero(limit: Exact?)
}
