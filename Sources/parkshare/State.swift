import Foundation
import ParkShare

/// Reading and writing carry-state files (JSON). A state file that exists is never replaced by
/// a different one: a settled period's state is a record.
enum State {
  /// The opening state at `path`, checked against `contract` (`CarryStateReader`).
  static func read(_ path: String, contract: Contract) -> (
    state: CarryState?, problems: [Diagnostic]
  ) {
    CarryStateReader.read(path, contract: contract)
  }

  /// The state file's text, so its problems are shown with their line.
  static func source(_ path: String) -> [SourceFile] {
    guard case .success(let text) = Limits.readText(path, maxBytes: Limits.tableBytes) else {
      return []
    }
    return [SourceFile(path: path, text: text)]
  }

  /// Writes `state` to `path` (see `Files.writeAll`: never over a different file).
  static func write(_ state: CarryState, to path: String) -> Diagnostic? {
    if case .failure(let problem) = Files.writeAll([(path, Output.json(state))]) { return problem }
    return nil
  }
}
