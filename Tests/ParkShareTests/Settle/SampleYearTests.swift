import Foundation
import Testing

@testable import ParkShare

/// The shipped sample years (contracts/data/, docs/sample-data.md): every example's periods,
/// settled in order into a fresh ledger with `parkshare settle --ledger`, conserve every pool to
/// the fen, hand each closing state to the next period, verify as a ledger, and move the state
/// they carry the way the data was written to (hand-computed below).
@Suite struct SampleYearTests {
  static let names = Paths.files(in: Paths.contracts, ending: ".contract").map {
    String($0.dropLast(".contract".count))
  }

  /// The periods of an example's sample bundles, in order.
  static func periods(_ name: String) -> [Period] {
    Paths.folders(in: Paths.contracts.appendingPathComponent("data/" + name)).compactMap {
      Period($0)
    }.sorted()
  }

  /// A statement issue date two weeks after `period` ends.
  static func issued(_ period: Period) -> String {
    "\(Period(containing: period.lastMonth + 1, length: .month))-15"
  }

  /// Settles every sample period of `name` into a new ledger; the JSON statement of each.
  static func settleYear(_ name: String) throws -> [[String: Any]] {
    let ledger = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-sample-year-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: ledger) }
    var outputs: [[String: Any]] = []
    for period in periods(name) {
      let r = try runParkshare([
        "settle", "contracts/\(name).contract", "--data", "contracts/data/\(name)/\(period)",
        "--period", "\(period)", "--ledger", ledger, "--issued", issued(period), "--format",
        "json",
      ])
      try #require(r.status == 0, "\(name) \(period): \(r.err)")
      outputs.append(try LedgerTests.json(r.out))
    }
    let verified = try runParkshare(["ledger", "verify", ledger])
    #expect(verified.status == 0, "\(name): \(verified.out)\(verified.err)")
    return outputs
  }

  static func object(_ o: Any?, _ key: String) -> [String: Any] {
    (o as? [String: Any])?[key] as? [String: Any] ?? [:]
  }

  static func exact(_ o: Any?) -> Exact? { (o as? String).flatMap { try? Exact(parsing: $0) } }

  /// A carried quantity of a closing state: `section` (arrears, funds, gecRemainderKWh,
  /// received) at `key`, 0 when absent.
  static func carried(_ settled: [String: Any], _ section: String, _ key: String) -> Exact {
    exact(object(settled["closing"], section)[key]) ?? .zero
  }

  @Test(arguments: names)
  func everyExampleSettlesFourPeriodsIntoALedgerAndConservesEachPool(name: String) throws {
    let periods = Self.periods(name)
    #expect(periods.count >= 4, "\(name) has \(periods.count) sample periods")
    #expect(zip(periods, periods.dropFirst()).allSatisfy { $0.next == $1 }, "\(periods)")
    let settled = try Self.settleYear(name)
    for (period, out) in zip(periods, settled) {
      let pools = try #require(out["pools"] as? [[String: Any]])
      #expect(!pools.isEmpty)
      for pool in pools {
        // Every line, arrears paid, reserves and floors included, plus what was left
        // unallocated, is the pool's total to the fen.
        let lines = try #require(pool["lines"] as? [[String: Any]])
        let paid = try lines.reduce(Exact.zero) { try $0 + #require(Self.exact($1["amount"])) }
        let unallocated = try #require(Self.exact(pool["unallocated"]))
        #expect(
          try paid + unallocated == Self.exact(pool["total"]),
          "\(name) \(period) pool \(pool["pool"] ?? "")")
        #expect(unallocated == .zero, "\(name) \(period) pool \(pool["pool"] ?? "")")
      }
      let r = Self.object(out, "reconciliation")
      let allocated = try #require(Self.exact(r["allocated"]))
      let reserved = try #require(Self.exact(r["reserved"]))
      #expect(try allocated + reserved == Self.exact(r["pools"]), "\(name) \(period)")
      #expect(Self.exact(r["residual"]) == .zero, "\(name) \(period)")
    }
    // Each period opens from the state the one before closed with.
    for (before, after) in zip(settled, settled.dropFirst()) {
      let closing = Self.object(before, "closing")
      #expect(
        NSDictionary(dictionary: closing) == NSDictionary(dictionary: Self.object(after, "opening"))
      )
    }
  }
}

