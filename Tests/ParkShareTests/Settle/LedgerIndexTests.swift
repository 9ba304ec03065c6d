import Foundation
import Testing

@testable import ParkShare

/// The ledger's `.index` (issue 20: settling period N costs the same whatever N is): opening by
/// the index gives the records the full read gives; an index that disagrees with the folder is
/// not used; an edit whose modification time was put back is caught by `ledger verify` and by
/// any read of the record's settlement.
@Suite struct LedgerIndexTests {
  typealias Fixture = LedgerTests.Fixture

  @Test func theIndexGivesTheRecordsTheFullReadGives() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    for q in ["2026Q1", "2026Q2", "2026Q3"] { #expect(try f.settle(q).status == 0) }
    let index = try #require(Ledger.readIndex(f.ledger))
    #expect(index.map(\.file) == ["0001-2026Q1.json", "0002-2026Q2.json", "0003-2026Q3.json"])
    let files = index.map(\.file)
    let head = try String(contentsOfFile: f.ledger + "/HEAD", encoding: .utf8)
      .split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    #expect(Ledger.indexed(f.ledger, files: files, head: (3, head[1])) != nil)
    // By the index, the earlier records come without their states, read when asked for.
    let opened = try Ledger.open(f.ledger)
    let quick = opened.records
    #expect(quick.map(\.partial) == [true, true, false])
    let quickStates = try quick.map { r throws(Ledger.Refusal) in
      let whole = try opened.full(r)
      return Ledger.compact(whole.opening) + Ledger.compact(whole.closing)
        + Ledger.compact(whole.numbers)
    }
    // The full read: without the index.
    try FileManager.default.removeItem(atPath: f.ledger + "/.index")
    #expect(Ledger.indexed(f.ledger, files: files, head: (3, head[1])) == nil)
    let full = try Ledger.open(f.ledger).records
    #expect(full.map(\.partial) == [false, false, false])
    #expect(quick.map(\.digest) == full.map(\.digest))
    #expect(quick.map(\.file) == full.map(\.file))
    #expect(
      quickStates
        == full.map {
          Ledger.compact($0.opening) + Ledger.compact($0.closing) + Ledger.compact($0.numbers)
        })
    #expect(index.map(\.digest) == full.map(\.digest))
  }

  @Test func aCopiedLedgerIsReadTheFullWayAndSettlesOn() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    for q in ["2026Q1", "2026Q2"] { #expect(try f.settle(q).status == 0) }
    // Touch a record (as a copy without its times would): the index is no longer used.
    let first = f.ledger + "/0001-2026Q1.json"
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: first)
    let files = ["0001-2026Q1.json", "0002-2026Q2.json"]
    let digest = try #require(Ledger.readIndex(f.ledger)?.last?.digest)
    #expect(Ledger.indexed(f.ledger, files: files, head: (2, digest)) == nil)
    #expect(try f.settle("2026Q3").status == 0)
    // The next record wrote the index again, with the record's time as it is now.
    let index = try #require(Ledger.readIndex(f.ledger))
    #expect(index.count == 3)
    #expect(
      Ledger.indexed(f.ledger, files: files + ["0003-2026Q3.json"], head: (3, index[2].digest))
        != nil)
  }

  @Test func anEditWithItsTimePutBackIsCaughtByVerifyAndByReadingIt() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    for q in ["2026Q1", "2026Q2"] { #expect(try f.settle(q).status == 0) }
    let first = f.ledger + "/0001-2026Q1.json"
    let modified = try #require(
      try FileManager.default.attributesOfItem(atPath: first)[.modificationDate] as? Date)
    let text = try String(contentsOfFile: first, encoding: .utf8)
    #expect(text.contains("\"net\" : \"4000.00\""))
    try Data(
      text.replacingOccurrences(of: "\"net\" : \"4000.00\"", with: "\"net\" : \"4900.00\"").utf8
    )
    .write(to: URL(fileURLWithPath: first))
    // The modification time put back to the nanosecond, as the index recorded it.
    #expect(modified.timeIntervalSince1970 > 0)
    let recorded = try #require(Ledger.readIndex(f.ledger)?.first?.modified)
    let back = timespec(tv_sec: recorded / 1_000_000_000, tv_nsec: recorded % 1_000_000_000)
    #expect(utimensat(AT_FDCWD, first, [back, back], 0) == 0)
    // The index is used (size and time agree), so opening does not hash the first record...
    let ledger = try Ledger.open(f.ledger)
    // ... but reading its settlement does, and `ledger verify` reports the index.
    #expect(throws: Ledger.Refusal.self) { _ = try ledger.settlement(of: ledger.records[0]) }
    let v = LedgerVerification.run(f.ledger)
    #expect(!v.holds)
    #expect(
      v.diagnostics.contains { $0.message.contains("the ledger's .index gives '0001-2026Q1.json'") }
    )
  }

  /// Forty quarters in one ledger (issue 20): settling each one opens the earlier records by
  /// the index, without their states and numbers, so what a settle decodes does not grow with
  /// the ledger (its time is measured by `parkshare-bench ledger`, not here).
  @Test func fortyQuartersOpenByTheIndexWithOnlyTheLastRecordRead() throws {
    let t = try TestBundle(
      contract: """
        contract forty "forty quarters"
        currency CNY rounding half-up
        settle quarterly from 2026Q1 to 2035Q4
        party op "operator" operator
        party a "tenant a" enterprise
        party b "tenant b" enterprise
        input sales CNY
        revenue income = sales
        pool p = income
          pay op 2% of pool
          split a 60%, b 40%
        """)
    defer { t.remove() }
    let ledger = t.folder.appendingPathComponent("ledger").path
    var period = Period("2026Q1")!
    for n in 1...40 {
      let dir = try t.bundle("\(period)", ["facts.csv": "fact,value\nsales,\(1_000 + n).25\n"])
      let r = try runParkshare([
        "settle", t.folder.appendingPathComponent("test.contract").path, "--data", dir,
        "--period", "\(period)", "--ledger", ledger, "--issued",
        "\(Period(containing: period.next.firstMonth, length: .month))-01",
      ])
      #expect(r.status == 0, "\(period): \(r.err)")
      period = period.next
    }
    let opened = try Ledger.open(ledger)
    #expect(opened.records.count == 40)
    #expect(opened.records.map(\.partial) == Array(repeating: true, count: 39) + [false])
    // The first record read when asked for is the one recorded.
    let first = try opened.full(opened.records[0])
    #expect(first.period == Period("2026Q1")!)
    #expect(try Ledger.readIndex(ledger)?.count == 40)
  }
}
