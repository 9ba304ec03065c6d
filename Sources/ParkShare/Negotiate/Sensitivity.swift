/// A tornado table: each input of the projection (readings growth by meter kind, every fact
/// input, every tariff) and each numeric contract parameter (`param ...`: the terms under
/// negotiation) moved down and up by a percentage, and the change it makes to each party's NPV;
/// inputs sorted by their largest effect on any party.
public struct Sensitivity: Sendable, Codable {
  public var contract: String
  /// The parameters the base run gave other values (a variant); nil otherwise.
  public var parameters: [ContractParameter]? = nil
  public var currency: String
  public var decimals: Int
  public var change: Exact
  public var base: [String: Exact]
  public var inputs: [Input]
  /// Each party's bars: its NPV change with each input lowered and raised, by swing.
  public var tornado: [String: [Bar]]
  /// Parameters that could not be moved (the contract refuses the moved value), with why;
  /// nil when every one moved.
  public var skipped: [String]? = nil

  public struct Bar: Sendable, Codable {
    public var input: String
    public var lowered: Exact
    public var raised: Exact
    /// |raised - lowered|: the bar's length.
    public var swing: Exact
  }

  public struct Input: Sendable, Codable {
    public var input: String
    /// Each party's NPV with the input lowered and raised.
    public var low: [String: Exact]
    public var high: [String: Exact]
    /// The largest |high - low| over the parties.
    public var impact: Exact
  }

  public static func run(_ sim: Simulator, change: Exact) throws(EvaluationFailure) -> Sensitivity {
    let base = try sim.run()
    var drivers = sim.scenario.growth.keys.sorted().map { Driver.kWh($0) }
    drivers += sim.base.facts.values.keys.sorted().map { Driver.input($0) }
    drivers += Set(sim.contract.tariffs.map(\.id)).sorted().map { Driver.tariff($0) }
    func exact<T>(_ body: () throws(ArithmeticError) -> T) throws(EvaluationFailure) -> T {
      do { return try body() } catch { throw EvaluationFailure("sensitivity: \(error)") }
    }
    let down = try exact { () throws(ArithmeticError) in try Exact.one - change }
    let up = try exact { () throws(ArithmeticError) in try Exact.one + change }
    let npv = Dictionary(uniqueKeysWithValues: base.parties.map { ($0.party, $0.npv) })
    var inputs: [Input] = []
    var tornado: [String: [Bar]] = [:]
    // Each driver's two runs as bars: the NPV change of every party from the base.
    func record(_ name: String, _ lowRun: Projection, _ highRun: Projection)
      throws(EvaluationFailure)
    {
      var low: [String: Exact] = [:]
      var high: [String: Exact] = [:]
      var impact = Exact.zero
      for (l, h) in zip(lowRun.parties, highRun.parties) {
        low[l.party] = l.npv
        high[h.party] = h.npv
        let bar = try exact { () throws(ArithmeticError) in
          let origin = npv[l.party] ?? .zero
          return Bar(
            input: name, lowered: try l.npv - origin, raised: try h.npv - origin,
            swing: try (h.npv - l.npv).magnitude)
        }
        impact = Exact.max(impact, bar.swing)
        tornado[l.party, default: []].append(bar)
      }
      inputs.append(Input(input: name, low: low, high: high, impact: impact))
    }
    for driver in drivers {
      try record(
        driver.description, try sim.run(adjust: (driver, down)), try sim.run(adjust: (driver, up)))
    }
    // The contract's terms: each numeric parameter moved the same way, the contract checked
    // again with it (derived parameters follow), on the same data.
    var skipped: [String] = []
    let given = (sim.contract.parameters ?? []).filter(\.set).map { ($0.name, $0.value) }
    for param in sim.contract.parameters ?? [] {
      guard let (number, suffix) = Self.numeric(param.value) else { continue }
      var runs: [Projection] = []
      for factor in [down, up] {
        let moved = try exact { () throws(ArithmeticError) in try number * factor }
        let (_, checked) = Checker.check(
          path: sim.contract.file, allowOutsideFiles: true,
          parameters: given.filter { $0.0 != param.name } + [(param.name, "\(moved)\(suffix)")])
        guard let contract = checked.contract else {
          let why = checked.diagnostics.first { $0.severity == .error }?.message ?? "errors"
          skipped.append("\(param.name): \(why)")
          break
        }
        runs.append(
          try sim.with(contract).run())
      }
      if runs.count == 2 { try record("param \(param.name)", runs[0], runs[1]) }
    }
    inputs.sort { $0.impact != $1.impact ? $1.impact < $0.impact : $0.input < $1.input }
    for party in tornado.keys {
      tornado[party]!.sort { $0.swing != $1.swing ? $1.swing < $0.swing : $0.input < $1.input }
    }
    return Sensitivity(
      contract: base.contract, parameters: base.parameters, currency: base.currency,
      decimals: base.decimals, change: change,
      base: npv, inputs: inputs, tornado: tornado, skipped: skipped.isEmpty ? nil : skipped)
  }

  /// A parameter's value as a number and what follows it (`30%` -> 30 and `%`, `0.05 CNY/kWh` ->
  /// 0.05 and ` CNY/kWh`), read as the contract reads it; nil for a period.
  static func numeric(_ value: String) -> (Exact, String)? {
    let whole = SourceRange.whole("value")
    var tokens = Parameters.tokens(value, file: "value", at: whole)[...]
    let negative = tokens.first?.isSymbol("-") == true
    if negative { tokens = tokens.dropFirst() }
    guard let first = tokens.first, first.kind == .number || first.kind == .percent,
      let n = first.number
    else { return nil }
    let unit = Parameters.text(Array(tokens.dropFirst()))
    let suffix = first.kind == .percent ? "%" : (unit.isEmpty ? "" : " " + unit)
    return (negative ? n.negated : n, suffix)
  }
}
