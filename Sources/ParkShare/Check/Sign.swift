/// The signs a formula's value can take, known without data: a set of negative, zero and
/// positive. Meters, tariffs and certificates are never negative (negative readings are refused),
/// points neither; inputs may be anything. Used to refuse a term written negative where the
/// construct is unsigned (a negative capital, pay, rate, cap, floor, reserve or subsidy).
struct Sign: OptionSet, Hashable {
  let rawValue: UInt8
  static let negative = Sign(rawValue: 1)
  static let zero = Sign(rawValue: 2)
  static let positive = Sign(rawValue: 4)
  static let nonNegative: Sign = [.zero, .positive]
  static let any: Sign = [.negative, .zero, .positive]

  init(rawValue: UInt8) { self.rawValue = rawValue }

  init(of value: Exact) {
    self = value.isZero ? .zero : (value.isNegative ? .negative : .positive)
  }

  /// Negative whenever it is not zero: written so, whatever the data.
  var isNegative: Bool { contains(.negative) && !contains(.positive) }

  var negated: Sign {
    var out: Sign = intersection(.zero)
    if contains(.negative) { out.insert(.positive) }
    if contains(.positive) { out.insert(.negative) }
    return out
  }

  /// The signs `f(a, b)` can take for every pair of signs of `self` and `other`.
  func combined(_ other: Sign, _ f: (Sign, Sign) -> Sign) -> Sign {
    var out: Sign = []
    for a in [Sign.negative, .zero, .positive] where contains(a) {
      for b in [Sign.negative, .zero, .positive] where other.contains(b) { out.formUnion(f(a, b)) }
    }
    return out
  }

  // The rules for one sign each side.
  static func sum(_ a: Sign, _ b: Sign) -> Sign {
    if a == .zero { return b }
    if b == .zero { return a }
    return a == b ? a : .any
  }

  static func product(_ a: Sign, _ b: Sign) -> Sign {
    if a == .zero || b == .zero { return .zero }
    return a == b ? .positive : .negative
  }

  static func minimum(_ a: Sign, _ b: Sign) -> Sign {
    a == .negative || b == .negative ? .negative : (a == .zero || b == .zero ? .zero : .positive)
  }

  static func maximum(_ a: Sign, _ b: Sign) -> Sign {
    a == .positive || b == .positive ? .positive : (a == .zero || b == .zero ? .zero : .negative)
  }
}

extension Checker {
  /// The signs `f` can take. Definitions are looked up in `signs`, filled in typing order (each
  /// after everything it uses), so this never recurses through definitions: only through one
  /// formula, whose depth the parser bounds.
  mutating func sign(of f: Formula) -> Sign {
    switch f {
    case .constant(let v): return Sign(of: v)
    case .input: return .any
    case .meter, .tou, .gec, .certificateStock, .column, .balance: return .nonNegative
    case .toDate(let subject, _):
      // A sum of values that are never negative is never negative; other sums can be anything.
      switch subject {
      case .meter: return .nonNegative
      case .value(let id):
        let s = symbols[id]?.kind == .points ? .nonNegative : signs[id] ?? .any
        return s.isSubset(of: .nonNegative) ? .nonNegative : .any
      case .input, .pool: return .any
      }
    case .received: return .any  // a floor's payer can go below zero
    // The largest of values never negative is never negative; a difference's can be.
    case .peak(let a): return sign(of: a).isSubset(of: .nonNegative) ? .nonNegative : .any
    case .spot: return .any  // prices can be negative
    case .prorate(let a, _, _): return sign(of: a).union(.zero)
    case .forfeit(let a, _, _, _): return sign(of: a).union(.zero)
    case .value(let id):
      if symbols[id]?.kind == .points { return .nonNegative }
      return signs[id] ?? .any
    case .sum(let a):
      let s = sign(of: a)
      return s.combined(s, Sign.sum).union(.zero)  // an empty group sums to zero
    case .negate(let a): return sign(of: a).negated
    case .min(let a, let b): return sign(of: a).combined(sign(of: b), Sign.minimum)
    case .above: return .nonNegative
    case .annuity(let p, _, _): return sign(of: p)
    case .reduction: return .nonNegative
    case .least(let a, let b): return sign(of: a).combined(sign(of: b), Sign.minimum)
    case .atLeast(let a, _): return sign(of: a).union(.zero)
    case .max(let a, let b): return sign(of: a).combined(sign(of: b), Sign.maximum)
    case .binary(let op, let a, let b):
      let (x, y) = (sign(of: a), sign(of: b))
      switch op {
      case .add: return x.combined(y, Sign.sum)
      case .subtract: return x.combined(y.negated, Sign.sum)
      case .multiply, .divide: return x.combined(y, Sign.product)
      case .less, .lessOrEqual, .greater, .greaterOrEqual: return .nonNegative
      }
    }
  }

  /// Signs of every definition typed so far, in the order they were typed: each reads only the
  /// signs stored before it, so this loop is the only way through a chain of definitions.
  mutating func fillSigns() {
    while signed < typedOrder.count {
      let id = typedOrder[signed]
      signed += 1
      if let t = typed[id] { signs[id] = sign(of: t.formula) }
    }
  }

  /// Reports `what` when it is negative whatever the data (`-3,000,000 CNY`,
  /// `-0.05 CNY/kWh x pv_gen`); a sign only the data decides is checked when settling.
  mutating func refuseNegative(
    _ f: Formula, at range: SourceRange, what: String, hint: String
  ) {
    fillSigns()
    guard sign(of: f).isNegative else { return }
    error(.negative, "\(what) cannot be negative", at: range, hint: hint)
  }
}
