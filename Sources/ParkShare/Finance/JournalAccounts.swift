import Foundation

/// How journal accounts are named: one template per kind of account, with `{contract}`, `{pool}`,
/// `{source}`, `{party}` and `{fund}` filled in (each id written as an account component:
/// `storage_replacement` -> `StorageReplacement`). docs/journal.md lists the defaults; a file of
/// `key = template` lines overrides any of them.
public struct JournalAccounts: Sendable {
  public var templates: [String: String]

  public static let defaults: [(key: String, template: String)] = [
    ("pool", "Assets:Parkshare:{contract}:Pool:{pool}"),
    ("income", "Income:Parkshare:{contract}:{source}"),
    ("rounding", "Income:Parkshare:{contract}:Rounding"),
    ("distribution", "Expenses:Parkshare:{contract}:Distribution:{pool}"),
    ("payable", "Liabilities:Parkshare:{contract}:Payable:{party}"),
    ("fund", "Liabilities:Parkshare:{contract}:Fund:{fund}"),
    ("arrears", "Liabilities:Parkshare:{contract}:Arrears:{party}"),
    ("arrears-expense", "Expenses:Parkshare:{contract}:Arrears:{party}"),
    ("opening", "Equity:Parkshare:{contract}:Opening"),
    ("bank", "Assets:Parkshare:{contract}:Bank"),
    ("written-off", "Income:Parkshare:{contract}:WrittenOff"),
    ("bad-debt", "Expenses:Parkshare:{contract}:BadDebt"),
  ]

  public init() {
    templates = Dictionary(uniqueKeysWithValues: Self.defaults.map { ($0.key, $0.template) })
  }

  /// Reads `key = template` lines (`#` comments); an unknown key or a template that does not
  /// start with one of the five account types is an error naming the line.
  public static func parse(_ text: String) -> Result<JournalAccounts, JournalError> {
    var accounts = JournalAccounts()
    let roots = ["Assets", "Liabilities", "Equity", "Income", "Expenses"]
    for (i, raw) in SourceFile.lines(of: text).enumerated() {
      let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        .trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      let parts = line.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count == 2, accounts.templates[parts[0]] != nil else {
        return .failure(
          JournalError(
            line: i + 1,
            message:
              "expected 'KEY = TEMPLATE' with KEY one of \(defaults.map(\.key).joined(separator: ", "))"
          ))
      }
      guard let root = parts[1].split(separator: ":").first, roots.contains(String(root)) else {
        return .failure(
          JournalError(
            line: i + 1,
            message: "an account starts with \(roots.joined(separator: ", ")): '\(parts[1])'"))
      }
      accounts.templates[parts[0]] = parts[1]
    }
    return .success(accounts)
  }

  /// The kinds of account a journal posts to; the raw value is the key of its template.
  enum Kind: String, CaseIterable {
    case pool, income, rounding, distribution, payable, fund, arrears, opening, bank
    case arrearsExpense = "arrears-expense"
    /// A write-off of what is owed to a party (income), and of what a party owes (an expense).
    case writtenOff = "written-off"
    case badDebt = "bad-debt"
  }

  /// The account of `kind` for `values`.
  func name(_ kind: Kind, _ values: [String: String]) -> String {
    var out = templates[kind.rawValue] ?? kind.rawValue
    for (k, v) in values { out = out.replacingOccurrences(of: "{\(k)}", with: Self.component(v)) }
    return out
  }

  /// An id as an account component: `pv-export_2` -> `PvExport2`; it starts with a capital
  /// letter or a digit, as beancount requires.
  static func component(_ id: String) -> String {
    id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { part in
      part.prefix(1).uppercased() + part.dropFirst()
    }.joined()
  }
}

/// A problem with a journal's account file.
public struct JournalError: Error, Sendable {
  public var line: Int
  public var message: String
}
