import Foundation
import ParkShare

/// Where things are, found from this file's path so tests run from any working directory.
enum Paths {
  static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let root = tests.deletingLastPathComponent().deletingLastPathComponent()
  static let fixtures = tests.appendingPathComponent("Fixtures")
  static let brokenContracts = fixtures.appendingPathComponent("contracts")
  static let contracts = root.appendingPathComponent("contracts")

  /// The built `parkshare` binary beside the test bundle (the test target depends on it).
  static var binary: URL {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("parkshare"),
      Bundle.main.bundleURL.appendingPathComponent("parkshare"),
      root.appendingPathComponent(".build/debug/parkshare"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates[2]
  }

  /// The folders in `dir` (fixture bundles, command fixtures), sorted.
  static func folders(in dir: URL) -> [String] {
    let all = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return all.filter { name in
      var isDir: ObjCBool = false
      return FileManager.default.fileExists(
        atPath: dir.appendingPathComponent(name).path, isDirectory: &isDir) && isDir.boolValue
    }.sorted()
  }

  static func files(in dir: URL, ending suffix: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter {
      $0.hasSuffix(suffix)
    }.sorted()
  }
}

/// Golden files are re-recorded with PARKSHARE_RECORD=1 and reviewed with git diff.
enum Golden {
  static var recording: Bool { ProcessInfo.processInfo.environment["PARKSHARE_RECORD"] == "1" }

  /// The stored text, or (when recording) stores `actual` and returns it.
  static func check(_ actual: String, at url: URL) throws -> String {
    if recording {
      try Data(actual.utf8).write(to: url)
      return actual
    }
    // Decoded as bytes: `String(contentsOf:encoding:)` would drop a byte-order mark the
    // output must keep.
    return String(decoding: try Data(contentsOf: url), as: UTF8.self)
  }
}

/// Checks contract text in memory, reading registries from `folder`, with `name` as its path.
func checkContract(_ text: String, name: String, folder: URL) -> (
  result: Checker.Result, rendered: String
) {
  let source = SourceFile(path: name, text: text)
  let result = Checker.check(source) { file in
    (file, try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8))
  }
  return (result, DiagnosticRenderer(sources: [source] + result.sources).render(result.diagnostics))
}

/// Runs the built binary (or, with `shell`, `/bin/sh` with `args`, to set limits first);
/// returns exit status, stdout and stderr.
func runParkshare(
  _ args: [String], cwd: URL = Paths.root, environment: [String: String]? = nil,
  shell: Bool = false
) throws -> (status: Int32, out: String, err: String) {
  let p = Process()
  p.executableURL = shell ? URL(fileURLWithPath: "/bin/sh") : Paths.binary
  p.arguments = args
  p.currentDirectoryURL = cwd
  if let environment { p.environment = environment }
  let out = Pipe()
  let err = Pipe()
  p.standardOutput = out
  p.standardError = err
  try p.run()
  let o = out.fileHandleForReading.readDataToEndOfFile()
  let e = err.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return (
    p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self)
  )
}
