import Foundation
import Testing

@testable import ParkShare

/// `settle --from P --to Q --data ROOT --ledger DIR`: the missing periods in order, each from
/// ROOT/PERIOD, each its own transaction; refused up front (nothing settled) for a gap, an issue
/// date before the range ends, or a range out of order.
@Suite struct SettleRangeTests {
  typealias Fixture = LedgerTests.Fixture

  func range(_ f: Fixture, _ from: String, _ to: String, _ extra: [String] = []) throws -> (
    status: Int32, out: String, err: String
  ) {
    let issued = extra.contains("--issued") ? [] : ["--issued", "2026-10-01"]
    return try runParkshare(
      [
        "settle", f.t.folder.appendingPathComponent("test.contract").path, "--from", from, "--to",
        to, "--data", f.t.folder.path, "--ledger", f.ledger,
      ] + issued + extra)
  }

  /// Q1 to Q3 in one command gives the ledger, byte for byte, that three settles give with the
  /// same issue date; a second run skips all three with a note.
  @Test func aRangeIsTheSettlesOneByOne() throws {
    let one = try Fixture()
    let all = try Fixture()
    defer {
      one.t.remove()
      all.t.remove()
    }
    for q in ["2026Q1", "2026Q2", "2026Q3"] {
      #expect(try one.settle(q, ["--issued", "2026-10-01"]).status == 0)
    }
    let r = try range(all, "2026Q1", "2026Q3")
    #expect(r.status == 0, "\(r.err)")
    // Each period's text statement, in order.
    #expect(r.out.components(separatedBy: "2026Q").count > 3)
    func ledger(_ f: Fixture) throws -> [String: Data] {
      try Dictionary(
        uniqueKeysWithValues: f.files.map {
          ($0, try Data(contentsOf: URL(fileURLWithPath: f.ledger + "/" + $0)))
        })
    }
    // The records name their data by path, which differs between the two folders, and so the
    // digest each names of the one before.
    func same(_ f: Fixture) throws -> [String: String] {
      try ledger(f).mapValues {
        String(decoding: $0, as: UTF8.self).replacingOccurrences(of: f.t.folder.path, with: "")
          .split(separator: "\n").filter { !$0.contains("\"previous\"") }.joined(separator: "\n")
      }
    }
    let a = try same(one)
    let b = try same(all)
    #expect(
      a.keys.sorted() == ["0001-2026Q1.json", "0002-2026Q2.json", "0003-2026Q3.json", "HEAD"])
    for name in a.keys where name != "HEAD" { #expect(a[name] == b[name], "\(name)") }
    let again = try range(all, "2026Q1", "2026Q3")
    #expect(again.status == 0)
    #expect(again.err.components(separatedBy: "warning[skipped-period]").count == 4, "\(again.err)")
    #expect(all.files.count == 4)
    #expect(try runParkshare(["ledger", "verify", all.ledger]).status == 0)
  }

