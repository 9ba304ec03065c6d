/// Parses a contract file into a `ContractFile`. One `parseX` per grammar rule; the rules are
/// quoted in their doc comments and gathered in docs/contract-language.md. A syntax error
/// abandons its line only: every line of the file is parsed and every error reported.
public struct Parser {
  var diagnostics: [Diagnostic] = []
  var keywords: Set<String> = []
  var brokenNames: Set<String> = []
  /// Lines the lexer already reported: a parse error there would only repeat it.
  var lexErrorLines: Set<Int> = []
  /// Expression nesting allowed before a line is refused (a deep nest must not overflow the stack).
  static let maxExpressionDepth = 64

  /// `parameters` override the contract's `param` values (`--set NAME=VALUE`), in order.
  public static func parse(_ source: SourceFile, parameters: [(name: String, value: String)] = [])
    -> (file: ContractFile, diagnostics: [Diagnostic])
  {
    let (lexed, lexDiagnostics) = Lexer.lex(source)
    let params = Parameters.apply(lexed, overrides: parameters, file: source.path)
    let lines = params.lines
    var parser = Parser(diagnostics: lexDiagnostics + params.diagnostics)
    parser.lexErrorLines = Set(lexDiagnostics.map(\.range.start.line))
    parser.brokenNames = params.broken
    let roots = SyntaxLine.tree(lines, diagnostics: &parser.diagnostics)
    var declarations: [Declaration] = []
    for root in roots { declarations += parser.parseDeclarations(root) }
    var file = ContractFile(path: source.path, declarations: declarations)
    file.parameters = params.values
    file.setUses = params.setUses
    file.keywords = parser.keywords
    file.brokenNames = parser.brokenNames
    return (file, parser.diagnostics)
  }

  mutating func record(_ failure: ParseFailure) {
    guard !lexErrorLines.contains(failure.diagnostic.range.start.line) else { return }
    diagnostics.append(failure.diagnostic)
  }

  /// A declaration, and (reported as misplaced) any indented lines under one that takes none,
  /// read as declarations of their own so their names still exist.
  mutating func parseDeclarations(_ node: SyntaxLine) -> [Declaration] {
    var out = parseDeclaration(node).map { [$0] } ?? []
    let word = node.line.tokens.first?.text ?? ""
    if !Keywords.blocks.contains(word) {
      for child in node.children { out += parseDeclarations(child) }
    }
    return out
  }

  /// declaration := contract | version | currency | settle | gaps | party | parties | unit | input
  ///              | meter | tariff | let | kpi | revenue | subsidy | points | pool | vat
  mutating func parseDeclaration(_ node: SyntaxLine) -> Declaration? {
    var c = Cursor(node.line)
    guard let first = c.peek else { return nil }
    let word = first.kind == .word ? first.text : ""
    keywords.insert(word)
    let takesChildren = Keywords.blocks.contains(word)
    if !takesChildren, let child = node.children.first {
      diagnostics.append(
        .error(
          .badIndent, "unexpected indented line under '\(word.isEmpty ? first.text : word)'",
          at: child.line.range, hint: "only tariff, subsidy, points and pool take indented lines"))
    }
    do throws(ParseFailure) {
      let kind: Declaration.Kind
      _ = c.next()
      switch word {
      case "contract": kind = try parseContract(&c)
      case "version":
        guard c.peek?.kind == .number else { throw c.fail("a version number") }  // unsigned
        kind = .version(try c.expectNumber("a version number"))
        try c.expectEnd(after: "the version")
      case "currency": kind = try parseCurrency(&c)
      case "settle": kind = try parseSettle(&c)
      case "gaps": kind = try parseGaps(&c)
      case "estimate": kind = try parseEstimate(&c)
      case "party": kind = .party(try parseParty(&c))
      case "parties": kind = .group(try parseGroup(&c))
      case "unit":
        kind = .unit(try c.expectName("a unit name"))
        try c.expectEnd(after: "the unit name")
      case "input": kind = .input(try parseInput(&c))
      case "meter": kind = .meter(try parseMeter(&c))
      case "tariff": kind = .tariff(try parseTariff(&c, node.children))
      case "let", "kpi", "revenue":
        kind = .definition(try parseDefinition(&c, DefinitionDecl.Kind(rawValue: word)!))
      case "subsidy": kind = .subsidy(try parseSubsidy(&c, node.children))
      case "points": kind = .points(try parsePoints(&c, node.children))
      case "pool": kind = .pool(try parsePool(&c, node.children))
      case "vat": kind = try parseVAT(&c)
      case "assert": kind = .assertion(try parseAssert(&c))
      // Read (and its uses replaced) before the lines were parsed: here it only names itself.
      case "param":
        // A malformed line was reported there.
        guard let name = c.peek, name.kind == .word, c.peek(1)?.isSymbol("=") == true else {
          return nil
        }
        kind = .param(Name(text: name.text, range: name.range))
      default:
        let words = Keywords.declarations.map(\.word)
        // A misspelt `settle` is that line, broken: it is not also reported missing.
        if let near = Spelling.nearest(word, in: words) { keywords.insert(near) }
        throw ParseFailure(unknownWord(first, words, what: "declaration"))
      }
      return Declaration(kind: kind, range: node.line.range)
    } catch {
      record(error)
      if let name = c.tokens.dropFirst().first, name.kind == .word { brokenNames.insert(name.text) }
      return nil
    }
  }

