extension Allocator {
  /// Which caps and floors bind, and the parties left free (with what the split gave them),
  /// round by round as docs/statement.md words it: every round looks at every limit again, and
  /// a round may bind a single cap, so `cap each` over n members costs up to n rounds of n.
  /// `fixedPoint` gives the same answer by water-filling; this stays for what water-filling
  /// cannot order (a party named twice) and as the reference the tests hold it to.
  func fixedPointByRounds(_ caps: [CapHold], _ floors: [FloorHold], _ flow: Flow)
    throws(EvaluationFailure) -> (
      caps: [CapHold], floors: [FloorHold], drained: [String],
      free: [(party: String, amount: Fraction)]
    )
  {
    let take = try takes(flow)
    let candidates = flow.lastSplit.filter { $0.amount > .zero }
    var capBound = [Bool](repeating: false, count: caps.count)
    var floorBound = [Bool](repeating: false, count: floors.count)
    var held: Set<String> = []
    var drained: [String] = []
    var net = Fraction.zero
    while true {
      let free = candidates.filter { !held.contains($0.party) }
      let value = try valuation(free: free, take: take, net: net)
      var bound = false
      for (k, hold) in caps.enumerated() where !capBound[k] {
        var sum = Fraction.zero
        for m in hold.members {
          let v = try value(m)
          sum = try exact { () throws(ArithmeticError) in try sum + v }
        }
        guard hold.allowed < sum else { continue }
        capBound[k] = true
        held.formUnion(hold.members)
        let has = try exact { () throws(ArithmeticError) in
          try hold.members.map { take[$0] ?? .zero }.sum()
        }
        net = try exact { () throws(ArithmeticError) in try net + has - hold.allowed }
        bound = true
      }
      if bound { continue }
      if try bindFloors(
        floors, &floorBound, free: free, take: take, value: value, held: &held,
        drained: &drained, net: &net)
      {
        continue
      }
      return (
        caps.indices.filter { capBound[$0] }.map { caps[$0] },
        floors.indices.filter { floorBound[$0] }.map { floors[$0] }, drained, free
      )
    }
  }
}
