"""Modal dialogs: downloading MNIST, naming a model file."""
