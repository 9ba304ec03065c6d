/// Double-entry transactions for settled periods, read from the ledger: revenue recognised per
/// stream (a subsidy as a receivable from its payer), payables per party, reserves and arrears;
/// every transaction balances exactly in the minor unit (a rounding posting says where a pool's
/// rounding went), and balance assertions after each booking day check the payables,
/// receivables, funds and arrears against parkshare's own totals.
public struct Journal: Sendable {
  public struct Posting: Sendable, Equatable {
    public var account: String
    public var amount: Exact
    /// The statement the posting is on (a party's payable or arrears, a payer's receivable),
    /// and for a difference statement the number it corrects.
    public var statement: Int? = nil
    public var amends: Int? = nil
  }

  public struct Transaction: Sendable {
    public var date: String
    public var narration: Narration
    /// The ledger record it books, for the reader ("" for the opening balances).
    public var record: String
    /// The record's issue date and every statement number it issued.
    public var issued: String? = nil
    public var statements: [Int] = []
    public var postings: [Posting]
  }

  public struct Balance: Sendable {
    public var date: String
    public var account: String
    public var amount: Exact
    /// How many transactions come before it: ledger checks assertions in file order, so they
    /// are written right after the day they close.
    public var after: Int
  }

  /// On which day an amendment is booked: the day it was issued (the default: a closed period
  /// stays closed), or the last day of the period it corrects.
  public enum AmendmentBooking: String, Sendable, CaseIterable {
    case issued
    case inPeriod = "in-period"
  }

  public var contract: String
  public var currency: String
  public var decimals: Int
  public var openDate: String
  public var accounts: [String]
  /// The name behind an account: the party's (Chinese names as written) for payables,
  /// receivables and arrears, or the account file's `name` line.
  public var names: [String: String]
  /// Chart-of-accounts codes (科目编码) from the account file's `code` lines.
  public var codes: [String: String] = [:]
  /// The party behind a party's account (payable, receivable, arrears), by the party's own name
  /// whatever the account file calls the account: a voucher's counterparty (往来单位).
  public var counterparties: [String: String] = [:]
  public var transactions: [Transaction]
  public var balances: [Balance]

