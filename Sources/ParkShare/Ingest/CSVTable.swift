/// A small CSV file read whole (registries: hundreds of rows). RFC 4180 quoting, CRLF, a lone
/// CR and a UTF-8 BOM are accepted. Readings, which are large, are streamed by a different reader.
public struct CSVTable: Sendable {
  public struct Row: Sendable {
    /// The 1-based line the row starts on.
    public var line: Int
    public var fields: [String]
  }

  public var header: [String]
  public var rows: [Row]

  /// Parses `text`; a malformed quote is reported with its line.
  public static func parse(_ text: String) -> Result<CSVTable, CSVError> {
    var records: [Row] = []
    var field = ""
    var fields: [String] = []
    var line = 1
    var recordLine = 1
    var inQuotes = false
    var quotedField = false
    var chars = Array(text.unicodeScalars)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0
    func endRecord() {
      fields.append(field)
      // A blank line (empty, or only spaces and tabs, as editors leave them) is no record.
      let blank =
        fields.count == 1 && !quotedField && fields[0].allSatisfy { $0 == " " || $0 == "\t" }
      if !blank {
        records.append(Row(line: recordLine, fields: fields))
      }
      fields = []
      field = ""
      quotedField = false
    }
    while i < chars.count {
      let ch = chars[i]
      if inQuotes {
        if ch == "\"" {
          if i + 1 < chars.count, chars[i + 1] == "\"" {
            field.unicodeScalars.append("\"")
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          // A line break inside quotes: CR LF, LF or a lone CR counts one line.
          if ch == "\n" || (ch == "\r" && (i + 1 == chars.count || chars[i + 1] != "\n")) {
            line += 1
          }
          field.unicodeScalars.append(ch)
        }
      } else if ch == "\"" {
        guard field.isEmpty else {
          return .failure(CSVError(line: line, message: "a quote inside an unquoted field"))
        }
        inQuotes = true
        quotedField = true
      } else if ch == "," {
        fields.append(field)
        field = ""
      } else if ch == "\r" && i + 1 < chars.count && chars[i + 1] == "\n" {
        // CRLF: the LF ends the record.
      } else if ch == "\n" || ch == "\r" {  // a lone CR ends a record too (old Mac files)
        endRecord()
        line += 1
        recordLine = line
      } else {
        field.unicodeScalars.append(ch)
      }
      i += 1
    }
    if inQuotes {
      return .failure(CSVError(line: recordLine, message: "a quoted field is not closed"))
    }
    if !field.isEmpty || !fields.isEmpty { endRecord() }
    guard let first = records.first else {
      return .failure(CSVError(line: 1, message: "the file is empty"))
    }
    return .success(CSVTable(header: first.fields, rows: Array(records.dropFirst())))
  }
}

public struct CSVError: Error, Sendable {
  public var line: Int
  public var message: String
}
