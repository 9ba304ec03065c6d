/// Goal-seek over one contract parameter: the value, on a grid of `precision` between `low`
/// and `high`, whose projection brings a party's figure (IRR, NPV, payback, value share or
/// total received over the term) to a target. Bisection on exact grid values: the figure at
/// both bounds must lie on either side of the target; each trial halves the bracket, and a
/// trial whose figure leaves the range of the bracket's ends shows the figure is not monotonic
/// there (said, not guessed through). The answer is the end of the last bracket whose figure is
/// nearer the target.
public struct GoalSeek: Sendable, Codable {
  public enum Figure: String, Sendable, Codable, CaseIterable {
    case irr, npv, payback, share, received

    /// The figure of a party's projection; nil where it is undefined (no IRR, no payback).
    public func value(of p: Projection.Party) -> Exact? {
      switch self {
      case .irr: p.irr
      case .npv: p.npv
      case .payback: p.payback.map(Exact.init)
      case .share: p.valueShare
      case .received: p.totalReceived
      }
    }
  }

  /// `irr(esco) = 8%`: the figure, the party and the value (8% is 0.08).
  public struct Target: Sendable, Codable, Equatable {
    public var figure: Figure
    public var party: String
    public var value: Exact

    public init(figure: Figure, party: String, value: Exact) {
      self.figure = figure
      self.party = party
      self.value = value
    }

    /// `irr(esco) = 8%`, `npv(op) = 1,200,000`, `payback(esco) = 6`; nil when it is not one.
    public init?(_ text: String) {
      let parts = text.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count == 2, let open = parts[0].firstIndex(of: "("), parts[0].hasSuffix(")"),
        let figure = Figure(
          rawValue: String(parts[0][..<open]).trimmingCharacters(in: .whitespaces))
      else { return nil }
      let party = parts[0][parts[0].index(after: open)..<parts[0].index(before: parts[0].endIndex)]
        .trimmingCharacters(in: .whitespaces)
      var number = parts[1].replacingOccurrences(of: ",", with: "")
      let percent = number.hasSuffix("%")
      if percent { number.removeLast() }
      guard !party.isEmpty, var v = Exact(number.trimmingCharacters(in: .whitespaces)) else {
        return nil
      }
      // Rates and shares are percentages (`8%`); amounts and years are plain numbers: a target
      // of the other form is refused rather than read as something else.
      guard percent == (figure == .irr || figure == .share) else { return nil }
      if figure == .payback, (try? v.rounded(scale: 0, .down)).map({ $0 != v }) ?? true {
        return nil
      }
      if percent {
        guard let p = try? v * Exact.percent else { return nil }
        v = p
      }
      self.init(figure: figure, party: party, value: v)
    }
  }

  /// A value tried and the figure it gave (nil: the figure is undefined there, as an IRR of
  /// flows that never change sign).
  public struct Trial: Sendable, Codable, Equatable {
    public var value: Exact
    public var figure: Exact?
  }

  public enum Outcome: String, Sendable, Codable {
    /// The target lies between the figures of two neighbouring grid values.
    case solved
    /// The figures at both bounds lie on the same side of the target.
    case outOfRange = "out-of-range"
    /// A trial's figure left the range of its bracket: more than one answer may exist.
    case notMonotonic = "not-monotonic"
    /// The figure cannot be computed at a trial value.
    case undefined
  }

  public var parameter: String
  public var target: Target
  public var low: Exact
  public var high: Exact
  public var precision: Exact
  public var outcome: Outcome
  /// The value found (solved), and the bracket it closes: its two ends' trials.
  public var value: Exact?
  public var bracket: [Trial]?
  /// Every value tried, in order: the number of projections the search took.
  public var trials: [Trial]

  /// Searches `low...high` on the grid of `precision`; `evaluate` projects the contract with
  /// the parameter at a value and returns the figure.
  public static func run(
    parameter: String, target: Target, low: Exact, high: Exact, precision: Exact,
    evaluate: (Exact) throws(EvaluationFailure) -> Exact?
  ) throws(EvaluationFailure) -> GoalSeek {
    var seek = GoalSeek(
      parameter: parameter, target: target, low: low, high: high, precision: precision,
      outcome: .undefined, value: nil, bracket: nil, trials: [])
    func arithmetic<T>(_ body: () throws(ArithmeticError) -> T) throws(EvaluationFailure) -> T {
      do { return try body() } catch { throw EvaluationFailure("goal-seek: \(error)") }
    }
    // Grid values low + k x precision, k from 0 to the last that does not pass `high`.
    let steps = try arithmetic { () throws(ArithmeticError) -> Int128 in
      try ((high - low) / precision).rounded(scale: 0, .down).significand
    }
    guard steps >= 1 else {
      throw EvaluationFailure(
        "goal-seek: the bounds \(low) and \(high) hold no two values \(precision) apart",
        hint: "widen the bounds (--between) or refine the precision (--precision)")
    }
    func at(_ k: Int128) throws(EvaluationFailure) -> Exact {
      try arithmetic { () throws(ArithmeticError) in
        try low + Exact(significand: k, scale: 0) * precision
      }
    }
    // The figure less the target, by grid index, each value projected once.
    var tried: [Int128: Exact?] = [:]
    func gap(_ k: Int128) throws(EvaluationFailure) -> Exact? {
      if let known = tried[k] { return known }
      let x = try at(k)
      let figure = try evaluate(x)
      seek.trials.append(Trial(value: x, figure: figure))
      let d = try figure.map { f throws(EvaluationFailure) in
        try arithmetic { () throws(ArithmeticError) in try f - target.value }
      }
      tried[k] = d
      return d
    }
    var lo: Int128 = 0
    var hi = steps
    guard let dLow = try gap(lo), let dHigh = try gap(hi) else { return seek }
    if dLow.isZero || dHigh.isZero {
      let k = dLow.isZero ? lo : hi
      seek.outcome = .solved
      seek.value = try at(k)
      seek.bracket = [seek.trials[dLow.isZero ? 0 : 1]]
      return seek
    }
    guard dLow.isNegative != dHigh.isNegative else {
      seek.outcome = .outOfRange
      return seek
    }
    var (fLo, fHi) = (dLow, dHigh)
    while hi - lo > 1 {
      let mid = lo + (hi - lo) / 2
      guard let d = try gap(mid) else { return seek }
      if d.isZero {
        seek.outcome = .solved
        seek.value = try at(mid)
        seek.bracket = [seek.trials[seek.trials.count - 1]]
        return seek
      }
      // Monotonic between the ends, the figure at the middle lies between theirs.
      let (smaller, larger) = fLo < fHi ? (fLo, fHi) : (fHi, fLo)
      guard smaller < d, d < larger else {
        seek.outcome = .notMonotonic
        return seek
      }
      if d.isNegative == fLo.isNegative {
        (lo, fLo) = (mid, d)
      } else {
        (hi, fHi) = (mid, d)
      }
    }
    seek.outcome = .solved
    let nearer = fLo.magnitudeLess(than: fHi) || fLo.magnitudeEqual(fHi) ? lo : hi
    seek.value = try at(nearer)
    let ends = [try at(lo), try at(hi)]
    seek.bracket = ends.map { x in seek.trials.first { $0.value == x }! }
    return seek
  }
}

extension Exact {
  func magnitudeLess(than other: Exact) -> Bool {
    (isNegative ? negated : self) < (other.isNegative ? other.negated : other)
  }

  func magnitudeEqual(_ other: Exact) -> Bool {
    (isNegative ? negated : self) == (other.isNegative ? other.negated : other)
  }
}
