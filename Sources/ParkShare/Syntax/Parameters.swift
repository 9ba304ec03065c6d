/// `param esco_share = 30%`: a named literal of the contract, usable wherever a literal is (a
/// share, a rate, an amount with its unit, a period), and overridden for a run (`--set
/// esco_share=25%`, a scenario's `set`). The parser sees the value in place of every use, so a
/// variant by `--set` is the contract with that value written in.
///
/// A `param` line is top-level: `param NAME = VALUE`, VALUE one literal (`30%`, `-5%`,
/// `250,000 CNY`, `0.05 CNY/kWh`, `2028Q1`). A use is any word of another line spelled as the
/// name, except where a declaration names what it declares (`party esco_share ...` is a
/// duplicate name, not a use).
enum Parameters {
  /// What the lines declared and what was made of them.
  struct Outcome {
    var lines: [LexedLine]
    var diagnostics: [Diagnostic]
    var values: [ContractParameter]
    /// Parameters whose line or override was refused: their uses are not reported again.
    var broken: Set<String>
    /// The lines that use a parameter an override set, with the names, for the notes that say
    /// so under a diagnostic there.
    var setUses: [Int: [String]] = [:]
  }

  /// The `param` lines of `lines`, each override applied (`overrides`: name -> value text, in
  /// the order given), and every use replaced by its value.
  static func apply(_ lines: [LexedLine], overrides: [(name: String, value: String)], file: String)
    -> Outcome
  {
    var diagnostics: [Diagnostic] = []
    var values: [String: [Token]] = [:]
    var order: [ContractParameter] = []
    var broken: Set<String> = []
    // Derived parameters, by name: their expressions, worked out again after the overrides.
    var derived: [String: [Token]] = [:]
    for line in lines where line.indent == 0 && line.tokens.first?.isWord("param") == true {
      let t = line.tokens
      guard t.count >= 4, t[1].kind == .word, t[2].isSymbol("=") else {
        diagnostics.append(
          .error(
            .syntax, "expected 'param NAME = VALUE'", at: line.range,
            hint: "param esco_share = 30%, param fee = 250,000 CNY, param switch = 2028Q1"))
        if t.count > 1, t[1].kind == .word { broken.insert(t[1].text) }
        continue
      }
      let name = Name(text: t[1].text, range: t[1].range)
      // A word of the language, an operator or a unit would be replaced wherever it stands.
      if Self.taken(name.text, in: lines) {
        diagnostics.append(
          .error(
            .badParameter,
            "'\(name.text)' is a word of the contract language or a unit: a parameter cannot take it",
            at: name.range,
            hint: "name the parameter for the term it sets: esco_share, om_fee, switch_day"))
        broken.insert(name.text)
        continue
      }
      // A name the contract declares (a party, a tariff) is reported there as a duplicate; it is
      // never substituted, so that report is the only one.
      if let first = Self.declared(in: lines)[name.text] {
        diagnostics.append(
          .error(
            .duplicateName, "'\(name.text)' is already defined by the contract", at: name.range,
            hint: "give the parameter its own name, such as \(name.text)_share or \(name.text)_fee",
            notes: [.init(message: "first defined here", range: first)]))
        broken.insert(name.text)
        continue
      }
      var value = Array(t[3...])
      // `param op_share = 100% - esco_share`: a sum of literals and earlier parameters, worked
      // out here (with the values overrides give them) and used as the literal it comes to.
      let isSum =
        value.contains { $0.kind == .word && values[$0.text] != nil }
        || value.dropFirst().contains { ($0.isSymbol("+") || $0.isSymbol("-")) && $0.spaceBefore }
      if isSum {
        switch Self.sum(value, values, naming: name.text) {
        case .success(let literal):
          value = literal
          derived[name.text] = Array(t[3...])
        case .failure(let problem):
          diagnostics.append(
            .error(
              .badParameter, "parameter '\(name.text)': \(problem)",
              at: t[3].range.through(t[t.count - 1].range),
              hint:
                "a parameter is a literal, or literals and earlier parameters added and subtracted: 100% - esco_share"
            ))
          broken.insert(name.text)
          continue
        }
      }
      if let problem = Self.problem(with: value) {
        diagnostics.append(
          .error(
            .badParameter, "parameter '\(name.text)': \(problem)",
            at: value[0].range.through(value[value.count - 1].range),
            hint: "a parameter is one literal: 30%, 250,000 CNY, 0.05 CNY/kWh, 12, 2028Q1"))
        broken.insert(name.text)
        continue
      }
      if values[name.text] != nil {
        // The second line is a duplicate name, reported by the checker with both places.
        continue
      }
      values[name.text] = value
      order.append(
        ContractParameter(
          name: name.text, value: Self.text(value), declared: Self.text(value),
          clause: line.range))
    }
    for (name, text) in overrides {
      guard let i = order.firstIndex(where: { $0.name == name }), let declared = values[name] else {
        if broken.contains(name) { continue }
        let known = order.map(\.name)
        let hint =
          Spelling.nearest(name, in: known).map { "did you mean '\($0)'?" }
          ?? (known.isEmpty
            ? "the contract declares no parameters ('param NAME = VALUE')"
            : "its parameters: \(known.joined(separator: ", "))")
        let start = SourceLocation(line: 1, column: 1)
        diagnostics.append(
          .error(
            .unknownParameter, "--set \(name)=\(text): the contract has no parameter '\(name)'",
            at: SourceRange(file: file, start: start, end: start), hint: hint))
        continue
      }
      let clause = order[i].clause
      let given = Self.tokens(text, file: file, at: clause)
      if let problem = Self.problem(with: given) ?? Self.mismatch(given, declared) {
        diagnostics.append(
          .error(
            .badParameter, "--set \(name)=\(text): \(problem)", at: clause,
            hint: "give '\(name)' a value of the form the contract declares: \(Self.text(declared))"
          ))
        broken.insert(name)
        continue
      }
      values[name] = given
      order[i].value = Self.text(given)
      order[i].set = true
    }
    // A derived parameter follows the values the overrides gave the ones it adds up.
    if !derived.isEmpty && order.contains(where: \.set) {
      for i in order.indices {
        guard let expression = derived[order[i].name], !order[i].set else { continue }
        if case .success(let literal) = Self.sum(expression, values) {
          values[order[i].name] = literal
          order[i].value = Self.text(literal)
        }
      }
    }
    var out = lines
    var setUses: [Int: [String]] = [:]
    let set = Set(order.filter(\.set).map(\.name))
    for i in out.indices where !(out[i].indent == 0 && out[i].tokens.first?.isWord("param") == true)
    {
      let tokens = out[i].tokens
      guard tokens.contains(where: { $0.kind == .word && values[$0.text] != nil }) else { continue }
      // A top-level declaration's second word is what it declares, never a use.
      let declaring =
        out[i].indent == 0 && tokens.first.map { Keywords.form(of: $0.text) != nil } == true
      var replaced: [Token] = []
      for (j, token) in tokens.enumerated() {
        guard token.kind == .word, let value = values[token.text], !(declaring && j == 1) else {
          replaced.append(token)
          continue
        }
        if set.contains(token.text), setUses[out[i].number]?.contains(token.text) != true {
          setUses[out[i].number, default: []].append(token.text)
        }
        for (k, v) in value.enumerated() {
          var copy = v
          copy.range = token.range
          if k == 0 { copy.spaceBefore = token.spaceBefore }
          replaced.append(copy)
        }
      }
      out[i].tokens = replaced
    }
    return Outcome(
      lines: out, diagnostics: diagnostics, values: order, broken: broken, setUses: setUses)
  }

