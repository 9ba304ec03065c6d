extension Evaluator {
  /// `gec-sold(KWH, SALES)`, `gec-expired(...)` and `gec-held(...)`: one certificate inventory.
  /// Each month of the period, the certificates `gec(KWH)` issues join it as a lot of that
  /// production month; the month's sales (every sale of the period in its last month, for
  /// sales not given monthly) are taken from the lots of their vintage, oldest first (any
  /// vintage, for sales not given by vintage); when the month ends, lots 24 months old are
  /// written off unsold. The lots held carry to the next period in the state.
  mutating func certificateStock(
    _ inner: Formula, sales: String, view: CertificateView
  ) throws(EvaluationFailure) -> Quantity {
    let call = Formula.certificateStock(inner, sales: sales, view: view).description
    if let done = calls[call] { return done }
    let argument = inner.description
    if var failure = failedCalls["stock " + argument] {
      failure.reported = true
      throw failure
    }
    do {
      return try stock(inner, sales: sales, view: view, call: call)
    } catch {
      failedCalls["stock " + argument] = error
      throw error
    }
  }

  mutating func stock(_ inner: Formula, sales: String, view: CertificateView, call: String)
    throws(EvaluationFailure) -> Quantity
  {
    let argument = inner.description
    // Certificates are dated by the month their kWh were produced in: kWh given once for the
    // period would date January's certificates with the period's last month.
    guard try evaluate(inner).dims.contains(.month) else {
      throw EvaluationFailure(
        "\(call): '\(argument)' has no months: an inventory dates each certificate by its production month",
        hint: "read the kWh from meters, or declare the input 'monthly'")
    }
    let issued = try issuance(inner)
    guard let decl = contract.inputs.first(where: { $0.id == sales }) else {
      throw EvaluationFailure("unknown input '\(sales)'")
    }
    let given = bundle.facts.values[sales] ?? [:]
    var lots = opening.certificates[argument] ?? []
    var totals: [CertificateView: [Facet: Exact]] = [:]
    var details: [Detail] = []
    func add(_ view: CertificateView, _ lot: CertificateLot) throws(EvaluationFailure) {
      let vintage = Facet(vintage: lot.month.year)
      let before = totals[view, default: [:]][vintage] ?? .zero
      totals[view, default: [:]][vintage] = try arithmetic { () throws(ArithmeticError) in
        try before + lot.certificates
      }
    }
    for month in months {
      let name = Period(containing: month, length: .month)
      let opening = try held(lots)
      let new = issued.cells[Facet(month: month)] ?? .zero
      if new > .zero { lots.append(CertificateLot(month: name, certificates: new)) }
      // This month's sales, oldest vintage first: each takes its own vintage's lots.
      let due = given.filter { decl.monthly ? $0.key.month == month : month == months.last }
        .sorted { ($0.key.vintage ?? 0) < ($1.key.vintage ?? 0) }
      var sold: [CertificateLot] = []
      for (facet, sale) in due {
        let what = "\(sales)\(facet.vintage.map { " (vintage \($0))" } ?? "") in \(name)"
        let whole = try arithmetic { () throws(ArithmeticError) in
          try sale.value.rounded(scale: 0, .down) == sale.value
        }
        guard !sale.value.isNegative, whole else {
          throw EvaluationFailure(
            "\(sale.row): \(what) is \(sale.value.grouped) certificates: certificates are sold whole, 0 or more",
            hint: "give the number of certificates sold, such as 1200")
        }
        let (rest, taken) = try take(sale.value, vintage: facet.vintage, from: lots)
        guard let rest else {
          let available = try held(
            lots.filter { facet.vintage == nil || $0.month.year == facet.vintage })
          throw EvaluationFailure(
            "\(sale.row): \(what) sells \(sale.value.grouped) certificates, but \(available.grouped) are held",
            hint:
              "certificates can be sold only while held: issued and not yet 24 months old; check the sales record and the certificates carried in the opening state"
          )
        }
        lots = rest
        sold += taken
      }
      let expired = lots.filter { $0.expires(after: month) }
      lots.removeAll { $0.expires(after: month) }
      for lot in sold { try add(.sold, lot) }
      for lot in expired { try add(.expired, lot) }
      let rows = due.map(\.value.row).sorted().joined(separator: ", ")
      details.append(
        .certificateStock(
          call: "\(argument), \(sales)", month: name, opening: opening, issued: new, sold: sold,
          expired: expired, closing: try held(lots), rows: rows.isEmpty ? nil : rows))
    }
    for lot in lots { try add(.held, lot) }
    closing.certificates[argument] = lots.isEmpty ? nil : lots
    for v in CertificateView.allCases {
      let key = Formula.certificateStock(inner, sales: sales, view: v).description
      calls[key] = Quantity(dims: .vintage, cells: totals[v] ?? [:])
      callDetails[key] = (callDetails["gec(\(argument))"] ?? []) + details
    }
    return calls[call]!
  }

  /// The certificates the lots hold.
  func held(_ lots: [CertificateLot]) throws(EvaluationFailure) -> Exact {
    try arithmetic { () throws(ArithmeticError) in try lots.total() }
  }

  /// `lots` less `count` certificates of `vintage` (any, when nil), oldest first, with what was
  /// taken from each lot; nil when they hold fewer.
  func take(_ count: Exact, vintage: Int?, from lots: [CertificateLot]) throws(EvaluationFailure)
    -> ([CertificateLot]?, [CertificateLot])
  {
    try arithmetic { () throws(ArithmeticError) -> ([CertificateLot]?, [CertificateLot]) in
      var left = count
      var rest: [CertificateLot] = []
      var taken: [CertificateLot] = []
      for lot in lots {
        guard left > .zero, vintage == nil || lot.month.year == vintage else {
          rest.append(lot)
          continue
        }
        let take = Exact.min(left, lot.certificates)
        left = try left - take
        taken.append(CertificateLot(month: lot.month, certificates: take))
        let remaining = try lot.certificates - take
        if remaining > .zero {
          rest.append(CertificateLot(month: lot.month, certificates: remaining))
        }
      }
      return (left > .zero ? nil : rest, taken)
    }
  }
}
