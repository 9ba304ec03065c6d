import Dispatch

/// Tests a contract's `assert` lines like code: settles the scenario's starting period at many
/// points of the declared input ranges (the starting values, each range's ends, their corners,
/// then random points, each case from its own seed) and, for each promise a case breaks,
/// shrinks that case toward the starting values: each value moved as close to its starting
/// value as it can go while the promise still breaks (bisection on the range's grid), and for a
/// promise about a rising input, the rise made as small as it can be.
public struct Prover: Sendable {
  public let contract: Contract
  public let base: DataBundle
  public let dimensions: [Proof.Dimension]
  public let seed: UInt64
  let drivers: [Driver]
  /// Each dimension's low end, high end and starting value in grid units (10^-decimals).
  let lows: [Int128]
  let highs: [Int128]
  let starts: [Int128]

  /// Why the ranges cannot be searched: an input without a single value given a value range,
  /// a promise about an input without a range.
  public struct Refusal: Error, Sendable {
    public var message: String
    /// Where the refusal belongs: the range in the scenario (its `places` key, such as
    /// `prove.inputs.ccer_price`), or else the promise's line in the contract.
    public var place: String? = nil
    public var clause: SourceRange? = nil
    public var hint: String? = nil
  }

  /// The finest grid a range is searched on: 10^-12 (ranges with more places are refused, not
  /// cut).
  static let maxDecimals = 12

  /// What a run should know before it starts: each range whose starting value (the bundle's)
  /// lies outside it, so cases start from the nearest end (a warning, at the range).
  public private(set) var outside: [(place: String, message: String)] = []

  /// The most corners tried before random cases (2^10): beyond ten ranges, corners are left to
  /// the random cases.
  static let maxCornerRanges = 10

  public init(contract: Contract, base: DataBundle, ranges: [Scenario.Range], seed: UInt64)
    throws(Refusal)
  {
    self.contract = contract
    self.base = base
    self.seed = seed
    var dims: [Proof.Dimension] = []
    var lows: [Int128] = []
    var highs: [Int128] = []
    var starts: [Int128] = []
    for r in ranges {
      var start = Exact.one
      if case .input(let id) = r.driver, r.kind == .value {
        guard let values = base.facts.values[id], values.count == 1, let only = values.first
        else {
          throw Refusal(
            message:
              "'\(id)' has several values in \(base.period) (by member, month or vintage), so it has no one value to search",
            place: r.place, hint: "give it a factor range in prove.factors instead")
        }
        start = only.value.value
      }
      // A range that moves nothing would make every case the same one: never searched quietly.
      if case .kWh(let kind) = r.driver,
        !contract.meters.contains(where: { $0.kind.rawValue == kind })
      {
        throw Refusal(
          message: "'\(contract.id)' meters no \(kind), so this range would move nothing",
          place: r.place, hint: "remove it, or give a kind the contract meters")
      }
      let places = max(r.low.trimmed.scale, r.high.trimmed.scale)
      guard places <= Self.maxDecimals else {
        throw Refusal(
          message:
            "the range of \(r.driver) has \(places) decimal places; ranges are searched on a grid of at most \(Self.maxDecimals)",
          place: r.place, hint: "round the range's ends to 12 decimal places")
      }
      let floor = r.kind == .value ? 2 : 4
      let decimals = min(
        Self.maxDecimals, max(floor, places, start.trimmed.scale))
      func units(_ x: Exact) -> Int128? {
        (try? x.rounded(scale: decimals, .halfEven))
          .map { $0.significand * Self.power(decimals - $0.scale) }
      }
      // Grid units far inside Int128, so differences and sums of them cannot overflow.
      let limit = Int128(1) << 100
      guard let lo = units(r.low), let hi = units(r.high), let st = units(start),
        abs(lo) < limit, abs(hi) < limit, abs(st) < limit
      else {
        throw Refusal(
          message:
            "the range of \(r.driver) (\(r.low) to \(r.high) on a grid of 10^-\(decimals)) is too wide to search",
          place: r.place, hint: "narrow it")
      }
      if st < lo || st > hi {
        outside.append(
          (
            r.place,
            "the bundle's \(r.kind == .value ? "value" : "factor") of \(r.driver) (\(start.trimmed)) lies outside the range \(r.low) to \(r.high): cases start from \(st < lo ? r.low : r.high), the nearest end, and counterexamples shrink toward it"
          ))
      }
      var unit = ""
      if case .input(let id) = r.driver, r.kind == .value,
        let decl = contract.inputs.first(where: { $0.id == id }), !decl.unit.isDimensionless
      {
        unit = decl.unit.description
      }
      dims.append(
        Proof.Dimension(
          name: r.driver.description, kind: r.kind, low: r.low, high: r.high, base: start,
          decimals: decimals, unit: unit))
      lows.append(lo)
      highs.append(hi)
      starts.append(min(max(st, lo), hi))
    }
    for a in contract.assertions {
      guard let input = a.input else { continue }
      if let r = ranges.first(where: { $0.driver == .input(input) }) {
        guard r.low == r.high else { continue }
        throw Refusal(
          message:
            "the range of '\(input)' is the single value \(r.low), so line \(a.clause.start.line) (about '\(input)' rising) cannot be tested",
          place: r.place, hint: "give it a range from low to high")
      }
      throw Refusal(
        message:
          "'\(input)' has no range in the scenario's prove section, so this promise about '\(input)' rising cannot be tested",
        clause: a.clause,
        hint: "give '\(input)' a range in the scenario's prove.inputs or prove.factors")
    }
    self.dimensions = dims
    self.drivers = ranges.map(\.driver)
    self.lows = lows
    self.highs = highs
    self.starts = starts
  }

