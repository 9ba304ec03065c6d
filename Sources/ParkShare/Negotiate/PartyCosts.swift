/// A party's own costs in a scenario (`"costs": {"esco": {...}}`), so that its NPV, IRR and
/// payback are its project figures, not a revenue IRR: yearly O&M, a loan repaid as an annuity,
/// and income tax on what is left after O&M, interest and straight-line depreciation of its
/// investments. Every amount is rounded to the minor unit once a year (half-even).
public struct PartyCosts: Sendable {
  /// O&M of the first year it is paid, growing yearly (compounding) from `from`.
  public var om: Exact?
  public var omGrowth: Exact = .zero
  public var omFrom: Int?
  public var loan: Loan?
  /// A rate such as 0.25; nil: no income tax is modelled.
  public var taxRate: Exact?
  /// Years over which the party's investments are depreciated, straight line, from the year
  /// each is made; nil: none (the whole profit is taxed).
  public var depreciationYears: Int?

  /// Drawn in `year` (cash in), repaid in `years` equal yearly payments from the next year:
  /// payment = principal x rate / (1 - (1 + rate)^-years), rounded; the last payment closes
  /// the balance to the fen.
  public struct Loan: Sendable {
    public var principal: Exact
    public var rate: Exact
    public var years: Int
    public var year: Int
  }

  /// One year's costs: the loan drawn (positive), its payment and the interest in it, O&M,
  /// depreciation and tax.
  public struct Year: Sendable, Codable, Equatable {
    public var loan: Exact
    public var debtService: Exact
    public var interest: Exact
    public var om: Exact
    public var depreciation: Exact
    public var tax: Exact
  }

  /// Each year of `years`, given what the party received and invested in each.
  func schedule(
    years: [Int], received: [Exact], invested: [(year: Int, amount: Exact)], decimals: Int
  ) throws(ArithmeticError) -> [Year] {
    func money(_ v: Exact) throws(ArithmeticError) -> Exact {
      try v.rounded(scale: decimals, .halfEven)
    }
    let zero = try money(.zero)
    // The loan's payments by year, and the interest in each.
    var service: [Int: (payment: Exact, interest: Exact)] = [:]
    if let loan, loan.years > 0 {
      let i = Fraction(loan.rate)
      var discount = Fraction(1)
      let step = try Fraction(1) / (Fraction(1) + i)
      for _ in 0..<loan.years { discount = try discount * step }
      let payment: Exact =
        loan.rate.isZero
        ? try money(loan.principal / Exact(loan.years))
        : try (Fraction(loan.principal) * i / (Fraction(1) - discount)).rounded(
          decimals: decimals, .halfEven)
      var balance = loan.principal
      for k in 1...loan.years {
        let interest = try money(balance * loan.rate)
        let pay = k == loan.years ? try balance + interest : payment
        balance = try balance + interest - pay
        service[loan.year + k] = (pay, interest)
      }
    }
    var out: [Year] = []
    for (y, r) in zip(years, received) {
      let om: Exact
      if let amount = self.om, let from = omFrom ?? years.first, y >= from {
        var f = Exact.one
        for _ in 0..<(y - from) { f = try f * (Exact.one + omGrowth) }
        om = try money(amount * f)
      } else {
        om = zero
      }
      var depreciation = zero
      if let n = depreciationYears, n > 0 {
        for inv in invested where y >= inv.year && y < inv.year + n {
          depreciation = try depreciation + money(inv.amount / Exact(n))
        }
      }
      let debt = service[y] ?? (zero, zero)
      var tax = zero
      if let rate = taxRate {
        let profit = try r - om - debt.interest - depreciation
        if profit > .zero { tax = try money(profit * rate) }
      }
      out.append(
        Year(
          loan: loan.map { $0.year == y ? $0.principal : zero } ?? zero, debtService: debt.payment,
          interest: debt.interest, om: om, depreciation: depreciation, tax: tax))
    }
    return out
  }
}
