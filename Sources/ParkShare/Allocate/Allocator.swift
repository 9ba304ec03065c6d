/// Pays each pool of a period out through its waterfall (DOMAIN.md section 4), exactly, then
/// rounds each pool's lines once so that they sum to the pool's rounded total to the fen.
///
/// Steps run in contract order, each on what the steps before it left (`remaining`): `pay`
/// (with arrears carried when the pool falls short), `reserve` into a fund, `rebate` to a group
/// pro rata by a metric, `split` of the remainder (fixed shares, stakes, a metric, marginal
/// tiers, a KPI step table), then `cap` and `floor`, which move money between the parties the
/// steps before them paid.
struct Allocator {
  var evaluator: Evaluator
  let contract: Contract
  let period: Period
  let items: [String: Computed]
  /// The closing state, built up pool by pool from the evaluator's.
  var state: CarryState
  /// Caps and floors resolved round by round (`fixedPointByRounds`), for the tests that hold
  /// the water-filling to the rounds' answer.
  var limitsByRounds = false
  /// The sub-period being run when an effective date cuts the period (Allocator+SubPeriods);
  /// nil while a period is settled whole.
  var subPeriod: SubPeriod? = nil
  /// What each party took from the pool in the earlier sub-periods of a cut period, exact: caps
  /// over the term and the payback switch count it, as they count earlier periods.
  var cutReceived: [String: Fraction] = [:]
  /// Carry funds whose balance this pool's period has brought back already (a period cut by a
  /// date runs its per-unit split once a part; the balance comes back once).
  var broughtForward: Set<String> = []
  /// What each redemption step paid each member in the earlier sub-periods of a cut period:
  /// its caps are the period's (Allocator+Redeem).
  var cutRedeemed: [RedeemKey: Fraction] = [:]
  /// Points redeemed this period, by scheme and member (the statement's points movement).
  var redeemed: [PointsKey: Exact] = [:]
  /// Evaluators that read the readings up to a day an effective date cuts the period at
  /// (Allocator+Metered): each computes its values once.
  var evaluatorsThrough: [CalendarDay: Evaluator] = [:]
  /// Parties that take part only from or until a day (Allocator+PartyDates).
  let datedParties: [String: (from: CalendarDay?, until: CalendarDay?)]

