// swift-tools-version: 6.0
import PackageDescription

// Architecture (each target one layer; arrows are dependencies):
//
//   ScaleDiagnostics   source locations, diagnostics, rendering (knows no grammar)
//   ScaleModel         the checked scenario: components, traffic, events, expects
//   ScaleLanguage      lexer, parser, syntax tree, checker, formatter, lowering → ScaleModel
//   ScaleEngine        discrete-event simulation of a ScaleModel.Scenario
//   ScaleReport        text / JSON / JUnit / CSV / graph renderings of results
//   ScaleKit           one `load → check → run → report` path shared by CLI and REPL
//   ScaleLSP           the language server (`scale lsp`): JSON-RPC over stdio, no terminal
//   ScaleREPL          the REPL's logic (commands, completion, step mode); no terminal
//   CLibEdit/LineEditor  libedit, only here
//   scale              the thin CLI (swift-argument-parser)
//   scale-bench        release-mode engine benchmark
let package = Package(
  name: "scale",
  products: [
    .executable(name: "scale", targets: ["scale"]),
    .executable(name: "scale-bench", targets: ["scale-bench"]),
    .library(name: "ScaleKit", targets: ["ScaleKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
  ],
  targets: [
    .target(name: "ScaleDiagnostics"),
    .target(name: "ScaleModel"),
    .target(name: "ScaleLanguage", dependencies: ["ScaleDiagnostics", "ScaleModel"]),
    .target(
      name: "ScaleEngine",
      dependencies: [
        "ScaleModel",
        .product(name: "Histogram", package: "hdrhistogram-swift"),
        .product(name: "Collections", package: "swift-collections"),
      ]
    ),
    .target(name: "ScaleReport", dependencies: ["ScaleDiagnostics", "ScaleModel", "ScaleEngine"]),
    .target(
      name: "ScaleKit",
      dependencies: [
        "ScaleDiagnostics", "ScaleModel", "ScaleLanguage", "ScaleEngine", "ScaleReport",
      ]
    ),
    .target(name: "ScaleREPL", dependencies: ["ScaleKit"]),
    .target(name: "ScaleLSP", dependencies: ["ScaleDiagnostics", "ScaleModel", "ScaleLanguage"]),
    .systemLibrary(name: "CLibEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
    .target(name: "LineEditor", dependencies: ["CLibEdit"]),
    .executableTarget(
      name: "scale",
      dependencies: [
        "ScaleKit", "ScaleREPL", "ScaleLSP", "LineEditor",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "scale-bench",
      dependencies: [
        "ScaleEngine", "ScaleModel", "ScaleLanguage",
        .product(name: "Collections", package: "swift-collections"),
      ]
    ),
    .testTarget(name: "ScaleDiagnosticsTests", dependencies: ["ScaleDiagnostics"]),
    .testTarget(name: "ScaleModelTests", dependencies: ["ScaleModel"]),
    .testTarget(
      name: "ScaleLanguageTests", dependencies: ["ScaleLanguage"],
      resources: [.copy("Golden")]
    ),
    .testTarget(name: "ScaleEngineTests", dependencies: ["ScaleEngine"]),
    .testTarget(
      name: "ScaleReportTests", dependencies: ["ScaleReport", "ScaleEngine"],
      resources: [.copy("Golden")]
    ),
    .testTarget(name: "ScaleKitTests", dependencies: ["ScaleKit", "ScaleReport"]),
    .testTarget(name: "ScaleREPLTests", dependencies: ["ScaleREPL"]),
    .testTarget(name: "ScaleLSPTests", dependencies: ["ScaleLSP"]),
    .testTarget(name: "ScaleCLITests", dependencies: ["ScaleKit"]),
  ],
  swiftLanguageModes: [.v6]
)
