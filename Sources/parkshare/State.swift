import Foundation
import ParkShare

/// Reading and writing carry-state files (JSON). A state file that exists is never replaced by
/// a different one: a settled period's state is a record.
enum State {
  static func read(_ path: String) -> (state: CarryState?, problem: Diagnostic?) {
    let top = SourceRange.whole(path)
    let data: Data
    switch RegularFile.read(path, maxBytes: Limits.tableBytes) {
    case .success(let d): data = d
    case .failure(.notRegular(let kind)): return (nil, Limits.notRegular(path, kind: kind, at: top))
    case .failure(.tooLarge(let bytes)):
      return (
        nil, Limits.diagnostic(.tooLarge(bytes: bytes), path: path, maxBytes: Limits.tableBytes)
      )
    case .failure:
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

  /// Writes `state` to `path` (see `Files.writeAll`: never over a different file).
  static func write(_ state: CarryState, to path: String) -> Diagnostic? {
    if case .failure(let problem) = Files.writeAll([(path, Output.json(state))]) { return problem }
    return nil
  }
}
