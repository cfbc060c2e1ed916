import Foundation
import PackagePlugin

/// Turns the files under a target's `Assets` folder (the web app's templates, style sheets and scripts; the API's
/// OpenAPI document) into one generated Swift file, so that they travel inside the binary instead of in a resource
/// bundle beside it that a container image or Lambda package could lose.
@main
struct EmbedWebAssets: BuildToolPlugin {
    /// One build command: `WebAssetEmbedder OUTPUT ROOT FILE...`, rerun whenever an asset changes.
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let root = target.directoryURL.appending(path: "Assets")
        let files = try Self.files(under: root)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedAssets.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) web assets of \(target.name)",
                executable: try context.tool(named: "WebAssetEmbedder").url,
                arguments: [output.path, root.path] + files.map(\.path),
                inputFiles: files, outputFiles: [output])
        ]
    }

    private static func files(under root: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var files: [URL] = []
        for case let url as URL in walker where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }
}
