/// Splits a contract file into lines of tokens. Errors are collected, never thrown: a bad
/// character is reported and skipped so the rest of the file is still checked.
public struct Lexer {
  let file: String
  var diagnostics: [Diagnostic] = []

  public init(file: String) {
    self.file = file
  }

  public static func lex(_ source: SourceFile) -> (lines: [LexedLine], diagnostics: [Diagnostic]) {
    var lexer = Lexer(file: source.path)
    var lines: [LexedLine] = []
    for (i, text) in source.lines.enumerated() {
      if text.utf8.count > Limits.lineBytes {
        // Not lexed: the rest of the file still is. Column 1 keeps the excerpt short.
        lexer.diagnostics.append(
          .error(
            .lineTooLong,
            "line is \(Limits.grouped(text.utf8.count)) bytes long, above the limit of \(Limits.size(Limits.lineBytes))",
            at: lexer.range(i + 1, 0, 1),
            hint: "split it: a long formula can be built from several 'let' definitions"))
        lines.append(
          LexedLine(
            number: i + 1, indent: 0, tokens: [], comment: nil, range: lexer.range(i + 1, 0, 1)))
        continue
      }
      var chars = Array(text)
      if i == 0, chars.first == "\u{FEFF}" { chars.removeFirst() }
      lines.append(lexer.lexLine(chars, number: i + 1))
    }
    return (lines, lexer.diagnostics)
  }

  func range(_ line: Int, _ from: Int, _ to: Int) -> SourceRange {
    SourceRange(
      file: file, start: SourceLocation(line: line, column: from + 1),
      end: SourceLocation(line: line, column: to + 1))
  }

  mutating func lexLine(_ chars: [Character], number line: Int) -> LexedLine {
    var c = chars
    readFullWidthAsASCII(&c, line: line)
    var i = 0
    while i < c.count, c[i] == " " { i += 1 }
    if i < c.count, c[i] == "\t" {
      diagnostics.append(
        .error(
          .tabIndent, "tab in indentation", at: range(line, i, i + 1),
          hint: "indent with spaces (two per level)"))
      while i < c.count, c[i] == " " || c[i] == "\t" { i += 1 }
    }
    let indent = i
    var tokens: [Token] = []
    var comment: String? = nil
    var space = true
    while i < c.count {
      let ch = c[i]
      let start = i
      if ch == " " || ch == "\t" {
        i += 1
        space = true
        continue
      }
      if ch == "#" {
        comment = String(c[(i + 1)...])
        break
      }
      var token: Token
      if ch.isLetter || ch == "_" {
        i += 1
        while i < c.count {
          if c[i].isLetter || c[i].isNumber || c[i] == "_" {
            i += 1
          } else if c[i] == "-", i + 1 < c.count, c[i + 1].isLetter,
            c[i - 1].isLetter || c[i - 1].isNumber
          {
            i += 1
          } else {
            break
          }
        }
        token = Token(
          kind: .word, text: String(c[start..<i]), range: range(line, start, i), spaceBefore: space)
      } else if ch.isASCII && ch.isNumber {
        token = lexNumeric(c, &i, line: line, space: space)
      } else if ch == "\"" {
        token = lexString(c, &i, line: line, space: space)
      } else if let sym = symbol(c, i) {
        i += sym.count
        token = Token(kind: .symbol, text: sym, range: range(line, start, i), spaceBefore: space)
      } else {
        diagnostics.append(
          .error(
            .badCharacter, "unexpected character '\(ch)'", at: range(line, i, i + 1),
            hint: "remove it; comments start with '#'"))
        i += 1
        space = false
        continue
      }
      tokens.append(token)
      space = false
    }
    return LexedLine(
      number: line, indent: indent, tokens: tokens, comment: comment,
      range: range(line, indent, c.count))
  }

  /// Full-width forms outside strings and comments (`10％`, `（`, `１２`): each run is reported once
  /// and read as the ASCII it stands for (as many characters, so columns stay right), so the
  /// rest of the line is still parsed and checked. Strings and comments keep theirs.
  mutating func readFullWidthAsASCII(_ c: inout [Character], line: Int) {
    var i = 0
    var inString = false
    while i < c.count {
      let ch = c[i]
      if inString {
        if ch == "\\" {
          i += 2
          continue
        }
        if ch == "\"" { inString = false }
      } else if ch == "#" {
        return
      } else if ch == "\"" {
        inString = true
      } else if FullWidth.ascii(ch) != nil {
        fullWidth(&c, at: i, line: line)
        continue  // read again as ASCII: it may open a string or a comment
      }
      i += 1
    }
  }

