extension Checker {
  /// A step's `if` / `unless`: one comparison of totals (KPIs, inputs, running totals, amounts),
  /// on a `pay`, `reserve`, `rebate` or `split`. Caps and floors act on what other steps paid,
  /// so a condition there would change other steps' bases: refused. Nil after an error.
  mutating func checkCondition(_ c: Step.Condition, step: Step) -> StepCondition? {
    switch step.kind {
    case .cap, .floor, .annual:
      error(
        .badCondition,
        "a \(step.keyword.text) cannot carry '\(c.keyword.text)': it moves money between the parties other steps paid",
        at: c.keyword.range, hint: "put the condition on the step that pays")
      return nil
    default: break
    }
    guard let t = type(c.expr) else { return nil }
    guard t.isCondition, t.per == nil else {
      error(
        .badCondition,
        t.isCondition
          ? "the condition compares values per '\(t.per!)': it needs one total"
          : "'\(c.keyword.text)' needs a comparison, like 'direct_green_ratio >= 50%'",
        at: c.expr.range,
        hint: t.isCondition ? "compare sum(...) of the value" : "compare with <, <=, > or >=")
      return nil
    }
    let when = c.keyword.text == "if"
    if let holds = constantTruth(t.formula) {
      warning(
        .constantCondition,
        "this condition \(holds ? "always holds" : "never holds"): the step is \(holds == when ? "always" : "never") taken",
        at: c.expr.range, hint: holds == when ? "drop the condition" : "drop the step")
    }
    return StepCondition(formula: t.formula, when: when)
  }

  /// Whether a comparison of constants holds; nil when it depends on the data.
  func constantTruth(_ f: Formula) -> Bool? {
    guard case .binary(let op, let a, let b) = f,
      let x = try? Checker.fold(a), let y = try? Checker.fold(b)
    else { return nil }
    switch op {
    case .less: return x < y
    case .lessOrEqual: return !(y < x)
    case .greater: return y < x
    case .greaterOrEqual: return !(x < y)
    default: return nil
    }
  }
}
