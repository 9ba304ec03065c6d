/// argv split into a command, options and operands: `--k v`, `--k=v`, and `--` ending options.
/// Validation (which options a command takes) is a separate step, so usage errors are uniform.
struct Arguments {
  var command: String?
  var options: [String: String] = [:]
  var flags: Set<String> = []
  var operands: [String] = []
  /// Options that may be given more than once (`--set`), each value in order.
  var repeated: [String: [String]] = [:]
  static let repeatable: Set<String> = ["--set", "--set-a", "--set-b", "--grid"]

  struct UsageError: Error {
    var message: String
  }

  /// Parses `argv` given which options take a value and which are plain flags.
  init(_ argv: [String], valued: Set<String>, flags known: Set<String>) throws(UsageError) {
    var rest = argv[...]
    var onlyOperands = false
    while let arg = rest.popFirst() {
      if onlyOperands || !arg.hasPrefix("-") || arg == "-" {
        if command == nil && !onlyOperands { command = arg } else { operands.append(arg) }
        continue
      }
      if arg == "--" {
        onlyOperands = true
        continue
      }
      var name = arg
      var value: String? = nil
      if let eq = arg.firstIndex(of: "=") {
        name = String(arg[..<eq])
        value = String(arg[arg.index(after: eq)...])
      }
      if name == "-h" { name = "--help" }
      if known.contains(name) {
        guard value == nil else { throw UsageError(message: "option '\(name)' takes no value") }
        flags.insert(name)
      } else if valued.contains(name) {
        if value == nil { value = rest.popFirst() }
        guard let value, !value.isEmpty else {
          throw UsageError(message: "option '\(name)' needs a value")
        }
        options[name] = value
        if Self.repeatable.contains(name) { repeated[name, default: []].append(value) }
      } else {
        throw UsageError(message: "unknown option '\(name)'")
      }
    }
  }
}
