extension Parser {
  /// expr := operand (OP operand)*, with x and / above + and -, above comparisons;
  /// operand := "-" operand | NUMBER UNIT? | PERCENT | NAME | NAME "(" args ")" | "(" expr ")"
  mutating func parseExpr(_ c: inout Cursor) throws(ParseFailure) -> Expr {
    try parseBinary(&c, minPrecedence: 1, depth: 0)
  }

  func binaryOperator(_ t: Token?) -> BinaryOperator? {
    guard let t else { return nil }
    if t.isWord("x") { return .multiply }
    guard t.kind == .symbol else { return nil }
    switch t.text {
    case "+": return .add
    case "-": return .subtract
    case "*", "×": return .multiply
    case "/": return .divide
    case "<": return .less
    case "<=": return .lessOrEqual
    case ">": return .greater
    case ">=": return .greaterOrEqual
    default: return nil
    }
  }

  mutating func parseBinary(_ c: inout Cursor, minPrecedence: Int, depth: Int) throws(ParseFailure)
    -> Expr
  {
    var lhs = try parseOperand(&c, depth: depth)
    while let op = binaryOperator(c.peek), op.precedence >= minPrecedence {
      _ = c.next()
      let rhs = try parseBinary(&c, minPrecedence: op.precedence + 1, depth: depth + 1)
      lhs = .binary(op, lhs, rhs, range: lhs.range.through(rhs.range))
    }
    if depth == 0 { try Parser.checkHeight(lhs) }
    return lhs
  }

  /// Operations allowed on the way from an expression's top to its deepest value. `depth`
  /// counts parentheses and operands on the right; a chain `a + b + c + ...` grows the tree to
  /// its left without them, and everything that walks the tree later (typing, evaluation,
  /// formatting) recurses once a level.
  static let maxExpressionHeight = 256

  /// Refuses a whole expression (or a bare operand) whose tree is deeper than
  /// `maxExpressionHeight`, measured without recursion.
  static func checkHeight(_ e: Expr) throws(ParseFailure) {
    var deepest = 0
    var stack = [(e, 0)]
    while let (next, level) = stack.popLast() {
      deepest = max(deepest, level)
      switch next {
      case .number, .percent, .name, .day: break
      case .negate(let a, _): stack.append((a, level + 1))
      case .binary(_, let a, let b, _): stack += [(a, level + 1), (b, level + 1)]
      case .call(_, let args, _): stack += args.map { ($0, level + 1) }
      }
    }
    guard deepest > maxExpressionHeight else { return }
    throw ParseFailure(
      .error(
        .tooDeep, "expression is more than \(maxExpressionHeight) operations deep",
        at: e.range, hint: "a long sum or product: name parts of it with 'let'"))
  }

  mutating func parseOperand(_ c: inout Cursor, depth: Int) throws(ParseFailure) -> Expr {
    let operand = try parseNestedOperand(&c, depth: depth)
    if depth == 0 { try Parser.checkHeight(operand) }  // a tier bound is a bare operand
    return operand
  }

  mutating func parseNestedOperand(_ c: inout Cursor, depth: Int) throws(ParseFailure) -> Expr {
    guard depth < Parser.maxExpressionDepth else {
      throw ParseFailure(
        .error(
          .tooDeep, "expression nests more than \(Parser.maxExpressionDepth) levels", at: c.here,
          hint: "name parts of it with 'let'"))
    }
    guard let t = c.peek else { throw c.fail("a value") }
    switch t.kind {
    case .symbol where t.text == "-":
      _ = c.next()
      let operand = try parseOperand(&c, depth: depth + 1)
      return .negate(operand, range: t.range.through(operand.range))
    case .symbol where t.text == "(":
      _ = c.next()
      let inner = try parseBinary(&c, minPrecedence: 1, depth: depth + 1)
      let close = try c.expect(
        symbol: ")", hint: "close the parenthesis opened at column \(t.range.start.column)")
      _ = close
      return inner
    case .number:
      _ = c.next()
      var unit: UnitExpr? = nil
      if let u = c.peek, u.kind == .word, !Keywords.reserved.contains(u.text) {
        unit = try parseUnit(&c)
      }
      return .number(
        t.number ?? .zero, unit: unit, text: t.text,
        range: unit.map { t.range.through($0.range) } ?? t.range)
    case .percent:
      _ = c.next()
      return .percent(
        try Cursor.percentValue(t.number ?? .zero, t.range), text: t.text, range: t.range)
    case .period where t.text.count == 10:
      // A day (`prorate(X, 2026-08-15)`): one the calendar has, or `bad-period` as elsewhere.
      _ = c.next()
      return .day(try periodRef(t).day!, range: t.range)
    case .word where !Keywords.reserved.contains(t.text):
      _ = c.next()
      let name = Name(text: t.text, range: t.range)
      guard c.accept(symbol: "(") != nil else { return .name(name) }
      var args: [Expr] = []
      if c.accept(symbol: ")") == nil {
        repeat {
          args.append(try parseBinary(&c, minPrecedence: 1, depth: depth + 1))
        } while c.accept(symbol: ",") != nil
        _ = try c.expect(symbol: ")", hint: "arguments are separated by ', ' and end with ')'")
      }
      return .call(name, args, range: t.range.through(c.tokens[c.index - 1].range))
    default:
      throw c.fail("a value (a number, a name or '(')", hint: Cursor.reservedHint(t))
    }
  }

  /// unit := WORD ("/" WORD)?, written without spaces around "/" (`CNY/kWh`), or "%".
  mutating func parseUnit(_ c: inout Cursor) throws(ParseFailure) -> UnitExpr {
    guard let t = c.next(), t.kind == .word || t.isSymbol("%") else { throw c.fail("a unit") }
    let numerator = Name(text: t.text, range: t.range)
    if let slash = c.peek, slash.isSymbol("/"), !slash.spaceBefore, let d = c.peek(1),
      d.kind == .word, !d.spaceBefore
    {
      c.index += 2
      return UnitExpr(
        numerator: numerator, denominator: Name(text: d.text, range: d.range),
        range: t.range.through(d.range))
    }
    return UnitExpr(numerator: numerator, denominator: nil, range: t.range)
  }
}
