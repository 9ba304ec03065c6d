import Foundation
import ParkShare

/// Reading and writing carry-state files (JSON). A state file that exists is never replaced by
/// a different one: a settled period's state is a record.
enum State {
  static func read(_ path: String) -> (state: CarryState?, problem: Diagnostic?) {
    let top = SourceRange.whole(path)
    guard let data = FileManager.default.contents(atPath: path) else {
      return (nil, .error("missing-file", "cannot read state file '\(path)'", at: top))
    }
    do {
      return (try JSONDecoder().decode(CarryState.self, from: data), nil)
    } catch {
      return (
        nil,
        .error(
          "bad-state", "'\(path)' is not a parkshare state file",
          at: top, hint: "pass the file written by --closing for the previous period")
      )
    }
  }

  /// Writes `state` to `path` (through a temporary file and a rename, so a crash leaves no half
  /// file); a diagnostic when a different file is already there.
  static func write(_ state: CarryState, to path: String) -> Diagnostic? {
    let top = SourceRange.whole(path)
    let data = Data(Output.json(state).utf8)
    if let existing = FileManager.default.contents(atPath: path) {
      if existing == data { return nil }
      return .error(
        "would-overwrite", "'\(path)' already holds a different state; it was not replaced",
        at: top, hint: "choose another path, or remove the old file if it is not a record")
    }
    let temp = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    do {
      try data.write(to: URL(fileURLWithPath: temp))
      try FileManager.default.moveItem(atPath: temp, toPath: path)
      return nil
    } catch {
      try? FileManager.default.removeItem(atPath: temp)
      return .error(
        "unwritable-file", "cannot write '\(path)': \(error.localizedDescription)", at: top)
    }
  }
}
