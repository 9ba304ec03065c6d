/// A revenue's or subsidy's VAT for one period, as its invoice (发票) would have it: amount
/// excluding tax, tax and total, each in whole minor units. The tax is worked out the way an
/// invoice works it out, once per revenue and period:
///
/// - `included`: total = the formula's amount rounded; tax = total x rate / (1 + rate), rounded;
///   excluding tax = total - tax.
/// - `excluded`: excluding tax = the formula's amount rounded; tax = that x rate, rounded; total =
///   the sum.
/// - `exempt`: no tax; both amounts are the formula's, rounded.
public struct SourceVAT: Sendable, Codable, Equatable {
  public var kind: VATTreatment.Kind
  /// The tax class as the `vat` line writes it (`13%`, `exempt`).
  public var rate: String
  /// The `vat` line.
  @ClauseText public var clause: SourceRange
  public var excluded: Exact
  public var tax: Exact
  public var total: Exact

  /// The VAT of `amount` under `treatment`, rounded to `decimals` by `mode`.
  public static func of(
    _ amount: Exact, _ treatment: VATTreatment, decimals: Int, _ mode: RoundingMode
  ) throws(ArithmeticError) -> SourceVAT {
    let rounded = try amount.rounded(scale: decimals, mode)
    var v = SourceVAT(
      kind: treatment.kind, rate: treatment.label, clause: treatment.clause, excluded: rounded,
      tax: try Exact(minorUnits: 0, decimals: decimals), total: rounded)
    switch treatment.kind {
    case .exempt: break
    case .included:
      let rate = Fraction(treatment.rate)
      let share = try rate / (rate + Fraction(1))
      v.tax = try (Fraction(rounded) * share).rounded(decimals: decimals, mode)
      v.excluded = try rounded - v.tax
    case .excluded:
      v.tax = try (rounded * treatment.rate).rounded(scale: decimals, mode)
      v.total = try rounded + v.tax
    }
    return v
  }

  /// What the pool takes of it: the total when shared gross, the amount excluding tax when net.
  public func base(_ sharing: VATSharing?) -> Exact {
    sharing == .net ? excluded : total
  }
}
