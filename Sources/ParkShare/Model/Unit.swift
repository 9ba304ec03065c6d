/// A physical or money unit as a product of base units with integer exponents:
/// CNY/kWh is {CNY: 1, kWh: -1}. Dimensionless values (shares, ratios) have no base units.
public struct Unit: Sendable, Hashable, Encodable, CustomStringConvertible {
  public var exponents: [String: Int]

  public init(_ exponents: [String: Int] = [:]) {
    self.exponents = exponents.filter { $0.value != 0 }
  }

  public static let none = Unit()
  public static func base(_ name: String) -> Unit { Unit([name: 1]) }
  public static let kWh = Unit.base("kWh")
  /// Power: `peak(...)` gives kW (a 15-minute interval's kWh x 4).
  public static let kW = Unit.base("kW")
  public static let certificate = Unit.base("cert")
  public static let point = Unit.base("point")

  public var isDimensionless: Bool { exponents.isEmpty }

  /// Whether a value in this unit is a rate or a level that holds in each month (a price, a
  /// demand in kW, a share, a count), not an amount that adds up over months (kWh, money,
  /// certificates, tCO2e). An amount for a whole period beside amounts by month is a period
  /// total; a rate beside values by month holds in each of them.
  public var holdsEachMonth: Bool {
    isDimensionless || exponents.values.contains { $0 < 0 } || (exponents["kW"] ?? 0) > 0
  }

  /// For messages: "a plain number" reads better than "1".
  public var spoken: String { isDimensionless ? "a plain number (or %)" : description }

  public static func * (a: Unit, b: Unit) -> Unit {
    Unit(a.exponents.merging(b.exponents, uniquingKeysWith: +))
  }

  public static func / (a: Unit, b: Unit) -> Unit {
    Unit(a.exponents.merging(b.exponents.mapValues { -$0 }, uniquingKeysWith: +))
  }

  /// `CNY/kWh`, `kWh`, `1` for dimensionless.
  public var description: String {
    let up = exponents.filter { $0.value > 0 }.sorted { $0.key < $1.key }
    let down = exponents.filter { $0.value < 0 }.sorted { $0.key < $1.key }
    func part(_ list: [(key: String, value: Int)]) -> String {
      list.map { abs($0.value) == 1 ? $0.key : "\($0.key)^\(abs($0.value))" }.joined(separator: "·")
    }
    if up.isEmpty && down.isEmpty { return "1" }
    let top = up.isEmpty ? "1" : part(up)
    return down.isEmpty ? top : top + "/" + part(down)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