  /// Reports the run of full-width characters at `start` (`１００`, `，`) once, naming the ASCII
  /// to type instead, and puts that ASCII in their place.
  mutating func fullWidth(_ c: inout [Character], at start: Int, line: Int) {
    var end = start
    var ascii = ""
    while end < c.count, let a = FullWidth.ascii(c[end]) {
      ascii.append(a)
      end += 1
    }
    let text = String(c[start..<end])
    let what = ascii.allSatisfy { $0 == " " } ? "an ASCII space" : "the ASCII '\(ascii)'"
    diagnostics.append(
      .error(
        .badCharacter,
        "unexpected full-width character\(end - start == 1 ? "" : "s") '\(text)'",
        at: range(line, start, end),
        hint: "type \(what) instead (switch the input method to half-width)"))
    c.replaceSubrange(start..<end, with: Array(ascii))
  }

  func symbol(_ c: [Character], _ i: Int) -> String? {
    let two = i + 1 < c.count ? String(c[i...(i + 1)]) : ""
    if ["<=", ">="].contains(two) { return two }
    let one = String(c[i])
    return ["=", ",", ":", "(", ")", "+", "-", "*", "×", "/", "<", ">", "%"].contains(one)
      ? one : nil
  }

  /// Numbers (`1,000,000.50`, `15%`), periods (`2026Q1`, `2026H2`, `2026-03`), days
  /// (`2029-02-01`, lexed as periods) and times (`08:00`).
  mutating func lexNumeric(_ c: [Character], _ i: inout Int, line: Int, space: Bool) -> Token {
    let start = i
    func digit(_ k: Int) -> Bool { k < c.count && c[k].isASCII && c[k].isNumber }
    var k = i
    while digit(k) { k += 1 }
    let run = k - start
    // A clock time: two digits, a colon, two digits.
    if run == 2, k < c.count, c[k] == ":", digit(k + 1), digit(k + 2), !digit(k + 3) {
      i = k + 3
      return Token(
        kind: .time, text: String(c[start..<i]), range: range(line, start, i), spaceBefore: space)
    }
    // A period: a four-digit year then Qn, Hn or -MM.
    if run == 4, k + 1 < c.count, c[k] == "Q" || c[k] == "H", digit(k + 1), !digit(k + 2),
      !(k + 2 < c.count && c[k + 2].isLetter)
    {
      i = k + 2
      return Token(
        kind: .period, text: String(c[start..<i]), range: range(line, start, i), spaceBefore: space)
    }
    if run == 4, k < c.count, c[k] == "-", digit(k + 1), digit(k + 2), !digit(k + 3) {
      i = k + 3
      // A day (`2029-02-01`): an effective date that may cut a period.
      if i + 2 < c.count, c[i] == "-", digit(i + 1), digit(i + 2), !digit(i + 3) { i += 3 }
      return Token(
        kind: .period, text: String(c[start..<i]), range: range(line, start, i), spaceBefore: space)
    }
    // Digits with thousands separators: a comma is part of the number only when exactly three
    // digits follow it (so `30%, op` and `max(a, 1)` still read as lists).
    var plain = String(c[start..<k])
    var grouped = false
    while k < c.count, c[k] == ",", digit(k + 1), digit(k + 2), digit(k + 3), !digit(k + 4) {
      plain += String(c[(k + 1)...(k + 3)])
      k += 4
      grouped = true
    }
    if grouped && run > 3 {
      diagnostics.append(
        .error(
          .badNumber, "thousands separators must group three digits", at: range(line, start, k),
          hint: "write 1,000,000 or 1000000"))
    }
    if k + 1 < c.count, c[k] == ".", digit(k + 1) {
      var f = k + 1
      while digit(f) { f += 1 }
      plain += String(c[k..<f])
      k = f
    }
    i = k
    var value: Exact = .zero
    do {
      value = try Exact(parsing: plain)
    } catch {
      diagnostics.append(.error(.badNumber, "\(error)", at: range(line, start, k)))
    }
    if i < c.count, c[i] == "%" {
      i += 1
      var t = Token(
        kind: .percent, text: String(c[start..<i]), range: range(line, start, i), spaceBefore: space
      )
      t.number = value
      return t
    }
    var t = Token(
      kind: .number, text: String(c[start..<i]), range: range(line, start, i), spaceBefore: space)
    t.number = value
    return t
  }

  /// `"..."` with `\"` and `\\` escapes; a string must end on its line.
  mutating func lexString(_ c: [Character], _ i: inout Int, line: Int, space: Bool) -> Token {
    let start = i
    i += 1
    var value = ""
    var closed = false
    while i < c.count {
      if c[i] == "\\", i + 1 < c.count, c[i + 1] == "\"" || c[i + 1] == "\\" {
        value.append(c[i + 1])
        i += 2
      } else if c[i] == "\"" {
        i += 1
        closed = true
        break
      } else {
        value.append(c[i])
        i += 1
      }
    }
    if !closed {
      diagnostics.append(
        .error(
          .unterminatedString, "string is not closed", at: range(line, start, i),
          hint: "end it with '\"' on the same line"))
    }
    var t = Token(
      kind: .string, text: String(c[start..<i]), range: range(line, start, i), spaceBefore: space)
    t.string = value
    return t
  }
}
