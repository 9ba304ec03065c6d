import Foundation
import Testing

@testable import ParkShare

/// Green points over time: balances that carry over from quarter to quarter, lots that expire
/// first in first out, and redemptions at a price with caps per member and in all.
@Suite struct PointsOverTimeTests {
  static let periods = ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1", "2027Q2"]

  static func contract(points: String, steps: String) -> String {
    """
    contract greenpoints "green points over time"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2027Q4
    party op "operator" operator
    parties tenants from "tenants.csv" enterprise
    input amount CNY
    input cut tCO2e per tenants
    revenue income = amount
    points gp for tenants
      10 per tCO2e cut
    \(points)
    pool p = income
    \(steps)
      split op 100%
    """
  }

  /// Settles `periods` in order, each opening with the previous closing state.
  static func settle(
    _ text: String, _ periods: [String], _ rows: (Int) -> (amount: String, a: String, b: String)
  ) throws -> [Settlement] {
    let t = try TestBundle(contract: text, files: ["tenants.csv": "id,name\nA,甲\nB,乙\n"])
    defer { t.remove() }
    var state: CarryState? = nil
    var out: [Settlement] = []
    for (i, period) in periods.enumerated() {
      let r = rows(i)
      let dir = try t.bundle(
        period,
        ["facts.csv": "fact,value,member\namount,\(r.amount),\ncut,\(r.a),A\ncut,\(r.b),B\n"])
      let (s, messages) = t.settle(dir, period: period, opening: state)
      let settled = try #require(s, "\(period): \(messages)")
      out.append(settled)
      state = settled.closing
    }
    return out
  }

  static func movement(_ s: Settlement, _ member: String) -> [Exact]? {
    guard let m = s.statements.first(where: { $0.party == member })?.points?.first else {
      return nil
    }
    return [m.opening, m.expired, m.earned, m.redeemed, m.closing]
  }

  static let amounts = ["10000", "10000", "10000", "10000", "200", "10000"]
  static let cutsA = ["10", "20", "5", "20", "10", "0"]
  static let cutsB = ["30", "0", "10", "40", "0", "5"]

  static func worked() throws -> [Settlement] {
    try settle(
      contract(
        points: "  carry over, expire after 2 quarters",
        steps:
          "  redeem gp at 2 CNY per point to tenants cap 300 CNY each, 500 CNY in all from 2026Q3"
      ), periods
    ) { i in (amounts[i], cutsA[i], cutsB[i]) }
  }

