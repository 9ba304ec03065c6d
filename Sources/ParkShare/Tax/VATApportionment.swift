/// Shares a pool's VAT among the lines it paid, exactly: every tax class's base and tax are
/// apportioned to the lines in proportion to what each line took (largest remainder, the one rule
/// of docs/money.md), so the lines' parts of each class sum to the class, and a line's parts sum
/// to the line. All amounts are whole minor units.
///
/// The class with the largest base takes, on each line, what the other classes leave of it: that
/// keeps both sums exact at once (the parts of a line add up to the line, the parts of a class to
/// the class).
public enum VATApportionment {
  public struct Class: Sendable, Equatable {
    public var rate: String
    /// What the pool took from the class's sources (with tax when shared gross, without when
    /// net), and their tax.
    public var base: Int128
    public var tax: Int128
  }

  /// One line's share of one class: its part of the base, and of the tax.
  public struct Share: Sendable, Equatable {
    public var base: Int128
    public var tax: Int128
  }

  public enum Failure: Error, Equatable {
    /// The lines sum to zero while the pool carries VAT: there is nothing to share it by.
    case nothingToShareBy
    case arithmetic(ArithmeticError)
  }

  /// `shares[j][k]`: line `j`'s share of class `k`. `weights` are the lines' amounts (and what
  /// was left unallocated, as one more weight); the classes' bases are first brought to the
  /// weights' sum (a pool rounded to the yuan pays a little more or less than its sources).
  public static func share(_ weights: [Int128], _ classes: [Class]) throws(Failure) -> [[Share]] {
    let zero = Share(base: 0, tax: 0)
    guard !classes.isEmpty else { return weights.map { _ in [] } }
    let total: Int128
    do throws(ArithmeticError) { total = try sum(weights) } catch { throw .arithmetic(error) }
    guard total != 0 else {
      guard weights.allSatisfy({ $0 == 0 }), classes.allSatisfy({ $0.tax == 0 }) else {
        throw .nothingToShareBy
      }
      return weights.map { _ in classes.map { _ in zero } }
    }
    do throws(ArithmeticError) {
      let bases = try Apportionment.roundToTotal(
        try classes.map { c throws(ArithmeticError) in try Fraction(c.base, over: 1) },
        total: total, decimals: 0)
      var largest = 0
      for k in bases.indices where bases[k].magnitude > bases[largest].magnitude { largest = k }
      var out = weights.map { _ in classes.map { _ in zero } }
      let w = try weights.map { v throws(ArithmeticError) in try Fraction(v, over: 1) }
      let whole = try Fraction(total, over: 1)
      for k in classes.indices where k != largest {
        let per = try Fraction(bases[k], over: 1) / whole
        let parts = try Apportionment.roundToTotal(
          try w.map { v throws(ArithmeticError) in try v * per }, total: bases[k], decimals: 0)
        for j in weights.indices { out[j][k].base = parts[j] }
      }
      for j in weights.indices {
        var rest = weights[j]
        for k in classes.indices where k != largest {
          let (v, overflow) = rest.subtractingReportingOverflow(out[j][k].base)
          guard !overflow else { throw ArithmeticError.overflow }
          rest = v
        }
        out[j][largest].base = rest
      }
      for k in classes.indices where classes[k].tax != 0 {
        // By each line's part of the class; by the lines themselves if the class nets to zero.
        let by =
          bases[k] != 0
          ? try out.map { s throws(ArithmeticError) in try Fraction(s[k].base, over: 1) } : w
        let of = bases[k] != 0 ? try Fraction(bases[k], over: 1) : whole
        let per = try Fraction(classes[k].tax, over: 1) / of
        let parts = try Apportionment.roundToTotal(
          try by.map { v throws(ArithmeticError) in try v * per }, total: classes[k].tax,
          decimals: 0)
        for j in weights.indices { out[j][k].tax = parts[j] }
      }
      return out
    } catch {
      throw .arithmetic(error)
    }
  }

  private static func sum(_ values: [Int128]) throws(ArithmeticError) -> Int128 {
    var s: Int128 = 0
    for v in values {
      let (n, overflow) = s.addingReportingOverflow(v)
      guard !overflow else { throw .overflow }
      s = n
    }
    return s
  }
}
