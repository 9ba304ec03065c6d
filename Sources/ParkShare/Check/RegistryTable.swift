/// A registry's columns as read, kept by the checker after `loadRegistry` so that a split by one
/// of its columns (`split unitholders by units`) can read and check that column only: a column no
/// split reads may hold anything (addresses, notes).
struct RegistryTable {
  struct Row {
    var member: String
    /// The row's CSV line, for errors that name the file and line.
    var range: SourceRange
    var fields: [String]
  }

  /// The registry's path as the checker read it.
  var path: String
  /// Trimmed column names, in file order.
  var header: [String]
  /// The rows that became members, in file order.
  var rows: [Row]

  /// The columns besides `id` and `name` whose every member has a number 0 or more: what a split
  /// can weigh by, listed in a hint when a split names a column the registry lacks.
  var numericColumns: [String] {
    header.indices.filter { i in
      !["id", "name"].contains(header[i]) && !rows.isEmpty
        && rows.allSatisfy { r in Self.weight(r.fields[i]) != nil }
    }.map { header[$0] }
  }

  /// A field as a weight: an exact decimal, 0 or more; nil for anything else (empty, text,
  /// negative, grouped with commas).
  static func weight(_ field: String) -> Exact? {
    let text = field.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty, let v = Exact(text), !v.isNegative else { return nil }
    return v
  }
}
