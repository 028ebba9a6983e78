import Foundation

/// `../shared/data` beside the checkout (real peer data with expected values), found from this
/// file: Tests/LoupeCatalogTests/SharedData.swift → package root → ../shared/data.
let sharedData = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/data")
