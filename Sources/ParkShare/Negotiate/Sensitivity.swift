/// A tornado table: each input of the projection (readings growth by meter kind, every fact
/// input, every tariff) moved down and up by a percentage, and the change it makes to each
/// party's NPV; inputs sorted by their largest effect on any party.
public struct Sensitivity: Sendable, Codable {
  public var contract: String
  public var currency: String
  public var decimals: Int
  public var change: Exact
  public var base: [String: Exact]
  public var inputs: [Input]
  /// Each party's bars: its NPV change with each input lowered and raised, by swing.
  public var tornado: [String: [Bar]]

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
    for driver in drivers {
      let name = driver.description
      let lowRun = try sim.run(adjust: (driver, down))
      let highRun = try sim.run(adjust: (driver, up))
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
    inputs.sort { $0.impact != $1.impact ? $1.impact < $0.impact : $0.input < $1.input }
    for party in tornado.keys {
      tornado[party]!.sort { $0.swing != $1.swing ? $1.swing < $0.swing : $0.input < $1.input }
    }
    return Sensitivity(
      contract: base.contract, currency: base.currency, decimals: base.decimals, change: change,
      base: npv, inputs: inputs, tornado: tornado)
  }
}
