/// The money side of `parkshare report`: for each party, what its statements settled and
/// amended, what was paid, received and written off, and the statements still open as of a
/// date, oldest first (payments allocated to the oldest statements: FIFO).
///
/// Signs: a balance is what is owed TO the party (negative: owed BY it).
/// `closing = opening + settled + amended - paid + received - writtenOff`, where `writtenOff`
/// is positive for a write-off of what was owed to the party and negative for one of what it
/// owed. Statements count when issued on or before `asOf`, payments when dated on or before it.
/// `opening` holds the statements of periods before `from` and the payments dated before its
/// first day; `paid`, `received` and `writtenOff` the payments from that day to `asOf`.
public struct PartyBalances: Sendable, Codable {
  public var asOf: String
  public var rows: [Row]
  /// Open statements (and payments not yet allocated to one), by party, oldest first.
  public var open: [OpenItem]

  public struct Row: Sendable, Codable {
    public var party: String
    public var name: String
    public var opening: Exact
    public var settled: Exact
    public var amended: Exact
    public var paid: Exact
    public var received: Exact
    public var writtenOff: Exact
    public var closing: Exact
  }

  public struct OpenItem: Sendable, Codable {
    public var party: String
    /// The statement (its number and period), or, for money paid or received ahead of any
    /// statement it could settle, the payment's reference.
    public var number: Int?
    public var period: Period?
    public var reference: String?
    public var issued: String
    public var amount: Exact
    /// What of `amount` is still open.
    public var open: Exact
    /// Days from `issued` to `asOf`.
    public var days: Int
  }

  public static func build(
    _ history: StatementHistory, payments all: [Payment], from: Period, to: Period,
    asOf given: String?
  ) throws(ArithmeticError) -> PartyBalances {
    let asOf =
      given ?? (history.items.map(\.issued) + all.map(\.date)).max() ?? Journal.firstDay(from)
    let start = Journal.firstDay(from)
    let items = history.items.filter { !(to < $0.period) && $0.issued <= asOf }
    let payments = all.filter { $0.date <= asOf }
    var rows: [Row] = []
    var open: [OpenItem] = []
    for party in history.names.keys.sorted() {
      var r = Row(
        party: party, name: history.names[party] ?? party, opening: .zero, settled: .zero,
        amended: .zero, paid: .zero, received: .zero, writtenOff: .zero, closing: .zero)
      for i in items where i.party == party {
        if i.period < from {
          r.opening = try r.opening + i.amount
        } else if i.difference {
          r.amended = try r.amended + i.amount
        } else {
          r.settled = try r.settled + i.amount
        }
      }
      for p in payments where p.party == party {
        if p.date < start {
          r.opening = try r.opening + p.effect
          continue
        }
        switch p.kind {
        case .payment: r.paid = try r.paid + p.amount
        case .receipt: r.received = try r.received + p.amount
        case .writeOff: r.writtenOff = try r.writtenOff - p.effect
        }
      }
      r.closing = try r.opening + r.settled + r.amended - r.paid + r.received - r.writtenOff
      rows.append(r)
      open += try Self.ageing(
        items.filter { $0.party == party }, payments.filter { $0.party == party }, asOf: asOf)
    }
    return PartyBalances(asOf: asOf, rows: rows, open: open)
  }

  /// A party's open items: statements and payments in date order (statements first on a day),
  /// each settling the oldest open items of the other sign first.
  static func ageing(_ items: [StatementHistory.Item], _ payments: [Payment], asOf: String)
    throws(ArithmeticError) -> [OpenItem]
  {
    enum Event {
      case statement(StatementHistory.Item)
      case payment(Payment)
    }
    let events: [(date: String, rank: Int, event: Event)] =
      items.enumerated().map { ($1.issued, $0, .statement($1)) }
      + payments.enumerated().map { ($1.date, items.count + $0, .payment($1)) }
    var queue: [OpenItem] = []
    let day = CalendarDay(asOf)?.number ?? 0
    for e in events.sorted(by: { ($0.date, $0.rank) < ($1.date, $1.rank) }) {
      var item: OpenItem
      switch e.event {
      case .statement(let s):
        item = OpenItem(
          party: s.party, number: s.number, period: s.period, reference: nil, issued: s.issued,
          amount: s.amount, open: s.amount, days: 0)
      case .payment(let p):
        item = OpenItem(
          party: p.party, number: nil, period: nil, reference: p.reference, issued: p.date,
          amount: p.effect, open: p.effect, days: 0)
      }
      // Settle the oldest items of the other sign.
      while !item.open.isZero, let first = queue.first,
        first.open.isNegative != item.open.isNegative
      {
        let sum = try first.open + item.open
        if sum.isZero || sum.isNegative == first.open.isNegative {
          // The new item is used up against the oldest.
          queue[0].open = sum
          item.open = .zero
          if sum.isZero { queue.removeFirst() }
        } else {
          item.open = sum
          queue.removeFirst()
        }
      }
      if !item.open.isZero {
        item.days = day - (CalendarDay(item.issued)?.number ?? day)
        queue.append(item)
      }
    }
    return queue
  }
}
