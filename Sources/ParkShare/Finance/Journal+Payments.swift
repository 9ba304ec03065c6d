/// The payment book in the journal: each payment, receipt or write-off as a transaction on its
/// date, placed among the settlements' transactions by date, and the balance assertions moved
/// with them so that each still holds: an assertion on day X includes every payment dated
/// before X (beancount checks a balance at the start of its day; ledger and hledger read the
/// file in order, and every payment before X is written before the assertion).
///
/// A payment to a party debits its payable and credits the bank; a receipt the other way; a
/// write-off of what is owed to a party debits the payable and credits income (`written-off`),
/// one of what a party owes credits the payable and debits an expense (`bad-debt`).
extension Journal {
  public func booking(
    _ payments: [Payment], parties: [String: String], period: Period? = nil,
    accounts names: JournalAccounts = JournalAccounts()
  ) throws(Ledger.Refusal) -> Journal {
    // A journal of one period: the payments up to its last day; those before it, in one
    // transaction after the opening balances.
    let last = period.map { Self.lastDay($0) }
    let opening = transactions.first { $0.narration.isOpening }
    let kept = payments.enumerated().filter { last == nil || $0.element.date <= last! }
      .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    guard !kept.isEmpty else { return self }
    let before = kept.filter { p in opening.map { p.date <= $0.date } ?? false }
    var pending = kept.filter { p in !(opening.map { p.date <= $0.date } ?? false) }[...]
    var out = self
    out.transactions = []
    out.balances = []
    var delta: [String: Exact] = [:]
    var used = Set(accounts)
    func emit(_ t: Transaction) throws(Ledger.Refusal) {
      for p in t.postings {
        delta[p.account] = try Self.plus(delta[p.account] ?? .zero, p.amount, nil)
        used.insert(p.account)
      }
      out.transactions.append(t)
    }
    func emit(before date: String) throws(Ledger.Refusal) {
      while let p = pending.first, p.date < date {
        try emit(try transaction(p, names))
        pending.removeFirst()
      }
    }
    for (i, t) in transactions.enumerated() {
      if t.narration.isOpening {
        out.transactions.append(t)
        if !before.isEmpty { try emit(try folded(before, date: t.date, names)) }
      } else {
        try emit(before: t.date)
        out.transactions.append(t)
      }
      let group = balances.filter { $0.after == i + 1 }
      guard let first = group.first else { continue }
      try emit(before: first.date)
      for b in group {
        var moved = b
        moved.amount = try Self.plus(b.amount, delta[b.account] ?? .zero, nil)
        moved.after = out.transactions.count
        out.balances.append(moved)
      }
    }
    let assertedBefore = out.balances.count
    while let p = pending.first {
      try emit(try transaction(p, names))
      pending.removeFirst()
    }
    // Payments after the last assertion: the balances they leave, asserted the day after.
    let lastAsserted = out.balances.last?.after ?? 0
    if out.transactions.count > lastAsserted, let lastDate = kept.last?.date {
      var accounts = Set(
        out.balances[..<assertedBefore].filter { $0.after == lastAsserted }.map(\.account))
      for p in kept {
        accounts.insert(names.name(.payable, ["contract": contract, "party": p.party]))
      }
      var total: [String: Exact] = [:]
      for t in out.transactions {
        for p in t.postings where accounts.contains(p.account) {
          total[p.account] = try Self.plus(total[p.account] ?? .zero, p.amount, nil)
        }
      }
      for account in accounts.sorted() {
        out.balances.append(
          Balance(
            date: Self.nextDay(lastDate), account: account, amount: total[account] ?? .zero,
            after: out.transactions.count))
      }
    }
    out.accounts = used.sorted()
    for (party, name) in parties {
      let account = names.name(.payable, ["contract": contract, "party": party])
      if used.contains(account) && out.names[account] == nil { out.names[account] = name }
      if used.contains(account) { out.counterparties[account] = name }
    }
    // The bank and write-off accounts the payments post to take their names and codes from the
    // account file, as the settlements' accounts do.
    for account in used {
      if out.names[account] == nil, let name = names.names[account] { out.names[account] = name }
      if out.codes[account] == nil, let code = names.codes[account] { out.codes[account] = code }
    }
    return out
  }

  /// The two postings of a payment: the party's payable, and the bank or the write-off account.
  func postings(_ p: Payment, _ names: JournalAccounts) -> [Posting] {
    let values = ["contract": contract, "party": p.party]
    let other: JournalAccounts.Kind =
      switch p.kind {
      case .payment, .receipt: .bank
      case .writeOff: p.side == .receivable ? .badDebt : .writtenOff
      }
    // The payable is a liability: what is owed to the party is its credit balance, so a
    // payment (effect -A) debits it by A.
    return [
      Posting(account: names.name(.payable, values), amount: p.effect.negated),
      Posting(account: names.name(other, values), amount: p.effect),
    ].sorted { $0.account < $1.account }
  }

  func transaction(_ p: Payment, _ names: JournalAccounts) throws(Ledger.Refusal) -> Transaction {
    Transaction(
      date: p.date,
      narration: .payment(contract: contract, kind: p.kind, party: p.party, reference: p.reference),
      record: "", postings: postings(p, names))
  }

  /// Payments before a one-period journal's opening, summed by account.
  func folded(_ payments: [Payment], date: String, _ names: JournalAccounts)
    throws(Ledger.Refusal) -> Transaction
  {
    var sums: [String: Exact] = [:]
    for p in payments {
      for posting in postings(p, names) {
        sums[posting.account] = try Self.plus(sums[posting.account] ?? .zero, posting.amount, nil)
      }
    }
    return Transaction(
      date: date, narration: .paymentsBefore(contract: contract), record: "",
      postings: sums.filter { !$0.value.isZero }.sorted { $0.key < $1.key }.map {
        Posting(account: $0.key, amount: $0.value)
      })
  }
}
