extension Parser {
  /// pool := "pool" ID "=" NAME ("+" NAME)* ("rounding" MODE)? ("decimals" NUMBER)?
  ///         ("shared" ("gross" | "net"))? NEWLINE step+
  mutating func parsePool(_ c: inout Cursor, _ children: [SyntaxLine]) throws(ParseFailure)
    -> PoolDecl
  {
    let hint = Keywords.form(of: "pool")
    let id = try c.expectName("a pool id", hint: hint)
    _ = try c.expect(symbol: "=", hint: hint)
    var sources: [Name] = []
    repeat {
      sources.append(
        try c.expectName("a revenue or subsidy", hint: "pool ID = certificates + ccer"))
    } while c.accept(symbol: "+") != nil
    // The pool's own rounding, read as the `currency` line reads the contract's.
    var rounding: Name? = nil
    var decimals: Literal? = nil
    var sharing: Name? = nil
    while true {
      if try acceptRounding(&c, &rounding, &decimals) { continue }
      guard let shared = c.accept(word: "shared") else { break }
      guard let t = c.peek, t.kind == .word else {
        throw c.fail("'gross' or 'net'", hint: "'shared gross' or 'shared net' (of VAT)")
      }
      _ = c.next()
      if sharing != nil {
        throw ParseFailure(
          .error(
            .syntax, "'shared' is given twice", at: shared.range,
            hint: "a pool is shared gross or net of VAT: keep one"))
      }
      sharing = Name(text: t.text, range: t.range)
    }
    try c.expectEnd(
      after: sharing != nil
        ? "'shared \(sharing!.text)'"
        : rounding == nil && decimals == nil ? "the pool's sources" : "the rounding")
    var steps: [Step] = []
    var broken = 0
    for child in children {
      do throws(ParseFailure) {
        steps.append(try parseStep(child))
      } catch {
        record(error)
        broken += 1
      }
    }
    return PoolDecl(
      id: id, sources: sources, steps: steps, brokenSteps: broken, rounding: rounding,
      decimals: decimals, sharing: sharing)
  }

  /// A date as a step or a tariff version writes it: a period (`2029Q2`) or a day
  /// (`2029-02-01`, whose `period` is its month).
  func periodRef(_ token: Token) throws(ParseFailure) -> PeriodRef {
    let day = CalendarDay(token.text)
    guard
      let p = day.map({ Period(containing: $0.absoluteMonth, length: .month) })
        ?? Period(token.text)
    else {
      let isDay = token.text.count == 10
      throw ParseFailure(
        .error(
          .badPeriod, "'\(token.text)' is not a valid \(isDay ? "day" : "period")",
          at: token.range,
          hint: isDay
            ? "days are written 2029-02-01, a day the month has"
            : "periods are written 2026Q1, 2026H2, 2026-03 or 2026"))
    }
    return PeriodRef(period: p, range: token.range, day: day)
  }

