extension Evaluator {
  /// `gec(KWH)`: green certificates issued monthly, one per 1,000 kWh, each month's remainder
  /// carried to the next (and across periods through the carry state). Certificates take the
  /// vintage of the month they are issued in; the result is certificates per vintage.
  mutating func certificates(_ inner: Formula) throws(EvaluationFailure) -> Quantity {
    let key = "gec(\(inner))"
    if let done = calls[key] { return done }
    let issued = try issuance(inner)
    var cells: [Facet: Exact] = [:]
    for (facet, certs) in issued.cells {
      let vintage = Facet(vintage: Period(containing: facet.month!, length: .month).year)
      cells[vintage] = try arithmetic { () throws(ArithmeticError) in
        try (cells[vintage] ?? .zero) + certs
      }
    }
    let result = Quantity(dims: .vintage, cells: cells)
    calls[key] = result
    return result
  }

  /// The certificates `gec(KWH)` issues in each month of the period (one cell a month), the
  /// kWh toward the next one carried; computed once a period, its details under `gec(KWH)`.
  mutating func issuance(_ inner: Formula) throws(EvaluationFailure) -> Quantity {
    let argument = inner.description
    let key = "gec(\(argument))"
    if let done = calls["issued " + key] { return done }
    var q = try evaluate(inner)
    guard !q.dims.contains(.member) else {
      throw EvaluationFailure("gec() needs one total, not a value per member")
    }
    q = try arithmetic { () throws(ArithmeticError) in try q.collapsed(.vintage) }
    // A total with no months (an input given once a period) is issued in the last month.
    var monthly: [(month: Int, kwh: Exact)] = []
    if q.dims.contains(.month) {
      monthly = months.map { ($0, q.cells[Facet(month: $0)] ?? .zero) }
    } else {
      monthly = [(months[months.count - 1], q.scalar ?? .zero)]
    }
    var carry = opening.gecRemainders[argument] ?? .zero
    var cells: [Facet: Exact] = [:]
    var details: [Detail] = []
    let thousand = Exact(1000)
    for (month, kwh) in monthly {
      let name = Period(containing: month, length: .month)
      guard !kwh.isNegative else {
        throw EvaluationFailure(
          "'\(argument)' is \(kwh.grouped) kWh in \(name): certificates need kWh of 0 or more",
          hint: "more kWh were subtracted (traded) than were exported that month; check the meters")
      }
      let (eligible, certs, rest) = try arithmetic {
        () throws(ArithmeticError) -> (Exact, Exact, Exact) in
        let eligible = try carry + kwh
        let certs = try eligible.divided(by: thousand, mode: .down).rounded(scale: 0, .down)
        return (eligible, certs, try eligible - certs * thousand)
      }
      cells[Facet(month: month)] = certs
      details.append(
        .certificates(
          call: key, month: name, carried: carry, kWh: kwh, eligible: eligible, issued: certs,
          rest: rest))
      carry = rest
    }
    closing.gecRemainders[argument] = carry
    let result = Quantity(dims: .month, cells: cells)
    calls["issued " + key] = result
    callDetails[key] = details
    return result
  }
}
