import Foundation
import Testing

@testable import ParkShare

/// Journals for every shipped example's sample year with one amendment, whole and per period,
/// read by the real tools in their strict modes: bean-check, `hledger check -s` and
/// `ledger --pedantic --strict`. Their balance assertions hold and their balances equal
/// parkshare's own totals. CI installs the tools (.ci/run); elsewhere, without them, the suite
/// is reported as skipped (never passed).
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

  /// The shipped examples with four sample periods or more (docs/sample-data.md).
  static let years = SampleYearTests.names.filter { SampleYearTests.periods($0).count >= 4 }

  /// The tool's complaint about `file` in `format`, or nil when it accepts it: bean-check;
  /// `hledger check -s` (declared accounts and commodities, balance assertions);
  /// `ledger --pedantic --strict balance` (ledger writes its complaints on stderr and may
  /// still exit 0, so any output there fails too).
  static func complaint(_ format: String, _ file: String) throws -> String? {
    switch format {
    case "beancount":
      let r = try run("bean-check", [file])
      return r.status == 0 && r.out.isEmpty ? nil : "bean-check: \(r.out)"
    case "hledger":
      let r = try run("hledger", ["-f", file, "check", "-s"])
      return r.status == 0 ? nil : "hledger check -s: \(r.out)"
    default:
      let r = try run("ledger", ["-f", file, "--pedantic", "--strict", "balance"])
      let warned = r.out.contains("Warning") || r.out.contains("Error")
      return r.status == 0 && !warned ? nil : "ledger --pedantic: \(r.out)"
    }
  }

  /// A year of an example into a ledger: its first four sample periods settled, the fourth
  /// amended (its first fact 10% higher, issued three weeks after the period), and every
  /// journal format, whole and per period, in both bookings of amendments, read by its tool.
  @Test(arguments: years)
  func toolsAcceptTheJournals(contract: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-journal-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let periods = Array(SampleYearTests.periods(contract).prefix(4))
    let contractPath = Paths.contracts.appendingPathComponent("\(contract).contract").path
    let data = Paths.contracts.appendingPathComponent("data/\(contract)")
    let ledger = folder.appendingPathComponent("ledger").path
    for p in periods {
      let r = try runParkshare([
        "settle", contractPath, "--data", data.appendingPathComponent("\(p)").path, "--period",
        "\(p)", "--ledger", ledger, "--issued", issueDate(after: p),
      ])
      try #require(r.status == 0, "\(contract) \(p): \(r.err)")
    }
    let last = periods[3]
    let amended = folder.appendingPathComponent("amended")
    try FileManager.default.copyItem(at: data.appendingPathComponent("\(last)"), to: amended)
    let factsFile = amended.appendingPathComponent("facts.csv")
    var lines = try String(contentsOf: factsFile, encoding: .utf8).split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init)
    var f = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    f[1] = (try x(f[1]) * x("1.1")).description
    lines[1] = f.joined(separator: ",")
    try lines.joined(separator: "\n").write(to: factsFile, atomically: true, encoding: .utf8)
    // Issued on the 22nd of the month after the period: booked after the period has closed.
    let issued = String(issueDate(after: last).prefix(8)) + "22"
    let amend = try runParkshare([
      "settle", contractPath, "--data", amended.path, "--period", "\(last)", "--ledger", ledger,
      "--amend", "--reason", "corrected data", "--issued", issued,
    ])
    try #require(amend.status == 0, "\(contract) amendment: \(amend.err)")
    let verified = try runParkshare(["ledger", "verify", ledger])
    #expect(verified.status == 0, "\(verified.out)")

    // parkshare's own totals: every party's payable over the latest record of each period.
    let l = try Ledger.open(ledger)
    var payable: [String: Exact] = [:]
    for record in l.latest {
      for st in try l.settlement(of: record).statements {
        payable[st.party] = try (payable[st.party] ?? .zero) + st.net
      }
    }
    // Every format, whole and per period (the amendment's own month included), both bookings;
    // the Chinese narrations once, the same accounts.
    let amendmentMonth = Period(containing: last.lastMonth + 1, length: last.length)
    let slices: [[String]] =
      [[]] + (periods + [amendmentMonth]).map { ["--period", "\($0)"] }
    for booking in ["issued", "in-period"] {
      for slice in slices {
        let args = slice + ["--book-amendments", booking]
        if slice.last == "\(amendmentMonth)" && booking == "in-period" { continue }
        for format in ["beancount", "ledger", "hledger"] {
          for lang in slice.isEmpty && booking == "issued" ? ["en", "zh"] : ["en"] {
            let file = folder.appendingPathComponent(
              "journal\(slice.last ?? "")-\(booking)-\(lang).\(format)"
            ).path
            let r = try runParkshare(
              ["journal", "--ledger", ledger, "--format", format, "--out", file, "--lang", lang]
                + args)
            #expect(r.status == 0, "\(contract) \(format) \(args): \(r.err)")
            if let problem = try Self.complaint(format, file) {
              Issue.record("\(contract) \(format) \(args): \(problem)")
            }
          }
        }
      }
    }
    // Chart-of-accounts codes and Chinese names from an account file, in every format.
    let party = try #require(payable.filter { !$0.value.isZero }.keys.sorted().first)
    let account =
      "Liabilities:Parkshare:\(JournalAccounts.component(contract)):Payable:"
      + JournalAccounts.component(party)
    let accounts = folder.appendingPathComponent("accounts.txt")
    try """
    code \(account) = 2202.01  # 应付账款
    name \(account) = 应付账款——\(party), 园区
    code Equity:Parkshare:\(JournalAccounts.component(contract)):Opening = 4104

    """.write(to: accounts, atomically: true, encoding: .utf8)
    for format in ["beancount", "ledger", "hledger"] {
      let file = folder.appendingPathComponent("coded.\(format)").path
      let r = try runParkshare([
        "journal", "--ledger", ledger, "--format", format, "--out", file, "--accounts",
        accounts.path,
      ])
      #expect(r.status == 0, "\(contract) \(format) --accounts: \(r.err)")
      let text = try String(contentsOfFile: file, encoding: .utf8)
      #expect(text.contains("2202.01"), "\(contract) \(format)")
      if let problem = try Self.complaint(format, file) {
        Issue.record("\(contract) \(format) --accounts: \(problem)")
      }
    }
    // hledger's balances of the payables (whole journal) equal parkshare's, party by party.
    let file = folder.appendingPathComponent("journal-issued-en.hledger").path
    let csv = try Self.run(
      "hledger", ["-f", file, "balance", "Payable", "--flat", "-N", "-O", "csv"])
    #expect(csv.status == 0, "\(csv.out)")
    var seen: [String: Exact] = [:]
    for row in csv.out.split(separator: "\n").dropFirst() {
      let cells = row.split(separator: ",").map {
        $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      }
      let party = String(cells[0].split(separator: ":").last ?? "")
      let value = cells[1].replacingOccurrences(of: " CNY", with: "").replacingOccurrences(
        of: ",", with: "")
      seen[party] = x(value).negated
    }
    for (party, net) in payable where !net.isZero {
      #expect(seen[JournalAccounts.component(party)] == net, "\(contract) \(party)")
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
