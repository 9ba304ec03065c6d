/// The write-off rule, one function for `pay` and `ledger verify`: a write-off closes at most
/// the balance its party has on its date, from the side that balance is on.
///
/// The balance on a write-off's date counts the statements issued and every payment dated on
/// or before it, wherever it sits in the book or the bank file: a payment recorded later but
/// dated earlier counts. On one day the order is fixed: statements issued that day, then
/// payments and receipts, then write-offs; within each, the order recorded (the book's order,
/// then the bank file's rows).
public enum WriteOffRule {
  public enum Problem: Sendable, Equatable {
    /// The new write-off `index` is more than the balance on its date, or (its side given, as
    /// `ledger verify` reads it) closes the other side.
    case writeOff(index: Int, balance: Exact)
    /// The recorded write-off `recorded` held until the new lines `lines` (of its party, and
    /// before it in date order) were counted: with them, its date's balance is `balance`.
    case conflict(recorded: Int, lines: [Int], balance: Exact)
  }

  public struct Judgement: Sendable {
    /// The new payments, each write-off given the side of its date's balance (unless given).
    public var payments: [Payment]
    public var problems: [Problem]
  }

  /// Judges the `new` payments (in the order given) after the `recorded` ones (in the book's
  /// order) against the statements of `history`. A new write-off without a side gets the side
  /// of its balance; one over its balance is not counted further, so one problem does not make
  /// others. A recorded write-off that held without the new lines and does not with them is a
  /// conflict, blamed on the new lines of its party that come before it.
  public static func judge(_ history: StatementHistory, recorded: [Payment], new: [Payment])
    throws(ArithmeticError) -> Judgement
  {
    let before = try replay(history, recorded).failed
    let after = try replay(history, recorded + new)
    var problems: [Problem] = []
    let all = recorded + after.payments[recorded.count...]
    for (i, balance) in after.failed.sorted(by: { $0.key < $1.key }) {
      if i >= recorded.count {
        problems.append(.writeOff(index: i - recorded.count, balance: balance))
      } else if before[i] == nil {
        let w = all[i]
        let lines = new.indices.filter {
          new[$0].party == w.party && precedes(new[$0], recorded.count + $0, w, i)
        }
        problems.append(.conflict(recorded: i, lines: lines, balance: balance))
      }
    }
    return Judgement(payments: Array(after.payments[recorded.count...]), problems: problems)
  }

  /// Whether `a` (at `ai` in recorded order) counts in the balance `b` (at `bi`) is judged on.
  static func precedes(_ a: Payment, _ ai: Int, _ b: Payment, _ bi: Int) -> Bool {
    (a.date, rank(a), ai) < (b.date, rank(b), bi)
  }

  static func rank(_ p: Payment) -> Int { p.kind == .writeOff ? 2 : 1 }

  /// Every payment in date order, each write-off judged on the balance before it: the
  /// payments with sides filled in, and the write-offs that fail with their balance.
  static func replay(_ history: StatementHistory, _ given: [Payment]) throws(ArithmeticError)
    -> (payments: [Payment], failed: [Int: Exact])
  {
    var payments = given
    var failed: [Int: Exact] = [:]
    var balances: [String: Exact] = [:]
    // Statements rank 0: issued on a day, they count before that day's payments.
    let events =
      (history.items.indices.map { (date: history.items[$0].issued, rank: 0, index: $0) }
      + payments.indices.map { (date: payments[$0].date, rank: rank(payments[$0]), index: $0) })
      .sorted { ($0.date, $0.rank, $0.index) < ($1.date, $1.rank, $1.index) }
    for e in events {
      if e.rank == 0 {
        let item = history.items[e.index]
        balances[item.party] = try (balances[item.party] ?? .zero) + item.amount
        continue
      }
      var p = payments[e.index]
      let balance = balances[p.party] ?? .zero
      if p.kind == .writeOff {
        let side: Payment.Side = balance.isNegative ? .receivable : .payable
        let open = balance.isNegative ? balance.negated : balance
        if p.side == nil { p.side = side }
        payments[e.index] = p
        if p.side != side || open < p.amount {
          failed[e.index] = balance
          // A new write-off refused is not counted; a recorded one is what the book holds.
          if given[e.index].side == nil { continue }
        }
      }
      balances[p.party] = try balance + p.effect
    }
    return (payments, failed)
  }
}
