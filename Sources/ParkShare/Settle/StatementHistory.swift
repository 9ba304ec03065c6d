/// Every statement a ledger issued, as money owed: what `pay` checks payments against and what
/// the report ages. Read from the settlement records only.
public struct StatementHistory: Sendable {
  /// One issued statement: an initial statement's net, or a difference statement's difference
  /// (positive: owed to the party; negative: owed by it).
  public struct Item: Sendable, Equatable {
    public var number: Int
    public var party: String
    public var period: Period
    /// The issue date; for records written before issue dates were kept, the day after the
    /// period ended.
    public var issued: String
    public var amount: Exact
    public var difference: Bool
  }

  public var contract = ""
  public var currency = "CNY"
  public var decimals = 2
  /// Party ids and their names as the statements print them.
  public var names: [String: String] = [:]
  /// In the order issued (by statement number).
  public var items: [Item] = []

  /// The earliest issue date: no payment is dated before it.
  public var firstIssued: String? { items.map(\.issued).min() }

  public static func of(_ ledger: Ledger) throws(Ledger.Refusal) -> StatementHistory {
    var recorded: [(record: Ledger.Record, settlement: RecordedSettlement)] = []
    for record in ledger.records {
      recorded.append((try ledger.full(record), try ledger.settlement(of: record)))
    }
    return of(recorded)
  }

  /// The history of these records and their settlements, in chain order: what `ledger verify`
  /// builds from the records it read, `pay` from the ledger it opened.
  static func of(_ recorded: [(record: Ledger.Record, settlement: RecordedSettlement)])
    -> StatementHistory
  {
    var h = StatementHistory()
    for (record, s) in recorded {
      h.contract = s.contract.id
      h.currency = s.currency
      h.decimals = s.decimals
      let issued = record.issued ?? s.issue?.issued ?? Self.dayAfter(record.period)
      for st in s.statements { h.names[st.party] = st.name }
      if record.kind == .amendment {
        for d in s.issue?.differences ?? [] {
          h.items.append(
            Item(
              number: d.number, party: d.party, period: record.period, issued: issued,
              amount: d.difference, difference: true))
        }
      } else {
        for st in s.statements {
          h.items.append(
            Item(
              number: st.number ?? 0, party: st.party, period: record.period, issued: issued,
              amount: st.net, difference: false))
        }
      }
    }
    h.items.sort { ($0.number, $0.party) < ($1.number, $1.party) }
    return h
  }

  /// The day after `period` ends, YYYY-MM-DD.
  static func dayAfter(_ period: Period) -> String {
    "\(Period(containing: period.lastMonth + 1, length: .month))-01"
  }

  /// What is owed to `party` on `date` (statements issued and payments dated on or before it),
  /// from these statements and `payments`.
  public func balance(of party: String, on date: String, payments: [Payment])
    throws(ArithmeticError) -> Exact
  {
    var total = Exact.zero
    for i in items where i.party == party && i.issued <= date { total = try total + i.amount }
    for p in payments where p.party == party && p.date <= date { total = try total + p.effect }
    return total
  }
}
