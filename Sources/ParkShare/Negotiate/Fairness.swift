/// For each party that brings assets to the deal: what the contract pays it, what it put in
/// (capital), the losses and arrears it bears, and its Shapley value: its average marginal
/// contribution when the value of every coalition is the revenue its members' assets earn on
/// their own (a revenue counts for a coalition when every party it needs is in it).
public struct Fairness: Sendable, Encodable {
  public var contract: String
  public var period: Period
  public var currency: String
  public var decimals: Int
  /// The value the assets earn together: the sum of the revenues the assets file names.
  public var total: Exact
  public var parties: [Row]

  public struct Row: Sendable, Encodable {
    public var party: String
    public var name: String
    public var capital: Exact
    public var capitalShare: Exact
    public var received: Exact
    public var receivedShare: Exact
    public var shapley: Exact
    /// The Shapley value to the minor unit, apportioned (largest remainder) so the rows sum to
    /// the total as shown: rounding each on its own could show 33.33 three times for 100.00.
    public var shapleyRounded: Exact
    public var shapleyShare: Exact
    /// Losses borne (negative lines) and arrears owed to it.
    public var lossesBorne: Exact
    public var arrearsOwed: Exact
    /// `received - shapleyRounded`: what the contract pays above (below, negative) the Shapley
    /// value, subtracted once here so the chart shows it as computed. Not written to JSON,
    /// which has always carried the two figures it comes from.
    public var aboveShapley: Exact

    enum CodingKeys: String, CodingKey {
      case party, name, capital, capitalShare, received, receivedShare, shapley, shapleyRounded
      case shapleyShare, lossesBorne, arrearsOwed
    }
  }

  /// `revenue: party, party` lines (`#` starts a comment): the parties whose assets each
  /// revenue needs. Every line is checked against the contract, and every problem is reported
  /// at its line and column; the assets are meant for use only when there is none.
  public static func parseAssets(_ text: String, path: String, contract c: Contract) -> (
    assets: [String: [String]], problems: [Diagnostic]
  ) {
    let revenues = Set(
      c.definitions.filter { $0.kind == .revenue }.map(\.id) + c.subsidies.map(\.id))
    let parties = Set(c.parties.map(\.id))
    var out: [String: [String]] = [:]
    var firstLine: [String: Int] = [:]
    var problems: [Diagnostic] = []
    for (i, raw) in SourceFile.lines(of: text).enumerated() {
      let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
      // Columns count characters; each field is located in `line` before it is trimmed.
      func range(_ field: Substring) -> SourceRange {
        let start = line.distance(from: line.startIndex, to: field.startIndex) + 1
        return SourceRange(
          file: path, start: .init(line: i + 1, column: start),
          end: .init(line: i + 1, column: start + max(field.count, 1)))
      }
      func trimmed(_ f: Substring) -> Substring {
        let a = f.firstIndex { !$0.isWhitespace } ?? f.endIndex
        let b = f.lastIndex { !$0.isWhitespace }.map(f.index(after:)) ?? a
        return f[a..<b]
      }
      if trimmed(line).isEmpty { continue }
      guard let colon = line.firstIndex(of: ":"), !trimmed(line[..<colon]).isEmpty else {
        problems.append(
          .error(
            .badAssets, "expected 'REVENUE: PARTY, PARTY'", at: range(trimmed(line)),
            hint: "name a revenue of the contract, a colon, then the parties its assets need"))
        continue
      }
      let revenue = trimmed(line[..<colon])
      if !revenues.contains(String(revenue)) {
        problems.append(
          .error(
            .badAssets, "'\(revenue)' is not a revenue or subsidy of '\(c.id)'",
            at: range(revenue),
            hint: "one of: \(revenues.sorted().joined(separator: ", "))"))
      } else if let first = firstLine[String(revenue)] {
        problems.append(
          .error(
            .badAssets, "'\(revenue)' is listed twice (first at line \(first))",
            at: range(revenue), hint: "name all the parties it needs on one line"))
      }
      firstLine[String(revenue)] = firstLine[String(revenue)] ?? i + 1
      var needs: [String] = []
      for field in line[line.index(after: colon)...].split(separator: ",") {
        let party = trimmed(field)
        if party.isEmpty { continue }
        if !parties.contains(String(party)) {
          problems.append(
            .error(
              .badAssets, "'\(party)' is not a party of '\(c.id)'", at: range(party),
              hint: "use party ids as the contract declares them"))
        }
        needs.append(String(party))
      }
      if needs.isEmpty {
        problems.append(
          .error(
            .badAssets, "'\(revenue)' names no party", at: range(trimmed(line)),
            hint: "name the parties whose assets earn it"))
      }
      out[String(revenue)] = needs
    }
    return (out, problems)
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
    var revenues: [(mask: Int, value: Exact)] = []
    for id in assets.keys.sorted() {
      let mask = assets[id]!.reduce(0) { $0 | (1 << index[$1]!) }
      do throws(ArithmeticError) {
        revenues.append((mask, try s.revenue.item(id)!.total))
      } catch {
        throw EvaluationFailure("'\(id)': \(error)")
      }
    }
    func worth(_ coalition: Int) throws(ArithmeticError) -> Exact {
      var v = Exact.zero
      for r in revenues where r.mask & coalition == r.mask { v = try v + r.value }
      return v
    }
    let statements = Dictionary(
      s.statements.map { ($0.party, $0) }, uniquingKeysWith: { a, _ in a })
    let all = c.parties
    let capitals = players.map { p in all.first { $0.id == p }?.capital ?? .zero }
    func share(_ v: Exact, _ of: Exact) throws(ArithmeticError) -> Exact {
      of.isZero ? .zero : try (v / of).rounded(scale: 6, .halfEven)
    }
    do throws(ArithmeticError) {
      let phi = try Shapley.values(players: players.count, value: worth)
      let grand = try worth((1 << players.count) - 1)
      total = grand
      // Shown to the minor unit as the total is (half-even), the values summing to it.
      let places = s.decimals
      var shown: [Exact] = []
      for u in try Apportionment.roundToTotal(
        phi.map(Fraction.init), total: try grand.minorUnits(decimals: places, .halfEven),
        decimals: places)
      {
        shown.append(try Exact(minorUnits: u, decimals: places))
      }
      let capitalTotal = try capitals.sum()
      let receivedTotal = try players.map { statements[$0]?.net ?? .zero }.sum()
      var rows: [Row] = []
      for (i, p) in players.enumerated() {
        let st = statements[p]
        let received = st?.net ?? .zero
        rows.append(
          Row(
            party: p, name: st?.name ?? p, capital: capitals[i],
            capitalShare: try share(capitals[i], capitalTotal), received: received,
            receivedShare: try share(received, receivedTotal), shapley: phi[i],
            shapleyRounded: shown[i],
            shapleyShare: try share(phi[i], grand), lossesBorne: st?.deductions.magnitude ?? .zero,
            arrearsOwed: st?.arrearsOwed ?? .zero, aboveShapley: try received - shown[i]))
      }
      parties = rows
    } catch {
      throw EvaluationFailure("cannot compute the fairness figures: \(error)")
    }
  }
}
