extension Allocator {
  /// A cap as it acts this period: the parties it holds together (one party, or a group's
  /// members on their sum) and the most they may take from the pool, in whole minor units.
  struct CapHold {
    var members: [String]
    var allowed: Fraction
    var scope: LineBasis.CapScope
    var step: PoolStep
  }

  /// A floor as it acts this period: the least its party takes, in whole minor units.
  struct FloorHold {
    var party: String
    var minimum: Fraction
    var payer: String?
    var step: PoolStep
  }

  /// A run of caps and floors after a split, resolved together to a fixed point
  /// (docs/statement.md, "Caps and floors"):
  ///
  /// 1. Every party the latest split paid is *free*, weighted by what the split gave it.
  /// 2. The free parties share the net of every bound cap's cut less every bound floor's
  ///    top-up by their weights. A cap whose parties would then take more than it allows is
  ///    bound (its parties are held at the cap and are no longer free); then a floor whose
  ///    party would take less than its minimum is bound likewise. Repeat until nothing new binds
  ///    (at most one round per limit: a bound limit stays bound).
  /// 3. Lines: each bound cap cuts its parties to the cap (a group's members in proportion to
  ///    their takes) and each bound floor tops its party up; each cut and top-up is shared by
  ///    the free parties by their weights, one line per limit and party, so every line names
  ///    the clause that caused it. With no free party, it is left unallocated.
  /// 4. A floor `paid by` a party is settled last, from that party alone.
  ///
  /// So no capped party ends above its cap, and a bound party takes exactly its limit. Step 2
  /// is `fixedPoint`, which binds the caps in one walk by threshold rather than round by round.
  mutating func resolve(_ steps: [PoolStep], pool: Pool, _ flow: inout Flow)
    throws(EvaluationFailure)
  {
    var caps = CapHolds()
    var floors: [FloorHold] = []
    for step in steps {
      do throws(EvaluationFailure) {
        switch step.kind {
        case .cap(let target, let amount, let span, let each):
          for hold in try capHolds(target, amount, span, each, step: step, pool: pool) {
            try caps.add(hold)
          }
        case .floor(let party, let amount, let payer):
          let minimum = try wholeUnits(
            try prorated(unsigned(scalar(amount), "the floor")), .up,
            decimals: rounding(of: pool).decimals)
          floors.append(FloorHold(party: party, minimum: minimum, payer: payer, step: step))
        default: break
        }
      } catch {
        throw error.at(step.clause)
      }
    }
    let shared = floors.filter { $0.payer == nil }
    let (boundCaps, boundFloors, drained, free) = try fixedPoint(caps.holds, shared, flow)
    let before = try takes(flow)
    let weight = try exact { () throws(ArithmeticError) in try free.map(\.amount).sum() }
    // What the bound limits move that no free party is left to take or give.
    var undistributed = Fraction.zero
    for hold in boundCaps {
      let has = try exact { () throws(ArithmeticError) in
        try hold.members.map { before[$0] ?? .zero }.sum()
      }
      let cut = try exact { () throws(ArithmeticError) in try has - hold.allowed }
      // A cap reached only through the others' cuts fills its parties up to it (a positive
      // share), rather than cutting them.
      let filled = cut.isNegative
      for m in hold.members where hold.members.count == 1 || !(before[m] ?? .zero).isZero {
        let part = try exact { () throws(ArithmeticError) in
          hold.members.count == 1 ? cut : try cut * (before[m] ?? .zero) / has
        }
        flow.lines.append(
          line(
            pool, hold.step, to: m, filled ? .capShare : .cap, part.negated,
            basis: .cap(hold.scope, take: has, filled: filled), rate: .none))
      }
      try share(
        cut, among: free, weight: weight, kind: .capShare,
        why: .cap(hold.scope, member: hold.members.count == 1 ? hold.members[0] : nil),
        step: hold.step, pool: pool, &flow, undistributed: &undistributed)
    }
    for hold in boundFloors {
      let (short, scope) = try topUp(hold, from: before[hold.party] ?? .zero, pool: pool, &flow)
      try share(
        short.negated, among: free, weight: weight, kind: .floorShare, why: .floor(scope),
        step: hold.step, pool: pool, &flow, undistributed: &undistributed)
    }
    // A party of the split that the floors would take below zero gives all it took, no more.
    for party in drained {
      guard let step = boundFloors.first?.step else { break }
      let has = before[party] ?? .zero
      flow.lines.append(
        line(
          pool, step, to: party, .floorShare, has.negated, basis: .drained(take: has), rate: .none))
      try share(
        has, among: free, weight: weight, kind: .floorShare,
        why: .drained(party: party), step: step, pool: pool, &flow,
        undistributed: &undistributed)
    }
    if undistributed.isNegative {
      let need = undistributed.negated
      throw EvaluationFailure(
        "the floors of pool '\(pool.id)' need \(need.grouped(places: 6)) \(currency) more than the parties of its split can give",
        hint: "lower the floors, or say who bears a shortfall: 'floor PARTY AMOUNT paid by PAYER'",
        clause: boundFloors.first?.step.clause ?? pool.clause)
    }
    if !undistributed.isZero {
      flow.notes.append(.capCutUnplaced(undistributed, currency: currency))
      flow.unallocated = try exact { () throws(ArithmeticError) in
        try flow.unallocated + undistributed
      }
    }
    for hold in floors {
      guard let payer = hold.payer else { continue }
      let has = try takes(flow)[hold.party] ?? .zero
      guard has < hold.minimum else { continue }
      // The payer gives the shortfall and may go below zero doing so: it bears it by contract.
      let (short, scope) = try topUp(hold, from: has, pool: pool, &flow)
      flow.lines.append(
        line(
          pool, hold.step, to: payer, .floorShare, short.negated,
          basis: .shortfall(scope, payer: payer), rate: .none))
    }
    let annual = steps.filter { if case .annual = $0.kind { true } else { false } }
    if !annual.isEmpty {
      try settleAnnual(
        annual, held: Set(boundCaps.flatMap(\.members)), pool: pool, &flow)
    }
  }

