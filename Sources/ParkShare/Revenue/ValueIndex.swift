/// Where each let, KPI, revenue, subsidy and points scheme of a contract is declared.
///
/// A contract of 100,000 lets looked up by a search of the list at every use would take
/// 100,000 x 100,000 steps; a contract of ten values is searched faster than a dictionary is
/// built, and projections build an evaluator for every period of every run. So the dictionary
/// is built only past `searched` values.
struct ValueIndex: Sendable {
  enum Place: Sendable {
    case definition(Int)
    case subsidy(Int)
    case points(Int)
  }

  static let searched = 32
  let places: [String: Place]?

  init(_ contract: Contract) {
    let count = contract.definitions.count + contract.subsidies.count + contract.points.count
    guard count > Self.searched else {
      places = nil
      return
    }
    var places: [String: Place] = [:]
    places.reserveCapacity(count)
    for (i, d) in contract.definitions.enumerated() {
      places[d.id] = places[d.id] ?? .definition(i)
    }
    for (i, s) in contract.subsidies.enumerated() { places[s.id] = places[s.id] ?? .subsidy(i) }
    for (i, p) in contract.points.enumerated() { places[p.id] = places[p.id] ?? .points(i) }
    self.places = places
  }
}

extension Evaluator {
  /// The let, KPI or revenue `id`.
  func definition(_ id: String) -> Definition? {
    guard let places = index.places else { return contract.definitions.first { $0.id == id } }
    guard case .definition(let i)? = places[id] else { return nil }
    return contract.definitions[i]
  }

  /// The subsidy `id`.
  func subsidy(_ id: String) -> Subsidy? {
    guard let places = index.places else { return contract.subsidies.first { $0.id == id } }
    guard case .subsidy(let i)? = places[id] else { return nil }
    return contract.subsidies[i]
  }

  /// The points scheme `id`.
  func pointsScheme(_ id: String) -> PointsScheme? {
    guard let places = index.places else { return contract.points.first { $0.id == id } }
    guard case .points(let i)? = places[id] else { return nil }
    return contract.points[i]
  }

  /// The values `id`'s formulas read, each once, in the order they are read.
  func valuesRead(by id: String) -> [String] {
    var seen: Set<String> = []
    var out: [String] = []
    for f in formulas(of: id) {
      for r in f.references where seen.insert(r).inserted {
        if definition(r) != nil || subsidy(r) != nil || pointsScheme(r) != nil { out.append(r) }
      }
    }
    return out
  }

  /// A value by id: a let, KPI, revenue, subsidy or points scheme, computed once.
  ///
  /// The values it reads are computed first, deepest first, from an explicit stack rather than
  /// by recursion, so a chain of 100,000 lets is computed in constant stack. When a value's own
  /// formula is then evaluated, every value it reads is known, has failed (and fails the same
  /// way again), or is on the stack: a cycle, refused with "depends on itself".
  mutating func value(_ id: String) throws(EvaluationFailure) -> Quantity {
    if let done = memo[id] { return done }
    if let failure = failures[id] { throw failure }
    guard !inProgress.contains(id) else {
      throw EvaluationFailure("'\(id)' depends on itself")
    }
    // Usually every value read is already known (definitions come before their uses): then
    // there is nothing to order, and the thousands of periods of a projection skip the stack.
    if formulas(of: id).allSatisfy(readsAreSettled) {
      inProgress.insert(id)
      defer { inProgress.remove(id) }
      do {
        let q = try ownValue(id)
        memo[id] = q
        return q
      } catch {
        failures[id] = error
        throw error
      }
    }
    var frames: [(id: String, reads: [String], next: Int)] = [(id, valuesRead(by: id), 0)]
    inProgress.insert(id)
    while let top = frames.indices.last {
      let frame = frames[top]
      if frame.next < frame.reads.count {
        frames[top].next += 1
        let read = frame.reads[frame.next]
        if memo[read] != nil || failures[read] != nil || inProgress.contains(read) { continue }
        inProgress.insert(read)
        frames.append((read, valuesRead(by: read), 0))
        continue
      }
      frames.removeLast()
      do {
        memo[frame.id] = try ownValue(frame.id)
      } catch {
        failures[frame.id] = error
      }
      inProgress.remove(frame.id)
    }
    if let failure = failures[id] { throw failure }
    return memo[id]!
  }

  /// Whether every value `f` reads is computed or has failed. A formula is at most 256 levels
  /// deep (the parser's bound), so this walk may recurse.
  func readsAreSettled(_ f: Formula) -> Bool {
    switch f {
    case .value(let id), .balance(let id): memo[id] != nil || failures[id] != nil
    case .constant, .input, .meter, .tou, .received, .column: true
    case .toDate(let subject, _):
      if case .value(let id) = subject { memo[id] != nil || failures[id] != nil } else { true }
    case .gec(let a), .sum(let a), .negate(let a), .peak(let a), .spot(let a, _),
      .prorate(let a, _, _), .reduction(let a, _, _, _), .certificateStock(let a, _, _):
      readsAreSettled(a)
    case .forfeit(let a, _, let l, let r), .annuity(let a, let l, let r):
      readsAreSettled(a) && readsAreSettled(l) && readsAreSettled(r)
    case .min(let a, let b), .max(let a, let b), .above(let a, let b), .least(let a, let b),
      .atLeast(let a, let b),
      .binary(_, let a, let b):
      readsAreSettled(a) && readsAreSettled(b)
    }
  }

  /// Computes one value whose reads are all settled (see `value`).
  /// A revenue's value before it is summed into its total (by month, when metered), for a
  /// period cut into sub-periods; nil for what is not a revenue definition.
  mutating func byMonth(_ id: String) throws(EvaluationFailure) -> Quantity? {
    guard let d = definition(id), d.kind == .revenue else { return nil }
    return try evaluate(d.formula)
  }

  private mutating func ownValue(_ id: String) throws(EvaluationFailure) -> Quantity {
    if let d = definition(id) {
      let raw = try evaluate(d.formula)
      return d.kind == .revenue
        ? Quantity(try arithmetic { () throws(ArithmeticError) in try raw.total() }) : raw
    } else if let s = subsidy(id) {
      return Quantity(try subsidy(s).amount)
    } else if let p = pointsScheme(id) {
      return try points(p)
    }
    throw EvaluationFailure("unknown value '\(id)'")
  }
}