  /// Words a parameter may not be named: the language's keywords, operators, roles and units
  /// (built in, the currency, declared `unit`s).
  static func taken(_ name: String, in lines: [LexedLine]) -> Bool {
    if Keywords.reserved.contains(name) || Keywords.form(of: name) != nil
      || Keywords.roles.contains(name) || Unit.builtInNames.contains(name)
      || [
        "x", "certs", "points", "band", "phase-out", "degression", "reduce", "carry", "expire",
        "tiered", "each", "all", "with", "true-up", "shared", "gross", "net", "included",
        "excluded", "exempt", "not", "and", "or", "min", "max", "sum", "tou", "gec", "peak",
        "above", "at-least", "spot", "prorate", "forfeit", "monthly-min", "annuity", "reduction",
        "reduction-kwh", "gec-sold", "gec-expired", "gec-held",
      ].contains(name)
    {
      return true
    }
    for line in lines where line.indent == 0 {
      let t = line.tokens
      // `currency CNY`, `unit MW`: a unit of this contract.
      if t.count > 1, t[0].isWord("currency") || t[0].isWord("unit"), t[1].text == name {
        return true
      }
    }
    return false
  }

  /// The names the contract's top-level declarations give (`party esco`, `tariff grid`), and
  /// where.
  static func declared(in lines: [LexedLine]) -> [String: SourceRange] {
    var out: [String: SourceRange] = [:]
    for line in lines where line.indent == 0 {
      let t = line.tokens
      guard t.count > 1, let first = t.first, !first.isWord("param"),
        Keywords.form(of: first.text) != nil, t[1].kind == .word, out[t[1].text] == nil
      else { continue }
      out[t[1].text] = t[1].range
    }
    return out
  }