  func unknownWord(_ t: Token, _ candidates: [String], what: String) -> Diagnostic {
    if let near = Spelling.nearest(t.text, in: candidates) {
      return .error(
        .unknownKeyword, "unknown \(what) '\(t.text)'", at: t.range,
        hint: "did you mean '\(near)'?")
    }
    return .error(
      .unknownKeyword, "unknown \(what) '\(t.text)'", at: t.range,
      hint: "expected one of: \(candidates.joined(separator: ", "))")
  }

  /// vat := "vat" (PERCENT ("included" | "excluded") | "exempt") "on" NAME ("," NAME)*
  mutating func parseVAT(_ c: inout Cursor) throws(ParseFailure) -> Declaration.Kind {
    let hint = Keywords.form(of: "vat")
    var rate: Literal? = nil
    if c.atSigned(.percent) { rate = try c.expectPercent("a rate", hint: hint) }
    guard let t = c.peek, t.kind == .word, t.text != "on" else {
      throw c.fail(rate == nil ? "a rate or 'exempt'" : "'included' or 'excluded'", hint: hint)
    }
    _ = c.next()
    let kind = Name(text: t.text, range: t.range)
    _ = try c.expect(word: "on", hint: hint)
    var names: [Name] = []
    repeat {
      names.append(try c.expectName("a revenue or subsidy", hint: hint))
    } while c.accept(symbol: ",") != nil
    try c.expectEnd(after: "the revenues")
    return .vat(VATDecl(rate: rate, kind: kind, names: names))
  }

  /// contract := "contract" ID STRING?
  mutating func parseContract(_ c: inout Cursor) throws(ParseFailure) -> Declaration.Kind {
    let id = try c.expectName("a contract id", hint: Keywords.form(of: "contract"))
    let title = c.peek?.kind == .string ? c.next()?.string : nil
    try c.expectEnd(after: "the contract title")
    return .contract(id: id, title: title)
  }

  /// currency := "currency" CODE ("rounding" MODE)? ("decimals" NUMBER)?
  mutating func parseCurrency(_ c: inout Cursor) throws(ParseFailure) -> Declaration.Kind {
    let code = try c.expectName("a currency code", hint: Keywords.form(of: "currency"))
    var rounding: Name? = nil
    var decimals: Literal? = nil
    while !c.atEnd {
      if try acceptRounding(&c, &rounding, &decimals) {
        continue
      } else {
        let near = c.peek.flatMap { Spelling.nearest($0.text, in: ["rounding", "decimals"]) }
        throw c.fail(
          "'rounding' or 'decimals'",
          hint: near.map { "did you mean '\($0)'?" } ?? Keywords.form(of: "currency"))
      }
    }
    return .currency(code: code, rounding: rounding, decimals: decimals)
  }

