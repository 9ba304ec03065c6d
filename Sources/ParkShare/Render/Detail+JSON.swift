// A detail is written in JSON outputs and ledger records as the English text it has always
// been (`what`, `value`, `source`; a ledger hashes those bytes), like a line's basis.

extension Detail: Encodable {
  enum CodingKeys: String, CodingKey { case what, value, source }

  public func encode(to encoder: any Encoder) throws {
    var (what, value, source) = Wording.en.detail(self)
    // Record format 1: the meters a ledger record leaves out were "see --json".
    if case .moreMeters = self { value = "see --json" }
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(what, forKey: .what)
    try c.encode(value, forKey: .value)
    try c.encodeIfPresent(source, forKey: .source)
  }
}
