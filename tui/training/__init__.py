"""Training in the app: hyperparameters and the thread-worker runner."""
