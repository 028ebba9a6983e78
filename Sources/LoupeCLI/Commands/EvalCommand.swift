import ArgumentParser

/// `loupe eval KIND`: evaluate predictions in files against ground truth in files, without a workspace.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate predictions in files against ground truth in files (no workspace needed).",
        discussion: """
            The numbers equal the reference implementations': pycocotools for `coco`, the VOC devkit \
            (or Padilla et al.'s toolkit, with --inclusive-pixels) for `voc`, scikit-learn for \
            `classification`. To evaluate a model run stored in a workspace, use `loupe runs eval`.
            """,
        subcommands: [EvalCOCOCommand.self, EvalVOCCommand.self, EvalClassificationCommand.self, EvalSegmentationCommand.self])
}
