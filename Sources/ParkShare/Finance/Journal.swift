/// Double-entry transactions for settled periods, read from the ledger: revenue recognised per
/// stream, payables per party, reserves and arrears; every transaction balances exactly in the
/// minor unit (a rounding posting says where a pool's rounding went), and balance assertions
/// after each period check the payables, funds and arrears against parkshare's own totals.
public struct Journal: Sendable {
  public struct Posting: Sendable, Equatable {
    public var account: String
    public var amount: Exact
  }

  public struct Transaction: Sendable {
    public var date: String
    public var narration: Narration
    /// The ledger record it books, for the reader.
    public var record: String
    public var postings: [Posting]
  }

  public struct Balance: Sendable {
    public var date: String
    public var account: String
    public var amount: Exact
    /// How many transactions come before it: ledger checks assertions in file order, so they
    /// are written right after the period they close.
    public var after: Int
  }

  public var contract: String
  public var currency: String
  public var decimals: Int
  public var openDate: String
  public var accounts: [String]
  /// The party name behind each payable and arrears account (Chinese names as written).
  public var names: [String: String]
  public var transactions: [Transaction]
  public var balances: [Balance]

  /// Journal of the ledger's records (those of `period` only, when given, after an opening
  /// balance transaction). Amendments book the difference from the record they correct.
  public static func build(
    _ ledger: Ledger, period: Period? = nil, accounts names: JournalAccounts = JournalAccounts()
  ) throws(Ledger.Refusal) -> Journal {
    var transactions: [Transaction] = []
    var balances: [Balance] = []
    var running: [String: Exact] = [:]
    var latest: [Period: [Entry: [String: Exact]]] = [:]  // period -> entry -> postings
    // The accounts whose balances parkshare keeps (payables, funds, arrears): asserted.
    var checked = Set<String>()
    var currency = "CNY"
    var decimals = 2
    var contract = ""
    var first: Period? = nil
    var partyNames: [String: String] = [:]
    let records = ledger.records
    for (i, record) in records.enumerated() {
      let s = try ledger.settlement(of: record)
      currency = s.currency
      decimals = s.decimals
      contract = s.contract.id
      for st in s.statements {
        for kind in [JournalAccounts.Kind.payable, .arrears, .arrearsExpense] {
          partyNames[names.name(kind, ["contract": contract, "party": st.party])] = st.name
        }
      }
      let groups = try Self.postings(s, names, checked: &checked)
      let previous = latest[record.period] ?? [:]
      latest[record.period] = groups
      let date = Self.lastDay(record.period)
      let include = period == nil || record.period == period
      if include && first == nil { first = record.period }
      if period != nil && record.period < period! {
        for (_, postings) in groups.sorted(by: { $0.key < $1.key }) {
          for (a, v) in postings {
            running[a] = try Self.plus(running[a] ?? .zero, v, record.period)
          }
        }
        // Earlier records' postings are replaced by the later ones of the same period.
        for (_, postings) in previous {
          for (a, v) in postings {
            running[a] = try Self.plus(running[a] ?? .zero, v.negated, record.period)
          }
        }
        continue
      }
      guard include else { continue }
      if period != nil && transactions.isEmpty && !running.isEmpty {
        transactions.append(
          try Self.opening(running, date: Self.lastDay(record.period.previous), names, contract))
      }
      let event: Event =
        record.kind == .amendment ? .amendment(reason: s.issue?.reason ?? "") : .settlement
      for key in Set(groups.keys).union(previous.keys).sorted() {
        var postings: [String: Exact] = groups[key] ?? [:]
        for (a, v) in previous[key] ?? [:] {
          postings[a] = try Self.plus(postings[a] ?? .zero, v.negated, record.period)
        }
        let list = postings.filter { !$0.value.isZero }.sorted { $0.key < $1.key }.map {
          Posting(account: $0.key, amount: $0.value)
        }
        guard !list.isEmpty else { continue }
        for p in list {
          running[p.account] = try Self.plus(running[p.account] ?? .zero, p.amount, record.period)
        }
        transactions.append(
          Transaction(
            date: date,
            narration: .booking(
              contract: s.contract.id, period: record.period, event: event, entry: key),
            record: record.file, postings: list))
      }
      // After the last record of a period: the payables, funds and arrears it leaves.
      let lastOfPeriod = !records[(i + 1)...].contains { $0.period == record.period }
      if lastOfPeriod {
        let next = Self.nextDay(date)
        for (account, amount) in running.sorted(by: { $0.key < $1.key })
        where checked.contains(account) {
          balances.append(
            Balance(date: next, account: account, amount: amount, after: transactions.count))
        }
      }
    }
    var used = Set<String>()
    for t in transactions { for p in t.postings { used.insert(p.account) } }
    // Accounts open on the first day written: the opening-balances transaction's (the day
    // before the period), else the first period's first day.
    let opened = transactions.first { $0.narration.isOpening }?.date
    return Journal(
      contract: contract, currency: currency, decimals: decimals,
      openDate: opened ?? first.map { Self.firstDay($0) } ?? "1970-01-01", accounts: used.sorted(),
      names: partyNames.filter { used.contains($0.key) }, transactions: transactions,
      balances: balances)
  }

