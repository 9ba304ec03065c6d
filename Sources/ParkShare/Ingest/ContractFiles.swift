import Foundation

/// Where the files a contract names (its party registries) are read from. A contract comes from
/// the other side of the table: `parties x from "/proc/self/environ"` or `"../../.ssh/id_rsa"`
/// must not make parkshare read, digest and quote files of the user's machine. So a named file
/// is resolved relative to the contract's folder and must stay inside it, by its name and,
/// through symbolic links, by where it really is. `--allow-outside-files` lifts the rule for a
/// contract whose files the user trusts.
public enum ContractFiles {
  /// The command-line option that allows files outside the contract's folder.
  public static let option = "--allow-outside-files"

  /// A file named in a contract that lies outside the contract's folder.
  public struct Outside: Error, Equatable {
    /// Why, in words: "is an absolute path", "leads out of the contract's folder", ...
    public var reason: String
  }

  /// The hint of every refusal.
  public static let hint =
    "name a file in the contract's folder (paths are relative to it), or run with \(option) if you trust the files this contract names"

  /// The path of `name`, as written in the contract at `contract`, from the working directory.
  public static func resolve(_ name: String, contract: String) -> String {
    let folder = (contract as NSString).deletingLastPathComponent
    return name.hasPrefix("/") || folder.isEmpty ? name : folder + "/" + name
  }

  /// Why `name` leaves the contract's folder as written: an absolute path, or `..` climbing
  /// above the folder (`a/../../x`); nil when it stays inside.
  public static func outside(_ name: String) -> Outside? {
    if name.hasPrefix("/") { return Outside(reason: "is an absolute path") }
    var depth = 0
    for part in name.split(separator: "/") {
      if part == ".." { depth -= 1 } else if part != "." { depth += 1 }
      if depth < 0 { return Outside(reason: "leads out of the contract's folder") }
    }
    return nil
  }

  /// Why the file at `path` (already resolved) is really outside `folder`, through a symbolic
  /// link on the way; nil when it is inside or does not exist (then reading it says so).
  public static func linkedOutside(_ path: String, folder: String) -> Outside? {
    guard let real = realPath(path), let base = realPath(folder.isEmpty ? "." : folder)
    else { return nil }
    let inside = base == "/" ? real.hasPrefix("/") : real.hasPrefix(base + "/")
    return inside ? nil : Outside(reason: "is a link to '\(real)', outside the contract's folder")
  }

  static func realPath(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }

  /// Reads a file named in the contract at `contract`: refused when it lies outside the
  /// contract's folder (unless `allowOutside`), is not a regular file or is over the bound of
  /// a table. The path to show in diagnostics, and the text.
  public static func read(_ name: String, contract: String, allowOutside: Bool) throws -> (
    path: String, text: String
  ) {
    let full = resolve(name, contract: contract)
    if !allowOutside {
      if let why = outside(name) { throw why }
      let folder = (contract as NSString).deletingLastPathComponent
      if let why = linkedOutside(full, folder: folder) { throw why }
    }
    return (full, try Limits.readText(full, maxBytes: Limits.tableBytes).get())
  }
}
