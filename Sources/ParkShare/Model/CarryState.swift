/// What one period hands to the next: the kWh toward the next green certificate, and which
/// subsidy triggers have fired. A period's computation takes the previous period's closing
/// state as its opening state, so nothing is lost or counted twice across periods.
public struct CarryState: Sendable, Codable, Equatable {
  /// The contract this state belongs to.
  public var contract: String
  /// The period this state closes; nil before the first period of the term.
  public var period: Period?
  /// kWh carried toward the next certificate, by the kWh written inside `gec(...)`.
  public var gecRemainders: [String: Exact]
  /// Subsidy triggers that have fired (`reduce to ... when ...`), and the period they fired in:
  /// once fired, a reduction stays for the rest of the term.
  public var triggered: [String: Period]

  public init(
    contract: String, period: Period? = nil, gecRemainders: [String: Exact] = [:],
    triggered: [String: Period] = [:]
  ) {
    self.contract = contract
    self.period = period
    self.gecRemainders = gecRemainders
    self.triggered = triggered
  }

  enum CodingKeys: String, CodingKey {
    case contract, period
    case gecRemainders = "gec_remainder_kwh"
    case triggered
  }
}