  /// step := (pay | reserve | rebate | split | cap | floor) (("if" | "unless") CONDITION)?
  ///         ("from" (PERIOD | DAY))? ("until" (PERIOD | DAY))?
  mutating func parseStep(_ node: SyntaxLine) throws(ParseFailure) -> Step {
    var line = node.line
    var effective = Effective.always
    let condition = try peelCondition(&line)
    // Qualifiers stand at the end of the line: peel them off before reading the step itself.
    while line.tokens.count >= 3, let last = line.tokens.last,
      last.kind == .period || last.kind == .number
    {
      let word = line.tokens[line.tokens.count - 2]
      guard word.isWord("from") || word.isWord("until") else { break }
      let ref = try periodRef(last)
      // Peeled from the end: a date already taken was written after this one.
      if (word.isWord("from") ? effective.from : effective.until) != nil {
        throw ParseFailure(
          .error(
            .syntax, "'\(word.text)' is given twice", at: word.range,
            hint: "a step applies from one date until one date: keep one"))
      }
      if word.isWord("from") { effective.from = ref } else { effective.until = ref }
      line.tokens.removeLast(2)
    }
    var c = Cursor(line)
    guard let first = c.next(), first.kind == .word else {
      c.index = 0
      throw c.fail("a step", hint: "pay, reserve, rebate, split, cap or floor")
    }
    let keyword = Name(text: first.text, range: first.range)
    let kind: Step.Kind
    var perUnit: PerUnitSpec? = nil
    switch first.text {
    case "pay":
      let party = try c.expectName("the party paid", hint: Keywords.form(of: "pay"))
      let amount = try parseAmount(&c)
      var arrears = true
      if c.accept(word: "without") != nil {
        _ = try c.expect(
          word: "arrears", hint: "'without arrears' drops what the pool cannot cover")
        arrears = false
      }
      try c.expectEnd(after: "the payment")
      kind = .pay(party: party, amount: amount, arrears: arrears)
    case "reserve":
      let amount = try parseAmount(&c)
      _ = try c.expect(word: "to", hint: Keywords.form(of: "reserve"))
      let fund = try c.expectName("a fund name")
      try c.expectEnd(after: "the reserve")
      kind = .reserve(fund: fund, amount: amount)
    case "rebate":
      let share = try parseAmount(&c)
      _ = try c.expect(word: "to", hint: Keywords.form(of: "rebate"))
      let group = try c.expectName("the group rebated to")
      _ = try c.expect(word: "by", hint: Keywords.form(of: "rebate"))
      let metric = try c.expectName("the metric that divides the rebate")
      try c.expectEnd(after: "the rebate")
      kind = .rebate(share: share, group: group, metric: metric)
    case "split": kind = .split(try parseSplit(&c, node, perUnit: &perUnit))
    case "cap":
      // `each` is a word here only before a name: a party may still be called `each`.
      let each = c.peek(1)?.kind == .word && c.accept(word: "each") != nil
      let party = try c.expectName("the capped party or group", hint: Keywords.form(of: "cap"))
      let amount = try parseExpr(&c)
      let span: CapSpan
      if c.accept(word: "over") != nil {
        _ = try c.expect(word: "term", hint: "'over term' caps the total over the contract term")
        span = .term
      } else {
        let hint = "'per period', 'per year' or 'over term'"
        _ = try c.expect(word: "per", hint: hint)
        if let y = c.peek, y.isWord("year") {
          _ = c.next()
          span = .year
          if try acceptTrueUp(&c) {
            if each {
              throw ParseFailure(
                .error(
                  .syntax, "'cap each ... per year with true-up' is not supported", at: y.range,
                  hint: "cap the group's sum: cap GROUP AMOUNT per year with true-up"))
            }
            try c.expectEnd(after: "the true-up")
            kind = .annual(limit: .cap, party: party, amount: amount, payer: nil, trueUp: true)
            break
          }
        } else {
          _ = try c.expect(word: "period", hint: hint)
          span = .period
        }
      }
      try c.expectEnd(after: "the cap")
      kind = .cap(party: party, amount: amount, span: span, each: each)
    case "floor":
      let party = try c.expectName(
        "the party guaranteed a minimum", hint: Keywords.form(of: "floor"))
      let amount = try parseExpr(&c)
      // `per year` (applied to the year to date), `per year with true-up` (advances).
      var perYear = false
      var trueUp = false
      if c.accept(word: "per") != nil {
        _ = try c.expect(word: "year", hint: "'floor PARTY AMOUNT per year': a floor per year")
        perYear = true
        trueUp = try acceptTrueUp(&c)
      }
      var payer: Name? = nil
      if c.accept(word: "paid") != nil {
        _ = try c.expect(word: "by")
        payer = try c.expectName("the party that pays a shortfall")
      }
      try c.expectEnd(after: "the floor")
      kind =
        perYear
        ? .annual(limit: .floor, party: party, amount: amount, payer: payer, trueUp: trueUp)
        : .floor(party: party, amount: amount, payer: payer)
    case "loss":
      let hint = Keywords.form(of: "loss")
      if c.accept(word: "to") != nil {
        let party = try c.expectName("the party that bears the loss", hint: hint)
        try c.expectEnd(after: "the party")
        kind = .loss(.to(party))
      } else if let carried = c.peek, carried.isWord("carried") {
        _ = c.next()
        _ = try c.expect(word: "to", hint: hint)
        let fund = try c.expectName("the fund the deficit is carried in", hint: hint)
        try c.expectEnd(after: "the fund")
        kind = .loss(.carried(fund: fund))
      } else {
        guard let word = c.peek, word.isWord("split") else {
          throw c.fail("'split', 'to' or 'carried to'", hint: hint)
        }
        _ = c.next()
        let split = try parseSplit(&c, node, perUnit: &perUnit)
        if let p = perUnit {
          throw ParseFailure(
            .error(
              .syntax, "a loss is shared in full: it is not truncated per unit",
              at: p.keyword.range, hint: "remove 'truncated ...' from the loss rule"))
        }
        if case .tiered = split {
          throw ParseFailure(
            .error(.syntax, "a loss is shared by shares or stakes, not by tiers", at: word.range))
        }
        if case .steps = split {
          throw ParseFailure(
            .error(
              .syntax, "a loss is shared by shares or stakes, not by a step table", at: word.range))
        }
        kind = .loss(.split(split))
      }
    case "clawback":
      let party = try c.expectName(
        "the party an amount is clawed back from", hint: Keywords.form(of: "clawback"))
      let amount = try parseExpr(&c)
      try c.expectEnd(after: "the amount clawed back")
      kind = .clawback(party: party, amount: amount)
    case "redeem": kind = .redeem(try parseRedeem(&c))
    default:
      throw ParseFailure(unknownWord(first, Keywords.steps.map(\.word), what: "step"))
    }
    if case .split = kind {} else { rejectChildren(of: node, "'\(first.text)'") }
    return Step(
      kind: kind, effective: effective, keyword: keyword, range: node.line.range,
      condition: condition, perUnit: perUnit)
  }

