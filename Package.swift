// swift-tools-version:6.0
import PackageDescription

// No package dependencies, ever: the toolchain's stdlib, Foundation, Dispatch and Swift Testing only.
let package = Package(
  name: "parkshare",
  products: [
    .library(name: "ParkShare", targets: ["ParkShare"]),
    .executable(name: "parkshare", targets: ["parkshare"]),
  ],
  targets: [
    .target(name: "ParkShare"),
    .executableTarget(name: "parkshare", dependencies: ["ParkShare"]),
    .executableTarget(name: "parkshare-bench", dependencies: ["ParkShare"], path: "Benchmarks"),
    .testTarget(
      name: "ParkShareTests",
      dependencies: ["ParkShare", "parkshare"],
      exclude: ["Fixtures", "Snapshots"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