/// What each sample year was written to show, computed by hand from the generator's figures
/// (Benchmarks/SampleYear*.swift).
extension SampleYearTests {
  static func pool(_ settled: [String: Any], _ id: String) -> [String: Any] {
    (settled["pools"] as? [[String: Any]] ?? []).first { $0["pool"] as? String == id } ?? [:]
  }

  /// The amounts of a pool's lines of `kind` to `recipient`, in order.
  static func lines(_ settled: [String: Any], _ pool: String, _ kind: String, _ recipient: String)
    -> [Exact]
  {
    (Self.pool(settled, pool)["lines"] as? [[String: Any]] ?? []).filter {
      $0["kind"] as? String == kind && $0["recipient"] as? String == recipient
    }.compactMap { exact($0["amount"]) }
  }

  static func source(_ settled: [String: Any], _ pool: String, _ id: String) -> Exact? {
    (Self.pool(settled, pool)["sources"] as? [[String: Any]] ?? []).first {
      $0["id"] as? String == id
    }.flatMap { exact($0["amount"]) }
  }

  /// A fund grows each period by exactly what that period reserved into it.
  static func expectFundGrowsByItsReserves(_ settled: [String: Any]..., fund: String, pool: String)
    throws
  {
    var balance = Exact.zero
    for s in settled {
      let reserved = try #require(lines(s, pool, "reserve", "fund:" + fund).first)
      #expect(reserved > .zero)
      balance = try balance + reserved
      #expect(carried(s, "funds", fund) == balance)
    }
  }

  @Test func suyinCarriesCertificateRemaindersAndFillsItsStorageFund() throws {
    let s = try Self.settleYear("suyin-microgrid")
    let key = "pv_export - green_traded"
    // Q1 closes with 166 kWh; April's 1,356,842.4 kWh make 1,357,008.4: 1,357 certificates
    // (1,356 without the carry), 8.4 kWh on; May 1,498,314.1 (314.1 on); June 1,422,195.
    #expect(Self.carried(s[0], "gecRemainderKWh", key) == x("166"))
    #expect(Self.carried(s[1], "gecRemainderKWh", key) == x("195"))
    // (1,357 + 1,498 + 1,422) certificates x 4.85 CNY; no CCER issued in Q2.
    #expect(Self.source(s[1], "carbon", "certificates") == x("20743.45"))
    #expect(Self.source(s[1], "carbon", "ccer") == .zero)
    try Self.expectFundGrowsByItsReserves(
      s[0], s[1], s[2], s[3], fund: "storage_replacement", pool: "energy")
    #expect(Self.carried(s[3], "funds", "storage_replacement") == x("232980.51"))
  }

  @Test func rooftopMovesAcrossTheKPITiersAndCarriesCertificateRemainders() throws {
    let s = try Self.settleYear("rooftop-pv")
    // Direct green supply ratio 54.4%, 57.7%, 62.1% (1,350,498.175 of 2,176,000 kWh), 43.8%.
    let owner = s.map { settled in
      (Self.pool(settled, "pv")["lines"] as? [[String: Any]] ?? []).first {
        $0["kind"] as? String == "split" && $0["recipient"] as? String == "owner"
      }?["rate"] as? String
    }
    #expect(owner == ["10%", "10%", "12%", "8%"])
    // Q1 closes with 0.875 kWh. Q2 exports 393,000.175, 447,400.34 and 363,600.01 kWh:
    // 1.05, 401.39, then 364,001.4 kWh, so June's 364th certificate comes from May's carry.
    #expect(Self.carried(s[0], "gecRemainderKWh", "pv_export") == x("0.875"))
    #expect(Self.carried(s[1], "gecRemainderKWh", "pv_export") == x("1.4"))
  }

