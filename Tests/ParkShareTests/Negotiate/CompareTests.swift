import Foundation
import Testing

@testable import ParkShare

/// `parkshare compare`: two variants of the 苏银 contract on the same sample data.
@Suite struct CompareTests {
  /// Variant B: the ESCO takes 35% instead of 30% of carbon until 2027, 5% to the fund.
  static func variant() throws -> (dir: URL, path: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-compare-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var text = try String(
      contentsOf: Paths.contracts.appendingPathComponent("suyin-microgrid.contract"),
      encoding: .utf8)
    text = text.replacingOccurrences(
      of: "split gov 30%, op 40%, esco 30% until 2027Q4",
      with: "split gov 25%, op 40%, esco 35% until 2027Q4")
    text = text.replacingOccurrences(
      of: "reserve 3% to storage_replacement", with: "reserve 5% to storage_replacement")
    try text.write(to: dir.appendingPathComponent("b.contract"), atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(
      at: Paths.contracts.appendingPathComponent("suyin-tenants.csv"),
      to: dir.appendingPathComponent("suyin-tenants.csv"))
    return (dir, dir.appendingPathComponent("b.contract").path)
  }

  static func args(_ b: String, _ format: String) -> [String] {
    [
      "compare", "contracts/suyin-microgrid.contract", b, "--data",
      "contracts/data/suyin-microgrid/2026Q1", "--period", "2026Q1", "--format", format,
    ]
  }

  @Test func theBreakdownAddsUpToEachPartysDifference() throws {
    let (dir, b) = try Self.variant()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runParkshare(Self.args(b, "json"))
    #expect(r.status == 0, "\(r.err)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    let parties = try #require(json["parties"] as? [[String: Any]])
    var total = Exact.zero
    for p in parties {
      let clauses = try #require(p["clauses"] as? [[String: Any]])
      let sum = try clauses.map { x(try #require($0["difference"] as? String)) }.sum()
      #expect(sum == x(try #require(p["difference"] as? String)), "\(p["party"] ?? "")")
      total = try total + sum
    }
    // The same revenue either way: what one gains, another (or the fund) loses.
    #expect(total == x("0"))
    let esco = try #require(parties.first { $0["party"] as? String == "esco" })
    #expect(esco["difference"] as? String == "-17198.00")
    let fund = try #require(parties.first { $0["party"] as? String == "fund:storage_replacement" })
    #expect(fund["difference"] as? String == "35617.50")
  }

  @Test func textAndCSVSayTheSame() throws {
    let (dir, b) = try Self.variant()
    defer { try? FileManager.default.removeItem(at: dir) }
    let text = try runParkshare(Self.args(b, "text"))
    #expect(text.out.contains("esco 宁夏某能源服务公司: -17,198.00"))
    #expect(text.out.contains("-17,198.00"))
    let csv = try runParkshare(Self.args(b, "csv"))
    #expect(
      csv.out.contains(
        "esco,宁夏某能源服务公司,energy,split,contracts/suyin-microgrid.contract:62,\(b):62,719814.28,698443.78,-21370.50"
      ))
    let html = try runParkshare(Self.args(b, "html"))
    #expect(html.out.contains("<svg"))
  }
}
