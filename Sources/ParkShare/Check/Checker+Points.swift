extension Checker {
  /// `carry over, expire after 4 quarters`: the expiry is a whole number of the contract's
  /// periods (a lot is earned and expires at period boundaries).
  mutating func checkCarry(_ carry: PointsDecl.Carry) -> PointsCarry {
    guard let e = carry.expireAfter else { return PointsCarry(expireAfter: nil) }
    let hint = "a length such as '4 quarters' or '2 years'"
    // A bad expiry is reported where it is; the points still carry over, so what redeems them
    // or reads their balance is not reported again as if they did not.
    guard let n = periods(inLength: e, what: "a points expiry", hint: hint) else {
      return PointsCarry(expireAfter: nil)
    }
    return PointsCarry(expireAfter: n)
  }

  /// `redeem POINTS at PRICE per point to GROUP cap ... each, ... in all`: the points must carry
  /// over (a redemption takes from a balance), the group must be the one that earns them, and
  /// the price and caps are amounts of money.
  mutating func checkRedeem(_ r: Step.Redeem) -> Redemption? {
    let currency = Unit.base(contract.currency.code)
    let symbol = resolve(r.points, as: [.points], what: "points")
    let group = resolve(r.group, as: [.group], what: "group")
    let price = typeAmount(r.price, unit: currency, what: "the price of a point")
    if let p = price {
      refuseNegative(
        p.formula, at: r.price.range, what: "the price of a point",
        hint: "a redemption pays members for their points: 0 \(contract.currency.code) or more")
    }
    var caps: [Formula?] = []
    var capsOK = true
    for (e, what) in [(r.each, "a member's cap"), (r.all, "the redemption's cap")] {
      guard let e else {
        caps.append(nil)
        continue
      }
      guard let t = typeAmount(e, unit: currency, what: what) else {
        capsOK = false
        continue
      }
      refuseNegative(
        t.formula, at: e.range, what: what,
        hint: "a cap is the most the redemption pays: 0 \(contract.currency.code) or more")
      caps.append(t.formula)
    }
    guard symbol != nil, group != nil, let price, capsOK else { return nil }
    guard let scheme = contract.points.first(where: { $0.id == r.points.text }) else { return nil }
    if scheme.group != r.group.text {
      error(
        .perMismatch, "'\(r.points.text)' are earned by '\(scheme.group)', not '\(r.group.text)'",
        at: r.group.range, hint: "redeem them to '\(scheme.group)'")
      return nil
    }
    guard scheme.carry != nil else {
      error(
        .pointsNotCarried, "'\(r.points.text)' do not carry over: there is no balance to redeem",
        at: r.points.range,
        hint:
          "add 'carry over' (or 'carry over, expire after 4 quarters') under 'points \(r.points.text)'"
      )
      return nil
    }
    return Redemption(
      points: scheme.id, group: scheme.group, price: price.formula, each: caps[0], all: caps[1])
  }
}

extension Checker {
  /// `balance(POINTS)`: each member's balance of points that carry over, in points, per the
  /// scheme's group.
  mutating func typeBalance(_ args: [Expr], _ range: SourceRange) -> Typed? {
    let form = "balance(POINTS): each member's balance of points that carry over"
    guard args.count == 1, case .name(let n) = args[0] else {
      error(.badCall, "balance() takes one points scheme by name", at: range, hint: form)
      return nil
    }
    guard let s = resolve(n, as: [.points], what: "points") else { return nil }
    // Read from the declaration: the schemes are checked after the values that read them.
    let carries = file.declarations.contains {
      if case .points(let p) = $0.kind { p.id.text == n.text && p.carry != nil } else { false }
    }
    guard carries else {
      error(
        .pointsNotCarried, "'\(n.text)' do not carry over: they have no balance",
        at: n.range, hint: "add 'carry over' under 'points \(n.text)', or use '\(n.text)' itself")
      return nil
    }
    return Typed(formula: .balance(n.text), unit: .point, per: s.per)
  }
}
