import Foundation
import Testing

@testable import ParkShare

/// The settlement ledger through the `parkshare settle --ledger` command: continuing from the
/// last closing state, refusing to settle twice, amendments, tampering and crashes.
@Suite struct LedgerTests {
  static let contract = """
    contract chain "ledger chain"
    currency CNY
    settle quarterly from 2026Q1 to 2027Q4
    gaps zero
    party bank "bank" finance
    party op "operator" operator
    meter pv_export on-grid-export
    input gec_price CNY/cert by vintage
    revenue certificates = gec(pv_export) x gec_price
    pool p = certificates
      pay bank 5,000 CNY
      split op 100%
    """

  /// A contract with one bundle per quarter: 1,500.5 kWh a month, 1 CNY a certificate.
  struct Fixture {
    let t: TestBundle
    let ledger: String

    init() throws {
      t = try TestBundle(contract: LedgerTests.contract)
      ledger = t.folder.appendingPathComponent("ledger").path
      for q in ["2026Q1", "2026Q2", "2026Q3"] {
        let p = Period(q)!
        let rows = (p.firstMonth...p.lastMonth).map { m in
          "E,\(Period(containing: m, length: .month))-10T12:00:00+08:00,1500.5\n"
        }.joined()
        _ = try t.bundle(
          q,
          [
            "meters.csv": "meter,kind,interval\nE,on-grid-export,60\n",
            "readings.csv": "meter,timestamp,kwh\n" + rows,
            "facts.csv": "fact,value,vintage\ngec_price,1000,2026\n",
          ])
      }
    }

    func settle(
      _ period: String, _ extra: [String] = [], crash: String? = nil, data: String? = nil
    ) throws -> (status: Int32, out: String, err: String) {
      var env = ProcessInfo.processInfo.environment
      if let crash { env["PARKSHARE_FAULT"] = crash }
      // Issued the day after the period ends, unless the test dates it.
      let issued =
        extra.contains("--issued") || Period(period) == nil
        ? [] : ["--issued", issueDate(after: Period(period)!)]
      return try runParkshare(
        [
          "settle", t.folder.appendingPathComponent("test.contract").path, "--data",
          t.folder.appendingPathComponent(data ?? period).path, "--period", period, "--ledger",
          ledger,
          "--format", "json",
        ] + issued + extra, environment: env)
    }

    func closing(_ json: String) throws -> [String: Any] {
      let o = try #require(
        try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
      return try #require(o["closing"] as? [String: Any])
    }

    /// `2026Q1-fix`: Q1's bundle with the export meter re-read (January 1,600.5 kWh).
    func correctQ1() throws {
      try t.write(
        "2026Q1-fix/readings.csv",
        "meter,timestamp,kwh\nE,2026-01-10T12:00:00+08:00,1600.5\nE,2026-02-10T12:00:00+08:00,1500.5\nE,2026-03-10T12:00:00+08:00,1500.5\n"
      )
      for name in ["meters.csv", "facts.csv"] {
        try FileManager.default.copyItem(
          atPath: t.folder.appendingPathComponent("2026Q1/\(name)").path,
          toPath: t.folder.appendingPathComponent("2026Q1-fix/\(name)").path)
      }
    }

