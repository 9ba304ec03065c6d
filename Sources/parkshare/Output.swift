import Foundation

/// The only place the program writes to the terminal.
enum Output {
  static func out(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func err(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func json<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

/// Exit codes: 0 success, 1 input errors (contract or data), 64 usage (BSD sysexits EX_USAGE).
enum ExitCode {
  static let success: Int32 = 0
  static let inputError: Int32 = 1
  static let usage: Int32 = 64
}
