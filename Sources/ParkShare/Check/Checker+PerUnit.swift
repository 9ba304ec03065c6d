extension Checker {
  /// `truncated to D decimals per N units, rest carried to FUND` after a split by a metric or a
  /// registry column: D a whole number from 0 to 8, N a whole number above 0; the fund the
  /// pool's own (a fund reserved to, or carrying a deficit, would mix its money with the rest).
  mutating func checkPerUnit(_ spec: PerUnitSpec, _ allocation: Allocation, pool: String)
    -> PerUnit?
  {
    guard case .metric = allocation else {
      error(
        .badCall, "only a split by a metric or a registry column is paid per unit",
        at: spec.keyword.range,
        hint: "split unitholders by units truncated to 4 decimals per 10 units")
      return nil
    }
    let d = spec.decimals
    guard let decimals = Int(d.text), (0...8).contains(decimals), !d.value.isNegative else {
      error(
        .badDecimals, "the rate per unit is cut to 0 to 8 decimals, not \(d.text)", at: d.range,
        hint: "REITs announce 4 decimals per 10 units: 'truncated to 4 decimals per 10 units'")
      return nil
    }
    var per = Exact.one
    if let n = spec.per {
      let v = n.value
      guard v > .zero, v <= Exact(1_000_000_000), (try? v.rounded(scale: 0, .down)) == v else {
        error(
          .badCall,
          "the rate is per a whole number of units from 1 to 1,000,000,000, not \(n.text)",
          at: n.range, hint: "per 10 units, per 1,000 units")
        return nil
      }
      per = v.trimmed
    }
    if let fund = spec.carry {
      if let existing = symbols[fund.text] {
        guard existing.kind == .fund, carryFunds[fund.text] == pool else {
          alreadyDefined(fund.text, at: fund.range, first: existing)
          return nil
        }
      }
      symbols[fund.text] = Symbol(kind: .fund, range: fund.range)
      carryFunds[fund.text] = pool
    }
    return PerUnit(decimals: decimals, per: per, carry: spec.carry?.text)
  }
}
