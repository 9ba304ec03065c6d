import Foundation
import Testing

@testable import ParkShare

/// Journals for every example contract over four consecutive periods with one amendment, read
/// by the real tools: beancount's bean-check, hledger and ledger. Their balance assertions hold
/// and their balances equal parkshare's own totals. CI installs the tools (.ci/run); elsewhere
/// the test runs when they are installed.
@Suite(.enabled(if: Tools.present(["bean-check", "hledger", "ledger"]) || Tools.inCI))
struct JournalToolsTests {
  static func which(_ tool: String) -> String? { Tools.which(tool) }

  static func run(_ tool: String, _ args: [String]) throws -> (status: Int32, out: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try #require(which(tool), "\(tool) is not installed"))
    p.arguments = args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Readings for every interval of every registered meter of `meters.csv`, by kind.
  static func readings(meters: String, period: Period, scale: Int) -> String {
    var out = "meter,timestamp,kwh\n"
    let start = Timestamp.parkMinutes(month: period.firstMonth)
    let end = Timestamp.parkMinutes(month: period.lastMonth + 1)
    for row in meters.split(separator: "\n").dropFirst() {
      let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let (id, kind, interval) = (f[0], f[1], Int(f[3])!)
      for t in stride(from: start, to: end, by: interval) {
        let hour = (t - start) % 1440 / 60
        let sun = (8...16).contains(hour)
        let kwh: Int
        switch kind {
        case "pv-generation", "on-grid-export": kwh = sun ? 50 + (t / interval) % 7 : 0
        case "green-trade": kwh = sun ? 10 : 0
        case "direct-supply": kwh = sun ? 20 : 0
        case "consumption": kwh = 30
        case "storage-charge": kwh = hour < 6 ? 40 : 0
        case "storage-discharge": kwh = (18...21).contains(hour) ? 35 : 0
        default: kwh = 0
        }
        out += "\(id),\(Timestamp.text(parkMinutes: t)),\(kwh * scale)\n"
      }
    }
    return out
  }

  @Test(arguments: RevenueCommandTests.samples.map(\.contract))
  func toolsAcceptTheJournals(contract: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-journal-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let sample = RevenueCommandTests.samples.first { $0.contract == contract }!
    let shipped = Paths.contracts.appendingPathComponent("data/\(contract)/\(sample.period)")
    let meters = try? String(
      contentsOf: shipped.appendingPathComponent("meters.csv"), encoding: .utf8)
    let facts = try String(contentsOf: shipped.appendingPathComponent("facts.csv"), encoding: .utf8)
    let contractPath = Paths.contracts.appendingPathComponent("\(contract).contract").path
    let (_, checked) = Checker.check(path: contractPath)
    let term = try #require(checked.contract).term.from
    let ledger = folder.appendingPathComponent("ledger").path
    var period = term
    var periods: [Period] = []
    for _ in 0..<4 {
      periods.append(period)
      period = period.next
    }
    func bundle(_ p: Period, amended: Bool) throws -> String {
      let dir = folder.appendingPathComponent("\(p)\(amended ? "-amended" : "")")
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      var factsText = facts
      if let meters {
        try meters.write(
          to: dir.appendingPathComponent("meters.csv"), atomically: true, encoding: .utf8)
        try Self.readings(meters: meters, period: p, scale: amended ? 2 : 1).write(
          to: dir.appendingPathComponent("readings.csv"), atomically: true, encoding: .utf8)
      } else if amended {
        // A corrected first fact: its value 10% higher.
        var lines = facts.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var f = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        f[1] = (try x(f[1]) * x("1.1")).description
        lines[1] = f.joined(separator: ",")
        factsText = lines.joined(separator: "\n")
      }
      try factsText.write(
        to: dir.appendingPathComponent("facts.csv"), atomically: true, encoding: .utf8)
      return dir.path
    }
    for p in periods {
      let r = try runParkshare([
        "settle", contractPath, "--data", try bundle(p, amended: false), "--period", p.description,
        "--ledger", ledger, "--issued", issueDate(after: p),
      ])
      #expect(r.status == 0, "\(contract) \(p): \(r.err)")
    }
    let last = periods[3]
    let amend = try runParkshare([
      "settle", contractPath, "--data", try bundle(last, amended: true), "--period",
      last.description, "--ledger", ledger, "--amend", "--reason", "corrected data",
      "--issued", issueDate(after: last),
    ])
    #expect(amend.status == 0, "\(contract) amendment: \(amend.err)")

    // parkshare's own totals: every party's payable over the latest record of each period.
    let l = try Ledger.open(ledger)
    var payable: [String: Exact] = [:]
    for record in l.latest {
      for st in try l.settlement(of: record).statements {
        payable[st.party] = try (payable[st.party] ?? .zero) + st.net
      }
    }
    // The Chinese journal (narrations in Chinese, the same accounts) passes the same checks.
    for lang in ["en", "zh"] {
      for format in ["beancount", "ledger", "hledger"] {
        let file = folder.appendingPathComponent("journal.\(lang).\(format)").path
        let r = try runParkshare([
          "journal", "--ledger", ledger, "--format", format, "--out", file, "--lang", lang,
        ])
        #expect(r.status == 0, "\(contract) \(format) \(lang): \(r.err)")
        switch format {
        case "beancount":
          let check = try Self.run("bean-check", [file])
          #expect(check.status == 0, "\(contract): bean-check: \(check.out)")
        case "ledger":
          let balance = try Self.run("ledger", ["-f", file, "balance"])
          #expect(balance.status == 0, "\(contract): ledger: \(balance.out)")
        default:
          let check = try Self.run("hledger", ["-f", file, "check"])
          #expect(check.status == 0, "\(contract): hledger check: \(check.out)")
          // hledger's balances of the payables equal parkshare's, party by party.
          let csv = try Self.run(
            "hledger", ["-f", file, "balance", "Payable", "--flat", "-N", "-O", "csv"])
          #expect(csv.status == 0, "\(csv.out)")
          var seen: [String: Exact] = [:]
          for row in csv.out.split(separator: "\n").dropFirst() {
            let cells = row.split(separator: ",").map {
              $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            let account = cells[0]
            let party = String(account.split(separator: ":").last ?? "")
            let value = cells[1].replacingOccurrences(of: " CNY", with: "").replacingOccurrences(
              of: ",", with: "")
            seen[party] = x(value).negated
          }
          for (party, net) in payable where !net.isZero {
            #expect(seen[JournalAccounts.component(party)] == net, "\(contract) \(party)")
          }
        }
      }
    }
  }
}

/// External tools the finance tests drive (installed by .ci/run; under CI they must be there).
enum Tools {
  static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

  static func which(_ tool: String) -> String? {
    let paths =
      (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
      + ["/usr/bin", "/usr/local/bin", "/root/.pyenv/shims"]
    return paths.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static func present(_ tools: [String]) -> Bool { tools.allSatisfy { which($0) != nil } }

  /// Whether python3 can import `module`.
  static func python(_ module: String) -> Bool {
    guard let python = which("python3") else { return false }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: python)
    p.arguments = ["-c", "import \(module)"]
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }
}
