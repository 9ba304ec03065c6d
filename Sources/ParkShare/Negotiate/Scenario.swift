import Foundation

/// What a projection assumes (a JSON file, docs/negotiation.md): the settled data it starts from,
/// how output and consumption grow, how prices move (fixed paths or random factors), what each
/// party invests and when, and the discount rate. Every number is a decimal string.
public struct Scenario: Sendable, Decodable {
  /// The data bundle of a settled period, relative to the scenario file, and its period; or a
  /// ledger (relative to the scenario file) whose record of `period` gives both the bundle it
  /// was settled from and the state the period opened with.
  public var data: String
  public var ledger: String?
  public var period: Period
  /// A yearly rate, such as "0.08".
  public var discountRate: Exact
  /// Yearly growth of the readings, by meter kind ("-0.005" is 0.5% less a year).
  public var growth: [String: Exact] = [:]
  /// Factors on facts (inputs) by input id, and on tariffs' band prices by tariff id.
  public var prices: [String: Path] = [:]
  public var tariffs: [String: Path] = [:]
  public var investments: [Investment] = []
  public var runs: Int?
  public var seed: UInt64?

  enum CodingKeys: String, CodingKey {
    case data, ledger, period, discountRate, growth, prices, tariffs, investments, runs, seed
  }

  /// Only the data (or a ledger), its period and the discount rate are required.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    ledger = try c.decodeIfPresent(String.self, forKey: .ledger)
    // With a ledger the data is the bundle its record names.
    data = try ledger == nil ? c.decode(String.self, forKey: .data) : ""
    period = try c.decode(Period.self, forKey: .period)
    discountRate = try c.decode(Exact.self, forKey: .discountRate)
    growth = try c.decodeIfPresent([String: Exact].self, forKey: .growth) ?? [:]
    prices = try c.decodeIfPresent([String: Path].self, forKey: .prices) ?? [:]
    tariffs = try c.decodeIfPresent([String: Path].self, forKey: .tariffs) ?? [:]
    investments = try c.decodeIfPresent([Investment].self, forKey: .investments) ?? []
    runs = try c.decodeIfPresent(Int.self, forKey: .runs)
    seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
  }

  /// How a value moves year by year from the starting period's: a factor for each year.
  public struct Path: Sendable, Decodable {
    /// Factors for years 0, 1, 2, ...; the last repeats.
    public var path: [Exact]?
    /// Compounding yearly growth.
    public var growth: Exact?
    /// A random factor drawn each year of each run, uniformly in [low, high]; the midpoint in
    /// the deterministic projection.
    public var uniform: [Exact]?

    /// The factor of year `y`; `draw` gives a number in [0, 1) for random paths (nil: the
    /// deterministic projection).
    func factor(year y: Int, draw: (() -> Exact)?) throws(ArithmeticError) -> Exact {
      var f = Exact.one
      if let path, !path.isEmpty { f = path[min(y, path.count - 1)] }
      if let growth {
        let step = try Exact.one + growth
        for _ in 0..<y { f = try f * step }
      }
      if let u = uniform, u.count == 2 {
        let half = try Exact(1) / Exact(2)
        let t = draw?() ?? half
        let width = try u[1] - u[0]
        let at = try u[0] + width * t
        f = try f * at
      }
      return f
    }
  }

  public struct Investment: Sendable, Decodable {
    public var party: String
    public var amount: Exact
    public var period: Period
  }

  public static func load(_ path: String) -> Result<Scenario, Diagnostic> {
    let text: String
    switch Limits.read(
      path, maxBytes: Limits.tableBytes, unreadableID: "missing-file",
      unreadableHint: "check the path", at: .whole(path))
    {
    case .success(let t): text = t
    case .failure(let d): return .failure(d)
    }
    do {
      var s = try JSONDecoder().decode(Scenario.self, from: Data(text.utf8))
      let folder = (path as NSString).deletingLastPathComponent
      func resolved(_ p: String) -> String {
        p.hasPrefix("/") || folder.isEmpty ? p : folder + "/" + p
      }
      if s.ledger == nil { s.data = resolved(s.data) }
      s.ledger = s.ledger.map(resolved)
      return .success(s)
    } catch let DecodingError.keyNotFound(key, _) {
      return .failure(
        .error(
          "bad-scenario", "the scenario has no '\(key.stringValue)'", at: .whole(path),
          hint: "see docs/negotiation.md for the scenario file"))
    } catch let DecodingError.dataCorrupted(context) {
      return .failure(
        .error(
          "bad-scenario",
          "'\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)",
          at: .whole(path)))
    } catch let DecodingError.typeMismatch(_, context) {
      return .failure(
        .error(
          "bad-scenario",
          "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type: numbers are decimal strings (\"0.08\")",
          at: .whole(path)))
    } catch {
      return .failure(.error("bad-scenario", "not a scenario file: \(error)", at: .whole(path)))
    }
  }
}