  /// The line that tops a floor's party up from what it has to its minimum; the shortfall and
  /// the floor as written, for the lines that fund it.
  func topUp(_ hold: FloorHold, from has: Fraction, pool: Pool, _ flow: inout Flow)
    throws(EvaluationFailure) -> (short: Fraction, scope: LineBasis.FloorScope)
  {
    let short = try exact { () throws(ArithmeticError) in try hold.minimum - has }
    let scope = LineBasis.FloorScope(
      minimum: hold.minimum, currency: currency, party: hold.party)
    flow.lines.append(
      line(
        pool, hold.step, to: hold.party, .floor, short, basis: .floor(scope, take: has),
        rate: .none))
    return (short, scope)
  }

  /// The holds of one cap step: one for a party, one on a group's sum, or one per member
  /// (`cap each GROUP`).
  mutating func capHolds(
    _ target: String, _ amount: Formula, _ span: CapSpan, _ each: Bool, step: PoolStep,
    pool: Pool
  ) throws(EvaluationFailure) -> [CapHold] {
    // A cap per period is prorated in a sub-period; a cap over the year or the term is not.
    // A cap per year holds in a year the term cuts by that year's periods in the term, as an
    // annual floor does.
    let cumulative = span != .period
    let whole = try unsigned(scalar(amount), "the cap")
    var limit = cumulative ? whole : try prorated(whole)
    var year: LineBasis.YearShare? = nil
    if span == .year {
      let (_, inYear, perYear) = yearPosition()
      year = LineBasis.YearShare(
        amount: whole, year: period.year, periods: inYear, perYear: perYear)
      limit = try yearShare(whole, inYear, perYear, decimals: rounding(of: pool).decimals)
    }
    let group = contract.groups.first { $0.id == target }
    let sets = group.map { g in each ? g.members.map { [$0] } : [g.members] } ?? [[target]]
    var out: [CapHold] = []
    for members in sets {
      let received: Exact
      switch span {
      case .period: received = .zero
      case .year: received = try receivedThisYear(target, pool: pool)
      case .term:
        received = try exact { () throws(ArithmeticError) in
          try members.map { state.received[PoolParty(pool: pool.id, party: $0)] ?? .zero }.sum()
        }
      }
      let left = try exact { () throws(ArithmeticError) in try limit - received }
      var allowed = try wholeUnits(
        Exact.max(left, .zero), .down, decimals: rounding(of: pool).decimals)
      if cumulative, subPeriod != nil {
        // Over the term, what earlier sub-periods of this period paid counts too: the
        // sub-periods together stay within the cap.
        allowed = try exact { () throws(ArithmeticError) in
          Fraction.max(try allowed - members.map { cutReceived[$0] ?? .zero }.sum(), .zero)
        }
      }
      let scope = LineBasis.CapScope(
        limit: limit, currency: currency, receivedBefore: cumulative ? received : nil,
        group: group?.id, each: each, year: year)
      out.append(CapHold(members: members, allowed: allowed, scope: scope, step: step))
    }
    return out
  }

  /// What the pool's lines so far give each party (caps and floors hold parties, not funds).
  func takes(_ flow: Flow) throws(EvaluationFailure) -> [String: Fraction] {
    var out: [String: Fraction] = [:]
    for l in flow.lines {
      guard case .party(let p) = l.recipient else { continue }
      out[p] = try exact { () throws(ArithmeticError) in try (out[p] ?? .zero) + l.exact }
    }
    return out
  }

  /// `amount` (a cut, or a negative top-up) shared by the free parties by their weights; what
  /// no one can take is left unallocated.
  mutating func share(
    _ amount: Fraction, among free: [(party: String, amount: Fraction)], weight: Fraction,
    kind: AllocationLine.Kind, why: LineBasis.LimitCause, step: PoolStep, pool: Pool,
    _ flow: inout Flow,
    undistributed: inout Fraction
  ) throws(EvaluationFailure) {
    guard !weight.isZero else {
      undistributed = try exact { () throws(ArithmeticError) in try undistributed + amount }
      return
    }
    let perWeight = try exact { () throws(ArithmeticError) in try amount / weight }
    for (other, base) in free {
      let v = try exact { () throws(ArithmeticError) in try base * perWeight }
      flow.lines.append(
        line(
          pool, step, to: other, kind, v,
          basis: .limitShare(why, amount: amount.magnitude, currency: currency),
          rate: .weight(base, of: weight)))
    }
  }

  /// A limit in whole minor units of its pool (`decimals`): a cap rounds down and a floor up,
  /// so that a party held at its limit is paid exactly that, never a fen (or, in a pool rounded
  /// to the yuan, a yuan) over a cap or under a floor.
  func wholeUnits(_ v: Exact, _ mode: RoundingMode, decimals: Int) throws(EvaluationFailure)
    -> Fraction
  {
    try exact { () throws(ArithmeticError) in
      Fraction(try v.rounded(scale: decimals, mode))
    }
  }

  /// What `party` (or group `party`'s members) received from `pool` earlier in this calendar
  /// year, from the running total of receipts the checker asked the state to keep.
  func receivedThisYear(_ party: String, pool: Pool) throws(EvaluationFailure) -> Exact {
    let key = ReceivedUse(party: party, pool: pool.id, history: 0).key
    guard let kept = evaluator.opening.totals[key], kept.year == period.year else { return .zero }
    return kept.yearToDate
  }
}
