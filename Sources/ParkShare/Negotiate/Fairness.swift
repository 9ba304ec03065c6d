/// For each party that brings assets to the deal: what the contract pays it, what it put in
/// (capital), the losses and arrears it bears, and its Shapley value: its average marginal
/// contribution when the value of every coalition is the revenue its members' assets earn on
/// their own (a revenue counts for a coalition when every party it needs is in it).
public struct Fairness: Sendable, Codable {
  public var contract: String
  public var period: Period
  public var currency: String
  public var decimals: Int
  /// The value the assets earn together: the sum of the revenues the assets file names.
  public var total: Exact
  public var parties: [Row]

  public struct Row: Sendable, Codable {
    public var party: String
    public var name: String
    public var capital: Exact
    public var capitalShare: Exact
    public var received: Exact
    public var receivedShare: Exact
    public var shapley: Exact
    public var shapleyShare: Exact
    /// Losses borne (negative lines) and arrears owed to it.
    public var lossesBorne: Exact
    public var arrearsOwed: Exact
  }

  /// `revenue: party, party` lines: the parties whose assets each revenue needs.
  public static func parseAssets(_ text: String) -> Result<[String: [String]], JournalError> {
    var out: [String: [String]] = [:]
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        .trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      let parts = line.split(separator: ":", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count == 2, !parts[0].isEmpty else {
        return .failure(JournalError(line: i + 1, message: "expected 'REVENUE: PARTY, PARTY'"))
      }
      out[parts[0]] = parts[1].split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
      }.filter { !$0.isEmpty }
    }
    return .success(out)
  }

  public init(_ s: Settlement, contract c: Contract, assets: [String: [String]])
    throws(EvaluationFailure)
  {
    contract = s.contract.id
    period = s.period
    currency = s.currency
    decimals = s.decimals
    let known = Set(c.parties.map(\.id))
    for (revenue, needs) in assets {
      guard s.revenue.item(revenue) != nil else {
        throw EvaluationFailure("'\(revenue)' is not a revenue or subsidy of '\(c.id)'")
      }
      for p in needs where !known.contains(p) {
        throw EvaluationFailure("'\(p)' (for '\(revenue)') is not a party of '\(c.id)'")
      }
    }
    let players = Set(assets.values.flatMap { $0 }).sorted()
    let index = Dictionary(uniqueKeysWithValues: players.enumerated().map { ($1, $0) })
    let revenues = assets.keys.sorted().map { id -> (mask: Int, value: Exact) in
      let mask = assets[id]!.reduce(0) { $0 | (1 << index[$1]!) }
      return (mask, s.revenue.item(id)!.total)
    }
    func worth(_ coalition: Int) -> Exact {
      var v = Exact.zero
      for r in revenues where r.mask & coalition == r.mask { v = (try? v + r.value) ?? v }
      return v
    }
    let phi: [Exact]
    do {
      phi = try Shapley.values(players: players.count, value: worth)
    } catch {
      throw EvaluationFailure("cannot compute Shapley values: \(error)")
    }
    let grand = worth((1 << players.count) - 1)
    total = grand
    let statements = Dictionary(
      s.statements.map { ($0.party, $0) }, uniquingKeysWith: { a, _ in a })
    let all = c.parties
    let capitals = players.map { p in all.first { $0.id == p }?.capital ?? .zero }
    let capitalTotal = (try? capitals.sum()) ?? .zero
    let receivedTotal = (try? players.map { statements[$0]?.net ?? .zero }.sum()) ?? .zero
    func share(_ v: Exact, _ of: Exact) -> Exact {
      of.isZero ? .zero : ((try? (v / of).rounded(scale: 6, .halfEven)) ?? .zero)
    }
    parties = players.enumerated().map { i, p in
      let st = statements[p]
      let received = st?.net ?? .zero
      return Row(
        party: p, name: st?.name ?? p, capital: capitals[i],
        capitalShare: share(capitals[i], capitalTotal), received: received,
        receivedShare: share(received, receivedTotal), shapley: phi[i],
        shapleyShare: share(phi[i], grand), lossesBorne: st?.deductions.magnitude ?? .zero,
        arrearsOwed: st?.arrearsOwed ?? .zero)
    }
  }
}
