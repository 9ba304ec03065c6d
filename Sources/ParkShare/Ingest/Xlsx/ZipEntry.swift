/// One entry of a ZIP archive's central directory.
public struct ZipEntry: Sendable, Equatable {
  public let name: String
  /// 0 stored, 8 deflate (the only two read).
  public let method: Int
  public let crc32: UInt32
  public let compressedSize: Int
  /// The uncompressed size the directory declares (checked against what the data gives).
  public let size: Int
  let localHeaderOffset: Int
}

/// Little-endian fields of ZIP records.
extension [UInt8] {
  func le16(_ at: Int) -> Int { Int(self[at]) | Int(self[at + 1]) << 8 }
  func le32(_ at: Int) -> Int { le16(at) | le16(at + 2) << 16 }
}
