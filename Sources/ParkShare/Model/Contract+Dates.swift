extension Contract {
  /// The versions of tariff `id`, in order: the first in force from the start of the term, each
  /// later one from its `from` day until the next one starts.
  public func versions(of id: String) -> [Tariff] {
    tariffs.filter { $0.id == id }
  }

  /// The version of tariff `id` in force on `day`.
  public func version(of id: String, on day: CalendarDay) -> Tariff? {
    versions(of: id).last { ($0.from ?? day) <= day }
  }

  /// The days inside `p` (not its first) where a tariff version takes effect: the readings are
  /// summed apart on each side of them, so each kWh is priced by the version in force when it
  /// was metered.
  public func tariffCuts(in p: Period) -> [CalendarDay] {
    let (first, last) = (CalendarDay.first(of: p), CalendarDay.last(of: p))
    return tariffs.compactMap(\.from).filter { $0 > first && $0 <= last }
  }

  /// Every day inside `p` that cuts it: where a pool step starts or stops, and where a tariff
  /// version takes effect.
  public func cuts(in p: Period) -> [CalendarDay] {
    let pools = pools.flatMap { $0.steps.flatMap { $0.cuts(in: p) } + partyCuts($0, in: p) }
    return Array(Set(pools + tariffCuts(in: p))).sorted()
  }
}

extension Contract {
  /// The days inside `p` (not its first) where a party that `pool` may pay joins (`from`) or
  /// leaves (the day after `until`): the pool is settled in sub-periods on each side.
  public func partyCuts(_ pool: Pool, in p: Period) -> [CalendarDay] {
    let dated = parties.filter { $0.from != nil || $0.until != nil }
    guard !dated.isEmpty else { return [] }
    let (first, last) = (CalendarDay.first(of: p), CalendarDay.last(of: p))
    let paid = payees(pool)
    var out: [CalendarDay] = []
    for party in dated where paid.contains(party.id) || party.group.map(paid.contains) == true {
      if let d = party.from, d > first, d <= last { out.append(d) }
      if let u = party.until, u >= first, u < last { out.append(CalendarDay(number: u.number + 1)) }
    }
    return out
  }

  /// The parties and groups the steps of `pool` may pay.
  func payees(_ pool: Pool) -> Set<String> {
    var out: Set<String> = []
    for step in pool.steps {
      switch step.kind {
      case .pay(let party, _, _), .clawback(let party, _), .floor(let party, _, _):
        out.insert(party)
      case .rebate(_, let group, _): out.insert(group)
      case .redeem(let r): out.insert(r.group)
      case .split(let a), .loss(.split(let a)):
        switch a {
        case .fixed(let shares): out.formUnion(shares.map(\.party))
        case .metric(let parties, _): out.formUnion(parties)
        case .tiered(let rows), .steps(_, let rows):
          out.formUnion(rows.flatMap { $0.shares.map(\.party) })
        }
      case .loss(.charged(let party)): out.insert(party)
      case .annual(let term): out.insert(term.party)
      case .reserve, .cap, .loss(.carried): break
      }
    }
    return out
  }
}

extension Contract {
  /// The parties that take part on no day of `p`: they join after it or left before it. They
  /// earn no points, owe no facts and get no statement for it.
  public func absent(in p: Period) -> Set<String> {
    let (first, last) = (CalendarDay.first(of: p), CalendarDay.last(of: p))
    var out: Set<String> = []
    for party in parties where party.from != nil || party.until != nil {
      if (party.from.map { $0 > last } ?? false) || (party.until.map { $0 < first } ?? false) {
        out.insert(party.id)
      }
    }
    return out
  }
}
