extension Allocator {
  /// Gives every line of a pool its part of the pool's VAT (VATApportionment). Shared gross, a
  /// line's amount already holds its tax; shared net, the tax comes on top of what the steps
  /// gave, and the pool's total and what it left unallocated grow by theirs. A fund keeps what
  /// its line excludes tax: the tax on it is the VAT the pool's holder pays over.
  mutating func shareVAT(_ pool: Pool, _ r: inout PoolResult) throws(EvaluationFailure) {
    guard r.sources.contains(where: { $0.vat != nil }) else { return }
    let d = contract.currency.decimals
    let net = pool.sharing == .net
    func units(_ v: Exact) throws(EvaluationFailure) -> Int128 {
      try exact { () throws(ArithmeticError) in try v.minorUnits(decimals: d, .halfEven) }
    }
    func money(_ u: Int128) throws(EvaluationFailure) -> Exact {
      try exact { () throws(ArithmeticError) in try Exact(minorUnits: u, decimals: d) }
    }
    func add(_ a: Int128, _ b: Int128) throws(ArithmeticError) -> Int128 {
      let (v, overflow) = a.addingReportingOverflow(b)
      guard !overflow else { throw .overflow }
      return v
    }
    var classes: [VATApportionment.Class] = []
    for s in r.sources {
      guard let v = s.vat else { continue }
      let (base, tax) = (try units(s.amount), try units(v.tax))
      if let k = classes.firstIndex(where: { $0.rate == v.rate }) {
        try exact { () throws(ArithmeticError) in
          classes[k].base = try add(classes[k].base, base)
          classes[k].tax = try add(classes[k].tax, tax)
        }
      } else {
        classes.append(.init(rate: v.rate, base: base, tax: tax))
      }
    }
    var weights: [Int128] = []
    for l in r.lines { weights.append(try units(l.amount)) }
    let rest = !r.unallocated.isZero
    if rest { weights.append(try units(r.unallocated)) }
    let shares: [[VATApportionment.Share]]
    do throws(VATApportionment.Failure) {
      shares = try VATApportionment.share(weights, classes)
    } catch {
      switch error {
      case .nothingToShareBy:
        // Lines that sum to zero give no proportion to share by: they carry no VAT (each its
        // whole amount without it) and the pool's VAT stays with its holder, as what is left
        // unallocated (shared net, on top of the pool's total).
        try keepVAT(pool, &r, classes: classes, net: net)
        return
      case .arithmetic(let e):
        throw EvaluationFailure("pool '\(pool.id)''s VAT: \(e)", clause: pool.clause)
      }
    }
    var added: Int128 = 0
    for j in weights.indices {
      var parts: [LineVAT.Part] = []
      var (excluded, tax): (Int128, Int128) = (0, 0)
      for (k, c) in classes.enumerated() {
        let s = shares[j][k]
        guard s.base != 0 || s.tax != 0 else { continue }
        let ex = net ? s.base : try exact { () throws(ArithmeticError) in try add(s.base, -s.tax) }
        let total =
          net ? try exact { () throws(ArithmeticError) in try add(s.base, s.tax) } : s.base
        parts.append(
          .init(
            rate: c.rate, excluded: try money(ex), tax: try money(s.tax), total: try money(total)))
        try exact { () throws(ArithmeticError) in
          excluded = try add(excluded, ex)
          tax = try add(tax, s.tax)
        }
      }
      added = try exact { () throws(ArithmeticError) in try add(added, tax) }
      guard j < r.lines.count else {
        if net {
          let t = try money(tax)
          r.unallocated = try exact { () throws(ArithmeticError) in try r.unallocated + t }
        }
        continue
      }
      if net {
        let t = try money(tax)
        r.lines[j].amount = try exact { () throws(ArithmeticError) in try r.lines[j].amount + t }
      }
      r.lines[j].vat = LineVAT(parts: parts, excluded: try money(excluded), tax: try money(tax))
      if !net, case .fund(let fund) = r.lines[j].recipient, tax != 0 {
        let t = try money(tax)
        state.funds[fund] = try exact { () throws(ArithmeticError) in
          try (state.funds[fund] ?? .zero) - t
        }
      }
    }
    if net {
      let t = try money(added)
      r.total = try exact { () throws(ArithmeticError) in try r.total + t }
    }
    r.sharing = pool.sharing
  }

  /// The pool's VAT kept whole by its holder (`shareVAT` when the lines sum to zero).
  private mutating func keepVAT(
    _ pool: Pool, _ r: inout PoolResult, classes: [VATApportionment.Class], net: Bool
  ) throws(EvaluationFailure) {
    let d = contract.currency.decimals
    let tax = try exact { () throws(ArithmeticError) -> Exact in
      var sum: Int128 = 0
      for c in classes {
        let (v, overflow) = sum.addingReportingOverflow(c.tax)
        guard !overflow else { throw .overflow }
        sum = v
      }
      return try Exact(minorUnits: sum, decimals: d)
    }
    let zero = try exact { () throws(ArithmeticError) in try Exact(minorUnits: 0, decimals: d) }
    for j in r.lines.indices {
      r.lines[j].vat = LineVAT(parts: [], excluded: r.lines[j].amount, tax: zero)
    }
    if net, !tax.isZero {
      r.unallocated = try exact { () throws(ArithmeticError) in try r.unallocated + tax }
      r.total = try exact { () throws(ArithmeticError) in try r.total + tax }
    }
    r.sharing = pool.sharing
  }
}
