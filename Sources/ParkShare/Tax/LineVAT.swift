/// A line's part of its pool's VAT: what the payee invoices (发票) for it. The line's `amount` is
/// the total paid, VAT included, and equals `excluded + tax`; `parts` split it by tax class when
/// the pool holds revenues taxed at different rates (or exempt), in the order the pool's sources
/// first name each class.
public struct LineVAT: Sendable, Codable, Equatable {
  public var parts: [Part]
  public var excluded: Exact
  public var tax: Exact

  public struct Part: Sendable, Codable, Equatable {
    /// The tax class (`13%`, `6%`, `exempt`).
    public var rate: String
    public var excluded: Exact
    public var tax: Exact
    /// excluded + tax, added where the part is made (its invoice line's 价税合计).
    public var total: Exact
  }
}

extension LineVAT {
  /// The parts of `lines` summed by tax class (in the order the classes first appear); nil when
  /// there are none.
  public static func total(_ lines: [LineVAT]) throws(ArithmeticError) -> LineVAT? {
    guard let first = lines.first else { return nil }
    var parts: [Part] = []
    var (excluded, tax) = (first.excluded, first.tax)
    for (i, l) in lines.enumerated() {
      if i > 0 {
        excluded = try excluded + l.excluded
        tax = try tax + l.tax
      }
      for p in l.parts {
        if let k = parts.firstIndex(where: { $0.rate == p.rate }) {
          parts[k].excluded = try parts[k].excluded + p.excluded
          parts[k].tax = try parts[k].tax + p.tax
          parts[k].total = try parts[k].total + p.total
        } else {
          parts.append(p)
        }
      }
    }
    return LineVAT(parts: parts, excluded: excluded, tax: tax)
  }

  /// `now` less `before`, by tax class (classes of either, in the order they first appear,
  /// those that did not change left out); nil when neither carries VAT.
  public static func difference(_ before: LineVAT?, _ now: LineVAT?) throws(ArithmeticError)
    -> [Part]?
  {
    guard before != nil || now != nil else { return nil }
    var out: [Part] = []
    let old = before?.parts ?? []
    let new = now?.parts ?? []
    var rates: [String] = []
    for p in new + old where !rates.contains(p.rate) { rates.append(p.rate) }
    for rate in rates {
      let a = old.first { $0.rate == rate }
      let b = new.first { $0.rate == rate }
      let zero = try (a ?? b)!.excluded - (a ?? b)!.excluded
      let part = Part(
        rate: rate, excluded: try (b?.excluded ?? zero) - (a?.excluded ?? zero),
        tax: try (b?.tax ?? zero) - (a?.tax ?? zero),
        total: try (b?.total ?? zero) - (a?.total ?? zero))
      if !part.excluded.isZero || !part.tax.isZero { out.append(part) }
    }
    return out
  }

  /// Excluding VAT plus VAT: what the line pays.
  public var total: Exact {
    get throws(ArithmeticError) { try excluded + tax }
  }
}