  static func power(_ n: Int) -> Int128 {
    var p: Int128 = 1
    for _ in 0..<max(0, n) { p *= 10 }
    return p
  }

  /// Values of the dimensions (on their grids) in grid units.
  public func units(_ values: [Exact]) -> [Int128] {
    values.indices.map { i in
      let x = (try? values[i].rounded(scale: dimensions[i].decimals, .halfEven)) ?? values[i]
      return x.significand * Self.power(dimensions[i].decimals - x.scale)
    }
  }

  /// Dimension `i`'s value at `u` grid units.
  func value(_ i: Int, _ u: Int128) -> Exact {
    Exact(unchecked: u, scale: dimensions[i].decimals)
  }

  /// The starting bundle with the dimensions at `point`.
  public func bundle(at point: [Int128]) throws(EvaluationFailure) -> DataBundle {
    var facts = base.facts
    var scale: [MeterKind: Exact] = [:]
    for i in point.indices {
      let x = value(i, point[i])
      switch drivers[i] {
      case .input(let id):
        guard var values = facts.values[id] else { continue }
        for facet in values.keys {
          if dimensions[i].kind == .value {
            values[facet]!.value = x
          } else {
            do { values[facet]!.value = try values[facet]!.value * x } catch {
              throw EvaluationFailure("'\(id)' x \(x): \(error)")
            }
          }
        }
        facts.values[id] = values
      case .kWh(let kind):
        if let k = MeterKind(rawValue: kind) { scale[k] = x }
      case .tariff: continue
      }
    }
    return base.projected(to: base.period, scale: scale, facts: facts)
  }

  /// The period's pools at `point`, allocated as `settle` allocates them (no opening state).
  func pools(_ point: [Int128]) throws(EvaluationFailure) -> [PoolResult] {
    do {
      return try Settlement.allocated(
        contract: contract, bundle: bundle(at: point), opening: nil, known: [:]
      ).pools
    } catch {
      // The case's values are shown beside the message wherever it is reported.
      throw EvaluationFailure(error.message, hint: error.hint, clause: error.clause)
    }
  }

  /// `input:ccer_price = 180.5, kWh:pv-generation = 1.2`.
  func describe(_ point: [Int128]) -> String {
    point.indices.map {
      "\(dimensions[$0].name) = \(value($0, $0 < point.count ? point[$0] : 0).trimmed)"
    }
    .joined(separator: ", ")
  }

  /// One case: the point, and for the dimensions a rising-input promise is about, the raised
  /// value it is compared with.
  struct Case: Sendable {
    var point: [Int128]
    var raises: [Int: Int128]
  }

  /// The dimensions promises about rising inputs move.
  var risingDimensions: [Int] {
    Set(contract.assertions.compactMap { a in a.input.flatMap { index(of: .input($0)) } })
      .sorted()
  }

  func index(of driver: Driver) -> Int? { drivers.firstIndex(of: driver) }

  /// The boundary cases, tried first: the starting values, each range's ends with the others
  /// at their starting values, then every corner (up to ten ranges), each once.
  func boundaryCases() -> [Case] {
    var points: [[Int128]] = [starts]
    for i in starts.indices {
      for end in [lows[i], highs[i]] {
        var p = starts
        p[i] = end
        points.append(p)
      }
    }
    if starts.count >= 2, starts.count <= Self.maxCornerRanges {
      for mask in 0..<(1 << starts.count) {
        points.append(starts.indices.map { mask & (1 << $0) == 0 ? lows[$0] : highs[$0] })
      }
    }
    var seen = Set<[Int128]>()
    let rising = risingDimensions
    return points.filter { seen.insert($0).inserted }.map { p in
      Case(point: p, raises: Dictionary(uniqueKeysWithValues: rising.map { ($0, highs[$0]) }))
    }
  }