    var files: [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: ledger)) ?? []).filter {
        !$0.hasPrefix(".")
      }.sorted()
    }
  }

  @Test func eachQuarterOpensFromTheLastClosingState() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    let q1 = try f.settle("2026Q1")
    #expect(q1.status == 0, "\(q1.err)")
    // 4,501.5 kWh: 4 certificates (4,000 CNY), so the bank is owed 1,000.
    let c1 = try f.closing(q1.out)
    #expect((c1["gecRemainderKWh"] as? [String: String])?["pv_export"] == "501.5")
    #expect((c1["arrears"] as? [String: String])?["p/1/bank"] == "1000")
    let q2 = try f.settle("2026Q2")
    #expect(q2.status == 0, "\(q2.err)")
    // 501.5 + 4,501.5 = 5,003: 5 certificates, 3 kWh carried; the bank gets 5,000 of 6,000 owed.
    let c2 = try f.closing(q2.out)
    #expect((c2["gecRemainderKWh"] as? [String: String])?["pv_export"].map(x) == x("3"))
    #expect((c2["arrears"] as? [String: String])?["p/1/bank"] == "1000")
    #expect(f.files == ["0001-2026Q1.json", "0002-2026Q2.json", "HEAD"])

    // The same two quarters chained by hand through --opening/--closing agree.
    let state = f.t.folder.appendingPathComponent("q1-state.json").path
    let manual1 = try runParkshare([
      "settle", f.t.folder.appendingPathComponent("test.contract").path, "--data",
      f.t.folder.appendingPathComponent("2026Q1").path, "--period", "2026Q1", "--closing", state,
    ])
    #expect(manual1.status == 0)
    let manual2 = try runParkshare([
      "settle", f.t.folder.appendingPathComponent("test.contract").path, "--data",
      f.t.folder.appendingPathComponent("2026Q2").path, "--period", "2026Q2", "--opening", state,
      "--format", "json",
    ])
    #expect(NSDictionary(dictionary: try f.closing(manual2.out)) == NSDictionary(dictionary: c2))
  }

  @Test func aSettledPeriodIsNotSettledAgainButMayBeAmended() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let again = try f.settle("2026Q1")
    #expect(again.status == 1)
    #expect(
      again.err.contains("2026Q1 is already settled (0001-2026Q1.json); it is not settled again"))
    // The same data again: nothing to record.
    let same = try f.settle("2026Q1", ["--amend", "--reason", "checked again"])
    #expect(same.status == 0, "\(same.err)")
    #expect(same.err.contains("warning[unchanged-amendment]"), "\(same.err)")
    #expect(f.files == ["0001-2026Q1.json", "HEAD"])
    try f.correctQ1()
    let amended = try f.settle(
      "2026Q1", ["--amend", "--reason", "meter PV-EXP re-read"], data: "2026Q1-fix")
    #expect(amended.status == 0, "\(amended.err)")
    #expect(f.files == ["0001-2026Q1.json", "0002-2026Q1-amendment.json", "HEAD"])
    let record = try String(
      contentsOfFile: f.ledger + "/0002-2026Q1-amendment.json", encoding: .utf8)
    #expect(record.contains("\"amends\" : { \"digest\" : \""))
    // Q2 continues from the amendment; Q1 can still be amended, issued after Q2's statements:
    // the original data again restates Q1 and, its state changed, Q2 with it.
    #expect(try f.settle("2026Q2").status == 0)
    let late = try f.settle("2026Q1", ["--amend", "--reason", "late", "--issued", "2026-07-02"])
    #expect(late.status == 0, "\(late.err)")
    #expect(
      f.files.filter { $0 != "HEAD" }.suffix(2) == [
        "0004-2026Q1-amendment.json", "0005-2026Q2-amendment.json",
      ])
    let skip = try f.settle("2026Q1")
    #expect(skip.status == 1)
  }

  @Test func periodsAreSettledInOrderFromTheStartOfTheTerm() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    let early = try f.settle("2026Q2")
    #expect(early.err.contains("the ledger is empty: the first period to settle is 2026Q1"))
    #expect(try f.settle("2026Q1").status == 0)
    let gap = try f.settle("2026Q3")
    #expect(gap.err.contains("the next to settle is 2026Q2, not 2026Q3"))
    let both = try runParkshare([
      "settle", "x.contract", "--data", "d", "--period", "2026Q1", "--ledger", f.ledger,
      "--opening", "s.json",
    ])
    #expect(both.status == 64)
  }

  @Test(arguments: ["edit", "remove-last", "remove-head", "add"])
  func tamperingIsDetected(how: String) throws {
    let f = try Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    #expect(try f.settle("2026Q2").status == 0)
    let first = f.ledger + "/0001-2026Q1.json"
    switch how {
    case "edit":
      let text = try String(contentsOfFile: first, encoding: .utf8)
      try text.replacingOccurrences(of: "\"net\" : \"4000.00\"", with: "\"net\" : \"4900.00\"")
        .write(toFile: first, atomically: true, encoding: .utf8)
    case "remove-last": try FileManager.default.removeItem(atPath: f.ledger + "/0002-2026Q2.json")
    case "remove-head": try FileManager.default.removeItem(atPath: f.ledger + "/HEAD")
    default:
      try FileManager.default.copyItem(
        atPath: f.ledger + "/0002-2026Q2.json", toPath: f.ledger + "/0003-2026Q3.json")
    }
    let r = try f.settle("2026Q3")
    #expect(r.status == 1, "\(how)")
    #expect(r.err.contains("restore the ledger from its backup"), "\(how): \(r.err)")
  }

  /// A kill at any step of the ledger's two writes (the record: steps 1-5; HEAD: 6-10) leaves
  /// the ledger as it was or fully updated, and usable. (FailureInjectionTests adds outputs, a
  /// full disk and denied permissions.)
  @Test(arguments: 1...10)
  func aCrashMidWriteLeavesAUsableLedger(step: Int) throws {
    let f = try Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let crashed = try f.settle("2026Q2", crash: "kill@\(step)")
    #expect(crashed.status == SIGKILL)
    // Either Q2 was not recorded (settle it now) or it was, completely (then Q3 follows): the
    // record counts once renamed (a kill at step 4 comes just before the rename).
    let retry = try f.settle("2026Q2")
    if retry.status == 0 {
      #expect(step < 5)
    } else {
      #expect(step >= 5)
      #expect(retry.err.contains("2026Q2 is already settled"), "\(step): \(retry.err)")
    }
    let next = try f.settle("2026Q3")
    #expect(next.status == 0, "\(step): \(next.err)")
    #expect(f.files == ["0001-2026Q1.json", "0002-2026Q2.json", "0003-2026Q3.json", "HEAD"])
  }
}

