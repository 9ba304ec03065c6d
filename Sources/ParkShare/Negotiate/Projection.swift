import Dispatch

/// The contract's term played out period by period from a settled period's data under a
/// scenario: each period settled by the same engine as `settle`, carrying its state to the next.
/// Per party: what it receives each period, its investments, yearly cash flows, NPV, IRR,
/// payback, and its share of the value against its share of the investment.
public struct Projection: Sendable, Codable {
  public var contract: String
  /// The parameters this run gave other values (a variant); nil (and not written) otherwise.
  public var parameters: [ContractParameter]? = nil
  public var currency: String
  public var decimals: Int
  public var discountRate: Exact
  public var periods: [Period]
  public var parties: [Party]

  public struct Party: Sendable, Codable {
    public var party: String
    public var name: String
    /// Net received in each period (same order as `periods`).
    public var received: [Exact]
    public var years: [Year]
    public var totalReceived: Exact
    public var investment: Exact
    public var npv: Exact
    /// Yearly; nil when the cash flows never change sign.
    public var irr: Exact?
    /// Years from the first until the cumulative cash flow turns non-negative (1 = within the
    /// first year); nil without investment or when it never does.
    public var payback: Int?
    public var valueShare: Exact
    public var investmentShare: Exact
  }

  public struct Year: Sendable, Codable {
    public var year: Int
    public var received: Exact
    public var invested: Exact
    /// received - invested, and with the party's costs (PartyCosts): + loan drawn - debt
    /// service - O&M - tax.
    public var cash: Exact
    /// The party's own costs this year; nil (and not written) when the scenario gives none.
    public var costs: PartyCosts.Year? = nil
  }
}

/// Runs projections: once deterministically, or many times with random price factors.
public struct Simulator: Sendable {
  public let contract: Contract
  public let base: DataBundle
  public let scenario: Scenario
  /// The state the first projected period opens with (a ledger's record of it), or nil.
  public let opening: CarryState?

  /// A year of bundles (`scenario.year`): the scenario's period and the ones after it, one per
  /// period of a year; each projected period draws from the bundle at its place in the year.
  /// Empty: every period replays `base`.
  public let seasons: [DataBundle]

  public init(
    contract: Contract, base: DataBundle, scenario: Scenario, opening: CarryState? = nil,
    seasons: [DataBundle] = []
  ) {
    self.contract = contract
    self.base = base
    self.scenario = scenario
    self.opening = opening
    self.seasons = seasons
  }

  /// The same projection of another contract (a parameter moved): the same data, scenario and
  /// opening state.
  public func with(_ contract: Contract) -> Simulator {
    Simulator(
      contract: contract, base: base, scenario: scenario, opening: opening, seasons: seasons)
  }

  /// The bundle period `p` draws from, and the period that bundle holds.
  func source(of p: Period) -> (bundle: DataBundle, period: Period) {
    guard seasons.count > 1 else { return (base, scenario.period) }
    let months = p.length.months
    let k = ((p.firstMonth - scenario.period.firstMonth) / months) % seasons.count
    return (
      seasons[k], Period(containing: scenario.period.firstMonth + k * months, length: p.length)
    )
  }

  public var periods: [Period] {
    contract.term.periods(contract.frequency).filter { !($0 < scenario.period) }
  }

  /// One projection; with `seed`, random paths draw their factors from it (reproducibly),
  /// otherwise they take their midpoints. `adjust` moves one named input for sensitivity runs.
  public func run(seed: UInt64? = nil, adjust: Adjustment? = nil) throws(EvaluationFailure)
    -> Projection
  {
    try run(seed: seed, plan: plan(adjust: adjust))
  }

