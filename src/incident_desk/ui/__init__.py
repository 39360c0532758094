"""The Qt screens. The only package (with app.py) that imports PySide6."""
