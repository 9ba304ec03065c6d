/// Reading position within one line's tokens. Failures carry a ready diagnostic.
struct Cursor {
  let tokens: [Token]
  let line: LexedLine
  var index = 0

  init(_ line: LexedLine) {
    self.line = line
    self.tokens = line.tokens
  }

  var atEnd: Bool { index >= tokens.count }
  var peek: Token? { index < tokens.count ? tokens[index] : nil }
  func peek(_ ahead: Int) -> Token? { index + ahead < tokens.count ? tokens[index + ahead] : nil }

  mutating func next() -> Token? {
    defer { index += 1 }
    return peek
  }

  /// Where the next token is, or the end of the line.
  var here: SourceRange {
    if let t = peek { return t.range }
    var r = line.range
    r.start = r.end
    r.end.column += 1
    return r
  }

  func found() -> String {
    guard let t = peek else { return "end of line" }
    return "'\(t.text)'"
  }

  func fail(_ what: String, hint: String? = nil) -> ParseFailure {
    ParseFailure(.error(.syntax, "expected \(what), found \(found())", at: here, hint: hint))
  }

  mutating func accept(word: String) -> Token? {
    guard let t = peek, t.isWord(word) else { return nil }
    index += 1
    return t
  }

  mutating func accept(symbol: String) -> Token? {
    guard let t = peek, t.isSymbol(symbol) else { return nil }
    index += 1
    return t
  }

  mutating func expect(word: String, hint: String? = nil) throws(ParseFailure) -> Token {
    guard let t = accept(word: word) else {
      // A misspelt keyword (`settle quarterly form 2026Q1`) gets the word it is close to.
      let near = peek.flatMap { $0.kind == .word ? Spelling.nearest($0.text, in: [word]) : nil }
      throw fail("'\(word)'", hint: near.map { "did you mean '\($0)'?" } ?? hint)
    }
    return t
  }

  mutating func expect(symbol: String, hint: String? = nil) throws(ParseFailure) -> Token {
    guard let t = accept(symbol: symbol) else { throw fail("'\(symbol)'", hint: hint) }
    return t
  }

  /// A name: a word that is not a reserved keyword.
  mutating func expectName(_ what: String, hint: String? = nil) throws(ParseFailure) -> Name {
    guard let t = peek, t.kind == .word, !Keywords.reserved.contains(t.text) else {
      throw fail(what, hint: Cursor.reservedHint(peek) ?? hint)
    }
    index += 1
    return Name(text: t.text, range: t.range)
  }

  mutating func expectString(_ what: String, hint: String? = nil) throws(ParseFailure) -> Token {
    guard let t = peek, t.kind == .string else { throw fail(what, hint: hint) }
    index += 1
    return t
  }

  mutating func expectPercent(_ what: String, hint: String? = nil) throws(ParseFailure) -> Literal {
    guard let l = signed(.percent) else { throw fail(what, hint: hint) }
    return Literal(value: try Cursor.percentValue(l.value, l.range), text: l.text, range: l.range)
  }

  mutating func expectNumber(_ what: String, hint: String? = nil) throws(ParseFailure) -> Literal {
    guard let l = signed(.number) else { throw fail(what, hint: hint) }
    return l
  }

  /// Whether a signed literal of `kind` comes next: `15%`, or `-15%` written tight.
  func atSigned(_ kind: Token.Kind) -> Bool {
    if peek?.kind == kind { return true }
    guard let minus = peek, minus.isSymbol("-"), let t = peek(1) else { return false }
    return t.kind == kind && !t.spaceBefore
  }

  /// A number or percent literal with its sign: the parser reads `-15%` and `-5` as written so
  /// the checker can refuse the sign where the construct is unsigned, with a hint, rather than
  /// report a syntax error at the '-'.
  mutating func signed(_ kind: Token.Kind) -> Literal? {
    guard atSigned(kind) else { return nil }
    let minus = peek!.kind == kind ? nil : next()
    guard let t = next(), let n = t.number else { return nil }
    return Literal(
      value: minus == nil ? n : n.negated, text: (minus == nil ? "" : "-") + t.text,
      range: minus.map { $0.range.through(t.range) } ?? t.range)
  }

  /// A period (`2026Q1`), or a bare four-digit year where `allowYear`.
  mutating func expectPeriod(_ what: String, allowYear: Bool = false) throws(ParseFailure)
    -> PeriodRef
  {
    guard let t = peek, t.kind == .period || (allowYear && t.kind == .number) else {
      throw fail(
        what, hint: "periods are written 2026Q1, 2026H2, 2026-03" + (allowYear ? " or 2026" : ""))
    }
    guard let p = Period(t.text) else {
      throw ParseFailure(
        .error(
          .badPeriod, "'\(t.text)' is not a valid period", at: t.range,
          hint: "quarters are Q1-Q4, halves H1-H2, months 01-12, years 1900-2200"))
    }
    index += 1
    return PeriodRef(period: p, range: t.range)
  }

  mutating func expectEnd(after what: String) throws(ParseFailure) {
    guard let t = peek else { return }
    throw ParseFailure(
      .error(
        .syntax, "unexpected '\(t.text)' after \(what)",
        at: t.range.through(tokens[tokens.count - 1].range)))
  }

  /// Why a keyword cannot stand where a name goes: `x` above all, which reads as a name but is
  /// the multiplication sign.
  static func reservedHint(_ t: Token?) -> String? {
    guard let t, t.kind == .word, Keywords.reserved.contains(t.text) else { return nil }
    if t.text == "x" {
      return "'x' is the multiplication sign (a x b), so it cannot be a name: choose another"
    }
    return "'\(t.text)' is a keyword of the contract language, so it cannot be a name"
  }

  /// `n` percent as a number (30 -> 0.3); a percentage with more decimals than a number can
  /// hold is an error where it is written, never read as `n` itself.
  static func percentValue(_ n: Exact, _ range: SourceRange) throws(ParseFailure) -> Exact {
    do {
      return try n * Exact.percent
    } catch {
      throw ParseFailure(
        .error(.overflow, "the percentage is too large or too precise: \(error)", at: range))
    }
  }
}

/// A syntax error that abandons the current line; the parser records it and moves on.
struct ParseFailure: Error {
  var diagnostic: Diagnostic
  init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}
