extension Checker {
  /// `gec-sold(KWH, SALES)`, `gec-expired(...)`, `gec-held(...)`: the kWh as `gec()` takes
  /// them (a total), the sales an input in certificates for the park, by vintage or not,
  /// monthly or not. One kWh is one inventory: its calls all name the same sales.
  mutating func typeCertificateStock(_ name: Name, _ args: [Expr], _ range: SourceRange) -> Typed? {
    let view = CertificateView.allCases.first { $0.function == name.text }!
    let form =
      "\(name.text)(KWH, SALES): certificates issued on KWH as gec() issues them, sold as the input SALES records, written off unsold 24 months after their production month"
    guard args.count == 2 else {
      error(
        .badCall, "'\(name.text)' takes 2 arguments, not \(args.count)", at: range, hint: form)
      return nil
    }
    guard let a = type(args[0]) else { return nil }
    guard a.unit == .kWh else {
      error(.unitMismatch, "\(name.text)() takes kWh, not \(a.unit)", at: args[0].range)
      return nil
    }
    guard a.per == nil else {
      error(
        .perMismatch, "\(name.text)() takes a total, not a value per '\(a.per!)'",
        at: args[0].range, hint: "wrap it in sum(...)")
      return nil
    }
    guard case .name(let s) = args[1] else {
      error(
        .badCall, "\(name.text)() reads the certificates sold from an input, given by its name",
        at: args[1].range,
        hint:
          "declare 'input gec_sold certs by vintage monthly' and write \(name.text)(\(a.formula), gec_sold)"
      )
      return nil
    }
    guard resolve(s, as: [.input], what: "input") != nil,
      let input = contract.inputs.first(where: { $0.id == s.text })
    else { return nil }
    guard input.unit == .certificate, input.per == nil, input.interval == nil else {
      error(
        .badCall,
        "'\(s.text)' must be the certificates sold, one record for the park: an input in certs, not per member",
        at: s.range, hint: "declare it 'input \(s.text) certs by vintage monthly'")
      return nil
    }
    let kWh = a.formula.description
    if let first = certificateSales[kWh], first.text != s.text {
      error(
        .badCall,
        "the certificates of '\(kWh)' are already sold as '\(first.text)' records: one inventory, one record of sales",
        at: s.range, hint: "name '\(first.text)' here too",
        notes: [.init(message: "'\(first.text)' named here", range: first.range)])
      return nil
    }
    if let other = certificateSales.first(where: { $0.value.text == s.text && $0.key != kWh }) {
      error(
        .badCall,
        "'\(s.text)' already records the sales of the certificates of '\(other.key)': one record of sales, one inventory",
        at: s.range, hint: "record each inventory's sales in its own input",
        notes: [.init(message: "'\(s.text)' named here", range: other.value.range)])
      return nil
    }
    certificateSales[kWh] = certificateSales[kWh] ?? s
    contract.certificateSales[kWh] = s.text
    return Typed(
      formula: .certificateStock(a.formula, sales: s.text, view: view), unit: .certificate)
  }
}
