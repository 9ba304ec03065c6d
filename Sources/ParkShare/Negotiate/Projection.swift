import Dispatch

/// The contract's term played out period by period from a settled period's data under a
/// scenario: each period settled by the same engine as `settle`, carrying its state to the next.
/// Per party: what it receives each period, its investments, yearly cash flows, NPV, IRR,
/// payback, and its share of the value against its share of the investment.
public struct Projection: Sendable, Codable {
  public var contract: String
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
    public var cash: Exact
  }
}

/// Runs projections: once deterministically, or many times with random price factors.
public struct Simulator: Sendable {
  public let contract: Contract
  public let base: DataBundle
  public let scenario: Scenario

  public init(contract: Contract, base: DataBundle, scenario: Scenario) {
    self.contract = contract
    self.base = base
    self.scenario = scenario
  }

  public var periods: [Period] {
    contract.term.periods(contract.frequency).filter { !($0 < scenario.period) }
  }

  /// One projection; with `seed`, random paths draw their factors from it (reproducibly),
  /// otherwise they take their midpoints. `adjust` moves one named input for sensitivity runs.
  public func run(seed: UInt64? = nil, adjust: (name: String, factor: Exact)? = nil)
    throws(EvaluationFailure) -> Projection
  {
    let periods = self.periods
    let years = (periods.last.map { ($0.firstMonth - scenario.period.firstMonth) / 12 } ?? 0) + 1
    // Random draws first, in a fixed order, so a seed means the same numbers however the
    // projection is computed.
    var rng = seed.map { SplitMixRandom(seed: $0) }
    var draws: [String: [Exact]] = [:]
    let random =
      (scenario.prices.map { ("input:" + $0.key, $0.value) }
      + scenario.tariffs.map { ("tariff:" + $0.key, $0.value) }).filter { $0.1.uniform != nil }
      .sorted { $0.0 < $1.0 }
    if rng != nil {
      for (key, _) in random {
        draws[key] = (0..<years).map { _ in
          Exact(unchecked: Int128(rng!.next() % 1_000_000), scale: 6)
        }
      }
    }
    func factor(_ key: String, _ path: Scenario.Path, _ y: Int) throws(EvaluationFailure) -> Exact {
      let drawn = draws[key].map { d in { d[y] } }
      do {
        var f = try path.factor(year: y, draw: drawn)
        if let adjust, adjust.name == key { f = try f * adjust.factor }
        return f
      } catch {
        throw EvaluationFailure("scenario factor of '\(key)': \(error)")
      }
    }
    var state: CarryState? = nil
    var received: [String: [Exact]] = [:]
    var names: [String: String] = [:]
    var contracts: [Int: Contract] = [:]
    for (i, p) in periods.enumerated() {
      let y = (p.firstMonth - scenario.period.firstMonth) / 12
      let shift = p.firstMonth - scenario.period.firstMonth
      var scale: [MeterKind: Exact] = [:]
      for (kind, g) in scenario.growth {
        guard let k = MeterKind(rawValue: kind) else {
          throw EvaluationFailure("'\(kind)' in the scenario's growth is not a meter kind")
        }
        var f = Exact.one
        do {
          let step = try Exact.one + g
          for _ in 0..<y { f = try f * step }
          if let adjust, adjust.name == "kWh:" + kind { f = try f * adjust.factor }
        } catch {
          throw EvaluationFailure("growth of '\(kind)': \(error)")
        }
        scale[k] = f
      }
      var facts = Facts()
      for (id, values) in base.facts.values {
        var moved: [Facet: Facts.Value] = [:]
        var f = try scenario.prices[id].map { path throws(EvaluationFailure) in
          try factor("input:" + id, path, y)
        }
        // Sensitivity moves any input, with a scenario path or without.
        if f == nil, let adjust, adjust.name == "input:" + id { f = adjust.factor }
        for (facet, v) in values {
          var key = facet
          key.month = facet.month.map { $0 + shift }
          key.vintage = facet.vintage.map { $0 + y }
          var value = v
          if let f {
            do { value.value = try v.value * f } catch {
              throw EvaluationFailure("'\(id)' x its scenario factor: \(error)")
            }
          }
          moved[key] = value
        }
        facts.values[id] = moved
      }
      if contracts[y] == nil {
        var c = contract
        // Tariffs with a scenario path, and the one a sensitivity run moves.
        var moved = scenario.tariffs
        if let adjust, adjust.name.hasPrefix("tariff:") {
          let t = String(adjust.name.dropFirst(7))
          if moved[t] == nil { moved[t] = Scenario.Path(path: nil, growth: nil, uniform: nil) }
        }
        for (t, path) in moved.sorted(by: { $0.key < $1.key }) {
          guard let ti = c.tariffs.firstIndex(where: { $0.id == t }) else {
            throw EvaluationFailure("'\(t)' in the scenario's tariffs is not a tariff of '\(c.id)'")
          }
          let f = try factor("tariff:" + t, path, y)
          // A discounted tariff follows the tariff it discounts.
          for k in c.tariffs.indices where k == ti || c.tariffs[k].discountOf == t {
            for b in c.tariffs[k].bands.indices {
              do { c.tariffs[k].bands[b].price = try c.tariffs[k].bands[b].price * f } catch {
                throw EvaluationFailure("tariff '\(t)' x its factor: \(error)")
              }
            }
          }
        }
        contracts[y] = c
      }
      let bundle = base.projected(to: p, scale: scale, facts: facts)
      let outcome = Settlement.run(
        contract: contracts[y]!, bundle: bundle, opening: state, explain: false)
      guard let s = outcome.settlement else {
        let errors = outcome.diagnostics.filter { $0.severity == .error }.map(\.message)
        throw EvaluationFailure("\(p): \(errors.joined(separator: "; "))")
      }
      state = s.closing
      for st in s.statements {
        names[st.party] = st.name
        var list = received[st.party] ?? Array(repeating: .zero, count: periods.count)
        list[i] = st.net
        received[st.party] = list
      }
    }
    return try summarize(periods: periods, received: received, names: names)
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
      let cash = years.map(\.cash)
      let total = try exact { () throws(ArithmeticError) in try list.sum() }
      let invested = try exact { () throws(ArithmeticError) in try years.map(\.invested).sum() }
      func share(_ v: Exact, _ of: Exact) -> Exact {
        of.isZero ? .zero : ((try? (v / of).rounded(scale: 6, .halfEven)) ?? .zero)
      }
      parties.append(
        Projection.Party(
          party: party, name: names[party] ?? party, received: list, years: years,
          totalReceived: total, investment: invested,
          npv: try exact { () throws(ArithmeticError) in
            try Finance.npv(cash, rate: scenario.discountRate)
          },
          irr: Finance.irr(cash), payback: invested.isZero ? nil : Finance.payback(cash),
          valueShare: share(total, allReceived), investmentShare: share(invested, allInvested)))
    }
    return Projection(
      contract: contract.id, currency: contract.currency.code,
      decimals: contract.currency.decimals, discountRate: scenario.discountRate,
      periods: periods, parties: parties)
  }
}

