import Foundation

extension Ledger.Record {
  /// The record's bytes with `settlement`, laid out as every ledger has been written (record
  /// format 1; the digests chaining a ledger depend on these bytes, so the layout is frozen):
  /// one member a line in this order, each value encoded by the shared encoder on one line
  /// (`JSONOutput.line`; the amended record's reference `JSONOutput.spaced`), the contract
  /// digests only when known, and last the settlement as `Ledger.body` writes it.
  func encoded(_ settlement: Settlement) throws(JSONOutput.Failure) -> Data {
    var members: [(key: String, value: String)] = [
      (
        "amends",
        try amends.map { r throws(JSONOutput.Failure) in try JSONOutput.spaced(r) } ?? "null"
      ),
      ("closing", try JSONOutput.line(closing)),
      ("contract", try JSONOutput.line(contract)),
    ]
    if let contractDigest {
      members.append(("contractDigest", try JSONOutput.line(contractDigest)))
    }
    if let contractText { members.append(("contractText", try JSONOutput.line(contractText))) }
    members += [
      ("issued", try JSONOutput.line(issued)),
      ("numbers", try JSONOutput.line(numbers ?? [:])),
      ("kind", try JSONOutput.line(kind)),
      ("opening", try JSONOutput.line(opening)),
      ("period", try JSONOutput.line(period)),
      ("previous", try JSONOutput.line(previous)),
    ]
    // Only in the records of an amendment that restates later periods (older bytes unchanged).
    if let replayOf { members.append(("replayOf", try JSONOutput.line(replayOf))) }
    if let replays { members.append(("replays", try JSONOutput.line(replays))) }
    members += [
      ("sequence", try JSONOutput.line(sequence)),
      ("settlement", String(decoding: try Ledger.body(settlement), as: UTF8.self)),
    ]
    return try JSONOutput.members(members)
  }
}
