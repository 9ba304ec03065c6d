import Foundation

/// What a projection assumes (a JSON file, docs/negotiation.md): the settled data it starts from,
/// how output and consumption grow, how prices move (fixed paths or random factors), what each
/// party invests and when, and the discount rate. Numbers are read exactly from their digits,
/// written as JSON numbers or as strings (`"8%"` too). The file is written by hand, so every
/// mistake in it is reported at once, at its line and column.
public struct Scenario: Sendable {
  /// The data bundle of a settled period, relative to the scenario file, and its period; or a
  /// ledger (relative to the scenario file) whose record of `period` gives both the bundle it
  /// was settled from and the state the period opened with.
  public var data: String
  public var ledger: String?
  public var period: Period
  /// A yearly rate, such as 0.08.
  public var discountRate: Exact
  /// Yearly growth of the readings, by meter kind (-0.005 is 0.5% less a year).
  public var growth: [String: Exact] = [:]
  /// Factors on facts (inputs) by input id, and on tariffs' band prices by tariff id.
  public var prices: [String: Path] = [:]
  public var tariffs: [String: Path] = [:]
  public var investments: [Investment] = []
  /// A year of bundles (seasonality): the folders of `period` and the periods after it, one per
  /// period of a year, each projected period drawing from the one at its place in the year;
  /// empty: every period replays `data`.
  public var year: [String] = []
  /// Each party's own costs (O&M, a loan, income tax), by party id.
  public var costs: [String: PartyCosts] = [:]
  public var runs: Int?
  public var seed: UInt64?
  /// `"set": {"esco_share": "25%"}`: the contract's parameters this scenario overrides (the
  /// command line's `--set` goes after them, so it wins).
  public var parameters: [(name: String, value: String)] = []
  /// `prove`: the input ranges `parkshare prove` searches, how many cases, and the seed.
  public var prove: Search? = nil
  /// Where each part is written (`prices.gec_price`, `investments.0.party`), for the
  /// diagnostics that need the contract to find (`problems(with:)`).
  public var places: [String: SourceRange] = [:]

  public init(data: String, period: Period, discountRate: Exact) {
    self.data = data
    self.period = period
    self.discountRate = discountRate
  }

  /// How a value moves year by year from the starting period's: a factor for each year.
  public struct Path: Sendable {
    /// Factors for years 0, 1, 2, ...; the last repeats.
    public var path: [Exact]?
    /// Compounding yearly growth.
    public var growth: Exact?
    /// A random factor drawn each year of each run, uniformly in [low, high]; the midpoint in
    /// the deterministic projection.
    public var uniform: (low: Exact, high: Exact)?
    /// A random factor drawn each year of each run from the triangular distribution of
    /// (low, most likely, high), the three-point estimate of project finance; the most likely
    /// value in the deterministic projection.
    public var triangular: (low: Exact, mode: Exact, high: Exact)?

    public init(
      path: [Exact]? = nil, growth: Exact? = nil, uniform: (low: Exact, high: Exact)? = nil,
      triangular: (low: Exact, mode: Exact, high: Exact)? = nil
    ) {
      self.path = path
      self.growth = growth
      self.uniform = uniform
      self.triangular = triangular
    }

    /// Whether Monte Carlo runs draw this factor.
    public var isRandom: Bool { uniform != nil || triangular != nil }

    /// The factor of year `y`; `draw` gives a number in [0, 1) for random paths (nil: the
    /// deterministic projection).
    func factor(year y: Int, draw: (() -> Exact)?) throws(ArithmeticError) -> Exact {
      var f = Exact.one
      if let path, !path.isEmpty { f = path[min(y, path.count - 1)] }
      if let growth {
        let step = try Exact.one + growth
        for _ in 0..<y { f = try f * step }
      }
      if let u = uniform {
        let half = try Exact(1) / Exact(2)
        let t = draw?() ?? half
        let at = try u.low + (u.high - u.low) * t
        f = try f * at
      }
      if let t = triangular {
        let at = try draw.map { d throws(ArithmeticError) in try Self.triangular(t, at: d()) }
        f = try f * (at ?? t.mode)
      }
      return f
    }

    /// The triangular distribution's inverse at `u` in [0, 1): low + sqrt(u (high - low)
    /// (mode - low)) below the mode's cumulative share, high - sqrt((1 - u) (high - low)
    /// (high - mode)) above it; square roots to 12 decimal places, in integers.
    static func triangular(_ t: (low: Exact, mode: Exact, high: Exact), at u: Exact)
      throws(ArithmeticError) -> Exact
    {
      let width = try t.high - t.low
      guard !width.isZero else { return t.low }
      let below = try t.mode - t.low
      if try u * width < below {
        return try t.low + squareRoot(u * width * below)
      }
      return try t.high - squareRoot((Exact.one - u) * width * (t.high - t.mode))
    }

    /// The square root of a non-negative value, rounded down to 12 decimal places.
    static func squareRoot(_ x: Exact) throws(ArithmeticError) -> Exact {
      let n = try x.rounded(scale: 24, .down).significand
      guard n > 0 else { return .zero }
      // Newton's method on integers: from above, it falls to floor(sqrt(n)) and stops.
      var r = Int128(1) << ((128 - n.leadingZeroBitCount) / 2 + 1)
      while true {
        let next = (r + n / r) / 2
        if next >= r { break }
        r = next
      }
      return Exact(unchecked: r, scale: 12)
    }
  }

  /// The ranges `prove` draws cases from: an input's value (`inputs`, an input with one value
  /// in the period), a factor on each of an input's values (`factors`), or a factor on a meter
  /// kind's readings (`kWh`); how many cases (boundaries first, then random); and the seed.
  public struct Search: Sendable {
    public var ranges: [Range] = []
    public var cases: Int?
    public var seed: UInt64?
  }

  public struct Range: Sendable {
    public enum Kind: String, Sendable, Encodable { case value, factor }
    /// `input:ID` or `kWh:KIND`.
    public var driver: Driver
    public var kind: Kind
    public var low: Exact
    public var high: Exact

    /// The range's key in the scenario's `places`: `prove.inputs.ID`, `prove.factors.ID` or
    /// `prove.kWh.KIND`.
    public var place: String {
      switch driver {
      case .kWh(let kind): "prove.kWh." + kind
      case .input(let id): (kind == .value ? "prove.inputs." : "prove.factors.") + id
      case .tariff(let id): "prove." + id
      }
    }
  }

  public struct Investment: Sendable {
    public var party: String
    public var amount: Exact
    public var period: Period
  }
}
