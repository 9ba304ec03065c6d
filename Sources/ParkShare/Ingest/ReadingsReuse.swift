/// Readings read for one variant of a contract, kept for the next variant that reads them the
/// same way: `compare` and every command that settles several variants on one bundle read its
/// readings once (docs/benchmarks.md, "One read").
///
/// What the readings add up to depends on the files (as stamped: the same content), the meters
/// the registry gives under the contract, the period, the days tariffs are cut at, the gap and
/// estimation rules and the import profile. A variant that differs in any of them reads again.
final class ReadingsReuse: @unchecked Sendable {
  struct Key: Equatable {
    var files: [String]
    var stamps: [FileStamp?]
    var meters: [RegisteredMeter]
    var refused: Set<String>
    var period: Period
    var cuts: [CalendarDay]
    var gaps: GapPolicy
    var estimation: Estimation?
    var profile: ImportProfile?
    var digests: Bool
    /// The kinds kept interval by interval for `peak(...)`.
    var peaks: Set<MeterKind>
    var peaksByMember: Set<MeterKind>
  }

  private var kept: [(key: Key, output: ReadingsReader.Output)] = []

  init() {}

  /// The output of an earlier read under `key`, marked as read without a byte.
  func output(for key: Key) -> ReadingsReader.Output? {
    guard var out = kept.first(where: { $0.key == key })?.output else { return nil }
    out.bytesRead = 0
    return out
  }

  func keep(_ key: Key, _ output: ReadingsReader.Output) {
    if !kept.contains(where: { $0.key == key }) { kept.append((key, output)) }
  }
}
