/// What one period hands to the next: the kWh toward the next green certificate, subsidy
/// triggers that have fired, arrears owed, fund balances and what each party has received from
/// each pool so far (for caps over the term). A period's computation takes the previous
/// period's closing state as its opening state, so nothing is lost or counted twice.
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
  /// Unpaid amounts of `pay` steps, by `POOL/STEP/PARTY` (the step's position in its pool).
  public var arrears: [String: Exact]
  /// Fund balances, by fund name.
  public var funds: [String: Exact]
  /// What each party has been paid from each pool over the term, by `POOL/PARTY`.
  public var received: [String: Exact]

  public init(
    contract: String, period: Period? = nil, gecRemainders: [String: Exact] = [:],
    triggered: [String: Period] = [:], arrears: [String: Exact] = [:],
    funds: [String: Exact] = [:], received: [String: Exact] = [:]
  ) {
    self.contract = contract
    self.period = period
    self.gecRemainders = gecRemainders
    self.triggered = triggered
    self.arrears = arrears
    self.funds = funds
    self.received = received
  }

  enum CodingKeys: String, CodingKey {
    case contract, period
    case gecRemainders = "gecRemainderKWh"
    case triggered, arrears, funds, received
  }

  /// Keys a state file leaves out are empty (a state written by `revenue` has no arrears).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    contract = try c.decode(String.self, forKey: .contract)
    period = try c.decodeIfPresent(Period.self, forKey: .period)
    gecRemainders = try c.decodeIfPresent([String: Exact].self, forKey: .gecRemainders) ?? [:]
    triggered = try c.decodeIfPresent([String: Period].self, forKey: .triggered) ?? [:]
    arrears = try c.decodeIfPresent([String: Exact].self, forKey: .arrears) ?? [:]
    funds = try c.decodeIfPresent([String: Exact].self, forKey: .funds) ?? [:]
    received = try c.decodeIfPresent([String: Exact].self, forKey: .received) ?? [:]
  }
}
