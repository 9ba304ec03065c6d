/// Two variants of a contract settled on the same data: per party the amount under each and the
/// difference, and the difference broken down by the clause (pool and step kind) that moved it.
/// A party's breakdown sums exactly to its difference: both are sums of the same rounded lines.
public struct Comparison: Sendable, Codable {
  public var a: Variant
  public var b: Variant
  public var period: Period
  public var currency: String
  public var decimals: Int
  public var parties: [PartyDifference]
  /// For a range of settled periods: the last one (`period` is the first), and each period's
  /// nets. Nil for one period.
  public var through: Period? = nil
  public var byPeriod: [PeriodNets]? = nil

  public struct PeriodNets: Sendable, Codable {
    public var period: Period
    public var parties: [PartyNet]
  }

  public struct PartyNet: Sendable, Codable {
    public var party: String
    public var a: Exact
    public var b: Exact
    public var difference: Exact
  }

  public struct Variant: Sendable, Codable {
    public var contract: String
    public var file: String
    /// The parameters set for this variant (`--set`, `--set-a`, `--set-b`); nil when none.
    public var parameters: [ContractParameter]? = nil
  }

  public struct PartyDifference: Sendable, Codable {
    public var party: String
    public var name: String
    public var a: Exact
    public var b: Exact
    public var difference: Exact
    public var clauses: [ClauseDifference]
  }

  /// One pool step kind's lines for the party, under each variant, with where each variant
  /// writes it.
  public struct ClauseDifference: Sendable, Codable {
    public var pool: String
    public var kind: AllocationLine.Kind
    @OptionalClauseText public var clauseA: SourceRange?
    @OptionalClauseText public var clauseB: SourceRange?
    public var a: Exact
    public var b: Exact
    public var difference: Exact
  }

  /// What one recipient is paid under a variant: its name, its lines and their sum.
  struct Received {
    var name: String
    var lines: [StatementLine]
    var net: Exact
  }

  /// Each party's statement, and for each fund its reserves, so money a variant moves into or
  /// out of a fund shows too. Keyed by the recipient as a value; its recorded form (`fund:NAME`)
  /// is only what the comparison writes.
  static func byRecipient(_ s: Settlement, _ zero: Exact) throws(ArithmeticError)
    -> [Recipient: Received]
  {
    var out: [Recipient: Received] = [:]
    for st in s.statements where out[.party(st.party)] == nil {
      out[.party(st.party)] = Received(name: st.name, lines: st.lines, net: st.net)
    }
    for pool in s.pools {
      for l in pool.lines where l.recipient.isFund {
        var r = out[l.recipient] ?? Received(name: "fund", lines: [], net: zero)
        r.lines.append(
          StatementLine(
            pool: l.pool, kind: l.kind, clause: l.clause, basis: l.basis, rate: l.rate,
            exact: l.exact, amount: l.amount))
        r.net = try r.net + l.amount
        out[l.recipient] = r
      }
    }
    return out
  }

  /// An amount too large to add up is an error of the comparison, never a sum left short.
  public init(_ a: Settlement, _ b: Settlement) throws(ArithmeticError) {
    self.a = Variant(
      contract: a.contract.id, file: a.contract.file, parameters: a.contract.parameters)
    self.b = Variant(
      contract: b.contract.id, file: b.contract.file, parameters: b.contract.parameters)
    period = a.period
    currency = a.currency
    decimals = a.decimals
    let zero = try Exact(minorUnits: 0, decimals: a.decimals)
    let sa = try Comparison.byRecipient(a, zero)
    let sb = try Comparison.byRecipient(b, zero)
    var parties: [PartyDifference] = []
    for party in Set(sa.keys).union(sb.keys).sorted(by: { $0.recorded < $1.recorded }) {
      struct Cell {
        var pool: String
        var kind: AllocationLine.Kind
        var clauseA: SourceRange?
        var clauseB: SourceRange?
        var a: Exact
        var b: Exact
      }
      var cells: [String: Cell] = [:]
      var order: [String] = []
      for (lines, isA) in [(sa[party]?.lines ?? [], true), (sb[party]?.lines ?? [], false)] {
        for l in lines {
          let key = "\(l.pool)\u{1}\(l.kind.rawValue)"
          if cells[key] == nil {
            order.append(key)
            cells[key] = Cell(pool: l.pool, kind: l.kind, a: zero, b: zero)
          }
          if isA {
            cells[key]!.a = try cells[key]!.a + l.amount
            cells[key]!.clauseA = cells[key]!.clauseA ?? l.clause
          } else {
            cells[key]!.b = try cells[key]!.b + l.amount
            cells[key]!.clauseB = cells[key]!.clauseB ?? l.clause
          }
        }
      }
      var clauses: [ClauseDifference] = []
      for k in order {
        let c = cells[k]!
        clauses.append(
          ClauseDifference(
            pool: c.pool, kind: c.kind, clauseA: c.clauseA, clauseB: c.clauseB, a: c.a, b: c.b,
            difference: try c.b - c.a))
      }
      let na = sa[party]?.net ?? zero
      let nb = sb[party]?.net ?? zero
      parties.append(
        PartyDifference(
          party: party.recorded, name: sa[party]?.name ?? sb[party]?.name ?? party.recorded, a: na,
          b: nb,
          difference: try nb - na, clauses: clauses))
    }
    self.parties = parties
  }

  /// The comparisons of consecutive periods added up: per party and per clause, the sums of
  /// the periods' rounded amounts, so the breakdown still sums exactly to each difference.
  public static func over(_ periods: [Comparison]) throws(ArithmeticError) -> Comparison? {
    guard var total = periods.first, let last = periods.last else { return nil }
    let zero = try Exact(minorUnits: 0, decimals: total.decimals)
    func add(_ x: Exact, _ y: Exact) throws(ArithmeticError) -> Exact { try x + y }
    var parties: [String: PartyDifference] = [:]
    var order: [String] = []
    for c in periods {
      for p in c.parties {
        if parties[p.party] == nil {
          order.append(p.party)
          parties[p.party] = PartyDifference(
            party: p.party, name: p.name, a: zero, b: zero, difference: zero, clauses: [])
        }
        var t = parties[p.party]!
        t.a = try add(t.a, p.a)
        t.b = try add(t.b, p.b)
        t.difference = try add(t.difference, p.difference)
        for d in p.clauses {
          if let i = t.clauses.firstIndex(where: { $0.pool == d.pool && $0.kind == d.kind }) {
            t.clauses[i].a = try add(t.clauses[i].a, d.a)
            t.clauses[i].b = try add(t.clauses[i].b, d.b)
            t.clauses[i].difference = try add(t.clauses[i].difference, d.difference)
            t.clauses[i].clauseA = t.clauses[i].clauseA ?? d.clauseA
            t.clauses[i].clauseB = t.clauses[i].clauseB ?? d.clauseB
          } else {
            t.clauses.append(d)
          }
        }
        parties[p.party] = t
      }
    }
    total.parties = order.sorted().map { parties[$0]! }
    total.through = last.period
    total.byPeriod = periods.map { c in
      PeriodNets(
        period: c.period,
        parties: c.parties.map {
          PartyNet(party: $0.party, a: $0.a, b: $0.b, difference: $0.difference)
        })
    }
    return total
  }
}
