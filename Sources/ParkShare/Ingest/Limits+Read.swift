import Foundation

/// Reading a whole text file within the bounds of `Limits`: in Ingest, where files are read
/// (`RegularFile`), while the bounds themselves are part of the model every stage sees.
extension Limits {
  /// Why a file could not be read as text.
  public enum ReadProblem: Error, Equatable {
    case unreadable
    case tooLarge(bytes: Int)
    case notUTF8
    /// Not text in the encoding the user named, from this line on.
    case notInEncoding(TextEncoding, line: Int)
    /// A FIFO, a device, a directory...: `RegularFile` says what.
    case notRegular(kind: String)
  }

  /// Reads a whole text file of at most `maxBytes`, checking the size before reading a byte so
  /// a 50 GB file costs nothing; regular files only (`RegularFile`).
  public static func readText(_ path: String, maxBytes: Int) -> Result<String, ReadProblem> {
    RegularFile.read(path, maxBytes: maxBytes).flatMap { data in
      String(data: data, encoding: .utf8).map { .success($0) } ?? .failure(.notUTF8)
    }
  }

  /// `readText` of a file the user says is in `encoding` (UTF-8 reads as above).
  public static func readText(_ path: String, maxBytes: Int, encoding: TextEncoding) -> Result<
    String, ReadProblem
  > {
    guard encoding != .utf8 else { return readText(path, maxBytes: maxBytes) }
    return RegularFile.read(path, maxBytes: maxBytes).flatMap { data in
      encoding.decode(data).mapError { .notInEncoding(encoding, line: $0.line) }
    }
  }

  /// `readText`, with its problem as the diagnostic to report.
  public static func read(
    _ path: String, maxBytes: Int, unreadableID: DiagnosticID = .unreadableFile,
    unreadableHint: String = "check the path and permissions", at range: SourceRange? = nil,
    encoding: TextEncoding = .utf8
  ) -> Result<String, Diagnostic> {
    readText(path, maxBytes: maxBytes, encoding: encoding).mapError {
      diagnostic(
        $0, path: path, maxBytes: maxBytes, unreadableID: unreadableID,
        unreadableHint: unreadableHint, at: range)
    }
  }

  /// The diagnostic for a file that cannot be read, is too large or is not UTF-8.
  public static func diagnostic(
    _ problem: ReadProblem, path: String, maxBytes: Int,
    unreadableID: DiagnosticID = .unreadableFile,
    unreadableHint: String = "check the path and permissions", at range: SourceRange? = nil
  ) -> Diagnostic {
    let top =
      range
      ?? SourceRange(file: path, start: .init(line: 1, column: 1), end: .init(line: 1, column: 1))
    switch problem {
    case .unreadable:
      return .error(unreadableID, "cannot read '\(path)'", at: top, hint: unreadableHint)
    case .tooLarge(let bytes):
      return .error(
        .tooLarge,
        "'\(path)' is \(grouped(bytes)) bytes, above the limit of \(size(maxBytes))", at: top,
        hint: "check that this is the right file; parkshare reads at most \(size(maxBytes)) of it")
    case .notUTF8:
      return .error(
        .notUTF8, "'\(path)' is not UTF-8 text", at: top, hint: "save the file as UTF-8")
    case .notInEncoding(let encoding, let line):
      return .error(
        .badEncoding,
        "'\(path)' is not \(encoding.rawValue.uppercased()) text: line \(line) holds bytes that encoding does not have",
        at: SourceRange(
          file: path, start: .init(line: line, column: 1), end: .init(line: line, column: 1)),
        hint: "name the encoding the file was saved in (utf-8 or gb18030), or save it as UTF-8")
    case .notRegular(let kind):
      return notRegular(path, kind: kind, at: top)
    }
  }

  /// The diagnostic for an input that is a FIFO, a device, a directory...: never read.
  public static func notRegular(_ path: String, kind: String, at range: SourceRange) -> Diagnostic {
    .error(
      .notRegularFile, "'\(path)' is \(kind), not a regular file; it was not read", at: range,
      hint: "parkshare reads regular files only: copy the data into a file and name that")
  }
}