  /// `with true-up` after `per year`: the term is settled as advances and a year-end true-up.
  mutating func acceptTrueUp(_ c: inout Cursor) throws(ParseFailure) -> Bool {
    guard c.accept(word: "with") != nil else { return false }
    _ = try c.expect(
      word: "true-up", hint: "'per year with true-up': advances, and a true-up at the year's end")
    return true
  }

  /// redeem := "redeem" POINTS "at" EXPR "per" "point" "to" GROUP
  ///           ("cap" EXPR "each" ("," EXPR "in" "all")? | "cap" EXPR "in" "all")?
  mutating func parseRedeem(_ c: inout Cursor) throws(ParseFailure) -> Step.Redeem {
    let hint = Keywords.form(of: "redeem")
    let points = try c.expectName("the points redeemed", hint: hint)
    _ = try c.expect(word: "at", hint: hint)
    let price = try parseExpr(&c)
    _ = try c.expect(word: "per", hint: hint)
    let point = try c.expectName("'point'", hint: hint)
    guard point.text == "point" else {
      throw ParseFailure(
        .error(
          .syntax, "expected 'point' after 'per', found '\(point.text)'", at: point.range,
          hint: hint))
    }
    _ = try c.expect(word: "to", hint: hint)
    let group = try c.expectName("the group whose points are redeemed", hint: hint)
    var each: Expr? = nil
    var all: Expr? = nil
    if c.accept(word: "cap") != nil {
      repeat {
        let amount = try parseExpr(&c)
        if c.accept(word: "each") != nil, each == nil {
          each = amount
        } else if c.accept(word: "in") != nil, all == nil {
          _ = try c.expect(word: "all", hint: hint)
          all = amount
        } else {
          throw c.fail("'each' or 'in all' after the cap", hint: hint)
        }
      } while c.accept(symbol: ",") != nil
    }
    try c.expectEnd(after: "the redemption")
    return Step.Redeem(points: points, price: price, group: group, each: each, all: all)
  }

