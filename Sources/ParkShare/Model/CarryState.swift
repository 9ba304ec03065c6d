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
  public var arrears: [ArrearsKey: Exact]
  /// Fund balances, by fund name.
  public var funds: [String: Exact]
  /// What each party has been paid from each pool over the term, by `POOL/PARTY`.
  public var received: [PoolParty: Exact]
  /// Running totals (`to-date`) by the id they add up: only those the contract reads.
  public var totals: [String: RunningTotal]
  /// Green points balances of schemes that `carry over`: by scheme, by member, its lots oldest
  /// first (a member with no points has no entry).
  public var points: [String: [String: [PointsLot]]]
  /// Green certificates held unsold (`gec-sold` and its views), by the kWh written inside the
  /// call: lots by production month, oldest first (an inventory with none has no entry).
  public var certificates: [String: [CertificateLot]]

  public init(
    contract: String, period: Period? = nil, gecRemainders: [String: Exact] = [:],
    triggered: [String: Period] = [:], arrears: [ArrearsKey: Exact] = [:],
    funds: [String: Exact] = [:], received: [PoolParty: Exact] = [:],
    totals: [String: RunningTotal] = [:], points: [String: [String: [PointsLot]]] = [:],
    certificates: [String: [CertificateLot]] = [:]
  ) {
    self.contract = contract
    self.period = period
    self.gecRemainders = gecRemainders
    self.triggered = triggered
    self.arrears = arrears
    self.funds = funds
    self.received = received
    self.totals = totals
    self.points = points
    self.certificates = certificates
  }

  enum CodingKeys: String, CodingKey {
    case contract, period
    case gecRemainders = "gecRemainderKWh"
    case triggered, arrears, funds, received, totals, points, certificates
  }

  /// Keys a state file leaves out are empty (a state written by `revenue` has no arrears).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    contract = try c.decode(String.self, forKey: .contract)
    period = try c.decodeIfPresent(Period.self, forKey: .period)
    gecRemainders = try c.decodeIfPresent([String: Exact].self, forKey: .gecRemainders) ?? [:]
    triggered = try c.decodeIfPresent([String: Period].self, forKey: .triggered) ?? [:]
    arrears = try Self.keyed(c, .arrears, ArrearsKey.init)
    funds = try c.decodeIfPresent([String: Exact].self, forKey: .funds) ?? [:]
    received = try Self.keyed(c, .received, PoolParty.init)
    totals = try c.decodeIfPresent([String: RunningTotal].self, forKey: .totals) ?? [:]
    points = try c.decodeIfPresent([String: [String: [PointsLot]]].self, forKey: .points) ?? [:]
    certificates =
      try c.decodeIfPresent([String: [CertificateLot]].self, forKey: .certificates) ?? [:]
  }

  /// Keys as the state file writes them (`POOL/STEP/PARTY`, `POOL/PARTY`), sorted like every
  /// JSON output, so a state written before keys were values is written the same.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(contract, forKey: .contract)
    try c.encodeIfPresent(period, forKey: .period)
    try c.encode(gecRemainders, forKey: .gecRemainders)
    try c.encode(triggered, forKey: .triggered)
    try c.encode(Self.texts(arrears), forKey: .arrears)
    try c.encode(funds, forKey: .funds)
    try c.encode(Self.texts(received), forKey: .received)
    // Written only when the contract keeps running totals, so the states and ledgers of
    // contracts without them keep their bytes.
    if !totals.isEmpty { try c.encode(totals, forKey: .totals) }
    // Likewise points balances: only a contract whose points carry over writes them.
    if !points.isEmpty { try c.encode(points, forKey: .points) }
    // And certificates held: only a contract that keeps an inventory writes them.
    if !certificates.isEmpty { try c.encode(certificates, forKey: .certificates) }
  }

  static func texts<K: CustomStringConvertible>(_ map: [K: Exact]) -> [String: Exact] {
    Dictionary(map.map { ($0.key.description, $0.value) }, uniquingKeysWith: { a, _ in a })
  }

  static func keyed<K: Hashable>(
    _ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys, _ parse: (String) -> K?
  ) throws -> [K: Exact] {
    var out: [K: Exact] = [:]
    for (text, v) in try c.decodeIfPresent([String: Exact].self, forKey: key) ?? [:] {
      guard let k = parse(text) else {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: c, debugDescription: "'\(text)' is not a key of \(key.stringValue)")
      }
      out[k] = v
    }
    return out
  }
}
