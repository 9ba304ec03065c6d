extension Checker {
  /// The `assert` lines: the subject is a party or a group, the pools and the input named
  /// exist, and a bound is an amount in the currency or a share of a pool.
  mutating func checkAssertions() {
    for d in file.declarations {
      guard case .assertion(let a) = d.kind else { continue }
      if let assertion = assertion(a, clause: d.range) { contract.assertions.append(assertion) }
    }
  }

  mutating func assertion(_ a: AssertDecl, clause: SourceRange) -> Assertion? {
    let subject = resolve(a.party, as: [.party, .group], what: "party or group")
    let pool = a.pool.flatMap { resolve($0, as: [.pool], what: "pool") }
    var check: Assertion.Check? = nil
    switch a.check {
    case .monotone(let direction, let input):
      guard let d = Assertion.Direction(rawValue: direction.text) else { return nil }
      if resolve(input, as: [.input], what: "input") != nil {
        check = .monotone(d, input: input.text)
      }
    case .bound(let op, let amount, let unit, let share, let of):
      let comparison = Assertion.Relation(rawValue: op.text)!
      if let share {
        guard let target = of ?? a.pool else {
          error(
            .badAssert, "\(share.text) of what? The subject takes from every pool", at: share.range,
            hint:
              "name the pool: '\(share.text) of POOL', or take the subject from one: '\(a.party.text) in POOL'"
          )
          return nil
        }
        if of == nil || resolve(target, as: [.pool], what: "pool") != nil {
          check = .bound(comparison, .share(share.value, of: target.text))
        }
      } else if let amount {
        var value = amount.value
        if let unit {
          guard let (u, factor) = self.unit(unit) else { return nil }
          guard u == .base(contract.currency.code) else {
            error(
              .badAssert,
              "a bound on what a party receives is in \(contract.currency.code), not \(unit.text)",
              at: unit.range,
              hint: "write the amount in \(contract.currency.code), or a share: '60% of POOL'")
            return nil
          }
          guard let v = try? value * factor else { return nil }
          value = v
        } else if !value.isZero {
          error(
            .badAssert, "'\(amount.text)' has no unit", at: amount.range,
            hint:
              "write the amount with its currency: '\(amount.text) \(contract.currency.code)' (only 0 goes without)"
          )
          return nil
        }
        check = .bound(comparison, .amount(value))
      }
    }
    guard let subject, let check else { return nil }
    let members: [String] =
      subject.kind == .group
      ? contract.groups.first { $0.id == a.party.text }?.members ?? [] : [a.party.text]
    if pool == nil, a.pool != nil { return nil }
    return Assertion(
      subject: a.party.text, members: members, pool: a.pool?.text, check: check, clause: clause)
  }
}
