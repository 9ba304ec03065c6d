/// The text of one input file, kept so diagnostics can quote the offending line.
public struct SourceFile: Sendable {
  public var path: String
  public var text: String
  public let lines: [Substring]

  public init(path: String, text: String) {
    self.path = path
    self.text = text
    var lines: [Substring] = []
    text.split(separator: "\n", omittingEmptySubsequences: false).forEach { raw in
      lines.append(raw.last == "\r" ? raw.dropLast() : raw)
    }
    self.lines = lines
  }

  /// The text of 1-based line `n`, or nil past the end.
  public func line(_ n: Int) -> Substring? {
    n >= 1 && n <= lines.count ? lines[n - 1] : nil
  }
}
