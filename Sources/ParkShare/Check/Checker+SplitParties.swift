extension Checker {
  /// Each party of a split by a metric or by stake takes one weight per mention: a party named
  /// twice, or named beside a registry group it belongs to (by stake, where parties and groups
  /// mix), would be paid twice. Reported at the second mention, with a note at the first;
  /// false when any was found.
  mutating func checkNamedOnce(_ parties: [Name]) -> Bool {
    var named: [String: SourceRange] = [:]
    var ok = true
    // Looked up once: a split may list thousands of parties.
    let groupOf = Dictionary(
      contract.parties.compactMap { p in p.group.map { (p.id, $0) } },
      uniquingKeysWith: { a, _ in a })
    let membersOf = Dictionary(
      contract.groups.map { ($0.id, $0.members) }, uniquingKeysWith: { a, _ in a })
    for p in parties {
      if let first = named[p.text] {
        error(
          .duplicateParty, "'\(p.text)' is named twice in this split", at: p.range,
          hint: "remove this '\(p.text)': a party named twice would be paid twice",
          notes: [.init(message: "first named here", range: first)])
        ok = false
        continue
      }
      // A member after its group, or a group after one of its members.
      if let group = groupOf[p.text], let first = named[group] {
        error(
          .duplicateParty, "'\(p.text)' is a member of '\(group)', already named in this split",
          at: p.range, hint: Self.groupOrMembers(group),
          notes: [.init(message: "'\(group)' named here", range: first)])
        ok = false
      } else if let member = membersOf[p.text]?.first(where: { named[$0] != nil }) {
        error(
          .duplicateParty,
          "'\(p.text)' includes '\(member)', already named in this split", at: p.range,
          hint: Self.groupOrMembers(p.text),
          notes: [.init(message: "'\(member)' named here", range: named[member]!)])
        ok = false
      }
      named[p.text] = p.range
    }
    return ok
  }

  static func groupOrMembers(_ group: String) -> String {
    "name '\(group)' or some of its members, not both: a member named twice would be paid twice"
  }
}
