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

extension SourceVAT {
  /// An amendment's change to a revenue's invoice: now less before, by the revenue's tax class
  /// (the holder's red-letter invoice when it is lower, an additional one when higher).
  public struct Correction: Sendable, Codable, Equatable {
    public var pool: String
    public var source: String
    public var rate: String
    public var excluded: Exact
    public var tax: Exact
    public var total: Exact
  }

  /// The corrections between two settlements' sources (`before` and `now`, by pool and source),
  /// those that changed, in the order of `now`'s pools then `before`'s.
  static func corrections(
    before: [(pool: String, id: String, vat: SourceVAT)],
    now: [(pool: String, id: String, vat: SourceVAT)]
  ) throws(ArithmeticError) -> [Correction] {
    var keys: [(String, String)] = []
    for s in now + before where !keys.contains(where: { $0 == (s.pool, s.id) }) {
      keys.append((s.pool, s.id))
    }
    var out: [Correction] = []
    for (pool, id) in keys {
      let a = before.first { $0.pool == pool && $0.id == id }?.vat
      let b = now.first { $0.pool == pool && $0.id == id }?.vat
      guard let any = b ?? a else { continue }
      let zero = try any.excluded - any.excluded
      // A rate changed by an amended contract is two corrections: the old class back, the new.
      let classes = a != nil && b != nil && a!.rate != b!.rate ? [a!, b!] : [any]
      for c in classes {
        let old = a?.rate == c.rate ? a : nil
        let new = b?.rate == c.rate ? b : nil
        let fix = Correction(
          pool: pool, source: id, rate: c.rate,
          excluded: try (new?.excluded ?? zero) - (old?.excluded ?? zero),
          tax: try (new?.tax ?? zero) - (old?.tax ?? zero),
          total: try (new?.total ?? zero) - (old?.total ?? zero))
        if !fix.excluded.isZero || !fix.tax.isZero { out.append(fix) }
      }
    }
    return out
  }
}
