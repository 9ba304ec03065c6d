extension Unit {
  /// The built-in unit names a contract may use besides its currency and declared units.
  public static let builtInNames = [
    "kWh", "MWh", "GWh", "kW", "MW", "kVA", "MVA", "tCO2e", "tce", "cert", "point",
  ]

  /// The base unit and conversion factor of one unit name (`MWh` is 1,000 kWh), or nil when the
  /// name is unknown. Shared by the contract checker and the data readers, so a unit means the
  /// same in a contract and in its data.
  public static func named(_ name: String, currency: String, declared: [String]) -> (
    unit: Unit, factor: Exact
  )? {
    switch name {
    case currency: return (.base(name), .one)
    case "kWh": return (.kWh, .one)
    case "MWh": return (.kWh, Exact(1000))
    case "GWh": return (.kWh, Exact(1_000_000))
    // Demand (peak(...)): a power, not an energy; a price per kW of a month's peak.
    case "kW": return (.kW, .one)
    case "MW": return (.kW, Exact(1000))
    // Apparent power: a grid connection's capacity (a transformer's kVA), its own dimension.
    case "kVA": return (.base("kVA"), .one)
    case "MVA": return (.base("kVA"), Exact(1000))
    case "tCO2e", "tce": return (.base(name), .one)
    case "cert", "certs": return (.certificate, .one)
    case "point", "points": return (.point, .one)
    case "%": return (.none, .percent)
    default: return declared.contains(name) ? (.base(name), .one) : nil
    }
  }

  /// A unit as written in a data file: `CNY/kWh`, `MWh`, or empty for a plain number.
  public static func parse(_ text: String, currency: String, declared: [String]) -> (
    unit: Unit, factor: Exact
  )? {
    if text.isEmpty || text == "1" { return (.none, .one) }
    let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count <= 2,
      let top = named(parts[0], currency: currency, declared: declared)
    else { return nil }
    guard parts.count == 2 else { return top }
    guard let bottom = named(parts[1], currency: currency, declared: declared),
      let factor = try? top.factor / bottom.factor
    else { return nil }
    return (top.unit / bottom.unit, factor)
  }
}
