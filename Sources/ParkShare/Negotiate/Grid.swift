/// A two-way grid (`sensitivity --grid esco_share=20%..40%/5% --grid ccer_price=40..100/20
/// --figure "irr(esco)"`): one party's figure over the term for every pair of values of two
/// axes, each a contract parameter (the contract checked again with the value) or a scalar input
/// (its base-period value set, the scenario's paths applied on top). At most one axis is an
/// input.
public struct Grid: Sendable, Codable {
  public struct Axis: Sendable, Codable {
    public enum Kind: String, Sendable, Codable { case parameter, input }
    public var name: String
    public var kind: Kind
    /// How values are written: `%`, a unit (` CNY/kWh`), or "".
    public var suffix: String
    public var values: [Exact]
  }

  public var contract: String
  /// The parameters set for the run besides the axes (a variant); nil otherwise.
  public var parameters: [ContractParameter]? = nil
  public var figure: GoalSeek.Figure
  public var party: String
  public var rows: Axis
  public var columns: Axis
  /// `cells[i][j]`: the figure at rows.values[i] and columns.values[j]; nil where undefined.
  public var cells: [[Exact?]]

  /// The most values an axis may have: a grid is a table to read, and each cell a projection.
  public static let maxValues = 50

  /// `name=LOW..HIGH/STEP` as values: LOW, LOW + STEP, ... to HIGH; nil when malformed or
  /// when the steps do not land on HIGH.
  public static func values(_ spec: String) -> (name: String, values: [Exact], percent: Bool)? {
    let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { return nil }
    let range = parts[1].split(separator: "/", maxSplits: 1).map(String.init)
    let ends = range[0].components(separatedBy: "..")
    guard range.count == 2, ends.count == 2 else { return nil }
    let percent = ends[0].hasSuffix("%") || ends[1].hasSuffix("%")
    func number(_ t: String) -> Exact? {
      let digits = t.trimmingCharacters(in: .whitespaces).prefix {
        $0.isNumber || $0 == "." || $0 == "," || $0 == "-"
      }
      return Exact(digits.replacingOccurrences(of: ",", with: ""))
    }
    guard let low = number(ends[0]), let high = number(ends[1]), let step = number(range[1]),
      step > .zero, low <= high
    else { return nil }
    var out: [Exact] = []
    var x = low
    while x <= high, out.count <= maxValues {
      out.append(x)
      guard let next = try? x + step else { return nil }
      x = next
    }
    // The steps must land on HIGH: a range that stops short of what was asked is refused.
    guard out.last == high || out.count > maxValues else { return nil }
    return (parts[0].trimmingCharacters(in: .whitespaces), out, percent)
  }
}
