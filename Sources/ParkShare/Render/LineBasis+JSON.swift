// A line's basis and rate are written in JSON outputs and ledger records as the English
// statement text they have always been (a ledger hashes those bytes); a record read back keeps
// the text as recorded, since the values behind it are not in the record.

extension LineBasis: Codable {
  public init(from decoder: any Decoder) throws {
    self = .recorded(try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(Wording.en.basis(self))
  }
}

extension LineRate: Codable {
  public init(from decoder: any Decoder) throws {
    self = .recorded(try decoder.singleValueContainer().decode(String.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(Wording.en.rate(self))
  }
}
