extension Allocator {
  /// Evaluates a step's condition this period, keeping both sides' values for the explanation.
  mutating func judge(_ condition: StepCondition, step: PoolStep) throws(EvaluationFailure)
    -> ConditionOutcome
  {
    guard case .binary(let op, let a, let b) = condition.formula else {
      throw EvaluationFailure("internal error: a step's condition is not a comparison")
        .at(step.clause)
    }
    do throws(EvaluationFailure) {
      let left = try scalar(a)
      let right = try scalar(b)
      let holds =
        switch op {
        case .less: left < right
        case .lessOrEqual: !(right < left)
        case .greater: right < left
        default: !(left < right)
        }
      return ConditionOutcome(
        clause: step.clause, when: condition.when, condition: condition.formula.description,
        left: left, right: right, holds: holds)
    } catch {
      throw error.at(step.clause)
    }
  }
}