  /// rounding := "rounding" MODE | "decimals" NUMBER: one clause, if the cursor is at one. The
  /// `currency` line and a `pool` line read them alike.
  func acceptRounding(_ c: inout Cursor, _ rounding: inout Name?, _ decimals: inout Literal?)
    throws(ParseFailure) -> Bool
  {
    if c.accept(word: "rounding") != nil {
      guard let t = c.peek, t.kind == .word else {
        throw c.fail("a rounding mode", hint: "half-up, half-even, down or up")
      }
      _ = c.next()
      rounding = Name(text: t.text, range: t.range)
      return true
    }
    if c.accept(word: "decimals") != nil {
      decimals = try c.expectNumber("the number of decimals")
      return true
    }
    return false
  }

  /// settle := "settle" FREQUENCY "from" PERIOD "to" PERIOD
  mutating func parseSettle(_ c: inout Cursor) throws(ParseFailure) -> Declaration.Kind {
    let hint = Keywords.form(of: "settle")
    guard let t = c.peek, t.kind == .word else { throw c.fail("a frequency", hint: hint) }
    _ = c.next()
    _ = try c.expect(word: "from", hint: hint)
    let from = try c.expectPeriod("the first period of the term", allowYear: true)
    _ = try c.expect(word: "to", hint: hint)
    let to = try c.expectPeriod("the last period of the term", allowYear: true)
    try c.expectEnd(after: "the term")
    return .settle(frequency: Name(text: t.text, range: t.range), from: from, to: to)
  }

  /// gaps := "gaps" ("error" | "zero") ("up" "to" PERCENT)?
  mutating func parseGaps(_ c: inout Cursor) throws(ParseFailure) -> Declaration.Kind {
    let hint = Keywords.form(of: "gaps")
    let policy = try c.expectName("'error' or 'zero'", hint: hint)
    var limit: Literal? = nil
    if c.accept(word: "up") != nil {
      _ = try c.expect(word: "to", hint: hint)
      limit = try c.expectPercent("the largest share of missing intervals", hint: hint)
    }
    try c.expectEnd(after: "the gap policy")
    return .gaps(policy: policy, limit: limit)
  }

  /// estimate := "estimate" ("none" | "linear" | "same-weekday") ("up" "to" NUMBER)?
  mutating func parseEstimate(_ c: inout Cursor) throws(ParseFailure) -> Declaration.Kind {
    let hint = Keywords.form(of: "estimate")
    let method = try c.expectName("'none', 'linear' or 'same-weekday'", hint: hint)
    var limit: Literal? = nil
    if c.accept(word: "up") != nil {
      _ = try c.expect(word: "to", hint: hint)
      limit = try c.expectNumber("the most missing intervals in a row to fill", hint: hint)
    }
    try c.expectEnd(after: "the estimation rule")
    return .estimate(method: method, limit: limit)
  }

  /// party := "party" ID STRING ROLE ("capital" EXPR)? ("from" DATE)? ("until" DATE)?
  mutating func parseParty(_ c: inout Cursor) throws(ParseFailure) -> PartyDecl {
    let hint = Keywords.form(of: "party")
    let id = try c.expectName("a party id", hint: hint)
    let name = try c.expectString("the party's name in quotes", hint: hint)
    guard let role = c.peek, role.kind == .word else {
      throw c.fail("a role", hint: "one of \(Keywords.roles.joined(separator: ", "))")
    }
    _ = c.next()
    var capital: Expr? = nil
    if c.accept(word: "capital") != nil { capital = try parseExpr(&c) }
    // `from 2029-02-01` / `until 2031-06-30`: the days the party takes part in the deal.
    var effective = Effective.always
    while let word = c.accept(word: "from") ?? c.accept(word: "until") {
      guard let t = c.peek, t.kind == .period || t.kind == .number else {
        throw c.fail("a day like 2029-02-01 after '\(word.text)'")
      }
      c.index += 1
      let ref = try periodRef(t)
      let isFrom = word.isWord("from")
      if (isFrom ? effective.from : effective.until) != nil {
        throw ParseFailure(
          .error(
            .syntax, "'\(word.text)' is given twice", at: word.range,
            hint: "a party takes part from one day until one day: keep one date"))
      }
      if isFrom { effective.from = ref } else { effective.until = ref }
    }
    try c.expectEnd(after: "the party")
    return PartyDecl(
      id: id, displayName: name.string ?? "", role: Name(text: role.text, range: role.range),
      capital: capital, effective: effective)
  }

