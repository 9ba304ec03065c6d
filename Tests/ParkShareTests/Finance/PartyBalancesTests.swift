import Foundation
import Testing

@testable import ParkShare

/// `PartyBalances` on statement histories built by hand: the open items always add up to the
/// closing balance, whatever the signs, and a write-off of what a party owes closes it.
@Suite struct PartyBalancesTests {
  static func item(_ n: Int, _ period: String, _ issued: String, _ amount: String)
    -> StatementHistory.Item
  {
    .init(
      number: n, party: "p", period: Period(period)!, issued: issued, amount: x(amount),
      difference: false)
  }

  static func history(_ items: [StatementHistory.Item]) -> StatementHistory {
    var h = StatementHistory()
    h.names = ["p": "P"]
    h.items = items
    return h
  }

  @Test func aPartyThatOwesIsClosedByAReceiptAndAWriteOff() throws {
    // 2026Q1: the party owes 300.00 (a clawback); 2026Q2: it is owed 100.00. It pays back
    // 150.00 (a receipt) and 20.00 of what it owes is written off (side receivable: +20.00).
    // Balance: -300.00 + 100.00 + 150.00 + 20.00 = -30.00.
    let h = Self.history([
      Self.item(1, "2026Q1", "2026-04-01", "-300.00"),
      Self.item(2, "2026Q2", "2026-07-01", "100.00"),
    ])
    let payments = [
      Payment(reference: "R", party: "p", kind: .receipt, amount: x("150.00"), date: "2026-05-01"),
      Payment(
        reference: "W", party: "p", kind: .writeOff, amount: x("20.00"), date: "2026-05-02",
        side: .receivable),
    ]
    let b = try PartyBalances.build(
      h, payments: payments, from: Period("2026Q1")!, to: Period("2026Q2")!, asOf: nil)
    let r = try #require(b.rows.first)
    #expect(b.asOf == "2026-07-01")
    #expect(r.settled == x("-200.00"))
    #expect(r.received == x("150.00"))
    #expect(r.writtenOff == x("-20.00"))
    #expect(r.closing == x("-30.00"))
    // FIFO: the receipt and the write-off leave 130.00 of statement 1 owed; statement 2's
    // 100.00 then settles 100.00 of it: 30.00 still owed, 91 days old on 2026-07-01.
    #expect(b.open.count == 1)
    #expect(b.open.first?.number == 1)
    #expect(b.open.first?.open == x("-30.00"))
    #expect(b.open.first?.days == 91)
  }

  @Test(arguments: 0..<40)
  func openItemsAddUpToTheClosingBalance(seed: Int) throws {
    var rng = SplitMix(seed: UInt64(seed))
    var items: [StatementHistory.Item] = []
    var period = Period("2026Q1")!
    for n in 1...6 {
      let cents = Int(rng.next() % 200_000) - 50_000
      items.append(
        Self.item(
          n, "\(period)", StatementHistory.dayAfter(period),
          try Exact(minorUnits: Int128(cents), decimals: 2).description))
      period = period.next
    }
    var payments: [Payment] = []
    for i in 0..<Int(rng.next() % 8) {
      let kinds: [Payment.Kind] = [.payment, .receipt, .writeOff]
      let kind = kinds[Int(rng.next() % 3)]
      let day = 1 + Int(rng.next() % 28)
      let month = 4 + Int(rng.next() % 15)
      let date = String(
        format: "%04d-%02d-%02d", 2026 + (month - 1) / 12, (month - 1) % 12 + 1, day)
      payments.append(
        Payment(
          reference: "R\(i)", party: "p", kind: kind, amount: x("\(1 + rng.next() % 100_000).00"),
          date: date, side: kind == .writeOff ? (rng.next() % 2 == 0 ? .payable : .receivable) : nil
        ))
    }
    let b = try PartyBalances.build(
      Self.history(items), payments: payments, from: Period("2026Q1")!, to: period.previous,
      asOf: nil)
    var open = Exact.zero
    for o in b.open { open = try open + o.open }
    #expect(open == b.rows[0].closing, "seed \(seed)")
    // Every open item has the closing balance's sign: nothing both owed and owing.
    #expect(b.open.allSatisfy { $0.open.isNegative == b.rows[0].closing.isNegative })
  }
}
