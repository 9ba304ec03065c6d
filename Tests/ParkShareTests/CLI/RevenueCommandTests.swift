import Foundation
import Testing

@testable import ParkShare

/// `parkshare revenue` end to end on the shipped sample bundles.
@Suite struct RevenueCommandTests {
  static let samples: [(contract: String, period: String)] = [
    ("suyin-microgrid", "2026Q1"), ("rooftop-pv", "2026Q1"), ("storage-subsidy", "2027Q2"),
    ("park-carbon-assets", "2026Q1"), ("emc-shared-savings", "2026"),
    ("emc-guaranteed-savings", "2026"), ("emc-payback", "2026"), ("storage-spot-grant", "2026Q1"),
    ("pv-reit", "2026Q1"), ("green-points", "2026Q2"), ("pv-reit-transfer", "2026Q4"),
    ("storage-emc-annual", "2026Q4"), ("storage-demand", "2026Q3"),
    ("park-storage-spot", "2026Q4"), ("emc-trusteeship", "2027Q3"),
    ("dr-aggregation", "2026Q3"),
  ]

  static func args(_ contract: String, _ period: String) -> [String] {
    [
      "revenue", "contracts/\(contract).contract", "--data", "contracts/data/\(contract)/\(period)",
      "--period", period,
    ]
  }

  /// Every example contract has a sample bundle, and its text output is the reviewed snapshot.
  @Test(arguments: samples.map(\.contract))
  func sampleBundles(contract: String) throws {
    let period = Self.samples.first { $0.contract == contract }!.period
    let r = try runParkshare(Self.args(contract, period))
    #expect(r.status == 0, "\(r.err)")
    #expect(!r.err.contains("error"), "\(r.err)")
    let snapshot = Paths.tests.appendingPathComponent("Snapshots/revenue-\(contract).txt")
    #expect(try r.out == Golden.check(r.out, at: snapshot))
    // The same run twice is byte-identical.
    #expect(try runParkshare(Self.args(contract, period)).out == r.out)
  }

  @Test func everyExampleContractHasASampleBundle() {
    // Sorted by name, not by file name: "pv-reit-transfer.contract" lists before
    // "pv-reit.contract" ('-' < '.').
    let names = Paths.files(in: Paths.contracts, ending: ".contract").map {
      String($0.dropLast(".contract".count))
    }
    #expect(names.sorted() == Self.samples.map(\.contract).sorted())
  }

  @Test func jsonCarriesExactValuesAndTheClosingState() throws {
    let r = try runParkshare(Self.args("suyin-microgrid", "2026Q1") + ["--json"])
    #expect(r.status == 0, "\(r.err)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    let revenue = try #require(json["revenue"] as? [String: Any])
    let items = try #require(revenue["items"] as? [[String: Any]])
    let certificates = try #require(items.first { $0["id"] as? String == "certificates" })
    #expect((certificates["value"] as? [String: Any])?["total"] as? String == "15630.25")
    let closing = try #require(revenue["closing"] as? [String: Any])
    #expect(
      (closing["gecRemainderKWh"] as? [String: String])?["pv_export - green_traded"] == "166")
  }

  @Test func theClosingStateIsWrittenOnceAndNeverReplacedByAnother() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-state-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let state = dir.appendingPathComponent("2026Q1.json").path
    let args = Self.args("suyin-microgrid", "2026Q1") + ["--closing", state]
    #expect(try runParkshare(args).status == 0)
    let written = try Data(contentsOf: URL(fileURLWithPath: state))
    let decoded = try JSONDecoder().decode(CarryState.self, from: written)
    #expect(decoded.period == Period("2026Q1"))
    #expect(decoded.gecRemainders["pv_export - green_traded"] == x("166"))
    // The same state again is fine; a different one is refused and the file kept.
    #expect(try runParkshare(args).status == 0)
    try Data("{}".utf8).write(to: URL(fileURLWithPath: state))
    let clash = try runParkshare(args)
    #expect(clash.status == 1)
    #expect(clash.err.contains("already exists with other content; nothing was written"))
    #expect(clash.out.isEmpty)
    #expect(try Data(contentsOf: URL(fileURLWithPath: state)) == Data("{}".utf8))
  }

  @Test(arguments: [
    ["revenue", "contracts/rooftop-pv.contract", "--period", "2026Q1"],
    ["revenue", "contracts/rooftop-pv.contract", "--data", "contracts/data/rooftop-pv/2026Q1"],
    [
      "revenue", "contracts/rooftop-pv.contract", "--data", "contracts/data/rooftop-pv/2026Q1",
      "--period", "2026Q5",
    ],
    [
      "revenue", "contracts/rooftop-pv.contract", "--data", "contracts/data/rooftop-pv/2026Q1",
      "--period", "2026-01",
    ],
    [
      "revenue", "contracts/rooftop-pv.contract", "--data", "contracts/data/rooftop-pv/2026Q1",
      "--period", "2050Q1",
    ],
  ])
  func usageErrorsExit64(args: [String]) throws {
    let r = try runParkshare(args)
    #expect(r.status == 64, "\(r.err)")
    #expect(r.err.hasPrefix("parkshare revenue: "))
  }

  @Test func dataErrorsExitOneWithNothingOnStdout() throws {
    let r = try runParkshare([
      "revenue", "Tests/ParkShareTests/Fixtures/bundles/standard.contract", "--data",
      "Tests/ParkShareTests/Fixtures/bundles/readings-many-problems", "--period", "2026-01",
    ])
    #expect(r.status == 1)
    #expect(r.out.isEmpty)
    #expect(r.err.contains("readings.csv:30:1: error[unknown-meter]: unknown meter 'NOPE'"))
  }
}
