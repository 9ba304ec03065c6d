import Foundation
import Testing

@testable import ParkShare

/// `WriteOffRule`: a write-off is judged on its date's balance counting every payment dated on
/// or before it, whatever order they were recorded in; `pay` and `ledger verify` share it.
@Suite struct WriteOffRuleTests {
  /// The bank is owed 4,000.00 from 2026-04-01.
  static let history = StatementHistory(
    names: ["bank": "Bank"],
    items: [
      .init(
        number: 1, party: "bank", period: Period("2026Q1")!, issued: "2026-04-01",
        amount: x("4000.00"), difference: false)
    ])

  static func pay(
    _ ref: String, _ kind: Payment.Kind, _ amount: String, _ date: String,
    _ side: Payment.Side? = nil
  ) -> Payment {
    Payment(reference: ref, party: "bank", kind: kind, amount: x(amount), date: date, side: side)
  }

  @Test func aLaterRowDatedEarlierCountsFirst() throws {
    // W 4,000.00 on 04-10, then P 5.00 on 04-09: in date order 4,000.00 - 5.00 = 3,995.00
    // is the balance W closes; it is more than that.
    let j = try WriteOffRule.judge(
      Self.history, recorded: [],
      new: [
        Self.pay("W", .writeOff, "4000.00", "2026-04-10"),
        Self.pay("P", .payment, "5.00", "2026-04-09"),
      ])
    #expect(j.problems == [.writeOff(index: 0, balance: x("3995.00"))])
    // 3,995.00 is within it: payable.
    let ok = try WriteOffRule.judge(
      Self.history, recorded: [],
      new: [
        Self.pay("W", .writeOff, "3995.00", "2026-04-10"),
        Self.pay("P", .payment, "5.00", "2026-04-09"),
      ])
    #expect(ok.problems.isEmpty)
    #expect(ok.payments[0].side == .payable)
  }

  @Test func aBackdatedPaymentCannotUndercutARecordedWriteOff() throws {
    let recorded = [Self.pay("W", .writeOff, "4000.00", "2026-04-10", .payable)]
    // 5.00 on 04-09 and on 04-10 (payments before write-offs on a day) come before W:
    // 4,000.00 - 5.00 - 5.00 = 3,990.00 < 4,000.00. 5.00 on 04-11 does not.
    let j = try WriteOffRule.judge(
      Self.history, recorded: recorded,
      new: [
        Self.pay("A", .payment, "5.00", "2026-04-09"),
        Self.pay("B", .payment, "5.00", "2026-04-10"),
        Self.pay("C", .payment, "5.00", "2026-04-11"),
      ])
    #expect(j.problems == [.conflict(recorded: 0, lines: [0, 1], balance: x("3990.00"))])
    let later = try WriteOffRule.judge(
      Self.history, recorded: recorded, new: [Self.pay("C", .payment, "5.00", "2026-04-11")])
    #expect(later.problems.isEmpty)
  }

  @Test func aReceiptThatFlipsTheSideConflicts() throws {
    // Paid 4,010.00 on 04-05: the bank owes 10.00; a receivable write-off of 10.00 on 04-10
    // closes it. A receipt of 20.00 on 04-06 makes the balance +10.00: the wrong side.
    let recorded = [
      Self.pay("P", .payment, "4010.00", "2026-04-05"),
      Self.pay("W", .writeOff, "10.00", "2026-04-10", .receivable),
    ]
    #expect(try WriteOffRule.judge(Self.history, recorded: [], new: recorded).problems.isEmpty)
    let j = try WriteOffRule.judge(
      Self.history, recorded: recorded, new: [Self.pay("R", .receipt, "20.00", "2026-04-06")])
    #expect(j.problems == [.conflict(recorded: 1, lines: [0], balance: x("10.00"))])
  }