  /// A projection's run under `plan` (made once for many runs by `plan(adjust:)`).
  func run(seed: UInt64?, plan: Plan) throws(EvaluationFailure) -> Projection {
    let draws = self.draws(seed: seed, years: plan.years)
    var state = opening
    var received: [String: [Exact]] = [:]
    let names = Dictionary(
      contract.parties.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    var contracts = plan.contracts
    for (i, step) in plan.steps.enumerated() {
      let bundle = try bundle(step, plan, draws, &contracts)
      let n = try Settlement.nets(
        contract: contracts[step.year]!, bundle: bundle, opening: state, known: step.known)
      state = n.closing
      for (party, net) in n.nets {
        // In place: a copy of the list taken out and put back would be copied every period.
        received[party, default: Array(repeating: .zero, count: plan.steps.count)][i] = net
      }
    }
    return try summarize(periods: plan.steps.map(\.period), received: received, names: names)
  }

  /// A step's projected bundle (its random inputs drawn), and its year's contract made when
  /// random tariffs leave it to each run.
  func bundle(
    _ step: Step, _ plan: Plan, _ draws: [Driver: [Exact]], _ contracts: inout [Int: Contract]
  )
    throws(EvaluationFailure) -> DataBundle
  {
    var facts = step.facts
    // Only the inputs with a random path change from run to run.
    for (id, values) in step.randomFacts {
      let f = try factor(.input(id), scenario.prices[id]!, step.year, draws, plan.adjust)
      var moved = values
      for (facet, v) in values {
        do { moved[facet]!.value = try v.value * f } catch {
          throw EvaluationFailure("'\(id)' x its scenario factor: \(error)")
        }
      }
      facts.values[id] = moved
    }
    if contracts[step.year] == nil {
      contracts[step.year] = try contractOfYear(step.year, draws, plan.adjust)
    }
    return source(of: step.period).bundle.projected(
      to: step.period, scale: step.scale, facts: facts)
  }

  /// The full settlements of the projected periods of calendar year `year` (the deterministic
  /// projection, state carried from the first projected period): for a clause-level look at a
  /// year of the term.
  public func settlements(in year: Int) throws(EvaluationFailure) -> [Settlement] {
    let plan = try plan(adjust: nil)
    let draws = self.draws(seed: nil, years: plan.years)
    var state = opening
    var contracts = plan.contracts
    var out: [Settlement] = []
    for step in plan.steps where step.period.year <= year {
      let bundle = try bundle(step, plan, draws, &contracts)
      guard step.period.year == year else {
        state = try Settlement.nets(
          contract: contracts[step.year]!, bundle: bundle, opening: state, known: step.known
        ).closing
        continue
      }
      let outcome = Settlement.run(contract: contracts[step.year]!, bundle: bundle, opening: state)
      guard let s = outcome.settlement else {
        let first = outcome.diagnostics.first { $0.severity == .error }
        throw EvaluationFailure("\(step.period): \(first?.message ?? "cannot be settled")")
      }
      state = s.closing
      out.append(s)
    }
    return out
  }

  /// What sensitivity moves (an input, a tariff or a meter kind's kWh), by a factor.
  public typealias Adjustment = (driver: Driver, factor: Exact)

  /// Everything about the projected periods that does not depend on the random draws: made
  /// once, then shared by every Monte Carlo run.
  struct Plan: Sendable {
    var adjust: Adjustment?
    var years: Int
    var steps: [Step]
    /// Each year's contract with its tariff factors, when no tariff is random.
    var contracts: [Int: Contract]
  }

  struct Step: Sendable {
    var period: Period
    var year: Int
    var scale: [MeterKind: Exact]
    /// The period's facts with every deterministic factor applied; random inputs left out.
    var facts: Facts
    /// Random inputs' facts moved to the period, before their factor.
    var randomFacts: [String: [Facet: Facts.Value]]
    /// Values no random draw reaches, computed once for all runs.
    var known: [String: Quantity]
  }

  /// Random draws first, in a fixed order, so a seed means the same numbers however the
  /// projection is computed.
  func draws(seed: UInt64?, years: Int) -> [Driver: [Exact]] {
    guard var rng = seed.map({ SplitMixRandom(seed: $0) }) else { return [:] }
    var draws: [Driver: [Exact]] = [:]
    for key in randomKeys {
      draws[key] = (0..<years).map { _ in
        Exact(unchecked: Int128(rng.next() % 1_000_000), scale: 6)
      }
    }
    return draws
  }

  /// The inputs and tariffs of the scenario paths with a distribution, in the order of their
  /// names (`input:ID`, `tariff:ID`): the order a seed's numbers are drawn in.
  var randomKeys: [Driver] {
    (scenario.prices.filter { $0.value.isRandom }.map { Driver.input($0.key) }
      + scenario.tariffs.filter { $0.value.isRandom }.map { Driver.tariff($0.key) })
      .sorted { $0.description < $1.description }
  }

  func factor(
    _ key: Driver, _ path: Scenario.Path, _ y: Int, _ draws: [Driver: [Exact]],
    _ adjust: Adjustment?
  ) throws(EvaluationFailure) -> Exact {
    let drawn = draws[key].map { d in { d[y] } }
    do {
      var f = try path.factor(year: y, draw: drawn)
      if let adjust, adjust.driver == key { f = try f * adjust.factor }
      return f
    } catch {
      throw EvaluationFailure("scenario factor of '\(key)': \(error)")
    }
  }

  /// The contract with year `y`'s tariff factors: tariffs with a scenario path, and the one a
  /// sensitivity run moves.
  func contractOfYear(_ y: Int, _ draws: [Driver: [Exact]], _ adjust: Adjustment?)
    throws(EvaluationFailure) -> Contract
  {
    var c = contract
    var moved = scenario.tariffs
    if case .tariff(let t) = adjust?.driver, moved[t] == nil { moved[t] = Scenario.Path() }
    for (t, path) in moved.sorted(by: { $0.key < $1.key }) {
      guard c.tariffs.contains(where: { $0.id == t }) else {
        throw EvaluationFailure("'\(t)' in the scenario's tariffs is not a tariff of '\(c.id)'")
      }
      let f = try factor(.tariff(t), path, y, draws, adjust)
      // Every version moves, and a discounted tariff follows the tariff it discounts.
      for k in c.tariffs.indices where c.tariffs[k].id == t || c.tariffs[k].discountOf == t {
        for b in c.tariffs[k].bands.indices {
          do { c.tariffs[k].bands[b].price = try c.tariffs[k].bands[b].price * f } catch {
            throw EvaluationFailure("tariff '\(t)' x its factor: \(error)")
          }
        }
      }
    }
    return c
  }

  /// The deterministic part of every projected period.
  func plan(adjust: Adjustment?) throws(EvaluationFailure) -> Plan {
    let periods = self.periods
    let years = (periods.last.map { ($0.firstMonth - scenario.period.firstMonth) / 12 } ?? 0) + 1
    let random = Set(randomKeys)
    let randomTariffs = scenario.tariffs.contains { $0.value.isRandom }
    var contracts: [Int: Contract] = [:]
    if !randomTariffs {
      for y in 0..<years { contracts[y] = try contractOfYear(y, [:], adjust) }
    }
    let invariant = invariantValues(random: random)
    var steps: [Step] = []
    for p in periods {
      // Years and months are counted from the bundle the period draws from.
      let (source, from) = self.source(of: p)
      let y = (p.firstMonth - from.firstMonth) / 12
      let shift = p.firstMonth - from.firstMonth
      var scale: [MeterKind: Exact] = [:]
      for (kind, g) in scenario.growth {
        guard let k = MeterKind(rawValue: kind) else {
          throw EvaluationFailure("'\(kind)' in the scenario's growth is not a meter kind")
        }
        var f = Exact.one
        do {
          let step = try Exact.one + g
          for _ in 0..<y { f = try f * step }
          if let adjust, adjust.driver == .kWh(kind) { f = try f * adjust.factor }
        } catch {
          throw EvaluationFailure("growth of '\(kind)': \(error)")
        }
        scale[k] = f
      }
      var facts = Facts()
      var randomFacts: [String: [Facet: Facts.Value]] = [:]
      for (id, values) in source.facts.values {
        var moved: [Facet: Facts.Value] = [:]
        let isRandom = random.contains(.input(id))
        var f: Exact? = nil
        if !isRandom, let path = scenario.prices[id] {
          f = try factor(.input(id), path, y, [:], adjust)
        }
        // Sensitivity moves any input, with a scenario path or without.
        if f == nil, !isRandom, let adjust, adjust.driver == .input(id) { f = adjust.factor }
        for (facet, v) in values {
          var key = facet
          key.month = facet.month.map { $0 + shift }
          // Vintages are calendar years: a start in Q2 reaches the next vintage in Q1.
          key.vintage = facet.vintage.map { $0 + p.year - from.year }
          var value = v
          if let f {
            do { value.value = try v.value * f } catch {
              throw EvaluationFailure("'\(id)' x its scenario factor: \(error)")
            }
          }
          moved[key] = value
        }
        if isRandom { randomFacts[id] = moved } else { facts.values[id] = moved }
      }
      var known: [String: Quantity] = [:]
      if !invariant.isEmpty {
        // Random inputs at any value: the invariant values do not read them.
        var all = facts
        for (id, v) in randomFacts { all.values[id] = v }
        let bundle = source.projected(to: p, scale: scale, facts: all)
        known = Evaluator.values(
          invariant, contract: contracts[y] ?? contract, bundle: bundle)
      }
      steps.append(
        Step(
          period: p, year: y, scale: scale, facts: facts, randomFacts: randomFacts, known: known))
    }
    return Plan(adjust: adjust, years: years, steps: steps, contracts: contracts)
  }

  /// Lets, KPIs, revenues and points schemes that read no random input or tariff and carry no
  /// state (certificates, subsidies): the same in every run of a period.
  func invariantValues(random: Set<Driver>) -> [String] {
    let randomTariffs = Set(
      contract.tariffs.filter {
        random.contains(.tariff($0.id))
          || $0.discountOf.map { random.contains(.tariff($0)) } == true
      }.map(\.id))
    let subsidies = Set(contract.subsidies.map(\.id))
    // Each value's formulas, found by id at once: a contract may hold 100,000 lets.
    var formulas: [String: [Formula]] = [:]
    for d in contract.definitions { formulas[d.id] = formulas[d.id] ?? [d.formula] }
    for p in contract.points where formulas[p.id] == nil {
      formulas[p.id] = p.rules.map {
        switch $0 {
        case .per(_, _, let f), .bonus(_, let f): f
        }
      }
    }
    var verdict: [String: Bool] = [:]
    func fixed(_ f: Formula) -> Bool {
      switch f {
      case .constant, .meter, .column: true
      case .input(let id): !random.contains(.input(id))
      case .value(let id): verdict[id] ?? false
      case .tou(_, let t): !randomTariffs.contains(t)
      // They read the carried state.
      case .gec, .certificateStock, .toDate, .received, .balance: false
      case .sum(let a), .negate(let a), .peak(let a): fixed(a)
      case .spot(let a, let price): fixed(a) && !random.contains(.input(price))
      case .prorate(let a, _, _), .reduction(let a, _, _, _): fixed(a)
      case .forfeit(let a, _, let l, let r), .annuity(let a, let l, let r):
        fixed(a) && fixed(l) && fixed(r)
      case .min(let a, let b), .max(let a, let b), .above(let a, let b), .least(let a, let b),
        .atLeast(let a, let b),
        .binary(_, let a, let b):
        fixed(a) && fixed(b)
      }
    }
    // The values a value reads get their verdict first, from an explicit stack (a chain of
    // 100,000 lets must not recurse 100,000 deep). A value on the stack counts as not invariant
    // meanwhile: a cycle is not invariant (the checker refuses cycles anyway).
    func isInvariant(_ root: String) -> Bool {
      if let v = verdict[root] { return v }
      func reads(_ id: String) -> [String] {
        guard !subsidies.contains(id), let fs = formulas[id] else { return [] }
        return fs.flatMap(\.references).filter { formulas[$0] != nil }
      }
      var frames: [(id: String, reads: [String], next: Int)] = [(root, reads(root), 0)]
      verdict[root] = false
      while let top = frames.indices.last {
        let frame = frames[top]
        if frame.next < frame.reads.count {
          frames[top].next += 1
          let read = frame.reads[frame.next]
          guard verdict[read] == nil else { continue }
          verdict[read] = false
          frames.append((read, reads(read), 0))
          continue
        }
        frames.removeLast()
        guard !subsidies.contains(frame.id), let fs = formulas[frame.id] else { continue }
        verdict[frame.id] = fs.allSatisfy(fixed)
      }
      return verdict[root]!
    }
    return (contract.definitions.map(\.id) + contract.points.map(\.id)).filter(isInvariant)
  }

  func summarize(periods: [Period], received: [String: [Exact]], names: [String: String])
    throws(EvaluationFailure) -> Projection
  {
    func exact<T>(_ body: () throws(ArithmeticError) -> T) throws(EvaluationFailure) -> T {
      do { return try body() } catch { throw EvaluationFailure("\(error)") }
    }
    let firstYear = periods.first?.year ?? scenario.period.year
    let yearCount = (periods.last?.year ?? firstYear) - firstYear + 1
    let allReceived = try exact { () throws(ArithmeticError) in
      try received.values.flatMap { $0 }.sum()
    }
    let allInvested = try exact { () throws(ArithmeticError) in
      try scenario.investments.map(\.amount).sum()
    }
    var parties: [Projection.Party] = []
    for party in received.keys.sorted() {
      let list = received[party]!
      var years: [Projection.Year] = []
      for k in 0..<yearCount {
        let year = firstYear + k
        let r = try exact { () throws(ArithmeticError) in
          try zip(periods, list).filter { $0.0.year == year }.map(\.1).sum()
        }
        let inv = try exact { () throws(ArithmeticError) in
          try scenario.investments.filter { $0.party == party && $0.period.year == year }
            .map(\.amount).sum()
        }
        years.append(
          Projection.Year(
            year: year, received: r, invested: inv,
            cash: try exact { () throws(ArithmeticError) in try r - inv }))
      }
      if let costs = scenario.costs[party] {
        let schedule = try exact { () throws(ArithmeticError) in
          try costs.schedule(
            years: years.map(\.year), received: years.map(\.received),
            invested: scenario.investments.filter { $0.party == party }.map {
              ($0.period.year, $0.amount)
            }, decimals: contract.currency.decimals)
        }
        for k in years.indices {
          let c = schedule[k]
          years[k].costs = c
          years[k].cash = try exact { () throws(ArithmeticError) in
            try years[k].cash + c.loan - c.debtService - c.om - c.tax
          }
        }
      }
      let cash = years.map(\.cash)
      let total = try exact { () throws(ArithmeticError) in try list.sum() }
      let invested = try exact { () throws(ArithmeticError) in try years.map(\.invested).sum() }
      func share(_ v: Exact, _ of: Exact) throws(EvaluationFailure) -> Exact {
        guard !of.isZero else { return .zero }
        return try exact { () throws(ArithmeticError) in try (v / of).rounded(scale: 6, .halfEven) }
      }
      parties.append(
        Projection.Party(
          party: party, name: names[party] ?? party, received: list, years: years,
          totalReceived: total, investment: invested,
          npv: try exact { () throws(ArithmeticError) in
            try Finance.npv(cash, rate: scenario.discountRate)
          },
          irr: Finance.irr(cash),
          payback: invested.isZero
            ? nil : try exact { () throws(ArithmeticError) in try Finance.payback(cash) },
          valueShare: try share(total, allReceived),
          investmentShare: try share(invested, allInvested)))
    }
    return Projection(
      contract: contract.id, parameters: ContractParameter.variant(contract.parameters),
      currency: contract.currency.code,
      decimals: contract.currency.decimals, discountRate: scenario.discountRate,
      periods: periods, parties: parties)
  }
}

/// The small, reproducible random generator of projections (SplitMix64); the tests' too.
struct SplitMixRandom: Sendable, RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Present value, internal rate of return and payback of yearly cash flows, exactly.
public enum Finance {
  /// Σ cash[t] / (1 + rate)^t, t from 0.
  public static func npv(_ cash: [Exact], rate: Exact) throws(ArithmeticError) -> Exact {
    let step = try Exact.one + rate
    var factor = Exact.one
    var total = Exact.zero
    for c in cash {
      total = try total + c / factor
      factor = try factor * step
    }
    return total
  }