  /// 10 points per tCO2e; a lot lives 2 quarters (earned in Q1, it expires as Q3 opens);
  /// redemption from 2026Q3 at 2 CNY a point, at most 300 CNY (150 points) a member and 500 CNY
  /// in all. Each row: opening - expired + earned - redeemed = closing, A then B; lots in [].
  ///
  /// 2026Q1  A 0 - 0 + 100 - 0 = 100 [Q1:100]           B 0 - 0 + 300 - 0 = 300 [Q1:300]
  /// 2026Q2  A 100 - 0 + 200 - 0 = 300 [Q1:100 Q2:200]   B 300 - 0 + 0 - 0 = 300 [Q1:300]
  /// 2026Q3  Q1 lots expire. A asks min(250, 150) = 150 (300 CNY), B 100 (200 CNY): 500, not
  ///         above the 500 in all. A takes 150 from Q2's 200.
  ///         A 300 - 100 + 50 - 150 = 100 [Q2:50 Q3:50]  B 300 - 300 + 100 - 100 = 0
  /// 2026Q4  Q2 lots expire (A's 50). A asks min(250, 150), B min(400, 150): 600 CNY > 500 in
  ///         all, so each is reduced by 5/6: 125 points (250 CNY) each, oldest first.
  ///         A 100 - 50 + 200 - 125 = 125 [Q4:125]       B 0 - 0 + 400 - 125 = 275 [Q4:275]
  /// 2027Q1  The pool is 200 CNY: asks 150 + 150 points (600 CNY) reduced to 200 CNY, by 1/3:
  ///         50 points (100 CNY) each; op gets nothing, and nobody is owed arrears.
  ///         A 125 - 0 + 100 - 50 = 175 [Q4:75 27Q1:100] B 275 - 0 + 0 - 50 = 225 [Q4:225]
  /// 2027Q2  Q4 lots expire. A asks 100 (200 CNY), B 50 (100 CNY).
  ///         A 175 - 75 + 0 - 100 = 0                    B 225 - 225 + 50 - 50 = 0
  /// op: 10,000, 10,000, 9,500, 9,500, 0, 9,700.
  @Test func fiveQuartersOfEarningExpiryAndCappedRedemption() throws {
    let s = try Self.worked()
    let a: [[String]] = [
      ["0", "0", "100", "0", "100"], ["100", "0", "200", "0", "300"],
      ["300", "100", "50", "150", "100"], ["100", "50", "200", "125", "125"],
      ["125", "0", "100", "50", "175"], ["175", "75", "0", "100", "0"],
    ]
    let b: [[String]] = [
      ["0", "0", "300", "0", "300"], ["300", "0", "0", "0", "300"],
      ["300", "300", "100", "100", "0"], ["0", "0", "400", "125", "275"],
      ["275", "0", "0", "50", "225"], ["225", "225", "50", "50", "0"],
    ]
    for (i, settled) in s.enumerated() {
      #expect(Self.movement(settled, "A") == a[i].map(x), "A \(Self.periods[i])")
      #expect(Self.movement(settled, "B") == b[i].map(x), "B \(Self.periods[i])")
    }
    #expect(s.map { $0.net("A") } == ["0", "0", "300", "250", "100", "200"].map(x))
    #expect(s.map { $0.net("B") } == ["0", "0", "200", "250", "100", "100"].map(x))
    #expect(s.map { $0.net("op") } == ["10000", "10000", "9500", "9500", "0", "9700"].map(x))
    // The lots themselves, oldest first: A's 2026Q4 lot was taken before its 2027Q1 lot.
    #expect(
      s[4].closing.points["gp"]?["A"]
        == [
          PointsLot(period: Period("2026Q4")!, points: x("75")),
          PointsLot(period: Period("2027Q1")!, points: x("100")),
        ])
    #expect(s[4].closing.arrears.isEmpty)
    #expect(s[5].closing.points.isEmpty)
  }

  /// opening - expired + earned - redeemed = closing for every member and period, and each
  /// period opens with what the one before closed, over pseudo-random quarters.
  @Test(arguments: Array(1...12) as [UInt64])
  func pointsAreConserved(seed: UInt64) throws {
    var rng = seed &* 0x9E37_79B9_7F4A_7C15
    func next(_ n: UInt64) -> String {
      rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return String((rng >> 33) % n)
    }
    let quarters = try Self.settle(
      Self.contract(
        points: "  carry over, expire after \(Int(next(3))! + 1) quarters",
        steps:
          "  redeem gp at 3 CNY per point to tenants cap \(next(400)) CNY each, \(next(700)) CNY in all"
      ), Array(Self.periods.prefix(6))
    ) { _ in (next(1000), next(50) + "." + next(10), next(50)) }
    var before: [String: Exact] = [:]
    for s in quarters {
      for member in ["A", "B"] {
        let m = try #require(
          s.statements.first { $0.party == member }?.points?.first
            ?? PointsMovement(
              scheme: "gp", opening: .zero, expired: .zero, earned: .zero, redeemed: .zero,
              closing: .zero))
        #expect(try m.opening - m.expired + m.earned - m.redeemed == m.closing)
        #expect(m.opening == before[member] ?? .zero)
        before[member] = m.closing
        // What a member is paid is its redeemed points at the price, within the fen the
        // pool's rounding may move.
        let gap = try #require(s.net(member)) - (try m.redeemed * x("3"))
        #expect(Exact.max(gap, gap.negated) < x("0.01"))
      }
    }
  }

  /// A contract whose points do not carry over settles as it always did: no balances in the
  /// state, no points movement in the statements; `carry over` alone (no redemption) keeps the
  /// balances but moves no money.
  @Test func withoutTheNewLinesNothingChanges() throws {
    let plain = try Self.settle(
      Self.contract(points: "", steps: "  rebate 10% to tenants by gp"),
      Array(Self.periods.prefix(3))
    ) { i in (Self.amounts[i], Self.cutsA[i], Self.cutsB[i]) }
    let carried = try Self.settle(
      Self.contract(points: "  carry over", steps: "  rebate 10% to tenants by gp"),
      Array(Self.periods.prefix(3))
    ) { i in (Self.amounts[i], Self.cutsA[i], Self.cutsB[i]) }
    for (p, c) in zip(plain, carried) {
      #expect(p.closing.points.isEmpty)
      #expect(p.statements.allSatisfy { $0.points == nil })
      let state = String(decoding: try JSONEncoder.sorted.encode(p.closing), as: UTF8.self)
      #expect(!state.contains("\"points\""))
      for party in ["A", "B", "op"] { #expect(p.net(party) == c.net(party)) }
    }
    // Never expiring, nothing redeemed: A holds 100 + 200 + 50 after three quarters.
    #expect(Self.movement(carried[2], "A") == ["300", "0", "50", "0", "350"].map(x))
  }

  /// `by gp` divides by this period's points, `by balance(gp)` (named with `let`) by the
  /// balance. 2026Q2: A earned 200 and B 0, but each holds 300 (A 100 + 200, B 300 from Q1).
  /// 10% of 10,000 = 1,000: by this period's points all to A; by the balance 500 each.
  @Test func aRebateByThisPeriodsPointsOrByTheBalance() throws {
    func rebate(_ metric: String) throws -> [Exact?] {
      let s = try Self.settle(
        Self.contract(
          points: "  carry over\nlet gp_balance = balance(gp)",
          steps: "  rebate 10% to tenants by \(metric)"), Array(Self.periods.prefix(2))
      ) { i in (Self.amounts[i], Self.cutsA[i], Self.cutsB[i]) }
      return [s[1].net("A"), s[1].net("B")]
    }
    #expect(try rebate("gp") == [x("1000"), x("0")])
    #expect(try rebate("gp_balance") == [x("500"), x("500")])
  }

  /// The statement's points table and `explain`'s movement line, in English and Chinese.
  @Test func theStatementAndExplainShowThePointsMovement() throws {
    let s = try Self.worked()[3]
    let text = StatementText.render(s)
    #expect(text.contains("green points (opening - expired + earned - redeemed = closing)"))
    #expect(text.contains("A       gp          100       50     200       125      125"))
    #expect(text.contains("redeem  A   2 CNY/point    250.00  gp 125 point"))
    let explain = try #require(ExplainText.render(s, party: "B"))
    #expect(
      explain.contains(
        "gp: opening 0 - expired 0 + earned 400 - redeemed 125 = closing 275 points"))
    let zh = try #require(ExplainText.render(s, party: "B", wording: .zh))
    #expect(zh.contains("gp：期初 0 - 过期 0 + 本期获得 400 - 兑付 125 = 期末 275 分"))
    #expect(StatementText.render(s, wording: .zh).contains("积分兑付"))
  }

  /// The balances go through a `--closing` state file and back as `--opening`; a lot of no
  /// points, or a scheme that does not carry over, is refused at its place.
  @Test func theBalancesRoundTripThroughAStateFile() throws {
    let s = try Self.worked()[4]
    let t = try TestBundle(
      contract: Self.contract(
        points: "  carry over, expire after 2 quarters",
        steps: "  redeem gp at 2 CNY per point to tenants cap 300 CNY each, 500 CNY in all"),
      files: ["tenants.csv": "id,name\nA,甲\nB,乙\n"])
    defer { t.remove() }
    let path = t.folder.appendingPathComponent("state.json").path
    try JSONEncoder.sorted.encode(s.closing).write(to: URL(fileURLWithPath: path))
    let (read, problems) = CarryStateReader.read(path, contract: t.contract)
    #expect(problems.isEmpty)
    #expect(read == s.closing)
    try t.write(
      "bad.json",
      #"{"contract": "greenpoints", "period": "2026Q1", "points": {"gp": {"A": [{"period": "2026Q1", "points": "0"}]}, "other": {}}}"#
    )
    let (bad, found) = CarryStateReader.read(
      t.folder.appendingPathComponent("bad.json").path, contract: t.contract)
    #expect(bad == nil)
    #expect(found.map(\.message).contains("a lot holds points above 0, not '0'"))
    #expect(found.contains { $0.message.contains("'other' is not a key of 'points'") })
  }

  /// A reduction that does not divide out: balances of 100 and 50 points at 3 CNY ask 450 CNY of
  /// a pool of 100, so each is reduced by 2/9: A 22.2222... points, counted as 22.2222 (66.6666
  /// CNY), B 11.1111 (33.3333 CNY). The pool's lines 66.6666, 33.3333 and op's 0.0001 round to
  /// 66.67, 33.33 and 0.00 (the missing fen to A's largest remainder). A keeps 77.7778 points,
  /// B 38.8889.
  @Test func aReductionCountsTenThousandthsOfAPointRoundedDown() throws {
    let s = try Self.settle(
      Self.contract(
        points: "  carry over", steps: "  redeem gp at 3 CNY per point to tenants from 2026Q2"),
      ["2026Q1", "2026Q2"]
    ) { i in i == 0 ? ("0", "10", "5") : ("100", "0", "0") }
    #expect(Self.movement(s[1], "A") == ["100", "0", "0", "22.2222", "77.7778"].map(x))
    #expect(Self.movement(s[1], "B") == ["50", "0", "0", "11.1111", "38.8889"].map(x))
    #expect([s[1].net("A"), s[1].net("B"), s[1].net("op")] == ["66.67", "33.33", "0"].map(x))
  }
}
