extension Allocator {
  /// Which caps and floors bind, and the parties left free (with what the split gave them): the
  /// fixed point of docs/statement.md, "Caps and floors", step 2.
  ///
  /// The rounds bind caps until none binds, then floors, then drain the parties floors would
  /// take below zero, and start again after any of these binds. The caps' rounds are replaced
  /// here by one sorted walk (`bindCaps`), so `cap each` over a registry of n members costs
  /// O(n log n), not up to n rounds of n; floors and draining are looked at as the rounds do
  /// (a contract names its floors one by one). Same bound limits, same free parties, in the
  /// same order, as `fixedPointByRounds`: the lines are built from these alone.
  func fixedPoint(_ caps: [CapHold], _ floors: [FloorHold], _ flow: Flow)
    throws(EvaluationFailure) -> (
      caps: [CapHold], floors: [FloorHold], drained: [String],
      free: [(party: String, amount: Fraction)]
    )
  {
    let candidates = flow.lastSplit.filter { $0.amount > .zero }
    // A party the split names twice is weighed twice but valued once, and a member a cap names
    // twice is valued twice but freed once: the walk's order does not hold for either.
    let named = Set(candidates.map(\.party))
    if limitsByRounds || named.count != candidates.count
      || caps.contains(where: { $0.members.count > 1 && Set($0.members).count != $0.members.count })
    {
      return try fixedPointByRounds(caps, floors, flow)
    }
    let take = try takes(flow)
    var capBound = [Bool](repeating: false, count: caps.count)
    var floorBound = [Bool](repeating: false, count: floors.count)
    var held: Set<String> = []
    var drained: [String] = []
    var net = Fraction.zero
    while true {
      try bindCaps(caps, &capBound, take: take, candidates, &held, net: &net)
      let free = candidates.filter { !held.contains($0.party) }
      let value = try valuation(free: free, take: take, net: net)
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

  /// What each party ends with at the current level: its own take, plus, when it is free, its
  /// split weight times the level (`net`, what the bound limits hand the free parties, over
  /// their weight; 0 with no weight left).
  func valuation(free: [(party: String, amount: Fraction)], take: [String: Fraction], net: Fraction)
    throws(EvaluationFailure) -> (String) throws(EvaluationFailure) -> Fraction
  {
    let weight = try exact { () throws(ArithmeticError) in try free.map(\.amount).sum() }
    let perWeight =
      weight.isZero ? Fraction.zero : try exact { () throws(ArithmeticError) in try net / weight }
    var shareOf: [String: Fraction] = [:]
    for f in free { shareOf[f.party] = f.amount }
    return { [self] (p: String) throws(EvaluationFailure) -> Fraction in
      let own = take[p] ?? .zero
      guard let w = shareOf[p] else { return own }
      return try exact { () throws(ArithmeticError) in try own + w * perWeight }
    }
  }

  /// One look at the floors, then at draining, as both fixed points take it: binds every floor
  /// the level leaves short of its minimum; when none binds, holds at zero each free party the
  /// floors would take below zero (floors take from the free parties, never below zero, and the
  /// rest falls on the others). True when anything was bound: the caller goes round again.
  func bindFloors(
    _ floors: [FloorHold], _ floorBound: inout [Bool], free: [(party: String, amount: Fraction)],
    take: [String: Fraction], value: (String) throws(EvaluationFailure) -> Fraction,
    held: inout Set<String>, drained: inout [String], net: inout Fraction
  ) throws(EvaluationFailure) -> Bool {
    var bound = false
    for (k, hold) in floors.enumerated() where !floorBound[k] && !held.contains(hold.party) {
      guard try value(hold.party) < hold.minimum else { continue }
      floorBound[k] = true
      held.insert(hold.party)
      let has = take[hold.party] ?? .zero
      net = try exact { () throws(ArithmeticError) in try net - (hold.minimum - has) }
      bound = true
    }
    if bound { return true }
    for f in free where !held.contains(f.party) {
      guard try value(f.party).isNegative else { continue }
      held.insert(f.party)
      drained.append(f.party)
      net = try exact { () throws(ArithmeticError) in try net + (take[f.party] ?? .zero) }
      bound = true
    }
    return bound
  }

  /// Binds every cap that rounds of caps alone would bind, from the state they start in: `net`
  /// (what the bound limits hand the free parties) shared by the free parties' weight `W` gives
  /// each unit of weight the level `L = net / W` (0 with no weight left).
  ///
  /// A cap whose parties have free weight `w` and take `own` binds when `own + w L` passes
  /// `allowed`, that is when its threshold `(allowed - own) / w` is below `L`; a cap with no
  /// free weight binds at once or never. Binding a cap below the level raises the level (its
  /// cut, `own + w L - allowed`, is more than the level its weight took), and one above would
  /// lower it; so the caps the rounds bind are those with the lowest thresholds, and walking
  /// them in order of threshold, binding while the threshold is below the level as it stands,
  /// stops exactly where the rounds do (once the free weight is used up, no cap that depends
  /// on the level is left).
  func bindCaps(
    _ caps: [CapHold], _ bound: inout [Bool], take: [String: Fraction],
    _ candidates: [(party: String, amount: Fraction)], _ held: inout Set<String>,
    net: inout Fraction
  ) throws(EvaluationFailure) {
    var weightOf: [String: Fraction] = [:]
    var weight = Fraction.zero
    for c in candidates where !held.contains(c.party) {
      weightOf[c.party] = c.amount
      weight = try exact { () throws(ArithmeticError) in try weight + c.amount }
    }
    var rising: [(k: Int, threshold: Fraction, own: Fraction, weight: Fraction)] = []
    for (k, hold) in caps.enumerated() where !bound[k] {
      var own = Fraction.zero
      var w = Fraction.zero
      for m in hold.members {
        let has = take[m] ?? .zero
        let free = weightOf[m] ?? .zero
        (own, w) = try exact { () throws(ArithmeticError) in (try own + has, try w + free) }
      }
      if w.isZero {
        // What no level changes: bound in the first round or never, before any cap that waits
        // for the level to rise.
        guard hold.allowed < own else { continue }
        bound[k] = true
        held.formUnion(hold.members)
        net = try exact { () throws(ArithmeticError) in try net + own - hold.allowed }
      } else {
        let t = try exact { () throws(ArithmeticError) in try (hold.allowed - own) / w }
        rising.append((k, t, own, w))
      }
    }
    guard !weight.isZero, !rising.isEmpty else { return }
    rising.sort { $0.threshold < $1.threshold }
    var level = try exact { () throws(ArithmeticError) in try net / weight }
    for r in rising {
      guard r.threshold < level else { break }
      bound[r.k] = true
      held.formUnion(caps[r.k].members)
      (net, weight) = try exact { () throws(ArithmeticError) in
        (try net + r.own - caps[r.k].allowed, try weight - r.weight)
      }
      guard !weight.isZero else { break }
      level = try exact { () throws(ArithmeticError) in try net / weight }
    }
  }
}
