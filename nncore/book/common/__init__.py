"""The book's ``common`` package: functions, gradient, layers, optimizer."""