  static func opening(
    _ running: [String: Exact], date: String, _ names: JournalAccounts, _ contract: String
  ) throws(Ledger.Refusal) -> Transaction {
    var postings = running.filter { !$0.value.isZero }.sorted { $0.key < $1.key }.map {
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

  /// A settlement's postings, by entry (a pool's revenue, its distribution, arrears); the
  /// payable, fund and arrears accounts it names join `checked`.
  static func postings(
    _ s: RecordedSettlement, _ names: JournalAccounts, checked: inout Set<String>
  ) throws(Ledger.Refusal) -> [Entry: [String: Exact]] {
    let c = s.contract.id
    let mode = RoundingMode(rawValue: s.rounding) ?? .halfUp
    func fen(_ v: Exact) throws(Ledger.Refusal) -> Exact {
      do {
        return try Exact(minorUnits: v.minorUnits(decimals: s.decimals, mode), decimals: s.decimals)
      } catch {
        throw Ledger.Refusal(message: "an amount of \(s.period) does not fit: \(error)")
      }
    }
    func add(_ into: inout [String: Exact], _ account: String, _ v: Exact) throws(Ledger.Refusal) {
      into[account] = try plus(into[account] ?? .zero, v, s.period)
    }
    var out: [Entry: [String: Exact]] = [:]
    for pool in s.pools {
      var revenue: [String: Exact] = [:]
      try add(&revenue, names.name(.pool, ["contract": c, "pool": pool.pool]), pool.total)
      var booked = Exact.zero
      for src in pool.sources {
        let v = try fen(src.amount)
        try add(&revenue, names.name(.income, ["contract": c, "source": src.id]), v.negated)
        booked = try plus(booked, v, s.period)
      }
      // The pool's total is rounded once; the sources one by one: the difference is explicit.
      let rest = try plus(pool.total, booked.negated, s.period)
      if !rest.isZero { try add(&revenue, names.name(.rounding, ["contract": c]), rest.negated) }
      out[.revenue(pool: pool.pool)] = revenue
      var distribution: [String: Exact] = [:]
      var paid = Exact.zero
      for l in pool.lines {
        let account =
          switch l.recipient {
          case .fund(let fund): names.name(.fund, ["contract": c, "fund": fund])
          case .party(let party): names.name(.payable, ["contract": c, "party": party])
          }
        checked.insert(account)
        try add(&distribution, account, l.amount.negated)
        paid = try plus(paid, l.amount, s.period)
      }
      try add(&distribution, names.name(.distribution, ["contract": c, "pool": pool.pool]), paid)
      out[.distribution(pool: pool.pool)] = distribution
    }
    var arrears: [String: Exact] = [:]
    for pool in s.pools {
      for a in pool.arrears {
        let change = try plus(try fen(a.closing), try fen(a.opening).negated, s.period)
        guard !change.isZero else { continue }
        let owed = names.name(.arrears, ["contract": c, "party": a.party])
        checked.insert(owed)
        try add(&arrears, names.name(.arrearsExpense, ["contract": c, "party": a.party]), change)
        try add(&arrears, owed, change.negated)
      }
    }
    if !arrears.isEmpty { out[.arrears] = arrears }
    return out.mapValues { $0.filter { !$0.value.isZero } }
  }

  static func firstDay(_ p: Period) -> String {
    Timestamp.text(parkMinutes: Timestamp.parkMinutes(month: p.firstMonth)).prefix(10).description
  }

  static func lastDay(_ p: Period) -> String {
    Timestamp.text(parkMinutes: Timestamp.parkMinutes(month: p.lastMonth + 1) - 1440).prefix(10)
      .description
  }

  static func nextDay(_ date: String) -> String {
    let y = Int(date.prefix(4))!
    let m = Int(date.dropFirst(5).prefix(2))!
    let d = Int(date.suffix(2))!
    let day = Timestamp.days(year: y, month: m, day: d) + 1
    return Timestamp.text(parkMinutes: day * 1440).prefix(10).description
  }
}

extension Period {
  /// The period of the same length just before this one.
  public var previous: Period { Period(containing: firstMonth - 1, length: length) }
}
