import Foundation

/// Workbooks deflated as spreadsheet programs deflate theirs. parkshare's own writer stores its
/// parts (it has no compressor), which would leave the reader's inflater out of a sample or a
/// measure: so Info-ZIP's `zip` deflates them at zlib's level 6, in the archive's order and
/// without extra fields (`-X`), the same bytes on every run.
enum Deflated {
  /// Writes `stored` (a workbook) to `path` with its parts deflated; `replacing` names parts
  /// whose bytes are taken from a file instead (moved, so a sheet too large to hold is never
  /// read into memory).
  static func write(_ stored: [UInt8], to path: String, replacing: [String: String] = [:])
    throws
  {
    let fm = FileManager.default
    let stage = path + ".stage"
    try? fm.removeItem(atPath: stage)
    try fm.createDirectory(atPath: stage, withIntermediateDirectories: true)
    defer { try? fm.removeItem(atPath: stage) }
    try Data(stored).write(to: URL(fileURLWithPath: stage + "/parts.zip"))
    let parts = try run("/usr/bin/zipinfo", ["-1", "parts.zip"], in: stage)
      .split(separator: "\n").map(String.init)
    _ = try run("/usr/bin/unzip", ["-q", "parts.zip"], in: stage)
    try fm.removeItem(atPath: stage + "/parts.zip")
    for (part, file) in replacing {
      try fm.removeItem(atPath: stage + "/" + part)
      try fm.moveItem(atPath: file, toPath: stage + "/" + part)
    }
    try? fm.removeItem(atPath: path)
    let target = URL(fileURLWithPath: path).standardizedFileURL.path
    _ = try run("/usr/bin/zip", ["-q", "-X", "-6", target] + parts, in: stage)
  }

  /// Runs `tool` in `dir`; its standard output.
  private static func run(_ tool: String, _ arguments: [String], in dir: String) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: tool)
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    p.arguments = arguments
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let bytes = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: tool])
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
