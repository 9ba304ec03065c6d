extension ZipError {
  /// What is wrong, in words, for a diagnostic about a workbook.
  var words: String {
    switch self {
    case .unreadable(let why): "cannot be read: \(why)"
    case .notAZip: "not a ZIP archive, which every .xlsx is (another format renamed, or cut short)"
    case .truncated(let entry): "cut short\(entry.map { " in \($0)" } ?? "")"
    case .badCentralDirectory: "its ZIP directory is damaged"
    case .multiDisk: "an archive split over several files"
    case .zip64: "a ZIP64 archive (4 GiB or 65,535 entries and more), which is not read"
    case .tooManyEntries(let count, let limit): "\(count) entries, more than \(limit)"
    case .unsafeName(let n): "an entry named '\(n)' would land outside the archive"
    case .duplicateName(let n): "two entries named '\(n)'"
    case .encrypted(let entry): "\(entry) is encrypted (a password-protected workbook)"
    case .unsupportedMethod(let entry, let method): "\(entry) is compressed by method \(method)"
    case .tooLarge(let entry, let size, let limit):
      "\(entry) expands to \(size) bytes, more than the \(limit) allowed"
    case .ratioExceeded(let entry, let size, let compressed, let limit):
      "\(entry) expands \(size / max(compressed, 1)) times its \(compressed) bytes, more than \(limit) times (a zip bomb?)"
    case .sizeMismatch(let entry, let declared, let actual):
      "\(entry) holds \(actual) bytes, not the \(declared) its directory declares"
    case .crcMismatch(let entry): "\(entry) does not match its checksum (damaged)"
    case .badLocalHeader(let entry): "\(entry)'s header is damaged"
    case .corrupt(let entry, _): "\(entry)'s compressed data is damaged"
    case .missingEntry(let n): "no entry \(n)"
    }
  }
}
