extension Allocator {
  /// A step amount whose sign only the data decides (a rate x an input, a cap from a fact): the
  /// checker refuses any written negative, and a negative one computed from the data stops the
  /// settlement at the step's clause rather than pay a negative amount, grow negative arrears or
  /// turn a cap or floor upside down. Losses and clawbacks are not terms of the language yet.
  func unsigned(_ v: Exact, _ what: String) throws(EvaluationFailure) -> Exact {
    guard v.isNegative else { return v }
    throw EvaluationFailure(
      "\(what) is \(v.grouped(places: 6)) \(currency) this period; it cannot be negative",
      hint: "check the data it is computed from")
  }
}
