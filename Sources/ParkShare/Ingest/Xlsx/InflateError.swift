/// Why a DEFLATE stream (RFC 1951) could not be decoded. Every corrupt stream ends in one of
/// these; none crashes or loops.
public enum InflateError: Error, Equatable, Sendable {
  /// The input ended inside a block, or before the final block.
  case truncated
  /// A block header of type 3 (reserved).
  case badBlockType
  /// A stored block whose LEN is not the complement of NLEN.
  case storedLengthMismatch
  /// More than 286 literal/length or 30 distance codes declared.
  case tooManyCodes
  /// Code lengths that describe more codes than the bit lengths allow.
  case overSubscribed
  /// Code lengths that leave codes unused (allowed only for a single one-bit code).
  case incomplete
  /// A code-length repeat (symbol 16) with no length before it.
  case repeatWithoutPrevious
  /// A code-length repeat that runs past the number of lengths declared.
  case repeatOverrun
  /// Dynamic code lengths that give the end-of-block symbol (256) no code.
  case missingEndOfBlock
  /// Bits that are no code of the table, or a reserved symbol (286, 287; distance 30, 31).
  case invalidSymbol
  /// A back-reference to before the first byte of output.
  case distanceTooFar
}
