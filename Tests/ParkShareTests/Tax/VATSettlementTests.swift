import Foundation
import Testing

@testable import ParkShare

/// VAT settled by hand: a pool shared gross that mixes 13% included and 6% excluded revenue, and
/// a pool shared net with a fund, each number worked out in the comments.
@Suite struct VATSettlementTests {
  static let gross = """
    contract vat-gross "VAT shared gross"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2026Q4
    party op "op" operator
    party esco "esco" energy-service
    input power_cash CNY
    input cert_cash CNY
    revenue power = power_cash
    revenue certs = cert_cash
    vat 13% included on power
    vat 6% excluded on certs
    pool p = power + certs shared gross
      pay esco 12,360 CNY
      split op 60%, esco 40%
    """

  /// power 113,000.00 includes 13%: tax 113,000 x 13/113 = 13,000.00, excluding 100,000.00.
  /// certs 10,000.00 excludes 6%: tax 600.00, total 10,600.00. Shared gross, the pool is
  /// 113,000 + 10,600 = 123,600.00: esco's fee 12,360 (a tenth), then op 60% and esco 40% of
  /// 111,240: 66,744.00 and 44,496.00 (0.54 and 0.36 of the pool; the split's lines in party
  /// order, esco's first).
  /// The 6% class (10,600) goes to the lines in proportion: 1,060 / 3,816 / 5,724, its tax 600
  /// as 60 / 216 / 324; the 13% class takes the rest of each line: 11,300 / 40,680 / 61,020,
  /// its tax 13,000 as 1,300 / 4,680 / 7,020.
  /// esco invoices 13%: excluding (11,300 - 1,300) + (40,680 - 4,680) = 46,000.00, tax
  /// 5,980.00; 6%: (1,060 - 60) + (3,816 - 216) = 4,600.00, tax 276.00; net 56,856.00.
  /// op: 13% 54,000.00 + 7,020.00; 6% 5,400.00 + 324.00; net 66,744.00.
  @Test func grossPoolMixingTwoRates() throws {
    let t = try TestBundle(contract: Self.gross)
    defer { t.remove() }
    let dir = try t.facts("q1", [("power_cash", "113000"), ("cert_cash", "10000")])
    let (s, messages) = t.settle(dir, period: "2026Q1")
    let settlement = try #require(s, "\(messages)")
    let pool = try #require(settlement.pools.first)
    #expect(pool.total == Exact("123600.00"))
    #expect(pool.sharing == .gross)
    let sources = pool.sources.compactMap(\.vat).map {
      "\($0.rate) \($0.excluded) \($0.tax) \($0.total)"
    }
    #expect(sources == ["13% 100000.00 13000.00 113000.00", "6% 10000.00 600.00 10600.00"])
    let lines = pool.lines.map { l in
      "\(l.amount) "
        + (l.vat?.parts.map { "\($0.rate):\($0.excluded)+\($0.tax)" } ?? [])
        .joined(separator: " ")
    }
    #expect(
      lines == [
        "12360.00 13%:10000.00+1300.00 6%:1000.00+60.00",
        "44496.00 13%:36000.00+4680.00 6%:3600.00+216.00",
        "66744.00 13%:54000.00+7020.00 6%:5400.00+324.00",
      ])
    let esco = try #require(settlement.statements.first { $0.party == "esco" })
    #expect(esco.net == Exact("56856.00"))
    let vat = try #require(esco.vat)
    #expect(vat.excluded == Exact("50600.00"))
    #expect(vat.tax == Exact("6256.00"))
    #expect(
      vat.parts.map { "\($0.rate) \($0.excluded) \($0.tax) \($0.total)" } == [
        "13% 46000.00 5980.00 51980.00", "6% 4600.00 276.00 4876.00",
      ])
    let r = try #require(settlement.reconciliation.vat)
    #expect(r.output == Exact("13600.00"))
    #expect(r.onParties == Exact("13600.00"))
    #expect(r.retained.isZero)
    // The invoice list: the holder's two revenue invoices, then one per party and rate.
    let rows = InvoiceList(settlement).rows.map {
      "\($0.kind.rawValue) \($0.party)\($0.source) \($0.rate) \($0.excluded) \($0.tax) \($0.total)"
    }
    #expect(
      rows == [
        "revenue power 13% 100000.00 13000.00 113000.00",
        "revenue certs 6% 10000.00 600.00 10600.00",
        "line esco 13% 46000.00 5980.00 51980.00", "line esco 6% 4600.00 276.00 4876.00",
        "line op 13% 54000.00 7020.00 61020.00", "line op 6% 5400.00 324.00 5724.00",
      ])
  }

  static let net = """
    contract vat-net "VAT shared net"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2026Q4
    party a "a" operator
    party b "b" enterprise
    input carbon_cash CNY
    revenue carbon = carbon_cash
    vat 6% included on carbon
    pool c = carbon shared net
      reserve 10% to upkeep
      split a 30%, b 70%
    """

  /// carbon 1,000.00 includes 6%: tax 1,000 x 6/106 = 56.6037... -> 56.60, excluding 943.40.
  /// Shared net, the steps work on 943.40: upkeep 94.34, then a 30% and b 70% of 849.06:
  /// 254.718 and 594.342, rounded to the pool (943.39 floored, the missing fen to a's larger
  /// remainder): 254.72 and 594.34. The tax 56.60 goes by those amounts: 5.66 (a tenth),
  /// 56.60 x 254.72 / 943.40 = 15.2821 and 56.60 x 594.34 / 943.40 = 35.6578, floored 15.28 and
  /// 35.65, the missing fen to b's larger remainder: 35.66. Lines: 100.00, 270.00, 630.00; the
  /// pool pays 1,000.00. The fund keeps 94.34: its 5.66 is VAT the pool's holder pays over.
  @Test func netPoolWithAFund() throws {
    let t = try TestBundle(contract: Self.net)
    defer { t.remove() }
    let dir = try t.facts("q1", [("carbon_cash", "1000")])
    let (s, messages) = t.settle(dir, period: "2026Q1")
    let settlement = try #require(s, "\(messages)")
    let pool = try #require(settlement.pools.first)
    #expect(pool.exactTotal == Exact("943.40"))
    #expect(pool.total == Exact("1000.00"))
    #expect(
      pool.lines.map { "\($0.amount) \($0.vat!.excluded) \($0.vat!.tax)" } == [
        "100.00 94.34 5.66", "270.00 254.72 15.28", "630.00 594.34 35.66",
      ])
    #expect(settlement.closing.funds["upkeep"] == Exact("94.34"))
    #expect(settlement.statements.map { "\($0.party) \($0.net)" } == ["a 270.00", "b 630.00"])
    let r = settlement.reconciliation
    #expect(r.pools == Exact("1000.00"))
    #expect(r.allocated == Exact("900.00"))
    #expect(r.reserved == Exact("100.00"))
    #expect(r.residual.isZero)
    let vat = try #require(r.vat)
    #expect(
      [vat.output, vat.onParties, vat.retained] == [
        Exact("56.60"), Exact("50.94"), Exact("5.66"),
      ])
  }

  /// The same contract shared gross: the steps work on 1,000.00 (upkeep 100.00, a 270.00, b
  /// 630.00) and each line's VAT is inside it; the fund keeps 100.00 - 5.66 = 94.34 either way.
  @Test func theSameRevenueSharedGrossPaysTheSameHere() throws {
    let t = try TestBundle(
      contract: Self.net.replacingOccurrences(of: "shared net", with: "shared gross"))
    defer { t.remove() }
    let dir = try t.facts("q1", [("carbon_cash", "1000")])
    let (s, messages) = t.settle(dir, period: "2026Q1")
    let settlement = try #require(s, "\(messages)")
    let pool = try #require(settlement.pools.first)
    #expect(
      pool.lines.map { "\($0.amount) \($0.vat!.excluded) \($0.vat!.tax)" } == [
        "100.00 94.34 5.66", "270.00 254.72 15.28", "630.00 594.34 35.66",
      ])
    #expect(settlement.closing.funds["upkeep"] == Exact("94.34"))
  }

  /// A fixed fee is where gross and net differ: `pay a 1,000 CNY` is 1,000.00 with its VAT
  /// inside when shared gross (excluding 943.40 + 56.60), and 1,000.00 plus its VAT when net
  /// (1,060.00); b takes the rest of a pool of 10,600.00 either way.
  @Test func aFixedFeeIncludesVATWhenGrossAndExcludesItWhenNet() throws {
    let base = """
      contract fee "fee"
      currency CNY rounding half-up
      settle quarterly from 2026Q1 to 2026Q4
      party a "a" operator
      party b "b" enterprise
      input cash CNY
      revenue sales = cash
      vat 6% excluded on sales
      pool p = sales shared SHARING
        pay a 1,000 CNY
        split b 100%
      """
    var nets: [String] = []
    for sharing in ["gross", "net"] {
      let t = try TestBundle(contract: base.replacingOccurrences(of: "SHARING", with: sharing))
      defer { t.remove() }
      let dir = try t.facts("q1", [("cash", "10000")])
      let (s, messages) = t.settle(dir, period: "2026Q1")
      let settlement = try #require(s, "\(messages)")
      let a = try #require(settlement.statements.first { $0.party == "a" })
      let b = try #require(settlement.statements.first { $0.party == "b" })
      nets.append("\(a.net) \(a.vat!.excluded) \(a.vat!.tax) | \(b.net)")
    }
    #expect(nets == ["1000.00 943.40 56.60 | 9600.00", "1060.00 1000.00 60.00 | 9540.00"])
  }
}