  /// `a + b - c` of literals and parameters (`values`), all percentages or all numbers in one
  /// unit: the literal it comes to, or why it cannot be worked out.
  static func sum(_ tokens: [Token], _ values: [String: [Token]], naming own: String = "")
    -> Result<[Token], SumProblem>
  {
    var terms: [(sign: Bool, tokens: [Token])] = []
    var rest = tokens[...]
    var positive = true
    if rest.first?.isSymbol("-") == true, rest.count > 1, !rest[rest.startIndex + 1].spaceBefore {
      // A tight minus is the literal's sign: left to the term.
    } else if rest.first?.isSymbol("-") == true || rest.first?.isSymbol("+") == true {
      return .failure(SumProblem("an expression starts with a value"))
    }
    while !rest.isEmpty {
      var term: [Token] = []
      if rest.first?.isSymbol("-") == true, rest.count > 1, !rest[rest.startIndex + 1].spaceBefore {
        term.append(rest.removeFirst())
      }
      guard let first = rest.first else { return .failure(SumProblem("a value is missing")) }
      if first.kind == .word, let v = values[first.text] {
        rest.removeFirst()
        term += v
      } else if first.kind == .word {
        return .failure(
          SumProblem(
            first.text == own
              ? "it refers to itself" : "'\(first.text)' is not a parameter declared before it"))
      } else {
        term.append(rest.removeFirst())
        // A number's unit: words (and a tight `/word`) up to the next operator.
        while let next = rest.first,
          !(next.kind == .symbol && (next.text == "+" || next.text == "-") && next.spaceBefore)
        {
          term.append(rest.removeFirst())
        }
      }
      if Self.problem(with: term) != nil {
        return .failure(SumProblem("'\(Self.text(term))' is not a value"))
      }
      terms.append((positive, term))
      guard let op = rest.first else { break }
      guard op.isSymbol("+") || op.isSymbol("-") else {
        return .failure(SumProblem("expected + or - after '\(Self.text(term))'"))
      }
      positive = op.isSymbol("+")
      rest.removeFirst()
      if rest.isEmpty { return .failure(SumProblem("a value is missing after '\(op.text)'")) }
    }
    guard let head = terms.first else { return .failure(SumProblem("a value is missing")) }
    for term in terms.dropFirst() where Self.mismatch(term.tokens, head.tokens) != nil {
      return .failure(
        SumProblem(
          "'\(Self.text(term.tokens))' and '\(Self.text(head.tokens))' are not in the same unit"))
    }
    var total = Exact.zero
    do throws(ArithmeticError) {
      for term in terms {
        let body =
          term.tokens.first?.isSymbol("-") == true ? term.tokens.dropFirst() : term.tokens[...]
        guard let literal = body.first, literal.kind != .period, var n = literal.number else {
          return .failure(SumProblem("periods cannot be added"))
        }
        if term.tokens.first?.isSymbol("-") == true { n = n.negated }
        total = term.sign ? try total + n : try total - n
      }
    } catch {
      return .failure(SumProblem("\(error)"))
    }
    let body =
      head.tokens.first?.isSymbol("-") == true ? Array(head.tokens.dropFirst()) : head.tokens
    var literal = body[0]
    let magnitude = total.isNegative ? total.negated : total
    literal.number = magnitude
    literal.text = magnitude.description + (literal.kind == .percent ? "%" : "")
    var out: [Token] = []
    if total.isNegative {
      var minus = literal
      minus.kind = .symbol
      minus.text = "-"
      minus.number = nil
      out.append(minus)
      literal.spaceBefore = false
    }
    out.append(literal)
    out += body.dropFirst()
    return .success(out)
  }

