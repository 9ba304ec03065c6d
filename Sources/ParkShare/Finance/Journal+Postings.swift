extension Journal {
  /// A settlement's postings by entry, without saying whose each account is.
  static func postings(
    _ s: RecordedSettlement, _ names: JournalAccounts, checked: inout Set<String>
  ) throws(Ledger.Refusal) -> [Entry: [String: Exact]] {
    var parties: [String: String] = [:]
    return try postings(s, names, checked: &checked, parties: &parties)
  }

  /// A settlement's postings, by entry (a pool's revenue, its distribution, arrears); the
  /// payable, receivable, fund and arrears accounts it names join `checked`, and `parties` says
  /// whose each party account is.
  static func postings(
    _ s: RecordedSettlement, _ names: JournalAccounts, checked: inout Set<String>,
    parties: inout [String: String]
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
    // The streams that are subsidies, and who pays each (the party whose statement lists it as
    // payable); a subsidy without `paid by` is owed by `government`.
    let subsidies = Set((s.revenue?.items ?? []).filter { $0.kind == .subsidy }.map(\.id))
    var payers: [String: String] = [:]
    for st in s.statements { for p in st.payable { payers[p.subsidy] = st.party } }
    var out: [Entry: [String: Exact]] = [:]
    for pool in s.pools {
      var revenue: [String: Exact] = [:]
      var cash = pool.total
      var booked = Exact.zero
      for src in pool.sources {
        // Under VAT the stream's income excludes its tax, which is output VAT; the pool (or the
        // payer) holds the invoice's total.
        let v: Exact
        if let vat = src.vat { v = vat.total } else { v = try fen(src.amount) }
        let income = src.vat?.excluded ?? v
        try add(&revenue, names.name(.income, ["contract": c, "source": src.id]), income.negated)
        if let tax = src.vat?.tax, !tax.isZero {
          let output = names.name(.vatOutput, ["contract": c])
          checked.insert(output)
          try add(&revenue, output, tax.negated)
        }
        booked = try plus(booked, v, s.period)
        guard subsidies.contains(src.id) else { continue }
        // Not cash in the pool yet: a claim on the payer until it pays.
        let payer = payers[src.id] ?? JournalAccounts.defaultPayer
        let owed = names.name(.receivable, ["contract": c, "party": payer])
        checked.insert(owed)
        parties[owed] = payer
        try add(&revenue, owed, v)
        cash = try plus(cash, v.negated, s.period)
      }
      try add(&revenue, names.name(.pool, ["contract": c, "pool": pool.pool]), cash)
      // The pool's total is rounded once; the sources one by one: the difference is explicit.
      let rest = try plus(pool.total, booked.negated, s.period)
      if !rest.isZero { try add(&revenue, names.name(.rounding, ["contract": c]), rest.negated) }
      out[.revenue(pool: pool.pool)] = revenue
      var distribution: [String: Exact] = [:]
      var paid = Exact.zero
      for l in pool.lines {
        let account: String
        // Under VAT a party invoices its line: its tax is input VAT (进项税额) set against the
        // pool's output VAT. A fund keeps the line without its tax, which the holder pays over.
        var credited = l.amount
        var expense = l.vat?.excluded ?? l.amount
        switch l.recipient {
        case .fund(let fund):
          account = names.name(.fund, ["contract": c, "fund": fund])
          credited = expense
        case .party(let party):
          account = names.name(.payable, ["contract": c, "party": party])
          parties[account] = party
          if let tax = l.vat?.tax, !tax.isZero {
            let input = names.name(.vatInput, ["contract": c])
            checked.insert(input)
            try add(&distribution, input, tax)
          } else {
            expense = l.amount
          }
        }
        checked.insert(account)
        try add(&distribution, account, credited.negated)
        paid = try plus(paid, expense, s.period)
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
        let expense = names.name(.arrearsExpense, ["contract": c, "party": a.party])
        checked.insert(owed)
        parties[owed] = a.party
        parties[expense] = a.party
        try add(&arrears, expense, change)
        try add(&arrears, owed, change.negated)
      }
    }
    if !arrears.isEmpty { out[.arrears] = arrears }
    return out.mapValues { $0.filter { !$0.value.isZero } }
  }
}