  @Test func carbonPoolCarriesTheVerifierFeeAsArrearsThroughAnEmptyQuarter() throws {
    let s = try Self.settleYear("park-carbon-assets")
    // Q2: no CCER issued and an allowance deficit (a cost, not revenue): the pool is 0.
    #expect(Self.exact(Self.pool(s[1], "carbon")["total"]) == .zero)
    #expect(Self.carried(s[0], "arrears", "carbon/1/verifier") == .zero)
    #expect(Self.carried(s[1], "arrears", "carbon/1/verifier") == x("30000"))
    // Q3: 8,000 x 78.50 + 32,000 x 68.90 = 2,832,800 CNY, VAT included; the verifier gets both
    // quarters' fee, 60,000 excluding VAT (the pool is shared net), plus 6% on top: 63,600.
    // ccer: 628,000 x 6/106 = 35,547.1698 -> 35,547.17 of VAT; cea_surplus 2,204,800 x 6/106 =
    // 124,800.00: the pool's steps work on 2,672,452.83, its lines pay 2,832,800.00.
    #expect(Self.exact(Self.pool(s[2], "carbon")["total"]) == x("2832800"))
    #expect(Self.exact(Self.pool(s[2], "carbon")["exactTotal"]) == x("2672452.83"))
    #expect(Self.lines(s[2], "carbon", "pay", "verifier") == [x("63600")])
    #expect(Self.carried(s[2], "arrears", "carbon/1/verifier") == .zero)
  }

  @Test func storageSubsidyPhasesOutAndFillsTheReplacementFund() throws {
    let s = try Self.settleYear("storage-subsidy")
    #expect(s.count == 6)  // 2026Q1 (the start of the term) to 2027Q2
    // The capital subsidy: min(30% x 8,000,000, 2,000,000) CNY, in 2026Q2 only.
    #expect(
      s.map { Self.source($0, "storage", "capex") } == [0, 2_000_000, 0, 0, 0, 0].map(Exact.init))
    // 2027Q1: 88,400 kWh discharged; operation 0.30 x 75%, top-up 0.10 x 99% (2027H1).
    #expect(Self.source(s[4], "storage", "operation") == x("19890"))
    #expect(Self.source(s[4], "storage", "top_up") == x("8751.6"))
    try Self.expectFundGrowsByItsReserves(
      s[0], s[1], s[2], s[3], s[4], s[5], fund: "replacement_fund", pool: "storage")
  }

  @Test func emcReceiptsAccumulateAndTheGuaranteeIsMadeGoodByTheEsco() throws {
    let shared = try Self.settleYear("emc-shared-savings")
    // 2027: (12,386,000 - 10,300,000) kWh x 0.662 = 1,380,932 CNY: 80% of 1,000,000 and 60%
    // of 380,932 to the ESCO, on top of 2026's 928,325 (towards its 9,000,000 cap).
    #expect(Self.carried(shared[0], "received", "emc/esco") == x("928325"))
    #expect(Self.carried(shared[1], "received", "emc/esco") == x("1956884.20"))
    let guaranteed = try Self.settleYear("emc-guaranteed-savings")
    // 2028: (12,000,000 - 11,500,000) kWh x 0.648 = 324,000 CNY, short of the 400,000
    // guarantee: the ESCO pays the host the 76,000 difference.
    #expect(Self.lines(guaranteed[2], "emc", "floor-share", "esco") == [x("-76000")])
    #expect(
      try Self.carried(guaranteed[2], "received", "emc/esco")
        == Self.carried(guaranteed[1], "received", "emc/esco") - x("76000"))
    #expect(
      try Self.carried(guaranteed[2], "received", "emc/host")
        - Self.carried(guaranteed[1], "received", "emc/host") == x("400000"))
  }
}
