import Foundation

extension Ledger {
  /// What the records a crash left past HEAD are: HEAD is the commit point of a transaction
  /// (one record, or an amendment and the later periods it restates), so records past it were
  /// written by a run that did not finish.
  enum PastHead: Equatable {
    /// A whole transaction: one plain record, or an amendment and every restatement it
    /// announces. Taken up once each re-settles to its bytes.
    case complete
    /// An amendment followed by fewer restatements than it announces: the run stopped before
    /// it finished, so none of them is part of the ledger. They are set aside, not deleted.
    case interrupted
    /// Anything else is not what a run leaves: refused as tampering.
    case unexplained
  }

  static func pastHead(_ past: ArraySlice<Record>) -> PastHead {
    guard let first = past.first else { return .complete }
    let rest = past.dropFirst()
    let announced = first.replays ?? 0
    guard rest.allSatisfy({ $0.replayOf == first.sequence && $0.kind == .amendment }),
      first.replayOf == nil
    else { return .unexplained }
    if rest.count == announced { return .complete }
    return rest.count < announced ? .interrupted : .unexplained
  }

  /// The name an interrupted transaction's record is kept under: hidden, so no reader takes it
  /// for a record, and beside the ledger, so nothing written is lost.
  static func setAsideName(_ file: String) -> String { ".interrupted-" + file }

  /// Moves an interrupted transaction's records aside, the last first (a crash midway leaves
  /// an amendment still followed only by its own restatements: interrupted again).
  func setAside(_ past: ArraySlice<Record>) throws(Refusal) {
    for r in past.reversed() {
      let from = directory + "/" + r.file
      guard rename(from, directory + "/" + Ledger.setAsideName(r.file)) == 0 else {
        throw Refusal(
          message:
            "cannot set aside '\(r.file)', left by an amendment that was interrupted: \(String(cString: strerror(errno)))",
          hint: "fix the folder's permissions, then settle again")
      }
    }
  }
}
