/// A contract as a term sheet: every clause numbered by section (terms, parties, parameters,
/// data, tariffs, revenues, VAT, subsidies, points, pools), each with the text as written, its
/// line, and its comment as a note; the lines under a clause (bands, rules, a pool's steps) are
/// its sub-clauses. Against another version of the contract, each clause is marked unchanged,
/// changed (with the text it had), or added, and what the other version has that this one does
/// not is listed as removed. Built from the contract's lines, so every clause appears once.
public struct TermSheet: Sendable, Encodable {
  public enum Section: String, Sendable, Encodable, CaseIterable {
    case terms, parties, parameters, data, tariffs, revenues, vat, subsidies, points, pools
    case promises
  }

  public enum Status: String, Sendable, Encodable {
    case same, changed, added, removed
  }

  public struct Clause: Sendable, Encodable {
    public var number: String
    /// The clause's first word (`party`, `pool`, `split`, `band`) and what it names, if anything.
    public var kind: String
    public var name: String?
    public var text: String
    public var note: String?
    public var line: Int
    /// Against another version: how the clause changed, and the text it had there.
    public var status: Status?
    public var previous: String?
    public var children: [Clause]
  }

  public struct Part: Sendable, Encodable {
    public var section: Section
    public var clauses: [Clause]
    /// Clauses of the other version with no counterpart here.
    public var removed: [Clause]
  }

  public var file: String
  public var title: String
  public var against: String?
  public var parts: [Part]

  static func section(of word: String) -> Section? {
    switch word {
    case "contract", "version", "currency", "settle", "gaps", "estimate": .terms
    case "party", "parties": .parties
    case "param": .parameters
    case "unit", "input", "meter": .data
    case "tariff": .tariffs
    case "let", "kpi", "revenue": .revenues
    case "vat": .vat
    case "subsidy": .subsidies
    case "points": .points
    case "pool": .pools
    case "assert": .promises
    default: nil
    }
  }

  /// A clause without numbers: what its lines say, and a key to match it in another version
  /// (the kind and name, and for a sub-clause its place among those of its kind).
  struct Raw {
    var key: String
    var kind: String
    var name: String?
    var text: String
    var note: String?
    var line: Int
    var children: [Raw]
  }

  static func raw(_ source: SourceFile) -> [Raw] {
    let (lines, _) = Lexer.lex(source)
    var diagnostics: [Diagnostic] = []
    let roots = SyntaxLine.tree(lines, diagnostics: &diagnostics)
    func text(_ l: LexedLine) -> String {
      source.line(l.number).map { line in
        var t = String(line)
        if l.comment != nil, let hash = t.lastIndex(of: "#") { t = String(t[..<hash]) }
        return t.trimmingCharacters(in: .whitespaces)
      } ?? ""
    }
    func clause(_ node: SyntaxLine, parent: String) -> Raw {
      let tokens = node.line.tokens
      let kind = tokens.first?.text ?? ""
      let name = tokens.count > 1 && tokens[1].kind == .word ? tokens[1].text : nil
      // A sub-clause is known by its kind and the first name it gives (`pay esco`, `reserve ...
      // to fund`, `band peak`), and its place among those alike: a value changed in it is a
      // change, not a removal and an addition.
      var seen: [String: Int] = [:]
      let children = node.children.map { child -> Raw in
        let t = child.line.tokens
        let named = t.dropFirst().first { $0.kind == .word && !Keywords.reserved.contains($0.text) }
        let k = (t.first?.text ?? "") + " " + (named?.text ?? "")
        seen[k, default: 0] += 1
        return clause(
          child, parent: parent + "/" + kind + ":" + (name ?? "") + "#" + k + "\(seen[k]!)")
      }
      // A promise is known by what it promises, its bound's number aside (`assert esco in
      // energy <= # % of energy`): a bound moved is a change, and a promise added before
      // another of the same party does not shift the ones after it.
      let promise =
        kind == "assert"
        ? tokens.map { [.number, .percent].contains($0.kind) ? "#" : $0.text }.joined(
          separator: " ") : nil
      let key = parent.isEmpty ? promise ?? (kind + ":" + (name ?? "")) : parent
      return Raw(
        key: key, kind: kind, name: name, text: text(node.line),
        note: node.line.comment?.trimmingCharacters(in: .whitespaces), line: node.line.number,
        children: children)
    }
    // Two clauses of one kind and name (two `split` lines) are told apart by their order.
    var seen: [String: Int] = [:]
    return roots.map { root in
      var c = clause(root, parent: "")
      seen[c.key, default: 0] += 1
      if seen[c.key]! > 1 { c.key += "#\(seen[c.key]!)" }
      return c
    }
  }

  public init(_ source: SourceFile, title: String, against other: SourceFile? = nil) {
    file = source.path
    self.title = title
    self.against = other?.path
    let mine = Self.raw(source)
    let theirs = other.map(Self.raw) ?? []
    func index(_ raws: [Raw]) -> [String: Raw] {
      var out: [String: Raw] = [:]
      func add(_ r: Raw) {
        if out[r.key] == nil { out[r.key] = r }
        r.children.forEach(add)
      }
      raws.forEach(add)
      return out
    }
    let previous = index(theirs)
    let present = Set(index(mine).keys)
    func make(_ r: Raw, _ number: String) -> Clause {
      var c = Clause(
        number: number, kind: r.kind, name: r.name, text: r.text, note: r.note, line: r.line,
        children: r.children.enumerated().map { make($1, number + ".\($0 + 1)") })
      if other != nil {
        if let p = previous[r.key] {
          c.status = Self.same(p.text, r.text) ? .same : .changed
          if c.status == .changed { c.previous = p.text }
        } else {
          c.status = .added
        }
      }
      return c
    }
    func removed(_ r: Raw) -> Clause {
      Clause(
        number: "", kind: r.kind, name: r.name, text: r.text, note: r.note, line: r.line,
        status: .removed, children: [])
    }
    var parts: [Part] = []
    for section in Section.allCases {
      let here = mine.filter { Self.section(of: $0.kind) == section }
      let number = "\(parts.count + 1)"
      var gone: [Clause] = []
      // A removed clause, or a removed line under a clause still here.
      func collect(_ r: Raw) {
        if !present.contains(r.key) { gone.append(removed(r)) } else { r.children.forEach(collect) }
      }
      theirs.filter { Self.section(of: $0.kind) == section }.forEach(collect)
      guard !here.isEmpty || !gone.isEmpty else { continue }
      parts.append(
        Part(
          section: section,
          clauses: here.enumerated().map { make($1, number + ".\($0 + 1)") }, removed: gone))
    }
    self.parts = parts
  }

  /// Whether two clause texts say the same, spacing aside.
  static func same(_ a: String, _ b: String) -> Bool {
    a.split(whereSeparator: \.isWhitespace) == b.split(whereSeparator: \.isWhitespace)
  }
}
