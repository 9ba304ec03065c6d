/// Meters replaced during a period, for register reads (`replacements.csv` beside the readings):
/// at `at` the old register's last read was `oldFinal` and the new register's first `newInitial`.
/// The interval the swap falls in is what the old register counted up to its final read plus
/// what the new one counted from its first.
struct MeterReplacement: Sendable {
  var at: Int
  var oldFinal: Int64
  var newInitial: Int64

  static let fileName = "replacements.csv"

  /// The replacements of `sheet` by meter index; every row that cannot be read is reported.
  static func read(
    _ sheet: CSVSheet, profile: ImportProfile, meters: [RegisteredMeter], period: Period,
    diagnostics: inout [Diagnostic]
  ) -> [Int: [MeterReplacement]] {
    var out: [Int: [MeterReplacement]] = [:]
    let index = Dictionary(
      meters.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let start = Timestamp.parkMinutes(month: period.firstMonth)
    let end = Timestamp.parkMinutes(month: period.lastMonth + 1)
    // Where each meter's swap was listed, by the interval it falls in: one swap an interval.
    var listed: [Int: [Int: Int]] = [:]
    let scanner = ProfiledScanner(
      profile: profile, columns: ProfileColumns(count: 0, meter: 0), carry: .init(meters: 0))
    for row in sheet.rows {
      func fail(_ message: String, _ hint: String) {
        diagnostics.append(.error(.badRow, message, at: sheet.at(row.line), hint: hint))
      }
      let id = sheet.field(row, "meter")
      guard let m = index[id] else {
        fail("unknown meter '\(id)'", "a replaced meter is registered in meters.csv")
        continue
      }
      let time = Array(sheet.field(row, "time").utf8)
      let parsed = time.withUnsafeBufferPointer { LocalTimestamp.parse($0, zone: profile.zone) }
      guard case .success(let at) = parsed else {
        fail(
          "'\(sheet.field(row, "time"))' is not a date and time with its clock",
          "write 2026-02-10 10:07 (with time-zone in import.profile, or an offset)")
        continue
      }
      func reading(_ column: String) -> Int64? {
        Array(sheet.field(row, column).utf8).withUnsafeBufferPointer {
          ProfiledScanner.decimal($0, separator: scanner.profile.decimal).flatMap {
            $0.negative ? nil : ProfiledScanner.microKWh($0, scanner.profile.unit)
          }
        }
      }
      guard let old = reading("old_final"), let new = reading("new_initial") else {
        fail(
          "old_final and new_initial must be register reads in \(profile.unit.rawValue)",
          "the old register's last read and the new register's first, as plain decimals")
        continue
      }
      guard start < at, at < end else {
        fail(
          "meter '\(id)' is replaced at \(Timestamp.text(parkMinutes: at)), outside \(period)",
          "a bundle lists the swaps inside its period; another period's belong in its bundle")
        continue
      }
      let interval = (at - start) / meters[m].interval
      if let first = listed[m]?[interval] {
        fail(
          "meter '\(id)' is already replaced in this interval (line \(first))",
          "one swap a meter and interval: keep the right line")
        continue
      }
      listed[m, default: [:]][interval] = row.line
      out[m, default: []].append(MeterReplacement(at: at, oldFinal: old, newInitial: new))
    }
    return out
  }
}
