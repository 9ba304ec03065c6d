/// The text of one input file, kept so diagnostics can quote the offending line.
public struct SourceFile: Sendable {
  public var path: String
  public var text: String
  public let lines: [Substring]

  public init(path: String, text: String) {
    self.path = path
    self.text = text
    // CRLF files are accepted: the CR is not part of the line.
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { raw in
      raw.last == "\r" ? raw.dropLast() : raw
    }
  }

  /// The text of 1-based line `n`, or nil past the end.
  public func line(_ n: Int) -> Substring? {
    n >= 1 && n <= lines.count ? lines[n - 1] : nil
  }
}