/// The small, reproducible random generator of projections (SplitMix64).
struct SplitMixRandom: Sendable {
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

  /// The rate where the NPV is zero, by bisection between -99% and 1,000%, to six decimal
  /// places; nil when the NPV does not change sign there.
  public static func irr(_ cash: [Exact]) -> Exact? {
    guard cash.contains(where: \.isNegative), cash.contains(where: { !$0.isNegative && !$0.isZero })
    else { return nil }
    var low = (try? Exact(parsing: "-0.99")) ?? .zero
    var high = Exact(10)
    guard let fLow = try? npv(cash, rate: low), let fHigh = try? npv(cash, rate: high),
      fLow.isNegative != fHigh.isNegative
    else { return nil }
    let lowNegative = fLow.isNegative
    let tolerance = Exact(unchecked: 1, scale: 9)
    for _ in 0..<80 {
      guard let sum = try? low + high, let mid = try? sum / Exact(2),
        let f = try? npv(cash, rate: mid)
      else { return nil }
      if f.isZero { return (try? mid.rounded(scale: 6, .halfEven)) ?? mid }
      if f.isNegative == lowNegative { low = mid } else { high = mid }
      if let gap = try? high - low, gap < tolerance { break }
    }
    let mid = (try? (low + high) / Exact(2)) ?? low
    return (try? mid.rounded(scale: 6, .halfEven)) ?? mid
  }

  /// The number of years until the cumulative cash flow is back at zero or above.
  public static func payback(_ cash: [Exact]) -> Int? {
    var cumulative = Exact.zero
    var wasNegative = false
    for (i, c) in cash.enumerated() {
      cumulative = (try? cumulative + c) ?? cumulative
      if cumulative.isNegative { wasNegative = true } else if wasNegative { return i + 1 }
    }
    return wasNegative ? nil : 1
  }
}
