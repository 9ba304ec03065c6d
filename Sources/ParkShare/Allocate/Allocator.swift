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

  init(evaluator: Evaluator, revenue: PeriodRevenue) {
    self.evaluator = evaluator
    self.contract = evaluator.contract
    self.period = revenue.period
    self.items = Dictionary(revenue.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.state = revenue.closing
  }

  /// Every pool of the contract, in contract order.
  mutating func run() throws(EvaluationFailure) -> [PoolResult] {
    var out: [PoolResult] = []
    for pool in contract.pools { out.append(try run(pool)) }
    return out
  }

  /// The work in progress of one pool's waterfall.
  struct Flow {
    var total: Exact
    var remaining: Exact
    var lines: [AllocationLine] = []
    var arrears: [ArrearsMovement] = []
    var unallocated = Exact.zero
    var notes: [String] = []
    /// What the latest split gave each party: caps and floors move money among these.
    var lastSplit: [(party: String, amount: Exact)] = []
  }

  mutating func run(_ pool: Pool) throws(EvaluationFailure) -> PoolResult {
    var sources: [PoolResult.Source] = []
    var total = Exact.zero
    for id in pool.sources {
      guard let item = items[id] else {
        throw EvaluationFailure(
          "pool '\(pool.id)' reads '\(id)', which has no value", clause: pool.clause)
      }
      sources.append(.init(id: id, clause: item.clause, amount: item.total))
      total = try exact { () throws(ArithmeticError) in try total + item.total }
    }
    var flow = Flow(total: total, remaining: total)
    if total.isNegative {
      flow.notes.append(
        "the pool is \(total.grouped) \(contract.currency.code): a loss no step allocates; it is left unallocated"
      )
    }
    for (index, step) in pool.steps.enumerated() where step.applies(to: period) {
      do throws(EvaluationFailure) {
        switch step.kind {
        case .pay(let party, let amount, let carries):
          try pay(party, amount, carries: carries, step: step, index: index, pool: pool, &flow)
        case .reserve(let fund, let amount):
          try reserve(fund, amount, step: step, pool: pool, &flow)
        case .rebate(let share, let group, let metric):
          try rebate(share, group: group, metric: metric, step: step, pool: pool, &flow)
        case .split(let allocation):
          try split(allocation, step: step, pool: pool, &flow)
        case .cap(let party, let amount, let cumulative):
          try cap(party, amount, cumulative: cumulative, step: step, pool: pool, &flow)
        case .floor(let party, let amount, let payer):
          try floor(party, amount, payer: payer, step: step, pool: pool, &flow)
        }
      } catch {
        throw error.at(step.clause)
      }
    }
    if !flow.remaining.isZero {
      if flow.remaining > .zero {
        flow.notes.append("\(flow.remaining.grouped) \(contract.currency.code) no step took")
      }
      flow.unallocated = try exact { () throws(ArithmeticError) in
        try flow.unallocated + flow.remaining
      }
    }
    return try settle(pool, sources: sources, flow)
  }

  /// Rounds the pool's lines to the minor unit so they sum to its rounded total, and records
  /// what the period leaves for the next: funds, what each party has received.
  mutating func settle(_ pool: Pool, sources: [PoolResult.Source], _ flow: Flow)
    throws(EvaluationFailure) -> PoolResult
  {
    let decimals = contract.currency.decimals
    let mode = contract.currency.rounding
    let hasRest = !flow.unallocated.isZero
    let amounts = flow.lines.map(\.exact) + (hasRest ? [flow.unallocated] : [])
    let parts = try exact { () throws(ArithmeticError) -> [Int128] in
      let target = try flow.total.minorUnits(decimals: decimals, mode)
      return try Apportionment.roundToTotal(amounts, total: target, decimals: decimals)
    }
    var lines = flow.lines
    for i in lines.indices {
      let paid = try exact { () throws(ArithmeticError) in
        try Exact(minorUnits: parts[i], decimals: decimals)
      }
      lines[i].amount = paid
      let line = lines[i]
      if line.recipient.hasPrefix("fund:") {
        let fund = String(line.recipient.dropFirst(5))
        state.funds[fund] = try exact { () throws(ArithmeticError) in
          try (state.funds[fund] ?? .zero) + paid
        }
      } else {
        let key = pool.id + "/" + line.recipient
        state.received[key] = try exact { () throws(ArithmeticError) in
          try (state.received[key] ?? .zero) + paid
        }
      }
    }
    let rest =
      hasRest
      ? try exact { () throws(ArithmeticError) in
        try Exact(minorUnits: parts[parts.count - 1], decimals: decimals)
      } : try exact { () throws(ArithmeticError) in try Exact(minorUnits: 0, decimals: decimals) }
    let total = try exact { () throws(ArithmeticError) in
      try Exact(minorUnits: flow.total.minorUnits(decimals: decimals, mode), decimals: decimals)
    }
    return PoolResult(
      pool: pool.id, clause: pool.clause, sources: sources, exactTotal: flow.total, total: total,
      lines: lines, arrears: flow.arrears, unallocatedExact: flow.unallocated, unallocated: rest,
      notes: flow.notes)
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

  /// A line; its basis and rate text are only built when the settlement is explained.
  func line(
    _ pool: Pool, _ step: PoolStep, to recipient: String, _ kind: AllocationLine.Kind,
    _ amount: Exact, basis: @autoclosure () -> String, rate: @autoclosure () -> String
  ) -> AllocationLine {
    let explaining = evaluator.explaining
    return AllocationLine(
      pool: pool.id, recipient: recipient, kind: kind, clause: step.clause,
      basis: explaining ? basis() : "", rate: explaining ? rate() : "", exact: amount,
      amount: .zero)
  }

  var currency: String { contract.currency.code }
}
