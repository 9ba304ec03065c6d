/// What the ledger knows of the contract a period was settled under: the BLAKE2b-256 of its
/// file's bytes (what `b2sum -l 256 FILE` prints, as for every input) and of its text.
///
/// The text is the file with its line ends made LF (CR LF and a lone CR, which the lexer also
/// reads as line ends) and a leading UTF-8 byte-order mark dropped; nothing else is normalised,
/// so a changed comment or a changed space is a change. A contract opened in Notepad or WPS
/// and saved with CR LF or a BOM means what it meant: it is the same text. For a file with LF
/// ends and no BOM (what `fmt` writes) both digests are equal.
public struct ContractDigest: Sendable, Hashable {
  public var bytes: String
  /// Nil for a record written before text digests were kept: it holds only the bytes' digest.
  public var text: String?

  public init(bytes: String, text: String?) {
    self.bytes = bytes
    self.text = text
  }

  /// The digests of the contract file at `path`; nil when it cannot be read.
  public static func of(_ path: String) -> ContractDigest? {
    guard case .success(let data) = RegularFile.read(path, maxBytes: Limits.contractBytes) else {
      return nil
    }
    return ContractDigest(bytes: BLAKE2b.hex(data), text: BLAKE2b.hex(normalised(Array(data))))
  }

  /// `bytes` with a leading byte-order mark dropped and every line end made LF.
  static func normalised(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while i < bytes.count {
      if bytes[i] == 0x0D {
        out.append(0x0A)
        if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
      } else {
        out.append(bytes[i])
      }
      i += 1
    }
    return out
  }

  /// The digest a contract change names: the text's, or the bytes' for an old record.
  public var shown: String { text ?? bytes }

  /// Whether `self` and `other` are the same contract text. Two text digests decide alone. A
  /// record without one is the same text as a file with the same bytes, or as a file whose text
  /// digest equals its bytes' digest (it had LF ends and no BOM, as nearly every contract
  /// settled before had); an old record of a CR LF file converted since cannot be told from a
  /// change, and is refused as one.
  public func sameText(as other: ContractDigest) -> Bool {
    if let a = text, let b = other.text { return a == b }
    return bytes == other.bytes || shown == other.shown
  }

  /// Whether `digest`, as a contract change records it, names this contract (by either digest).
  public func isNamed(by digest: String) -> Bool { digest == bytes || digest == text }
}
