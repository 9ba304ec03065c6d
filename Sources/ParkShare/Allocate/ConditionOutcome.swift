/// How a step's `if` / `unless` came out this period: the two sides compared, with their exact
/// values, and whether the step was taken. A step not taken pays nothing; this says why.
public struct ConditionOutcome: Sendable, Codable, Equatable {
  /// The step (JSON cites it as `file:line`).
  @ClauseText public var clause: SourceRange
  /// `if` (true) or `unless` (false).
  public var when: Bool
  /// The comparison, in contract syntax.
  public var condition: String
  public var left: Exact
  public var right: Exact
  /// Whether the comparison held.
  public var holds: Bool

  /// Whether the step was taken: `if` and the comparison held, or `unless` and it did not.
  public var taken: Bool { holds == when }

  public static func == (a: ConditionOutcome, b: ConditionOutcome) -> Bool {
    a.clause == b.clause && a.when == b.when && a.condition == b.condition && a.left == b.left
      && a.right == b.right && a.holds == b.holds
  }
}
