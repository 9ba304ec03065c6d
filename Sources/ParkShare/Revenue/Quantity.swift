/// A computed value: one total, or one number per member, month and/or vintage.
///
/// Meters keep their months (certificates are issued monthly), per-group inputs their members,
/// certificate prices their vintages. Sums, differences and products work cell by cell; where
/// only a total makes sense (a ratio, `min`, `max`, a comparison) months and vintages are summed
/// first, so `supply / use` is a ratio of period totals, never a sum of monthly ratios.
public struct Quantity: Sendable, Hashable {
  public struct Dims: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let member = Dims(rawValue: 1)
    public static let month = Dims(rawValue: 2)
    public static let vintage = Dims(rawValue: 4)
    /// Demand-response events (always with their months).
    public static let event = Dims(rawValue: 8)
  }

  public var dims: Dims
  public var cells: [Facet: Exact]

  public init(_ value: Exact) {
    dims = []
    cells = [.total: value]
  }

  public init(dims: Dims, cells: [Facet: Exact]) {
    self.dims = dims
    self.cells = cells
  }

  /// The single value of a plain total.
  public var scalar: Exact? { dims.isEmpty ? cells[.total] ?? .zero : nil }

  /// Cells in a stable order: by member, month, vintage.
  public var sorted: [(facet: Facet, value: Exact)] {
    cells.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  static func project(_ f: Facet, _ dims: Dims) -> Facet {
    Facet(
      member: dims.contains(.member) ? f.member : nil,
      month: dims.contains(.month) ? f.month : nil,
      vintage: dims.contains(.vintage) ? f.vintage : nil,
      event: dims.contains(.event) ? f.event : nil)
  }

  /// Summed over `drop` (for example the months of a meter, to get its period total).
  public func collapsed(_ drop: Dims) throws(ArithmeticError) -> Quantity {
    let keep = dims.subtracting(drop)
    if keep == dims { return self }
    var out: [Facet: Exact] = [:]
    for (f, v) in sorted {
      let k = Quantity.project(f, keep)
      out[k] = try (out[k] ?? .zero) + v
    }
    if out.isEmpty { out[Quantity.project(.total, keep)] = .zero }
    return Quantity(dims: keep, cells: out)
  }

  /// Everything summed into one number.
  public func total() throws(ArithmeticError) -> Exact {
    try collapsed([.member, .month, .vintage, .event]).scalar ?? .zero
  }

  public func map(_ f: (Exact) throws(ArithmeticError) -> Exact) throws(ArithmeticError)
    -> Quantity
  {
    var out: [Facet: Exact] = [:]
    for (k, v) in cells { out[k] = try f(v) }
    return Quantity(dims: dims, cells: out)
  }

  /// Applies `op` cell by cell: a dimension only one side has is spread over the other; a cell
  /// one side lacks is passed as nil.
  static func combine(
    _ a: Quantity, _ b: Quantity,
    _ op: (Exact?, Exact?, Facet) throws(EvaluationFailure) -> Exact
  ) throws(EvaluationFailure) -> Quantity {
    // Fast paths (most operations of a period): one side a plain number, or both sides over
    // the same cells. They give what the general product below gives.
    if b.dims.isEmpty, !a.dims.isEmpty {
      let v = b.cells[.total]
      var out: [Facet: Exact] = [:]
      out.reserveCapacity(a.cells.count)
      for (f, x) in a.cells { out[f] = try op(x, v, f) }
      return Quantity(dims: a.dims, cells: out)
    }
    if a.dims.isEmpty, !b.dims.isEmpty {
      let v = a.cells[.total]
      var out: [Facet: Exact] = [:]
      out.reserveCapacity(b.cells.count)
      for (f, y) in b.cells { out[f] = try op(v, y, f) }
      return Quantity(dims: b.dims, cells: out)
    }
    if a.dims == b.dims, a.cells.count == b.cells.count,
      a.cells.keys.allSatisfy({ b.cells[$0] != nil })
    {
      var out: [Facet: Exact] = [:]
      out.reserveCapacity(a.cells.count)
      for (f, x) in a.cells { out[f] = try op(x, b.cells[f], f) }
      return Quantity(dims: a.dims, cells: out)
    }
    let dims = a.dims.union(b.dims)
    func values<T: Hashable & Comparable>(_ d: Dims, _ path: KeyPath<Facet, T?>) -> [T?] {
      guard dims.contains(d) else { return [nil] }
      var set = Set<T>()
      if a.dims.contains(d) {
        for k in a.cells.keys { if let v = k[keyPath: path] { set.insert(v) } }
      }
      if b.dims.contains(d) {
        for k in b.cells.keys { if let v = k[keyPath: path] { set.insert(v) } }
      }
      return set.sorted().map { $0 }
    }
    var out: [Facet: Exact] = [:]
    // An event lies in one month: its cells are (month, event) pairs, never every event in
    // every month.
    var eventMonths: [String: Int?] = [:]
    for q in [a, b] where q.dims.contains(.event) {
      for k in q.cells.keys { if let e = k.event { eventMonths[e] = k.month } }
    }
    for m in values(.member, \.member) {
      for mo in values(.month, \.month) {
        for v in values(.vintage, \.vintage) {
          for e in values(.event, \.event) {
            if let e, dims.contains(.month), eventMonths[e] != nil, eventMonths[e]! != mo {
              continue
            }
            let f = Facet(member: m, month: mo, vintage: v, event: e)
            out[f] = try op(a.cells[project(f, a.dims)], b.cells[project(f, b.dims)], f)
          }
        }
      }
    }
    return Quantity(dims: dims, cells: out)
  }
}

/// Why a value could not be computed from the period's data (a division by zero, a missing
/// vintage price): said in the words of the contract, with what to do.
public struct EvaluationFailure: Error, Sendable {
  public var message: String
  public var hint: String?
  /// The clause being computed when it failed, once known.
  public var clause: SourceRange?
  /// A failure already reported where it first happened (one computation read by several
  /// values: a certificate inventory's three views): not reported again.
  public var reported = false

  public init(_ message: String, hint: String? = nil, clause: SourceRange? = nil) {
    self.message = message
    self.hint = hint
    self.clause = clause
  }

  /// This failure, placed at `clause` unless a more precise place is known already.
  func at(_ clause: SourceRange) -> EvaluationFailure {
    var e = self
    e.clause = e.clause ?? clause
    return e
  }
}
