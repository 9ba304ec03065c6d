/// A position in a source file: 1-based line, and 1-based column counted in Unicode characters
/// (so a column under a Chinese party name means the same thing in every editor).
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }
}

/// A span of one file, `start` inclusive and `end` exclusive.
public struct SourceRange: Sendable, Hashable, Codable, CustomStringConvertible {
  public var file: String
  public var start: SourceLocation
  public var end: SourceLocation

  public init(file: String, start: SourceLocation, end: SourceLocation) {
    self.file = file
    self.start = start
    self.end = end
  }

  /// From the start of `self` to the end of `other` (same file).
  public func through(_ other: SourceRange) -> SourceRange {
    SourceRange(file: file, start: start, end: Swift.max(end, other.end))
  }

  /// `file:line:col`, the form every diagnostic and every statement clause uses.
  /// A whole file (a directory, a missing file) has line 0 and is shown by its path alone.
  public var description: String {
    start.line == 0 ? file : "\(file):\(start.line):\(start.column)"
  }

  /// The file as a whole, for problems no line of it shows.
  public static func whole(_ file: String) -> SourceRange {
    SourceRange(file: file, start: .init(line: 0, column: 0), end: .init(line: 0, column: 0))
  }
  /// `file:line`, for citing a clause.
  public var clause: String { "\(file):\(start.line)" }

  /// The line a clause (`file:line`) cites; the renderer marks that line's text.
  public init(clause: String) {
    let colon = clause.lastIndex(of: ":")
    let line = colon.flatMap { Int(clause[clause.index(after: $0)...]) } ?? 0
    self.init(
      file: String(clause[..<(colon ?? clause.endIndex)]), start: .init(line: line, column: 1),
      end: .init(line: line, column: 1))
  }
}