  /// Takes `if CONDITION` / `unless CONDITION` out of a step's line: the condition runs to the
  /// end of the line or to its `from` / `until` dates, which may stand on either side of it.
  mutating func peelCondition(_ line: inout LexedLine) throws(ParseFailure) -> Step.Condition? {
    guard
      let k = line.tokens.firstIndex(where: { $0.isWord("if") || $0.isWord("unless") }), k > 0
    else { return nil }
    let word = line.tokens[k]
    let end =
      line.tokens[(k + 1)...].firstIndex { $0.isWord("from") || $0.isWord("until") }
      ?? line.tokens.endIndex
    var sub = line
    sub.tokens = Array(line.tokens[(k + 1)..<end])
    var c = Cursor(sub)
    guard !c.atEnd else {
      throw ParseFailure(
        .error(
          .syntax, "expected a condition after '\(word.text)'", at: word.range,
          hint: "e.g. '\(word.text) direct_green_ratio >= 50%'"))
    }
    let expr = try parseExpr(&c)
    try c.expectEnd(after: "the condition")
    line.tokens.removeSubrange(k..<end)
    return Step.Condition(keyword: Name(text: word.text, range: word.range), expr: expr)
  }

  /// amount := PERCENT ("of" ("pool" | "remainder"))? | EXPR
  mutating func parseAmount(_ c: inout Cursor) throws(ParseFailure) -> Amount {
    let after = c.peek?.kind == .percent ? 1 : 2
    if c.atSigned(.percent), c.peek(after).map({ binaryOperator($0) == nil }) ?? true {
      let share = try c.expectPercent("a percentage")
      var remainder = false
      if c.accept(word: "of") != nil {
        if c.accept(word: "remainder") != nil {
          remainder = true
        } else {
          _ = try c.expect(
            word: "pool", hint: "'of pool' (the pool's total) or 'of remainder' (what is left)")
        }
      }
      return .percentOf(share, remainder: remainder)
    }
    return .expr(try parseExpr(&c))
  }

  /// split := "split" share ("," share)* | "split" NAME ("," NAME)* "by" ("column")? METRIC
  ///        | "split" "tiered" NEWLINE row+ | "split" "on" KPI NEWLINE row+
  /// share := PARTY PERCENT
  mutating func parseSplit(_ c: inout Cursor, _ node: SyntaxLine, perUnit: inout PerUnitSpec?)
    throws(ParseFailure) -> Split
  {
    if c.accept(word: "tiered") != nil {
      try c.expectEnd(after: "'split tiered'")
      return .tiered(parseRows(node, "split tiered"))
    }
    if c.accept(word: "on") != nil {
      let kpi = try c.expectName("the KPI the step table reads")
      try c.expectEnd(after: "the KPI")
      return .steps(kpi: kpi, rows: parseRows(node, "split on \(kpi.text)"))
    }
    rejectChildren(of: node, "this split")
    if c.accept(word: "by") != nil {
      if let column = try acceptColumn(&c, perUnit: &perUnit) {
        return .column(parties: [], column: column)
      }
      let metric = try c.expectName("a metric", hint: "split tenants by consumption")
      perUnit = try parsePerUnit(&c)
      try c.expectEnd(after: "the metric")
      return .metric(parties: [], metric: metric)
    }
    var names: [Name] = []
    var shares: [ShareSpec] = []
    repeat {
      let party = try c.expectName("a party", hint: Keywords.form(of: "split"))
      if c.atSigned(.percent) {
        shares.append(ShareSpec(party: party, share: try c.expectPercent("a share")))
      } else {
        names.append(party)
      }
    } while c.accept(symbol: ",") != nil
    if !shares.isEmpty && !names.isEmpty {
      throw ParseFailure(
        .error(
          .syntax, "every party in a fixed split needs a share", at: names[0].range,
          hint: "write '\(names[0].text) 25%'"))
    }
    if shares.isEmpty {
      _ = try c.expect(word: "by", hint: "'split A, B by METRIC' or 'split A 30%, B 70%'")
      if let column = try acceptColumn(&c, perUnit: &perUnit) {
        return .column(parties: names, column: column)
      }
      let metric: Name
      if let s = c.accept(word: "stake") {
        metric = Name(text: s.text, range: s.range)
      } else {
        metric = try c.expectName("a metric")
      }
      perUnit = try parsePerUnit(&c)
      try c.expectEnd(after: "the metric")
      return .metric(parties: names, metric: metric)
    }
    try c.expectEnd(after: "the shares")
    return .fixed(shares)
  }

