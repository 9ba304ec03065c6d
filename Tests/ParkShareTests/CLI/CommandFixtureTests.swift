import Foundation
import Testing

/// Command fixtures: the diagnostics that need a command rather than a contract or a bundle (a
/// ledger that refuses, an output that would be overwritten, a full disk, a bad scenario).
///
/// Each folder under Fixtures/commands holds a `run` script and the files it needs. It runs
/// with `sh -e` in a scratch copy of its folder, with the built `parkshare` first on PATH and
/// `$FIX` naming Fixtures/ (scripts copy what they share from there, so every path printed is
/// relative). Its exit status and standard error are held as NAME.expected, reviewed by eye once.
@Suite struct CommandFixtureTests {
  static let folder = Paths.fixtures.appendingPathComponent("commands")
  static let names = Paths.folders(in: folder)

  /// The script's commands, and what it printed on stderr with its exit status.
  static func run(_ name: String) throws -> (script: String, status: Int32, err: String) {
    let fm = FileManager.default
    let scratch = fm.temporaryDirectory.appendingPathComponent("parkshare-cmd-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: scratch) }
    try fm.copyItem(at: folder.appendingPathComponent(name), to: scratch)
    let script = try String(
      contentsOf: scratch.appendingPathComponent("run"), encoding: .utf8)
    let bin = Paths.binary.deletingLastPathComponent().path
    let r = try runParkshare(
      ["-e", "run"], cwd: scratch,
      environment: [
        "PATH": bin + ":/usr/bin:/bin", "FIX": Paths.fixtures.path, "LC_ALL": "C.UTF-8",
        "TMPDIR": scratch.path,
      ], shell: true)
    let err = r.err.replacingOccurrences(of: scratch.path + "/", with: "")
    return (script, r.status, err)
  }

  @Test(arguments: names)
  func command(name: String) throws {
    let r = try Self.run(name)
    let text = "exit \(r.status)\n" + r.err
    let expected = Self.folder.appendingPathComponent(name + ".expected")
    #expect(try text == Golden.check(text, at: expected), "\(name)")
    // Each fixture shows a failure or a warning: a script that ran clean tests nothing.
    #expect(r.err.contains("error[") || r.err.contains("warning["), "\(name): \(r.err)")
  }
}