  /// The rate where the NPV is zero, between -99% and 1,000% (narrowed to where the NPV can be
  /// valued exactly over a long term), to six decimal places; nil when the NPV does not change
  /// sign there. The root stays bracketed as in bisection, but each
  /// trial is the secant point of the bracket (regula falsi, Illinois variant), with a
  /// bisection step whenever one end has stayed twice: a third of bisection's NPVs, and never
  /// slower than it. Trial rates are kept to 12 decimals so each NPV stays cheap; the answer is
  /// the middle of a bracket narrower than 1e-10.
  ///
  /// Every figure here is a rate between -0.99 and 10 or an NPV at one: a trial whose NPV does
  /// not fit in 38 digits (a long term at -99%) cannot bracket the root and ends the search, as
  /// an NPV that does not change sign does; no amount is ever replaced by another.
  public static func irr(_ cash: [Exact]) -> Exact? {
    guard cash.contains(where: \.isNegative), cash.contains(where: { !$0.isNegative && !$0.isZero })
    else { return nil }
    // The widest bracket whose ends can be valued: over a long term (80 quarters) 1.1^80 or
    // 0.01^-80 passes the range of exact numbers, so the ends move in until each NPV exists.
    let lows = [-99, -90, -50, -25, -10, 0].map { Exact(unchecked: Int128($0), scale: 2) }
    let highs = [1000, 200, 100, 50, 25, 10].map { Exact(unchecked: Int128($0), scale: 2) }
    guard
      var (low, fLow) = lows.lazy.compactMap({ r in (try? npv(cash, rate: r)).map { (r, $0) } })
        .first,
      var (high, fHigh) = highs.lazy.compactMap({ r in
        (try? npv(cash, rate: r)).map { (r, $0) }
      }).first,
      fLow.isNegative != fHigh.isNegative
    else { return nil }
    let tolerance = Exact(unchecked: 1, scale: 10)
    var stayed = 0  // how many trials in a row moved the same end
    var lastMoved = 0  // -1 low, 1 high
    for _ in 0..<400 {
      guard let width = try? high - low, tolerance < width,
        let mid = try? ((low + high) / Exact(2)).rounded(scale: 12, .halfEven)
      else { break }
      var next = mid
      if stayed < 2, let slope = try? fHigh - fLow, !slope.isZero,
        let step = try? (fHigh * width / slope).rounded(scale: 12, .halfEven),
        let secant = try? high - step, low < secant, secant < high
      {
        next = secant
      }
      guard low < next, next < high, let f = try? npv(cash, rate: next) else { break }
      if f.isZero { return try? next.rounded(scale: 6, .halfEven) }
      let moved = f.isNegative == fLow.isNegative ? -1 : 1
      stayed = moved == lastMoved ? stayed + 1 : 0
      lastMoved = moved
      if moved == -1 {
        low = next
        fLow = f
        // Illinois: the end that stays has its value halved, pulling the next secant to it.
        if stayed > 0, let half = try? fHigh / Exact(2) { fHigh = half }
      } else {
        high = next
        fHigh = f
        if stayed > 0, let half = try? fLow / Exact(2) { fLow = half }
      }
      if stayed >= 2 { stayed = 2 }
    }
    return try? ((low + high) / Exact(2)).rounded(scale: 6, .halfEven)
  }

  /// The number of years until the cumulative cash flow is back at zero or above.
  public static func payback(_ cash: [Exact]) throws(ArithmeticError) -> Int? {
    var cumulative = Exact.zero
    var wasNegative = false
    for (i, c) in cash.enumerated() {
      cumulative = try cumulative + c
      if cumulative.isNegative { wasNegative = true } else if wasNegative { return i + 1 }
    }
    return wasNegative ? nil : 1
  }
}
