import Foundation
import ParkShare

/// The periods after each example's first sample bundle (`parkshare-bench sample-data`), so a
/// year settles into a ledger and the carried state moves: certificate remainders, arrears,
/// funds, what each party has received. SampleData writes the first periods, byte for byte as
/// before (goldens read them); this writes the rest. Every figure is a constant here, so the
/// output is the same on every machine. docs/sample-data.md says what each period shows.
enum SampleYear {
  /// Milli-kWh of each value (`"1,234.5"` is not accepted: plain decimals only).
  static func milli(_ values: [String]) -> [Int64] { values.map(SampleData.milli) }

  /// `base` scaled by per-mille factors, one per month: exact integer arithmetic on milli-kWh.
  static func scaled(_ base: Int64, _ perMille: [Int64]) -> [Int64] {
    perMille.map { base * $0 / 1000 }
  }

  /// Storage charge for a discharge at 85% round-trip efficiency, to the 0.01 kWh.
  static func charge(_ discharge: [Int64]) -> [Int64] {
    discharge.map { ($0 * 20 / 17 + 5) / 10 * 10 }
  }

  static func run(_ root: String) throws {
    try suyin(root)
    try rooftop(root)
    try storage(root)
    try carbon(root)
    try emc(root)
    try deals(root)
    try pointsAndTransfer(root)
    try annualTerms(root)
    try demand(root)
    try spotStorage(root)
    try trusteeship(root)
    try demandResponse(root)
  }
}