  struct SumProblem: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
  }

  /// Why `value` is not one literal, or nil when it is: an optional tight minus, a number,
  /// percentage or period, and for a number an optional unit (`CNY`, `CNY/kWh`).
  static func problem(with value: [Token]) -> String? {
    var rest = value[...]
    if let first = rest.first, first.isSymbol("-") { rest = rest.dropFirst() }
    guard let literal = rest.popFirst(), [.number, .percent, .period].contains(literal.kind) else {
      return "expected a number, a percentage or a period"
    }
    if rest.isEmpty { return nil }
    guard literal.kind == .number, rest.first?.kind == .word else {
      return "unexpected '\(rest.map(\.text).joined(separator: " "))' after the value"
    }
    let unit = rest.dropFirst()
    // `CNY/kWh`: a word, then `/` and a word written tight.
    if unit.isEmpty { return nil }
    let parts = Array(unit)
    if parts.count == 2, parts[0].isSymbol("/"), !parts[0].spaceBefore, parts[1].kind == .word,
      !parts[1].spaceBefore
    {
      return nil
    }
    return "unexpected '\(parts.map(\.text).joined(separator: " "))' after the unit"
  }

  /// Why an override does not have the declared value's form, or nil: the same kind of literal
  /// and the same unit (a sign may differ).
  static func mismatch(_ given: [Token], _ declared: [Token]) -> String? {
    func shape(_ t: [Token]) -> (kind: Token.Kind?, unit: String) {
      let body = t.first?.isSymbol("-") == true ? Array(t.dropFirst()) : t
      return (body.first?.kind, body.dropFirst().map(\.text).joined())
    }
    let (a, b) = (shape(given), shape(declared))
    guard a.kind == b.kind else {
      let what: [Token.Kind: String] = [
        .percent: "a percentage", .number: "a number", .period: "a period",
      ]
      return "the contract declares \(what[b.kind!] ?? "a value") (\(text(declared)))"
    }
    guard a.unit == b.unit else {
      return
        "the contract declares it in \(b.unit.isEmpty ? "no unit" : b.unit) (\(text(declared)))"
    }
    return nil
  }

  /// An override's text as tokens, placed at the parameter's line for diagnostics.
  static func tokens(_ text: String, file: String, at clause: SourceRange) -> [Token] {
    let (lines, _) = Lexer.lex(SourceFile(path: file, text: text))
    return lines.flatMap(\.tokens).map { t in
      var copy = t
      copy.range = clause
      return copy
    }
  }

  /// Tokens as written, with their spacing; a unit after a number always a space apart
  /// (`--set fee=2000CNY` is shown `2000 CNY`).
  static func text(_ tokens: [Token]) -> String {
    var out = ""
    for (i, t) in tokens.enumerated() {
      let unit = i > 0 && t.kind == .word && tokens[i - 1].kind == .number
      out += (i > 0 && (t.spaceBefore || unit) ? " " : "") + t.text
    }
    return out
  }
}
