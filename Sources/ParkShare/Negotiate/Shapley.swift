/// Shapley values of a cooperative game, exactly: each player's average marginal contribution
/// over every order in which the players could join. `value(S)` is the worth of coalition `S`
/// (a bitmask over the players). Exponential in the number of players: meant for the handful of
/// parties that bring assets to a deal (up to 20).
public enum Shapley {
  public static let maxPlayers = 20

  public static func values(players n: Int, value: (Int) throws(ArithmeticError) -> Exact)
    throws(ArithmeticError)
    -> [Exact]
  {
    guard n > 0 else { return [] }
    guard n <= maxPlayers else { throw .invalidWeights("more than \(maxPlayers) players") }
    // Weight of a coalition of size s joined by one more: s! (n - s - 1)! / n!.
    var factorial: [Int128] = [1]
    for k in 1...n { factorial.append(factorial[k - 1] * Int128(k)) }
    let total = Exact(unchecked: factorial[n], scale: 0)
    var worth: [Exact] = []
    worth.reserveCapacity(1 << n)
    for s in 0..<(1 << n) { worth.append(try value(s)) }
    var out = [Exact](repeating: .zero, count: n)
    for i in 0..<n {
      var sum = Exact.zero
      for s in 0..<(1 << n) where s & (1 << i) == 0 {
        let size = s.nonzeroBitCount
        let weight = Exact(unchecked: factorial[size] * factorial[n - size - 1], scale: 0)
        let marginal = try worth[s | (1 << i)] - worth[s]
        sum = try sum + weight * marginal
      }
      out[i] = try sum / total
    }
    return out
  }
}
