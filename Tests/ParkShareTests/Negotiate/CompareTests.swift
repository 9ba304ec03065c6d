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
    // The HTML page draws a waterfall from A to B for each of the four parties that move, the
    // largest first, each ending at its B total.
    let html = try runParkshare(CompareTests.args(b, "html")).out
    let titles = html.components(separatedBy: ": from A to B by clause").dropLast().map {
      String($0.suffix(40).split(separator: ">").last ?? "")
    }
    #expect(titles.count == 4)
    #expect(titles.first?.hasPrefix("fund:storage_replacement") == true, "\(titles)")
    #expect(html.contains("89,043.75"))
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

/// `parkshare compare --ledger`: the variants replayed over the settled periods of a ledger.
@Suite struct CompareOverLedgerTests {
  @Test func aRangeAddsUpItsPeriodsAndEachVariantCarriesItsOwnState() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    // More sun after the first quarter: 2,500.5 kWh a month in Q2; 3,500.5, 3,500.5, 1,500.5 in Q3.
    for (q, kwh) in [
      ("2026Q2", ["04": "2500.5", "05": "2500.5", "06": "2500.5"]),
      ("2026Q3", ["07": "3500.5", "08": "3500.5", "09": "1500.5"]),
    ] {
      let rows = kwh.sorted { $0.key < $1.key }.map {
        "E,2026-\($0.key)-10T12:00:00+08:00,\($0.value)\n"
      }
      try f.t.write(q + "/readings.csv", "meter,timestamp,kwh\n" + rows.joined())
    }
    for q in ["2026Q1", "2026Q2", "2026Q3"] { #expect(try f.settle(q).status == 0) }
    // B pays the bank 6,000 a quarter instead of 5,000: when the pool falls short, B's arrears
    // grow faster than A's, and are paid when it does not.
    let a = f.t.folder.appendingPathComponent("test.contract").path
    let b = f.t.folder.appendingPathComponent("b.contract").path
    try LedgerTests.contract.replacingOccurrences(
      of: "pay bank 5,000 CNY", with: "pay bank 6,000 CNY"
    )
    .write(toFile: b, atomically: true, encoding: .utf8)
    let r = try runParkshare(["compare", a, b, "--ledger", f.ledger, "--format", "json"])
    #expect(r.status == 0, "\(r.err)")
    let json = try LedgerTests.json(r.out)
    #expect(json["period"] as? String == "2026Q1")
    #expect(json["through"] as? String == "2026Q3")
    let parties = try #require(json["parties"] as? [[String: Any]])
    let byPeriod = try #require(json["byPeriod"] as? [[String: Any]])
    #expect(byPeriod.map { $0["period"] as? String } == ["2026Q1", "2026Q2", "2026Q3"])
    for p in parties {
      let id = try #require(p["party"] as? String)
      // The clauses add up to the difference, and the periods add up to the total.
      let clauses = try #require(p["clauses"] as? [[String: Any]])
      let bySum = try clauses.map { x(try #require($0["difference"] as? String)) }.sum()
      #expect(bySum == x(try #require(p["difference"] as? String)), "\(id)")
      let perPeriod = try byPeriod.map { period -> Exact in
        let nets = try #require(period["parties"] as? [[String: Any]])
        let net = try #require(nets.first { $0["party"] as? String == id })
        return x(try #require(net["difference"] as? String))
      }.sum()
      #expect(perPeriod == x(try #require(p["difference"] as? String)), "\(id)")
    }
    // By hand: certificates are 4, 8 and 8 a quarter (4,000, 8,000, 8,000 CNY). Q1: both pay
    // the bank all 4,000 (A owes 1,000 after, B 2,000). Q2: A pays 5,000 + 1,000, B 6,000 +
    // 2,000 (+2,000). Q3: 5,000 against 6,000 (+1,000). The operator takes the rest.
    let bankByPeriod = try byPeriod.map { period -> String? in
      let nets = try #require(period["parties"] as? [[String: Any]])
      return nets.first { $0["party"] as? String == "bank" }?["difference"] as? String
    }
    #expect(bankByPeriod == ["0.00", "2000.00", "1000.00"])
    #expect(bank(parties)["a"] as? String == "15000.00")
    #expect(bank(parties)["b"] as? String == "18000.00")
    // A replayed gives what the ledger recorded: A's total for the bank is what it was paid.
    let bank = try #require(parties.first { $0["party"] as? String == "bank" })
    let l = try Ledger.open(f.ledger)
    let paid = try l.latest.map { r in
      try #require(try l.settlement(of: r).statements.first { $0.party == "bank" }).net
    }.sum()
    #expect(x(try #require(bank["a"] as? String)) == paid)
    // The first period alone equals a one-period compare on its bundle.
    let one = try runParkshare([
      "compare", a, b, "--data", f.t.folder.appendingPathComponent("2026Q1").path, "--period",
      "2026Q1", "--format", "json",
    ])
    let single = try #require(try LedgerTests.json(one.out)["parties"] as? [[String: Any]])
    let first = try #require(byPeriod.first?["parties"] as? [[String: Any]])
    for p in single {
      let same = try #require(first.first { $0["party"] as? String == p["party"] as? String })
      #expect(same["difference"] as? String == p["difference"] as? String)
    }
    // The text says the range and shows each period.
    let text = try runParkshare(["compare", a, b, "--ledger", f.ledger, "--from", "2026Q2"])
    #expect(text.out.contains(", 2026Q2 to 2026Q3, CNY"), "\(text.out)")
    #expect(text.out.contains("by period"))
  }

  func bank(_ parties: [[String: Any]]) -> [String: Any] {
    parties.first { $0["party"] as? String == "bank" } ?? [:]
  }

  @Test func dataChangedSinceSettlingIsRefused() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let a = f.t.folder.appendingPathComponent("test.contract").path
    let facts = f.t.folder.appendingPathComponent("2026Q1/facts.csv").path
    try "fact,value,vintage\ngec_price,999,2026\n".write(
      toFile: facts, atomically: true, encoding: .utf8)
    let r = try runParkshare(["compare", a, a, "--ledger", f.ledger])
    #expect(r.status == 1)
    #expect(r.err.contains("is not the file 2026Q1 was settled from"), "\(r.err)")
  }

  /// A readings file added to a settled bundle is refused as added, whether the bundle still
  /// reads (its digests are checked on the read that loads it) or the file breaks it.
  @Test func aFileAddedSinceSettlingIsRefused() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let a = f.t.folder.appendingPathComponent("test.contract").path
    let added = f.t.folder.appendingPathComponent("2026Q1/readings-late.csv").path
    try "meter,timestamp,kwh\n".write(toFile: added, atomically: true, encoding: .utf8)
    let r = try runParkshare(["compare", a, a, "--ledger", f.ledger])
    #expect(r.status == 1)
    #expect(r.err.contains("'\(added)' was added to the data bundle of 2026Q1"), "\(r.err)")
    // A file that also breaks the bundle (a header the reader refuses): still named as added.
    try "meter,when,kwh\n".write(toFile: added, atomically: true, encoding: .utf8)
    let broken = try runParkshare(["compare", a, a, "--ledger", f.ledger])
    #expect(broken.status == 1)
    #expect(
      broken.err.contains("'\(added)' was added to the data bundle of 2026Q1"), "\(broken.err)")
  }
}
