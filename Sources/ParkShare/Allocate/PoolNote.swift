/// Something a pool's waterfall could not place, as a value with its numbers; Render words it.
public enum PoolNote: Sendable, Equatable {
  /// What was left after the last step.
  case untaken(Fraction, currency: String)
  /// Nobody had any of the metric a share is taken by: the amount was not divided; a rebate's
  /// stays in the remainder, a split's is left unallocated. `nobody`: no one it names takes part
  /// in the (sub-)period at all (parties over time).
  case noWeights(
    period: Period, metric: Formula, clause: SourceRange, amount: Fraction, currency: String,
    rebate: Bool, subPeriod: SubPeriod? = nil, nobody: Bool = false)
  /// What caps cut with no free party left to take it.
  case capCutUnplaced(Fraction, currency: String)
  /// A clawback of more than the party has received from the pool over the term so far.
  case clawbackBeyondReceived(party: String, amount: Fraction, received: Fraction, currency: String)
  /// A note read back from a ledger record, as recorded.
  case recorded(String)
}

/// A note is also the message of a `pool-note` diagnostic, raised where the pool is settled, and
/// diagnostics are worded where they are raised; JSON outputs and ledgers record that message.
extension PoolNote: CustomStringConvertible, Codable {
  public var description: String {
    switch self {
    case .untaken(let v, let c): return "\(v.grouped(places: 6)) \(c) no step took"
    case .noWeights(
      let period, let metric, let clause, let amount, let c, let rebate, let sub, let nobody):
      let fate =
        rebate ? "it stays in the remainder for the steps after it" : "it is left unallocated"
      let when = sub.map { "\($0)" } ?? "\(period)"
      let why = nobody ? "no one it shares among takes part" : "no one has any '\(metric)'"
      return
        "\(when): \(why) (\(clause.clause)): \(amount.grouped(places: 6)) \(c) not divided; \(fate)"
    case .capCutUnplaced(let v, let c):
      return "\(v.grouped(places: 6)) \(c) cut by caps: no free party left to take it"
    case .clawbackBeyondReceived(let party, let amount, let received, let c):
      return
        "clawback of \(amount.grouped(places: 6)) \(c) from '\(party)' is more than it has received from the pool so far (\(received.grouped(places: 6)) \(c))"
    case .recorded(let text): return text
    }
  }

  public init(from decoder: any Decoder) throws {
    self = .recorded(try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
