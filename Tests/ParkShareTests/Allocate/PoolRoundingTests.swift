import Foundation
import Testing

@testable import ParkShare

/// A pool's own rounding (`pool p = a rounding down decimals 0`) beside a pool that rounds as the
/// contract's currency does (half-up to the fen).
@Suite struct PoolRoundingTests {
  static let contract = """
    contract two "two roundings"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2027Q4
    party a "a" operator
    party b "b" enterprise
    party c "c" enterprise
    input carbon_cash CNY
    input green_cash CNY
    revenue carbon = carbon_cash
    revenue green = green_cash
    pool carbon_pool = carbon rounding down decimals 0
      split a 25%, b 35%, c 40%
    pool green_pool = green
      split a 50%, b 50%
    """

  /// carbon_pool: 12,345.67 rounded down to the yuan is 12,345. Exact parts 25% 3,086.4175,
  /// 35% 4,320.9845, 40% 4,938.268; floored to the yuan 3,086 + 4,320 + 4,938 = 12,344; the one
  /// yuan missing goes to the largest remainder, b (0.9845): a 3,086, b 4,321, c 4,938.
  /// green_pool: 1,000.005 rounded half-up to the fen is 1,000.01. Exact parts 500.0025 each,
  /// floored 500.00 + 500.00; the fen missing goes to the earlier of equal remainders and
  /// amounts, a: a 500.01, b 500.00.
  /// Nets: a 3,586.01, b 4,821.00, c 4,938.00; pools 12,345.00 + 1,000.01 = 13,345.01, all of
  /// it allocated, residual 0.
  @Test func aPoolRoundedDownToTheYuanBesideAPoolRoundedHalfUpToTheFen() throws {
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let dir = try t.facts("q1", [("carbon_cash", "12345.67"), ("green_cash", "1000.005")])
    let (s, messages) = t.settle(dir, period: "2026Q1")
    let settlement = try #require(s, "\(messages)")
    let carbon = try #require(settlement.pools.first { $0.pool == "carbon_pool" })
    #expect(carbon.total == Exact("12345.00"))
    #expect(
      carbon.lines.map(\.amount.description) == ["3086.00", "4321.00", "4938.00"])
    #expect(carbon.lines.map(\.recipient) == [.party("a"), .party("b"), .party("c")])
    let green = try #require(settlement.pools.first { $0.pool == "green_pool" })
    #expect(green.total == Exact("1000.01"))
    #expect(green.lines.map(\.amount) == [Exact("500.01"), Exact("500.00")])
    let net = settlement.statements.map { "\($0.party) \($0.net)" }
    #expect(net == ["a 3586.01", "b 4821.00", "c 4938.00"])
    let r = settlement.reconciliation
    #expect(r.pools == Exact("13345.01"))
    #expect(r.allocated == Exact("13345.01"))
    #expect(r.residual.isZero)
    #expect(r.unallocated.isZero)
    // Amounts keep the currency's two decimals in every rendering: 3,086.00, not 3,086.
    let text = StatementText.render(settlement)
    #expect(text.contains("3,086.00"), "\(text)")
    #expect(
      text.contains("pool carbon_pool = 12,345.00 CNY (the pool rounds down to 0 decimals)"))
    #expect(text.contains("pool green_pool = 1,000.01 CNY    ["))
    let csv = StatementCSV.render(settlement)
    #expect(csv.contains("3086.00"), "\(csv)")
    let json = try JSONOutput.text(settlement)
    #expect(json.contains("\"3086.00\""))
    #expect(!json.contains("\"3086\""))
    // The journal balances: each transaction's postings sum to 0. Carbon's revenue books the
    // source at 12,345.67 and the pool at 12,345.00; the 0.67 the pool rounds away is booked to
    // the rounding account, as a fen rounded away always was.
    let recorded = try JSONDecoder().decode(
      RecordedSettlement.self, from: try JSONOutput.document(settlement))
    var checked = Set<String>()
    let postings = try Journal.postings(recorded, JournalAccounts(), checked: &checked)
    for (key, p) in postings {
      #expect(try Array(p.values).sum().isZero, "\(key): \(p)")
    }
    let revenue = try #require(postings[.revenue(pool: "carbon_pool")])
    #expect(revenue.values.contains(Exact("0.67")!), "\(revenue)")
  }

  /// What a pool does not say it takes from the currency; the contract's JSON shows a pool's
  /// rounding only where the pool declares one.
  @Test func aPoolTakesWhatItDoesNotSayFromTheCurrency() throws {
    let t = try TestBundle(
      contract: Self.contract.replacingOccurrences(
        of: "rounding down decimals 0", with: "rounding half-even"))
    defer { t.remove() }
    let carbon = try #require(t.contract.pools.first { $0.id == "carbon_pool" })
    #expect(carbon.rounding == PoolRounding(mode: .halfEven, decimals: 2))
    let green = try #require(t.contract.pools.first { $0.id == "green_pool" })
    #expect(green.rounding == nil)
    let json = try JSONOutput.text(t.contract)
    #expect(json.components(separatedBy: "\"rounding\"").count == 3, "\(json)")  // currency + 1
  }

  /// A cap in a pool rounded to the yuan holds its party to whole yuan: a cap of 1,000.50 CNY
  /// allows 1,000 (rounded down, never over the cap); the rest of 12,345 goes to b.
  @Test func aCapInAPoolRoundedToTheYuanHoldsWholeYuan() throws {
    let text = Self.contract.replacingOccurrences(
      of: "  split a 25%, b 35%, c 40%\n",
      with: "  split a 25%, b 35%, c 40%\n  cap a 1,000.50 CNY per period\n")
    let t = try TestBundle(contract: text)
    defer { t.remove() }
    let dir = try t.facts("q1", [("carbon_cash", "12345.67"), ("green_cash", "0")])
    let (s, messages) = t.settle(dir, period: "2026Q1")
    let settlement = try #require(s, "\(messages)")
    let carbon = try #require(settlement.pools.first)
    var take: [String: Exact] = [:]
    for l in carbon.lines {
      guard case .party(let p) = l.recipient else { continue }
      take[p] = try (take[p] ?? .zero) + l.amount
    }
    #expect(take["a"] == Exact("1000.00"))
    #expect(try take.values.sum() == Exact("12345.00"))
    #expect(take.values.allSatisfy { $0.description.hasSuffix(".00") })
  }
}
