"""The application shell: windows that hold the screens."""
