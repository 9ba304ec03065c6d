/// Renders diagnostics as `file:line:col: error: message`, then the source line with a caret
/// under the offending text, then the hint and the notes.
public struct DiagnosticRenderer: Sendable {
  public var sources: [String: SourceFile]

  public init(sources: [SourceFile]) {
    self.sources = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
  }

  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(render).joined()
  }

  public func render(_ d: Diagnostic) -> String {
    var out = "\(d.range): \(d.severity.rawValue): \(d.message)\n"
    out += excerpt(
      d.range,
      text: sources[d.range.file]?.line(d.range.start.line) ?? d.quote.map { Substring($0) })
    if let hint = d.hint { out += "  hint: \(hint)\n" }
    for note in d.notes {
      out += "\(note.range): note: \(note.message)\n"
      out += excerpt(note.range, text: sources[note.range.file]?.line(note.range.start.line))
    }
    return out
  }

  /// ` 12 | text` and a caret line; nothing when the file or line is not known.
  func excerpt(_ range: SourceRange, text: Substring?) -> String {
    guard let text else { return "" }
    let gutter = String(range.start.line)
    let pad = String(repeating: " ", count: gutter.count)
    let chars = Array(text)
    let startIndex = min(max(range.start.column - 1, 0), chars.count)
    let endColumn = range.end.line == range.start.line ? range.end.column : chars.count + 1
    let endIndex = min(max(endColumn - 1, startIndex + 1), max(chars.count, startIndex + 1))
    let lead = chars[..<startIndex].map {
      $0 == "\t" ? "\t" : String(repeating: " ", count: $0.displayWidth)
    }
    .joined()
    let marked = startIndex < chars.count ? chars[startIndex..<min(endIndex, chars.count)] : []
    let markWidth = max(marked.reduce(0) { $0 + $1.displayWidth }, 1)
    let caret = "^" + String(repeating: "~", count: markWidth - 1)
    return " \(gutter) | \(text)\n \(pad) | \(lead)\(caret)\n"
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