  /// Case `k` past the boundary cases: each value uniform on its range's grid, and each raise
  /// between the value and the range's high end (at a random order of magnitude), from a generator seeded by the seed
  /// and `k` alone (the same cases on any number of threads).
  func randomCase(_ k: Int) -> Case {
    var rng = SplitMixRandom(seed: seed &+ UInt64(k) &* 0xD1B5_4A32_D192_ED03)
    func draw(_ lo: Int128, _ hi: Int128) -> Int128 {
      let span = UInt128(hi - lo)
      guard span > 0 else { return lo }
      let r = (UInt128(rng.next()) << 64) | UInt128(rng.next())
      return lo + Int128(r % (span + 1))
    }
    let point = starts.indices.map { draw(lows[$0], highs[$0]) }
    var raises: [Int: Int128] = [:]
    for i in risingDimensions {
      // The rise is drawn at a random order of magnitude first (one grid step up to the whole
      // range), so a drop just past a threshold is met as often as a trend over the range.
      let room = highs[i] - point[i]
      var magnitude: Int128 = 1
      var scales: [Int128] = [1]
      while magnitude < room {
        magnitude = magnitude > room / 10 ? room : magnitude * 10
        scales.append(magnitude)
      }
      let top = scales[Int(rng.next() % UInt64(scales.count))]
      raises[i] = point[i] + (room > 0 ? draw(1, min(top, room)) : 0)
    }
    return Case(point: point, raises: raises)
  }

  /// Which promises `c` breaks (in the contract's order).
  func broken(_ c: Case) throws(EvaluationFailure) -> [Bool] {
    let pools = try self.pools(c.point)
    var raised: [Int: [PoolResult]] = [:]
    var out: [Bool] = []
    for a in contract.assertions {
      out.append(try breaks(a, c, pools, &raised))
    }
    return out
  }

  func breaks(_ a: Assertion, _ c: Case, _ pools: [PoolResult], _ raised: inout [Int: [PoolResult]])
    throws(EvaluationFailure) -> Bool
  {
    do {
      guard case .monotone(let direction, let input) = a.check else {
        return !(try a.verdict(in: pools).holds)
      }
      guard let i = index(of: .input(input)), let r = c.raises[i], r != c.point[i] else {
        return false
      }
      if raised[i] == nil {
        var p = c.point
        p[i] = r
        raised[i] = try self.pools(p)
      }
      let before = try a.amount(in: pools)
      let after = try a.amount(in: raised[i]!)
      return direction == .falls ? after < before : after > before
    } catch let e as EvaluationFailure {
      throw e
    } catch {
      throw EvaluationFailure(
        "line \(a.clause.start.line) at \(describe(c.point)): \(error)", clause: a.clause)
    }
  }

  /// Runs up to `cases` cases on `threads` threads, a block at a time, stopping once every
  /// promise is broken; then shrinks each promise's first counterexample.
  public func run(cases: Int, threads: Int) throws(EvaluationFailure) -> (
    results: [Proof.Result], run: Int, unsettled: Proof.Unsettled?
  ) {
    let boundary = boundaryCases()
    let n = contract.assertions.count
    var first: [Int?] = Array(repeating: nil, count: n)
    var start = 0
    var unsettled: Proof.Unsettled? = nil
    var unsettledCases: [Int] = []
    let workers = max(1, threads)
    let block = 64 * workers
    while start < cases, first.contains(nil) {
      let count = min(block, cases - start)
      let slots = UnsafeMutableBufferPointer<Result<[Bool], EvaluationFailure>?>.allocate(
        capacity: count)
      slots.initialize(repeating: nil)
      defer { slots.deallocate() }
      let box = ResultSlots(buffer: slots)
      let from = start
      DispatchQueue.concurrentPerform(iterations: min(workers, count)) { w in
        var j = w
        while j < count {
          let k = from + j
          let c = k < boundary.count ? boundary[k] : randomCase(k)
          do throws(EvaluationFailure) { box.put(j, .success(try broken(c))) } catch {
            box.put(j, .failure(error))
          }
          j += workers
        }
      }
      for j in 0..<count {
        switch slots[j]! {
        case .failure(let e):
          // A case the contract cannot settle gives no verdict: counted, the first kept.
          if unsettled == nil {
            let k = from + j
            let c = k < boundary.count ? boundary[k] : randomCase(k)
            unsettled = Proof.Unsettled(
              count: 0, firstAt: k + 1,
              values: c.point.indices.map { value($0, c.point[$0]).trimmed },
              message: e.message, clause: e.clause)
          }
          unsettled!.count += 1
          unsettledCases.append(from + j)
        case .success(let fails):
          for a in 0..<n where first[a] == nil && fails[a] { first[a] = from + j }
        }
      }
      start += count
    }
    // A promise held in the cases that settled: those the contract cannot settle judge nothing.
    func settled(before k: Int) -> Int { k - unsettledCases.count { $0 < k } }
    var results: [Proof.Result] = []
    for (a, assertion) in contract.assertions.enumerated() {
      guard let k = first[a] else {
        results.append(
          Proof.Result(assertion: assertion, held: settled(before: start), counterexample: nil))
        continue
      }
      let c = k < boundary.count ? boundary[k] : randomCase(k)
      results.append(
        Proof.Result(
          assertion: assertion, held: settled(before: k),
          counterexample: try shrink(assertion, c, foundAt: k + 1)))
    }
    return (results, start, unsettled)
  }

