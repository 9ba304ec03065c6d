/// Renders diagnostics as `file:line:col: error[id]: message`, then the source line with a caret
/// under the offending text, then the hint and the notes. The id is the one docs/errors.md lists
/// each diagnostic under, so a reader can look up the example and the fix.
public struct DiagnosticRenderer: Sendable {
  public var sources: [String: SourceFile]

  public init(sources: [SourceFile]) {
    self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
  }

  /// Diagnostics shown of one file: a file with 400,000 mistakes prints its first 200 and
  /// one line with the count of the rest, so the output (and the memory it takes) stays small
  /// however many were found; fixing the first ones usually removes many of the rest.
  public static let shownPerFile = 200

  /// Every diagnostic, at most `shownPerFile` of each file; then, for each file that had more,
  /// a `more-problems` line counting the rest, after the problems it counts.
  public func render(_ diagnostics: [Diagnostic]) -> String {
    var out = ""
    var shown: [String: Int] = [:]
    var hidden: [(file: String, count: Int, errors: Int)] = []
    var hiddenIndex: [String: Int] = [:]
    for d in diagnostics {
      let file = d.range.file
      let n = shown[file, default: 0]
      if n < Self.shownPerFile {
        shown[file] = n + 1
        out += render(d)
        continue
      }
      let i = hiddenIndex[file] ?? hidden.count
      if i == hidden.count {
        hiddenIndex[file] = i
        hidden.append((file, 0, 0))
      }
      hidden[i].count += 1
      if d.severity == .error { hidden[i].errors += 1 }
    }
    for h in hidden {
      out += render(Self.moreProblems(h.file, count: h.count, errors: h.errors))
    }
    return out
  }

  /// The line counting what was not shown of a file.
  static func moreProblems(_ file: String, count: Int, errors: Int) -> Diagnostic {
    let problems = count == 1 ? "problem" : "problems"
    let message = "\(Limits.grouped(count)) more \(problems) in this file"
    let hint =
      "\(Limits.grouped(count + shownPerFile)) in all; the first \(shownPerFile) are shown: fix them and run again"
    return errors > 0
      ? .error(.moreProblems, message, at: .whole(file), hint: hint)
      : .warning(.moreProblems, message, at: .whole(file), hint: hint)
  }

  public func render(_ d: Diagnostic) -> String {
    var out =
      Self.visible("\(d.range): \(d.severity.rawValue)[\(d.id.rawValue)]: \(d.message)") + "\n"
    out += excerpt(
      d.range,
      text: sources[d.range.file]?.line(d.range.start.line) ?? d.quote.map { Substring($0) })
    if let hint = d.hint { out += "  hint: " + Self.visible(hint) + "\n" }
    for note in d.notes {
      out += Self.visible("\(note.range): note: \(note.message)") + "\n"
      out += excerpt(note.range, text: sources[note.range.file]?.line(note.range.start.line))
    }
    return out
  }

  /// A control character (CR, LF, ESC, ...) or a bidirectional override in a file name, a
  /// message or a hint, written as an escape (`\r`, `\u{1B}`): a raw one would break the
  /// `file:line:col` line apart, move the cursor or reorder what the terminal shows.
  static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isHidden) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\r": out += "\\r"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case _ where isHidden(scalar):
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
  static func isHidden(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// The widest excerpt shown: a longer line (a generated file, a 10,000-deep nest) is cut to a
  /// window around the caret, with `...` where it was cut.
  static let window = 160

  /// ` 12 | text` and a caret line; nothing when the file or line is not known.
  func excerpt(_ range: SourceRange, text: Substring?) -> String {
    guard let text else { return "" }
    let gutter = String(range.start.line)
    let pad = String(repeating: " ", count: gutter.count)
    // A quoted line shows a control character as '?' (one column, so the caret stays under
    // its text); a tab stays a tab, for the caret line repeats it.
    var chars: [Character] = text.map { c in
      c != "\t" && c.unicodeScalars.contains(where: Self.isHidden) ? "?" : c
    }
    var startIndex = min(max(range.start.column - 1, 0), chars.count)
    let endColumn = range.end.line == range.start.line ? range.end.column : chars.count + 1
    var endIndex = min(max(endColumn - 1, startIndex + 1), max(chars.count, startIndex + 1))
    // A place known only by its line (a clause cited as file:line): its text is marked.
    if range.start == range.end && range.start.column == 1,
      let first = chars.firstIndex(where: { !$0.isWhitespace })
    {
      startIndex = first
      endIndex = (chars.lastIndex { !$0.isWhitespace } ?? first) + 1
    }
    if chars.count > Self.window {
      let from = max(0, min(startIndex - Self.window / 3, chars.count - Self.window))
      let to = min(chars.count, from + Self.window)
      let head: [Character] = from > 0 ? [".", ".", "."] : []
      chars = head + Array(chars[from..<to]) + (to < chars.count ? [".", ".", "."] : [])
      startIndex = startIndex - from + head.count
      endIndex = min(endIndex - from + head.count, chars.count)
    }
    let lead = chars[0..<startIndex].map { (c: Character) -> String in
      c == "\t" ? "\t" : String(repeating: " ", count: c.displayWidth)
    }
    .joined()
    let marked: [Character] =
      startIndex < chars.count ? Array(chars[startIndex..<Swift.min(endIndex, chars.count)]) : []
    let markWidth = Swift.max(marked.reduce(0) { $0 + $1.displayWidth }, 1)
    let caret = "^" + String(repeating: "~", count: markWidth - 1)
    return " \(gutter) | \(String(chars))\n \(pad) | \(lead)\(caret)\n"
  }
}

extension Character {
  /// Terminal columns: 2 for East Asian wide and full-width characters, else 1.
  var displayWidth: Int {
    guard let v = unicodeScalars.first?.value else { return 1 }
    switch v {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x20000...0x3FFFD:
      return 2
    default:
      return 1
    }
  }
}
