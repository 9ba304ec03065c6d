import Foundation
import Testing

@testable import ParkShare

/// `journal --lang zh`: the heading and narrations in Chinese, the accounts and metadata keys as
/// the tools read them. Snapshots of the old ledger fixture (two settlements and an amendment),
/// the whole ledger and one period after its opening balances.
@Suite struct JournalLanguageTests {
  /// The journal of a scratch copy of the fixture's ledger (reading takes the ledger's lock).
  static func journal(_ args: [String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-journal-lang-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.copyItem(
      at: LedgerWrittenBeforeTests.fixture.appendingPathComponent("ledger"), to: dir)
    let r = try runParkshare(["journal", "--ledger", dir.path] + args)
    #expect(r.status == 0, "\(r.err)")
    return r.out
  }

  static func snapshot(_ name: String) -> URL {
    Paths.tests.appendingPathComponent("Snapshots/\(name)")
  }

  /// English (no `--lang`) and Chinese, whole and for 2026-02 (opening balances, amendment).
  @Test(arguments: [
    ("journal-fixture.beancount", ["--format", "beancount"]),
    ("journal-fixture.zh.beancount", ["--format", "beancount", "--lang", "zh"]),
    (
      "journal-fixture-2026-02.zh.hledger",
      ["--format", "hledger", "--period", "2026-02", "--lang", "zh"]
    ),
    (
      "journal-fixture-2026-02.zh.ledger",
      ["--format", "ledger", "--period", "2026-02", "--lang", "zh"]
    ),
    // The amendment of 2026-02 (issued 2026-03-20) booked in the month it corrects.
    (
      "journal-fixture-2026-02-in-period.ledger",
      ["--format", "ledger", "--period", "2026-02", "--book-amendments", "in-period"]
    ),
    ("journal-fixture-2026-03.hledger", ["--format", "hledger", "--period", "2026-03"]),
  ])
  func snapshots(name: String, args: [String]) throws {
    let out = try Self.journal(args)
    #expect(try out == Golden.check(out, at: Self.snapshot(name)), "\(name)")
  }

  @Test func englishIsTheDefault() throws {
    for format in JournalText.Format.allCases {
      let plain = try Self.journal(["--format", format.rawValue])
      #expect(plain == (try Self.journal(["--format", format.rawValue, "--lang", "en"])))
    }
    let dir = LedgerWrittenBeforeTests.fixture.appendingPathComponent("ledger").path
    let refused = try runParkshare([
      "journal", "--ledger", dir, "--format", "ledger", "--lang", "fr",
    ])
    #expect(refused.status == 64)
  }

  /// Only the accounts (and their metadata keys) keep English words: every other line of the
  /// Chinese journals holds none of the catalogue's.
  @Test func noEnglishWordOfTheCatalogue() throws {
    let words = ChineseOutputTests.catalogueWords()
    #expect(words.isSuperset(of: ["revenue", "distribution", "settlement", "amendment"]))
    for format in JournalText.Format.allCases {
      let out = try Self.journal([
        "--format", format.rawValue, "--period", "2026-02", "--lang", "zh",
        "--book-amendments", "in-period",
      ])
      let narrations = out.split(separator: "\n").filter {
        !$0.hasPrefix(" ") && !$0.contains(" open ") && !$0.contains(" balance ")
          && !$0.hasPrefix("account ") && !$0.hasPrefix("option ") && !$0.hasPrefix("commodity ")
          && !$0.hasPrefix("tag ") && !$0.contains(" commodity ")
      }
      #expect(narrations.count > 5)
      // The tool's name in the heading, the fixture's pool `all` and the amendment's reason
      // (`certificate price corrected`, written by the user) are not the catalogue's words.
      let own: Set<String> = [format.rawValue, "all", "certificate", "price", "corrected"]
      let found = Set(narrations.flatMap { ChineseOutputTests.words(String($0)) })
        .intersection(words).subtracting(own)
      #expect(found.isEmpty, "\(format) has English words \(found.sorted())")
    }
  }

  /// The narration is worded from values: an amendment's reason as written, entries in booking
  /// order (every pool's revenue, then every distribution, then arrears).
  @Test func narrationsAreWordedFromValues() {
    let zh = JournalLabels.zh
    let p = Period("2026-02")!
    #expect(
      zh.narration(
        .booking(contract: "c", period: p, event: .amendment(reason: "价格更正"), entry: .arrears))
        == "c 2026-02 更正（价格更正）：欠付变动")
    #expect(JournalLabels.en.narration(.opening(contract: "c")) == "c opening balances")
    let entries: [Journal.Entry] = [
      .arrears, .distribution(pool: "a"), .revenue(pool: "b"), .revenue(pool: "a"),
    ]
    #expect(
      entries.sorted()
        == [.revenue(pool: "a"), .revenue(pool: "b"), .distribution(pool: "a"), .arrears])
  }
}
