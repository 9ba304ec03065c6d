extension Checker {
  /// A party's `from` / `until`, checked: the days it takes part in the deal (a period written
  /// is its first or last day). Nil where a date is missing or wrong (reported).
  mutating func partyDays(_ e: Effective, of id: Name) -> (from: CalendarDay?, until: CalendarDay?)
  {
    var from: CalendarDay? = nil
    var until: CalendarDay? = nil
    if let f = e.from, let c = checkEffective(f, .start, what: "'from'") {
      from = c.day ?? CalendarDay.first(of: c.period)
    }
    if let u = e.until, let c = checkEffective(u, .end, what: "'until'") {
      until = c.day ?? CalendarDay.last(of: c.period)
    }
    if let f = from, let u = until, f > u {
      error(
        .badTerm, "party '\(id.text)' starts (\(f)) after it ends (\(u))",
        at: e.from!.range.through(e.until!.range))
      return (nil, nil)
    }
    return (from, until)
  }

  /// A registry member's `from` / `until` field: a day of the term, or empty. The problem, or
  /// nil when the field is right.
  func registryDay(_ text: String, column: String, of id: String) -> (
    day: CalendarDay?, problem: String?
  ) {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard !t.isEmpty else { return (nil, nil) }
    guard let day = CalendarDay(t) else {
      return (nil, "'\(column)' of '\(id)' is '\(t)', not a day like 2029-02-01")
    }
    if let problem = dayProblem(day, what: "'\(column)' of '\(id)'") {
      return (nil, problem.message)
    }
    return (day, nil)
  }

  /// A step that pays a party by name (a payment, a fixed share, a floor, a clawback, a loss it
  /// bears) must lie within the days the party takes part: outside them there is no one to pay.
  /// Pro-rata splits, rebates and redemptions weigh an absent member 0 instead.
  mutating func checkPartyDates(_ step: PoolStep, at range: SourceRange) {
    let term = contract.term
    guard termKnown else { return }
    let first =
      step.fromDay ?? step.from.map { CalendarDay.first(of: $0) }
      ?? CalendarDay.first(of: term.from)
    let last =
      step.untilDay ?? step.until.map { CalendarDay.last(of: $0) }
      ?? CalendarDay.last(of: term.to)
    for id in Self.namedPayees(step) {
      requirePresence(id, from: first, until: last, at: range, what: "this step pays it")
    }
    // A payer bears money as a payee takes it: `floor P ... paid by Q`.
    switch step.kind {
    case .floor(_, _, let payer?):
      requirePresence(payer, from: first, until: last, at: range, what: "this floor charges it")
    case .annual(let term):
      if let payer = term.payer {
        requirePresence(payer, from: first, until: last, at: range, what: "this floor charges it")
      }
    default: break
    }
  }

  /// A subsidy's payer pays it every period of the term (or in its one period): it must take
  /// part all that time.
  mutating func checkPayerDates(_ subsidy: Subsidy, at range: SourceRange) {
    guard termKnown, let payer = subsidy.payer else { return }
    let term = contract.term
    let (first, last) =
      subsidy.once.map { (CalendarDay.first(of: $0), CalendarDay.last(of: $0)) }
      ?? (CalendarDay.first(of: term.from), CalendarDay.last(of: term.to))
    requirePresence(payer, from: first, until: last, at: range, what: "the subsidy charges it")
  }

  /// `inactive-party` unless party `id` takes part from `first` until `last`.
  mutating func requirePresence(
    _ id: String, from first: CalendarDay, until last: CalendarDay, at range: SourceRange,
    what: String
  ) {
    guard let party = contract.parties.first(where: { $0.id == id }),
      party.from != nil || party.until != nil
    else { return }
    let (from, until) = (party.from ?? first, party.until ?? last)
    guard first < from || last > until else { return }
    let takesPart = [party.from.map { "from \($0)" }, party.until.map { "until \($0)" }]
      .compactMap { $0 }.joined(separator: " ")
    error(
      .inactiveParty,
      "'\(id)' takes part \(takesPart), but \(what) from \(first) until \(last)",
      at: range,
      hint:
        "give the step the party's dates ('from \(from)'\(party.until.map { " / 'until \($0)'" } ?? "")), and another step for the days before or after",
      notes: [.init(message: "'\(id)' is declared here", range: party.clause)])
  }

  /// The parties a step pays by name, not through a group or by weight.
  static func namedPayees(_ step: PoolStep) -> [String] {
    switch step.kind {
    case .pay(let party, _, _), .clawback(let party, _), .floor(let party, _, _): [party]
    case .split(.fixed(let shares)): shares.map(\.party)
    case .split(.tiered(let rows)), .split(.steps(_, let rows)):
      Array(Set(rows.flatMap { $0.shares.map(\.party) })).sorted()
    case .loss(.split(.fixed(let shares))): shares.map(\.party)
    case .loss(.charged(let party)): [party]
    case .annual(let term): term.limit == .floor ? [term.party] : []
    default: []
    }
  }
}