  /// Property: for any order of the same lines, the judgement of the write-offs is the same
  /// (it depends on dates, not on rows).
  @Test func theOrderOfRowsDoesNotMatter() throws {
    var random = SplitMixRandom(seed: 15)
    for _ in 0..<200 {
      let lines = (0..<5).map { i -> Payment in
        let day = 2 + Int(random.next() % 5)
        let kind: Payment.Kind = [.payment, .receipt, .writeOff][Int(random.next() % 3)]
        let amount = ["500.00", "1000.00", "2000.00", "3000.00"][Int(random.next() % 4)]
        return Self.pay("R\(i)", kind, amount, "2026-04-0\(day)")
      }
      let a = try WriteOffRule.judge(Self.history, recorded: [], new: lines)
      let b = try WriteOffRule.judge(Self.history, recorded: [], new: lines.reversed())
      func refused(_ j: WriteOffRule.Judgement, _ ls: [Payment]) -> Set<String> {
        Set(
          j.problems.compactMap {
            if case .writeOff(let i, _) = $0 { ls[i].reference } else { nil }
          })
      }
      // Write-offs on the same day are judged in row order: compare only when there are none.
      let days = lines.filter { $0.kind == .writeOff }.map(\.date)
      if Set(days).count == days.count {
        #expect(refused(a, lines) == refused(b, lines.reversed()))
      }
    }
  }

  // MARK: ledger verify

  /// A payment record written straight into the book (chained, HEAD updated), as someone with
  /// write access could: `pay`'s checks skipped.
  static func append(_ f: LedgerTests.Fixture, _ payments: [Payment]) throws {
    var book = try PaymentBook.read(f.ledger)
    let ledger = try Ledger.open(f.ledger)
    let prepared = try book.prepare(payments, source: nil, after: ledger)
    withExtendedLifetime(ledger) {}
    try book.append(prepared)
  }

  @Test func verifyRejudgesAnEditedWriteOffWithItsChainRecomputed() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)  // the bank is owed 4,000.00 from 2026-04-01
    let w = ["--party", "bank", "--amount", "10.00", "--date", "2026-04-02", "--ref", "W"]
    #expect(try PaymentTests.pay(f, w + ["--kind", "write-off"]).status == 0)
    #expect(try runParkshare(["ledger", "verify", f.ledger]).status == 0)
    let path = f.ledger + "/payments/0001.json"
    let original = try String(contentsOfFile: path, encoding: .utf8)
    for (from, to, says) in [
      (
        "\"10.00\"", "\"99999999.00\"", "holds write-off 'W' of 99999999.00 (payable) on 2026-04-02"
      ),
      ("\"payable\"", "\"receivable\"", "holds write-off 'W' of 10.00 (receivable) on 2026-04-02"),
    ] {
      let edited = original.replacingOccurrences(of: from, with: to)
      #expect(edited != original)
      try edited.write(toFile: path, atomically: true, encoding: .utf8)
      // The chain recomputed: HEAD names the edited record's SHA-256.
      try "1 \(SHA256.hex(Data(edited.utf8)))\n".write(
        toFile: f.ledger + "/payments/HEAD", atomically: true, encoding: .utf8)
      let v = try runParkshare(["ledger", "verify", f.ledger])
      #expect(v.status == 1)
      #expect(
        v.err.contains("payments/0001.json: error[ledger-verify]: 'payments/0001.json' \(says)"),
        "\(v.err)")
      #expect(v.err.contains("but bank's balance on that date is 4000.00"), "\(v.err)")
    }
  }

  @Test func verifyFindsABackdatedPaymentWrittenPastPay() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    try Self.append(f, [Self.pay("W", .writeOff, "4000.00", "2026-04-10", .payable)])
    #expect(try runParkshare(["ledger", "verify", f.ledger]).status == 0)
    // 4,000.00 - 5.00 = 3,995.00 on 04-10: the write-off recorded first no longer fits.
    try Self.append(f, [Self.pay("P", .payment, "5.00", "2026-04-09")])
    let v = try runParkshare(["ledger", "verify", f.ledger])
    #expect(v.status == 1)
    #expect(
      v.err.contains(
        "'payments/0002.json' holds payment 'P' on 2026-04-09, before the write-off 'W' of 4000.00 on 2026-04-10 recorded earlier: with it, bank's balance on 2026-04-10 is 3995.00"
      ), "\(v.err)")
  }
}
