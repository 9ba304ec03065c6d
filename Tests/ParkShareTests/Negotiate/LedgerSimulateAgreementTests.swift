import Foundation
import Testing

@testable import ParkShare

/// Property (issue 14): settling a year period by period through the ledger equals settling it
/// the way `simulate` does, from the same bundles: the same state and the same amounts, for
/// every shipped example and its sample periods (running totals, receipts, payback switches,
/// deficits, clawbacks and conditions included).
///
/// `simulate` projects one bundle over the rest of the term, so it is compared two ways:
/// - in process, each period's own bundle settled by `Settlement.nets` (the call `Simulator`
///   makes for every projected period) from the closing state the previous call returned, never
///   from the ledger: each period's nets and closing state equal the ledger's;
/// - the command, `parkshare simulate` with a scenario that starts at each settled period of the
///   ledger (its bundle and the opening state the ledger recorded): the first projected period
///   pays each party what the ledger's statement paid it.
@Suite struct LedgerSimulateAgreementTests {
  static func contract(_ name: String) throws -> Contract {
    let (source, checked) = Checker.check(
      path: Paths.contracts.appendingPathComponent(name + ".contract").path)
    let rendered = DiagnosticRenderer(sources: (source.map { [$0] } ?? []) + checked.sources)
      .render(
        checked.diagnostics)
    return try #require(checked.contract, "\(rendered)")
  }

  static func nets(_ settled: [String: Any]) throws -> [String: Exact] {
    var out: [String: Exact] = [:]
    for st in try #require(settled["statements"] as? [[String: Any]]) {
      out[try #require(st["party"] as? String)] = try #require(SampleYearTests.exact(st["net"]))
    }
    return out
  }

  /// A state as the ledger's JSON holds it.
  static func json(_ state: CarryState) throws -> NSDictionary {
    let text = try JSONOutput.line(state)
    return try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
  }

  @Test(arguments: SampleYearTests.names)
  func theEnginePathOfSimulateCarriesTheLedgersStateAndAmounts(name: String) throws {
    let ledger = try SampleYearTests.settleYear(name)
    let contract = try Self.contract(name)
    var state: CarryState? = nil
    for (period, settled) in zip(SampleYearTests.periods(name), ledger) {
      let loaded = DataBundle.load(
        directory: Paths.contracts.appendingPathComponent("data/\(name)/\(period)").path,
        contract: contract, period: period)
      let bundle = try #require(loaded.bundle, "\(name) \(period): \(loaded.diagnostics)")
      let n = try Settlement.nets(contract: contract, bundle: bundle, opening: state, known: [:])
      // A party a period pays nothing may have no statement line: compare both ways, 0 absent.
      let expected = try Self.nets(settled)
      for party in Set(expected.keys).union(n.nets.keys) {
        #expect(
          (n.nets[party] ?? .zero) == (expected[party] ?? .zero), "\(name) \(period) \(party)")
      }
      #expect(
        try Self.json(n.closing)
          == NSDictionary(dictionary: SampleYearTests.object(settled, "closing")),
        "\(name) \(period)")
      state = n.closing
    }
  }

  @Test(arguments: SampleYearTests.names)
  func simulateFromEachSettledPeriodPaysWhatTheLedgerPaid(name: String) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-agreement-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let ledger = dir.appendingPathComponent("ledger").path
    for period in SampleYearTests.periods(name) {
      let settled = try runParkshare([
        "settle", "contracts/\(name).contract", "--data", "contracts/data/\(name)/\(period)",
        "--period", "\(period)", "--ledger", ledger, "--issued", SampleYearTests.issued(period),
        "--format", "json",
      ])
      try #require(settled.status == 0, "\(name) \(period): \(settled.err)")
      let scenario = dir.appendingPathComponent("from-\(period).json")
      try """
      { "ledger": "\(ledger)", "period": "\(period)", "discountRate": "0.05" }
      """.write(to: scenario, atomically: true, encoding: .utf8)
      let r = try runParkshare([
        "simulate", "contracts/\(name).contract", "--scenario", scenario.path, "--format", "json",
      ])
      try #require(r.status == 0, "\(name) \(period): \(r.err)")
      let projection = try #require(try LedgerTests.json(r.out)["projection"] as? [String: Any])
      let parties = try #require(projection["parties"] as? [[String: Any]])
      for (party, net) in try Self.nets(try LedgerTests.json(settled.out)) {
        let row = try #require(parties.first { $0["party"] as? String == party }, "\(party)")
        let received = try #require(row["received"] as? [String])
        #expect(x(received[0]) == net, "\(name) \(period) \(party)")
      }
    }
  }
}