  /// parties := "parties" ID "from" STRING ROLE
  mutating func parseGroup(_ c: inout Cursor) throws(ParseFailure) -> GroupDecl {
    let hint = Keywords.form(of: "parties")
    let id = try c.expectName("a group id", hint: hint)
    _ = try c.expect(word: "from", hint: hint)
    let file = try c.expectString("a registry file name in quotes", hint: hint)
    guard let role = c.peek, role.kind == .word else {
      throw c.fail("a role", hint: "one of \(Keywords.roles.joined(separator: ", "))")
    }
    _ = c.next()
    try c.expectEnd(after: "the group")
    return GroupDecl(
      id: id, file: file.string ?? "", fileRange: file.range,
      role: Name(text: role.text, range: role.range))
  }

  /// input := "input" ID UNIT? ("per" GROUP)? ("by" "vintage")? "monthly"?
  ///          ("every" NUMBER "minutes" | "hourly")?
  mutating func parseInput(_ c: inout Cursor) throws(ParseFailure) -> InputDecl {
    let id = try c.expectName("an input id", hint: Keywords.form(of: "input"))
    var unit: UnitExpr? = nil
    if let t = c.peek, t.kind == .word, !Keywords.reserved.contains(t.text),
      !["every", "hourly", "monthly"].contains(t.text)
    {
      unit = try parseUnit(&c)
    }
    var per: Name? = nil
    var byVintage = false
    var monthly = false
    var every: InputDecl.Every? = nil
    while !c.atEnd {
      if let t = c.accept(word: "every") {
        guard let n = c.peek, n.kind == .number, let minutes = Int(n.text) else {
          throw c.fail("a number of minutes after 'every'", hint: "every 15 minutes")
        }
        _ = c.next()
        let unit = try c.expect(word: "minutes", hint: "every 15 minutes, or 'hourly'")
        every = .init(minutes: minutes, range: t.range.through(unit.range))
      } else if let t = c.accept(word: "hourly") {
        every = .init(minutes: 60, range: t.range)
      } else if c.accept(word: "per") != nil {
        per = try c.expectName("a group after 'per'", hint: "a group of parties, or 'party'")
      } else if c.accept(word: "by") != nil {
        _ = try c.expect(word: "vintage", hint: "prices by production year: 'by vintage'")
        byVintage = true
      } else if c.accept(word: "monthly") != nil {
        monthly = true
      } else {
        throw c.fail(
          "'per', 'by vintage', 'monthly', 'every N minutes' or 'hourly'",
          hint: Keywords.form(of: "input"))
      }
    }
    return InputDecl(
      id: id, unit: unit, per: per, byVintage: byVintage, monthly: monthly, every: every)
  }

  /// meter := "meter" ID KIND ("per" GROUP)?
  mutating func parseMeter(_ c: inout Cursor) throws(ParseFailure) -> MeterDecl {
    let hint = Keywords.form(of: "meter")
    let id = try c.expectName("a meter id", hint: hint)
    guard let kind = c.peek, kind.kind == .word else { throw c.fail("a meter kind", hint: hint) }
    _ = c.next()
    var per: Name? = nil
    if c.accept(word: "per") != nil { per = try c.expectName("a group after 'per'") }
    try c.expectEnd(after: "the meter")
    return MeterDecl(id: id, kind: Name(text: kind.text, range: kind.range), per: per)
  }

  /// definition := ("let" | "kpi" | "revenue") ID "=" EXPR
  mutating func parseDefinition(_ c: inout Cursor, _ kind: DefinitionDecl.Kind) throws(ParseFailure)
    -> DefinitionDecl
  {
    let hint = Keywords.form(of: kind.rawValue)
    let id = try c.expectName("a name", hint: hint)
    _ = try c.expect(symbol: "=", hint: hint)
    let expr = try parseExpr(&c)
    try c.expectEnd(after: "the expression")
    return DefinitionDecl(kind: kind, id: id, expr: expr)
  }
}
