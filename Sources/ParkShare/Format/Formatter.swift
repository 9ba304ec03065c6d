/// Rewrites a contract in canonical form: two spaces per level, one space between tokens (none
/// before `,` `:` `)` or inside a unit such as `CNY/kWh`), `x` for multiplication, comments
/// kept, runs of blank lines folded to one. Only layout changes, so the meaning cannot; and
/// formatting canonical text changes nothing.
public enum Formatter {
  /// The canonical text, or the diagnostics that stop a file from being formatted (a file must
  /// parse before it is rewritten).
  public static func format(_ source: SourceFile) -> (text: String?, diagnostics: [Diagnostic]) {
    let (_, parseDiagnostics) = Parser.parse(source)
    guard !parseDiagnostics.hasErrors else { return (nil, parseDiagnostics.ordered) }
    var ignored: [Diagnostic] = []
    let (lines, _) = Lexer.lex(source)
    var depth: [Int: Int] = [:]
    func walk(_ nodes: [SyntaxLine], _ level: Int) {
      for n in nodes {
        depth[n.line.number] = level
        walk(n.children, level + 1)
      }
    }
    walk(SyntaxLine.tree(lines, diagnostics: &ignored), 0)
    var out: [String] = []
    for (i, line) in lines.enumerated() {
      if line.isBlank {
        if let last = out.last, !last.isEmpty { out.append("") }
        continue
      }
      let level =
        line.tokens.isEmpty
        ? lines[(i + 1)...].first { !$0.tokens.isEmpty }.flatMap { depth[$0.number] } ?? 0
        : depth[line.number] ?? 0
      let indent = String(repeating: "  ", count: level)
      let comment = line.comment.map { "#" + trimTrailing($0) }
      if line.tokens.isEmpty {
        out.append(indent + (comment ?? ""))
      } else {
        out.append(indent + join(line.tokens) + (comment.map { "  " + $0 } ?? ""))
      }
    }
    while out.last == "" { out.removeLast() }
    // A Windows file stays a Windows file: its own line end, not LF (docs/cli.md).
    let end = source.lineEnding
    return (out.joined(separator: end) + end, [])
  }

  static func trimTrailing(_ s: String) -> String {
    var s = Substring(s)
    while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
    return String(s)
  }

  static func canonical(_ t: Token) -> String {
    switch t.kind {
    case .symbol where t.text == "*" || t.text == "×": "x"
    case .string:
      "\""
        + (t.string ?? "").replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
          of: "\"", with: "\\\"") + "\""
    default: t.text
    }
  }

  /// Whether the minus at `j` is a sign rather than a subtraction.
  static func isUnaryMinus(_ tokens: [Token], _ j: Int) -> Bool {
    guard j > 0 else { return true }
    let before = tokens[j - 1]
    if before.kind == .symbol { return before.text != ")" }
    return before.kind == .word && Keywords.reserved.contains(before.text)
  }

  static func join(_ tokens: [Token]) -> String {
    var out = ""
    for (i, t) in tokens.enumerated() {
      let text = canonical(t)
      guard i > 0 else {
        out = text
        continue
      }
      let prev = tokens[i - 1]
      let next = i + 1 < tokens.count ? tokens[i + 1] : nil
      var space = true
      if t.isSymbol(",") || t.isSymbol(")") || t.isSymbol(":") { space = false }
      if prev.isSymbol("(") { space = false }
      if t.isSymbol("(") && prev.kind == .word && !Keywords.reserved.contains(prev.text) {
        space = false
      }
      // A unit: a slash with no space on either side.
      if t.isSymbol("/") && !t.spaceBefore, let next, !next.spaceBefore, next.kind == .word {
        space = false
      }
      if prev.isSymbol("/") && !prev.spaceBefore && !t.spaceBefore && t.kind == .word {
        space = false
      }
      // A clock span: 08:00-11:00.
      if t.isSymbol("-") && prev.kind == .time { space = false }
      if prev.isSymbol("-") && t.kind == .time && i >= 2 && tokens[i - 2].kind == .time {
        space = false
      }
      if prev.isSymbol("-") && isUnaryMinus(tokens, i - 1) { space = false }
      out += (space ? " " : "") + text
    }
    return out
  }
}
