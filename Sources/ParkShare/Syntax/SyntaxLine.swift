/// A code line and the more-indented lines under it. Blank and comment-only lines are left out:
/// they carry no meaning (the formatter keeps them from the lexed lines).
public struct SyntaxLine: Sendable {
  public var line: LexedLine
  public var children: [SyntaxLine]

  /// Nests lexed lines by indentation; inconsistent indentation is reported and repaired.
  public static func tree(_ lines: [LexedLine], diagnostics: inout [Diagnostic]) -> [SyntaxLine] {
    let code = lines.filter { !$0.tokens.isEmpty }
    var i = 0
    // `depth` bounds the recursion: a file indented 10,000 levels deep must not overflow the stack.
    func block(_ level: Int, depth: Int) -> [SyntaxLine] {
      var nodes: [SyntaxLine] = []
      while i < code.count {
        let l = code[i]
        if l.indent < level { break }
        if l.indent > level, depth >= Limits.nesting {
          diagnostics.append(
            .error(
              .tooDeep, "indentation nests more than \(Limits.nesting) levels", at: l.range,
              hint: "no clause nests that deep: check the indentation"))
          while i < code.count, code[i].indent > level { i += 1 }
          continue
        }
        if l.indent > level {
          if nodes.isEmpty || !nodes[nodes.count - 1].children.isEmpty {
            diagnostics.append(
              .error(
                .badIndent,
                nodes.isEmpty
                  ? "unexpected indentation" : "indentation does not match the lines above",
                at: l.range, hint: "indent each level by the same amount (two spaces)"))
          }
          if nodes.isEmpty {
            nodes.append(SyntaxLine(line: l, children: []))
            i += 1
          } else {
            nodes[nodes.count - 1].children += block(l.indent, depth: depth + 1)
            let children = nodes[nodes.count - 1].children
            if children.count > Limits.blockLines {
              diagnostics.append(
                .error(
                  .tooMany,
                  "more than \(Limits.grouped(Limits.blockLines)) lines under one clause",
                  at: children[Limits.blockLines].line.range,
                  hint: "no table needs that many rows: merge tiers or entries"))
              nodes[nodes.count - 1].children.removeLast(children.count - Limits.blockLines)
            }
          }
          continue
        }
        nodes.append(SyntaxLine(line: l, children: []))
        i += 1
      }
      return nodes
    }
    var roots: [SyntaxLine] = []
    while i < code.count { roots += block(0, depth: 0) }
    return roots
  }
}