extension LedgerTests {
  /// Two quarters from the ledger carry exactly what one half-year computed in one go does.
  @Test func twoQuartersCarryWhatOneHalfYearDoes() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    let q1 = try f.settle("2026Q1")
    #expect(q1.status == 0)
    let q2 = try f.settle("2026Q2")
    let quarterly = try f.closing(q2.out)
    let certificates = { (out: String) throws -> Exact in
      let o = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
      let pools = try #require(o["pools"] as? [[String: Any]])
      let sources = try #require(pools.first?["sources"] as? [[String: Any]])
      return x(try #require(sources.first?["amount"] as? String))
    }
    // The same months in one half-year, with a half-yearly copy of the contract.
    let half = try TestBundle(
      contract: LedgerTests.contract.replacingOccurrences(
        of: "settle quarterly from 2026Q1 to 2027Q4",
        with: "settle half-yearly from 2026H1 to 2027H2"))
    defer { half.remove() }
    let rows = (Period("2026H1")!.firstMonth...Period("2026H1")!.lastMonth).map { m in
      "E,\(Period(containing: m, length: .month))-10T12:00:00+08:00,1500.5\n"
    }.joined()
    let dir = try half.bundle(
      "2026H1",
      [
        "meters.csv": "meter,kind,interval\nE,on-grid-export,60\n",
        "readings.csv": "meter,timestamp,kwh\n" + rows,
        "facts.csv": "fact,value,vintage\ngec_price,1000,2026\n",
      ])
    let (s, messages) = half.settle(dir, period: "2026H1")
    let whole = try #require(s, "\(messages)")
    #expect(
      (quarterly["gecRemainderKWh"] as? [String: String])?["pv_export"].map(x)
        == whole.closing.gecRemainders["pv_export"])
    // 9,003 kWh: 9 certificates either way (4 in Q1 and 5 in Q2).
    #expect(try certificates(q1.out) + certificates(q2.out) == whole.pools[0].sources[0].amount)
  }
}

extension LedgerTests {
  static func json(_ out: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
  }

