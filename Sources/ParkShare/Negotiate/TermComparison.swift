/// Two variants projected over the term under one scenario (`compare A B --scenario S`): per
/// party, each variant's total received, NPV, IRR and payback, B - A, and what each year brings
/// under A and under B.
public struct TermComparison: Sendable, Codable {
  public var a: Comparison.Variant
  public var b: Comparison.Variant
  public var currency: String
  public var decimals: Int
  public var discountRate: Exact
  public var from: Period
  public var to: Period
  public var parties: [Party]
  /// `--year Y`: both variants' settlements of that year compared clause by clause (as
  /// `compare` over settled periods); nil unless asked.
  public var year: Int? = nil
  public var clauses: Comparison? = nil

  public struct Figures: Sendable, Codable {
    public var totalReceived: Exact
    public var npv: Exact
    public var irr: Exact?
    public var payback: Int?
  }

  public struct Year: Sendable, Codable {
    public var year: Int
    public var a: Exact
    public var b: Exact
    public var difference: Exact
  }

  public struct Party: Sendable, Codable {
    public var party: String
    public var name: String
    public var a: Figures
    public var b: Figures
    /// B - A of the total received and of the NPV.
    public var totalDifference: Exact
    public var npvDifference: Exact
    public var years: [Year]
  }

  public init(_ pa: Projection, _ pb: Projection, a: Comparison.Variant, b: Comparison.Variant)
    throws(ArithmeticError)
  {
    self.a = a
    self.b = b
    currency = pa.currency
    decimals = pa.decimals
    discountRate = pa.discountRate
    from = pa.periods.first ?? pb.periods.first!
    to = pa.periods.last ?? pb.periods.last!
    let ids = (pa.parties.map(\.party) + pb.parties.map(\.party)).reduce(into: [String]()) {
      if !$0.contains($1) { $0.append($1) }
    }
    let zero = try Exact(minorUnits: 0, decimals: decimals)
    func figures(_ p: Projection.Party?) -> Figures {
      Figures(
        totalReceived: p?.totalReceived ?? zero, npv: p?.npv ?? zero, irr: p?.irr,
        payback: p?.payback)
    }
    var parties: [Party] = []
    for id in ids {
      let x = pa.parties.first { $0.party == id }
      let y = pb.parties.first { $0.party == id }
      var years: [Year] = []
      let all = Set((x?.years ?? []).map(\.year) + (y?.years ?? []).map(\.year)).sorted()
      for year in all {
        let ra = x?.years.first { $0.year == year }?.received ?? zero
        let rb = y?.years.first { $0.year == year }?.received ?? zero
        years.append(Year(year: year, a: ra, b: rb, difference: try rb - ra))
      }
      let (fa, fb) = (figures(x), figures(y))
      parties.append(
        Party(
          party: id, name: x?.name ?? y?.name ?? id, a: fa, b: fb,
          totalDifference: try fb.totalReceived - fa.totalReceived,
          npvDifference: try fb.npv - fa.npv, years: years))
    }
    self.parties = parties
  }
}
