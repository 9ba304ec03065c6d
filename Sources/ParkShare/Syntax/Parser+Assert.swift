extension Parser {
  /// assert := "assert" PARTY ("in" POOL)? (OP (AMOUNT UNIT? | PERCENT ("of" POOL)?)
  ///         | "never" ("falls" | "rises") "when" INPUT "rises")
  /// OP := "<=" | ">=" | "<" | ">"
  mutating func parseAssert(_ c: inout Cursor) throws(ParseFailure) -> AssertDecl {
    let hint = Keywords.form(of: "assert")
    let party = try c.expectName("a party or group", hint: hint)
    var pool: Name? = nil
    if c.accept(word: "in") != nil { pool = try c.expectName("a pool after 'in'", hint: hint) }
    if c.accept(word: "never") != nil {
      guard let t = c.peek, t.isWord("falls") || t.isWord("rises") else {
        throw c.fail("'falls' or 'rises' after 'never'", hint: hint)
      }
      _ = c.next()
      _ = try c.expect(word: "when", hint: hint)
      let input = try c.expectName("an input", hint: hint)
      _ = try c.expect(
        word: "rises", hint: "the input moves up: 'never falls when ccer_price rises'")
      try c.expectEnd(after: "the property")
      return AssertDecl(
        party: party, pool: pool,
        check: .monotone(direction: Name(text: t.text, range: t.range), input: input))
    }
    guard let op = c.peek, ["<=", ">=", "<", ">"].contains(where: { op.isSymbol($0) }) else {
      throw c.fail("<=, >=, <, > or 'never'", hint: hint)
    }
    _ = c.next()
    if c.atSigned(.percent) {
      let share = try c.expectPercent("a percentage", hint: hint)
      var of: Name? = nil
      if c.accept(word: "of") != nil { of = try c.expectName("a pool after 'of'", hint: hint) }
      try c.expectEnd(after: "the bound")
      return AssertDecl(
        party: party, pool: pool,
        check: .bound(op: op, amount: nil, unit: nil, share: share, of: of))
    }
    let amount = try c.expectNumber("an amount or a percentage", hint: hint)
    var unit: UnitExpr? = nil
    if !c.atEnd { unit = try parseUnit(&c) }
    try c.expectEnd(after: "the bound")
    return AssertDecl(
      party: party, pool: pool,
      check: .bound(op: op, amount: amount, unit: unit, share: nil, of: nil))
  }
}
