extension Assertion {
  /// What an `assert` line finds in one period's allocation: the subject's amount, and for a
  /// bound the bound and whether the amount keeps it.
  public struct Verdict: Sendable, Encodable, Hashable {
    public var amount: Exact
    /// The bound's value in the period (a share of a pool is exact, not rounded); nil for a
    /// monotone promise, which one period cannot test.
    public var bound: Exact?
    public var holds: Bool
  }

  /// The subject's amount in `pools`: its lines in the assertion's pool, or in every pool (what
  /// its statement nets).
  public func amount(in pools: [PoolResult]) throws(ArithmeticError) -> Exact {
    var total = Exact.zero
    let who = Set(members)
    for pool in pools where self.pool == nil || pool.pool == self.pool {
      for i in pool.lines.indices {
        guard let p = pool.lines[i].recipient.party, who.contains(p) else { continue }
        total = try total + pool.lines[i].amount
      }
    }
    return total
  }

  /// The verdict in `pools`; a monotone promise holds in every single period.
  public func verdict(in pools: [PoolResult]) throws(ArithmeticError) -> Verdict {
    let amount = try self.amount(in: pools)
    guard case .bound(let op, let bound) = check else {
      return Verdict(amount: amount, bound: nil, holds: true)
    }
    let limit: Exact
    switch bound {
    case .amount(let x): limit = x
    case .share(let s, let id):
      limit = try s * (pools.first { $0.pool == id }?.total ?? .zero)
    }
    return Verdict(amount: amount, bound: limit, holds: op.holds(amount, limit))
  }
}

extension Settlement {
  /// A warning for each bound an `assert` line sets that this period breaks: the contract's
  /// promise did not hold, though the settlement stands as the contract computes it.
  static func brokenPromises(_ contract: Contract, _ pools: [PoolResult], period: Period)
    -> [Diagnostic]
  {
    var out: [Diagnostic] = []
    for a in contract.assertions {
      guard let v = try? a.verdict(in: pools), !v.holds, let bound = v.bound,
        case .bound(let op, _) = a.check
      else { continue }
      let code = contract.currency.code
      // The amount is paid to the minor unit; a share's bound is exact, shown to 4 places.
      let shownBound =
        (try? bound.rounded(scale: max(contract.currency.decimals, min(bound.scale, 4)), .halfEven))
        ?? bound
      out.append(
        .warning(
          .assertionFails,
          "in \(period) '\(a.subject)'\(a.pool.map { " in '\($0)'" } ?? "") receives \(v.amount) \(code), which is not \(op.rawValue) \(shownBound) \(code)",
          at: a.clause,
          hint:
            "the settlement stands as the contract computes it; the promise on this line does not hold in this period"
        ))
    }
    return out
  }
}
