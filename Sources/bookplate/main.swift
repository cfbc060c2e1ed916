import BookplateCLI

await BookplateCommand.start()