  /// Journal of the ledger's records; with `period`, the transactions booked within that
  /// period's days after an opening transaction bringing the balance-sheet accounts forward
  /// against the `opening` account. Amendments book the difference from the record they
  /// correct, on the day `amendments` says.
  public static func build(
    _ ledger: Ledger, period: Period? = nil, accounts names: JournalAccounts = JournalAccounts(),
    amendments: AmendmentBooking = .issued
  ) throws(Ledger.Refusal) -> Journal {
    var booked: [Transaction] = []
    var latest: [Period: [Entry: [String: Exact]]] = [:]  // period -> entry -> postings
    // The accounts whose balances parkshare keeps (payables, receivables, funds, arrears).
    var checked = Set<String>()
    var currency = "CNY"
    var decimals = 2
    var contract = ""
    var partyNames: [String: String] = [:]
    for indexed in ledger.records {
      let record = try ledger.full(indexed)
      let s = try ledger.settlement(of: record)
      if let issued = record.issued, !Self.isDay(issued) {
        throw Ledger.Refusal(
          message: "ledger record '\(record.file)' is issued on '\(issued)', not a YYYY-MM-DD date",
          hint: Ledger.tamperHint)
      }
      currency = s.currency
      decimals = s.decimals
      contract = s.contract.id
      var parties: [String: String] = [:]  // account -> party
      let groups = try Self.postings(s, names, checked: &checked, parties: &parties)
      let stated = Dictionary(s.statements.map { ($0.party, $0) }, uniquingKeysWith: { a, _ in a })
      for (account, party) in parties {
        if let name = stated[party]?.name { partyNames[account] = name }
      }
      let numbers = record.numbers ?? [:]
      let amended = Dictionary(
        (s.issue?.differences ?? []).map { ($0.party, $0.amends) }, uniquingKeysWith: { a, _ in a })
      let previous = latest[record.period] ?? [:]
      latest[record.period] = groups
      let event: Event =
        record.kind == .amendment ? .amendment(reason: s.issue?.reason ?? "") : .settlement
      for key in Set(groups.keys).union(previous.keys).sorted() {
        var postings: [String: Exact] = groups[key] ?? [:]
        for (a, v) in previous[key] ?? [:] {
          postings[a] = try Self.plus(postings[a] ?? .zero, v.negated, record.period)
        }
        let list = postings.filter { !$0.value.isZero }.sorted { $0.key < $1.key }.map {
          let party = parties[$0.key]
          return Posting(
            account: $0.key, amount: $0.value, statement: party.flatMap { numbers[$0] },
            amends: party.flatMap { amended[$0] ?? nil })
        }
        guard !list.isEmpty else { continue }
        booked.append(
          Transaction(
            date: Self.bookingDate(record, amendments),
            narration: .booking(
              contract: s.contract.id, period: record.period, event: event, entry: key),
            record: record.file, issued: record.issued, statements: numbers.values.sorted(),
            postings: list))
      }
    }
    // In date order; a day's transactions in the order they were recorded.
    let ordered = booked.enumerated().sorted {
      ($0.element.date, $0.offset) < ($1.element.date, $1.offset)
    }.map(\.element)
    var kept = ordered
    var openDate = ledger.records.first.map { Self.firstDay($0.period) } ?? "1970-01-01"
    if let period {
      let from = Self.firstDay(period)
      let to = Self.lastDay(period)
      kept = ordered.filter { from <= $0.date && $0.date <= to }
      openDate = from
      var before: [String: Exact] = [:]
      for t in ordered where t.date < from {
        for p in t.postings {
          before[p.account] = try Self.plus(before[p.account] ?? .zero, p.amount, nil)
        }
      }
      let carried = before.filter { JournalAccounts.carriesForward($0.key) && !$0.value.isZero }
      if !carried.isEmpty {
        openDate = Self.lastDay(period.previous)
        kept.insert(try Self.opening(carried, date: openDate, names, contract), at: 0)
      }
    }
    var running: [String: Exact] = [:]
    var transactions: [Transaction] = []
    var balances: [Balance] = []
    for (i, t) in kept.enumerated() {
      transactions.append(t)
      for p in t.postings {
        running[p.account] = try Self.plus(running[p.account] ?? .zero, p.amount, nil)
      }
      // After the last transaction of a booking day: the balances it leaves, checked the next
      // morning (beancount checks a balance at the start of its day).
      guard !t.narration.isOpening, i + 1 == kept.count || kept[i + 1].date != t.date else {
        continue
      }
      for (account, amount) in running.sorted(by: { $0.key < $1.key })
      where checked.contains(account) {
        balances.append(
          Balance(
            date: Self.nextDay(t.date), account: account, amount: amount,
            after: transactions.count))
      }
    }
    var used = Set<String>()
    for t in transactions { for p in t.postings { used.insert(p.account) } }
    let named = partyNames.merging(names.names) { _, file in file }
    return Journal(
      contract: contract, currency: currency, decimals: decimals, openDate: openDate,
      accounts: used.sorted(), names: named.filter { used.contains($0.key) },
      codes: names.codes.filter { used.contains($0.key) },
      counterparties: partyNames.filter { used.contains($0.key) }, transactions: transactions,
      balances: balances)
  }

  /// The balances brought forward (assets, liabilities, equity) against the `opening` account:
  /// what income and expenses left before the period, as equity.
  static func opening(
    _ carried: [String: Exact], date: String, _ names: JournalAccounts, _ contract: String
  ) throws(Ledger.Refusal) -> Transaction {
    var postings = carried.sorted { $0.key < $1.key }.map {
      Posting(account: $0.key, amount: $0.value)
    }
    var total = Exact.zero
    for p in postings { total = try plus(total, p.amount, nil) }
    if !total.isZero {
      postings.append(
        Posting(account: names.name(.opening, ["contract": contract]), amount: total.negated))
    }
    return Transaction(
      date: date, narration: .opening(contract: contract), record: "", postings: postings)
  }
}

extension Period {
  /// The period of the same length just before this one.
  public var previous: Period { Period(containing: firstMonth - 1, length: length) }
}