  /// The smallest counterexample near `c`: each value in turn moved to its starting value if
  /// the promise still breaks there, else bisected toward it on the grid; for a promise about
  /// a rising input, that input's value and its raise closed up to the smallest rise that still
  /// breaks it; repeated while anything moves (at most eight passes). Every point kept breaks
  /// the promise.
  func shrink(_ a: Assertion, _ c: Case, foundAt: Int) throws(EvaluationFailure)
    -> Proof.Counterexample
  {
    var x = c.point
    let rising = a.input.flatMap { index(of: .input($0)) }
    var r = rising.flatMap { c.raises[$0] }
    var steps = 0
    func breaks(_ p: [Int128], _ raise: Int128?) -> Bool {
      steps += 1
      var raised: [Int: [PoolResult]] = [:]
      var raises: [Int: Int128] = [:]
      if let i = rising, let raise { raises[i] = raise }
      // A point the contract cannot settle is not kept: every point kept breaks the promise.
      do throws(EvaluationFailure) {
        return try self.breaks(a, Case(point: p, raises: raises), try self.pools(p), &raised)
      } catch {
        return false
      }
    }
    // Dimension i at u; a rising input's raise moves with it, within its range.
    func at(_ i: Int, _ u: Int128) -> ([Int128], Int128?) {
      var y = x
      y[i] = u
      guard i == rising, let r else { return (y, r) }
      return (y, min(highs[i], r + (u - x[i])))
    }
    var passes = 0
    var moved = true
    while moved && passes < 8 {
      moved = false
      passes += 1
      // A rising input is not moved toward its start: its pair is closed up below.
      for i in x.indices where x[i] != starts[i] && i != rising {
        let (y, ry) = at(i, starts[i])
        if breaks(y, ry) {
          (x, r) = (y, ry)
          moved = true
          continue
        }
        var holds = starts[i]
        var fails = x[i]
        while abs(fails - holds) > 1 {
          let mid = holds + (fails - holds) / 2
          let (y, ry) = at(i, mid)
          if breaks(y, ry) { fails = mid } else { holds = mid }
        }
        if fails != x[i] {
          (x, r) = at(i, fails)
          moved = true
        }
      }
      if let i = rising, let raise = r {
        // The raise down toward the value, then the value up toward the raise: the smallest
        // rise at which the amount still moves the wrong way.
        var holds = x[i]
        var fails = raise
        while fails - holds > 1 {
          let mid = holds + (fails - holds) / 2
          if breaks(x, mid) { fails = mid } else { holds = mid }
        }
        var low = x[i]
        var none = fails
        while none - low > 1 {
          let mid = low + (none - low) / 2
          var y = x
          y[i] = mid
          if breaks(y, fails) { low = mid } else { none = mid }
        }
        if fails != raise || low != x[i] {
          r = fails
          x[i] = low
          moved = true
        }
      }
    }
    let pools = try self.pools(x)
    var out = Proof.Counterexample(
      foundAt: foundAt, found: c.point.indices.map { value($0, c.point[$0]).trimmed },
      values: x.indices.map { value($0, x[$0]).trimmed },
      verdict: Assertion.Verdict(amount: .zero, bound: nil, holds: false), shrinkSteps: steps)
    do {
      out.verdict = try a.verdict(in: pools)
      if let i = rising, let r {
        var p = x
        p[i] = r
        out.raised = value(i, r).trimmed
        out.raisedAmount = try a.amount(in: try self.pools(p))
        out.verdict.holds = false
      }
    } catch let e as EvaluationFailure {
      throw e
    } catch {
      throw EvaluationFailure("line \(a.clause.start.line): \(error)", clause: a.clause)
    }
    return out
  }
}
