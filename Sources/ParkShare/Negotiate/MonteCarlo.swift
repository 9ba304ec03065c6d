import Dispatch

/// Many projections with random price factors, each from its own seed (the run's number mixed
/// into the scenario's seed), so the result is the same whatever the number of threads:
/// P10, P50 and P90 of each party's NPV, IRR and total received.
public struct MonteCarlo: Sendable, Codable {
  public var runs: Int
  public var seed: UInt64
  public var parties: [Party]

  public struct Party: Sendable, Codable {
    public var party: String
    public var name: String
    public var npv: Percentiles
    public var totalReceived: Percentiles
    /// Over the runs that have an IRR.
    public var irr: Percentiles?
    /// Every run's NPV in run order (for the distribution chart).
    public var npvs: [Exact]
  }

  public struct Percentiles: Sendable, Codable {
    public var p10: Exact
    public var p50: Exact
    public var p90: Exact

    /// The values at 10%, 50% and 90% of the sorted list (nearest rank).
    init?(_ values: [Exact]) {
      guard !values.isEmpty else { return nil }
      let sorted = values.sorted()
      func at(_ q: Int) -> Exact { sorted[min(sorted.count - 1, (sorted.count - 1) * q / 100)] }
      p10 = at(10)
      p50 = at(50)
      p90 = at(90)
    }
  }

  /// What a run keeps of its projection: per party (in the projection's order) the three
  /// figures the percentiles are taken of, so 1,000 runs do not hold 1,000 projections.
  struct RunFigures: Sendable {
    var parties: [(party: String, name: String)]
    var npv: [Exact]
    var totalReceived: [Exact]
    var irr: [Exact?]

    init(_ p: Projection) {
      parties = p.parties.map { ($0.party, $0.name) }
      npv = p.parties.map(\.npv)
      totalReceived = p.parties.map(\.totalReceived)
      irr = p.parties.map(\.irr)
    }
  }

  public static func run(_ sim: Simulator, runs: Int, seed: UInt64, threads: Int)
    throws(EvaluationFailure) -> MonteCarlo
  {
    let slots = UnsafeMutableBufferPointer<Result<RunFigures, EvaluationFailure>?>.allocate(
      capacity: runs)
    slots.initialize(repeating: nil)
    defer { slots.deallocate() }
    let box = ResultSlots(buffer: slots)
    // What the draws do not touch is worked out once for all runs.
    let plan = try sim.plan(adjust: nil)
    let workers = max(1, min(threads, runs))
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      // A plan of its own per worker: two threads reading one plan would contend on its
      // reference counts.
      // (The same computation succeeded just above; were a copy to fail, the worker shares the
      // first plan, which gives the same figures, only slower.)
      let plan = w == 0 ? plan : ((try? sim.plan(adjust: nil)) ?? plan)
      var r = w
      while r < runs {
        // Each run's seed depends only on the scenario's seed and the run's number.
        var mix = SplitMixRandom(seed: seed &+ UInt64(r) &* 0xD1B5_4A32_D192_ED03)
        do throws(EvaluationFailure) {
          box.put(r, .success(RunFigures(try sim.run(seed: mix.next(), plan: plan))))
        } catch {
          box.put(r, .failure(error))
        }
        r += workers
      }
    }
    var figures: [RunFigures] = []
    for r in 0..<runs {
      switch slots[r]! {
      case .success(let f): figures.append(f)
      case .failure(let e): throw e
      }
    }
    let parties = figures.first?.parties ?? []
    return MonteCarlo(
      runs: runs, seed: seed,
      parties: parties.enumerated().map { i, p in
        let npvs = figures.map { $0.npv[i] }
        return Party(
          party: p.party, name: p.name, npv: Percentiles(npvs)!,
          totalReceived: Percentiles(figures.map { $0.totalReceived[i] })!,
          irr: Percentiles(figures.compactMap { $0.irr[i] }), npvs: npvs)
      })
  }
}

/// Per-run results of parallel runs (Monte Carlo runs, `prove` cases): each worker writes only
/// its own runs' slots.
struct ResultSlots<Value>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Result<Value, EvaluationFailure>?>
  func put(_ i: Int, _ r: Result<Value, EvaluationFailure>) { buffer[i] = r }
}
