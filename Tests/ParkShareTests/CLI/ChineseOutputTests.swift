import Foundation
import Testing

@testable import ParkShare

/// `--lang zh`: the 苏银 example's statement, explain tree and report in Chinese, reviewed once,
/// and none of them holding an English word of the catalogue.
@Suite struct ChineseOutputTests {
  static let suyin = [
    "contracts/suyin-microgrid.contract", "--data", "contracts/data/suyin-microgrid/2026Q1",
    "--period", "2026Q1",
  ]

  static func snapshot(_ name: String) -> URL {
    Paths.tests.appendingPathComponent("Snapshots/\(name)")
  }

  static func settleText() throws -> String {
    let r = try runParkshare(["settle"] + suyin + ["--lang", "zh"])
    #expect(r.status == 0, "\(r.err)")
    return r.out
  }

  static func explain(_ party: String) throws -> String {
    let r = try runParkshare(["explain"] + suyin + ["--party", party, "--lang", "zh"])
    #expect(r.status == 0, "\(r.err)")
    return r.out
  }

  /// The example settled into a fresh ledger on a fixed date, then reported.
  static func report() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-zh-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let settled = try runParkshare(
      ["settle"] + suyin + ["--ledger", dir.path, "--issued", "2026-04-10"])
    #expect(settled.status == 0, "\(settled.err)")
    let r = try runParkshare([
      "report", "--ledger", dir.path, "--from", "2026Q1", "--to", "2026Q1", "--lang", "zh",
    ])
    #expect(r.status == 0, "\(r.err)")
    return r.out
  }

  @Test func statementText() throws {
    let out = try Self.settleText()
    #expect(try out == Golden.check(out, at: Self.snapshot("settle-suyin-microgrid.zh.txt")))
  }

  @Test func explainTree() throws {
    let out = try Self.explain("T006")
    #expect(try out == Golden.check(out, at: Self.snapshot("explain-suyin-T006.zh.txt")))
  }

  @Test func reportText() throws {
    let out = try Self.report()
    #expect(try out == Golden.check(out, at: Self.snapshot("report-suyin.zh.txt")))
  }

  /// English stays the default of the text outputs: no `--lang` and `--lang en` are the same.
  @Test func englishIsTheDefault() throws {
    let plain = try runParkshare(["settle"] + Self.suyin)
    let en = try runParkshare(["settle"] + Self.suyin + ["--lang", "en"])
    #expect(plain.out == en.out)
    #expect(try runParkshare(["settle"] + Self.suyin + ["--lang", "fr"]).status == 64)
  }

  static func run(_ args: [String]) throws -> String {
    let r = try runParkshare(args + ["--lang", "zh"])
    #expect(r.status == 0, "\(r.err)")
    return r.out
  }

  static let scenario = ["--scenario", "contracts/scenarios/suyin-base.json"]
  static let contract = "contracts/suyin-microgrid.contract"

  /// The negotiation commands' text: the projection with Monte Carlo, one party's tornado,
  /// fairness, and a variant compared with itself.
  static func negotiation() throws -> [(String, String)] {
    [
      ("simulate", try run(["simulate", contract] + scenario + ["--runs", "20"])),
      ("sensitivity", try run(["sensitivity", contract] + scenario + ["--party", "T006"])),
      ("fairness", try run(["fairness"] + suyin + ["--assets", "contracts/suyin-assets.txt"])),
      ("compare", try run(["compare", contract] + suyin)),
    ]
  }

  /// Revenue's words: all but the formulas (contract text, `2 per % green_share, cap 100`) on
  /// each value's first line; the details under each value are worded by Render too.
  static func revenue() throws -> (full: String, ours: String) {
    let out = try run(["revenue"] + suyin)
    let ours = out.split(separator: "\n").map {
      $0.hasPrefix(" ") ? $0 : $0.prefix { $0 != "=" }
    }
    return (out, ours.joined(separator: "\n"))
  }

  @Test func revenueText() throws {
    let out = try Self.revenue().full
    #expect(try out == Golden.check(out, at: Self.snapshot("revenue-suyin-microgrid.zh.txt")))
  }

  @Test func negotiationText() throws {
    for (name, out) in try Self.negotiation() where name != "compare" {
      #expect(try out == Golden.check(out, at: Self.snapshot("\(name)-suyin.zh.txt")))
    }
  }

  /// CSV keeps its codes (header, type, kind) for programs and words each line's basis.
  @Test func csvWordsTheBasisAndKeepsItsCodes() throws {
    let out = try Self.run(["settle"] + Self.suyin + ["--format", "csv"])
    let table = try CSVTable.parse(out).get()
    #expect(table.header == StatementCSV.header)
    let basis = try #require(table.header.firstIndex(of: "basis"))
    let cells = table.rows.map { $0.fields[basis] }
    #expect(cells.contains("15,081.3375 CNY 按 green_points 分配：100 / 531.666667"))
    #expect(Set(cells.flatMap(Self.words)).isDisjoint(with: Self.catalogueWords()))
  }

  /// The negotiation pages speak Chinese too: headings, table headers and chart titles.
  @Test func theChartsSpeakChinese() throws {
    let r = try runParkshare(
      ["simulate", Self.contract] + Self.scenario + ["--format", "html", "--lang", "zh"])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("<html lang=\"zh-CN\">"))
    #expect(r.out.contains("全期测算") && r.out.contains("内部收益率") && r.out.contains("逐年现金流"))
    let en = try runParkshare(["simulate", Self.contract] + Self.scenario + ["--format", "html"])
    #expect(en.out.contains("Cash flow per party over the term"))
  }

  @Test func noEnglishWordOfTheCatalogue() throws {
    let words = Self.catalogueWords()
    #expect(words.count > 50)
    // The check finds the words where they are: in the English statement.
    let english = try runParkshare(["settle"] + Self.suyin).out
    #expect(Set(Self.words(english)).isSuperset(of: ["settlement", "reconciliation", "remainder"]))
    // The whole tree, revenue details (meter sums, certificate months, points) included.
    let tree = try Self.explain("T006")
    let html = try runParkshare(["settle"] + Self.suyin + ["--format", "html", "--lang", "zh"]).out
    for (name, out) in [
      ("statement", try Self.settleText()), ("explain", tree), ("report", try Self.report()),
      ("html", Self.visibleText(html)), ("revenue", try Self.revenue().ours),
    ] + (try Self.negotiation()) {
      // Known limit: compare lists a fund as the party `fund:NAME` named "fund" (Negotiate).
      let allowed: Set<String> = name == "compare" ? ["fund"] : []
      let found = Set(Self.words(out)).intersection(words).subtracting(allowed)
      #expect(found.isEmpty, "\(name) has English words \(found.sorted())")
    }
  }

  /// The words of 3+ ASCII letters of every phrase of `Wording.en` and its labels, less the
  /// few that are also identifiers.
  static func catalogueWords() -> Set<String> {
    let w = Wording.en
    let t = w.labels
    let x = "0"
    var phrases = [
      w.pool(x), w.remainder(x), w.fixed, w.withArrears(x, x), w.byMetric(x, x, x, x),
      w.tier(x, x, x, x), w.kpiRow(x, x, x, x, x), w.rowBelow(x), w.rowBetween(x, x),
      w.rowFrom(x), w.rowAny, w.capPerPeriod(x), w.capOverTerm(x, x), w.capEachMember(x, x),
      w.capOnGroup(x, x), w.capCut(x, x), w.capFilled(x, x), w.floorFor(x, x),
      w.floorTopUp(x, x), w.capOf(x, x), w.drainedCause(x), w.limitShare(x, x), w.drained(x),
      w.shortfall(x, x), w.fund(x), w.kpiCrossing(x, x, x, x, x, x, x), w.loss(x), w.deficit(x),
    ]
    phrases += [
      t.settlementTitle(x, x, x, x), t.preview, t.issued(x), t.amendmentIssued(x, x),
      t.ledgerRecord(x, x), t.contractChanged(x, x, x, x), t.differenceTitle(x, x, x, x, x),
      t.differenceBasis(x, x, x),
      t.nothingIssuedBefore, t.net, t.reconciliation, t.pools, t.allocated, t.reserved,
      t.unallocated, t.residual, t.arrearsBeforeAfter, t.fundBalance(x), t.pool(x),
      t.arrears(x, x, x, x, x), t.forgone(x), t.explainTitle(x, x, x, x, x), t.exact(x),
      t.waterfall(x), t.step(x, x, x), t.exactPaid(x, x), t.fromPool(x, x, x),
      t.paysSubsidy(x, x), t.netSum(x, x, x), t.arrearsOwedAfter(x, x, x),
      t.reportTitle(x, x, x, x), t.poolRounding(x, 0),
      t.condition(true, x, x, x, true, true), t.condition(false, x, x, x, false, false),
    ]
    phrases += t.summaryHeader + t.differenceHeader + t.reportHeader
    let n = t.negotiation
    phrases += [
      n.projectionTitle(x, x, x, x, x, x), n.years(x), n.cashFlow, n.party, n.monteCarlo(x, x),
      n.sensitivityTitle(x, x, x), n.partyNPV(x, x), n.compareTitle(x, x, x, x, x, x),
      n.periodRange(x, x), n.byClause, n.byPeriod, n.fairnessTitle(x, x, x), n.assetsValue(x),
      n.shapleyNote,
    ]
    phrases += n.projectionHeader + n.monteCarloHeader + n.sensitivityHeader + n.compareHeader
    phrases += n.fairnessHeader
    phrases += t.page.values
    let r = t.revenue
    phrases += [
      r.title(x, x, x), r.data(x, x, 2, x), r.carried, r.gecCarried(x, x), r.triggered(x, x),
      r.missing, r.more(x), r.inAll(x), r.point,
    ]
    let d = t.details
    phrases += [
      d.input(x, x), d.vintage(0), d.meter(x, x, x), d.meterKWh(x, x), d.moreMeters(x, 0),
      d.listedBy(x), d.moreCells(0), d.points, d.touBand(x, x, x, x),
      d.certificates(x, x, x, x, 0, x), d.beforePhaseOut(x), d.paidOnce(x), d.paidOnlyIn(x, x),
      d.phaseOut(x), d.degressionSteps(2, x), d.trigger(x, x), d.fired(x), d.notFired,
      d.subsidyFactor(x), d.pointsTerm(x, x), d.pointsTotal(x, x), d.flooredAtZero, d.cappedAt(x),
      d.crossed(x, x, x), d.runningTotal(x, x, x, x), d.receivedBefore(x, x),
    ]
    phrases += Period.Length.allCases.map { d.degression(x, $0, x) }
    phrases += [Computed.Kind.let, .kpi, .revenue, .subsidy, .points].map(r.kind)
    let j = t.journal
    phrases += [
      j.title(x, x), j.booking(x, x, x, x), j.settlement, j.amendment(x), j.revenue(x),
      j.distribution(x), j.arrears, j.opening(x), j.balanceAssertions,
    ]
    phrases += [
      AllocationLine.Kind.pay, .reserve, .rebate, .split, .cap, .capShare, .floor, .floorShare,
      .loss, .recovery, .clawback,
    ]
    .map(t.kind)
    // BLAKE2b is the name of a hash, written the same in every language; `energy` (of the
    // role "energy service") is also the id of the example's first pool and `certificates`
    // the id of its certificate revenue; kWh is a unit, gec()
    // a function of the contract language, and `per` one of its keywords (`2 per % green_share`,
    // a points rule quoted in its member's details); parkshare is the program's name.
    return Set(phrases.flatMap(words)).subtracting([
      "BLAKE", "energy", "certificates", "kWh", "gec", "per", "parkshare",
    ])
  }

  /// Runs of 3+ ASCII letters standing alone: a token joined to digits, `_`, `.`, `/` or `-`
  /// is an identifier or a file name (`ccer_issued`, `contracts/suyin-microgrid.contract`);
  /// `KIND:NAME` (a sensitivity driver such as `input:gec_price`, a fund `fund:NAME`) is an
  /// identifier as a whole.
  static func words(_ text: String) -> [String] {
    text.replacing(/[A-Za-z]+:(?=[A-Za-z0-9_])/, with: "_:").split {
      !($0.isASCII && ($0.isLetter || $0.isNumber || "_./-".contains($0)))
    }
    .map(String.init).filter { $0.count >= 3 && $0.allSatisfy(\.isLetter) }
  }

  /// What a reader of the page sees: no style sheet, no tags.
  static func visibleText(_ html: String) -> String {
    let body = html.components(separatedBy: "</style>").last ?? html
    return body.replacing(/<[^>]*>/, with: " ")
  }
}
