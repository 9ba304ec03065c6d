extension Allocator {
  /// The caps of a run of limits, as they are added: two caps on the same parties (per period
  /// and over the term) hold at the tighter of the two; caps on overlapping but different sets
  /// cannot both be met by moving money among free parties in one way, and are refused.
  ///
  /// Caps kept are disjoint, so each party is in at most one: indexing them by their set and by
  /// party finds the same cap as a search of every cap would, without one: `cap each` over a
  /// registry adds a cap per member.
  struct CapHolds {
    private(set) var holds: [CapHold] = []
    private var bySet: [Set<String>: Int] = [:]
    private var byParty: [String: Int] = [:]

    mutating func add(_ hold: CapHold) throws(EvaluationFailure) {
      let set = Set(hold.members)
      if let k = bySet[set] {
        if hold.allowed < holds[k].allowed { holds[k] = hold }
        return
      }
      // The first cap added that holds any of these parties, as a search in order would find.
      if let k = hold.members.compactMap({ byParty[$0] }).min(),
        let party = hold.members.first(where: holds[k].members.contains)
      {
        throw EvaluationFailure(
          "'\(party)' is held by two caps on different parties in pool, here and at \(holds[k].step.clause.clause)",
          hint: "cap a party on its own or within one group, not both")
      }
      bySet[set] = holds.count
      for m in hold.members { byParty[m] = holds.count }
      holds.append(hold)
    }
  }
}
