/// A refused row of a readings file, found on the slow pass that names every problem.
struct RowProblem: Sendable {
  var file: Int
  var line: Int
  /// 1-based character columns of the offending field, `[start, end)`.
  var columns: Range<Int>
  var id: DiagnosticID
  var message: String
  var hint: String?
  var text: String
  /// The unknown meter id, for `unknown-meter`.
  var meter: String? = nil
  /// The (meter, interval) read twice, for `duplicate-interval`.
  var interval: Int? = nil
}
