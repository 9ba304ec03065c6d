/// `check`: each contract file checked on its own, with the files its diagnostics quote.
public enum CheckUseCase {
  public struct Request: Sendable {
    public var files: [String]
    public var allowOutsideFiles: Bool

    public init(files: [String], allowOutsideFiles: Bool = false) {
      self.files = files
      self.allowOutsideFiles = allowOutsideFiles
    }
  }

  /// One file's result; `sources` are for showing its diagnostics and are not part of the JSON.
  public struct FileResult: Encodable {
    public var file: String
    public var contract: Contract?
    public var diagnostics: [Diagnostic]
    public var sources: [SourceFile]

    enum CodingKeys: String, CodingKey { case file, contract, diagnostics }
  }

  public static func run(_ request: Request) -> [FileResult] {
    request.files.map { path in
      let (source, result) = Checker.check(
        path: path, allowOutsideFiles: request.allowOutsideFiles)
      return FileResult(
        file: path, contract: result.contract, diagnostics: result.diagnostics,
        sources: (source.map { [$0] } ?? []) + result.sources)
    }
  }
}