  /// Settled periods are skipped, the rest settled after them; files are written per period
  /// with settle's stems.
  @Test func settledPeriodsAreSkipped() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let out = f.t.folder.appendingPathComponent("out").path
    let r = try range(f, "2026Q1", "2026Q3", ["--format", "csv", "--out", out])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.err.contains("2026Q1 is settled already ('0001-2026Q1.json')"))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [
        "chain-2026Q2.csv", "chain-2026Q3.csv",
      ])
    #expect(f.files == ["0001-2026Q1.json", "0002-2026Q2.json", "0003-2026Q3.json", "HEAD"])
  }

  /// A folder missing in the range: nothing settled, every missing folder named.
  @Test func aGapStopsBeforeAnythingIsSettled() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    try FileManager.default.removeItem(at: f.t.folder.appendingPathComponent("2026Q2"))
    let r = try range(f, "2026Q1", "2026Q4", ["--issued", "2027-01-05"])
    #expect(r.status == 1)
    #expect(r.err.contains("error[missing-file]: there is no data folder"))
    #expect(r.err.contains("/2026Q2' for 2026Q2"))
    #expect(r.err.contains("/2026Q4' for 2026Q4"))
    #expect(!FileManager.default.fileExists(atPath: f.ledger), "a ledger was left behind")
  }

  /// Q2's data is broken: Q1 is recorded and stays, Q2 and Q3 are not, and Q2's files are not
  /// written.
  @Test func aFailingPeriodKeepsTheEarlierOnes() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    try Data("fact,value,vintage\ngec_price,-x,2026\n".utf8).write(
      to: f.t.folder.appendingPathComponent("2026Q2/facts.csv"))
    let out = f.t.folder.appendingPathComponent("out").path
    let r = try range(f, "2026Q1", "2026Q3", ["--format", "json", "--out", out])
    #expect(r.status == 1)
    #expect(
      r.err.contains(
        "2026Q2 was not settled (the errors above): nothing of it is recorded; 2026Q1, settled before it, is recorded in the ledger and kept"
      ), "\(r.err)")
    #expect(f.files == ["0001-2026Q1.json", "HEAD"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["chain-2026Q1.json"])
    #expect(try runParkshare(["ledger", "verify", f.ledger]).status == 0)
  }

  /// The issue date must follow the range's last period: checked before the first is settled.
  @Test func anIssueDateBeforeTheRangeEndsIsRefusedUpFront() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    let r = try range(f, "2026Q1", "2026Q3", ["--issued", "2026-07-15"])
    #expect(r.status == 1)
    #expect(r.err.contains("statements of 2026Q3 cannot be issued on 2026-07-15"), "\(r.err)")
    #expect(!FileManager.default.fileExists(atPath: f.ledger))
  }

  @Test(arguments: [
    (["--from", "2026Q3", "--to", "2026Q1"], "--from 2026Q3 is after --to 2026Q1"),
    (["--from", "2026Q1", "--to", "2026-12"], "periods of different lengths"),
    (["--from", "2026Q1"], "a range takes both ends"),
    (["--from", "2026Q1", "--to", "2026Q2", "--period", "2026Q1"], "--period settles one period"),
    (["--from", "2026Q1", "--to", "2026Q2", "--amend"], "--amend corrects one period"),
    (["--from", "2026Q1", "--to", "2026Q2", "--format", "json"], "give --out DIR"),
    // Outside the term or of the wrong length: said as such, not as missing folders.
    (["--from", "2027Q3", "--to", "2028Q2"], "2028Q2 is outside the term of 'chain'"),
    (["--from", "2026", "--to", "2026"], "'chain' settles quarterly: 2026 is not a quarter"),
  ])
  func usageErrors(args: [String], message: String) throws {
    let f = try Fixture()
    defer { f.t.remove() }
    let r = try runParkshare(
      [
        "settle", f.t.folder.appendingPathComponent("test.contract").path, "--data",
        f.t.folder.path, "--ledger", f.ledger,
      ] + args)
    #expect(r.status == 64)
    #expect(r.err.contains(message), "\(r.err)")
    #expect(!FileManager.default.fileExists(atPath: f.ledger))
  }

  /// The shipped sample year: four quarters in one command, then verified.
  @Test func theSampleYearSettlesInOneCommand() throws {
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-range-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: tmp) }
    let ledger = tmp.appendingPathComponent("ledger").path
    let r = try runParkshare([
      "settle", "contracts/park-carbon-assets.contract", "--from", "2026Q1", "--to", "2026Q4",
      "--data", "contracts/data/park-carbon-assets", "--ledger", ledger, "--issued", "2027-01-11",
    ])
    #expect(r.status == 0, "\(r.err)")
    // Q2's arrears, carried into Q3 (docs/sample-data.md).
    #expect(r.out.contains("30,000.00"))
    #expect(try runParkshare(["ledger", "verify", ledger]).status == 0)
  }
}
