import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The text encodings parkshare reads: UTF-8 (with or without a byte-order mark), and GB18030,
/// which contains GBK and GB2312: what Excel and WPS save a CSV as on a Chinese Windows PC
/// unless told "CSV UTF-8". Decoded with the system C library's iconv, which glibc always has.
public enum TextEncoding: String, Sendable, CaseIterable {
  case utf8 = "utf-8"
  case gb18030

  /// The encoding a user names (`utf-8`, `utf8`, `gb18030`, `gbk`, `gb2312`; any case).
  public init?(named name: String) {
    switch name.lowercased() {
    case "utf-8", "utf8": self = .utf8
    // GBK and GB2312 are subsets of GB18030: decoding as GB18030 reads them exactly.
    case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
    default: return nil
    }
  }

  /// Why bytes are not text in an encoding: the 1-based line of the first byte that is not.
  public struct Problem: Error, Sendable, Equatable {
    public var line: Int
  }

  /// `data` as text, or the line where it stops being text in this encoding.
  public func decode(_ data: Data) -> Result<String, Problem> {
    switch self {
    case .utf8:
      guard let text = String(data: data, encoding: .utf8) else {
        return .failure(Problem(line: Self.line(of: Self.firstInvalidUTF8(data), in: data)))
      }
      return .success(text)
    case .gb18030:
      return Self.fromGB18030(data)
    }
  }

  static func fromGB18030(_ data: Data) -> Result<String, Problem> {
    let cd = iconv_open("UTF-8", "GB18030")
    guard cd != iconv_t(bitPattern: -1) else { return .failure(Problem(line: 1)) }
    defer { iconv_close(cd) }
    var input = data.map { CChar(bitPattern: $0) }
    // A GB18030 character of 2 bytes is 3 in UTF-8, one of 4 is 4: never more than 3/2 + 1.
    var output = [CChar](repeating: 0, count: data.count * 2 + 16)
    var inLeft = input.count
    var outLeft = output.count
    let result: Int = input.withUnsafeMutableBufferPointer { inBuf in
      output.withUnsafeMutableBufferPointer { outBuf in
        var inPtr = inBuf.baseAddress
        var outPtr = outBuf.baseAddress
        return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
      }
    }
    guard result != -1, inLeft == 0 else {
      return .failure(Problem(line: line(of: data.count - inLeft, in: data)))
    }
    var text = String(
      decoding: output.prefix(output.count - outLeft).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    // GB18030's byte-order mark (84 31 95 33) decodes to U+FEFF, as UTF-8's does.
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    return .success(text)
  }

  /// The offset of the first byte that does not begin or continue a UTF-8 character.
  static func firstInvalidUTF8(_ data: Data) -> Int {
    let bytes = [UInt8](data)
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      let n = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
      guard n > 0, i + n <= bytes.count,
        bytes[(i + 1)..<(i + n)].allSatisfy({ $0 >> 6 == 0b10 })
      else { return i }
      i += n
    }
    return bytes.count
  }

  /// The 1-based line that byte `offset` is on.
  static func line(of offset: Int, in data: Data) -> Int {
    data.prefix(offset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
  }
}
