/// A checked expression: names resolved to what they are, literals converted to base units.
/// The revenue engine evaluates these; `Formula` never refers to source text.
public indirect enum Formula: Sendable, Hashable {
  case constant(Exact)
  case input(String)
  case meter(String)
  /// A `let`, `kpi`, `revenue`, `subsidy` or `points` definition, by id.
  case value(String)
  /// Σ over TOU bands of the meter's kWh in the band x the band's price.
  case tou(meter: String, tariff: String)
  /// Green certificates issued monthly: one per 1,000 kWh, remainders carried to the next month.
  case gec(Formula)
  /// A per-member quantity summed over the group.
  case sum(Formula)
  case min(Formula, Formula)
  case max(Formula, Formula)
  case negate(Formula)
  case binary(BinaryOperator, Formula, Formula)

  /// Every input, meter and value id this formula reads.
  public var references: [String] {
    switch self {
    case .constant: []
    case .input(let id), .meter(let id), .value(let id): [id]
    case .tou(let m, let t): [m, t]
    case .gec(let f), .sum(let f), .negate(let f): f.references
    case .min(let a, let b), .max(let a, let b), .binary(_, let a, let b):
      a.references + b.references
    }
  }
}
