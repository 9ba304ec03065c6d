import Foundation
import Testing

@testable import ParkShare

/// Amending an earlier period (issue 15): the amendment restates every later period whose
/// opening state it changes, in one transaction, with difference statements only where amounts
/// change, and an amendment of the amendment works the same way.
///
/// The contract issues one certificate per 1,000 kWh a month, the remainder carried on (so a
/// period's certificates are floor(cumulative kWh / 1,000) at its end minus at its start), at
/// 50 CNY a certificate, split esco 60%, op 40%. Every month exports 1,500.5 kWh, so the
/// cumulative kWh at the end of 2026Q1..Q4 is 4,501.5, 9,003, 13,504.5 and 18,006:
/// 4, 5, 4 and 5 certificates (200, 250, 200, 250 CNY).
///
/// June corrected to 3,495.5 kWh (+1,995): Q2 ends at 10,998 (10 certificates to date, Q2 has
/// 6: 300 CNY, esco 180 (+30), op 120 (+20)); Q3 ends at 15,499.5 (15, Q3 has 5: 250 CNY, esco
/// 150 (+30), op 100 (+20)); Q4 ends at 20,001 (20, Q4 has 5: unchanged, but the carry it
/// closes with is 1 kWh, not 6: restated with no difference statement).
@Suite struct AmendCascadeTests {
  static let contract = """
    contract cascade "amend cascade"
    currency CNY
    settle quarterly from 2026Q1 to 2027Q4
    gaps zero
    party esco "ESCO" energy-service
    party op "operator" operator
    meter pv_export on-grid-export
    input gec_price CNY/cert by vintage
    revenue certificates = gec(pv_export) x gec_price
    pool p = certificates
      split esco 60%, op 40%
    """

  struct Fixture {
    let t: TestBundle
    let ledger: String

    init() throws {
      t = try TestBundle(contract: AmendCascadeTests.contract)
      ledger = t.folder.appendingPathComponent("ledger").path
      for q in ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1"] {
        _ = try t.bundle(q, Self.files(Period(q)!, june: "1500.5"))
      }
      // Corrected bundles of Q2: June re-read.
      _ = try t.bundle("2026Q2-fix", Self.files(Period("2026Q2")!, june: "3495.5"))
      _ = try t.bundle("2026Q2-fix2", Self.files(Period("2026Q2")!, june: "2495.5"))
    }

    static func files(_ p: Period, june: String) -> [String: String] {
      let rows = (p.firstMonth...p.lastMonth).map { m in
        let month = Period(containing: m, length: .month)
        let kwh = month.description.hasSuffix("-06") ? june : "1500.5"
        return "E,\(month)-10T12:00:00+08:00,\(kwh)\n"
      }.joined()
      return [
        "meters.csv": "meter,kind,interval\nE,on-grid-export,60\n",
        "readings.csv": "meter,timestamp,kwh\n" + rows,
        "facts.csv": "fact,value,vintage\ngec_price,50,\(p.year)\n",
      ]
    }

    func settle(
      _ period: String, data: String? = nil, _ extra: [String] = [], fault: String? = nil,
      out: String? = nil
    ) throws -> (status: Int32, out: String, err: String) {
      var env = ProcessInfo.processInfo.environment
      env["PARKSHARE_FAULT"] = fault
      let issued =
        extra.contains("--issued") ? [] : ["--issued", issueDate(after: Period(period)!)]
      return try runParkshare(
        [
          "settle", t.folder.appendingPathComponent("test.contract").path, "--data",
          t.folder.appendingPathComponent(data ?? period).path, "--period", period, "--ledger",
          ledger, "--format", "json",
        ] + (out.map { ["--out", $0, "--format", "all"] } ?? []) + issued + extra,
        environment: env)
    }

    func settleYear() throws {
      for q in ["2026Q1", "2026Q2", "2026Q3", "2026Q4"] {
        let r = try settle(q)
        #expect(r.status == 0, "\(q): \(r.err)")
      }
    }

    func amend(_ data: String, _ reason: String, issued: String, fault: String? = nil)
      throws -> (status: Int32, out: String, err: String)
    {
      try settle(
        "2026Q2", data: data, ["--amend", "--reason", reason, "--issued", issued], fault: fault)
    }

