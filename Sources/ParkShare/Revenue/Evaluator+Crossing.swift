extension Evaluator {
  /// A subsidy reduction on a running total (`reduce to 50% when to-date(discharge) >= 20 GWh`)
  /// applies marginally: in the period the total crosses the threshold, only the part of this
  /// period's movement beyond it is reduced, and the period's amount is divided in proportion
  /// (a subsidy per kWh pays the kWh before the threshold at the full rate). Such a reduction is
  /// judged afresh each period from the running total, never latched: a total over a window
  /// (`year`, `4 quarters`) can fall back under its threshold.
  struct Crossing {
    /// The running total before and after this period, and the threshold.
    var before: Exact
    var after: Exact
    var threshold: Exact
    /// Whether the reduction applies above the threshold (`>=`, `>`) or below it.
    var above: Bool
    var factor: Exact
  }

  /// The reductions among `triggers` whose condition compares a running total with a value.
  mutating func crossings(_ triggers: [Subsidy.Trigger]) throws(EvaluationFailure) -> [Int:
    Crossing]
  {
    var out: [Int: Crossing] = [:]
    for (i, t) in triggers.enumerated() {
      guard case .binary(let op, let a, let b) = t.condition,
        [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op)
      else { continue }
      let (run, other, flipped): (Formula, Formula, Bool)
      if case .toDate = a {
        (run, other, flipped) = (a, b, false)
      } else if case .toDate = b {
        (run, other, flipped) = (b, a, true)
      } else {
        continue
      }
      guard case .toDate(let subject, _) = run else { continue }
      let runValue = try evaluate(run)
      let after = try arithmetic { () throws(ArithmeticError) in try runValue.total() }
      let now = try periodValue(subject)
      let otherValue = try totals(evaluate(other))
      let threshold = try arithmetic { () throws(ArithmeticError) in try otherValue.total() }
      let before = try arithmetic { () throws(ArithmeticError) in try after - now }
      let greater = op == .greater || op == .greaterOrEqual
      out[i] = Crossing(
        before: before, after: after, threshold: threshold, above: greater != flipped,
        factor: t.factor)
    }
    return out
  }

  /// The factor the crossings give this period, as a numerator over the movement of their
  /// running totals: Σ over the pieces of the movement of (piece x the factors that apply on
  /// it), over the movement. Crossings on the same running total stack piece by piece (two
  /// thresholds crossed in one period give three pieces); on different totals they multiply.
  func crossingFactor(_ crossings: [Crossing]) throws(ArithmeticError) -> (
    numerator: Exact, denominator: Exact
  ) {
    var numerator = Exact.one
    var denominator = Exact.one
    let groups = Dictionary(grouping: crossings) { [$0.before, $0.after] }
    for key in groups.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
      let group = groups[key]!
      let low = Exact.min(key[0], key[1])
      let high = Exact.max(key[0], key[1])
      func factor(on lo: Exact, _ hi: Exact) throws(ArithmeticError) -> Exact {
        var f = Exact.one
        for c in group where c.above ? !(lo < c.threshold) : !(c.threshold < hi) {
          f = try f * c.factor
        }
        return f
      }
      guard low < high else {
        // No movement this period: the point itself decides.
        numerator = try numerator * factor(on: low, low)
        continue
      }
      let cuts = ([low, high] + group.map(\.threshold).filter { low < $0 && $0 < high })
      let points = Array(Set(cuts)).sorted()
      var weighted = Exact.zero
      for (lo, hi) in zip(points, points.dropFirst()) {
        weighted = try weighted + (hi - lo) * factor(on: lo, hi)
      }
      numerator = try numerator * weighted
      denominator = try denominator * (high - low)
    }
    return (numerator, denominator)
  }
}