  init(evaluator: Evaluator, revenue: PeriodRevenue) {
    self.evaluator = evaluator
    self.contract = evaluator.contract
    self.datedParties = Self.datedParties(evaluator.contract)
    self.period = revenue.period
    self.items = Dictionary(revenue.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.state = revenue.closing
  }

  /// Every pool of the contract, in contract order.
  mutating func run() throws(EvaluationFailure) -> [PoolResult] {
    var out: [PoolResult] = []
    for pool in contract.pools { out.append(try run(pool)) }
    try keepReceipts(out)
    try keepAnnualFloors(out)
    // After the receipts are kept: running totals count what the steps gave (the pool's base).
    if contract.vat != nil {
      for (i, pool) in contract.pools.enumerated() { try shareVAT(pool, &out[i]) }
    }
    return out
  }

  /// The work in progress of one pool's waterfall. Amounts are exact fractions: a pro-rata
  /// share is kept as numerator over denominator until the pool is rounded once.
  struct Flow {
    var total: Exact
    var remaining: Fraction
    var lines: [AllocationLine] = []
    var arrears: [ArrearsMovement] = []
    var unallocated = Fraction.zero
    var notes: [PoolNote] = []
    var conditions: [ConditionOutcome] = []
    /// What the latest split gave each party: caps and floors move money among these.
    var lastSplit: [(party: String, amount: Fraction)] = []
  }

  mutating func run(_ pool: Pool) throws(EvaluationFailure) -> PoolResult {
    var sources: [PoolResult.Source] = []
    var total = Exact.zero
    for id in pool.sources {
      guard let item = items[id] else {
        throw EvaluationFailure(
          "pool '\(pool.id)' reads '\(id)', which has no value", clause: pool.clause)
      }
      var amount = try exact { () throws(ArithmeticError) in try item.total }
      var vat: SourceVAT? = nil
      if let t = contract.vat?[id] {
        let v = try exact { () throws(ArithmeticError) in
          try SourceVAT.of(
            amount, t, decimals: contract.currency.decimals, contract.currency.rounding)
        }
        amount = v.base(pool.sharing)
        vat = v
      }
      sources.append(.init(id: id, clause: item.clause, amount: amount, vat: vat))
      total = try exact { () throws(ArithmeticError) in try total + amount }
    }
    var flow = Flow(total: total, remaining: Fraction(total))
    try recoverDeficit(pool, &flow, grossUp: try grossUp(pool, sources))
    broughtForward = []
    if let subs = subPeriods(of: pool) {
      try runCut(pool, subs, sources: sources.map { ($0.id, $0.amount) }, &flow)
    } else {
      try runSteps(pool, &flow)
    }
    return try settle(pool, sources: sources, &flow)
  }

  /// Whether a step applies in what is being run: the period, or the sub-period of it.
  func active(_ step: PoolStep) -> Bool {
    subPeriod.map { step.applies(to: period, in: $0) } ?? step.applies(to: period)
  }

  /// The waterfall of the steps that apply, on what `flow` holds; what no step placed is left
  /// unallocated.
  mutating func runSteps(_ pool: Pool, _ flow: inout Flow) throws(EvaluationFailure) {
    // Caps and floors that follow one another act together: they are resolved at once, to a
    // fixed point (Allocator+Limits), when the run of them ends.
    var limits: [PoolStep] = []
    for (index, step) in pool.steps.enumerated() where active(step) {
      if let condition = step.condition {
        let outcome = try judge(condition, step: step)
        flow.conditions.append(outcome)
        // Not taken, the step takes nothing: the steps after it work on what was left before it.
        guard outcome.taken else { continue }
      }
      if step.isLimit {
        limits.append(step)
        continue
      }
      if !limits.isEmpty {
        try resolve(limits, pool: pool, &flow)
        limits = []
      }
      do throws(EvaluationFailure) {
        switch step.kind {
        case .pay(let party, let amount, let carries):
          try pay(party, amount, carries: carries, step: step, index: index, pool: pool, &flow)
        case .reserve(let fund, let amount):
          try reserve(fund, amount, step: step, pool: pool, &flow)
        case .rebate(let share, let group, let metric):
          try rebate(share, group: group, metric: metric, step: step, pool: pool, &flow)
        case .split(.metric(let parties, let metric)) where step.perUnit != nil:
          try perUnitSplit(parties, metric, step.perUnit!, step: step, pool: pool, &flow)
        case .split(let allocation):
          try split(allocation, step: step, pool: pool, &flow)
        case .clawback(let party, let amount):
          try clawback(party, amount, step: step, pool: pool, &flow)
        case .redeem(let r):
          try redeem(r, step: step, pool: pool, &flow)
        case .cap, .floor, .annual, .loss: break
        }
      } catch {
        throw error.at(step.clause)
      }
    }
    if !limits.isEmpty { try resolve(limits, pool: pool, &flow) }
    if flow.remaining < .zero { try bearLoss(pool, &flow) }
    if !flow.remaining.isZero {
      if flow.remaining > .zero {
        flow.notes.append(.untaken(flow.remaining, currency: contract.currency.code))
      }
      flow.unallocated = try exact { () throws(ArithmeticError) in
        try flow.unallocated + flow.remaining
      }
    }
  }

  /// Rounds the pool to the minor unit and records what the period leaves for the next: funds,
  /// what each party has received.
  ///
  /// The exact lines (and what is left unallocated) must sum to the pool exactly: anything else
  /// is a defect of the engine, reported as such, never absorbed. Rounding is done once per
  /// pool in two levels: each recipient's exact total in the pool is rounded so that the
  /// recipients sum to the pool's rounded total, then each recipient's lines are rounded to its
  /// amount. So a party's take is within one fen of its exact take, and a party held exactly at
  /// a cap or a floor (a whole number of fen) is paid exactly that.
  mutating func settle(_ pool: Pool, sources: [PoolResult.Source], _ flow: inout Flow)
    throws(EvaluationFailure) -> PoolResult
  {
    let (decimals, mode) = rounding(of: pool)
    let placed = try exact { () throws(ArithmeticError) in
      try (flow.lines.map(\.exact) + [flow.unallocated]).sum()
    }
    guard placed == Fraction(flow.total) else {
      throw EvaluationFailure(
        "internal error: the lines of pool '\(pool.id)' sum to \(placed), not to the pool's \(flow.total)",
        hint: "this is a defect of parkshare; please report it with the contract and data",
        clause: pool.clause)
    }
    // Recipients in the order of their first line: the tie-break's "earlier position". Most
    // recipients have one line; the lines of those with several are gathered only then.
    var position: [Recipient: Int] = [:]
    position.reserveCapacity(flow.lines.count)
    var firstLine: [Int] = []
    firstLine.reserveCapacity(flow.lines.count)
    var groupOf: [Int] = []
    groupOf.reserveCapacity(flow.lines.count)
    var shared = false
    for i in flow.lines.indices {
      let recipient = flow.lines[i].recipient
      if let k = position[recipient] {
        groupOf.append(k)
        shared = true
      } else {
        position[recipient] = firstLine.count
        groupOf.append(firstLine.count)
        firstLine.append(i)
      }
    }
    var members: [[Int]] = []
    if shared {
      members = Array(repeating: [], count: firstLine.count)
      for (i, k) in groupOf.enumerated() { members[k].append(i) }
    }
    // Taken out of the flow, so rounding them in place does not copy every line.
    var lines = flow.lines
    flow.lines = []
    let target = try exact { () throws(ArithmeticError) in
      try flow.total.minorUnits(decimals: decimals, mode)
    }
    let hasRest = !flow.unallocated.isZero
    let rest: Int128 = try exact { () throws(ArithmeticError) -> Int128 in
      var takes: [Fraction] = []
      takes.reserveCapacity(firstLine.count + 1)
      for k in firstLine.indices {
        let g = shared ? members[k] : []
        takes.append(g.count > 1 ? try g.map { lines[$0].exact }.sum() : lines[firstLine[k]].exact)
      }
      if hasRest { takes.append(flow.unallocated) }
      let parts = try Apportionment.roundToTotal(takes, total: target, decimals: decimals)
      for k in firstLine.indices {
        let g = shared ? members[k] : []
        guard g.count > 1 else {
          // A recipient's one line is paid what the recipient is.
          lines[firstLine[k]].amount = try money(parts[k], decimals)
          continue
        }
        // Several lines are rounded to what the recipient is paid.
        let paid = try Apportionment.roundToTotal(
          g.map { lines[$0].exact }, total: parts[k], decimals: decimals)
        for (i, v) in zip(g, paid) {
          lines[i].amount = try money(v, decimals)
        }
      }
      return hasRest ? parts[parts.count - 1] : 0
    }
    for i in lines.indices {
      let paid = lines[i].amount
      switch lines[i].recipient {
      case .fund(let fund):
        state.funds[fund] = try exact { () throws(ArithmeticError) in
          try (state.funds[fund] ?? .zero) + paid
        }
      case .party(let party):
        // One hash a line: the key is found once and its value replaced in place.
        let key = PoolParty(pool: pool.id, party: party)
        guard let at = state.received.index(forKey: key) else {
          state.received[key] = paid
          continue
        }
        let sum = try exact { () throws(ArithmeticError) in try state.received.values[at] + paid }
        state.received.values[at] = sum
      }
    }
    let (unallocated, total) = try exact { () throws(ArithmeticError) in
      (
        try money(rest, decimals),
        try money(target, decimals)
      )
    }
    return PoolResult(
      pool: pool.id, clause: pool.clause, sources: sources, exactTotal: flow.total, total: total,
      lines: lines, arrears: flow.arrears, unallocatedExact: flow.unallocated,
      unallocated: unallocated, notes: flow.notes,
      conditions: flow.conditions.isEmpty ? nil : flow.conditions, rounding: pool.rounding)
  }

  /// The pool's own rounding (`rounding down decimals 0`), or the contract's currency's.
  func rounding(of pool: Pool) -> (decimals: Int, mode: RoundingMode) {
    guard let r = pool.rounding else {
      return (contract.currency.decimals, contract.currency.rounding)
    }
    return (r.decimals, r.mode)
  }

  /// `units` minor units of a pool rounded to `decimals`, written with the currency's decimals
  /// (a pool rounded to the yuan pays 1234.00, not 1234): statements and their totals keep the
  /// currency's minor unit. Widening is exact; a pool never rounds finer than the currency.
  func money(_ units: Int128, _ decimals: Int) throws(ArithmeticError) -> Exact {
    let v = try Exact(minorUnits: units, decimals: decimals)
    let currency = contract.currency.decimals
    return decimals < currency ? try v.rounded(scale: currency, .halfUp) : v
  }

  /// Exact arithmetic, its failure in words.
  func exact<T>(_ body: () throws(ArithmeticError) -> T) throws(EvaluationFailure) -> T {
    try evaluator.arithmetic(body)
  }

  /// A formula's value this period as one number.
  mutating func scalar(_ f: Formula) throws(EvaluationFailure) -> Exact {
    let q = try evaluator.evaluate(f)
    return try exact { () throws(ArithmeticError) in try q.total() }
  }

  /// A line to a party; its basis and rate are values, worded by Render.
  func line(
    _ pool: Pool, _ step: PoolStep, to party: String, _ kind: AllocationLine.Kind,
    _ amount: Fraction, basis: LineBasis, rate: LineRate
  ) -> AllocationLine {
    line(pool, step, to: .party(party), kind, amount, basis: basis, rate: rate)
  }

  func line(
    _ pool: Pool, _ step: PoolStep, to recipient: Recipient, _ kind: AllocationLine.Kind,
    _ amount: Fraction, basis: LineBasis, rate: LineRate
  ) -> AllocationLine {
    AllocationLine(
      pool: pool.id, recipient: recipient, kind: kind, clause: step.clause, basis: basis,
      rate: rate, exact: amount, amount: .zero)
  }

  var currency: String { contract.currency.code }
}
