import Foundation
import Testing

@testable import ParkShare

/// A contract meter summing more than 12 registered meters: the typed details and the JSON
/// outputs hold every one; the text and a ledger record (format 1) show 12 and how many more.
@Suite struct ManyMetersTests {
  static func park() throws -> (TestBundle, String) {
    let t = try TestBundle(
      contract: """
        contract many "Many meters"
        settle quarterly from 2026Q1 to 2026Q4
        currency CNY rounding half-up
        gaps zero
        party op "园区运营公司" operator
        meter pv on-grid-export
        revenue export = pv x 0.5 CNY/kWh
        pool p = export
          split op 100%
        """)
    let ids = (1...14).map { String(format: "PV-%02d", $0) }
    let dir = try t.bundle(
      "2026Q1",
      [
        "meters.csv": "meter,kind,interval\n"
          + ids.map { "\($0),on-grid-export,60\n" }.joined(),
        "readings.csv": "meter,timestamp,kwh\n"
          + ids.map { "\($0),2026-01-15T12:00:00+08:00,100\n" }.joined(),
      ])
    return (t, dir)
  }

  @Test func everyMeterIsADetailAndTheTextSaysHowManyMore() throws {
    let (t, dir) = try Self.park()
    defer { t.remove() }
    let (r, messages) = t.revenue(dir, period: "2026Q1")
    let revenue = try #require(r, "\(messages)")
    let meters = revenue.item("export")!.details.filter {
      if case .meter = $0 { true } else { false }
    }
    #expect(meters.count == 14)
    let text = RevenueText.render(revenue)
    #expect(text.contains("    pv: meter PV-12: 100 kWh (on-grid-export)"))
    #expect(!text.contains("meter PV-13"))
    #expect(text.contains("    pv: 2 more meters: --json lists them all\n"))
    let zh = RevenueText.render(revenue, wording: .zh)
    #expect(zh.contains("    pv 另有 2 个计量表: --json 列出全部\n"))
    // The JSON output lists them all.
    let json = try String(decoding: JSONOutput.document(revenue), as: UTF8.self)
    #expect(json.contains("pv: meter PV-14") && !json.contains("more meters"))
  }

  /// The ledger's record keeps the bytes it always had: 12 meters, then "see --json".
  @Test func aLedgerRecordKeepsTwelveMeters() throws {
    let (t, dir) = try Self.park()
    defer { t.remove() }
    let (s, messages) = t.settle(dir, period: "2026Q1")
    let settlement = try #require(s, "\(messages)")
    let body = try String(decoding: Ledger.body(settlement), as: UTF8.self)
    #expect(body.contains("pv: meter PV-12") && !body.contains("meter PV-13"))
    #expect(body.contains(#""value" : "see --json""#) || body.contains(#""value":"see --json""#))
    #expect(body.contains("pv: 2 more meters"))
  }
}