  /// Corrected meter data for a settled quarter: difference statements that name the originals,
  /// whose differences sum to the change; statement numbers unique and without gaps.
  @Test func anAmendmentIssuesDifferenceStatements() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    let q1 = try Self.json(try f.settle("2026Q1", ["--issued", "2026-04-03"]).out)
    let initial = try #require(q1["statements"] as? [[String: Any]])
    #expect(initial.map { $0["number"] as? Int } == [1, 2])  // bank, op
    #expect(initial.allSatisfy { $0["issued"] as? String == "2026-04-03" })
    // The export meter was misread: 2,500.5 kWh a month, not 1,500.5.
    let readings = f.t.folder.appendingPathComponent("2026Q1/readings.csv")
    let text = try String(contentsOf: readings, encoding: .utf8)
    try text.replacingOccurrences(of: "1500.5", with: "2500.5").write(
      to: readings, atomically: true, encoding: .utf8)
    let amended = try f.settle(
      "2026Q1", ["--amend", "--reason", "PV export meter re-read", "--issued", "2026-04-20"])
    #expect(amended.status == 0, "\(amended.err)")
    let a = try Self.json(amended.out)
    let issue = try #require(a["issue"] as? [String: Any])
    #expect(issue["kind"] as? String == "amendment")
    let differences = try #require(issue["differences"] as? [[String: Any]])
    // 7,501.5 kWh: 7 certificates, 7,000 CNY; the bank's 5,000 is now paid in full.
    let byParty = Dictionary(
      uniqueKeysWithValues: differences.map { ($0["party"] as! String, $0) })
    let bank = try #require(byParty["bank"])
    #expect(bank["amends"] as? Int == 1)
    #expect(bank["difference"] as? String == "1000.00")
    #expect(bank["reason"] as? String == "PV export meter re-read")
    let op = try #require(byParty["op"])
    #expect(op["amends"] as? Int == 2)
    #expect(op["difference"] as? String == "2000.00")
    // New numbers continue the sequence.
    #expect(Set(differences.map { $0["number"] as! Int }) == [3, 4])
    // The differences add up to the change in what the period paid.
    let before = try initial.map { x(try #require($0["net"] as? String)) }.sum()
    let after = try (try #require(a["statements"] as? [[String: Any]])).map {
      x(try #require($0["net"] as? String))
    }.sum()
    let diff = try differences.map { x(try #require($0["difference"] as? String)) }.sum()
    #expect(try after - before == diff)
    for d in differences {
      let lines = try #require(d["lines"] as? [[String: Any]])
      #expect(
        try lines.map { x(try #require($0["difference"] as? String)) }.sum()
          == x(try #require(d["difference"] as? String)))
    }
    // Q2 continues from the amended state and numbers on.
    let q2 = try Self.json(try f.settle("2026Q2").out)
    let numbers = try #require(q2["statements"] as? [[String: Any]]).map { $0["number"] as? Int }
    #expect(numbers == [5, 6])
  }
}

extension LedgerTests {
  /// The report runs the balances through the periods, amendments included.
  @Test func theReportRunsBalancesThroughThePeriods() throws {
    let f = try Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    #expect(try f.settle("2026Q2").status == 0)
    let readings = f.t.folder.appendingPathComponent("2026Q2/readings.csv")
    let text = try String(contentsOf: readings, encoding: .utf8)
    try text.replacingOccurrences(of: "1500.5", with: "2500.5").write(
      to: readings, atomically: true, encoding: .utf8)
    #expect(try f.settle("2026Q2", ["--amend", "--reason", "meter re-read"]).status == 0)
    let r = try runParkshare([
      "report", "--ledger", f.ledger, "--from", "2026Q1", "--to", "2026Q2", "--format", "json",
    ])
    #expect(r.status == 0, "\(r.err)")
    let report = try Self.json(r.out)
    let rows = try #require(report["rows"] as? [[String: Any]])
    func row(_ party: String, _ period: String) throws -> [String: Any] {
      try #require(
        rows.first { $0["party"] as? String == party && $0["period"] as? String == period })
    }
    // Q1: the bank gets 4,000 of 5,000. Q2 as settled: 501.5 + 4,501.5 kWh, 5 certificates:
    // 5,000 (1,000 arrears + 4,000 of the 5,000 due). Amended: 8,001.5 kWh, 8 certificates,
    // 8,000: the bank's 6,000 in full, 2,000 to op.
    let bank1 = try row("bank", "2026Q1")
    #expect(bank1["closing"] as? String == "4000.00")
    let bank2 = try row("bank", "2026Q2")
    #expect(bank2["opening"] as? String == "4000.00")
    #expect(bank2["settled"] as? String == "5000.00")
    #expect(bank2["amendments"] as? String == "1000.00")
    #expect(bank2["closing"] as? String == "10000.00")
    #expect(bank2["statements"] as? [Int] == [3, 5])
    let op2 = try row("op", "2026Q2")
    #expect(op2["amendments"] as? String == "2000.00")
    // Text and CSV say the same.
    let csv = try runParkshare([
      "report", "--ledger", f.ledger, "--from", "2026Q2", "--to", "2026Q2", "--format", "csv",
    ])
    #expect(
      csv.out.contains("bank,bank,2026Q2,4000.00,5000.00,1000.00,0.00,10000.00,000003 000005"))
  }
}

/// The first day after `period`: the earliest date its statements may be issued.
func issueDate(after period: Period) -> String {
  "\(Period(containing: period.lastMonth + 1, length: .month))-01"
}
