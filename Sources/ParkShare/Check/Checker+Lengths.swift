extension Checker {
  /// A length of time written as a count and a unit (`4 quarters`, `2 years`, `12 months`), as
  /// a whole number of the contract's periods: a running total's window, a points expiry. Nil
  /// after an error, which `what` (`a running total's window`) names.
  mutating func periods(inLength e: Expr, what: String, hint: String) -> Int? {
    guard case .number(let v, let unit?, _, _) = e, unit.denominator == nil,
      let count = Int(v.description)
    else {
      error(.badCall, "\(what) is a length of time", at: e.range, hint: hint)
      return nil
    }
    guard count > 0 else {
      error(.badCall, "\(what) is at least one period, not \(count)", at: e.range, hint: hint)
      return nil
    }
    let months: Int
    switch unit.numerator.text {
    case "month", "months": months = count
    case "quarter", "quarters": months = count * 3
    case "half-year", "half-years": months = count * 6
    case "year", "years": months = count * 12
    case "period", "periods": months = count * contract.frequency.months
    default:
      error(
        .badCall, "'\(unit.numerator.text)' is not a length of time", at: unit.range, hint: hint)
      return nil
    }
    guard months % contract.frequency.months == 0 else {
      error(
        .badCall,
        "\(what) of \(months) month\(months == 1 ? "" : "s") is not a whole number of \(contract.frequency.frequencyWord) periods",
        at: e.range, hint: hint)
      return nil
    }
    return months / contract.frequency.months
  }
}
