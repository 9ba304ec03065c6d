extension Parser {
  /// tariff := "tariff" ID UNIT VERSION? NEWLINE band+
  ///           | "tariff" ID "=" ID "discount" PERCENT VERSION?
  /// VERSION := "from" (PERIOD | DAY): a later version of the tariff, in force from that day.
  /// band := "band" NAME NUMBER TIME "-" TIME ("," TIME "-" TIME)*
  mutating func parseTariff(_ c: inout Cursor, _ children: [SyntaxLine]) throws(ParseFailure)
    -> TariffDecl
  {
    let id = try c.expectName("a tariff id", hint: Keywords.form(of: "tariff"))
    if c.accept(symbol: "=") != nil {
      let base = try c.expectName("the tariff it discounts")
      _ = try c.expect(word: "discount", hint: "tariff ID = OTHER discount 10%")
      let discount = try c.expectPercent("a discount percentage")
      let from = try parseVersion(&c)
      try c.expectEnd(after: "the discount")
      if let child = children.first {
        diagnostics.append(
          .error(
            .badIndent, "a discounted tariff takes its bands from '\(base.text)'",
            at: child.line.range,
            hint: "remove the indented lines, or give the tariff its own bands"))
      }
      return TariffDecl(
        id: id, unit: nil, bands: [], base: base, discount: discount, from: from)
    }
    let unit = try parseUnit(&c)
    let from = try parseVersion(&c)
    try c.expectEnd(after: "the tariff unit")
    var bands: [TariffDecl.Band] = []
    for child in children {
      rejectChildren(of: child, "a band")
      var b = Cursor(child.line)
      do throws(ParseFailure) {
        _ = try b.expect(word: "band", hint: "band NAME PRICE 08:00-11:00, 18:00-23:00")
        let name = try b.expectName("a band name (peak, flat, valley...)")
        let price = try b.expectNumber("the band's price")
        var spans: [(from: Literal, to: Literal)] = []
        repeat {
          let from = try parseTime(&b)
          _ = try b.expect(symbol: "-", hint: "a span is written 08:00-11:00")
          let to = try parseTime(&b)
          spans.append((from, to))
        } while b.accept(symbol: ",") != nil
        try b.expectEnd(after: "the band's time spans")
        bands.append(
          TariffDecl.Band(name: name, price: price, spans: spans, range: child.line.range))
      } catch {
        record(error)
      }
    }
    return TariffDecl(id: id, unit: unit, bands: bands, base: nil, discount: nil, from: from)
  }

  /// A tariff's `from DATE`, when it has one. A version runs until the next one starts, so
  /// `until` has no place here.
  func parseVersion(_ c: inout Cursor) throws(ParseFailure) -> PeriodRef? {
    if let word = c.peek, word.isWord("until") {
      throw ParseFailure(
        .error(
          .syntax, "a tariff version has no end date", at: word.range,
          hint:
            "a version is in force until the next one starts: declare the next one with 'from'"))
    }
    guard c.accept(word: "from") != nil else { return nil }
    guard let t = c.peek, t.kind == .period || t.kind == .number else {
      throw c.fail("the day the version takes effect, like 2029-02-01")
    }
    c.index += 1
    return try periodRef(t)
  }

  /// A clock time `HH:MM` (00:00 to 24:00) as minutes after midnight.
  func parseTime(_ c: inout Cursor) throws(ParseFailure) -> Literal {
    guard let t = c.peek, t.kind == .time else { throw c.fail("a clock time like 08:00") }
    let parts = t.text.split(separator: ":").compactMap { Int($0) }
    guard parts.count == 2, parts[1] < 60, parts[0] * 60 + parts[1] <= 24 * 60 else {
      throw ParseFailure(
        .error(
          .badTime, "'\(t.text)' is not a clock time", at: t.range, hint: "use 00:00 to 24:00"))
    }
    c.index += 1
    return Literal(value: Exact(parts[0] * 60 + parts[1]), text: t.text, range: t.range)
  }

  mutating func rejectChildren(of node: SyntaxLine, _ what: String) {
    if let child = node.children.first {
      diagnostics.append(
        .error(.badIndent, "unexpected indented line under \(what)", at: child.line.range))
    }
  }

  /// subsidy := "subsidy" ID "=" EXPR ("paid" "by" PARTY)? ("in" PERIOD)? NEWLINE rule*
  /// rule := "phase-out" YEAR PERCENT ("," YEAR PERCENT)*
  ///       | "degression" PERCENT "per" ("month"|"quarter"|"half-year"|"year") ("from" PERIOD)?
  ///       | "reduce" "to" PERCENT "when" EXPR
  mutating func parseSubsidy(_ c: inout Cursor, _ children: [SyntaxLine]) throws(ParseFailure)
    -> SubsidyDecl
  {
    let hint = Keywords.form(of: "subsidy")
    let id = try c.expectName("a subsidy id", hint: hint)
    _ = try c.expect(symbol: "=", hint: hint)
    let expr = try parseExpr(&c)
    var payer: Name? = nil
    var once: PeriodRef? = nil
    while !c.atEnd {
      if c.accept(word: "paid") != nil {
        _ = try c.expect(word: "by")
        payer = try c.expectName("the paying party")
      } else if c.accept(word: "in") != nil {
        once = try c.expectPeriod("the period it is paid in")
      } else {
        throw c.fail("'paid by PARTY', 'in PERIOD' or the end of the line", hint: hint)
      }
    }
    var rules: [PhaseRule] = []
    for child in children {
      rejectChildren(of: child, "a phase-out rule")
      var r = Cursor(child.line)
      do throws(ParseFailure) {
        if r.accept(word: "phase-out") != nil {
          var steps: [(at: PeriodRef, factor: Literal)] = []
          repeat {
            let at = try r.expectPeriod("a year or period", allowYear: true)
            let factor = try r.expectPercent("the percentage paid from then on")
            steps.append((at, factor))
          } while r.accept(symbol: ",") != nil
          try r.expectEnd(after: "the phase-out table")
          rules.append(.steps(steps, range: child.line.range))
        } else if r.accept(word: "degression") != nil {
          let rate = try r.expectPercent("the degression rate")
          _ = try r.expect(word: "per", hint: "degression 1% per half-year from 2027H1")
          let every = try r.expectName("month, quarter, half-year or year")
          var from: PeriodRef? = nil
          if r.accept(word: "from") != nil {
            from = try r.expectPeriod("the first period degressed")
          }
          try r.expectEnd(after: "the degression")
          rules.append(.degression(rate: rate, every: every, from: from, range: child.line.range))
        } else if r.accept(word: "reduce") != nil {
          _ = try r.expect(word: "to", hint: "reduce to 50% when EXPRESSION >= AMOUNT")
          let factor = try r.expectPercent("the reduced percentage")
          _ = try r.expect(word: "when", hint: "reduce to 50% when EXPRESSION >= AMOUNT")
          let condition = try parseExpr(&r)
          try r.expectEnd(after: "the condition")
          rules.append(.trigger(factor: factor, condition: condition, range: child.line.range))
        } else {
          throw r.fail(
            "'phase-out', 'degression' or 'reduce'",
            hint: "a subsidy's indented lines say how it phases out")
        }
      } catch {
        record(error)
      }
    }
    return SubsidyDecl(id: id, expr: expr, payer: payer, once: once, rules: rules)
  }

  /// points := "points" ID "for" GROUP ("cap" NUMBER)? NEWLINE (rule | carry)+
  /// rule := NUMBER "per" UNIT EXPR | NUMBER "if" EXPR
  mutating func parsePoints(_ c: inout Cursor, _ children: [SyntaxLine]) throws(ParseFailure)
    -> PointsDecl
  {
    let hint = Keywords.form(of: "points")
    let id = try c.expectName("a points id", hint: hint)
    _ = try c.expect(word: "for", hint: hint)
    let group = try c.expectName("the group that earns the points", hint: hint)
    var cap: Literal? = nil
    if c.accept(word: "cap") != nil {
      cap = try c.expectNumber("the most points a member earns a period")
    }
    try c.expectEnd(after: "the points declaration")
    var rules: [PointsDecl.Rule] = []
    var carry: PointsDecl.Carry? = nil
    for child in children {
      rejectChildren(of: child, "a points rule")
      var r = Cursor(child.line)
      do throws(ParseFailure) {
        if let first = r.peek, first.isWord("carry") || first.isWord("expire") {
          if carry != nil {
            throw ParseFailure(
              .error(
                .syntax, "the points already say how they carry over", at: child.line.range,
                hint: "write 'carry over, expire after 4 quarters' once"))
          }
          carry = try parseCarry(&r, child.line.range)
          continue
        }
        let points = try r.expectNumber(
          "a number of points", hint: "2 per % green_share, or 5 if reported_on_time")
        if r.accept(word: "per") != nil {
          let unit = try parseUnit(&r)
          let expr = try parseExpr(&r)
          try r.expectEnd(after: "the rule")
          rules.append(.per(points: points, unit: unit, expr: expr, range: child.line.range))
        } else if r.accept(word: "if") != nil {
          let condition = try parseExpr(&r)
          try r.expectEnd(after: "the condition")
          rules.append(.bonus(points: points, condition: condition, range: child.line.range))
        } else {
          throw r.fail("'per' or 'if'", hint: "2 per % green_share, or 5 if reported_on_time")
        }
      } catch {
        record(error)
      }
    }
    return PointsDecl(id: id, group: group, cap: cap, rules: rules, carry: carry)
  }

  /// carry := "carry" "over" ("," expiry)? | expiry;  expiry := "expire" "after" LENGTH
  mutating func parseCarry(_ r: inout Cursor, _ range: SourceRange) throws(ParseFailure)
    -> PointsDecl.Carry
  {
    let hint = "carry over, expire after 4 quarters"
    var expiring = true
    if r.accept(word: "carry") != nil {
      _ = try r.expect(word: "over", hint: hint)
      expiring = r.accept(symbol: ",") != nil
    }
    var length: Expr? = nil
    if expiring {
      _ = try r.expect(word: "expire", hint: hint)
      _ = try r.expect(word: "after", hint: hint)
      length = try parseExpr(&r)
    }
    try r.expectEnd(after: expiring ? "the expiry" : "'carry over'")
    return PointsDecl.Carry(range: range, expireAfter: length)
  }
}