    var files: [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: ledger)) ?? []).filter {
        !$0.hasPrefix(".")
      }.sorted()
    }

    /// The settlement a record holds, as JSON.
    func record(_ name: String) throws -> [String: Any] {
      let data = try Data(contentsOf: URL(fileURLWithPath: ledger + "/" + name))
      return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Each difference statement of a record: party -> (number, amends, difference).
    func differences(_ name: String) throws -> [String: (Int, Int, String)] {
      let s = try #require(try record(name)["settlement"] as? [String: Any])
      let issue = try #require(s["issue"] as? [String: Any])
      var out: [String: (Int, Int, String)] = [:]
      for d in issue["differences"] as? [[String: Any]] ?? [] {
        out[d["party"] as! String] = (
          d["number"] as! Int, d["amends"] as! Int, d["difference"] as! String
        )
      }
      return out
    }

    func closingCarry(_ name: String) throws -> String? {
      let closing = try #require(try record(name)["closing"] as? [String: Any])
      return (closing["gecRemainderKWh"] as? [String: String])?["pv_export"]
    }
  }

  @Test func anEarlierPeriodIsAmendedAndTheLaterOnesRestated() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    try f.settleYear()
    let q4 = try f.record("0004-2026Q4.json")["closing"] ?? ""
    #expect(try f.closingCarry("0004-2026Q4.json") == "6.0", "\(q4)")
    let run = try f.amend("2026Q2-fix", "June export re-read", issued: "2027-01-20")
    #expect(run.status == 0, "\(run.err)")
    #expect(
      f.files == [
        "0001-2026Q1.json", "0002-2026Q2.json", "0003-2026Q3.json", "0004-2026Q4.json",
        "0005-2026Q2-amendment.json", "0006-2026Q3-amendment.json",
        "0007-2026Q4-amendment.json", "HEAD",
      ])
    #expect(
      run.err.contains(
        "warning[restated]: the amendment of 2026Q2 changes the state later periods open with: it restates 2026Q3 (difference statements 000011, 000012), 2026Q4 (no amount changed, only the state it carries)"
      ), "\(run.err)")
    // Q2: 6 certificates, 300 CNY; numbers go on from 8; each corrects the party's Q2 statement.
    let q2 = try f.differences("0005-2026Q2-amendment.json")
    #expect(q2["esco"]! == (9, 3, "30.00"))
    #expect(q2["op"]! == (10, 4, "20.00"))
    // Q3: 5 certificates instead of 4.
    let q3 = try f.differences("0006-2026Q3-amendment.json")
    #expect(q3["esco"]! == (11, 5, "30.00"))
    #expect(q3["op"]! == (12, 6, "20.00"))
    // Q4: the same 5 certificates, another carry: no difference statement.
    #expect(try f.differences("0007-2026Q4-amendment.json").isEmpty)
    #expect(try f.closingCarry("0007-2026Q4-amendment.json") == "1.0")
    let head = try f.record("0005-2026Q2-amendment.json")
    #expect(head["replays"] as? Int == 2)
    #expect(try f.record("0006-2026Q3-amendment.json")["replayOf"] as? Int == 5)
    let q3Issue = try #require(
      (try f.record("0006-2026Q3-amendment.json")["settlement"] as? [String: Any])?["issue"]
        as? [String: Any])
    #expect(
      NSDictionary(dictionary: q3Issue["restatedAfter"] as? [String: Any] ?? [:])
        == NSDictionary(dictionary: ["period": "2026Q2", "record": 5]))
    #expect(try runParkshare(["ledger", "verify", f.ledger]).status == 0)

    // The amendment of the amendment: June 2,495.5 kWh (+995): Q2 ends at 9,998 (9 to date,
    // 5 in Q2: esco -30, op -20 against statements 9 and 10); Q3 ends at 14,499.5 (14: 5 in Q3,
    // as amended) and Q4 at 19,001 (19: 5): both restated for their carry alone.
    let again = try f.amend("2026Q2-fix2", "June re-read again", issued: "2027-01-25")
    #expect(again.status == 0, "\(again.err)")
    #expect(f.files.count == 11)
    let q2b = try f.differences("0008-2026Q2-amendment.json")
    #expect(q2b["esco"]! == (13, 9, "-30.00"))
    #expect(q2b["op"]! == (14, 10, "-20.00"))
    #expect(try f.differences("0009-2026Q3-amendment.json").isEmpty)
    #expect(try f.differences("0010-2026Q4-amendment.json").isEmpty)
    #expect(try f.closingCarry("0010-2026Q4-amendment.json") == "1.0")
    #expect(try runParkshare(["ledger", "verify", f.ledger]).status == 0)

    // The next period opens from the restated Q4: 19,001 + 4,501.5 = 23,502.5, 4 certificates.
    let next = try f.settle("2027Q1")
    #expect(next.status == 0, "\(next.err)")
    let s = try #require(try f.record("0011-2027Q1.json")["settlement"] as? [String: Any])
    let pools = try #require(s["pools"] as? [[String: Any]])
    #expect(pools.first?["total"] as? String == "200.00")
    #expect(try runParkshare(["ledger", "verify", f.ledger]).status == 0)
  }

  /// An amendment that leaves the period's closing state as it was restates nothing after it;
  /// one from the very files the period was settled from records nothing at all.
  @Test func anAmendmentThatChangesNoStateRestatesNothing() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    try f.settleYear()
    let same = try f.amend("2026Q2", "checked again, no change", issued: "2027-01-20")
    #expect(same.status == 0, "\(same.err)")
    #expect(
      same.err.contains(
        "warning[unchanged-amendment]: the amendment of 2026Q2 settles from the same files"))
    #expect(f.files.count == 5)
    // The same figures from another folder (a bank re-export): recorded, nothing restated.
    _ = try f.t.bundle("2026Q2-again", Fixture.files(Period("2026Q2")!, june: "1500.5"))
    let run = try f.amend("2026Q2-again", "re-exported, no change", issued: "2027-01-20")
    #expect(run.status == 0, "\(run.err)")
    #expect(f.files.last(where: { $0 != "HEAD" }) == "0005-2026Q2-amendment.json")
    #expect(try f.differences("0005-2026Q2-amendment.json").isEmpty)
    #expect(try f.record("0005-2026Q2-amendment.json")["replays"] == nil)
    #expect(!run.err.contains("restated"))
    #expect(try runParkshare(["ledger", "verify", f.ledger]).status == 0)
    // 2027Q1 still opens from Q4's record.
    #expect(try f.settle("2027Q1").status == 0)
    #expect(try runParkshare(["ledger", "verify", f.ledger]).status == 0)
  }

  /// The restated periods' statements are written beside the amendment's, each named by its
  /// record.
  @Test func restatedStatementsAreWritten() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    try f.settleYear()
    let out = f.t.folder.appendingPathComponent("out").path
    let run = try f.settle(
      "2026Q2", data: "2026Q2-fix",
      ["--amend", "--reason", "June export re-read", "--issued", "2027-01-20"], out: out)
    #expect(run.status == 0, "\(run.err)")
    let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
    #expect(names.contains("cascade-2026Q2-amendment-5.txt"))
    #expect(names.contains("cascade-2026Q3-amendment-6.txt"))
    #expect(names.contains("cascade-2026Q4-amendment-7.json"))
    let text = try String(contentsOfFile: out + "/cascade-2026Q3-amendment-6.txt", encoding: .utf8)
    #expect(
      text.contains(
        "restated because the amendment of 2026Q2 (ledger record 5) changed the state this period opens with"
      ))
    // Q4's restatement issued no statement; its files reprint by its record.
    let q4 = f.t.folder.appendingPathComponent("q4").path
    let byRecord = try runParkshare([
      "statement", "--ledger", f.ledger, "--record", "7", "--format", "all", "--out", q4,
    ])
    #expect(byRecord.status == 0, "\(byRecord.err)")
    Self.expectSameFiles(q4, out, stem: "cascade-2026Q4-amendment-7")
    let none = try runParkshare(["statement", "--ledger", f.ledger, "--record", "9"])
    #expect(none.status == 1)
    #expect(none.err.contains("the ledger holds no record 9: its records are 1 to 7"))
    // A restatement's statements reprint byte for byte, like any other.
    let again = f.t.folder.appendingPathComponent("again").path
    let reprint = try runParkshare([
      "statement", "--ledger", f.ledger, "--number", "11", "--format", "all", "--out", again,
    ])
    #expect(reprint.status == 0, "\(reprint.err)")
    Self.expectSameFiles(again, out, stem: "cascade-2026Q3-amendment-6")
  }

  /// Every format of `stem` in `a` has the bytes of the one in `b`.
  static func expectSameFiles(_ a: String, _ b: String, stem: String) {
    for ext in ["txt", "json", "csv", "html", "xlsx", "pdf"] {
      let name = "\(stem).\(ext)"
      #expect(
        FileManager.default.contents(atPath: a + "/" + name)
          == FileManager.default.contents(atPath: b + "/" + name), "\(name)")
    }
  }

  /// A restatement needs the later period's data as it was settled: a bundle changed since is
  /// refused before anything is written.
  @Test func aLaterBundleChangedSinceIsRefused() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    try f.settleYear()
    try f.t.write("2026Q3/facts.csv", "fact,value,vintage\ngec_price,51,2026\n")
    let run = try f.amend("2026Q2-fix", "June export re-read", issued: "2027-01-20")
    #expect(run.status == 1)
    #expect(run.err.contains("is not the file 2026Q3 was settled from"), "\(run.err)")
    #expect(f.files.count == 5)
  }

  /// A kill at every write step of the cascade (three records and HEAD, five steps each) leaves
  /// a ledger that opens, verifies and holds the whole amendment or none of it; the amendment
  /// run again then completes it once.
  @Test func aKillAnywhereInTheCascadeLosesNothing() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    try f.settleYear()
    let year = f.t.folder.appendingPathComponent("year").path
    try FileManager.default.copyItem(atPath: f.ledger, toPath: year)
    let clean = try f.amend("2026Q2-fix", "June export re-read", issued: "2027-01-20")
    #expect(clean.status == 0, "\(clean.err)")
    let finished = FailureInjectionTests.snapshot(f.ledger).filter {
      $0.key != ".lock" && $0.key != ".index"
    }
    for step in 1...(4 * AtomicFile.Step.allCases.count) {
      try FileManager.default.removeItem(atPath: f.ledger)
      try FileManager.default.copyItem(atPath: year, toPath: f.ledger)
      let killed = try f.amend(
        "2026Q2-fix", "June export re-read", issued: "2027-01-20", fault: "kill@\(step)")
      #expect(killed.status != 0, "kill@\(step) went unnoticed")
      let count = try #require(FailureInjectionTests.records(f.ledger), "kill@\(step)")
      #expect(count == 4 || count == 7, "kill@\(step): \(count) records")
      let verify = try runParkshare(["ledger", "verify", f.ledger])
      #expect(verify.status == 0, "kill@\(step): \(verify.err)")
      let leftover = f.files.contains { $0.hasPrefix("0005-") }
      // Running the amendment again completes it once: when the killed run's records were
      // whole, they are taken up and the retry finds nothing left to record.
      let retry = try f.amend("2026Q2-fix", "June export re-read", issued: "2027-01-20")
      #expect(retry.status == 0, "kill@\(step) retry: \(retry.err)")
      #expect(retry.err.contains("unchanged-amendment") == (count == 7), "kill@\(step)")
      // An interrupted amendment's records are set aside, and the retry says so.
      #expect(
        retry.err.contains("written by an amendment interrupted before the ledger recorded it")
          == (count == 4 && leftover), "kill@\(step): \(retry.err)")
      let now = FailureInjectionTests.snapshot(f.ledger).filter {
        $0.key != ".lock" && $0.key != ".index" && !$0.key.hasPrefix(".interrupted-")
          && !$0.key.contains(".parkshare-tmp-")
      }
      #expect(now == finished, "kill@\(step): \(now.keys.sorted())")
      #expect(try runParkshare(["ledger", "verify", f.ledger]).status == 0, "kill@\(step)")
    }
  }
}