  /// `column NAME` after `by`: a registry column named explicitly. `column` alone is a metric
  /// spelled `column`.
  mutating func acceptColumn(_ c: inout Cursor, perUnit: inout PerUnitSpec?) throws(ParseFailure)
    -> Name?
  {
    guard c.peek?.isWord("column") == true, c.peek(1)?.kind == .word else { return nil }
    _ = c.next()
    let column = try c.expectName("a registry column", hint: "split unitholders by column units")
    perUnit = try parsePerUnit(&c)
    try c.expectEnd(after: "the column")
    return column
  }

  /// perUnit := "truncated" "to" NUMBER "decimals" ("per" NUMBER ("unit" | "units"))?
  ///            ("," "rest" "carried" "to" FUND)?
  mutating func parsePerUnit(_ c: inout Cursor) throws(ParseFailure) -> PerUnitSpec? {
    guard let t = c.accept(word: "truncated") else { return nil }
    let hint =
      "split unitholders by units truncated to 4 decimals per 10 units, rest carried to undistributed"
    _ = try c.expect(word: "to", hint: hint)
    let decimals = try c.expectNumber("the decimals the rate per unit is cut to", hint: hint)
    _ = try c.expect(word: "decimals", hint: hint)
    var per: Literal? = nil
    if c.accept(word: "per") != nil {
      per = try c.expectNumber("how many units the rate is for", hint: hint)
      if c.accept(word: "units") == nil { _ = try c.expect(word: "unit", hint: hint) }
    }
    var carry: Name? = nil
    if c.accept(symbol: ",") != nil {
      _ = try c.expect(word: "rest", hint: hint)
      _ = try c.expect(word: "carried", hint: hint)
      _ = try c.expect(word: "to", hint: hint)
      carry = try c.expectName("the fund the rest is carried in", hint: hint)
    }
    return PerUnitSpec(
      keyword: Name(text: t.text, range: t.range), decimals: decimals, per: per, carry: carry)
  }

  /// row := ("below" BOUND | "from" BOUND ("to" BOUND)?) ":" share ("," share)*
  mutating func parseRows(_ node: SyntaxLine, _ what: String) -> [TierRow] {
    if node.children.isEmpty {
      diagnostics.append(
        .error(
          .syntax, "'\(what)' needs indented rows", at: node.line.range,
          hint: "e.g. 'from 0 CNY to 1,000,000 CNY: esco 80%, host 20%'"))
    }
    var rows: [TierRow] = []
    for child in node.children {
      rejectChildren(of: child, "a row")
      var r = Cursor(child.line)
      do throws(ParseFailure) {
        var lower: Expr? = nil
        var upper: Expr? = nil
        if r.accept(word: "below") != nil {
          upper = try parseOperand(&r, depth: 0)
        } else {
          _ = try r.expect(word: "from", hint: "a row is 'below B:', 'from A to B:' or 'from A:'")
          lower = try parseOperand(&r, depth: 0)
          if r.accept(word: "to") != nil { upper = try parseOperand(&r, depth: 0) }
        }
        _ = try r.expect(symbol: ":", hint: "a colon comes before the shares")
        var shares: [ShareSpec] = []
        repeat {
          let party = try r.expectName("a party")
          shares.append(ShareSpec(party: party, share: try r.expectPercent("the party's share")))
        } while r.accept(symbol: ",") != nil
        try r.expectEnd(after: "the shares")
        rows.append(TierRow(lower: lower, upper: upper, shares: shares, range: child.line.range))
      } catch {
        record(error)
        rows.append(
          TierRow(lower: nil, upper: nil, shares: [], range: child.line.range, broken: true))
      }
    }
    return rows
  }
}
