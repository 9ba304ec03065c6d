/// The text of one input file, kept so diagnostics can quote the offending line.
public struct SourceFile: Sendable {
  public var path: String
  public var text: String
  public let lines: [Substring]

  public init(path: String, text: String) {
    self.path = path
    self.text = text
    self.lines = Self.lines(of: text)
  }

  /// The text of 1-based line `n`, or nil past the end.
  public func line(_ n: Int) -> Substring? {
    n >= 1 && n <= lines.count ? lines[n - 1] : nil
  }

  /// The lines of `text`, each without its line end. A line ends at LF (Unix), CR LF (Windows:
  /// Notepad and most editors in Chinese offices) or a lone CR (old Mac). Swift reads CR LF as
  /// one `Character`, so splitting at `"\n"` alone would see a Windows file as a single line.
  public static func lines(of text: String) -> [Substring] {
    text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
  }

  /// The line end the file uses, from its first line break: `fmt` writes the file back with it.
  /// A file of one line has LF.
  public var lineEnding: String {
    guard let end = text.first(where: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) else {
      return "\n"
    }
    return String(end)
  }
}
