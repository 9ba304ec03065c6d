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
    var output: [UInt8] = []
    let bad = data.withUnsafeBytes { raw in
      utf8(fromGB18030: raw.bindMemory(to: UInt8.self), into: &output)
    }
    if let bad { return .failure(Problem(line: line(of: bad, in: data))) }
    var text = String(decoding: output, as: UTF8.self)
    // GB18030's byte-order mark (84 31 95 33) decodes to U+FEFF, as UTF-8's does.
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    return .success(text)
  }

  /// `input` (GB18030) as UTF-8 in `output` (replacing what it held); the offset of the first
  /// byte that is not GB18030, or nil. A line feed is never part of a GB18030 character, so a
  /// buffer cut at line feeds converts on its own.
  static func utf8(fromGB18030 input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8])
    -> Int?
  {
    output.removeAll(keepingCapacity: true)
    guard let base = input.baseAddress, input.count > 0 else { return nil }
    let cd = iconv_open("UTF-8", "GB18030")
    guard cd != iconv_t(bitPattern: -1) else { return 0 }
    defer { iconv_close(cd) }
    // A GB18030 character of 2 bytes is 3 in UTF-8, one of 4 is 4: never more than 3/2 + 1.
    output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    var inLeft = input.count
    var outLeft = output.count
    let result: Int = output.withUnsafeMutableBufferPointer { outBuf in
      var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
        .assumingMemoryBound(to: CChar.self)
      var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
        .assumingMemoryBound(to: CChar.self)
      return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
    }
    output.removeLast(outLeft)
    guard result != -1, inLeft == 0 else { return input.count - inLeft }
    return nil
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
